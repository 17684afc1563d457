//! What `promocase lsp` answers, as Language Server Protocol values
//! ([`lsp_types`]), made without any input or output: the command's
//! protocol loop (`src/cli/lsp.rs`) reads messages, calls a [`Workspace`]
//! method (through [`dispatch`], which picks it by the message's method) and
//! sends back what it returns; the benchmark calls the same methods
//! in-process. The one part here that does input and output is
//! [`transport`]: the loop's messages are read and written by its two
//! threads, with limits on what one message may claim and hold.
//!
//! Every answer comes from [`crate::analysis`], the module `promocase serve`
//! uses: [`crate::analysis::analyse`] for diagnostics, [`crate::analysis::cursor`]
//! for completion and hover, [`crate::analysis::insert`] for the code actions
//! that insert a rule's example or a waiver, [`crate::analysis::outline`] for
//! document symbols. This module only converts places ([`position`]: bytes
//! and characters to UTF-16) and shapes, and keeps the open documents.
//!
//! Only promocase cases get answers ([`is_case`]); the server never writes a
//! file; a text over the loader's size limit is refused with one diagnostic.

pub mod dispatch;
pub mod position;
pub mod transport;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use chrono::NaiveDate;
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeDescription, CompletionItem,
    CompletionItemKind, CompletionList, CompletionTextEdit, Diagnostic,
    DiagnosticRelatedInformation, DiagnosticSeverity, DocumentSymbol, Documentation, Hover,
    HoverContents, Location, MarkupContent, MarkupKind, MessageType, NumberOrString, Position,
    PublishDiagnosticsParams, Range, SymbolKind, TextDocumentContentChangeEvent, TextEdit, Url,
    WorkspaceEdit,
};

use crate::analysis::fixes::fixes;
use crate::analysis::outline::{Symbol, outline};
use crate::analysis::{Analysis, Message, analyse, cursor};
use crate::diagnostic::Severity;
use crate::model::Level;
use crate::model::load::MAX_FILE_BYTES;
use crate::rubric::docs::Explanation;
use crate::rubric::{RubricChoice, RubricRequest, RubricResolver, Rule, rules};
use position::LineIndex;

/// How cases are judged, from the command line and the client's
/// `initializationOptions` (`{"rubric": "ours.yaml", "level": "director",
/// "ruleDocsUrl": "https://wiki.example.com/promocase/{rule}"}`).
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// A company rubric for every case (as `check --rubric`).
    pub rubric: Option<PathBuf>,
    /// A built-in level for every case (as `check --level`).
    pub level: Option<Level>,
    /// Where a finding's rule link points, `{rule}` replaced by its id;
    /// without it, the link holds the rule's explanation itself.
    pub rule_docs_url: Option<String>,
}

/// Something to tell the person, besides answers: which rubric a case is
/// judged by, or why a rubric could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub kind: MessageType,
    /// Shown in a pop-up (`window/showMessage`) rather than only logged
    /// (`window/logMessage`).
    pub show: bool,
    pub text: String,
}

struct Document {
    text: String,
    version: Option<i32>,
    /// The analysis of `text`, made when first needed after a change.
    analysis: Option<Analysis>,
    /// The rubric this document was last said to be judged by.
    rubric_said: Option<String>,
}

/// The open documents and how they are judged.
pub struct Workspace {
    settings: Settings,
    today: NaiveDate,
    documents: HashMap<Url, Document>,
    /// How each case is judged, as every command decides it; a rubric file
    /// edited meanwhile is read again on the next change of a case.
    rubrics: RubricResolver,
}

/// Whether a text is a promocase case: its first line points at the
/// promocase schema (as `promocase init` writes it), or it has top-level
/// `candidate:` and `ask:` sections. Anything else gets nothing.
pub fn is_case(text: &str) -> bool {
    let first = text.lines().next().unwrap_or("");
    if first.starts_with('#') && first.contains("promocase") && first.contains("schema") {
        return true;
    }
    let top_level = |key: &str| {
        text.lines().any(|line| {
            line.strip_prefix(key)
                .is_some_and(|rest| rest.starts_with(':'))
        })
    };
    top_level("candidate") && top_level("ask")
}

