//! `promocase build` as a user runs it: the real binary on complete case
//! files, checked through the text poppler's `pdftotext` extracts and the
//! page count `pdfinfo` reports.

use std::path::{Path, PathBuf};
use std::process::Output;

use crate::support::{
    assert_ok, command, examples, path_str, pdf_letters, pdf_pages, pdf_text, promocase, root, run,
};

fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures/build").join(name)
}

fn build(case: &Path, output: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["build", path_str(case), "-o", path_str(output)];
    args.extend_from_slice(extra);
    promocase(&args)
}

/// Names a reader must find in every document of the case.
struct Expected {
    name: &'static str,
    target: &'static str,
    kpis: &'static [&'static str],
    successor: &'static str,
}

const COMPLETE: Expected = Expected {
    name: "Jonas Bergmann",
    target: "Director of Customer Operations",
    kpis: &[
        "Customer retention rate",
        "Cost to serve per order",
        "First-contact resolution",
    ],
    successor: "Miriam Okafor",
};

#[test]
fn every_template_carries_the_case_essentials() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("jonas.pdf");
    assert_ok(&build(
        &fixture("complete.yaml"),
        &out,
        &["--template", "all"],
    ));
    let proposal = pdf_text(&out);
    let brief = pdf_text(&dir.path().join("jonas-brief.pdf"));
    let talking = pdf_text(&dir.path().join("jonas-talking-points.pdf"));
    for (document, text) in [
        ("proposal", &proposal),
        ("brief", &brief),
        ("talking points", &talking),
    ] {
        assert!(text.contains(COMPLETE.name), "{document} lacks the name");
        assert!(
            text.contains(COMPLETE.target),
            "{document} lacks the target role"
        );
        assert!(
            text.contains(COMPLETE.successor),
            "{document} lacks the successor"
        );
    }
    for kpi in COMPLETE.kpis {
        assert!(proposal.contains(kpi), "proposal lacks KPI {kpi}");
        assert!(brief.contains(kpi), "brief lacks KPI {kpi}");
    }
    assert_eq!(pdf_pages(&dir.path().join("jonas-brief.pdf")), 1);
    // The proposal's sections and computed results.
    for expected in [
        "Executive summary",
        "Succession plan",
        "Met",
        "Missed",
        "−60%",
        "€5.6M",
    ] {
        assert!(proposal.contains(expected), "proposal lacks {expected:?}");
    }
    assert!(talking.contains("What do you see? Where would you point me?"));
}

#[test]
fn default_outputs_are_named_after_the_case() {
    let dir = tempfile::tempdir().unwrap();
    let case = dir.path().join("ana.yaml");
    std::fs::copy(fixture("complete.yaml"), &case).unwrap();
    assert_ok(&promocase(&["build", path_str(&case), "--template", "all"]));
    for name in ["ana.pdf", "ana-brief.pdf", "ana-talking-points.pdf"] {
        assert!(dir.path().join(name).is_file(), "{name} was not written");
    }
}

#[test]
fn two_builds_are_byte_identical() {
    let dir = tempfile::tempdir().unwrap();
    let (first, second) = (dir.path().join("a.pdf"), dir.path().join("b.pdf"));
    assert_ok(&build(&fixture("complete.yaml"), &first, &[]));
    assert_ok(&build(&fixture("complete.yaml"), &second, &[]));
    assert_eq!(
        std::fs::read(&first).unwrap(),
        std::fs::read(&second).unwrap()
    );
}

