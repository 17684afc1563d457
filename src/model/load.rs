//! Reading a YAML document into typed values, or into every error it holds.
//!
//! The steps, each of which can stop with located diagnostics:
//! 1. read the file: missing, a folder, not UTF-8, empty;
//! 2. parse it with serde_yaml (syntax errors) and, at the same time on
//!    another core, index where each value stands ([`Locations`]; duplicate keys);
//! 3. validate it against the type's JSON Schema, which finds all type,
//!    missing-field, unknown-field, enum and date errors in one pass;
//! 4. decode it into the Rust types with serde_yaml.
//!
//! Case files and rubric files both go through [`parse_document`].

use std::fmt;
use std::path::Path;
use std::sync::Arc;

use chrono::NaiveDate;
use serde::de::DeserializeOwned;
use serde_json::{Map, Number, Value};

use super::Case;
use super::locate::{Locations, pointer_join};
use super::messages::say;
use super::schema::{DocumentSchema, case_schema};
use crate::diagnostic::{Diagnostic, SourceFile};
use crate::wording::{English, Wording};

/// The largest file the loader reads; a real case is a few tens of kilobytes.
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;
/// The most items one list may hold.
pub const MAX_LIST_ITEMS: usize = 10_000;
/// The longest text one value may hold, in characters.
pub const MAX_TEXT_CHARS: usize = 20_000;

/// A document that loaded, with where each of its values came from.
#[derive(Debug, Clone)]
pub struct Loaded<T> {
    pub value: T,
    pub source: Arc<SourceFile>,
    pub locations: Locations,
}

/// A case that loaded, with the date its evidence is measured from.
#[derive(Debug, Clone)]
pub struct LoadedCase {
    pub case: Case,
    /// `as_of` from the file, or the day the case was loaded.
    pub as_of: NaiveDate,
    pub source: Arc<SourceFile>,
    pub locations: Locations,
}

/// Everything that kept a document from loading.
#[derive(Debug, Clone)]
pub struct LoadError {
    pub diagnostics: Vec<Diagnostic>,
}

impl LoadError {
    fn one(diagnostic: Diagnostic) -> Self {
        Self {
            diagnostics: vec![diagnostic],
        }
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for diagnostic in &self.diagnostics {
            f.write_str(&diagnostic.render(false))?;
        }
        Ok(())
    }
}

impl std::error::Error for LoadError {}

/// Reads a file as text, or says in plain words why it cannot be read.
pub fn read_source(path: &Path) -> Result<Arc<SourceFile>, LoadError> {
    let unreadable = |message: String, hint: &str| {
        LoadError::one(
            Diagnostic::error("unreadable", &SourceFile::new(path, ""), message).with_hint(hint),
        )
    };
    if path.is_dir() {
        return Err(unreadable(
            format!("`{}` is a folder, not a case file", path.display()),
            "name the .yaml file inside it, e.g. `promocase check cases/ana.yaml`",
        ));
    }
    if let Ok(metadata) = std::fs::metadata(path)
        && metadata.len() > MAX_FILE_BYTES
    {
        return Err(unreadable(
            format!(
                "`{}` is {:.1} MB; a case file may be at most {} MB",
                path.display(),
                metadata.len() as f64 / 1_048_576.0,
                MAX_FILE_BYTES / 1_048_576
            ),
            "is this the right file? A complete case is usually under 50 KB",
        ));
    }
    let bytes = std::fs::read(path).map_err(|error| match error.kind() {
        std::io::ErrorKind::NotFound => unreadable(
            format!("there is no file `{}`", path.display()),
            "check the path and the spelling; `promocase init FILE` writes a starter case",
        ),
        _ => unreadable(
            format!("cannot read `{}`: {error}", path.display()),
            "check that the file is readable by you",
        ),
    })?;
    source_from_bytes(path, bytes)
}

