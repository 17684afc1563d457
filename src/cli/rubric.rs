//! `promocase rubric`: print a built-in rubric as the YAML file it ships as,
//! so a company can copy and edit it, or the JSON Schema of rubric files for
//! editor completion.

use clap::{Args, Subcommand};

use super::{Output, exit};
use promocase::model::{Level, schema_json};
use promocase::rubric::load::builtin_text;
use promocase::rubric::{RubricFailure, RubricFile, RubricRequest, RubricResolver};

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

/// The resolver of a command's rubric (see [`RubricResolver`]): a
/// `--rubric` file that does not load is reported here, and the caller
/// exits with 2.
pub fn resolver(request: RubricRequest, out: &Output) -> Option<RubricResolver> {
    RubricResolver::new(request)
        .map_err(|failure| report_failure(&failure, out))
        .ok()
}

/// Prints why a company rubric could not be used: its located errors and
/// the file.
pub fn report_failure(failure: &RubricFailure, out: &Output) {
    for diagnostic in &failure.error.diagnostics {
        out.diagnostic(diagnostic);
    }
    out.error(&format!(
        "{}: the rubric could not be loaded",
        failure.file.display()
    ));
}
