//! The site (promocase as WebAssembly, `bash web/build.sh`) in headless
//! chromium, served by a plain static file server on loopback: what a first
//! visit downloads (each part, raw and as gzip -9 would send it), a cold
//! visit to the first findings and to the first preview page (fresh browser
//! profiles), and 1,000 one-field edits of the operations example (a KPI's
//! actual, as `benches/serve.rs` makes them) timed inside the page from the
//! request to the answer: findings, and the proposal's changed pages. The
//! same edits through native `promocase serve`, in the same run, give the
//! ratio. Memory: the module's (the worker's WebAssembly memory) and the
//! page's JavaScript heap after 100 and after 1,000 edits.
//!
//! Run with `cargo bench --bench site` after `bash web/build.sh`; README's
//! "Performance" keeps the figures. Needs chromium and chromedriver.

#[path = "support/chromium.rs"]
mod chromium;
#[path = "support/served.rs"]
mod served;
#[path = "support/static_site.rs"]
mod static_site;

use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::Client;

const EDITS: usize = 1000;
const VISITS: usize = 5;
const ANCHOR: &str = "    actual: 96.1\n";

fn gzip_size(file: &Path) -> usize {
    Command::new("gzip")
        .args(["-9", "-c"])
        .arg(file)
        .stderr(Stdio::null())
        .output()
        .map(|out| out.stdout.len())
        .unwrap_or(0)
}

async fn run(client: &Client, script: &str) -> serde_json::Value {
    client
        .execute(script, vec![])
        .await
        .unwrap_or(serde_json::Value::Null)
}