/// Turns raw bytes into a [`SourceFile`], refusing text that is not UTF-8.
pub fn source_from_bytes(path: &Path, bytes: Vec<u8>) -> Result<Arc<SourceFile>, LoadError> {
    match String::from_utf8(bytes) {
        Ok(mut text) => {
            // A byte-order mark is invisible in editors; drop it rather than complain.
            if text.starts_with('\u{feff}') {
                text.drain(..'\u{feff}'.len_utf8());
            }
            Ok(SourceFile::new(path, text))
        }
        Err(error) => {
            let bad = error.utf8_error().valid_up_to();
            let lossy = String::from_utf8_lossy(error.as_bytes()).into_owned();
            let source = SourceFile::new(path, lossy);
            Err(LoadError::one(
                Diagnostic::error("not-utf8", &source, "the file is not UTF-8 text")
                    .at(bad..bad + '\u{fffd}'.len_utf8())
                    .with_label("this byte is not UTF-8")
                    .with_hint("save the file with the UTF-8 encoding (in most editors: Save As, then Encoding: UTF-8)"),
            ))
        }
    }
}

/// The name standard input goes by in messages.
pub const STDIN_NAME: &str = "<stdin>";

/// Whether a path names standard input (`-`), which has no folder.
pub fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// The name a file goes by in messages: `<stdin>` for `-`.
pub fn display_name(path: &Path) -> String {
    if is_stdin(path) {
        STDIN_NAME.to_string()
    } else {
        path.display().to_string()
    }
}

/// Reads a case's text from a file, or from standard input for `-`, through
/// the same checks (size, UTF-8, byte-order mark).
pub fn read_input(path: &Path) -> Result<Arc<SourceFile>, LoadError> {
    if !is_stdin(path) {
        return read_source(path);
    }
    let name = Path::new(STDIN_NAME);
    let unreadable = |message: String, hint: &str| {
        LoadError::one(
            Diagnostic::error("unreadable", &SourceFile::new(name, ""), message).with_hint(hint),
        )
    };
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(
        &mut std::io::Read::take(std::io::stdin().lock(), MAX_FILE_BYTES + 1),
        &mut bytes,
    )
    .map_err(|error| {
        unreadable(
            format!("cannot read standard input: {error}"),
            "send the case on standard input, or give its file name instead of `-`",
        )
    })?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(unreadable(
            format!(
                "standard input holds more than {} MB; a case may be at most that",
                MAX_FILE_BYTES / 1_048_576
            ),
            "is this the right input? A complete case is usually under 50 KB",
        ));
    }
    source_from_bytes(name, bytes)
}

/// Loads a case from a file, or from standard input for `-`.
pub fn load_input(path: &Path, today: NaiveDate) -> Result<LoadedCase, LoadError> {
    parse_case(read_input(path)?, today)
}

/// Loads a case file. `today` stands in for a missing `as_of`.
pub fn load_case(path: &Path, today: NaiveDate) -> Result<LoadedCase, LoadError> {
    parse_case(read_source(path)?, today)
}

/// Parses a case from a source already read; its errors in English.
pub fn parse_case(source: Arc<SourceFile>, today: NaiveDate) -> Result<LoadedCase, LoadError> {
    parse_case_in(source, today, &English)
}

/// [`parse_case`] with its errors worded by `words` (the language of the
/// case, [`crate::locale::wording_for`]).
pub fn parse_case_in(
    source: Arc<SourceFile>,
    today: NaiveDate,
    words: &dyn Wording,
) -> Result<LoadedCase, LoadError> {
    let loaded: Loaded<Case> = parse_document(&source, case_schema, "case", words)?;
    let as_of = loaded.value.as_of.map_or(today, |d| d.last_day());
    Ok(LoadedCase {
        case: loaded.value,
        as_of,
        source: loaded.source,
        locations: loaded.locations,
    })
}

/// The language a case's text declares (`language: de` at the start of a
/// line), read without loading it: the language its load errors are
/// explained in when the text does not load.
pub fn declared_language(text: &str) -> Option<super::LanguageTag> {
    let line = text
        .lines()
        .find_map(|line| line.strip_prefix("language:"))?;
    let value = line.split(" #").next().unwrap_or(line).trim();
    super::LanguageTag::parse(value.trim_matches(['"', '\''])).ok()
}

