//! `promocase check`: lint each case against the director criteria of its
//! target level and print the findings and a readiness report, in the format
//! asked for. The work is done by [`promocase::rubric::check_case`]; this
//! module picks the rubric, renders the output and decides the exit code.
//!
//! The findings and the words around them speak each case's language
//! (`language:`), or the one `--lang` names; rule ids, JSON keys and exit
//! codes are the same in every language.
//!
//! A file named `-` is read from standard input and shown as `<stdin>`.
//! Checking several files on a terminal shows a progress bar on stderr.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::Instant;

use chrono::NaiveDate;
use clap::{Args, ValueEnum};
use rayon::prelude::*;

use super::shared::{RubricArgs, parse_language};
use super::{ColorChoice, Output, exit};
use promocase::diagnostic::{Diagnostic, Severity};
use promocase::locale::{Locale, language_of, shared};
use promocase::model::load::{display_name, is_stdin};
use promocase::model::{EvidenceStatus, LanguageTag};
use promocase::rubric::report::Report;
use promocase::rubric::{check_case_in, github, sarif};

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Case files to check; `-` reads one case from standard input.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Output: human (snippets and a readiness table), json (one object per file; an array for
    /// several files), sarif (SARIF 2.1.0 for code-scanning tools), github (Actions annotations).
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Exit with 1 when a finding is at or above this severity.
    #[arg(long, value_enum, default_value_t = FailOn::Error, value_name = "SEVERITY")]
    pub fail_on: FailOn,
    #[command(flatten)]
    pub judging: RubricArgs,
    /// The language of the findings, as a tag (de, fr, he, …). Without it each case's
    /// `language:` is used, else English.
    #[arg(long, value_name = "TAG", value_parser = parse_language)]
    pub lang: Option<LanguageTag>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Json,
    Sarif,
    Github,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
}

impl From<FailOn> for Severity {
    fn from(value: FailOn) -> Self {
        match value {
            FailOn::Error => Severity::Error,
            FailOn::Warning => Severity::Warning,
            FailOn::Info => Severity::Info,
        }
    }
}

/// What happened to one file.
enum Outcome {
    Checked(Box<Report>),
    BadInput {
        file: String,
        diagnostics: Vec<Diagnostic>,
    },
}

pub fn run(args: &CheckArgs, out: &Output, color: ColorChoice, today: NaiveDate) -> u8 {
    let Some(rubrics) = super::rubric::resolver(args.judging.request(), out) else {
        return exit::BAD_INPUT;
    };
    if args.files.iter().filter(|f| is_stdin(f)).count() > 1 {
        out.error("error: `-` (standard input) can be given only once");
        return exit::BAD_INPUT;
    }
    // Each company rubric a case's folder holds is loaded once, before any
    // case is checked: one that does not load stops the run.
    for path in &args.files {
        if let Err(failure) = rubrics.choice_for(path) {
            super::rubric::report_failure(&failure, out);
            return exit::BAD_INPUT;
        }
    }
    let progress = out.progress(args.files.len());
    // Cases are independent: load and check them on every core, in file order.
    let outcomes: Vec<Outcome> = args
        .files
        .par_iter()
        .map(|path| {
            progress.set_message(path.display().to_string());
            let started = Instant::now();
            let outcome = match promocase::locale::load_input(path, today, args.lang.as_ref()) {
                // A rubric file edited into a mistake since it was loaded
                // above is reported like the case's own.
                Ok(loaded) => match rubrics.rubric_for(path, &loaded) {
                    Ok(rubric) => {
                        let tag = language_of(args.lang.as_ref(), loaded.case.language.as_ref());
                        let report = check_case_in(&loaded, &rubric, shared(&tag));
                        progress.suspend(|| out.detail(&checked_in(&report, started)));
                        Outcome::Checked(Box::new(report))
                    }
                    Err(failure) => Outcome::BadInput {
                        file: failure.file.display().to_string(),
                        diagnostics: failure.error.diagnostics.clone(),
                    },
                },
                Err(error) => Outcome::BadInput {
                    file: display_name(path),
                    diagnostics: error.diagnostics,
                },
            };
            progress.inc(1);
            outcome
        })
        .collect();
    progress.finish_and_clear();

    let stdout_color = match color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stdout().is_terminal()
        }
    };
    match args.format {
        Format::Human => human(&outcomes, out, stdout_color, args.lang.as_ref()),
        Format::Json => json(&outcomes, out, args.lang.as_ref()),
        Format::Sarif => {
            report_bad_input(&outcomes, out, args.lang.as_ref());
            let reports: Vec<Report> = checked(&outcomes).cloned().collect();
            out.result(&pretty(&sarif::to_sarif(&reports)));
        }
        Format::Github => {
            for outcome in &outcomes {
                match outcome {
                    Outcome::Checked(report) => out.raw(&github::to_github(report)),
                    Outcome::BadInput { diagnostics, .. } => {
                        for diagnostic in diagnostics {
                            out.diagnostic(diagnostic);
                            out.result(&github_input_error(diagnostic));
                        }
                    }
                }
            }
        }
    }

    let threshold = Severity::from(args.fail_on);
    if outcomes
        .iter()
        .any(|o| matches!(o, Outcome::BadInput { .. }))
    {
        exit::BAD_INPUT
    } else if checked(&outcomes).any(|r| r.fails(threshold)) {
        exit::FINDINGS
    } else {
        exit::OK
    }
}

