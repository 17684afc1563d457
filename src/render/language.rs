//! Which language a case's documents are written in, and with whose words:
//! `--lang` wins over the case's `language:`, English when neither is
//! given; a company's labels file (`--labels`, else `branding.labels`)
//! rewords any label on top of the built-in catalogue.
//!
//! `build`, `watch` and `serve` all ask [`resolve`], so the three agree. The
//! built-in locales are made once per process and shared; a labels file
//! makes a locale of its own each time it is read (it may have changed).

use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};

use crate::diagnostic::{Diagnostic, SourceFile};
use crate::locale::{Locale, catalogue};
use crate::logo::{Placement, beside_case};
use crate::model::{LanguageTag, LoadedCase, read_source};

/// What the command line says about the documents' language.
#[derive(Debug, Clone, Default)]
pub struct LanguageChoice {
    /// `--lang`, already parsed.
    pub lang: Option<LanguageTag>,
    /// `--labels FILE`.
    pub labels: Option<PathBuf>,
    /// A labels file already read: the one a person picked in the browser
    /// build, where there is no folder to read `branding.labels` from.
    /// Wins over `labels` and `branding.labels`.
    pub given_labels: Option<Arc<SourceFile>>,
}

/// The documents' locale and what the user should hear about it.
pub struct DocumentLanguage {
    pub locale: Arc<Locale>,
    /// A catalogue that lacked keys, a labels file for another language.
    pub warnings: Vec<Diagnostic>,
    /// The labels file read, for `watch` to follow.
    pub labels_file: Option<PathBuf>,
}

/// The built-in locale of `tag`, made once per process.
pub fn built_in(tag: &LanguageTag) -> Arc<Locale> {
    crate::locale::shared(tag)
}

/// The locale for `loaded`'s documents, or the located errors of its labels file.
pub fn resolve(
    loaded: &LoadedCase,
    choice: &LanguageChoice,
) -> Result<DocumentLanguage, Vec<Diagnostic>> {
    let tag = crate::locale::language_of(choice.lang.as_ref(), loaded.case.language.as_ref());
    if let Some(given) = &choice.given_labels {
        return with_labels(tag, Some(Arc::clone(given)));
    }
    let labels_file = match &choice.labels {
        Some(path) => Some(path.clone()),
        None => labels_beside_case(loaded)?,
    };
    resolve_for(tag, labels_file)
}

/// The locale of `tag` with the labels file `labels` on top, for documents
/// that are not one case's (the committee pack).
pub fn resolve_for(
    tag: LanguageTag,
    labels: Option<PathBuf>,
) -> Result<DocumentLanguage, Vec<Diagnostic>> {
    let source = match labels {
        Some(path) => Some(read_source(&path).map_err(|e| e.diagnostics)?),
        None => None,
    };
    with_labels(tag, source)
}

/// The workspace page's own words in `lang` (a tag such as `de`; English
/// when empty), as serve's `/api/ui` and the site's module answer them.
pub fn workspace_texts(lang: &str) -> Result<serde_json::Value, String> {
    let tag = if lang.is_empty() {
        LanguageTag::english()
    } else {
        LanguageTag::parse(lang).map_err(|unsupported| unsupported.to_string())?
    };
    Ok(built_in(&tag).workspace_texts())
}

/// Checks a labels file already read, as a build would read it: its
/// language's code, or its located errors (unknown labels, wrong
/// placeholders).
pub fn check_labels(source: &Arc<SourceFile>) -> Result<String, Vec<Diagnostic>> {
    let english = built_in(&LanguageTag::english());
    let rule_ids: Vec<&str> = crate::rubric::rules::RULES.iter().map(|r| r.id).collect();
    catalogue::load_overrides(source, &english.catalogue, &rule_ids).map(|(language, _)| language)
}

