//! The wording of the documents in one language: a catalogue of texts by
//! key, read from `locales/<code>.yaml` (embedded in the binary) and, on top,
//! a company's own labels file.
//!
//! A text may hold placeholders (`{name}`) that the documents fill in, and a
//! text with a count gives one form per plural category of its language.
//! English is the reference: every other catalogue has its keys, and a key a
//! catalogue lacks falls back to the English text (with one warning that
//! names them all). The English catalogue is `locales/en.yaml` plus the words
//! for enum values from [`crate::model::label`], so those are defined once.
//!
//! Labels files are checked like rubric files: YAML errors, unknown keys
//! (with the nearest key suggested), placeholders a text does not take and
//! plural forms where none belong are located errors.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::diagnostic::{Diagnostic, SourceFile};
use crate::model::label::all_labels;
use crate::model::{DocumentSchema, Language, parse_document};

/// The catalogues built into the binary, by language code.
const BUILT_IN: [(&str, &str); 15] = [
    ("en", include_str!("../../locales/en.yaml")),
    ("de", include_str!("../../locales/de.yaml")),
    ("fr", include_str!("../../locales/fr.yaml")),
    ("es", include_str!("../../locales/es.yaml")),
    ("it", include_str!("../../locales/it.yaml")),
    ("pt", include_str!("../../locales/pt.yaml")),
    ("nl", include_str!("../../locales/nl.yaml")),
    ("pl", include_str!("../../locales/pl.yaml")),
    ("sv", include_str!("../../locales/sv.yaml")),
    ("da", include_str!("../../locales/da.yaml")),
    ("nb", include_str!("../../locales/nb.yaml")),
    ("fi", include_str!("../../locales/fi.yaml")),
    ("cs", include_str!("../../locales/cs.yaml")),
    ("tr", include_str!("../../locales/tr.yaml")),
    ("he", include_str!("../../locales/he.yaml")),
];

/// The built-in catalogues as JSON, made from the YAML by `build.rs`: the
/// form read at run time.
const BUILT_IN_JSON: [(&str, &str); 15] = [
    ("en", include_str!(concat!(env!("OUT_DIR"), "/en.json"))),
    ("de", include_str!(concat!(env!("OUT_DIR"), "/de.json"))),
    ("fr", include_str!(concat!(env!("OUT_DIR"), "/fr.json"))),
    ("es", include_str!(concat!(env!("OUT_DIR"), "/es.json"))),
    ("it", include_str!(concat!(env!("OUT_DIR"), "/it.json"))),
    ("pt", include_str!(concat!(env!("OUT_DIR"), "/pt.json"))),
    ("nl", include_str!(concat!(env!("OUT_DIR"), "/nl.json"))),
    ("pl", include_str!(concat!(env!("OUT_DIR"), "/pl.json"))),
    ("sv", include_str!(concat!(env!("OUT_DIR"), "/sv.json"))),
    ("da", include_str!(concat!(env!("OUT_DIR"), "/da.json"))),
    ("nb", include_str!(concat!(env!("OUT_DIR"), "/nb.json"))),
    ("fi", include_str!(concat!(env!("OUT_DIR"), "/fi.json"))),
    ("cs", include_str!(concat!(env!("OUT_DIR"), "/cs.json"))),
    ("tr", include_str!(concat!(env!("OUT_DIR"), "/tr.json"))),
    ("he", include_str!(concat!(env!("OUT_DIR"), "/he.json"))),
];

/// The text of a built-in catalogue file, as `labels show` prints it.
pub fn built_in_text(code: &str) -> Option<&'static str> {
    BUILT_IN.iter().find(|(c, _)| *c == code).map(|(_, t)| *t)
}

/// One text of a catalogue: plain, or one form per plural category.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Text {
    One(String),
    Plural(PluralForms),
}

/// The forms of a text with a count; `other` is required.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PluralForms {
    pub zero: Option<String>,
    pub one: Option<String>,
    pub two: Option<String>,
    pub few: Option<String>,
    pub many: Option<String>,
    pub other: String,
}

impl PluralForms {
    /// The form for a CLDR category, `other` when the catalogue gives none.
    pub fn form(&self, category: &str) -> &str {
        let form = match category {
            "zero" => &self.zero,
            "one" => &self.one,
            "two" => &self.two,
            "few" => &self.few,
            "many" => &self.many,
            _ => &None,
        };
        form.as_deref().unwrap_or(&self.other)
    }

    fn forms(&self) -> impl Iterator<Item = (&'static str, &str)> {
        [
            ("zero", self.zero.as_deref()),
            ("one", self.one.as_deref()),
            ("two", self.two.as_deref()),
            ("few", self.few.as_deref()),
            ("many", self.many.as_deref()),
            ("other", Some(self.other.as_str())),
        ]
        .into_iter()
        .filter_map(|(category, form)| form.map(|f| (category, f)))
    }
}