/// Applies one change the client sent to `text`: the whole text, or a range
/// replaced (positions in UTF-16).
fn apply_change(text: &mut String, change: TextDocumentContentChangeEvent) {
    match change.range {
        None => *text = change.text,
        Some(range) => {
            let index = LineIndex::new(text);
            let (start, end) = (index.offset(range.start), index.offset(range.end));
            let (start, end) = (start.min(end), end.max(start));
            text.replace_range(start..end, &change.text);
        }
    }
}

/// The link behind a finding's rule id.
fn rule_link(rule: &Rule, template: Option<&str>) -> Option<Url> {
    if let Some(template) = template {
        return Url::parse(&template.replace("{rule}", rule.id)).ok();
    }
    // The explanation itself, so the link works offline and without a site.
    static LINKS: OnceLock<HashMap<&'static str, Url>> = OnceLock::new();
    LINKS
        .get_or_init(|| {
            rules::RULES
                .iter()
                .filter_map(|rule| {
                    let english = crate::locale::Locale::english();
                    let text = Explanation::of(rule, english).to_markdown();
                    let url = format!("data:text/plain;charset=utf-8,{}", percent_encode(&text));
                    Url::parse(&url).ok().map(|url| (rule.id, url))
                })
                .collect()
        })
        .get(rule.id)
        .cloned()
}

/// Percent-encodes everything but unreserved characters (RFC 3986).
fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

fn severity(severity: Severity) -> DiagnosticSeverity {
    match severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
    }
}

/// The byte range a message underlines (the start of the file when it is
/// about the file as a whole).
fn span_of(message: &Message) -> std::ops::Range<usize> {
    message.span.as_ref().map_or(0..0, |s| s.start..s.end)
}

/// Whether two protocol ranges touch (a cursor at either end counts).
fn touches(a: &Range, b: &Range) -> bool {
    a.start <= b.end && b.start <= a.end
}

impl Workspace {
    pub fn new(settings: Settings, today: NaiveDate) -> Workspace {
        let rubrics = RubricResolver::lenient(RubricRequest {
            file: settings.rubric.clone(),
            level: if settings.rubric.is_some() {
                None
            } else {
                settings.level
            },
        });
        Workspace {
            settings,
            today,
            documents: HashMap::new(),
            rubrics,
        }
    }

    /// A document the client opened.
    pub fn open(&mut self, uri: Url, text: String, version: i32) {
        self.documents.insert(
            uri,
            Document {
                text,
                version: Some(version),
                analysis: None,
                rubric_said: None,
            },
        );
    }

    /// Changes the client sent, in order.
    pub fn change(
        &mut self,
        uri: &Url,
        version: i32,
        changes: Vec<TextDocumentContentChangeEvent>,
    ) {
        let Some(document) = self.documents.get_mut(uri) else {
            return;
        };
        for change in changes {
            apply_change(&mut document.text, change);
        }
        document.version = Some(version);
        document.analysis = None;
    }

    /// A document the client closed: its diagnostics are cleared.
    pub fn close(&mut self, uri: &Url) -> PublishDiagnosticsParams {
        self.documents.remove(uri);
        PublishDiagnosticsParams::new(uri.clone(), Vec::new(), None)
    }

    /// The file a document is, when it is one (for its folder's rubric and
    /// the name in messages).
    fn path_of(uri: &Url) -> PathBuf {
        // A browser has no file system: the address's path names the case.
        #[cfg(not(target_arch = "wasm32"))]
        if let Ok(path) = uri.to_file_path() {
            return path;
        }
        PathBuf::from(uri.path())
    }

