//! Schema errors, rewritten as advice.
//!
//! The validator reports every problem of a file at once, each with the path of
//! the value at fault. This module turns each into a [`Diagnostic`] that names
//! the field in the words of the format, points at it in the file, says what
//! was expected and what was found, and suggests a fix ("did you mean …?").

use std::collections::BTreeSet;
use std::sync::Arc;

use jsonschema::error::{TypeKind, ValidationErrorKind};
use serde_json::Value;

use super::date;
use super::locate::{Locations, pointer_join};
use super::schema::DocumentSchema;
use crate::diagnostic::{Diagnostic, SourceFile};

/// Validates `value` and returns one diagnostic per problem, in file order.
pub fn validate(
    schema: &DocumentSchema,
    value: &Value,
    source: &Arc<SourceFile>,
    locations: &Locations,
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
fn field_name(pointer: &str) -> String {
    let segments: Vec<&str> = pointer.split('/').skip(1).collect();
    match segments.as_slice() {
        [] => "the file".to_string(),
        [.., parent, last] if last.parse::<usize>().is_ok() => {
            format!(
                "item {} of `{}`",
                last.parse::<usize>().unwrap_or(0) + 1,
                unescape(parent)
            )
        }
        [last] if last.parse::<usize>().is_ok() => {
            format!("item {}", last.parse::<usize>().unwrap_or(0) + 1)
        }
        [.., last] => format!("`{}`", unescape(last)),
    }
}

fn unescape(segment: &str) -> String {
    segment.replace("~1", "/").replace("~0", "~")
}

/// "the text \"five\"", "the number 5", … : what the writer put there.
pub fn describe_found(value: &Value) -> String {
    match value {
        Value::Null => "empty".to_string(),
        Value::Bool(b) => format!("the yes/no value {b}"),
        Value::Number(n) => format!("the number {n}"),
        Value::String(s) if s.chars().count() > 40 => {
            let short: String = s.chars().take(37).collect();
            format!("the text \"{short}...\"")
        }
        Value::String(s) => format!("the text \"{s}\""),
        Value::Array(_) => "a list".to_string(),
        Value::Object(_) => "a section of fields".to_string(),
    }
}

fn describe_type(kind: &TypeKind) -> String {
    let name = |t: &jsonschema::JsonType| -> &'static str {
        use jsonschema::JsonType as P;
        match t {
            P::Array => "a list",
            P::Boolean => "true or false",
            P::Integer => "a whole number",
            P::Null => "nothing",
            P::Number => "a number",
            P::Object => "a section of fields",
            P::String => "text",
        }
    };
    match kind {
        TypeKind::Single(t) => name(t).to_string(),
        TypeKind::Multiple(types) => types
            .into_iter()
            .map(|t| name(&t))
            .collect::<Vec<_>>()
            .join(" or "),
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
) -> Vec<Diagnostic> {
    use jsonschema::JsonType as P;
    let field = field_name(pointer);
    let at_value = locations.value(pointer);
    let description = schema.description_at(pointer).map(str::to_string);
    let one = |d: Diagnostic| vec![d];
    match kind {
        ValidationErrorKind::AdditionalProperties { unexpected } => unexpected
            .iter()
            .map(|key| {
                let allowed = schema.keys_at(pointer);
                let place = if pointer.is_empty() {
                    "at the top level".to_string()
                } else {
                    format!("in {field}")
                };
                let mut d = Diagnostic::error(
                    "unknown-field",
                    source,
                    format!("unknown field `{key}` {place}"),
                )
                .at(locations.primary(&pointer_join(pointer, key)))
                .with_label("not a field of the case format");
                let key_range = locations.primary(&pointer_join(pointer, key));
                let line = source.line_range(key_range.start);
                let in_braces = source
                    .text
                    .get(line.start..key_range.start.max(line.start))
                    .is_some_and(|before| before.contains('{'));
                d = match crate::suggest::closest(key, allowed.iter().map(String::as_str)) {
                    Some(best) => d
                        .with_hint(format!("did you mean `{best}`?"))
                        .with_suggestion(best),
                    // `{metric: Cost per 10,000 cases}` splits at the comma.
                    None if in_braces => d.with_hint(
                        "inside { }, a comma starts a new field: put text that contains a comma in quotes, e.g. metric: \"Cost per 10,000 cases\"",
                    ),
                    None => d.with_hint(format!("the fields here are: {}", allowed.join(", "))),
                };
                d
            })
            .collect(),
        ValidationErrorKind::Required { property } => {
            let property = property.as_str().unwrap_or_default();
            let child = pointer_join(pointer, property);
            let what = schema.description_at(&child).unwrap_or_default();
            let place = if pointer.is_empty() {
                "the file".to_string()
            } else {
                field.clone()
            };
            one(Diagnostic::error(
                "missing-field",
                source,
                format!("{place} is missing `{property}`"),
            )
            .at(locations.primary(pointer))
            .with_label(format!("`{property}` is required here"))
            .with_hint(
                format!("add `{property}:` here. {what}")
                    .trim_end()
                    .to_string(),
            ))
        }
        ValidationErrorKind::Type { kind } => {
            let expected = describe_type(kind);
            let found = describe_found(instance);
            let hint = if expects(kind, P::Number) || expects(kind, P::Integer) {
                if instance.is_string() {
                    "write the number alone, without words, units or thousands separators, e.g. `2400000`; units go in `unit` or `currency`".to_string()
                } else {
                    "write a whole number such as `12`".to_string()
                }
            } else if expects(kind, P::String)
                && !instance.is_array()
                && !instance.is_object()
                && !instance.is_null()
            {
                format!(
                    "put the value in quotes so it reads as text: \"{}\"",
                    instance_text(instance)
                )
            } else if expects(kind, P::Array) {
                "this is a list: put each item on its own line, starting with `- `".to_string()
            } else if expects(kind, P::Object) && instance.is_null() {
                "the section is empty: fill in its fields on the lines below, indented, or remove the line".to_string()
            } else if expects(kind, P::Object) {
                "this is a section: put its fields on the lines below, indented by two spaces"
                    .to_string()
            } else if instance.is_null() {
                "write a value after the colon, or remove the line".to_string()
            } else {
                description.clone().unwrap_or_default()
            };
            one(Diagnostic::error(
                "wrong-type",
                source,
                format!("{field} should be {expected}, but it is {found}"),
            )
            .at(at_value)
            .with_label(format!("expected {expected}"))
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
                .map(|best| format!("did you mean `{best}`? "))
                .unwrap_or_default();
            let mut d = Diagnostic::error(
                "not-allowed",
                source,
                format!("{field} cannot be \"{typed}\""),
            )
            .at(at_value)
            .with_label(format!("expected one of: {}", allowed.join(", ")))
            .with_hint(format!("{suggestion}write one of: {}", allowed.join(", ")));
            if let Some(best) = best {
                d = d.with_suggestion(best);
            }
            one(d)
        }
        ValidationErrorKind::Format { format } => {
            let text = instance_text(instance);
            let reason = date::check_format(format, &text)
                .and_then(Result::err)
                .map_or_else(|| format!("\"{text}\" is not a valid {format}"), |e| e.0);
            one(bad_date(source, &field, format, at_value, reason))
        }
        ValidationErrorKind::Pattern { .. } if pointer.ends_with("accent_color") => {
            one(Diagnostic::error(
                "bad-colour",
                source,
                format!("{field} is not a colour code"),
            )
            .at(at_value)
            .with_label("expected #RRGGBB")
            .with_hint("write the colour as a hex code in quotes, e.g. \"#1F4E79\""))
        }
        ValidationErrorKind::Pattern { .. } if pointer == "/language" => {
            let typed = instance_text(instance);
            let error = super::language::LanguageTag::parse(&typed)
                .err()
                .unwrap_or(super::language::UnsupportedLanguage {
                    tag: typed,
                    suggestion: None,
                });
            one(Diagnostic::error("unsupported-language", source, error.to_string())
                .at(at_value)
                .with_label("not a supported language")
                .with_hint(error.hint()))
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
                    || "write a day as YYYY-MM-DD or a month as YYYY-MM".to_string(),
                    |e| e.0,
                );
            one(bad_date(source, &field, format, at_value, reason))
        }
        ValidationErrorKind::Minimum { limit }
        | ValidationErrorKind::ExclusiveMinimum { limit } => one(Diagnostic::error(
            "out-of-range",
            source,
            format!("{field} cannot be {}", instance_text(instance)),
        )
        .at(at_value)
        .with_label(format!("must be at least {limit}"))
        .with_hint(if limit.as_f64() == Some(0.0) {
            "counts and amounts cannot be negative".to_string()
        } else {
            format!("use a value of {limit} or more")
        })),
        ValidationErrorKind::Maximum { limit }
        | ValidationErrorKind::ExclusiveMaximum { limit } => one(Diagnostic::error(
            "out-of-range",
            source,
            format!("{field} cannot be {}", instance_text(instance)),
        )
        .at(at_value)
        .with_label(format!("must be at most {limit}"))
        .with_hint(format!("use a value of {limit} or less"))),
        other => one(Diagnostic::error(
            "invalid",
            source,
            format!("{field} is not valid: {other:?}"),
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
) -> Diagnostic {
    let (what, label) = match format {
        date::READINESS_FORMAT => ("a readiness", "not a readiness"),
        date::PERIOD_END_FORMAT => ("a date or `ongoing`", "not a date"),
        _ => ("a valid date", "not a date"),
    };
    Diagnostic::error("bad-date", source, format!("{field} is not {what}"))
        .at(at)
        .with_label(label)
        .with_hint(reason)
}

fn instance_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}
