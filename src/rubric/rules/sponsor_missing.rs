//! `sponsor-missing`: no sponsor senior enough (`sponsor_min_level`).
//! Promotions are decided in rooms the candidate is not in.

use crate::rubric::rule::prelude::*;

pub const RULE: Rule = Rule {
    id: "sponsor-missing",
    dimension: Some(Dimension::Sponsors),
    builtin: BuiltinSeverity {
        senior_manager: RuleSetting::Warning,
        director: RuleSetting::Error,
        vp: RuleSetting::Error,
    },
    summary: "No sponsor at or above the seniority the level expects",
    explanation: r#"
    Promotions to director are decided in calibration meetings the candidate does not attend. A
    sponsor at director level or above speaks for you there. A weak network with decision-makers
    and avoiding organisational politics are classic reasons managers stay stuck; a named
    sponsor who can attest to specific results is the remedy.

    Good evidence: `sponsors` with name, title, level (director, vp or c-level), relationship,
    and what each can attest.
"#,
    example: r#"sponsors:
  - name: Henrik Berg
    title: Chief Revenue Officer
    level: c-level
    relationship: Partner on the pipeline review since 2023
    can_attest: [Marketing-sourced pipeline grew from 1.8M to 2.9M EUR]
"#,
    texts: &[
        (
            "none",
            "The case names no sponsor: nobody senior is on record to speak for you when the decision is made",
        ),
        (
            "too-junior",
            "None of your sponsors is at {level} level or above: the decision is made by people more senior than they are",
        ),
        (
            "hint",
            "add a sponsor at {level} level or above with `can_attest:` naming the results they have seen; if you have none, ask for one in `ask.support_requested`",
        ),
    ],
    check,
};

/// The name of the text that says `level`.
fn check(ctx: &CheckContext<'_>, out: &mut Emitter<'_>) {
    let minimum = ctx.thresholds().sponsor_min_level;
    if ctx.case.sponsors.iter().any(|s| s.level >= minimum) {
        return;
    }
    // The seniority in the reader's words, as the documents name it.
    let level = ctx.locale.label(minimum).label.to_string();
    let message = if ctx.case.sponsors.is_empty() {
        out.say("none", &[])
    } else {
        out.say("too-junior", &[("level", &level)])
    };
    out.at("/sponsors", message, out.say("hint", &[("level", &level)]));
}