    /// How the case at `path` is judged, found as every command finds it
    /// ([`RubricResolver`]). Also returns the words that say so, and a
    /// warning when a rubric file could not be used (the case is then judged
    /// by the built-in rubric of its target level until it loads).
    fn rubric_for(&mut self, path: &Path) -> (RubricChoice, String, Option<Notice>) {
        match self.rubrics.choice_for(path) {
            Ok(choice) => {
                let said = choice.describe();
                (choice, said, None)
            }
            Err(failure) => {
                let why = failure
                    .error
                    .diagnostics
                    .iter()
                    .map(|d| format!("{}: {}", d.position(), d.message))
                    .collect::<Vec<_>>()
                    .join("; ");
                let file = failure.file.display();
                let notice = Notice {
                    kind: MessageType::ERROR,
                    show: true,
                    text: format!(
                        "promocase: the rubric {file} could not be loaded ({why}); cases are judged by the built-in rubric of their target level until it loads. `promocase check --rubric {file}` shows every error in place."
                    ),
                };
                let fallback = RubricChoice::Builtin(None);
                let said = fallback.describe();
                (fallback, said, Some(notice))
            }
        }
    }

    /// Analyses the document if its text changed since the last analysis.
    /// Returns what to tell the person about the rubric, if anything changed.
    fn analyse_document(&mut self, uri: &Url) -> Vec<Notice> {
        let path = Self::path_of(uri);
        let needed = self
            .documents
            .get(uri)
            .is_some_and(|d| d.analysis.is_none() && is_case(&d.text) && fits(&d.text));
        if !needed {
            return Vec::new();
        }
        let (choice, said, warning) = self.rubric_for(&path);
        let today = self.today;
        let mut notices: Vec<Notice> = warning.into_iter().collect();
        if let Some(document) = self.documents.get_mut(uri) {
            document.analysis = Some(analyse(&path, &document.text, today, &choice));
            if document.rubric_said.as_deref() != Some(said.as_str()) {
                notices.push(Notice {
                    kind: MessageType::INFO,
                    show: false,
                    text: format!("promocase: {} is judged by {said}", path.display()),
                });
                document.rubric_said = Some(said);
            }
        }
        notices
    }

    /// The diagnostics of a document, as `textDocument/publishDiagnostics`
    /// sends them, and what to tell the person about the rubric. A document
    /// that is not a case gets an empty list (which clears earlier ones).
    pub fn diagnostics(&mut self, uri: &Url) -> (PublishDiagnosticsParams, Vec<Notice>) {
        let notices = self.analyse_document(uri);
        let Some(document) = self.documents.get(uri) else {
            return (
                PublishDiagnosticsParams::new(uri.clone(), Vec::new(), None),
                notices,
            );
        };
        let version = document.version;
        if !fits(&document.text) && is_case(&document.text) {
            let too_large = Diagnostic {
                range: Range::default(),
                severity: Some(DiagnosticSeverity::ERROR),
                code: Some(NumberOrString::String("too-large".to_string())),
                source: Some("promocase".to_string()),
                message: format!(
                    "the case is over {} MB, the most a case may be; promocase does not read it",
                    MAX_FILE_BYTES / 1_048_576
                ),
                ..Diagnostic::default()
            };
            return (
                PublishDiagnosticsParams::new(uri.clone(), vec![too_large], version),
                notices,
            );
        }
        let diagnostics = match &document.analysis {
            Some(analysis) => {
                let index = LineIndex::new(&document.text);
                analysis
                    .messages
                    .iter()
                    .map(|m| {
                        Self::diagnostic(self.settings.rule_docs_url.as_deref(), uri, &index, m)
                    })
                    .collect()
            }
            None => Vec::new(),
        };
        (
            PublishDiagnosticsParams::new(uri.clone(), diagnostics, version),
            notices,
        )
    }

