//! `promocase lsp` as an editor meets it: the real binary started as a
//! process, JSON-RPC over its standard input and output with Content-Length
//! framing. Every wait has a deadline, so a hung server fails the test
//! instead of hanging the suite.

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::support::{command, line_of, root};

/// The longest any one answer may take before the server counts as hung.
const DEADLINE: Duration = Duration::from_secs(30);

struct Client {
    child: Child,
    stdin: Option<ChildStdin>,
    incoming: Receiver<Value>,
    /// Messages read while waiting for another one.
    backlog: Vec<Value>,
    next_id: i64,
}

impl Client {
    fn start(args: &[&str]) -> Client {
        let mut argv = vec!["lsp"];
        argv.extend_from_slice(args);
        let mut child = command(&argv)
            .stdin(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("promocase lsp starts");
        let stdin = child.stdin.take();
        let stdout = child.stdout.take().expect("piped stdout");
        let (sender, incoming) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            loop {
                let mut length = None;
                loop {
                    let mut header = String::new();
                    match reader.read_line(&mut header) {
                        Ok(0) | Err(_) => return,
                        Ok(_) => {}
                    }
                    let header = header.trim_end();
                    if header.is_empty() {
                        break;
                    }
                    if let Some(n) = header.strip_prefix("Content-Length: ") {
                        length = n.parse::<usize>().ok();
                    }
                }
                let mut body = vec![0; length.expect("a Content-Length header")];
                if reader.read_exact(&mut body).is_err() {
                    return;
                }
                let message: Value = serde_json::from_slice(&body).expect("JSON from the server");
                if sender.send(message).is_err() {
                    return;
                }
            }
        });
        Client {
            child,
            stdin,
            incoming,
            backlog: Vec::new(),
            next_id: 0,
        }
    }

    fn send(&mut self, message: Value) {
        let body = message.to_string();
        let stdin = self.stdin.as_mut().expect("stdin open");
        write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).expect("the server reads");
        stdin.flush().expect("the server reads");
    }

    /// Sends bytes as they are, framed or not.
    fn send_raw(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().expect("stdin open");
        stdin.write_all(bytes).expect("the server reads");
        stdin.flush().expect("the server reads");
    }

    /// The most memory the server has held so far (VmHWM), in megabytes.
    #[cfg(target_os = "linux")]
    fn peak_megabytes(&self) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .expect("the server's /proc status");
        let kilobytes: u64 = status
            .lines()
            .find_map(|line| line.strip_prefix("VmHWM:"))
            .and_then(|value| value.trim().trim_end_matches("kB").trim().parse().ok())
            .unwrap_or_else(|| panic!("no VmHWM in {status}"));
        kilobytes / 1024
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// The first message (read before or now) that `wanted` accepts.
    fn wait_for(&mut self, what: &str, wanted: impl Fn(&Value) -> bool) -> Value {
        if let Some(at) = self.backlog.iter().position(&wanted) {
            return self.backlog.remove(at);
        }
        let deadline = Instant::now() + DEADLINE;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.incoming.recv_timeout(left) {
                Ok(message) if wanted(&message) => return message,
                Ok(message) => self.backlog.push(message),
                Err(RecvTimeoutError::Timeout) => panic!("no {what} within {DEADLINE:?}"),
                Err(RecvTimeoutError::Disconnected) => {
                    panic!("the server closed its output while we waited for {what}")
                }
            }
        }
    }

    /// Sends a request and returns its whole response.
    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        self.wait_for(&format!("the answer to {method}"), |m| {
            m["id"] == id && m.get("method").is_none()
        })
    }

    /// The next diagnostics published for `uri` whose version is `version`.
    fn diagnostics(&mut self, uri: &str, version: Option<i64>) -> Vec<Value> {
        let message = self.wait_for(&format!("diagnostics for {uri}"), |m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && version.is_none_or(|v| m["params"]["version"] == v)
        });
        message["params"]["diagnostics"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    fn initialize(&mut self, options: Value) {
        let answer = self.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": null,
                "capabilities": {},
                "initializationOptions": options,
            }),
        );
        let capabilities = &answer["result"]["capabilities"];
        assert_eq!(capabilities["positionEncoding"], "utf-16", "{answer}");
        assert_eq!(capabilities["hoverProvider"], true, "{answer}");
        self.notify("initialized", json!({}));
    }

    fn open(&mut self, uri: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}}),
        );
    }

    fn change(&mut self, uri: &str, version: i64, text: &str) {
        self.notify(
            "textDocument/didChange",
            json!({
                "textDocument": {"uri": uri, "version": version},
                "contentChanges": [{"text": text}],
            }),
        );
    }

    fn at(&mut self, method: &str, uri: &str, line: usize, character: usize) -> Value {
        self.request(
            method,
            json!({
                "textDocument": {"uri": uri},
                "position": {"line": line, "character": character},
            }),
        )["result"]
            .clone()
    }

    /// Shuts down and exits as an editor does; the process must end with 0.
    fn shut_down(mut self) {
        let answer = self.request("shutdown", Value::Null);
        assert!(answer.get("error").is_none(), "{answer}");
        self.notify("exit", Value::Null);
        drop(self.stdin.take());
        let deadline = Instant::now() + DEADLINE;
        loop {
            if let Some(status) = self.child.try_wait().expect("waiting on the server") {
                assert!(status.success(), "exit status {status:?}");
                return;
            }
            assert!(Instant::now() < deadline, "the server did not exit");
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        // A failed test must not leave a server behind.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn uri_of(path: &std::path::Path) -> String {
    format!("file://{}", path.display())
}

fn codes(diagnostics: &[Value]) -> Vec<String> {
    diagnostics
        .iter()
        .filter_map(|d| d["code"].as_str().map(str::to_string))
        .collect()
}

/// `text` with a protocol `WorkspaceEdit`'s edits for `uri` made (UTF-16
/// positions; these texts are ASCII where the edits land, so bytes serve).
fn apply_edit(text: &str, edit: &Value, uri: &str) -> String {
    let offset = |position: &Value| -> usize {
        let line = position["line"].as_u64().expect("a line") as usize;
        let character = position["character"].as_u64().expect("a character") as usize;
        let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
        let line_text = text[start..].split('\n').next().unwrap_or("");
        let mut units = 0;
        for (index, c) in line_text.char_indices() {
            if units >= character {
                return start + index;
            }
            units += c.len_utf16();
        }
        start + line_text.len()
    };
    let mut edits: Vec<(usize, usize, String)> = edit["changes"][uri]
        .as_array()
        .expect("edits for the document")
        .iter()
        .map(|e| {
            (
                offset(&e["range"]["start"]),
                offset(&e["range"]["end"]),
                e["newText"].as_str().expect("new text").to_string(),
            )
        })
        .collect();
    // From the end, so earlier offsets stay valid.
    edits.sort_by_key(|edit| std::cmp::Reverse(edit.0));
    let mut out = text.to_string();
    for (start, end, new_text) in edits {
        out.replace_range(start..end, &new_text);
    }
    out
}

fn loads(text: &str) -> Result<(), String> {
    let source = promocase::diagnostic::SourceFile::new("edited.yaml", text);
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 1).expect("a date");
    promocase::model::parse_case(source, today)
        .map(|_| ())
        .map_err(|e| e.to_string())
}