/// Parses a YAML document of type `T`, validating it against `schema`.
/// `kind` names the document in messages ("case", "rubric"); a case's
/// messages are worded by `words`, a company file's are English.
pub fn parse_document<T: DeserializeOwned>(
    source: &Arc<SourceFile>,
    schema: fn() -> &'static DocumentSchema,
    kind: &str,
    words: &dyn Wording,
) -> Result<Loaded<T>, LoadError> {
    if is_blank(&source.text) {
        let (message, hint) = if kind == "case" {
            (
                say(words, "load.empty-case", &[]),
                say(words, "load.empty-case-hint", &[]),
            )
        } else {
            (
                format!("the {kind} file is empty"),
                format!("a {kind} file needs at least the required sections"),
            )
        };
        return Err(LoadError::one(
            Diagnostic::error("empty-file", source, message)
                .at(0..0)
                .with_label(say(words, "load.empty-label", &[]))
                .with_hint(hint),
        ));
    }
    // The two readings of the text are independent: on a multi-core machine
    // they run side by side, which halves the time to load one case.
    let (locations, parsed) = rayon::join(
        || Locations::index(source),
        || {
            serde_yaml::from_str::<serde_yaml::Value>(&source.text).and_then(|mut yaml| {
                // `<<: *anchor` merge keys are part of YAML 1.1 that many writers use.
                yaml.apply_merge().map(|()| yaml)
            })
        },
    );
    let duplicates: Vec<Diagnostic> = locations
        .duplicates()
        .iter()
        .map(|duplicate| {
            Diagnostic::error(
                "duplicate-key",
                source,
                say(words, "load.duplicate-key", &[("key", &duplicate.key)]),
            )
            .at(duplicate.second.clone())
            .with_label(say(words, "load.second-time", &[]))
            .with_hint(say(
                words,
                "load.keep-one",
                &[(
                    "line",
                    &source.line_column(duplicate.first.start).0.to_string(),
                )],
            ))
        })
        .collect();
    let yaml = match parsed {
        Ok(yaml) => yaml,
        // Our own index names every duplicate and points at the second one.
        Err(error) if error.to_string().contains("duplicate entry") && !duplicates.is_empty() => {
            return Err(LoadError {
                diagnostics: duplicates,
            });
        }
        Err(error) => return Err(LoadError::one(syntax_error(source, &error, words))),
    };
    let mut diagnostics = duplicates;
    let json = to_json(&yaml, "", source, &locations, &mut diagnostics);
    if !diagnostics.is_empty() {
        return Err(LoadError { diagnostics });
    }
    if !json.is_object() {
        return Err(LoadError::one(
            Diagnostic::error(
                "not-a-mapping",
                source,
                if kind == "case" {
                    say(
                        words,
                        "load.not-a-mapping-case",
                        &[("found", &super::validate::describe_found(&json, words))],
                    )
                } else {
                    format!(
                        "a {kind} file is a set of sections (`name: value` lines), but this file holds {}",
                        super::validate::describe_found(&json, words)
                    )
                },
            )
            .at(locations.value(""))
            .with_hint(say(words, "load.start-from-init", &[])),
        ));
    }
    // Fast path: the types enforce every rule of the schema except "no empty
    // values" (the schema refuses `vision:` with nothing after it; serde would
    // read None). A file without empty values that decodes is valid, and the
    // validator, which costs a millisecond to build, is needed only to report
    // the errors of a file that does not.
    if !has_null(&json)
        && let Ok(value) = serde_yaml::from_value::<T>(yaml.clone())
    {
        return Ok(Loaded {
            value,
            source: Arc::clone(source),
            locations,
        });
    }
    let diagnostics = super::validate::validate(schema(), &json, source, &locations, words);
    if !diagnostics.is_empty() {
        return Err(LoadError { diagnostics });
    }
    let value = serde_yaml::from_value(yaml).map_err(|error| {
        // The schema accepted the file, so this is a value only the types reject.
        LoadError::one(
            Diagnostic::error(
                "invalid",
                source,
                format!("the {kind} cannot be read: {error}"),
            )
            .at(locations.value(""))
            .with_hint("please report this file: the format's schema accepted it"),
        )
    })?;
    Ok(Loaded {
        value,
        source: Arc::clone(source),
        locations,
    })
}

