//! `ask-incomplete`: the proposal lacks why now, the support asked for, or
//! (when the role does not exist yet) the problems it would solve.

use crate::rubric::rule::prelude::*;

pub const RULE: Rule = Rule {
    id: "ask-incomplete",
    dimension: Some(Dimension::TheAsk),
    builtin: BuiltinSeverity {
        senior_manager: RuleSetting::Warning,
        director: RuleSetting::Warning,
        vp: RuleSetting::Warning,
    },
    summary: "The ask lacks why now, the support requested, or the problems a new role would solve",
    explanation: r#"
    The conversation with the executive works best as a request for help, made in advance: the
    path you see, why now, what the role would solve for the business, and what you need from
    them. In a growing company the director role may not exist yet; then the case must say which
    problems it would solve, or it reads as a request for a title.

    Good evidence: `why_now`, `support_requested`, and `problems_to_solve` (required when
    `role_exists: false`).
"#,
    example: r#"ask:
  target_date: 2026-07
  why_now: Marketing now sources 45% of pipeline and needs a seat in revenue planning
  support_requested: [Sponsorship at the March talent review]
  problems_to_solve: [No one owns pipeline targets across Marketing and Sales]
  role_exists: false
"#,
    texts: &[
        (
            "message",
            "The ask does not say {missing}: without it the case reads as a request for a title rather than a proposal for the business",
        ),
        ("why-now", "why now"),
        ("support-requested", "the support you ask of the executive"),
        ("problems-to-solve", "the problems the new role would solve"),
        ("nor", "{list}, nor {item}"),
        (
            "hint",
            "add {fields} under `ask:`; `promocase explain ask-incomplete` shows a complete ask",
        ),
        ("field-list", "{list}, {field}"),
    ],
    check,
};

fn check(ctx: &CheckContext<'_>, out: &mut Emitter<'_>) {
    let ask = &ctx.case.ask;
    let mut missing: Vec<(&str, &str)> = Vec::new();
    if ask.why_now.as_deref().is_none_or(|w| w.trim().is_empty()) {
        missing.push(("why_now", "why-now"));
    }
    if ask.support_requested.is_empty() {
        missing.push(("support_requested", "support-requested"));
    }
    if ask.role_exists == Some(false) && ask.problems_to_solve.is_empty() {
        missing.push(("problems_to_solve", "problems-to-solve"));
    }
    if let Some((field, what)) = missing.first() {
        let mut said = out.say(what, &[]);
        let mut fields = format!("`{field}:`");
        for (field, what) in &missing[1..] {
            let item = out.say(what, &[]);
            said = out.say("nor", &[("list", &said), ("item", &item)]);
            fields = out.say(
                "field-list",
                &[("list", &fields), ("field", &format!("`{field}:`"))],
            );
        }
        let message = out.say("message", &[("missing", &said)]);
        let hint = out.say("hint", &[("fields", &fields)]);
        out.at(&format!("/ask/{field}"), message, hint);
    }
}
