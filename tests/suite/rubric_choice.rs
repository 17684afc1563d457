//! One decision of the rubric for every command: a company rubric beside the
//! case (`promocase-rubric.yaml`) that renames the level to "Head of
//! Department" and turns `succession-missing` off judges the case in
//! `check`, `build`, `diff` (standard input included), `serve` and
//! `committee` alike: each shows the company's name and not the rule. (The
//! language server's test of the same is in `lsp.rs`; `watch` builds
//! through `build`'s check.)

use std::path::{Path, PathBuf};

use crate::serve::{Server, json};
use crate::support::{path_str, pdf_text, promocase, promocase_with_stdin, root, stderr, stdout};

const RUBRIC: &str =
    "level: director\nname: Head of Department\nrules:\n  succession-missing: off\n";

/// The thin example (which names no successor) beside the company rubric.
fn case_beside_rubric(dir: &Path) -> PathBuf {
    let case = dir.join("thin.yaml");
    std::fs::copy(root().join("examples/it-manager-thin.yaml"), &case).expect("copy");
    std::fs::write(dir.join("promocase-rubric.yaml"), RUBRIC).expect("the company rubric");
    case
}

#[test]
fn check_judges_by_the_company_rubric_beside_the_case() {
    let dir = tempfile::tempdir().expect("temp dir");
    let case = case_beside_rubric(dir.path());
    let output = promocase(&["check", path_str(&case)]);
    let said = format!("{}{}", stdout(&output), stderr(&output));
    assert!(said.contains("for Head of Department"), "{said}");
    assert!(!said.contains("succession-missing"), "{said}");
}

#[test]
fn diff_judges_both_versions_as_check_does_even_from_standard_input() {
    let dir = tempfile::tempdir().expect("temp dir");
    let case = case_beside_rubric(dir.path());
    let old = dir.path().join("old.yaml");
    std::fs::copy(&case, &old).expect("an older version");
    let output = promocase(&["diff", path_str(&old), path_str(&case)]);
    let said = stdout(&output);
    assert!(said.contains("readiness for Head of Department"), "{said}");
    let text = std::fs::read(&old).expect("the old text");
    let output = promocase_with_stdin(&["diff", "-", path_str(&case)], &text);
    let said = stdout(&output);
    assert!(said.contains("readiness for Head of Department"), "{said}");
    // The scores are check's: the same rubric, the same number.
    let check = promocase(&["check", path_str(&case), "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&stdout(&check)).expect("JSON");
    let score = report["readiness"]["score"].as_u64().expect("a score");
    assert!(said.contains(&format!("{score} → {score}")), "{said}");
}

#[test]
fn build_judges_by_the_company_rubric_beside_the_case() {
    let dir = tempfile::tempdir().expect("temp dir");
    let case = case_beside_rubric(dir.path());
    let pdf = dir.path().join("proposal.pdf");
    let output = promocase(&["build", path_str(&case), "--draft", "-o", path_str(&pdf)]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(!stderr(&output).contains("succession-missing"));
    let text = pdf_text(&pdf);
    assert!(
        text.contains("Head of Department"),
        "the readiness appendix names the company's level"
    );
    // The cover names the level the case asks for as the company does, as
    // the appendix does: one name for one level in one document.
    // (A sponsor's seniority may still be "Director": that is not the case's level.)
    assert!(text.contains("· Head of Department level"), "{text}");
    assert!(!text.contains("· Director level"), "{text}");
}

#[test]
fn serve_judges_by_the_company_rubric_beside_the_case() {
    let dir = tempfile::tempdir().expect("temp dir");
    let case = case_beside_rubric(dir.path());
    let server = Server::start(&case);
    let text = std::fs::read(&case).expect("the case");
    let (status, body) = server.page("POST", "/api/analyse", &text);
    assert_eq!(status, 200);
    let analysis = json(&body);
    // The readiness is check's own: the level's id and the company's name for it.
    assert_eq!(analysis["readiness"]["level"], "director");
    assert_eq!(analysis["readiness"]["level_name"], "Head of Department");
    assert!(
        !analysis["messages"]
            .to_string()
            .contains("succession-missing")
    );
}

#[test]
fn committee_judges_by_the_company_rubric_beside_the_case() {
    let dir = tempfile::tempdir().expect("temp dir");
    let case = case_beside_rubric(dir.path());
    let pdf = dir.path().join("committee.pdf");
    let output = promocase(&["committee", path_str(&case), "-o", path_str(&pdf)]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(pdf_text(&pdf).contains("Head of Department"));
    // Its counts are check's under that rubric.
    let rows = promocase(&["committee", path_str(&case), "--format", "json", "-o", "-"]);
    let rows: serde_json::Value = serde_json::from_str(&stdout(&rows)).expect("JSON");
    let check = promocase(&["check", path_str(&case), "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&stdout(&check)).expect("JSON");
    let errors = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["severity"] == "error")
        .count();
    assert_eq!(
        rows["candidates"][0]["errors"].as_u64(),
        Some(errors as u64)
    );
}
