//! Helpers shared by the build and hardening tests (build, sandbox, timeout,
//! lost work, scripts): running the real binary with a guard against hangs, and reading
//! PDFs with poppler.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

pub const BIN: &str = env!("CARGO_BIN_EXE_promocase");

/// A build that takes longer than this is hung; the guard only keeps a broken
/// build from stalling the suite, it is not what the tests measure.
pub const HANG_GUARD: Duration = Duration::from_secs(120);

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The complete case of the build tests, which `check` passes.
pub fn complete_case() -> PathBuf {
    root().join("tests/fixtures/build/complete.yaml")
}

pub fn hardening_fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures/hardening").join(name)
}

pub fn path_str(path: &Path) -> &str {
    path.to_str().expect("test paths are UTF-8")
}

pub fn command(args: &[&str]) -> Command {
    let mut command = Command::new(BIN);
    command
        .args(args)
        .env_remove("SOURCE_DATE_EPOCH")
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    command
}

/// Runs `promocase ARGS`, killing it if it outlives [`HANG_GUARD`].
pub fn promocase(args: &[&str]) -> Output {
    let child = command(args).spawn().expect("the promocase binary runs");
    wait_guarded(child, args)
}

pub fn wait_guarded(mut child: Child, args: &[&str]) -> Output {
    let start = Instant::now();
    loop {
        if child.try_wait().expect("waiting on promocase").is_some() {
            return child.wait_with_output().expect("promocase output");
        }
        if start.elapsed() > HANG_GUARD {
            let _ = child.kill();
            let output = child.wait_with_output().expect("promocase output");
            panic!(
                "promocase {args:?} hung; stderr so far:\n{}",
                String::from_utf8_lossy(&output.stderr)
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Builds the brief of the complete case with `source` as brief.typ of a
/// template folder in `dir`, into `dir/brief.pdf`, with `extra` arguments.
pub fn build_with_brief(dir: &Path, source: &str, extra: &[&str]) -> Output {
    let templates = dir.join("templates");
    std::fs::create_dir_all(&templates).unwrap();
    std::fs::write(templates.join("brief.typ"), source).unwrap();
    let case = complete_case();
    let out = dir.join("brief.pdf");
    let mut args = vec![
        "build",
        path_str(&case),
        "-o",
        path_str(&out),
        "--template",
        "brief",
        "--template-dir",
        path_str(&templates),
    ];
    args.extend_from_slice(extra);
    promocase(&args)
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

pub fn assert_ok(output: &Output) {
    assert!(
        output.status.success(),
        "exit {:?}\nstdout: {}\nstderr: {}",
        output.status.code(),
        String::from_utf8_lossy(&output.stdout),
        stderr(output)
    );
}

/// Bad input: exit 2 and the promise that nothing was written.
pub fn assert_refused(output: &Output) -> String {
    let messages = stderr(output);
    assert_eq!(output.status.code(), Some(2), "{messages}");
    assert!(
        !messages.contains("panicked"),
        "a refusal is not a panic: {messages}"
    );
    messages
}

/// The text of a PDF, whitespace runs made single spaces.
pub fn pdf_text(pdf: &Path) -> String {
    let output = Command::new("pdftotext")
        .args([path_str(pdf), "-"])
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    assert!(
        output.status.success(),
        "pdftotext failed on {}",
        pdf.display()
    );
    String::from_utf8_lossy(&output.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// `pdfinfo`'s verdict: whether poppler reads the file as a whole PDF with pages.
/// (Poppler grumbles on stderr about typst's tagging; only its exit and page count count.)
pub fn pdf_info(pdf: &Path) -> Result<String, String> {
    let output = Command::new("pdfinfo")
        .arg(path_str(pdf))
        .output()
        .expect("pdfinfo (poppler-utils) is installed");
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    let errors = String::from_utf8_lossy(&output.stderr).into_owned();
    let pages = text
        .lines()
        .find_map(|line| line.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse::<usize>().ok())
        .unwrap_or(0);
    if output.status.success() && pages > 0 {
        Ok(text)
    } else {
        Err(format!("{errors}{text}"))
    }
}

/// The 1-based line of the first line of `text` that contains `needle`.
pub fn line_of(text: &str, needle: &str) -> usize {
    text.lines()
        .position(|line| line.contains(needle))
        .map(|index| index + 1)
        .unwrap_or_else(|| panic!("no line contains {needle:?}"))
}
