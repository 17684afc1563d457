//! The reader's language: the wording of the documents ([`catalogue`]) and
//! the locale's conventions for dates, numbers, money, percentages and
//! plurals, from CLDR through ICU4X ([`cldr`]).
//!
//! A [`Locale`] is made once per language and passed to [`crate::format`]
//! (figures and dates) and to the document data ([`crate::render::data`]),
//! which take every word and convention from it, and to `check`, whose
//! findings speak the case's language too ([`crate::rubric::check_case`]).
//! [`shared`] makes each built-in locale once per process, and
//! [`language_of`] is the one place that decides a case's language.

pub mod catalogue;
mod cldr;

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex, OnceLock};

pub use catalogue::{Catalogue, Text};
pub use cldr::Cldr;

use crate::model::{Label, Labelled, LanguageTag};

/// A language with its catalogue and its CLDR conventions.
/// The keys of the workspace page's own words, kept out of the documents' data.
pub const WORKSPACE_PREFIX: &str = "ui.";

/// The keys of what `check` and `explain` say (`check.*`: their frame;
/// `finding.RULE.NAME`: the rules' sentences, and `explain.RULE`: their
/// explanations, whose English is in the rule files), kept out of the
/// documents' data too.
pub const CHECK_PREFIXES: [&str; 3] = ["check.", "finding.", "explain."];

pub struct Locale {
    pub tag: LanguageTag,
    pub catalogue: Catalogue,
    pub(crate) cldr: Cldr,
}

impl std::fmt::Debug for Locale {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Locale").field("tag", &self.tag).finish()
    }
}

/// The built-in locale of `tag`, made once per process and shared by every
/// document and every check in that language.
pub fn shared(tag: &LanguageTag) -> Arc<Locale> {
    static CACHE: OnceLock<Mutex<HashMap<String, Arc<Locale>>>> = OnceLock::new();
    let cache = CACHE.get_or_init(|| Mutex::new(HashMap::new()));
    let key = tag.tag();
    if let Ok(cache) = cache.lock()
        && let Some(found) = cache.get(&key)
    {
        return Arc::clone(found);
    }
    let locale = Arc::new(Locale::built_in(tag.clone()));
    if let Ok(mut cache) = cache.lock() {
        cache.insert(key, Arc::clone(&locale));
    }
    locale
}

/// The wording of a case's load errors: `--lang`, else the `language:` its
/// text declares (read without loading it), else English.
pub fn wording_for(text: &str, flag: Option<&LanguageTag>) -> Arc<Locale> {
    let declared = crate::model::load::declared_language(text);
    shared(&language_of(flag, declared.as_ref()))
}

/// Loads a case from a file, or from standard input for `-`, with what is
/// wrong in it explained in its language ([`wording_for`]).
pub fn load_input(
    path: &std::path::Path,
    today: chrono::NaiveDate,
    flag: Option<&LanguageTag>,
) -> Result<crate::model::LoadedCase, crate::model::load::LoadError> {
    let source = crate::model::load::read_input(path)?;
    let words = wording_for(&source.text, flag);
    crate::model::load::parse_case_in(source, today, &*words)
}

/// The built-in locale of a tag as a page sends it (`de`, `pt-BR`); English
/// for an empty or unsupported one.
pub fn shared_for_tag(tag: &str) -> Arc<Locale> {
    shared(&LanguageTag::parse(tag).unwrap_or_else(|_| LanguageTag::english()))
}

/// The language a case is read in: `--lang` when given, else the case's
/// own `language:`, else English. Its documents, its findings and the
/// workspace follow it.
pub fn language_of(flag: Option<&LanguageTag>, case: Option<&LanguageTag>) -> LanguageTag {
    flag.or(case).cloned().unwrap_or_else(LanguageTag::english)
}

/// The English catalogue, read once per process: every other catalogue is
/// completed from it.
pub fn english_catalogue() -> &'static Catalogue {
    static ENGLISH: OnceLock<Catalogue> = OnceLock::new();
    ENGLISH.get_or_init(Catalogue::english)
}

impl crate::wording::Wording for Locale {
    fn word(&self, key: &str, english: &str, args: &[(&str, &str)]) -> String {
        match self.catalogue.get(key) {
            Some(text) => catalogue::fill(text.plain(), args),
            None => catalogue::fill(english, args),
        }
    }

    fn reads_english(&self) -> bool {
        self.is_english()
    }
}

