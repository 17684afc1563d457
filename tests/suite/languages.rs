//! Documents in the reader's language (issue 14): every example in every
//! language keeps its layout (page counts, no word printed over another) and
//! prints no English fixed text; the catalogues are complete; the case's
//! `language:`, `--lang` and a company's labels file are checked with located
//! errors and change what the documents say.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use promocase::locale::catalogue::{Catalogue, Text, placeholders};
use promocase::locale::english_catalogue;
use promocase::model::language::LANGUAGES;
use promocase::rubric::rules::RULES;

use crate::documents::{overprinted, words};
use crate::support::{
    assert_ok, examples, path_str, pdf_pages, pdf_text, promocase, root, stderr, stdout,
};

/// The three documents of `case` in `lang`, as drafts so the thin example builds too.
fn build_all(case: &Path, lang: &str, dir: &Path) -> [PathBuf; 3] {
    let stem = case.file_stem().and_then(|s| s.to_str()).unwrap_or("case");
    let out = dir.join(format!("{stem}-{lang}.pdf"));
    let output = promocase(&[
        "build",
        path_str(case),
        "--template",
        "all",
        "--draft",
        "--lang",
        lang,
        "-o",
        path_str(&out),
    ]);
    assert_ok(&output);
    [
        out.clone(),
        dir.join(format!("{stem}-{lang}-brief.pdf")),
        dir.join(format!("{stem}-{lang}-talking-points.pdf")),
    ]
}

/// The fixed parts of a text: what is left between its placeholders, long
/// enough to be a phrase rather than a word every language shares.
fn fixed_parts(text: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let mut rest = text;
    for name in placeholders(text) {
        let marker = format!("{{{name}}}");
        if let Some((before, after)) = rest.split_once(&marker) {
            parts.push(before.to_string());
            rest = after;
        }
    }
    parts.push(rest.to_string());
    parts
        .into_iter()
        .map(|p| {
            p.trim_matches(|c: char| " .,:;·()“”\"".contains(c))
                .to_string()
        })
        .filter(|p| p.chars().count() >= 6)
        .collect()
}

fn forms(text: &Text) -> Vec<&str> {
    match text {
        Text::One(text) => vec![text],
        Text::Plural(forms) => {
            let mut all = vec![forms.other.as_str()];
            all.extend(
                [&forms.zero, &forms.one, &forms.two, &forms.few, &forms.many]
                    .into_iter()
                    .flatten()
                    .map(String::as_str),
            );
            all
        }
    }
}

/// English fixed texts found in `text` that the translation does not share
/// and the case did not write: what a reader would see untranslated.
pub(crate) fn english_left(text: &str, translation: &Catalogue, case_text: &str) -> Vec<String> {
    let english = english_catalogue();
    // A word the translation itself uses is a word of that language too
    // (Finnish "Vision" is the genitive of "visio").
    let all_translated: String = translation
        .keys()
        .filter_map(|k| translation.get(k))
        .flat_map(forms)
        .collect::<Vec<_>>()
        .join(" | ");
    let mut left = Vec::new();
    let said = rule_texts();
    let references = english
        .keys()
        .filter_map(|key| english.get(key).map(|text| (key, text)))
        .chain(said.iter().map(|(key, text)| (key.as_str(), text)));
    for (key, english_text) in references {
        let translated: String = translation
            .get(key)
            .map(|t| forms(t).join(" "))
            .unwrap_or_default();
        for form in forms(english_text) {
            for part in fixed_parts(form) {
                if translated.contains(&part)
                    || case_text.contains(&part)
                    || all_translated.contains(&part)
                {
                    continue;
                }
                let found = text.match_indices(&part).any(|(at, _)| {
                    let before = text[..at].chars().next_back();
                    let after = text[at + part.len()..].chars().next();
                    !before.is_some_and(char::is_alphabetic)
                        && !after.is_some_and(char::is_alphabetic)
                });
                if found {
                    left.push(format!("{key}: \"{part}\""));
                }
            }
        }
    }
    left
}

