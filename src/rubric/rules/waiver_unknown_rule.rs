//! `waiver-unknown-rule`: a waiver naming a rule that does not exist (often
//! a typo, so the rule it meant still reports).

use crate::rubric::rule::prelude::*;

pub const RULE: Rule = Rule {
    id: "waiver-unknown-rule",
    dimension: None,
    builtin: BuiltinSeverity {
        senior_manager: RuleSetting::Warning,
        director: RuleSetting::Warning,
        vp: RuleSetting::Warning,
    },
    summary: "A waiver names a rule that does not exist",
    explanation: r#"
    A waiver only applies to a rule id exactly as `promocase rules` lists it. A misspelt id
    waives nothing, so the findings you meant to waive are still reported.

    Good evidence: waivers naming rule ids from `promocase rules`.
"#,
    example: r#"waivers:
  - rule: visibility-missing
    reason: The company has no executive committee
"#,
    texts: &[
        ("message", "There is no rule `{rule}`, so this waiver waives nothing"),
        ("did-you-mean", "did you mean `{rule}`? `promocase rules` lists every rule"),
        ("hint", "use a rule id as `promocase rules` lists it"),
    ],
    check,
};

fn check(ctx: &CheckContext<'_>, out: &mut Emitter<'_>) {
    for (index, waiver) in ctx.case.waivers.iter().enumerate() {
        if ctx.rubric.knows_rule(&waiver.rule) {
            continue;
        }
        let hint = match crate::suggest::closest(&waiver.rule, ctx.rubric.rule_ids())
        {
            Some(best) => out.say("did-you-mean", &[("rule", best)]),
            None => out.say("hint", &[]),
        };
        out.at(
            &format!("/waivers/{index}/rule"),
            out.say("message", &[("rule", &waiver.rule)]),
            hint,
        );
    }
}
