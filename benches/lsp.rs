//! `promocase lsp` in-process, on the path a keystroke takes: the operations
//! example open, one field (the first KPI's `actual`) changed 1,000 times
//! through [`Workspace::change`] (a full-text `didChange`, as the server
//! asks clients to send), each followed by [`Workspace::diagnostics`], the
//! `publishDiagnostics` the protocol loop sends. These are the methods the
//! server's loop calls; only the JSON framing and the debounce are left out.
//! Prints the median and p95 of the time from the change to the diagnostics
//! (target: under 5 ms), serialised as they go on the wire, and the
//! process's resident memory after 100 and after 1,000 edits.
//!
//! Run with `cargo bench --bench lsp --no-default-features` (the language
//! server does not need the typesetting engine, so the release build skips
//! it); README's "Performance" keeps the figures.

mod common;

use std::time::{Duration, Instant};

use lsp_types::{TextDocumentContentChangeEvent, Url};
use promocase::lsp::{Settings, Workspace};

use common::{example, today};

const EDITS: usize = 1000;

fn rss_kb() -> Option<u64> {
    std::fs::read_to_string("/proc/self/status")
        .ok()?
        .lines()
        .find_map(|line| line.strip_prefix("VmRSS:"))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
}

fn main() {
    let text = example("operations-director.yaml");
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/operations-director.yaml");
    let uri = Url::from_file_path(&path).expect("a file URI");
    let field = "    actual: 96.1\n";
    let at = text.find(field).expect("the first KPI's actual");

    let mut workspace = Workspace::new(Settings::default(), today());
    workspace.open(uri.clone(), text.clone(), 0);
    let (first, _) = workspace.diagnostics(&uri);
    let findings = first.diagnostics.len();

    let mut times: Vec<Duration> = Vec::with_capacity(EDITS);
    let mut bytes = 0usize;
    let mut most = 0usize;
    let mut rss_at_100 = None;
    for edit in 0..EDITS {
        // 90.x … 99.x against a target of 95.5: missed or met, so the
        // findings come and go with the edits.
        let value = format!("    actual: {}.{}\n", 90 + edit % 10, edit % 7);
        let edited = format!("{}{value}{}", &text[..at], &text[at + field.len()..]);
        let started = Instant::now();
        workspace.change(
            &uri,
            edit as i32 + 1,
            vec![TextDocumentContentChangeEvent {
                range: None,
                range_length: None,
                text: edited,
            }],
        );
        let (published, _) = workspace.diagnostics(&uri);
        let wire = serde_json::to_vec(&published).expect("JSON");
        times.push(started.elapsed());
        bytes = bytes.max(wire.len());
        most = most.max(published.diagnostics.len());
        if edit + 1 == 100 {
            rss_at_100 = rss_kb();
        }
    }
    times.sort();
    let median = times[EDITS / 2];
    let p95 = times[EDITS * 95 / 100];
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!("promocase lsp, in-process: didChange of one field → publishDiagnostics");
    println!(
        "  case: examples/operations-director.yaml ({} bytes, {findings} findings as written)",
        text.len()
    );
    println!(
        "  {EDITS} edits: median {:.2} ms, p95 {:.2} ms, max {:.2} ms (target: under 5 ms)",
        ms(median),
        ms(p95),
        ms(times[EDITS - 1])
    );
    println!("  publishDiagnostics: up to {most} diagnostics, {bytes} bytes of JSON");
    match (rss_at_100, rss_kb()) {
        (Some(at_100), Some(at_end)) => println!(
            "  resident memory (VmRSS): {:.1} MB after 100 edits, {:.1} MB after {EDITS}",
            at_100 as f64 / 1024.0,
            at_end as f64 / 1024.0
        ),
        _ => println!("  resident memory: not available (no /proc/self/status)"),
    }
}
