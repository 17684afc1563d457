//! `budget-missing`: no budget in the case. Directors are trusted with money;
//! the case must show the candidate already handles it.

use super::prelude::*;

pub const RULE: Rule = Rule {
    id: "budget-missing",
    dimension: Some(DimensionId::Budget),
    summary: "The case states no budget: amount, currency, period and ownership",
    explanation: "Budgeting and resource allocation are part of the director role: deciding where money \
and people go, and answering for the return. A case without a budget leaves the executive guessing \
whether you have ever owned one, which feeds the \"gap in business acumen\" doubt.\n\n\
Good evidence: `scope.budget` with amount, currency, period and `ownership: owned`, plus the allocation \
decisions you made and their results.",
    example: "scope:\n  budget:\n    amount: 1850000\n    currency: EUR\n    period: FY2025\n    ownership: owned\n",
    check,
};

fn check(ctx: &CheckContext<'_>, out: &mut Emitter<'_>) {
    if ctx
        .case
        .scope
        .as_ref()
        .and_then(|s| s.budget.as_ref())
        .is_none()
    {
        out.at(
            "/scope/budget",
            "The case states no budget: an executive cannot see that you already decide where money goes and answer for the return",
            "add `budget:` under `scope:` with `amount`, `currency`, `period` and `ownership` (owned or influenced)",
        );
    }
}
