//! `build --timeout` and `--max-memory`: a template that never finishes, or
//! fills memory, is stopped with a clear message, and the earlier output is
//! left as it was.

use crate::support::{
    assert_ok, assert_refused, build_with_brief, complete_case, path_str, promocase,
};

#[test]
fn a_template_that_never_finishes_is_stopped() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("brief.pdf");
    let case = complete_case();
    let built_in = [
        "build",
        path_str(&case),
        "-o",
        path_str(&out),
        "--template",
        "brief",
    ];
    assert_ok(&promocase(&built_in));
    let before = std::fs::read(&out).unwrap();

    // Typst stops deep recursion and endless `while` by itself; a long `for`
    // it runs to the end. Nested, so that no range is large enough to reach
    // the memory limit first (`range` makes its whole array).
    let messages = assert_refused(&build_with_brief(
        dir.path(),
        "#for i in range(100000) { for j in range(100000) { } }\n",
        &["--timeout", "1"],
    ));
    assert!(
        messages.contains("did not finish within 1 second (--timeout 1)"),
        "{messages}"
    );
    assert!(
        messages.contains("brief.typ"),
        "names the template: {messages}"
    );
    assert!(messages.contains("raise --timeout"), "{messages}");
    assert!(messages.contains("nothing was written"), "{messages}");
    assert_eq!(
        std::fs::read(&out).unwrap(),
        before,
        "the earlier PDF is intact"
    );
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 2, "no stray files: {names:?}");
}

#[test]
fn a_timeout_must_be_a_positive_number_of_seconds() {
    for value in ["0", "-1", "soon", "1.5"] {
        let flag = format!("--timeout={value}");
        let output = promocase(&["build", path_str(&complete_case()), &flag]);
        let messages = assert_refused(&output);
        assert!(messages.contains("--timeout"), "{value}: {messages}");
    }
}

#[cfg(target_os = "linux")]
#[test]
fn a_template_that_fills_memory_is_stopped() {
    let dir = tempfile::tempdir().unwrap();
    // A string that doubles forty times would need a terabyte.
    let output = build_with_brief(
        dir.path(),
        "#let text = \"x\"\n#for i in range(40) { text = text + text }\n#text.len()\n",
        &["--max-memory", "256", "--timeout", "60"],
    );
    let messages = assert_refused(&output);
    assert!(
        messages.contains("took more than 256 MB of memory (--max-memory 256)"),
        "{messages}"
    );
    assert!(
        messages.contains("brief.typ"),
        "names the template: {messages}"
    );
    assert!(messages.contains("raise --max-memory"), "{messages}");
    assert!(
        !dir.path().join("brief.pdf").exists(),
        "nothing was written"
    );
}

#[test]
fn a_normal_build_fits_well_within_a_small_memory_limit() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("all.pdf");
    assert_ok(&promocase(&[
        "build",
        path_str(&complete_case()),
        "-o",
        path_str(&out),
        "--max-memory",
        "256",
    ]));
    assert!(out.exists());
}

#[test]
fn a_memory_limit_must_be_a_whole_number_of_megabytes_from_64() {
    for value in ["0", "63", "-1", "lots", "1.5"] {
        let flag = format!("--max-memory={value}");
        let output = promocase(&["build", path_str(&complete_case()), &flag]);
        let messages = assert_refused(&output);
        assert!(messages.contains("--max-memory"), "{value}: {messages}");
    }
}

/// `committee --template-dir` with a committee template that loops for ever
/// stops within `--timeout`, as `build` does, and writes nothing.
#[test]
fn a_committee_template_that_never_finishes_is_stopped() {
    let dir = tempfile::tempdir().unwrap();
    let templates = dir.path().join("templates");
    std::fs::create_dir(&templates).unwrap();
    std::fs::write(
        templates.join("committee.typ"),
        "#for i in range(100000) { for j in range(100000) { } }\n",
    )
    .unwrap();
    let out = dir.path().join("committee.pdf");
    let started = std::time::Instant::now();
    let messages = assert_refused(&promocase(&[
        "committee",
        path_str(&complete_case()),
        "--template-dir",
        path_str(&templates),
        "--timeout",
        "1",
        "-o",
        path_str(&out),
    ]));
    assert!(
        started.elapsed() < std::time::Duration::from_secs(30),
        "stopped near its --timeout"
    );
    assert!(
        messages.contains("did not finish within 1 second (--timeout 1)"),
        "{messages}"
    );
    assert!(
        messages.contains("the committee pack was stopped"),
        "{messages}"
    );
    // The advice fits a pack: its limits grow with the round unless given.
    assert!(
        messages.contains("A round of many candidates may simply need more time: raise --timeout."),
        "{messages}"
    );
    assert!(messages.contains("nothing was written"), "{messages}");
    assert!(!out.exists());
}
