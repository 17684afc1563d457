//! `evidence-stale`: an achievement that ended long before `as_of`
//! (`stale_after_months`, 24 by default).

use crate::rubric::rule::prelude::*;

pub const RULE: Rule = Rule {
    id: "evidence-stale",
    dimension: Some(Dimension::Evidence),
    builtin: BuiltinSeverity {
        senior_manager: RuleSetting::Info,
        director: RuleSetting::Warning,
        vp: RuleSetting::Warning,
    },
    summary: "An achievement ended longer ago than the rubric allows",
    explanation: r#"
    A promotion is a bet on what you do now. Results older than about two years tell the
    executive what you could do then, and a case that leans on them suggests the recent record
    is thin. Keep older work if it matters, but lead with recent results.

    Good evidence: most achievements ending within the last 24 months, or ongoing.
"#,
    example: r#"achievements:
  - title: Cut returns processing from 12 to 5 days
    period: {start: 2025-02, end: 2025-08}
"#,
    texts: &[
        (
            "message",
            "\"{title}\" ended more than {months} months before the case date: executives weigh what you do now",
        ),
        (
            "hint",
            "lead with results from the last {months} months; keep this one only if it shows something recent work does not",
        ),
    ],
    check,
};

fn check(ctx: &CheckContext<'_>, out: &mut Emitter<'_>) {
    let months = ctx.thresholds().stale_after_months;
    let cutoff = ctx.months_before_as_of(months);
    for (index, achievement) in ctx.case.achievements.iter().enumerate() {
        let Some(period) = &achievement.period else {
            continue;
        };
        let Some(end) = period_end(period, ctx.as_of) else {
            continue;
        };
        if end < cutoff {
            let field = if period.end.is_some() { "end" } else { "start" };
            let months = format::count(ctx.locale, months as u64);
            out.at_value(
                &format!("/achievements/{index}/period/{field}"),
                out.say("message", &[("title", &achievement.title), ("months", &months)]),
                out.say("hint", &[("months", &months)]),
            );
        }
    }
}
