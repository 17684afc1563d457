//! `period-end-before-start`: a period that ends before it starts, in an
//! achievement, a KPI or an initiative.

use crate::rubric::rule::prelude::*;
use crate::model::{Period, PeriodEnd};

pub const RULE: Rule = Rule {
    id: "period-end-before-start",
    dimension: Some(Dimension::Evidence),
    builtin: BuiltinSeverity {
        senior_manager: RuleSetting::Error,
        director: RuleSetting::Error,
        vp: RuleSetting::Error,
    },
    summary: "A period ends before it starts",
    explanation: r#"
    A period that ends before it starts is a typo, but a reader who spots it starts doubting
    every other date and number in the case.

    Good evidence: `start` on or before `end`, or `end: ongoing`.
"#,
    example: r#"achievements:
  - title: Renegotiated the carrier contract
    period: {start: 2025-01, end: 2025-04}
"#,
    texts: &[
        (
            "message",
            "This period ends ({end}) before it starts ({start}): a reader who spots it doubts every other date",
        ),
        ("hint", "swap or correct the dates"),
    ],
    check,
};

fn check(ctx: &CheckContext<'_>, out: &mut Emitter<'_>) {
    let case = ctx.case;
    let periods = case
        .achievements
        .iter()
        .enumerate()
        .map(|(i, a)| (format!("/achievements/{i}"), &a.period))
        .chain(
            case.kpis
                .iter()
                .enumerate()
                .map(|(i, k)| (format!("/kpis/{i}"), &k.period)),
        )
        .chain(
            case.initiatives
                .iter()
                .enumerate()
                .map(|(i, k)| (format!("/initiatives/{i}"), &k.period)),
        );
    for (base, period) in periods {
        let Some(Period {
            start: Some(start),
            end: Some(PeriodEnd::On(end)),
        }) = period
        else {
            continue;
        };
        if end.last_day() < start.first_day() {
            out.at_value(
                &format!("{base}/period/end"),
                out.say(
                    "message",
                    &[("end", &show_date(end)), ("start", &show_date(start))],
                ),
                out.say("hint", &[]),
            );
        }
    }
}
