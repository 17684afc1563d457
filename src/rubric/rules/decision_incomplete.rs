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
    texts: &[
        (
            "message",
            "The decision \"{title}\" lacks {missing}: without them it does not show judgement under uncertainty",
        ),
        (
            "hint",
            "add {fields} to this decision: the alternatives you weighed, what you could not know, and what happened after",
        ),
        ("lacks-options", "at least {minimum} options"),
        ("lacks-unknowns", "what was unknown"),
        ("lacks-outcome", "the outcome"),
    ],
    check,
};

fn check(ctx: &CheckContext<'_>, out: &mut Emitter<'_>) {
    let minimum = ctx.thresholds().min_decision_options as usize;
    for (index, decision) in ctx.case.decisions.iter().enumerate() {
        let mut missing = Vec::new();
        if decision.options.len() < minimum {
            let minimum = format::count(ctx.locale, minimum as u64);
            missing.push(("options", out.say("lacks-options", &[("minimum", &minimum)])));
        }
        if decision.unknowns.is_empty() {
            missing.push(("unknowns", out.say("lacks-unknowns", &[])));
        }
        if decision
            .outcome
            .as_deref()
            .is_none_or(|o| o.trim().is_empty())
        {
            missing.push(("outcome", out.say("lacks-outcome", &[])));
        }
        if let Some((field, _)) = missing.first() {
            let what: Vec<&str> = missing.iter().map(|(_, w)| w.as_str()).collect();
            let fields = missing
                .iter()
                .map(|(f, _)| format!("`{f}:`"))
                .collect::<Vec<_>>()
                .join(", ");
            out.at(
                &format!("/decisions/{index}/{field}"),
                out.say(
                    "message",
                    &[("title", &decision.title), ("missing", &what.join(", "))],
                ),
                out.say("hint", &[("fields", &fields)]),
            );
        }
    }
}
