//! `promocase serve` attacked as a hostile local user and a hostile web page
//! would, with bounded loops against the real binary on loopback: what a
//! manager typed is never lost, a save answered "saved" is on disk, a
//! planted link redirects nothing, each tab saves its own case, the token
//! is on no command line and no other server receives it, and no number of
//! idle connections or previews blocks the workspace or fills memory.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::serve::{Server, json as parse, opened_launch_page, thin_case};
use crate::support::{make_executable, path_str, promocase, root};

/// The case's text and version as the page loads them.
fn load(server: &Server, case: &str) -> (String, String) {
    let (status, body) = server.page("GET", &format!("/api/case?case={case}"), b"");
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&body));
    let opened = parse(&body);
    (
        opened["text"].as_str().unwrap_or_default().to_string(),
        opened["version"].as_str().unwrap_or_default().to_string(),
    )
}

fn save(server: &Server, case: &str, text: &str, version: &str) -> (u16, Value) {
    let body = json!({ "text": text, "version": version }).to_string();
    let (status, answer) = server.page("POST", &format!("/api/save?case={case}"), body.as_bytes());
    let answer = serde_json::from_slice(&answer).unwrap_or(Value::Null);
    (status, answer)
}

/// The server's peak resident memory so far, in MB (Linux).
fn peak_mb(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024)
}

#[test]
fn two_pages_saving_one_version_at_once_keep_exactly_one_and_tell_the_other() {
    let dir = tempfile::tempdir().expect("temp dir");
    let case = thin_case(dir.path());
    let server = Arc::new(Server::start(&case));
    let base = std::fs::read_to_string(&case).expect("the case");
    // Small texts, as typed; then large ones, whose writes take longer.
    let rounds = (0..40).map(|_| 1).chain((0..4).map(|_| 600));
    for (round, repeat) in rounds.enumerate() {
        std::fs::write(&case, format!("{base}# round {round}\n")).expect("reset");
        let (_, version) = load(&server, "thin.yaml");
        let barrier = Arc::new(Barrier::new(2));
        let pages: Vec<_> = ["one", "two"]
            .into_iter()
            .map(|page| {
                let (server, barrier, version) =
                    (Arc::clone(&server), Arc::clone(&barrier), version.clone());
                let text = format!(
                    "{}# saved by page {page} in round {round}\n",
                    base.repeat(repeat)
                );
                std::thread::spawn(move || {
                    barrier.wait();
                    let (status, answer) = save(&server, "thin.yaml", &text, &version);
                    (text, status, answer)
                })
            })
            .collect();
        let answers: Vec<(String, u16, Value)> = pages
            .into_iter()
            .map(|p| p.join().expect("a page"))
            .collect();
        let saved: Vec<&(String, u16, Value)> = answers.iter().filter(|a| a.1 == 200).collect();
        assert_eq!(
            saved.len(),
            1,
            "round {round}: one save wins: {:?}",
            answers
                .iter()
                .map(|a| (a.1, a.2["error"].clone()))
                .collect::<Vec<_>>()
        );
        let on_disk = std::fs::read_to_string(&case).expect("the case");
        assert!(
            on_disk == saved[0].0,
            "round {round}: the page told 'saved' has its text on disk"
        );
        let other = answers.iter().find(|a| a.1 != 200).expect("the other page");
        assert_eq!(
            other.1, 409,
            "round {round}: the other page hears of a conflict, not an error"
        );
        assert!(
            other.2["text"] == saved[0].0,
            "round {round}: with the text that won"
        );
    }
}