fn thin() -> (String, String) {
    let path = root().join("examples/it-manager-thin.yaml");
    let text = std::fs::read_to_string(&path).expect("the thin example");
    (uri_of(&path), text)
}

/// A server with `text` open at `uri`, and its first diagnostics.
fn session_on(uri: &str, text: &str) -> (Client, Vec<Value>) {
    let mut client = Client::start(&[]);
    client.initialize(Value::Null);
    client.open(uri, text);
    let diagnostics = client.diagnostics(uri, Some(1));
    (client, diagnostics)
}

/// The first diagnostic with `code`.
fn with_code(diagnostics: &[Value], code: &str) -> Value {
    diagnostics
        .iter()
        .find(|d| d["code"] == code)
        .unwrap_or_else(|| panic!("no {code} in {diagnostics:?}"))
        .clone()
}

/// The code action titled starting with `title` among those for `range`.
fn action(client: &mut Client, uri: &str, range: &Value, title: &str) -> Value {
    let actions = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": uri},
            "range": range,
            "context": {"diagnostics": []},
        }),
    )["result"]
        .clone();
    actions
        .as_array()
        .expect("a list of actions")
        .iter()
        .find(|a| a["title"].as_str().is_some_and(|t| t.starts_with(title)))
        .unwrap_or_else(|| panic!("no action {title:?} in {actions}"))
        .clone()
}

