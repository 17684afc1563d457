//! Any bytes, split at their first NUL into a company rubric and a case,
//! load as both or give located errors; a rubric and a case that both load
//! are checked together and reported in every output format, never a panic.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use promocase::analysis::{RubricChoice, analyse};
use promocase::model::load::{parse_case, source_from_bytes};
use promocase::rubric::{Rubric, check_case, github, sarif};

fuzz_target!(|bytes: &[u8]| {
    let Some(split) = bytes.iter().position(|&b| b == 0) else {
        return;
    };
    let (rubric, case) = (&bytes[..split], &bytes[split + 1..]);
    let today = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).expect("a valid date");
    let Ok(rubric_source) = source_from_bytes(Path::new("rubric.yaml"), rubric.to_vec()) else {
        return;
    };
    let rubric = match Rubric::parse(&rubric_source) {
        Ok(rubric) => rubric,
        Err(error) => {
            for diagnostic in &error.diagnostics {
                let _ = diagnostic.render(false);
            }
            return;
        }
    };
    let Ok(case_source) = source_from_bytes(Path::new("case.yaml"), case.to_vec()) else {
        return;
    };
    let Ok(loaded) = parse_case(case_source, today) else {
        return;
    };
    let report = check_case(&loaded, &rubric);
    for diagnostic in report.diagnostics() {
        let _ = diagnostic.render(false);
    }
    let _ = report.to_json();
    let _ = github::to_github(&report);
    let _ = sarif::to_sarif(std::slice::from_ref(&report));
    // The editors' path with the same rubric: `serve` and `lsp`.
    let text = String::from_utf8_lossy(case);
    let analysis = analyse(
        Path::new("case.yaml"),
        &text,
        today,
        &RubricChoice::Company(Box::new(rubric)),
    );
    let _ = analysis.to_json(None);
});
