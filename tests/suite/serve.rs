//! `promocase serve`: the workspace's server, spoken to over raw HTTP/1.1 on
//! a port of its own choosing. It answers only its own page (token, Host,
//! Origin), refuses what it must, analyses, saves without overwriting a file
//! changed elsewhere, and downloads the very bytes `build` writes.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::Child;
use std::time::Duration;

use serde_json::Value;

use crate::support::{assert_ok, command, path_str, promocase, root};

/// A running `promocase serve`, stopped when dropped. The browser test
/// starts its server through this too.
pub struct Server {
    pub child: Child,
    /// The one-time launch address the server printed.
    pub url: String,
    pub port: u16,
    /// The session's path prefix, `/s/SESSION/`.
    pub prefix: String,
    /// `NAME=TOKEN`, the session's cookie once launched.
    pub cookie: String,
    /// The case the requests name by default (the served file's name).
    pub case: Option<String>,
    /// Where the server keeps drafts (its XDG_STATE_HOME).
    pub state_home: tempfile::TempDir,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The address a starting `serve` prints on its first line: "serving CASE at
/// http://127.0.0.1:PORT/s/SESSION/launch?code=CODE".
pub fn printed_address(child: &mut Child) -> String {
    let stdout = child.stdout.take().expect("stdout");
    let mut line = String::new();
    BufReader::new(stdout)
        .read_line(&mut line)
        .expect("the address line");
    line.split(" at ")
        .nth(1)
        .unwrap_or_else(|| panic!("an address in {line:?}"))
        .trim()
        .to_string()
}

/// "http://127.0.0.1:PORT/s/SESSION/launch?code=CODE" → (port, prefix).
pub fn parse_launch_url(url: &str) -> (u16, String) {
    let rest = url
        .strip_prefix("http://127.0.0.1:")
        .unwrap_or_else(|| panic!("a loopback address: {url}"));
    let (port, path) = rest.split_once('/').expect("a path");
    let prefix = format!("/{}", path.split("launch?").next().expect("a launch path"));
    (port.parse().expect("a port"), prefix)
}

impl Server {
    pub fn start(case: &Path) -> Server {
        Server::start_with(case, &[])
    }

    /// With more options of `serve`, launched (the cookie taken) as a browser would.
    pub fn start_with(case: &Path, options: &[&str]) -> Server {
        let mut arguments = vec!["--no-open"];
        arguments.extend(options);
        let mut server = Server::spawn(case, &arguments, &[]);
        server.cookie = server.launch();
        server
    }

    /// Started with `options` and environment `env`, not yet launched.
    pub fn spawn(case: &Path, options: &[&str], env: &[(&str, &str)]) -> Server {
        let mut arguments = vec!["serve", path_str(case), "--port", "0"];
        arguments.extend(options);
        let state_home = tempfile::tempdir().expect("a state folder");
        let mut command = command(&arguments);
        command.env("XDG_STATE_HOME", state_home.path());
        for (key, value) in env {
            command.env(key, value);
        }
        let mut child = command.spawn().expect("promocase serve starts");
        let url = printed_address(&mut child);
        let (port, prefix) = parse_launch_url(&url);
        let case = case
            .is_file()
            .then(|| case.file_name().map(|n| n.to_string_lossy().into_owned()))
            .flatten();
        Server {
            child,
            url,
            port,
            prefix,
            cookie: String::new(),
            case,
            state_home,
        }
    }

    /// Opens the launch address as the browser would; the session's cookie.
    pub fn launch(&self) -> String {
        let target = self
            .url
            .trim_start_matches(&format!("http://{}", self.host()));
        let (status, head, _) = self.exchange("GET", target, &[("Host", self.host())], b"");
        assert_eq!(
            status, 200,
            "the launch address opens the workspace: {head}"
        );
        let cookie = head
            .lines()
            .find_map(|line| {
                line.strip_prefix("set-cookie: ")
                    .or_else(|| line.strip_prefix("Set-Cookie: "))
            })
            .expect("a cookie");
        cookie.split(';').next().expect("NAME=TOKEN").to_string()
    }

