//! The outline of the text being edited: its top-level sections and, inside
//! `achievements`, `kpis` and `initiatives`, each item by its title or name.
//! An editor shows it as the document's symbols (breadcrumbs, "go to
//! symbol"). It is read from the lines with [`super::insert`]'s line reader,
//! not from the loaded case, so a half-typed file still has an outline.

use super::insert::{Line, entries, lines_of};

/// A section or an item, with the byte ranges to select and to jump to.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Symbol {
    /// The section's key, or the item's title (`item 3` when it has none yet).
    pub name: String,
    /// `section` or `item`.
    pub kind: &'static str,
    /// The whole section or item, from its first line to the end of its last.
    pub range: std::ops::Range<usize>,
    /// What names it: the section's key, or the item's title.
    pub name_range: std::ops::Range<usize>,
    pub children: Vec<Symbol>,
}

/// The sections whose items are listed, and the key that titles an item.
const TITLED_ITEMS: [(&str, &str); 3] = [
    ("achievements", "title"),
    ("kpis", "name"),
    ("initiatives", "name"),
];

/// The end of a line's content (without trailing spaces or line break).
fn end_of(line: &Line<'_>) -> usize {
    line.start + line.indent + line.content.len()
}

/// The sections of `text`, in file order, each with its titled items.
pub fn outline(text: &str) -> Vec<Symbol> {
    let lines = lines_of(text);
    entries(&lines, 0, lines.len(), 0)
        .into_iter()
        .map(|entry| {
            let first = &lines[entry.first];
            let title_key = TITLED_ITEMS
                .iter()
                .find(|(section, _)| *section == entry.key)
                .map(|(_, key)| *key);
            Symbol {
                name: entry.key.to_string(),
                kind: "section",
                range: first.start..end_of(&lines[entry.last]),
                name_range: first.start..first.start + entry.key.len(),
                children: title_key
                    .map(|key| items(&lines, entry.first + 1, entry.last, key))
                    .unwrap_or_default(),
            }
        })
        .collect()
}

/// The items of the list on lines `from..=last`, titled by `title_key`.
fn items(lines: &[Line<'_>], from: usize, last: usize, title_key: &str) -> Vec<Symbol> {
    let Some(item_indent) = lines[from.min(lines.len())..=last.min(lines.len() - 1)]
        .iter()
        .find(|line| line.significant())
        .filter(|line| line.is_item())
        .map(|line| line.indent)
    else {
        return Vec::new();
    };
    // Each item runs from its dash to the last significant line before the next.
    let mut spans: Vec<(usize, usize)> = Vec::new();
    for (index, line) in lines.iter().enumerate().take(last + 1).skip(from) {
        if !line.significant() {
            continue;
        }
        if line.indent == item_indent && line.is_item() {
            spans.push((index, index));
        } else if let Some(span) = spans.last_mut() {
            span.1 = index;
        }
    }
    spans
        .into_iter()
        .enumerate()
        .map(|(number, (first, end))| {
            let dash = &lines[first];
            let (name, name_range) = title_of(lines, first, end, item_indent + 2, title_key)
                .unwrap_or_else(|| {
                    let at = dash.start + dash.indent;
                    (format!("item {}", number + 1), at..at + 1)
                });
            Symbol {
                name,
                kind: "item",
                range: dash.start + dash.indent..end_of(&lines[end]),
                name_range,
                children: Vec::new(),
            }
        })
        .collect()
}

/// The value of `title_key` in the item on lines `first..=end` whose keys
/// stand at `key_indent`, and where it is written.
fn title_of(
    lines: &[Line<'_>],
    first: usize,
    end: usize,
    key_indent: usize,
    title_key: &str,
) -> Option<(String, std::ops::Range<usize>)> {
    (first..=end).find_map(|index| {
        let line = &lines[index];
        // `- title: X` on the dash line, or `title: X` under it.
        let (body, body_start) = if index == first {
            let after_dash = line.content.get(1..)?.trim_start();
            (after_dash, end_of(line) - after_dash.len())
        } else if line.indent == key_indent {
            (line.content, line.start + line.indent)
        } else {
            return None;
        };
        let (key, rest) = body.split_once(':')?;
        if key != title_key {
            return None;
        }
        let written = rest.trim_start();
        let value = written.split(" #").next().unwrap_or("").trim_end();
        let unquoted = value.trim_matches(['"', '\'']);
        if unquoted.is_empty() {
            return None;
        }
        let value_start = body_start + key.len() + 1 + (rest.len() - written.len());
        Some((unquoted.to_string(), value_start..value_start + value.len()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_and_titled_items_with_their_ranges() {
        let text = "# a comment\ncandidate:\n  name: Ana\nkpis:\n  - name: \"Cost per order\"\n    unit: EUR\n\n  - category: cost\n    name: NPS   # loyalty\nachievements:\n- title: Cut onboarding\n";
        let symbols = outline(text);
        let names: Vec<&str> = symbols.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["candidate", "kpis", "achievements"]);
        let kpis = &symbols[1];
        assert_eq!(&text[kpis.name_range.clone()], "kpis");
        assert!(text[kpis.range.clone()].ends_with("name: NPS   # loyalty"));
        let items: Vec<&str> = kpis.children.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(items, ["Cost per order", "NPS"]);
        assert_eq!(
            &text[kpis.children[0].name_range.clone()],
            "\"Cost per order\""
        );
        assert_eq!(&text[kpis.children[1].name_range.clone()], "NPS");
        assert!(text[kpis.children[0].range.clone()].ends_with("unit: EUR"));
        assert_eq!(symbols[2].children[0].name, "Cut onboarding");
        assert!(symbols[0].children.is_empty());
    }

    #[test]
    fn half_typed_items_still_have_a_place() {
        let text = "kpis:\n  - \n  - name:\n";
        let symbols = outline(text);
        let items: Vec<&str> = symbols[0]
            .children
            .iter()
            .map(|s| s.name.as_str())
            .collect();
        assert_eq!(items, ["item 1", "item 2"]);
        assert!(outline("").is_empty());
        assert!(outline("- a\n- b\n").is_empty());
    }
}
