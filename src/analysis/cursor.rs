//! What is at a place in the text being edited, for completion and hover:
//! the JSON Pointer of the mapping the place belongs to, read from the
//! indentation of the lines above (so it works while the text does not yet
//! load), and whether the place is a key or a key's value.

use serde::Serialize;

use crate::model::case_schema;
use crate::model::locate::pointer_join;

/// Where the cursor stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// The mapping the line belongs to, e.g. `/kpis/2`.
    pub parent: String,
    /// The key written on the line, if any.
    pub key: Option<String>,
    /// Whether the cursor is on the key (true) or after its colon (false).
    pub on_key: bool,
    /// The 1-based column where the word under the cursor starts.
    pub word_start: usize,
}

/// A completion: what to insert, and what it means.
#[derive(Debug, Clone, Serialize)]
pub struct Completion {
    pub label: String,
    /// `field`, `value` or `rule`.
    pub kind: &'static str,
    pub detail: Option<String>,
}

/// One line: where its list dash stands (if it is a list item), where its
/// key starts, and the key.
struct Line<'t> {
    dash: Option<usize>,
    key_col: usize,
    key: Option<&'t str>,
}

fn read_line(line: &str) -> Option<Line<'_>> {
    let trimmed = line.trim_start();
    if trimmed.is_empty() || trimmed.starts_with('#') {
        return None;
    }
    let indent = line.len() - trimmed.len();
    let (dash, body, key_col) = match trimmed.strip_prefix('-') {
        Some(rest) if rest.is_empty() || rest.starts_with(' ') => {
            let body = rest.trim_start();
            (Some(indent), body, indent + 1 + (rest.len() - body.len()))
        }
        _ => (None, trimmed, indent),
    };
    let key = body
        .split_once(':')
        .map(|(key, _)| key)
        .filter(|key| !key.is_empty() && key.chars().all(|c| c.is_alphanumeric() || c == '_'));
    Some(Line { dash, key_col, key })
}

/// The pointer of the mapping that holds keys at column `key_col`, read from
/// the lines above; `item_dash` is the dash's column when the line itself
/// starts a list item.
fn parent_of(above: &[&str], key_col: usize, item_dash: Option<usize>) -> String {
    let mut segments: Vec<String> = Vec::new();
    let mut want = key_col;
    // The dash column of the list item we are in, while its index is counted.
    let mut item = item_dash;
    let mut earlier = 0usize;
    for text in above.iter().rev() {
        let Some(line) = read_line(text) else {
            continue;
        };
        if let Some(dash) = item {
            if line.dash == Some(dash) {
                earlier += 1;
                continue;
            }
            let holds_the_list =
                line.key.is_some() && line.key_col <= dash && line.dash.is_none_or(|d| d < dash);
            if !holds_the_list {
                continue;
            }
            segments.push(earlier.to_string());
            earlier = 0;
            item = None;
            segments.push(line.key.unwrap_or_default().to_string());
            want = line.key_col;
            if let Some(outer) = line.dash {
                // `- successors:`: the list is a field of an outer item.
                item = Some(outer);
                continue;
            }
            if want == 0 {
                break;
            }
            continue;
        }
        match line.dash {
            Some(dash) if line.key_col == want => item = Some(dash),
            Some(dash) if line.key_col < want => {
                if let Some(key) = line.key {
                    segments.push(key.to_string());
                }
                want = line.key_col;
                item = Some(dash);
            }
            None if line.key_col < want => {
                if let Some(key) = line.key {
                    segments.push(key.to_string());
                    want = line.key_col;
                    if want == 0 {
                        break;
                    }
                }
            }
            _ => {}
        }
    }
    if item.is_some() {
        segments.push(earlier.to_string());
    }
    segments.reverse();
    segments.iter().fold(String::new(), |pointer, segment| {
        pointer_join(&pointer, segment)
    })
}