    /// Ctrl-C, as a terminal sends it; the exit status once it has stopped.
    fn interrupt(&mut self) -> std::process::ExitStatus {
        let pid = self.child.id().to_string();
        let sent = std::process::Command::new("kill")
            .args(["-INT", &pid])
            .status()
            .expect("kill runs");
        assert!(sent.success());
        let start = std::time::Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("the server's status") {
                return status;
            }
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "the server did not stop on Ctrl-C"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    pub fn host(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    pub fn origin(&self) -> String {
        format!("http://{}", self.host())
    }

    /// `/api/x?y` as the page asks it: under the session's prefix, naming
    /// the served case unless the path names one.
    pub fn target(&self, path: &str) -> String {
        let mut target = format!("{}{}", self.prefix, path.trim_start_matches('/'));
        if let Some(case) = &self.case
            && path.starts_with("/api/")
            && !path.contains("case=")
        {
            let separator = if target.contains('?') { '&' } else { '?' };
            target.push_str(&format!("{separator}case={case}"));
        }
        target
    }

    /// A request as the page makes it: the right Host, the cookie, and the
    /// page's Origin on a POST.
    pub fn page(&self, method: &str, path: &str, body: &[u8]) -> (u16, Vec<u8>) {
        let target = self.target(path);
        self.raw(method, &target, &self.page_headers(method), body)
    }

    pub fn page_headers(&self, method: &str) -> Vec<(&'static str, String)> {
        let mut headers = vec![("Host", self.host()), ("Cookie", self.cookie.clone())];
        if method == "POST" {
            headers.push(("Origin", self.origin()));
        }
        headers
    }

    pub fn raw(
        &self,
        method: &str,
        target: &str,
        headers: &[(&str, String)],
        body: &[u8],
    ) -> (u16, Vec<u8>) {
        let (status, _, body) = self.exchange(method, target, headers, body);
        (status, body)
    }

    /// One request on a connection of its own: status, head, body.
    pub fn exchange(
        &self,
        method: &str,
        target: &str,
        headers: &[(&str, String)],
        body: &[u8],
    ) -> (u16, String, Vec<u8>) {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).expect("the server listens");
        stream
            .set_read_timeout(Some(Duration::from_secs(60)))
            .expect("a timeout");
        let mut request = format!(
            "{method} {target} HTTP/1.1\r\nConnection: close\r\nContent-Length: {}\r\n",
            body.len()
        );
        for (name, value) in headers {
            request.push_str(&format!("{name}: {value}\r\n"));
        }
        request.push_str("\r\n");
        stream.write_all(request.as_bytes()).expect("send");
        let _ = stream.write_all(body);
        let mut response = Vec::new();
        let _ = stream.read_to_end(&mut response);
        let split = response
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .unwrap_or(response.len());
        let head = String::from_utf8_lossy(&response[..split]).into_owned();
        let status = head
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        let mut body = response[(split + 4).min(response.len())..].to_vec();
        if head
            .to_ascii_lowercase()
            .contains("transfer-encoding: chunked")
        {
            body = unchunk(&body);
        }
        (status, head, body)
    }
}

fn unchunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let Some(end) = data.windows(2).position(|w| w == b"\r\n") else {
            return out;
        };
        let size =
            usize::from_str_radix(String::from_utf8_lossy(&data[..end]).trim(), 16).unwrap_or(0);
        if size == 0 {
            return out;
        }
        let start = end + 2;
        out.extend_from_slice(&data[start..(start + size).min(data.len())]);
        data = &data[(start + size + 2).min(data.len())..];
    }
}

pub fn json(body: &[u8]) -> Value {
    serde_json::from_slice(body)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(body)))
}

