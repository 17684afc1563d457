//! What both benchmark targets share: the binary's allocator, so the figures
//! are the CLI's, a fixed "today", and the bundled examples' text.

use std::path::Path;

use chrono::NaiveDate;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The date every benchmark checks against, so results never drift with the calendar.
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 10, 15).expect("a valid date")
}

/// The text of `examples/NAME`.
pub fn example(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(name);
    std::fs::read_to_string(path).expect("the example exists")
}
