//! In-process figures for loading and checking cases: a typical case, 1,000
//! cases on every core, and growth with the number of achievements and KPIs
//! (it must stay linear).
//!
//! Run with `cargo bench --bench check`; README's "Performance" section keeps
//! the latest figures.

mod common;

use divan::Bencher;
use promocase::diagnostic::SourceFile;
use promocase::model::parse_case;
use promocase::rubric::{Rubric, check_case};
use rayon::prelude::*;

use common::{example, today};

fn main() {
    divan::main();
}

/// Loading the operations example: read from memory, parse, locate, validate, decode.
#[divan::bench]
fn load_typical_case(bencher: Bencher) {
    let text = example("operations-director.yaml");
    bencher.bench(|| {
        parse_case(
            SourceFile::new("operations-director.yaml", text.as_str()),
            today(),
        )
    });
}

/// Loading synthetic cases of growing size.
#[divan::bench(args = [10, 100, 1000])]
fn load_growth(bencher: Bencher, items: usize) {
    let text = promocase::synthetic::case_yaml(items, 42);
    bencher
        .counter(divan::counter::BytesCount::new(text.len()))
        .bench(|| parse_case(SourceFile::new("synthetic.yaml", text.as_str()), today()));
}

/// Checking an already loaded typical case against the director rubric.
#[divan::bench]
fn check_typical_case(bencher: Bencher) {
    let text = example("operations-director.yaml");
    let loaded =
        parse_case(SourceFile::new("operations-director.yaml", text), today()).expect("loads");
    let rubric = Rubric::for_case(&loaded, None);
    bencher.bench(|| check_case(&loaded, &rubric));
}

/// Load and check together, as `promocase check FILE` does in-process.
#[divan::bench]
fn load_and_check_typical_case(bencher: Bencher) {
    let text = example("operations-director.yaml");
    bencher.bench(|| {
        let loaded = parse_case(
            SourceFile::new("operations-director.yaml", text.as_str()),
            today(),
        )
        .expect("loads");
        check_case(&loaded, &Rubric::for_case(&loaded, None))
    });
}

/// 1,000 varied cases loaded and checked on every core, as an HR team's batch.
#[divan::bench(sample_count = 10)]
fn load_and_check_1000_cases(bencher: Bencher) {
    let texts: Vec<String> = (0..1000)
        .map(|seed| promocase::synthetic::case_yaml(6, seed))
        .collect();
    bencher
        .counter(divan::counter::ItemsCount::new(texts.len()))
        .bench(|| {
            texts
                .par_iter()
                .map(|text| {
                    let loaded =
                        parse_case(SourceFile::new("synthetic.yaml", text.as_str()), today())
                            .expect("loads");
                    check_case(&loaded, &Rubric::for_case(&loaded, None))
                        .findings
                        .len()
                })
                .sum::<usize>()
        });
}

/// Load and check at growing sizes: time must grow linearly with the items.
#[divan::bench(args = [10, 100, 1000])]
fn load_and_check_growth(bencher: Bencher, items: usize) {
    let text = promocase::synthetic::case_yaml(items, 42);
    bencher.bench(|| {
        let loaded =
            parse_case(SourceFile::new("synthetic.yaml", text.as_str()), today()).expect("loads");
        check_case(&loaded, &Rubric::for_case(&loaded, None))
    });
}

/// The human report of a large case with many findings (every diagnostic
/// rendered with its snippet) against its JSON report: the snippet renderer
/// indexes the file once, so the two should stay within a small factor.
#[divan::bench(args = ["human", "json"], sample_count = 10)]
fn report_of_a_large_case(bencher: Bencher, format: &str) {
    let text = promocase::synthetic::case_yaml(1000, 42);
    let loaded =
        parse_case(SourceFile::new("synthetic.yaml", text.as_str()), today()).expect("loads");
    let report = check_case(&loaded, &Rubric::for_case(&loaded, None));
    bencher.bench(|| match format {
        "human" => report
            .diagnostics()
            .iter()
            .map(|d| d.render(false).len())
            .sum::<usize>(),
        _ => report.to_json().to_string().len(),
    });
}
