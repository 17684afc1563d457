//! `succession-no-development`: a successor who is not ready now, with no
//! development actions: the plan has no path to readiness.

use crate::rubric::rule::prelude::*;
use crate::model::Readiness;

pub const RULE: Rule = Rule {
    id: "succession-no-development",
    dimension: Some(Dimension::Succession),
    builtin: BuiltinSeverity {
        senior_manager: RuleSetting::Info,
        director: RuleSetting::Info,
        vp: RuleSetting::Warning,
    },
    summary: "A successor who is not ready now has no dated development actions",
    explanation: r#"
    "Ready in 6-12 months" is a promise; dated development actions are the plan behind it. They
    show the executive you are actively growing your successor, and give both of you a way to
    check progress.

    Good evidence: `development` with two or three actions and a month for each.
"#,
    example: r#"succession:
  successors:
    - name: Lena Vogt
      current_role: Team Lead
      readiness: 6-12-months
      development:
        - {action: Run the Q1 planning cycle, by: 2026-03}
        - {action: Present the channel review to the CMO, by: 2026-05}
"#,
    texts: &[
        (
            "message",
            "{name} is not ready yet and has no development actions: the readiness date is a hope, not a plan",
        ),
        ("hint", "add `development:` with two or three actions, each with `by: YYYY-MM`"),
    ],
    check,
};

fn check(ctx: &CheckContext<'_>, out: &mut Emitter<'_>) {
    let Some(succession) = &ctx.case.succession else {
        return;
    };
    for (index, successor) in succession.successors.iter().enumerate() {
        if successor.readiness != Readiness::ReadyNow && successor.development.is_empty() {
            out.at(
                &format!("/succession/successors/{index}/development"),
                out.say("message", &[("name", &successor.name)]),
                out.say("hint", &[]),
            );
        }
    }
}
