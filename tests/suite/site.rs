//! The site, promocase in the browser as WebAssembly (`web/build.sh` builds
//! it into `site/`), served by a plain static file server on loopback and
//! driven in headless chromium: open an example, see its finding, type the
//! missing section, see the finding go and the preview change, keep the
//! edit across a reload, save it, and download the PDF that native `build`
//! makes of the same text. Every request the page made stayed on its origin.
//! Where the site or chromium is missing, the test says it skipped and why.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use fantoccini::{Client, Locator};

use crate::browser::{Driver, runtime, until_within};

#[path = "../../benches/support/static_site.rs"]
mod static_site;
use static_site::serve_folder_with;

use crate::support::{path_str, pdf_text, promocase, root};

/// Polls `check` until it holds, failing after `limit`.
async fn until<F, Fut>(what: &str, limit: Duration, check: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    until_within(what, limit, check).await;
}

/// The built site on a static server of its own (answering nothing while
/// `offline` is set) and a chromedriver; `None`, with the reason printed,
/// where the site is not built or chromium is missing.
fn served_site(offline: Arc<AtomicBool>) -> Option<(Driver, String)> {
    let site = site()?;
    let driver = Driver::start()?;
    let port = serve_folder_with(site, offline);
    Some((driver, format!("http://127.0.0.1:{port}")))
}

/// The text an element of the page holds (its textContent, not its rendering).
async fn text_in(client: &Client, css: &str) -> String {
    let script = format!(
        "return document.querySelector({}).textContent",
        serde_json::Value::from(css)
    );
    run(client, &script)
        .await
        .as_str()
        .unwrap_or_default()
        .to_string()
}

/// The case's text as the editor holds it.
async fn editor_text(client: &Client) -> String {
    run(client, "return window.promocaseEditor.text()")
        .await
        .as_str()
        .unwrap_or_default()
        .to_string()
}

/// The PDF native `build` makes of `text`, saved as `name` in `dir`, with
/// `args` after the output (`--draft` always: the examples have errors).
fn built_by_cli(dir: &std::path::Path, name: &str, text: &str, args: &[&str]) -> PathBuf {
    let case = dir.join("it-manager-thin.yaml");
    std::fs::write(&case, text).expect("the same text");
    let pdf = dir.join(name);
    let mut argv = vec!["build", path_str(&case), "--draft", "-o", path_str(&pdf)];
    argv.extend_from_slice(args);
    let output = promocase(&argv);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    pdf
}

async fn run(client: &Client, script: &str) -> serde_json::Value {
    client
        .execute(script, vec![])
        .await
        .unwrap_or(serde_json::Value::Null)
}

/// Waits for the site's first answer (the new-case form of an empty
/// browser), then opens an example with one click, as a person would.
async fn open_example(client: &Client, file: &str) {
    until(
        "the new-case form shows",
        Duration::from_secs(60),
        || async {
            run(
                client,
                "return document.querySelector('#chooser').classList.contains('show')",
            )
            .await
                == true
        },
    )
    .await;
    run(
        client,
        &format!(
            "const s = document.getElementById('examples');\
             s.value = '{file}'; s.dispatchEvent(new Event('change'));"
        ),
    )
    .await;
}

fn site() -> Option<PathBuf> {
    let site = std::env::var_os("PROMOCASE_SITE")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("site"));
    if site.join("index.html").is_file() && site.join("promocase_web_bg.wasm").is_file() {
        Some(site)
    } else {
        println!("skipped: the site is not built (bash web/build.sh)");
        None
    }
}

