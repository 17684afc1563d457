//! The workspace in a real browser: Debian's headless chromium driven
//! through chromedriver (WebDriver, fantoccini). Open the thin example, see
//! `succession-missing` listed, type a `succession:` section into the
//! editor, see the finding go and the preview change, save, and read the
//! file on disk. `.ci/run` installs chromium and chromium-driver; where they
//! cannot be had, the test says it skipped and why.

use std::time::{Duration, Instant};

use fantoccini::{Client, Locator};

#[path = "../../benches/support/chromium.rs"]
mod chromium;
pub use chromium::{Driver, runtime};

use crate::serve::{Server, thin_case};

/// Polls `check` on the page's state until it holds.
async fn until<F, Fut>(what: &str, check: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    until_within(what, Duration::from_secs(30), check).await;
}

/// Polls `check` until it holds, failing after `limit`.
pub async fn until_within<F, Fut>(what: &str, limit: Duration, mut check: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let start = Instant::now();
    while !check().await {
        assert!(start.elapsed() < limit, "timed out waiting: {what}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

async fn text_of(client: &Client, css: &str) -> String {
    match client.find(Locator::Css(css)).await {
        Ok(found) => found.text().await.unwrap_or_default(),
        Err(_) => String::new(),
    }
}

async fn click(client: &Client, css: &str) {
    client
        .find(Locator::Css(css))
        .await
        .unwrap_or_else(|_| panic!("{css} is on the page"))
        .click()
        .await
        .unwrap_or_else(|_| panic!("{css} takes a click"));
}

/// A server not yet opened by any browser: its printed address is the
/// browser's one launch.
fn unopened(path: &std::path::Path) -> Server {
    Server::spawn(path, &["--no-open"], &[])
}

/// With `UPDATE_DOCS=1`, the window as README shows it.
async fn picture(client: &Client, name: &str) {
    if std::env::var_os("UPDATE_DOCS").is_some() {
        let png = client.screenshot().await.expect("a screenshot");
        std::fs::write(crate::support::root().join("docs").join(name), png)
            .expect("docs/ is writable");
    }
}

#[test]
fn a_manager_fixes_a_gap_in_the_browser_and_saves() {
    let Some(driver) = Driver::start() else {
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let case = thin_case(dir.path());
    // The browser serve opens is handed a launch page in a private file;
    // here a stand-in records it and the test's browser opens it.
    let bin = tempfile::tempdir().expect("temp dir");
    let opened = bin.path().join("opened");
    let browser = bin.path().join("browser");
    std::fs::write(
        &browser,
        format!("#!/bin/sh\nprintf '%s' \"$1\" > {}\n", opened.display()),
    )
    .expect("a stand-in browser");
    crate::support::make_executable(&browser);
    let browser_command = browser.display().to_string();
    let _server = Server::spawn(&case, &[], &[("BROWSER", &browser_command)]);
    let launch_page = crate::serve::opened_launch_page(&opened);

    runtime().block_on(async {
        let client = driver.window(1280, 900).await;
        // The launch page moves on to the workspace by itself.
        client.goto(&launch_page).await.expect("the launch page opens");

        let findings = || text_of(&client, "#findings");
        let pages = || async {
            client
                .execute("return [...document.querySelectorAll('#pages img')].map(i => i.src)", vec![])
                .await
                .map(|v| v.to_string())
                .unwrap_or_default()
        };
        until("succession-missing is listed", || async { findings().await.contains("succession-missing") }).await;
        // The readiness is check's: the level's name and each status's label.
        until("the readiness names the level and the statuses", || async {
            let readiness = text_of(&client, "#readiness").await;
            readiness.contains("for Director") && readiness.contains("Succession") && readiness.contains("Missing")
        })
        .await;
        until("the preview shows", || async { pages().await.contains("blob:") }).await;
        let preview_before = pages().await;

        // Another editor changes the file while the page holds no unsaved
        // edits: the server pushes it and the page takes it.
        let original = std::fs::read_to_string(&case).expect("the case");
        std::fs::write(&case, format!("# reviewed with Katrin\n{original}")).expect("an external change");
        until("the external change reaches the editor", || async {
            client
                .execute("return window.promocaseEditor.text()", vec![])
                .await
                .is_ok_and(|v| v.as_str().unwrap_or_default().starts_with("# reviewed with Katrin"))
        })
        .await;

        // Type the missing section at the end of the text, on the empty last line
        // (in flow style: the editor indents a new line as the one above it).
        client
            .execute("window.promocaseEditor.focusEnd()", vec![])
            .await
            .expect("the cursor goes to the end");
        let editor = client.find(Locator::Css(".cm-content")).await.expect("the editor");
        editor
            .send_keys("succession: {successors: [{name: Jonas Weber, current_role: Service desk lead, readiness: ready-now, covers: [Service desk]}]}")
            .await
            .expect("typing");
        // A reload (or a crash of the tab) keeps the unsaved edit.
        tokio::time::sleep(Duration::from_millis(1000)).await;
        client.refresh().await.expect("a reload");
        until("the unsaved edit is back after a reload", || async {
            client
                .execute("return window.promocaseEditor.text()", vec![])
                .await
                .is_ok_and(|v| v.as_str().unwrap_or_default().contains("{name: Jonas Weber"))
        })
        .await;
        until("succession-missing goes", || async {
            let text = findings().await;
            !text.is_empty() && !text.contains("succession-missing")
        })
        .await;
        until("the preview changes", || async {
            let now = pages().await;
            now.contains("blob:") && now != preview_before
        })
        .await;

        // One more edit while the page shows the preview: the changed pages
        // arrive without the glyphs the shown pages define, and the page puts
        // them back (it marks an image whose glyph it cannot find).
        let preview_edited = pages().await;
        client
            .execute("window.promocaseEditor.focusEnd()", vec![])
            .await
            .expect("the cursor goes to the end");
        // The page was reloaded since: the editor is a new element.
        client
            .find(Locator::Css(".cm-content"))
            .await
            .expect("the editor")
            .send_keys("\nchanges_led: [{change: Merged the two service desks into one queue}]")
            .await
            .expect("typing");
        until("the preview shows the change led", || async {
            let now = pages().await;
            now.contains("blob:") && now != preview_edited
        })
        .await;
        let lost = client
            .execute(
                "return [...document.querySelectorAll('#pages img[data-lost-glyphs]')].length",
                vec![],
            )
            .await
            .expect("the images are read");
        assert_eq!(lost.as_u64(), Some(0), "a preview image lacks glyphs");

        client
            .find(Locator::Css("#save"))
            .await
            .expect("the save button")
            .click()
            .await
            .expect("saving");
        until("the file is saved", || async {
            std::fs::read_to_string(&case).is_ok_and(|t| t.contains("{name: Jonas Weber"))
        })
        .await;
        let state = client
            .find(Locator::Css("#state"))
            .await
            .expect("the state")
            .text()
            .await
            .unwrap_or_default();
        assert_eq!(state, "saved");
        let _ = client.close().await;
    });
    drop(driver);
}

#[test]
fn a_finding_opens_its_explanation_and_inserts_the_example() {
    let Some(driver) = Driver::start() else {
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let case = thin_case(dir.path());
    runtime().block_on(async {
        for (width, height, picture_name) in [
            (1280, 900, "workspace.png"),
            (420, 900, "workspace-narrow.png"),
        ] {
            // A browser of its own for each size, so a launch of its own.
            let server = unopened(&case);
            let client = driver.window(width, height).await;
            client.goto(&server.url).await.expect("the workspace opens");
            until("succession-missing is listed", || async {
                text_of(&client, "#findings")
                    .await
                    .contains("succession-missing")
            })
            .await;
            // The finding's own "why it matters" opens what `explain` prints.
            let item = client
                .execute(
                    "const items = [...document.querySelectorAll('#findings li')];\
                     const item = items.find(li => li.textContent.includes('succession-missing'));\
                     item.querySelector('button.more').click(); return items.indexOf(item) + 1;",
                    vec![],
                )
                .await
                .expect("the finding's button")
                .as_u64()
                .expect("its place");
            let explanation = format!("#findings li:nth-child({item}) .explain");
            until("the explanation shows", || async {
                text_of(&client, &explanation)
                    .await
                    .contains("interim_plan")
            })
            .await;
            if std::env::var_os("UPDATE_DOCS").is_some() {
                until("the preview shows", || async {
                    client
                        .execute("return document.querySelectorAll('#pages img[src]').length", vec![])
                        .await
                        .is_ok_and(|n| n.as_u64().unwrap_or(0) > 0)
                })
                .await;
                let _ = client
                    .execute(
                        &format!("document.querySelector('#findings li:nth-child({item})').scrollIntoView({{block: 'start'}})"),
                        vec![],
                    )
                    .await;
                tokio::time::sleep(Duration::from_millis(500)).await;
            }
            picture(&client, picture_name).await;
            click(&client, &format!("{explanation} button")).await;
            until(
                "the example is in the text and the finding goes",
                || async {
                    let text = client
                        .execute("return window.promocaseEditor.text()", vec![])
                        .await
                        .map(|v| v.as_str().unwrap_or_default().to_string())
                        .unwrap_or_default();
                    let findings = text_of(&client, "#findings").await;
                    text.contains("successors:\n    - name: Lena Vogt")
                        && !findings.is_empty()
                        && !findings.contains("succession-missing")
                },
            )
            .await;
            // Nothing is saved until the person saves.
            assert!(
                !std::fs::read_to_string(&case)
                    .unwrap_or_default()
                    .contains("Lena Vogt")
            );
            let _ = client.close().await;
        }
    });
    drop(driver);
}

#[test]
fn an_empty_folder_offers_the_new_case_form_and_opens_what_it_writes() {
    let Some(driver) = Driver::start() else {
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let server = unopened(dir.path());
    runtime().block_on(async {
        let client = driver.window(1280, 900).await;
        client.goto(&server.url).await.expect("the workspace opens");
        until("the form shows", || async {
            text_of(&client, "#chooser")
                .await
                .contains("Or start a new one")
        })
        .await;
        for (field, value) in [
            ("name", "Ana Petrova"),
            ("target_title", "Director of Marketing"),
            ("company", "Lilienfeld Systems GmbH"),
        ] {
            client
                .find(Locator::Css(&format!("#newCase input[name={field}]")))
                .await
                .expect("the field")
                .send_keys(value)
                .await
                .expect("typing");
        }
        click(&client, "#newCase button[type=submit]").await;
        until("the starter opens in the editor", || async {
            text_of(&client, "#file").await.contains("ana-petrova.yaml")
                && client
                    .execute("return window.promocaseEditor.text()", vec![])
                    .await
                    .map(|v| v.as_str().unwrap_or_default().contains("Ana Petrova"))
                    .unwrap_or(false)
        })
        .await;
        let written = std::fs::read_to_string(dir.path().join("ana-petrova.yaml"))
            .expect("the starter is written");
        assert!(
            written.contains("Director of Marketing")
                && written.contains("Lilienfeld Systems GmbH")
        );
        // (The heading is shown in capitals.)
        until("its findings show", || async {
            text_of(&client, "#findingsTitle")
                .await
                .to_lowercase()
                .starts_with("findings ·")
        })
        .await;
        let _ = client.close().await;
    });
    drop(driver);
}

/// The catalogue's text for `key` in `lang` (locales/LANG.yaml).
fn catalogue_text(lang: &str, key: &str) -> String {
    let file = crate::support::root().join(format!("locales/{lang}.yaml"));
    let catalogue: serde_yaml::Value =
        serde_yaml::from_str(&std::fs::read_to_string(file).expect("a catalogue")).expect("YAML");
    catalogue["labels"][key]
        .as_str()
        .unwrap_or_else(|| panic!("{lang} has {key}"))
        .to_string()
}

/// The workspace speaks the case's language: a Hebrew case gets Hebrew
/// buttons, statuses and findings' words, laid out right to left (the YAML
/// stays left to right); the switch on the page chooses another language,
/// which the page keeps.
#[test]
fn the_workspace_speaks_the_case_s_language_and_hebrew_runs_right_to_left() {
    let Some(driver) = Driver::start() else {
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let case = thin_case(dir.path());
    let text = std::fs::read_to_string(&case).expect("the case");
    std::fs::write(&case, format!("{text}\nlanguage: he\n")).expect("a Hebrew case");
    let server = unopened(&case);
    runtime().block_on(async {
        let client = driver.window(1280, 900).await;
        client.goto(&server.url).await.expect("the workspace opens");
        let page = |script: &'static str| {
            let client = &client;
            async move { client.execute(script, vec![]).await.unwrap_or_default() }
        };
        let save_in_hebrew = catalogue_text("he", "ui.save");
        until("the page is in Hebrew, right to left", || async {
            page("return document.documentElement.dir").await == "rtl"
                && text_of(&client, "#save").await == save_in_hebrew
        })
        .await;
        assert_eq!(page("return getComputedStyle(document.getElementById('editor')).direction").await, "ltr");
        let tally_start = catalogue_text("he", "ui.findings-tally");
        let tally_start = tally_start.split('{').next().unwrap_or_default().trim().to_string();
        until("the findings' title is Hebrew", || async {
            page("return document.getElementById('findingsTitle').textContent")
                .await
                .as_str()
                .is_some_and(|t| t.starts_with(&tally_start))
        })
        .await;
        // The readiness table's words are the documents' words in Hebrew.
        let succession = catalogue_text("he", "dimension.succession");
        until("the readiness table is in Hebrew", || async {
            text_of(&client, "#readiness").await.contains(&succession)
        })
        .await;
        // The findings speak Hebrew, and so does "why it matters", right to left.
        let message = catalogue_text("he", "finding.succession-missing.message");
        until("the finding is in Hebrew", || async {
            text_of(&client, "#findings").await.contains(&message)
        })
        .await;
        client
            .execute(
                "const item = [...document.querySelectorAll('#findings li')].find(li => li.querySelector('.code').textContent === 'succession-missing');\
                 item.querySelector('button.more').click();",
                vec![],
            )
            .await
            .expect("why it matters");
        let explanation = catalogue_text("he", "explain.succession-missing");
        let first_words = explanation.split_whitespace().take(4).collect::<Vec<_>>().join(" ");
        until("the explanation is in Hebrew", || async {
            text_of(&client, ".explain").await.contains(&first_words)
        })
        .await;
        assert_eq!(
            page("return getComputedStyle(document.querySelector('.explain p')).direction").await,
            "rtl"
        );
        picture(&client, "workspace-hebrew.png").await;
        if std::env::var_os("UPDATE_DOCS").is_some() {
            client.set_window_size(420, 900).await.expect("a narrow window");
            tokio::time::sleep(std::time::Duration::from_millis(800)).await;
            picture(&client, "workspace-hebrew-narrow.png").await;
            client.set_window_size(1280, 900).await.expect("a wide window");
        }
        // The switch: English, kept across a reload.
        client
            .execute("const s = document.getElementById('uiLang'); s.value = 'en'; s.dispatchEvent(new Event('change'));", vec![])
            .await
            .expect("the switch");
        until("the page is in English", || async {
            page("return document.documentElement.dir").await == "ltr" && text_of(&client, "#save").await == "Save"
        })
        .await;
        client.refresh().await.expect("a reload");
        until("English is kept", || async {
            text_of(&client, "#save").await == "Save"
                && page("return document.getElementById('findingsTitle').textContent")
                    .await
                    .as_str()
                    .is_some_and(|t| t.starts_with("Findings ·"))
        })
        .await;
        let _ = client.close().await;
    });
    drop(driver);
}
