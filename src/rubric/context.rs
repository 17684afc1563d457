//! What a rule sees and how it reports: the case with its locations, the
//! rubric and each KPI's status under the rubric's tolerance
//! ([`CheckContext`]), and the [`Emitter`] that turns a JSON Pointer and advice
//! into a located [`Finding`] with the rubric's severity.
//!
//! Also the small text and date helpers several rules share, so that, say,
//! "is this number a percentage" means the same thing everywhere. Numbers and
//! money in messages are written by [`crate::format`], as in the documents.
//!
//! A rule's sentences are its `texts` (English, in the rule file); the
//! emitter says them in the case's language ([`Emitter::say`]), from the
//! catalogues' `finding.RULE.NAME` keys, with English where a catalogue has
//! none.
//!
//! Layering: [`super::config`] (data) ← this module ← [`super::rule`] ← the
//! rule files ← the registry ([`super::rules`]); nothing here knows the rules.

use std::ops::Range;

use chrono::{Months, NaiveDate};

use super::config::{Rubric, RubricOrigin, Thresholds};
use super::finding::Finding;
use crate::diagnostic::{Location, Severity};
use crate::locale::{Locale, Text, catalogue};
use crate::model::{
    Case, Dimension, KpiStatus, LoadedCase, PartialDate, Period, PeriodEnd, SECTIONS,
};

/// The case under check and the rubric it is checked against.
pub struct CheckContext<'a> {
    pub loaded: &'a LoadedCase,
    pub case: &'a Case,
    pub rubric: &'a Rubric,
    /// The date the case describes; ages of evidence are measured from it.
    pub as_of: NaiveDate,
    /// Each KPI's status, in the case's order, under the rubric's tolerance.
    pub kpi_statuses: Vec<KpiStatus>,
    /// The language findings are written in, with its number formats.
    pub locale: &'a Locale,
    /// The level judged, as messages name it.
    level_name: String,
}

impl<'a> CheckContext<'a> {
    pub fn new(loaded: &'a LoadedCase, rubric: &'a Rubric, locale: &'a Locale) -> Self {
        Self {
            loaded,
            case: &loaded.case,
            rubric,
            locale,
            // A company names its own levels; a built-in level is named in
            // the case's language.
            level_name: match rubric.origin {
                RubricOrigin::Builtin => locale.label(rubric.level).label.to_string(),
                RubricOrigin::File(_) => rubric.name.clone(),
            },
            as_of: loaded.as_of,
            kpi_statuses: loaded
                .case
                .kpis
                .iter()
                .map(|kpi| kpi.status(rubric.thresholds.kpi_miss_tolerance_percent))
                .collect(),
        }
    }

    /// The status of the KPI at `index` in the case.
    pub fn kpi_status(&self, index: usize) -> KpiStatus {
        self.kpi_statuses
            .get(index)
            .copied()
            .unwrap_or(KpiStatus::Incomplete)
    }

    /// The level being judged, as the rubric names it ("Vice President", or
    /// a company's "Head of Department"): what messages say, never a fixed level.
    pub fn level_name(&self) -> &str {
        &self.level_name
    }

    pub fn thresholds(&self) -> &Thresholds {
        &self.rubric.thresholds
    }

    /// The first day of the requested promotion.
    pub fn target_date(&self) -> NaiveDate {
        self.case.ask.target_date.first_day()
    }

    /// `months` months before `as_of`: the start of a look-back window.
    pub fn months_before_as_of(&self, months: u32) -> NaiveDate {
        self.as_of
            .checked_sub_months(Months::new(months))
            .unwrap_or(NaiveDate::MIN)
    }

