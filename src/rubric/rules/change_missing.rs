//! `change-missing`: no change led. Counts `changes_led` and achievements
//! tagged `change`.

use crate::rubric::rule::prelude::*;
use crate::model::Dimension;

pub const RULE: Rule = Rule {
    id: "change-missing",
    dimension: Some(Dimension::Change),
    builtin: BuiltinSeverity {
        senior_manager: RuleSetting::Info,
        director: RuleSetting::Warning,
        vp: RuleSetting::Warning,
    },
    summary: "No change led: a reorganisation, a new process or tool, a market shift",
    explanation: r#"
    Resisting change is one of the reasons managers stay where they are; directors lead their
    organisation through it. One change you led (a reorganisation, a new tool, a response to a
    market shift), and how the team came through it, shows you can carry people with you.

    Good evidence: `changes_led` with the change, the date and how the team came through it,
    with a measure.
"#,
    example: r#"changes_led:
  - change: Moved the team from campaign pods to a funnel-stage structure
    date: 2024-10
    outcome: No regretted attrition, cycle time per campaign down 30%
"#,
    texts: &[
        (
            "message",
            "The case shows no change you led: executives look for someone who carries a team through a reorganisation, a new process or a market shift",
        ),
        (
            "hint",
            "add `changes_led:` with the change, its date and how the team came through it",
        ),
    ],
    check,
};

fn check(ctx: &CheckContext<'_>, out: &mut Emitter<'_>) {
    let tagged = ctx
        .case
        .achievements
        .iter()
        .any(|a| a.dimensions.contains(&Dimension::Change));
    if ctx.case.changes_led.is_empty() && !tagged {
        out.at(
            "/changes_led",
            out.say("message", &[]),
            out.say("hint", &[]),
        );
    }
}
