//! `build`'s arguments, checked once into a [`BuildPlan`]: which documents,
//! in which format, where each one goes ([`Destination`]), with which PDF
//! standards and resolution. A bad option is refused here, before the case is
//! read; `watch` makes the plan once and rebuilds from it on every save.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use promocase::render::TemplateKind;
use promocase::render::export;
use promocase::render::export::PdfStandard;

use super::super::error::CliError;
use super::{BuildArgs, FormatArg, TemplateArg};

/// Where the documents go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Destination {
    /// Next to the case, named after it: `ana.pdf`, `ana-brief.pdf`.
    NextToCase,
    /// Inside a folder (`-o out/`, or one that exists), under the case's names.
    Folder(PathBuf),
    /// This file, or with several documents this name and names made from it
    /// (`x.pdf`, `x-brief.pdf`); for `--format typst`, the project folder.
    Named(PathBuf),
    /// One document on standard output (`-o -`).
    Stdout,
}

/// A build, as the arguments ask for it, validated.
#[derive(Debug, Clone)]
pub struct BuildPlan {
    pub case: PathBuf,
    pub kinds: Vec<TemplateKind>,
    pub format: FormatArg,
    pub destination: Destination,
    pub standards: Vec<PdfStandard>,
    pub dpi: f64,
    pub draft: bool,
}

impl BuildPlan {
    pub fn new(args: &BuildArgs) -> Result<Self, CliError> {
        let destination = match args.output.as_deref() {
            None => Destination::NextToCase,
            Some(output) if output.as_os_str() == "-" => {
                refuse_stdout(args)?;
                Destination::Stdout
            }
            // `cp`'s convention; a typst project's -o is its own folder.
            Some(output)
                if args.format != FormatArg::Typst
                    && (output.is_dir() || names_a_folder(output)) =>
            {
                Destination::Folder(output.to_path_buf())
            }
            Some(output) => Destination::Named(output.to_path_buf()),
        };
        let standards = args
            .pdf_standard
            .iter()
            .map(|s| export::parse_standard(s))
            .collect::<Result<Vec<_>, _>>()
            .map_err(CliError::Input)?;
        if !(18.0..=1200.0).contains(&args.dpi) {
            return Err(CliError::input(format!(
                "--dpi {} is out of range: use 18 to 1200",
                args.dpi
            )));
        }
        Ok(Self {
            case: args.case.clone(),
            kinds: args.template.kinds(),
            format: args.format,
            destination,
            standards,
            dpi: args.dpi,
            draft: args.draft,
        })
    }

    pub fn to_stdout(&self) -> bool {
        self.destination == Destination::Stdout
    }

