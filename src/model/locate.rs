//! Where every value of a YAML file stands in the text.
//!
//! serde_yaml decodes values but forgets their positions, so the file is read a
//! second time with saphyr's event parser, which reports a span for every
//! event. The result maps each value's path, written as a JSON Pointer
//! (`/achievements/2/outcomes/0/result`, the same form the schema validator
//! uses), to the span of its key and of its value. `check` uses it to point at
//! a field, or at the nearest parent that exists when the field is missing.

use std::collections::HashMap;
use std::ops::Range;

use saphyr_parser::{Event, Parser, Span};

use crate::diagnostic::SourceFile;

/// Spans of one value in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spans {
    /// The key in front of the value (`title:`), when the value sits in a mapping.
    pub key: Option<Range<usize>>,
    /// The value itself; for a section or list, its first line.
    pub value: Range<usize>,
}

impl Spans {
    /// The best place to point at: the key when there is one, since it names the field.
    pub fn primary(&self) -> Range<usize> {
        self.key.clone().unwrap_or_else(|| self.value.clone())
    }
}

/// A key written twice in one mapping.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Duplicate {
    pub key: String,
    pub first: Range<usize>,
    pub second: Range<usize>,
}

/// Path → spans for every value of a file.
#[derive(Debug, Clone, Default)]
pub struct Locations {
    spans: HashMap<String, Spans>,
    duplicates: Vec<Duplicate>,
}

impl Locations {
    /// Indexes `source`. A file saphyr cannot read (serde_yaml accepted it, so
    /// this is rare) keeps what was indexed before the problem.
    pub fn index(source: &SourceFile) -> Self {
        let mut builder = Builder {
            source,
            cursor: (0, 0),
            ascii: source.text.is_ascii(),
            spans: HashMap::new(),
            duplicates: Vec::new(),
            stack: Vec::new(),
        };
        let mut parser = Parser::new_from_str(&source.text);
        while let Some(Ok((event, span))) = parser.next_event() {
            if matches!(event, Event::DocumentEnd) {
                break;
            }
            builder.event(event, span);
        }
        Self {
            spans: builder.spans,
            duplicates: builder.duplicates,
        }
    }

    /// Keys written twice in the same mapping, in file order.
    pub fn duplicates(&self) -> &[Duplicate] {
        &self.duplicates
    }

    /// The spans of exactly this path.
    pub fn get(&self, pointer: &str) -> Option<&Spans> {
        self.spans.get(pointer)
    }

    /// The spans of this path, or of its nearest ancestor that is in the file.
    pub fn nearest(&self, pointer: &str) -> Option<&Spans> {
        let mut path = pointer;
        loop {
            if let Some(spans) = self.spans.get(path) {
                return Some(spans);
            }
            match path.rfind('/') {
                Some(cut) => path = &path[..cut],
                None => return None,
            }
        }
    }

    /// Where to point for `pointer`: the field when present, else its parent's key.
    pub fn primary(&self, pointer: &str) -> Range<usize> {
        self.nearest(pointer).map_or(0..0, Spans::primary)
    }

    /// Where to point for the value at `pointer` (not its key).
    pub fn value(&self, pointer: &str) -> Range<usize> {
        self.nearest(pointer).map_or(0..0, |s| s.value.clone())
    }
}

/// Escapes one path segment the way JSON Pointer does.
pub fn escape_segment(segment: &str) -> String {
    if segment.contains(['~', '/']) {
        segment.replace('~', "~0").replace('/', "~1")
    } else {
        segment.to_string()
    }
}

/// Joins a pointer and a segment: `pointer_join("/a", "b")` is `/a/b`.
pub fn pointer_join(pointer: &str, segment: impl std::fmt::Display) -> String {
    format!("{pointer}/{}", escape_segment(&segment.to_string()))
}

/// Calls `visit(pointer, text)` for every text in `value` (a case as JSON),
/// with the JSON Pointer [`Locations`] finds it by.
pub fn for_each_text(value: &serde_json::Value, pointer: &str, visit: &mut dyn FnMut(&str, &str)) {
    match value {
        serde_json::Value::String(text) => visit(pointer, text),
        serde_json::Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                for_each_text(item, &pointer_join(pointer, index), visit);
            }
        }
        serde_json::Value::Object(fields) => {
            for (key, item) in fields {
                for_each_text(item, &pointer_join(pointer, key), visit);
            }
        }
        _ => {}
    }
}

enum Frame {
    /// Inside a mapping: the next scalar is a key unless `pending_key` is set.
    Mapping {
        path: String,
        pending_key: Option<(String, Range<usize>)>,
    },
    Sequence {
        path: String,
        next_index: usize,
    },
}

struct Builder<'a> {
    source: &'a SourceFile,
    /// The parser counts characters; spans need bytes. Events arrive in file
    /// order, so a cursor that walks forward converts each index cheaply.
    cursor: (usize, usize),
    /// In ASCII text, characters are bytes.
    ascii: bool,
    spans: HashMap<String, Spans>,
    duplicates: Vec<Duplicate>,
    stack: Vec<Frame>,
}

