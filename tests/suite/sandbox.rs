//! Templates and the files a build reads: a template sees only the case data,
//! the logo and its own folder's .typ files; the logo must lie inside the
//! case's folder; user text is printed, never run. Each refusal is a clear
//! message, exit 2 and no output.

use std::path::Path;

use crate::support::{
    assert_ok, assert_refused, build_with_brief, complete_case, line_of, path_str, pdf_info,
    pdf_text, promocase, root, stderr, stdout,
};

#[test]
fn a_template_cannot_read_any_file_on_disk() {
    let dir = tempfile::tempdir().unwrap();
    for (source, expected) in [
        (
            r#"#read("/etc/passwd")"#,
            "`/etc/passwd` is not available to templates",
        ),
        (r#"#read("../../x")"#, "would escape the project root"),
        (
            r#"#read("../../../../../../etc/passwd")"#,
            "would escape the project root",
        ),
        (
            r#"#image("/etc/hostname")"#,
            "`/etc/hostname` is not available to templates",
        ),
        (
            r#"#json("/proc/self/environ")"#,
            "`/proc/self/environ` is not available to templates",
        ),
        (r#"#csv("/etc/passwd")"#, "not available to templates"),
        (
            r#"#plugin("/usr/lib/x.wasm")"#,
            "not available to templates",
        ),
        (r#"#include "/etc/passwd""#, "not available to templates"),
        (
            r#"#import "/home/x/secret.typ": *"#,
            "not available to templates",
        ),
    ] {
        let output = build_with_brief(dir.path(), &format!("{source}\n"), &[]);
        let messages = assert_refused(&output);
        assert!(messages.contains(expected), "{source}: {messages}");
        // Located in the template, with what a template may read instead.
        assert!(messages.contains("brief.typ:1:"), "{source}: {messages}");
        assert!(
            messages.contains("may read only /data.json"),
            "{source}: {messages}"
        );
        // Typst's own advice (`--root`) means nothing to a promocase user.
        assert!(!messages.contains("--root"), "{source}: {messages}");
        assert!(!messages.contains("root:x:0"), "{source}: a file was read");
        assert!(
            messages.contains("nothing was written"),
            "{source}: {messages}"
        );
        assert!(!dir.path().join("brief.pdf").exists(), "{source}");
    }
}

#[test]
fn a_template_cannot_fetch_packages() {
    let dir = tempfile::tempdir().unwrap();
    for source in [
        r#"#import "@preview/x:0.1.0""#,
        r#"#import "@preview/cetz:0.3.0": canvas"#,
        r#"#import "@local/mine:1.0.0": *"#,
    ] {
        let messages = assert_refused(&build_with_brief(dir.path(), source, &[]));
        assert!(
            messages.contains("must be self-contained"),
            "{source}: {messages}"
        );
        assert!(messages.contains("brief.typ:1:"), "{source}: {messages}");
    }
}

#[test]
fn a_template_reads_what_promocase_gives_it() {
    let dir = tempfile::tempdir().unwrap();
    let templates = dir.path().join("templates");
    std::fs::create_dir_all(&templates).unwrap();
    std::fs::write(
        templates.join("extra.typ"),
        "#let greeting = \"Hello from extra\"\n",
    )
    .unwrap();
    let output = build_with_brief(
        dir.path(),
        "#import \"extra.typ\": greeting\n\
         #let data = json(\"/data.json\")\n\
         #set document(title: \"t\")\n\
         #greeting, #data.candidate.name, #read(\"data.json\").len() bytes\n",
        &[],
    );
    assert_ok(&output);
    let text = pdf_text(&dir.path().join("brief.pdf"));
    assert!(text.contains("Hello from extra, Jonas Bergmann"), "{text}");
}

#[test]
fn a_template_that_evaluates_user_text_still_reads_nothing() {
    // Templates never evaluate case text; even one that did stays in the sandbox.
    let dir = tempfile::tempdir().unwrap();
    let case = dir.path().join("case.yaml");
    let text = std::fs::read_to_string(complete_case()).unwrap();
    std::fs::write(
        &case,
        text.replace("name: Jonas Bergmann", "name: '#read(\"/etc/passwd\")'"),
    )
    .unwrap();
    let templates = dir.path().join("templates");
    std::fs::create_dir_all(&templates).unwrap();
    std::fs::write(
        templates.join("brief.typ"),
        "#let data = json(\"/data.json\")\n#eval(data.candidate.name, mode: \"markup\")\n",
    )
    .unwrap();
    let output = promocase(&[
        "build",
        path_str(&case),
        "-o",
        path_str(&dir.path().join("x.pdf")),
        "--template",
        "brief",
        "--template-dir",
        path_str(&templates),
    ]);
    let messages = assert_refused(&output);
    assert!(
        messages.contains("not available to templates"),
        "{messages}"
    );
    assert!(!dir.path().join("x.pdf").exists());
}

#[test]
fn user_text_prints_literally_in_the_pdf_metadata_too() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("hostile.pdf");
    assert_ok(&promocase(&[
        "build",
        path_str(&root().join("tests/fixtures/build/hostile.yaml")),
        "-o",
        path_str(&out),
    ]));
    let info = pdf_info(&out).expect("a whole PDF");
    // pdfinfo prints the title and author the templates set from the case.
    assert!(info.contains("Zoë #sys.exit() $O'Brien$"), "{info}");
    assert!(!info.contains("root:x:0"), "{info}");
}

#[cfg(unix)]
#[test]
fn a_template_linked_out_of_its_folder_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    let secret = elsewhere.path().join("secret.typ");
    std::fs::write(&secret, "= Secret\n").unwrap();
    let templates = dir.path().join("templates");
    std::fs::create_dir_all(&templates).unwrap();
    std::os::unix::fs::symlink(&secret, templates.join("brief.typ")).unwrap();
    let output = promocase(&[
        "build",
        path_str(&complete_case()),
        "-o",
        path_str(&dir.path().join("x.pdf")),
        "--template",
        "brief",
        "--template-dir",
        path_str(&templates),
    ]);
    let messages = assert_refused(&output);
    assert!(
        messages.contains("is a link to a file outside the template folder"),
        "{messages}"
    );
    assert!(messages.contains("brief.typ"), "{messages}");
    assert!(!dir.path().join("x.pdf").exists());

    // A link that stays inside the folder is fine, and so is a folder that is itself a link.
    std::fs::remove_file(templates.join("brief.typ")).unwrap();
    std::fs::create_dir(templates.join("v2")).unwrap();
    std::fs::write(
        templates.join("v2/brief-v2.typ"),
        "#set document(title: \"t\")\nBrief version two\n",
    )
    .unwrap();
    std::os::unix::fs::symlink(
        templates.join("v2/brief-v2.typ"),
        templates.join("brief.typ"),
    )
    .unwrap();
    let linked_folder = dir.path().join("company-templates");
    std::os::unix::fs::symlink(&templates, &linked_folder).unwrap();
    let out = dir.path().join("ok.pdf");
    assert_ok(&promocase(&[
        "build",
        path_str(&complete_case()),
        "-o",
        path_str(&out),
        "--template",
        "brief",
        "--template-dir",
        path_str(&linked_folder),
    ]));
    assert!(pdf_text(&out).contains("Brief version two"));
}

/// Writes the complete case into `dir` with `logo: VALUE` and builds it.
/// Returns the build's messages and the line of `logo:` in the case.
fn build_with_logo(dir: &Path, value: &str) -> (std::process::Output, usize) {
    let case = dir.join("case.yaml");
    let text = std::fs::read_to_string(complete_case())
        .unwrap()
        .replace("  accent_color: \"#7A2E39\"", &format!("  logo: {value}"));
    std::fs::write(&case, &text).unwrap();
    let output = promocase(&[
        "build",
        path_str(&case),
        "-o",
        path_str(&dir.join("out.pdf")),
    ]);
    (output, line_of(&text, "  logo: "))
}

const SVG: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20" fill="#7A2E39"/></svg>"##;

/// A refused logo: exit 2, the message, and a location on the case's `logo:` line.
fn assert_logo_refused(output: &std::process::Output, line: usize, expected: &str) {
    let messages = assert_refused(output);
    assert!(messages.contains("error[bad-logo]"), "{messages}");
    assert!(messages.contains(expected), "{messages}");
    assert!(
        messages.contains(&format!("case.yaml:{line}:")),
        "points at line {line} of the case: {messages}"
    );
    assert!(messages.contains("nothing was written"), "{messages}");
}

#[test]
fn a_logo_outside_the_case_folder_is_refused_where_it_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("logo.svg"), SVG).unwrap();
    let absolute = outside.path().join("logo.svg");
    for value in [
        absolute.to_str().unwrap(),
        "/etc/passwd",
        "../logo.svg",
        "assets/../../logo.svg",
        "./../logo.svg",
    ] {
        let (output, line) = build_with_logo(dir.path(), value);
        assert_logo_refused(&output, line, "is not a path inside the case's folder");
        assert!(!dir.path().join("out.pdf").exists(), "{value}");
    }
    let (output, line) = build_with_logo(dir.path(), "missing.png");
    assert_logo_refused(&output, line, "does not exist");
    let (output, line) = build_with_logo(dir.path(), "notes.txt");
    assert_logo_refused(&output, line, "not an image promocase can place");
}