#[test]
fn a_manager_fixes_a_gap_in_the_browser_build_and_downloads_the_pdf_build_makes() {
    let offline = Arc::new(AtomicBool::new(false));
    let Some((driver, origin)) = served_site(Arc::clone(&offline)) else {
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    runtime().block_on(async {
        let client = driver.window(1280, 900).await;
        let visit = Instant::now();
        client.goto(&format!("{origin}/")).await.expect("the site opens");
        open_example(&client, "it-manager-thin.yaml").await;
        let ready = visit.elapsed();
        let opened = Instant::now();
        until("succession-missing is listed", Duration::from_secs(120), || async {
            text_in(&client, "#findings").await.contains("succession-missing")
        })
        .await;
        let findings_after = opened.elapsed();
        let pages = || async {
            run(&client, "return [...document.querySelectorAll('#pages img')].map(i => i.src).join(' ')")
                .await
                .as_str()
                .unwrap_or_default()
                .to_string()
        };
        until("the preview shows", Duration::from_secs(120), || async { pages().await.contains("blob:") }).await;
        // Figures for the closing note, not a timed test: nothing asserts them.
        println!(
            "site: the new-case form after {} ms (the module compiled), the example's findings {} ms and its preview {} ms after choosing it",
            ready.as_millis(),
            findings_after.as_millis(),
            opened.elapsed().as_millis()
        );
        let before = pages().await;

        run(&client, "window.promocaseEditor.focusEnd()").await;
        client
            .find(Locator::Css(".cm-content"))
            .await
            .expect("the editor")
            .send_keys("succession: {successors: [{name: Jonas Weber, current_role: Service desk lead, readiness: ready-now, covers: [Service desk]}]}")
            .await
            .expect("typing");
        until("succession-missing goes", Duration::from_secs(60), || async {
            let text = text_in(&client, "#findings").await;
            !text.is_empty() && !text.contains("succession-missing")
        })
        .await;
        until("the preview changes", Duration::from_secs(120), || async {
            let now = pages().await;
            now.contains("blob:") && now != before
        })
        .await;
        if std::env::var_os("UPDATE_DOCS").is_some() {
            for (width, name) in [(1280, "site.png"), (420, "site-narrow.png")] {
                client.set_window_size(width, 900).await.expect("a window size");
                tokio::time::sleep(Duration::from_millis(1500)).await;
                let png = client.screenshot().await.expect("a screenshot");
                std::fs::write(root().join("docs").join(name), png).expect("docs/ is writable");
            }
            client.set_window_size(1280, 900).await.expect("a window size");
        }
        // The unsaved edit is kept in this browser: a reload brings it back.
        tokio::time::sleep(Duration::from_millis(1000)).await;
        client.refresh().await.expect("a reload");
        until("the edit is back after a reload", Duration::from_secs(60), || async {
            editor_text(&client).await.contains("{name: Jonas Weber")
        })
        .await;
        client.find(Locator::Css("#save")).await.expect("save").click().await.expect("saving");
        until("saved", Duration::from_secs(30), || async {
            text_in(&client, "#state").await == "saved"
        })
        .await;
        // The PDF the page downloads, as bytes, against native `build` of the same text.
        let text = editor_text(&client).await;
        let downloaded = download(&client, "it-manager-thin.yaml", "brief").await;
        assert!(downloaded.starts_with(b"%PDF-"));
        let from_site = dir.path().join("site.pdf");
        std::fs::write(&from_site, &downloaded).expect("the downloaded PDF");
        let built = built_by_cli(dir.path(), "built.pdf", &text, &["--template", "brief"]);
        assert_eq!(pdf_text(&from_site), pdf_text(&built), "the same pages and text as build");
        same_origin_only(&client, &origin).await;
        // After the first visit the site works with the network off: its
        // service worker has kept its files, and the case is in the browser.
        until("the service worker keeps the site", Duration::from_secs(120), || async {
            client
                .execute_async(
                    "const done = arguments[arguments.length - 1];\
                     caches.keys().then(async (names) => {\
                       for (const name of names) { if (await (await caches.open(name)).match('promocase_web_bg.wasm')) return done(true); }\
                       done(false); }).catch(() => done(false));",
                    vec![],
                )
                .await
                .is_ok_and(|kept| kept == true)
        })
        .await;
        offline.store(true, Ordering::SeqCst);
        client.refresh().await.expect("a reload with the network off");
        until("the case opens offline", Duration::from_secs(60), || async {
            editor_text(&client).await.contains("{name: Jonas Weber")
        })
        .await;
        until("its findings show offline", Duration::from_secs(60), || async {
            let text = text_in(&client, "#findings").await;
            !text.is_empty() && !text.contains("succession-missing")
        })
        .await;
        offline.store(false, Ordering::SeqCst);
        // Every request the page made stayed on its origin, online and off.
        same_origin_only(&client, &origin).await;
        let _ = client.close().await;
    });
}

/// Every resource the page loaded came from `origin` (or from itself).
async fn same_origin_only(client: &Client, origin: &str) {
    let requested = run(
        client,
        "return performance.getEntriesByType('resource').map(e => e.name)",
    )
    .await;
    for url in requested.as_array().into_iter().flatten() {
        let url = url.as_str().unwrap_or_default();
        assert!(
            url.starts_with(origin) || url.starts_with("blob:") || url.starts_with("data:"),
            "a request left the origin: {url}"
        );
    }
}

fn decode_base64(text: &str) -> Vec<u8> {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = Vec::new();
    let mut buffer = 0u32;
    let mut bits = 0;
    for byte in text.bytes() {
        let Some(value) = ALPHABET.iter().position(|&c| c == byte) else {
            continue;
        };
        buffer = (buffer << 6) | value as u32;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits) as u8);
        }
    }
    out
}

