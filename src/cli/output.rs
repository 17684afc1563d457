//! Where messages go and whether they are coloured.

use std::io::{IsTerminal, Write};

use super::ColorChoice;
use promocase::diagnostic::Diagnostic;

/// Writes results to stdout and messages to stderr, coloured only when wanted.
pub struct Output {
    color_stderr: bool,
}

impl Output {
    pub fn new(choice: ColorChoice) -> Self {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let color_stderr = match choice {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => !no_color && std::io::stderr().is_terminal(),
        };
        Self { color_stderr }
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

    /// A located message on stderr.
    pub fn diagnostic(&self, diagnostic: &Diagnostic) {
        let mut stderr = std::io::stderr().lock();
        let _ = stderr.write_all(diagnostic.render(self.color_stderr).as_bytes());
    }

    /// A plain message on stderr.
    pub fn message(&self, line: &str) {
        let mut stderr = std::io::stderr().lock();
        let _ = writeln!(stderr, "{line}");
    }
}
