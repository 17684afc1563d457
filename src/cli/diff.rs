//! `promocase diff OLD NEW`: what changed in readiness between two versions
//! of a case. Both are loaded and checked as `check` would (same rubric
//! choice); [`promocase::rubric::diff::compare`] does the comparing and this
//! module prints it. Either version may be `-`, read from standard input, so
//! `git show HEAD~3:ana.yaml | promocase diff - ana.yaml` compares with an
//! earlier commit.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, ValueEnum};

use super::check::{display_name, is_stdin, load_input};
use super::{Output, exit};
use promocase::model::KpiStatus;
use promocase::model::{Level, LoadedCase};
use promocase::rubric::diff::{Diff, KpiChange, compare};
use promocase::rubric::{Report, Rubric, check_case};

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The earlier version of the case (`-` reads it from standard input).
    #[arg(value_name = "OLD")]
    pub old: PathBuf,
    /// The later version of the case (`-` reads it from standard input).
    #[arg(value_name = "NEW")]
    pub new: PathBuf,
    /// Output: human (a short summary) or json (one object, for tools).
    #[arg(long, value_enum, default_value_t = DiffFormat::Human)]
    pub format: DiffFormat,
    /// Judge both versions against this level instead of their `target_level`.
    #[arg(long, value_enum, conflicts_with = "rubric")]
    pub level: Option<Level>,
    /// A company rubric file to judge both versions by.
    #[arg(long, value_name = "FILE")]
    pub rubric: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    Human,
    Json,
}

pub fn run(args: &DiffArgs, out: &Output, today: NaiveDate) -> u8 {
    if is_stdin(&args.old) && is_stdin(&args.new) {
        out.error("error: only one of OLD and NEW can be `-` (standard input)");
        return exit::BAD_INPUT;
    }
    let company_rubric = match &args.rubric {
        None => None,
        Some(path) => match super::rubric::load_company_rubric(path, out) {
            Some(rubric) => Some(rubric),
            None => return exit::BAD_INPUT,
        },
    };
    let level = args.level;
    let check = |path: &PathBuf| -> Option<(LoadedCase, Report)> {
        match load_input(path, today) {
            Ok(loaded) => {
                let rubric = company_rubric
                    .clone()
                    .unwrap_or_else(|| Rubric::for_case(&loaded, level));
                let report = check_case(&loaded, &rubric);
                Some((loaded, report))
            }
            Err(error) => {
                for diagnostic in &error.diagnostics {
                    out.diagnostic(diagnostic);
                }
                out.error(&format!("{}: the case did not load", display_name(path)));
                None
            }
        }
    };
    // Both are loaded before either is judged, so one run names every input error.
    let (old, new) = (check(&args.old), check(&args.new));
    let (Some((old_case, old_report)), Some((new_case, new_report))) = (old, new) else {
        return exit::BAD_INPUT;
    };
    let diff = compare(&old_case, &old_report, &new_case, &new_report);
    match args.format {
        DiffFormat::Human => out.raw(&human(&diff)),
        DiffFormat::Json => {
            out.result(&serde_json::to_string_pretty(&diff.to_json()).unwrap_or_default())
        }
    }
    exit::OK
}

/// A KPI's status as the documents label it, in running text.
fn kpi_word(status: KpiStatus) -> String {
    status.label().to_lowercase()
}

/// The comparison as a few short sections; empty sections are left out.
fn human(diff: &Diff) -> String {
    let mut text = String::new();
    let score = &diff.score;
    let delta = i64::from(score.after) - i64::from(score.before);
    let level = if diff.level.before == diff.level.after {
        diff.level.after.clone()
    } else {
        format!("{} → {}", diff.level.before, diff.level.after)
    };
    text.push_str(&format!(
        "{} → {}: readiness for {level} {} → {} ({delta:+})\n",
        diff.old_file, diff.new_file, score.before, score.after
    ));
    if diff.is_empty() {
        text.push_str("No change in readiness, KPIs or findings.\n");
        return text;
    }
    if !diff.dimensions.is_empty() {
        text.push_str("\nDimensions:\n");
        for moved in &diff.dimensions {
            text.push_str(&format!(
                "  {} {}: {} → {}\n",
                if moved.improved { "better" } else { "worse " },
                moved.name,
                moved.before.id(),
                moved.after.id()
            ));
        }
    }
    if !diff.kpis.is_empty() {
        text.push_str("\nKPIs:\n");
        for change in &diff.kpis {
            let line = match change {
                KpiChange::Added { name, status, .. } => {
                    format!("added    {name} ({})", kpi_word(*status))
                }
                KpiChange::Removed { name, status, .. } => {
                    format!("removed  {name} (was {})", kpi_word(*status))
                }
                KpiChange::Changed {
                    name,
                    fields,
                    status,
                    ..
                } => {
                    let mut parts: Vec<String> = fields
                        .iter()
                        .map(|f| {
                            let show = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".into());
                            format!("{} {} → {}", f.field, show(&f.before), show(&f.after))
                        })
                        .collect();
                    if status.before != status.after {
                        parts.push(format!(
                            "result {} → {}",
                            kpi_word(status.before),
                            kpi_word(status.after)
                        ));
                    }
                    format!("changed  {name}: {}", parts.join(", "))
                }
            };
            text.push_str(&format!("  {line}\n"));
        }
    }
    for (title, findings) in [("Fixed", &diff.fixed), ("New", &diff.new)] {
        if findings.is_empty() {
            continue;
        }
        text.push_str(&format!("\n{title} findings ({}):\n", findings.len()));
        for finding in findings {
            text.push_str(&format!(
                "  {}[{}] {}\n",
                finding.severity.as_str(),
                finding.rule,
                finding.message
            ));
        }
    }
    text
}
