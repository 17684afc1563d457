//! `promocase completions SHELL`: tab completion for bash, zsh, fish, PowerShell, elvish.

use clap::{Args, CommandFactory};
use clap_complete::Shell;

use super::{Cli, Output, exit};

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete in.
    #[arg(value_enum)]
    pub shell: Shell,
}

pub fn run(args: &CompletionsArgs, out: &Output) -> u8 {
    let mut command = Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut command, "promocase", &mut script);
    out.raw(&String::from_utf8_lossy(&script));
    exit::OK
}