#[test]
fn diagnostics_arrive_at_their_range_and_go_when_the_section_is_added() {
    let (uri, text) = thin();
    let (mut client, diagnostics) = session_on(&uri, &text);
    let succession = with_code(&diagnostics, "succession-missing");
    // Where `check` points: the `learning:` key the section would follow.
    let line = line_of(&text, "learning:") - 1;
    assert_eq!(
        succession["range"],
        json!({"start": {"line": line, "character": 0}, "end": {"line": line, "character": 8}})
    );
    assert_eq!(succession["severity"], 1, "an error at director level");
    assert_eq!(succession["source"], "promocase");
    assert!(
        succession["codeDescription"]["href"]
            .as_str()
            .is_some_and(|href| href.contains("succession-missing")),
        "{succession}"
    );
    let related = succession["relatedInformation"].to_string();
    assert!(related.contains("hint: add `succession:`"), "{related}");

    // The server said which rubric it used.
    let said = client.wait_for("the rubric in use", |m| m["method"] == "window/logMessage");
    assert!(
        said["params"]["message"]
            .as_str()
            .is_some_and(|m| m.contains("built-in rubric")),
        "{said}"
    );

    let added = format!(
        "{text}\nsuccession:\n  successors:\n    - name: Jonas Weber\n      current_role: Service desk lead\n      readiness: ready-now\n      covers: [Service desk]\n"
    );
    client.change(&uri, 2, &added);
    let after = client.diagnostics(&uri, Some(2));
    assert!(!after.is_empty());
    assert!(
        !codes(&after).contains(&"succession-missing".to_string()),
        "{:?}",
        codes(&after)
    );
    // Saving publishes at once.
    client.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": uri}}),
    );
    assert_eq!(codes(&client.diagnostics(&uri, Some(2))), codes(&after));
    client.shut_down();
}

#[test]
fn hover_completion_and_symbols_come_from_the_schema_and_the_case() {
    let (uri, text) = thin();
    let (mut client, _) = session_on(&uri, &text);

    let level_line = line_of(&text, "  target_level:") - 1;
    let hover = client.at("textDocument/hover", &uri, level_line, 4);
    let help = hover["contents"]["value"].as_str().unwrap_or_default();
    assert!(help.starts_with("target_level: "), "{hover}");

    // A KPI's computed status.
    let kpi_line = line_of(&text, "kpis:");
    let hover = client.at("textDocument/hover", &uri, kpi_line, 8);
    let status = hover["contents"]["value"].as_str().unwrap_or_default();
    assert!(status.contains("This KPI: "), "{hover}");

    // Completing the value of `target_level:`.
    let edited = text.replacen("  target_level: director", "  target_level: ", 1);
    client.change(&uri, 2, &edited);
    let end = "  target_level: ".len();
    let completion = client.at("textDocument/completion", &uri, level_line, end);
    let labels: Vec<&str> = completion["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|i| i["label"].as_str())
        .collect();
    assert_eq!(labels, ["senior-manager", "director", "vp"]);
    assert_eq!(
        completion["items"][0]["textEdit"]["range"]["start"],
        json!({"line": level_line, "character": end})
    );
    // Field names where a key goes.
    let fields = client.at("textDocument/completion", &uri, level_line, 2);
    assert!(
        fields["items"].to_string().contains("\"track\""),
        "{fields}"
    );

    let symbols = client.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri}}),
    )["result"]
        .clone();
    let names: Vec<&str> = symbols
        .as_array()
        .expect("symbols")
        .iter()
        .filter_map(|s| s["name"].as_str())
        .collect();
    assert!(
        names.starts_with(&["as_of", "candidate", "ask"]),
        "{names:?}"
    );
    let achievements = symbols
        .as_array()
        .and_then(|s| s.iter().find(|s| s["name"] == "achievements"))
        .expect("achievements");
    let first_title = text
        .lines()
        .find_map(|l| l.trim_start().strip_prefix("- title: "))
        .expect("a title");
    assert_eq!(
        achievements["children"][0]["name"].as_str(),
        Some(first_title.trim_matches('"'))
    );
    client.shut_down();
}

