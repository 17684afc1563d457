//! `promocase committee`: one pack for the people who decide a promotion
//! round. The library judges the round ([`promocase::committee`]); this
//! command collects the arguments, shows progress, writes the PDF pack
//! (compiled from `templates/committee.typ`), the CSV or the JSON, and the
//! anonymisation key when asked, and picks the exit code.

use std::io::Write;
use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, ValueEnum};

use super::shared::{LanguageArgs, LimitArgs, RubricArgs, TemplateArgs, arm_limits};
use super::{Output, exit};
use promocase::committee::layout;
use promocase::committee::pack::{Pack, PackOptions};
use promocase::committee::table::{self, Row};
use promocase::committee::{Judging, Round, SortBy, collect, judge};
use promocase::model::LanguageTag;
use promocase::render::export::{self, PdfSettings};
use promocase::render::language::resolve_for;
use promocase::write::{WriteMode, refuse_inputs, same_file, write_new_file};

#[derive(Debug, Args)]
pub struct CommitteeArgs {
    /// Case files, or folders: every .yaml and .yml inside (subfolders too, hidden
    /// folders never).
    #[arg(value_name = "CASES", required = true)]
    pub cases: Vec<PathBuf>,
    /// Where to write; `-` for standard output. Defaults to `committee.pdf`
    /// (`.csv`, `.json`) in the current folder.
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,
    /// The pack as a PDF for the meeting, or one row per candidate as CSV or
    /// JSON for spreadsheets and HR systems.
    #[arg(long, value_enum, default_value_t = PackFormat::Pdf)]
    pub format: PackFormat,
    /// The round's title on the cover, e.g. "Director promotions, spring 2027".
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,
    #[command(flatten)]
    pub judging: RubricArgs,
    /// The order of the candidates.
    #[arg(long, value_enum, default_value_t = SortArg::Score)]
    pub sort: SortArg,
    /// Blind calibration: candidates become "Candidate A", "B", … and their
    /// names are replaced wherever their cases repeat them.
    #[arg(long, alias = "anonymize")]
    pub anonymise: bool,
    /// With --anonymise: write who is who to this file (CSV), and only then.
    #[arg(long, value_name = "FILE", requires = "anonymise")]
    pub key: Option<PathBuf>,
    #[command(flatten)]
    pub language: LanguageArgs,
    #[command(flatten)]
    pub templates: TemplateArgs,
    #[command(flatten)]
    pub limits: LimitArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PackFormat {
    Pdf,
    Csv,
    Json,
}

impl PackFormat {
    fn extension(self) -> &'static str {
        match self {
            Self::Pdf => "pdf",
            Self::Csv => "csv",
            Self::Json => "json",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SortArg {
    Score,
    Name,
    Level,
}

pub fn run(args: &CommitteeArgs, out: &Output, today: NaiveDate) -> u8 {
    match pack(args, out, today) {
        Ok(code) => code,
        Err(message) => {
            out.error(&format!("error: {message}; nothing was written"));
            exit::BAD_INPUT
        }
    }
}

fn pack(args: &CommitteeArgs, out: &Output, today: NaiveDate) -> Result<u8, String> {
    let files = collect(&args.cases)?;
    if files.is_empty() {
        return Err("no .yaml or .yml case file in the paths given".to_string());
    }
    let Some(rubrics) = super::rubric::resolver(args.judging.request(), out) else {
        return Ok(exit::BAD_INPUT);
    };
    // The pack's language names the anonymised candidates too.
    let tag = args
        .language
        .lang
        .clone()
        .unwrap_or_else(LanguageTag::english);
    let language = resolve_for(tag, args.language.labels.clone()).map_err(|diagnostics| {
        for diagnostic in &diagnostics {
            out.diagnostic(diagnostic);
        }
        "the labels did not load".to_string()
    })?;
    for warning in &language.warnings {
        out.diagnostic(warning);
    }
    let progress = out.progress(files.len());
    progress.set_message("judging the cases");
    let judging = Judging {
        rubrics: &rubrics,
        anonymise: args.anonymise,
        candidate_name: language.locale.catalogue.text("committee.candidate-name"),
        today,
    };
    let mut round = judge(&files, &judging, &|| progress.inc(1));
    progress.finish_and_clear();
    round.sort(match args.sort {
        SortArg::Score => SortBy::Score,
        SortArg::Name => SortBy::Name,
        SortArg::Level => SortBy::Level,
    });
    let rows = table::rows(&round, args.anonymise);
    let bytes = match args.format {
        PackFormat::Csv => table::csv(&rows)?,
        PackFormat::Json => {
            let mut text =
                serde_json::to_string_pretty(&table::json(&round, &rows, args.anonymise))
                    .map_err(|e| e.to_string())?;
            text.push('\n');
            text.into_bytes()
        }
        PackFormat::Pdf => {
            // As `build`: a company template that loops or fills memory is
            // stopped at --timeout or --max-memory, before anything is written.
            let limits = args.limits.for_candidates(round.candidates.len());
            let watchdog = arm_limits(&limits, "the committee pack", "A round of many candidates");
            watchdog.doing("the committee pack");
            let bytes = pdf(args, out, &round, &rows, language.locale.clone())?;
            if watchdog.disarm().is_err() {
                return Err(
                    "the committee pack was stopped at its --timeout or --max-memory".to_string(),
                );
            }
            bytes
        }
    };
    let target = args
        .output
        .clone()
        .unwrap_or_else(|| PathBuf::from(format!("committee.{}", args.format.extension())));
    let mut inputs = files.clone();
    inputs.extend(files.iter().filter_map(|file| rubrics.file_for(file)));
    inputs.extend(args.language.labels.iter().cloned());
    let to_stdout = target.as_os_str() == "-";
    if !to_stdout {
        refuse_inputs(&target, &inputs).map_err(|e| e.to_string())?;
    }
    if let Some(key) = &args.key {
        refuse_inputs(key, &inputs).map_err(|e| e.to_string())?;
        if !to_stdout && (*key == target || same_file(key, &target)) {
            return Err("--key names the pack's own file; give the key a file of its own".into());
        }
    }
    if to_stdout {
        std::io::stdout()
            .write_all(&bytes)
            .map_err(|e| format!("cannot write to standard output: {e}"))?;
    } else {
        write_new_file(&target, &bytes, WriteMode::Replace).map_err(|e| e.to_string())?;
    }
    if let Some(key) = &args.key {
        write_new_file(key, &key_csv(&round)?, WriteMode::Replace).map_err(|e| e.to_string())?;
        out.status(&format!(
            "wrote the key (who is who) to {}: keep it apart from the pack",
            key.display()
        ));
    }
    for failure in &round.failures {
        for diagnostic in &failure.errors {
            out.diagnostic(diagnostic);
        }
    }
    if !to_stdout {
        out.status(&format!(
            "wrote {} ({} candidates{})",
            target.display(),
            round.candidates.len(),
            if round.failures.is_empty() {
                String::new()
            } else {
                format!(", {} files that could not be read", round.failures.len())
            }
        ));
    }
    Ok(if round.failures.is_empty() {
        exit::OK
    } else {
        exit::PARTIAL
    })
}

/// The PDF pack, compiled with the pack's language and the templates.
fn pdf(
    args: &CommitteeArgs,
    out: &Output,
    round: &Round,
    rows: &[Row],
    locale: std::sync::Arc<promocase::locale::Locale>,
) -> Result<Vec<u8>, String> {
    let options = PackOptions {
        title: args.title.clone(),
        anonymised: args.anonymise,
        locale,
    };
    let pack = Pack::new(round, rows, &options);
    let renderer = args.templates.renderer().map_err(|e| e.to_string())?;
    let as_of = round.as_of().unwrap_or_default();
    let compiled = layout::lay_out(&pack, &renderer, as_of).map_err(|e| match &e {
        promocase::render::RenderError::Located(diagnostics) => {
            for diagnostic in diagnostics {
                out.diagnostic(diagnostic);
            }
            "the committee pack's template did not compile".to_string()
        }
        other => format!("the committee pack did not compile: {other}"),
    })?;
    for warning in &compiled.warnings {
        out.diagnostic(warning);
    }
    let timestamp = promocase::render::document_timestamp(
        as_of,
        std::env::var("SOURCE_DATE_EPOCH").ok().as_deref(),
    )
    .map_err(|e| e.to_string())?;
    let settings = PdfSettings {
        ident: "promocase/committee".to_string(),
        timestamp,
        standards: &[],
    };
    export::pdf(&compiled, &settings).map_err(|e| e.to_string())
}

/// Who is who: letter, name and file, one line each.
fn key_csv(round: &Round) -> Result<Vec<u8>, String> {
    let mut writer = table::spreadsheet_writer();
    writer
        .write_record(["candidate", "name", "file"])
        .map_err(|e| e.to_string())?;
    let mut lines: Vec<(&str, &str, String)> = round
        .candidates
        .iter()
        .map(|c| {
            (
                c.shown_name.as_str(),
                c.real_name.as_str(),
                c.file.display().to_string(),
            )
        })
        .collect();
    lines.sort();
    for (shown, real, file) in lines {
        writer
            .write_record([shown, real, file.as_str()])
            .map_err(|e| e.to_string())?;
    }
    writer.into_inner().map_err(|e| e.to_string())
}
