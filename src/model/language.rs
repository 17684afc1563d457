//! The languages promocase writes documents in, and the case's `language:`
//! field that names one as a BCP 47 tag (`de`, `fr-CA`, `pt-BR`).
//!
//! This is the one table of supported languages: the case format's schema,
//! `--lang`, the catalogues of [`crate::locale`] and typst's `text(lang:)` all
//! read it. A tag is accepted when its language subtag is in the table; a
//! region (`-CA`, `-BR`) is kept for the locale's formats (ICU4X picks the
//! region's conventions, e.g. `en-US` dates) and for typst.

use std::borrow::Cow;
use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Serialize};

/// A language promocase has a complete catalogue for.
#[derive(Debug, PartialEq, Eq)]
pub struct Language {
    /// The BCP 47 language subtag.
    pub code: &'static str,
    /// Its name in English, for messages and `labels list`.
    pub english_name: &'static str,
    /// Its name in itself, for pickers.
    pub native_name: &'static str,
    /// Written right to left.
    pub right_to_left: bool,
    /// The region whose conventions apply when the tag names none: `en`
    /// alone is international English (`001`), which keeps the day-month-year
    /// dates and `€6.4M` promocase has always written; `en-US` and `en-GB`
    /// follow their countries.
    pub default_region: Option<&'static str>,
    /// A month in running text takes its genitive, the form CLDR gives a
    /// month inside a date ("do dubna 2027", "do kwietnia 2027"), where a
    /// month on its own is nominative ("duben 2027").
    pub genitive_month_in_text: bool,
}

/// Every supported language, English first.
pub const LANGUAGES: [Language; 15] = [
    lang("en", "English", "English", Some("001")),
    lang("de", "German", "Deutsch", None),
    lang("fr", "French", "Français", None),
    lang("es", "Spanish", "Español", None),
    lang("it", "Italian", "Italiano", None),
    lang("pt", "Portuguese", "Português", None),
    lang("nl", "Dutch", "Nederlands", None),
    genitive_months(lang("pl", "Polish", "Polski", None)),
    lang("sv", "Swedish", "Svenska", None),
    lang("da", "Danish", "Dansk", None),
    lang("nb", "Norwegian Bokmål", "Norsk bokmål", None),
    lang("fi", "Finnish", "Suomi", None),
    genitive_months(lang("cs", "Czech", "Čeština", None)),
    lang("tr", "Turkish", "Türkçe", None),
    Language {
        code: "he",
        english_name: "Hebrew",
        native_name: "עברית",
        right_to_left: true,
        default_region: None,
        genitive_month_in_text: false,
    },
];

const fn lang(
    code: &'static str,
    english_name: &'static str,
    native_name: &'static str,
    default_region: Option<&'static str>,
) -> Language {
    Language {
        code,
        english_name,
        native_name,
        right_to_left: false,
        default_region,
        genitive_month_in_text: false,
    }
}

/// A language whose months in running text are genitive.
const fn genitive_months(language: Language) -> Language {
    Language {
        genitive_month_in_text: true,
        ..language
    }
}

impl Language {
    pub fn english() -> &'static Language {
        &LANGUAGES[0]
    }

    pub fn find(code: &str) -> Option<&'static Language> {
        LANGUAGES.iter().find(|l| l.code.eq_ignore_ascii_case(code))
    }
}

/// A language tag as a case or `--lang` gives it, checked against
/// [`LANGUAGES`]: the language and, when given, the region.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LanguageTag {
    pub language: &'static Language,
    /// Upper-case region subtag (`CA` of `fr-CA`), when the tag has one.
    pub region: Option<String>,
}

/// Why a tag is not one promocase can write documents in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnsupportedLanguage {
    pub tag: String,
    /// The supported language the tag most resembles, by code or by name.
    pub suggestion: Option<&'static str>,
}

impl fmt::Display for UnsupportedLanguage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "\"{}\" is not a language promocase writes documents in",
            self.tag
        )
    }
}

impl UnsupportedLanguage {
    /// "did you mean `de`? the languages are: en (English), de (German), …"
    pub fn hint(&self) -> String {
        let suggestion = self
            .suggestion
            .map(|s| format!("did you mean `{s}`? "))
            .unwrap_or_default();
        format!(
            "{suggestion}write a language tag such as `de` or `fr-CA`; the languages are: {}",
            supported_list()
        )
    }
}

/// `en (English), de (German), …` for messages.
pub fn supported_list() -> String {
    LANGUAGES
        .iter()
        .map(|l| format!("{} ({})", l.code, l.english_name))
        .collect::<Vec<_>>()
        .join(", ")
}

impl LanguageTag {
    pub fn english() -> Self {
        Self {
            language: Language::english(),
            region: None,
        }
    }