#[test]
fn every_example_in_every_language_keeps_its_layout_and_no_english() {
    let dir = tempfile::tempdir().unwrap();
    let english = english_catalogue();
    let keys: Vec<&str> = english.keys().collect();
    let mut problems = Vec::new();
    for case in examples() {
        let case_text = std::fs::read_to_string(&case).unwrap();
        let [proposal, brief, talk] = build_all(&case, "en", dir.path());
        let english_pages = pdf_pages(&proposal);
        let _ = (brief, talk);
        for language in LANGUAGES.iter() {
            let code = language.code;
            let [proposal, brief, talk] = build_all(&case, code, dir.path());
            let name = format!("{} in {code}", case.display());
            let pages = pdf_pages(&proposal);
            // Longer words may move a section to the next page; never more.
            if pages.abs_diff(english_pages) > 1 {
                problems.push(format!(
                    "{name}: the proposal has {pages} pages, English {english_pages}"
                ));
            }
            if pdf_pages(&brief) != 1 {
                problems.push(format!("{name}: the brief is not one page"));
            }
            if pdf_pages(&talk) > 2 {
                problems.push(format!("{name}: the talking points run past two pages"));
            }
            let translation = Catalogue::built_in(language, english);
            for pdf in [&proposal, &brief, &talk] {
                let text = pdf_text(pdf);
                // A key the catalogue lacks would print as itself.
                for key in &keys {
                    if key.contains('.') && text.contains(key) {
                        problems.push(format!("{name}: the key `{key}` is printed"));
                    }
                }
                if code != "en" {
                    for left in english_left(&text, &translation, &case_text) {
                        problems.push(format!("{name}: English left in {}: {left}", pdf.display()));
                    }
                }
                for page in 1..=pdf_pages(pdf) {
                    // The DRAFT watermark's letters (96 pt) cross the page by design.
                    let page_words: Vec<_> = words(pdf, page)
                        .into_iter()
                        .filter(|w| w.y_max - w.y_min < 40.0)
                        .collect();
                    for (a, b) in overprinted(&page_words) {
                        problems.push(format!(
                            "{name}: {} page {page}: \"{a}\" is printed over \"{b}\"",
                            pdf.display()
                        ));
                    }
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// What check, explain and the loader say, by catalogue key, as the code
/// writes it in English: each rule's texts (`finding.RULE.NAME`, a plural
/// text where the rule has `NAME.one` and `NAME.other`), its explanation
/// (`explain.RULE`) and the load errors (`load.*`).
fn rule_texts() -> BTreeMap<String, Text> {
    let mut texts = BTreeMap::new();
    for rule in RULES {
        let mut plural: BTreeMap<&str, (Option<String>, Option<String>)> = BTreeMap::new();
        for (name, english) in rule.texts {
            if let Some(base) = name.strip_suffix(".one") {
                plural.entry(base).or_default().0 = Some(english.to_string());
            } else if let Some(base) = name.strip_suffix(".other") {
                plural.entry(base).or_default().1 = Some(english.to_string());
            } else {
                texts.insert(
                    format!("finding.{}.{name}", rule.id),
                    Text::One(english.to_string()),
                );
            }
        }
        for (base, (one, other)) in plural {
            let other =
                other.unwrap_or_else(|| panic!("{}: `{base}.one` without `{base}.other`", rule.id));
            let forms: promocase::locale::catalogue::PluralForms = serde_yaml::from_value(
                serde_yaml::to_value(BTreeMap::from([("one", one), ("other", Some(other))]))
                    .unwrap(),
            )
            .unwrap();
            texts.insert(format!("finding.{}.{base}", rule.id), Text::Plural(forms));
        }
        texts.insert(
            format!("explain.{}", rule.id),
            Text::One(rule.explanation_text()),
        );
    }
    for (key, english) in promocase::model::messages::LOAD_TEXTS {
        texts.insert(key.to_string(), Text::One(english.to_string()));
    }
    texts
}

#[test]
fn every_catalogue_has_every_key_with_the_english_placeholders() {
    let english = english_catalogue();
    let rule_keys: BTreeSet<String> = RULES.iter().map(|r| format!("rule.{}", r.id)).collect();
    let said = rule_texts();
    for language in LANGUAGES.iter().filter(|l| l.code != "en") {
        let text = promocase::locale::catalogue::built_in_text(language.code).unwrap();
        let file: promocase::locale::catalogue::CatalogueFile =
            serde_yaml::from_str(text).unwrap_or_else(|e| panic!("{}: {e}", language.code));
        assert_eq!(file.language, language.code);
        let code = language.code;
        for key in english.keys() {
            assert!(file.labels.contains_key(key), "{code} lacks `{key}`");
        }
        for key in rule_keys.iter().chain(said.keys()) {
            assert!(file.labels.contains_key(key), "{code} lacks `{key}`");
        }
        let summary = Text::One(String::new());
        for (key, text) in &file.labels {
            let reference = english
                .get(key)
                .or_else(|| said.get(key))
                .or_else(|| rule_keys.contains(key).then_some(&summary))
                .unwrap_or_else(|| panic!("{code} has `{key}`, which is not a label"));
            let allowed: BTreeSet<&str> = forms(reference)
                .into_iter()
                .flat_map(placeholders)
                .collect();
            for form in forms(text) {
                assert!(!form.trim().is_empty(), "{code} `{key}` is empty");
                for name in placeholders(form) {
                    assert!(
                        allowed.contains(name),
                        "{code} `{key}` has {{{name}}}, which English does not fill"
                    );
                }
            }
            // A plain text keeps every placeholder: nothing the reader needs is dropped.
            if let (Text::One(form), Text::One(english_form)) = (text, reference) {
                let kept: BTreeSet<&str> = placeholders(form).into_iter().collect();
                for name in placeholders(english_form) {
                    assert!(kept.contains(name), "{code} `{key}` drops {{{name}}}");
                }
            }
            assert_eq!(
                matches!(text, Text::Plural(_)),
                matches!(reference, Text::Plural(_)),
                "{code} `{key}`: plural forms where English has them, and only there"
            );
        }
    }
}

/// An example copied into `dir` as `case.yaml`, with `language: LANG` added.
fn example_in_language(dir: &Path, example: &str, language: &str) -> PathBuf {
    let source =
        std::fs::read_to_string(crate::support::root().join(format!("examples/{example}.yaml")))
            .unwrap();
    let case = dir.join("case.yaml");
    std::fs::write(
        &case,
        source.replacen(
            "candidate:",
            &format!("language: {language}\ncandidate:"),
            1,
        ),
    )
    .unwrap();
    case
}

#[test]
fn the_case_names_its_language_and_the_documents_follow() {
    let dir = tempfile::tempdir().unwrap();
    let case = example_in_language(dir.path(), "operations-director", "de");
    let out = dir.path().join("case.pdf");
    assert_ok(&promocase(&[
        "build",
        path_str(&case),
        "-o",
        path_str(&out),
    ]));
    let text = pdf_text(&out);
    let german =
        promocase::render::language::built_in(&promocase::model::LanguageTag::parse("de").unwrap());
    let summary = german.catalogue.text("section.executive-summary");
    assert_ne!(summary, "Executive summary");
    assert!(text.contains(summary), "German section titles: {text}");
    assert!(text.contains("15. Oktober 2026"), "German dates");
    assert!(text.contains("48,5 Mio."), "German money");
    // --lang wins over the case.
    let french = dir.path().join("fr.pdf");
    assert_ok(&promocase(&[
        "build",
        path_str(&case),
        "--lang",
        "fr",
        "-o",
        path_str(&french),
    ]));
    assert!(pdf_text(&french).contains("15 octobre 2026"));
    // The PDF says its language.
    let bytes = std::fs::read(&out).unwrap();
    assert!(
        bytes.windows(9).any(|w| w == b"/Lang(de)"),
        "the PDF's catalog names German"
    );
    // No part of it (evidence links are raw text) is tagged as English.
    assert!(
        !bytes.windows(9).any(|w| w == b"/Lang(en)"),
        "no structure element says English"
    );
}

#[test]
fn an_unsupported_language_is_a_located_error_with_the_nearest_one() {
    let dir = tempfile::tempdir().unwrap();
    let case = example_in_language(dir.path(), "it-manager-thin", "german");
    let output = promocase(&["check", path_str(&case)]);
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    assert!(err.contains("case.yaml:"), "located: {err}");
    assert!(
        err.contains("\"german\" is not a language promocase writes documents in"),
        "{err}"
    );
    assert!(err.contains("did you mean `de`?"), "{err}");
    assert!(err.contains("he (Hebrew)"), "lists the languages: {err}");
    let output = promocase(&["build", path_str(&case), "--lang", "klingon"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("the languages are: en (English)"));
}

#[test]
fn a_company_rewords_labels_with_its_own_file_checked_like_a_rubric() {
    let dir = tempfile::tempdir().unwrap();
    let case = crate::support::root().join("examples/operations-director.yaml");
    let labels = dir.path().join("ours.yaml");
    std::fs::write(
        &labels,
        "language: de\nlabels:\n  section.executive-summary: Das Wichtigste in Kürze\n",
    )
    .unwrap();
    let out = dir.path().join("ours.pdf");
    let output = promocase(&[
        "build",
        path_str(&case),
        "--lang",
        "de",
        "--labels",
        path_str(&labels),
        "-o",
        path_str(&out),
    ]);
    assert_ok(&output);
    assert!(pdf_text(&out).contains("Das Wichtigste in Kürze"));

    // An unknown key and an unknown placeholder: located, with the nearest key.
    std::fs::write(
        &labels,
        "language: de\nlabels:\n  section.executive-sumary: Kurz\n  ask.promote: \"{nme} zu {title}\"\n",
    )
    .unwrap();
    let output = promocase(&[
        "build",
        path_str(&case),
        "--lang",
        "de",
        "--labels",
        path_str(&labels),
        "-o",
        path_str(&out),
    ]);
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    assert!(
        err.contains("ours.yaml:3:3"),
        "the unknown key is located: {err}"
    );
    assert!(
        err.contains("did you mean `section.executive-summary`?"),
        "{err}"
    );
    assert!(
        err.contains("ours.yaml:4:"),
        "the placeholder is located: {err}"
    );
    assert!(err.contains("did you mean `{name}`?"), "{err}");
    assert!(
        pdf_text(&out).contains("Das Wichtigste in Kürze"),
        "the old PDF stays"
    );

    // Labels for another language are not used, and the build says so.
    std::fs::write(
        &labels,
        "language: fr\nlabels:\n  section.trend: Tendance\n",
    )
    .unwrap();
    let output = promocase(&[
        "build",
        path_str(&case),
        "--lang",
        "de",
        "--labels",
        path_str(&labels),
        "-o",
        path_str(&out),
    ]);
    assert_ok(&output);
    assert!(stderr(&output).contains("these labels are for `fr`"));
}

#[test]
fn labels_show_prints_a_catalogue_to_copy() {
    let output = promocase(&["labels", "show", "de"]);
    assert_ok(&output);
    let text = stdout(&output);
    assert_eq!(
        text,
        promocase::locale::catalogue::built_in_text("de").unwrap()
    );
    let english = stdout(&promocase(&["labels", "show", "en"]));
    let file: promocase::locale::catalogue::CatalogueFile = serde_yaml::from_str(&english).unwrap();
    // English lists the enum words too, from promocase's own tables.
    assert!(matches!(file.labels.get("level.vp"), Some(Text::One(t)) if t == "Vice President"));
    assert_eq!(file.labels.len(), english_catalogue().keys().count());
    let list = stdout(&promocase(&["labels", "list"]));
    assert_eq!(list.lines().count(), 15);
    assert!(list.contains("he  Hebrew (עברית, right to left)"));
}

/// Turkish capitals: "i" becomes "İ" in every upper-cased label, table
/// header and cover line, as a Turkish reader writes it (Unicode's default
/// mapping, typst's upper(), gives "I"); dotless "ı" stays "I".
#[test]
fn turkish_labels_are_upper_cased_as_turkish_writes_them() {
    let dir = tempfile::tempdir().expect("temp dir");
    let [proposal, brief, _] = build_all(
        &crate::support::root().join("examples/marketing-director.yaml"),
        "tr",
        dir.path(),
    );
    // pdftotext spaces out tracked capitals: compare without spaces.
    let squeezed = |pdf: &Path| pdf_text(pdf).split_whitespace().collect::<String>();
    let (proposal, brief) = (squeezed(&proposal), squeezed(&brief));
    for word in ["TARİH", "RİSK", "İÇİNDEKİLER", "DEĞİŞİM"] {
        assert!(proposal.contains(word), "the proposal has {word}");
    }
    assert!(
        brief.contains("ÖLÇÜLENETKİ"),
        "the brief's measured-impact label"
    );
    for wrong in ["TARIH", "IÇINDEKILER", "DEĞIŞIM", "ETKI"] {
        assert!(
            !proposal.contains(wrong) && !brief.contains(wrong),
            "{wrong} is misspelt Turkish"
        );
    }
}

/// French elides before a vowel: "d'IT Manager", "qu'Anne", never "de IT
/// Manager" or "de Aisha". The catalogue words its texts so that a name or
/// a title, which may start with any letter, never follows "de" or "que";
/// the IT example's names and titles start with vowels (IT Manager, Aisha).
#[test]
fn french_documents_never_write_de_or_que_before_a_vowel() {
    let dir = tempfile::tempdir().expect("temp dir");
    let pdfs = build_all(
        &crate::support::root().join("examples/it-manager-thin.yaml"),
        "fr",
        dir.path(),
    );
    for pdf in &pdfs {
        // The text and the metadata (the subject names the titles too).
        let text = format!(
            "{} {}",
            pdf_text(pdf),
            crate::support::pdf_info(pdf).unwrap_or_default()
        );
        let words: Vec<&str> = text.split_whitespace().collect();
        let unelided: Vec<String> = words
            .windows(2)
            .filter(|pair| {
                matches!(pair[0], "de" | "De" | "que" | "Que" | "le" | "la")
                    && pair[1].starts_with(['A', 'E', 'I', 'O', 'U', 'Y', 'É', 'È', 'À'])
            })
            .map(|pair| pair.join(" "))
            .collect();
        assert!(unelided.is_empty(), "{}: {unelided:?}", pdf.display());
    }
}

/// The score a case with errors stays below is filled in from the one
/// constant that holds it (`{cap}`), in every language's appendix.
#[test]
fn the_appendix_names_the_score_cap_from_the_code_not_the_catalogue() {
    let dir = tempfile::tempdir().expect("temp dir");
    let case = crate::support::root().join("examples/it-manager-thin.yaml");
    for (lang, expected) in [
        ("en", "held below 80 until"),
        ("tr", "80 puanın altında"),
        ("de", "unter 80 begrenzt"),
    ] {
        let [proposal, _, _] = build_all(&case, lang, dir.path());
        let text = pdf_text(&proposal)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        assert!(text.contains(expected), "{lang}: {text}");
        assert!(!text.contains("{cap}"), "{lang}: the placeholder is filled");
    }
}

/// Czech and Polish write a month after "do" in its genitive: the cover's
/// request line reads "do dubna 2027", "do kwietnia 2027", never the
/// nominative a month takes on its own ("do duben 2027").
#[test]
fn a_month_after_a_preposition_takes_its_genitive_in_czech_and_polish() {
    let dir = tempfile::tempdir().expect("temp dir");
    let case = crate::support::root().join("examples/marketing-director.yaml");
    for (lang, genitive, nominative) in [
        ("cs", "do dubna 2027", "do duben 2027"),
        ("pl", "do kwietnia 2027", "do kwiecień 2027"),
    ] {
        let [proposal, brief, talk] = build_all(&case, lang, dir.path());
        for pdf in [proposal, brief, talk] {
            let text = pdf_text(&pdf)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            assert!(text.contains(genitive), "{lang} {}: {text}", pdf.display());
            assert!(!text.contains(nominative), "{lang} {}", pdf.display());
        }
    }
}

/// What `check` prints for `example` in `lang`, both streams.
fn checked_in(example: &str, lang: &str) -> String {
    let path = root().join("examples").join(example);
    let output = promocase(&["check", "--lang", lang, path_str(&path)]);
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

#[test]
fn a_german_check_prints_no_english_sentence() {
    let english = english_catalogue();
    let german = Catalogue::built_in(
        LANGUAGES.iter().find(|l| l.code == "de").expect("German"),
        english,
    );
    for example in ["it-manager-thin.yaml", "operations-director.yaml"] {
        let case_text = std::fs::read_to_string(root().join("examples").join(example)).unwrap();
        let english_output = checked_in(example, "en");
        let output = checked_in(example, "de");
        // The same findings, in German: rule ids and places stay.
        let ids = |text: &str| -> Vec<String> {
            text.lines()
                .filter_map(|line| {
                    line.strip_prefix("error[")
                        .or_else(|| line.strip_prefix("warning["))
                })
                .filter_map(|rest| rest.split(']').next().map(str::to_string))
                .collect()
        };
        assert_eq!(
            ids(&output),
            ids(&english_output),
            "{example}: the same findings"
        );
        assert_ne!(output, english_output);
        // Rule ids (`warning[kpi-target-missed]`) are identifiers, the same in every language.
        let mut words = output.clone();
        for rule in RULES {
            words = words.replace(rule.id, "");
        }
        let left = english_left(&words, &german, &case_text);
        assert!(
            left.is_empty(),
            "{example}: English left in the German check:\n{}",
            left.join("\n")
        );
        // And nothing printed its catalogue key.
        for key in ["finding.", "check.", "explain."] {
            assert!(
                !output.contains(key),
                "{example}: a key is printed: {output}"
            );
        }
    }
}

#[test]
fn explain_speaks_the_language_asked_for() {
    let english = promocase(&["explain", "succession-missing"]);
    let hebrew = promocase(&["explain", "succession-missing", "--lang", "he"]);
    assert!(english.status.success() && hebrew.status.success());
    let (english, hebrew) = (
        String::from_utf8_lossy(&english.stdout).to_string(),
        String::from_utf8_lossy(&hebrew.stdout).to_string(),
    );
    assert!(
        english.contains("Dimension: Succession plan (succession)"),
        "{english}"
    );
    // The id, the dimension's id, the levels and the example stay as they are.
    assert!(hebrew.starts_with("succession-missing: "), "{hebrew}");
    assert!(hebrew.contains("(succession)") && hebrew.contains("director error"));
    assert!(
        hebrew.contains("    succession:"),
        "the example is the same YAML"
    );
    let letters = hebrew
        .chars()
        .filter(|c| ('\u{05D0}'..='\u{05EA}').contains(c))
        .count();
    assert!(letters > 200, "the explanation is in Hebrew: {hebrew}");
}

#[test]
fn a_german_case_s_mistakes_are_explained_in_german() {
    let dir = tempfile::tempdir().unwrap();
    let case = dir.path().join("fall.yaml");
    let text = std::fs::read_to_string(root().join("examples/operations-director.yaml")).unwrap();
    // A misspelt field, a level that does not exist, a month 13.
    let broken = format!("language: de\n{text}")
        .replacen("  current_title:", "  curent_title:", 1)
        .replacen("target_level: director", "target_level: directr", 1)
        .replacen("as_of: 2026-10-15", "as_of: 2026-13-15", 1);
    std::fs::write(&case, &broken).unwrap();
    let output = promocase(&["check", path_str(&case)]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    let said = format!("{}{}", stdout(&output), stderr(&output));
    for code in ["unknown-field", "not-allowed", "bad-date", "missing-field"] {
        assert!(said.contains(&format!("error[{code}]")), "{code}: {said}");
    }
    let german = Catalogue::built_in(
        LANGUAGES.iter().find(|l| l.code == "de").expect("German"),
        english_catalogue(),
    );
    // The German words of "unknown field" are there, and no English sentence
    // (the schema's field descriptions, quoted in a missing field's hint, are
    // English: they are left out of the comparison).
    let unknown = german.text("load.unknown-field");
    let fixed = unknown.split('{').next().unwrap_or_default().trim();
    assert!(!fixed.is_empty() && said.contains(fixed), "{fixed}: {said}");
    let without_descriptions: String = said
        .lines()
        .map(|line| line.split(": ").next().unwrap_or(line))
        .filter(|line| !line.trim_start().starts_with("= hint"))
        .collect::<Vec<_>>()
        .join("\n");
    let left = english_left(&without_descriptions, &german, &broken);
    assert!(
        left.is_empty(),
        "English left in German load errors:\n{}",
        left.join("\n")
    );
    // The same file without `language: de` is explained in English.
    std::fs::write(&case, broken.replacen("language: de\n", "", 1)).unwrap();
    let english = promocase(&["check", path_str(&case)]);
    assert!(
        stderr(&english).contains("unknown field `curent_title`")
            || stdout(&english).contains("unknown field `curent_title`")
    );
}
