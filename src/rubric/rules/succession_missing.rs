//! `succession-missing`: nobody named to take over the role the candidate
//! leaves. "Who replaces you?" is the question that stalls most promotions.

use crate::rubric::rule::prelude::*;

pub const RULE: Rule = Rule {
    id: "succession-missing",
    dimension: Some(Dimension::Succession),
    builtin: BuiltinSeverity {
        senior_manager: RuleSetting::Warning,
        director: RuleSetting::Error,
        vp: RuleSetting::Error,
    },
    summary: "No successor named for the role the candidate leaves",
    explanation: r#"
    No succession plan for one's own role is one of the most common reasons a strong manager is
    not promoted: the executive cannot afford the hole you would leave. Naming a successor, how
    ready they are, what they would cover and how you are developing them turns "we cannot lose
    you there" into "we can move you".

    Good evidence: `succession` with named successors, readiness (ready-now, 6-12-months,
    1-2-years or a date), the responsibilities each covers, dated development actions, and an
    interim plan.
"#,
    example: r#"succession:
  successors:
    - name: Lena Vogt
      current_role: Demand Generation Lead
      readiness: 6-12-months
      covers: [Campaign planning, Agency management]
      development:
        - {action: Own the Q1 budget review, by: 2026-03}
  interim_plan: Lena covers campaign planning; budget stays with me until Q2
"#,
    texts: &[
        (
            "message",
            "The case names no successor for your current role: the executive cannot promote you without knowing who fills the gap you leave",
        ),
        (
            "hint",
            "add `succession:` with at least one named successor, their readiness and what they would cover; `promocase explain succession-missing` shows one",
        ),
    ],
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
            out.say("message", &[]),
            out.say("hint", &[]),
        );
    }
}
