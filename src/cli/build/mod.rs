//! `promocase build`: render a case into the proposal, the brief and the
//! talking points, as PDF, PNG, SVG, Word documents or a typst project.
//!
//! Everything is compiled and exported in memory first; files are written
//! (atomically) only when every requested document succeeded, so a failed
//! build leaves earlier output untouched.
//!
//! `-o -` writes the one document to stdout instead (PDF, Word, or SVG of a
//! one-page document), with the summary on stderr.
//!
//! `watch` runs the same build again and again through [`run_kept`], keeping
//! the fonts and templates ([`Kept`]) between runs.
//!
//! The parts: this module holds the arguments and the build's steps;
//! [`plan`] checks the arguments once into a [`plan::BuildPlan`] (formats,
//! where each document goes); [`export`] has one exporter per format; the
//! files are written through [`promocase::write`], which also refuses to
//! write over an input.

pub mod export;
pub mod plan;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use chrono::NaiveDate;
use clap::{Args, ValueEnum};

use super::error::CliError;
use super::shared::{LanguageArgs, LimitArgs, RubricArgs, TemplateArgs, arm_limits};
use super::{Output, exit};
use export::Planned;
use plan::BuildPlan;
use promocase::diagnostic::Severity;
use promocase::model::LoadedCase;
use promocase::render::export::PdfSettings;
use promocase::render::language::resolve;
use promocase::render::{Fonts, Job, RenderError, Renderer, TemplateKind};
use promocase::rubric::{Report, check_case_in};
use promocase::write::{WriteMode, refuse_inputs, write_new_file};

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// The case file to render.
    #[arg(value_name = "CASE")]
    pub case: PathBuf,
    /// Where to write. Defaults to the case's folder and name (`ana.yaml` → `ana.pdf`,
    /// `ana-brief.pdf`, `ana-talking-points.pdf`). A folder (one that exists, or a
    /// path ending in `/`) gets those names inside it. With `--template all`, a file
    /// name names the proposal and the others are named after it. With `--format
    /// typst`, a folder. `-` writes to stdout (one document, as PDF, Word or one-page SVG).
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,
    /// Which document to build.
    #[arg(long, value_enum, default_value_t = TemplateArg::Proposal)]
    pub template: TemplateArg,
    /// The output format: pdf, png or svg (one file per page: `ana-1.png`, …), docx
    /// (a Word document to edit: Word's own styles, tables, the charts as pictures),
    /// or typst (a folder with main.typ, the files it imports and data.json).
    #[arg(long, value_enum, default_value_t = FormatArg::Pdf)]
    pub format: FormatArg,
    /// Print a DRAFT watermark on every page.
    #[arg(long)]
    pub draft: bool,
    #[command(flatten)]
    pub templates: TemplateArgs,
    /// PDF standards to conform to, e.g. a-2b (archival) or ua-1 (accessible). Repeatable.
    #[arg(long, value_name = "STANDARD", value_delimiter = ',')]
    pub pdf_standard: Vec<String>,
    /// Resolution of PNG output, in dots per inch.
    #[arg(long, default_value_t = 144.0, value_name = "DPI")]
    pub dpi: f64,
    #[command(flatten)]
    pub judging: RubricArgs,
    #[command(flatten)]
    pub limits: LimitArgs,
    #[command(flatten)]
    pub language: LanguageArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TemplateArg {
    Proposal,
    Brief,
    TalkingPoints,
    All,
}