#[test]
fn pdf_dates_come_from_the_case_or_source_date_epoch() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("x.pdf");
    assert_ok(&build(&fixture("complete.yaml"), &out, &[]));
    let bytes = std::fs::read(&out).unwrap();
    assert!(
        contains(&bytes, b"D:20260630000000"),
        "creation date is the case's as_of"
    );
    let status = run(command(&[
        "build",
        path_str(&fixture("complete.yaml")),
        "-o",
        path_str(&out),
    ])
    .env("SOURCE_DATE_EPOCH", "1700000000"));
    assert_ok(&status);
    assert!(contains(&std::fs::read(&out).unwrap(), b"D:20231114221320"));
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn typst_code_in_the_case_prints_literally() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("hostile.pdf");
    assert_ok(&build(
        &fixture("hostile.yaml"),
        &out,
        &["--template", "all"],
    ));
    for pdf in [
        "hostile.pdf",
        "hostile-brief.pdf",
        "hostile-talking-points.pdf",
    ] {
        let text = pdf_text(&dir.path().join(pdf));
        assert!(
            text.contains("Zoë #sys.exit() $O'Brien$"),
            "{pdf}: name not literal"
        );
        assert!(
            text.contains(r#"Director of *Ops* #read("/etc/passwd")"#),
            "{pdf}: target not literal"
        );
        assert!(
            text.contains(r#"Successor #read("/etc/passwd")"#),
            "{pdf}: successor not literal"
        );
        assert!(!text.contains("root:"), "{pdf}: a file was read");
    }
    let proposal = pdf_text(&out);
    for literal in [
        r#"KPI #read("/etc/passwd") $x$"#,
        r"KPI *b* _i_ <l> @r \",
        r#"#import "/data.json": *"#,
        "$x^2$",
        "back\\slash",
        "#set page(width: 1cm)",
        "= Heading",
        "`raw`",
        "// comment",
        r#"#{panic("x")}"#,
        "[brackets]",
        "~ tilde",
    ] {
        assert!(
            proposal.contains(literal),
            "proposal lacks literal {literal:?}"
        );
    }
    assert_eq!(pdf_pages(&dir.path().join("hostile-brief.pdf")), 1);
}

#[test]
fn a_long_case_still_gives_a_one_page_brief() {
    let dir = tempfile::tempdir().unwrap();
    let case = dir.path().join("long.yaml");
    let mut text = std::fs::read_to_string(fixture("complete.yaml")).unwrap();
    let long = "The merged organisation needs one owner for service levels across every region. "
        .repeat(25);
    text = text.replace(
        "why_now: The service desks of three acquired companies are merging into one organisation in 2027.",
        &format!("why_now: {long}"),
    );
    std::fs::write(&case, text).unwrap();
    let out = dir.path().join("long-brief.pdf");
    assert_ok(&build(&case, &out, &["--template", "brief"]));
    assert_eq!(pdf_pages(&out), 1);
}

#[test]
fn draft_marks_every_page() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("draft.pdf");
    assert_ok(&build(&fixture("complete.yaml"), &out, &["--draft"]));
    let pages = pdf_pages(&out);
    assert!(pages > 2);
    for page in 1..=pages {
        // The mark is set at an angle; poppler extracts it letter by letter.
        let letters = pdf_letters(&out, Some(page));
        assert!(letters.contains("DRAFT"), "page {page} has no DRAFT mark");
    }
    let clean = dir.path().join("clean.pdf");
    assert_ok(&build(&fixture("complete.yaml"), &clean, &[]));
    assert!(!pdf_letters(&clean, None).contains("DRAFT"));
}

#[test]
fn the_check_report_fills_the_readiness_appendix() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("with-report.pdf");
    let case = fixture("complete.yaml");
    assert_ok(&build(&case, &out, &[]));
    let check = promocase(&["check", path_str(&case), "--format", "json"]);
    let report: serde_json::Value = serde_json::from_slice(&check.stdout).unwrap();
    let score = report["readiness"]["score"].as_u64().unwrap();
    let text = pdf_text(&out);
    assert!(text.contains("Appendix A Readiness matrix"), "{text}");
    assert!(
        text.contains(&format!("{score} / 100")),
        "score {score} missing:\n{text}"
    );
    for dimension in report["readiness"]["dimensions"].as_array().unwrap() {
        let name = dimension["name"].as_str().unwrap();
        let words: String = name.split_whitespace().collect();
        assert!(
            text.split_whitespace().collect::<String>().contains(&words),
            "{name}"
        );
    }
}

#[test]
fn check_errors_refuse_the_build_unless_draft() {
    let dir = tempfile::tempdir().unwrap();
    let case = dir.path().join("thin.yaml");
    let mut value: serde_yaml::Value =
        serde_yaml::from_str(&std::fs::read_to_string(fixture("complete.yaml")).unwrap()).unwrap();
    // Without a succession plan the case has an error a director case must not have.
    assert!(
        value
            .as_mapping_mut()
            .unwrap()
            .remove("succession")
            .is_some()
    );
    let thin = serde_yaml::to_string(&value).unwrap();
    std::fs::write(&case, &thin).unwrap();
    let out = dir.path().join("thin.pdf");
    let refused = build(&case, &out, &[]);
    assert_eq!(
        refused.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&refused.stderr)
    );
    let messages = String::from_utf8_lossy(&refused.stderr);
    assert!(messages.contains("succession-missing"), "{messages}");
    assert!(!out.exists(), "nothing is written when check finds errors");
    assert_ok(&build(&case, &out, &["--draft"]));
    assert!(
        pdf_letters(&out, None).contains("DRAFT"),
        "the draft is watermarked"
    );
}

