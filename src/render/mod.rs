//! Rendering a case into documents with typst, embedded as a library.
//!
//! The flow: [`Job::new`] turns a loaded case into template data
//! ([`data`]) and reads its logo ([`assets`]); [`Renderer::compile`] compiles
//! one template in a [`world::MemoryWorld`] that serves only the templates
//! ([`templates`]), `/data.json` and the logo; [`export`] turns the laid-out
//! document into PDF, PNG or SVG, or [`Renderer::bundle`] writes the typst
//! project itself. Fonts ([`fonts`]) are loaded once per process; a
//! [`deadline::Watchdog`] stops a template that never finishes; [`language`]
//! picks the language and wording of a case's documents; [`text`] makes a
//! document from an editor's text, for the workspace and the browser build.
//!
//! The case reaches typst only as JSON read by `json("/data.json")`, so user
//! text is always printed, never evaluated as markup or code.

pub mod assets;
pub mod chart;
pub mod coverage;
pub mod data;
pub mod deadline;
pub mod docx;
mod error;
pub mod export;
pub mod fonts;
pub mod language;
pub mod preview;
pub mod templates;
pub mod text;
pub mod world;

use std::sync::Arc;

use chrono::{Datelike, NaiveDateTime, Timelike};
use typst::WorldExt;
use typst::diag::{Severity as TypstSeverity, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime};
use typst::syntax::Source;
use typst_layout::PagedDocument;

use crate::diagnostic::{Diagnostic, Severity, SourceFile};
use crate::locale::Locale;
use crate::model::LoadedCase;

pub use assets::Asset;
pub use data::DocumentOptions;
pub use error::RenderError;
pub use fonts::Fonts;
pub use templates::{TemplateKind, Templates};

/// The virtual path of the case data every template reads.
pub const DATA_PATH: &str = "/data.json";

/// One case, ready to be rendered with any template.
pub struct Job<'a> {
    loaded: &'a LoadedCase,
    options: DocumentOptions,
    logo: Option<Asset>,
}

impl<'a> Job<'a> {
    /// Reads what the case points at (the logo) and fixes the options. The
    /// report of the `check` that ran first decides every KPI status the
    /// documents print and fills the readiness appendix.
    pub fn new(
        loaded: &'a LoadedCase,
        draft: bool,
        report: &crate::rubric::Report,
        locale: Arc<Locale>,
    ) -> Result<Self, RenderError> {
        let logo = assets::logo(loaded)?;
        Ok(Self::with_logo(loaded, draft, report, logo, locale))
    }

    /// As [`Job::new`], with the logo already read by [`assets::logo`]
    /// (`build` reads it before the check, so a bad logo is a located input
    /// error, exit 2, rather than one finding among others).
    pub fn with_logo(
        loaded: &'a LoadedCase,
        draft: bool,
        report: &crate::rubric::Report,
        logo: Option<Asset>,
        locale: Arc<Locale>,
    ) -> Self {
        let options = DocumentOptions {
            draft,
            report: report.clone(),
            logo: logo.as_ref().map(|l| l.virtual_path.clone()),
            locale,
        };
        Self {
            loaded,
            options,
            logo,
        }
    }

    pub fn loaded(&self) -> &LoadedCase {
        self.loaded
    }

    /// The language the documents are written in.
    pub fn locale(&self) -> &Locale {
        &self.options.locale
    }

    /// Files the job reads besides the templates: the case and its logo.
    pub fn input_files(&self) -> Vec<&std::path::Path> {
        let mut files = vec![self.loaded.source.path.as_path()];
        files.extend(self.logo.as_ref().map(|l| l.source.as_path()));
        files
    }

    /// Warnings for the case's fields the one-page brief has to cut.
    pub fn brief_warnings(&self) -> Vec<Diagnostic> {
        data::brief_warnings(self.loaded, &self.options)
    }