#[test]
fn a_save_racing_another_program_never_loses_that_program_s_change() {
    let dir = tempfile::tempdir().expect("temp dir");
    let case = thin_case(dir.path());
    let server = Arc::new(Server::start(&case));
    let base = std::fs::read_to_string(&case).expect("the case");
    // A large text, so the save's check and its rename are far apart.
    let page_text = format!("{}# the page's edit\n", base.repeat(200));
    for round in 0..60 {
        std::fs::write(&case, format!("{base}# round {round}\n")).expect("reset");
        let (_, version) = load(&server, "thin.yaml");
        let barrier = Arc::new(Barrier::new(2));
        let external = format!("# written by git in round {round}\n{base}");
        let writer = {
            let (barrier, case, external) = (Arc::clone(&barrier), case.clone(), external.clone());
            std::thread::spawn(move || {
                barrier.wait();
                // As git and editors do: a new file renamed over the old one.
                std::thread::sleep(Duration::from_micros(300 * (round % 10)));
                let temp = case.with_file_name(".git-writer.tmp");
                std::fs::write(&temp, &external).expect("the other program writes");
                std::fs::rename(&temp, &case).expect("and renames");
            })
        };
        let page = {
            let (server, barrier, text, version) = (
                Arc::clone(&server),
                Arc::clone(&barrier),
                page_text.clone(),
                version.clone(),
            );
            std::thread::spawn(move || {
                barrier.wait();
                save(&server, "thin.yaml", &text, &version)
            })
        };
        writer.join().expect("the writer");
        let (status, _) = page.join().expect("the page");
        assert!(
            status == 200 || status == 409,
            "round {round}: a save is saved or a conflict, never an error ({status})"
        );
        let on_disk = std::fs::read_to_string(&case).expect("the case");
        assert!(
            on_disk == external,
            "round {round}: the other program's change is on disk (the save answered {status})"
        );
    }
}

#[cfg(unix)]
#[test]
fn a_planted_link_never_redirects_a_save_or_a_new_case() {
    let dir = tempfile::tempdir().expect("temp dir");
    let elsewhere = tempfile::tempdir().expect("another folder");
    let victim = elsewhere.path().join("victim.txt");
    std::fs::write(&victim, "precious\n").expect("a file outside the folder");
    let victim_mode = {
        use std::os::unix::fs::PermissionsExt;
        std::fs::metadata(&victim)
            .expect("victim")
            .permissions()
            .mode()
    };
    let case = thin_case(dir.path());
    let server = Server::start(dir.path());
    let pid = server.child.id();
    // Links at every name a writer of this process used to take, and more.
    for name in ["thin.yaml", "ana-petrova.yaml"] {
        for suffix in [format!("{pid}"), format!("{pid}-0000000000000000")] {
            let planted = dir.path().join(format!(".{name}.{suffix}.tmp"));
            std::os::unix::fs::symlink(&victim, planted).expect("a planted link");
        }
    }
    let open = json!({ "name": "thin.yaml" }).to_string();
    assert_eq!(server.page("POST", "/api/open", open.as_bytes()).0, 200);
    let (text, version) = load(&server, "thin.yaml");
    let (status, answer) = save(&server, "thin.yaml", &format!("{text}# mine\n"), &version);
    assert_eq!(status, 200, "{answer}");
    let form = json!({ "name": "Ana Petrova", "level": "director", "track": "marketing" });
    let (status, _) = server.page("POST", "/api/new", form.to_string().as_bytes());
    assert_eq!(status, 200);
    assert_eq!(
        std::fs::read_to_string(&victim).expect("victim"),
        "precious\n"
    );
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(&victim)
        .expect("victim")
        .permissions()
        .mode();
    assert_eq!(mode, victim_mode, "the victim's permissions are untouched");
    for written in [case, dir.path().join("ana-petrova.yaml")] {
        let meta = std::fs::symlink_metadata(&written).expect("written");
        assert!(
            meta.file_type().is_file(),
            "{} is a file, not a link",
            written.display()
        );
    }
    assert!(
        std::fs::read_to_string(dir.path().join("thin.yaml"))
            .expect("saved")
            .ends_with("# mine\n")
    );
}

