//! The workspace in a real browser: Debian's headless chromium driven
//! through chromedriver (WebDriver, fantoccini). Open the thin example, see
//! `succession-missing` listed, type a `succession:` section into the
//! editor, see the finding go and the preview change, save, and read the
//! file on disk. `.ci/run` installs chromium and chromium-driver; where they
//! cannot be had, the test says it skipped and why.

use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{ClientBuilder, Locator};

use crate::serve::{Server, thin_case};

/// A child process killed when dropped.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn installed(program: &str) -> bool {
    Command::new(program)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

fn wait_for_port(port: u16) {
    let start = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "chromedriver did not start"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn a_manager_fixes_a_gap_in_the_browser_and_saves() {
    let driver = ["chromedriver", "/usr/bin/chromedriver"]
        .into_iter()
        .find(|p| installed(p));
    let (Some(driver), true) = (driver, installed("chromium")) else {
        println!(
            "skipped: chromium and chromedriver are not installed (apt-get install chromium chromium-driver)"
        );
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let case = thin_case(dir.path());
    let server = Server::start(&case);
    let url = server.url.clone();

    let port = free_port();
    let driver = Running(
        Command::new(driver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts"),
    );
    wait_for_port(port);

    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    runtime.block_on(async {
        let mut capabilities = serde_json::Map::new();
        capabilities.insert(
            "goog:chromeOptions".to_string(),
            serde_json::json!({
                "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,900"],
            }),
        );
        let client = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(capabilities)
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
            .expect("a browser session");
        client.goto(&url).await.expect("the workspace opens");

        // Polls `check` on the page's state until it holds.
        async fn until<F, Fut>(what: &str, mut check: F)
        where
            F: FnMut() -> Fut,
            Fut: std::future::Future<Output = bool>,
        {
            let start = Instant::now();
            while !check().await {
                assert!(start.elapsed() < Duration::from_secs(30), "timed out waiting: {what}");
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
        }
        let findings = || async {
            match client.find(Locator::Css("#findings")).await {
                Ok(list) => list.text().await.unwrap_or_default(),
                Err(_) => String::new(),
            }
        };
        let pages = || async {
            client
                .execute("return [...document.querySelectorAll('#pages img')].map(i => i.src)", vec![])
                .await
                .map(|v| v.to_string())
                .unwrap_or_default()
        };
        until("succession-missing is listed", || async { findings().await.contains("succession-missing") }).await;
        until("the preview shows", || async { pages().await.contains("blob:") }).await;
        let preview_before = pages().await;

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