#[cfg(unix)]
#[test]
fn a_logo_linked_out_of_the_case_folder_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("logo.svg"), SVG).unwrap();
    // A link to the file, and a link to the folder holding it.
    std::os::unix::fs::symlink(outside.path().join("logo.svg"), dir.path().join("logo.svg"))
        .unwrap();
    std::os::unix::fs::symlink(outside.path(), dir.path().join("assets")).unwrap();
    for value in ["logo.svg", "assets/logo.svg"] {
        let (output, line) = build_with_logo(dir.path(), value);
        assert_logo_refused(&output, line, "outside the case's folder");
    }
    // A link inside the folder is followed.
    std::fs::create_dir(dir.path().join("brand")).unwrap();
    std::fs::write(dir.path().join("brand/logo.svg"), SVG).unwrap();
    std::os::unix::fs::symlink(
        dir.path().join("brand/logo.svg"),
        dir.path().join("inner.svg"),
    )
    .unwrap();
    let (output, _) = build_with_logo(dir.path(), "inner.svg");
    assert_ok(&output);
}

#[cfg(unix)]
#[test]
fn a_logo_that_is_a_pipe_or_a_folder_is_refused_without_hanging() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("logo.png");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    let (output, line) = build_with_logo(dir.path(), "logo.png");
    assert_logo_refused(&output, line, "not a regular file");
    std::fs::create_dir(dir.path().join("folder.svg")).unwrap();
    let (output, line) = build_with_logo(dir.path(), "folder.svg");
    assert_logo_refused(&output, line, "not a regular file");
}