    /// The file (or typst folder) of one document: `ana.yaml` → `ana.pdf`,
    /// `ana-brief.pdf`; with `-o x.pdf` and several documents, `x.pdf`,
    /// `x-brief.pdf`; with `-o out/`, `out/ana.pdf`; a typst project is a
    /// folder `ana-typst`. `-` for standard output.
    pub fn target(&self, kind: TemplateKind) -> PathBuf {
        let suffix = match kind {
            TemplateKind::Proposal => String::new(),
            other => format!("-{}", other.id()),
        };
        let default_name = || {
            let stem = self
                .case
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_else(|| "case".into());
            match self.format {
                FormatArg::Typst => format!("{stem}{suffix}-typst"),
                format => format!("{stem}{suffix}.{}", format.extension()),
            }
        };
        match &self.destination {
            Destination::Stdout => PathBuf::from("-"),
            Destination::NextToCase => self.case.with_file_name(default_name()),
            Destination::Folder(folder) => folder.join(default_name()),
            Destination::Named(output) if self.kinds.len() == 1 => output.clone(),
            Destination::Named(output) => {
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
        }
    }
}

/// `-o -` takes one document in a format that is one stream, and not a
/// terminal for PDF bytes.
fn refuse_stdout(args: &BuildArgs) -> Result<(), CliError> {
    if args.template == TemplateArg::All {
        return Err(CliError::input(
            "`-o -` writes one document to stdout; --template all makes three: choose one \
             --template, or give -o a file name",
        ));
    }
    match args.format {
        FormatArg::Png => Err(CliError::input(
            "`-o -` writes a PDF, an SVG or a Word document to stdout, not --format png: give -o a file name",
        )),
        FormatArg::Typst => Err(CliError::input(
            "`-o -` writes a PDF, an SVG or a Word document to stdout, not --format typst: give -o a folder name",
        )),
        FormatArg::Pdf if std::io::stdout().is_terminal() => Err(CliError::input(
            "refusing to print a PDF on the terminal: redirect it (`-o - > ana.pdf`) or pipe it",
        )),
        FormatArg::Docx if std::io::stdout().is_terminal() => Err(CliError::input(
            "refusing to print a Word document on the terminal: redirect it (`-o - > ana.docx`) or pipe it",
        )),
        FormatArg::Pdf | FormatArg::Svg | FormatArg::Docx => Ok(()),
    }
}

/// Whether a path is written as a folder: it ends in a path separator.
fn names_a_folder(path: &Path) -> bool {
    let text = path.as_os_str().to_string_lossy();
    text.ends_with('/') || text.ends_with(std::path::MAIN_SEPARATOR)
}

/// `ana.png` → `ana-3.png` for page 3.
pub fn page_path(document: &Path, page: usize) -> PathBuf {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(output: Option<&str>, template: TemplateArg, format: FormatArg) -> BuildPlan {
        use clap::Parser;
        #[derive(Parser)]
        struct Cli {
            #[command(flatten)]
            build: BuildArgs,
        }
        let mut argv = vec!["promocase".to_string(), "cases/ana.yaml".to_string()];
        if let Some(output) = output {
            argv.extend(["-o".to_string(), output.to_string()]);
        }
        let mut cli = Cli::try_parse_from(argv).unwrap_or_else(|e| panic!("{e}"));
        cli.build.template = template;
        cli.build.format = format;
        BuildPlan::new(&cli.build).unwrap_or_else(|_| panic!("a valid plan"))
    }

    #[test]
    fn outputs_are_named_after_the_case() {
        let all = plan(None, TemplateArg::All, FormatArg::Pdf);
        assert_eq!(
            all.target(TemplateKind::Proposal),
            Path::new("cases/ana.pdf")
        );
        assert_eq!(
            all.target(TemplateKind::Brief),
            Path::new("cases/ana-brief.pdf")
        );
        let typst = plan(None, TemplateArg::TalkingPoints, FormatArg::Typst);
        assert_eq!(
            typst.target(TemplateKind::TalkingPoints),
            Path::new("cases/ana-talking-points-typst")
        );
        let one = plan(Some("out/x.pdf"), TemplateArg::Brief, FormatArg::Pdf);
        assert_eq!(one.target(TemplateKind::Brief), Path::new("out/x.pdf"));
        let several = plan(Some("out/x.pdf"), TemplateArg::All, FormatArg::Pdf);
        assert_eq!(
            several.target(TemplateKind::Brief),
            Path::new("out/x-brief.pdf")
        );
        assert_eq!(
            page_path(Path::new("out/x.png"), 2),
            Path::new("out/x-2.png")
        );
    }

    #[test]
    fn a_folder_gets_the_case_names_inside_it() {
        let folder = plan(Some("out/"), TemplateArg::All, FormatArg::Pdf);
        assert_eq!(
            folder.destination,
            Destination::Folder(PathBuf::from("out/"))
        );
        assert_eq!(
            folder.target(TemplateKind::Proposal),
            Path::new("out/ana.pdf")
        );
        let png = plan(Some("out/"), TemplateArg::Brief, FormatArg::Png);
        assert_eq!(
            png.target(TemplateKind::Brief),
            Path::new("out/ana-brief.png")
        );
        let typst = plan(Some("out/"), TemplateArg::Proposal, FormatArg::Typst);
        assert_eq!(
            typst.target(TemplateKind::Proposal),
            Path::new("out/"),
            "a typst project's -o is the project folder itself"
        );
    }
}
