//! `risk-no-mitigation`: a risk listed without what was done about it. A
//! risk with no mitigation reads as a problem left open.

use crate::rubric::rule::prelude::*;

pub const RULE: Rule = Rule {
    id: "risk-no-mitigation",
    dimension: Some(Dimension::Risk),
    builtin: BuiltinSeverity {
        senior_manager: RuleSetting::Warning,
        director: RuleSetting::Warning,
        vp: RuleSetting::Error,
    },
    summary: "A risk is listed without a mitigation",
    explanation: r#"
    Naming a risk shows awareness; the mitigation shows ownership. A risk without one reads as a
    problem you are handing to the executive. If it is accepted on purpose, say so with `status:
    accepted` and why in the mitigation.

    Good evidence: every risk with `mitigation` and `status`.
"#,
    example: r#"risks:
  - risk: Customer data in an unsupported CRM version
    area: security
    mitigation: Upgrade planned with IT, access restricted meanwhile
    status: open
"#,
    texts: &[
        (
            "message",
            "The risk \"{risk}\" has no mitigation: it reads as a problem handed to the executive",
        ),
        (
            "hint",
            "add `mitigation:` with what you did or will do; if you accept the risk, say why and set `status: accepted`",
        ),
    ],
    check,
};

fn check(ctx: &CheckContext<'_>, out: &mut Emitter<'_>) {
    for (index, risk) in ctx.case.risks.iter().enumerate() {
        if risk
            .mitigation
            .as_deref()
            .is_none_or(|m| m.trim().is_empty())
        {
            out.at(
                &format!("/risks/{index}/mitigation"),
                out.say("message", &[("risk", &risk.risk)]),
                out.say("hint", &[]),
            );
        }
    }
}
