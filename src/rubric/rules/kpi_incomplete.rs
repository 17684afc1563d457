//! `kpi-incomplete`: a KPI without baseline, target, actual, unit or period
//! cannot be judged (met? by how much? over what time?).

use crate::rubric::rule::prelude::*;

pub const RULE: Rule = Rule {
    id: "kpi-incomplete",
    dimension: Some(Dimension::BusinessKpis),
    builtin: BuiltinSeverity {
        senior_manager: RuleSetting::Warning,
        director: RuleSetting::Warning,
        vp: RuleSetting::Error,
    },
    summary: "A KPI lacks its baseline, target, actual, unit or period",
    explanation: r#"
    A KPI is only evidence when a reader can see where it started, what was promised, what was
    delivered, in which unit and over what period. A number without a baseline hides the change;
    without a target it hides whether you delivered what you committed to.

    Good evidence: every KPI with `baseline`, `target`, `actual`, `unit` and `period`.
"#,
    example: r#"kpis:
  - name: Order cycle time
    category: delivery
    scope: department
    unit: days
    direction: lower-is-better
    baseline: 6.5
    target: 4
    actual: 3.8
    period: {start: 2025-01, end: 2025-12}
"#,
    texts: &[
        (
            "message",
            "The KPI \"{name}\" has no {missing}: a reader cannot tell what changed or whether you delivered what you committed to",
        ),
        (
            "hint",
            "add {fields} to this KPI: where it started, what you committed to, what you reached, in which unit and over what period",
        ),
        ("baseline", "baseline"),
        ("target", "target"),
        ("actual", "actual"),
        ("unit", "unit"),
        ("period", "period"),
    ],
    check,
};

fn check(ctx: &CheckContext<'_>, out: &mut Emitter<'_>) {
    for (index, kpi) in ctx.case.kpis.iter().enumerate() {
        let mut missing = Vec::new();
        if kpi.baseline.is_none() {
            missing.push("baseline");
        }
        if kpi.target.is_none() {
            missing.push("target");
        }
        if kpi.actual.is_none() {
            missing.push("actual");
        }
        if kpi.unit.as_deref().is_none_or(|u| u.trim().is_empty()) {
            missing.push("unit");
        }
        if kpi.period.is_none() {
            missing.push("period");
        }
        if let Some(first) = missing.first() {
            let pointer = format!("/kpis/{index}/{first}");
            let words = missing
                .iter()
                .map(|m| out.say(m, &[]))
                .collect::<Vec<_>>()
                .join(", ");
            let fields = missing
                .iter()
                .map(|m| format!("`{m}:`"))
                .collect::<Vec<_>>()
                .join(", ");
            out.at(
                &pointer,
                out.say("message", &[("name", &kpi.name), ("missing", &words)]),
                out.say("hint", &[("fields", &fields)]),
            );
        }
    }
}
