//! `promocase rubric`: print a built-in rubric as the YAML file it ships as,
//! so a company can copy and edit it, or the JSON Schema of rubric files for
//! editor completion.

use clap::{Args, Subcommand};

use super::{Output, exit};
use promocase::model::{Level, schema_json};
use promocase::rubric::RubricFile;
use promocase::rubric::config::builtin_text;

#[derive(Debug, Args)]
pub struct RubricArgs {
    #[command(subcommand)]
    pub command: RubricCommand,
}

#[derive(Debug, Subcommand)]
pub enum RubricCommand {
    /// Print the built-in rubric of a level; edit a copy and pass it to `check --rubric`.
    ///
    /// Example: promocase rubric show director > ours.yaml
    Show {
        #[arg(value_enum, value_name = "LEVEL")]
        level: Level,
    },
    /// Print the JSON Schema of rubric files, for editor completion.
    Schema,
}

pub fn run(args: &RubricArgs, out: &Output) -> u8 {
    match &args.command {
        RubricCommand::Show { level } => out.raw(builtin_text(*level)),
        RubricCommand::Schema => out.result(
            &serde_json::to_string_pretty(&schema_json::<RubricFile>()).unwrap_or_default(),
        ),
    }
    exit::OK
}
