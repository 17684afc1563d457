//! Schema errors, rewritten as advice.
//!
//! The validator reports every problem of a file at once, each with the path of
//! the value at fault. This module turns each into a [`Diagnostic`] that names
//! the field in the words of the format, points at it in the file, says what
//! was expected and what was found, and suggests a fix ("did you mean …?"),
//! in the reader's language ([`super::messages`]). The field descriptions a
//! missing field's hint quotes come from the schema, in English.

use std::collections::BTreeSet;
use std::sync::Arc;

use jsonschema::error::{TypeKind, ValidationErrorKind};
use serde_json::Value;

use super::date;
use super::locate::{Locations, pointer_join};
use super::messages::say;
use super::schema::DocumentSchema;
use crate::diagnostic::{Diagnostic, SourceFile};
use crate::wording::Wording;

/// Validates `value` and returns one diagnostic per problem, in file order.
pub fn validate(
    schema: &DocumentSchema,
    value: &Value,
    source: &Arc<SourceFile>,
    locations: &Locations,
    words: &dyn Wording,
) -> Vec<Diagnostic> {
    let mut seen_paths = BTreeSet::new();
    let mut diagnostics = Vec::new();
    for error in schema.validator.iter_errors(value) {
        let pointer = error.instance_path().to_string();
        let translated = translate(
            schema,
            &pointer,
            error.kind(),
            error.instance(),
            source,
            locations,
            words,
        );
        for diagnostic in translated {
            // One message per value: a bad date fails both its pattern and its format.
            let key = match diagnostic.code.as_str() {
                "missing-field" | "unknown-field" => {
                    format!("{pointer}\u{0}{}", diagnostic.message)
                }
                _ => pointer.clone(),
            };
            if seen_paths.insert(key) {
                diagnostics.push(diagnostic);
            }
        }
    }
    diagnostics.sort_by_key(|d| d.location.as_ref().map_or(0, |l| l.range.start));
    diagnostics
}

/// The last segment of a pointer, as the writer typed it: `result` for `/kpis/0/result`.
fn field_name(pointer: &str, words: &dyn Wording) -> String {
    let segments: Vec<&str> = pointer.split('/').skip(1).collect();
    let number = |last: &str| (last.parse::<usize>().unwrap_or(0) + 1).to_string();
    match segments.as_slice() {
        [] => say(words, "load.the-file", &[]),
        [.., parent, last] if last.parse::<usize>().is_ok() => say(
            words,
            "load.item-of",
            &[("number", &number(last)), ("list", &unescape(parent))],
        ),
        [last] if last.parse::<usize>().is_ok() => {
            say(words, "load.item", &[("number", &number(last))])
        }
        [.., last] => say(words, "load.field", &[("name", &unescape(last))]),
    }
}

fn unescape(segment: &str) -> String {
    segment.replace("~1", "/").replace("~0", "~")
}

/// "the text \"five\"", "the number 5", … : what the writer put there.
pub fn describe_found(value: &Value, words: &dyn Wording) -> String {
    match value {
        Value::Null => say(words, "load.found-empty", &[]),
        Value::Bool(b) => say(words, "load.found-yes-no", &[("value", &b.to_string())]),
        Value::Number(n) => say(words, "load.found-number", &[("value", &n.to_string())]),
        Value::String(s) if s.chars().count() > 40 => {
            let short: String = s.chars().take(37).collect();
            say(
                words,
                "load.found-text",
                &[("text", &format!("{short}..."))],
            )
        }
        Value::String(s) => say(words, "load.found-text", &[("text", s)]),
        Value::Array(_) => say(words, "load.found-list", &[]),
        Value::Object(_) => say(words, "load.found-section", &[]),
    }
}

fn describe_type(kind: &TypeKind, words: &dyn Wording) -> String {
    let name = |t: &jsonschema::JsonType| -> String {
        use jsonschema::JsonType as P;
        let key = match t {
            P::Array => "load.type-list",
            P::Boolean => "load.type-boolean",
            P::Integer => "load.type-integer",
            P::Null => "load.type-nothing",
            P::Number => "load.type-number",
            P::Object => "load.type-section",
            P::String => "load.type-text",
        };
        say(words, key, &[])
    };
    match kind {
        TypeKind::Single(t) => name(t),
        TypeKind::Multiple(types) => types
            .into_iter()
            .map(|t| name(&t))
            .reduce(|first, second| {
                say(
                    words,
                    "load.type-or",
                    &[("first", &first), ("second", &second)],
                )
            })
            .unwrap_or_default(),
    }
}

fn expects(kind: &TypeKind, wanted: jsonschema::JsonType) -> bool {
    match kind {
        TypeKind::Single(t) => *t == wanted,
        TypeKind::Multiple(types) => types.into_iter().any(|t| t == wanted),
    }
}

