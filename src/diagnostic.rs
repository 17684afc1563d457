//! Located messages for people: input errors from loading and, later, the
//! findings of `check` share this one type and this one renderer.
//!
//! A [`Diagnostic`] points into a [`SourceFile`] by byte range and also keeps
//! the 1-based line and column, so every output format (rustc-style snippets,
//! JSON, SARIF, GitHub annotations) can say `file:line:column`.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label, Severity as CsSeverity};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::{self, Config, Styles, StylesWriter, termcolor};
use serde::{Deserialize, Serialize};

/// How serious a message is. Ordered: `Info < Warning < Error`.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The byte offset where each line of `text` starts. YAML ends lines with
/// `\n`, `\r\n` or a lone `\r`; they are counted as the parser counts them
/// (and as the Language Server Protocol does).
pub fn line_starts(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    std::iter::once(0)
        .chain(bytes.iter().enumerate().filter_map(|(i, &b)| {
            let ends_line = b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n'));
            ends_line.then_some(i + 1)
        }))
        .collect()
}

/// A file read from disk (or stdin), kept whole so messages can quote it.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path as the user gave it; used in every message.
    pub path: PathBuf,
    pub text: String,
    line_starts: Vec<usize>,
    /// The file as the snippet renderer reads it, indexed once: rendering
    /// 300 findings of a large file must not scan it 300 times.
    snippet: std::sync::OnceLock<SimpleFile<String, String>>,
}

impl PartialEq for SourceFile {
    fn eq(&self, other: &Self) -> bool {
        self.path == other.path && self.text == other.text
    }
}

impl Eq for SourceFile {}

impl SourceFile {
    pub fn new(path: impl Into<PathBuf>, text: impl Into<String>) -> Arc<Self> {
        let text = text.into();
        let line_starts = line_starts(&text);
        Arc::new(Self {
            path: path.into(),
            text,
            line_starts,
            snippet: std::sync::OnceLock::new(),
        })
    }

    /// The file for the snippet renderer, built on first use.
    fn snippet_file(&self) -> &SimpleFile<String, String> {
        self.snippet
            .get_or_init(|| SimpleFile::new(self.name(), snippet_text(&self.text).into_owned()))
    }

    pub fn name(&self) -> String {
        self.path.display().to_string()
    }

    /// The byte offset of a 1-based line and a 0-based column counted in characters.
    pub fn offset_of(&self, line: usize, char_column: usize) -> usize {
        let Some(&start) = self.line_starts.get(line.saturating_sub(1)) else {
            return self.text.len();
        };
        let line_text = &self.text[start..];
        let line_end = line_text.find(['\n', '\r']).unwrap_or(line_text.len());
        let within = line_text[..line_end]
            .char_indices()
            .nth(char_column)
            .map_or(line_end, |(i, _)| i);
        start + within
    }

    /// The 1-based line and column (in characters) of a byte offset.
    pub fn line_column(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line_index = match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = self.line_starts[line_index];
        let column = self
            .text
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count());
        (line_index + 1, column + 1)
    }

    /// The byte range of the whole line holding `offset`, without its line break.
    pub fn line_range(&self, offset: usize) -> std::ops::Range<usize> {
        let (line, _) = self.line_column(offset);
        let start = self.line_starts[line - 1];
        let end = self.text[start..]
            .find(['\n', '\r'])
            .map_or(self.text.len(), |i| start + i);
        start..end
    }
}

/// A byte range in a source file, with the line and column of its start.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Location {
    #[serde(skip)]
    pub range: std::ops::Range<usize>,
    pub line: usize,
    pub column: usize,
}

impl Location {
    pub fn new(source: &SourceFile, range: std::ops::Range<usize>) -> Self {
        let (line, column) = source.line_column(range.start);
        Self {
            range,
            line,
            column,
        }
    }
}

/// One message about one file.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    pub severity: Severity,
    /// A stable identifier: a rule id for findings, an error kind for input errors.
    pub code: String,
    /// What is wrong, in one sentence.
    pub message: String,
    pub source: Arc<SourceFile>,
    /// Where; `None` when the problem is the file as a whole (missing, unreadable).
    pub location: Option<Location>,
    /// A short note under the marker in snippets, e.g. "expected a number".
    pub label: Option<String>,
    /// How to fix it.
    pub hint: Option<String>,
    /// What to write in place of the text at the location, when there is one
    /// sure replacement (the field a misspelt key meant): an editor offers it
    /// as a quick fix.
    pub suggestion: Option<String>,
}

