//! Any bytes given to the rubric loader give a rubric or located errors, never a panic.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use promocase::model::load::source_from_bytes;
use promocase::rubric::Rubric;

fuzz_target!(|bytes: &[u8]| {
    let Ok(source) = source_from_bytes(Path::new("fuzz-rubric.yaml"), bytes.to_vec()) else {
        return;
    };
    match Rubric::parse(&source) {
        // A rubric that loads is used: its thresholds and weights feed every check.
        Ok(rubric) => {
            let _ = rubric.level;
        }
        Err(error) => {
            for diagnostic in &error.diagnostics {
                let _ = diagnostic.render(false);
            }
        }
    }
});
