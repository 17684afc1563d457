//! `promocase build`: render a case into the proposal, the brief and the
//! talking points, as PDF, PNG, SVG or a typst project.
//!
//! Everything is compiled and exported in memory first; files are written
//! (atomically) only when every requested document succeeded, so a failed
//! build leaves earlier output untouched.
//!
//! `-o -` writes the one document to stdout instead (PDF, or SVG of a
//! one-page document), with the summary on stderr.
//!
//! `watch` runs the same build again and again through [`run_kept`], keeping
//! the fonts and templates ([`Kept`]) between runs.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use clap::{Args, ValueEnum};

use super::{Output, exit};
use promocase::diagnostic::Severity;
use promocase::model::{Level, LoadedCase, load_case};
use promocase::render::deadline::{Limit, Limits, Watchdog};
use promocase::render::export::{self, PdfSettings};
use promocase::render::{Compiled, Fonts, Job, RenderError, Renderer, TemplateKind, Templates};
use promocase::rubric::{Report, Rubric, check_case};
use promocase::write::{WriteMode, write_new_file};

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// The case file to render.
    #[arg(value_name = "CASE")]
    pub case: PathBuf,
    /// Where to write. Defaults to the case's folder and name (`ana.yaml` → `ana.pdf`,
    /// `ana-brief.pdf`, `ana-talking-points.pdf`). A folder (one that exists, or a
    /// path ending in `/`) gets those names inside it. With `--template all`, a file
    /// name names the proposal and the others are named after it. With `--format
    /// typst`, a folder. `-` writes to stdout (one document, as PDF or one-page SVG).
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,
    /// Which document to build.
    #[arg(long, value_enum, default_value_t = TemplateArg::Proposal)]
    pub template: TemplateArg,
    /// The output format: pdf, png or svg (one file per page: `ana-1.png`, …), or
    /// typst (a folder with main.typ, the files it imports and data.json).
    #[arg(long, value_enum, default_value_t = FormatArg::Pdf)]
    pub format: FormatArg,
    /// Print a DRAFT watermark on every page.
    #[arg(long)]
    pub draft: bool,
    /// A folder of your own templates; each .typ file there replaces the built-in one
    /// of the same name (proposal.typ, brief.typ, talking-points.typ, common.typ).
    #[arg(long, value_name = "DIR")]
    pub template_dir: Option<PathBuf>,
    /// A folder of extra fonts (.ttf, .otf, .ttc) the templates may use. Repeatable.
    #[arg(long, value_name = "DIR")]
    pub font_path: Vec<PathBuf>,
    /// PDF standards to conform to, e.g. a-2b (archival) or ua-1 (accessible). Repeatable.
    #[arg(long, value_name = "STANDARD", value_delimiter = ',')]
    pub pdf_standard: Vec<String>,
    /// Resolution of PNG output, in dots per inch.
    #[arg(long, default_value_t = 144.0, value_name = "DPI")]
    pub dpi: f64,
    /// Judge the case against this level instead of its `target_level` (as `check --level`).
    #[arg(long, value_enum, conflicts_with = "rubric")]
    pub level: Option<Level>,
    /// A company rubric file for the check that runs before the build (as `check --rubric`).
    #[arg(long, value_name = "FILE")]
    pub rubric: Option<PathBuf>,
    /// Stop with an error when the documents take longer than this to compile,
    /// e.g. a custom template that loops for ever. Nothing is written then.
    #[arg(long, value_name = "SECONDS", default_value_t = 60,
          value_parser = clap::value_parser!(u64).range(1..=86_400))]
    pub timeout: u64,
    /// Stop with an error when the process holds more memory than this while
    /// compiling, e.g. a custom template that builds an enormous list.
    /// Nothing is written then. Checked on Linux.
    #[arg(long, value_name = "MB", default_value_t = 2048,
          value_parser = clap::value_parser!(u64).range(64..=1_048_576))]
    pub max_memory: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TemplateArg {
    Proposal,
    Brief,
    TalkingPoints,
    All,
}

