//! Characters of the case that no font can draw, or only a monospaced one.
//!
//! Typst prints a character no font has as an empty box (or nothing) and
//! says nothing about it, so a name in Chinese or an emoji in a title could
//! vanish from a document sent to an executive. Before a build, every text of
//! the case is checked against the fonts the build will use (typst falls back
//! to any loaded font, so a character counts as drawable when any of them
//! has it), and each field with missing characters gets a located warning
//! that names them and the font to add with `--font-path`. A character only
//! a monospaced font has (Arabic, with the embedded fonts) prints, but in a
//! typewriter face among the serif text: that gets a warning of its own.

use std::collections::HashMap;

use serde_json::Value;
use typst::text::FontFlags;

use super::Fonts;
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::LoadedCase;
use crate::model::locate::for_each_text;

/// Beyond this many fields, one summary stands for the rest: a case written
/// wholly in a script the fonts lack would otherwise drown the output.
const MAX_LOCATED: usize = 8;

/// A warning per field (up to eight, then one summary) whose text holds
/// characters no font covers, and the same for characters only a monospaced
/// font covers.
pub fn missing_glyphs(loaded: &LoadedCase, fonts: &Fonts) -> Vec<Diagnostic> {
    let Ok(value) = serde_json::to_value(&loaded.case) else {
        return Vec::new();
    };
    let mut checker = Checker {
        fonts,
        known: HashMap::new(),
        missing: Vec::new(),
        monospace: Vec::new(),
    };
    checker.walk(&value);
    let mut diagnostics = located(
        loaded,
        checker.missing,
        &Kind {
            code: "missing-glyphs",
            label: "not in any font",
            message: |chars| {
                format!(
                    "no font of this build has {}: {} would print as empty boxes",
                    describe(chars),
                    if chars.len() == 1 { "it" } else { "they" }
                )
            },
            summary: "hold characters no font has",
        },
    );
    diagnostics.extend(located(
        loaded,
        checker.monospace,
        &Kind {
            code: "monospace-glyphs",
            label: "only in the monospaced font",
            message: |chars| {
                format!(
                    "only the monospaced font of this build has {}: {} would print in a typewriter face among the serif text",
                    describe(chars),
                    if chars.len() == 1 { "it" } else { "they" }
                )
            },
            summary: "hold characters only the monospaced font has",
        },
    ));
    diagnostics
}

/// How one class of gaps is reported.
struct Kind {
    code: &'static str,
    label: &'static str,
    message: fn(&[char]) -> String,
    /// `N more fields of the case …`
    summary: &'static str,
}

/// A located warning per field, up to [`MAX_LOCATED`], then one summary.
fn located(
    loaded: &LoadedCase,
    mut gaps: Vec<(String, Vec<char>)>,
    kind: &Kind,
) -> Vec<Diagnostic> {
    // In the order of the file, not of the serialised keys.
    gaps.sort_by_key(|(pointer, _)| loaded.locations.value(pointer).start);
    let mut diagnostics = Vec::new();
    let mut all: Vec<char> = Vec::new();
    for (index, (pointer, chars)) in gaps.iter().enumerate() {
        for &c in chars {
            if !all.contains(&c) {
                all.push(c);
            }
        }
        if index < MAX_LOCATED {
            diagnostics.push(
                warning(loaded, kind.code, (kind.message)(chars))
                    .at(loaded.locations.value(pointer))
                    .with_label(kind.label)
                    .with_hint(advice(chars)),
            );
        }
    }
    let rest = gaps.len().saturating_sub(MAX_LOCATED);
    if rest > 0 {
        diagnostics.push(
            warning(
                loaded,
                kind.code,
                format!(
                    "{rest} more {} of the case {}; in all: {}",
                    if rest == 1 { "field" } else { "fields" },
                    kind.summary,
                    list(&all, 40)
                ),
            )
            .with_hint(advice(&all)),
        );
    }
    diagnostics
}

fn warning(loaded: &LoadedCase, code: &str, message: String) -> Diagnostic {
    let mut diagnostic = Diagnostic::error(code, &loaded.source, message);
    diagnostic.severity = Severity::Warning;
    diagnostic
}

/// Which fonts of the build can draw a character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reach {
    Proportional,
    MonospaceOnly,
    Nowhere,
}

struct Checker<'a> {
    fonts: &'a Fonts,
    known: HashMap<char, Reach>,
    /// JSON pointer of a field → its characters no font has, in order of appearance.
    missing: Vec<(String, Vec<char>)>,
    /// JSON pointer of a field → its characters only a monospaced font has.
    monospace: Vec<(String, Vec<char>)>,
}