/// Two tabs on one case: the second tab's save reaches the first, which
/// holds unsaved edits and is offered the choice; its own save is refused
/// rather than written over the other tab's.
#[test]
fn two_tabs_on_one_case_never_overwrite_each_other() {
    let Some((driver, origin)) = served_site(Arc::new(AtomicBool::new(false))) else {
        return;
    };
    runtime().block_on(async {
        let client = driver.window(1280, 900).await;
        client.goto(&format!("{origin}/")).await.expect("the site opens");
        open_example(&client, "marketing-director.yaml").await;
        let loaded = || async {
            run(&client, "return window.promocaseEditor.text().includes('Priya Raman')").await == true
        };
        until("the example opens in the first tab", Duration::from_secs(60), loaded).await;
        let first = client.window().await.expect("the first tab");
        // The first tab holds an unsaved edit.
        run(&client, "window.promocaseEditor.setText(window.promocaseEditor.text() + '# first tab\\n')").await;
        let second = client.new_window(true).await.expect("a second tab").handle;
        client.switch_to_window(second).await.expect("to the second tab");
        client
            .goto(&format!("{origin}/#case=marketing-director.yaml"))
            .await
            .expect("the same case");
        until("the example opens in the second tab", Duration::from_secs(60), loaded).await;
        run(&client, "window.promocaseEditor.setText(window.promocaseEditor.text() + '# second tab\\n')").await;
        // (The second tab opened with the first tab's unsaved edit: drafts are the case's, not a tab's.)
        let second_text = run(&client, "return window.promocaseEditor.text()").await;
        client.find(Locator::Css("#save")).await.expect("save").click().await.expect("saving");
        until("the second tab saved", Duration::from_secs(30), || async {
            text_in(&client, "#state").await == "saved"
        })
        .await;
        client.switch_to_window(first).await.expect("back to the first tab");
        until("the first tab is offered the other text", Duration::from_secs(30), || async {
            run(&client, "return document.querySelector('#banner').classList.contains('show')").await == true
        })
        .await;
        client.find(Locator::Css("#save")).await.expect("save").click().await.expect("saving");
        tokio::time::sleep(Duration::from_millis(1500)).await;
        let kept = client
            .execute_async(
                "const done = arguments[arguments.length - 1];\
                 window.promocaseBackend.fetch('api/case?case=marketing-director.yaml').then(r => r.json()).then(c => done(c.text));",
                vec![],
            )
            .await
            .expect("the kept text");
        assert_eq!(kept, second_text, "the second tab's save stands");
        assert!(
            run(&client, "return document.querySelector('#banner').classList.contains('show')").await == true,
            "the first tab's save is refused and it is offered the choice again"
        );
        let _ = client.close().await;
    });
}

/// Gives the hidden file input `id` a file, as a person picking one does.
async fn pick_file(client: &Client, id: &str, name: &str, text: &str) {
    let script = format!(
        "const input = document.getElementById({id});\
         const files = new DataTransfer(); files.items.add(new File([{text}], {name}));\
         input.files = files.files; input.dispatchEvent(new Event('change'));",
        id = serde_json::Value::from(id),
        text = serde_json::Value::from(text),
        name = serde_json::Value::from(name),
    );
    run(client, &script).await;
}

