//! A soak of `promocase serve`'s save: two pages saving the same case as
//! fast as they can (each loads the case, edits it, saves; a conflict makes
//! it load again) while another program replaces the file now and then, as
//! git or an editor does, until the pages have made 10,000 saves. The
//! real binary on loopback, the thin example.
//!
//! It counts, from what each side saw and when:
//! - **false "saved"**: two saves answered "saved" that were both made from
//!   the same version, so the later one wrote over the earlier one's text
//!   unseen (the page told "saved" lost its edit); must be 0;
//! - **lost outside changes**: a save answered "saved" that began after
//!   another program had replaced the version the page edited, so it wrote
//!   over that program's change unseen; must be 0;
//! - errors (anything but saved or conflict); must be 0.
//!
//! Run with `cargo bench --bench saves` (or `--profile dev` for a quicker
//! build: it counts, it does not time); README's "Performance" keeps the figures.

#[path = "support/served.rs"]
mod served;

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const SAVES: usize = 10_000;

/// A version and when it was known to be on disk (its writer's answer).
struct Written {
    version: String,
    on_disk_by: Instant,
}

/// A save answered "saved": what it was made from, when it was sent.
struct Accepted {
    base: String,
    sent: Instant,
}

fn version_of(bytes: &[u8]) -> String {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut hasher);
    format!("{:016x}", hasher.finish())
}

fn main() {
    let dir = std::env::temp_dir().join(format!("promocase-saves-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a folder");
    let case = dir.join("thin.yaml");
    let example =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/it-manager-thin.yaml");
    std::fs::copy(&example, &case).expect("the example");
    let base_text = std::fs::read_to_string(&case).expect("the text");
    let server = Arc::new(served::Served::start(&case, &dir));

    let attempts = Arc::new(AtomicUsize::new(0));
    let done = Arc::new(AtomicBool::new(false));
    let accepted: Arc<Mutex<Vec<Accepted>>> = Arc::default();
    let page_writes: Arc<Mutex<Vec<Written>>> = Arc::default();
    let errors: Arc<Mutex<Vec<String>>> = Arc::default();
    let conflicts = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();

    let pages: Vec<_> = ["one", "two"]
        .into_iter()
        .map(|page| {
            let (server, attempts, done, accepted, page_writes, errors, conflicts) = (
                Arc::clone(&server),
                Arc::clone(&attempts),
                Arc::clone(&done),
                Arc::clone(&accepted),
                Arc::clone(&page_writes),
                Arc::clone(&errors),
                Arc::clone(&conflicts),
            );
            std::thread::spawn(move || {
                let mut n = 0usize;
                while attempts.fetch_add(1, Ordering::SeqCst) < SAVES {
                    let (status, body) = server.api("GET", "case", b"");
                    if status != 200 {
                        // Between another program's write and its rename.
                        continue;
                    }
                    let loaded: serde_json::Value =
                        serde_json::from_slice(&body).expect("the case");
                    let base = loaded["version"].as_str().unwrap_or_default().to_string();
                    let text = loaded["text"].as_str().unwrap_or_default();
                    n += 1;
                    let edited = format!("{text}# page {page}, edit {n}\n");
                    // Keep the case small: drop old edits now and then.
                    let edited = if edited.len() > 64 * 1024 {
                        format!("# page {page}, edit {n}, after a trim\n")
                    } else {
                        edited
                    };
                    let request = serde_json::json!({ "text": edited, "version": base });
                    let sent = Instant::now();
                    let (status, body) = server.api("POST", "save", request.to_string().as_bytes());
                    match status {
                        200 => {
                            let answered = Instant::now();
                            accepted.lock().expect("log").push(Accepted { base, sent });
                            page_writes.lock().expect("log").push(Written {
                                version: version_of(edited.as_bytes()),
                                on_disk_by: answered,
                            });
                        }
                        409 => {
                            conflicts.fetch_add(1, Ordering::SeqCst);
                        }
                        other => errors
                            .lock()
                            .expect("log")
                            .push(format!("{other}: {}", String::from_utf8_lossy(&body))),
                    }
                }
                done.store(true, Ordering::SeqCst);
            })
        })
        .collect();

    // The other program: a new text renamed over the case every few
    // milliseconds; when each began and when it was on disk.
    let outside: Vec<(String, Instant, Instant)> = {
        let mut writes = Vec::new();
        let mut n = 0usize;
        while !done.load(Ordering::SeqCst) {
            n += 1;
            let text = format!("# the other program's version {n}\n{base_text}");
            let temp = dir.join(".outside.tmp");
            let began = Instant::now();
            std::fs::write(&temp, &text).expect("the other program writes");
            std::fs::rename(&temp, &case).expect("and renames");
            writes.push((version_of(text.as_bytes()), began, Instant::now()));
            std::thread::sleep(Duration::from_millis(3 + (n % 5) as u64));
        }
        writes
    };
    for page in pages {
        page.join().expect("a page");
    }
    let elapsed = started.elapsed();

    let accepted = accepted.lock().expect("log");
    let page_writes = page_writes.lock().expect("log");
    // False "saved": two accepted saves from one version.
    let mut bases: HashMap<&str, usize> = HashMap::new();
    for save in accepted.iter() {
        *bases.entry(save.base.as_str()).or_default() += 1;
    }
    let false_saved: usize = bases.values().map(|n| n - 1).sum();
    // Lost outside changes: an accepted save sent after another program
    // replaced the version it was made from.
    let on_disk_by: HashMap<&str, Instant> = page_writes
        .iter()
        .map(|w| (w.version.as_str(), w.on_disk_by))
        .chain(outside.iter().map(|(v, _, end)| (v.as_str(), *end)))
        .collect();
    let lost_outside = accepted
        .iter()
        .filter(|save| {
            let Some(base_time) = on_disk_by.get(save.base.as_str()) else {
                return false;
            };
            outside
                .iter()
                .any(|(_, began, ended)| began > base_time && *ended < save.sent)
        })
        .count();
    for save in accepted.iter() {
        let Some(base_time) = on_disk_by.get(save.base.as_str()) else {
            continue;
        };
        for (version, began, ended) in &outside {
            if began > base_time && *ended < save.sent {
                println!(
                    "  a save from {} (on disk by {:?}) sent at {:?}, after the other program's {version} ({:?} to {:?})",
                    save.base,
                    base_time.duration_since(started),
                    save.sent.duration_since(started),
                    began.duration_since(started),
                    ended.duration_since(started)
                );
            }
        }
    }
    let errors = errors.lock().expect("log");
    let _ = std::fs::remove_dir_all(&dir);

    println!(
        "saves: {SAVES} saves from two pages while another program replaced the file {} times, in {:.1} s",
        outside.len(),
        elapsed.as_secs_f64()
    );
    println!(
        "  saved {}, conflicts {}, errors {}",
        accepted.len(),
        conflicts.load(Ordering::SeqCst),
        errors.len()
    );
    println!("  false \"saved\" (a saved edit written over unseen): {false_saved}");
    println!("  lost outside changes: {lost_outside}");
    for error in errors.iter().take(5) {
        println!("  error: {error}");
    }
    if false_saved + lost_outside + errors.len() > 0 {
        std::process::exit(1);
    }
}
