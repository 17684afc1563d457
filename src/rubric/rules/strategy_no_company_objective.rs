//! `strategy-no-company-objective`: the vision is not tied to what the
//! company is trying to achieve; threshold `min_company_objectives`.

use crate::rubric::rule::prelude::*;

pub const RULE: Rule = Rule {
    id: "strategy-no-company-objective",
    dimension: Some(Dimension::Strategy),
    builtin: BuiltinSeverity {
        senior_manager: RuleSetting::Warning,
        director: RuleSetting::Warning,
        vp: RuleSetting::Error,
    },
    summary: "The vision names no company objective it serves",
    explanation: r#"
    A director's strategy is a part of the company's strategy. A vision that names no company
    objective looks like a department's wish list, and executives discount it. Naming the
    objectives in the company's own words shows you understand where the business is going and
    how your area moves it.

    Good evidence: `company_objectives` listing the objectives exactly as the executive team
    writes them.
"#,
    example: r#"vision:
  statement: Make onboarding a growth lever.
  horizon_months: 18
  company_objectives:
    - Net revenue retention above 110%
    - Enter the Nordics in 2026
"#,
    texts: &[
        (
            "message",
            "The vision names {named} of the company's objectives; it needs at least {minimum} to show it serves the business, not only the department",
        ),
        ("none", "none"),
        (
            "hint",
            "add `company_objectives:` under `vision:` with the objectives as the executive team words them, e.g. \"Grow ARR 30% in FY2026\"",
        ),
    ],
    check,
};

fn check(ctx: &CheckContext<'_>, out: &mut Emitter<'_>) {
    let Some(vision) = &ctx.case.vision else {
        return;
    };
    let minimum = ctx.thresholds().min_company_objectives as usize;
    let named = vision
        .company_objectives
        .iter()
        .filter(|o| !o.trim().is_empty())
        .count();
    if named < minimum {
        let named = if named == 0 {
            out.say("none", &[])
        } else {
            format::count(ctx.locale, named as u64)
        };
        let message = out.say(
            "message",
            &[
                ("named", &named),
                ("minimum", &format::count(ctx.locale, minimum as u64)),
            ],
        );
        out.at("/vision/company_objectives", message, out.say("hint", &[]));
    }
}
