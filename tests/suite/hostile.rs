//! Hostile and odd input: every file gets a clear located error or a correct
//! result, quickly and without a crash. The inputs are generated here rather
//! than committed, since some are many megabytes.

use std::path::Path;

use crate::support::{promocase_in, stderr};

/// A small valid case to vary.
const VALID: &str = "candidate:
  name: Ana Ruiz
  current_title: Marketing Manager
  target_title: Director of Marketing
  target_level: director
  track: marketing
  company: Acme
ask:
  target_date: 2027-03
";

/// The case loaded: `check` may report findings (exit 1) but no input error (exit 2).
fn assert_loaded(code: Option<i32>, messages: &str) {
    assert!(matches!(code, Some(0 | 1)), "exit {code:?}: {messages}");
    assert!(
        !messages.contains("kept the case from loading"),
        "{messages}"
    );
}

fn check(dir: &Path, name: &str, bytes: &[u8]) -> (Option<i32>, String) {
    std::fs::write(dir.join(name), bytes).unwrap();
    let output = promocase_in(dir, &["check", name]);
    (output.status.code(), stderr(&output))
}

#[test]
fn alias_bomb_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (previous, name) in ('a'..='i').zip('b'..='j') {
        let refs = vec![format!("*{previous}"); 9].join(", ");
        text.push_str(&format!("{name}: &{name} [{refs}]\n"));
    }
    let (code, messages) = check(dir.path(), "bomb.yaml", text.as_bytes());
    assert_eq!(code, Some(2));
    assert!(messages.contains("aliases"), "{messages}");
}

#[test]
fn deep_nesting_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!("candidate: {}{}\n", "[".repeat(50_000), "]".repeat(50_000));
    let (code, messages) = check(dir.path(), "deep.yaml", text.as_bytes());
    assert_eq!(code, Some(2));
    assert!(messages.contains("nests sections deeper"), "{messages}");
}

#[test]
fn oversized_file_is_refused_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!("{VALID}  why_now: {}\n", "x".repeat(20 * 1024 * 1024));
    let (code, messages) = check(dir.path(), "big.yaml", text.as_bytes());
    assert_eq!(code, Some(2));
    assert!(
        messages.contains("big.yaml` is 20.0 MB; a case file may be at most 4 MB"),
        "{messages}"
    );
}

#[test]
fn huge_lists_and_strings_get_their_own_errors() {
    let dir = tempfile::tempdir().unwrap();
    let items: String = (0..100_000).map(|i| format!("    - step {i}\n")).collect();
    let text = format!("{VALID}  support_requested:\n{items}");
    let (code, messages) = check(dir.path(), "many.yaml", text.as_bytes());
    assert_eq!(code, Some(2));
    assert!(messages.contains("many.yaml:10:3"), "{messages}");
    assert!(
        messages.contains("a list may hold at most 10000"),
        "{messages}"
    );

    let text = format!("{VALID}  why_now: {}\n", "y".repeat(100_000));
    let (code, messages) = check(dir.path(), "long.yaml", text.as_bytes());
    assert_eq!(code, Some(2));
    assert!(messages.contains("long.yaml:10:12"), "{messages}");
    assert!(messages.contains("100000 characters long"), "{messages}");
}

#[test]
fn control_characters_are_located() {
    let dir = tempfile::tempdir().unwrap();
    let text = VALID.replace("Ana Ruiz", "Ana\u{0}Ruiz");
    let (code, messages) = check(dir.path(), "nul.yaml", text.as_bytes());
    assert_eq!(code, Some(2));
    assert!(messages.contains("nul.yaml:2:12"), "{messages}");
    assert!(
        messages.contains("invisible control character"),
        "{messages}"
    );
}

#[test]
fn byte_order_mark_crlf_and_every_script_load() {
    let dir = tempfile::tempdir().unwrap();
    let text = VALID
        .replace(
            "Ana Ruiz",
            "Zoë Ångström-Ōtsuka 王芳 Σοφία Ольга مريم שרה 🚀",
        )
        .replace('\n', "\r\n");
    let mut bytes = "\u{feff}".as_bytes().to_vec();
    bytes.extend_from_slice(text.as_bytes());
    let (code, messages) = check(dir.path(), "bom.yaml", &bytes);
    assert_loaded(code, &messages);

    // Positions stay right with CRLF line ends and a BOM.
    let broken = text.replace("target_level: director", "target_level: directer");
    let mut bytes = "\u{feff}".as_bytes().to_vec();
    bytes.extend_from_slice(broken.as_bytes());
    let (code, messages) = check(dir.path(), "bom-bad.yaml", &bytes);
    assert_eq!(code, Some(2));
    assert!(messages.contains("bom-bad.yaml:5:17"), "{messages}");
    assert!(messages.contains("did you mean `director`?"), "{messages}");
}

#[test]
fn merge_keys_are_applied() {
    let dir = tempfile::tempdir().unwrap();
    let text = VALID.replace(
        "ask:\n",
        "kpis:\n  - &base {name: Revenue, category: revenue, scope: business-wide, unit: EUR}\n  - <<: *base\n    name: Margin\nask:\n",
    );
    let (code, messages) = check(dir.path(), "merge.yaml", text.as_bytes());
    // Without the merge, the second KPI would lack its required category and scope.
    assert_loaded(code, &messages);
}

#[test]
fn numbers_and_text_in_each_other_s_place() {
    let dir = tempfile::tempdir().unwrap();
    let text = VALID.replace(
        "company: Acme",
        "company: 1984\n  years_in_management: \"7\"",
    );
    let (code, messages) = check(dir.path(), "types.yaml", text.as_bytes());
    assert_eq!(code, Some(2));
    assert!(
        messages.contains("`company` should be text, but it is the number 1984"),
        "{messages}"
    );
    assert!(
        messages.contains("`years_in_management` should be a number, but it is the text \"7\""),
        "{messages}"
    );
}

#[test]
fn old_mac_line_ends_load_and_never_crash() {
    let dir = tempfile::tempdir().unwrap();
    // Found by fuzzing: lone carriage returns once sliced a line out of bounds.
    let (code, messages) = check(dir.path(), "crash.yaml", b"\r?\r");
    assert_eq!(code, Some(2), "{messages}");
    assert!(!messages.contains("panicked"), "{messages}");
    let text = VALID.replace('\n', "\r");
    let (code, messages) = check(dir.path(), "cr.yaml", text.as_bytes());
    assert_loaded(code, &messages);
}

#[test]
fn what_only_the_schema_says_is_still_enforced() {
    let dir = tempfile::tempdir().unwrap();
    // An empty section decodes as "absent", yet is almost always a section left unfinished.
    let text = format!("{VALID}vision:\n");
    let (code, messages) = check(dir.path(), "empty-section.yaml", text.as_bytes());
    assert_eq!(code, Some(2), "{messages}");
    assert!(
        messages.contains("`vision` should be a section of fields, but it is empty"),
        "{messages}"
    );
    // The colour pattern holds whether the file is otherwise valid or not.
    let text = format!("{VALID}branding:\n  accent_color: navy\n");
    let (code, messages) = check(dir.path(), "colour.yaml", text.as_bytes());
    assert_eq!(code, Some(2), "{messages}");
    assert!(
        messages.contains("`accent_color` is not a colour code"),
        "{messages}"
    );
    let text = format!("{VALID}branding:\n  accent_color: \"#1F4E79\"\n");
    let (code, messages) = check(dir.path(), "colour-ok.yaml", text.as_bytes());
    assert_loaded(code, &messages);
}
