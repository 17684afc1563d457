//! A document made from a case's text as it stands in an editor: analysed
//! ([`crate::analysis`]) with the rubric decided for it, worded in its
//! language, compiled by a [`Renderer`], and exported as `build` exports it
//! (the DRAFT mark while `check` reports errors). The workspace's render
//! worker (native) and the browser build (WebAssembly) both make their
//! previews and downloads here; neither needs threads, processes or files
//! beyond what the case itself names.

use std::path::Path;

use chrono::NaiveDate;

use super::export::{self, PdfSettings};
use super::language::{LanguageChoice, resolve};
use super::{Compiled, Job, Renderer, TemplateKind, document_timestamp, pdf_ident};
use crate::analysis::analyse;
use crate::diagnostic::Severity;
use crate::rubric::RubricChoice;

/// A compiled document and what its PDF needs.
pub struct FromText {
    pub compiled: Compiled,
    ident: String,
    as_of: NaiveDate,
}

/// Why a text gave no document, in words for the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoDocument {
    /// The text does not load: the page keeps its last good preview.
    DoesNotLoad,
    /// The labels file, the template or the export has a mistake: its
    /// located errors, rendered.
    Mistake(String),
}

impl std::fmt::Display for NoDocument {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NoDocument::DoesNotLoad => {
                write!(f, "the text does not load; the last good preview stays")
            }
            NoDocument::Mistake(why) => write!(f, "{why}"),
        }
    }
}

/// Compiles the document `kind` for `text`, the case at `path`.
pub fn compile_text(
    renderer: &Renderer,
    rubric: &RubricChoice,
    language: &LanguageChoice,
    path: &Path,
    text: &str,
    today: NaiveDate,
    kind: TemplateKind,
) -> Result<FromText, NoDocument> {
    let analysis = analyse(path, text, today, rubric);
    let (Some(loaded), Some(report)) = (&analysis.loaded, &analysis.report) else {
        return Err(NoDocument::DoesNotLoad);
    };
    let draft = report.count(Severity::Error) > 0;
    // A labels file that does not load stops the document with its located
    // errors, as `build` would stop.
    let language = resolve(loaded, language).map_err(|diagnostics| {
        NoDocument::Mistake(
            diagnostics
                .iter()
                .map(|d| d.render(false))
                .collect::<Vec<_>>()
                .join("\n"),
        )
    })?;
    let job = Job::new(loaded, draft, report, language.locale)
        .map_err(|e| NoDocument::Mistake(e.to_string()))?;
    let compiled = renderer.compile(&job, kind);
    super::forget_unused_layouts();
    Ok(FromText {
        compiled: compiled.map_err(|e| NoDocument::Mistake(e.to_string()))?,
        ident: pdf_ident(kind, loaded),
        as_of: loaded.as_of,
    })
}

impl FromText {
    /// The PDF, as `build` writes it; `source_date_epoch` as the variable
    /// of that name gives it, for reproducible dates.
    pub fn pdf(&self, source_date_epoch: Option<&str>) -> Result<Vec<u8>, NoDocument> {
        let timestamp = document_timestamp(self.as_of, source_date_epoch)
            .map_err(|e| NoDocument::Mistake(e.to_string()))?;
        let settings = PdfSettings {
            ident: self.ident.clone(),
            timestamp,
            standards: &[],
        };
        export::pdf(&self.compiled, &settings).map_err(|e| NoDocument::Mistake(e.to_string()))
    }
}
