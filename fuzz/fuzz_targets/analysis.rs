//! Any text analysed as `serve` and the language server analyse it, then
//! completion and hover asked at every place of it (every line, every
//! character and one past the end), the outline read, and every finding's
//! example and waiver merged in: never a panic.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use promocase::analysis::insert::{apply, insert_example, insert_waiver};
use promocase::analysis::outline::outline;
use promocase::analysis::{RubricChoice, analyse, cursor};
use promocase::rubric::rules;

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    let today = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).expect("a valid date");
    let analysis = analyse(
        Path::new("fuzz.yaml"),
        text,
        today,
        &RubricChoice::Builtin(None),
    );
    let _ = analysis.to_json(None);
    let _ = analysis.kpis();
    let statuses = analysis
        .report
        .as_ref()
        .map(|report| report.kpi_statuses.clone())
        .unwrap_or_default();
    // 1-based lines and character columns, as the editors ask.
    let lines: Vec<&str> = text.split('\n').collect();
    for (index, line) in lines.iter().enumerate().chain([(lines.len(), &"")]) {
        for column in 1..=line.chars().count() + 2 {
            let _ = cursor::completions(text, index + 1, column);
            let _ = cursor::hover(text, index + 1, column, &statuses);
        }
    }
    let _ = outline(text);
    for message in &analysis.messages {
        let Some(rule) = rules::find(&message.code) else {
            continue;
        };
        if let Ok(insertions) = insert_example(text, rule.example) {
            let _ = apply(text, &insertions);
        }
        if let Ok(insertions) = insert_waiver(text, rule.id) {
            let _ = apply(text, &insertions);
        }
    }
});
