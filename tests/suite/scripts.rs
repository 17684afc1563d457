//! Text in every script: a case in accented Latin, Cyrillic, Greek, Arabic,
//! Hebrew, Chinese, Japanese and emoji builds without a crash; what the fonts
//! can draw prints, and what they cannot is named, where it is in the case,
//! with the way to add a font, instead of turning into boxes silently. Text
//! only the monospaced font has (Arabic) is named the same way.

use crate::support::{
    assert_ok, hardening_fixture, line_of, path_str, pdf_text, promocase, stderr,
};

/// pdftotext wraps right-to-left runs in direction marks; they are not text.
fn without_direction_marks(text: &str) -> String {
    text.chars()
        .filter(|c| !matches!(u32::from(*c), 0x200E | 0x200F | 0x202A..=0x202E))
        .collect()
}

#[test]
fn every_script_builds_and_what_the_fonts_have_prints() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("scripts.pdf");
    let case = hardening_fixture("scripts.yaml");
    let output = promocase(&[
        "build",
        path_str(&case),
        "-o",
        path_str(&out),
        "--template",
        "all",
    ]);
    assert_ok(&output);
    let proposal = without_direction_marks(&pdf_text(&out));
    for expected in [
        "Zoë Łukasiewicz-Ñúñez",
        "Руководитель службы поддержки",
        "Διευθύντρια Εξυπηρέτησης Πελατών",
        "יעל כהן",
        "سارة",
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
    let case = hardening_fixture("scripts.yaml");
    let text = std::fs::read_to_string(&case).unwrap();
    let output = promocase(&[
        "build",
        path_str(&case),
        "-o",
        path_str(&dir.path().join("x.pdf")),
    ]);
    assert_ok(&output);
    let messages = stderr(&output);
    // Three fields lack glyphs: the Chinese title, the emoji, the Japanese name.
    assert_eq!(
        messages.matches("warning[missing-glyphs]").count(),
        3,
        "{messages}"
    );
    for (needle, named) in [
        ("将平均解决时间", "将 (U+5C06)"),
        ("🚀📈", "🚀 (U+1F680), 📈 (U+1F4C8) (emoji)"),
        ("岡田 美里", "岡 (U+5CA1)"),
    ] {
        let line = line_of(&text, needle);
        assert!(
            messages.contains(&format!("scripts.yaml:{line}:")),
            "no warning at line {line}: {messages}"
        );
        assert!(messages.contains(named), "{named}: {messages}");
    }
    assert!(
        messages.contains("Chinese, Japanese or Korean"),
        "{messages}"
    );
    assert!(
        messages.contains("would print as empty boxes"),
        "{messages}"
    );
    assert!(messages.contains("--font-path FOLDER"), "{messages}");
    assert!(messages.contains("Noto Sans CJK"), "{messages}");
    assert!(messages.contains("Noto Color Emoji"), "{messages}");
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
        "candidate:\n  name: 王小明\n  current_title: 经理\n  target_title: 总监\n  \
         target_level: director\n  track: sales\n  company: 公司\nask:\n  target_date: 2027-03\n\
         achievements:\n",
    );
    for index in 0..12 {
        text.push_str(&format!("  - title: 成就{index}\n"));
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