fn translate(
    schema: &DocumentSchema,
    pointer: &str,
    kind: &ValidationErrorKind,
    instance: &Value,
    source: &Arc<SourceFile>,
    locations: &Locations,
    words: &dyn Wording,
) -> Vec<Diagnostic> {
    use jsonschema::JsonType as P;
    let field = field_name(pointer, words);
    let at_value = locations.value(pointer);
    // The schema's descriptions are English: another language goes without
    // them rather than mix two languages in one hint.
    let described = |pointer: &str| {
        schema
            .description_at(pointer)
            .filter(|_| words.reads_english())
            .map(str::to_string)
    };
    let description = described(pointer);
    let one = |d: Diagnostic| vec![d];
    match kind {
        ValidationErrorKind::AdditionalProperties { unexpected } => unexpected
            .iter()
            .map(|key| {
                let allowed = schema.keys_at(pointer);
                let place = if pointer.is_empty() {
                    say(words, "load.at-top-level", &[])
                } else {
                    say(words, "load.in-field", &[("field", &field)])
                };
                let mut d = Diagnostic::error(
                    "unknown-field",
                    source,
                    say(
                        words,
                        "load.unknown-field",
                        &[("key", key), ("place", &place)],
                    ),
                )
                .at(locations.primary(&pointer_join(pointer, key)))
                .with_label(say(words, "load.unknown-field-label", &[]));
                let key_range = locations.primary(&pointer_join(pointer, key));
                let line = source.line_range(key_range.start);
                let in_braces = source
                    .text
                    .get(line.start..key_range.start.max(line.start))
                    .is_some_and(|before| before.contains('{'));
                d = match crate::suggest::closest(key, allowed.iter().map(String::as_str)) {
                    Some(best) => d
                        .with_hint(say(words, "load.did-you-mean", &[("best", best)]))
                        .with_suggestion(best),
                    // `{metric: Cost per 10,000 cases}` splits at the comma.
                    None if in_braces => d.with_hint(say(words, "load.comma-in-braces", &[])),
                    None => d.with_hint(say(
                        words,
                        "load.fields-here",
                        &[("fields", &allowed.join(", "))],
                    )),
                };
                d
            })
            .collect(),
        ValidationErrorKind::Required { property } => {
            let property = property.as_str().unwrap_or_default();
            let child = pointer_join(pointer, property);
            let what = described(&child).unwrap_or_default();
            let place = if pointer.is_empty() {
                say(words, "load.the-file", &[])
            } else {
                field.clone()
            };
            one(Diagnostic::error(
                "missing-field",
                source,
                say(
                    words,
                    "load.missing-field",
                    &[("place", &place), ("property", property)],
                ),
            )
            .at(locations.primary(pointer))
            .with_label(say(
                words,
                "load.missing-field-label",
                &[("property", property)],
            ))
            .with_hint(
                say(
                    words,
                    "load.missing-field-hint",
                    &[("property", property), ("what", &what)],
                )
                .trim_end()
                .to_string(),
            ))
        }
        ValidationErrorKind::Type { kind } => {
            let expected = describe_type(kind, words);
            let found = describe_found(instance, words);
            let hint = if expects(kind, P::Number) || expects(kind, P::Integer) {
                if instance.is_string() {
                    say(words, "load.hint-number-alone", &[])
                } else {
                    say(words, "load.hint-whole-number", &[])
                }
            } else if expects(kind, P::String)
                && !instance.is_array()
                && !instance.is_object()
                && !instance.is_null()
            {
                say(
                    words,
                    "load.hint-quote-text",
                    &[("value", &instance_text(instance))],
                )
            } else if expects(kind, P::Array) {
                say(words, "load.hint-list", &[])
            } else if expects(kind, P::Object) && instance.is_null() {
                say(words, "load.hint-empty-section", &[])
            } else if expects(kind, P::Object) {
                say(words, "load.hint-section", &[])
            } else if instance.is_null() {
                say(words, "load.hint-write-value", &[])
            } else {
                description.clone().unwrap_or_default()
            };
            one(Diagnostic::error(
                "wrong-type",
                source,
                say(
                    words,
                    "load.wrong-type",
                    &[
                        ("field", &field),
                        ("expected", &expected),
                        ("found", &found),
                    ],
                ),
            )
            .at(at_value)
            .with_label(say(words, "load.expected", &[("expected", &expected)]))
            .with_hint(hint))
        }
        ValidationErrorKind::Enum { options } => {
            let allowed: Vec<&str> = options
                .as_array()
                .map(|o| o.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            let typed = instance_text(instance);
            let best = crate::suggest::closest(&typed, allowed.iter().copied());
            let suggestion = best
                .map(|best| say(words, "load.did-you-mean-then", &[("best", best)]))
                .unwrap_or_default();
            let allowed = allowed.join(", ");
            let mut d = Diagnostic::error(
                "not-allowed",
                source,
                say(
                    words,
                    "load.not-allowed",
                    &[("field", &field), ("typed", &typed)],
                ),
            )
            .at(at_value)
            .with_label(say(words, "load.one-of", &[("allowed", &allowed)]))
            .with_hint(say(
                words,
                "load.write-one-of",
                &[("suggestion", &suggestion), ("allowed", &allowed)],
            ));
            if let Some(best) = best {
                d = d.with_suggestion(best);
            }
            one(d)
        }
        ValidationErrorKind::Format { format } => {
            let text = instance_text(instance);
            let reason = date::check_format(format, &text)
                .and_then(Result::err)
                .map_or_else(
                    || {
                        say(
                            words,
                            "load.not-a-valid-format",
                            &[("text", &text), ("format", format)],
                        )
                    },
                    |e| e.worded(words),
                );
            one(bad_date(source, &field, format, at_value, reason, words))
        }
        ValidationErrorKind::Pattern { .. } if pointer.ends_with("accent_color") => {
            one(Diagnostic::error(
                "bad-colour",
                source,
                say(words, "load.bad-colour", &[("field", &field)]),
            )
            .at(at_value)
            .with_label(say(words, "load.bad-colour-label", &[]))
            .with_hint(say(words, "load.bad-colour-hint", &[])))
        }
        ValidationErrorKind::Pattern { .. } if pointer == "/language" => {
            let typed = instance_text(instance);
            let error = super::language::LanguageTag::parse(&typed).err().unwrap_or(
                super::language::UnsupportedLanguage {
                    tag: typed,
                    suggestion: None,
                },
            );
            one(
                Diagnostic::error("unsupported-language", source, error.to_string())
                    .at(at_value)
                    .with_label(say(words, "load.unsupported-language-label", &[]))
                    .with_hint(error.hint()),
            )
        }
        ValidationErrorKind::Pattern { .. } => {
            // Dates carry a pattern for editors and a format for us; explain by the format.
            let format = schema
                .at(pointer)
                .and_then(|node| node.get("format"))
                .and_then(Value::as_str)
                .unwrap_or(date::DATE_FORMAT);
            let reason = date::check_format(format, &instance_text(instance))
                .and_then(Result::err)
                .map_or_else(
                    || say(words, "load.date-pattern-hint", &[]),
                    |e| e.worded(words),
                );
            one(bad_date(source, &field, format, at_value, reason, words))
        }
        ValidationErrorKind::Minimum { limit }
        | ValidationErrorKind::ExclusiveMinimum { limit } => one(Diagnostic::error(
            "out-of-range",
            source,
            say(
                words,
                "load.cannot-be",
                &[("field", &field), ("value", &instance_text(instance))],
            ),
        )
        .at(at_value)
        .with_label(say(
            words,
            "load.at-least",
            &[("limit", &limit.to_string())],
        ))
        .with_hint(if limit.as_f64() == Some(0.0) {
            say(words, "load.not-negative", &[])
        } else {
            say(
                words,
                "load.value-or-more",
                &[("limit", &limit.to_string())],
            )
        })),
        ValidationErrorKind::Maximum { limit }
        | ValidationErrorKind::ExclusiveMaximum { limit } => one(Diagnostic::error(
            "out-of-range",
            source,
            say(
                words,
                "load.cannot-be",
                &[("field", &field), ("value", &instance_text(instance))],
            ),
        )
        .at(at_value)
        .with_label(say(words, "load.at-most", &[("limit", &limit.to_string())]))
        .with_hint(say(
            words,
            "load.value-or-less",
            &[("limit", &limit.to_string())],
        ))),
        other => one(Diagnostic::error(
            "invalid",
            source,
            say(
                words,
                "load.not-valid",
                &[("field", &field), ("detail", &format!("{other:?}"))],
            ),
        )
        .at(at_value)
        .with_hint(description.unwrap_or_default())),
    }
}

fn bad_date(
    source: &Arc<SourceFile>,
    field: &str,
    format: &str,
    at: std::ops::Range<usize>,
    reason: String,
    words: &dyn Wording,
) -> Diagnostic {
    let (what, label) = match format {
        date::READINESS_FORMAT => ("load.a-readiness", "load.not-a-readiness"),
        date::PERIOD_END_FORMAT => ("load.a-date-or-ongoing", "load.not-a-date"),
        _ => ("load.a-valid-date", "load.not-a-date"),
    };
    let what = say(words, what, &[]);
    Diagnostic::error(
        "bad-date",
        source,
        say(words, "load.not-a", &[("field", field), ("what", &what)]),
    )
    .at(at)
    .with_label(say(words, label, &[]))
    .with_hint(reason)
}

fn instance_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}