impl Text {
    /// The plain text, or the `other` form of a plural one.
    pub fn plain(&self) -> &str {
        match self {
            Text::One(text) => text,
            Text::Plural(forms) => &forms.other,
        }
    }

    fn all_forms(&self) -> Vec<&str> {
        match self {
            Text::One(text) => vec![text.as_str()],
            Text::Plural(forms) => forms.forms().map(|(_, f)| f).collect(),
        }
    }
}

/// A catalogue file: its language and its texts.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CatalogueFile {
    /// The language code of the texts, e.g. `de`.
    pub language: String,
    /// Texts by key; `promocase labels show en` lists every key.
    pub labels: BTreeMap<String, Text>,
}

/// The schema of a labels file, generated once per process.
pub fn catalogue_schema() -> &'static DocumentSchema {
    static SCHEMA: std::sync::OnceLock<DocumentSchema> = std::sync::OnceLock::new();
    SCHEMA.get_or_init(DocumentSchema::for_type::<CatalogueFile>)
}

pub use crate::wording::{fill, placeholders};

/// The texts of one language, complete: English fills what it lacks.
#[derive(Debug, Clone)]
pub struct Catalogue {
    pub language: &'static Language,
    texts: BTreeMap<String, Text>,
    /// Keys this language's catalogue lacked, filled from English.
    pub missing: Vec<String>,
}

impl Catalogue {
    /// The English catalogue: `locales/en.yaml` and the enum words.
    pub fn english() -> Catalogue {
        let mut texts = parse_built_in("en").labels;
        for (key, label) in all_labels() {
            texts.insert(key, Text::One(label.to_string()));
        }
        Catalogue {
            language: Language::english(),
            texts,
            missing: Vec::new(),
        }
    }

    /// A built-in language's catalogue, completed from `english`.
    pub fn built_in(language: &'static Language, english: &Catalogue) -> Catalogue {
        if language.code == "en" {
            return english.clone();
        }
        let own = parse_built_in(language.code).labels;
        Self::complete(language, own, english)
    }

    /// `own` completed from `english`: keys only `english` has are copied,
    /// and listed in `missing`. Keys under `rule.` are the translations of
    /// rule summaries, which English documents do not need (they print
    /// `check`'s own messages).
    pub fn complete(
        language: &'static Language,
        mut own: BTreeMap<String, Text>,
        english: &Catalogue,
    ) -> Catalogue {
        let mut missing = Vec::new();
        for (key, text) in &english.texts {
            if !own.contains_key(key) {
                missing.push(key.clone());
                own.insert(key.clone(), text.clone());
            }
        }
        Catalogue {
            language,
            texts: own,
            missing,
        }
    }

    pub fn get(&self, key: &str) -> Option<&Text> {
        self.texts.get(key)
    }

    /// The plain text of `key`, or the key itself when nothing defines it
    /// (a template asking for a key no catalogue has shows the key, which a
    /// test catches, rather than failing the build).
    pub fn text<'a>(&'a self, key: &'a str) -> &'a str {
        self.texts.get(key).map_or(key, Text::plain)
    }

    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.texts.keys().map(String::as_str)
    }

    /// Every plain text by key, as templates receive them.
    pub fn plain_texts(&self) -> BTreeMap<&str, &str> {
        self.texts
            .iter()
            .map(|(k, v)| (k.as_str(), v.plain()))
            .collect()
    }

    /// Applies a company's labels on top, after [`check_overrides`] found them valid.
    pub fn with_overrides(mut self, overrides: BTreeMap<String, Text>) -> Catalogue {
        for (key, text) in overrides {
            self.texts.insert(key, text);
        }
        self
    }
}

fn parse_built_in(code: &str) -> CatalogueFile {
    let json = BUILT_IN_JSON
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, t)| *t);
    // The built-in catalogues are checked by tests (every one parses, has every
    // key and the English placeholders); an empty one would fall back to English.
    json.and_then(|json| serde_json::from_str(json).ok())
        .unwrap_or(CatalogueFile {
            language: code.to_string(),
            labels: BTreeMap::new(),
        })
}