impl TemplateArg {
    fn kinds(self) -> Vec<TemplateKind> {
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
    Typst,
}

impl FormatArg {
    fn extension(self) -> &'static str {
        match self {
            Self::Pdf => "pdf",
            Self::Png => "png",
            Self::Svg => "svg",
            Self::Typst => "",
        }
    }
}

/// A file to write.
struct Planned {
    path: PathBuf,
    bytes: Vec<u8>,
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
                let fonts = Fonts::with_folders(&args.font_path)?;
                self.fonts = Some(Arc::clone(&fonts));
                fonts
            }
        };
        let renderer = match self.renderer.take() {
            Some(renderer) => renderer,
            None => {
                let templates = match &args.template_dir {
                    Some(dir) => Templates::with_folder(dir)?,
                    None => Templates::builtin(),
                };
                Renderer::new(templates, fonts)
            }
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
    run_kept(args, out, today, &mut Kept::default()).code
}

/// Builds once with fonts and templates kept in `kept`.
pub fn run_kept(args: &BuildArgs, out: &Output, today: NaiveDate, kept: &mut Kept) -> Built {
    let mut built = Built {
        code: exit::OK,
        report: None,
        assets: Vec::new(),
    };
    built.code = match build(args, out, today, kept, &mut built) {
        Ok(()) => exit::OK,
        Err(Failure::Reported) => exit::BAD_INPUT,
        Err(Failure::Refused) => exit::FINDINGS,
        Err(Failure::Render(error)) => {
            match error {
                RenderError::Input(message) => out.message(&format!("error: {message}")),
                RenderError::Located(diagnostics) => {
                    for diagnostic in &diagnostics {
                        out.diagnostic(diagnostic);
                    }
                }
            }
            out.error("nothing was written");
            exit::BAD_INPUT
        }
    };
    built
}

enum Failure {
    /// Messages were already printed.
    Reported,
    /// `check` found errors and the build was not a draft; the findings were printed.
    Refused,
    Render(RenderError),
}

impl From<RenderError> for Failure {
    fn from(error: RenderError) -> Self {
        Self::Render(error)
    }
}

