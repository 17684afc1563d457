//! One verdict per fact across every output (issue 11): a KPI inside the
//! rubric's tolerance is met in `check`, in all three documents and in `diff`;
//! a dimension has one name in `check` and in the proposal; money in the
//! readiness appendix is written as the KPI table and the summary write it.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::support::{
    assert_ok, path_str, pdf_text, promocase, promocase_with_stdin, root, stdout,
};

fn within_tolerance_case() -> PathBuf {
    root().join("tests/fixtures/consistency/nrr-within-tolerance.yaml")
}

/// The proposal of a case, as text.
fn proposal_of(case: &Path) -> String {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("proposal.pdf");
    assert_ok(&promocase(&["build", path_str(case), "-o", path_str(&out)]));
    pdf_text(&out)
}

/// The three documents of a case, as text.
fn documents(case: &Path, dir: &Path) -> [String; 3] {
    let out = dir.join("case.pdf");
    assert_ok(&promocase(&[
        "build",
        path_str(case),
        "--template",
        "all",
        "-o",
        path_str(&out),
    ]));
    ["case.pdf", "case-brief.pdf", "case-talking-points.pdf"].map(|name| pdf_text(&dir.join(name)))
}

/// No document (proposal, brief, talking points) calls a KPI missed.
fn none_calls_a_kpi_missed(documents: [&String; 3]) {
    for (name, text) in ["proposal", "brief", "talking points"]
        .into_iter()
        .zip(documents)
    {
        assert!(
            !text.to_lowercase().contains("missed"),
            "the {name} calls a KPI within the tolerance missed:\n{text}"
        );
    }
}

