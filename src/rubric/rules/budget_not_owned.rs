//! `budget-not-owned`: the budget is only influenced. Owning a budget (and
//! its overruns) is the step up executives look for.

use crate::rubric::rule::prelude::*;
use crate::model::BudgetOwnership;

pub const RULE: Rule = Rule {
    id: "budget-not-owned",
    dimension: Some(Dimension::Budget),
    builtin: BuiltinSeverity {
        senior_manager: RuleSetting::Info,
        director: RuleSetting::Warning,
        vp: RuleSetting::Error,
    },
    summary: "The candidate influences a budget but does not own one",
    explanation: r#"
    Influencing how someone else spends money is useful; owning a budget, deciding trade-offs
    and answering for overruns is what directors do. If you do not own a budget today, say what
    you would own in the new role and show the closest thing you have decided (a programme, a
    vendor contract, a hiring plan).

    Good evidence: `ownership: owned`, or an allocation decision that shows you making the call.
"#,
    example: r#"scope:
  budget:
    amount: 640000
    currency: EUR
    period: FY2025
    ownership: owned
    allocation_decisions:
      - {decision: Moved 20% of events budget to partner co-marketing, result: 35% more pipeline per euro, date: 2025-03}
"#,
    texts: &[
        (
            "message",
            "You influence this budget but do not own it: executives look for someone who already decides trade-offs and answers for the money",
        ),
        (
            "hint",
            "if you do decide how (part of) it is spent, say `ownership: owned`; otherwise show your allocation decisions and ask for budget ownership in `ask.support_requested`",
        ),
    ],
    check,
};

fn check(ctx: &CheckContext<'_>, out: &mut Emitter<'_>) {
    let Some(budget) = ctx.case.scope.as_ref().and_then(|s| s.budget.as_ref()) else {
        return;
    };
    if budget.ownership == BudgetOwnership::Influenced {
        out.at(
            "/scope/budget/ownership",
            out.say("message", &[]),
            out.say("hint", &[]),
        );
    }
}
