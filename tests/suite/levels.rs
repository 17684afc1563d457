//! Every sentence true at every level (issue 24): findings count what the
//! case has against what the level judged expects, and name that level as
//! the rubric names it, never a fixed one.

use serde_json::Value;

use crate::support::{path_str, promocase, root, stdout};

/// The findings of `case` (with `args`), rule id → message.
fn messages(case: &std::path::Path, args: &[&str]) -> Vec<(String, String)> {
    let mut argv = vec!["check", path_str(case), "--format", "json"];
    argv.extend_from_slice(args);
    let report: Value = serde_json::from_str(&stdout(&promocase(&argv))).expect("JSON report");
    report["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|f| {
            (
                f["rule"].as_str().unwrap_or_default().to_string(),
                f["message"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

fn message_of<'a>(found: &'a [(String, String)], rule: &str) -> &'a str {
    found
        .iter()
        .find(|(id, _)| id == rule)
        .map(|(_, message)| message.as_str())
        .unwrap_or_else(|| panic!("{rule} fires: {found:?}"))
}

#[test]
fn at_vp_one_presentation_of_two_is_counted_not_called_none() {
    let case = root().join("tests/fixtures/levels/vp-one-presentation.yaml");
    let found = messages(&case, &[]);
    let visibility = message_of(&found, "visibility-missing");
    assert!(visibility.contains("1 presentation"), "{visibility}");
    assert!(
        visibility.contains("of the 2 expected at Vice President level"),
        "{visibility}"
    );
    assert!(!visibility.contains("no presentation"), "{visibility}");
    let led = message_of(&found, "cross-functional-none-led");
    assert!(led.contains("You led 1 of"), "{led}");
    assert!(led.contains("Vice President"), "{led}");
    assert!(!led.to_lowercase().contains("director"), "{led}");
}

#[test]
fn messages_name_the_level_as_a_company_rubric_renames_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let rubric = dir.path().join("ours.yaml");
    std::fs::write(&rubric, "level: vp\nname: Group Vice President\n").expect("a company rubric");
    let case = root().join("tests/fixtures/levels/vp-one-presentation.yaml");
    let found = messages(&case, &["--rubric", path_str(&rubric)]);
    for rule in ["visibility-missing", "cross-functional-none-led"] {
        let message = message_of(&found, rule);
        assert!(
            message.contains("Group Vice President level"),
            "{rule}: {message}"
        );
    }
}

/// No change led is one gap: `change-missing` reports it once, with the
/// operations track's reason in its hint, and the tally counts it once.
#[test]
fn one_gap_is_one_finding_with_the_track_s_reason_in_its_hint() {
    let case = root().join("tests/fixtures/levels/operations-no-change-led.yaml");
    let found = messages(&case, &[]);
    let at_changes: Vec<&(String, String)> = found
        .iter()
        .filter(|(rule, message)| {
            rule == "change-missing"
                || (rule == "track-evidence-missing" && message.contains("change"))
        })
        .collect();
    assert_eq!(at_changes.len(), 1, "{found:?}");
    let report: Value = serde_json::from_str(&stdout(&promocase(&[
        "check",
        path_str(&case),
        "--format",
        "json",
    ])))
    .expect("JSON report");
    let finding = report["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|f| f["rule"] == "change-missing")
        .expect("change-missing");
    assert!(
        finding["hint"]
            .as_str()
            .unwrap_or_default()
            .contains("leading process change"),
        "{finding}"
    );
}

/// A company that calls evidence stale after 12 months hears 12 months, in
/// the message and in the hint, never the built-in two years.
#[test]
fn a_company_s_staleness_window_is_the_one_every_sentence_names() {
    let dir = tempfile::tempdir().expect("temp dir");
    let rubric = dir.path().join("ours.yaml");
    std::fs::write(
        &rubric,
        "level: director\nthresholds:\n  stale_after_months: 12\n",
    )
    .expect("a company rubric");
    let case = root().join("examples/it-manager-thin.yaml");
    let output = promocase(&[
        "check",
        path_str(&case),
        "--format",
        "json",
        "--rubric",
        path_str(&rubric),
    ]);
    let report: Value = serde_json::from_str(&stdout(&output)).expect("JSON report");
    let stale: Vec<&Value> = report["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|f| f["rule"] == "evidence-stale")
        .collect();
    assert!(!stale.is_empty(), "evidence-stale fires at 12 months");
    for finding in stale {
        let (message, hint) = (finding["message"].to_string(), finding["hint"].to_string());
        assert!(message.contains("more than 12 months"), "{message}");
        assert!(hint.contains("the last 12 months"), "{hint}");
        assert!(!hint.contains("two years"), "{hint}");
    }
}
