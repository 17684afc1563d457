//! `leadership-no-managers`: directors lead through managers; the case must
//! show enough of them (`min_managers_among_reports`).

use crate::rubric::rule::prelude::*;

pub const RULE: Rule = Rule {
    id: "leadership-no-managers",
    dimension: Some(Dimension::Leadership),
    builtin: BuiltinSeverity {
        senior_manager: RuleSetting::Info,
        director: RuleSetting::Error,
        vp: RuleSetting::Error,
    },
    summary: "Fewer of the candidate's direct reports are managers than the level expects",
    explanation: r#"
    A manager leads people who do the work; a director leads the managers who lead them.
    Executives look for proof that you already work through other leaders: that you set
    direction, delegate whole areas and grow managers, rather than supervising every task
    yourself.

    Good evidence: `scope` with team size, direct reports and how many of them are managers, and
    the teams they run.
"#,
    example: r#"scope:
  team_size: 38
  direct_reports: 6
  managers_among_reports: 3
  teams: [Demand generation, Content, Marketing operations]
"#,
    texts: &[
        (
            "unknown",
            "The case does not say how many of your reports are managers; at this level executives expect you to lead through other managers",
        ),
        (
            "unknown-hint",
            "add `managers_among_reports:` under `scope:` (at least {minimum} at this level), with `team_size` and `direct_reports`",
        ),
        (
            "too-few",
            "{count} of your reports manage people; at this level a leader oversees at least {managers}",
        ),
        ("managers.one", "{count} manager"),
        ("managers.other", "{count} managers"),
        (
            "too-few-hint",
            "if the structure is about to change, say so in `headcount_plan`; otherwise show how you grow team leads into managers in `people_development`",
        ),
    ],
    check,
};

fn check(ctx: &CheckContext<'_>, out: &mut Emitter<'_>) {
    let minimum = ctx.thresholds().min_managers_among_reports;
    if minimum == 0 {
        return;
    }
    let managers = ctx
        .case
        .scope
        .as_ref()
        .and_then(|s| s.managers_among_reports);
    match managers {
        None => out.at(
            "/scope/managers_among_reports",
            out.say("unknown", &[]),
            out.say("unknown-hint", &[("minimum", &format::count(ctx.locale, minimum.into()))]),
        ),
        Some(count) if count < minimum => {
            let managers = out.say_count("managers", minimum as usize, &[]);
            let message = out.say("too-few", &[("count", &format::count(ctx.locale, count.into())), ("managers", &managers)]);
            out.at("/scope/managers_among_reports", message, out.say("too-few-hint", &[]));
        }
        Some(_) => {}
    }
}