fn build(
    args: &BuildArgs,
    out: &Output,
    today: NaiveDate,
    kept: &mut Kept,
    built: &mut Built,
) -> Result<(), Failure> {
    let to_stdout = writes_to_stdout(args);
    if to_stdout {
        refuse_stdout(args)?;
    }
    let loaded = match load_case(&args.case, today) {
        Ok(loaded) => loaded,
        Err(error) => {
            for diagnostic in &error.diagnostics {
                out.diagnostic(diagnostic);
            }
            out.error(&format!(
                "{}: the case did not load; nothing was written",
                args.case.display()
            ));
            return Err(Failure::Reported);
        }
    };
    built.assets = asset_paths(&loaded);
    let standards = args
        .pdf_standard
        .iter()
        .map(|s| export::parse_standard(s))
        .collect::<Result<Vec<_>, _>>()
        .map_err(RenderError::Input)?;
    if !(18.0..=1200.0).contains(&args.dpi) {
        return Err(RenderError::input(format!(
            "--dpi {} is out of range: use 18 to 1200",
            args.dpi
        ))
        .into());
    }
    let started = Instant::now();
    let report = check_first(args, &loaded, out, built)?;
    out.detail(&super::check::checked_in(&report, started));
    let job = Job::new(&loaded, args.draft, &report)?;
    built.report = Some(report);
    let renderer = kept.renderer(args)?;
    // Typst prints a character no font has as a box, silently: say so first.
    for warning in promocase::render::coverage::missing_glyphs(&loaded, renderer.fonts()) {
        out.diagnostic(&warning);
    }
    let timestamp = promocase::render::document_timestamp(
        loaded.as_of,
        std::env::var("SOURCE_DATE_EPOCH").ok().as_deref(),
    )?;

    let kinds = args.template.kinds();
    let mut planned = Vec::new();
    let mut summaries = Vec::new();
    let progress = out.progress(kinds.len());
    let watchdog = arm_limits(args);
    for &kind in &kinds {
        progress.set_message(format!("building the {kind}"));
        watchdog.doing(match renderer.templates().get(kind.file_name()) {
            Some(file) => format!("the {kind} (`{}`)", file.origin.display()),
            None => format!("the {kind}"),
        });
        let started = Instant::now();
        let target = output_path(
            &args.case,
            args.output.as_deref(),
            kind,
            kinds.len() > 1,
            args.format,
        );
        if args.format == FormatArg::Typst {
            for (name, bytes) in renderer.bundle(&job, kind) {
                planned.push(Planned {
                    path: target.join(name),
                    bytes,
                });
            }
            summaries.push(format!(
                "wrote {}/ (typst compile {}/main.typ)",
                target.display(),
                target.display()
            ));
            continue;
        }
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
        let pages = compiled.page_count();
        let target = if to_stdout {
            PathBuf::from("-")
        } else {
            target
        };
        match args.format {
            FormatArg::Pdf => {
                let settings = PdfSettings {
                    ident: format!("promocase/{}/{}", kind.id(), loaded.case.candidate.name),
                    timestamp,
                    standards: &standards,
                };
                let bytes = export::pdf(&compiled, &settings)?;
                summaries.push(format!(
                    "wrote {} ({pages} {}, {} KB)",
                    target.display(),
                    if pages == 1 { "page" } else { "pages" },
                    bytes.len().div_ceil(1024)
                ));
                planned.push(Planned {
                    path: target,
                    bytes,
                });
            }
            FormatArg::Png | FormatArg::Svg => {
                let images = page_images(&compiled, args)?;
                if to_stdout && images.len() != 1 {
                    return Err(RenderError::input(format!(
                        "the {kind} has {} pages and `-o -` writes one SVG: use --format pdf, or -o FILE.svg for one file per page",
                        images.len()
                    ))
                    .into());
                }
                for (index, bytes) in images.into_iter().enumerate() {
                    if to_stdout {
                        summaries.push(format!("wrote the {kind} to stdout"));
                        planned.push(Planned {
                            path: target.clone(),
                            bytes,
                        });
                        continue;
                    }
                    let path = page_path(&target, index + 1);
                    summaries.push(format!("wrote {}", path.display()));
                    planned.push(Planned { path, bytes });
                }
            }
            FormatArg::Typst => {}
        }
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
        return Err(
            RenderError::input("the build was stopped at its --timeout or --max-memory").into(),
        );
    }
    if to_stdout {
        let mut stdout = std::io::stdout().lock();
        for file in &planned {
            match stdout.write_all(&file.bytes).and_then(|()| stdout.flush()) {
                Ok(()) => {}
                // The reader stopped reading (`| head`): its choice, not a failure.
                Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => return Ok(()),
                Err(error) => {
                    return Err(
                        RenderError::input(format!("cannot write to stdout: {error}")).into(),
                    );
                }
            }
        }
        // stdout holds the document; what was done goes to stderr.
        for summary in summaries {
            out.message(&summary.replace("wrote -", "wrote the document to stdout"));
        }
        return Ok(());
    }
    let mut protected = protected_paths(&job, renderer);
    protected.extend(args.rubric.iter().cloned());
    for file in &planned {
        refuse_protected(&file.path, &protected)?;
    }
    for file in &planned {
        write_new_file(&file.path, &file.bytes, WriteMode::Replace)
            .map_err(|error| RenderError::input(error.to_string()))?;
    }
    for summary in summaries {
        out.status(&summary);
    }
    Ok(())
}

/// Whether `-o -` asks for the document on stdout.
pub fn writes_to_stdout(args: &BuildArgs) -> bool {
    args.output.as_deref().is_some_and(|o| o.as_os_str() == "-")
}