/// The locale of `tag` with the labels file `source` (already read) on top.
fn with_labels(
    tag: LanguageTag,
    source: Option<Arc<SourceFile>>,
) -> Result<DocumentLanguage, Vec<Diagnostic>> {
    let base = built_in(&tag);
    let mut warnings = Vec::new();
    if !base.catalogue.missing.is_empty() && first_time_for(tag.language.code) {
        warnings.push(missing_keys_warning(&base));
    }
    let Some(source) = source else {
        return Ok(DocumentLanguage {
            locale: base,
            warnings,
            labels_file: None,
        });
    };
    let path = source.path.clone();
    let rule_ids: Vec<&str> = crate::rubric::rules::RULES.iter().map(|r| r.id).collect();
    let (language, overrides) = catalogue::load_overrides(&source, &base.catalogue, &rule_ids)?;
    if !language.eq_ignore_ascii_case(tag.language.code) {
        warnings.push(
            Diagnostic::warning(
                "labels-other-language",
                &source,
                format!(
                    "these labels are for `{language}`, and the documents are in `{}`: they are not used",
                    tag.language.code
                ),
            )
            .at(source_language_range(&source))
            .with_hint(format!(
                "keep one labels file per language, and give the one for `{}`",
                tag.language.code
            )),
        );
        return Ok(DocumentLanguage {
            locale: base,
            warnings,
            labels_file: Some(path),
        });
    }
    let catalogue = base.catalogue.clone().with_overrides(overrides);
    Ok(DocumentLanguage {
        locale: Arc::new(Locale::with_catalogue(tag, catalogue)),
        warnings,
        labels_file: Some(path),
    })
}

/// The range of the `language:` value of a labels file, for its warning.
fn source_language_range(source: &SourceFile) -> std::ops::Range<usize> {
    source
        .text
        .find("language:")
        .map_or(0..0, |start| start..start + "language:".len())
}

/// `branding.labels` resolved beside the case file, refused like a logo
/// outside the case's folder.
fn labels_beside_case(loaded: &LoadedCase) -> Result<Option<PathBuf>, Vec<Diagnostic>> {
    let Some(written) = loaded
        .case
        .branding
        .as_ref()
        .and_then(|b| b.labels.as_deref())
    else {
        return Ok(None);
    };
    let refuse = |message: String, hint: &str| {
        vec![
            Diagnostic::error("labels-unusable", &loaded.source, message)
                .at(loaded.locations.value("/branding/labels"))
                .with_hint(hint),
        ]
    };
    // Only a YAML file: the case's text must not make any other file of
    // the folder be read and quoted back in an error (a page of the
    // workspace sends any text it likes).
    let lower = written.to_ascii_lowercase();
    if !(lower.ends_with(".yaml") || lower.ends_with(".yml")) {
        return Err(refuse(
            format!("the labels file `{written}` is not a YAML file"),
            "name a labels file ending in `.yaml` or `.yml`, e.g. `labels: labels-de.yaml`; `promocase labels show LANG` prints one to start from",
        ));
    }
    match beside_case(&loaded.source.path, written) {
        Ok(path) => Ok(Some(path)),
        Err(Placement::NotRelative) => Err(refuse(
            format!("the labels file `{written}` is not a path inside the case's folder"),
            "give a path relative to the case file, without `..`, e.g. `labels: labels-de.yaml`",
        )),
        Err(Placement::Missing(path)) => Err(refuse(
            format!("the labels file `{}` does not exist", path.display()),
            "check the path; it is relative to the case file. `promocase labels show LANG` prints one to start from",
        )),
        Err(Placement::LinkOutside) => Err(refuse(
            format!("the labels file `{written}` is a link to a file outside the case's folder"),
            "copy the labels file next to the case file",
        )),
        Err(Placement::NotRegular) => Err(refuse(
            format!("the labels file `{written}` is not a regular file"),
            "point `labels:` at a YAML file",
        )),
    }
}