#[test]
fn code_actions_give_edits_that_still_load() {
    let (uri, text) = thin();
    let (mut client, diagnostics) = session_on(&uri, &text);
    let succession = with_code(&diagnostics, "succession-missing");

    let insert = action(
        &mut client,
        &uri,
        &succession["range"],
        "Insert the example",
    );
    assert_eq!(insert["kind"], "quickfix");
    let inserted = apply_edit(&text, &insert["edit"], &uri);
    loads(&inserted).unwrap_or_else(|e| panic!("{e}\n{inserted}"));
    assert!(inserted.contains("\nsuccession:\n"), "{inserted}");

    let waive = action(
        &mut client,
        &uri,
        &succession["range"],
        "Waive `succession-missing`",
    );
    let waived = apply_edit(&text, &waive["edit"], &uri);
    loads(&waived).unwrap_or_else(|e| panic!("{e}\n{waived}"));
    assert!(
        waived.contains("  - rule: succession-missing\n    reason: \"\""),
        "{waived}"
    );

    // A misspelt key is replaced with the field it meant.
    let misspelt = text.replacen("  target_level:", "  target_levl:", 1);
    client.change(&uri, 2, &misspelt);
    let diagnostics = client.diagnostics(&uri, Some(2));
    let unknown = with_code(&diagnostics, "unknown-field");
    let replace = action(
        &mut client,
        &uri,
        &unknown["range"],
        "Replace `target_levl`",
    );
    assert_eq!(replace["isPreferred"], true);
    let fixed = apply_edit(&misspelt, &replace["edit"], &uri);
    assert_eq!(fixed, text);
    client.shut_down();
}

