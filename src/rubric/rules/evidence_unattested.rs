//! `evidence-unattested`: an achievement with neither an evidence link nor
//! an attestor; nobody and nothing backs it.

use crate::rubric::rule::prelude::*;

pub const RULE: Rule = Rule {
    id: "evidence-unattested",
    dimension: Some(Dimension::Evidence),
    builtin: BuiltinSeverity {
        senior_manager: RuleSetting::Info,
        director: RuleSetting::Warning,
        vp: RuleSetting::Warning,
    },
    summary: "An achievement has neither an evidence link nor an attestor",
    explanation: r#"
    An executive who wants to check a claim needs somewhere to look or someone to ask. A
    dashboard link, a document, or a colleague who can confirm the result (with their title)
    turns a claim into evidence.

    Good evidence: `evidence` links or `attestors` for every achievement.
"#,
    example: r#"achievements:
  - title: Cut onboarding from 21 to 9 days
    evidence: [https://dashboards.example.com/onboarding]
    attestors: [Jana Novak, VP Customer Success]
"#,
    texts: &[
        (
            "message",
            "\"{title}\" has no evidence link and no attestor: an executive who wants to check it has nowhere to look",
        ),
        (
            "hint",
            "add `evidence:` (a dashboard or document link) or `attestors:` (who can confirm it, with their title)",
        ),
    ],
    check,
};

fn check(ctx: &CheckContext<'_>, out: &mut Emitter<'_>) {
    for (index, achievement) in ctx.case.achievements.iter().enumerate() {
        let backed = achievement.evidence.iter().any(|e| !e.trim().is_empty())
            || achievement.attestors.iter().any(|a| !a.trim().is_empty());
        if !backed {
            out.at(
                &format!("/achievements/{index}/attestors"),
                out.say("message", &[("title", &achievement.title)]),
                out.say("hint", &[]),
            );
        }
    }
}