/// The address a stand-in browser was given (it writes it to `opened`):
/// the launch page, a `file://` address.
pub fn opened_launch_page(opened: &Path) -> String {
    let start = std::time::Instant::now();
    loop {
        if let Ok(address) = std::fs::read_to_string(opened)
            && !address.is_empty()
        {
            return address;
        }
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "serve opened no browser"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The thin example copied into a folder of its own, so saving cannot touch the repository.
pub fn thin_case(dir: &Path) -> std::path::PathBuf {
    let case = dir.join("thin.yaml");
    std::fs::copy(root().join("examples/it-manager-thin.yaml"), &case).expect("copy");
    case
}

#[test]
fn only_the_sessions_own_page_gets_an_answer() {
    let dir = tempfile::tempdir().expect("temp dir");
    let server = Server::start(&thin_case(dir.path()));
    let host = vec![("Host", server.host())];
    let case = server.target("/api/case");
    // No cookie, a wrong cookie, the old token in the address.
    assert_eq!(server.raw("GET", &case, &host, b"").0, 403);
    let (name, token) = server.cookie.split_once('=').expect("NAME=TOKEN");
    let wrong = vec![
        ("Host", server.host()),
        ("Cookie", format!("{name}=00000000000000000000000000000000")),
    ];
    assert_eq!(server.raw("GET", &case, &wrong, b"").0, 403);
    assert_eq!(
        server
            .raw("GET", &format!("{case}&token={token}"), &host, b"")
            .0,
        403,
        "the token is no key in an address"
    );
    // Another session's cookie name does not count.
    let other = vec![
        ("Host", server.host()),
        ("Cookie", format!("promocase_token={token}")),
    ];
    assert_eq!(server.raw("GET", &case, &other, b"").0, 403);
    // The launch address works once: a leaked one is worthless.
    let launch = server.url.trim_start_matches(&server.origin()).to_string();
    assert_eq!(server.raw("GET", &launch, &host, b"").0, 403);
    // The right cookie under a foreign Host (DNS rebinding).
    let foreign = vec![
        ("Host", format!("attacker.example:{}", server.port)),
        ("Cookie", server.cookie.clone()),
    ];
    assert_eq!(server.raw("GET", &case, &foreign, b"").0, 421);
    // A change without the page's Origin, or from another site, or `null`.
    let analyse = server.target("/api/analyse");
    let no_origin = vec![("Host", server.host()), ("Cookie", server.cookie.clone())];
    assert_eq!(server.raw("POST", &analyse, &no_origin, b"a: 1").0, 403);
    for origin in ["http://attacker.example", "null", "http://127.0.0.1:1"] {
        let cross = vec![
            ("Host", server.host()),
            ("Cookie", server.cookie.clone()),
            ("Origin", origin.to_string()),
        ];
        assert_eq!(
            server.raw("POST", &analyse, &cross, b"a: 1").0,
            403,
            "{origin}"
        );
    }
    // Outside the session's path there is nothing, not even with the cookie.
    let outside = vec![("Host", server.host()), ("Cookie", server.cookie.clone())];
    assert_eq!(server.raw("GET", "/api/case", &outside, b"").0, 404);
    assert_eq!(server.raw("GET", "/", &outside, b"").0, 404);
    // A body over the loader's limit, a path of the server's own, a document that is not one.
    let huge = vec![b'a'; 5 * 1024 * 1024];
    assert_eq!(server.page("POST", "/api/analyse", &huge).0, 413);
    assert_eq!(server.page("GET", "/etc/passwd", b"").0, 404);
    assert_eq!(
        server
            .page("POST", "/api/download?doc=../../etc/passwd", b"a: 1")
            .0,
        400
    );
    // No request names a file: a path in the query changes nothing.
    let (status, body) = server.page("GET", "/api/case?path=/etc/passwd", b"");
    assert_eq!(status, 200);
    assert!(
        json(&body)["name"]
            .as_str()
            .unwrap_or_default()
            .ends_with("thin.yaml")
    );
    assert_eq!(
        server.page("GET", "/api/case?case=../../etc/passwd", b"").0,
        409
    );
}

#[test]
fn an_edit_is_analysed_as_check_would() {
    let dir = tempfile::tempdir().expect("temp dir");
    let case = thin_case(dir.path());
    let server = Server::start(&case);
    let (status, body) = server.page("GET", "/api/case", b"");
    assert_eq!(status, 200);
    let text = json(&body)["text"].as_str().expect("the text").to_string();
    let codes = |analysis: &Value| -> Vec<String> {
        analysis["messages"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|m| m["code"].as_str().map(str::to_string))
            .collect()
    };
    let (_, body) = server.page("POST", "/api/analyse", text.as_bytes());
    let before = json(&body);
    assert!(codes(&before).contains(&"succession-missing".to_string()));
    let fixed = format!(
        "{text}\nsuccession:\n  successors:\n    - name: Jonas Weber\n      current_role: Service desk lead\n      readiness: ready-now\n      covers: [Service desk]\n"
    );
    let (_, body) = server.page("POST", "/api/analyse", fixed.as_bytes());
    let after = json(&body);
    assert!(!codes(&after).contains(&"succession-missing".to_string()));
    assert!(
        after["changes"]["fixed"]
            .to_string()
            .contains("succession-missing")
    );
    // A half-typed file is a located load error, and the server goes on.
    let (status, body) = server.page("POST", "/api/analyse", b"candidate:\n  name: [Ana\n");
    assert_eq!(status, 200);
    let broken = json(&body);
    assert_eq!(broken["loads"], false);
    assert!(broken["messages"][0]["span"]["line"].as_u64().is_some());
    assert_eq!(server.page("GET", "/api/case", b"").0, 200);
}

#[test]
fn saving_never_overwrites_a_file_changed_elsewhere() {
    let dir = tempfile::tempdir().expect("temp dir");
    let case = thin_case(dir.path());
    let server = Server::start(&case);
    let (_, body) = server.page("GET", "/api/case", b"");
    let opened = json(&body);
    let version = opened["version"].as_str().expect("a version").to_string();
    let edited = format!(
        "{}\n# reviewed with Katrin\n",
        opened["text"].as_str().unwrap_or_default()
    );
    let save = serde_json::json!({ "text": edited, "version": version }).to_string();
    let (status, body) = server.page("POST", "/api/save", save.as_bytes());
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&body));
    assert_eq!(std::fs::read_to_string(&case).expect("saved"), edited);
    // Another editor changes the file; a save from the old version is refused.
    std::fs::write(&case, "# changed in another editor\n").expect("external change");
    let stale =
        serde_json::json!({ "text": "mine", "version": json(&body)["version"] }).to_string();
    let (status, body) = server.page("POST", "/api/save", stale.as_bytes());
    assert_eq!(status, 409);
    assert_eq!(json(&body)["text"], "# changed in another editor\n");
    assert_eq!(
        std::fs::read_to_string(&case).expect("still there"),
        "# changed in another editor\n"
    );
}