impl Locale {
    /// English as promocase has always written it (day month year), shared
    /// by `check`'s messages and every English document.
    pub fn english() -> &'static Locale {
        static ENGLISH: OnceLock<Locale> = OnceLock::new();
        ENGLISH.get_or_init(|| Locale::built_in(LanguageTag::english()))
    }

    /// The built-in catalogue of `tag`'s language with its region's conventions.
    pub fn built_in(tag: LanguageTag) -> Locale {
        let catalogue = Catalogue::built_in(tag.language, english_catalogue());
        Self::with_catalogue(tag, catalogue)
    }

    pub fn with_catalogue(tag: LanguageTag, catalogue: Catalogue) -> Locale {
        let cldr = Cldr::new(&tag);
        Locale {
            tag,
            catalogue,
            cldr,
        }
    }

    /// The text of `key` with its placeholders filled.
    pub fn text(&self, key: &str, args: &[(&str, &str)]) -> String {
        catalogue::fill(self.catalogue.text(key), args)
    }

    /// The form of `key` for `count` by the language's plural rules, filled;
    /// `{count}` is the count as the locale writes it.
    pub fn count(&self, key: &str, count: f64, args: &[(&str, &str)]) -> String {
        let category = self.cldr.plural_category(count);
        let form = match self.catalogue.get(key) {
            Some(Text::Plural(forms)) => forms.form(category),
            Some(Text::One(text)) => text.as_str(),
            None => key,
        };
        let written = self.cldr.number(count, 2, false);
        let mut all = vec![("count", written.as_str())];
        all.extend_from_slice(args);
        catalogue::fill(form, &all)
    }

    /// The words for an enum value, in this language.
    pub fn label<T: Labelled>(&self, value: T) -> Label<'_> {
        let key = value.key();
        Label {
            id: value.id(),
            label: match self.catalogue.get(&key) {
                Some(text) => text.plain(),
                None => value.label(),
            },
        }
    }

    /// The plain texts templates receive as `data.labels`.
    pub fn template_texts(&self) -> BTreeMap<&str, &str> {
        let mut texts = self.catalogue.plain_texts();
        texts.retain(|key, _| {
            !key.starts_with(WORKSPACE_PREFIX)
                && !CHECK_PREFIXES.iter().any(|prefix| key.starts_with(prefix))
        });
        texts
    }

    /// The workspace page's own words (`ui.*`) and the documents' names its
    /// preview list shows, for `promocase serve` and the site to send the
    /// page: `{"lang", "dir", "texts": {key: text}}`.
    pub fn workspace_texts(&self) -> serde_json::Value {
        let mut texts: BTreeMap<String, String> = self
            .catalogue
            .plain_texts()
            .into_iter()
            .filter(|(key, _)| {
                key.starts_with(WORKSPACE_PREFIX)
                    || matches!(
                        *key,
                        "document.proposal" | "document.brief" | "document.talking-points"
                    )
            })
            .map(|(key, text)| (key.to_string(), text.to_string()))
            .collect();
        // The readiness table's words, as the documents say them.
        let mut add = |key: String, label: Label<'_>| {
            texts.insert(key, label.label.to_string());
        };
        for dimension in crate::model::Dimension::ALL {
            add(dimension.key(), self.label(dimension));
        }
        for status in crate::model::EvidenceStatus::ALL {
            add(status.key(), self.label(status));
        }
        for level in crate::model::Level::ALL {
            add(level.key(), self.label(level));
        }
        serde_json::json!({
            "lang": self.tag.language.code,
            "dir": self.direction(),
            "texts": texts,
        })
    }

    /// `text` in capitals as the language writes them: Turkish capitalises
    /// i as İ (Rust's own upper-casing ignores the language).
    pub fn upper(&self, text: &str) -> String {
        if self.tag.language.code == "tr" {
            text.replace('i', "İ").to_uppercase()
        } else {
            text.to_uppercase()
        }
    }

    /// `text` in small letters as the language writes them (Turkish: I is ı,
    /// İ is i).
    pub fn lower(&self, text: &str) -> String {
        if self.tag.language.code == "tr" {
            text.replace('I', "ı").replace('İ', "i").to_lowercase()
        } else {
            text.to_lowercase()
        }
    }

    pub fn is_english(&self) -> bool {
        self.tag.language.code == "en"
    }

    /// The paper documents print on, as typst names it: US Letter in the
    /// regions CLDR gives it (`en-US`, `fr-CA`, `es-MX`, …), A4 elsewhere and
    /// for a language without a region.
    pub fn paper(&self) -> &'static str {
        // CLDR's supplemental paperSize data: US-Letter territories.
        const LETTER: [&str; 14] = [
            "BZ", "CA", "CL", "CO", "CR", "GT", "MX", "NI", "PA", "PH", "PR", "SV", "US", "VE",
        ];
        match &self.tag.region {
            Some(region) if LETTER.contains(&region.as_str()) => "us-letter",
            _ => "a4",
        }
    }

    /// The direction text runs in: `ltr` or `rtl`.
    pub fn direction(&self) -> &'static str {
        if self.tag.language.right_to_left {
            "rtl"
        } else {
            "ltr"
        }
    }
}

#[cfg(test)]
mod tests {
    use super::shared_for_tag;

    #[test]
    fn the_paper_follows_the_region() {
        for (tag, paper) in [
            ("en-US", "us-letter"),
            ("fr-CA", "us-letter"),
            ("es-MX", "us-letter"),
            ("en", "a4"),
            ("en-GB", "a4"),
            ("de", "a4"),
            ("he", "a4"),
        ] {
            assert_eq!(shared_for_tag(tag).paper(), paper, "{tag}");
        }
    }
}
