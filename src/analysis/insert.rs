//! Puts a rule's example into the text a person is editing, where it
//! belongs, without touching anything they wrote: the "insert the example"
//! action of `promocase serve` (and, next, a language server's code action).
//!
//! A rule's example is a small case in itself (top-level sections, as
//! `explain` prints it). It is merged into the text line by line, never by
//! re-serialising: a section the case lacks is added where [`SECTIONS`] puts
//! it; a section it has is entered, and only what it lacks is added: a
//! missing key at the end of its mapping, the example's items at the end of
//! a list. A value the person wrote is never replaced. The result must still
//! parse as YAML, or nothing is offered. A waiver for a finding
//! ([`insert_waiver`]) is such an example too: one item of `waivers:`.
//!
//! The line reading here ([`lines_of`], [`entries`]) is also how
//! [`super::outline`] finds the sections and items of a text.

use crate::model::SECTIONS;

/// Text to put at the start of a line of the original text.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Insertion {
    /// Byte offset in the original text: the start of `line`, or the end of
    /// the text.
    pub offset: usize,
    /// 1-based line the text goes before (one past the last line at the end).
    pub line: usize,
    pub text: String,
}

/// Why an example cannot be inserted; the person can still copy it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotInserted {
    /// Everything the example holds is already in the case.
    AlreadyThere,
    /// The section is written in a form the merge does not enter (on one
    /// line, `[…]` or `{…}`), or the result would not parse.
    CannotMerge(String),
}

impl std::fmt::Display for NotInserted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NotInserted::AlreadyThere => f.write_str(
                "the case already has every section and key of this example; compare them by hand",
            ),
            NotInserted::CannotMerge(why) => write!(f, "{why}; copy the example instead"),
        }
    }
}

/// One line of YAML text and its shape.
#[derive(Debug, Clone)]
pub(super) struct Line<'a> {
    pub(super) start: usize,
    /// Leading spaces.
    pub(super) indent: usize,
    /// The line without indentation or line break.
    pub(super) content: &'a str,
}

impl<'a> Line<'a> {
    /// Blank lines and comments belong to no entry.
    pub(super) fn significant(&self) -> bool {
        !self.content.is_empty() && !self.content.starts_with('#')
    }

    pub(super) fn is_item(&self) -> bool {
        self.content == "-" || self.content.starts_with("- ")
    }

    /// `key` of a `key:` or `key: value` line.
    pub(super) fn key(&self) -> Option<&'a str> {
        let (key, rest) = self.content.split_once(':')?;
        let plain = !key.is_empty()
            && key
                .chars()
                .all(|c| c.is_alphanumeric() || c == '_' || c == '-');
        (plain && (rest.is_empty() || rest.starts_with([' ', '\t']))).then_some(key)
    }

    /// What follows `key:` on the same line, without a comment.
    pub(super) fn inline_value(&self) -> &'a str {
        let rest = self.content.split_once(':').map_or("", |(_, rest)| rest);
        let rest = rest.trim();
        if rest.starts_with('#') { "" } else { rest }
    }
}

pub(super) fn lines_of(text: &str) -> Vec<Line<'_>> {
    let mut lines = Vec::new();
    let mut start = 0;
    for raw in text.split_inclusive('\n') {
        let body = raw.trim_end_matches(['\n', '\r']);
        let content = body.trim_start_matches(' ');
        lines.push(Line {
            start,
            indent: body.len() - content.len(),
            content: content.trim_end(),
        });
        start += raw.len();
    }
    lines
}

/// A `key:` in a block mapping, over lines `[first, last]` (`last` is its
/// last significant line).
#[derive(Debug, Clone)]
pub(super) struct Entry<'a> {
    pub(super) key: &'a str,
    pub(super) first: usize,
    pub(super) last: usize,
}