#[test]
fn a_download_is_the_pdf_build_writes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let case = thin_case(dir.path());
    let server = Server::start(&case);
    let text = std::fs::read(&case).expect("the case");
    let (status, served) = server.page("POST", "/api/download?doc=brief", &text);
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&served));
    assert!(served.starts_with(b"%PDF-"));
    // The thin case has errors: build writes it only as a draft, and so does serve.
    let built = dir.path().join("built.pdf");
    assert_ok(&promocase(&[
        "build",
        path_str(&case),
        "--template",
        "brief",
        "--draft",
        "-o",
        path_str(&built),
    ]));
    assert_eq!(served, std::fs::read(&built).expect("build's PDF"));
}

#[test]
fn serve_writes_the_documents_in_the_language_build_would() {
    let dir = tempfile::tempdir().expect("temp dir");
    let case = thin_case(dir.path());
    let server = Server::start_with(&case, &["--lang", "fr"]);
    let text = std::fs::read(&case).expect("the case");
    let (status, served) = server.page("POST", "/api/download?doc=brief", &text);
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&served));
    let built = dir.path().join("built.pdf");
    assert_ok(&promocase(&[
        "build",
        path_str(&case),
        "--template",
        "brief",
        "--draft",
        "--lang",
        "fr",
        "-o",
        path_str(&built),
    ]));
    assert_eq!(served, std::fs::read(&built).expect("build's PDF"));
    // The thin case names no successor; the brief says so in French.
    assert!(crate::support::pdf_text(&built).contains("Aucun successeur"));
}

