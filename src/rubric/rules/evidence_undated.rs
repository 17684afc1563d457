//! `evidence-undated`: an achievement without a start date. Undated work
//! cannot be judged recent, and readers assume it is old.

use crate::rubric::rule::prelude::*;

pub const RULE: Rule = Rule {
    id: "evidence-undated",
    dimension: Some(Dimension::Evidence),
    builtin: BuiltinSeverity {
        senior_manager: RuleSetting::Warning,
        director: RuleSetting::Warning,
        vp: RuleSetting::Warning,
    },
    summary: "An achievement has no date",
    explanation: r#"
    Executives weigh recent results more than old ones, and assume undated work is old. A date
    also lets the reader line results up with the KPI periods and the story of the case.

    Good evidence: `period` with a `start` month and an `end` month or `ongoing`.
"#,
    example: r#"achievements:
  - title: Opened the Lyon fulfilment hub
    period: {start: 2024-09, end: 2025-03}
"#,
    texts: &[
        ("message", "\"{title}\" has no date: an executive will assume it is old"),
        ("hint", "add `period: {start: YYYY-MM, end: YYYY-MM}` (or `end: ongoing`)"),
    ],
    check,
};

fn check(ctx: &CheckContext<'_>, out: &mut Emitter<'_>) {
    for (index, achievement) in ctx.case.achievements.iter().enumerate() {
        let dated = achievement
            .period
            .as_ref()
            .is_some_and(|p| p.start.is_some());
        if !dated {
            out.at(
                &format!("/achievements/{index}/period/start"),
                out.say("message", &[("title", &achievement.title)]),
                out.say("hint", &[]),
            );
        }
    }
}