#[test]
fn a_kpi_inside_the_tolerance_is_met_everywhere() {
    let case = within_tolerance_case();
    let check = promocase(&["check", path_str(&case), "--format", "json"]);
    assert_ok(&check);
    let report: Value = serde_json::from_str(&stdout(&check)).expect("JSON report");
    let rules: Vec<&str> = report["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|f| f["rule"].as_str())
        .collect();
    assert!(!rules.contains(&"kpi-target-missed"), "{rules:?}");

    let dir = tempfile::tempdir().expect("temp dir");
    let [proposal, brief, talking_points] = documents(&case, dir.path());
    none_calls_a_kpi_missed([&proposal, &brief, &talking_points]);
    assert!(
        proposal.contains("Within tolerance"),
        "KPI table: {proposal}"
    );
    assert!(
        proposal.contains("106% against a target of 108% (met within tolerance)"),
        "readiness appendix: {proposal}"
    );
    assert!(brief.contains("Within tolerance"), "{brief}");
}

#[test]
fn diff_calls_a_kpi_inside_the_tolerance_met() {
    let case = within_tolerance_case();
    let text = std::fs::read_to_string(&case).expect("fixture");
    // The earlier version: 100% against 108% is 7.4% short, outside the 5% tolerance.
    let before = text.replacen("    actual: 106\n", "    actual: 100\n", 1);
    assert_ne!(before, text, "the fixture's NRR actual is 106");
    let json = promocase_with_stdin(
        &["diff", "-", path_str(&case), "--format", "json"],
        before.as_bytes(),
    );
    let diff: Value = serde_json::from_str(&stdout(&json)).expect("JSON diff");
    let nrr = diff["kpis"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|k| k["name"] == "Net revenue retention")
        .unwrap_or_else(|| panic!("NRR changed: {diff}"));
    assert_eq!(nrr["status"]["before"], "missed", "{nrr}");
    assert_eq!(nrr["status"]["after"], "within-tolerance", "{nrr}");
    assert_eq!(nrr["met"]["after"], true, "{nrr}");
    let human = promocase_with_stdin(&["diff", "-", path_str(&case)], before.as_bytes());
    assert!(
        stdout(&human).contains("result missed → within tolerance"),
        "{}",
        stdout(&human)
    );
}

#[test]
fn a_dimension_has_one_name_in_check_and_in_the_proposal() {
    let case = root().join("examples/marketing-director.yaml");
    let check = promocase(&["check", path_str(&case), "--format", "json"]);
    let report: Value = serde_json::from_str(&stdout(&check)).expect("JSON report");
    let proposal = proposal_of(&case);
    let names: Vec<&str> = report["readiness"]["dimensions"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|d| d["name"].as_str())
        .collect();
    assert_eq!(names.len(), 15);
    // The achievements section is headed by the dimension's name, as check names it.
    assert!(
        proposal.contains("Strategic planning and vision"),
        "{proposal}"
    );
    for old in [
        "Strategic planning and direction",
        "Leading managers and developing people",
        "Sponsors and network",
    ] {
        assert!(
            !proposal.contains(old),
            "a second name for a dimension: {old}"
        );
    }
    for name in names {
        // The appendix table may break a long name over two lines of its cell.
        let first_word = name.split(' ').next().unwrap_or(name);
        assert!(
            proposal.contains(first_word),
            "{name} is not in the proposal"
        );
    }
}

#[test]
fn money_reads_the_same_in_the_appendix_and_the_summary() {
    let case = root().join("examples/marketing-director.yaml");
    let proposal = proposal_of(&case);
    // The budget is 2400000 EUR: the summary's figure and the appendix's evidence agree.
    assert!(proposal.contains("Owns a budget of €2.4M"), "{proposal}");
    assert!(
        proposal.matches("€2.4M").count() >= 2,
        "the summary's headline figure and the appendix: {proposal}"
    );
    assert!(!proposal.contains("2,400,000 EUR"), "{proposal}");
    // A KPI's actual: the table's cell and the appendix's evidence.
    assert!(
        proposal.contains("€6.4M against a target of €6M"),
        "{proposal}"
    );
}

#[test]
fn money_keeps_the_digits_the_case_gives_in_every_document() {
    let text = std::fs::read_to_string(root().join("tests/fixtures/build/complete.yaml"))
        .expect("fixture");
    let edited = text
        .replacen("    target: 3.6\n", "    target: 3.40\n", 1)
        .replacen("    amount: 5600000\n", "    amount: 1150000\n", 1);
    assert_ne!(edited, text);
    let dir = tempfile::tempdir().expect("temp dir");
    let case = dir.path().join("case.yaml");
    std::fs::write(&case, edited).expect("write case");
    let [proposal, brief, talking_points] = documents(&case, dir.path());
    // The KPI table and the brief write the target as the case does.
    assert!(proposal.contains("€3.40"), "{proposal}");
    assert!(brief.contains("€3.40"), "{brief}");
    assert!(!proposal.contains("€3.4 "), "{proposal}");
    // The budget is 1,150,000 EUR: €1.15M, never €1.2M.
    for text in [&proposal, &brief, &talking_points] {
        assert!(text.contains("€1.15M"), "{text}");
        assert!(!text.contains("€1.2M"), "{text}");
    }
}

#[test]
fn an_open_risk_is_never_called_mitigated() {
    let case = root().join("examples/marketing-director.yaml");
    let check = promocase(&["check", path_str(&case), "--format", "json"]);
    let report: Value = serde_json::from_str(&stdout(&check)).expect("JSON report");
    let risk = report["readiness"]["dimensions"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|d| d["id"] == "risk")
        .expect("the risk dimension");
    let evidence = risk["evidence"].to_string();
    // `status: open` with a mitigation plan: the risks table says Open, so must the appendix.
    assert!(
        evidence.contains("Open risk with a mitigation plan: 60% of pipeline"),
        "{evidence}"
    );
    assert!(
        !evidence.contains("Risk mitigated: 60% of pipeline"),
        "{evidence}"
    );
}

/// A KPI that misses its target by exactly the rubric's tolerance, as the
/// figures are written (102.6 against 108 at senior manager's 5%), is within
/// it for `check` and in every document; a hair further is missed.
#[test]
fn a_kpi_missing_by_exactly_the_tolerance_is_within_it_everywhere() {
    let case = root().join("tests/fixtures/consistency/kpi-at-the-tolerance.yaml");
    let check = promocase(&["check", path_str(&case), "--format", "json"]);
    assert_ok(&check);
    let report: Value = serde_json::from_str(&stdout(&check)).expect("JSON report");
    assert!(
        !report["findings"].to_string().contains("kpi-target-missed"),
        "{}",
        report["findings"]
    );
    let dir = tempfile::tempdir().expect("temp dir");
    let [proposal, brief, talking_points] = documents(&case, dir.path());
    none_calls_a_kpi_missed([&proposal, &brief, &talking_points]);
    assert!(proposal.contains("Within tolerance"), "KPI table");
    // A tenth of a point further is outside it.
    let further = std::fs::read_to_string(&case)
        .expect("fixture")
        .replace("actual: 102.6", "actual: 102.5");
    let past = dir.path().join("past.yaml");
    std::fs::write(&past, further).expect("a case a hair past the tolerance");
    let check = promocase(&["check", path_str(&past), "--format", "json"]);
    let report: Value = serde_json::from_str(&stdout(&check)).expect("JSON report");
    assert!(report["findings"].to_string().contains("kpi-target-missed"));
}
