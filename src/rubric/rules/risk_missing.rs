//! `risk-missing`: no risk identified and mitigated. Directors answer for
//! what could go wrong, including compliance and data security.

use crate::rubric::rule::prelude::*;

pub const RULE: Rule = Rule {
    id: "risk-missing",
    dimension: Some(Dimension::Risk),
    builtin: BuiltinSeverity {
        senior_manager: RuleSetting::Info,
        director: RuleSetting::Warning,
        vp: RuleSetting::Warning,
    },
    summary: "No risk with a mitigation",
    explanation: r#"
    A director is trusted with what could go wrong as well as with what should go right:
    suppliers, key people, compliance, data security, reputation. Showing one risk you spotted
    early and mitigated is strong evidence of judgement beyond day-to-day delivery.

    Good evidence: `risks` with the risk, its area, the mitigation and where it stands.
"#,
    example: r#"risks:
  - risk: One carrier handles 70% of parcel volume
    area: operational
    mitigation: Second carrier contracted for 30% of volume in the south region
    status: mitigated
"#,
    texts: &[
        (
            "message",
            "The case names no risk you identified and mitigated: executives want to see you manage what could go wrong, not only what goes right",
        ),
        (
            "hint",
            "add `risks:` with one risk (operational, compliance, security, people), its mitigation and its status",
        ),
    ],
    check,
};

fn check(ctx: &CheckContext<'_>, out: &mut Emitter<'_>) {
    // Risks listed without a mitigation are risk-no-mitigation's to report.
    if ctx.case.risks.is_empty() {
        out.at(
            "/risks",
            out.say("message", &[]),
            out.say("hint", &[]),
        );
    }
}