#[test]
fn other_yaml_gets_nothing_and_garbage_never_crashes_the_server() {
    let mut client = Client::start(&[]);
    client.initialize(Value::Null);
    let workflow = "file:///tmp/promocase-lsp-test/.github/workflows/ci.yaml";
    client.open(
        workflow,
        "name: ci\non: push\njobs:\n  test:\n    runs-on: x\n",
    );
    assert!(client.diagnostics(workflow, Some(1)).is_empty());
    assert_eq!(client.at("textDocument/hover", workflow, 0, 2), Value::Null);
    assert_eq!(
        client.at("textDocument/completion", workflow, 0, 2),
        Value::Null
    );

    // Half-typed and hostile texts, each answered; the server stays up.
    let case = "file:///tmp/promocase-lsp-test/ana.yaml";
    let header = "# yaml-language-server: $schema=promocase.schema.json\n";
    client.open(case, header);
    client.diagnostics(case, Some(1));
    let garbage = [
        "candidate: [\n  - : :\n\t\"unclosed\n",
        "candidate:\n  name: Ana\n  target_level: \nask:\n  statement:",
        "candidate: &a [*a, *a]\nask: {{{{",
        "kpis:\n  - name: X\n    - bad\n  -\n-\n\u{feff}\u{0}\r\r\n",
        "waivers:\n  - rule: \n",
        "\u{1F642}: \u{20AC}\n candidate:\n",
    ];
    for (version, body) in garbage.iter().enumerate() {
        let version = version as i64 + 2;
        client.change(case, version, &format!("{header}{body}"));
        client.diagnostics(case, Some(version));
        for (line, character) in [(0, 0), (1, 3), (2, 14), (3, 2), (99, 99)] {
            for method in ["textDocument/hover", "textDocument/completion"] {
                let answer = client.request(
                    method,
                    json!({"textDocument": {"uri": case}, "position": {"line": line, "character": character}}),
                );
                assert!(
                    answer.get("error").is_none(),
                    "{method} on {body:?}: {answer}"
                );
            }
        }
        let answer = client.request(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": case}}),
        );
        assert!(answer.get("error").is_none(), "{answer}");
    }

    // A wrong type after non-ASCII text on its line: the range counts UTF-16 units.
    let line = "candidate: {name: \"Lucía 🙂\", years_in_management: five}";
    client.change(case, 20, &format!("{header}{line}\nask:\n  statement: X\n"));
    let diagnostics = client.diagnostics(case, Some(20));
    let wrong = with_code(&diagnostics, "wrong-type");
    let five = line.find("five").expect("five");
    let units = line[..five].encode_utf16().count();
    assert_eq!(
        wrong["range"],
        json!({"start": {"line": 1, "character": units}, "end": {"line": 1, "character": units + 4}})
    );

    // Over the loader's limit: one diagnostic, no analysis.
    let huge = format!(
        "{header}candidate:\nask:\n{}",
        "# padding\n".repeat(450_000)
    );
    client.change(case, 21, &huge);
    let diagnostics = client.diagnostics(case, Some(21));
    assert_eq!(codes(&diagnostics), ["too-large"]);

    // Closing a document clears its diagnostics.
    client.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": case}}),
    );
    assert!(client.diagnostics(case, None).is_empty());

    let unknown = client.request("promocase/unknown", json!({}));
    assert!(unknown.get("error").is_some(), "{unknown}");
    client.shut_down();
}

#[test]
fn a_company_rubric_beside_the_case_is_used_and_named() {
    let dir = tempfile::tempdir().expect("a folder");
    let case = dir.path().join("ana.yaml");
    let (_, text) = thin();
    std::fs::write(&case, &text).expect("the case");
    std::fs::write(
        dir.path().join("promocase-rubric.yaml"),
        "level: director\nname: Head of IT\nrules:\n  succession-missing: off\n",
    )
    .expect("the rubric");
    let uri = uri_of(&case);
    let mut client = Client::start(&[]);
    client.initialize(Value::Null);
    client.open(&uri, &text);
    let found = codes(&client.diagnostics(&uri, Some(1)));
    assert!(
        !found.contains(&"succession-missing".to_string()),
        "{found:?}"
    );
    assert!(found.contains(&"sponsor-missing".to_string()), "{found:?}");
    let said = client.wait_for("the rubric in use", |m| m["method"] == "window/logMessage");
    assert!(
        said["params"]["message"]
            .as_str()
            .is_some_and(|m| m.contains("promocase-rubric.yaml")),
        "{said}"
    );
    client.shut_down();

    // `check` finds the same file; --level still judges by a built-in level.
    let output =
        crate::support::promocase(&["check", case.to_str().expect("UTF-8"), "--format", "json"]);
    let report = crate::support::stdout(&output);
    assert!(!report.contains("succession-missing"), "{report}");
    let output = crate::support::promocase(&[
        "check",
        case.to_str().expect("UTF-8"),
        "--format",
        "json",
        "--level",
        "director",
    ]);
    assert!(crate::support::stdout(&output).contains("succession-missing"));

    // The `rubric` setting wins, and a rubric that does not load is said in a pop-up.
    let broken = dir.path().join("broken.yaml");
    std::fs::write(&broken, "level: directr\n").expect("a broken rubric");
    let mut client = Client::start(&[]);
    client.initialize(json!({"rubric": broken.to_str().expect("UTF-8")}));
    client.open(&uri, &text);
    let shown = client.wait_for("the rubric's error", |m| {
        m["method"] == "window/showMessage"
    });
    assert!(
        shown["params"]["message"]
            .as_str()
            .is_some_and(|m| m.contains("could not be loaded")),
        "{shown}"
    );
    let found = codes(&client.diagnostics(&uri, Some(1)));
    assert!(
        found.contains(&"succession-missing".to_string()),
        "{found:?}"
    );
    client.shut_down();
}