/// The entries of the block mapping made of lines `from..to` at `indent`.
pub(super) fn entries<'a>(
    lines: &[Line<'a>],
    from: usize,
    to: usize,
    indent: usize,
) -> Vec<Entry<'a>> {
    let mut found: Vec<Entry<'a>> = Vec::new();
    for (index, line) in lines.iter().enumerate().take(to).skip(from) {
        if !line.significant() {
            continue;
        }
        if line.indent == indent
            && !line.is_item()
            && let Some(key) = line.key()
        {
            found.push(Entry {
                key,
                first: index,
                last: index,
            });
            continue;
        }
        // Deeper lines, and a list written at its key's own indentation,
        // belong to the entry above.
        if let Some(entry) = found.last_mut()
            && (line.indent > indent || line.is_item())
        {
            entry.last = index;
        }
    }
    found
}

/// The indentation of the first significant line in `from..=to`.
fn first_indent(lines: &[Line<'_>], from: usize, to: usize) -> Option<(usize, bool)> {
    lines[from..=to.min(lines.len().saturating_sub(1))]
        .iter()
        .find(|line| line.significant())
        .map(|line| (line.indent, line.is_item()))
}

/// The lines of an example entry, shifted from `from` spaces to `to`.
fn reindent(lines: &[Line<'_>], first: usize, last: usize, from: usize, to: usize) -> String {
    let mut out = String::new();
    for line in &lines[first..=last] {
        if line.content.is_empty() {
            out.push('\n');
            continue;
        }
        let depth = line.indent.saturating_sub(from) + to;
        out.push_str(&" ".repeat(depth));
        out.push_str(line.content);
        out.push('\n');
    }
    out
}

struct Merge<'t, 'e> {
    text: &'t str,
    lines: Vec<Line<'t>>,
    example: Vec<Line<'e>>,
    insertions: Vec<Insertion>,
}

impl Merge<'_, '_> {
    /// Where a new line goes after line `index` (the start of the next line).
    fn after(&self, index: usize) -> (usize, usize) {
        match self.lines.get(index + 1) {
            Some(next) => (next.start, index + 2),
            None => (self.text.len(), self.lines.len() + 1),
        }
    }

    fn insert(&mut self, (offset, line): (usize, usize), text: String) {
        self.insertions.push(Insertion { offset, line, text });
    }

    /// Where a missing top-level `section` goes: above the first section
    /// that comes after it in [`SECTIONS`] (and above the comments that lead
    /// into that one), or at the end.
    fn section_place(&self, section: &str, present: &[Entry<'_>]) -> (usize, usize) {
        let order = SECTIONS.iter().position(|s| *s == section);
        let next = order.and_then(|order| {
            present
                .iter()
                .filter(|entry| {
                    SECTIONS
                        .iter()
                        .position(|s| *s == entry.key)
                        .is_some_and(|position| position > order)
                })
                .map(|entry| entry.first)
                .min()
        });
        match next {
            Some(mut index) => {
                while index > 0 && self.lines[index - 1].content.starts_with('#') {
                    index -= 1;
                }
                (self.lines[index].start, index + 1)
            }
            None => match present.iter().map(|e| e.last).max() {
                Some(last) => self.after(last),
                None => (self.text.len(), self.lines.len() + 1),
            },
        }
    }

    /// Merges the example's mapping (its lines `example_from..example_to` at
    /// `example_indent`) into the text's mapping (`from..to` at `indent`).
    #[allow(clippy::too_many_arguments)]
    fn mapping(
        &mut self,
        (example_from, example_to, example_indent): (usize, usize, usize),
        (from, to, indent): (usize, usize, usize),
        top_level: bool,
        // The last line of the text's entry owning this mapping.
        owner_last: Option<usize>,
    ) -> Result<(), NotInserted> {
        let wanted = entries(&self.example, example_from, example_to, example_indent);
        let present = entries(&self.lines, from, to, indent);
        // Keys the text has first: what is added inside the last of them goes
        // before a new key added after it, at the same place.
        let (shared, missing): (Vec<_>, Vec<_>) = wanted
            .into_iter()
            .partition(|entry| present.iter().any(|p| p.key == entry.key));
        for entry in shared {
            let Some(there) = present.iter().find(|p| p.key == entry.key).cloned() else {
                continue;
            };
            // The example's value of this key: nested lines, unless it is a
            // text (on the key's line, or `|`/`>` below it): the person's
            // text stands.
            let scalar = !self.example[entry.first].inline_value().is_empty();
            let Some((child_indent, is_list)) = (entry.first < entry.last && !scalar)
                .then(|| first_indent(&self.example, entry.first + 1, entry.last))
                .flatten()
            else {
                continue;
            };
            let theirs = self.lines[there.first].inline_value();
            if theirs == "[]" || theirs == "{}" {
                return Err(NotInserted::CannotMerge(format!(
                    "`{}` is written empty on one line (`{theirs}`); delete `{theirs}` first",
                    there.key
                )));
            }
            if theirs.starts_with(['[', '{']) {
                return Err(NotInserted::CannotMerge(format!(
                    "`{}` is written on one line",
                    there.key
                )));
            }
            if !theirs.is_empty() {
                // A text where the example has a list or keys: the loader
                // reports that mismatch; the person's value stands.
                continue;
            }
            let their_child = first_indent(&self.lines, there.first + 1, there.last)
                .filter(|_| there.first < there.last);
            if is_list {
                let item_indent = match their_child {
                    Some((indent, true)) => indent,
                    Some((_, false)) => {
                        return Err(NotInserted::CannotMerge(format!(
                            "`{}` holds keys where the example holds a list",
                            there.key
                        )));
                    }
                    None => self.lines[there.first].indent + 2,
                };
                let text = reindent(
                    &self.example,
                    entry.first + 1,
                    entry.last,
                    child_indent,
                    item_indent,
                );
                let place = self.after(there.last);
                // The example's items already there, as inserted before: once is enough.
                let written = &self.text[self.lines[there.first].start..place.0];
                if !written.contains(text.trim_end()) {
                    self.insert(place, text);
                }
            } else {
                let key_indent = match their_child {
                    Some((indent, false)) => indent,
                    Some((_, true)) => {
                        return Err(NotInserted::CannotMerge(format!(
                            "`{}` holds a list where the example holds keys",
                            there.key
                        )));
                    }
                    None => self.lines[there.first].indent + 2,
                };
                self.mapping(
                    (entry.first + 1, entry.last + 1, child_indent),
                    (there.first + 1, there.last + 1, key_indent),
                    false,
                    Some(there.last),
                )?;
            }
        }
        for entry in missing {
            let text = reindent(
                &self.example,
                entry.first,
                entry.last,
                example_indent,
                indent,
            );
            let place = if top_level {
                self.section_place(entry.key, &present)
            } else {
                let last = present.iter().map(|p| p.last).chain(owner_last).max();
                match last {
                    Some(last) => self.after(last),
                    None => (self.text.len(), self.lines.len() + 1),
                }
            };
            self.insert(place, text);
        }
        Ok(())
    }
}

/// Where and what to insert so `text` holds `example` (a rule's example),
/// in the order of the text. The insertions are at line starts, so any
/// editor can apply them.
pub fn insert_example(text: &str, example: &str) -> Result<Vec<Insertion>, NotInserted> {
    let mut merge = Merge {
        text,
        lines: lines_of(text),
        example: lines_of(example),
        insertions: Vec::new(),
    };
    let (text_lines, example_lines) = (merge.lines.len(), merge.example.len());
    merge.mapping((0, example_lines, 0), (0, text_lines, 0), true, None)?;
    let mut insertions = merge.insertions;
    if insertions.is_empty() {
        return Err(NotInserted::AlreadyThere);
    }
    // At the end of a text without a final line break, start a new line.
    if !text.is_empty() && !text.ends_with('\n') {
        for insertion in insertions.iter_mut().filter(|i| i.offset == text.len()) {
            insertion.text.insert(0, '\n');
        }
    }
    insertions.sort_by_key(|i| i.offset);
    let merged = apply(text, &insertions);
    if let Err(error) = serde_yaml::from_str::<serde_yaml::Value>(&merged) {
        return Err(NotInserted::CannotMerge(format!(
            "the case would not read as YAML after it ({error})"
        )));
    }
    Ok(insertions)
}

/// Where and what to insert so the case waives `rule_id`: an item at the
/// end of `waivers:` (or the section itself, where the format puts it), with
/// an empty reason to fill in. An empty reason waives nothing
/// (`waiver-no-reason` says so), so the finding stays until the person
/// writes why the rule does not apply.
pub fn insert_waiver(text: &str, rule_id: &str) -> Result<Vec<Insertion>, NotInserted> {
    let waiver = format!(
        "waivers:\n  - rule: {rule_id}\n    reason: \"\"  # why this rule does not apply to your case\n"
    );
    insert_example(text, &waiver)
}

/// The text with `insertions` (in the order of the text) made.
pub fn apply(text: &str, insertions: &[Insertion]) -> String {
    let mut out = String::with_capacity(text.len() + 512);
    let mut at = 0;
    for insertion in insertions {
        out.push_str(&text[at..insertion.offset]);
        out.push_str(&insertion.text);
        at = insertion.offset;
    }
    out.push_str(&text[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn merged(text: &str, example: &str) -> String {
        let insertions =
            insert_example(text, example).unwrap_or_else(|e| panic!("not inserted: {e}"));
        apply(text, &insertions)
    }

    #[test]
    fn a_missing_section_goes_where_it_belongs_with_its_comments_kept() {
        let text = "candidate:\n  name: Ana\n\n# The risks I see\nrisks:\n  - risk: Churn\n";
        let out = merged(text, "ask:\n  statement: Director of Marketing\n");
        assert_eq!(
            out,
            "candidate:\n  name: Ana\n\nask:\n  statement: Director of Marketing\n# The risks I see\nrisks:\n  - risk: Churn\n"
        );
    }

    #[test]
    fn a_missing_section_after_every_other_goes_at_the_end() {
        let out = merged(
            "candidate:\n  name: Ana",
            "succession:\n  interim_plan: Lena covers\n",
        );
        assert_eq!(
            out,
            "candidate:\n  name: Ana\nsuccession:\n  interim_plan: Lena covers\n"
        );
    }

    #[test]
    fn list_items_are_appended_at_the_lists_own_indentation() {
        let text = "kpis:\n- name: NRR\n  unit: \"%\"\nrisks: []\n";
        let out = merged(text, "kpis:\n  - name: Cost per order\n    unit: EUR\n");
        assert_eq!(
            out,
            "kpis:\n- name: NRR\n  unit: \"%\"\n- name: Cost per order\n  unit: EUR\nrisks: []\n"
        );
    }

    #[test]
    fn only_the_missing_keys_of_a_section_are_added_and_values_are_kept() {
        let text = "scope:\n    team_size: 12   # today\n    budget:\n        amount: 1000\n";
        let example =
            "scope:\n  team_size: 40\n  budget:\n    amount: 5\n    currency: EUR\n  reports: 3\n";
        assert_eq!(
            merged(text, example),
            "scope:\n    team_size: 12   # today\n    budget:\n        amount: 1000\n        currency: EUR\n    reports: 3\n"
        );
    }

    #[test]
    fn nothing_to_add_and_one_line_sections_are_said_so() {
        assert_eq!(
            insert_example("ask:\n  statement: X\n", "ask:\n  statement: Y\n"),
            Err(NotInserted::AlreadyThere)
        );
        let example = "kpis:\n  - name: A\n    unit: EUR\n";
        let once = merged("kpis:\n  - name: B\n", example);
        assert_eq!(
            insert_example(&once, example),
            Err(NotInserted::AlreadyThere)
        );
        let refused = insert_example("kpis: []\n", "kpis:\n  - name: A\n");
        assert!(
            matches!(&refused, Err(NotInserted::CannotMerge(why)) if why.contains("delete `[]`")),
            "{refused:?}"
        );
    }

    #[test]
    fn a_waiver_goes_at_the_end_of_waivers_or_where_the_section_belongs() {
        let text = "candidate:\n  name: Ana\nwaivers:\n  - rule: weak-verb\n    reason: Style\nbranding: {}\n";
        let out = apply(
            text,
            &insert_waiver(text, "risk-missing").unwrap_or_default(),
        );
        assert_eq!(
            out,
            "candidate:\n  name: Ana\nwaivers:\n  - rule: weak-verb\n    reason: Style\n  - rule: risk-missing\n    reason: \"\"  # why this rule does not apply to your case\nbranding: {}\n"
        );
        let none = "candidate:\n  name: Ana\nbranding: {}\n";
        let out = apply(
            none,
            &insert_waiver(none, "risk-missing").unwrap_or_default(),
        );
        assert!(
            out.starts_with("candidate:\n  name: Ana\nwaivers:\n  - rule: risk-missing\n"),
            "{out}"
        );
    }

    #[test]
    fn insertions_are_at_line_starts_with_their_line_numbers() {
        let text = "candidate:\n  name: Ana\nrisks:\n  - risk: Churn\n";
        let insertions = insert_example(text, "ask:\n  statement: X\n").unwrap_or_default();
        assert_eq!(insertions.len(), 1);
        assert_eq!(insertions[0].line, 3);
        assert_eq!(&text[insertions[0].offset..], "risks:\n  - risk: Churn\n");
    }
}

#[cfg(test)]
mod every_rule {
    use super::*;
    use crate::diagnostic::SourceFile;
    use crate::model::parse_case;
    use crate::rubric::rules::RULES;

    const CASES: [&str; 3] = [
        "examples/it-manager-thin.yaml",
        "examples/marketing-director.yaml",
        "examples/operations-director.yaml",
    ];

    /// Every rule's example, inserted into every bundled case, leaves a case
    /// that still loads; into the thin case, the finding it answers goes.
    #[test]
    fn every_example_inserts_into_every_bundled_case_and_still_loads() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap_or_default();
        let mut failures = Vec::new();
        let mut inserted = 0;
        for case in CASES {
            let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(case);
            let Ok(text) = std::fs::read_to_string(&path) else {
                failures.push(format!("{case}: not readable"));
                continue;
            };
            for rule in RULES {
                match insert_example(&text, rule.example) {
                    Ok(insertions) => {
                        inserted += 1;
                        let merged = apply(&text, &insertions);
                        if let Err(error) = parse_case(SourceFile::new(&path, merged), today) {
                            failures.push(format!("{case} + {}: {error}", rule.id));
                        }
                    }
                    Err(NotInserted::AlreadyThere) => {}
                    Err(NotInserted::CannotMerge(why)) => {
                        failures.push(format!("{case} + {}: {why}", rule.id))
                    }
                }
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
        assert!(inserted > RULES.len(), "only {inserted} insertions");
    }

    #[test]
    fn inserting_the_succession_example_answers_succession_missing() {
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/it-manager-thin.yaml");
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let rule = crate::rubric::rules::find("succession-missing")
            .unwrap_or_else(|| panic!("the rule exists"));
        let insertions = insert_example(&text, rule.example).unwrap_or_default();
        let choice = crate::analysis::RubricChoice::Builtin(None);
        let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap_or_default();
        let codes = |text: &str| -> Vec<String> {
            crate::analysis::analyse(&path, text, today, &choice)
                .messages
                .into_iter()
                .map(|m| m.code)
                .collect()
        };
        assert!(codes(&text).contains(&"succession-missing".to_string()));
        let after = codes(&apply(&text, &insertions));
        assert!(
            !after.contains(&"succession-missing".to_string()),
            "{after:?}"
        );
    }
}
