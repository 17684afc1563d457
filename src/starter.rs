//! The starter case `promocase init` writes: a commented YAML file, filled in
//! for the chosen level and track, that loads cleanly and shows every section,
//! in the manager's language: `starters/<code>.yaml` is the template of each
//! language (its comments and example wording translated, its structure
//! English's), and the catalogues' `starter.*` texts give the defaults it
//! fills in (a name to replace, titles for the level and track). A test holds
//! every template to the English one, key by key.

use chrono::{Datelike, Months, NaiveDate};

use crate::locale::Locale;
use crate::model::{LanguageTag, Level, Track};

/// The starter template of each language, by code; English first.
const TEMPLATES: [(&str, &str); 15] = [
    ("en", include_str!("../starters/en.yaml")),
    ("de", include_str!("../starters/de.yaml")),
    ("fr", include_str!("../starters/fr.yaml")),
    ("es", include_str!("../starters/es.yaml")),
    ("it", include_str!("../starters/it.yaml")),
    ("pt", include_str!("../starters/pt.yaml")),
    ("nl", include_str!("../starters/nl.yaml")),
    ("pl", include_str!("../starters/pl.yaml")),
    ("sv", include_str!("../starters/sv.yaml")),
    ("da", include_str!("../starters/da.yaml")),
    ("nb", include_str!("../starters/nb.yaml")),
    ("fi", include_str!("../starters/fi.yaml")),
    ("cs", include_str!("../starters/cs.yaml")),
    ("tr", include_str!("../starters/tr.yaml")),
    ("he", include_str!("../starters/he.yaml")),
];

/// Each template as build.rs read it: its examples switched on, its
/// `{{placeholders}}` standing for themselves, as JSON.
const TEMPLATES_READ: [(&str, &str); 15] = [
    (
        "en",
        include_str!(concat!(env!("OUT_DIR"), "/starter-en.json")),
    ),
    (
        "de",
        include_str!(concat!(env!("OUT_DIR"), "/starter-de.json")),
    ),
    (
        "fr",
        include_str!(concat!(env!("OUT_DIR"), "/starter-fr.json")),
    ),
    (
        "es",
        include_str!(concat!(env!("OUT_DIR"), "/starter-es.json")),
    ),
    (
        "it",
        include_str!(concat!(env!("OUT_DIR"), "/starter-it.json")),
    ),
    (
        "pt",
        include_str!(concat!(env!("OUT_DIR"), "/starter-pt.json")),
    ),
    (
        "nl",
        include_str!(concat!(env!("OUT_DIR"), "/starter-nl.json")),
    ),
    (
        "pl",
        include_str!(concat!(env!("OUT_DIR"), "/starter-pl.json")),
    ),
    (
        "sv",
        include_str!(concat!(env!("OUT_DIR"), "/starter-sv.json")),
    ),
    (
        "da",
        include_str!(concat!(env!("OUT_DIR"), "/starter-da.json")),
    ),
    (
        "nb",
        include_str!(concat!(env!("OUT_DIR"), "/starter-nb.json")),
    ),
    (
        "fi",
        include_str!(concat!(env!("OUT_DIR"), "/starter-fi.json")),
    ),
    (
        "cs",
        include_str!(concat!(env!("OUT_DIR"), "/starter-cs.json")),
    ),
    (
        "tr",
        include_str!(concat!(env!("OUT_DIR"), "/starter-tr.json")),
    ),
    (
        "he",
        include_str!(concat!(env!("OUT_DIR"), "/starter-he.json")),
    ),
];

/// The template of a language, English for one without its own.
pub fn template(code: &str) -> &'static str {
    TEMPLATES
        .iter()
        .find(|(c, _)| *c == code)
        .map_or(TEMPLATES[0].1, |(_, text)| text)
}

/// The languages with a starter of their own, by code.
pub fn template_languages() -> impl Iterator<Item = &'static str> {
    TEMPLATES.iter().map(|(code, _)| *code)
}

/// The file name `init` gives the schema it writes next to the case, as the
/// starter's `yaml-language-server` line expects.
pub const SCHEMA_FILE_NAME: &str = "promocase.schema.json";

/// What a track's starter pre-fills: the catalogue key of its department and
/// KPI name (`starter.department.ID`, `starter.kpi.ID`), the KPI category
/// and its unit; the ten tracks with a KPI of their own, else a general one.
fn track_defaults(track: Track) -> (String, &'static str, &'static str) {
    let own = matches!(
        track,
        Track::Marketing
            | Track::Sales
            | Track::Operations
            | Track::Finance
            | Track::Hr
            | Track::It
            | Track::Product
            | Track::CustomerService
            | Track::Engineering
            | Track::DataAnalytics
    );
    let id = if own {
        track_id(track)
    } else {
        "other".to_string()
    };
    let (category, unit) = match track {
        Track::Marketing | Track::Sales => ("revenue", "EUR"),
        Track::Operations => ("cost", "EUR"),
        Track::Finance | Track::Engineering => ("delivery", "days"),
        Track::Hr | Track::Product => ("retention", "%"),
        Track::It => ("quality", "hours"),
        Track::CustomerService => ("customer-satisfaction", "%"),
        Track::DataAnalytics => ("other", "%"),
        _ => ("margin", "%"),
    };
    (id, category, unit)
}

