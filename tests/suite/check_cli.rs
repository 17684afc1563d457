//! `promocase check`, `rules`, `explain` and `rubric` through the real binary:
//! the examples' verdicts, snapshots of the human and JSON output, the SARIF
//! and GitHub formats, exit codes, company rubrics, waivers, and the README's
//! rules section.

use std::path::{Path, PathBuf};
use std::process::Output;

use serde_json::Value;

use crate::support::{assert_readme_section, command, promocase, root, run, stderr, stdout};

fn json_report(path: &str, extra: &[&str]) -> (Value, Option<i32>) {
    let mut args = vec!["check", "--format", "json"];
    args.extend_from_slice(extra);
    args.push(path);
    let output = promocase(&args);
    let value = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}\n{}", stdout(&output), stderr(&output)));
    (value, output.status.code())
}

fn rules_with(report: &Value, severity: &str) -> Vec<String> {
    report["findings"]
        .as_array()
        .map(|findings| {
            findings
                .iter()
                .filter(|f| f["severity"] == severity)
                .filter_map(|f| f["rule"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

fn write_temp(dir: &tempfile::TempDir, name: &str, text: &str) -> PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, text).expect("write temp file");
    path
}

const STRONG: [&str; 2] = [
    "examples/marketing-director.yaml",
    "examples/operations-director.yaml",
];
const THIN: &str = "examples/it-manager-thin.yaml";

#[test]
fn strong_examples_have_no_errors() {
    for example in STRONG {
        let (report, code) = json_report(example, &[]);
        assert_eq!(
            rules_with(&report, "error"),
            Vec::<String>::new(),
            "{example}"
        );
        assert_eq!(code, Some(0), "{example}");
        assert!(
            report["readiness"]["score"].as_u64() >= Some(80),
            "{example}: {}",
            report["readiness"]
        );
    }
}

#[test]
fn thin_example_gets_errors_for_its_gaps() {
    let (report, code) = json_report(THIN, &[]);
    let errors = rules_with(&report, "error");
    for rule in [
        "succession-missing",
        "cross-functional-narrow",
        "outcome-unquantified",
    ] {
        assert!(
            errors.iter().any(|e| e == rule),
            "{rule} missing from {errors:?}"
        );
    }
    assert_eq!(code, Some(1));
    let gaps: Vec<&str> = report["readiness"]["top_gaps"]
        .as_array()
        .map(|g| g.iter().filter_map(|g| g["dimension"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(gaps.len(), 3);
    assert_eq!(
        gaps[0], "succession",
        "the missing succession plan is the biggest gap: {gaps:?}"
    );
    let succession = report["readiness"]["dimensions"]
        .as_array()
        .and_then(|d| d.iter().find(|d| d["id"] == "succession"))
        .cloned()
        .unwrap_or_default();
    assert_eq!(succession["status"], "missing");
}

#[test]
fn json_report_has_the_shape_the_proposal_reads() {
    let (report, _) = json_report(THIN, &[]);
    let readiness = &report["readiness"];
    assert!(readiness["score"].is_u64());
    assert_eq!(readiness["level"], "director");
    let dimensions = readiness["dimensions"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let ids: Vec<&str> = dimensions.iter().filter_map(|d| d["id"].as_str()).collect();
    for id in [
        "strategy",
        "leadership",
        "business-kpis",
        "budget",
        "cross-functional",
        "visibility",
        "sponsors",
        "innovation",
        "risk",
        "customer",
        "ambiguity",
        "change",
        "succession",
        "evidence",
        "the-ask",
    ] {
        assert!(ids.contains(&id), "dimension {id} missing from {ids:?}");
    }
    for dimension in &dimensions {
        assert!(dimension["name"].is_string());
        assert!(
            ["evidenced", "thin", "missing"].contains(&dimension["status"].as_str().unwrap_or(""))
        );
        assert!(dimension["evidence"].is_array());
    }
    for gap in readiness["top_gaps"]
        .as_array()
        .cloned()
        .unwrap_or_default()
    {
        assert!(gap["dimension"].is_string() && gap["message"].is_string());
    }
    let findings = report["findings"].as_array().cloned().unwrap_or_default();
    assert!(!findings.is_empty());
    for finding in findings {
        for key in ["rule", "severity", "message", "hint"] {
            assert!(finding[key].is_string(), "{key} in {finding}");
        }
        assert!(finding["line"].is_u64() || finding["line"].is_null());
        assert!(finding["column"].is_u64() || finding["column"].is_null());
    }
}

#[test]
fn the_score_follows_the_documented_formula() {
    let (report, _) = json_report(THIN, &[]);
    let readiness = &report["readiness"];
    let (mut earned, mut possible) = (0.0, 0.0);
    for dimension in readiness["dimensions"]
        .as_array()
        .cloned()
        .unwrap_or_default()
    {
        let weight = dimension["weight"].as_f64().unwrap_or(0.0);
        let credit = match dimension["status"].as_str() {
            Some("evidenced") => 1.0,
            Some("thin") => 0.5,
            _ => 0.0,
        };
        earned += weight * credit;
        possible += weight;
    }
    let expected = (100.0 * earned / possible).round() as u64;
    assert_eq!(readiness["score"].as_u64(), Some(expected));
}

#[test]
fn human_output_snapshots() {
    for example in [STRONG[0], STRONG[1], THIN] {
        let output = promocase(&["--color", "never", "check", example]);
        let name = Path::new(example)
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("example");
        insta::assert_snapshot!(format!("human_{name}"), stdout(&output));
    }
}

#[test]
fn json_output_snapshots() {
    for example in [STRONG[0], STRONG[1], THIN] {
        let output = promocase(&["check", "--format", "json", example]);
        let name = Path::new(example)
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("example");
        insta::assert_snapshot!(format!("json_{name}"), stdout(&output));
    }
}

/// Runs promocase without NO_COLOR, so only `--color` and the terminal decide.
fn promocase_coloured(args: &[&str]) -> Output {
    run(command(args).env_remove("NO_COLOR"))
}

#[test]
fn color_only_when_asked() {
    let plain = promocase_coloured(&["--color", "never", "check", THIN]);
    assert!(!stdout(&plain).contains('\u{1b}'));
    // Not a terminal: auto means no colour.
    let auto = promocase_coloured(&["check", THIN]);
    assert!(!stdout(&auto).contains('\u{1b}'));
    let forced = promocase_coloured(&["--color", "always", "check", THIN]);
    assert!(stdout(&forced).contains('\u{1b}'));
}

fn sarif_validator() -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(include_str!("../fixtures/sarif-schema-2.1.0.json"))
        .expect("the vendored SARIF schema is JSON");
    jsonschema::validator_for(&schema).expect("the SARIF schema compiles")
}

#[test]
fn sarif_output_is_valid_sarif_2_1_0() {
    let output = promocase(&["check", "--format", "sarif", THIN, STRONG[0]]);
    assert_eq!(output.status.code(), Some(1));
    let log: Value = serde_json::from_slice(&output.stdout).expect("SARIF is JSON");
    let validator = sarif_validator();
    let errors: Vec<String> = validator
        .iter_errors(&log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");

    let (thin, _) = json_report(THIN, &[]);
    let (strong, _) = json_report(STRONG[0], &[]);
    let expected = thin["findings"].as_array().map_or(0, Vec::len)
        + strong["findings"].as_array().map_or(0, Vec::len);
    let results = log["runs"][0]["results"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(results.len(), expected);
    let located = results
        .iter()
        .find(|r| r["ruleId"] == "outcome-unquantified")
        .cloned()
        .unwrap_or_default();
    assert_eq!(located["level"], "error");
    assert_eq!(
        located["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        THIN
    );
    assert!(located["locations"][0]["physicalLocation"]["region"]["startLine"].is_u64());

    // The validator does reject a broken log, so the check above means something.
    let mut broken = log.clone();
    broken["runs"][0]["results"][0]["level"] = Value::from("fatal");
    assert!(!validator.is_valid(&broken));
}

#[test]
fn github_format_annotates_lines() {
    let output = promocase(&["check", "--format", "github", THIN]);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    let lines: Vec<&str> = text.lines().collect();
    let (report, _) = json_report(THIN, &[]);
    assert_eq!(
        lines.len(),
        report["findings"].as_array().map_or(0, Vec::len)
    );
    let unquantified = report["findings"]
        .as_array()
        .and_then(|f| f.iter().find(|f| f["rule"] == "outcome-unquantified"))
        .cloned()
        .unwrap_or_default();
    let expected = format!(
        "::error file={THIN},line={},col={},title=outcome-unquantified::",
        unquantified["line"], unquantified["column"]
    );
    assert!(
        lines.iter().any(|l| l.starts_with(&expected)),
        "{expected} not in\n{text}"
    );
    assert!(lines.iter().all(|l| l.starts_with("::error ")
        || l.starts_with("::warning ")
        || l.starts_with("::notice ")));
}

/// The rules fixture with one KPI below target: a case with a warning and no error.
fn case_with_a_warning(dir: &tempfile::TempDir) -> String {
    let base = std::fs::read_to_string(root().join("tests/fixtures/rules/base.yaml"))
        .expect("the rules fixture");
    assert!(base.contains("actual: 2800000"));
    let path = write_temp(
        dir,
        "warned.yaml",
        &base.replace("actual: 2800000", "actual: 2500000"),
    );
    path.to_string_lossy().into_owned()
}

#[test]
fn fail_on_sets_the_threshold() {
    let dir = tempfile::tempdir().expect("temp dir");
    let warned = case_with_a_warning(&dir);
    let operations = warned.as_str();
    let (report, _) = json_report(operations, &[]);
    assert!(rules_with(&report, "error").is_empty());
    assert!(
        !rules_with(&report, "warning").is_empty(),
        "the example has a warning to test with"
    );
    assert_eq!(promocase(&["check", operations]).status.code(), Some(0));
    assert_eq!(
        promocase(&["check", "--fail-on", "warning", operations])
            .status
            .code(),
        Some(1)
    );
    assert_eq!(
        promocase(&["check", "--fail-on", "info", operations])
            .status
            .code(),
        Some(1)
    );
}

#[test]
fn level_picks_another_rubric() {
    let (director, _) = json_report(THIN, &[]);
    let (senior, _) = json_report(THIN, &["--level", "senior-manager"]);
    assert_eq!(senior["readiness"]["level"], "senior-manager");
    assert!(rules_with(&senior, "error").len() < rules_with(&director, "error").len());
    let (vp, _) = json_report(THIN, &["--level", "vp"]);
    assert_eq!(vp["readiness"]["level"], "vp");
    // The bar rises with the level: more of the same gaps are errors at VP.
    assert!(rules_with(&vp, "error").len() > rules_with(&director, "error").len());
}

#[test]
fn bad_input_exits_2_and_is_reported_in_json() {
    let dir = tempfile::tempdir().expect("temp dir");
    let broken = write_temp(&dir, "broken.yaml", "candidate: [\n");
    let broken = broken.to_string_lossy().into_owned();
    let warned = case_with_a_warning(&dir);
    let output = promocase(&["check", &broken, &warned]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stdout(&output).contains("checked 2 files: 0 with errors, 1 with warnings only, 0 without warnings, 1 with input errors"), "{}", stdout(&output));
    let json = promocase(&["check", "--format", "json", &broken, &warned]);
    assert_eq!(json.status.code(), Some(2));
    let reports: Value = serde_json::from_slice(&json.stdout).expect("json");
    assert_eq!(reports[0]["input_errors"][0]["code"], "yaml-syntax");
    assert!(reports[1]["readiness"]["score"].is_u64());
    assert_eq!(promocase(&["check", "missing.yaml"]).status.code(), Some(2));
}

#[test]
fn company_rubric_changes_rules_thresholds_and_names() {
    let dir = tempfile::tempdir().expect("temp dir");
    let rubric = write_temp(
        &dir,
        "ours.yaml",
        "level: director\nname: Head of Department\nthresholds:\n  min_partner_departments: 1\nrules:\n  succession-missing: off\n  outcome-unquantified: warning\n",
    );
    let rubric = rubric.to_string_lossy().into_owned();
    let (report, code) = json_report(THIN, &["--rubric", &rubric]);
    assert_eq!(report["readiness"]["level_name"], "Head of Department");
    let all: Vec<String> = ["error", "warning", "info"]
        .iter()
        .flat_map(|s| rules_with(&report, s))
        .collect();
    assert!(!all.iter().any(|r| r == "succession-missing"));
    assert!(
        !all.iter().any(|r| r == "cross-functional-narrow"),
        "one partner department is enough now"
    );
    assert!(
        rules_with(&report, "warning")
            .iter()
            .any(|r| r == "outcome-unquantified")
    );
    assert_eq!(code, Some(1), "other errors remain");
}

#[test]
fn rubric_show_round_trips_through_check() {
    let shown = promocase(&["rubric", "show", "director"]);
    assert_eq!(shown.status.code(), Some(0));
    assert_eq!(
        stdout(&shown),
        std::fs::read_to_string(root().join("rubrics/director.yaml")).unwrap_or_default()
    );
    let dir = tempfile::tempdir().expect("temp dir");
    let copy = write_temp(&dir, "copy.yaml", &stdout(&shown));
    let (with_copy, _) = json_report(THIN, &["--rubric", &copy.to_string_lossy()]);
    let (builtin, _) = json_report(THIN, &[]);
    assert_eq!(with_copy["findings"], builtin["findings"]);
    assert_eq!(with_copy["readiness"], builtin["readiness"]);
}

#[test]
fn bad_rubric_gets_located_errors() {
    let dir = tempfile::tempdir().expect("temp dir");
    let rubric = write_temp(
        &dir,
        "ours.yaml",
        "level: director\nthreshholds: {}\nrules:\n  succesion-missing: off\n",
    );
    let output = promocase(&["check", "--rubric", &rubric.to_string_lossy(), THIN]);
    assert_eq!(output.status.code(), Some(2));
    let text = stderr(&output);
    assert!(text.contains("ours.yaml:2:1"), "{text}");
    assert!(text.contains("did you mean `thresholds`?"), "{text}");
    let only_rule = write_temp(
        &dir,
        "rule.yaml",
        "level: director\nrules:\n  succesion-missing: off\n",
    );
    let output = promocase(&["check", "--rubric", &only_rule.to_string_lossy(), THIN]);
    assert_eq!(output.status.code(), Some(2));
    let text = stderr(&output);
    assert!(
        text.contains("rule.yaml:3:3") && text.contains("did you mean `succession-missing`?"),
        "{text}"
    );
}

#[test]
fn rubric_thresholds_outside_their_range_are_located_errors() {
    let dir = tempfile::tempdir().expect("temp dir");
    for (setting, line_column, expected) in [
        ("percent_max: 0", "2:27", "must be at least 1"),
        (
            "kpi_miss_tolerance_percent: 150",
            "2:42",
            "must be at most 100",
        ),
        ("percent_max: .nan", "2:27", "`.nan` is not a finite number"),
    ] {
        let rubric = write_temp(
            &dir,
            "ours.yaml",
            &format!("level: director\nthresholds: {{{setting}}}\n"),
        );
        let output = promocase(&["check", "--rubric", &rubric.to_string_lossy(), THIN]);
        assert_eq!(output.status.code(), Some(2), "{setting}");
        let text = stderr(&output);
        assert!(
            text.contains(&format!("ours.yaml:{line_column}")),
            "{setting}: {text}"
        );
        assert!(text.contains(expected), "{setting}: {text}");
    }
    let sensible = write_temp(
        &dir,
        "sensible.yaml",
        "level: director\nthresholds: {percent_max: 120, kpi_miss_tolerance_percent: 2.5}\n",
    );
    let output = promocase(&["check", "--rubric", &sensible.to_string_lossy(), THIN]);
    assert_ne!(output.status.code(), Some(2), "{}", stderr(&output));
}

#[test]
fn waivers_with_reasons_remove_findings_and_are_listed() {
    let original = std::fs::read_to_string(root().join(THIN)).expect("example");
    let dir = tempfile::tempdir().expect("temp dir");
    let waived = write_temp(
        &dir,
        "waived.yaml",
        &format!(
            "{original}\nwaivers:\n  - rule: weak-verb\n    reason: Quoted from the annual review.\n  - rule: vague-quantity\n"
        ),
    );
    let (report, _) = json_report(&waived.to_string_lossy(), &[]);
    let all: Vec<String> = ["error", "warning", "info"]
        .iter()
        .flat_map(|s| rules_with(&report, s))
        .collect();
    assert!(!all.iter().any(|r| r == "weak-verb"));
    assert!(
        all.iter().any(|r| r == "vague-quantity"),
        "a waiver without a reason does not apply"
    );
    assert!(
        rules_with(&report, "error")
            .iter()
            .any(|r| r == "waiver-no-reason")
    );
    let waivers = report["waivers"].as_array().cloned().unwrap_or_default();
    assert_eq!(waivers.len(), 2);
    assert_eq!(waivers[0]["applied"], true);
    assert!(waivers[0]["waived_findings"].as_u64() > Some(0));
    assert_eq!(waivers[1]["applied"], false);
    let human = promocase(&["--color", "never", "check", &waived.to_string_lossy()]);
    assert!(
        stdout(&human).contains("Waiver weak-verb: waived"),
        "{}",
        stdout(&human)
    );
}

#[test]
fn rules_lists_every_rule_with_severities() {
    let output = promocase(&["rules"]);
    assert_eq!(output.status.code(), Some(0));
    let text = stdout(&output);
    let line = text
        .lines()
        .find(|l| l.starts_with("succession-missing "))
        .unwrap_or_default();
    assert!(line.contains("warning") && line.contains("error"), "{line}");
}

#[test]
fn explain_prints_the_long_text_and_suggests_on_typos() {
    let output = promocase(&["explain", "succession-missing"]);
    assert_eq!(output.status.code(), Some(0));
    let text = stdout(&output);
    assert!(
        text.contains("succession plan") && text.contains("successors:"),
        "{text}"
    );
    let typo = promocase(&["explain", "sucession-missing"]);
    assert_eq!(typo.status.code(), Some(2));
    assert!(
        stderr(&typo).contains("did you mean `succession-missing`?"),
        "{}",
        stderr(&typo)
    );
}

#[test]
fn readme_rules_section_is_current() {
    // `UPDATE_DOCS=1 cargo test` rewrites it from `promocase rules --format markdown`.
    let generated = stdout(&promocase(&["rules", "--format", "markdown"]));
    assert_readme_section("rules", &format!("{}\n", generated.trim_end()));
}

#[test]
fn rubric_schema_accepts_the_builtin_rubrics_and_rejects_typos() {
    let output = promocase(&["rubric", "schema"]);
    assert_eq!(output.status.code(), Some(0));
    let schema: Value = serde_json::from_slice(&output.stdout).expect("schema is JSON");
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    for level in ["senior-manager", "director", "vp"] {
        let text = stdout(&promocase(&["rubric", "show", level]));
        let yaml: serde_yaml::Value = serde_yaml::from_str(&text).expect("rubric is YAML");
        let json = serde_json::to_value(yaml).expect("rubric as JSON");
        let errors: Vec<String> = validator
            .iter_errors(&json)
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{level}: {errors:?}");
    }
    let typo = serde_json::json!({"level": "director", "thresholds": {"stale_after_month": 12}});
    assert!(!validator.is_valid(&typo));
}
