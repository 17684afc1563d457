//! Any bytes given to the case loader give a case or located errors, never a panic.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use promocase::model::load::{parse_case, source_from_bytes};

fuzz_target!(|bytes: &[u8]| {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).expect("a valid date");
    let Ok(source) = source_from_bytes(Path::new("fuzz.yaml"), bytes.to_vec()) else {
        return;
    };
    if let Err(error) = parse_case(source, today) {
        // Rendering exercises every location the loader computed.
        for diagnostic in &error.diagnostics {
            let _ = diagnostic.render(false);
        }
    }
});