/// Every text the starter case offers for the writer to replace, as it
/// stands in `starter.yaml` (commented examples included). The
/// `placeholder-text` rule reports any of them left in a case, so the
/// starter's wording never reaches an executive; a test keeps this list and
/// the starter in step.
pub const PLACEHOLDERS: &[&str] = &[
    "Your Name",
    "Your Company",
    "Your Department",
    "Your Area",
    "Name of your COO",
    "What has changed in the business that makes this the right moment.",
    "The business problem the new role would own and solve",
    "Where you would take the department in the next one to three years, in two or three sentences.",
    "A company objective, named as the company names it",
    "What will be true by then",
    "Name the result, e.g. \"Cut onboarding time from 21 to 9 days\"",
    "The situation before.",
    "What you personally led or decided.",
    "Joint pricing review",
    "Partner Name",
    "What it achieved, with a number.",
    "Team A",
    "Team B",
    "Where you moved money or people, and why.",
    "What it led to.",
    "Why.",
    "Name",
    "What came of it.",
    "Head of X",
    "A decision you took",
    "The situation.",
    "What you could not know",
    "Option A",
    "Option B",
    "What you chose, and why.",
    "What happened.",
    "A risk you identified",
    "What you did about it.",
    "A reorganisation, new process or tool you led",
    "How the team came through it.",
    "What you presented",
    "Sponsor Name",
    "VP of Something",
    "How they know your work",
    "What they can speak to",
    "Provider",
    "Successor Name",
    "Responsibilities they would take over",
    "Who covers until then.",
];

/// The identifier of a track in files: `customer-service`.
pub fn track_id(track: Track) -> String {
    serde_json::to_value(track)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_else(|| "other".to_string())
}

/// What the writer told `init` about themselves; anything left out gets a
/// placeholder that loads cleanly and is obviously theirs to replace.
#[derive(Debug, Clone, PartialEq)]
pub struct StarterAnswers {
    pub level: Level,
    pub track: Track,
    pub name: Option<String>,
    pub current_title: Option<String>,
    pub target_title: Option<String>,
    pub company: Option<String>,
    pub audience_name: Option<String>,
    pub audience_title: Option<String>,
    pub target_date: Option<crate::model::PartialDate>,
    /// The language the starter is written in (and its `language:`);
    /// English when none.
    pub language: Option<LanguageTag>,
}

impl StarterAnswers {
    pub fn new(level: Level, track: Track) -> Self {
        Self {
            level,
            track,
            name: None,
            current_title: None,
            target_title: None,
            company: None,
            audience_name: None,
            audience_title: None,
            target_date: None,
            language: None,
        }
    }

    /// The locale the starter is written in.
    pub fn locale(&self) -> std::sync::Arc<Locale> {
        crate::locale::shared(&crate::locale::language_of(self.language.as_ref(), None))
    }

    /// The titles a case at this level and track usually carries: (current,
    /// target), in the starter's language ("Director of Marketing").
    pub fn default_titles(&self) -> (String, String) {
        let l = self.locale();
        let area = l.text(&format!("starter.area.{}", track_id(self.track)), &[]);
        let level = self.level.id();
        (
            l.text(
                &format!("starter.title-current.{level}"),
                &[("area", &area)],
            ),
            l.text(&format!("starter.title-target.{level}"), &[("area", &area)]),
        )
    }
}

include!("../starters/examples.rs");