#[test]
fn png_svg_and_typst_formats() {
    let dir = tempfile::tempdir().unwrap();
    let png = dir.path().join("brief.png");
    assert_ok(&build(
        &fixture("complete.yaml"),
        &png,
        &["--template", "brief", "--format", "png", "--dpi", "36"],
    ));
    let bytes = std::fs::read(dir.path().join("brief-1.png")).unwrap();
    assert!(bytes.starts_with(b"\x89PNG"));
    assert!(!dir.path().join("brief-2.png").exists());

    let svg = dir.path().join("proposal.svg");
    assert_ok(&build(
        &fixture("complete.yaml"),
        &svg,
        &["--format", "svg"],
    ));
    let first = std::fs::read_to_string(dir.path().join("proposal-1.svg")).unwrap();
    assert!(first.contains("<svg"));
    assert!(dir.path().join("proposal-2.svg").exists());

    let project = dir.path().join("project");
    assert_ok(&build(
        &fixture("complete.yaml"),
        &project,
        &["--format", "typst"],
    ));
    let main = std::fs::read_to_string(project.join("main.typ")).unwrap();
    assert!(main.contains(r#"json("/data.json")"#));
    assert!(project.join("common.typ").is_file());
    let data: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(project.join("data.json")).unwrap()).unwrap();
    assert_eq!(data["candidate"]["name"], "Jonas Bergmann");
    // Enum values reach templates as {id, label}: templates test the id.
    assert_eq!(
        data["kpis"][1]["status"],
        serde_json::json!({"id": "missed", "label": "Missed"}),
        "lower-is-better KPI above target is missed"
    );
}

#[test]
fn the_output_can_never_be_the_case_file() {
    let dir = tempfile::tempdir().unwrap();
    let case = dir.path().join("case.yaml");
    std::fs::copy(fixture("complete.yaml"), &case).unwrap();
    let before = std::fs::read(&case).unwrap();
    let output = build(&case, &case, &[]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("refusing to write over it"));
    assert_eq!(std::fs::read(&case).unwrap(), before);
}

#[test]
fn a_broken_template_is_located_and_leaves_the_earlier_pdf_intact() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("x.pdf");
    assert_ok(&build(&fixture("complete.yaml"), &out, &[]));
    let before = std::fs::read(&out).unwrap();

    let templates = dir.path().join("templates");
    std::fs::create_dir(&templates).unwrap();
    std::fs::write(
        templates.join("proposal.typ"),
        "#let data = json(\"/data.json\")\n= #data.candidate.name\n#undefined-function(1)\n",
    )
    .unwrap();
    let output = build(
        &fixture("complete.yaml"),
        &out,
        &["--template-dir", path_str(&templates)],
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("proposal.typ:3:2"), "{stderr}");
    assert!(
        stderr.contains("unknown variable: undefined-function"),
        "{stderr}"
    );
    assert!(stderr.contains("nothing was written"), "{stderr}");
    assert_eq!(
        std::fs::read(&out).unwrap(),
        before,
        "the earlier PDF is untouched"
    );
}

#[test]
fn templates_cannot_read_files_or_fetch_packages() {
    let dir = tempfile::tempdir().unwrap();
    let templates = dir.path().join("templates");
    std::fs::create_dir(&templates).unwrap();
    for (source, expected) in [
        ("#read(\"/etc/passwd\")", "not available to templates"),
        (
            "#read(\"../../../../etc/passwd\")",
            "escape the project root",
        ),
        ("#import \"@preview/cetz:0.3.0\": *", "self-contained"),
    ] {
        std::fs::write(templates.join("brief.typ"), source).unwrap();
        let output = build(
            &fixture("complete.yaml"),
            &dir.path().join("x.pdf"),
            &[
                "--template",
                "brief",
                "--template-dir",
                path_str(&templates),
            ],
        );
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{source}: {stderr}");
        assert!(stderr.contains(expected), "{source}: {stderr}");
    }
}

