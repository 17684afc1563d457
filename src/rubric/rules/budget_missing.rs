//! `budget-missing`: no budget in the case. Directors are trusted with money;
//! the case must show the candidate already handles it.

use crate::rubric::rule::prelude::*;

pub const RULE: Rule = Rule {
    id: "budget-missing",
    dimension: Some(Dimension::Budget),
    builtin: BuiltinSeverity {
        senior_manager: RuleSetting::Warning,
        director: RuleSetting::Error,
        vp: RuleSetting::Error,
    },
    summary: "The case states no budget: amount, currency, period and ownership",
    explanation: r#"
    Budgeting and resource allocation are part of the director role: deciding where money and
    people go, and answering for the return. A case without a budget leaves the executive
    guessing whether you have ever owned one, which feeds the "gap in business acumen" doubt.

    Good evidence: `scope.budget` with amount, currency, period and `ownership: owned`, plus the
    allocation decisions you made and their results.
"#,
    example: r#"scope:
  budget:
    amount: 1850000
    currency: EUR
    period: FY2025
    ownership: owned
"#,
    texts: &[
        (
            "message",
            "The case states no budget: an executive cannot see that you already decide where money goes and answer for the return",
        ),
        (
            "hint",
            "add `budget:` under `scope:` with `amount`, `currency`, `period` and `ownership` (owned or influenced)",
        ),
    ],
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
            out.say("message", &[]),
            out.say("hint", &[]),
        );
    }
}