    /// Where to point for `pointer`: the field, or its nearest parent in the
    /// file. A missing top-level section points where it belongs (see
    /// [`CheckContext::section_place`]), so that every finding has a line
    /// (GitHub annotations and SARIF viewers need one); `None` only for an
    /// empty document.
    pub fn range(&self, pointer: &str) -> Option<Range<usize>> {
        let locations = &self.loaded.locations;
        let section = top_level_section(pointer);
        if !section.is_empty()
            && locations.get(&format!("/{section}")).is_none()
            && let Some(place) = self.section_place(section)
        {
            return Some(place.range);
        }
        locations.nearest(pointer).map(|spans| {
            if locations.get(pointer).is_none() && spans.key.is_none() {
                // The document itself: its first key, not its whole first line.
                let start = spans.value.start;
                let text = &self.loaded.source.text[start..];
                let end = text
                    .find([':', '\n', '\r'])
                    .map_or(self.loaded.source.text.len(), |i| start + i);
                start..end
            } else {
                spans.primary()
            }
        })
    }

    /// Where a section the file lacks belongs: before the first section that
    /// follows it in the format's order ([`crate::model::SECTIONS`]), or after
    /// the file's last section; `None` for a file with no sections.
    pub fn section_place(&self, section: &str) -> Option<SectionPlace> {
        let locations = &self.loaded.locations;
        let order = SECTIONS.iter().position(|s| *s == section)?;
        let key_of = |name: &str| {
            locations
                .get(&format!("/{name}"))
                .and_then(|s| s.key.clone())
        };
        if let Some((next, key)) = SECTIONS[order + 1..]
            .iter()
            .find_map(|name| key_of(name).map(|key| (*name, key)))
        {
            return Some(SectionPlace {
                range: key,
                label: self.locale.text(
                    "check.section-above",
                    &[("section", section), ("next", next)],
                ),
            });
        }
        let (last, key) = SECTIONS
            .iter()
            .filter_map(|name| key_of(name).map(|key| (*name, key)))
            .max_by_key(|(_, key)| key.start)?;
        Some(SectionPlace {
            range: key,
            label: self.locale.text(
                "check.section-at-end",
                &[("section", section), ("last", last)],
            ),
        })
    }

    /// Where each of `phrases` stands inside the text of the field at
    /// `pointer` (whole words, ignoring case), with the words as written, so a
    /// finding about one word points at that word. When the text in the file
    /// differs from the decoded value (folded or escaped text), each match
    /// points at the field instead.
    pub fn phrase_ranges(
        &self,
        pointer: &str,
        value: &str,
        phrases: &[String],
    ) -> Vec<(Option<Range<usize>>, String)> {
        let decoded = find_phrases_in(value, phrases);
        let raw = self.loaded.locations.get(pointer).and_then(|spans| {
            Some((
                spans.value.start,
                self.loaded.source.text.get(spans.value.clone())?,
            ))
        });
        if let Some((start, raw)) = raw {
            let in_file = find_phrases_in(raw, phrases);
            if in_file.len() == decoded.len() {
                return in_file
                    .into_iter()
                    .map(|(at, word)| (Some(start + at..start + at + word.len()), word.to_string()))
                    .collect();
            }
        }
        decoded
            .into_iter()
            .map(|(_, word)| (self.range(pointer), word.to_string()))
            .collect()
    }
}

/// Where a missing section belongs, and the label that says so.
pub struct SectionPlace {
    pub range: Range<usize>,
    pub label: String,
}

/// `scope` for `/scope/budget/amount`.
fn top_level_section(pointer: &str) -> &str {
    pointer.split('/').nth(1).unwrap_or_default()
}

/// A rule's sentences: a name and the English text, with `{placeholders}`.
/// A text with a count has two rows, `NAME.one` and `NAME.other`.
pub type Texts = &'static [(&'static str, &'static str)];

/// Collects the findings of one rule.
pub struct Emitter<'a> {
    rule: &'static str,
    dimension: Option<Dimension>,
    texts: Texts,
    severity: Severity,
    context: &'a CheckContext<'a>,
    pub findings: Vec<Finding>,
}

impl<'a> Emitter<'a> {
    /// Collects for the rule `rule`, whose findings weaken `dimension` and
    /// whose sentences are `texts`.
    pub fn new(
        rule: &'static str,
        dimension: Option<Dimension>,
        texts: Texts,
        severity: Severity,
        context: &'a CheckContext<'a>,
    ) -> Self {
        Self {
            rule,
            dimension,
            texts,
            severity,
            context,
            findings: Vec::new(),
        }
    }

