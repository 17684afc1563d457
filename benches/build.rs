//! In-process figures for rendering: compile vs PDF export of the proposal,
//! an incremental rebuild after one field changed (what `watch` does) vs a
//! cold one, 100 cases in one process on every core, and growth with the
//! number of achievements and KPIs, and what writing the documents in
//! another language costs.
//!
//! Run with `cargo bench --bench build`; README's "Performance" section keeps
//! the latest figures.

mod common;

use std::sync::Arc;

use divan::Bencher;
use promocase::diagnostic::SourceFile;
use promocase::locale::Locale;
use promocase::model::{LanguageTag, LoadedCase, parse_case};
use promocase::render::export::{self, PdfSettings};
use promocase::render::{Fonts, Job, Renderer, TemplateKind, Templates};
use promocase::rubric::{Report, Rubric, check_case};
use rayon::prelude::*;

use common::{example, today};

fn main() {
    divan::main();
}

fn load(name: &str, text: String) -> LoadedCase {
    parse_case(SourceFile::new(name, text), today()).expect("the case loads")
}

fn operations_example() -> LoadedCase {
    load(
        "operations-director.yaml",
        example("operations-director.yaml"),
    )
}

fn report(loaded: &LoadedCase) -> Report {
    check_case(loaded, &Rubric::for_case(loaded, None))
}

fn english() -> Arc<Locale> {
    promocase::render::language::built_in(&LanguageTag::english())
}

fn renderer() -> Renderer {
    Renderer::new(Templates::builtin(), Fonts::embedded())
}

fn settings() -> PdfSettings<'static> {
    PdfSettings {
        ident: "bench".into(),
        timestamp: today().and_hms_opt(0, 0, 0).expect("midnight"),
        standards: &[],
    }
}

/// Typst compile of the proposal, with typst's caches warm from the previous iteration.
#[divan::bench]
fn compile_proposal_warm(bencher: Bencher) {
    let loaded = operations_example();
    let job = Job::new(&loaded, false, &report(&loaded), english()).expect("job");
    let renderer = renderer();
    bencher.bench(|| {
        renderer
            .compile(&job, TemplateKind::Proposal)
            .expect("compiles")
    });
}

/// The proposal compiled and exported cold in each language: what a language
/// costs over English (the English row must match `compile_proposal_cold`
/// plus export, so switching languages does not slow English).
#[divan::bench(args = ["en", "de", "fi", "he"], sample_count = 20)]
fn proposal_in_language(bencher: Bencher, lang: &str) {
    let loaded = operations_example();
    let locale =
        promocase::render::language::built_in(&LanguageTag::parse(lang).expect("supported"));
    let job = Job::new(&loaded, false, &report(&loaded), locale).expect("job");
    bench_cold_build(bencher, &job);
}

/// Compiles and exports the proposal of `job` from empty caches, each iteration.
fn bench_cold_build(bencher: Bencher, job: &Job) {
    let renderer = renderer();
    let settings = settings();
    bencher.bench(|| {
        typst::comemo::evict(0);
        let compiled = renderer
            .compile(job, TemplateKind::Proposal)
            .expect("compiles");
        export::pdf(&compiled, &settings).expect("exports")
    });
}

/// Making a language's locale: its catalogue and ICU4X's formatters (once per
/// process and language in `build`, `watch` and `serve`).
#[divan::bench(args = ["en", "de", "he"])]
fn locale_setup(bencher: Bencher, lang: &str) {
    let tag = LanguageTag::parse(lang).expect("supported");
    bencher.bench(|| Locale::built_in(tag.clone()));
}

/// Typst compile of the proposal with typst's caches emptied first: a first build.
#[divan::bench]
fn compile_proposal_cold(bencher: Bencher) {
    let loaded = operations_example();
    let job = Job::new(&loaded, false, &report(&loaded), english()).expect("job");
    let renderer = renderer();
    bencher.bench(|| {
        typst::comemo::evict(0);
        renderer
            .compile(&job, TemplateKind::Proposal)
            .expect("compiles")
    });
}

/// Rebuild after one field changed, with the renderer and caches of the previous build alive.
#[divan::bench]
fn rebuild_after_one_field_changed(bencher: Bencher) {
    let text = example("operations-director.yaml");
    let renderer = renderer();
    let mut round = 0u32;
    bencher.bench_local(|| {
        round += 1;
        // A different why_now each time, as a manager editing would produce.
        let edited = text.replacen("why_now: ", &format!("why_now: (round {round}) "), 1);
        let loaded = load("operations-director.yaml", edited);
        let job = Job::new(&loaded, false, &report(&loaded), english()).expect("job");
        renderer
            .compile(&job, TemplateKind::Proposal)
            .expect("compiles")
    });
}

/// PDF export of an already compiled proposal.
#[divan::bench]
fn export_proposal_pdf(bencher: Bencher) {
    let loaded = operations_example();
    let job = Job::new(&loaded, false, &report(&loaded), english()).expect("job");
    let compiled = renderer()
        .compile(&job, TemplateKind::Proposal)
        .expect("compiles");
    let settings = settings();
    bencher.bench(|| export::pdf(&compiled, &settings).expect("exports"));
}

/// 100 varied cases, each checked, compiled and exported, on every core.
#[divan::bench(sample_count = 5)]
fn batch_100_proposals(bencher: Bencher) {
    let cases: Vec<LoadedCase> = (0..100)
        .map(|seed| load("synthetic.yaml", promocase::synthetic::case_yaml(6, seed)))
        .collect();
    let renderer = Arc::new(renderer());
    let settings = settings();
    bencher
        .counter(divan::counter::ItemsCount::new(100usize))
        .bench(|| {
            cases
                .par_iter()
                .map(|loaded| {
                    let job = Job::new(loaded, false, &report(loaded), english()).expect("job");
                    let compiled = renderer
                        .compile(&job, TemplateKind::Proposal)
                        .expect("compiles");
                    export::pdf(&compiled, &settings).expect("exports").len()
                })
                .sum::<usize>()
        });
}

/// Compile and export at growing sizes: time must grow linearly with the items.
#[divan::bench(args = [10, 100, 1000], sample_count = 5)]
fn build_growth(bencher: Bencher, items: usize) {
    let loaded = load("synthetic.yaml", promocase::synthetic::case_yaml(items, 42));
    let job = Job::new(&loaded, false, &report(&loaded), english()).expect("job");
    bench_cold_build(bencher, &job);
}