#[test]
fn the_preview_sends_only_pages_that_changed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let case = thin_case(dir.path());
    let server = Server::start(&case);
    let text = std::fs::read_to_string(&case).expect("the case");
    let ask = |known: &[String], text: &str| {
        let body =
            serde_json::json!({ "text": text, "doc": "proposal", "known": known }).to_string();
        let (status, body) = server.page("POST", "/api/preview", body.as_bytes());
        assert_eq!(status, 200, "{}", String::from_utf8_lossy(&body));
        json(&body)
    };
    let names = |preview: &serde_json::Value| -> Vec<String> {
        preview["pages"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|p| p["hash"].as_str().map(str::to_string))
            .collect()
    };
    let sent = |preview: &serde_json::Value| -> Vec<(String, String)> {
        preview["pieces"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|p| {
                Some((
                    p["name"].as_str()?.to_string(),
                    p["svg"].as_str()?.to_string(),
                ))
            })
            .collect()
    };
    let first = ask(&[], &text);
    let known = names(&first);
    assert!(known.len() > 1);
    let mut held: std::collections::HashMap<String, String> = sent(&first).into_iter().collect();
    // Each page is its pieces one after the other, opened by `<svg`.
    for page in first["pages"].as_array().expect("pages") {
        let pieces = page["pieces"].as_array().expect("a new page's pieces");
        let svg: String = pieces
            .iter()
            .map(|name| held[name.as_str().expect("a name")].as_str())
            .collect();
        assert!(svg.starts_with("<svg"), "{}", &svg[..svg.len().min(80)]);
    }
    let again = ask(&known, &text);
    assert!(
        sent(&again).is_empty()
            && again["pages"]
                .as_array()
                .expect("pages")
                .iter()
                .all(|p| p["pieces"].is_null()),
        "nothing changed, nothing sent: {again}"
    );
    // An edit: the changed pages come with the names of their pieces, and
    // only the pieces the page does not hold are sent, without the glyph
    // outlines the pieces it holds define; every glyph a new piece uses is
    // defined in it or in those pieces (the page's script puts them back).
    let edited = text.replace("four years", "four and a half years");
    let changed = ask(&known, &edited);
    let shown: String = held.values().map(String::as_str).collect();
    let new = sent(&changed);
    let sent_bytes: usize = new.iter().map(|(_, svg)| svg.len()).sum();
    let whole_bytes: usize = held.values().map(String::len).sum();
    let fresh: String = new.iter().map(|(_, svg)| svg.as_str()).collect();
    for (_, svg) in &new {
        for used in svg.split("href=\"#").skip(1) {
            let id = &used[..used.find('"').expect("a closed reference")];
            let symbol = format!("<symbol id=\"{id}\"");
            assert!(
                fresh.contains(&symbol) || shown.contains(&symbol),
                "glyph {id} is defined nowhere the page can find it"
            );
        }
    }
    held.extend(new);
    for page in changed["pages"].as_array().expect("pages") {
        if let Some(pieces) = page["pieces"].as_array() {
            assert!(
                pieces
                    .iter()
                    .all(|name| held.contains_key(name.as_str().unwrap_or_default())),
                "every piece of a changed page was held or sent"
            );
        }
    }
    assert!(sent_bytes > 0, "the edit changed a page");
    assert!(
        sent_bytes * 4 < whole_bytes,
        "{sent_bytes} bytes sent for a document of {whole_bytes}"
    );
    // A text that does not load keeps the last preview: the server says so.
    let body = serde_json::json!({ "text": "candidate: [", "doc": "proposal" }).to_string();
    assert_eq!(server.page("POST", "/api/preview", body.as_bytes()).0, 422);
}

