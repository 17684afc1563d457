//! What a rule is: its id, dimension, one-line summary, the explanation
//! `explain` prints and an example that satisfies it, and the function that
//! looks at a case. Each rule is one file under [`super::rules`], which also
//! holds the registry; this module only defines the shape, so rule files
//! depend on it and on [`super::context`], never on the registry.

use super::config::RuleSetting;
use super::context::{CheckContext, Emitter, Texts};
use crate::locale::Locale;
use crate::model::{Dimension, Level};

/// A rule of the director criteria.
pub struct Rule {
    /// Stable identifier, used in rubric files, waivers and every output.
    pub id: &'static str,
    /// The dimension a finding of this rule weakens; `None` for rules about the file itself.
    pub dimension: Option<Dimension>,
    /// How serious it is in each built-in rubric: the `rules:` sections of
    /// `rubrics/*.yaml` are written from these (a test keeps them equal).
    pub builtin: BuiltinSeverity,
    /// One line: what the rule looks for.
    pub summary: &'static str,
    /// Why it matters one level up and what good evidence looks like, for a
    /// manager: prose in paragraphs separated by a blank line, wrapped freely
    /// in the source ([`Rule::explanation_paragraphs`] joins the lines).
    pub explanation: &'static str,
    /// A YAML snippet of a case that satisfies the rule: top-level sections
    /// that, put in place of the same sections of a complete case, keep the
    /// rule silent (a test proves it for every rule).
    pub example: &'static str,
    /// What its findings say, in English: each sentence by name, with
    /// `{placeholders}` (see [`Texts`]); the catalogues translate them as
    /// `finding.ID.NAME`, and a test holds them to these.
    pub texts: Texts,
    /// Looks at the case and reports what it finds.
    pub check: fn(&CheckContext<'_>, &mut Emitter<'_>),
}

/// A rule's severity in the built-in rubric of each level.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BuiltinSeverity {
    pub senior_manager: RuleSetting,
    pub director: RuleSetting,
    pub vp: RuleSetting,
}

impl BuiltinSeverity {
    pub fn at(self, level: Level) -> RuleSetting {
        match level {
            Level::SeniorManager => self.senior_manager,
            Level::Director => self.director,
            Level::Vp => self.vp,
        }
    }
}

impl Rule {
    /// The explanation's paragraphs, each on one line.
    pub fn explanation_paragraphs(&self) -> Vec<String> {
        paragraphs(self.explanation)
    }

    /// The one-line summary in `locale`'s language: the catalogue's
    /// `rule.ID`, or the English one.
    pub fn summary_in<'a>(&'a self, locale: &'a Locale) -> &'a str {
        match locale.catalogue.get(&format!("rule.{}", self.id)) {
            Some(text) => text.plain(),
            None => self.summary,
        }
    }

    /// The explanation's paragraphs in `locale`'s language: the catalogue's
    /// `explain.ID` (paragraphs separated by a blank line), or the English.
    pub fn explanation_paragraphs_in(&self, locale: &Locale) -> Vec<String> {
        match locale.catalogue.get(&format!("explain.{}", self.id)) {
            Some(text) => paragraphs(text.plain()),
            None => self.explanation_paragraphs(),
        }
    }

    /// The explanation as plain text: paragraphs separated by a blank line.
    pub fn explanation_text(&self) -> String {
        self.explanation_paragraphs().join("\n\n")
    }
}

/// Prose wrapped freely, as paragraphs each on one line (a blank line
/// separates paragraphs).
fn paragraphs(text: &str) -> Vec<String> {
    let mut paragraphs = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in text.lines().map(str::trim) {
        if line.is_empty() {
            if !current.is_empty() {
                paragraphs.push(current.join(" "));
                current.clear();
            }
        } else {
            current.push(line);
        }
    }
    if !current.is_empty() {
        paragraphs.push(current.join(" "));
    }
    paragraphs
}

/// What every rule file needs.
pub mod prelude {
    pub use super::{BuiltinSeverity, Rule};
    pub use crate::format;
    pub use crate::locale::Locale;
    pub use crate::model::Dimension;
    pub use crate::rubric::config::RuleSetting;
    pub use crate::rubric::context::{
        CheckContext, Emitter, currency_of, find_phrase_in, has_number, is_percent, period_end,
        plural, show_date,
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    fn silent(_: &CheckContext<'_>, _: &mut Emitter<'_>) {}

    #[test]
    fn explanations_reflow_into_paragraphs() {
        let rule = Rule {
            id: "x",
            dimension: None,
            builtin: BuiltinSeverity {
                senior_manager: RuleSetting::Off,
                director: RuleSetting::Off,
                vp: RuleSetting::Off,
            },
            summary: "",
            explanation: "\n    First line\n    continues.\n\n    Second.\n",
            example: "",
            texts: &[],
            check: silent,
        };
        assert_eq!(
            rule.explanation_paragraphs(),
            ["First line continues.", "Second."]
        );
    }
}
