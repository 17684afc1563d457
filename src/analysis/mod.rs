//! One pass from the text a person is editing to everything a workspace
//! shows about it: the load errors or the check's findings, each with the
//! range to underline, the readiness, each KPI's status, and what changed
//! since a baseline version. It knows nothing of HTTP or of an editor:
//! `promocase serve` sends it to the browser as JSON, and a language server
//! can map the same ranges to its own positions. [`cursor`] says what is at
//! a place in the text (for completion and hover), from the schema.

pub mod cursor;
pub mod fixes;
pub mod insert;
pub mod outline;

use std::path::Path;
use std::sync::Arc;

use chrono::NaiveDate;
use serde::Serialize;

use crate::diagnostic::{Diagnostic, Severity, SourceFile};
use crate::model::{EvidenceStatus, LoadedCase};
use crate::rubric::diff::{Diff, compare};
use crate::rubric::{Report, RubricChoice, check_case};

/// Where to underline, in the editor's terms: 1-based lines, columns in
/// characters (1-based), and byte offsets for tools that prefer them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Span {
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub start: usize,
    pub end: usize,
}

/// One message about the text: a load error or a check finding.
#[derive(Debug, Clone, Serialize)]
pub struct Message {
    /// `load` for a mistake in the file, `check` for a gap in the evidence.
    pub kind: &'static str,
    pub severity: Severity,
    /// The rule id for findings, the error kind for load errors.
    pub code: String,
    pub message: String,
    pub label: Option<String>,
    pub hint: Option<String>,
    /// What to write in place of the text at `span` (a misspelt key's field).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suggestion: Option<String>,
    /// `None` for a message about the file as a whole.
    pub span: Option<Span>,
}

impl Message {
    fn from_diagnostic(kind: &'static str, diagnostic: &Diagnostic) -> Message {
        let source = &diagnostic.source;
        let span = diagnostic.location.as_ref().map(|location| {
            let range = location.range.clone();
            let (end_line, end_column) = source.line_column(range.end.max(range.start));
            Span {
                line: location.line,
                column: location.column,
                end_line,
                end_column,
                start: range.start,
                end: range.end,
            }
        });
        Message {
            kind,
            severity: diagnostic.severity,
            code: diagnostic.code.clone(),
            message: diagnostic.message.clone(),
            label: diagnostic.label.clone(),
            hint: diagnostic.hint.clone(),
            suggestion: diagnostic.suggestion.clone(),
            span,
        }
    }
}

/// A KPI and its status against target, as the documents print it.
#[derive(Debug, Clone, Serialize)]
pub struct KpiVerdict {
    pub name: String,
    pub status: crate::model::Label<'static>,
}

/// Everything about one version of the text.
pub struct Analysis {
    pub loaded: Option<LoadedCase>,
    pub report: Option<Report>,
    /// The load errors when the text does not load; the findings when it does.
    pub messages: Vec<Message>,
}

/// Loads and checks `text` as the case at `path` would be.
pub fn analyse(path: &Path, text: &str, today: NaiveDate, rubric: &RubricChoice) -> Analysis {
    let source: Arc<SourceFile> = SourceFile::new(path, text);
    // A mistake is explained in the language the text declares.
    let words = crate::locale::wording_for(text, None);
    match crate::model::load::parse_case_in(source, today, &*words) {
        Err(error) => Analysis {
            loaded: None,
            report: None,
            messages: error
                .diagnostics
                .iter()
                .map(|d| Message::from_diagnostic("load", d))
                .collect(),
        },
        Ok(loaded) => {
            let report = check_case(&loaded, &rubric.for_case(&loaded));
            let messages = report
                .diagnostics()
                .iter()
                .map(|d| Message::from_diagnostic("check", d))
                .collect();
            Analysis {
                loaded: Some(loaded),
                report: Some(report),
                messages,
            }
        }
    }
}

impl Analysis {
    /// Whether the text loads as a case.
    pub fn loads(&self) -> bool {
        self.loaded.is_some()
    }

    /// How many messages have this severity.
    pub fn count(&self, severity: Severity) -> usize {
        self.messages
            .iter()
            .filter(|m| m.severity == severity)
            .count()
    }

    /// Each KPI with its status, when the text loads.
    pub fn kpis(&self) -> Vec<KpiVerdict> {
        match (&self.loaded, &self.report) {
            (Some(loaded), Some(report)) => loaded
                .case
                .kpis
                .iter()
                .zip(&report.kpi_statuses)
                .map(|(kpi, status)| KpiVerdict {
                    name: kpi.name.clone(),
                    status: crate::model::Label::of(*status),
                })
                .collect(),
            _ => Vec::new(),
        }
    }