fn has_null(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::Array(items) => items.iter().any(has_null),
        Value::Object(fields) => fields.values().any(has_null),
        _ => false,
    }
}

fn is_blank(text: &str) -> bool {
    text.lines().all(|line| {
        let line = line.trim();
        line.is_empty() || line.starts_with('#') || line == "---"
    })
}

/// A YAML syntax error with its position and advice in place of parser jargon.
fn syntax_error(
    source: &Arc<SourceFile>,
    error: &serde_yaml::Error,
    words: &dyn Wording,
) -> Diagnostic {
    let raw = error.to_string();
    // serde_yaml writes "PROBLEM at line L column C[, while CONTEXT at line L column C]";
    // the snippet shows the position, so the words are kept apart from it.
    let message = raw.split(" at line ").next().unwrap_or(&raw).to_string();
    let context = raw.split_once(", while ").and_then(|(_, context)| {
        let (what, position) = context.split_once(" at line ")?;
        let (line, column) = position.split_once(" column ")?;
        Some((
            what.to_string(),
            line.trim().parse::<usize>().ok()?,
            column.trim().parse::<usize>().ok()?,
        ))
    });
    // Some reader errors give only "at position N" (a character index) and a
    // meaningless location at the start of the file; the position is the truth.
    let position = raw
        .rsplit_once(" at position ")
        .and_then(|(_, n)| n.trim().parse::<usize>().ok())
        .map(|n| {
            source
                .text
                .char_indices()
                .nth(n)
                .map_or(source.text.len(), |(i, _)| i)
        });
    let mut offset = position.or_else(|| {
        error
            .location()
            .map(|loc| source.offset_of(loc.line(), loc.column().saturating_sub(1)))
    });
    let message = message
        .split(" at position ")
        .next()
        .unwrap_or(&message)
        .to_string();
    let (kind, first) = syntax_kind(&message, offset.map(|o| &source.text[o..]));
    let first = first.map(String::from).unwrap_or_default();
    let args = [("first", first.as_str()), ("message", message.as_str())];
    let text = say(words, &format!("load.syntax-{kind}"), &args);
    let label = say(words, &format!("load.syntax-{kind}-label"), &args);
    let mut hint = say(words, &format!("load.syntax-{kind}-hint"), &args);
    if let Some((what, line, column)) = &context {
        if what.contains("quoted scalar") {
            // The end of the file is a useless place to point at: show where the quote opened.
            offset = Some(source.offset_of(*line, column.saturating_sub(1)));
        } else {
            hint.push_str(&say(
                words,
                "load.syntax-open-part",
                &[("line", &line.to_string())],
            ));
        }
    }
    let mut diagnostic = Diagnostic::error("yaml-syntax", source, text).with_hint(hint);
    if let Some(offset) = offset {
        let end = source.text[offset..]
            .chars()
            .next()
            .map_or(offset, |c| offset + c.len_utf8());
        diagnostic = diagnostic.at(offset..end).with_label(label);
    }
    diagnostic
}

/// Which YAML mistake the reader's message describes: the name of its
/// texts in [`super::messages`] (`load.syntax-NAME`, `-label`, `-hint`), and
/// the character a value cannot start with, for `needs-quotes`.
fn syntax_kind(message: &str, rest: Option<&str>) -> (&'static str, Option<char>) {
    let starts_with_tab = rest.is_some_and(|r| r.starts_with('\t'));
    if starts_with_tab || message.contains("tab") {
        return ("tab", None);
    }
    if message.contains("cannot start any token")
        && let Some(first) = rest.and_then(|r| r.chars().next())
        && "%@`*&!|>".contains(first)
    {
        return ("needs-quotes", Some(first));
    }
    let kinds = [
        ("mapping values are not allowed", "colon"),
        ("did not find expected key", "indentation"),
        ("could not find expected ':'", "indentation"),
        ("did not find expected '-' indicator", "list-item"),
        ("found unexpected end of stream", "unclosed-quote"),
        ("control characters are not allowed", "control-character"),
        ("repetition limit exceeded", "aliases"),
        ("recursion limit exceeded", "too-deep"),
        ("more than one document", "two-documents"),
        ("duplicate entry", "duplicate"),
    ];
    let kind = kinds
        .iter()
        .find(|(said, _)| message.contains(said))
        .map_or("invalid", |(_, kind)| kind);
    (kind, None)
}

