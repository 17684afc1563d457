//! `decision-missing`: no decision record with options and outcome
//! (`min_decision_options`). Reluctance to decide with imperfect information
//! is a classic reason managers stay stuck.

use crate::rubric::rule::prelude::*;

pub const RULE: Rule = Rule {
    id: "decision-missing",
    dimension: Some(Dimension::Ambiguity),
    builtin: BuiltinSeverity {
        senior_manager: RuleSetting::Info,
        director: RuleSetting::Warning,
        vp: RuleSetting::Error,
    },
    summary: "No decision taken under ambiguity, with the options weighed and the outcome",
    explanation: r#"
    Directors decide before all the facts are in, and stand by the call. Reluctance to decide
    with imperfect information is one of the reasons managers are not promoted. One decision
    record (what was unknown, the options, what you chose and why, what happened) shows that
    judgement better than any adjective.

    Good evidence: `decisions` with context, unknowns, at least two options, the decision and
    its outcome.
"#,
    example: r#"decisions:
  - title: Enter Austria before the CRM migration
    date: 2025-02
    unknowns: [Partner demand in Austria]
    options: [Wait for the new CRM, Launch with a manual lead process]
    decision: Launched with a manual process for one quarter
    outcome: 38 partner leads in Q2, CRM migrated in Q3 with the process proven
"#,
    texts: &[
        (
            "message",
            "The case has no decision you took under uncertainty: executives want to see you decide with imperfect information and stand by it",
        ),
        (
            "hint",
            "add `decisions:` with one real call: what was unknown, the options, what you chose and why, and what happened",
        ),
    ],
    check,
};

fn check(ctx: &CheckContext<'_>, out: &mut Emitter<'_>) {
    // Records without options or outcome are decision-incomplete's to report.
    if ctx.case.decisions.is_empty() {
        out.at(
            "/decisions",
            out.say("message", &[]),
            out.say("hint", &[]),
        );
    }
}
