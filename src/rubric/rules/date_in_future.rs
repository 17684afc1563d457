//! `date-in-future`: evidence dated after `as_of`. Roadmap milestones,
//! headcount plans, development actions and the ask itself are plans and may
//! be in the future; results, presentations and decisions may not.

use crate::rubric::rule::prelude::*;
use crate::model::{PartialDate, Period, PeriodEnd};

pub const RULE: Rule = Rule {
    id: "date-in-future",
    dimension: Some(Dimension::Evidence),
    builtin: BuiltinSeverity {
        senior_manager: RuleSetting::Error,
        director: RuleSetting::Error,
        vp: RuleSetting::Error,
    },
    summary: "Evidence is dated after the case date",
    explanation: r#"
    A result, a presentation or a decision dated after the case date is either a typo or a plan
    presented as a fact. Either way it undermines trust in the rest of the case. Plans belong in
    the vision's roadmap; work still running ends with `ongoing`.

    Good evidence: every achievement, KPI period, decision and presentation dated on or before
    `as_of`.
"#,
    example: r#"achievements:
  - title: Partner channel launched in Austria
    period: {start: 2025-03, end: ongoing}
"#,
    texts: &[
        (
            "message",
            "{date} is after the case date ({as_of}): a result dated in the future reads as a typo or a plan presented as a fact",
        ),
        (
            "hint",
            "correct the date; for work still running write `end: ongoing`, and put plans in `vision.roadmap`",
        ),
    ],
    check,
};

/// Every date of the case that records something that happened, with its pointer.
fn evidence_dates(ctx: &CheckContext<'_>) -> Vec<(String, PartialDate)> {
    let case = ctx.case;
    let mut dates = Vec::new();
    let mut period = |base: String, period: &Option<Period>| {
        if let Some(p) = period {
            if let Some(start) = p.start {
                dates.push((format!("{base}/period/start"), start));
            }
            if let Some(PeriodEnd::On(end)) = p.end {
                dates.push((format!("{base}/period/end"), end));
            }
        }
    };
    for (i, a) in case.achievements.iter().enumerate() {
        period(format!("/achievements/{i}"), &a.period);
    }
    for (i, k) in case.kpis.iter().enumerate() {
        period(format!("/kpis/{i}"), &k.period);
    }
    for (i, k) in case.initiatives.iter().enumerate() {
        period(format!("/initiatives/{i}"), &k.period);
    }
    for (i, k) in case.kpis.iter().enumerate() {
        for (j, point) in k.series.iter().enumerate() {
            dates.push((format!("/kpis/{i}/series/{j}/date"), point.date));
        }
    }
    let mut single = |pointer: String, date: Option<PartialDate>| {
        if let Some(date) = date {
            dates.push((pointer, date));
        }
    };
    for (i, v) in case.visibility.iter().enumerate() {
        single(format!("/visibility/{i}/date"), Some(v.date));
    }
    for (i, d) in case.decisions.iter().enumerate() {
        single(format!("/decisions/{i}/date"), d.date);
    }
    for (i, c) in case.changes_led.iter().enumerate() {
        single(format!("/changes_led/{i}/date"), c.date);
    }
    for (i, l) in case.learning.iter().enumerate() {
        single(format!("/learning/{i}/date"), l.date);
    }
    if let Some(people) = &case.people_development {
        for (i, p) in people.promoted.iter().enumerate() {
            single(format!("/people_development/promoted/{i}/date"), p.date);
        }
        for (i, h) in people.senior_hires.iter().enumerate() {
            single(format!("/people_development/senior_hires/{i}/date"), h.date);
        }
    }
    if let Some(budget) = case.scope.as_ref().and_then(|s| s.budget.as_ref()) {
        for (i, a) in budget.allocation_decisions.iter().enumerate() {
            single(
                format!("/scope/budget/allocation_decisions/{i}/date"),
                a.date,
            );
        }
    }
    dates
}

fn check(ctx: &CheckContext<'_>, out: &mut Emitter<'_>) {
    for (pointer, date) in evidence_dates(ctx) {
        // A month is in the future only when it starts after the case date.
        if date.first_day() > ctx.as_of {
            let message = out.say(
                "message",
                &[
                    ("date", &show_date(&date)),
                    ("as_of", &ctx.as_of.format("%Y-%m-%d").to_string()),
                ],
            );
            out.at_value(&pointer, message, out.say("hint", &[]));
        }
    }
}
