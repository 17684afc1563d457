//! In-process figures for loading and checking cases: a typical case, and
//! growth with the number of achievements and KPIs (it must stay linear).
//!
//! Run with `cargo bench --bench check`; README's "Performance" section keeps
//! the latest figures.

use std::path::Path;

use chrono::NaiveDate;
use divan::Bencher;
use promocase::diagnostic::SourceFile;
use promocase::model::parse_case;

fn main() {
    divan::main();
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 10, 15).expect("a valid date")
}

fn example(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(name);
    std::fs::read_to_string(path).expect("the example exists")
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
