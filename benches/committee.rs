//! `promocase committee` as a committee runs it: the real binary over a
//! folder of synthetic cases (the generator of `src/synthetic.rs`, varied
//! and deterministic), building the PDF pack. Prints, for 10 to 5,000 cases,
//! the wall time, the pack's pages and the process's peak memory (VmHWM,
//! read while it runs), and how memory grew from 500 to 5,000: the targets
//! are 500 cases in under 5 s and 500 MB, and memory growing more slowly
//! than the round.
//!
//! Run with `cargo bench --bench committee`; README's "Performance" keeps the figures.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn main() {
    let root =
        std::env::temp_dir().join(format!("promocase-committee-bench-{}", std::process::id()));
    println!("committee: PDF pack of N synthetic cases (6 achievements and KPIs each)");
    let mut peaks = Vec::new();
    for count in [10usize, 100, 500, 1000, 5000] {
        let dir = root.join(count.to_string());
        std::fs::create_dir_all(&dir).expect("a folder");
        for seed in 0..count {
            let text = promocase::synthetic::case_yaml(6, seed as u64);
            std::fs::write(dir.join(format!("case-{seed:04}.yaml")), text).expect("a case");
        }
        let pack = root.join(format!("pack-{count}.pdf"));
        let started = Instant::now();
        let mut child = Command::new(env!("CARGO_BIN_EXE_promocase"))
            .args([
                "committee",
                dir.to_str().expect("UTF-8"),
                "-o",
                pack.to_str().expect("UTF-8"),
                // 5,000 cases take more than the default limit of 2 GB.
                "--max-memory",
                "16384",
                "-q",
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("promocase committee starts");
        let status_file = format!("/proc/{}/status", child.id());
        let mut peak_kb = 0u64;
        let status = loop {
            if let Some(status) = child.try_wait().expect("the child's status") {
                break status;
            }
            if let Ok(text) = std::fs::read_to_string(&status_file)
                && let Some(kb) = text
                    .lines()
                    .find(|l| l.starts_with("VmHWM:"))
                    .and_then(|l| l.split_whitespace().nth(1))
                    .and_then(|v| v.parse::<u64>().ok())
            {
                peak_kb = peak_kb.max(kb);
            }
            std::thread::sleep(Duration::from_millis(5));
        };
        let elapsed = started.elapsed();
        assert!(
            status.success() || status.code() == Some(3),
            "committee failed: {status}"
        );
        let bytes = std::fs::read(&pack).expect("the pack");
        let pages = count_pages(&bytes);
        peaks.push((count, peak_kb));
        println!(
            "  {count:>4} cases: {:>6.2} s, {pages:>4} pages, peak RSS {:>4} MB, {:.1} ms per case",
            elapsed.as_secs_f64(),
            peak_kb / 1024,
            elapsed.as_secs_f64() * 1000.0 / count as f64
        );
    }
    let peak = |n: usize| {
        peaks
            .iter()
            .find(|(count, _)| *count == n)
            .map(|(_, kb)| *kb as f64)
    };
    if let (Some(small), Some(large)) = (peak(500), peak(5000)) {
        println!(
            "  10 times the cases (500 to 5,000): {:.2} times the peak memory",
            large / small
        );
    }
    let _ = std::fs::remove_dir_all(&root);
}

/// Page objects in a PDF (`/Type/Page`, not `/Type/Pages`).
fn count_pages(pdf: &[u8]) -> usize {
    let needle = b"/Type/Page";
    pdf.windows(needle.len() + 1)
        .filter(|w| &w[..needle.len()] == needle && w[needle.len()] != b's')
        .count()
}
