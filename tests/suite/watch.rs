//! `promocase watch` as a user lives with it: the real binary in a child
//! process, a case edited the way editors save it, a half-typed file, a fix,
//! then Ctrl-C. Every wait is bounded, so a watch that stops reacting fails
//! the test instead of hanging it.

use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Child, Command, ExitStatus};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use crate::support::{self, command, complete_case};

/// Generous: a debug build on a busy machine, not a speed target.
const PATIENCE: Duration = Duration::from_secs(60);

/// A running `promocase watch` whose output is collected by two threads.
struct Watch {
    child: Child,
    stdout: Arc<Mutex<String>>,
    stderr: Arc<Mutex<String>>,
}

fn collect(stream: impl Read + Send + 'static) -> Arc<Mutex<String>> {
    let buffer = Arc::new(Mutex::new(String::new()));
    let sink = Arc::clone(&buffer);
    thread::spawn(move || {
        for line in BufReader::new(stream).lines() {
            let Ok(line) = line else { break };
            let mut text = sink.lock().unwrap_or_else(|e| e.into_inner());
            text.push_str(&line);
            text.push('\n');
        }
    });
    buffer
}

impl Watch {
    fn start(dir: &Path, args: &[&str]) -> Self {
        let args: Vec<&str> = std::iter::once("watch")
            .chain(args.iter().copied())
            .collect();
        let mut child = command(&args)
            .current_dir(dir)
            .spawn()
            .expect("the promocase binary starts");
        let stdout = collect(child.stdout.take().expect("piped stdout"));
        let stderr = collect(child.stderr.take().expect("piped stderr"));
        Self {
            child,
            stdout,
            stderr,
        }
    }

