//! `placeholder-text`: wording left from the starter case that `init` writes
//! ("Your Name", "What has changed in the business…"). The list is the
//! starter's own ([`crate::starter::PLACEHOLDERS`]), so the two never drift.

use crate::rubric::rule::prelude::*;

pub const RULE: Rule = Rule {
    id: "placeholder-text",
    dimension: Some(Dimension::Evidence),
    builtin: BuiltinSeverity {
        senior_manager: RuleSetting::Error,
        director: RuleSetting::Error,
        vp: RuleSetting::Error,
    },
    summary: "Text left from the starter case (\"Your Name\", \"What has changed in the business…\")",
    explanation: r#"
    The starter that `promocase init` writes holds example wording for every field, so that it
    loads and shows what belongs where. Left in, it reaches the executive: a proposal for "Your
    Name" at "Your Company", or a why-now that explains what a why-now is, tells the reader that
    nobody finished the case, and every other line of it loses weight.

    Good evidence: every field in your own words, or removed when you have nothing for it yet.
"#,
    example: r#"candidate:
  name: Ana Petrova
  company: Nordlicht Software
ask:
  target_date: 2027-01
  why_now: Marketing now sources 45% of pipeline and needs a seat in revenue planning.
"#,
    texts: &[
        (
            "message",
            "\"{text}\" is the starter's placeholder: an executive would read the case as a draft nobody finished",
        ),
        (
            "hint",
            "write your own text here, or delete the field until you have it",
        ),
    ],
    check,
};

fn check(ctx: &CheckContext<'_>, out: &mut Emitter<'_>) {
    let Ok(value) = serde_json::to_value(ctx.case) else {
        return;
    };
    // The English starter's placeholders, and those of the case's language.
    let code = ctx.case.language.as_ref().map_or("en", |tag| tag.language.code);
    let known: Vec<String> = crate::starter::placeholders_in(code)
        .iter()
        .map(|p| normal(p))
        .collect();
    let mut found = Vec::new();
    placeholders_in(&value, String::new(), &known, &mut found);
    for (pointer, text) in found {
        out.at_value(
            &pointer,
            out.say("message", &[("text", &text)]),
            out.say("hint", &[]),
        );
    }
}