    /// The `/data.json` a template receives: compact, as typst reads it at
    /// every rebuild ([`Job::readable_data_json`] for people).
    pub fn data_json(&self, kind: TemplateKind) -> String {
        let data = data::build(self.loaded, kind, &self.options);
        // Serialising plain structs, strings and finite numbers cannot fail;
        // an empty object would still compile and show the problem.
        serde_json::to_string(&data).unwrap_or_else(|_| "{}".to_string())
    }

    /// The same data pretty-printed, so the typst hand-off folder is readable.
    pub fn readable_data_json(&self, kind: TemplateKind) -> String {
        let data = data::build(self.loaded, kind, &self.options);
        serde_json::to_string_pretty(&data).unwrap_or_else(|_| "{}".to_string())
    }
}

/// The PDF identifier of a case's document: stable across builds of the
/// same case, so `build` and `serve` give the same bytes for the same text.
pub fn pdf_ident(kind: TemplateKind, loaded: &LoadedCase) -> String {
    format!("promocase/{}/{}", kind.id(), loaded.case.candidate.name)
}

/// A laid-out document and the warnings typst gave on the way.
pub struct Compiled {
    /// The template's file name, for messages: `proposal.typ`.
    pub template: String,
    /// What the document is, for messages: `proposal`, `committee pack`.
    pub what: String,
    pub document: PagedDocument,
    pub warnings: Vec<Diagnostic>,
}

impl Compiled {
    pub fn page_count(&self) -> usize {
        self.document.pages().len()
    }

    /// One document of the pages of `parts`, in order, with the first part's
    /// metadata and every part's warnings: a document laid out in parts
    /// ([`Renderer::compile_part`]) is exported as one, its outline and tags
    /// made from all of them. `None` without parts.
    pub fn joined(parts: Vec<Compiled>) -> Option<Compiled> {
        let mut parts = parts.into_iter();
        let first = parts.next()?;
        let info = typst::model::Document::info(&first.document).clone();
        let mut pages: typst::diag::EcoVec<typst_layout::Page> =
            first.document.pages().iter().cloned().collect();
        let mut warnings = first.warnings;
        for part in parts {
            pages.extend(part.document.pages().iter().cloned());
            warnings.extend(part.warnings);
        }
        Some(Compiled {
            template: first.template,
            what: first.what,
            document: PagedDocument::new(pages, info),
            warnings,
        })
    }
}

/// Compiles templates with a fixed set of fonts.
pub struct Renderer {
    templates: Templates,
    fonts: Arc<Fonts>,
    /// The templates parsed once: a rebuild reuses the syntax trees, and
    /// typst's caches see the same sources.
    sources: Result<Vec<Source>, String>,
}

impl Renderer {
    pub fn new(templates: Templates, fonts: Arc<Fonts>) -> Self {
        let sources = templates
            .iter()
            .map(|(name, file)| {
                let path = format!("/{name}");
                world::file_id(&path)
                    .map(|id| Source::new(id, file.text.clone()))
                    .ok_or(path)
            })
            .collect();
        Self {
            templates,
            fonts,
            sources,
        }
    }

    pub fn templates(&self) -> &Templates {
        &self.templates
    }

    pub fn fonts(&self) -> &Fonts {
        &self.fonts
    }

    /// Lays out `kind` for the job's case.
    pub fn compile(&self, job: &Job, kind: TemplateKind) -> Result<Compiled, RenderError> {
        self.compile_template(
            kind.file_name(),
            &kind.to_string(),
            job.data_json(kind),
            Some(job),
            job.loaded.as_of,
        )
    }

    /// Lays out the template `main_name` with `data` as `/data.json` and
    /// today's date `as_of`; `job` serves the case's logo when there is one.
    /// The committee pack is compiled this way, with the round's data.
    pub fn compile_template(
        &self,
        main_name: &str,
        what: &str,
        data: String,
        job: Option<&Job>,
        as_of: chrono::NaiveDate,
    ) -> Result<Compiled, RenderError> {
        self.compile_main(main_name, 0, what, data, job, as_of)
    }

