//! `customer-outcome-missing`: nothing shows an outcome for customers.
//! Counts achievements tagged `customer` and customer or retention KPIs.

use crate::rubric::rule::prelude::*;
use crate::model::{Dimension, KpiCategory};

pub const RULE: Rule = Rule {
    id: "customer-outcome-missing",
    dimension: Some(Dimension::Customer),
    builtin: BuiltinSeverity {
        senior_manager: RuleSetting::Info,
        director: RuleSetting::Warning,
        vp: RuleSetting::Warning,
    },
    summary: "No measured outcome for customers: satisfaction, retention or delivery of what they asked for",
    explanation: r#"
    Executives judge every department by what it does for customers in the end. Even an internal
    function (IT, finance, HR) serves customers through others; a case that never mentions them
    suggests a view limited to the department.

    Good evidence: an achievement tagged `customer` with a measured outcome, or a KPI in
    customer-satisfaction or retention with its actual value.
"#,
    example: r#"kpis:
  - name: Customer satisfaction (CSAT)
    category: customer-satisfaction
    scope: business-wide
    unit: "%"
    baseline: 78
    target: 85
    actual: 88
"#,
    texts: &[
        (
            "message",
            "Nothing in the case shows a measured outcome for customers: executives judge every department by what reaches them in the end",
        ),
        (
            "hint",
            "give the achievement that improved things for customers `dimensions: [customer]` and a measured outcome, or add a customer-satisfaction or retention KPI with its actual",
        ),
    ],
    check,
};

fn check(ctx: &CheckContext<'_>, out: &mut Emitter<'_>) {
    // A claim for customers counts when it is measured.
    let tagged = ctx.case.achievements.iter().any(|a| {
        a.dimensions.contains(&Dimension::Customer) && a.outcomes.iter().any(|o| o.result.is_some())
    });
    let kpi = ctx.case.kpis.iter().any(|k| {
        matches!(
            k.category,
            KpiCategory::CustomerSatisfaction | KpiCategory::Retention
        ) && k.actual.is_some()
    });
    if !tagged && !kpi {
        out.at(
            "/achievements",
            out.say("message", &[]),
            out.say("hint", &[]),
        );
    }
}