/// The PDF the page's download gives for `doc`, as bytes.
async fn download(client: &Client, case: &str, doc: &str) -> Vec<u8> {
    let script = format!(
        "const done = arguments[arguments.length - 1];\
         window.promocaseBackend.fetch('api/download?case={case}&doc={doc}', {{method: 'POST', body: window.promocaseEditor.text()}})\
         .then(r => r.arrayBuffer()).then(b => {{ let s = ''; for (const x of new Uint8Array(b)) s += String.fromCharCode(x); done(btoa(s)); }})\
         .catch(e => done('error: ' + e));"
    );
    let base64 = client
        .execute_async(&script, vec![])
        .await
        .expect("a download")
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert!(!base64.starts_with("error"), "{base64}");
    decode_base64(&base64)
}

#[test]
fn quick_fixes_company_labels_a_language_and_hostile_text_in_the_browser_build() {
    let Some((driver, origin)) = served_site(Arc::new(AtomicBool::new(false))) else {
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    runtime().block_on(async {
        let client = driver.window(1280, 900).await;
        client.goto(&format!("{origin}/")).await.expect("the site opens");
        open_example(&client, "it-manager-thin.yaml").await;
        until("succession-missing is listed", Duration::from_secs(120), || async {
            text_in(&client, "#findings").await.contains("succession-missing")
        })
        .await;

        // A quick fix closes the gap with one click: the rule's example goes where it belongs.
        run(
            &client,
            "const item = [...document.querySelectorAll('#findings li')].find(li => li.textContent.includes('succession-missing'));\
             [...item.querySelectorAll('button')].find(b => b.textContent === 'Fix…').click();",
        )
        .await;
        until("the fixes are offered", Duration::from_secs(30), || async {
            run(&client, "return document.querySelectorAll('.fixes button.fix').length").await.as_u64() >= Some(2)
        })
        .await;
        if std::env::var_os("UPDATE_DOCS").is_some() {
            run(&client, "document.querySelector('.fixes').scrollIntoView()").await;
            let png = client.screenshot().await.expect("a screenshot");
            std::fs::write(root().join("docs/site-fix.png"), png).expect("docs/ is writable");
        }
        run(
            &client,
            "[...document.querySelectorAll('.fixes button.fix')].find(b => b.textContent.startsWith('Insert the example')).click();",
        )
        .await;
        until("the example closes succession-missing", Duration::from_secs(60), || async {
            let text = text_in(&client, "#findings").await;
            !text.is_empty() && !text.contains("succession-missing")
        })
        .await;
        assert!(editor_text(&client).await.contains("\nsuccession:\n"));

        // Hostile text is data: shown as typed, run nowhere, literal in the PDF.
        let hostile = r#"Dan <img src=x onerror="window.pwned=1"> #read("/etc/passwd") ]]>"#;
        let text = editor_text(&client).await.replacen(
            "name: Daniel Novak",
            &format!("name: '{}'", hostile.replace('\'', "''")),
            1,
        );
        run(
            &client,
            &format!("window.promocaseEditor.setText({})", serde_json::Value::from(text.as_str())),
        )
        .await;
        tokio::time::sleep(Duration::from_millis(1500)).await;
        assert_eq!(run(&client, "return window.pwned === undefined").await, true);
        assert_eq!(
            run(&client, "return document.querySelectorAll('#findings img, #readiness img, .cm-content img').length").await,
            0
        );
        let pdf = dir.path().join("hostile.pdf");
        std::fs::write(&pdf, download(&client, "it-manager-thin.yaml", "proposal").await).expect("the PDF");
        let printed = pdf_text(&pdf);
        assert!(printed.contains("<img src=x"), "{printed}");
        assert!(printed.contains("#read("), "{printed}");
        assert!(!printed.contains("root:"), "nothing was read: {printed}");
        let built = built_by_cli(dir.path(), "hostile-built.pdf", &editor_text(&client).await, &[]);
        assert_eq!(printed, pdf_text(&built), "the same text as build");

        // A company labels file and a language, picked in the page, word the
        // documents as `build --lang de --labels` does.
        let labels = "language: de\nlabels:\n  section.executive-summary: Das Wichtigste in Kürze\n";
        pick_file(&client, "labelsFile", "labels-de.yaml", labels).await;
        until("the labels are taken", Duration::from_secs(30), || async {
            text_in(&client, "#state").await.contains("labels-de.yaml")
        })
        .await;
        run(
            &client,
            "const s = document.getElementById('language'); s.value = 'de'; s.dispatchEvent(new Event('change'));",
        )
        .await;
        tokio::time::sleep(Duration::from_millis(500)).await;
        let from_site = dir.path().join("site-de.pdf");
        std::fs::write(&from_site, download(&client, "it-manager-thin.yaml", "proposal").await).expect("the PDF");
        let labels_file = dir.path().join("labels-de.yaml");
        std::fs::write(&labels_file, labels).expect("the labels file");
        let built = built_by_cli(
            dir.path(),
            "built-de.pdf",
            &editor_text(&client).await,
            &["--lang", "de", "--labels", path_str(&labels_file)],
        );
        let worded = pdf_text(&from_site);
        assert!(worded.contains("Das Wichtigste in Kürze"), "{worded}");
        assert_eq!(worded, pdf_text(&built), "the same pages and text as build");
        // The choice is this browser's: a reload keeps it.
        client.refresh().await.expect("a reload");
        until("the language is kept", Duration::from_secs(60), || async {
            run(&client, "return document.getElementById('language').value").await == "de"
        })
        .await;
        if std::env::var_os("UPDATE_DOCS").is_some() {
            // The documents in Hebrew, right to left, as README shows them.
            run(
                &client,
                "const s = document.getElementById('language'); s.value = 'he'; s.dispatchEvent(new Event('change'));",
            )
            .await;
            for (width, name) in [(1280, "site-hebrew.png"), (420, "site-hebrew-narrow.png")] {
                client.set_window_size(width, 900).await.expect("a window size");
                tokio::time::sleep(Duration::from_millis(4000)).await;
                let png = client.screenshot().await.expect("a screenshot");
                std::fs::write(root().join("docs").join(name), png).expect("docs/ is writable");
            }
        }
        same_origin_only(&client, &origin).await;
        let _ = client.close().await;
    });
}

/// A document that outlasts the compile limit never freezes the page: its
/// worker is ended, the page says so, and the next request is answered by
/// a new worker (the limit is shortened through the page's address, as a
/// runaway template would outlast the usual 30 s).
#[test]
fn a_compile_past_its_limit_ends_the_worker_and_the_page_goes_on() {
    let Some((driver, origin)) = served_site(Arc::new(AtomicBool::new(false))) else {
        return;
    };
    runtime().block_on(async {
        let client = driver.window(1280, 900).await;
        client.goto(&format!("{origin}/?compile-limit-ms=5")).await.expect("the site opens");
        open_example(&client, "operations-director.yaml").await;
        until("the page says the preview was stopped", Duration::from_secs(120), || async {
            text_in(&client, "#previewNote").await.contains("did not finish within 0.005 s and was stopped")
        })
        .await;
        // The page still answers: an edited text is checked by the new worker.
        // (Asked as the page asks, without an edit: an edit would also start a
        // preview, which the 5 ms limit ends together with the check.)
        until("an edited text is checked", Duration::from_secs(60), || async {
            client
                .execute_async(
                    "const done = arguments[arguments.length - 1];\
                     const text = window.promocaseEditor.text().replace('candidate:', 'candidat:');\
                     window.promocaseBackend.fetch('api/analyse?case=operations-director.yaml', {method: 'POST', body: text})\
                     .then(r => r.json()).then(a => done(JSON.stringify(a.messages || []))).catch(e => done(''));",
                    vec![],
                )
                .await
                .is_ok_and(|answer| answer.as_str().unwrap_or_default().contains("candidat"))
        })
        .await;
        let _ = client.close().await;
    });
}

/// The text of `promotion.yaml` in the page's private file system, the
/// stand-in for a file on the computer (its handles are the File System
/// Access API's own, which only the browser's file dialog can give otherwise).
async fn file_on_disk(client: &Client) -> String {
    client
        .execute_async(
            "const done = arguments[arguments.length - 1];\
             navigator.storage.getDirectory().then(d => d.getFileHandle('promotion.yaml'))\
             .then(h => h.getFile()).then(f => f.text()).then(done).catch(e => done('error: ' + e));",
            vec![],
        )
        .await
        .expect("the file's text")
        .as_str()
        .unwrap_or_default()
        .to_string()
}

/// Puts `text` in the editor and presses Save to file.
async fn type_and_save_to_file(client: &Client, text: &str) {
    let script = format!(
        "window.promocaseEditor.setText({})",
        serde_json::Value::from(text)
    );
    run(client, &script).await;
    client
        .find(Locator::Css("#saveFile"))
        .await
        .expect("Save to file")
        .click()
        .await
        .expect("saving");
}

/// Writes `promotion.yaml` as another program would.
async fn write_on_disk(client: &Client, text: &str) {
    let script = format!(
        "const done = arguments[arguments.length - 1];\
         (async () => {{ const d = await navigator.storage.getDirectory();\
           const h = await d.getFileHandle('promotion.yaml', {{create: true}});\
           const w = await h.createWritable(); await w.write({text}); await w.close();\
           window.showOpenFilePicker = async () => [h]; done('written'); }})().catch(e => done('error: ' + e));",
        text = serde_json::Value::from(text)
    );
    let answer = client
        .execute_async(&script, vec![])
        .await
        .expect("written");
    assert_eq!(answer, "written");
}

#[test]
fn a_case_opened_from_a_file_is_saved_back_to_it_and_never_over_another_programs_change() {
    let Some((driver, origin)) = served_site(Arc::new(AtomicBool::new(false))) else {
        return;
    };
    let text = std::fs::read_to_string(root().join("examples/it-manager-thin.yaml"))
        .expect("the thin example");
    runtime().block_on(async {
        let client = driver.window(1280, 900).await;
        client
            .goto(&format!("{origin}/"))
            .await
            .expect("the site opens");
        until("the site answers", Duration::from_secs(60), || async {
            run(
                &client,
                "return document.querySelector('#chooser').classList.contains('show')",
            )
            .await
                == true
        })
        .await;
        // The file dialog answers with the file, as a person picking it does.
        write_on_disk(&client, &text).await;
        // On a first visit the chooser covers the toolbar and offers Open file itself.
        client
            .find(Locator::Css("#chooserOpenFile"))
            .await
            .expect("Open file")
            .click()
            .await
            .expect("opening");
        until("the file opens", Duration::from_secs(60), || async {
            editor_text(&client).await == text
        })
        .await;
        assert!(
            client
                .current_url()
                .await
                .expect("the address")
                .as_str()
                .ends_with("#case=promotion.yaml"),
            "the case is named after its file"
        );

        // The file is remembered (in IndexedDB, as a reload would find it), and Save writes it.
        let edited = format!("{text}# kept in the file\n");
        type_and_save_to_file(&client, &edited).await;
        until("saved to the file", Duration::from_secs(30), || async {
            text_in(&client, "#state").await == "saved to promotion.yaml"
        })
        .await;
        assert_eq!(
            file_on_disk(&client).await,
            edited,
            "the file holds the edited text"
        );

        // Another program changes the file: the page's next save does not overwrite it.
        write_on_disk(&client, "# changed by another program\n").await;
        type_and_save_to_file(&client, &format!("{edited}# and more\n")).await;
        until("the save is refused", Duration::from_secs(30), || async {
            text_in(&client, "#state")
                .await
                .starts_with("not saved: another program changed promotion.yaml")
        })
        .await;
        assert_eq!(
            file_on_disk(&client).await,
            "# changed by another program\n"
        );
        assert!(
            editor_text(&client).await.ends_with("# and more\n"),
            "the edit stays in the page"
        );
        let _ = client.close().await;
    });
}