/// The `--verbose` line of one check: what it was checked against, how fast.
pub(crate) fn checked_in(report: &Report, started: Instant) -> String {
    report.locale.text(
        "check.checked-in",
        &[
            ("file", &report.file),
            ("level", &report.readiness.level_name),
            ("rubric", &report.rubric),
            ("ms", &started.elapsed().as_millis().to_string()),
        ],
    )
}

fn checked(outcomes: &[Outcome]) -> impl Iterator<Item = &Report> {
    outcomes.iter().filter_map(|o| match o {
        Outcome::Checked(report) => Some(report.as_ref()),
        Outcome::BadInput { .. } => None,
    })
}

fn pretty(value: &serde_json::Value) -> String {
    serde_json::to_string_pretty(value).unwrap_or_default()
}

/// The language of what is said about files that did not load: `--lang`, or
/// English (a case that does not load has no language to go by).
fn frame_locale(lang: Option<&LanguageTag>) -> std::sync::Arc<Locale> {
    shared(&language_of(lang, None))
}

fn report_bad_input(outcomes: &[Outcome], out: &Output, args_lang: Option<&LanguageTag>) {
    for outcome in outcomes {
        if let Outcome::BadInput { file, diagnostics } = outcome {
            for diagnostic in diagnostics {
                out.diagnostic(diagnostic);
            }
            let locale = frame_locale(args_lang);
            let errors = locale.count("check.errors", diagnostics.len() as f64, &[]);
            out.error(&format!(
                "{}\n",
                locale.text("check.not-loaded", &[("file", file), ("errors", &errors)])
            ));
        }
    }
}

fn github_input_error(diagnostic: &Diagnostic) -> String {
    let escape = |s: &str| {
        s.replace('%', "%25")
            .replace('\r', "%0D")
            .replace('\n', "%0A")
    };
    let property = |s: &str| escape(s).replace(':', "%3A").replace(',', "%2C");
    let mut properties = vec![format!("file={}", property(&diagnostic.source.name()))];
    if let Some(location) = &diagnostic.location {
        properties.push(format!("line={}", location.line));
        properties.push(format!("col={}", location.column));
    }
    properties.push(format!("title={}", property(&diagnostic.code)));
    format!(
        "::error {}::{}",
        properties.join(","),
        escape(&diagnostic.message)
    )
}

/// The one-line tally of a report.
fn tally(report: &Report) -> String {
    let l = &report.locale;
    let count = |key: &str, severity: Severity| l.count(key, report.count(severity) as f64, &[]);
    l.text(
        "check.tally",
        &[
            ("errors", &count("check.errors", Severity::Error)),
            ("warnings", &count("check.warnings", Severity::Warning)),
            ("notes", &count("check.notes", Severity::Info)),
        ],
    )
}

fn human(outcomes: &[Outcome], out: &Output, color: bool, lang: Option<&LanguageTag>) {
    report_bad_input(outcomes, out, lang);
    if out.quiet() {
        // Errors only: no warnings, table or tally; the exit code says the rest.
        for report in checked(outcomes) {
            for diagnostic in report.diagnostics() {
                if diagnostic.severity >= Severity::Error {
                    out.raw(&diagnostic.render(color));
                }
            }
        }
        return;
    }
    for report in checked(outcomes) {
        for diagnostic in report.diagnostics() {
            out.raw(&diagnostic.render(color));
        }
        out.raw(&readiness_table(report));
        let result = report.locale.text(
            "check.result",
            &[
                ("file", &report.file),
                ("tally", &tally(report)),
                ("score", &report.readiness.score.to_string()),
                ("level", &report.readiness.level_name),
            ],
        );
        out.result(&format!("{result}\n"));
    }
    if outcomes.len() > 1 {
        let l = frame_locale(lang);
        let reports: Vec<&Report> = checked(outcomes).collect();
        let bad = outcomes.len() - reports.len();
        let with_errors = reports.iter().filter(|r| r.fails(Severity::Error)).count();
        let with_warnings = reports
            .iter()
            .filter(|r| !r.fails(Severity::Error) && r.fails(Severity::Warning))
            .count();
        let clean = reports.len() - with_errors - with_warnings;
        let number = |n: usize| promocase::format::count(&l, n as u64);
        out.result(&l.text(
            "check.summary",
            &[
                ("files", &l.count("check.files", outcomes.len() as f64, &[])),
                ("with_errors", &number(with_errors)),
                ("with_warnings", &number(with_warnings)),
                ("clean", &number(clean)),
                ("bad", &number(bad)),
            ],
        ));
    }
}