impl TemplateArg {
    pub fn kinds(self) -> Vec<TemplateKind> {
        match self {
            Self::Proposal => vec![TemplateKind::Proposal],
            Self::Brief => vec![TemplateKind::Brief],
            Self::TalkingPoints => vec![TemplateKind::TalkingPoints],
            Self::All => TemplateKind::ALL.to_vec(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    Pdf,
    Png,
    Svg,
    Docx,
    Typst,
}

impl FormatArg {
    pub fn extension(self) -> &'static str {
        match self {
            Self::Pdf => "pdf",
            Self::Png => "png",
            Self::Svg => "svg",
            Self::Docx => "docx",
            Self::Typst => "",
        }
    }
}

/// What `watch` keeps from one build to the next: the fonts (slow to load)
/// and the renderer with its templates, until a template changes. Typst's
/// caches are keyed by content, so a renderer that serves the same template
/// sources lets a rebuild reuse the layout of everything that did not change.
#[derive(Default)]
pub struct Kept {
    fonts: Option<Arc<Fonts>>,
    renderer: Option<Renderer>,
}

impl Kept {
    /// Makes the next build read the template folder again.
    pub fn reload_templates(&mut self) {
        self.renderer = None;
    }

    /// Makes the next build read the `--font-path` folders (and the templates) again.
    pub fn reload_fonts(&mut self) {
        self.fonts = None;
        self.renderer = None;
    }

    fn renderer(&mut self, args: &BuildArgs) -> Result<&Renderer, RenderError> {
        let fonts = match &self.fonts {
            Some(fonts) => Arc::clone(fonts),
            None => {
                let fonts = args.templates.fonts()?;
                self.fonts = Some(Arc::clone(&fonts));
                fonts
            }
        };
        let renderer = match self.renderer.take() {
            Some(renderer) => renderer,
            None => Renderer::new(args.templates.templates()?, fonts),
        };
        Ok(self.renderer.insert(renderer))
    }
}

/// What one build did, for `watch` to summarise and to know what to watch.
pub struct Built {
    pub code: u8,
    /// The check that ran before rendering, when the case loaded.
    pub report: Option<Report>,
    /// The files the case points at (its logo), when it loaded.
    pub assets: Vec<PathBuf>,
}

pub fn run(args: &BuildArgs, out: &Output, today: NaiveDate) -> u8 {
    match BuildPlan::new(args) {
        Ok(plan) => run_kept(args, &plan, out, today, &mut Kept::default()).code,
        Err(error) => error.report(out, "nothing was written"),
    }
}

/// Builds once from `plan`, with fonts and templates kept in `kept`.
pub fn run_kept(
    args: &BuildArgs,
    plan: &BuildPlan,
    out: &Output,
    today: NaiveDate,
    kept: &mut Kept,
) -> Built {
    let mut built = Built {
        code: exit::OK,
        report: None,
        assets: Vec::new(),
    };
    built.code = match build(args, plan, out, today, kept, &mut built) {
        Ok(()) => exit::OK,
        Err(error) => error.report(out, "nothing was written"),
    };
    built
}

fn build(
    args: &BuildArgs,
    plan: &BuildPlan,
    out: &Output,
    today: NaiveDate,
    kept: &mut Kept,
    built: &mut Built,
) -> Result<(), CliError> {
    let loaded = match promocase::locale::load_input(&plan.case, today, args.language.lang.as_ref())
    {
        Ok(loaded) => loaded,
        Err(error) => {
            for diagnostic in &error.diagnostics {
                out.diagnostic(diagnostic);
            }
            out.error(&format!(
                "{}: the case did not load; nothing was written",
                plan.case.display()
            ));
            return Err(CliError::Reported);
        }
    };
    built.assets = asset_paths(&loaded);
    // A logo the build cannot use is bad input (exit 2), located at `logo:`,
    // before the check would count it among the findings.
    let logo = promocase::render::assets::logo(&loaded)?;
    let started = Instant::now();
    let report = check_first(args, &loaded, out, built)?;
    out.detail(&super::check::checked_in(&report, started));
    let language = resolve(&loaded, &args.language.choice()).map_err(|diagnostics| {
        for diagnostic in &diagnostics {
            out.diagnostic(diagnostic);
        }
        out.error(&format!(
            "{}: the labels did not load; nothing was written",
            plan.case.display()
        ));
        CliError::Reported
    })?;
    for warning in &language.warnings {
        out.diagnostic(warning);
    }
    built.assets.extend(language.labels_file.iter().cloned());
    let job = Job::with_logo(&loaded, plan.draft, &report, logo, language.locale);
    built.report = Some(report);
    let renderer = kept.renderer(args)?;
    // Typst prints a character no font has as a box, silently: say so first.
    for warning in promocase::render::coverage::missing_glyphs(&loaded, renderer.fonts()) {
        out.diagnostic(&warning);
    }
    if plan.kinds.contains(&TemplateKind::Brief) {
        for warning in job.brief_warnings() {
            out.diagnostic(&warning);
        }
    }
    let timestamp = promocase::render::document_timestamp(
        loaded.as_of,
        std::env::var("SOURCE_DATE_EPOCH").ok().as_deref(),
    )?;

    let mut planned: Vec<Planned> = Vec::new();
    let progress = out.progress(plan.kinds.len());
    let watchdog = arm_limits(&args.limits, "the build", "A very long case");
    for &kind in &plan.kinds {
        progress.set_message(format!("building the {kind}"));
        watchdog.doing(match renderer.templates().get(kind.file_name()) {
            Some(file) => format!("the {kind} (`{}`)", file.origin.display()),
            None => format!("the {kind}"),
        });
        let target = plan.target(kind);
        if plan.format == FormatArg::Typst {
            planned.extend(export::typst_project(renderer, &job, kind, &target));
            continue;
        }
        if plan.format == FormatArg::Docx {
            let started = Instant::now();
            planned.push(export::docx(renderer, &job, kind, &target, timestamp)?);
            progress.suspend(|| {
                out.detail(&format!(
                    "{kind}: written as Word in {} ms",
                    started.elapsed().as_millis()
                ))
            });
            progress.inc(1);
            continue;
        }
        let started = Instant::now();
        let compiled = renderer.compile(&job, kind)?;
        progress.suspend(|| {
            for warning in &compiled.warnings {
                out.diagnostic(warning);
            }
            out.detail(&format!(
                "{kind}: laid out in {} ms",
                started.elapsed().as_millis()
            ));
        });
        let started = Instant::now();
        planned.extend(match plan.format {
            FormatArg::Pdf => {
                let settings = PdfSettings {
                    ident: promocase::render::pdf_ident(kind, &loaded),
                    timestamp,
                    standards: &plan.standards,
                };
                export::pdf(&compiled, &target, &settings)?
            }
            _ => export::pages(&compiled, kind, plan, &target)?,
        });
        progress.suspend(|| {
            out.detail(&format!(
                "{kind}: exported in {} ms",
                started.elapsed().as_millis()
            ))
        });
        progress.inc(1);
    }
    progress.finish_and_clear();

    // From here on output is written: the watchdog must not end the process.
    if watchdog.disarm().is_err() {
        return Err(CliError::input(
            "the build was stopped at its --timeout or --max-memory",
        ));
    }
    if plan.to_stdout() {
        return write_stdout(&planned, out);
    }
    let mut inputs = read_files(&job, renderer);
    inputs.extend(rubric_file(args));
    inputs.extend(built.assets.iter().cloned());
    for file in &planned {
        refuse_inputs(&file.path, &inputs)?;
    }
    for file in &planned {
        write_new_file(&file.path, &file.bytes, WriteMode::Replace)?;
    }
    for file in planned.iter().filter(|f| !f.summary.is_empty()) {
        out.status(&file.summary);
    }
    Ok(())
}

/// The one document on stdout; what was done goes to stderr.
fn write_stdout(planned: &[Planned], out: &Output) -> Result<(), CliError> {
    let mut stdout = std::io::stdout().lock();
    for file in planned {
        match stdout.write_all(&file.bytes).and_then(|()| stdout.flush()) {
            Ok(()) => {}
            // The reader stopped reading (`| head`): its choice, not a failure.
            Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => return Ok(()),
            Err(error) => {
                return Err(CliError::input(format!("cannot write to stdout: {error}")));
            }
        }
    }
    for file in planned {
        out.message(
            &file
                .summary
                .replace("wrote -", "wrote the document to stdout"),
        );
    }
    Ok(())
}

/// The company rubric file that judges the case, which a build reads and
/// so must never write over (and `watch` follows).
pub fn rubric_file(args: &BuildArgs) -> Option<PathBuf> {
    promocase::rubric::RubricResolver::lenient(args.judging.request()).file_for(&args.case)
}

/// Runs `check` before rendering: errors refuse the build (unless it is a
/// draft, which is watermarked), warnings are printed and do not block. The
/// report feeds the proposal's readiness appendix.
fn check_first(
    args: &BuildArgs,
    loaded: &LoadedCase,
    out: &Output,
    built: &mut Built,
) -> Result<Report, CliError> {
    // As every command decides it (--rubric, --level, beside the case, its level).
    let rubrics = super::rubric::resolver(args.judging.request(), out).ok_or(CliError::Reported)?;
    let rubric = rubrics.rubric_for(&args.case, loaded).map_err(|failure| {
        super::rubric::report_failure(&failure, out);
        CliError::Reported
    })?;
    // The findings speak the documents' language: the readiness appendix prints them.
    let tag =
        promocase::locale::language_of(args.language.lang.as_ref(), loaded.case.language.as_ref());
    let report = check_case_in(loaded, &rubric, promocase::locale::shared(&tag));
    for diagnostic in report.diagnostics() {
        if diagnostic.severity >= Severity::Warning {
            out.diagnostic(&diagnostic);
        }
    }
    let errors = report.count(Severity::Error);
    if errors > 0 && !args.draft {
        out.error(&format!(
            "{}: {errors} {} an executive would notice; nothing was written.\n\
             Fix {} (`promocase check` lists them with hints), or add --draft for a watermarked draft.",
            args.case.display(),
            if errors == 1 { "error" } else { "errors" },
            if errors == 1 { "it" } else { "them" },
        ));
        built.report = Some(report);
        return Err(CliError::Refused);
    }
    Ok(report)
}

/// The files a case points at, resolved next to it, whether or not they exist
/// yet (so `watch` notices when the logo appears).
fn asset_paths(loaded: &LoadedCase) -> Vec<PathBuf> {
    let logo = loaded
        .case
        .branding
        .as_ref()
        .and_then(|b| b.logo.as_deref());
    let folder = loaded.source.path.parent().unwrap_or(Path::new(""));
    logo.map(|logo| folder.join(logo)).into_iter().collect()
}

/// Files a build reads and must never write over: the case, its logo, the
/// templates and the fonts (the rubric is added by the caller).
fn read_files(job: &Job, renderer: &Renderer) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = job
        .input_files()
        .into_iter()
        .map(Path::to_path_buf)
        .collect();
    paths.extend(renderer.templates().files_on_disk().map(Path::to_path_buf));
    paths.extend(renderer.fonts().files().iter().cloned());
    paths
}