    /// Lays out one part of a document laid out in parts (the committee
    /// pack): the template `main_name` with the part's `data`. Parts are
    /// numbered from 0 in the order their pages are joined
    /// ([`Compiled::joined`]); each reads its main file under a file id of
    /// its own ([`world::part_file_id`]), so their elements' locations differ.
    pub fn compile_part(
        &self,
        main_name: &str,
        part: usize,
        what: &str,
        data: String,
        as_of: chrono::NaiveDate,
    ) -> Result<Compiled, RenderError> {
        self.compile_main(main_name, part, what, data, None, as_of)
    }

    fn compile_main(
        &self,
        main_name: &str,
        part: usize,
        what: &str,
        data: String,
        job: Option<&Job>,
        as_of: chrono::NaiveDate,
    ) -> Result<Compiled, RenderError> {
        let Some(template) = self.templates.get(main_name) else {
            return Err(RenderError::input(format!("no template `{main_name}`")));
        };
        let unusable =
            |path: &str| RenderError::input(format!("`{path}` is not a usable template file name"));
        let id = |path: &str| world::file_id(path).ok_or_else(|| unusable(path));
        let mut sources = self.sources.clone().map_err(|path| unusable(&path))?;
        let main_path = format!("/{main_name}");
        let main = world::part_file_id(&main_path, part).ok_or_else(|| unusable(&main_path))?;
        if part > 0 {
            sources.push(Source::new(main, template.text.clone()));
        }
        let mut files = vec![(id(DATA_PATH)?, Bytes::from_string(data.clone()))];
        if let Some(logo) = job.and_then(|job| job.logo.as_ref()) {
            files.push((id(&logo.virtual_path)?, Bytes::new(logo.bytes.clone())));
        }
        let today = Datetime::from_ymd(as_of.year(), as_of.month() as u8, as_of.day() as u8);
        let world = world::MemoryWorld::new(Arc::clone(&self.fonts), main, sources, files, today);
        let warned = typst::compile::<PagedDocument>(&world);
        let warnings = self.diagnostics(job, &world, &data, &warned.warnings);
        match warned.output {
            Ok(document) => Ok(Compiled {
                template: main_name.to_string(),
                what: what.to_string(),
                document,
                warnings,
            }),
            Err(errors) => {
                let mut all = self.diagnostics(job, &world, &data, &errors);
                all.extend(warnings);
                Err(RenderError::Located(all))
            }
        }
    }

    /// The files of a typst project that the official `typst compile main.typ`
    /// turns into the same document: the template as `main.typ`, the files it
    /// imports, `data.json` and the logo. Paths are relative to the folder.
    pub fn bundle(&self, job: &Job, kind: TemplateKind) -> Vec<(String, Vec<u8>)> {
        let mut files = Vec::new();
        let mut documents: Vec<&str> = TemplateKind::ALL.iter().map(|k| k.file_name()).collect();
        documents.push(templates::COMMITTEE);
        documents.push(templates::CHARTS);
        for (name, file) in self.templates.iter() {
            if name == kind.file_name() {
                files.push((
                    templates::BUNDLE_MAIN.to_string(),
                    file.text.clone().into_bytes(),
                ));
            } else if !documents.contains(&name) {
                files.push((name.to_string(), file.text.clone().into_bytes()));
            }
        }
        files.push((
            "data.json".to_string(),
            job.readable_data_json(kind).into_bytes(),
        ));
        if let Some(logo) = &job.logo {
            files.push((
                logo.virtual_path.trim_start_matches('/').to_string(),
                logo.bytes.clone(),
            ));
        }
        files
    }

