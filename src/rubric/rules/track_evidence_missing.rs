//! `track-evidence-missing`: evidence the rubric requires of the candidate's
//! track (`tracks:` in the rubric file), e.g. a marketing director shows a
//! budget allocation decision. Findings count against the dimension the
//! evidence belongs to.

use crate::rubric::rule::prelude::*;
use crate::model::{AudienceLevel, Case, KpiCategory};
use crate::rubric::config::EvidenceKind;

pub const RULE: Rule = Rule {
    id: "track-evidence-missing",
    dimension: Some(Dimension::Evidence),
    builtin: BuiltinSeverity {
        senior_manager: RuleSetting::Info,
        director: RuleSetting::Warning,
        vp: RuleSetting::Warning,
    },
    summary: "Evidence the rubric expects of the candidate's track is missing",
    explanation: r#"
    Each function is judged on its own terms: a marketing director on how the budget is
    allocated, a sales director on revenue, an IT director on security. The rubric lists, per
    track, the evidence an executive of that function will look for (`promocase rubric show
    director` prints the list; a company rubric can change it).

    Good evidence: the item the finding names, in the section it points at.
"#,
    example: r#"candidate: {track: marketing}
scope:
  budget:
    amount: 1850000
    currency: EUR
    ownership: owned
    allocation_decisions:
      - {decision: Moved 30% of paid search to partner events, result: Pipeline per euro up 35%, date: 2025-03}
visibility:
  - {date: 2026-02-12, audience: Supervisory board, level: board, topic: Marketing strategy for FY2027}
"#,
    texts: &[
        ("message", "The case shows no {what}. {why}"),
        (
            "hint",
            "add a {what} under `{field}`; `promocase rubric show {level}` lists what each track must show",
        ),
        ("budget-allocation-decision", "budget allocation decision"),
        ("headcount-plan", "headcount plan"),
        ("decision-record", "decision record"),
        ("board-presentation", "presentation to the board"),
        ("senior-hire", "senior hire"),
        ("change-led", "change you led"),
        ("revenue-kpi", "revenue KPI"),
        ("margin-kpi", "margin KPI"),
        ("cost-kpi", "cost KPI"),
        ("customer-kpi", "customer-satisfaction or retention KPI"),
        ("quality-kpi", "quality KPI"),
        ("delivery-kpi", "delivery KPI"),
        ("people-kpi", "people KPI"),
        ("compliance-risk", "compliance risk with its mitigation"),
        ("security-risk", "security risk with its mitigation"),
    ],
    check,
};

/// Whether the case holds the evidence, where to point when it does not, the dimension it weakens,
/// and the name of the text that says what the evidence is.
fn evaluate(case: &Case, kind: EvidenceKind) -> (bool, &'static str, Dimension, &'static str) {
    let kpi = |category: KpiCategory| case.kpis.iter().any(|k| k.category == category);
    let risk_area = |area: &str| {
        case.risks.iter().any(|r| {
            r.area
                .as_deref()
                .is_some_and(|a| a.to_lowercase().contains(area))
        })
    };
    let budget = case.scope.as_ref().and_then(|s| s.budget.as_ref());
    match kind {
        EvidenceKind::BudgetAllocationDecision => (
            budget.is_some_and(|b| !b.allocation_decisions.is_empty()),
            "/scope/budget/allocation_decisions",
            Dimension::Budget,
            "budget-allocation-decision",
        ),
        EvidenceKind::HeadcountPlan => (
            case.scope
                .as_ref()
                .is_some_and(|s| s.headcount_plan.is_some()),
            "/scope/headcount_plan",
            Dimension::Budget,
            "headcount-plan",
        ),
        EvidenceKind::DecisionRecord => (
            !case.decisions.is_empty(),
            "/decisions",
            Dimension::Ambiguity,
            "decision-record",
        ),
        EvidenceKind::BoardPresentation => (
            case.visibility
                .iter()
                .any(|v| v.level == AudienceLevel::Board),
            "/visibility",
            Dimension::Visibility,
            "board-presentation",
        ),
        EvidenceKind::SeniorHire => (
            case.people_development
                .as_ref()
                .is_some_and(|p| !p.senior_hires.is_empty()),
            "/people_development/senior_hires",
            Dimension::Leadership,
            "senior-hire",
        ),
        EvidenceKind::ChangeLed => (
            !case.changes_led.is_empty(),
            "/changes_led",
            Dimension::Change,
            "change-led",
        ),
        EvidenceKind::RevenueKpi => (
            kpi(KpiCategory::Revenue),
            "/kpis",
            Dimension::BusinessKpis,
            "revenue-kpi",
        ),
        EvidenceKind::MarginKpi => (
            kpi(KpiCategory::Margin),
            "/kpis",
            Dimension::BusinessKpis,
            "margin-kpi",
        ),
        EvidenceKind::CostKpi => (
            kpi(KpiCategory::Cost),
            "/kpis",
            Dimension::BusinessKpis,
            "cost-kpi",
        ),
        EvidenceKind::CustomerKpi => (
            kpi(KpiCategory::CustomerSatisfaction) || kpi(KpiCategory::Retention),
            "/kpis",
            Dimension::Customer,
            "customer-kpi",
        ),
        EvidenceKind::QualityKpi => (
            kpi(KpiCategory::Quality),
            "/kpis",
            Dimension::BusinessKpis,
            "quality-kpi",
        ),
        EvidenceKind::DeliveryKpi => (
            kpi(KpiCategory::Delivery),
            "/kpis",
            Dimension::BusinessKpis,
            "delivery-kpi",
        ),
        EvidenceKind::PeopleKpi => (
            kpi(KpiCategory::People),
            "/kpis",
            Dimension::Leadership,
            "people-kpi",
        ),
        EvidenceKind::ComplianceRisk => (
            risk_area("compliance"),
            "/risks",
            Dimension::Risk,
            "compliance-risk",
        ),
        EvidenceKind::SecurityRisk => (
            risk_area("security"),
            "/risks",
            Dimension::Risk,
            "security-risk",
        ),
    }
}

fn check(ctx: &CheckContext<'_>, out: &mut Emitter<'_>) {
    let track = ctx.case.candidate.track;
    let Some(requirements) = ctx.rubric.tracks.get(&track) else {
        return;
    };
    for requirement in requirements {
        let (present, pointer, dimension, what) = evaluate(ctx.case, requirement.evidence);
        if !present {
            let what = out.say(what, &[]);
            let message = out.say(
                "message",
                &[("what", &what), ("why", requirement.why.trim())],
            );
            let hint = out.say(
                "hint",
                &[
                    ("what", &what),
                    ("field", &pointer.trim_start_matches('/').replace('/', ".")),
                    ("level", ctx.rubric.level.id()),
                ],
            );
            out.at_in_dimension(pointer, dimension, message, hint);
            if let Some(finding) = out.findings.last_mut() {
                finding.reason = Some(requirement.why.trim().to_string());
            }
        }
    }
}
