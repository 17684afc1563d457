//! Where messages go, whether they are coloured, and how much is said
//! (`--quiet`, `--verbose`).
//!
//! Results (a report, JSON, a schema, a PDF on stdout) are the command's
//! product and always printed. Around them, `--quiet` keeps only errors and
//! `--verbose` adds what a user debugging a slow or surprising run wants:
//! timings and the rubric used.

use std::io::{IsTerminal, Write};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::ColorChoice;
use promocase::diagnostic::{Diagnostic, Severity};

/// How much a command says besides its results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Verbosity {
    /// Errors only.
    Quiet,
    Normal,
    /// Also timings and the rubric used.
    Verbose,
}

/// Writes results to stdout and messages to stderr, coloured only when wanted.
pub struct Output {
    color_stderr: bool,
    verbosity: Verbosity,
}

impl Output {
    pub fn with_verbosity(choice: ColorChoice, verbosity: Verbosity) -> Self {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let color_stderr = match choice {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => !no_color && std::io::stderr().is_terminal(),
        };
        Self {
            color_stderr,
            verbosity,
        }
    }

    pub fn quiet(&self) -> bool {
        self.verbosity == Verbosity::Quiet
    }

    pub fn verbose(&self) -> bool {
        self.verbosity == Verbosity::Verbose
    }

    /// A line of result on stdout.
    pub fn result(&self, line: &str) {
        let mut stdout = std::io::stdout().lock();
        // A closed pipe (`promocase check … | head`) is not an error worth a panic.
        let _ = writeln!(stdout, "{line}");
    }

    /// Raw bytes or text on stdout, as given.
    pub fn raw(&self, text: &str) {
        let mut stdout = std::io::stdout().lock();
        let _ = stdout.write_all(text.as_bytes());
    }

    /// A line saying what was done (`wrote ana.pdf`) on stdout; not with --quiet.
    pub fn status(&self, line: &str) {
        if !self.quiet() {
            self.result(line);
        }
    }

    /// A located message on stderr; with --quiet, errors only.
    pub fn diagnostic(&self, diagnostic: &Diagnostic) {
        if self.quiet() && diagnostic.severity < Severity::Error {
            return;
        }
        let mut stderr = std::io::stderr().lock();
        let _ = stderr.write_all(diagnostic.render(self.color_stderr).as_bytes());
    }

    /// A plain message on stderr. With --quiet only those that report an
    /// error (`error: …`) are printed; use [`Output::error`] for others.
    pub fn message(&self, line: &str) {
        if self.quiet() && !line.starts_with("error") {
            return;
        }
        self.error(line);
    }

    /// A message about a failure on stderr, printed even with --quiet.
    pub fn error(&self, line: &str) {
        let mut stderr = std::io::stderr().lock();
        let _ = writeln!(stderr, "{line}");
    }

    /// A progress bar on stderr for work over `len` items, drawn only when
    /// there are several items, stderr is a terminal and not --quiet: piped
    /// or captured output never holds a bar.
    pub fn progress(&self, len: usize) -> ProgressBar {
        if len < 2 || self.quiet() || !std::io::stderr().is_terminal() {
            return ProgressBar::hidden();
        }
        let bar = ProgressBar::with_draw_target(Some(len as u64), ProgressDrawTarget::stderr());
        if let Ok(style) = ProgressStyle::with_template("{bar:30} {pos}/{len} {wide_msg}") {
            bar.set_style(style);
        }
        bar
    }

    /// A detail for --verbose on stderr: a timing, the rubric used.
    pub fn detail(&self, line: &str) {
        if self.verbose() {
            self.error(line);
        }
    }
}
