//! Text in every script: a case in accented Latin, Cyrillic, Greek, Arabic,
//! Hebrew, Chinese, Japanese, Korean and emoji builds without a crash and
//! prints, Chinese, Japanese, Korean and emoji through the fonts promocase
//! carries (fonts/README.md); what no font can draw (Thai, Tamil) is
//! named, where it is in the case, with the way to add a font, instead of
//! turning into boxes silently. Text only the monospaced font has (Arabic)
//! is named the same way.

use crate::support::{
    assert_ok, hardening_fixture, line_of, path_str, pdf_text, promocase, stderr,
};

/// pdftotext wraps right-to-left runs in direction marks; they are not text.
fn without_direction_marks(text: &str) -> String {
    text.chars()
        .filter(|c| !matches!(u32::from(*c), 0x200E | 0x200F | 0x202A..=0x202E))
        .collect()
}

/// The three documents of `case`, the proposal at `out`; the build succeeded.
fn build_all(case: &std::path::Path, out: &std::path::Path) -> std::process::Output {
    let output = promocase(&[
        "build",
        path_str(case),
        "-o",
        path_str(out),
        "--template",
        "all",
    ]);
    assert_ok(&output);
    output
}

#[test]
fn every_script_builds_and_what_the_fonts_have_prints() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("scripts.pdf");
    let case = hardening_fixture("scripts.yaml");
    build_all(&case, &out);
    let proposal = without_direction_marks(&pdf_text(&out));
    for expected in [
        "Zoë Łukasiewicz-Ñúñez",
        "Руководитель службы поддержки",
        "Διευθύντρια Εξυπηρέτησης Πελατών",
        "יעל כהן",
        "سارة",
        "将平均解决时间从 30 小时缩短到 12 小时",
        "岡田 美里",
        "🚀📈",
    ] {
        assert!(
            proposal.contains(expected),
            "proposal lacks {expected}:\n{proposal}"
        );
    }
    for other in ["scripts-brief.pdf", "scripts-talking-points.pdf"] {
        let text = without_direction_marks(&pdf_text(&dir.path().join(other)));
        assert!(text.contains("Zoë Łukasiewicz-Ñúñez"), "{other}");
        assert!(text.contains("Διευθύντρια Εξυπηρέτησης Πελατών"), "{other}");
    }
}

#[test]
fn characters_no_font_has_are_named_where_they_are() {
    let dir = tempfile::tempdir().unwrap();
    // The fixture's Chinese, Japanese and emoji print now; Thai and Tamil
    // in their place are what no embedded font has.
    let text = std::fs::read_to_string(hardening_fixture("scripts.yaml"))
        .unwrap()
        .replace(
            "将平均解决时间从30小时缩短到12小时",
            "ลดเวลาแก้ไขเฉลี่ยจาก 30 เป็น 12 ชั่วโมง",
        )
        .replace("岡田 美里", "கார்த்திக் ராஜா");
    let case = dir.path().join("scripts.yaml");
    std::fs::write(&case, &text).unwrap();
    let output = promocase(&[
        "build",
        path_str(&case),
        "-o",
        path_str(&dir.path().join("x.pdf")),
    ]);
    assert_ok(&output);
    let messages = stderr(&output);
    // Two fields lack glyphs: the Thai title, the Tamil name.
    assert_eq!(
        messages.matches("warning[missing-glyphs]").count(),
        2,
        "{messages}"
    );
    for (needle, named) in [
        ("ลดเวลาแก้ไขเฉลี่ย", "ล (U+0E25)"),
        ("கார்த்திக் ராஜா", "க (U+0B95)"),
    ] {
        let line = line_of(&text, needle);
        assert!(
            messages.contains(&format!("scripts.yaml:{line}:")),
            "no warning at line {line}: {messages}"
        );
        assert!(messages.contains(named), "{named}: {messages}");
    }
    assert!(messages.contains("Thai"), "{messages}");
    assert!(
        messages.contains("would print as empty boxes"),
        "{messages}"
    );
    assert!(messages.contains("--font-path FOLDER"), "{messages}");
    assert!(messages.contains("Noto Sans Thai"), "{messages}");
    // Arabic prints, but only DejaVu Sans Mono has it: a warning of its own,
    // with the proportional font to add.
    let arabic = line_of(&text, "سارة");
    assert_eq!(
        messages.matches("warning[monospace-glyphs]").count(),
        1,
        "{messages}"
    );
    assert!(
        messages.contains(&format!("scripts.yaml:{arabic}:"))
            && messages.contains("would print in a typewriter face")
            && messages.contains("Noto Sans Arabic"),
        "{messages}"
    );
    // The scripts the serif fonts cover raise nothing.
    for covered in ["Руководитель", "Διευθύντρια", "יעל כהן", "Łukasiewicz"]
    {
        let line = line_of(&text, covered);
        assert!(
            !messages.contains(&format!("scripts.yaml:{line}:")),
            "line {line} ({covered}) is covered: {messages}"
        );
    }
}

#[test]
fn a_case_written_wholly_in_one_missing_script_gets_a_summary() {
    let dir = tempfile::tempdir().unwrap();
    let case = dir.path().join("case.yaml");
    let mut text = String::from(
        "candidate:\n  name: สมชาย\n  current_title: ผู้จัดการ\n  target_title: ผู้อำนวยการ\n  \
         target_level: director\n  track: sales\n  company: บริษัท\nask:\n  target_date: 2027-03\n\
         achievements:\n",
    );
    for index in 0..12 {
        text.push_str(&format!("  - title: ผลงาน{index}\n"));
    }
    std::fs::write(&case, &text).unwrap();
    let output = promocase(&[
        "build",
        path_str(&case),
        "-o",
        path_str(&dir.path().join("x.pdf")),
        "--draft",
    ]);
    assert_ok(&output);
    let messages = stderr(&output);
    // Eight located warnings, then one line for the other eight fields.
    assert_eq!(
        messages.matches("warning[missing-glyphs]").count(),
        9,
        "{messages}"
    );
    assert!(
        messages.contains("8 more fields of the case hold characters no font has"),
        "{messages}"
    );
}

#[test]
fn chinese_japanese_korean_and_emoji_names_print_on_a_machine_with_no_fonts() {
    let dir = tempfile::tempdir().unwrap();
    let text =
        std::fs::read_to_string(crate::support::root().join("examples/marketing-director.yaml"))
            .unwrap()
            .replacen("name: Priya Raman", "name: 김민준", 1);
    let sponsor = text.find("sponsors:").expect("the example has sponsors");
    let name_at = sponsor + text[sponsor..].find("- name: ").expect("a sponsor") + "- name: ".len();
    let end = name_at + text[name_at..].find('\n').expect("a line");
    let text = format!("{}王小明 🚀{}", &text[..name_at], &text[end..]);
    let case = dir.path().join("case.yaml");
    std::fs::write(&case, &text).unwrap();
    let out = dir.path().join("case.pdf");
    let output = build_all(&case, &out);
    assert!(
        !stderr(&output).contains("missing-glyphs"),
        "{}",
        stderr(&output)
    );
    let proposal = pdf_text(&out);
    for name in ["김민준", "王小明", "🚀"] {
        assert!(proposal.contains(name), "{name} is not in the proposal");
    }
    assert!(pdf_text(&dir.path().join("case-brief.pdf")).contains("김민준"));
}