    /// Typst's messages as located diagnostics, pointing into the template
    /// file they concern (or the generated data).
    fn diagnostics(
        &self,
        job: Option<&Job>,
        world: &world::MemoryWorld,
        data: &str,
        messages: &[SourceDiagnostic],
    ) -> Vec<Diagnostic> {
        messages
            .iter()
            .map(|message| {
                let file = message.span.id();
                let path = file.map(world::virtual_path);
                // A problem inside the logo (an SVG linking other files) is the
                // case's to fix: point at its `logo:` line, not at typst's copy.
                // An image that does not decode is reported at the template's
                // `image(…)` call, but the logo is the only image a world serves.
                let undecodable = message.message.contains("failed to decode image")
                    || message.message.contains("unknown image format");
                if let Some((job, logo)) = job
                    .and_then(|job| job.logo.as_ref().map(|logo| (job, logo)))
                    .filter(|(_, logo)| {
                        undecodable || path.as_deref() == Some(logo.virtual_path.as_str())
                    })
                {
                    let loaded = job.loaded;
                    return Diagnostic::error(
                        "bad-logo",
                        &loaded.source,
                        format!(
                            "the logo `{}` cannot be placed: {}",
                            logo.source.display(),
                            message.message
                        ),
                    )
                    .at(loaded.locations.value("/branding/logo"))
                    .with_hint(
                        "use an image that opens in an image viewer (PNG, JPEG, GIF or WebP), or \
                         a self-contained SVG: its images embedded, not linked to files or URLs",
                    );
                }
                let source = match path {
                    Some(path) if path == DATA_PATH => {
                        SourceFile::new("data.json (generated from the case)", data)
                    }
                    Some(path) => match self.templates.get(path.trim_start_matches('/')) {
                        Some(template) => SourceFile::new(&template.origin, template.text.clone()),
                        None => SourceFile::new(path, ""),
                    },
                    None => SourceFile::new("template", ""),
                };
                let mut text = message.message.to_string();
                for point in &message.trace {
                    text.push_str(&format!(" ({})", point.v));
                }
                let mut diagnostic = Diagnostic::error("template", &source, text);
                if message.severity == TypstSeverity::Warning {
                    diagnostic.severity = Severity::Warning;
                }
                if let Some(range) = world
                    .range(message.span)
                    .filter(|r| r.end <= source.text.len())
                {
                    diagnostic = diagnostic.at(range);
                }
                // Typst's hints about its own command line (`--root`) do not apply here.
                let mut hints: Vec<String> = message
                    .hints
                    .iter()
                    .map(|h| h.v.to_string())
                    .filter(|h| !h.contains("--root"))
                    .collect();
                if message.message.contains("would escape the project root") {
                    hints.push(world::READABLE.to_string());
                }
                if !hints.is_empty() {
                    diagnostic = diagnostic.with_hint(hints.join("; "));
                }
                diagnostic
            })
            .collect()
    }
}

/// Drops the layouts typst memoised that the last few compiles did not use:
/// a long session (`watch`, the workspace) keeps its memory flat.
pub fn forget_unused_layouts() {
    typst::comemo::evict(10);
}

/// Drops every layout typst memoised: a document laid out in parts keeps
/// one part's layouts at a time, not all of them.
pub fn forget_layouts() {
    typst::comemo::evict(0);
}

/// The time written into PDF metadata: SOURCE_DATE_EPOCH when set (the
/// reproducible-builds convention), otherwise midnight of the case's `as_of`.
/// Either way two builds of the same case are byte-identical.
pub fn document_timestamp(
    as_of: chrono::NaiveDate,
    source_date_epoch: Option<&str>,
) -> Result<NaiveDateTime, RenderError> {
    match source_date_epoch.map(str::trim).filter(|s| !s.is_empty()) {
        Some(text) => text
            .parse::<i64>()
            .ok()
            .and_then(|secs| chrono::DateTime::from_timestamp(secs, 0))
            .map(|t| t.naive_utc())
            .ok_or_else(|| {
                RenderError::input(format!(
                    "SOURCE_DATE_EPOCH=`{text}` is not a number of seconds since 1970"
                ))
            }),
        None => Ok(as_of.and_hms_opt(0, 0, 0).unwrap_or_default()),
    }
}

fn typst_datetime(time: NaiveDateTime) -> Option<Datetime> {
    Datetime::from_ymd_hms(
        time.year(),
        time.month() as u8,
        time.day() as u8,
        time.hour() as u8,
        time.minute() as u8,
        time.second() as u8,
    )
}
