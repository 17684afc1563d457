//! `strategy-short-horizon`: the vision looks no further than a manager's
//! planning cycle. The threshold is `strategy_min_horizon_months`.

use crate::rubric::rule::prelude::*;

pub const RULE: Rule = Rule {
    id: "strategy-short-horizon",
    dimension: Some(Dimension::Strategy),
    builtin: BuiltinSeverity {
        senior_manager: RuleSetting::Info,
        director: RuleSetting::Warning,
        vp: RuleSetting::Warning,
    },
    summary: "The vision's horizon is missing or shorter than the level expects",
    explanation: r#"
    Managers plan the quarter; directors plan one to three years ahead and work back to this
    quarter. A vision without a horizon, or with one of a few months, reads as an operating
    plan, not a strategy. The rubric sets the minimum (`strategy_min_horizon_months`, 12 for
    director, 24 for VP).

    Good evidence: `horizon_months` of 12 to 36, with roadmap milestones spread across it.
"#,
    example: r#"vision:
  statement: Half of new revenue sourced by marketing by the end of FY2027.
  horizon_months: 24
"#,
    texts: &[
        (
            "unknown",
            "The vision does not say how far ahead it looks, so a reader cannot tell a strategy from this year's plan",
        ),
        (
            "unknown-hint",
            "add `horizon_months:` to the vision; at this level it should be at least {minimum}",
        ),
        (
            "too-short",
            "The vision looks {months} months ahead; at this level a strategy looks at least {minimum} months ahead",
        ),
        (
            "too-short-hint",
            "extend the vision to {minimum} months or more and add roadmap milestones that reach that far",
        ),
    ],
    check,
};

fn check(ctx: &CheckContext<'_>, out: &mut Emitter<'_>) {
    let Some(vision) = &ctx.case.vision else {
        return;
    };
    let minimum = ctx.thresholds().strategy_min_horizon_months;
    let shown_minimum = format::count(ctx.locale, minimum.into());
    match vision.horizon_months {
        None => out.at(
            "/vision/horizon_months",
            out.say("unknown", &[]),
            out.say("unknown-hint", &[("minimum", &shown_minimum)]),
        ),
        Some(months) if months < minimum => out.at(
            "/vision/horizon_months",
            out.say(
                "too-short",
                &[
                    ("months", &format::count(ctx.locale, months.into())),
                    ("minimum", &shown_minimum),
                ],
            ),
            out.say("too-short-hint", &[("minimum", &shown_minimum)]),
        ),
        Some(_) => {}
    }
}
