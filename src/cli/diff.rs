//! `promocase diff OLD NEW`: what changed in readiness between two versions
//! of a case. Both are loaded and checked as `check` would (same rubric
//! choice); [`promocase::rubric::diff::compare`] does the comparing and this
//! module prints it. Either version may be `-`, read from standard input, so
//! `git show HEAD~3:ana.yaml | promocase diff - ana.yaml` compares with an
//! earlier commit.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, ValueEnum};

use super::shared::RubricArgs;
use super::{Output, exit};
use promocase::model::KpiStatus;
use promocase::model::LoadedCase;
use promocase::model::load::{display_name, is_stdin};
use promocase::rubric::diff::{Diff, KpiChange, compare};
use promocase::rubric::{Report, check_case};

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
    #[command(flatten)]
    pub judging: RubricArgs,
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
    let Some(rubrics) = super::rubric::resolver(args.judging.request(), out) else {
        return exit::BAD_INPUT;
    };
    // Each version is judged as `check` judges it; standard input, which has
    // no folder, by the rubric of the other version's folder, so both are
    // judged alike.
    let other = |path: &PathBuf| {
        if std::ptr::eq(path, &args.old) {
            args.new.clone()
        } else {
            args.old.clone()
        }
    };
    let check = |path: &PathBuf| -> Option<(LoadedCase, Report)> {
        let judged_as = if is_stdin(path) {
            other(path)
        } else {
            path.clone()
        };
        match promocase::locale::load_input(path, today, None) {
            Ok(loaded) => match rubrics.rubric_for(&judged_as, &loaded) {
                Ok(rubric) => {
                    let report = check_case(&loaded, &rubric);
                    Some((loaded, report))
                }
                Err(failure) => {
                    super::rubric::report_failure(&failure, out);
                    None
                }
            },
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
