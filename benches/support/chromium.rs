//! Headless chromium through chromedriver (WebDriver, fantoccini), for the
//! browser tests (`tests/suite/browser.rs`, `site.rs`) and the site's
//! benchmark (`benches/site.rs`), which include this file by path.

use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder};

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

/// chromedriver on a port of its own, stopped when dropped; `None` (and a
/// line in the test output) where chromium cannot be had.
pub struct Driver {
    _process: Running,
    port: u16,
}

impl Driver {
    pub fn start() -> Option<Driver> {
        let driver = ["chromedriver", "/usr/bin/chromedriver"]
            .into_iter()
            .find(|p| installed(p));
        let (Some(driver), true) = (driver, installed("chromium")) else {
            println!(
                "skipped: chromium and chromedriver are not installed (apt-get install chromium chromium-driver)"
            );
            return None;
        };
        let port = free_port();
        let process = Running(
            Command::new(driver)
                .arg(format!("--port={port}"))
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("chromedriver starts"),
        );
        wait_for_port(port);
        Some(Driver {
            _process: process,
            port,
        })
    }

    /// A headless browser window of this size.
    pub async fn window(&self, width: u32, height: u32) -> Client {
        let mut capabilities = serde_json::Map::new();
        capabilities.insert(
            "goog:chromeOptions".to_string(),
            serde_json::json!({
                // `gc()` is exposed so the site's bench can read the heap after a collection.
                "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                         "--disable-background-networking", "--js-flags=--expose-gc",
                         format!("--window-size={width},{height}")],
            }),
        );
        ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(capabilities)
            .connect(&format!("http://127.0.0.1:{}", self.port))
            .await
            .expect("a browser session")
    }
}

pub fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime")
}
