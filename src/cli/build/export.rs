//! One exporter per output format: a compiled document becomes the files to
//! write (a PDF, one PNG or SVG per page); a Word document is written from
//! the case's data without laying out the PDF; `--format typst` gives the
//! typst project itself. Nothing is written here: the caller writes every file only
//! once every document succeeded.

use std::path::{Path, PathBuf};

use promocase::render::export::{self, PdfSettings};
use promocase::render::{Compiled, Job, Renderer, TemplateKind};

use super::super::error::CliError;
use super::FormatArg;
use super::plan::{BuildPlan, page_path};

/// A file to write, and the line that says so.
pub struct Planned {
    pub path: PathBuf,
    pub bytes: Vec<u8>,
    pub summary: String,
}

/// The PDF of one document.
pub fn pdf(
    compiled: &Compiled,
    target: &Path,
    settings: &PdfSettings,
) -> Result<Vec<Planned>, CliError> {
    let bytes = export::pdf(compiled, settings)?;
    let pages = compiled.page_count();
    let summary = format!(
        "wrote {} ({pages} {}, {} KB)",
        target.display(),
        if pages == 1 { "page" } else { "pages" },
        bytes.len().div_ceil(1024)
    );
    Ok(vec![Planned {
        path: target.to_path_buf(),
        bytes,
        summary,
    }])
}

/// The Word document of one document.
pub fn docx(
    renderer: &Renderer,
    job: &Job,
    kind: TemplateKind,
    target: &Path,
    timestamp: chrono::NaiveDateTime,
) -> Result<Planned, CliError> {
    let bytes = promocase::render::docx::docx(renderer, job, kind, timestamp)?;
    let summary = format!(
        "wrote {} (Word, {} KB)",
        target.display(),
        bytes.len().div_ceil(1024)
    );
    Ok(Planned {
        path: target.to_path_buf(),
        bytes,
        summary,
    })
}

/// One PNG or SVG per page (`ana-1.png`, …), or one SVG on standard output.
pub fn pages(
    compiled: &Compiled,
    kind: TemplateKind,
    plan: &BuildPlan,
    target: &Path,
) -> Result<Vec<Planned>, CliError> {
    let images = match plan.format {
        FormatArg::Png => export::png(compiled, plan.dpi)?,
        _ => export::svg(compiled)
            .into_iter()
            .map(String::into_bytes)
            .collect(),
    };
    if plan.to_stdout() {
        let [only] = <[Vec<u8>; 1]>::try_from(images).map_err(|images| {
            CliError::input(format!(
                "the {kind} has {} pages and `-o -` writes one SVG: use --format pdf, or -o FILE.svg for one file per page",
                images.len()
            ))
        })?;
        return Ok(vec![Planned {
            path: target.to_path_buf(),
            bytes: only,
            summary: format!("wrote the {kind} to stdout"),
        }]);
    }
    Ok(images
        .into_iter()
        .enumerate()
        .map(|(index, bytes)| {
            let path = page_path(target, index + 1);
            let summary = format!("wrote {}", path.display());
            Planned {
                path,
                bytes,
                summary,
            }
        })
        .collect())
}

/// The typst project of one document: `main.typ`, the templates and
/// `data.json`, for the official `typst compile`.
pub fn typst_project(
    renderer: &Renderer,
    job: &Job,
    kind: TemplateKind,
    target: &Path,
) -> Vec<Planned> {
    let mut files: Vec<Planned> = renderer
        .bundle(job, kind)
        .into_iter()
        .map(|(name, bytes)| Planned {
            path: target.join(name),
            bytes,
            summary: String::new(),
        })
        .collect();
    if let Some(first) = files.first_mut() {
        first.summary = format!(
            "wrote {}/ (typst compile {}/main.typ)",
            target.display(),
            target.display()
        );
    }
    files
}
