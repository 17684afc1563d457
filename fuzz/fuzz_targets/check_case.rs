//! Any bytes that load as a case can be checked against the built-in director
//! rubric and reported in every output format, never a panic.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use promocase::model::Level;
use promocase::model::load::{parse_case, source_from_bytes};
use promocase::rubric::{Rubric, check_case, github, sarif};

fuzz_target!(|bytes: &[u8]| {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).expect("a valid date");
    let Ok(source) = source_from_bytes(Path::new("fuzz.yaml"), bytes.to_vec()) else {
        return;
    };
    let Ok(loaded) = parse_case(source, today) else {
        return;
    };
    let report = check_case(&loaded, &Rubric::builtin(Level::Director));
    for diagnostic in report.diagnostics() {
        let _ = diagnostic.render(false);
    }
    let _ = report.to_json();
    let _ = github::to_github(&report);
    let _ = sarif::to_sarif(std::slice::from_ref(&report));
});