#[test]
fn a_folder_lists_its_cases_and_a_new_one_is_written_from_the_form() {
    let dir = tempfile::tempdir().expect("temp dir");
    let server = Server::start(dir.path());
    assert_eq!(
        server.page("GET", "/api/case?case=ana-petrova.yaml", b"").0,
        409,
        "no case opened yet"
    );
    let (_, body) = server.page("GET", "/api/cases", b"");
    let listing = json(&body);
    assert_eq!(listing["cases"], serde_json::json!([]));
    assert!(listing["levels"].to_string().contains("\"director\""));
    // Only a listed name opens, never a path.
    let escape = serde_json::json!({ "name": "../../etc/passwd" }).to_string();
    assert_eq!(server.page("POST", "/api/open", escape.as_bytes()).0, 400);
    let form = serde_json::json!({
        "name": "Ana Petrova", "level": "director", "track": "marketing",
        "company": "Nordlicht Software", "target_date": "2027-04"
    })
    .to_string();
    let (status, body) = server.page("POST", "/api/new", form.as_bytes());
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&body));
    let written = dir.path().join("ana-petrova.yaml");
    let text = std::fs::read_to_string(&written).expect("the starter is written");
    assert!(text.contains("name: Ana Petrova") && text.contains("company: Nordlicht Software"));
    assert!(dir.path().join("promocase.schema.json").is_file());
    // It loads (check finds the starter's placeholders, but no load error) and is now served.
    let check = promocase(&["check", path_str(&written)]);
    assert_eq!(
        check.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    let (status, body) = server.page("GET", "/api/case?case=ana-petrova.yaml", b"");
    assert_eq!(status, 200);
    assert_eq!(json(&body)["text"].as_str(), Some(text.as_str()));
    // The same name again never overwrites it.
    assert_eq!(server.page("POST", "/api/new", form.as_bytes()).0, 409);
    let (_, body) = server.page("GET", "/api/cases", b"");
    assert_eq!(
        json(&body)["cases"],
        serde_json::json!(["ana-petrova.yaml"])
    );
}

#[test]
fn completion_and_hover_come_from_the_schema_and_the_rubric() {
    let dir = tempfile::tempdir().expect("temp dir");
    let server = Server::start(&thin_case(dir.path()));
    let text = "candidate:\n  name: Ana\n  target_level: d\nwaivers:\n  - rule: weak-verb\n";
    let at = |path: &str, line: usize, column: usize| {
        let body = serde_json::json!({ "text": text, "line": line, "column": column }).to_string();
        let (status, body) = server.page("POST", path, body.as_bytes());
        assert_eq!(status, 200, "{}", String::from_utf8_lossy(&body));
        json(&body)
    };
    let levels = at("/api/complete", 3, 18);
    assert_eq!(levels["from"], 17);
    let labels: Vec<&str> = levels["items"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|i| i["label"].as_str())
        .collect();
    assert_eq!(labels, ["senior-manager", "director", "vp"]);
    let fields = at("/api/complete", 2, 3);
    assert!(fields["items"].to_string().contains("\"current_title\""));
    let help = at("/api/hover", 3, 5);
    assert!(
        help["text"]
            .as_str()
            .unwrap_or_default()
            .starts_with("target_level: ")
    );
    let rule = at("/api/hover", 5, 13);
    assert!(
        rule["text"]
            .as_str()
            .unwrap_or_default()
            .starts_with("weak-verb: ")
    );
    // The editor the page loads comes from the binary.
    let (status, script) = server.page("GET", "/editor.js", b"");
    assert_eq!(status, 200);
    assert!(String::from_utf8_lossy(&script).contains("PromocaseEditor"));
}

