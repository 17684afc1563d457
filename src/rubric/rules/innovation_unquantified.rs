//! `innovation-unquantified`: no process improvement with a measured effect.
//! Counts achievements tagged `innovation` with a numeric outcome.

use crate::rubric::rule::prelude::*;
use crate::model::Dimension;

pub const RULE: Rule = Rule {
    id: "innovation-unquantified",
    dimension: Some(Dimension::Innovation),
    builtin: BuiltinSeverity {
        senior_manager: RuleSetting::Info,
        director: RuleSetting::Warning,
        vp: RuleSetting::Warning,
    },
    summary: "No improvement adopted with a measured effect (time, cost, quality)",
    explanation: r#"
    Directors are expected to improve how the work is done, not only to get it done. An
    improvement counts when it was adopted and its effect measured: hours saved, cost cut,
    errors avoided.

    Good evidence: an achievement tagged `innovation` with an outcome that has a baseline and a
    result.
"#,
    example: r#"achievements:
  - title: Automated month-end stock reconciliation
    period: {start: 2025-01, end: 2025-04}
    outcomes:
      - {metric: Hours per month-end close, baseline: 64, result: 12, unit: hours}
    dimensions: [innovation]
"#,
    texts: &[
        (
            "unmeasured",
            "Your improvement has no measured effect: an executive cannot tell whether it saved time, money or errors",
        ),
        (
            "unmeasured-hint",
            "add an outcome with `metric`, `baseline`, `result` and `unit` (hours saved, cost cut, error rate)",
        ),
        (
            "untagged",
            "No achievement shows an improvement to how the work is done, with its measured effect",
        ),
        (
            "untagged-hint",
            "tag the achievement that changed a process or tool with `dimensions: [innovation]` and give it a measured outcome",
        ),
    ],
    check,
};

fn check(ctx: &CheckContext<'_>, out: &mut Emitter<'_>) {
    let tagged: Vec<usize> = ctx
        .case
        .achievements
        .iter()
        .enumerate()
        .filter(|(_, a)| a.dimensions.contains(&Dimension::Innovation))
        .map(|(i, _)| i)
        .collect();
    let quantified = tagged.iter().any(|&i| {
        ctx.case.achievements[i]
            .outcomes
            .iter()
            .any(|o| o.result.is_some())
    });
    if quantified {
        return;
    }
    match tagged.first() {
        Some(&first) => out.at(
            &format!("/achievements/{first}/outcomes"),
            out.say("unmeasured", &[]),
            out.say("unmeasured-hint", &[]),
        ),
        None => out.at(
            "/achievements",
            out.say("untagged", &[]),
            out.say("untagged-hint", &[]),
        ),
    }
}
