//! `kpi-target-missed`: actual against target, computed with the KPI's
//! direction. A miss is not fatal, but an executive will ask about it, so the
//! case should explain it first. Tolerance: `kpi_miss_tolerance_percent`.

use super::prelude::*;
use crate::model::{Direction, Kpi};

pub const RULE: Rule = Rule {
    id: "kpi-target-missed",
    dimension: Some(DimensionId::BusinessKpis),
    summary: "A KPI's actual misses its target (taking lower-is-better into account)",
    explanation: "Executives read a KPI table and compute actual against target before anything else. A \
missed target you do not mention looks like something hidden; one you explain (what happened, what you \
decided, what changed) shows judgement. Mind the direction: for costs and cycle times lower is better.\n\n\
Good evidence: either the target met, or a `note` on the KPI (or an achievement or decision record) \
that explains the miss and the correction.",
    example: "kpis:\n  - name: Cost per order\n    category: cost\n    scope: business-wide\n    unit: EUR\n    direction: lower-is-better\n    baseline: 4.10\n    target: 3.60\n    actual: 3.75\n    period: {start: 2025-01, end: 2025-12}\n    note: Diesel rose 14% in Q2; the new routing cut 0.35 EUR and closes the gap by Q2 2026.\n",
    check,
};

/// How far the actual misses the target, as a share of the target; `None` when met or not computable.
pub fn shortfall(kpi: &Kpi) -> Option<f64> {
    let (target, actual) = (kpi.target?, kpi.actual?);
    let gap = match kpi.direction {
        Direction::HigherIsBetter => target - actual,
        Direction::LowerIsBetter => actual - target,
    };
    if gap <= 0.0 {
        return None;
    }
    Some(if target == 0.0 {
        f64::INFINITY
    } else {
        gap / target.abs() * 100.0
    })
}

fn check(ctx: &CheckContext<'_>, out: &mut Emitter<'_>) {
    let tolerance = ctx.thresholds().kpi_miss_tolerance_percent;
    for (index, kpi) in ctx.case.kpis.iter().enumerate() {
        let Some(percent) = shortfall(kpi) else {
            continue;
        };
        // A miss the case explains in the KPI's own note is the judgement executives look for.
        if percent <= tolerance || kpi.note.as_deref().is_some_and(|n| !n.trim().is_empty()) {
            continue;
        }
        let unit = kpi.unit.as_deref();
        let (target, actual) = (
            kpi.target.unwrap_or_default(),
            kpi.actual.unwrap_or_default(),
        );
        let by = if percent.is_finite() {
            format!(" ({percent:.0}% short)")
        } else {
            String::new()
        };
        let direction = match kpi.direction {
            Direction::HigherIsBetter => "",
            Direction::LowerIsBetter => ", where lower is better",
        };
        out.at(
            &format!("/kpis/{index}/actual"),
            format!(
                "\"{}\" missed its target: {} against {}{direction}{by}; an executive will ask why before anything else",
                kpi.name,
                with_unit(actual, unit),
                with_unit(target, unit),
            ),
            "explain the miss before you are asked: add `note:` to the KPI saying what happened and what you changed",
        );
    }
}