#[test]
fn each_tab_saves_the_case_it_opened_and_a_served_file_is_the_only_one() {
    let dir = tempfile::tempdir().expect("temp dir");
    let first = thin_case(dir.path());
    let second = dir.path().join("second.yaml");
    std::fs::copy(&first, &second).expect("a second case");
    let server = Server::start(dir.path());
    for name in ["thin.yaml", "second.yaml"] {
        let open = json!({ "name": name }).to_string();
        assert_eq!(server.page("POST", "/api/open", open.as_bytes()).0, 200);
    }
    // The first tab opened thin.yaml before the second tab opened second.yaml.
    let (text, version) = load(&server, "thin.yaml");
    let (status, _) = save(
        &server,
        "thin.yaml",
        &format!("{text}# first tab\n"),
        &version,
    );
    assert_eq!(status, 200);
    assert!(
        std::fs::read_to_string(&first)
            .expect("first")
            .ends_with("# first tab\n")
    );
    assert!(
        !std::fs::read_to_string(&second)
            .expect("second")
            .contains("# first tab")
    );
    // A request that names no case, or a case not opened, saves nothing.
    let body = json!({ "text": "x", "version": version }).to_string();
    assert_ne!(server.page("POST", "/api/save", body.as_bytes()).0, 200);
    assert_eq!(
        server
            .page("POST", "/api/save?case=other.yaml", body.as_bytes())
            .0,
        409
    );

    // Serving one file: no other case opens, none is created.
    let single = Server::start(&first);
    let open = json!({ "name": "second.yaml" }).to_string();
    assert_eq!(single.page("POST", "/api/open", open.as_bytes()).0, 403);
    let form = json!({ "name": "Ana Petrova", "level": "director", "track": "marketing" });
    assert_eq!(
        single
            .page("POST", "/api/new", form.to_string().as_bytes())
            .0,
        403
    );
    assert!(!dir.path().join("ana-petrova.yaml").exists());
    assert_eq!(single.page("GET", "/api/case?case=second.yaml", b"").0, 409);
}

/// Every process's command line, as `ps` shows it to every user.
fn command_lines() -> Vec<String> {
    std::fs::read_dir("/proc")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| std::fs::read(entry.path().join("cmdline")).ok())
        .map(|bytes| String::from_utf8_lossy(&bytes).replace('\0', " "))
        .collect()
}

#[cfg(target_os = "linux")]
#[test]
fn the_token_is_on_no_command_line_and_a_used_launch_address_is_worthless() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("temp dir");
    let case = thin_case(dir.path());
    // A stand-in browser: it records what it is given and stays open, as a browser does.
    let bin = tempfile::tempdir().expect("temp dir");
    let opened = bin.path().join("opened");
    let browser = bin.path().join("browser");
    std::fs::write(
        &browser,
        format!(
            "#!/bin/sh\nprintf '%s' \"$1\" > {}\nsleep 20\n",
            opened.display()
        ),
    )
    .expect("a stand-in browser");
    make_executable(&browser);
    let browser_command = browser.display().to_string();
    let mut server = Server::spawn(&case, &[], &[("BROWSER", &browser_command)]);
    let page = opened_launch_page(&opened);
    let file = PathBuf::from(page.strip_prefix("file://").expect("a file address"));
    let mode = |path: &Path| {
        std::fs::metadata(path)
            .expect("exists")
            .permissions()
            .mode()
            & 0o777
    };
    assert_eq!(mode(&file), 0o600, "the launch page is the user's alone");
    assert_eq!(mode(file.parent().expect("its folder")), 0o700);
    let launch_page = std::fs::read_to_string(&file).expect("the launch page");
    let launch = launch_page
        .split("url=")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the launch address in the page")
        .to_string();
    let code = launch.rsplit("code=").next().expect("a code").to_string();
    assert!(
        !server.url.contains(&code),
        "the terminal's code is another one"
    );
    // Open it as the browser would: the cookie comes, the page file goes.
    server.url = launch.clone();
    server.cookie = server.launch();
    let token = server
        .cookie
        .split_once('=')
        .expect("NAME=TOKEN")
        .1
        .to_string();
    assert!(!file.exists(), "the launch page is removed once used");
    for line in command_lines() {
        assert!(
            !line.contains(&token),
            "the token is on a command line: {line}"
        );
        assert!(
            !line.contains(&code),
            "the launch code is on a command line: {line}"
        );
    }
    assert_eq!(server.page("GET", "/api/case", b"").0, 200);
    // The used address gives a second browser nothing.
    let target = launch.trim_start_matches(&server.origin()).to_string();
    assert_eq!(
        server
            .raw("GET", &target, &[("Host", server.host())], b"")
            .0,
        403
    );
    let _ = server.child.kill();
}

