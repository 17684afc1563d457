//! `weak-verb`: verbs that hide ownership ("helped", "was involved in") in
//! the places that say what the candidate did. The list is `weak_verbs`.

use crate::rubric::rule::prelude::*;

pub const RULE: Rule = Rule {
    id: "weak-verb",
    dimension: Some(Dimension::Evidence),
    builtin: BuiltinSeverity {
        senior_manager: RuleSetting::Warning,
        director: RuleSetting::Warning,
        vp: RuleSetting::Warning,
    },
    summary: "A verb that hides ownership (helped, assisted, participated in, responsible for)",
    explanation: r#"
    "Helped launch" and "was involved in" tell the executive you were in the room, not what you
    decided. Managers often write this way out of modesty, and it costs them: not advocating for
    one's own achievements is a classic reason for staying stuck. Say what you personally did;
    give credit to others by naming them as partners.

    Good evidence: titles and actions that start with an ownership verb: led, decided, built,
    negotiated, cut, launched.
"#,
    example: r#"achievements:
  - title: Launched the partner channel in Austria
    actions: Chose the three launch partners, negotiated the terms and ran the first two campaigns
"#,
    texts: &[
        (
            "message",
            "\"{verb}\" hides what you personally did: an executive reads it as being in the room, not owning the result",
        ),
        (
            "hint",
            "start with what you did: led, decided, built, negotiated, cut; name the others as partners",
        ),
    ],
    check,
};

fn check(ctx: &CheckContext<'_>, out: &mut Emitter<'_>) {
    let verbs = &ctx.thresholds().weak_verbs;
    let mut fields: Vec<(String, &str)> = Vec::new();
    for (i, a) in ctx.case.achievements.iter().enumerate() {
        fields.push((format!("/achievements/{i}/title"), &a.title));
        if let Some(actions) = &a.actions {
            fields.push((format!("/achievements/{i}/actions"), actions));
        }
    }
    for (i, c) in ctx.case.changes_led.iter().enumerate() {
        fields.push((format!("/changes_led/{i}/change"), &c.change));
    }
    for (i, d) in ctx.case.decisions.iter().enumerate() {
        if let Some(decision) = &d.decision {
            fields.push((format!("/decisions/{i}/decision"), decision));
        }
    }
    for (pointer, text) in fields {
        out.at_each_phrase(&pointer, text, verbs, "message", "hint", "verb");
    }
}
