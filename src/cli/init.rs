//! `promocase init`: write a commented starter case and the schema beside it.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use clap::Args;

use super::{Output, exit};
use promocase::model::{Level, Track};
use promocase::starter::{SCHEMA_FILE_NAME, starter_case};
use promocase::write::{WriteError, WriteMode, write_new_file};

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Where to write the case.
    #[arg(default_value = "promotion-case.yaml", value_name = "PATH")]
    pub path: PathBuf,
    /// The level of the role you aim for.
    #[arg(long, value_enum, default_value_t = LevelArg::Director)]
    pub level: LevelArg,
    /// Your function or track; picks the example KPI and titles.
    #[arg(long, value_enum, default_value_t = TrackArg::Other)]
    pub track: TrackArg,
    /// Replace the file if it exists.
    #[arg(long)]
    pub force: bool,
    /// Instead of a case, copy the built-in document templates into DIR, to customise
    /// and use with `promocase build --template-dir DIR`.
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
}

/// Levels as command-line values.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum LevelArg {
    SeniorManager,
    Director,
    Vp,
}

impl From<LevelArg> for Level {
    fn from(level: LevelArg) -> Self {
        match level {
            LevelArg::SeniorManager => Level::SeniorManager,
            LevelArg::Director => Level::Director,
            LevelArg::Vp => Level::Vp,
        }
    }
}

/// Tracks as command-line values (the same words as in the file).
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum TrackArg {
    Operations,
    Marketing,
    Sales,
    Communications,
    Hr,
    Finance,
    It,
    Product,
    ProgramManagement,
    BusinessDevelopment,
    QualityAssurance,
    CustomerService,
    Compliance,
    Risk,
    Training,
    DataAnalytics,
    Engineering,
    ExecutiveDirector,
    Other,
}

impl From<TrackArg> for Track {
    fn from(track: TrackArg) -> Self {
        let id = clap::ValueEnum::to_possible_value(&track)
            .map(|v| v.get_name().to_string())
            .unwrap_or_default();
        serde_json::from_value(serde_json::Value::String(id)).unwrap_or(Track::Other)
    }
}

pub fn run(args: &InitArgs, out: &Output, today: NaiveDate) -> u8 {
    if let Some(folder) = &args.templates {
        let mode = WriteMode::from_force(args.force);
        return match promocase::render::templates::write_builtin(folder, mode) {
            Ok(files) => {
                for file in files {
                    out.message(&format!("wrote {}", file.display()));
                }
                out.message(&format!(
                    "next: edit them, then `promocase build CASE --template-dir {}`",
                    folder.display()
                ));
                exit::OK
            }
            Err(error) => {
                out.message(&format!("error: {error}"));
                exit::BAD_INPUT
            }
        };
    }
    let file_name = args
        .path
        .file_name()
        .map_or_else(|| "promotion-case.yaml".to_string(), |n| n.to_string_lossy().into_owned());
    let text = starter_case(&file_name, args.level.into(), args.track.into(), today);
    if let Err(error) = write_new_file(&args.path, text.as_bytes(), WriteMode::from_force(args.force)) {
        out.message(&format!("error: {error}"));
        return exit::BAD_INPUT;
    }
    out.message(&format!("wrote {}", args.path.display()));
    let schema_path = args
        .path
        .parent()
        .unwrap_or(Path::new("."))
        .join(SCHEMA_FILE_NAME);
    let schema = super::schema::schema_text();
    match write_new_file(&schema_path, schema.as_bytes(), WriteMode::CreateNew) {
        Ok(()) => out.message(&format!("wrote {} (editor completion)", schema_path.display())),
        Err(WriteError::Exists(_)) => out.message(&format!(
            "kept the existing {}; `promocase schema -o {} --force` refreshes it",
            schema_path.display(),
            schema_path.display()
        )),
        Err(error) => {
            out.message(&format!("error: {error}"));
            return exit::BAD_INPUT;
        }
    }
    out.message(&format!(
        "next: fill it in, then run `promocase check {}`",
        args.path.display()
    ));
    exit::OK
}