/// A company's labels file, read and checked against the keys `reference`
/// knows (and the rule ids in `rule_ids`, whose summaries may be worded too).
pub fn load_overrides(
    source: &Arc<SourceFile>,
    reference: &Catalogue,
    rule_ids: &[&str],
) -> Result<(String, BTreeMap<String, Text>), Vec<Diagnostic>> {
    let loaded = parse_document::<CatalogueFile>(
        source,
        catalogue_schema,
        "labels file",
        &crate::wording::English,
    )
    .map_err(|e| e.diagnostics)?;
    let file = loaded.value;
    let mut errors = Vec::new();
    let rule_keys: BTreeSet<String> = rule_ids.iter().map(|id| format!("rule.{id}")).collect();
    let known: Vec<&str> = reference
        .keys()
        .chain(rule_keys.iter().map(String::as_str))
        .collect();
    for (key, text) in &file.labels {
        let pointer = format!("/labels/{}", key.replace('~', "~0").replace('/', "~1"));
        let reference_text = reference.get(key);
        if reference_text.is_none() && !rule_keys.contains(key) {
            let mut d = Diagnostic::error(
                "unknown-label",
                source,
                format!("`{key}` is not a label of the documents"),
            )
            .at(loaded.locations.primary(&pointer))
            .with_label("unknown key");
            d = match crate::suggest::closest(key, known.iter().copied()) {
                Some(best) => d.with_hint(format!("did you mean `{best}`?")),
                None => d.with_hint(
                    "`promocase labels show en` lists every key; copy the ones you change",
                ),
            };
            errors.push(d);
            continue;
        }
        let allowed: BTreeSet<&str> = reference_text
            .map(|t| t.all_forms().into_iter().flat_map(placeholders).collect())
            .unwrap_or_default();
        let is_plural_key = matches!(reference_text, Some(Text::Plural(_)));
        if let Text::Plural(_) = text
            && !is_plural_key
        {
            errors.push(
                Diagnostic::error(
                    "label-not-plural",
                    source,
                    format!("`{key}` has no count, so it takes one text, not plural forms"),
                )
                .at(loaded.locations.value(&pointer))
                .with_hint(format!(
                    "write it as one text, e.g. {key}: \"{}\"",
                    reference.text(key)
                )),
            );
            continue;
        }
        for form in text.all_forms() {
            for name in placeholders(form) {
                if !allowed.contains(name) {
                    let takes = if allowed.is_empty() {
                        "it takes none".to_string()
                    } else {
                        format!(
                            "it takes {}",
                            allowed
                                .iter()
                                .map(|a| format!("{{{a}}}"))
                                .collect::<Vec<_>>()
                                .join(", ")
                        )
                    };
                    let hint = match crate::suggest::closest(name, allowed.iter().copied()) {
                        Some(best) => format!("did you mean `{{{best}}}`? {takes}"),
                        None => takes,
                    };
                    errors.push(
                        Diagnostic::error(
                            "unknown-placeholder",
                            source,
                            format!("`{{{name}}}` is not filled in for `{key}`"),
                        )
                        .at(loaded.locations.value(&pointer))
                        .with_label("unknown placeholder")
                        .with_hint(hint),
                    );
                }
            }
        }
    }
    if errors.is_empty() {
        Ok((file.language, file.labels))
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_json_read_at_run_time_holds_what_the_yaml_says() {
        for (code, yaml) in BUILT_IN {
            let from_yaml: CatalogueFile = serde_yaml::from_str(yaml).expect("the YAML");
            assert_eq!(parse_built_in(code).labels, from_yaml.labels, "{code}");
            assert_eq!(parse_built_in(code).language, from_yaml.language, "{code}");
        }
    }

    use super::*;

    #[test]
    fn placeholders_are_found_and_filled() {
        assert_eq!(
            placeholders("Promote {name} to {title}."),
            ["name", "title"]
        );
        assert_eq!(placeholders("{ not one } {Name} {ok}"), ["ok"]);
        assert_eq!(
            fill(
                "Promote {name} to {title}.",
                &[("name", "Ana"), ("title", "COO")]
            ),
            "Promote Ana to COO."
        );
        // A value is never read as a placeholder: user text is data.
        assert_eq!(fill("{a}{b}", &[("a", "{b}"), ("b", "x")]), "{b}x");
        assert_eq!(fill("{missing} stays", &[]), "{missing} stays");
    }

    #[test]
    fn english_holds_the_enum_words() {
        let english = Catalogue::english();
        assert_eq!(english.text("level.vp"), "Vice President");
        assert_eq!(
            english.text("kpi-status.within-tolerance"),
            "Within tolerance"
        );
        assert_eq!(
            english.text("section.executive-summary"),
            "Executive summary"
        );
        assert!(english.missing.is_empty());
    }

    #[test]
    fn a_catalogue_missing_keys_falls_back_to_english_and_says_which() {
        let english = Catalogue::english();
        let mut own = BTreeMap::new();
        own.insert(
            "section.trend".to_string(),
            Text::One("Entwicklung".to_string()),
        );
        let german = Language::find("de").expect("German is supported");
        let catalogue = Catalogue::complete(german, own, &english);
        assert_eq!(catalogue.text("section.trend"), "Entwicklung");
        assert_eq!(catalogue.text("section.roadmap"), "Roadmap");
        assert!(catalogue.missing.contains(&"section.roadmap".to_string()));
        assert!(!catalogue.missing.contains(&"section.trend".to_string()));
    }
}