    /// The rule's text `name` in the case's language, its placeholders
    /// filled: the catalogue's `finding.RULE.NAME`, or the rule's English.
    pub fn say(&self, name: &str, args: &[(&str, &str)]) -> String {
        let key = finding_key(self.rule, name);
        let text = match self.context.locale.catalogue.get(&key) {
            Some(text) => text.plain(),
            None => english_text(self.texts, name),
        };
        catalogue::fill(text, args)
    }

    /// The form of the rule's text `name` for `count`, by the language's
    /// plural rules; `{count}` is the count as the language writes it.
    pub fn say_count(&self, name: &str, count: usize, args: &[(&str, &str)]) -> String {
        let locale = self.context.locale;
        let key = finding_key(self.rule, name);
        let category = locale.cldr.plural_category(count as f64);
        let english_form = if category == "one" {
            format!("{name}.one")
        } else {
            format!("{name}.other")
        };
        let text = match locale.catalogue.get(&key) {
            Some(Text::Plural(forms)) => forms.form(category),
            Some(Text::One(text)) => text.as_str(),
            None => english_text(self.texts, &english_form),
        };
        let written = locale.cldr.integer(count as u64);
        let mut all = vec![("count", written.as_str())];
        all.extend_from_slice(args);
        catalogue::fill(text, &all)
    }

    /// A finding about the field at `pointer` (or its parent, when missing).
    pub fn at(&mut self, pointer: &str, message: impl Into<String>, hint: impl Into<String>) {
        let range = self.context.range(pointer);
        self.push(pointer, range, self.dimension, message.into(), hint.into());
    }

    /// A finding about the value of the field at `pointer`, not its key: a
    /// date that is wrong is pointed at where it is written, as load errors
    /// are. Falls back to [`Emitter::at`] when the field is not in the file.
    pub fn at_value(&mut self, pointer: &str, message: impl Into<String>, hint: impl Into<String>) {
        let range = match self.context.loaded.locations.get(pointer) {
            Some(spans) => Some(spans.value.clone()),
            None => self.context.range(pointer),
        };
        self.push(pointer, range, self.dimension, message.into(), hint.into());
    }

    /// A finding for every place one of `phrases` stands in the text
    /// `value` of the field at `pointer`, each pointing at its own words:
    /// the rule's texts `message` and `hint`, with the words as written
    /// filling the placeholder `{placeholder}`.
    pub fn at_each_phrase(
        &mut self,
        pointer: &str,
        value: &str,
        phrases: &[String],
        message: &str,
        hint: &str,
        placeholder: &str,
    ) {
        for (range, words) in self.context.phrase_ranges(pointer, value, phrases) {
            let said = self.say(message, &[(placeholder, &words)]);
            let advice = self.say(hint, &[(placeholder, &words)]);
            self.push(pointer, range, self.dimension, said, advice);
        }
    }

    /// A finding that weakens another dimension than the rule's own
    /// (the track rule checks evidence of several dimensions).
    pub fn at_in_dimension(
        &mut self,
        pointer: &str,
        dimension: Dimension,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) {
        let range = self.context.range(pointer);
        self.push(pointer, range, Some(dimension), message.into(), hint.into());
    }

    fn push(
        &mut self,
        pointer: &str,
        range: Option<Range<usize>>,
        dimension: Option<Dimension>,
        message: String,
        hint: String,
    ) {
        let source = &self.context.loaded.source;
        let location = range.map(|range| Location::new(source, range));
        // A section missing from the whole case is shown where it belongs;
        // say so under the marker, or the line shown would puzzle.
        let section = top_level_section(pointer);
        let missing = !section.is_empty()
            && self
                .context
                .loaded
                .locations
                .get(&format!("/{section}"))
                .is_none();
        let label = missing.then(|| match self.context.section_place(section) {
            Some(place) => place.label,
            None => self
                .context
                .locale
                .text("check.section-missing", &[("section", section)]),
        });
        self.findings.push(Finding {
            rule: self.rule,
            dimension,
            severity: self.severity,
            message,
            pointer: pointer.to_string(),
            location,
            label,
            hint,
            reason: None,
        });
    }
}