    /// The quick fixes for the message with this code that starts at byte
    /// `start` (`None` for a message about the whole file); `None` when the
    /// text has no such message (it changed since the page asked).
    pub fn fixes_for(
        &self,
        text: &str,
        code: &str,
        start: Option<usize>,
    ) -> Option<Vec<fixes::FixForPage>> {
        self.messages
            .iter()
            .find(|m| m.code == code && m.span.as_ref().map(|s| s.start) == start)
            .map(|message| {
                fixes::fixes(text, message)
                    .iter()
                    .map(|fix| fixes::FixForPage::of(fix, text))
                    .collect()
            })
    }

    /// What changed in readiness from `baseline` to this version, when both load.
    pub fn changes_since(&self, baseline: &Analysis) -> Option<Diff> {
        match (
            &baseline.loaded,
            &baseline.report,
            &self.loaded,
            &self.report,
        ) {
            (Some(old), Some(old_report), Some(new), Some(new_report)) => {
                Some(compare(old, old_report, new, new_report))
            }
            _ => None,
        }
    }

    /// The whole analysis as one JSON object (what `serve` and the site send
    /// the page): the readiness is `check`'s own, and `statuses` gives each
    /// evidence status's label, so the page prints what `check` prints.
    pub fn to_json(&self, baseline: Option<&Analysis>) -> serde_json::Value {
        let statuses: serde_json::Map<String, serde_json::Value> = EvidenceStatus::ALL
            .into_iter()
            .map(|status| (status.id().to_string(), status.label().into()))
            .collect();
        serde_json::json!({
            "loads": self.loads(),
            "errors": self.count(Severity::Error),
            "warnings": self.count(Severity::Warning),
            "notes": self.count(Severity::Info),
            "messages": self.messages,
            "readiness": self.report.as_ref().map(|r| &r.readiness),
            // A built-in rubric's level is promocase's word, which the page says in its language.
            "builtin_rubric": self.report.as_ref().is_some_and(|r| r.builtin_rubric),
            "statuses": statuses,
            // The case's own language, which the workspace speaks unless told otherwise.
            "language": self
                .loaded
                .as_ref()
                .and_then(|l| l.case.language.as_ref())
                .map(|tag| tag.language.code),
            // The highest score a case with errors can have.
            "cap": crate::rubric::report::ERROR_CAP,
            "kpis": self.kpis(),
            "changes": baseline.and_then(|b| self.changes_since(b)),
        })
    }
}

/// The choices the workspace offers, from the one table of each: the levels
/// and tracks of the new-case form, and the languages (by their own names)
/// of the documents and of the page.
pub fn choices() -> serde_json::Value {
    use crate::model::{Label, Level, Track, language::LANGUAGES};
    let labels = |all: Vec<Label>| serde_json::to_value(all).unwrap_or_default();
    serde_json::json!({
        "levels": labels(Level::ALL.into_iter().map(Label::of).collect()),
        "tracks": labels(Track::ALL.into_iter().map(Label::of).collect()),
        "languages": LANGUAGES
            .iter()
            .map(|l| serde_json::json!({ "id": l.code, "label": l.native_name }))
            .collect::<Vec<_>>(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 1).unwrap_or_default()
    }

    #[test]
    fn a_text_that_does_not_load_gives_located_load_errors() {
        let text = "candidate:\n  name: Ana\n  years_in_management: five\n";
        let analysis = analyse(
            Path::new("ana.yaml"),
            text,
            today(),
            &RubricChoice::Builtin(None),
        );
        assert!(!analysis.loads());
        let wrong = analysis
            .messages
            .iter()
            .find(|m| m.code == "wrong-type")
            .unwrap_or_else(|| panic!("{:?}", analysis.messages));
        let span = wrong.span.clone().unwrap_or_else(|| panic!("located"));
        assert_eq!((span.line, span.column), (3, 24));
        assert_eq!((span.end_line, span.end_column), (3, 28));
        assert_eq!(&text[span.start..span.end], "five");
    }

    #[test]
    fn a_case_gives_its_findings_readiness_and_what_changed() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/it-manager-thin.yaml");
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let choice = RubricChoice::Builtin(None);
        let before = analyse(&path, &text, today(), &choice);
        assert!(
            before
                .messages
                .iter()
                .any(|m| m.code == "succession-missing")
        );
        let fixed = format!(
            "{text}\nsuccession:\n  successors:\n    - name: Jonas Weber\n      current_role: Service desk lead\n      readiness: ready-now\n      covers: [Service desk]\n"
        );
        let after = analyse(&path, &fixed, today(), &choice);
        assert!(
            !after
                .messages
                .iter()
                .any(|m| m.code == "succession-missing")
        );
        let json = after.to_json(Some(&before));
        assert_eq!(json["loads"], true);
        assert!(json["readiness"]["score"].as_u64().is_some());
        let fixed_rules = json["changes"]["fixed"].to_string();
        assert!(fixed_rules.contains("succession-missing"), "{fixed_rules}");
    }
}
