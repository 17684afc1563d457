//! `vague-quantity`: "many", "significant", "a lot" in a text that gives no
//! number. The list is `vague_words`; a field with any digit is left alone.

use crate::rubric::rule::prelude::*;

pub const RULE: Rule = Rule {
    id: "vague-quantity",
    dimension: Some(Dimension::Evidence),
    builtin: BuiltinSeverity {
        senior_manager: RuleSetting::Warning,
        director: RuleSetting::Warning,
        vp: RuleSetting::Warning,
    },
    summary: "A vague quantity (many, significant, various, a lot) with no number",
    explanation: r#"
    "Significantly improved" invites the question "by how much?", and an executive who has to
    ask assumes the answer is "not much". Replace the adjective with the number, even a rounded
    one, and say where it comes from.

    Good evidence: "cut from 21 to 9 days", "38 partner leads in Q2", "EUR 240,000 a year".
"#,
    example: r#"initiatives:
  - name: Returns redesign
    role: led
    outcome: Refund time down from 12 to 5 days; 1,900 fewer support tickets a quarter
"#,
    texts: &[
        (
            "message",
            "\"{word}\" with no number invites \"by how much?\", and an executive who has to ask assumes not much",
        ),
        (
            "hint",
            "replace it with the number, even rounded: \"from 21 to 9 days\", \"38 leads\", \"EUR 240,000 a year\"",
        ),
    ],
    check,
};

fn check(ctx: &CheckContext<'_>, out: &mut Emitter<'_>) {
    let words = &ctx.thresholds().vague_words;
    let case = ctx.case;
    let mut fields: Vec<(String, &str)> = Vec::new();
    for (i, a) in case.achievements.iter().enumerate() {
        fields.push((format!("/achievements/{i}/title"), &a.title));
        if let Some(actions) = &a.actions {
            fields.push((format!("/achievements/{i}/actions"), actions));
        }
    }
    for (i, x) in case.initiatives.iter().enumerate() {
        if let Some(text) = &x.outcome {
            fields.push((format!("/initiatives/{i}/outcome"), text));
        }
    }
    for (i, x) in case.changes_led.iter().enumerate() {
        if let Some(text) = &x.outcome {
            fields.push((format!("/changes_led/{i}/outcome"), text));
        }
    }
    for (i, x) in case.decisions.iter().enumerate() {
        if let Some(text) = &x.outcome {
            fields.push((format!("/decisions/{i}/outcome"), text));
        }
    }
    for (i, x) in case.visibility.iter().enumerate() {
        if let Some(text) = &x.outcome {
            fields.push((format!("/visibility/{i}/outcome"), text));
        }
    }
    if let Some(budget) = case.scope.as_ref().and_then(|s| s.budget.as_ref()) {
        for (i, x) in budget.allocation_decisions.iter().enumerate() {
            if let Some(text) = &x.result {
                fields.push((
                    format!("/scope/budget/allocation_decisions/{i}/result"),
                    text,
                ));
            }
        }
    }
    for (pointer, text) in fields {
        if has_number(text) {
            continue;
        }
        out.at_each_phrase(&pointer, text, words, "message", "hint", "word");
    }
}