/// The catalogue key of a rule's text: `finding.RULE.NAME`.
pub fn finding_key(rule: &str, name: &str) -> String {
    format!("finding.{rule}.{name}")
}

/// The rule's English text `name`; the name itself if the rule has none
/// (a test holds every name a rule says to its texts).
fn english_text(texts: Texts, name: &str) -> &str {
    texts
        .iter()
        .find(|(n, _)| *n == name)
        .map_or(name, |(_, text)| *text)
}

/// Whether a text holds a number: a claim with a digit can be checked.
pub fn has_number(text: &str) -> bool {
    text.chars().any(|c| c.is_ascii_digit())
}

/// The first of `phrases` that appears in `text` as whole words, ignoring
/// case, with its byte offset and the text as written.
pub fn find_phrase_in<'t>(text: &'t str, phrases: &[String]) -> Option<(usize, &'t str)> {
    find_phrases_in(text, phrases).into_iter().next()
}

/// Every place one of `phrases` appears in `text` as whole words, ignoring
/// case, in order, with its byte offset and the text as written. Where two
/// phrases overlap, the earlier and then the longer one wins.
pub fn find_phrases_in<'t>(text: &'t str, phrases: &[String]) -> Vec<(usize, &'t str)> {
    let lower = text.to_lowercase();
    // Lower-casing can change byte lengths outside ASCII; only trust offsets when it did not.
    if lower.len() != text.len() {
        return Vec::new();
    }
    let mut found: Vec<(usize, usize)> = Vec::new();
    for phrase in phrases {
        let phrase = phrase.trim().to_lowercase();
        if phrase.is_empty() {
            continue;
        }
        let mut from = 0;
        while let Some(at) = lower[from..].find(&phrase) {
            let start = from + at;
            let end = start + phrase.len();
            let before_ok = lower[..start]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric());
            let after_ok = lower[end..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric());
            if before_ok && after_ok {
                found.push((start, end));
            }
            from = start + phrase.len().max(1);
        }
    }
    found.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
    let mut kept: Vec<(usize, usize)> = Vec::new();
    for (start, end) in found {
        if kept.last().is_none_or(|&(_, last_end)| start >= last_end) {
            kept.push((start, end));
        }
    }
    kept.into_iter()
        .filter_map(|(start, end)| text.get(start..end).map(|words| (start, words)))
        .collect()
}

/// The last day a period covers, or `as_of` for ongoing work; `None` when undated.
pub fn period_end(period: &Period, as_of: NaiveDate) -> Option<NaiveDate> {
    match period.end {
        Some(PeriodEnd::On(date)) => Some(date.last_day()),
        Some(PeriodEnd::Ongoing) => Some(as_of),
        None => period.start.map(|start| start.last_day()),
    }
}

pub use crate::unit::{currency_of, is_percent};

/// A date as written in the file, for messages.
pub fn show_date(date: &PartialDate) -> String {
    date.to_string()
}

/// "1 item" / "2 items".
pub fn plural(count: usize, one: &str, many: &str) -> String {
    if count == 1 {
        format!("{count} {one}")
    } else {
        format!("{count} {many}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_phrase_is_found_in_order() {
        let weak = vec![
            "helped".to_string(),
            "was responsible for".to_string(),
            "responsible for".to_string(),
        ];
        let text = "Helped plan the rollout and was responsible for the runbook; helped again";
        let found: Vec<&str> = find_phrases_in(text, &weak)
            .into_iter()
            .map(|(_, w)| w)
            .collect();
        assert_eq!(found, ["Helped", "was responsible for", "helped"]);
    }

    #[test]
    fn phrases_match_whole_words_only() {
        let weak = vec!["helped".to_string(), "was involved in".to_string()];
        assert_eq!(
            find_phrase_in("I Helped the team", &weak),
            Some((2, "Helped"))
        );
        assert_eq!(find_phrase_in("unhelpedness", &weak), None);
        assert_eq!(
            find_phrase_in("She was involved in it", &weak),
            Some((4, "was involved in"))
        );
        let vague = vec!["many".to_string()];
        assert_eq!(find_phrase_in("Sales in Germany", &vague), None);
    }
}