    /// One analysis message as a protocol diagnostic: the rule id (or the
    /// load error's kind) as its code, a link to the rule's explanation, the
    /// label and the hint as related information at the same place.
    fn diagnostic(
        rule_docs_url: Option<&str>,
        uri: &Url,
        index: &LineIndex<'_>,
        message: &Message,
    ) -> Diagnostic {
        let range = index.range(span_of(message));
        let here = |text: String| DiagnosticRelatedInformation {
            location: Location::new(uri.clone(), range),
            message: text,
        };
        let related: Vec<DiagnosticRelatedInformation> = message
            .label
            .iter()
            .map(|label| here(label.clone()))
            .chain(
                message
                    .hint
                    .iter()
                    .map(|hint| here(format!("hint: {hint}"))),
            )
            .collect();
        let link = (message.kind == "check")
            .then(|| rules::find(&message.code))
            .flatten()
            .and_then(|rule| rule_link(rule, rule_docs_url))
            .map(|href| CodeDescription { href });
        Diagnostic {
            range,
            severity: Some(severity(message.severity)),
            code: Some(NumberOrString::String(message.code.clone())),
            code_description: link,
            source: Some("promocase".to_string()),
            message: message.message.clone(),
            related_information: (!related.is_empty()).then_some(related),
            ..Diagnostic::default()
        }
    }

    /// The text and analysis of a case, analysed if needed; `None` for a
    /// document that is not an open case (or is over the size limit).
    fn case(&mut self, uri: &Url) -> Option<&Document> {
        self.analyse_document(uri);
        self.documents
            .get(uri)
            .filter(|d| is_case(&d.text) && fits(&d.text))
    }

