//! `sponsor-no-attestation`: a sponsor with nothing they can attest. A name
//! alone is a reference, not a sponsor.

use crate::rubric::rule::prelude::*;

pub const RULE: Rule = Rule {
    id: "sponsor-no-attestation",
    dimension: Some(Dimension::Sponsors),
    builtin: BuiltinSeverity {
        senior_manager: RuleSetting::Info,
        director: RuleSetting::Info,
        vp: RuleSetting::Info,
    },
    summary: "A sponsor is listed without what they can attest",
    explanation: r#"
    A sponsor is most useful when they can speak to specific results they saw. Writing down what
    each can attest also prepares the conversation: you can ask them to confirm it before the
    decision.

    Good evidence: `can_attest` with one to three concrete results per sponsor.
"#,
    example: r#"sponsors:
  - name: Henrik Berg
    title: Chief Revenue Officer
    level: c-level
    can_attest: [Led the lead-to-cash redesign with Sales and Finance]
"#,
    texts: &[
        (
            "message",
            "{name} is listed as a sponsor without what they can attest: a name alone does not speak for you",
        ),
        (
            "hint",
            "add `can_attest:` with the specific results this sponsor has seen, and check with them that they would say so",
        ),
    ],
    check,
};

fn check(ctx: &CheckContext<'_>, out: &mut Emitter<'_>) {
    for (index, sponsor) in ctx.case.sponsors.iter().enumerate() {
        if sponsor.can_attest.iter().all(|a| a.trim().is_empty()) {
            out.at(
                &format!("/sponsors/{index}/can_attest"),
                out.say("message", &[("name", &sponsor.name)]),
                out.say("hint", &[]),
            );
        }
    }
}
