//! `ask-target-date-past`: the requested promotion date is before the case
//! date.

use crate::rubric::rule::prelude::*;

pub const RULE: Rule = Rule {
    id: "ask-target-date-past",
    dimension: Some(Dimension::TheAsk),
    builtin: BuiltinSeverity {
        senior_manager: RuleSetting::Error,
        director: RuleSetting::Error,
        vp: RuleSetting::Error,
    },
    summary: "The requested promotion date is already past",
    explanation: r#"
    A promotion asked for a date that has passed reads as a grievance rather than a plan. Ask in
    advance: pick a date after the next planning or talent-review cycle, and line your
    successor's readiness up with it.

    Good evidence: `ask.target_date` after `as_of`, ideally three to twelve months ahead.
"#,
    example: r#"as_of: 2025-11-01
ask:
  target_date: 2026-07
"#,
    texts: &[
        (
            "message",
            "The promotion is asked for {target}, before the case date ({date}): it reads as a grievance rather than a plan",
        ),
        (
            "hint",
            "pick a date after the next planning or talent-review cycle",
        ),
    ],
    check,
};

fn check(ctx: &CheckContext<'_>, out: &mut Emitter<'_>) {
    let target = &ctx.case.ask.target_date;
    if target.last_day() < ctx.as_of {
        out.at(
            "/ask/target_date",
            out.say(
                "message",
                &[
                    ("target", &show_date(target)),
                    ("date", &ctx.as_of.format("%Y-%m-%d").to_string()),
                ],
            ),
            out.say("hint", &[]),
        );
    }
}