impl Checker<'_> {
    fn walk(&mut self, value: &Value) {
        for_each_text(value, "", &mut |pointer, text| {
            let mut missing = Vec::new();
            let mut monospace = Vec::new();
            for c in text.chars() {
                match self.reach(c) {
                    Reach::Nowhere if !missing.contains(&c) => missing.push(c),
                    Reach::MonospaceOnly if !monospace.contains(&c) => monospace.push(c),
                    _ => {}
                }
            }
            if !missing.is_empty() {
                self.missing.push((pointer.to_string(), missing));
            }
            if !monospace.is_empty() {
                self.monospace.push((pointer.to_string(), monospace));
            }
        });
    }

    /// Typst falls back to any font that has a character; when only
    /// monospaced ones do, that is the face it prints in.
    fn reach(&mut self, c: char) -> Reach {
        if invisible(c) {
            return Reach::Proportional;
        }
        let fonts = self.fonts;
        *self.known.entry(c).or_insert_with(|| {
            let mut reach = Reach::Nowhere;
            for info in fonts.infos() {
                if info.coverage.contains(u32::from(c)) {
                    if !info.flags.contains(FontFlags::MONOSPACE) {
                        return Reach::Proportional;
                    }
                    reach = Reach::MonospaceOnly;
                }
            }
            reach
        })
    }
}

/// Characters that draw nothing of their own: spaces, controls, joiners,
/// direction marks and variation selectors. No font needs a glyph for them.
fn invisible(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || matches!(
            u32::from(c),
            0x00AD
                | 0x034F
                | 0x061C
                | 0x180B..=0x180F
                | 0x200B..=0x200F
                | 0x202A..=0x202E
                | 0x2060..=0x206F
                | 0xFE00..=0xFE0F
                | 0xFEFF
                | 0xE0000..=0xE0FFF
        )
}

/// A script a character belongs to, and a free font that covers it.
fn script(c: char) -> Option<(&'static str, &'static str)> {
    Some(match u32::from(c) {
        0x0370..=0x03FF | 0x1F00..=0x1FFF => ("Greek", "Noto Sans"),
        0x0400..=0x052F => ("Cyrillic", "Noto Sans"),
        0x0590..=0x05FF | 0xFB1D..=0xFB4F => ("Hebrew", "Noto Sans Hebrew"),
        0x0600..=0x06FF | 0x0750..=0x077F | 0x08A0..=0x08FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFE => {
            ("Arabic", "Noto Sans Arabic")
        }
        0x0900..=0x097F => ("Devanagari", "Noto Sans Devanagari"),
        0x0E00..=0x0E7F => ("Thai", "Noto Sans Thai"),
        0x1100..=0x11FF | 0x3130..=0x318F | 0xAC00..=0xD7AF => ("Korean", "Noto Sans CJK KR"),
        0x3040..=0x30FF | 0x31F0..=0x31FF => ("Japanese", "Noto Sans CJK JP"),
        0x2E80..=0x2FDF
        | 0x3000..=0x303F
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xF900..=0xFAFF
        | 0xFF00..=0xFFEF
        | 0x20000..=0x3FFFF => ("Chinese, Japanese or Korean", "Noto Sans CJK"),
        0x2600..=0x27BF | 0x1F000..=0x1FAFF => ("emoji", "Noto Color Emoji"),
        _ => return None,
    })
}

/// `销, 株 (Chinese, Japanese or Korean) and 🚀 (emoji)`, as the message's subject.
fn describe(chars: &[char]) -> String {
    let mut scripts: Vec<(&str, Vec<char>)> = Vec::new();
    for &c in chars {
        let name = script(c).map_or("other", |(name, _)| name);
        match scripts.iter_mut().find(|(n, _)| *n == name) {
            Some((_, chars)) => chars.push(c),
            None => scripts.push((name, vec![c])),
        }
    }
    let parts: Vec<String> = scripts
        .iter()
        .map(|(name, chars)| {
            if *name == "other" {
                list(chars, 12)
            } else {
                format!("{} ({name})", list(chars, 12))
            }
        })
        .collect();
    parts.join(" and ")
}

/// The hint: which fonts to add, and how.
fn advice(missing: &[char]) -> String {
    let mut fonts: Vec<&str> = Vec::new();
    for font in missing
        .iter()
        .filter_map(|&c| script(c).map(|(_, font)| font))
    {
        if !fonts.contains(&font) {
            fonts.push(font);
        }
    }
    let suggestion = if fonts.is_empty() {
        "a font that covers these characters".to_string()
    } else {
        format!("e.g. {}", fonts.join(", "))
    };
    format!(
        "put a font that has them in a folder and build with `--font-path FOLDER` ({suggestion}; the Noto fonts are free at fonts.google.com/noto)"
    )
}

/// `销 (U+9500), 售 (U+552E)`, at most `limit` of them: the code point names
/// a character even where the terminal lacks the font too.
fn list(chars: &[char], limit: usize) -> String {
    let mut shown: Vec<String> = chars
        .iter()
        .take(limit)
        .map(|c| format!("{c} (U+{:04X})", u32::from(*c)))
        .collect();
    if chars.len() > limit {
        shown.push(format!("and {} more", chars.len() - limit));
    }
    shown.join(", ")
}
