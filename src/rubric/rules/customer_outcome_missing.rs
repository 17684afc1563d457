//! `customer-outcome-missing`: nothing shows an outcome for customers.
//! Counts achievements tagged `customer` and customer or retention KPIs.

use super::prelude::*;
use crate::model::{Dimension, KpiCategory};

pub const RULE: Rule = Rule {
    id: "customer-outcome-missing",
    dimension: Some(DimensionId::Customer),
    summary: "No outcome for customers: satisfaction, retention or delivery of what they asked for",
    explanation: "Executives judge every department by what it does for customers in the end. Even an \
internal function (IT, finance, HR) serves customers through others; a case that never mentions them \
suggests a view limited to the department.\n\n\
Good evidence: an achievement tagged `customer` with a measured outcome, or a KPI in customer-satisfaction \
or retention.",
    example: "kpis:\n  - name: Customer satisfaction (CSAT)\n    category: customer-satisfaction\n    scope: business-wide\n    unit: \"%\"\n    baseline: 78\n    target: 85\n    actual: 88\n",
    check,
};

fn check(ctx: &CheckContext<'_>, out: &mut Emitter<'_>) {
    let tagged = ctx
        .case
        .achievements
        .iter()
        .any(|a| a.dimensions.contains(&Dimension::Customer));
    let kpi = ctx.case.kpis.iter().any(|k| {
        matches!(
            k.category,
            KpiCategory::CustomerSatisfaction | KpiCategory::Retention
        )
    });
    if !tagged && !kpi {
        out.at(
            "/achievements",
            "Nothing in the case shows an outcome for customers: executives judge every department by what reaches them in the end",
            "tag an achievement that improved things for customers with `dimensions: [customer]`, or add a customer-satisfaction or retention KPI",
        );
    }
}
