//! The field reference of README.md, generated from the schema so that it
//! can never drift from the types (a test compares the two).

use std::collections::{BTreeSet, VecDeque};

use serde_json::Value;

use super::schema::{DocumentSchema, case_schema};

/// Markdown tables, one per section of the format, in the order a reader meets them.
pub fn field_reference() -> String {
    let schema = case_schema();
    let mut out = String::new();
    let mut queue = VecDeque::from([("Case".to_string(), "The file".to_string())]);
    let mut seen = BTreeSet::from(["Case".to_string()]);
    while let Some((name, heading)) = queue.pop_front() {
        let Some(node) = definition(schema, &name) else {
            continue;
        };
        let required: BTreeSet<&str> = node
            .get("required")
            .and_then(Value::as_array)
            .map(|r| r.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        out.push_str(&format!("#### {heading}\n\n"));
        if let Some(description) = node.get("description").and_then(Value::as_str) {
            out.push_str(&format!("{}\n\n", one_line(description)));
        }
        out.push_str("| field | value | description |\n|---|---|---|\n");
        for (field, property) in node
            .get("properties")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
        {
            let (kind, nested) = describe(schema, property);
            let needed = if required.contains(field.as_str()) {
                " (required)"
            } else {
                ""
            };
            let description = property
                .get("description")
                .and_then(Value::as_str)
                .unwrap_or_default();
            out.push_str(&format!(
                "| `{field}`{needed} | {kind} | {} |\n",
                one_line(description).replace('|', "\\|")
            ));
            if let Some(nested) = nested
                && seen.insert(nested.clone())
            {
                let path = if name == "Case" {
                    field.clone()
                } else {
                    format!("{heading} → {field}")
                };
                queue.push_back((nested, path));
            }
        }
        out.push('\n');
    }
    out
}

fn definition<'a>(schema: &'a DocumentSchema, name: &str) -> Option<&'a Value> {
    if name == "Case" {
        return Some(&schema.json);
    }
    schema.json.get("$defs")?.get(name)
}

fn ref_name(node: &Value) -> Option<String> {
    node.get("$ref")?
        .as_str()?
        .strip_prefix("#/$defs/")
        .map(str::to_string)
}

/// A readable type for a property, and the section type it leads to, if any.
fn describe(schema: &DocumentSchema, property: &Value) -> (String, Option<String>) {
    if let Some(name) = ref_name(property) {
        let target = definition(schema, &name);
        if let Some(values) = target.and_then(|t| t.get("enum")).and_then(Value::as_array) {
            let words: Vec<String> = values
                .iter()
                .filter_map(Value::as_str)
                .map(|v| format!("`{v}`"))
                .collect();
            return (format!("one of {}", words.join(", ")), None);
        }
        return match name.as_str() {
            "Date" => ("date".into(), None),
            "PeriodEnd" => ("date or `ongoing`".into(), None),
            "Readiness" => (
                "`ready-now`, `6-12-months`, `1-2-years` or a date".into(),
                None,
            ),
            _ => (format!("section ({})", anchor_free(&name)), Some(name)),
        };
    }
    match property.get("type").and_then(Value::as_str) {
        Some("array") => {
            let (item, nested) = property
                .get("items")
                .map_or(("value".into(), None), |i| describe(schema, i));
            (format!("list of {item}"), nested)
        }
        Some("string") => ("text".into(), None),
        Some("number") => ("number".into(), None),
        Some("integer") => ("whole number".into(), None),
        Some("boolean") => ("`true` or `false`".into(), None),
        _ => ("value".into(), None),
    }
}

fn anchor_free(name: &str) -> String {
    name.to_string()
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    #[test]
    fn lists_nested_sections_and_enums() {
        let text = super::field_reference();
        assert!(text.contains("#### candidate"), "{text}");
        assert!(text.contains("#### succession → successors"), "{text}");
        assert!(
            text.contains("one of `senior-manager`, `director`, `vp`"),
            "{text}"
        );
    }
}
