//! How a message is worded in the reader's language, at the bottom of the
//! crate so that every layer can use it: a text's `{placeholders}`, filled
//! by plain replacement ([`fill`]), and [`Wording`], through which the case
//! loader ([`crate::model::load`]) words its errors without knowing the
//! catalogues. [`crate::locale::Locale`] is the wording in a language (its
//! catalogue's `load.*` texts); [`English`] is the English written beside
//! each message, which every language falls back to.

/// The names of the placeholders a text holds, in order: `{name}` → `name`.
pub fn placeholders(text: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close)
                if close > 0
                    && after[..close]
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b == b'_') =>
            {
                names.push(&after[..close]);
                rest = &after[close + 1..];
            }
            _ => rest = after,
        }
    }
    names
}

/// Fills a text's placeholders; a placeholder without a value stays as written.
pub fn fill(text: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            let name = &after[..close];
            args.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| (close, *v))
        });
        match value {
            Some((close, value)) => {
                out.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Words a message by key: the reader's language, or `english` (the text
/// beside the message in the code) where the language has none.
pub trait Wording: Sync {
    fn word(&self, key: &str, english: &str, args: &[(&str, &str)]) -> String;

    /// Whether the reader reads English: the case format's own field
    /// descriptions (from the schema, in English) are quoted only then.
    fn reads_english(&self) -> bool {
        true
    }
}

/// The English beside each message.
pub struct English;

impl Wording for English {
    fn word(&self, _key: &str, english: &str, args: &[(&str, &str)]) -> String {
        fill(english, args)
    }
}