/// The server never writes: a session over a folder leaves it as it was.
#[test]
fn a_session_writes_no_file() {
    let dir = tempfile::tempdir().expect("a folder");
    let case = dir.path().join("ana.yaml");
    let (_, text) = thin();
    std::fs::write(&case, &text).expect("the case");
    let before: Vec<_> = std::fs::read_dir(dir.path())
        .expect("listing")
        .flatten()
        .map(|e| e.file_name())
        .collect();
    let uri = uri_of(&case);
    let (mut client, diagnostics) = session_on(&uri, &text);
    let first = diagnostics.first().expect("a finding").clone();
    action(&mut client, &uri, &first["range"], "");
    client.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": uri}}),
    );
    client.diagnostics(&uri, Some(1));
    client.shut_down();
    let after: Vec<_> = std::fs::read_dir(dir.path())
        .expect("listing")
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(before, after);
    assert_eq!(std::fs::read_to_string(&case).expect("the case"), text);
}

/// `body` with its header, as a client frames it.
fn framed(body: &str) -> String {
    format!("Content-Length: {}\r\n\r\n{body}", body.len())
}

/// A session on the thin example, with `raw` sent in the middle of it.
fn hostile(raw: &[u8]) -> (Client, String) {
    let (uri, text) = thin();
    let (mut client, _) = session_on(&uri, &text);
    client.send_raw(raw);
    (client, uri)
}

/// A request after hostile bytes is still answered, from the document
/// opened before them.
fn still_answers(client: &mut Client, uri: &str) {
    let symbols = client.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri}}),
    );
    assert!(
        symbols["result"]
            .as_array()
            .is_some_and(|symbols| !symbols.is_empty()),
        "{symbols}"
    );
}

