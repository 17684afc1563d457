//! `ask-resources-only`: a problem the role would solve that only asks for
//! resources for the candidate's own team ("more budget", "more headcount")
//! without the business problem they serve. Phrases: the rubric's
//! `resource_request_phrases`; a problem that names a business result
//! (`business_outcome_words`) or a number is a business case and passes.

use crate::rubric::rule::prelude::*;

pub const RULE: Rule = Rule {
    id: "ask-resources-only",
    dimension: Some(Dimension::TheAsk),
    builtin: BuiltinSeverity {
        senior_manager: RuleSetting::Warning,
        director: RuleSetting::Warning,
        vp: RuleSetting::Warning,
    },
    summary: "A problem to solve asks only for resources for the candidate's team (\"more budget\", \"more headcount\")",
    explanation: r#"
    The problems a new role solves are the business's problems: lost revenue, rising cost,
    customers who leave, a market nobody owns. "More budget" or "more headcount" is a means, and
    asked for on its own it reads as the department wanting to grow. Executives fund the problem,
    not the request, so name the problem and what solving it is worth; the resources follow as
    the means.

    Good evidence: each problem in business terms, with a number where there is one; any
    resource named as the means to solve it.
"#,
    example: r#"ask:
  target_date: 2027-01
  problems_to_solve:
    - Customer onboarding takes 21 days and 8% of new customers leave before go-live; two more analysts would bring it to 9 days
"#,
    texts: &[
        (
            "message",
            "\"{phrase}\" asks for resources for your team without the business problem they solve: executives fund problems, not requests",
        ),
        (
            "hint",
            "turn it around: name the business problem and what it costs, then the resource as the means (\"Onboarding takes 21 days and loses 8% of new customers; two more analysts would cut it to 9\")",
        ),
    ],
    check,
};

fn check(ctx: &CheckContext<'_>, out: &mut Emitter<'_>) {
    let thresholds = ctx.thresholds();
    for (index, problem) in ctx.case.ask.problems_to_solve.iter().enumerate() {
        let names_the_business = has_number(problem)
            || find_phrase_in(problem, &thresholds.business_outcome_words).is_some();
        if names_the_business {
            continue;
        }
        out.at_each_phrase(
            &format!("/ask/problems_to_solve/{index}"),
            problem,
            &thresholds.resource_request_phrases,
            "message",
            "hint",
            "phrase",
        );
    }
}