    /// Hover: a key's help from the schema, a waived rule's explanation, a
    /// KPI's computed status; on a finding's range, the rule's explanation.
    pub fn hover(&mut self, uri: &Url, at: Position) -> Option<Hover> {
        let document = self.case(uri)?;
        let index = LineIndex::new(&document.text);
        let (line, column) = index.line_column(at);
        let statuses = document
            .analysis
            .as_ref()
            .and_then(|a| a.report.as_ref())
            .map(|r| r.kpi_statuses.clone())
            .unwrap_or_default();
        let mut parts: Vec<String> = cursor::hover(&document.text, line, column, &statuses)
            .into_iter()
            .collect();
        let cursor_range = Range::new(at, at);
        if let Some(analysis) = &document.analysis {
            for message in analysis.messages.iter().filter(|m| {
                m.kind == "check"
                    && m.span.is_some()
                    && touches(&index.range(span_of(m)), &cursor_range)
            }) {
                if let Some(rule) = rules::find(&message.code)
                    && !parts
                        .iter()
                        .any(|p| p.starts_with(&format!("**{}**", rule.id)))
                {
                    // In the language the findings speak: the case's.
                    let english = crate::locale::Locale::english();
                    let locale = analysis.report.as_ref().map_or(english, |r| &*r.locale);
                    parts.push(Explanation::of(rule, locale).to_markdown());
                }
            }
        }
        (!parts.is_empty()).then(|| Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value: parts.join("\n\n---\n\n"),
            }),
            range: None,
        })
    }

    /// Completion: the fields the mapping at the cursor accepts, the values
    /// a field accepts, rule ids in `waivers:`.
    pub fn completion(&mut self, uri: &Url, at: Position) -> Option<CompletionList> {
        let document = self.case(uri)?;
        let index = LineIndex::new(&document.text);
        let (line, column) = index.line_column(at);
        let (from, items) = cursor::completions(&document.text, line, column);
        let replace = Range::new(index.from_line_column(line, from), at);
        let items = items
            .into_iter()
            .map(|item| {
                let (kind, insert) = match item.kind {
                    "field" => (CompletionItemKind::FIELD, format!("{}: ", item.label)),
                    "rule" => (CompletionItemKind::REFERENCE, item.label.clone()),
                    _ => (CompletionItemKind::ENUM_MEMBER, item.label.clone()),
                };
                CompletionItem {
                    label: item.label,
                    kind: Some(kind),
                    documentation: item.detail.clone().map(Documentation::String),
                    detail: item.detail,
                    text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(replace, insert))),
                    ..CompletionItem::default()
                }
            })
            .collect();
        Some(CompletionList {
            is_incomplete: false,
            items,
        })
    }

    /// Code actions for the findings at `range`: waive the finding (a
    /// `waivers:` entry with a reason to fill in), insert the rule's example
    /// where it belongs, and replace a misspelt key or value with the
    /// suggestion.
    pub fn code_actions(&mut self, uri: &Url, range: Range) -> Vec<CodeActionOrCommand> {
        let rule_docs_url = self.settings.rule_docs_url.clone();
        let Some(document) = self.case(uri) else {
            return Vec::new();
        };
        let Some(analysis) = &document.analysis else {
            return Vec::new();
        };
        let text = &document.text;
        let index = LineIndex::new(text);
        let edit = |edits: Vec<TextEdit>| WorkspaceEdit {
            changes: Some(HashMap::from([(uri.clone(), edits)])),
            ..WorkspaceEdit::default()
        };
        let mut actions = Vec::new();
        for message in &analysis.messages {
            let span = index.range(span_of(message));
            if !touches(&span, &range) {
                continue;
            }
            let diagnostic = Self::diagnostic(rule_docs_url.as_deref(), uri, &index, message);
            for fix in fixes(text, message) {
                let edits = fix
                    .edits
                    .iter()
                    .map(|e| TextEdit::new(index.range(e.start..e.end), e.text.clone()))
                    .collect();
                actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                    title: fix.title,
                    kind: Some(CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![diagnostic.clone()]),
                    edit: Some(edit(edits)),
                    is_preferred: fix.preferred.then_some(true),
                    ..CodeAction::default()
                }));
            }
        }
        actions
    }

    /// Document symbols: the sections, and each achievement, KPI and
    /// initiative by its title.
    pub fn symbols(&mut self, uri: &Url) -> Option<Vec<DocumentSymbol>> {
        let document = self
            .documents
            .get(uri)
            .filter(|d| is_case(&d.text) && fits(&d.text))?;
        let index = LineIndex::new(&document.text);
        #[allow(deprecated)] // `deprecated` is a field the type still requires.
        fn convert(index: &LineIndex<'_>, symbol: Symbol) -> DocumentSymbol {
            DocumentSymbol {
                name: symbol.name,
                detail: None,
                kind: if symbol.kind == "section" {
                    SymbolKind::NAMESPACE
                } else {
                    SymbolKind::OBJECT
                },
                tags: None,
                deprecated: None,
                range: index.range(symbol.range),
                selection_range: index.range(symbol.name_range),
                children: (!symbol.children.is_empty()).then(|| {
                    symbol
                        .children
                        .into_iter()
                        .map(|child| convert(index, child))
                        .collect()
                }),
            }
        }
        Some(
            outline(&document.text)
                .into_iter()
                .map(|symbol| convert(&index, symbol))
                .collect(),
        )
    }
}