#[test]
fn a_finding_explains_its_rule_and_inserts_its_example_where_it_belongs() {
    let dir = tempfile::tempdir().expect("temp dir");
    let case = thin_case(dir.path());
    let server = Server::start(&case);
    // The same words `promocase explain` prints.
    let (status, body) = server.page("GET", "/api/explain?rule=succession-missing", b"");
    assert_eq!(status, 200);
    let explanation = json(&body);
    let printed = promocase(&["explain", "succession-missing"]);
    let printed = String::from_utf8_lossy(&printed.stdout).replace('\n', " ");
    let first = explanation["paragraphs"][0].as_str().expect("a paragraph");
    let opening: String = first
        .split_whitespace()
        .take(12)
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        printed
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .contains(&opening),
        "{opening}"
    );
    assert_eq!(
        server
            .page("GET", "/api/explain?rule=succession-mising", b"")
            .0,
        404
    );

    let text = std::fs::read_to_string(&case).expect("the case");
    let request = serde_json::json!({ "text": text, "rule": "succession-missing" });
    let (status, body) = server.page("POST", "/api/insert", request.to_string().as_bytes());
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&body));
    let insertions = json(&body)["insertions"].clone();
    // Applied as the page applies them: at line starts, in order.
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let mut merged = String::new();
    let mut next = 0;
    for insertion in insertions.as_array().expect("a list") {
        let line = insertion["line"].as_u64().expect("a line") as usize;
        while next + 1 < line && next < lines.len() {
            merged.push_str(lines[next]);
            next += 1;
        }
        merged.push_str(insertion["text"].as_str().expect("text"));
    }
    merged.extend(lines[next..].iter().copied());
    assert!(
        merged.starts_with(&text[..text.len() / 2]),
        "nothing the person wrote moves"
    );
    let (_, body) = server.page("POST", "/api/analyse", merged.as_bytes());
    let after = json(&body);
    assert_eq!(after["loads"], true, "{}", after["messages"]);
    assert!(!after["messages"].to_string().contains("succession-missing"));

    // Inserted twice, the second time there is nothing to add.
    let again = serde_json::json!({ "text": merged, "rule": "succession-missing" });
    let (status, body) = server.page("POST", "/api/insert", again.to_string().as_bytes());
    assert_eq!(status, 409);
    assert!(
        json(&body)["error"]
            .as_str()
            .unwrap_or("")
            .contains("already has")
    );
}

#[test]
fn a_change_on_disk_is_pushed_to_the_page() {
    let dir = tempfile::tempdir().expect("temp dir");
    let case = thin_case(dir.path());
    let mut server = Server::start(&case);
    let mut stream = TcpStream::connect(("127.0.0.1", server.port)).expect("the server listens");
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .expect("a timeout");
    let request = format!(
        "GET {} HTTP/1.1\r\nHost: {}\r\nCookie: {}\r\n\r\n",
        server.target("/api/events"),
        server.host(),
        server.cookie
    );
    stream.write_all(request.as_bytes()).expect("send");
    let mut events = BufReader::new(stream);
    // The version of each `disk` event, as it comes.
    let mut next_version = || -> String {
        let mut line = String::new();
        loop {
            line.clear();
            let read = events.read_line(&mut line).expect("an event within 20 s");
            assert!(read > 0, "the stream ended");
            if let Some(data) = line.strip_prefix("data: ") {
                return data.trim().to_string();
            }
        }
    };
    let (_, body) = server.page("GET", "/api/case", b"");
    let opened = json(&body)["version"]
        .as_str()
        .expect("a version")
        .to_string();
    assert_eq!(next_version(), opened, "the first event is the version now");
    std::fs::write(&case, "# changed in another editor\n").expect("external change");
    let pushed = next_version();
    let (_, body) = server.page("GET", "/api/case", b"");
    assert_ne!(pushed, opened);
    assert_eq!(pushed, json(&body)["version"].as_str().unwrap_or_default());
    // Ctrl-C stops the server cleanly, open event stream or not.
    assert!(server.interrupt().success());
}

