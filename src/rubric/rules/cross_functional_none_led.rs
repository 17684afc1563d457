//! `cross-functional-none-led`: the candidate took part in cross-functional
//! work but led none of it; threshold `min_led_initiatives`.

use crate::rubric::rule::prelude::*;
use crate::model::InitiativeRole;

pub const RULE: Rule = Rule {
    id: "cross-functional-none-led",
    dimension: Some(Dimension::CrossFunctional),
    builtin: BuiltinSeverity {
        senior_manager: RuleSetting::Warning,
        director: RuleSetting::Warning,
        vp: RuleSetting::Error,
    },
    summary: "The candidate led (or co-led) fewer cross-functional initiatives than the level expects",
    explanation: r#"
    Contributing to someone else's initiative is good citizenship; leading one, with peers who
    do not report to you, is the director skill. Executives look for at least one initiative
    where you set the goal, brought the departments together and answered for the outcome.

    Good evidence: an initiative with `role: led` (or `co-led`), the partners and a measured
    outcome.
"#,
    example: r#"initiatives:
  - name: Returns process redesign
    partner_departments: [Customer Service, Finance]
    role: led
    outcome: Refund time down from 12 to 5 days
  - name: Quarterly demand review
    partner_departments: [Sales, Operations]
    role: co-led
    outcome: Forecast error down from 18% to 7%
"#,
    texts: &[
        (
            "message",
            "You led {led} of your cross-functional initiatives (at least {minimum} expected at {level} level): contributing shows cooperation, leading peers shows the reach the level asks for",
        ),
        ("none", "none"),
        (
            "hint",
            "if you set the goal and brought the departments together, write `role: led` or `co-led`; otherwise propose one you would lead in `ask.problems_to_solve`",
        ),
    ],
    check,
};

fn check(ctx: &CheckContext<'_>, out: &mut Emitter<'_>) {
    let minimum = ctx.thresholds().min_led_initiatives as usize;
    if ctx.case.initiatives.is_empty() || minimum == 0 {
        return; // cross-functional-narrow says the initiatives are missing
    }
    let led = ctx
        .case
        .initiatives
        .iter()
        .filter(|i| matches!(i.role, InitiativeRole::Led | InitiativeRole::CoLed))
        .count();
    if led < minimum {
        let position = ctx
            .case
            .initiatives
            .iter()
            .position(|i| i.role == InitiativeRole::Contributed)
            .unwrap_or(0);
        let led = if led == 0 {
            out.say("none", &[])
        } else {
            format::count(ctx.locale, led as u64)
        };
        let message = out.say(
            "message",
            &[
                ("led", &led),
                ("minimum", &format::count(ctx.locale, minimum as u64)),
                ("level", ctx.level_name()),
            ],
        );
        out.at(
            &format!("/initiatives/{position}/role"),
            message,
            out.say("hint", &[]),
        );
    }
}
