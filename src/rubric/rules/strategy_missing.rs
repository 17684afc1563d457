//! `strategy-missing`: the case has no vision. The first question an executive
//! asks of a director candidate is "where would you take this?".

use crate::rubric::rule::prelude::*;

pub const RULE: Rule = Rule {
    id: "strategy-missing",
    dimension: Some(Dimension::Strategy),
    builtin: BuiltinSeverity {
        senior_manager: RuleSetting::Warning,
        director: RuleSetting::Error,
        vp: RuleSetting::Error,
    },
    summary: "The case has no vision: where the candidate would take the department",
    explanation: r#"
    A manager runs today's operations; a director sets the direction for the next one to three
    years. Lack of strategic vision is the most common reason managers are told they are "not
    yet" director material. Without a `vision:` section the case only proves you are good at
    your current job.

    Good evidence: two or three sentences on where the department will be, a horizon of 12 to 36
    months, the company objectives it serves, and dated roadmap milestones.
"#,
    example: r#"vision:
  statement: >-
    Make marketing the main source of pipeline: half of new revenue
    sourced by marketing within two years, at a cost per lead we can defend to Finance.
  horizon_months: 24
  company_objectives: [Grow ARR 30% in FY2026]
  roadmap:
    - {date: 2026-06, milestone: Partner channel live in DACH}
"#,
    texts: &[
        (
            "message",
            "The case has no vision: nothing shows where you would take the department, which is the first thing an executive looks for at {level} level",
        ),
        (
            "hint",
            "add a `vision:` section with a statement, `horizon_months` (12 to 36) and the company objectives it serves; `promocase explain strategy-missing` shows an example",
        ),
    ],
    check,
};

fn check(ctx: &CheckContext<'_>, out: &mut Emitter<'_>) {
    if ctx.case.vision.is_none() {
        out.at(
            "/vision",
            out.say("message", &[("level", ctx.level_name())]),
            out.say("hint", &[]),
        );
    }
}
