//! `strategy-no-roadmap`: a vision with no dated milestones. It is the
//! roadmap that makes a vision credible and checkable.

use crate::rubric::rule::prelude::*;

pub const RULE: Rule = Rule {
    id: "strategy-no-roadmap",
    dimension: Some(Dimension::Strategy),
    builtin: BuiltinSeverity {
        senior_manager: RuleSetting::Info,
        director: RuleSetting::Info,
        vp: RuleSetting::Warning,
    },
    summary: "The vision has no roadmap milestones with dates",
    explanation: r#"
    A vision without milestones is hard to believe and impossible to hold anyone to. Executives
    want to see the first steps and when they land, so they can judge whether the plan is real
    and how they would know it is working.

    Good evidence: three to six milestones across the horizon, each with a month and an
    observable result.
"#,
    example: r#"vision:
  statement: Half of new revenue sourced by marketing by FY2027.
  horizon_months: 24
  roadmap:
    - {date: 2026-03, milestone: Attribution model agreed with Sales and Finance}
    - {date: 2026-09, milestone: Partner channel live in two countries}
"#,
    texts: &[
        (
            "message",
            "The vision has no roadmap: without dated milestones an executive cannot tell how the strategy starts or how progress would show",
        ),
        (
            "hint",
            "add `roadmap:` under `vision:` with a few `{date: YYYY-MM, milestone: ...}` items across the horizon",
        ),
    ],
    check,
};

fn check(ctx: &CheckContext<'_>, out: &mut Emitter<'_>) {
    let Some(vision) = &ctx.case.vision else {
        return;
    };
    if vision.roadmap.is_empty() {
        out.at(
            "/vision/roadmap",
            out.say("message", &[]),
            out.say("hint", &[]),
        );
    }
}