#[test]
fn two_sessions_in_one_browser_keep_their_own_cookies() {
    let dir = tempfile::tempdir().expect("temp dir");
    let case = thin_case(dir.path());
    let one = Server::start(&case);
    let two = Server::start(&case);
    let name = |cookie: &str| cookie.split_once('=').map(|(n, _)| n.to_string());
    assert_ne!(
        name(&one.cookie),
        name(&two.cookie),
        "each session names its cookie"
    );
    // The browser sends both cookies to both (cookies ignore ports): each finds its own.
    let jar = format!("{}; {}", one.cookie, two.cookie);
    for server in [&one, &two] {
        let headers = vec![("Host", server.host()), ("Cookie", jar.clone())];
        assert_eq!(
            server
                .raw("GET", &server.target("/api/case"), &headers, b"")
                .0,
            200
        );
        // The other session's cookie alone opens nothing here.
        let foreign = if std::ptr::eq(server, &one) {
            &two
        } else {
            &one
        };
        let headers = vec![("Host", server.host()), ("Cookie", foreign.cookie.clone())];
        assert_eq!(
            server
                .raw("GET", &server.target("/api/case"), &headers, b"")
                .0,
            403
        );
    }
    // The cookie is scoped to the session's path: another server on the
    // machine, at any other path, is never sent it.
    let fresh = Server::spawn(&case, &["--no-open"], &[]);
    let target = fresh.url.trim_start_matches(&fresh.origin()).to_string();
    let (status, head, _) = fresh.exchange("GET", &target, &[("Host", fresh.host())], b"");
    assert_eq!(status, 200);
    let set_cookie = head
        .lines()
        .find(|l| l.to_ascii_lowercase().starts_with("set-cookie:"))
        .expect("a cookie")
        .to_string();
    assert!(
        set_cookie.contains(&format!("Path={}", fresh.prefix)),
        "{set_cookie}"
    );
    assert!(set_cookie.contains("HttpOnly") && set_cookie.contains("SameSite=Strict"));
}

/// A connection that sends half a request and then nothing.
fn half_open(port: u16) -> Option<TcpStream> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).ok()?;
    stream.write_all(b"GET / HTTP/1.1\r\nHost: ").ok()?;
    Some(stream)
}

#[cfg(target_os = "linux")]
#[test]
fn idle_and_half_open_connections_neither_block_the_workspace_nor_fail_a_save() {
    let dir = tempfile::tempdir().expect("temp dir");
    let case = thin_case(dir.path());
    // At 256 descriptors, as a locked-down laptop might allow.
    let state_home = tempfile::tempdir().expect("a state folder");
    let binary = env!("CARGO_BIN_EXE_promocase");
    let mut child = std::process::Command::new("sh")
        .args(["-c", "ulimit -n 256 && exec \"$0\" \"$@\"", binary])
        .args(["serve", path_str(&case), "--port", "0", "--no-open"])
        .env("XDG_STATE_HOME", state_home.path())
        .env("NO_COLOR", "1")
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("serve starts");
    let url = crate::serve::printed_address(&mut child);
    let (port, prefix) = crate::serve::parse_launch_url(&url);
    let mut server = Server {
        child,
        url,
        port,
        prefix,
        cookie: String::new(),
        case: Some("thin.yaml".to_string()),
        state_home,
    };
    server.cookie = server.launch();
    // Far more idle connections than descriptors.
    let idle: Vec<TcpStream> = (0..400).filter_map(|_| half_open(port)).collect();
    assert!(idle.len() > 300, "the test opened its connections");
    let start = Instant::now();
    let (text, version) = load(&server, "thin.yaml");
    assert!(
        start.elapsed() < Duration::from_secs(5),
        "a request is answered at once, not after the idle ones time out"
    );
    let (status, answer) = save(
        &server,
        "thin.yaml",
        &format!("{text}# saved under load\n"),
        &version,
    );
    assert_eq!(status, 200, "{answer}");
    assert!(
        std::fs::read_to_string(&case)
            .expect("saved")
            .ends_with("# saved under load\n")
    );
    drop(idle);
    // A half-open connection is closed by the server after its header deadline.
    let mut slow = half_open(port).expect("a connection");
    slow.set_read_timeout(Some(Duration::from_secs(30)))
        .expect("a timeout");
    let start = Instant::now();
    let mut buffer = [0u8; 256];
    let _ = slow.read(&mut buffer);
    assert!(
        start.elapsed() < Duration::from_secs(20),
        "the server closes a connection that sends no headers"
    );
}