#[test]
fn a_company_can_restyle_common_typ_alone() {
    let dir = tempfile::tempdir().unwrap();
    let templates = dir.path().join("templates");
    std::fs::create_dir(&templates).unwrap();
    let common = promocase::render::templates::BUILTIN
        .iter()
        .find(|(name, _)| *name == "common.typ")
        .map(|(_, text)| {
            text.replace(
                "t(\"document.confidential\", company: data.candidate.company, date: data.meta.as_of_text)",
                "[Strictly internal · #data.candidate.company]",
            )
        })
        .unwrap();
    std::fs::write(templates.join("common.typ"), common).unwrap();
    let out = dir.path().join("x.pdf");
    assert_ok(&build(
        &fixture("complete.yaml"),
        &out,
        &["--template-dir", path_str(&templates)],
    ));
    assert!(pdf_text(&out).contains("Strictly internal"));
    // Writing the typst project into the template folder would overwrite the company's file.
    let output = build(
        &fixture("complete.yaml"),
        &templates,
        &["--format", "typst", "--template-dir", path_str(&templates)],
    );
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn a_logo_must_stay_inside_the_case_folder() {
    let dir = tempfile::tempdir().unwrap();
    let case = dir.path().join("case.yaml");
    let text = std::fs::read_to_string(fixture("complete.yaml")).unwrap();
    std::fs::write(
        &case,
        text.replace("  accent_color: \"#7A2E39\"", "  logo: ../outside.png"),
    )
    .unwrap();
    let output = build(&case, &dir.path().join("x.pdf"), &[]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("case.yaml:"),
        "the message points into the case: {stderr}"
    );
    assert!(
        stderr.contains("not a path inside the case's folder"),
        "{stderr}"
    );

    // A logo beside the case is placed, with alt text that PDF/UA requires.
    std::fs::write(
        dir.path().join("logo.svg"),
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20" fill="#7A2E39"/></svg>"##,
    )
    .unwrap();
    std::fs::write(
        &case,
        text.replace("  accent_color: \"#7A2E39\"", "  logo: logo.svg"),
    )
    .unwrap();
    let out = dir.path().join("with-logo.pdf");
    assert_ok(&build(&case, &out, &["--pdf-standard", "ua-1"]));
    assert!(contains(
        &std::fs::read(&out).unwrap(),
        b"Logo of Nordwind Logistik AG"
    ));

    // Nor can the output be the logo.
    let output = build(&case, &dir.path().join("logo.svg"), &[]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        std::fs::read_to_string(dir.path().join("logo.svg"))
            .unwrap()
            .starts_with("<svg")
    );

    // A link that leads out of the case's folder is refused like `..`.
    #[cfg(unix)]
    {
        let elsewhere = tempfile::tempdir().unwrap();
        let secret = elsewhere.path().join("secret.svg");
        std::fs::copy(dir.path().join("logo.svg"), &secret).unwrap();
        std::fs::remove_file(dir.path().join("logo.svg")).unwrap();
        std::os::unix::fs::symlink(&secret, dir.path().join("logo.svg")).unwrap();
        let output = build(&case, &dir.path().join("linked.pdf"), &[]);
        assert_eq!(output.status.code(), Some(2));
        assert!(String::from_utf8_lossy(&output.stderr).contains("outside the case's folder"));
    }
}

#[test]
fn a_case_that_does_not_load_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let case = dir.path().join("bad.yaml");
    std::fs::write(&case, "candidate: [\n").unwrap();
    let out = dir.path().join("bad.pdf");
    let output = build(&case, &out, &[]);
    assert_eq!(output.status.code(), Some(2));
    assert!(!out.exists());
}

#[test]
fn pdf_standards_are_checked() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("a.pdf");
    assert_ok(&build(
        &fixture("complete.yaml"),
        &out,
        &["--template", "brief", "--pdf-standard", "a-2b"],
    ));
    assert!(contains(&std::fs::read(&out).unwrap(), b"pdfaid:part"));
    // PDF/UA-1 holds the templates to accessibility rules (a title, alt text on images).
    for template in ["proposal", "brief", "talking-points"] {
        assert_ok(&build(
            &fixture("complete.yaml"),
            &out,
            &["--template", template, "--pdf-standard", "ua-1"],
        ));
    }
    let output = build(&fixture("complete.yaml"), &out, &["--pdf-standard", "a-9z"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("unknown PDF standard"));
}

