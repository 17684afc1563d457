//! The conventions a command-line user expects: `-` for standard input,
//! `-o -` for standard output, `--quiet`, `--verbose`, and no progress bar
//! in piped output.

use crate::support::{promocase, promocase_with_stdin, root, stderr, stdout, terminal_command};

const THIN: &str = "examples/it-manager-thin.yaml";
const COMPLETE: &str = "tests/fixtures/build/complete.yaml";

fn read(path: &str) -> Vec<u8> {
    std::fs::read(root().join(path)).expect("fixture exists")
}

#[test]
fn check_reads_standard_input_for_a_dash() {
    let from_file = promocase(&["check", THIN, "--format", "json"]);
    let from_stdin = promocase_with_stdin(&["check", "-", "--format", "json"], &read(THIN));
    assert_eq!(from_stdin.status.code(), from_file.status.code());
    let json: serde_json::Value = serde_json::from_str(&stdout(&from_stdin)).expect("JSON");
    assert_eq!(json["file"], "<stdin>");
    let file_json: serde_json::Value = serde_json::from_str(&stdout(&from_file)).expect("JSON");
    assert_eq!(json["findings"], file_json["findings"]);

    let human = promocase_with_stdin(&["check", "-"], &read(THIN));
    assert!(stdout(&human).contains("<stdin>:"), "{}", stdout(&human));
}

#[test]
fn check_locates_errors_in_standard_input() {
    let output = promocase_with_stdin(&["check", "-"], b"candidate: [unclosed\n");
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("<stdin>:2:1"),
        "{}",
        stderr(&output)
    );

    let output = promocase_with_stdin(&["check", "-"], b"name: \xff\n");
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("not UTF-8"), "{}", stderr(&output));
}

#[test]
fn check_takes_standard_input_once() {
    let output = promocase_with_stdin(&["check", "-", "-"], &read(THIN));
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("can be given only once"));
}

#[test]
fn build_writes_one_pdf_to_standard_output() {
    let output = promocase(&["build", COMPLETE, "-o", "-"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        output.stdout.starts_with(b"%PDF-"),
        "stdout is the PDF alone"
    );
    assert!(stderr(&output).contains("wrote the document to stdout"));
    // The case's folder gets no file.
    assert!(!root().join("tests/fixtures/build/complete.pdf").exists());

    let svg = promocase(&[
        "build",
        COMPLETE,
        "-o",
        "-",
        "--template",
        "brief",
        "--format",
        "svg",
    ]);
    assert_eq!(svg.status.code(), Some(0), "{}", stderr(&svg));
    assert!(stdout(&svg).starts_with("<svg"));
}

#[test]
fn build_refuses_standard_output_for_several_files() {
    for (extra, says) in [
        (&["--template", "all"][..], "--template all makes three"),
        (&["--format", "png"][..], "not --format png"),
        (&["--format", "typst"][..], "not --format typst"),
        (&["--format", "svg"][..], "pages and `-o -` writes one SVG"),
    ] {
        let mut args = vec!["build", COMPLETE, "-o", "-"];
        args.extend_from_slice(extra);
        let output = promocase(&args);
        assert_eq!(output.status.code(), Some(2), "{extra:?}");
        assert!(output.stdout.is_empty(), "{extra:?} wrote to stdout");
        assert!(
            stderr(&output).contains(says),
            "{extra:?}: {}",
            stderr(&output)
        );
    }
    let watch = promocase(&["watch", COMPLETE, "-o", "-"]);
    assert_eq!(watch.status.code(), Some(2));
    assert!(stderr(&watch).contains("`-o -` (stdout) is for `promocase build`"));
}

#[test]
fn quiet_prints_only_errors() {
    let output = promocase(&["check", "--quiet", THIN]);
    assert_eq!(output.status.code(), Some(1), "the exit code still tells");
    let text = stdout(&output);
    assert!(text.contains("error["), "{text}");
    assert!(!text.contains("warning["), "{text}");
    assert!(!text.contains("Readiness"), "{text}");
    assert!(stderr(&output).is_empty(), "{}", stderr(&output));

    let dir = tempfile::tempdir().expect("temporary folder");
    let pdf = dir.path().join("quiet.pdf");
    let pdf_arg = pdf.to_str().expect("UTF-8 path");
    let output = promocase(&["-q", "build", COMPLETE, "-o", pdf_arg]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stdout(&output).is_empty() && stderr(&output).is_empty());
    assert!(pdf.exists());

    // An error still gets through, with the reason nothing was written.
    let output = promocase(&["-q", "build", THIN, "-o", pdf_arg]);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(err.contains("error["), "{err}");
    assert!(!err.contains("warning["), "{err}");
    assert!(err.contains("nothing was written"), "{err}");
}

#[test]
fn verbose_names_the_rubric_and_the_timings() {
    let output = promocase(&["check", "--verbose", THIN]);
    let err = stderr(&output);
    assert!(
        err.contains("checked against Director (builtin rubric) in"),
        "{err}"
    );
    assert!(err.contains(" ms"), "{err}");

    let dir = tempfile::tempdir().expect("temporary folder");
    let pdf = dir.path().join("verbose.pdf");
    let output = promocase(&["-v", "build", COMPLETE, "-o", pdf.to_str().expect("UTF-8")]);
    let err = stderr(&output);
    assert!(err.contains("proposal: laid out in"), "{err}");
    assert!(err.contains("proposal: exported in"), "{err}");

    let both = promocase(&["-q", "-v", "check", THIN]);
    assert_eq!(
        both.status.code(),
        Some(2),
        "--quiet and --verbose conflict"
    );
}

#[test]
fn piped_output_has_no_progress_bar() {
    let output = promocase(&[
        "check",
        "examples/it-manager-thin.yaml",
        "examples/marketing-director.yaml",
        "examples/operations-director.yaml",
    ]);
    for (name, text) in [("stdout", stdout(&output)), ("stderr", stderr(&output))] {
        assert!(!text.contains('\r'), "{name} redraws a line:\n{text}");
        assert!(
            !text.contains('\u{1b}'),
            "{name} has terminal escapes:\n{text}"
        );
        assert!(
            !text.contains("█") && !text.contains("3/3"),
            "{name}:\n{text}"
        );
    }
}

#[test]
fn a_terminal_shows_progress_when_checking_many_files() {
    let mut command = terminal_command(&[
        "check",
        "examples/it-manager-thin.yaml",
        "examples/marketing-director.yaml",
        "examples/operations-director.yaml",
    ]);
    command.env_remove("NO_COLOR");
    // The timeout bounds every read, so a hung child fails the test.
    let mut session = rexpect::session::spawn_command(command, Some(30_000)).expect("pty session");
    let text = session.exp_eof().expect("the check ends");
    assert!(text.contains("3/3"), "no progress on the terminal:\n{text}");
    assert!(text.contains("checked 3 files"), "{text}");
}

#[test]
fn a_pdf_is_not_printed_on_a_terminal() {
    let command = terminal_command(&["build", COMPLETE, "-o", "-"]);
    let mut session = rexpect::session::spawn_command(command, Some(30_000)).expect("pty session");
    let text = session.exp_eof().expect("the build ends");
    assert!(
        text.contains("refusing to print a PDF on the terminal"),
        "{text}"
    );
    assert!(!text.contains("%PDF"), "{text}");
}
