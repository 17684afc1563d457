//! `succession-late`: no successor is ready by the requested promotion date.
//! Readiness bands are measured from `as_of` (6-12-months means ready at the
//! latest twelve months after it). A written interim plan flags the gap.

use crate::rubric::rule::prelude::*;

pub const RULE: Rule = Rule {
    id: "succession-late",
    dimension: Some(Dimension::Succession),
    builtin: BuiltinSeverity {
        senior_manager: RuleSetting::Info,
        director: RuleSetting::Warning,
        vp: RuleSetting::Error,
    },
    summary: "No successor is ready by the requested promotion date, and no interim plan covers the gap",
    explanation: r#"
    A successor who will be ready a year after you move leaves a year-long hole. Executives will
    notice the dates do not line up. Either ask for a date that matches your successor's
    readiness, speed up their development, or say who covers the role in between.

    Good evidence: a successor ready no later than `ask.target_date`, or an `interim_plan` that
    says who covers what until they are.
"#,
    example: r#"ask:
  target_date: 2026-07
succession:
  successors:
    - {name: Lena Vogt, current_role: Team Lead, readiness: 2026-06}
  interim_plan: Until June, Lena runs campaigns and I keep the budget
"#,
    texts: &[
        (
            "message",
            "Your promotion is asked for {target}, but {name}, your readiest successor, may only be ready by {date}: the role would be left without a leader",
        ),
        (
            "hint",
            "add `interim_plan:` saying who covers what until then, move `ask.target_date`, or plan development that makes the successor ready sooner",
        ),
    ],
    check,
};

fn check(ctx: &CheckContext<'_>, out: &mut Emitter<'_>) {
    let Some(succession) = &ctx.case.succession else {
        return;
    };
    if succession.successors.is_empty() {
        return;
    }
    let target = ctx.target_date();
    let ready_in_time = succession
        .successors
        .iter()
        .any(|s| s.readiness.ready_by(ctx.as_of) <= target);
    let interim = succession
        .interim_plan
        .as_deref()
        .is_some_and(|p| !p.trim().is_empty());
    if ready_in_time || interim {
        return;
    }
    let soonest = succession
        .successors
        .iter()
        .enumerate()
        .min_by_key(|(_, s)| s.readiness.ready_by(ctx.as_of))
        .map(|(i, s)| (i, s.readiness.ready_by(ctx.as_of), &s.name));
    if let Some((index, ready_by, name)) = soonest {
        out.at(
            &format!("/succession/successors/{index}/readiness"),
            out.say(
                "message",
                &[
                    ("target", &show_date(&ctx.case.ask.target_date)),
                    ("name", name),
                    ("date", &ready_by.format("%Y-%m").to_string()),
                ],
            ),
            out.say("hint", &[]),
        );
    }
}
