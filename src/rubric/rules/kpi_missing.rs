//! `kpi-missing`: the case has no KPIs at all: the business has no numbers
//! to judge the candidate by.

use super::prelude::*;

pub const RULE: Rule = Rule {
    id: "kpi-missing",
    dimension: Some(DimensionId::BusinessKpis),
    summary: "The case lists no KPIs with baseline, target and actual",
    explanation: "Directors answer for results, and results are numbers. A case without KPIs asks the \
executive to take your impact on trust; the gap in business acumen (financials, market, customers) is one \
of the most cited reasons managers are not promoted.\n\n\
Good evidence: a few KPIs you own, each with baseline, target, actual, unit, period and where the numbers \
come from.",
    example: "kpis:\n  - name: Marketing-sourced pipeline\n    category: revenue\n    scope: business-wide\n    unit: EUR\n    baseline: 1800000\n    target: 2600000\n    actual: 2900000\n    period: {start: 2025-01, end: 2025-12}\n    source: Salesforce, Finance-reconciled\n",
    check,
};

fn check(ctx: &CheckContext<'_>, out: &mut Emitter<'_>) {
    if ctx.case.kpis.is_empty() {
        out.at(
            "/kpis",
            "The case has no KPIs: without baseline, target and actual, an executive cannot see the business results you answer for",
            "add a `kpis:` section with the two to five numbers you own; `promocase explain kpi-missing` shows a complete one",
        );
    }
}
