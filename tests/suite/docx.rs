//! Word documents (`build --format docx`), read back as a word processor's
//! library reads them (python-docx, through `tests/support/read_docx.py`) and
//! opened by a real word processor (LibreOffice headless): the structure HR
//! edits (headings, tables, pictures with alt text, header and footer), the
//! same facts as the PDF, every language, hostile text kept literal, and the
//! same bytes twice. `.ci/run` installs python-docx and LibreOffice and sets
//! `PROMOCASE_REQUIRE_OFFICE`, under which a missing tool fails the test;
//! elsewhere the test says it skipped and why.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use promocase::model::language::LANGUAGES;
use serde_json::Value;

use crate::support::{
    assert_ok, assert_refused, examples, path_str, pdf_info, pdf_text, promocase, root,
};

/// Whether python-docx is there to read the files; under CI its absence fails.
fn python_docx() -> bool {
    let available = Command::new("python3")
        .args(["-c", "import docx"])
        .output()
        .is_ok_and(|output| output.status.success());
    tool_or_skip(available, "python-docx (pip install python-docx)")
}

fn libreoffice() -> bool {
    let available = Command::new("soffice")
        .arg("--version")
        .output()
        .is_ok_and(|output| output.status.success());
    tool_or_skip(
        available,
        "LibreOffice (apt-get install libreoffice-writer-nogui)",
    )
}

fn tool_or_skip(available: bool, tool: &str) -> bool {
    if !available {
        assert!(
            std::env::var_os("PROMOCASE_REQUIRE_OFFICE").is_none(),
            "{tool} is missing, and PROMOCASE_REQUIRE_OFFICE says it must be here"
        );
        eprintln!("skipped: {tool} is not installed");
    }
    available
}

/// What `read_docx.py` reads from each file.
fn read(files: &[PathBuf]) -> Vec<Value> {
    let mut command = Command::new("python3");
    command.arg(root().join("tests/support/read_docx.py"));
    command.args(files);
    let output = command.output().expect("python3 runs");
    assert!(
        output.status.success(),
        "python-docx could not read {files:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let read: Value = serde_json::from_slice(&output.stdout).expect("JSON from read_docx.py");
    read.as_array().expect("one object per file").clone()
}

fn build_docx(case: &Path, out: &Path, extra: &[&str]) {
    let mut args = vec![
        "build",
        path_str(case),
        "--format",
        "docx",
        "-o",
        path_str(out),
    ];
    args.extend_from_slice(extra);
    assert_ok(&promocase(&args));
}

fn operations() -> PathBuf {
    root().join("examples/operations-director.yaml")
}

fn texts<'a>(doc: &'a Value, style: &str) -> Vec<&'a str> {
    doc["paragraphs"]
        .as_array()
        .expect("paragraphs")
        .iter()
        .filter(|p| p["style"].as_str() == Some(style))
        .filter_map(|p| p["text"].as_str())
        .collect()
}

