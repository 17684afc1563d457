//! `promocase man`: the manual page, generated from the same definitions as `--help`.

use std::path::PathBuf;

use clap::{Args, CommandFactory};

use super::{Cli, Output, exit};
use promocase::write::{WriteMode, write_new_file};

#[derive(Debug, Args)]
pub struct ManArgs {
    /// Write `promocase.1` and one page per command (`promocase-check.1`, …) into this folder
    /// instead of printing the main page.
    #[arg(short, long, value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// Replace pages that exist.
    #[arg(long)]
    pub force: bool,
}

pub fn run(args: &ManArgs, out: &Output) -> u8 {
    let command = Cli::command();
    let Some(folder) = &args.output else {
        return match render(&command) {
            Ok(page) => {
                out.raw(&page);
                exit::OK
            }
            Err(error) => {
                out.message(&format!("error: cannot render the manual page: {error}"));
                exit::BAD_INPUT
            }
        };
    };
    let mut pages = vec![("promocase.1".to_string(), command.clone())];
    for sub in command.get_subcommands().filter(|s| s.get_name() != "help") {
        let name = format!("promocase-{}", sub.get_name());
        pages.push((format!("{name}.1"), sub.clone().name(name)));
    }
    for (file, page_command) in pages {
        let path = folder.join(&file);
        let written = render(&page_command)
            .map_err(|e| e.to_string())
            .and_then(|page| {
                write_new_file(&path, page.as_bytes(), WriteMode::from_force(args.force))
                    .map_err(|e| e.to_string())
            });
        match written {
            Ok(()) => out.message(&format!("wrote {}", path.display())),
            Err(error) => {
                out.message(&format!("error: {error}"));
                return exit::BAD_INPUT;
            }
        }
    }
    exit::OK
}

fn render(command: &clap::Command) -> std::io::Result<String> {
    let mut page = Vec::new();
    clap_mangen::Man::new(command.clone()).render(&mut page)?;
    Ok(String::from_utf8_lossy(&page).into_owned())
}