/// A text as compared: its words, in small letters.
fn normal(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// Every text in `value` that is one of the `known` placeholders (normal),
/// with its JSON Pointer (the check sorts findings by their place in the file).
fn placeholders_in(
    value: &serde_json::Value,
    pointer: String,
    known: &[String],
    found: &mut Vec<(String, String)>,
) {
    match value {
        serde_json::Value::String(text) if known.contains(&normal(text)) => {
            found.push((pointer, text.trim().to_string()));
        }
        serde_json::Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                placeholders_in(item, format!("{pointer}/{index}"), known, found);
            }
        }
        serde_json::Value::Object(fields) => {
            for (key, item) in fields {
                let key = crate::model::locate::escape_segment(key);
                placeholders_in(item, format!("{pointer}/{key}"), known, found);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::diagnostic::{Severity, SourceFile};
    use crate::model::{Level, Track, parse_case};
    use crate::rubric::Rubric;
    use crate::starter::{PLACEHOLDERS, StarterAnswers, starter_case};

    /// The starter with its commented example sections switched on.
    fn uncommented_starter() -> String {
        let today = NaiveDate::from_ymd_opt(2026, 1, 10).unwrap_or_default();
        let text = starter_case(
            "case.yaml",
            &StarterAnswers::new(Level::Director, Track::Operations),
            today,
        );
        crate::starter::with_examples_switched_on(&text)
    }

    fn placeholder_findings(text: &str) -> Vec<String> {
        let today = NaiveDate::from_ymd_opt(2026, 1, 10).unwrap_or_default();
        let loaded = parse_case(SourceFile::new("case.yaml", text), today)
            .unwrap_or_else(|e| panic!("the starter loads: {e}"));
        let rubric = Rubric::builtin(Level::Director);
        let context = CheckContext::new(&loaded, &rubric, Locale::english());
        let mut emitter = Emitter::new(
            RULE.id,
            RULE.dimension,
            RULE.texts,
            Severity::Error,
            &context,
        );
        (RULE.check)(&context, &mut emitter);
        emitter.findings.into_iter().map(|f| f.pointer).collect()
    }

    #[test]
    fn every_placeholder_is_in_the_starter_and_every_one_is_found() {
        let starter = [include_str!("../../../starters/en.yaml"), include_str!("../../starter.rs")].concat();
        for placeholder in PLACEHOLDERS {
            assert!(
                starter.contains(placeholder),
                "`{placeholder}` is no longer in starters/en.yaml: remove it from PLACEHOLDERS"
            );
        }
        let text = uncommented_starter();
        let found = placeholder_findings(&text);
        for pointer in ["/candidate/name", "/candidate/company", "/ask/why_now", "/vision/statement"] {
            assert!(found.iter().any(|p| p == pointer), "{pointer} not reported: {found:?}");
        }
        // The commented examples count too, once switched on.
        for pointer in ["/decisions/0/title", "/sponsors/0/name", "/succession/successors/0/name"] {
            assert!(found.iter().any(|p| p == pointer), "{pointer} not reported: {found:?}");
        }
    }

    #[test]
    fn every_language_s_starter_placeholders_are_found() {
        let today = NaiveDate::from_ymd_opt(2026, 1, 10).unwrap_or_default();
        for code in crate::starter::template_languages() {
            for track in [Track::Operations, Track::Other] {
                let answers = StarterAnswers {
                    language: crate::model::LanguageTag::parse(code).ok(),
                    ..StarterAnswers::new(Level::Director, track)
                };
                let text = crate::starter::with_examples_switched_on(&starter_case("case.yaml", &answers, today));
                let found = placeholder_findings(&text);
                for pointer in [
                    "/candidate/name",
                    "/candidate/company",
                    "/ask/why_now",
                    "/vision/statement",
                    "/decisions/0/title",
                    "/sponsors/0/name",
                    "/succession/successors/0/name",
                ] {
                    assert!(found.iter().any(|p| p == pointer), "{code} {track:?}: {pointer} not reported: {found:?}");
                }
            }
        }
    }

    #[test]
    fn the_starters_own_text_never_passes_as_evidence() {
        // Every free text of the starter (example sections switched on) is either
        // a placeholder the rule reports or a realistic default kept on purpose.
        const KEPT: &[&str] = &[
            "Operations Manager",
            "Director of Operations",
            "Operations",
            "Chief Operating Officer",
            "Cost per order",
            "EUR",
            "Sponsorship of the proposal at the next talent review",
            "Executive committee",
            "Sales",
            "Finance",
            "VP Sales",
            "FY2025",
            "Analyst",
            "Team Lead",
            "Manager",
            "compliance",
            "Finance for non-financial managers",
            "Own the quarterly budget review",
            "logo.png",
            "labels-de.yaml",
            "#1F4E79",
        ];
        let text = uncommented_starter();
        let today = NaiveDate::from_ymd_opt(2026, 1, 10).unwrap_or_default();
        let loaded = parse_case(SourceFile::new("case.yaml", text.as_str()), today)
            .unwrap_or_else(|e| panic!("the starter loads: {e}"));
        let value = serde_json::to_value(&loaded.case).unwrap_or_default();
        let mut texts = Vec::new();
        collect_texts(&value, &mut texts);
        let unlisted: Vec<&String> = texts
            .iter()
            .filter(|t| {
                !PLACEHOLDERS.contains(&t.as_str())
                    && !KEPT.contains(&t.as_str())
                    // Dates, and the ids of enum values (`led`, `vp`, `ongoing`).
                    && !t.chars().next().is_some_and(|c| c.is_ascii_digit())
                    && !t.chars().all(|c| c.is_ascii_lowercase() || c == '-')
            })
            .collect();
        assert!(
            unlisted.is_empty(),
            "starter text that is neither a placeholder nor a kept default: {unlisted:?}"
        );
    }

    fn collect_texts(value: &serde_json::Value, out: &mut Vec<String>) {
        match value {
            serde_json::Value::String(text) => out.push(text.clone()),
            serde_json::Value::Array(items) => items.iter().for_each(|i| collect_texts(i, out)),
            serde_json::Value::Object(fields) => fields.values().for_each(|i| collect_texts(i, out)),
            _ => {}
        }
    }
}
