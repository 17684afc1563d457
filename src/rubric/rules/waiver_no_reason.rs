//! `waiver-no-reason`: a waiver without a written reason. Such a waiver does
//! not apply: the rule's findings stay in the report.

use crate::rubric::rule::prelude::*;

pub const RULE: Rule = Rule {
    id: "waiver-no-reason",
    dimension: None,
    builtin: BuiltinSeverity {
        senior_manager: RuleSetting::Error,
        director: RuleSetting::Error,
        vp: RuleSetting::Error,
    },
    summary: "A waiver has no written reason, so it does not apply",
    explanation: r#"
    A case may knowingly not meet a rule, for example a company with no board has no board
    presentations. The waiver tells the reader you know, and the reason tells them why it is
    fine. Without a reason it looks like hiding a gap, so promocase ignores it and keeps the
    rule's findings.

    Good evidence: every waiver with a `reason` a reader would accept.
"#,
    example: r#"waivers:
  - rule: visibility-missing
    reason: The company has no executive committee; I report monthly to the founder-CEO (see sponsors)
"#,
    texts: &[
        (
            "message",
            "The waiver of `{rule}` gives no reason, so it does not apply: a waiver without a reason looks like hiding a gap",
        ),
        (
            "hint",
            "add `reason:` saying why the rule does not fit your case, or remove the waiver",
        ),
    ],
    check,
};

fn check(ctx: &CheckContext<'_>, out: &mut Emitter<'_>) {
    for (index, waiver) in ctx.case.waivers.iter().enumerate() {
        if waiver.reason.as_deref().is_none_or(|r| r.trim().is_empty()) {
            out.at(
                &format!("/waivers/{index}/reason"),
                out.say("message", &[("rule", &waiver.rule)]),
                out.say("hint", &[]),
            );
        }
    }
}
