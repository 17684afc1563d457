//! Reading rubrics: the three built-in files (`rubrics/*.yaml`, embedded in
//! the binary) and company files passed with `--rubric`, through the same
//! loader as cases ([`crate::model::parse_document`]) and with the same located
//! messages. A company file only needs `level:`; every setting it leaves out
//! comes from the built-in rubric of that level.
//!
//! A case with no `--rubric` is judged by the company rubric in its own
//! folder when there is one, named [`RUBRIC_BESIDE_CASE`]
//! (`promocase-rubric.yaml`): put the company's ladder next to the cases once
//! and every command uses it ([`super::choice`] decides).
//!
//! This is the layer above the registry ([`super::rules`]): it fills a
//! [`Rubric`] with every registered rule's severity and refuses rule ids the
//! registry does not know, so the data types in [`super::config`] need no rule.

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, OnceLock};

use super::Rubric;
use super::config::{RubricFile, RubricOrigin, Thresholds};
use super::rules;
use crate::diagnostic::{Diagnostic, SourceFile};
use crate::model::{Dimension, DocumentSchema, Level, LoadError, parse_document, read_source};

/// The file name of the company rubric a case picks up from its own folder.
pub const RUBRIC_BESIDE_CASE: &str = "promocase-rubric.yaml";

/// The text of the built-in rubric of a level, as shipped in `rubrics/`.
pub fn builtin_text(level: Level) -> &'static str {
    match level {
        Level::SeniorManager => include_str!("../../rubrics/senior-manager.yaml"),
        Level::Director => include_str!("../../rubrics/director.yaml"),
        Level::Vp => include_str!("../../rubrics/vp.yaml"),
    }
}

impl Rubric {
    /// The built-in rubric of a level.
    pub fn builtin(level: Level) -> Rubric {
        static BUILTIN: [OnceLock<Rubric>; 3] = [OnceLock::new(), OnceLock::new(), OnceLock::new()];
        let slot = &BUILTIN[Level::ALL.iter().position(|l| *l == level).unwrap_or(0)];
        slot.get_or_init(|| {
            // The embedded files are validated by the test suite (`parse_builtin`), so a
            // process decodes only the level it needs, without the schema pass: a check
            // of one case starts about 1.5 ms sooner.
            serde_yaml::from_str::<RubricFile>(builtin_text(level))
                .map(|file| Self::empty(level).apply(file, RubricOrigin::Builtin))
                .or_else(|_| Self::parse_builtin(level))
                // Embedded at compile time and loaded by the test suite; a failure is a bug.
                .unwrap_or_else(|error| panic!("built-in rubric {}: {error}", level.id()))
        })
        .clone()
    }

    /// Reads the embedded file of a level on top of the code baseline.
    pub fn parse_builtin(level: Level) -> Result<Rubric, LoadError> {
        let source = SourceFile::new(format!("rubrics/{}.yaml", level.id()), builtin_text(level));
        let file = parse_rubric_file(&source)?;
        let base = Self::empty(level);
        Ok(base.apply(file, RubricOrigin::Builtin))
    }

    /// Loads a company rubric file; settings it leaves out come from the built-in rubric of its level.
    pub fn load(path: &Path) -> Result<Rubric, LoadError> {
        let source = read_source(path)?;
        Self::parse(&source)
    }

    /// Parses a company rubric already read.
    pub fn parse(source: &Arc<SourceFile>) -> Result<Rubric, LoadError> {
        let file = parse_rubric_file(source)?;
        let base = Self::builtin(file.level);
        Ok(base.apply(file, RubricOrigin::File(source.name())))
    }

    /// A rubric with every rule off and baseline thresholds: the ground the built-in files stand on.
    fn empty(level: Level) -> Rubric {
        Rubric {
            level,
            name: level.label().to_string(),
            description: String::new(),
            thresholds: Thresholds::baseline(),
            severities: rules::RULES.iter().map(|rule| (rule.id, None)).collect(),
            weights: Dimension::ALL.into_iter().map(|d| (d, 1)).collect(),
            tracks: HashMap::new(),
            origin: RubricOrigin::Builtin,
        }
    }

