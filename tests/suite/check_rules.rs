//! Every rule, run through the library in-process: one edit of the base
//! fixture that triggers it (asserted by rule id and line:column) and one that
//! comes close without triggering it. The base fixture itself has no finding
//! at all. A few rows also run through the real binary (`check --format json`),
//! which must report exactly what the library does.
//!
//! A row names where the finding must point with `»` placed in a unique
//! snippet of the edited file (`"- »title: Automated"`), or `None` when the
//! finding is about a section missing from the file, which points where the
//! section belongs.

use promocase::diagnostic::SourceFile;
use promocase::model::{SECTIONS, parse_case};
use promocase::rubric::{Rubric, check_case};
use serde_json::Value;

use crate::support::{path_str, promocase};

const BASE: &str = include_str!("../fixtures/rules/base.yaml");

struct Row {
    rule: &'static str,
    /// Replacements applied to the base, each `from` found at least once.
    edits: &'static [(&'static str, &'static str)],
    /// Where the finding points, marked with `»`; `None` for a section missing from the
    /// whole case, which points where the section belongs (the next section's key).
    at: Option<&'static str>,
}

struct NearMiss {
    rule: &'static str,
    edits: &'static [(&'static str, &'static str)],
}

fn apply(edits: &[(&str, &str)]) -> String {
    let mut text = BASE.to_string();
    for (from, to) in edits {
        assert!(text.contains(from), "the base fixture has no `{from}`");
        text = text.replace(from, to);
    }
    text
}

