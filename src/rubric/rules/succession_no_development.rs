//! `succession-no-development`: a successor who is not ready now, with no
//! development actions: the plan has no path to readiness.

use super::prelude::*;
use crate::model::Readiness;

pub const RULE: Rule = Rule {
    id: "succession-no-development",
    dimension: Some(DimensionId::Succession),
    summary: "A successor who is not ready now has no dated development actions",
    explanation: "\"Ready in 6-12 months\" is a promise; dated development actions are the plan behind it. \
They show the executive you are actively growing your successor, and give both of you a way to check \
progress.\n\n\
Good evidence: `development` with two or three actions and a month for each.",
    example: "succession:\n  successors:\n    - name: Lena Vogt\n      current_role: Team Lead\n      readiness: 6-12-months\n      development:\n        - {action: Run the Q1 planning cycle, by: 2026-03}\n        - {action: Present the channel review to the CMO, by: 2026-05}\n",
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
                format!("{} is not ready yet and has no development actions: the readiness date is a hope, not a plan", successor.name),
                "add `development:` with two or three actions, each with `by: YYYY-MM`",
            );
        }
    }
}