#[test]
fn a_huge_logo_is_refused_before_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let file = std::fs::File::create(dir.path().join("huge.png")).unwrap();
    // Sparse: 11 MB on paper, nothing on disk.
    file.set_len(11 * 1024 * 1024).unwrap();
    let (output, line) = build_with_logo(dir.path(), "huge.png");
    assert_logo_refused(&output, line, "a logo may be at most 10 MB");
}

#[cfg(unix)]
#[test]
fn a_font_folder_with_link_loops_and_pipes_is_read_once_without_hanging() {
    let dir = tempfile::tempdir().unwrap();
    let fonts = dir.path().join("fonts");
    std::fs::create_dir_all(fonts.join("sub")).unwrap();
    let font = typst_kit::fonts::embedded()
        .next()
        .map(|(font, _)| font.data().to_vec())
        .expect("promocase embeds fonts");
    std::fs::write(fonts.join("sub/company.otf"), font).unwrap();
    // Two links back to the top: searched naively, 2^depth paths.
    std::os::unix::fs::symlink(".", fonts.join("loop-a")).unwrap();
    std::os::unix::fs::symlink(".", fonts.join("loop-b")).unwrap();
    std::os::unix::fs::symlink("..", fonts.join("sub/up")).unwrap();
    let made = std::process::Command::new("mkfifo")
        .arg(fonts.join("pipe.ttf"))
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    let out = dir.path().join("x.pdf");
    assert_ok(&promocase(&[
        "build",
        path_str(&complete_case()),
        "-o",
        path_str(&out),
        "--template",
        "brief",
        "--font-path",
        path_str(&fonts),
    ]));
    assert!(out.is_file());
}