/// Every example in examples/ builds with every template, when the examples are present.
#[test]
fn every_example_builds_with_every_template() {
    let dir = tempfile::tempdir().unwrap();
    for path in examples() {
        let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
        let out = dir.path().join(format!("{stem}.pdf"));
        let output = build(&path, &out, &["--template", "all"]);
        if stem.contains("thin") {
            // Check finds errors in the thin case: no document without --draft.
            assert_eq!(
                output.status.code(),
                Some(1),
                "{}",
                String::from_utf8_lossy(&output.stderr)
            );
            assert!(String::from_utf8_lossy(&output.stderr).contains("--draft"));
            assert!(!out.exists());
            assert_ok(&build(&path, &out, &["--template", "all", "--draft"]));
        } else {
            assert_ok(&output);
        }
        let case: serde_yaml::Value =
            serde_yaml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let proposal = pdf_text(&out);
        let name = case["candidate"]["name"].as_str().unwrap();
        let target = case["candidate"]["target_title"].as_str().unwrap();
        assert!(proposal.contains(name), "{stem}: name");
        assert!(proposal.contains(target), "{stem}: target role");
        for kpi in case["kpis"].as_sequence().into_iter().flatten() {
            let kpi = kpi["name"].as_str().unwrap();
            assert!(proposal.contains(kpi), "{stem}: KPI {kpi}");
        }
        for successor in case["succession"]["successors"]
            .as_sequence()
            .into_iter()
            .flatten()
        {
            let successor = successor["name"].as_str().unwrap();
            assert!(
                proposal.contains(successor),
                "{stem}: successor {successor}"
            );
        }
        assert_eq!(
            pdf_pages(&dir.path().join(format!("{stem}-brief.pdf"))),
            1,
            "{stem}: brief"
        );
    }
}

#[test]
fn init_copies_the_built_in_templates_out_without_overwriting() {
    let dir = tempfile::tempdir().unwrap();
    let templates = dir.path().join("company-templates");
    assert_ok(&promocase(&["init", "--templates", path_str(&templates)]));
    for name in [
        "common.typ",
        "proposal.typ",
        "brief.typ",
        "talking-points.typ",
    ] {
        assert!(templates.join(name).is_file(), "{name} was not written");
    }
    std::fs::write(templates.join("brief.typ"), "// edited").unwrap();
    let again = promocase(&["init", "--templates", path_str(&templates)]);
    assert_eq!(again.status.code(), Some(2));
    assert_eq!(
        std::fs::read_to_string(templates.join("brief.typ")).unwrap(),
        "// edited"
    );
    // The copies build the same document as the built-in templates.
    std::fs::remove_file(templates.join("brief.typ")).unwrap();
    let (ours, theirs) = (dir.path().join("a.pdf"), dir.path().join("b.pdf"));
    assert_ok(&build(&fixture("complete.yaml"), &ours, &[]));
    assert_ok(&build(
        &fixture("complete.yaml"),
        &theirs,
        &["--template-dir", path_str(&templates)],
    ));
    assert_eq!(
        std::fs::read(&ours).unwrap(),
        std::fs::read(&theirs).unwrap()
    );
}

#[test]
fn a_font_folder_without_fonts_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let fonts = dir.path().join("fonts");
    std::fs::create_dir(&fonts).unwrap();
    std::fs::write(fonts.join("readme.txt"), "no fonts here").unwrap();
    let out = dir.path().join("x.pdf");
    let output = build(
        &fixture("complete.yaml"),
        &out,
        &["--font-path", path_str(&fonts)],
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("holds no font files"));
    assert!(!out.exists());
}

#[test]
fn an_output_folder_receives_the_documents_under_the_case_name() {
    let dir = tempfile::tempdir().unwrap();
    let case = fixture("complete.yaml");
    let expected = [
        "complete.pdf",
        "complete-brief.pdf",
        "complete-talking-points.pdf",
    ];

    // A folder that exists, named without a trailing slash.
    let existing = dir.path().join("existing");
    std::fs::create_dir(&existing).unwrap();
    assert_ok(&build(&case, &existing, &["--template", "all"]));
    for name in expected {
        assert!(pdf_pages(&existing.join(name)) >= 1, "{name}");
    }

    // A folder that does not exist yet, named with a trailing slash: made.
    let new = format!("{}/", dir.path().join("new").display());
    assert_ok(&build(&case, Path::new(&new), &["--template", "all"]));
    let mut written: Vec<String> = std::fs::read_dir(dir.path().join("new"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    let mut wanted: Vec<String> = expected.iter().map(|s| s.to_string()).collect();
    wanted.sort();
    assert_eq!(written, wanted);
}