impl Builder<'_> {
    fn range(&mut self, span: Span) -> Range<usize> {
        let start = self.byte_offset(span.start.index());
        let end = self.byte_offset(span.end.index()).max(start);
        start..end
    }

    /// The byte offset of the character at `char_index`.
    fn byte_offset(&mut self, char_index: usize) -> usize {
        let text = &self.source.text;
        if self.ascii {
            return char_index.min(text.len());
        }
        let (mut chars, mut bytes) = self.cursor;
        // A span's end can lie past the next event's start: step back, don't restart.
        for c in text[..bytes].chars().rev() {
            if chars <= char_index {
                break;
            }
            chars -= 1;
            bytes -= c.len_utf8();
        }
        for c in text[bytes..].chars() {
            if chars == char_index {
                break;
            }
            chars += 1;
            bytes += c.len_utf8();
        }
        self.cursor = (chars, bytes);
        bytes
    }

    /// Claims the path of the next value in the current collection.
    fn next_value_path(&mut self) -> Option<(String, Option<Range<usize>>)> {
        match self.stack.last_mut() {
            None => Some((String::new(), None)),
            Some(Frame::Sequence { path, next_index }) => {
                let p = pointer_join(path, *next_index);
                *next_index += 1;
                Some((p, None))
            }
            Some(Frame::Mapping { path, pending_key }) => pending_key
                .take()
                .map(|(key, key_range)| (pointer_join(path, key), Some(key_range))),
        }
    }

    fn record(&mut self, path: String, key: Option<Range<usize>>, value: Range<usize>) {
        // The first occurrence keeps its place; the second is reported.
        if let Some(existing) = self.spans.get(&path) {
            if let (Some(first), Some(second)) = (existing.key.clone(), key) {
                let name = self.source.text[second.clone()].to_string();
                self.duplicates.push(Duplicate {
                    key: name,
                    first,
                    second,
                });
            }
            return;
        }
        self.spans.insert(path, Spans { key, value });
    }

    fn event(&mut self, event: Event<'_>, span: Span) {
        let range = self.range(span);
        match event {
            Event::Scalar(text, ..) => {
                if let Some(Frame::Mapping { pending_key, .. }) = self.stack.last_mut()
                    && pending_key.is_none()
                {
                    *pending_key = Some((text.into_owned(), range));
                    return;
                }
                if let Some((path, key)) = self.next_value_path() {
                    self.record(path, key, range);
                }
            }
            Event::Alias(_) => {
                if let Some(Frame::Mapping { pending_key, .. }) = self.stack.last_mut()
                    && pending_key.is_none()
                {
                    *pending_key = Some(("*alias".to_string(), range));
                    return;
                }
                if let Some((path, key)) = self.next_value_path() {
                    self.record(path, key, range);
                }
            }
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                let Some((path, key)) = self.next_value_path().or_else(|| {
                    // A collection used as a mapping key: index nothing below it.
                    Some(("\u{0}complex-key".to_string(), None))
                }) else {
                    return;
                };
                // A collection's own span is its first line: from the start marker to the line end.
                let line = self.source.line_range(range.start);
                let value = range.start..line.end.max(range.start);
                self.record(path.clone(), key, value);
                self.stack
                    .push(if matches!(event, Event::MappingStart(..)) {
                        Frame::Mapping {
                            path,
                            pending_key: None,
                        }
                    } else {
                        Frame::Sequence {
                            path,
                            next_index: 0,
                        }
                    });
            }
            Event::MappingEnd | Event::SequenceEnd => {
                self.stack.pop();
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_at(source: &SourceFile, range: Range<usize>) -> &str {
        &source.text[range]
    }

    #[test]
    fn indexes_nested_keys_and_items() {
        let source = SourceFile::new(
            "c.yaml",
            "candidate:\n  name: Ana\nachievements:\n  - title: One\n    outcomes:\n      - metric: leads\n        result: 40\n",
        );
        let locations = Locations::index(&source);
        let name = locations.get("/candidate/name").unwrap();
        assert_eq!(text_at(&source, name.key.clone().unwrap()), "name");
        assert_eq!(text_at(&source, name.value.clone()), "Ana");
        let result = locations.get("/achievements/0/outcomes/0/result").unwrap();
        assert_eq!(text_at(&source, result.value.clone()), "40");
        assert_eq!(source.line_column(result.value.start), (7, 17));
    }

    #[test]
    fn missing_fields_fall_back_to_the_parent() {
        let source = SourceFile::new("c.yaml", "candidate:\n  name: Ana\n");
        let locations = Locations::index(&source);
        let range = locations.primary("/candidate/target_title");
        assert_eq!(text_at(&source, range), "candidate");
    }

    #[test]
    fn flow_collections_are_indexed() {
        let source = SourceFile::new("c.yaml", "dims: [strategy, budget]\n");
        let locations = Locations::index(&source);
        let second = locations.get("/dims/1").unwrap();
        assert_eq!(text_at(&source, second.value.clone()), "budget");
    }
}