#[test]
fn a_page_too_large_to_rasterise_is_refused_not_aborted() {
    let dir = tempfile::tempdir().unwrap();
    let templates = dir.path().join("templates");
    std::fs::create_dir_all(&templates).unwrap();
    // 3 m square: at 144 dpi, 17,000 pixels a side; the renderer would ask for 1 GB at once.
    std::fs::write(
        templates.join("brief.typ"),
        "#set page(width: 300cm, height: 300cm)\nHuge\n",
    )
    .unwrap();
    let out = dir.path().join("huge.png");
    let output = promocase(&[
        "build",
        path_str(&complete_case()),
        "-o",
        path_str(&out),
        "--format",
        "png",
        "--template",
        "brief",
        "--template-dir",
        path_str(&templates),
    ]);
    let messages = assert_refused(&output);
    assert!(
        messages.contains("page 1 of the brief would be"),
        "{messages}"
    );
    assert!(messages.contains("lower --dpi"), "{messages}");
    assert!(!dir.path().join("huge-1.png").exists());
}

#[test]
fn a_template_named_like_the_typst_project_main_file_is_refused() {
    // `--format typst` writes the document as main.typ; a helper of that name would replace it.
    let dir = tempfile::tempdir().unwrap();
    let templates = dir.path().join("templates");
    std::fs::create_dir_all(&templates).unwrap();
    std::fs::write(templates.join("main.typ"), "#let x = 1\n").unwrap();
    let output = promocase(&[
        "build",
        path_str(&complete_case()),
        "-o",
        path_str(&dir.path().join("project")),
        "--format",
        "typst",
        "--template-dir",
        path_str(&templates),
    ]);
    let messages = assert_refused(&output);
    assert!(messages.contains("`main.typ` is the name"), "{messages}");
    assert!(!dir.path().join("project").exists());
}

#[test]
fn an_svg_logo_cannot_link_files_or_urls() {
    let dir = tempfile::tempdir().unwrap();
    for href in [
        "/etc/passwd",
        "file:///etc/hostname",
        "../outside.png",
        "https://example.com/tracker.png",
    ] {
        std::fs::write(
            dir.path().join("logo.svg"),
            format!(
                r#"<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><image href="{href}" width="40" height="20"/></svg>"#
            ),
        )
        .unwrap();
        let (output, line) = build_with_logo(dir.path(), "logo.svg");
        assert_logo_refused(&output, line, "cannot be placed");
        let messages = stderr(&output);
        assert!(messages.contains(href), "{href}: {messages}");
        assert!(
            messages.contains("self-contained SVG"),
            "{href}: {messages}"
        );
    }
    // Nor can a broken image slip through: its first bytes are not a PNG's.
    std::fs::write(dir.path().join("logo.png"), b"not a png").unwrap();
    let (output, line) = build_with_logo(dir.path(), "logo.png");
    assert_logo_refused(&output, line, "is not a PNG image");
    // And `check` says so before any build.
    let check = promocase(&["check", path_str(&dir.path().join("case.yaml"))]);
    assert_eq!(check.status.code(), Some(1), "{}", stderr(&check));
    assert!(
        stderr(&check).contains("error[logo-unusable]")
            || stdout(&check).contains("error[logo-unusable]"),
        "{}",
        stdout(&check)
    );
}
