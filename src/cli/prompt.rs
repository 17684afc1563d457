//! Line-by-line questions on a terminal, for `init --interactive`.
//!
//! Each question shows its suggestion in brackets; Enter keeps it. A bad answer
//! is explained and the question asked again. End of input (Ctrl-D) stops the
//! whole interview, so nothing half-answered is ever written.

use std::io::{BufRead, Write};

/// The reader gave up: end of input or an I/O error.
#[derive(Debug)]
pub struct Stopped;

pub struct Prompter<R, W> {
    input: R,
    output: W,
}

impl<R: BufRead, W: Write> Prompter<R, W> {
    pub fn new(input: R, output: W) -> Self {
        Self { input, output }
    }

    pub fn say(&mut self, line: &str) -> Result<(), Stopped> {
        writeln!(self.output, "{line}").map_err(|_| Stopped)
    }

    /// Asks until `parse` accepts the answer (or the suggestion, on Enter).
    pub fn ask<T>(
        &mut self,
        question: &str,
        suggestion: Option<&str>,
        parse: impl Fn(&str) -> Result<T, String>,
    ) -> Result<T, Stopped> {
        loop {
            match suggestion {
                Some(s) if !s.is_empty() => write!(self.output, "{question} [{s}]: "),
                _ => write!(self.output, "{question}: "),
            }
            .and_then(|()| self.output.flush())
            .map_err(|_| Stopped)?;
            let mut line = String::new();
            if self.input.read_line(&mut line).map_err(|_| Stopped)? == 0 {
                return Err(Stopped);
            }
            let typed = line.trim();
            let answer = if typed.is_empty() {
                suggestion.unwrap_or("")
            } else {
                typed
            };
            match parse(answer) {
                Ok(value) => return Ok(value),
                Err(problem) => self.say(&format!("  {problem}"))?,
            }
        }
    }

    /// Asks for free text; empty is allowed only when `required` is false.
    pub fn text(
        &mut self,
        question: &str,
        suggestion: Option<&str>,
        required: bool,
    ) -> Result<Option<String>, Stopped> {
        self.ask(question, suggestion, |answer| {
            if answer.is_empty() && required {
                Err("please type an answer".to_string())
            } else if answer.is_empty() {
                Ok(None)
            } else {
                Ok(Some(answer.to_string()))
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasks_until_valid_and_keeps_suggestions() {
        let input = b"\nbanana\n7\n" as &[u8];
        let mut output = Vec::new();
        let mut prompter = Prompter::new(input, &mut output);
        let suggested: u32 = prompter
            .ask("Years", Some("5"), |a| {
                a.parse().map_err(|_| "a number".into())
            })
            .unwrap();
        let typed: u32 = prompter
            .ask("Years", None, |a| a.parse().map_err(|_| "a number".into()))
            .unwrap();
        assert_eq!((suggested, typed), (5, 7));
        let shown = String::from_utf8(output).unwrap();
        assert!(shown.contains("Years [5]: "), "{shown}");
        assert!(shown.contains("  a number"), "{shown}");
    }

    #[test]
    fn end_of_input_stops() {
        let mut prompter = Prompter::new(b"" as &[u8], Vec::new());
        assert!(prompter.text("Name", None, true).is_err());
    }
}
