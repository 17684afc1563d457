//! What every test of the suite shares: running the real `promocase` binary
//! (one way, with a guard against hangs), the repository's files and
//! fixtures, reading PDFs with poppler, and the README's generated sections.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_promocase");

/// A run that takes longer than this is hung; the guard only keeps a broken
/// build from stalling the suite, it is not what the tests measure.
pub const HANG_GUARD: Duration = Duration::from_secs(120);

/// The repository root, where `examples/` and `tests/fixtures/` live.
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

/// The example cases shipped in `examples/`.
pub fn examples() -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(root().join("examples"))
        .expect("examples/ exists")
        .map(|entry| entry.expect("readable entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "yaml"))
        .collect();
    paths.sort();
    paths
}

pub fn path_str(path: &Path) -> &str {
    path.to_str().expect("test paths are UTF-8")
}

/// `promocase ARGS` from the repository root, ready to run: colour off,
/// `SOURCE_DATE_EPOCH` unset, stdin closed, stdout and stderr captured.
/// Tests with a set-up of their own (another folder, a terminal, signals)
/// start from this.
pub fn command(args: &[&str]) -> Command {
    let mut command = Command::new(BIN);
    command
        .args(args)
        .current_dir(root())
        .env_remove("SOURCE_DATE_EPOCH")
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    command
}

/// [`command`] for a pseudo-terminal (rexpect), which gives the child its
/// own standard streams.
pub fn terminal_command(args: &[&str]) -> Command {
    let mut command = command(args);
    command
        .stdin(Stdio::inherit())
        .stdout(Stdio::inherit())
        .stderr(Stdio::inherit());
    command
}

/// Runs `promocase ARGS` from the repository root.
pub fn promocase(args: &[&str]) -> Output {
    run(&mut command(args))
}

/// Runs `promocase ARGS` in `dir`.
pub fn promocase_in(dir: &Path, args: &[&str]) -> Output {
    run(command(args).current_dir(dir))
}

/// Runs `promocase ARGS` from the repository root with `input` on stdin.
pub fn promocase_with_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = command(args)
        .stdin(Stdio::piped())
        .spawn()
        .expect("the promocase binary runs");
    let mut stdin = child.stdin.take().expect("piped stdin");
    let input = input.to_vec();
    // A command that refuses early may not read it all.
    let writer = thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let output = wait_guarded(child, args);
    let _ = writer.join();
    output
}

/// Runs a command built on [`command`], killing it if it outlives [`HANG_GUARD`].
pub fn run(command: &mut Command) -> Output {
    let args: Vec<String> = command
        .get_args()
        .map(|arg| arg.to_string_lossy().into_owned())
        .collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let child = command.spawn().expect("the promocase binary runs");
    wait_guarded(child, &args)
}

/// Waits for a child with captured output, killing it if it outlives
/// [`HANG_GUARD`]. Its output is read meanwhile, so a child that prints more
/// than a pipe holds (a PDF on stdout) cannot block on it.
fn wait_guarded(mut child: Child, args: &[&str]) -> Output {
    fn drain(stream: Option<impl Read + Send + 'static>) -> JoinHandle<Vec<u8>> {
        thread::spawn(move || {
            let mut bytes = Vec::new();
            if let Some(mut stream) = stream {
                let _ = stream.read_to_end(&mut bytes);
            }
            bytes
        })
    }
    let stdout = drain(child.stdout.take());
    let stderr = drain(child.stderr.take());
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("waiting on promocase") {
            break status;
        }
        if start.elapsed() > HANG_GUARD {
            let _ = child.kill();
            let _ = child.wait();
            let stderr = stderr.join().unwrap_or_default();
            panic!(
                "promocase {args:?} hung; stderr so far:\n{}",
                String::from_utf8_lossy(&stderr)
            );
        }
        thread::sleep(Duration::from_millis(10));
    };
    Output {
        status,
        stdout: stdout.join().expect("stdout is read"),
        stderr: stderr.join().expect("stderr is read"),
    }
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

pub fn assert_ok(output: &Output) {
    assert!(
        output.status.success(),
        "exit {:?}\nstdout: {}\nstderr: {}",
        output.status.code(),
        stdout(output),
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

/// The letters of a PDF (or of one of its pages) in `pdftotext -raw` order,
/// without any whitespace: text set at an angle comes out letter by letter.
pub fn pdf_letters(pdf: &Path, page: Option<usize>) -> String {
    let mut command = Command::new("pdftotext");
    command.arg("-raw");
    if let Some(page) = page {
        command.args(["-f", &page.to_string(), "-l", &page.to_string()]);
    }
    let output = command
        .args([path_str(pdf), "-"])
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    String::from_utf8_lossy(&output.stdout)
        .split_whitespace()
        .collect()
}

/// `pdfinfo`'s verdict: whether poppler reads the file as a whole PDF with pages.
/// (Poppler grumbles on stderr about typst's tagging; only its exit and page count count.)
pub fn pdf_info(pdf: &Path) -> Result<String, String> {
    let output = pdfinfo(pdf);
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    let errors = String::from_utf8_lossy(&output.stderr).into_owned();
    if output.status.success() && page_count(&text).is_some_and(|pages| pages > 0) {
        Ok(text)
    } else {
        Err(format!("{errors}{text}"))
    }
}

/// The number of pages `pdfinfo` reports.
pub fn pdf_pages(pdf: &Path) -> usize {
    let info = String::from_utf8_lossy(&pdfinfo(pdf).stdout).into_owned();
    page_count(&info).unwrap_or_else(|| panic!("no page count in pdfinfo output:\n{info}"))
}

fn pdfinfo(pdf: &Path) -> Output {
    Command::new("pdfinfo")
        .arg(path_str(pdf))
        .output()
        .expect("pdfinfo (poppler-utils) is installed")
}

fn page_count(info: &str) -> Option<usize> {
    info.lines()
        .find_map(|line| line.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
}

/// The 1-based line of the first line of `text` that contains `needle`.
pub fn line_of(text: &str, needle: &str) -> usize {
    text.lines()
        .position(|line| line.contains(needle))
        .map(|index| index + 1)
        .unwrap_or_else(|| panic!("no line contains {needle:?}"))
}

/// Reads a YAML file as JSON, for validating it with an independent schema validator.
pub fn yaml_as_json(path: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(path).expect("readable YAML");
    let yaml: serde_yaml::Value = serde_yaml::from_str(&text).expect("valid YAML");
    serde_json::to_value(yaml).expect("YAML converts to JSON")
}

/// Asserts that README.md's text between `<!-- NAME:start -->` and `<!-- NAME:end -->`
/// is `expected`; with UPDATE_DOCS set, rewrites it first.
pub fn assert_readme_section(name: &str, expected: &str) {
    let path = root().join("README.md");
    let readme = std::fs::read_to_string(&path).expect("README.md exists");
    let start_marker = format!("<!-- {name}:start -->\n");
    let end_marker = format!("<!-- {name}:end -->");
    let start = readme.find(&start_marker).expect("start marker") + start_marker.len();
    let end = readme.find(&end_marker).expect("end marker");
    if std::env::var_os("UPDATE_DOCS").is_some() {
        let updated = format!("{}{expected}{}", &readme[..start], &readme[end..]);
        std::fs::write(&path, updated).expect("README.md is writable");
        return;
    }
    assert_eq!(
        &readme[start..end],
        expected,
        "README.md's {name} section is stale: run `UPDATE_DOCS=1 cargo test`"
    );
}

/// Makes a script written by a test runnable.
pub fn make_executable(path: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755))
            .expect("the script is made executable");
    }
}