async fn wait(client: &Client, what: &str, script: &str) {
    let start = Instant::now();
    while run(client, script).await != true {
        assert!(
            start.elapsed() < Duration::from_secs(180),
            "timed out: {what}"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

/// Opens the operations example in a fresh profile: the times from the
/// navigation to its findings and to its first preview page.
async fn cold_visit(driver: &chromium::Driver, origin: &str) -> (Duration, Duration, Client) {
    let client = driver.window(1280, 900).await;
    let start = Instant::now();
    client
        .goto(&format!("{origin}/"))
        .await
        .expect("the site opens");
    wait(
        &client,
        "the new-case form",
        "return document.querySelector('#chooser').classList.contains('show')",
    )
    .await;
    run(
        &client,
        "const s = document.getElementById('chooserExamples');\
         s.value = 'operations-director.yaml'; s.dispatchEvent(new Event('change'));",
    )
    .await;
    wait(
        &client,
        "findings",
        // The tally, not the title "Findings" the page shows before any analysis.
        "return document.querySelector('#findingsTitle').textContent.startsWith('Findings ·')",
    )
    .await;
    let findings = start.elapsed();
    wait(
        &client,
        "a preview page",
        // Drawn, not only placed: the browser parses an SVG page on the page's thread.
        "const page = document.querySelector('#pages img'); return !!page && page.complete && page.naturalWidth > 0",
    )
    .await;
    (findings, start.elapsed(), client)
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

fn p95(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() * 95 / 100]
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let site = root.join("site");
    if !site.join("promocase_web_bg.wasm").is_file() {
        println!("skipped: the site is not built (bash web/build.sh)");
        return;
    }
    let Some(driver) = chromium::Driver::start() else {
        return;
    };
    let port = static_site::serve_folder_with(site.clone(), Default::default());
    let origin = format!("http://127.0.0.1:{port}");
    let example = root.join("examples/operations-director.yaml");
    let text = std::fs::read_to_string(&example).expect("the example");
    assert!(text.contains(ANCHOR), "the example's OTIF actual");

    chromium::runtime().block_on(async {
        // Cold visits, each in a fresh profile: nothing cached.
        let mut findings = Vec::new();
        let mut previews = Vec::new();
        let mut last = None;
        for _ in 0..VISITS {
            let (to_findings, to_preview, client) = cold_visit(&driver, &origin).await;
            findings.push(to_findings.as_secs_f64() * 1000.0);
            previews.push(to_preview.as_secs_f64() * 1000.0);
            if let Some(old) = last.replace(client) {
                let _: Result<(), _> = Client::close(old).await;
            }
        }
        let client = last.expect("a visit");

        // What the first visit fetched, part by part: the page's requests and its worker's.
        let page = run(&client, "return performance.getEntriesByType('resource').map(e => e.name)").await;
        let worker = client
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 window.promocaseBackend.fetch('api/memory').then((r) => r.json()).then((m) => done(m.fetched)).catch(() => done([]));",
                vec![],
            )
            .await
            .unwrap_or(serde_json::Value::Null);
        let mut parts: BTreeSet<String> = BTreeSet::from(["index.html".to_string()]);
        let urls = page.as_array().into_iter().chain(worker.as_array()).flatten();
        for url in urls.filter_map(|u| u.as_str()) {
            if let Some(path) = url.strip_prefix(&format!("{origin}/")) {
                parts.insert(path.split(['?', '#']).next().unwrap_or(path).to_string());
            }
        }
        println!("site: what a first visit fetches (the operations example's proposal previewed), raw and gzip -9:");
        let (mut raw, mut gz) = (0, 0);
        let mut rows: Vec<(usize, usize, String)> = parts
            .iter()
            .filter_map(|part| {
                let file = site.join(part);
                let size = std::fs::metadata(&file).ok()?.len() as usize;
                Some((gzip_size(&file), size, part.clone()))
            })
            .collect();
        rows.sort_by(|a, b| b.cmp(a));
        for (zipped, size, part) in &rows {
            println!("  {part:<40} {:>9.2} MB {:>9.2} MB", *size as f64 / 1e6, *zipped as f64 / 1e6);
            raw += size;
            gz += zipped;
        }
        println!("  {:<40} {:>9.2} MB {:>9.2} MB", "total", raw as f64 / 1e6, gz as f64 / 1e6);
        println!(
            "site: cold visit ({VISITS} fresh profiles) to the first findings: median {:.0} ms; to the first preview page: median {:.0} ms",
            median(&mut findings),
            median(&mut previews)
        );

        // Edits, timed inside the page: the request to the worker and its answer.
        let _ = client
            .update_timeouts(fantoccini::wd::TimeoutConfiguration::new(
                Some(Duration::from_secs(600)),
                None,
                None,
            ))
            .await;
        let text_json = serde_json::Value::from(text.as_str());
        let mut to_findings = Vec::new();
        let mut to_pages = Vec::new();
        let mut memory_at_100 = serde_json::Value::Null;
        let batch = 50;
        for first in (0..EDITS).step_by(batch) {
            let script = format!(
                "const done = arguments[arguments.length - 1];
                 (async () => {{
                   const text = {text_json}, anchor = {anchor}, b = window.promocaseBackend, times = [];
                   const post = (path, body, json) => b.fetch(path + '?case=operations-director.yaml', {{ method: 'POST', body: json ? JSON.stringify(body) : body }});
                   window.benchKnown = window.benchKnown || [];
                   for (let edit = {first}; edit < {first} + {batch}; edit += 1) {{
                     const edited = text.replace(anchor, '    actual: ' + (90 + edit / 100).toFixed(2) + '\\n');
                     const t0 = performance.now();
                     await (await post('api/analyse', edited, false)).json();
                     const t1 = performance.now();
                     const answer = await (await post('api/preview', {{ text: edited, doc: 'proposal', known: window.benchKnown }}, true)).json();
                     const t2 = performance.now();
                     window.benchKnown = answer.pages.map((p) => p.hash);
                     times.push([t1 - t0, t2 - t1, (answer.pieces || []).reduce((n, p) => n + p.svg.length, 0)]);
                   }}
                   done(times);
                 }})().catch((e) => done('error: ' + e));",
                anchor = serde_json::Value::from(ANCHOR),
            );
            let times = client.execute_async(&script, vec![]).await.expect("edits");
            let Some(times) = times.as_array() else { panic!("{times}") };
            for t in times {
                to_findings.push(t[0].as_f64().unwrap_or(0.0));
                to_pages.push(t[1].as_f64().unwrap_or(0.0));
            }
            if first + batch == 100 {
                memory_at_100 = memory(&client).await;
            }
        }
        let memory_at_end = memory(&client).await;
        println!(
            "site: {EDITS} one-field edits of the operations example: to its findings median {:.1} ms (p95 {:.1}); to the proposal's changed pages median {:.1} ms (p95 {:.1})",
            median(&mut to_findings),
            p95(&mut to_findings),
            median(&mut to_pages),
            p95(&mut to_pages)
        );
        println!("site: memory after 100 edits {memory_at_100}, after {EDITS} {memory_at_end} (module: the worker's WebAssembly memory; page: the JavaScript heap), in MB");
        let site_pages = median(&mut to_pages);
        let site_findings = median(&mut to_findings);
        let _ = client.close().await;

        // The same edits through native serve, in this run.
        let dir = std::env::temp_dir().join(format!("promocase-site-bench-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("a folder");
        let case = dir.join("operations-director.yaml");
        std::fs::copy(&example, &case).expect("the example");
        let server = served::Served::start(&case, &dir);
        let mut known: Vec<String> = Vec::new();
        let (mut serve_findings, mut serve_pages) = (Vec::new(), Vec::new());
        for edit in 0..200 {
            let edited = text.replacen(ANCHOR, &format!("    actual: {:.2}\n", 90.0 + edit as f64 / 100.0), 1);
            let started = Instant::now();
            let (status, _) = server.api("POST", "analyse", edited.as_bytes());
            assert_eq!(status, 200);
            serve_findings.push(started.elapsed().as_secs_f64() * 1000.0);
            let body = serde_json::json!({ "text": edited, "doc": "proposal", "known": known }).to_string();
            let started = Instant::now();
            let (status, answer) = server.api("POST", "preview", body.as_bytes());
            assert_eq!(status, 200);
            serve_pages.push(started.elapsed().as_secs_f64() * 1000.0);
            let answer: serde_json::Value = serde_json::from_slice(&answer).expect("pages");
            known = answer["pages"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|p| p["hash"].as_str().map(str::to_string))
                .collect();
        }
        drop(server);
        let _ = std::fs::remove_dir_all(&dir);
        let (serve_findings, serve_pages) = (median(&mut serve_findings), median(&mut serve_pages));
        println!(
            "serve, same edits (200), same run: to findings median {serve_findings:.1} ms, to the changed pages median {serve_pages:.1} ms; the site takes {:.1}x and {:.1}x",
            site_findings / serve_findings,
            site_pages / serve_pages
        );
    });
}

/// The module's memory and the page's JavaScript heap after a garbage
/// collection (chromium runs with `--expose-gc`), in MB.
async fn memory(client: &Client) -> serde_json::Value {
    let answer = client
        .execute_async(
            "const done = arguments[arguments.length - 1];
             if (window.gc) window.gc();
             window.promocaseBackend.fetch('api/memory').then((r) => r.json()).then((m) => done({
               module: (m.module / 1048576).toFixed(1),
               page: performance.memory ? (performance.memory.usedJSHeapSize / 1048576).toFixed(1) : null,
             })).catch((e) => done('error: ' + e));",
            vec![],
        )
        .await;
    answer.unwrap_or(serde_json::Value::Null)
}