/// The findings of `text`, checked in-process as `promocase check` does it
/// (the built-in rubric of the case's level, today standing in for a missing
/// `as_of`), as the objects of `check --format json`.
fn findings_of(text: &str) -> Vec<Value> {
    let today = chrono::Local::now().date_naive();
    let loaded = parse_case(SourceFile::new("case.yaml", text), today)
        .unwrap_or_else(|error| panic!("the edited case does not load:\n{error}"));
    let report = check_case(&loaded, &Rubric::for_case(&loaded, None));
    report.to_json()["findings"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

/// Runs `promocase check --format json` on `text` and returns its findings.
fn findings_of_binary(text: &str) -> Vec<Value> {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("case.yaml");
    std::fs::write(&path, text).expect("write case");
    let output = promocase(&["check", "--format", "json", path_str(&path)]);
    let code = output.status.code();
    assert!(
        code == Some(0) || code == Some(1),
        "exit {code:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let report: Value = serde_json::from_slice(&output.stdout).expect("json output");
    report["findings"].as_array().cloned().unwrap_or_default()
}

/// 1-based line and column (in characters) of the `»` mark in a unique snippet of `text`.
fn position_of(text: &str, marked: &str) -> (u64, u64) {
    let snippet = marked.replace('»', "");
    let offset_in_snippet = marked.find('»').expect("snippet has a » mark");
    let matches: Vec<usize> = text.match_indices(&snippet).map(|(i, _)| i).collect();
    assert_eq!(
        matches.len(),
        1,
        "`{snippet}` must occur exactly once in the edited case"
    );
    let offset = matches[0] + offset_in_snippet;
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line as u64, column as u64)
}

const ROWS: &[Row] = &[
    Row {
        rule: "achievements-missing",
        edits: &[(
            "achievements:\n  - title: Raised marketing-sourced pipeline from 1.8M to 2.9M EUR\n    period: {start: 2025-01, end: 2025-12}\n    context: Pipeline depended on two trade fairs a year.\n    actions: Built the partner programme and decided to move events budget into it.\n    outcomes:\n      - {metric: Marketing-sourced pipeline, baseline: 1800000, result: 2900000, unit: EUR, direction: higher-is-better}\n    dimensions: [business-kpis, customer]\n    evidence: [https://bi.example.com/pipeline]\n    attestors: [Henrik Berg, Chief Revenue Officer]\n  - title: Automated lead routing between marketing and sales\n    period: {start: 2025-06, end: ongoing}\n    actions: Designed the routing rules and negotiated the service levels with Sales.\n    outcomes:\n      - {metric: Lead response time, baseline: 72, result: 4, unit: hours}\n    dimensions: [innovation]\n    attestors: [Marta Ruiz, VP Sales]\n\n",
            "",
        )],
        at: None,
    },
    Row {
        rule: "strategy-missing",
        edits: &[(
            "vision:\n  statement: Half of new revenue sourced by marketing by the end of FY2028.\n  horizon_months: 24\n  company_objectives:\n    - Grow ARR 30% in FY2027\n  roadmap:\n    - {date: 2027-03, milestone: Attribution model agreed with Sales and Finance}\n",
            "",
        )],
        at: None,
    },
    Row {
        rule: "strategy-short-horizon",
        edits: &[("horizon_months: 24", "horizon_months: 6")],
        at: Some("»horizon_months: 6"),
    },
    Row {
        rule: "strategy-no-company-objective",
        edits: &[("  company_objectives:\n    - Grow ARR 30% in FY2027\n", "")],
        at: Some("»vision:"),
    },
    Row {
        rule: "strategy-no-roadmap",
        edits: &[(
            "  roadmap:\n    - {date: 2027-03, milestone: Attribution model agreed with Sales and Finance}\n",
            "",
        )],
        at: Some("»vision:"),
    },
    Row {
        rule: "leadership-no-managers",
        edits: &[("managers_among_reports: 2", "managers_among_reports: 0")],
        at: Some("»managers_among_reports: 0"),
    },
    Row {
        rule: "leadership-no-development",
        edits: &[(
            "people_development:\n  promoted:\n    - {name: Lena Vogt, from: Specialist, to: Team Lead, date: 2025-01}\n",
            "",
        )],
        at: None,
    },
    Row {
        rule: "kpi-missing",
        edits: &[(
            "kpis:\n  - name: Marketing-sourced revenue\n    category: revenue\n    scope: business-wide\n    unit: EUR\n    baseline: 2100000\n    target: 2600000\n    actual: 2800000\n    period: {start: 2025-01, end: 2025-12}\n  - name: Customer satisfaction\n    category: customer-satisfaction\n    scope: business-wide\n    unit: \"%\"\n    baseline: 78\n    target: 85\n    actual: 88\n    period: {start: 2025-01, end: 2025-12}\n",
            "kpis: []\n",
        )],
        at: Some("»kpis: []"),
    },
    Row {
        rule: "kpi-no-business-wide",
        edits: &[("scope: business-wide", "scope: department")],
        at: Some("»kpis:"),
    },
    Row {
        rule: "kpi-incomplete",
        edits: &[("    baseline: 2100000\n", "")],
        at: Some("- »name: Marketing-sourced revenue"),
    },
    Row {
        rule: "kpi-target-missed",
        edits: &[("actual: 2800000", "actual: 2500000")],
        at: Some("»actual: 2500000"),
    },
    Row {
        rule: "budget-missing",
        edits: &[(
            "  budget:\n    amount: 1850000\n    currency: EUR\n    period: FY2026\n    ownership: owned\n    allocation_decisions:\n      - {decision: Moved 30% of events budget to partner co-marketing, result: Pipeline per euro up 35%, date: 2025-03}\n",
            "",
        )],
        at: Some("»scope:\n  team_size"),
    },
    Row {
        rule: "budget-not-owned",
        edits: &[("ownership: owned", "ownership: influenced")],
        at: Some("»ownership: influenced"),
    },
    Row {
        rule: "budget-no-allocation-decision",
        edits: &[(
            "    allocation_decisions:\n      - {decision: Moved 30% of events budget to partner co-marketing, result: Pipeline per euro up 35%, date: 2025-03}\n",
            "",
        )],
        at: Some("»budget:"),
    },
    Row {
        rule: "cross-functional-narrow",
        edits: &[(
            "partner_departments: [Sales, Finance]",
            "partner_departments: [Marketing, Sales]",
        )],
        at: Some("»initiatives:"),
    },
    // The candidate's own department is no partner, however it is written.
    Row {
        rule: "cross-functional-narrow",
        edits: &[(
            "partner_departments: [Sales, Finance]",
            "partner_departments: [Marketing department, Sales]",
        )],
        at: Some("»initiatives:"),
    },
    // Without a department, the track names it.
    Row {
        rule: "cross-functional-narrow",
        edits: &[
            ("  department: Marketing\n", ""),
            (
                "partner_departments: [Sales, Finance]",
                "partner_departments: [marketing, Sales]",
            ),
        ],
        at: Some("»initiatives:"),
    },
    Row {
        rule: "cross-functional-none-led",
        edits: &[("role: led", "role: contributed")],
        at: Some("»role: contributed"),
    },
    Row {
        rule: "initiative-no-partner-leader",
        edits: &[(
            "    partner_leaders:\n      - {name: Marta Ruiz, title: VP Sales}\n",
            "",
        )],
        at: Some("- »name: Lead-to-cash handover"),
    },
    Row {
        rule: "visibility-missing",
        edits: &[("date: 2026-03-18", "date: 2025-03-18")],
        at: Some("»visibility:"),
    },
    Row {
        rule: "sponsor-missing",
        edits: &[("level: c-level", "level: senior-manager")],
        at: Some("»sponsors:"),
    },
    Row {
        rule: "sponsor-no-attestation",
        edits: &[(
            "    can_attest: [Pipeline growth from 1.8M to 2.9M EUR]\n",
            "",
        )],
        at: Some("- »name: Henrik Berg"),
    },
    Row {
        rule: "innovation-unquantified",
        edits: &[(
            "{metric: Lead response time, baseline: 72, result: 4, unit: hours}",
            "{metric: Lead response time, unit: hours}",
        )],
        at: Some("with Sales.\n    »outcomes:"),
    },
    Row {
        rule: "risk-missing",
        edits: &[(
            "risks:\n  - risk: Contact data processed without a lawful basis\n    area: compliance\n    mitigation: Consent audit with Legal and a new double opt-in.\n    status: mitigated\n",
            "",
        )],
        at: None,
    },
    Row {
        rule: "risk-no-mitigation",
        edits: &[(
            "    mitigation: Consent audit with Legal and a new double opt-in.\n",
            "",
        )],
        at: Some("- »risk: Contact data"),
    },
    Row {
        rule: "customer-outcome-missing",
        edits: &[
            (
                "dimensions: [business-kpis, customer]",
                "dimensions: [business-kpis]",
            ),
            ("category: customer-satisfaction", "category: quality"),
        ],
        at: Some("»achievements:"),
    },
    Row {
        rule: "decision-missing",
        edits: &[(
            "decisions:\n  - title: Enter Austria before the CRM migration\n    date: 2025-02\n    unknowns: [Partner demand in Austria]\n    options: [Wait for the new CRM, Launch with a manual lead process]\n    decision: Launched with a manual process for one quarter.\n    outcome: 38 partner leads in Q2.\n",
            "",
        )],
        at: None,
    },
    Row {
        rule: "decision-incomplete",
        edits: &[(
            "options: [Wait for the new CRM, Launch with a manual lead process]",
            "options: [Launch with a manual lead process]",
        )],
        at: Some("»options: [Launch"),
    },
    Row {
        rule: "change-missing",
        edits: &[(
            "changes_led:\n  - change: Moved the team from campaign pods to funnel stages\n    date: 2024-10\n    outcome: Cycle time per campaign down 30%.\n",
            "",
        )],
        at: None,
    },
    Row {
        rule: "succession-missing",
        edits: &[(
            "  successors:\n    - name: Lena Vogt\n      current_role: Team Lead\n      readiness: 2026-12\n      covers: [Campaign planning]\n      development:\n        - {action: Run the Q3 planning cycle, by: 2026-09}\n",
            "  successors: []\n",
        )],
        at: Some("»successors: []"),
    },
    Row {
        rule: "succession-late",
        edits: &[
            ("readiness: 2026-12", "readiness: 2027-06"),
            (
                "  interim_plan: Lena runs campaigns; the budget stays with me until she is ready.\n",
                "",
            ),
        ],
        at: Some("»readiness: 2027-06"),
    },
    Row {
        rule: "succession-no-development",
        edits: &[(
            "      development:\n        - {action: Run the Q3 planning cycle, by: 2026-09}\n",
            "",
        )],
        at: Some("successors:\n    - »name: Lena Vogt"),
    },
    Row {
        rule: "outcome-unquantified",
        edits: &[("baseline: 1800000, result: 2900000, unit: EUR", "unit: EUR")],
        at: Some("»{metric: Marketing-sourced pipeline, unit: EUR, direction"),
    },
    Row {
        rule: "outcome-direction-missing",
        edits: &[("unit: EUR, direction: higher-is-better}", "unit: EUR}")],
        at: Some("{»metric: Marketing-sourced pipeline, baseline: 1800000"),
    },
    Row {
        rule: "evidence-undated",
        edits: &[(
            "    period: {start: 2025-01, end: 2025-12}\n    context: Pipeline",
            "    context: Pipeline",
        )],
        at: Some("- »title: Raised marketing-sourced"),
    },
    Row {
        rule: "evidence-stale",
        edits: &[(
            "{start: 2025-01, end: 2025-12}\n    context",
            "{start: 2023-01, end: 2024-05}\n    context",
        )],
        at: Some("end: »2024-05"),
    },
    Row {
        rule: "date-in-future",
        edits: &[("date: 2025-02", "date: 2026-08")],
        at: Some("date: »2026-08"),
    },
    Row {
        rule: "period-end-before-start",
        edits: &[(
            "{start: 2025-02, end: 2025-07}",
            "{start: 2025-02, end: 2024-07}",
        )],
        at: Some("end: »2024-07"),
    },
    Row {
        rule: "evidence-unattested",
        edits: &[("    attestors: [Marta Ruiz, VP Sales]\n", "")],
        at: Some("- »title: Automated lead routing"),
    },
    Row {
        rule: "currency-mismatch",
        edits: &[(
            "unit: EUR\n    baseline: 2100000",
            "unit: USD\n    baseline: 2100000",
        )],
        at: Some("»unit: USD"),
    },
    Row {
        rule: "percent-out-of-range",
        edits: &[("actual: 88", "actual: 188")],
        at: Some("»actual: 188"),
    },
    Row {
        rule: "weak-verb",
        edits: &[(
            "actions: Built the partner programme",
            "actions: Helped build the partner programme",
        )],
        at: Some("actions: »Helped build"),
    },
    Row {
        rule: "vague-quantity",
        edits: &[(
            "outcome: Lead response time down from 3 days to 4 hours.",
            "outcome: Lead response time down significantly.",
        )],
        at: Some("time down »significantly"),
    },
    Row {
        rule: "track-evidence-missing",
        edits: &[("track: marketing", "track: it")],
        at: Some("»risks:"),
    },
    Row {
        rule: "ask-incomplete",
        edits: &[(
            "  why_now: Marketing now sources 45% of pipeline and needs a seat in revenue planning.\n",
            "",
        )],
        at: Some("»ask:"),
    },
    Row {
        rule: "placeholder-text",
        edits: &[(
            "why_now: Marketing now sources 45% of pipeline and needs a seat in revenue planning.",
            "why_now: >-\n    What has changed in the business\n    that makes this the right moment.",
        )],
        at: Some("    »What has changed in the business"),
    },
    Row {
        rule: "placeholder-text",
        edits: &[("  name: Ana Petrova", "  name: Your Name")],
        at: Some("name: »Your Name"),
    },
    Row {
        rule: "ask-why-now-personal",
        edits: &[(
            "why_now: Marketing now sources 45% of pipeline and needs a seat in revenue planning.",
            "why_now: After 7 years in the role I feel ready, and I deserve the title.",
        )],
        at: Some("7 »years in the role"),
    },
    Row {
        rule: "ask-resources-only",
        edits: &[(
            "    - Nobody owns pipeline targets across Marketing and Sales",
            "    - My team needs more headcount and a bigger budget",
        )],
        at: Some("needs »more headcount"),
    },
    // The edited case is read as `case.yaml` in the repository's root.
    Row {
        rule: "logo-unusable",
        edits: &[(
            "until she is ready.",
            "until she is ready.\nbranding:\n  logo: assets/missing-logo.png",
        )],
        at: Some("logo: »assets/missing-logo.png"),
    },
    Row {
        rule: "logo-unusable",
        edits: &[(
            "until she is ready.",
            "until she is ready.\nbranding:\n  logo: tests/fixtures/rules/not-an-image.png",
        )],
        at: Some("logo: »tests/fixtures/rules/not-an-image.png"),
    },
    Row {
        rule: "ask-target-date-past",
        edits: &[("target_date: 2027-01", "target_date: 2026-05")],
        at: Some("»target_date: 2026-05"),
    },
    Row {
        rule: "waiver-no-reason",
        edits: &[(
            "until she is ready.\n",
            "until she is ready.\nwaivers:\n  - rule: weak-verb\n",
        )],
        at: Some("- »rule: weak-verb"),
    },
    Row {
        rule: "waiver-unknown-rule",
        edits: &[(
            "until she is ready.\n",
            "until she is ready.\nwaivers:\n  - rule: weak-verbs\n    reason: We write in the first person plural on purpose.\n",
        )],
        at: Some("»rule: weak-verbs"),
    },
];

const NEAR_MISSES: &[NearMiss] = &[
    NearMiss {
        rule: "strategy-short-horizon",
        edits: &[("horizon_months: 24", "horizon_months: 12")],
    },
    NearMiss {
        rule: "leadership-no-managers",
        edits: &[("managers_among_reports: 2", "managers_among_reports: 1")],
    },
    NearMiss {
        rule: "kpi-no-business-wide",
        edits: &[(
            "scope: business-wide\n    unit: EUR",
            "scope: department\n    unit: EUR",
        )],
    },
    NearMiss {
        rule: "kpi-target-missed",
        edits: &[("actual: 2800000", "actual: 2600000")],
    },
    // A miss the KPI's note explains is not held against the case.
    NearMiss {
        rule: "kpi-target-missed",
        edits: &[(
            "actual: 2800000",
            "actual: 2500000\n    note: A partner went bankrupt in Q2; the replacement channel closes the gap by March.",
        )],
    },
    // Lower is better: an actual under the target is a target met.
    NearMiss {
        rule: "kpi-target-missed",
        edits: &[(
            "actual: 2800000",
            "actual: 2500000\n    direction: lower-is-better",
        )],
    },
    NearMiss {
        rule: "cross-functional-narrow",
        edits: &[(
            "partner_departments: [Sales, Finance]",
            "partner_departments: [Sales, Legal]",
        )],
    },
    NearMiss {
        rule: "cross-functional-none-led",
        edits: &[("role: led", "role: co-led")],
    },
    NearMiss {
        rule: "visibility-missing",
        edits: &[("date: 2026-03-18", "date: 2025-07-01")],
    },
    NearMiss {
        rule: "sponsor-missing",
        edits: &[("level: c-level", "level: director")],
    },
    NearMiss {
        rule: "customer-outcome-missing",
        edits: &[(
            "dimensions: [business-kpis, customer]",
            "dimensions: [business-kpis]",
        )],
    },
    NearMiss {
        rule: "change-missing",
        edits: &[
            (
                "changes_led:\n  - change: Moved the team from campaign pods to funnel stages\n    date: 2024-10\n    outcome: Cycle time per campaign down 30%.\n",
                "",
            ),
            (
                "dimensions: [innovation]",
                "dimensions: [innovation, change]",
            ),
        ],
    },
    // A successor ready after the ask is fine when an interim plan covers the gap.
    NearMiss {
        rule: "succession-late",
        edits: &[("readiness: 2026-12", "readiness: 2027-06")],
    },
    NearMiss {
        rule: "succession-no-development",
        edits: &[
            ("readiness: 2026-12", "readiness: ready-now"),
            (
                "      development:\n        - {action: Run the Q3 planning cycle, by: 2026-09}\n",
                "",
            ),
        ],
    },
    NearMiss {
        rule: "evidence-stale",
        edits: &[(
            "{start: 2025-01, end: 2025-12}\n    context",
            "{start: 2023-01, end: 2024-07}\n    context",
        )],
    },
    // A month is in the future only when it starts after the case date.
    NearMiss {
        rule: "date-in-future",
        edits: &[("date: 2025-02", "date: 2026-06")],
    },
    // Money that fell, or that rose with its direction said, needs nothing more.
    NearMiss {
        rule: "outcome-direction-missing",
        edits: &[(
            "baseline: 1800000, result: 2900000, unit: EUR, direction: higher-is-better}",
            "baseline: 2900000, result: 1800000, unit: EUR}",
        )],
    },
    NearMiss {
        rule: "currency-mismatch",
        edits: &[(
            "unit: EUR\n    baseline: 2100000",
            "unit: \"€\"\n    baseline: 2100000",
        )],
    },
    // Growth rates and net revenue retention pass 100% legitimately.
    NearMiss {
        rule: "percent-out-of-range",
        edits: &[
            ("actual: 88", "actual: 188"),
            ("category: customer-satisfaction", "category: growth"),
        ],
    },
    NearMiss {
        rule: "percent-out-of-range",
        edits: &[
            (
                "name: Customer satisfaction\n    category: customer-satisfaction",
                "name: Net revenue retention\n    category: retention",
            ),
            ("actual: 88", "actual: 106"),
        ],
    },
    NearMiss {
        rule: "weak-verb",
        edits: &[(
            "actions: Built the partner programme",
            "actions: Built the helpers' partner programme",
        )],
    },
    NearMiss {
        rule: "vague-quantity",
        edits: &[(
            "outcome: Lead response time down from 3 days to 4 hours.",
            "outcome: Lead response time down significantly, from 3 days to 4 hours.",
        )],
    },
    NearMiss {
        rule: "track-evidence-missing",
        edits: &[("track: marketing", "track: other")],
    },
    // The starter's sentence, finished in the writer's own words, is theirs.
    NearMiss {
        rule: "placeholder-text",
        edits: &[(
            "why_now: Marketing now sources 45% of pipeline and needs a seat in revenue planning.",
            "why_now: What has changed in the business that makes this the right moment is the 2027 plan.",
        )],
    },
    // A business reason, in the business's terms, with the candidate's part in it.
    NearMiss {
        rule: "ask-why-now-personal",
        edits: &[(
            "why_now: Marketing now sources 45% of pipeline and needs a seat in revenue planning.",
            "why_now: The company enters two new markets in 2027 and nobody owns their pipeline.",
        )],
    },
    // Resources named as the means to a business result.
    NearMiss {
        rule: "ask-resources-only",
        edits: &[(
            "    - Nobody owns pipeline targets across Marketing and Sales",
            "    - Churn of new customers is 8%; more headcount in onboarding would halve it",
        )],
    },
    NearMiss {
        rule: "logo-unusable",
        edits: &[(
            "until she is ready.",
            "until she is ready.\nbranding:\n  logo: docs/brief.png",
        )],
    },
    NearMiss {
        rule: "ask-target-date-past",
        edits: &[("target_date: 2027-01", "target_date: 2026-06")],
    },
    NearMiss {
        rule: "waiver-no-reason",
        edits: &[(
            "until she is ready.\n",
            "until she is ready.\nwaivers:\n  - rule: weak-verb\n    reason: The company style guide asks for plural voice.\n",
        )],
    },
];

#[test]
fn the_base_fixture_has_no_finding() {
    let findings = findings_of(BASE);
    assert!(findings.is_empty(), "{findings:#?}");
}

#[test]
fn every_rule_has_a_triggering_row() {
    let output = promocase(&["rules", "--format", "json"]);
    let rules: Value = serde_json::from_slice(&output.stdout).expect("json");
    let ids: Vec<&str> = rules
        .as_array()
        .map(|a| a.iter().filter_map(|r| r["id"].as_str()).collect())
        .unwrap_or_default();
    assert!(ids.len() > 30, "{ids:?}");
    for id in ids {
        assert!(
            ROWS.iter().any(|row| row.rule == id),
            "no fixture triggers `{id}`"
        );
    }
}

/// The command line reports what the library does: the base fixture, a rule
/// that points at a phrase (columns in characters) and a section missing from
/// the file (no place of its own), through the real binary.
#[test]
fn the_binary_reports_what_the_library_finds() {
    let through_binary = findings_of_binary(BASE);
    assert!(through_binary.is_empty(), "{through_binary:#?}");
    for rule in ["weak-verb", "risk-missing"] {
        let row = ROWS
            .iter()
            .find(|row| row.rule == rule)
            .unwrap_or_else(|| panic!("no row for {rule}"));
        let text = apply(row.edits);
        let through_binary = findings_of_binary(&text);
        assert!(
            through_binary.iter().any(|f| f["rule"] == rule),
            "{rule}: {through_binary:#?}"
        );
        assert_eq!(through_binary, findings_of(&text), "{rule}");
    }
}

#[test]
fn each_rule_triggers_at_its_place() {
    let mut failures = Vec::new();
    for row in ROWS {
        let text = apply(row.edits);
        let findings = findings_of(&text);
        let found: Vec<&Value> = findings.iter().filter(|f| f["rule"] == row.rule).collect();
        let Some(first) = found.first() else {
            failures.push(format!(
                "{}: not triggered; got {:?}",
                row.rule,
                findings.iter().map(|f| &f["rule"]).collect::<Vec<_>>()
            ));
            continue;
        };
        let actual = (first["line"].as_u64(), first["column"].as_u64());
        let expected = match row.at {
            Some(marked) => {
                let (line, column) = position_of(&text, marked);
                (Some(line), Some(column))
            }
            None => {
                // A missing section points where it belongs: at the first
                // section that follows it in the format's order.
                let section = first["path"]
                    .as_str()
                    .and_then(|p| p.split('/').nth(1))
                    .unwrap_or_default();
                let order = SECTIONS.iter().position(|s| *s == section);
                let next = order
                    .and_then(|i| {
                        SECTIONS[i + 1..]
                            .iter()
                            .find(|s| text.lines().any(|l| l.starts_with(&format!("{s}:"))))
                    })
                    .unwrap_or_else(|| panic!("{}: no section follows `{section}`", row.rule));
                let (line, column) = position_of(&text, &format!("\n»{next}:"));
                (Some(line), Some(column))
            }
        };
        if actual != expected {
            failures.push(format!(
                "{}: at {actual:?}, expected {expected:?}",
                row.rule
            ));
        }
        for key in ["message", "hint"] {
            if first[key].as_str().is_none_or(|s| s.len() < 20) {
                failures.push(format!(
                    "{}: {key} is missing or too short to help",
                    row.rule
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn near_misses_do_not_trigger() {
    let mut failures = Vec::new();
    for near in NEAR_MISSES {
        let findings = findings_of(&apply(near.edits));
        if let Some(hit) = findings.iter().find(|f| f["rule"] == near.rule) {
            failures.push(format!("{}: {}", near.rule, hit["message"]));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The rule ids and `line:column` of every finding of `rule` in `text`.
fn places_of(text: &str, rule: &str) -> Vec<(u64, u64)> {
    findings_of(text)
        .iter()
        .filter(|f| f["rule"] == rule)
        .map(|f| {
            (
                f["line"].as_u64().unwrap_or(0),
                f["column"].as_u64().unwrap_or(0),
            )
        })
        .collect()
}

#[test]
fn every_weak_verb_of_a_field_is_reported_at_its_own_column() {
    let text = apply(&[(
        "actions: Designed the routing rules and negotiated the service levels with Sales.",
        "actions: Helped plan the rollout and was responsible for the runbook.",
    )]);
    assert_eq!(
        places_of(&text, "weak-verb"),
        [
            position_of(&text, "actions: »Helped plan"),
            position_of(&text, "was »responsible for the runbook"),
        ]
    );
}

#[test]
fn every_vague_quantity_of_a_field_is_reported_at_its_own_column() {
    let text = apply(&[(
        "actions: Designed the routing rules and negotiated the service levels with Sales.",
        "actions: Cut many handovers and saved significant time across several teams.",
    )]);
    assert_eq!(
        places_of(&text, "vague-quantity"),
        [
            position_of(&text, "Cut »many handovers"),
            position_of(&text, "saved »significant time"),
            position_of(&text, "across »several teams"),
        ]
    );
}

#[test]
fn every_self_centred_phrase_of_why_now_is_reported() {
    let text = apply(&[(
        "why_now: Marketing now sources 45% of pipeline and needs a seat in revenue planning.",
        "why_now: After 7 years in the role I feel ready, and I deserve the title.",
    )]);
    assert_eq!(
        places_of(&text, "ask-why-now-personal"),
        [
            position_of(&text, "7 »years in the role"),
            position_of(&text, "role »I feel ready"),
            position_of(&text, "and »I deserve the"),
        ]
    );
}