#[cfg(target_os = "linux")]
#[test]
fn previews_nobody_reads_and_huge_files_in_the_folder_keep_memory_bounded() {
    let dir = tempfile::tempdir().expect("temp dir");
    thin_case(dir.path());
    // A 600 MB file that looks like a case, beside the real one.
    let huge = std::fs::File::create(dir.path().join("huge.yaml")).expect("a huge file");
    huge.set_len(600 * 1024 * 1024).expect("sparse");
    let server = Server::start(dir.path());
    let open = json!({ "name": "thin.yaml" }).to_string();
    assert_eq!(server.page("POST", "/api/open", open.as_bytes()).0, 200);
    for _ in 0..3 {
        let (status, body) = server.page("GET", "/api/cases", b"");
        assert_eq!(status, 200);
        assert_eq!(parse(&body)["cases"], json!(["thin.yaml"]));
    }
    let text = std::fs::read_to_string(root().join("examples/it-manager-thin.yaml")).expect("text");
    let request = json!({ "text": text, "doc": "proposal" }).to_string();
    let target = server.target("/api/preview?case=thin.yaml");
    let mut unread = Vec::new();
    for _ in 0..200 {
        let Ok(mut stream) = TcpStream::connect(("127.0.0.1", server.port)) else {
            continue;
        };
        let head = format!(
            "POST {target} HTTP/1.1\r\nHost: {}\r\nCookie: {}\r\nOrigin: {}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
            server.host(),
            server.cookie,
            server.origin(),
            request.len()
        );
        let _ = stream.write_all(head.as_bytes());
        let _ = stream.write_all(request.as_bytes());
        unread.push(stream);
    }
    std::thread::sleep(Duration::from_secs(8));
    let peak = peak_mb(server.child.id()).expect("/proc tells");
    println!("server peak with 200 unread previews: {peak} MB");
    assert!(peak < 300, "the server peaked at {peak} MB");
    drop(unread);
    // And the workspace still answers.
    let request = json!({ "text": text, "doc": "brief" }).to_string();
    let start = Instant::now();
    loop {
        let (status, _) = server.page("POST", "/api/preview?case=thin.yaml", request.as_bytes());
        if status == 200 {
            break;
        }
        assert_eq!(status, 429, "busy at most");
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "previews come back"
        );
        std::thread::sleep(Duration::from_millis(500));
    }
}

#[cfg(unix)]
#[test]
fn a_deleted_case_is_written_back_and_a_linked_case_stays_a_link() {
    let dir = tempfile::tempdir().expect("temp dir");
    let real_folder = tempfile::tempdir().expect("where the case lives");
    let real = thin_case(real_folder.path());
    let link = dir.path().join("thin.yaml");
    std::os::unix::fs::symlink(&real, &link).expect("a linked case");
    let server = Server::start(&link);
    let (text, version) = load(&server, "thin.yaml");
    let (status, answer) = save(
        &server,
        "thin.yaml",
        &format!("{text}# through the link\n"),
        &version,
    );
    assert_eq!(status, 200, "{answer}");
    assert!(
        std::fs::symlink_metadata(&link)
            .expect("link")
            .file_type()
            .is_symlink()
    );
    assert!(
        std::fs::read_to_string(&real)
            .expect("real")
            .ends_with("# through the link\n")
    );
    // Deleted outside while the page holds its text: Save puts it back.
    let (text, version) = load(&server, "thin.yaml");
    std::fs::remove_file(&real).expect("deleted elsewhere");
    let (status, answer) = save(&server, "thin.yaml", &format!("{text}# back\n"), &version);
    assert_eq!(status, 200, "{answer}");
    assert_eq!(answer["written_back"], true);
    assert!(
        std::fs::read_to_string(&real)
            .expect("back")
            .ends_with("# back\n")
    );
}

#[test]
fn unsaved_edits_are_kept_by_the_server_for_the_user_alone() {
    let dir = tempfile::tempdir().expect("temp dir");
    let case = thin_case(dir.path());
    let server = Server::start(&case);
    let (text, version) = load(&server, "thin.yaml");
    assert_eq!(server.page("GET", "/api/draft", b"").1, b"null");
    let edit = format!("{text}# typed, not saved\n");
    let draft = json!({ "text": edit, "version": version }).to_string();
    assert_eq!(server.page("POST", "/api/draft", draft.as_bytes()).0, 200);
    let (status, body) = server.page("GET", "/api/draft", b"");
    assert_eq!(status, 200);
    assert_eq!(parse(&body)["text"], edit.as_str());
    let folder = server.state_home.path().join("promocase/drafts");
    let files: Vec<PathBuf> = std::fs::read_dir(&folder)
        .expect("the drafts folder")
        .flatten()
        .map(|e| e.path())
        .collect();
    assert_eq!(files.len(), 1);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| std::fs::metadata(p).expect("exists").permissions().mode() & 0o777;
        assert_eq!(mode(&files[0]), 0o600);
        assert_eq!(mode(&folder), 0o700);
    }
    // Saved: the draft is gone.
    assert_eq!(save(&server, "thin.yaml", &edit, &version).0, 200);
    assert_eq!(server.page("GET", "/api/draft", b"").1, b"null");
    assert_eq!(std::fs::read_dir(&folder).expect("drafts").count(), 0);
}

