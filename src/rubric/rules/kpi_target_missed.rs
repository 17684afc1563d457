//! `kpi-target-missed`: actual against target, computed with the KPI's
//! direction. A miss is not fatal, but an executive will ask about it, so the
//! case should explain it first. Tolerance: `kpi_miss_tolerance_percent`.

use crate::rubric::rule::prelude::*;
use crate::model::{Direction, KpiStatus};

pub const RULE: Rule = Rule {
    id: "kpi-target-missed",
    dimension: Some(Dimension::BusinessKpis),
    builtin: BuiltinSeverity {
        senior_manager: RuleSetting::Info,
        director: RuleSetting::Warning,
        vp: RuleSetting::Warning,
    },
    summary: "A KPI's actual misses its target (taking lower-is-better into account)",
    explanation: r#"
    Executives read a KPI table and compute actual against target before anything else. A missed
    target you do not mention looks like something hidden; one you explain (what happened, what
    you decided, what changed) shows judgement. Mind the direction: for costs and cycle times
    lower is better.

    Good evidence: either the target met, or a `note` on the KPI (or an achievement or decision
    record) that explains the miss and the correction.
"#,
    example: r#"kpis:
  - name: Cost per order
    category: cost
    scope: business-wide
    unit: EUR
    direction: lower-is-better
    baseline: 4.10
    target: 3.60
    actual: 3.75
    period: {start: 2025-01, end: 2025-12}
    note: Diesel rose 14% in Q2; the new routing cut 0.35 EUR and closes the gap by Q2 2026.
"#,
    texts: &[
        (
            "message",
            "\"{name}\" missed its target: {actual} against {target}{direction}{by}; an executive will ask why before anything else",
        ),
        ("by", " ({percent} short)"),
        ("lower-is-better", ", where lower is better"),
        (
            "hint",
            "explain the miss before you are asked: add `note:` to the KPI saying what happened and what you changed",
        ),
    ],
    check,
};

fn check(ctx: &CheckContext<'_>, out: &mut Emitter<'_>) {
    for (index, kpi) in ctx.case.kpis.iter().enumerate() {
        // A miss inside the rubric's tolerance counts as met (see `Kpi::status`).
        if ctx.kpi_status(index) != KpiStatus::Missed {
            continue;
        }
        // A miss the case explains in the KPI's own note is the judgement executives look for.
        if kpi.note.as_deref().is_some_and(|n| !n.trim().is_empty()) {
            continue;
        }
        let percent = kpi.shortfall_percent().unwrap_or(f64::INFINITY);
        let unit = kpi.unit.as_deref();
        let (target, actual) = (
            kpi.target.unwrap_or_default(),
            kpi.actual.unwrap_or_default(),
        );
        let by = if percent.is_finite() {
            out.say("by", &[("percent", &format::percent(ctx.locale, percent.round()))])
        } else {
            String::new()
        };
        let direction = match kpi.direction {
            Direction::HigherIsBetter => String::new(),
            Direction::LowerIsBetter => out.say("lower-is-better", &[]),
        };
        let message = out.say(
            "message",
            &[
                ("name", &kpi.name),
                ("actual", &format::value(ctx.locale, actual, unit)),
                ("target", &format::value(ctx.locale, target, unit)),
                ("direction", &direction),
                ("by", &by),
            ],
        );
        out.at(&format!("/kpis/{index}/actual"), message, out.say("hint", &[]));
    }
}
