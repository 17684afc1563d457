//! `kpi-missing`: the case has no KPIs at all: the business has no numbers
//! to judge the candidate by.

use crate::rubric::rule::prelude::*;

pub const RULE: Rule = Rule {
    id: "kpi-missing",
    dimension: Some(Dimension::BusinessKpis),
    builtin: BuiltinSeverity {
        senior_manager: RuleSetting::Error,
        director: RuleSetting::Error,
        vp: RuleSetting::Error,
    },
    summary: "The case lists no KPIs with baseline, target and actual",
    explanation: r#"
    Directors answer for results, and results are numbers. A case without KPIs asks the
    executive to take your impact on trust; the gap in business acumen (financials, market,
    customers) is one of the most cited reasons managers are not promoted.

    Good evidence: a few KPIs you own, each with baseline, target, actual, unit, period and
    where the numbers come from.
"#,
    example: r#"kpis:
  - name: Marketing-sourced pipeline
    category: revenue
    scope: business-wide
    unit: EUR
    baseline: 1800000
    target: 2600000
    actual: 2900000
    period: {start: 2025-01, end: 2025-12}
    source: Salesforce, Finance-reconciled
"#,
    texts: &[
        (
            "message",
            "The case has no KPIs: without baseline, target and actual, an executive cannot see the business results you answer for",
        ),
        (
            "hint",
            "add a `kpis:` section with the two to five numbers you own; `promocase explain kpi-missing` shows a complete one",
        ),
    ],
    check,
};

fn check(ctx: &CheckContext<'_>, out: &mut Emitter<'_>) {
    if ctx.case.kpis.is_empty() {
        out.at(
            "/kpis",
            out.say("message", &[]),
            out.say("hint", &[]),
        );
    }
}
