//! `promocase serve` end to end, as the page uses it: the real binary on a
//! port of its own, the operations example with the proposal shown, and a
//! one-field edit (a KPI's actual) sent 1,000 times as the page sends it,
//! with the hashes of the pages it already has. Prints the time from the
//! edit leaving the client to the last changed page received (median, p95),
//! the bytes sent per edit against the whole document, and the server's
//! memory (server and render worker) after 100 and after 1,000 edits (it
//! must not grow).
//!
//! Run with `cargo bench --bench serve`; README's "Performance" keeps the figures.

#[path = "support/served.rs"]
mod served;

use std::time::{Duration, Instant};

const EDITS: usize = 1000;

fn main() {
    let dir = std::env::temp_dir().join(format!("promocase-serve-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a folder");
    let case = dir.join("operations.yaml");
    let example =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/operations-director.yaml");
    std::fs::copy(&example, &case).expect("the example");
    let text = std::fs::read_to_string(&case).expect("the text");
    let server = served::Served::start(&case, &dir);

    // The time, the pages' names and the bytes of SVG sent.
    let preview = |text: &str, known: &[String]| -> (Duration, Vec<String>, usize) {
        let body =
            serde_json::json!({ "text": text, "doc": "proposal", "known": known }).to_string();
        let started = Instant::now();
        let (status, body) = server.api("POST", "preview", body.as_bytes());
        let elapsed = started.elapsed();
        assert_eq!(status, 200, "{}", String::from_utf8_lossy(&body));
        let json: serde_json::Value = serde_json::from_slice(&body).expect("JSON pages");
        let pages = json["pages"]
            .as_array()
            .expect("pages")
            .iter()
            .map(|p| p["hash"].as_str().unwrap_or_default().to_string())
            .collect();
        let sent = json["pieces"]
            .as_array()
            .expect("pieces")
            .iter()
            .map(|p| p["svg"].as_str().map_or(0, str::len))
            .sum();
        (elapsed, pages, sent)
    };
    // The server and its render worker together: the worker holds the
    // fonts, templates and typst's caches.
    let server_pid = server.child.id();
    let rss_kb = |field: &str| -> u64 {
        let of = |pid: &str| -> u64 {
            std::fs::read_to_string(format!("/proc/{pid}/status"))
                .ok()
                .and_then(|s| {
                    s.lines()
                        .find(|l| l.starts_with(field))
                        .and_then(|l| l.split_whitespace().nth(1).and_then(|v| v.parse().ok()))
                })
                .unwrap_or(0)
        };
        // The worker is started from whichever thread compiled first.
        let children: String = std::fs::read_dir(format!("/proc/{server_pid}/task"))
            .into_iter()
            .flatten()
            .flatten()
            .filter_map(|task| std::fs::read_to_string(task.path().join("children")).ok())
            .collect::<Vec<_>>()
            .join(" ");
        of(&server_pid.to_string()) + children.split_whitespace().map(of).sum::<u64>()
    };
    // The whole document once, as a freshly opened page receives it.
    let (cold, mut known, whole) = preview(&text, &[]);
    let anchor = "    actual: 96.1\n";
    assert!(text.contains(anchor), "the example's OTIF actual");
    let mut times = Vec::with_capacity(EDITS);
    let mut sent = Vec::with_capacity(EDITS);
    let mut rss_at_100 = 0;
    for edit in 0..EDITS {
        // A value of its own each time (90.00, 90.01, …), as typing gives:
        // no edit finds its pages among those of an earlier one.
        let value = format!("    actual: {:.2}\n", 90.0 + edit as f64 / 100.0);
        let edited = text.replacen(anchor, &value, 1);
        let (elapsed, pages, bytes) = preview(&edited, &known);
        times.push(elapsed);
        sent.push(bytes);
        known = pages;
        if edit + 1 == 100 {
            rss_at_100 = rss_kb("VmRSS:");
        }
    }
    let rss_at_end = rss_kb("VmRSS:");
    let peak = rss_kb("VmHWM:");
    drop(server);
    let _ = std::fs::remove_dir_all(&dir);

    times.sort();
    sent.sort_unstable();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!("serve: {EDITS} one-field edits of the operations example, proposal shown");
    println!(
        "  first preview (cold, whole document): {:.1} ms, {} KB",
        ms(cold),
        whole / 1024
    );
    println!(
        "  edit to last changed page received: median {:.1} ms, p95 {:.1} ms",
        ms(times[times.len() / 2]),
        ms(times[times.len() * 95 / 100])
    );
    println!(
        "  bytes sent per edit: median {} KB of the whole {} KB ({:.0}%)",
        sent[sent.len() / 2] / 1024,
        whole / 1024,
        100.0 * sent[sent.len() / 2] as f64 / whole as f64
    );
    println!(
        "  server and worker memory: {} MB after 100 edits, {} MB after {EDITS} (peaks summed {} MB)",
        rss_at_100 / 1024,
        rss_at_end / 1024,
        peak / 1024
    );
}
