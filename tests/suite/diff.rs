//! `promocase diff` on two versions of one case (tests/fixtures/diff): the
//! summary a manager reads and the JSON a tool reads agree on what moved.

use crate::support::{promocase, promocase_with_stdin, root, stderr, stdout};

const OLD: &str = "tests/fixtures/diff/old.yaml";
const NEW: &str = "tests/fixtures/diff/new.yaml";

#[test]
fn human_summary_names_what_moved() {
    let output = promocase(&["diff", OLD, NEW]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stdout(&output);
    insta::assert_snapshot!("human", text);
    assert!(text.contains("readiness for Director 78 → 82 (+4)"));
    assert!(text.contains("better Succession plan: missing → evidenced"));
    assert!(text.contains("worse  Risk and compliance: evidenced → missing"));
}

#[test]
fn json_lists_score_dimensions_kpis_and_findings() {
    let output = promocase(&["diff", OLD, NEW, "--format", "json"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let diff: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("JSON on stdout");

    assert_eq!(
        diff["score"],
        serde_json::json!({"before": 78, "after": 82})
    );

    let moved: Vec<(&str, &str, &str, bool)> = diff["dimensions"]
        .as_array()
        .expect("dimensions")
        .iter()
        .map(|d| {
            (
                d["id"].as_str().expect("id"),
                d["before"].as_str().expect("before"),
                d["after"].as_str().expect("after"),
                d["improved"].as_bool().expect("improved"),
            )
        })
        .collect();
    assert_eq!(
        moved,
        [
            ("risk", "evidenced", "missing", false),
            ("succession", "missing", "evidenced", true)
        ]
    );

    let kpis = diff["kpis"].as_array().expect("kpis");
    let by_name = |name: &str| {
        kpis.iter()
            .find(|k| k["name"] == name)
            .unwrap_or_else(|| panic!("no KPI change for {name}: {kpis:?}"))
    };
    let resolution = by_name("First-contact resolution");
    assert_eq!(resolution["change"], "changed");
    assert_eq!(
        resolution["fields"],
        serde_json::json!([{"field": "actual", "before": "60", "after": "68"}])
    );
    assert_eq!(
        resolution["met"],
        serde_json::json!({"before": false, "after": true})
    );
    assert_eq!(by_name("Agent attrition")["change"], "added");
    assert_eq!(by_name("Agent attrition")["met"], true);
    assert_eq!(by_name("Ticket backlog")["change"], "removed");
    assert_eq!(kpis.len(), 3, "unchanged KPIs are not listed: {kpis:?}");

    let rules = |key: &str| -> Vec<String> {
        diff[key]
            .as_array()
            .expect("findings")
            .iter()
            .map(|f| format!("{}: {}", f["rule"].as_str().unwrap_or(""), f["message"]))
            .collect()
    };
    let fixed = rules("fixed");
    assert_eq!(fixed.len(), 3, "{fixed:?}");
    assert!(
        fixed.iter().any(|f| f.starts_with("succession-missing")),
        "{fixed:?}"
    );
    assert!(
        fixed
            .iter()
            .any(|f| f.contains("\\\"Ticket backlog\\\" missed"))
    );
    let new = rules("new");
    assert_eq!(new.len(), 1, "{new:?}");
    assert!(new[0].starts_with("risk-missing"));
}

#[test]
fn the_reverse_swaps_fixed_and_new() {
    let forward = promocase(&["diff", OLD, NEW, "--format", "json"]);
    let backward = promocase(&["diff", NEW, OLD, "--format", "json"]);
    let parse = |o: &std::process::Output| -> serde_json::Value {
        serde_json::from_str(&stdout(o)).expect("JSON on stdout")
    };
    let (forward, backward) = (parse(&forward), parse(&backward));
    let messages = |v: &serde_json::Value| -> Vec<String> {
        let mut m: Vec<String> = v
            .as_array()
            .expect("findings")
            .iter()
            .map(|f| f["message"].to_string())
            .collect();
        m.sort();
        m
    };
    assert_eq!(messages(&forward["fixed"]), messages(&backward["new"]));
    assert_eq!(messages(&forward["new"]), messages(&backward["fixed"]));
    assert_eq!(
        backward["score"],
        serde_json::json!({"before": 82, "after": 78})
    );
}

#[test]
fn the_same_version_twice_has_nothing_to_report() {
    let output = promocase(&["diff", NEW, NEW]);
    assert_eq!(output.status.code(), Some(0));
    assert!(stdout(&output).contains("No change in readiness, KPIs or findings."));
}

#[test]
fn a_version_that_does_not_load_is_a_located_error() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let broken = dir.path().join("broken.yaml");
    std::fs::write(&broken, "candidate: [unclosed\n").expect("written");
    let output = promocase(&["diff", OLD, broken.to_str().expect("UTF-8 path")]);
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    assert!(err.contains("broken.yaml:2:1"), "{err}");
    assert!(err.contains("the case did not load"), "{err}");
    assert!(stdout(&output).is_empty());
}

#[test]
fn the_old_version_can_come_from_standard_input() {
    let old = std::fs::read(root().join(OLD)).expect("fixture");
    let output = promocase_with_stdin(&["diff", "-", NEW, "--format", "json"], &old);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let diff: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("JSON");
    assert_eq!(diff["old_file"], "<stdin>");
    assert_eq!(
        diff["score"],
        serde_json::json!({"before": 78, "after": 82})
    );

    let both = promocase(&["diff", "-", "-"]);
    assert_eq!(both.status.code(), Some(2));
    assert!(stderr(&both).contains("only one of OLD and NEW"));
}