/// `-o -` takes one document in a format that is one stream, and not a
/// terminal for PDF bytes.
fn refuse_stdout(args: &BuildArgs) -> Result<(), RenderError> {
    if args.template == TemplateArg::All {
        return Err(RenderError::input(
            "`-o -` writes one document to stdout; --template all makes three: choose one \
             --template, or give -o a file name"
                .to_string(),
        ));
    }
    if !matches!(args.format, FormatArg::Pdf | FormatArg::Svg) {
        return Err(RenderError::input(format!(
            "`-o -` writes a PDF or an SVG to stdout, not --format {}: give -o a {} name",
            match args.format {
                FormatArg::Png => "png",
                _ => "typst",
            },
            if args.format == FormatArg::Png {
                "file"
            } else {
                "folder"
            }
        )));
    }
    if args.format == FormatArg::Pdf && std::io::stdout().is_terminal() {
        return Err(RenderError::input(
            "refusing to print a PDF on the terminal: redirect it (`-o - > ana.pdf`) or pipe it"
                .to_string(),
        ));
    }
    Ok(())
}

/// Typst cannot be interrupted, so a build past its time or over its memory
/// ends the process, before anything is written (see [`Watchdog`]).
fn arm_limits(args: &BuildArgs) -> Watchdog {
    let seconds = args.timeout;
    let megabytes = args.max_memory;
    let limits = Limits {
        time: Duration::from_secs(seconds),
        memory: Some(megabytes * 1024 * 1024),
    };
    Watchdog::arm(limits, move |what, limit| {
        let what = if what.is_empty() { "the build" } else { what };
        let message = match limit {
            Limit::Time => format!(
                "error: {what} did not finish within {seconds} {} (--timeout {seconds}); the build was stopped.\n  \
                 A template that loops without end is the usual cause: check its loops and recursion.\n  \
                 A very long case may simply need more time: raise --timeout.",
                if seconds == 1 { "second" } else { "seconds" },
            ),
            Limit::Memory => format!(
                "error: {what} took more than {megabytes} MB of memory (--max-memory {megabytes}); the build was stopped.\n  \
                 A template that builds an enormous list or string is the usual cause: check its ranges and loops.\n  \
                 A very long case may simply need more memory: raise --max-memory."
            ),
        };
        let mut stderr = std::io::stderr().lock();
        let _ = writeln!(stderr, "{message}\nnothing was written");
        let _ = stderr.flush();
        std::process::exit(i32::from(exit::BAD_INPUT));
    })
}

fn page_images(compiled: &Compiled, args: &BuildArgs) -> Result<Vec<Vec<u8>>, RenderError> {
    match args.format {
        FormatArg::Png => export::png(compiled, args.dpi),
        _ => Ok(export::svg(compiled)
            .into_iter()
            .map(String::into_bytes)
            .collect()),
    }
}

/// Runs `check` before rendering: errors refuse the build (unless it is a
/// draft, which is watermarked), warnings are printed and do not block. The
/// report feeds the proposal's readiness appendix.
fn check_first(
    args: &BuildArgs,
    loaded: &LoadedCase,
    out: &Output,
    built: &mut Built,
) -> Result<Report, Failure> {
    let rubric = match &args.rubric {
        Some(path) => super::rubric::load_company_rubric(path, out).ok_or(Failure::Reported)?,
        None => Rubric::for_case(loaded, args.level),
    };
    let report = check_case(loaded, &rubric);
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
        return Err(Failure::Refused);
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

/// `ana.yaml` → `ana.pdf`, `ana-brief.pdf`; with `-o x.pdf` and several
/// documents, `x.pdf`, `x-brief.pdf`; with `-o out/`, `out/ana.pdf`; a typst
/// project is a folder `ana-typst`.
fn output_path(
    case: &Path,
    output: Option<&Path>,
    kind: TemplateKind,
    several: bool,
    format: FormatArg,
) -> PathBuf {
    let suffix = match kind {
        TemplateKind::Proposal => String::new(),
        other => format!("-{}", other.id()),
    };
    let extension = format.extension();
    let default_name = || {
        let stem = case
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "case".into());
        if format == FormatArg::Typst {
            format!("{stem}{suffix}-typst")
        } else {
            format!("{stem}{suffix}.{extension}")
        }
    };
    // `-o out/` or an existing folder means "in there": `cp`'s convention. A
    // typst project's -o is its own folder, so that form is left as given.
    let into_folder = output
        .filter(|output| format != FormatArg::Typst && (output.is_dir() || names_a_folder(output)));
    if let Some(folder) = into_folder {
        return folder.join(default_name());
    }
    match output {
        Some(output) if !several => output.to_path_buf(),
        Some(output) => {
            let stem = output
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            let name = match output.extension() {
                Some(ext) => format!("{stem}{suffix}.{}", ext.to_string_lossy()),
                None => format!("{stem}{suffix}"),
            };
            output.with_file_name(name)
        }
        None => case.with_file_name(default_name()),
    }
}