    fn apply(mut self, file: RubricFile, origin: RubricOrigin) -> Rubric {
        self.level = file.level;
        if let Some(name) = file.name {
            self.name = name;
        }
        if let Some(description) = file.description {
            self.description = description;
        }
        self.thresholds = Thresholds::merged(&self.thresholds, &file.thresholds);
        for (id, setting) in file.rules {
            // Ids were checked against the registry while parsing.
            if let Some(rule) = rules::find(&id) {
                self.severities.insert(rule.id, setting.severity());
            }
        }
        for dimension in Dimension::ALL {
            if let Some(weight) = file.weights.get(dimension) {
                self.weights.insert(dimension, weight);
            }
        }
        self.tracks.extend(file.tracks);
        self.origin = origin;
        self
    }
}

/// The `rules:` section of a built-in rubric file as the rules declare it
/// ([`super::rule::Rule::builtin`]): every rule in the registry's order,
/// under a comment naming its dimension. `rubrics/*.yaml` hold exactly this
/// (a test compares; `UPDATE_DOCS=1 cargo test` rewrites them), so a new
/// rule's severities are written once, in its own file.
pub fn builtin_rules_section(level: Level) -> String {
    let mut section = String::from("rules:\n");
    let mut group = None;
    for rule in rules::RULES {
        if group != Some(rule.dimension) {
            group = Some(rule.dimension);
            let heading = rule
                .dimension
                .map_or("The file itself: its logo and its waivers", |d| d.label());
            section.push_str(&format!("  # {heading}\n"));
        }
        let setting = serde_yaml::to_string(&rule.builtin.at(level)).unwrap_or_default();
        section.push_str(&format!("  {}: {}\n", rule.id, setting.trim()));
    }
    section
}

/// The rubric format's schema, compiled once.
pub fn rubric_schema() -> &'static DocumentSchema {
    static SCHEMA: OnceLock<DocumentSchema> = OnceLock::new();
    SCHEMA.get_or_init(DocumentSchema::for_type::<RubricFile>)
}