    fn stdout(&self) -> String {
        self.stdout
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    fn stderr(&self) -> String {
        self.stderr
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Waits until stdout holds `needle` at least `times` times.
    fn await_stdout(&self, needle: &str, times: usize) {
        self.await_in(needle, times, true);
    }

    /// Waits until stderr holds `needle` at least `times` times.
    fn await_stderr(&self, needle: &str, times: usize) {
        self.await_in(needle, times, false);
    }

    fn await_in(&self, needle: &str, times: usize, stdout: bool) {
        let started = Instant::now();
        loop {
            let text = if stdout { self.stdout() } else { self.stderr() };
            if text.matches(needle).count() >= times {
                return;
            }
            assert!(
                started.elapsed() < PATIENCE,
                "waited {PATIENCE:?} for {times}× `{needle}` on {}\nstdout:\n{}\nstderr:\n{}",
                if stdout { "stdout" } else { "stderr" },
                self.stdout(),
                self.stderr()
            );
            thread::sleep(Duration::from_millis(25));
        }
    }

    /// Sends SIGINT, as Ctrl-C does, and waits for the exit.
    fn interrupt(&mut self) -> ExitStatus {
        self.signal("INT")
    }

    /// Sends a signal (`INT`, `TERM`) and waits for the exit.
    fn signal(&mut self, name: &str) -> ExitStatus {
        // The shell's own `kill`, so no procps package is needed.
        let sent = Command::new("sh")
            .args(["-c", &format!("kill -{name} {}", self.child.id())])
            .status()
            .expect("sh runs");
        assert!(sent.success(), "kill -{name} failed");
        let started = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("the child can be waited on") {
                return status;
            }
            assert!(
                started.elapsed() < PATIENCE,
                "watch did not stop on SIG{name}\nstdout:\n{}\nstderr:\n{}",
                self.stdout(),
                self.stderr()
            );
            thread::sleep(Duration::from_millis(25));
        }
    }
}

impl Drop for Watch {
    /// A failed assertion must not leave a watcher running.
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// Saves like most editors: a new file renamed over the old one.
fn save(path: &Path, text: &str) {
    let temporary = path.with_extension("yaml.swp");
    std::fs::write(&temporary, text).expect("temporary file is writable");
    std::fs::rename(&temporary, path).expect("rename over the case");
}

fn fixture() -> String {
    std::fs::read_to_string(complete_case()).expect("fixture exists")
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("readable folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn rebuilds_on_save_survives_a_half_typed_case_and_stops_on_ctrl_c() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let case = dir.path().join("ana.yaml");
    let pdf = dir.path().join("ana.pdf");
    let original = fixture();
    std::fs::write(&case, &original).expect("case written");

    let mut watch = Watch::start(dir.path(), &["ana.yaml", "--debounce", "50"]);
    watch.await_stderr("watching ana.yaml", 1);
    watch.await_stdout("built in", 1);
    assert!(watch.stdout().contains("wrote ana.pdf"));
    let first_pdf = std::fs::read(&pdf).expect("the first build wrote the PDF");
    let missed = "\"First-contact resolution\" missed its target";
    assert!(!watch.stderr().contains(missed));

    // A KPI that now misses its target: a new finding and a new PDF.
    let edited = original.replace("    actual: 68\n", "    actual: 60\n");
    assert_ne!(edited, original, "the fixture still has the edited KPI");
    save(&case, &edited);
    watch.await_stdout("rebuilt in", 1);
    watch.await_stderr(missed, 1);
    let second_pdf = std::fs::read(&pdf).expect("the PDF is still there");
    assert_ne!(first_pdf, second_pdf, "the rebuild changed the PDF");

    // Half typed: the located YAML error, nothing written, still watching.
    save(&case, &edited.replacen("why_now: ", "why_now: \"", 1));
    watch.await_stderr("error[yaml-syntax]", 1);
    watch.await_stdout("nothing written; waiting for the next save", 1);
    assert!(watch.stderr().contains("ana.yaml:"), "the error is located");
    assert_eq!(std::fs::read(&pdf).expect("PDF kept"), second_pdf);

    // Fixed, saved in place this time: a rebuild again.
    std::fs::write(&case, &original).expect("case rewritten");
    // (A slow write may show up as two saves, the first of an empty file.)
    watch.await_stdout("wrote ana.pdf", 3);
    assert_eq!(std::fs::read(&pdf).expect("PDF rebuilt"), first_pdf);

    let status = watch.interrupt();
    assert_eq!(status.code(), Some(0), "stderr:\n{}", watch.stderr());
    assert!(watch.stderr().contains("stopped watching"));
    // No temporary file of an interrupted write is left behind.
    assert_eq!(files_in(dir.path()), ["ana.pdf", "ana.yaml"]);
    // Reading the case for a build must not itself count as a save.
    let rebuilds = watch.stdout().matches("rebuilt in").count();
    assert!(
        rebuilds <= 6,
        "{rebuilds} rebuilds for 3 saves:\n{}",
        watch.stdout()
    );
}

#[test]
fn a_case_with_errors_writes_nothing_unless_draft() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let case = dir.path().join("ana.yaml");
    // A period that ends before it starts: an error an executive would notice.
    let broken = fixture().replace(
        "{start: 2025-01, end: 2025-12}",
        "{start: 2025-12, end: 2025-01}",
    );
    assert_ne!(broken, fixture());
    std::fs::write(&case, &broken).expect("case written");

    let mut watch = Watch::start(dir.path(), &["ana.yaml", "--debounce", "50"]);
    watch.await_stdout("nothing written; waiting for the next save", 1);
    assert!(watch.stdout().contains("; 1 error,"), "{}", watch.stdout());
    assert!(watch.stderr().contains("error[period-end-before-start]"));
    assert!(!dir.path().join("ana.pdf").exists());
    assert_eq!(watch.interrupt().code(), Some(0));

    let mut draft = Watch::start(dir.path(), &["ana.yaml", "--draft"]);
    draft.await_stdout("built in", 1);
    assert!(dir.path().join("ana.pdf").exists());
    // An editor's task runner stops it with SIGTERM: as clean as Ctrl-C.
    assert_eq!(draft.signal("TERM").code(), Some(0));
    assert!(draft.stderr().contains("stopped watching"));
}

#[test]
fn rebuilds_when_the_rubric_a_template_or_the_logo_changes() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let root = dir.path();
    std::fs::create_dir_all(root.join("templates")).expect("template folder");
    std::fs::create_dir_all(root.join("assets")).expect("asset folder");
    let logo = |fill: &str| {
        format!(
            r##"<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20" fill="#{fill}"/></svg>"##
        )
    };
    std::fs::write(root.join("assets/logo.svg"), logo("7A2E39")).expect("logo");
    let case = fixture().replace("  accent_color: \"#7A2E39\"", "  logo: assets/logo.svg");
    assert!(case.contains("logo: assets/logo.svg"));
    std::fs::write(root.join("ana.yaml"), case).expect("case");
    let common = std::fs::read_to_string(support::root().join("templates/common.typ"))
        .expect("built-in common.typ");
    std::fs::write(root.join("templates/common.typ"), &common).expect("template");
    let rubric = "level: director\nname: Director\n";
    std::fs::write(root.join("rubric.yaml"), rubric).expect("rubric");