impl Diagnostic {
    pub fn error(code: &str, source: &Arc<SourceFile>, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Error,
            code: code.to_string(),
            message: message.into(),
            source: Arc::clone(source),
            location: None,
            label: None,
            hint: None,
            suggestion: None,
        }
    }

    pub fn warning(code: &str, source: &Arc<SourceFile>, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Warning,
            ..Self::error(code, source, message)
        }
    }

    pub fn at(mut self, range: std::ops::Range<usize>) -> Self {
        self.location = Some(Location::new(&self.source, range));
        self
    }

    pub fn with_label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn with_suggestion(mut self, replacement: impl Into<String>) -> Self {
        self.suggestion = Some(replacement.into());
        self
    }

    /// `file:line:column`, or just the file when there is no location.
    pub fn position(&self) -> String {
        match &self.location {
            Some(loc) => format!("{}:{}:{}", self.source.name(), loc.line, loc.column),
            None => self.source.name(),
        }
    }

    pub fn path(&self) -> &Path {
        &self.source.path
    }

    /// A rustc-style message with the offending line and a marker under it.
    pub fn render(&self, color: bool) -> String {
        let file = self.source.snippet_file();
        let severity = match self.severity {
            Severity::Error => CsSeverity::Error,
            Severity::Warning => CsSeverity::Warning,
            Severity::Info => CsSeverity::Note,
        };
        let mut diagnostic = CsDiagnostic::new(severity)
            .with_message(&self.message)
            .with_code(&self.code);
        if let Some(location) = &self.location {
            let mut label = Label::primary((), location.range.clone());
            if let Some(text) = &self.label {
                label = label.with_message(text);
            }
            diagnostic = diagnostic.with_labels(vec![label]);
        } else {
            diagnostic = diagnostic.with_notes(vec![format!("in {}", self.source.name())]);
        }
        if let Some(hint) = &self.hint {
            diagnostic.notes.push(format!("hint: {hint}"));
        }
        let config = Config::default();
        let rendered = if color {
            let styles = Styles::default();
            let mut buffer = termcolor::Buffer::ansi();
            let mut writer = StylesWriter::new(&mut buffer, &styles);
            let emitted = term::emit_to_write_style(&mut writer, &config, file, &diagnostic);
            emitted
                .ok()
                .and_then(|()| String::from_utf8(buffer.into_inner()).ok())
        } else {
            term::emit_into_string(&config, file, &diagnostic).ok()
        };
        // The snippet renderer only fails on a range outside the file; fall back to one line.
        rendered.unwrap_or_else(|| {
            let hint = self
                .hint
                .as_deref()
                .map(|h| format!("\n  hint: {h}"))
                .unwrap_or_default();
            format!(
                "{}: {} [{}] at {}{hint}\n",
                self.severity,
                self.message,
                self.code,
                self.position()
            )
        })
    }
}

/// The text the snippet renderer sees. It counts only `\n` as a line break,
/// so a lone `\r` (classic Mac line ends) becomes `\n`: one byte for one, every
/// offset stays valid, and the snippet names the same line as JSON and SARIF.
fn snippet_text(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains('\r') {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut chars = text.chars().peekable();
    let mut normalised = String::with_capacity(text.len());
    while let Some(c) = chars.next() {
        if c == '\r' && chars.peek() != Some(&'\n') {
            normalised.push('\n');
        } else {
            normalised.push(c);
        }
    }
    std::borrow::Cow::Owned(normalised)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters() {
        let source = SourceFile::new("x.yaml", "a: 1\nname: Zoë Ünal\n");
        let offset = source.offset_of(2, 10);
        assert!(source.text[offset..].starts_with("Ünal"));
        assert_eq!(source.line_column(offset), (2, 11));
        assert_eq!(&source.text[source.line_range(offset)], "name: Zoë Ünal");
    }

    #[test]
    fn lone_carriage_returns_end_lines() {
        let source = SourceFile::new("x.yaml", "a: 1\rb: 2\r\nc: 3");
        assert_eq!(source.offset_of(2, 0), 5);
        assert_eq!(source.offset_of(3, 0), 11);
        assert_eq!(&source.text[source.line_range(6)], "b: 2");
        assert_eq!(source.line_column(12), (3, 2));
    }

    #[test]
    fn a_snippet_in_a_file_with_lone_carriage_returns_names_the_same_line() {
        let source = SourceFile::new("case.yaml", "a: 1\rb: 2\rcandidate:\r  years: five\r");
        let start = source.text.find("five").expect("the value is there");
        let diagnostic = Diagnostic::error("wrong-type", &source, "`years` should be a number")
            .at(start..start + 4);
        assert_eq!(source.line_column(start), (4, 10));
        let text = diagnostic.render(false);
        assert!(text.contains("case.yaml:4:10"), "{text}");
        assert!(text.contains("4 │   years: five"), "{text}");
    }

    #[test]
    fn the_snippet_index_is_built_once_per_file() {
        let source = SourceFile::new("case.yaml", "candidate:\n  years: five\n");
        assert!(source.snippet.get().is_none());
        let first = Diagnostic::error("x", &source, "one")
            .at(20..24)
            .render(false);
        let built: *const _ = source.snippet_file();
        let second = Diagnostic::error("x", &source, "two")
            .at(13..18)
            .render(false);
        assert!(std::ptr::eq(built, source.snippet_file()), "indexed again");
        assert!(first.contains("case.yaml:2:10") && second.contains("case.yaml:2:3"));
    }

    #[test]
    fn renders_position_marker_and_hint() {
        let source = SourceFile::new("case.yaml", "candidate:\n  years: five\n");
        let text = Diagnostic::error("wrong-type", &source, "`years` should be a number")
            .at(20..24)
            .with_label("expected a number")
            .with_hint("write 5")
            .render(false);
        assert!(text.contains("case.yaml:2:10"), "{text}");
        assert!(text.contains("^^^^ expected a number"), "{text}");
        assert!(text.contains("hint: write 5"), "{text}");
    }
}
