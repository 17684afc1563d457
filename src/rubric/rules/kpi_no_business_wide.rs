//! `kpi-no-business-wide`: only department metrics. A director answers for
//! results of the business; threshold `min_business_wide_kpis`.

use super::prelude::*;
use crate::model::{KpiCategory, KpiScope};

pub const RULE: Rule = Rule {
    id: "kpi-no-business-wide",
    dimension: Some(DimensionId::BusinessKpis),
    summary: "No business-wide KPI in a business category (revenue, margin, growth, cost, retention, customer satisfaction)",
    explanation: "Metrics that describe your team's activity (tickets closed, campaigns shipped) show you \
run a department well. Executives promote people who move the business: revenue, margin, growth, cost, \
retention, customer satisfaction. At least one of your KPIs should be business-wide and in one of those \
categories, even if you share it with other leaders.\n\n\
Good evidence: a KPI with `scope: business-wide` and a business category, with your contribution explained \
in an achievement.",
    example: "kpis:\n  - name: Gross margin on online orders\n    category: margin\n    scope: business-wide\n    unit: \"%\"\n    baseline: 31\n    target: 34\n    actual: 35.2\n    period: {start: 2025-01, end: 2025-12}\n",
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
        out.at(
            "/kpis",
            format!(
                "{} business-wide KPI in revenue, margin, growth, cost, retention or customer satisfaction (at least {minimum} expected): the case shows a well-run department, not business results",
                if count == 0 { "No".to_string() } else { format!("Only {count}") }
            ),
            "add the business result your work moves, with `scope: business-wide` and a business `category`, and explain your share of it in an achievement",
        );
    }
}
