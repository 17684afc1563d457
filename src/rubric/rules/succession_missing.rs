//! `succession-missing`: nobody named to take over the role the candidate
//! leaves. "Who replaces you?" is the question that stalls most promotions.

use super::prelude::*;

pub const RULE: Rule = Rule {
    id: "succession-missing",
    dimension: Some(DimensionId::Succession),
    summary: "No successor named for the role the candidate leaves",
    explanation: "No succession plan for one's own role is one of the most common reasons a strong manager \
is not promoted: the executive cannot afford the hole you would leave. Naming a successor, how ready they \
are, what they would cover and how you are developing them turns \"we cannot lose you there\" into \"we can \
move you\".\n\n\
Good evidence: `succession` with named successors, readiness (ready-now, 6-12-months, 1-2-years or a \
date), the responsibilities each covers, dated development actions, and an interim plan.",
    example: "succession:\n  successors:\n    - name: Lena Vogt\n      current_role: Demand Generation Lead\n      readiness: 6-12-months\n      covers: [Campaign planning, Agency management]\n      development:\n        - {action: Own the Q1 budget review, by: 2026-03}\n  interim_plan: Lena covers campaign planning; budget stays with me until Q2\n",
    check,
};

fn check(ctx: &CheckContext<'_>, out: &mut Emitter<'_>) {
    let named = ctx
        .case
        .succession
        .as_ref()
        .is_some_and(|s| !s.successors.is_empty());
    if !named {
        out.at(
            "/succession/successors",
            "The case names no successor for your current role: the executive cannot promote you without knowing who fills the gap you leave",
            "add `succession:` with at least one named successor, their readiness and what they would cover; `promocase explain succession-missing` shows one",
        );
    }
}