/// Whether a path is written as a folder: it ends in a path separator.
fn names_a_folder(path: &Path) -> bool {
    let text = path.as_os_str().to_string_lossy();
    text.ends_with('/') || text.ends_with(std::path::MAIN_SEPARATOR)
}

/// `ana.png` → `ana-3.png` for page 3.
fn page_path(document: &Path, page: usize) -> PathBuf {
    let stem = document
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let name = match document.extension() {
        Some(ext) => format!("{stem}-{page}.{}", ext.to_string_lossy()),
        None => format!("{stem}-{page}"),
    };
    document.with_file_name(name)
}

/// Files a build must never write over: the case, its logo, the templates
/// and the fonts it reads (the rubric is added by the caller).
fn protected_paths(job: &Job, renderer: &Renderer) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = job
        .input_files()
        .into_iter()
        .map(Path::to_path_buf)
        .collect();
    paths.extend(renderer.templates().files_on_disk().map(Path::to_path_buf));
    paths.extend(renderer.fonts().files().iter().cloned());
    paths
}

fn refuse_protected(path: &Path, protected: &[PathBuf]) -> Result<(), RenderError> {
    for input in protected {
        if same_file(path, input) {
            return Err(RenderError::input(format!(
                "`{}` is an input of this build; refusing to write over it (choose another -o)",
                path.display()
            )));
        }
    }
    Ok(())
}

/// Whether two paths name the same file, following links and `..`; on Unix
/// also a hard link, which shares the file under another name.
fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let (Ok(a), Ok(b)) = (std::fs::metadata(a), std::fs::metadata(b)) {
            return a.dev() == b.dev() && a.ino() == b.ino();
        }
    }
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        // A file that does not exist yet cannot be an input.
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outputs_are_named_after_the_case() {
        let case = Path::new("cases/ana.yaml");
        let path = |kind, several, format| output_path(case, None, kind, several, format);
        assert_eq!(
            path(TemplateKind::Proposal, true, FormatArg::Pdf),
            Path::new("cases/ana.pdf")
        );
        assert_eq!(
            path(TemplateKind::Brief, true, FormatArg::Pdf),
            Path::new("cases/ana-brief.pdf")
        );
        assert_eq!(
            path(TemplateKind::TalkingPoints, false, FormatArg::Typst),
            Path::new("cases/ana-talking-points-typst")
        );
        let out = Some(Path::new("out/x.pdf"));
        assert_eq!(
            output_path(case, out, TemplateKind::Brief, false, FormatArg::Pdf),
            Path::new("out/x.pdf")
        );
        assert_eq!(
            output_path(case, out, TemplateKind::Brief, true, FormatArg::Pdf),
            Path::new("out/x-brief.pdf")
        );
        assert_eq!(
            page_path(Path::new("out/x.png"), 2),
            Path::new("out/x-2.png")
        );
        let folder = Some(Path::new("out/"));
        assert_eq!(
            output_path(case, folder, TemplateKind::Proposal, true, FormatArg::Pdf),
            Path::new("out/ana.pdf")
        );
        assert_eq!(
            output_path(case, folder, TemplateKind::Brief, false, FormatArg::Png),
            Path::new("out/ana-brief.png")
        );
        assert_eq!(
            output_path(
                case,
                folder,
                TemplateKind::Proposal,
                false,
                FormatArg::Typst
            ),
            Path::new("out/"),
            "a typst project's -o is the project folder itself"
        );
    }
}
