//! `build --timeout`: a template that never finishes is stopped with a clear
//! message, and the earlier output is left as it was.

mod hardening;

use hardening::{assert_ok, assert_refused, complete_case, path_str, promocase};

#[test]
fn a_template_that_never_finishes_is_stopped() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("brief.pdf");
    let case = complete_case();
    let base = [
        "build",
        path_str(&case),
        "-o",
        path_str(&out),
        "--template",
        "brief",
    ];
    assert_ok(&promocase(&base));
    let before = std::fs::read(&out).unwrap();

    let templates = dir.path().join("templates");
    std::fs::create_dir(&templates).unwrap();
    // Typst stops deep recursion by itself; a long loop it runs to the end.
    std::fs::write(
        templates.join("brief.typ"),
        "#for i in range(1000000000) { }\n",
    )
    .unwrap();
    let mut args = base.to_vec();
    args.extend(["--template-dir", path_str(&templates), "--timeout", "1"]);
    let messages = assert_refused(&promocase(&args));
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
