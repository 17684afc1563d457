//! `decision-incomplete`: a decision record without enough options, an
//! outcome or the unknowns; each of those is what makes it evidence.

use crate::rubric::rule::prelude::*;

pub const RULE: Rule = Rule {
    id: "decision-incomplete",
    dimension: Some(Dimension::Ambiguity),
    builtin: BuiltinSeverity {
        senior_manager: RuleSetting::Info,
        director: RuleSetting::Warning,
        vp: RuleSetting::Warning,
    },
    summary: "A decision record lacks its options, unknowns or outcome",
    explanation: r#"
    A decision shows judgement only when the reader sees what was uncertain, which alternatives
    you weighed and how it turned out. A decision with one option reads as an instruction
    followed; one without an outcome leaves the reader unsure it worked.

    Good evidence: `unknowns`, at least two `options`, the `decision` and the `outcome`.
"#,
    example: r#"decisions:
  - title: Keep the legacy WMS through peak season
    unknowns: [Vendor delivery date for the new WMS]
    options: [Cut over in October, Cut over in January]
    decision: January, with a frozen-code period in Q4
    outcome: Peak shipped with 99.2% on-time, cut-over in 3 days
"#,
    check,
};

fn check(ctx: &CheckContext<'_>, out: &mut Emitter<'_>) {
    let minimum = ctx.thresholds().min_decision_options as usize;
    for (index, decision) in ctx.case.decisions.iter().enumerate() {
        let mut missing = Vec::new();
        if decision.options.len() < minimum {
            missing.push(("options", format!("at least {minimum} options")));
        }
        if decision.unknowns.is_empty() {
            missing.push(("unknowns", "what was unknown".to_string()));
        }
        if decision
            .outcome
            .as_deref()
            .is_none_or(|o| o.trim().is_empty())
        {
            missing.push(("outcome", "the outcome".to_string()));
        }
        if let Some((field, _)) = missing.first() {
            let what: Vec<&str> = missing.iter().map(|(_, w)| w.as_str()).collect();
            out.at(
                &format!("/decisions/{index}/{field}"),
                format!("The decision \"{}\" lacks {}: without them it does not show judgement under uncertainty", decision.title, what.join(", ")),
                format!(
                    "add {} to this decision: the alternatives you weighed, what you could not know, and what happened after",
                    missing.iter().map(|(f, _)| format!("`{f}:`")).collect::<Vec<_>>().join(", ")
                ),
            );
        }
    }
}
