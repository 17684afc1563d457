//! `achievements-missing`: the case lists no achievements, so nothing carries
//! the measured outcomes the other dimensions lean on.

use crate::rubric::rule::prelude::*;

pub const RULE: Rule = Rule {
    id: "achievements-missing",
    dimension: Some(Dimension::Evidence),
    builtin: BuiltinSeverity {
        senior_manager: RuleSetting::Error,
        director: RuleSetting::Error,
        vp: RuleSetting::Error,
    },
    summary: "The case lists no achievements with measured outcomes",
    explanation: r#"
    Achievements are the spine of a case: each one shows a result, when it happened, what you
    personally did and who can confirm it. Without them, every other section is an assertion.
    Not advocating for one's own achievements is one of the reasons capable managers stay where
    they are.

    Good evidence: three to six recent achievements, each dated, with a measured outcome, tagged
    with the dimensions it evidences and backed by a link or an attestor.
"#,
    example: r#"achievements:
  - title: Cut customer onboarding from 21 to 9 days
    period: {start: 2025-01, end: 2025-06}
    actions: Redesigned the handover with Sales and automated the contract check
    outcomes:
      - {metric: Onboarding time, baseline: 21, result: 9, unit: days}
    dimensions: [customer, innovation]
    attestors: [Jana Novak, VP Customer Success]
"#,
    texts: &[
        (
            "message",
            "The case lists no achievements: without dated, measured results every other section reads as an assertion",
        ),
        (
            "hint",
            "add `achievements:` with three to six recent results, each with a period, a measured outcome and an attestor",
        ),
    ],
    check,
};

fn check(ctx: &CheckContext<'_>, out: &mut Emitter<'_>) {
    if ctx.case.achievements.is_empty() {
        out.at(
            "/achievements",
            out.say("message", &[]),
            out.say("hint", &[]),
        );
    }
}