/// Parses a rubric file and checks that every rule it names exists.
fn parse_rubric_file(source: &Arc<SourceFile>) -> Result<RubricFile, LoadError> {
    let loaded =
        parse_document::<RubricFile>(source, rubric_schema, "rubric", &crate::wording::English)?;
    let mut diagnostics = Vec::new();
    for id in loaded.value.rules.keys() {
        if rules::find(id).is_some() {
            continue;
        }
        let pointer = crate::model::locate::pointer_join("/rules", id);
        let hint = match crate::suggest::closest(id, rules::RULES.iter().map(|r| r.id)) {
            Some(best) => format!("did you mean `{best}`? `promocase rules` lists every rule"),
            None => "`promocase rules` lists every rule".to_string(),
        };
        diagnostics.push(
            Diagnostic::error("unknown-rule", source, format!("there is no rule `{id}`"))
                .at(loaded.locations.primary(&pointer))
                .with_label("not a rule id")
                .with_hint(hint),
        );
    }
    if diagnostics.is_empty() {
        Ok(loaded.value)
    } else {
        Err(LoadError { diagnostics })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fast_builtin_decoding_matches_the_validated_one() {
        for level in Level::ALL {
            let fast = Rubric::builtin(level);
            let validated = Rubric::parse_builtin(level).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(fast.name, validated.name);
            assert_eq!(
                format!("{:?}", fast.thresholds),
                format!("{:?}", validated.thresholds)
            );
            for rule in rules::RULES {
                assert_eq!(
                    fast.severity(rule.id),
                    validated.severity(rule.id),
                    "{}",
                    rule.id
                );
            }
            for dimension in Dimension::ALL {
                assert_eq!(fast.weight(dimension), validated.weight(dimension));
            }
            assert_eq!(fast.tracks.len(), validated.tracks.len());
        }
    }

    /// The part of a built-in file from `rules:` to the blank line after it.
    fn rules_section(text: &str) -> Option<(usize, usize)> {
        let start = text.find("\nrules:\n")? + 1;
        let end = start + text[start..].find("\n\n")? + 1;
        Some((start, end))
    }

    #[test]
    fn builtin_files_give_each_rule_the_severity_it_declares() {
        for level in Level::ALL {
            let text = builtin_text(level);
            let Some((start, end)) = rules_section(text) else {
                panic!("rubrics/{}.yaml has no rules: section", level.id());
            };
            let expected = builtin_rules_section(level);
            if text[start..end] == expected {
                continue;
            }
            if std::env::var_os("UPDATE_DOCS").is_some() {
                let path = Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join(format!("rubrics/{}.yaml", level.id()));
                let updated = format!("{}{expected}{}", &text[..start], &text[end..]);
                std::fs::write(&path, updated).unwrap_or_else(|e| panic!("{e}"));
            } else {
                panic!(
                    "rubrics/{}.yaml's rules differ from the rules' declared severities: run `UPDATE_DOCS=1 cargo test --lib`",
                    level.id()
                );
            }
        }
    }

    #[test]
    fn builtin_rubrics_load_and_set_everything() {
        for level in Level::ALL {
            let source = SourceFile::new("builtin.yaml", builtin_text(level));
            let file = match parse_rubric_file(&source) {
                Ok(file) => file,
                Err(error) => panic!("{}: {error}", level.id()),
            };
            assert_eq!(file.level, level);
            let thresholds = serde_json::to_value(&file.thresholds).unwrap_or_default();
            let unset: Vec<&String> = thresholds
                .as_object()
                .map(|o| {
                    o.iter()
                        .filter(|(_, v)| v.is_null())
                        .map(|(k, _)| k)
                        .collect()
                })
                .unwrap_or_default();
            assert!(
                unset.is_empty(),
                "{} leaves thresholds unset: {unset:?}",
                level.id()
            );
            let missing: Vec<&str> = rules::RULES
                .iter()
                .map(|r| r.id)
                .filter(|id| !file.rules.contains_key(*id))
                .collect();
            assert!(
                missing.is_empty(),
                "{} does not list rules {missing:?}",
                level.id()
            );
            for dimension in Dimension::ALL {
                assert!(
                    file.weights.get(dimension).is_some(),
                    "{} has no weight for {dimension}",
                    level.id()
                );
            }
        }
    }

    #[test]
    fn company_file_overrides_only_what_it_sets() {
        let source = SourceFile::new(
            "ours.yaml",
            "level: director\nname: Head of\nthresholds:\n  stale_after_months: 36\nrules:\n  weak-verb: off\n",
        );
        let rubric = Rubric::parse(&source).unwrap_or_else(|e| panic!("{e}"));
        let builtin = Rubric::builtin(Level::Director);
        assert_eq!(rubric.name, "Head of");
        assert_eq!(rubric.thresholds.stale_after_months, 36);
        assert_eq!(rubric.severity("weak-verb"), None);
        assert_eq!(
            rubric.severity("succession-missing"),
            builtin.severity("succession-missing")
        );
        assert_eq!(
            rubric.thresholds.min_partner_departments,
            builtin.thresholds.min_partner_departments
        );
    }

    #[test]
    fn unknown_rule_ids_are_located_with_a_suggestion() {
        let source = SourceFile::new("ours.yaml", "level: director\nrules:\n  weak-verbs: off\n");
        let error = Rubric::parse(&source).err().map(|e| e.diagnostics);
        let diagnostics = error.unwrap_or_default();
        assert_eq!(diagnostics.len(), 1);
        assert_eq!(diagnostics[0].position(), "ours.yaml:3:3");
        assert!(
            diagnostics[0]
                .hint
                .as_deref()
                .unwrap_or("")
                .contains("`weak-verb`")
        );
    }
}
