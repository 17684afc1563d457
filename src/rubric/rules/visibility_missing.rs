//! `visibility-missing`: no presentation to the executive team or board in
//! the window (`visibility_window_months`, `min_visibility_items`).

use crate::rubric::rule::prelude::*;
use crate::model::AudienceLevel;

pub const RULE: Rule = Rule {
    id: "visibility-missing",
    dimension: Some(Dimension::Visibility),
    builtin: BuiltinSeverity {
        senior_manager: RuleSetting::Warning,
        director: RuleSetting::Error,
        vp: RuleSetting::Error,
    },
    summary: "No recent presentation or report to the executive team or the board",
    explanation: r#"
    Insufficient visibility with executives is one of the most common reasons good managers are
    passed over: the people who decide have not seen them think. Presenting to the executive
    team or the board shows you can communicate at that level, and makes the decision-makers
    know your work first-hand.

    Good evidence: `visibility` items with date, audience, level (executive-team or board),
    topic and outcome, within the last twelve months.
"#,
    example: r#"visibility:
  - date: 2025-09-18
    audience: Executive committee
    level: executive-team
    topic: FY2026 demand plan
    outcome: Budget approved with one extra headcount
  - date: 2026-02-12
    audience: Supervisory board
    level: board
    topic: Pricing strategy for the partner channel
"#,
    texts: &[
        (
            "too-few",
            "The case shows {presentations} to the executive team or the board in the last {months} months, of the {minimum} expected at {level} level: the people who decide have seen you think too rarely",
        ),
        ("presentations.one", "{count} presentation"),
        ("presentations.other", "{count} presentations"),
        (
            "too-old",
            "Your executive or board appearances are all older than {months} months: the people who decide have not seen your work recently",
        ),
        (
            "none",
            "The case shows no presentation to the executive team or the board in the last {months} months: the people who decide have not seen you think",
        ),
        (
            "hint",
            "add `visibility:` items (date, audience, `level: executive-team` or `board`, topic, outcome); if there are none, ask for a slot in `ask.support_requested`",
        ),
    ],
    check,
};

fn check(ctx: &CheckContext<'_>, out: &mut Emitter<'_>) {
    let thresholds = ctx.thresholds();
    let minimum = thresholds.min_visibility_items as usize;
    if minimum == 0 {
        return;
    }
    let since = ctx.months_before_as_of(thresholds.visibility_window_months);
    let executive =
        |level: AudienceLevel| matches!(level, AudienceLevel::Board | AudienceLevel::ExecutiveTeam);
    let recent = ctx
        .case
        .visibility
        .iter()
        .filter(|v| {
            executive(v.level) && v.date.last_day() >= since && v.date.first_day() <= ctx.as_of
        })
        .count();
    if recent >= minimum {
        return;
    }
    let older = ctx
        .case
        .visibility
        .iter()
        .filter(|v| executive(v.level))
        .count();
    let window = format::count(ctx.locale, thresholds.visibility_window_months.into());
    let level = ctx.level_name();
    // What is there, counted against what the level expects.
    let message = if recent > 0 {
        let presentations = out.say_count("presentations", recent, &[]);
        out.say(
            "too-few",
            &[
                ("presentations", &presentations),
                ("months", &window),
                ("minimum", &format::count(ctx.locale, minimum as u64)),
                ("level", level),
            ],
        )
    } else if older > 0 {
        out.say("too-old", &[("months", &window)])
    } else {
        out.say("none", &[("months", &window)])
    };
    out.at("/visibility", message, out.say("hint", &[]));
}
