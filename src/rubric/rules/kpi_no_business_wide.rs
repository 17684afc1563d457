//! `kpi-no-business-wide`: only department metrics. A director answers for
//! results of the business; threshold `min_business_wide_kpis`.

use crate::rubric::rule::prelude::*;
use crate::model::{KpiCategory, KpiScope};

pub const RULE: Rule = Rule {
    id: "kpi-no-business-wide",
    dimension: Some(Dimension::BusinessKpis),
    builtin: BuiltinSeverity {
        senior_manager: RuleSetting::Warning,
        director: RuleSetting::Error,
        vp: RuleSetting::Error,
    },
    summary: "No business-wide KPI in a business category (revenue, margin, growth, cost, retention, customer satisfaction)",
    explanation: r#"
    Metrics that describe your team's activity (tickets closed, campaigns shipped) show you run
    a department well. Executives promote people who move the business: revenue, margin, growth,
    cost, retention, customer satisfaction. At least one of your KPIs should be business-wide
    and in one of those categories, even if you share it with other leaders.

    Good evidence: a KPI with `scope: business-wide` and a business category, with your
    contribution explained in an achievement.
"#,
    example: r#"kpis:
  - name: Gross margin on online orders
    category: margin
    scope: business-wide
    unit: "%"
    baseline: 31
    target: 34
    actual: 35.2
    period: {start: 2025-01, end: 2025-12}
  - name: Customer retention, all segments
    category: retention
    scope: business-wide
    unit: "%"
    baseline: 88
    target: 91
    actual: 92.5
    period: {start: 2025-01, end: 2025-12}
"#,
    texts: &[
        (
            "none",
            "No business-wide KPI in revenue, margin, growth, cost, retention or customer satisfaction (at least {minimum} expected): the case shows a well-run department, not business results",
        ),
        (
            "too-few",
            "Only {count} business-wide KPI in revenue, margin, growth, cost, retention or customer satisfaction (at least {minimum} expected): the case shows a well-run department, not business results",
        ),
        (
            "hint",
            "add the business result your work moves, with `scope: business-wide` and a business `category`, and explain your share of it in an achievement",
        ),
    ],
    check,
};

fn is_business_category(category: KpiCategory) -> bool {
    matches!(
        category,
        KpiCategory::Revenue
            | KpiCategory::Margin
            | KpiCategory::Growth
            | KpiCategory::Cost
            | KpiCategory::Retention
            | KpiCategory::CustomerSatisfaction
    )
}

fn check(ctx: &CheckContext<'_>, out: &mut Emitter<'_>) {
    if ctx.case.kpis.is_empty() {
        return; // kpi-missing says it
    }
    let minimum = ctx.thresholds().min_business_wide_kpis as usize;
    let count = ctx
        .case
        .kpis
        .iter()
        .filter(|k| k.scope == KpiScope::BusinessWide && is_business_category(k.category))
        .count();
    if count < minimum {
        let minimum = format::count(ctx.locale, minimum as u64);
        let message = if count == 0 {
            out.say("none", &[("minimum", &minimum)])
        } else {
            let count = format::count(ctx.locale, count as u64);
            out.say("too-few", &[("count", &count), ("minimum", &minimum)])
        };
        out.at("/kpis", message, out.say("hint", &[]));
    }
}
