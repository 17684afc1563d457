//! `ask-why-now-personal`: a `why_now` that argues from the candidate (tenure,
//! "I feel ready", "I deserve", "my time") instead of a change in the
//! business. Phrases: the rubric's `candidate_centred_phrases`.

use crate::rubric::rule::prelude::*;

pub const RULE: Rule = Rule {
    id: "ask-why-now-personal",
    dimension: Some(Dimension::TheAsk),
    builtin: BuiltinSeverity {
        senior_manager: RuleSetting::Warning,
        director: RuleSetting::Warning,
        vp: RuleSetting::Warning,
    },
    summary: "Why now argues from the candidate (tenure, \"I feel ready\", \"I deserve\") instead of the business",
    explanation: r#"
    A promotion is a business decision: the executive asks what problem the new role solves and
    why the business needs it solved now. Years in the role, loyalty, or feeling ready answer a
    different question, what the candidate deserves, and put the executive in the position of
    granting a favour. The evidence in the rest of the case shows that you are ready; `why_now`
    should show that the business is.

    Good evidence: a change in the business that makes this the moment (a new market, a merger,
    growth that outran the structure, a gap that costs money now), in the business's terms.
"#,
    example: r#"ask:
  target_date: 2027-01
  why_now: >-
    The board approved entering the UK and Nordic markets in 2027; marketing now sources 41% of
    new ARR but has no seat where launch budgets and pricing are set.
"#,
    texts: &[
        (
            "message",
            "\"{phrase}\" argues from you, not from the business: the executive decides what the business needs now, not what you have earned",
        ),
        (
            "hint",
            "turn it around: say what changed in the business that needs the role now (\"Marketing now sources 41% of new ARR but has no seat in revenue planning\"); your readiness is what the evidence shows",
        ),
    ],
    check,
};

fn check(ctx: &CheckContext<'_>, out: &mut Emitter<'_>) {
    let Some(why_now) = ctx.case.ask.why_now.as_deref() else {
        return;
    };
    out.at_each_phrase(
        "/ask/why_now",
        why_now,
        &ctx.thresholds().candidate_centred_phrases,
        "message",
        "hint",
        "phrase",
    );
}
