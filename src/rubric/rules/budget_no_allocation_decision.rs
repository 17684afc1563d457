//! `budget-no-allocation-decision`: a budget without a single allocation
//! decision shows the money, not the judgement.

use crate::rubric::rule::prelude::*;

pub const RULE: Rule = Rule {
    id: "budget-no-allocation-decision",
    dimension: Some(Dimension::Budget),
    builtin: BuiltinSeverity {
        senior_manager: RuleSetting::Info,
        director: RuleSetting::Warning,
        vp: RuleSetting::Warning,
    },
    summary: "The budget shows no allocation decision and its result",
    explanation: r#"
    The size of a budget says little; what you did with it says a lot. One decision to move
    money or people, with the reasoning and the measured result, shows the resource judgement a
    director is hired for.

    Good evidence: `allocation_decisions` with the decision, the result (with a number) and the
    date.
"#,
    example: r#"scope:
  budget:
    amount: 1850000
    currency: EUR
    ownership: owned
    allocation_decisions:
      - decision: Cut paid social by 40% and funded a partner programme
        result: Cost per qualified lead down from 310 to 190 EUR
        date: 2025-02
"#,
    texts: &[
        (
            "message",
            "The budget shows no allocation decision: the amount says what you hold, a decision and its result say how well you use it",
        ),
        (
            "hint",
            "add `allocation_decisions:` under `budget:` with one decision, its result (with a number) and the date",
        ),
    ],
    check,
};

fn check(ctx: &CheckContext<'_>, out: &mut Emitter<'_>) {
    let Some(budget) = ctx.case.scope.as_ref().and_then(|s| s.budget.as_ref()) else {
        return;
    };
    if budget.allocation_decisions.is_empty() {
        out.at(
            "/scope/budget/allocation_decisions",
            out.say("message", &[]),
            out.say("hint", &[]),
        );
    }
}