/// The starter's placeholders in the language `code`: the texts that stand,
/// in that language's template, where the English template has one of
/// [`PLACEHOLDERS`] (the templates share their structure, which a test
/// holds), and the defaults the code fills in (`starter.*`) where English's
/// are placeholders; so that `placeholder-text` finds a German "Ihr Name"
/// as it finds "Your Name". Worked out once per language and process.
pub fn placeholders_in(code: &str) -> Vec<String> {
    static FOUND: std::sync::OnceLock<
        std::sync::Mutex<std::collections::HashMap<String, Vec<String>>>,
    > = std::sync::OnceLock::new();
    let cache = FOUND.get_or_init(Default::default);
    if let Some(found) = cache.lock().ok().and_then(|c| c.get(code).cloned()) {
        return found;
    }
    let mut found: Vec<String> = PLACEHOLDERS.iter().map(|p| p.to_string()).collect();
    if let Ok(tag) = LanguageTag::parse(code)
        && code != "en"
    {
        // Each template as YAML, its examples switched on and its own
        // placeholders (`{{name}}`) standing for themselves.
        // Each template with its examples switched on and its own
        // placeholders (`{{name}}`) standing for themselves, read at build
        // time (build.rs) into JSON.
        let parsed = |code: &str| {
            let json = TEMPLATES_READ
                .iter()
                .find(|(c, _)| *c == code)
                .map_or("null", |(_, json)| *json);
            serde_json::from_str::<serde_json::Value>(json).unwrap_or_default()
        };
        corresponding(&parsed("en"), &parsed(code), &mut found);
        let english = Locale::english();
        let translated = crate::locale::shared(&tag);
        for key in english
            .catalogue
            .keys()
            .filter(|key| key.starts_with("starter."))
        {
            if PLACEHOLDERS.contains(&english.catalogue.text(key)) {
                found.push(translated.catalogue.text(key).to_string());
            }
        }
    }
    found.sort();
    found.dedup();
    if let Ok(mut cache) = cache.lock() {
        cache.insert(code.to_string(), found.clone());
    }
    found
}

/// Adds to `found` each text of `translated` that stands where `english`
/// has a placeholder.
fn corresponding(
    english: &serde_json::Value,
    translated: &serde_json::Value,
    found: &mut Vec<String>,
) {
    use serde_json::Value;
    match (english, translated) {
        (Value::String(english), Value::String(translated))
            if PLACEHOLDERS.contains(&english.as_str()) =>
        {
            found.push(translated.clone());
        }
        (Value::Array(english), Value::Array(translated)) => {
            for (e, t) in english.iter().zip(translated) {
                corresponding(e, t, found);
            }
        }
        (Value::Object(english), Value::Object(translated)) => {
            for (key, e) in english {
                if let Some(t) = translated.get(key) {
                    corresponding(e, t, found);
                }
            }
        }
        _ => {}
    }
}

/// A value as a YAML scalar: plain when that reads the same, quoted otherwise,
/// so answers like `Growth: phase 2` or `#1 team` cannot break the file.
fn yaml_scalar(text: &str) -> String {
    let plain = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_alphanumeric() || " .,'-()&/".contains(c))
        && text.chars().next().is_some_and(char::is_alphabetic)
        && text.trim() == text
        && !matches!(
            text.to_ascii_lowercase().as_str(),
            "yes" | "no" | "true" | "false" | "null" | "on" | "off"
        );
    if plain {
        text.to_string()
    } else {
        serde_json::to_string(text).unwrap_or_else(|_| "\"\"".to_string())
    }
}

