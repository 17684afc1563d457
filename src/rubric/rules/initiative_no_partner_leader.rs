//! `initiative-no-partner-leader`: an initiative with partner departments but
//! no named leader there. Named peers are who an executive will ask.

use crate::rubric::rule::prelude::*;

pub const RULE: Rule = Rule {
    id: "initiative-no-partner-leader",
    dimension: Some(Dimension::CrossFunctional),
    builtin: BuiltinSeverity {
        senior_manager: RuleSetting::Info,
        director: RuleSetting::Info,
        vp: RuleSetting::Warning,
    },
    summary: "An initiative names partner departments but none of their leaders",
    explanation: r#"
    "Worked with Sales" is a claim; "worked with Marta Ruiz, VP Sales" is evidence an executive
    can check with one message. Naming the partner leaders also shows the network with
    decision-makers that directors rely on.

    Good evidence: `partner_leaders` with name and title for each initiative.
"#,
    example: r#"initiatives:
  - name: Lead-to-cash handover
    partner_departments: [Sales]
    partner_leaders:
      - {name: Marta Ruiz, title: VP Sales}
    role: led
"#,
    texts: &[
        (
            "message",
            "\"{name}\" names partner departments but none of their leaders: an executive cannot check the collaboration",
        ),
        (
            "hint",
            "add `partner_leaders:` with the name and title of the leader you worked with in each department",
        ),
    ],
    check,
};

fn check(ctx: &CheckContext<'_>, out: &mut Emitter<'_>) {
    for (index, initiative) in ctx.case.initiatives.iter().enumerate() {
        if !initiative.partner_departments.is_empty() && initiative.partner_leaders.is_empty() {
            out.at(
                &format!("/initiatives/{index}/partner_leaders"),
                out.say("message", &[("name", &initiative.name)]),
                out.say("hint", &[]),
            );
        }
    }
}
