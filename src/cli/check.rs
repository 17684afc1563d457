//! `promocase check`: load each case and report what keeps it from loading.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::Args;

use super::{Output, exit};
use promocase::model::load_case;

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Case files to check.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
}

pub fn run(args: &CheckArgs, out: &Output, today: NaiveDate) -> u8 {
    let mut failed = 0;
    for path in &args.files {
        match load_case(path, today) {
            Ok(_) => out.result(&format!("ok: {}", path.display())),
            Err(error) => {
                failed += 1;
                for diagnostic in &error.diagnostics {
                    out.diagnostic(diagnostic);
                }
                let count = error.diagnostics.len();
                out.message(&format!(
                    "{}: {count} {} kept the case from loading\n",
                    path.display(),
                    if count == 1 { "error" } else { "errors" }
                ));
            }
        }
    }
    let total = args.files.len();
    if total > 1 {
        out.result(&format!(
            "checked {total} files: {} ok, {failed} with input errors",
            total - failed
        ));
    }
    if failed > 0 {
        exit::BAD_INPUT
    } else {
        exit::OK
    }
}