    let watch = Watch::start(
        root,
        &[
            "ana.yaml",
            "--rubric",
            "rubric.yaml",
            "--template-dir",
            "templates",
            "--debounce",
            "50",
        ],
    );
    watch.await_stdout("built in", 1);
    assert!(watch.stdout().contains("for Director;"));

    // A company that renames the level: the check runs again with it.
    save(
        &root.join("rubric.yaml"),
        "level: director\nname: Head of Function\n",
    );
    watch.await_stdout("(rubric changed)", 1);
    watch.await_stdout("for Head of Function;", 1);

    // A template that no longer compiles: the located typst error, then the fix.
    std::fs::write(
        root.join("templates/common.typ"),
        format!("{common}\n#let (\n"),
    )
    .expect("template");
    watch.await_stderr("error[template]", 1);
    watch.await_stdout("(template changed), nothing written", 1);
    std::fs::write(root.join("templates/common.typ"), &common).expect("template");
    watch.await_stdout("(template changed)\n", 1);

    // Another logo: the document is rebuilt with it.
    let before = std::fs::read(root.join("ana.pdf")).expect("PDF");
    std::fs::write(root.join("assets/logo.svg"), logo("112233")).expect("logo");
    // The line of a rebuild that wrote, not of a half-written logo.
    watch.await_stdout("(logo changed)\n", 1);
    let after = std::fs::read(root.join("ana.pdf")).expect("PDF");
    assert_ne!(before, after, "the new logo is in the PDF");

    only_the_case_save_rebuilds(
        watch,
        root,
        &["assets/notes.txt", "templates/readme.md", "ana.pdf.bak"],
    );
}

/// Files the build does not read change nothing: after writing them, a save
/// of the case (whose events come after theirs) makes the only rebuild.
fn only_the_case_save_rebuilds(mut watch: Watch, root: &Path, unrelated: &[&str]) {
    let builds = watch.stdout().matches("built in").count();
    for name in unrelated {
        std::fs::write(root.join(name), "notes").expect("unrelated file");
    }
    let case = std::fs::read_to_string(root.join("ana.yaml")).expect("case");
    save(&root.join("ana.yaml"), &format!("{case}\n# saved again\n"));
    watch.await_stdout("(case changed)", 1);
    assert_eq!(watch.interrupt().code(), Some(0));
    let stdout = watch.stdout();
    assert_eq!(stdout.matches("built in").count(), builds + 1, "{stdout}");
}

#[test]
fn rebuilds_when_a_font_is_added_to_a_font_folder() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let root = dir.path();
    std::fs::create_dir_all(root.join("fonts/brand")).expect("font folder");
    let mut faces = typst_kit::fonts::embedded().map(|(font, _)| font.data().to_vec());
    let first = faces.next().expect("promocase embeds fonts");
    let second = faces.next().expect("more than one");
    std::fs::write(root.join("fonts/company.otf"), first).expect("font");
    std::fs::write(root.join("ana.yaml"), fixture()).expect("case");

    let watch = Watch::start(
        root,
        &["ana.yaml", "--font-path", "fonts", "--debounce", "50"],
    );
    watch.await_stdout("built in", 1);
    assert!(
        watch.stderr().contains("the fonts in"),
        "{}",
        watch.stderr()
    );

    // A font added in a subfolder: the folders are read again.
    std::fs::write(root.join("fonts/brand/bold.otf"), second).expect("font");
    watch.await_stdout("(font changed)", 1);

    only_the_case_save_rebuilds(watch, root, &["fonts/LICENSE.txt", "fonts/brand/notes.md"]);
}