/// YAML → JSON for the validator. Reports what JSON cannot hold: tags,
/// non-text keys that are collections, and numbers like `.nan`.
fn to_json(
    value: &serde_yaml::Value,
    pointer: &str,
    source: &Arc<SourceFile>,
    locations: &Locations,
    diagnostics: &mut Vec<Diagnostic>,
) -> Value {
    use serde_yaml::Value as Y;
    match value {
        Y::Null => Value::Null,
        Y::Bool(b) => Value::Bool(*b),
        Y::Number(n) => {
            if let Some(i) = n.as_i64() {
                Value::Number(i.into())
            } else if let Some(u) = n.as_u64() {
                Value::Number(u.into())
            } else if let Some(f) = n.as_f64().and_then(Number::from_f64) {
                Value::Number(f)
            } else {
                diagnostics.push(
                    Diagnostic::error(
                        "bad-number",
                        source,
                        format!("`{n}` is not a finite number"),
                    )
                    .at(locations.value(pointer))
                    .with_hint("write a finite number such as 12.5"),
                );
                Value::Null
            }
        }
        Y::String(s) => {
            let length = s.chars().count();
            if length > MAX_TEXT_CHARS {
                diagnostics.push(
                    Diagnostic::error(
                        "too-long",
                        source,
                        format!("this text is {length} characters long; a value may be at most {MAX_TEXT_CHARS}"),
                    )
                    .at(locations.value(pointer))
                    .with_label("too long")
                    .with_hint("keep each value to a few sentences and link longer documents under `evidence`"),
                );
                return Value::Null;
            }
            Value::String(s.clone())
        }
        Y::Sequence(items) if items.len() > MAX_LIST_ITEMS => {
            diagnostics.push(
                Diagnostic::error(
                    "too-many-items",
                    source,
                    format!(
                        "this list has {} items; a list may hold at most {MAX_LIST_ITEMS}",
                        items.len()
                    ),
                )
                .at(locations.primary(pointer))
                .with_label("too many items")
                .with_hint("keep the items that make the case; a promotion case is read by people"),
            );
            Value::Null
        }
        Y::Sequence(items) => Value::Array(
            items
                .iter()
                .enumerate()
                .map(|(i, item)| {
                    to_json(
                        item,
                        &pointer_join(pointer, i),
                        source,
                        locations,
                        diagnostics,
                    )
                })
                .collect(),
        ),
        Y::Mapping(mapping) => {
            let mut object = Map::new();
            for (key, item) in mapping {
                let key_text = match key {
                    Y::String(s) => s.clone(),
                    Y::Number(n) => n.to_string(),
                    Y::Bool(b) => b.to_string(),
                    Y::Null => "null".to_string(),
                    _ => {
                        diagnostics.push(
                            Diagnostic::error(
                                "complex-key",
                                source,
                                "a field name must be a plain word",
                            )
                            .at(locations.value(pointer))
                            .with_hint("write field names as `name: value`"),
                        );
                        continue;
                    }
                };
                let child = pointer_join(pointer, &key_text);
                let converted = to_json(item, &child, source, locations, diagnostics);
                object.insert(key_text, converted);
            }
            Value::Object(object)
        }
        Y::Tagged(tagged) => {
            diagnostics.push(
                Diagnostic::error(
                    "yaml-tag",
                    source,
                    format!("the YAML tag `{}` is not supported", tagged.tag),
                )
                .at(locations.value(pointer))
                .with_hint("remove the `!tag`; write the plain value"),
            );
            Value::Null
        }
    }
}
