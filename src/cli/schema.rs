//! `promocase schema`: print or write the JSON Schema of the case format.

use std::path::PathBuf;

use clap::Args;

use super::{Output, exit};
use promocase::model::{Case, schema_json};
use promocase::write::{WriteMode, write_new_file};

#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// Write the schema to this file instead of printing it.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Replace the output file if it exists.
    #[arg(long)]
    pub force: bool,
}

pub fn run(args: &SchemaArgs, out: &Output) -> u8 {
    let text = schema_text();
    match &args.output {
        None => {
            out.raw(&text);
            exit::OK
        }
        Some(path) => {
            match write_new_file(path, text.as_bytes(), WriteMode::from_force(args.force)) {
                Ok(()) => {
                    out.message(&format!("wrote {}", path.display()));
                    exit::OK
                }
                Err(error) => {
                    out.message(&format!("error: {error}"));
                    exit::BAD_INPUT
                }
            }
        }
    }
}

/// The schema as pretty JSON with a final line break.
pub fn schema_text() -> String {
    let mut text = serde_json::to_string_pretty(&schema_json::<Case>()).unwrap_or_default();
    text.push('\n');
    text
}