/// The next error answered with a null id (in place of a message that
/// could not be read); it must have `code`. Its message.
fn refusal(client: &mut Client, code: i64) -> String {
    let answer = client.wait_for("an error with a null id", |m| {
        m.get("error").is_some() && m["id"].is_null() && m.get("method").is_none()
    });
    assert_eq!(answer["error"]["code"], code, "{answer}");
    answer["error"]["message"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

/// The server's peak memory stays far below what a message claimed.
fn assert_small(client: &Client) {
    #[cfg(target_os = "linux")]
    {
        let peak = client.peak_megabytes();
        assert!(peak < 200, "the server held {peak} MB at its peak");
    }
    #[cfg(not(target_os = "linux"))]
    let _ = client;
}

/// A 17-byte body that claims `claim` bytes is refused at once (an error
/// and a pop-up), nothing of the claim is allocated, and the next request
/// is answered.
fn huge_claim_is_refused(claim: &str) {
    let body = r#"{"jsonrpc":"2.0"}"#;
    assert_eq!(body.len(), 17);
    let raw = format!("Content-Length: {claim}\r\n\r\n{body}");
    let (mut client, uri) = hostile(raw.as_bytes());
    still_answers(&mut client, &uri);
    let message = refusal(&mut client, -32600);
    assert!(
        message.contains("promocase reads messages of at most 8.1 MB"),
        "{message}"
    );
    let shown = client.wait_for("the pop-up", |m| m["method"] == "window/showMessage");
    assert!(
        shown["params"]["message"]
            .as_str()
            .is_some_and(|m| m.contains("it was skipped")),
        "{shown}"
    );
    assert_small(&client);
    client.shut_down();
}

#[test]
fn a_17_byte_message_claiming_1_gb_is_refused_and_the_session_goes_on() {
    huge_claim_is_refused("1000000000");
}

#[test]
fn a_17_byte_message_claiming_100_gb_is_refused_and_the_session_goes_on() {
    huge_claim_is_refused("100000000000");
}

#[test]
fn a_17_byte_message_claiming_usize_max_is_refused_and_the_session_goes_on() {
    huge_claim_is_refused(&usize::MAX.to_string());
}

#[test]
fn a_body_over_the_limit_is_skipped_and_the_session_goes_on() {
    // A document three times the loader's limit, sent honestly: 13.6 MB
    // of JSON, with its line breaks escaped.
    let other = "file:///tmp/promocase-lsp-test/huge.yaml";
    let text = format!("candidate:\nask:\n{}", "# padding\n".repeat(1_300_000));
    let body = json!({
        "jsonrpc": "2.0",
        "method": "textDocument/didOpen",
        "params": {"textDocument": {"uri": other, "languageId": "yaml", "version": 1, "text": text}},
    })
    .to_string();
    let (mut client, uri) = hostile(framed(&body).as_bytes());
    still_answers(&mut client, &uri);
    let message = refusal(&mut client, -32600);
    let size = format!(
        "a message of {:.1} MB came in",
        body.len() as f64 / 1_048_576.0
    );
    assert!(message.contains(&size), "{size}: {message}");
    assert!(message.contains("make the document smaller"), "{message}");
    client.wait_for("the pop-up", |m| m["method"] == "window/showMessage");
    assert_small(&client);
    // The skipped document was not opened.
    assert_eq!(client.at("textDocument/hover", other, 0, 2), Value::Null);
    client.shut_down();
}

#[test]
fn a_body_that_is_not_json_rpc_is_answered_and_the_session_goes_on() {
    let (mut client, uri) = hostile(framed(r#"{"jsonrpc":"2.0","id":5,"method":"#).as_bytes());
    still_answers(&mut client, &uri);
    let message = refusal(&mut client, -32700);
    assert!(message.contains("is not JSON"), "{message}");

    // JSON, but no JSON-RPC message: Invalid Request, with its id.
    client.send_raw(framed(r#"{"jsonrpc":"2.0","id":77,"params":{}}"#).as_bytes());
    still_answers(&mut client, &uri);
    let answer = client.wait_for("the answer to id 77", |m| m["id"] == 77);
    assert_eq!(answer["error"]["code"], -32600, "{answer}");
    client.shut_down();
}

#[test]
fn a_malformed_header_is_answered_and_the_session_goes_on() {
    let (uri, text) = thin();
    let (mut client, _) = session_on(&uri, &text);
    let body = json!({
        "jsonrpc": "2.0",
        "id": 1000,
        "method": "textDocument/documentSymbol",
        "params": {"textDocument": {"uri": uri}},
    })
    .to_string();
    for (header, says) in [
        (
            format!("Content-Length {}\r\n\r\n", body.len()),
            "has no `:`",
        ),
        ("Content-Length: fifty\r\n\r\n".to_string(), "not a number"),
        (
            "Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n".to_string(),
            "no Content-Length",
        ),
        // No header at all: the next message's header follows on the body's line.
        (String::new(), "not a header's name"),
    ] {
        client.send_raw(format!("{header}{body}").as_bytes());
        still_answers(&mut client, &uri);
        let message = refusal(&mut client, -32700);
        assert!(message.contains(says), "{says}: {message}");
        assert!(
            message.contains("Content-Length: <bytes of the body>"),
            "{message}"
        );
    }
    // The broken messages themselves were skipped, not answered.
    assert!(
        !client.backlog.iter().any(|m| m["id"] == 1000),
        "{:?}",
        client.backlog
    );
    client.shut_down();
}