    /// Reads `de`, `fr-CA`, `pt_BR`, `en-us`; a script or variant subtag is
    /// allowed and ignored (documents are written in the language's usual script).
    pub fn parse(text: &str) -> Result<Self, UnsupportedLanguage> {
        let trimmed = text.trim();
        let unsupported = || UnsupportedLanguage {
            tag: trimmed.to_string(),
            suggestion: suggest(trimmed),
        };
        let mut parts = trimmed.split(['-', '_']);
        let code = parts.next().unwrap_or_default();
        let language = Language::find(code).ok_or_else(unsupported)?;
        let mut region = None;
        for part in parts {
            let valid =
                (1..=8).contains(&part.len()) && part.bytes().all(|b| b.is_ascii_alphanumeric());
            if !valid {
                return Err(unsupported());
            }
            let is_region = (part.len() == 2 && part.bytes().all(|b| b.is_ascii_alphabetic()))
                || (part.len() == 3 && part.bytes().all(|b| b.is_ascii_digit()));
            if is_region && region.is_none() {
                region = Some(part.to_ascii_uppercase());
            }
        }
        Ok(Self { language, region })
    }

    /// The tag as BCP 47 writes it: `fr-CA`.
    pub fn tag(&self) -> String {
        match &self.region {
            Some(region) => format!("{}-{region}", self.language.code),
            None => self.language.code.to_string(),
        }
    }

    /// The region whose conventions the formats follow.
    pub fn effective_region(&self) -> Option<&str> {
        self.region.as_deref().or(self.language.default_region)
    }
}

fn suggest(typed: &str) -> Option<&'static str> {
    let lower = typed.to_lowercase();
    // "German", "deutsch" and "ger" name a language as well as "de" does.
    LANGUAGES
        .iter()
        .find(|l| {
            l.english_name.eq_ignore_ascii_case(&lower)
                || l.native_name.to_lowercase() == lower
                || (lower.len() >= 3 && l.english_name.to_lowercase().starts_with(&lower))
        })
        .map(|l| l.code)
        .or_else(|| {
            let code = lower.split(['-', '_']).next().unwrap_or_default();
            crate::suggest::closest(code, LANGUAGES.iter().map(|l| l.code))
        })
        .or_else(|| {
            crate::suggest::closest(&lower, LANGUAGES.iter().map(|l| l.english_name))
                .and_then(|name| LANGUAGES.iter().find(|l| l.english_name == name))
                .map(|l| l.code)
        })
}

impl fmt::Display for LanguageTag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.tag())
    }
}

impl Serialize for LanguageTag {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.tag())
    }
}

impl<'de> Deserialize<'de> for LanguageTag {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        LanguageTag::parse(&text).map_err(|e| serde::de::Error::custom(e.to_string()))
    }
}

/// The pattern the schema gives editors, accepting exactly what
/// [`LanguageTag::parse`] accepts.
pub fn tag_pattern() -> String {
    let any_case = |code: &str| {
        code.chars()
            .map(|c| format!("[{}{}]", c, c.to_ascii_uppercase()))
            .collect::<String>()
    };
    let codes: Vec<String> = LANGUAGES.iter().map(|l| any_case(l.code)).collect();
    format!("^({})([-_][A-Za-z0-9]{{1,8}})*$", codes.join("|"))
}

impl JsonSchema for LanguageTag {
    fn schema_name() -> Cow<'static, str> {
        "LanguageTag".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "pattern": tag_pattern(),
            "examples": LANGUAGES.iter().map(|l| l.code).collect::<Vec<_>>(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_keep_their_region() {
        let tag = LanguageTag::parse("fr-CA").unwrap();
        assert_eq!(tag.language.code, "fr");
        assert_eq!(tag.tag(), "fr-CA");
        assert_eq!(LanguageTag::parse("pt_br").unwrap().tag(), "pt-BR");
        assert_eq!(LanguageTag::parse("DE").unwrap().tag(), "de");
        assert_eq!(LanguageTag::english().effective_region(), Some("001"));
        assert_eq!(
            LanguageTag::parse("en-US").unwrap().effective_region(),
            Some("US")
        );
    }

    #[test]
    fn unsupported_tags_suggest_the_nearest_language() {
        let error = LanguageTag::parse("german").unwrap_err();
        assert_eq!(error.suggestion, Some("de"));
        assert_eq!(
            LanguageTag::parse("Deutsch").unwrap_err().suggestion,
            Some("de")
        );
        assert_eq!(
            LanguageTag::parse("fra").unwrap_err().suggestion,
            Some("fr")
        );
        assert!(LanguageTag::parse("xx").is_err());
        assert!(LanguageTag::parse("ja").is_err());
        assert!(error.hint().contains("he (Hebrew)"));
    }

    #[test]
    fn the_schema_pattern_agrees_with_the_parser() {
        let pattern_text = tag_pattern();
        let pattern = regex_lite(&pattern_text);
        for ok in ["de", "fr-CA", "pt_BR", "en-us", "DE"] {
            assert!(pattern(ok), "{ok}");
            assert!(LanguageTag::parse(ok).is_ok(), "{ok}");
        }
        for bad in ["xx", "german", "de-", "ja-JP"] {
            assert!(!pattern(bad), "{bad}");
            assert!(LanguageTag::parse(bad).is_err(), "{bad}");
        }
    }

    /// The pattern through the validator the loader uses.
    fn regex_lite(pattern: &str) -> impl Fn(&str) -> bool + use<> {
        let schema = serde_json::json!({"type": "string", "pattern": pattern});
        let validator = jsonschema::validator_for(&schema).expect("pattern compiles");
        move |text| validator.is_valid(&serde_json::json!(text))
    }
}