/// What is at 1-based `line` and character `column` of `text`.
pub fn place(text: &str, line: usize, column: usize) -> Option<Place> {
    let lines: Vec<&str> = text.split('\n').map(|l| l.trim_end_matches('\r')).collect();
    let current = *lines.get(line.checked_sub(1)?)?;
    let prefix: String = current.chars().take(column.saturating_sub(1)).collect();
    let trimmed = prefix.trim_start();
    let indent = prefix.len() - trimmed.len();
    let (dash, body, key_col) = match trimmed.strip_prefix("- ") {
        Some(rest) => (Some(indent), rest, indent + 2),
        None => (None, trimmed, indent),
    };
    let parent = parent_of(&lines[..line - 1], key_col, dash);
    let chars_before = |s: &str| s.chars().count();
    match body.split_once(':') {
        None => Some(Place {
            parent,
            key: None,
            on_key: true,
            word_start: chars_before(&prefix) - chars_before(body) + 1,
        }),
        Some((key, value)) => {
            let value_word = value.trim_start();
            Some(Place {
                parent,
                key: Some(key.trim().to_string()),
                on_key: false,
                word_start: chars_before(&prefix) - chars_before(value_word) + 1,
            })
        }
    }
}

/// The completions at 1-based `line` and `column`: the fields the mapping
/// there accepts, or the values a field accepts, or rule ids in `waivers`.
pub fn completions(text: &str, line: usize, column: usize) -> (usize, Vec<Completion>) {
    let Some(place) = place(text, line, column) else {
        return (column, Vec::new());
    };
    let schema = case_schema();
    if place.on_key {
        let items = schema
            .keys_at(&place.parent)
            .into_iter()
            .map(|key| {
                let pointer = pointer_join(&place.parent, &key);
                Completion {
                    detail: schema.description_at(&pointer).map(str::to_string),
                    label: key,
                    kind: "field",
                }
            })
            .collect();
        return (place.word_start, items);
    }
    let key = place.key.unwrap_or_default();
    if key == "rule" && place.parent.starts_with("/waivers") {
        let items = crate::rubric::RULES
            .iter()
            .map(|rule| Completion {
                label: rule.id.to_string(),
                kind: "rule",
                detail: Some(rule.summary.to_string()),
            })
            .collect();
        return (place.word_start, items);
    }
    let pointer = pointer_join(&place.parent, &key);
    let values: Vec<String> = match schema.at(&pointer) {
        Some(node) => {
            let mut values: Vec<String> = node
                .get("enum")
                .and_then(|e| e.as_array())
                .map(|e| {
                    e.iter()
                        .filter_map(|v| v.as_str().map(str::to_string))
                        .collect()
                })
                .unwrap_or_default();
            if node.get("type").and_then(|t| t.as_str()) == Some("boolean") {
                values.extend(["true".to_string(), "false".to_string()]);
            }
            values
        }
        None => Vec::new(),
    };
    let items = values
        .into_iter()
        .map(|label| Completion {
            label,
            kind: "value",
            detail: None,
        })
        .collect();
    (place.word_start, items)
}