/// True the first time a language is asked about in this process, so a
/// `watch` session warns once, not at every rebuild.
fn first_time_for(code: &'static str) -> bool {
    static WARNED: OnceLock<Mutex<std::collections::HashSet<&'static str>>> = OnceLock::new();
    WARNED
        .get_or_init(|| Mutex::new(std::collections::HashSet::new()))
        .lock()
        .map(|mut warned| warned.insert(code))
        .unwrap_or(false)
}

/// Which labels of a language print in English.
fn missing_keys_warning(locale: &Locale) -> Diagnostic {
    let language = locale.tag.language;
    let missing = &locale.catalogue.missing;
    let shown: Vec<&str> = missing.iter().take(12).map(String::as_str).collect();
    let more = missing.len().saturating_sub(shown.len());
    let mut message = format!(
        "the {} catalogue lacks {} label{}, printed in English: {}",
        language.english_name,
        missing.len(),
        if missing.len() == 1 { "" } else { "s" },
        shown.join(", ")
    );
    if more > 0 {
        message.push_str(&format!(" and {more} more"));
    }
    Diagnostic::warning(
        "labels-incomplete",
        &SourceFile::new(format!("locales/{}.yaml", language.code), ""),
        message,
    )
    .with_hint(
        "give the missing labels in a labels file (`--labels FILE`) until promocase ships them",
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::locale::Catalogue;
    use crate::locale::catalogue::Text;
    use std::collections::BTreeMap;

    #[test]
    fn a_catalogue_that_lacks_labels_is_named_with_them_once() {
        let german = LanguageTag::parse("de").expect("supported");
        let mut own = BTreeMap::new();
        own.insert(
            "section.trend".to_string(),
            Text::One("Verlauf".to_string()),
        );
        let catalogue =
            Catalogue::complete(german.language, own, crate::locale::english_catalogue());
        let locale = Locale::with_catalogue(german, catalogue);
        let warning = missing_keys_warning(&locale);
        assert_eq!(warning.severity, crate::diagnostic::Severity::Warning);
        assert!(
            warning.message.starts_with("the German catalogue lacks"),
            "{}",
            warning.message
        );
        assert!(warning.message.contains("printed in English"));
        assert!(
            warning.message.contains(" more"),
            "long lists are cut: {}",
            warning.message
        );
        assert!(first_time_for("nb"));
        assert!(!first_time_for("nb"), "once per process and language");
    }
}

#[cfg(test)]
mod given_labels {
    use super::*;
    use crate::model::parse_case;

    fn case(extra: &str) -> LoadedCase {
        let text = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("examples/operations-director.yaml"),
        )
        .unwrap_or_default();
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap_or_default();
        parse_case(
            SourceFile::new("case.yaml", format!("{text}{extra}")),
            today,
        )
        .unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn a_labels_file_already_read_rewords_and_wins_over_branding() {
        let labels = SourceFile::new(
            "labels-de.yaml",
            "language: de\nlabels:\n  section.executive-summary: Das Wichtigste in Kürze\n",
        );
        let choice = LanguageChoice {
            lang: LanguageTag::parse("de").ok(),
            labels: None,
            given_labels: Some(labels),
        };
        // The case names a labels file that is not there: the one given wins,
        // so nothing is read from a folder (the browser build has none).
        let loaded = case("language: de\nbranding:\n  labels: labels-de.yaml\n");
        let language = resolve(&loaded, &choice).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(
            language.locale.catalogue.text("section.executive-summary"),
            "Das Wichtigste in Kürze"
        );
        assert!(language.warnings.is_empty());
        // A mistake in it is located in it.
        let broken = LanguageChoice {
            given_labels: Some(SourceFile::new(
                "labels-de.yaml",
                "language: de\nlabels:\n  section.executive-sumary: Kurz\n",
            )),
            ..choice
        };
        let errors = match resolve(&loaded, &broken) {
            Err(errors) => errors,
            Ok(_) => panic!("a misspelt key is refused"),
        };
        assert!(
            errors[0].render(false).contains("labels-de.yaml:3"),
            "{}",
            errors[0].render(false)
        );
    }
}