#[test]
fn the_proposal_reads_back_with_words_styles_tables_pictures_and_footer() {
    if !python_docx() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    build_docx(&operations(), &dir.path().join("ops.docx"), &[]);
    let doc = &read(&[dir.path().join("ops.docx")])[0];

    // The sections in order, as Heading 1 (numbered by Word), for the navigation pane.
    assert_eq!(
        texts(doc, "Heading 1"),
        [
            "Executive summary",
            "Business results",
            "Achievements by dimension",
            "Cross-functional initiatives",
            "Scope and people",
            "Vision and roadmap",
            "Decisions and change",
            "Risks and compliance",
            "Sponsors and visibility",
            "Succession plan",
            "Appendix A  Readiness matrix",
        ]
    );
    assert_eq!(texts(doc, "Title"), ["Mariana Castillo"]);
    assert!(texts(doc, "Heading 2").contains(&"Why now"));
    assert!(texts(doc, "Heading 3").iter().any(|h| h.starts_with(
        "Consolidated the Savannah centre into Jacksonville and Atlanta with no customer lost"
    )));
    assert_eq!(
        texts(doc, "List Number").len(),
        3,
        "the three asks for support"
    );
    assert!(
        texts(doc, "List Bullet")
            .contains(&"Cost per case in the Mid-Atlantic is 11% above the Southeast")
    );

    // The KPI table: a header and the five KPIs, with the PDF's figures.
    let tables = doc["tables"].as_array().unwrap();
    let kpis = tables
        .iter()
        .find(|t| t["rows"][0][0] == "KPI")
        .expect("a KPI table");
    assert_eq!(kpis["style"], "Promocase Table");
    let rows = kpis["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 6);
    assert_eq!(
        rows[0],
        serde_json::json!(["KPI", "BASELINE", "TARGET", "ACTUAL", "CHANGE", "STATUS"])
    );
    assert!(
        rows[1][0]
            .as_str()
            .unwrap()
            .starts_with("On-time-in-full deliveries (OTIF)")
    );
    assert_eq!(
        rows[1].as_array().unwrap()[1..],
        serde_json::json!(["92.8%", "95.5%", "96.1%", "+3.3 pts", "Met"])
            .as_array()
            .unwrap()[..]
    );
    assert_eq!(rows[3][5], "Missed");
    for header in [
        ["INITIATIVE", "ROLE", "PARTNERS", "OUTCOME"].as_slice(),
        &["RISK", "MITIGATION", "STATUS"],
        &["DIMENSION", "STATUS", "EVIDENCE"],
    ] {
        assert!(
            tables
                .iter()
                .any(|t| t["rows"][0] == serde_json::json!(header)),
            "a table headed {header:?}"
        );
    }

    // The charts, as pictures at their printed size with alt text saying what they show.
    let pictures = doc["pictures"].as_array().unwrap();
    assert!(pictures.len() >= 5, "{pictures:?}");
    assert_eq!(
        pictures[0]["alt"],
        "On-time-in-full deliveries (OTIF): Baseline: 92.8%; Target: 95.5%; Actual: 96.1%"
    );
    for picture in pictures {
        assert!(!picture["alt"].as_str().unwrap().is_empty(), "{picture}");
        // 86 mm wide, as charts.typ draws them.
        assert_eq!(picture["width_emu"], 3_096_000, "{picture}");
    }

    // Header, footer with the page fields, language, A4.
    assert_eq!(
        doc["header"],
        "Promotion proposal · Mariana Castillo\tProposed: Director of Operations, Southeast and Mid-Atlantic"
    );
    assert!(
        doc["footer"]
            .as_str()
            .unwrap()
            .starts_with("Confidential · Harlan & Price Foodservice · 15 October 2026"),
        "{}",
        doc["footer"]
    );
    let footer_xml = doc["footer_xml"].as_str().unwrap();
    assert!(
        footer_xml.contains("w:instr=\" PAGE \"") && footer_xml.contains("w:instr=\" NUMPAGES \"")
    );
    assert_eq!(doc["lang"], "en");
    assert_eq!(doc["language"], "en");
    assert_eq!(
        doc["title"],
        "Promotion proposal: Mariana Castillo, Director of Operations, Southeast and Mid-Atlantic"
    );
    assert_eq!(
        (doc["page_width"].as_i64(), doc["page_height"].as_i64()),
        (Some(7_560_310), Some(10_692_130)),
        "A4"
    );
    assert!(
        !doc["header_xml"]
            .as_str()
            .unwrap()
            .contains("PowerPlusWaterMarkObject")
    );

    // A company's wording reaches Word as it reaches the PDF.
    let labels = dir.path().join("ours.yaml");
    std::fs::write(
        &labels,
        "language: de\nlabels:\n  section.executive-summary: Das Wichtigste in Kürze\n",
    )
    .unwrap();
    let ours = dir.path().join("ours.docx");
    build_docx(
        &operations(),
        &ours,
        &["--lang", "de", "--labels", path_str(&labels)],
    );
    let doc = &read(&[ours])[0];
    assert_eq!(texts(doc, "Heading 1")[0], "Das Wichtigste in Kürze");
    assert_eq!(doc["lang"], "de");
}

#[test]
fn a_draft_carries_words_watermark_and_the_logo_is_a_picture() {
    if !python_docx() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    // The thin example has errors: it builds only as a draft.
    let case = root().join("examples/it-manager-thin.yaml");
    let refused = promocase(&[
        "build",
        path_str(&case),
        "--format",
        "docx",
        "-o",
        path_str(&dir.path().join("x.docx")),
    ]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(!dir.path().join("x.docx").exists());
    build_docx(
        &case,
        &dir.path().join("thin.docx"),
        &["--draft", "--template", "all"],
    );
    for name in ["thin.docx", "thin-brief.docx", "thin-talking-points.docx"] {
        let doc = &read(&[dir.path().join(name)])[0];
        let header = doc["header_xml"].as_str().unwrap();
        assert!(
            header.contains("PowerPlusWaterMarkObject") && header.contains("string=\"DRAFT\""),
            "{name}"
        );
    }

    let with_logo = dir.path().join("logo.yaml");
    let text = std::fs::read_to_string(operations()).unwrap();
    std::fs::write(
        &with_logo,
        text.replace("candidate:", "branding:\n  logo: logo.svg\ncandidate:"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("logo.svg"),
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"><rect width="120" height="40" fill="#1F3A5F"/></svg>"##,
    )
    .unwrap();
    build_docx(
        &with_logo,
        &dir.path().join("logo.docx"),
        &["--template", "brief"],
    );
    let doc = &read(&[dir.path().join("logo.docx")])[0];
    let logo = &doc["pictures"][0];
    assert_eq!(logo["alt"], "Logo of Harlan & Price Foodservice");
}

/// Every number, date and name of the PDF is in the Word document, for the
/// three documents of every example.
#[test]
fn the_word_documents_hold_every_figure_the_pdfs_print() {
    if !python_docx() {
        return;
    }
    for case in examples() {
        let dir = tempfile::tempdir().unwrap();
        let stem = case.file_stem().unwrap().to_str().unwrap().to_string();
        let draft = ["--template", "all", "--draft"];
        assert_ok(&promocase(
            &[
                [
                    "build",
                    path_str(&case),
                    "-o",
                    path_str(&dir.path().join("pdf/")),
                ]
                .as_slice(),
                &draft,
            ]
            .concat(),
        ));
        build_docx(&case, &dir.path().join("docx/"), &draft);
        assert_ok(&promocase(
            &[
                [
                    "build",
                    path_str(&case),
                    "--format",
                    "typst",
                    "-o",
                    path_str(&dir.path().join("typst")),
                ]
                .as_slice(),
                &draft,
            ]
            .concat(),
        ));
        // A chart's scale (its ticks) is part of the picture, not a fact of the case.
        let mut scale = BTreeSet::new();
        for entry in walk(&dir.path().join("typst")) {
            if entry.file_name().is_some_and(|n| n == "data.json") {
                let data: Value = serde_json::from_slice(&std::fs::read(&entry).unwrap()).unwrap();
                collect_ticks(&data, &mut scale);
            }
        }
        for suffix in ["", "-brief", "-talking-points"] {
            let pdf = dir.path().join(format!("pdf/{stem}{suffix}.pdf"));
            let docx = dir.path().join(format!("docx/{stem}{suffix}.docx"));
            let word = read(&[docx])[0]["text"]
                .as_str()
                .unwrap()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            let printed = pdf_text(&pdf);
            let missing: Vec<&str> = facts(&printed)
                .into_iter()
                .filter(|fact| !scale.contains(*fact) && !word.contains(fact))
                .collect();
            assert!(
                missing.is_empty(),
                "{stem}{suffix}: the Word document lacks {missing:?}\nWord text: {word}"
            );
        }
        // Names: the candidate, the audience, sponsors and successors.
        let docx = dir.path().join(format!("docx/{stem}.docx"));
        let word = read(&[docx])[0]["text"].as_str().unwrap().to_string();
        let case_json = crate::support::yaml_as_json(&case);
        let mut names = vec![case_json["candidate"]["name"].as_str().unwrap().to_string()];
        for sponsor in case_json["sponsors"].as_array().into_iter().flatten() {
            names.push(sponsor["name"].as_str().unwrap().to_string());
        }
        for successor in case_json["succession"]["successors"]
            .as_array()
            .into_iter()
            .flatten()
        {
            names.push(successor["name"].as_str().unwrap().to_string());
        }
        for name in names {
            assert!(
                word.contains(&name),
                "{stem}: {name} is missing from the Word proposal"
            );
        }
    }
}

/// The words of a PDF's text that carry a digit (figures, dates, percentages,
/// money), without the section and page numbers Word numbers itself.
fn facts(text: &str) -> Vec<&str> {
    text.split_whitespace()
        .map(|word| {
            word.trim_start_matches(['(', '“', '"', '‘'])
                .trim_end_matches([',', '.', ';', ':', ')', '”', '"', '’'])
        })
        .filter(|word| word.chars().any(|c| c.is_ascii_digit()))
        .filter(|word| !(word.len() <= 2 && word.chars().all(|c| c.is_ascii_digit())))
        // "2/6": pdftotext's reading of the PDF's page footer.
        .filter(|word| {
            !word.split_once('/').is_some_and(|(a, b)| {
                [a, b]
                    .iter()
                    .all(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
            })
        })
        .collect()
}

fn collect_ticks(value: &Value, scale: &mut BTreeSet<String>) {
    match value {
        Value::Object(fields) => {
            for (key, item) in fields {
                if matches!(key.as_str(), "ticks" | "y_ticks" | "x_ticks") {
                    for tick in item.as_array().into_iter().flatten() {
                        for word in facts(tick["label"].as_str().unwrap_or("")) {
                            scale.insert(word.to_string());
                        }
                    }
                } else {
                    collect_ticks(item, scale);
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|item| collect_ticks(item, scale)),
        _ => {}
    }
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files
}

/// Every language builds, tagged with its language; Hebrew runs right to left.
#[test]
fn every_language_builds_a_word_document_in_its_language() {
    if !python_docx() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    for language in LANGUAGES.iter() {
        let out = dir.path().join(format!("{}.docx", language.code));
        build_docx(
            &operations(),
            &out,
            &["--lang", language.code, "--template", "all"],
        );
        files.push(out);
    }
    let read = read(&files);
    for (language, doc) in LANGUAGES.iter().zip(&read) {
        assert_eq!(doc["lang"], language.code, "{}", language.code);
        assert_eq!(doc["bidi_lang"], language.code, "{}", language.code);
        let paragraphs = doc["paragraphs"].as_array().unwrap();
        let right_to_left = paragraphs.iter().filter(|p| p["bidi"] == true).count();
        let tables_rtl = doc["tables"]
            .as_array()
            .unwrap()
            .iter()
            .all(|t| t["bidi"] == true);
        if language.right_to_left {
            assert_eq!(
                right_to_left,
                paragraphs.len(),
                "{}: every paragraph right to left",
                language.code
            );
            assert!(tables_rtl, "{}: tables right to left", language.code);
        } else {
            assert_eq!(right_to_left, 0, "{}", language.code);
        }
        assert_eq!(texts(doc, "Heading 1").len(), 11, "{}", language.code);
    }
    let hebrew = &read[LANGUAGES.iter().position(|l| l.code == "he").unwrap()];
    assert!(texts(hebrew, "Heading 1").contains(&"תקציר מנהלים"));
    assert!(
        hebrew["footer"]
            .as_str()
            .unwrap()
            .contains("15 באוקטובר 2026")
    );
}

#[test]
fn us_letter_for_a_us_case_in_word_and_in_the_pdf() {
    if !python_docx() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    build_docx(
        &operations(),
        &dir.path().join("us.docx"),
        &["--lang", "en-US"],
    );
    let doc = &read(&[dir.path().join("us.docx")])[0];
    assert_eq!(
        (doc["page_width"].as_i64(), doc["page_height"].as_i64()),
        (Some(7_772_400), Some(10_058_400))
    );
    assert_eq!(doc["lang"], "en-US");
    let pdf = dir.path().join("us.pdf");
    assert_ok(&promocase(&[
        "build",
        path_str(&operations()),
        "--lang",
        "en-US",
        "-o",
        path_str(&pdf),
    ]));
    let info = pdf_info(&pdf).unwrap();
    assert!(info.contains("612 x 792 pts (letter)"), "{info}");
}

#[test]
fn hostile_text_comes_out_literal_and_never_as_a_field_or_a_link() {
    if !python_docx() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let case = dir.path().join("hostile.yaml");
    let odd = r#"<w:t>x</w:t> ]]> <![CDATA[ & 🚀 مرحبا 王小明 { PAGE } HYPERLINK "https://example.com" https://example.com"#;
    let text = std::fs::read_to_string(root().join("tests/fixtures/build/hostile.yaml"))
        .unwrap()
        .replace("department: '*b* _i_'", &format!("department: '{odd}'"));
    std::fs::write(&case, text).unwrap();
    build_docx(
        &case,
        &dir.path().join("hostile.docx"),
        &["--template", "all"],
    );
    for name in [
        "hostile.docx",
        "hostile-brief.docx",
        "hostile-talking-points.docx",
    ] {
        let doc = &read(&[dir.path().join(name)])[0];
        let text = doc["text"].as_str().unwrap();
        for literal in [
            r#"Director of *Ops* #read("/etc/passwd")"#,
            "Zoë #sys.exit() $O'Brien$",
        ] {
            assert!(text.contains(literal), "{name}: {literal:?} is not literal");
        }
        assert!(!text.contains("root:"), "{name}: a file was read");
        let xml = doc["document_xml"].as_str().unwrap();
        assert!(
            !xml.contains("<w:hyperlink")
                && !xml.contains("instrText")
                && !xml.contains("fldSimple"),
            "{name}: a field or link in the body"
        );
        assert!(!xml.contains("<w:t>x</w:t>"), "{name}");
    }
    let proposal = &read(&[dir.path().join("hostile.docx")])[0];
    assert!(proposal["text"].as_str().unwrap().contains(odd));
}

#[test]
fn a_control_character_is_refused_at_its_place_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let case = dir.path().join("bell.yaml");
    let text = std::fs::read_to_string(operations()).unwrap().replace(
        "  department: Supply Chain Operations",
        "  department: \"ring \\x07 the bell\"",
    );
    std::fs::write(&case, &text).unwrap();
    let out = dir.path().join("bell.docx");
    let messages = assert_refused(&promocase(&[
        "build",
        path_str(&case),
        "--format",
        "docx",
        "-o",
        path_str(&out),
    ]));
    let line = text.lines().position(|l| l.contains("ring \\x07")).unwrap() + 1;
    assert!(
        messages.contains(&format!("bell.yaml:{line}:15")),
        "{messages}"
    );
    assert!(
        messages.contains("U+0007") && messages.contains("docx-control-character"),
        "{messages}"
    );
    assert!(!out.exists());
}

#[test]
fn the_same_case_gives_the_same_bytes() {
    let dir = tempfile::tempdir().unwrap();
    build_docx(
        &operations(),
        &dir.path().join("a/"),
        &["--template", "all"],
    );
    build_docx(
        &operations(),
        &dir.path().join("b/"),
        &["--template", "all"],
    );
    for name in [
        "operations-director.docx",
        "operations-director-brief.docx",
        "operations-director-talking-points.docx",
    ] {
        let a = std::fs::read(dir.path().join("a").join(name)).unwrap();
        let b = std::fs::read(dir.path().join("b").join(name)).unwrap();
        assert!(a == b, "{name} differs between two builds");
        assert!(a.starts_with(b"PK\x03\x04"), "{name} is a ZIP package");
    }
}

/// LibreOffice opens every document (three examples, English and Hebrew)
/// and turns it into a PDF with pages.
#[test]
fn libreoffice_opens_every_word_document() {
    if !libreoffice() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    for case in examples() {
        build_docx(
            &case,
            &dir.path().join("docx/"),
            &["--template", "all", "--draft"],
        );
    }
    build_docx(
        &operations(),
        &dir.path().join("docx/he.docx"),
        &["--template", "all", "--lang", "he"],
    );
    for entry in std::fs::read_dir(dir.path().join("docx")).unwrap() {
        files.push(entry.unwrap().path());
    }
    files.sort();
    assert_eq!(files.len(), 12);
    let profile = dir.path().join("profile");
    let output = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir.path().join("pdf"))
        .args(&files)
        .output()
        .expect("soffice runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    for file in &files {
        let pdf = dir
            .path()
            .join("pdf")
            .join(file.with_extension("pdf").file_name().unwrap());
        let info = pdf_info(&pdf).unwrap_or_else(|e| panic!("{}: {e}", pdf.display()));
        assert!(info.contains("Pages:"), "{info}");
    }
    let hebrew = pdf_text(&dir.path().join("pdf/he.pdf"));
    assert!(hebrew.contains("מנהלים"), "{hebrew}");

    // README's pictures: the same page of the PDF and of the Word document
    // as LibreOffice prints it, in English and in Hebrew.
    if std::env::var_os("UPDATE_DOCS").is_some() {
        let pdf = dir.path().join("typst.pdf");
        assert_ok(&promocase(&[
            "build",
            path_str(&operations()),
            "-o",
            path_str(&pdf),
        ]));
        for (from, to) in [
            (pdf, "docs/word-pdf.png"),
            (
                dir.path().join("pdf/operations-director.pdf"),
                "docs/word.png",
            ),
            (dir.path().join("pdf/he.pdf"), "docs/word-hebrew.png"),
        ] {
            let target = root().join(to);
            let status = Command::new("pdftoppm")
                .args(["-r", "70", "-png", "-f", "2", "-l", "2", "-singlefile"])
                .arg(&from)
                .arg(target.with_extension(""))
                .status()
                .expect("pdftoppm runs");
            assert!(status.success());
        }
    }
}