/// Shortens text to `width` characters, marking the cut.
fn clip(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_string();
    }
    let kept: String = text.chars().take(width.saturating_sub(1)).collect();
    format!("{}…", kept.trim_end())
}

/// The readiness report as a compact table, with the top gaps and waivers,
/// in the report's language.
fn readiness_table(report: &Report) -> String {
    let l = &report.locale;
    let readiness = &report.readiness;
    let score = readiness.score.to_string();
    let mut text = format!(
        "{}\n",
        l.text(
            "check.readiness",
            &[("level", &readiness.level_name), ("score", &score)]
        )
    );
    if !readiness.blocked_by.is_empty() {
        let capped = l.text(
            "check.capped",
            &[
                ("cap", &promocase::rubric::report::ERROR_CAP.to_string()),
                ("rules", &readiness.blocked_by.join(", ")),
            ],
        );
        text.push_str(&format!("  {capped}\n"));
    }
    // Status words in small letters, as a table of states reads; a missing
    // dimension is shouted: it costs the most.
    let status_of = |status: EvidenceStatus| {
        let word = l.label(status).label;
        match status {
            EvidenceStatus::Missing => l.upper(word),
            _ => l.lower(word),
        }
    };
    let width = |texts: &mut dyn Iterator<Item = String>| {
        texts.map(|t| t.chars().count()).max().unwrap_or(0)
    };
    let status_width = width(&mut EvidenceStatus::ALL.into_iter().map(status_of));
    let name_width = width(&mut readiness.dimensions.iter().map(|d| d.name.clone()));
    for dimension in &readiness.dimensions {
        if dimension.weight == 0 {
            continue;
        }
        let evidence = match dimension.evidence.as_slice() {
            [] => "-".to_string(),
            [only] => clip(only, 60),
            [first, rest @ ..] => format!(
                "{} {}",
                clip(first, 52),
                l.text("check.more", &[("count", &rest.len().to_string())])
            ),
        };
        text.push_str(&format!(
            "  {}  {}  {evidence}\n",
            pad(&status_of(dimension.status), status_width),
            pad(&dimension.name, name_width),
        ));
    }
    if !readiness.top_gaps.is_empty() {
        text.push_str(&format!("{}\n", l.text("check.top-gaps", &[])));
        for (rank, gap) in readiness.top_gaps.iter().enumerate() {
            text.push_str(&format!(
                "  {}. {}: {}\n",
                rank + 1,
                gap.dimension,
                gap.message
            ));
        }
    }
    for waiver in &report.waivers {
        let no_reason = l.text("check.no-reason", &[]);
        let reason = waiver.reason.as_deref().unwrap_or(&no_reason);
        let effect = if waiver.applied {
            l.count("check.waived", waiver.waived_findings as f64, &[])
        } else {
            l.text("check.not-applied", &[])
        };
        text.push_str(&format!(
            "{}\n",
            l.text(
                "check.waiver",
                &[
                    ("rule", &waiver.rule),
                    ("effect", &effect),
                    ("reason", reason)
                ]
            )
        ));
    }
    text
}

/// `text` followed by spaces up to `width` characters (format's padding
/// counts bytes' worth of `char`s the same, but is spelled here once for
/// both columns).
fn pad(text: &str, width: usize) -> String {
    let count = text.chars().count();
    format!("{text}{}", " ".repeat(width.saturating_sub(count)))
}

fn json(outcomes: &[Outcome], out: &Output, lang: Option<&LanguageTag>) {
    report_bad_input(outcomes, out, lang);
    let values: Vec<serde_json::Value> = outcomes
        .iter()
        .map(|outcome| match outcome {
            Outcome::Checked(report) => report.to_json(),
            Outcome::BadInput { file, diagnostics } => serde_json::json!({
                "file": file,
                "input_errors": diagnostics.iter().map(|d| serde_json::json!({
                    "code": d.code,
                    "message": d.message,
                    "line": d.location.as_ref().map(|l| l.line),
                    "column": d.location.as_ref().map(|l| l.column),
                    "hint": d.hint,
                })).collect::<Vec<_>>(),
            }),
        })
        .collect();
    let document = match values.as_slice() {
        [one] => one.clone(),
        _ => serde_json::Value::Array(values),
    };
    out.result(&pretty(&document));
}
