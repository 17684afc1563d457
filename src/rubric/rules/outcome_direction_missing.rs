//! `outcome-direction-missing`: an amount of money rose and the outcome does
//! not say whether that is better. A revenue that rose is a result; a cost
//! or an overrun that rose is not, and the documents must not present it as
//! one ([`crate::model::Outcome::improved`]).

use crate::rubric::rule::prelude::*;
use crate::unit::Unit;

pub const RULE: Rule = Rule {
    id: "outcome-direction-missing",
    dimension: Some(Dimension::Evidence),
    builtin: BuiltinSeverity {
        senior_manager: RuleSetting::Info,
        director: RuleSetting::Warning,
        vp: RuleSetting::Warning,
    },
    summary: "An amount of money rose and the outcome does not say whether that is better",
    explanation: r#"
    Money that rose is good news only when it is revenue, savings or margin. A cost, a spend or
    an overrun against plan that rose is a worsening, and a proposal that shows it among the
    candidate's impacts tells the executive the author did not read the numbers. promocase
    cannot tell the two apart from the figures alone, so the outcome says which way is better,
    as a KPI does.

    Good evidence: every outcome in money whose result is above its baseline carries
    `direction: higher-is-better` (revenue, savings) or `direction: lower-is-better` (a cost,
    an overrun), so the documents show gains as impacts and worsenings as what they are.
"#,
    example: r#"achievements:
  - title: Moved events budget into account-based campaigns
    period: {start: 2025-01, end: 2025-12}
    outcomes:
      - {metric: Pipeline from target accounts, baseline: 5200000, result: 10600000, unit: EUR, direction: higher-is-better}
      - {metric: Agency spend over plan, baseline: 0, result: 40000, unit: EUR, direction: lower-is-better}
"#,
    texts: &[
        (
            "message",
            "\"{metric}\" rose, and the outcome does not say whether that is better: a cost or an overrun that rose would read as a result",
        ),
        (
            "hint",
            "add `direction: higher-is-better` to the outcome if the rise is a gain (revenue, savings), or `direction: lower-is-better` if it is a cost or an overrun",
        ),
    ],
    check,
};

fn check(ctx: &CheckContext<'_>, out: &mut Emitter<'_>) {
    for (index, achievement) in ctx.case.achievements.iter().enumerate() {
        for (number, outcome) in achievement.outcomes.iter().enumerate() {
            let rose = matches!((outcome.baseline, outcome.result), (Some(b), Some(r)) if r > b);
            if !rose || outcome.direction.is_some() || !Unit::of(outcome.unit.as_deref()).is_money()
            {
                continue;
            }
            out.at(
                &format!("/achievements/{index}/outcomes/{number}/metric"),
                out.say("message", &[("metric", &outcome.metric)]),
                out.say("hint", &[]),
            );
        }
    }
}