#[test]
fn the_page_runs_no_inline_script() {
    let dir = tempfile::tempdir().expect("temp dir");
    let server = Server::start(&thin_case(dir.path()));
    let (status, head, body) =
        server.exchange("GET", &server.target("/"), &server.page_headers("GET"), b"");
    assert_eq!(status, 200);
    let policy = head
        .lines()
        .find(|l| {
            l.to_ascii_lowercase()
                .starts_with("content-security-policy:")
        })
        .expect("a policy")
        .to_string();
    let scripts = policy
        .split(';')
        .find(|d| d.trim().starts_with("script-src"))
        .expect("a script policy");
    assert!(!scripts.contains("unsafe-inline"), "{policy}");
    let page = String::from_utf8_lossy(&body);
    let inline = page.matches("<script").count() - page.matches("<script src=").count();
    assert_eq!(inline, 0, "every script of the page is a file");
    assert_eq!(server.page("GET", "/workspace.js", b"").0, 200);
}

#[test]
fn listening_on_every_address_answers_any_address_but_no_name() {
    let dir = tempfile::tempdir().expect("temp dir");
    let case = thin_case(dir.path());
    let server = Server::start_with(&case, &["--host", "0.0.0.0"]);
    for (host, expected) in [
        (format!("192.0.2.7:{}", server.port), 200),
        (format!("[2001:db8::7]:{}", server.port), 200),
        (format!("127.0.0.1:{}", server.port), 200),
        (format!("rebound.example:{}", server.port), 421),
    ] {
        let headers = vec![("Host", host.clone()), ("Cookie", server.cookie.clone())];
        let status = server
            .raw("GET", &server.target("/api/case"), &headers, b"")
            .0;
        assert_eq!(status, expected, "{host}");
    }
}

#[test]
fn on_the_ipv6_loopback_the_printed_address_answers() {
    if std::net::TcpListener::bind("[::1]:0").is_err() {
        println!("skipped: this machine has no IPv6 loopback");
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let case = thin_case(dir.path());
    let mut child = crate::support::command(&[
        "serve",
        path_str(&case),
        "--port",
        "0",
        "--no-open",
        "--host",
        "::1",
    ])
    .spawn()
    .expect("serve starts");
    let url = crate::serve::printed_address(&mut child);
    let rest = url
        .strip_prefix("http://[::1]:")
        .unwrap_or_else(|| panic!("an IPv6 address: {url}"));
    let (port, path) = rest.split_once('/').expect("a path");
    let mut stream = TcpStream::connect(("::1", port.parse::<u16>().expect("a port")))
        .expect("it answers there");
    let request =
        format!("GET /{path} HTTP/1.1\r\nHost: [::1]:{port}\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).expect("send");
    let mut answer = String::new();
    let _ = stream.read_to_string(&mut answer);
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    let _ = child.kill();
    let _ = child.wait();
}

#[test]
fn a_labels_file_must_be_yaml() {
    let dir = tempfile::tempdir().expect("temp dir");
    let case = thin_case(dir.path());
    std::fs::write(dir.path().join("notes.txt"), "secret: the salary band\n").expect("a note");
    let text = std::fs::read_to_string(&case).expect("the case");
    let text = text.replacen(
        "candidate:",
        "branding:\n  labels: notes.txt\ncandidate:",
        1,
    );
    std::fs::write(&case, text).expect("a case naming the note");
    let output = promocase(&[
        "build",
        path_str(&case),
        "--draft",
        "-o",
        path_str(&dir.path().join("out.pdf")),
    ]);
    let said = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{said}");
    assert!(said.contains("is not a YAML file"), "{said}");
    assert!(
        !said.contains("salary band"),
        "nothing of the other file is quoted: {said}"
    );
}