/// Whether a text is within the loader's size limit.
fn fits(text: &str) -> bool {
    text.len() as u64 <= MAX_FILE_BYTES
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 1).unwrap_or_default()
    }

    fn thin() -> (Url, String) {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/it-manager-thin.yaml");
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let uri = Url::from_file_path(&path).unwrap_or_else(|()| panic!("a file URI"));
        (uri, text)
    }

    /// A workspace with the thin example open, its diagnostics and notices,
    /// and its `succession-missing` diagnostic.
    fn thin_opened() -> (Workspace, Url, Vec<Notice>, Diagnostic) {
        let (uri, text) = thin();
        let mut workspace = Workspace::new(Settings::default(), today());
        workspace.open(uri.clone(), text, 1);
        let (published, notices) = workspace.diagnostics(&uri);
        let succession = published
            .diagnostics
            .iter()
            .find(|d| d.code == Some(NumberOrString::String("succession-missing".into())))
            .cloned()
            .unwrap_or_else(|| panic!("{:?}", published.diagnostics));
        (workspace, uri, notices, succession)
    }

    #[test]
    fn cases_are_told_from_other_yaml() {
        assert!(is_case(
            "# yaml-language-server: $schema=promocase.schema.json\n"
        ));
        assert!(is_case("candidate:\n  name: A\nask:\n  statement: B\n"));
        assert!(!is_case("name: build\non: push\njobs: {}\n"));
        assert!(!is_case("candidate:\n  name: A\n"));
        assert!(!is_case(""));
    }

    #[test]
    fn findings_have_their_rule_link_and_hint() {
        let (mut workspace, uri, notices, succession) = thin_opened();
        let href = succession
            .code_description
            .as_ref()
            .map(|c| c.href.to_string())
            .unwrap_or_default();
        assert!(href.starts_with("data:text/plain"), "{href}");
        let related = succession.related_information.clone().unwrap_or_default();
        assert!(related.iter().any(|r| r.message.starts_with("hint: ")));
        assert!(
            notices
                .iter()
                .any(|n| n.text.contains("built-in rubric of its target level")),
            "{notices:?}"
        );
        // Said once: the next analysis of the same document says nothing new.
        workspace.change(&uri, 2, Vec::new());
        assert!(workspace.diagnostics(&uri).1.is_empty());
    }

    #[test]
    fn hovering_a_finding_explains_its_rule() {
        let (mut workspace, uri, _, succession) = thin_opened();
        let hover = workspace
            .hover(&uri, succession.range.start)
            .map(|h| match h.contents {
                HoverContents::Markup(markup) => markup.value,
                _ => String::new(),
            });
        let text = hover.unwrap_or_default();
        assert!(text.contains("**succession-missing**"), "{text}");
        assert!(text.contains("```yaml\nsuccession:"), "{text}");
    }

    #[test]
    fn a_company_link_template_names_the_rule() {
        let (uri, text) = thin();
        let settings = Settings {
            rule_docs_url: Some("https://wiki.example.com/promocase/{rule}".into()),
            ..Settings::default()
        };
        let mut workspace = Workspace::new(settings, today());
        workspace.open(uri.clone(), text, 1);
        let (published, _) = workspace.diagnostics(&uri);
        assert!(published.diagnostics.iter().any(|d| {
            d.code_description.as_ref().map(|c| c.href.as_str())
                == Some("https://wiki.example.com/promocase/succession-missing")
        }));
    }

    #[test]
    fn incremental_changes_apply_in_utf16() {
        let mut text = "name: Lucía 🙂\nnext\n".to_string();
        apply_change(
            &mut text,
            TextDocumentContentChangeEvent {
                range: Some(Range::new(Position::new(0, 12), Position::new(0, 14))),
                range_length: None,
                text: "€".into(),
            },
        );
        assert_eq!(text, "name: Lucía €\nnext\n");
    }

    #[test]
    fn a_misspelt_key_is_replaced_by_its_field() {
        let uri = Url::parse("file:///tmp/ana.yaml").unwrap_or_else(|_| panic!("a URI"));
        let text = "candidate:\n  nmae: Ana\nask:\n  statement: X\n";
        let mut workspace = Workspace::new(Settings::default(), today());
        workspace.open(uri.clone(), text.to_string(), 1);
        let actions =
            workspace.code_actions(&uri, Range::new(Position::new(1, 3), Position::new(1, 3)));
        let titles: Vec<String> = actions
            .iter()
            .filter_map(|a| match a {
                CodeActionOrCommand::CodeAction(a) => Some(a.title.clone()),
                CodeActionOrCommand::Command(_) => None,
            })
            .collect();
        assert!(
            titles.contains(&"Replace `nmae` with `name`".to_string()),
            "{titles:?}"
        );
    }
}
