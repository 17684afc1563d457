//! `currency-mismatch`: money in more than one currency. The reference is
//! the budget's currency, or the first currency the case uses.

use crate::rubric::rule::prelude::*;

pub const RULE: Rule = Rule {
    id: "currency-mismatch",
    dimension: Some(Dimension::Evidence),
    builtin: BuiltinSeverity {
        senior_manager: RuleSetting::Warning,
        director: RuleSetting::Warning,
        vp: RuleSetting::Warning,
    },
    summary: "Amounts are given in different currencies",
    explanation: r#"
    An executive compares amounts across a case: budget, revenue, savings. When they are in
    different currencies the comparison is wrong or impossible, and it looks careless. Use the
    currency the company reports in, converted at a stated rate if needed.

    Good evidence: every money amount in the currency of the budget.
"#,
    example: r#"scope:
  budget: {amount: 900000, currency: EUR, ownership: owned}
kpis:
  - {name: Net new revenue, category: revenue, scope: business-wide, unit: EUR, baseline: 2.1, target: 2.6, actual: 2.8}
"#,
    texts: &[
        (
            "message",
            "This amount is in {code}, but {source} is {reference}: an executive comparing amounts across the case will get them wrong",
        ),
        ("budget-currency", "the budget's currency"),
        ("first-currency", "the first currency in the case"),
        (
            "hint",
            "convert to {reference} (and say at what rate in the KPI's `source`), or explain why this one differs",
        ),
    ],
    check,
};

fn check(ctx: &CheckContext<'_>, out: &mut Emitter<'_>) {
    let case = ctx.case;
    let mut uses: Vec<(String, String)> = Vec::new();
    if let Some(budget) = case.scope.as_ref().and_then(|s| s.budget.as_ref())
        && let Some(code) = currency_of(&budget.currency)
    {
        uses.push(("/scope/budget/currency".to_string(), code));
    }
    for (i, kpi) in case.kpis.iter().enumerate() {
        if let Some(code) = kpi.unit.as_deref().and_then(currency_of) {
            uses.push((format!("/kpis/{i}/unit"), code));
        }
    }
    for (i, achievement) in case.achievements.iter().enumerate() {
        for (j, outcome) in achievement.outcomes.iter().enumerate() {
            if let Some(code) = outcome.unit.as_deref().and_then(currency_of) {
                uses.push((format!("/achievements/{i}/outcomes/{j}/unit"), code));
            }
        }
    }
    let Some((reference_pointer, reference)) = uses.first().cloned() else {
        return;
    };
    let source = if reference_pointer.starts_with("/scope") {
        out.say("budget-currency", &[])
    } else {
        out.say("first-currency", &[])
    };
    for (pointer, code) in uses.iter().skip(1) {
        if *code != reference {
            out.at(
                pointer,
                out.say(
                    "message",
                    &[("code", code), ("source", &source), ("reference", &reference)],
                ),
                out.say("hint", &[("reference", &reference)]),
            );
        }
    }
}
