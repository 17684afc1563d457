//! `outcome-unquantified`: an achievement with no outcome that has a
//! measured result. Claims of outcome with no measure are the commonest
//! weakness of a case.

use crate::rubric::rule::prelude::*;

pub const RULE: Rule = Rule {
    id: "outcome-unquantified",
    dimension: Some(Dimension::Evidence),
    builtin: BuiltinSeverity {
        senior_manager: RuleSetting::Warning,
        director: RuleSetting::Error,
        vp: RuleSetting::Error,
    },
    summary: "An achievement has no outcome with a measured result",
    explanation: r#"
    Executives read numbers first. An achievement without a measured outcome (a number, a
    percentage, an amount) is a claim the reader has to take on trust, and not advocating for
    your own achievements with data is one of the reasons managers stay stuck. Even a rough
    measure, with its source, beats none.

    Good evidence: `outcomes` with `metric`, `baseline`, `result` and `unit` for every
    achievement.
"#,
    example: r#"achievements:
  - title: Cut customer onboarding from 21 to 9 days
    period: {start: 2025-01, end: 2025-06}
    outcomes:
      - {metric: Onboarding time, baseline: 21, result: 9, unit: days}
    attestors: [Jana Novak, VP Customer Success]
"#,
    texts: &[
        (
            "message",
            "\"{title}\" has no measured outcome: without a number an executive has to take the result on trust",
        ),
        (
            "hint",
            "add an outcome with `metric`, `baseline`, `result` and `unit`, e.g. `{metric: Onboarding time, baseline: 21, result: 9, unit: days}`",
        ),
    ],
    check,
};

fn check(ctx: &CheckContext<'_>, out: &mut Emitter<'_>) {
    for (index, achievement) in ctx.case.achievements.iter().enumerate() {
        if achievement.outcomes.iter().any(|o| o.result.is_some()) {
            continue;
        }
        let pointer = if achievement.outcomes.is_empty() {
            format!("/achievements/{index}/outcomes")
        } else {
            format!("/achievements/{index}/outcomes/0/result")
        };
        out.at(
            &pointer,
            out.say("message", &[("title", &achievement.title)]),
            out.say("hint", &[]),
        );
    }
}