/// What to show on hovering 1-based `line` and `column`: a field's help from
/// the schema, a waived rule's explanation, or a KPI's status against its
/// target (from `kpi_statuses`, when the text loads).
pub fn hover(
    text: &str,
    line: usize,
    column: usize,
    kpi_statuses: &[crate::model::KpiStatus],
) -> Option<String> {
    let whole_line = text.split('\n').nth(line.checked_sub(1)?)?;
    // The place at the end of the word under the cursor.
    let end = whole_line
        .chars()
        .enumerate()
        .skip(column.saturating_sub(1))
        .find(|(_, c)| !(c.is_alphanumeric() || *c == '_' || *c == '-'))
        .map_or(whole_line.chars().count() + 1, |(i, _)| i + 1);
    let place = place(text, line, end)?;
    let mut parts: Vec<String> = Vec::new();
    if let Some(index) = place
        .parent
        .strip_prefix("/kpis/")
        .and_then(|rest| rest.split('/').next())
        .and_then(|i| i.parse::<usize>().ok())
        && let Some(status) = kpi_statuses.get(index)
    {
        parts.push(format!("This KPI: {}", status.label()));
    }
    match (&place.key, place.on_key) {
        (None, true) => {
            let word: String = whole_line
                .chars()
                .skip(place.word_start.saturating_sub(1))
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            let pointer = pointer_join(&place.parent, &word);
            if let Some(help) = case_schema().description_at(&pointer) {
                parts.push(format!("{word}: {help}"));
            }
        }
        (Some(key), false) if key == "rule" && place.parent.starts_with("/waivers") => {
            let id: String = whole_line
                .split_once(':')
                .map(|(_, v)| v.trim().to_string())
                .unwrap_or_default();
            if let Some(rule) = crate::rubric::rules::find(&id) {
                parts.push(format!(
                    "{}: {}\n\n{}",
                    rule.id,
                    rule.summary,
                    rule.explanation_text()
                ));
            }
        }
        _ => {}
    }
    (!parts.is_empty()).then(|| parts.join("\n\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "as_of: 2026-10-15\ncandidate:\n  name: Ana\n  target_level: dir\nkpis:\n  - name: Cost\n    category: cost\n  - name: NPS\n    sc\nwaivers:\n  - rule: weak\n";

    #[test]
    fn the_parent_mapping_comes_from_the_indentation() {
        assert_eq!(
            place(TEXT, 3, 5).map(|p| p.parent),
            Some("/candidate".to_string())
        );
        assert_eq!(
            place(TEXT, 7, 8).map(|p| p.parent),
            Some("/kpis/0".to_string())
        );
        let second = place(TEXT, 9, 7).unwrap_or_else(|| panic!("a place"));
        assert_eq!(second.parent, "/kpis/1");
        assert!(second.on_key);
        assert_eq!(second.word_start, 5);
    }

    #[test]
    fn fields_values_and_rule_ids_complete() {
        let (start, fields) = completions(TEXT, 9, 7);
        assert_eq!(start, 5);
        let labels: Vec<&str> = fields.iter().map(|c| c.label.as_str()).collect();
        assert!(
            labels.contains(&"scope") && labels.contains(&"target"),
            "{labels:?}"
        );
        assert!(fields.iter().any(|c| c.detail.is_some()));
        let (start, levels) = completions(TEXT, 4, 20);
        assert_eq!(start, 17);
        let labels: Vec<&str> = levels.iter().map(|c| c.label.as_str()).collect();
        assert_eq!(labels, ["senior-manager", "director", "vp"]);
        let (_, rules) = completions(TEXT, 11, 15);
        assert!(rules.iter().any(|c| c.label == "weak-verb"));
    }

    #[test]
    fn nested_mappings_under_list_items_are_found() {
        let text = "succession:\n  successors:\n    - name: A\n      readiness: ready-now\n    - name: B\n      development:\n        - action: X\n          b\n";
        assert_eq!(
            place(text, 4, 7).map(|p| p.parent),
            Some("/succession/successors/0".to_string())
        );
        assert_eq!(
            place(text, 8, 12).map(|p| p.parent),
            Some("/succession/successors/1/development/0".to_string())
        );
        let (_, fields) = completions(text, 8, 12);
        assert!(fields.iter().any(|c| c.label == "by"), "{fields:?}");
    }

    #[test]
    fn hover_explains_fields_rules_and_kpi_statuses() {
        let help = hover(TEXT, 4, 5, &[]).unwrap_or_default();
        assert!(help.starts_with("target_level: "), "{help}");
        let waived = TEXT.replace("rule: weak\n", "rule: weak-verb\n");
        let rule = hover(&waived, 11, 13, &[]).unwrap_or_default();
        assert!(rule.starts_with("weak-verb: "), "{rule}");
        let statuses = [
            crate::model::KpiStatus::Met,
            crate::model::KpiStatus::WithinTolerance,
        ];
        let kpi = hover(TEXT, 8, 8, &statuses).unwrap_or_default();
        assert!(kpi.contains("This KPI: Within tolerance"), "{kpi}");
    }
}