#[test]
fn a_template_that_never_ends_stops_its_compile_not_the_server() {
    let dir = tempfile::tempdir().expect("temp dir");
    let case = thin_case(dir.path());
    let templates = dir.path().join("templates");
    std::fs::create_dir(&templates).expect("a template folder");
    std::fs::write(
        templates.join("brief.typ"),
        "#for i in range(100000) { for j in range(100000) { } }\n",
    )
    .expect("a looping brief");
    std::fs::write(
        templates.join("talking-points.typ"),
        "#let all = range(1000000000)\n#all.len()\n",
    )
    .expect("talking points that fill memory");
    let template_dir = path_str(&templates).to_string();
    let server = Server::start_with(
        &case,
        &[
            "--template-dir",
            &template_dir,
            "--timeout",
            "2",
            "--max-memory",
            "512",
        ],
    );
    let text = std::fs::read_to_string(&case).expect("the case");
    let ask = |doc: &str| {
        let request = serde_json::json!({ "text": text, "doc": doc });
        server.page("POST", "/api/preview", request.to_string().as_bytes())
    };
    let (status, body) = ask("brief");
    assert_eq!(status, 503, "{}", String::from_utf8_lossy(&body));
    let said = json(&body)["error"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert!(
        said.contains("did not finish within 2 s (--timeout 2)"),
        "{said}"
    );
    // The server goes on: the built-in proposal still compiles, and the
    // looping brief is stopped again, each time.
    let (status, body) = ask("proposal");
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&body));
    assert!(
        json(&body)["pages"]
            .as_array()
            .is_some_and(|p| !p.is_empty())
    );
    assert_eq!(ask("brief").0, 503);
    let (status, body) = ask("talking-points");
    assert_eq!(status, 503, "{}", String::from_utf8_lossy(&body));
    let said = json(&body)["error"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert!(
        said.contains("more than 512 MB of memory (--max-memory 512)"),
        "{said}"
    );
    assert_eq!(ask("proposal").0, 200);
    assert_eq!(server.page("POST", "/api/analyse", text.as_bytes()).0, 200);
}

#[test]
fn a_finding_offers_the_language_servers_quick_fixes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let case = thin_case(dir.path());
    let server = Server::start(&case);
    let text = std::fs::read_to_string(&case).expect("the case");
    let (_, body) = server.page("POST", "/api/analyse", text.as_bytes());
    let analysis = json(&body);
    let finding = analysis["messages"]
        .as_array()
        .expect("messages")
        .iter()
        .find(|m| m["code"] == "succession-missing")
        .expect("succession-missing")
        .clone();
    let ask = serde_json::json!({ "text": text, "code": "succession-missing", "start": finding["span"]["start"] });
    let (status, body) = server.page("POST", "/api/fixes", ask.to_string().as_bytes());
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&body));
    let fixes = json(&body)["fixes"].clone();
    let titles: Vec<&str> = fixes
        .as_array()
        .expect("a list")
        .iter()
        .filter_map(|f| f["title"].as_str())
        .collect();
    assert_eq!(
        titles,
        [
            "Insert the example of `succession-missing` where it belongs",
            "Waive `succession-missing` for this case (then write the reason)"
        ]
    );
    // The first fix's text closes the finding and keeps what the person wrote.
    let fixed = fixes[0]["text"].as_str().expect("the text after the fix");
    assert!(fixed.starts_with(&text[..text.len() / 2]));
    let (_, body) = server.page("POST", "/api/analyse", fixed.as_bytes());
    let after = json(&body);
    assert_eq!(after["loads"], true);
    assert!(!after["messages"].to_string().contains("succession-missing"));

    // A misspelt key: its fix is the field it meant.
    let misspelt = text.replacen("\ncandidate:", "\ncandidat:", 1);
    let (_, body) = server.page("POST", "/api/analyse", misspelt.as_bytes());
    let load = json(&body)["messages"]
        .as_array()
        .expect("messages")
        .iter()
        .find(|m| m["suggestion"] == "candidate")
        .expect("the misspelt key, with its field")
        .clone();
    let ask = serde_json::json!({ "text": misspelt, "code": load["code"], "start": load["span"]["start"] });
    let (status, body) = server.page("POST", "/api/fixes", ask.to_string().as_bytes());
    assert_eq!(status, 200);
    let fix = json(&body)["fixes"][0].clone();
    assert_eq!(fix["title"], "Replace `candidat` with `candidate`");
    assert_eq!(fix["text"].as_str(), Some(text.as_str()));

    // A finding the text no longer has: the page is told to look again.
    let ask = serde_json::json!({ "text": fixed, "code": "succession-missing", "start": finding["span"]["start"] });
    let (status, _) = server.page("POST", "/api/fixes", ask.to_string().as_bytes());
    assert_eq!(status, 409);
}