/// The starter case text for the answers, dated from `today`, in the
/// answers' language.
pub fn starter_case(file_name: &str, answers: &StarterAnswers, today: NaiveDate) -> String {
    let l = answers.locale();
    let said = |key: &str| yaml_scalar(&l.text(key, &[]));
    let (track_key, kpi_category, kpi_unit) = track_defaults(answers.track);
    let kpi_unit = match kpi_unit {
        "days" | "hours" => said(&format!("starter.unit.{kpi_unit}")),
        other => other.to_string(),
    };
    let (default_current, default_target) = answers.default_titles();
    let month = |date: NaiveDate| format!("{:04}-{:02}", date.year(), date.month());
    let target_date = answers.target_date.map_or_else(
        || month(today.checked_add_months(Months::new(6)).unwrap_or(today)),
        |date| date.to_string(),
    );
    let milestone_date = today.checked_add_months(Months::new(12)).unwrap_or(today);
    let period_start = today.checked_sub_months(Months::new(12)).unwrap_or(today);
    let answer =
        |value: &Option<String>, default: String| yaml_scalar(value.as_deref().unwrap_or(&default));
    let text = |key: &str| l.text(key, &[]);
    template(l.tag.language.code)
        .replace("{{file_name}}", file_name)
        .replace("{{language}}", &l.tag.tag())
        .replace("{{as_of}}", &today.format("%Y-%m-%d").to_string())
        .replace(
            "{{name}}",
            &answer(&answers.name, text("starter.your-name")),
        )
        .replace(
            "{{current_title}}",
            &answer(&answers.current_title, default_current),
        )
        .replace(
            "{{target_title}}",
            &answer(&answers.target_title, default_target),
        )
        .replace("{{level}}", answers.level.id())
        .replace("{{track}}", &track_id(answers.track))
        .replace(
            "{{company}}",
            &answer(&answers.company, text("starter.your-company")),
        )
        .replace(
            "{{audience_name}}",
            &answer(&answers.audience_name, text("starter.coo-name")),
        )
        .replace(
            "{{audience_title}}",
            &answer(&answers.audience_title, text("starter.coo-title")),
        )
        .replace(
            "{{department}}",
            &said(&format!("starter.department.{track_key}")),
        )
        .replace("{{target_date}}", &target_date)
        .replace("{{milestone_date}}", &month(milestone_date))
        .replace("{{period_start}}", &month(period_start))
        .replace("{{kpi_name}}", &said(&format!("starter.kpi.{track_key}")))
        .replace("{{kpi_category}}", kpi_category)
        .replace("{{kpi_unit}}", &kpi_unit)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::SourceFile;

    #[test]
    fn every_level_and_track_loads() {
        let today = NaiveDate::from_ymd_opt(2026, 1, 10).unwrap();
        for level in Level::ALL {
            for track in [
                Track::Marketing,
                Track::It,
                Track::Other,
                Track::CustomerService,
            ] {
                let text = starter_case("case.yaml", &StarterAnswers::new(level, track), today);
                let loaded = crate::model::parse_case(SourceFile::new("case.yaml", text), today)
                    .unwrap_or_else(|e| panic!("{level:?} {track:?}: {e}"));
                assert_eq!(loaded.case.candidate.target_level, level);
                assert_eq!(loaded.case.candidate.track, track);
            }
        }
    }

    /// Every language's starter loads as written and with its examples
    /// switched on, names its language, keeps English's structure (the same
    /// keys, the same lists), and the `placeholder-text` rule finds its
    /// placeholders as it finds English's.
    #[test]
    fn every_language_s_starter_loads_keeps_the_structure_and_its_placeholders_are_found() {
        use serde_yaml::Value;
        fn shape(value: &Value) -> Value {
            match value {
                Value::Mapping(fields) => Value::Mapping(
                    fields
                        .iter()
                        .filter(|(key, _)| key.as_str() != Some("language"))
                        .map(|(key, item)| (key.clone(), shape(item)))
                        .collect(),
                ),
                Value::Sequence(items) => Value::Sequence(items.iter().map(shape).collect()),
                _ => Value::Null,
            }
        }
        let today = NaiveDate::from_ymd_opt(2026, 1, 10).unwrap();
        let english = starter_case(
            "case.yaml",
            &StarterAnswers::new(Level::Director, Track::Operations),
            today,
        );
        let english_shape = |text: &str| shape(&serde_yaml::from_str(text).unwrap_or_default());
        for code in template_languages() {
            let tag = LanguageTag::parse(code).unwrap();
            for track in [Track::Operations, Track::Other, Track::Hr] {
                let answers = StarterAnswers {
                    language: Some(tag.clone()),
                    ..StarterAnswers::new(Level::Director, track)
                };
                let text = starter_case("case.yaml", &answers, today);
                for (what, text) in [
                    ("as written", text.clone()),
                    ("with examples", with_examples_switched_on(&text)),
                ] {
                    let loaded = crate::model::parse_case(
                        SourceFile::new("case.yaml", text.as_str()),
                        today,
                    )
                    .unwrap_or_else(|e| panic!("{code} {track:?} {what}: {e}"));
                    if code != "en" {
                        assert_eq!(
                            loaded.case.language.as_ref().map(|t| t.language.code),
                            Some(code),
                            "{code}"
                        );
                    }
                    if track == Track::Operations {
                        let reference = if what == "as written" {
                            english.clone()
                        } else {
                            with_examples_switched_on(&english)
                        };
                        assert_eq!(
                            english_shape(&text),
                            english_shape(&reference),
                            "{code} {what}: the structure differs from English"
                        );
                    }
                }
            }
            assert!(
                !template(code).contains("{{")
                    || template(code).matches("{{").count() >= TEMPLATES[0].1.matches("{{").count()
            );
            // Its own wording is recognised as the starter's.
            let found = placeholders_in(code);
            assert!(
                found.len() > PLACEHOLDERS.len() || code == "en",
                "{code}: {} placeholders",
                found.len()
            );
        }
    }

    #[test]
    fn answers_with_yaml_syntax_stay_text() {
        let today = NaiveDate::from_ymd_opt(2026, 1, 10).unwrap();
        let mut answers = StarterAnswers::new(Level::Vp, Track::Sales);
        answers.name = Some("O'Brien: #1 \"closer\" - yes".to_string());
        answers.company = Some("no".to_string());
        answers.target_date = "2027-01".parse().ok();
        let text = starter_case("case.yaml", &answers, today);
        let loaded = crate::model::parse_case(SourceFile::new("case.yaml", text), today).unwrap();
        assert_eq!(loaded.case.candidate.name, "O'Brien: #1 \"closer\" - yes");
        assert_eq!(loaded.case.candidate.company, "no");
        assert_eq!(loaded.case.ask.target_date.to_string(), "2027-01");
    }
}
