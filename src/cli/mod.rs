//! The command line: one module per command, each turning its arguments into
//! calls of the library and its results into output and an exit code.

mod build;
mod check;
mod committee;
mod completions;
mod diff;
mod error;
mod explain;
mod init;
mod labels;
mod lsp;
mod man;
mod output;
mod prompt;
mod rubric;
mod rules;
mod schema;
mod serve;
mod shared;
mod watch;

use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

pub use output::{Output, Verbosity};

/// Turn a manager's promotion case into evidence that holds up in front of executives.
///
/// Write your case as one YAML file (`promocase init` starts one), check it
/// against director-level criteria, and render it for the decision.
#[derive(Debug, Parser)]
#[command(name = "promocase", version, propagate_version = true)]
pub struct Cli {
    /// When to colour the output: auto (on a terminal, unless NO_COLOR is set), always, never.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    /// Print only errors (results such as a report, JSON or a PDF on stdout still come out).
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,

    /// Also print timings and the rubric used, on stderr.
    #[arg(short, long, global = true)]
    pub verbose: bool,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check one or more case files and report every problem with its place in the file.
    ///
    /// Example: promocase check examples/marketing-director.yaml
    Check(check::CheckArgs),
    /// Write a commented starter case that loads cleanly, plus the schema editors use.
    ///
    /// Example: promocase init ana.yaml --level director --track marketing
    Init(init::InitArgs),
    /// Print the JSON Schema of the case format, for editor completion and validation.
    ///
    /// Example: promocase schema -o promocase.schema.json
    Schema(schema::SchemaArgs),
    /// Print a shell completion script.
    ///
    /// Example: promocase completions bash > ~/.local/share/bash-completion/completions/promocase
    Completions(completions::CompletionsArgs),
    /// Print the manual page (roff), or write one page per command into a folder.
    ///
    /// Example: promocase man | man -l -
    Man(man::ManArgs),
    /// List every rule of `check` with its severity at each level.
    ///
    /// Example: promocase rules
    Rules(rules::RulesArgs),
    /// Explain a rule: why it matters one level up and how to satisfy it.
    ///
    /// Example: promocase explain succession-missing
    Explain(explain::ExplainArgs),
    /// Show a built-in rubric to copy as your company's ladder.
    ///
    /// Example: promocase rubric show director > ours.yaml
    Rubric(rubric::RubricArgs),
    /// Show the documents' wording in a language, to copy as your company's labels.
    ///
    /// Example: promocase labels show de > labels-de.yaml
    Labels(labels::LabelsArgs),
    /// Render a case as a PDF proposal, a one-page brief or talking points for the executive.
    ///
    /// Example: promocase build examples/marketing-director.yaml --template all
    Build(build::BuildArgs),
    /// One pack for the people who decide: every candidate of a round, judged alike.
    ///
    /// A cover, an overview, the candidates × criteria matrix, the round's succession
    /// risks and a page per candidate (PDF), or one row per candidate (CSV, JSON). A file
    /// that does not load is listed with its errors and never stops the pack.
    ///
    /// Example: promocase committee cases/ --title "Director promotions, spring 2027"
    Committee(committee::CommitteeArgs),
    /// Show what changed in readiness between two versions of a case.
    ///
    /// The score, the dimensions that moved between missing, thin and evidenced, the KPIs
    /// that changed and the findings fixed and new, for a manager iterating with a sponsor.
    ///
    /// Example: promocase diff ana-v1.yaml ana.yaml
    Diff(diff::DiffArgs),
    /// Rebuild and re-check on every save of the case, its rubric, templates or logo.
    ///
    /// Takes the options of `build`. Each rebuild prints the findings, the readiness and
    /// its time; a case that does not load or has errors (without --draft) writes nothing
    /// and waits for the next save. Ctrl-C stops.
    ///
    /// Example: promocase watch ana.yaml --template all
    Watch(watch::WatchArgs),
    /// Draft the case in the browser: the text, its findings, readiness and a live preview.
    ///
    /// A private workspace on this machine: it edits the YAML text itself (comments stay),
    /// shows every load error and finding at its line, the readiness and what changed since
    /// you opened the file, and the proposal, brief or talking points as you type. Save with
    /// Ctrl/Cmd-S; download each document as the PDF `build` writes. Ctrl-C stops.
    ///
    /// Example: promocase serve ana.yaml
    Serve(serve::ServeArgs),
    /// Check as you type in your editor: a language server with completion, hover and fixes
    ///
    /// Editors start it (see README, "Editor integration"): it publishes the check's findings
    /// as you type and on save, completes fields, values and rule ids, explains keys, rules and
    /// KPI statuses on hover, offers quick fixes (waive a finding, insert a rule's example,
    /// correct a misspelt key) and lists sections, achievements, KPIs and initiatives. Only
    /// promocase cases get answers; it never writes a file. The rubric is found as `check`
    /// finds it.
    ///
    /// Example: promocase lsp --rubric ours.yaml
    Lsp(lsp::LspArgs),
    /// The render worker of `serve` (started by it, not by hand).
    #[command(hide = true)]
    ServeWorker(serve::worker::WorkerArgs),
}

/// The exit codes every command shares.
pub mod exit {
    use std::process::ExitCode;

    /// Nothing to report.
    pub const OK: u8 = 0;
    /// The case has findings at or above the failure threshold.
    pub const FINDINGS: u8 = 1;
    /// Bad input or usage: a file that cannot be read or loaded, a bad argument.
    pub const BAD_INPUT: u8 = 2;
    /// `committee`: the pack was written, but some case files could not be read
    /// (the pack lists them with their errors).
    pub const PARTIAL: u8 = 3;

    pub fn code(value: u8) -> ExitCode {
        ExitCode::from(value)
    }
}

/// Runs the parsed command line.
impl Command {
    /// `watch`, `serve` (and its render worker) and the language server run
    /// until they are stopped; every other command does one thing and exits.
    pub fn runs_until_stopped(&self) -> bool {
        matches!(
            self,
            Command::Watch(_) | Command::Serve(_) | Command::ServeWorker(_) | Command::Lsp(_)
        )
    }
}

pub fn run(cli: Cli) -> ExitCode {
    let verbosity = if cli.quiet {
        Verbosity::Quiet
    } else if cli.verbose {
        Verbosity::Verbose
    } else {
        Verbosity::Normal
    };
    let out = Output::with_verbosity(cli.color, verbosity);
    let today = chrono::Local::now().date_naive();
    let code = match cli.command {
        Command::Check(args) => check::run(&args, &out, cli.color, today),
        Command::Init(args) => init::run(&args, &out, today),
        Command::Schema(args) => schema::run(&args, &out),
        Command::Completions(args) => completions::run(&args, &out),
        Command::Man(args) => man::run(&args, &out),
        Command::Rules(args) => rules::run(&args, &out),
        Command::Explain(args) => explain::run(&args, &out),
        Command::Rubric(args) => rubric::run(&args, &out),
        Command::Labels(args) => labels::run(&args, &out),
        Command::Build(args) => build::run(&args, &out, today),
        Command::Diff(args) => diff::run(&args, &out, today),
        Command::Committee(args) => committee::run(&args, &out, today),
        Command::Watch(args) => watch::run(&args, &out, today),
        Command::Serve(args) => serve::run(&args, &out, today),
        Command::Lsp(args) => lsp::run(&args, &out, today),
        Command::ServeWorker(args) => serve::worker::run(&args, &out),
    };
    exit::code(code)
}
