//! `percent-out-of-range`: a percentage that cannot be: above `percent_max`
//! (or below 0) for a measure bounded by nature (satisfaction, quality,
//! delivery, people, margin). Growth, revenue, cost and retention may pass 100%
//! (net revenue retention of 106% is normal), so they are left alone.

use crate::rubric::rule::prelude::*;
use crate::model::KpiCategory;

pub const RULE: Rule = Rule {
    id: "percent-out-of-range",
    dimension: Some(Dimension::Evidence),
    builtin: BuiltinSeverity {
        senior_manager: RuleSetting::Error,
        director: RuleSetting::Error,
        vp: RuleSetting::Error,
    },
    summary: "A percentage is above 100 (or below 0) for a measure that cannot be",
    explanation: r#"
    A satisfaction score of 140% or a margin of -250% is almost always a typo or a unit mix-up
    (a count written as a percentage, a fraction written as a percentage). Executives notice,
    and one impossible number makes every other number suspect. Only measures bounded by nature
    are checked: satisfaction, quality, delivery and people KPIs, margins, and outcomes that are
    not growth, change, return or retention figures (net revenue retention of 106% is normal).

    Good evidence: percentages between 0 and 100, with growth and change metrics named as such.
"#,
    example: r#"kpis:
  - {name: On-time delivery, category: delivery, scope: business-wide, unit: "%", baseline: 91.5, target: 96, actual: 97.1}
"#,
    texts: &[
        (
            "message",
            "\"{name}\" is given as {percent}, which this measure cannot be: it reads as a typo or a unit mix-up",
        ),
        (
            "hint",
            "check the number and its unit; if it is a growth rate, say so in the name (\"growth\", \"increase\") or use the growth category",
        ),
    ],
    check,
};

/// Names of measures that may pass 100%: growth, change, returns, retention.
fn may_exceed(name: &str) -> bool {
    let words = [
        "growth",
        "increase",
        "change",
        "uplift",
        "improvement",
        "yoy",
        "roi",
        "return",
        "retention",
        "nrr",
        "ndr",
        "index",
    ];
    find_phrase_in(name, &words.map(String::from)).is_some()
}

/// Whether a KPI category is a share of a whole, so bounded by 100% (and, but for margins, by 0).
fn bounds(category: KpiCategory) -> Option<bool> {
    match category {
        KpiCategory::CustomerSatisfaction
        | KpiCategory::Quality
        | KpiCategory::Delivery
        | KpiCategory::People => Some(true),
        KpiCategory::Margin => Some(false),
        _ => None,
    }
}

fn check(ctx: &CheckContext<'_>, out: &mut Emitter<'_>) {
    let max = ctx.thresholds().percent_max;
    let mut flag = |pointer: String, name: &str, value: Option<f64>, floor_at_zero: bool| {
        if let Some(value) = value
            && ((floor_at_zero && value < 0.0) || value > max)
        {
            let message = out.say(
                "message",
                &[("name", name), ("percent", &format::percent(ctx.locale, value))],
            );
            let hint = out.say("hint", &[]);
            out.at(&pointer, message, hint);
        }
    };
    for (i, kpi) in ctx.case.kpis.iter().enumerate() {
        let Some(floor) = bounds(kpi.category) else {
            continue;
        };
        if !is_percent(kpi.unit.as_deref()) || may_exceed(&kpi.name) {
            continue;
        }
        flag(
            format!("/kpis/{i}/baseline"),
            &kpi.name,
            kpi.baseline,
            floor,
        );
        flag(format!("/kpis/{i}/target"), &kpi.name, kpi.target, floor);
        flag(format!("/kpis/{i}/actual"), &kpi.name, kpi.actual, floor);
        for (j, point) in kpi.series.iter().enumerate() {
            flag(
                format!("/kpis/{i}/series/{j}/value"),
                &kpi.name,
                Some(point.value),
                floor,
            );
        }
    }
    for (i, achievement) in ctx.case.achievements.iter().enumerate() {
        for (j, outcome) in achievement.outcomes.iter().enumerate() {
            if !is_percent(outcome.unit.as_deref()) || may_exceed(&outcome.metric) {
                continue;
            }
            flag(
                format!("/achievements/{i}/outcomes/{j}/baseline"),
                &outcome.metric,
                outcome.baseline,
                false,
            );
            flag(
                format!("/achievements/{i}/outcomes/{j}/result"),
                &outcome.metric,
                outcome.result,
                false,
            );
        }
    }
}
