//! The registry: every rule, one file each, listed once below. A rule file
//! holds its `RULE` (id, dimension, severity in each built-in rubric,
//! summary, explanation, example; see [`super::rule::Rule`]) and its check
//! function. Adding a rule takes, today, four places: its file here, one line
//! in [`registry!`], its summary `rule.ID` in each of the 14 translated
//! `locales/*.yaml` (English is the rule's own), and a triggering row in
//! `tests/suite/check_rules.rs`; `UPDATE_DOCS=1 cargo test` then writes the
//! `rules:` sections of `rubrics/*.yaml` from the declared severities, and
//! README's rule list. A test fails for each one forgotten (an unregistered
//! file, a rubric file behind its rules, a catalogue without the rule, a rule
//! without a row), and another proves each rule's example keeps it silent.
//! Commit e3b9b2f (`outcome-direction-missing`) is a rule added this way,
//! before its severities moved into the rule file.
//!
//! Listing a rule here is what makes `check`, `rules`, `explain`, the SARIF
//! rule list and the README section know about it. Thresholds are not here:
//! they belong to the rubric files. Rule files depend only on
//! [`super::rule`] and [`super::context`], never on this table.

/// Declares each rule's module and lists its `RULE` in [`RULES`], in one place.
macro_rules! registry {
    ($($name:ident,)*) => {
        $(pub mod $name;)*

        /// Every rule, grouped by dimension in the order of the criteria.
        pub static RULES: &[&super::rule::Rule] = &[$(&$name::RULE),*];

        /// The file name of every registered rule, for the test that finds unregistered files.
        #[cfg(test)]
        const FILES: &[&str] = &[$(concat!(stringify!($name), ".rs")),*];
    };
}

registry! {
    strategy_missing,
    strategy_short_horizon,
    strategy_no_company_objective,
    strategy_no_roadmap,
    leadership_no_managers,
    leadership_no_development,
    kpi_missing,
    kpi_no_business_wide,
    kpi_incomplete,
    kpi_target_missed,
    budget_missing,
    budget_not_owned,
    budget_no_allocation_decision,
    cross_functional_narrow,
    cross_functional_none_led,
    initiative_no_partner_leader,
    visibility_missing,
    sponsor_missing,
    sponsor_no_attestation,
    innovation_unquantified,
    risk_missing,
    risk_no_mitigation,
    customer_outcome_missing,
    decision_missing,
    decision_incomplete,
    change_missing,
    succession_missing,
    succession_late,
    succession_no_development,
    achievements_missing,
    outcome_unquantified,
    outcome_direction_missing,
    evidence_undated,
    evidence_stale,
    date_in_future,
    period_end_before_start,
    evidence_unattested,
    currency_mismatch,
    percent_out_of_range,
    weak_verb,
    vague_quantity,
    placeholder_text,
    track_evidence_missing,
    ask_incomplete,
    ask_target_date_past,
    ask_why_now_personal,
    ask_resources_only,
    logo_unusable,
    waiver_no_reason,
    waiver_unknown_rule,
}

/// The rule with this id.
pub fn find(id: &str) -> Option<&'static super::rule::Rule> {
    RULES.iter().copied().find(|rule| rule.id == id)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;
    use crate::diagnostic::{Severity, SourceFile};
    use crate::locale::Locale;
    use crate::model::{Dimension, Level, parse_case};
    use crate::rubric::Rubric;
    use crate::rubric::context::{CheckContext, Emitter};

    /// Every name a rule file says (`say("NAME"`, `say_count("NAME"`) is
    /// one of its texts, and every text is said: a sentence said but not
    /// declared would print its name, one declared but not said would be
    /// translated for nothing.
    #[test]
    fn every_text_a_rule_says_is_declared_and_every_declared_text_said() {
        for (rule, file) in RULES.iter().zip(FILES) {
            let path = format!("{}/src/rubric/rules/{file}", env!("CARGO_MANIFEST_DIR"));
            let source = std::fs::read_to_string(&path).expect("the rule's file");
            let names: BTreeSet<&str> = rule
                .texts
                .iter()
                .map(|(name, _)| {
                    name.strip_suffix(".one")
                        .or_else(|| name.strip_suffix(".other"))
                        .unwrap_or(name)
                })
                .collect();
            for call in ["say(\"", "say_count(\""] {
                for (at, _) in source.match_indices(call) {
                    let rest = &source[at + call.len()..];
                    let name = rest.split('"').next().unwrap_or_default();
                    assert!(
                        names.contains(name),
                        "{}: says `{name}`, which its texts lack",
                        rule.id
                    );
                }
            }
            // Declared texts are named again in the check (or chosen by a
            // function that returns the name): at least twice in the file.
            for name in &names {
                assert!(
                    source.matches(&format!("\"{name}\"")).count() >= 2
                        || source.matches(&format!("\"{name}.one\"")).count() >= 1
                            && source.matches(&format!("\"{name}\"")).count() >= 1,
                    "{}: the text `{name}` is never said",
                    rule.id
                );
            }
        }
    }

    #[test]
    fn ids_are_unique_kebab_case_and_name_their_file() {
        let mut seen = BTreeSet::new();
        for (rule, file) in RULES.iter().zip(FILES) {
            assert!(seen.insert(rule.id), "{} registered twice", rule.id);
            assert!(
                rule.id.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{} is not kebab-case",
                rule.id
            );
            assert_eq!(
                format!("{}.rs", rule.id.replace('-', "_")),
                *file,
                "a rule lives in the file named after its id"
            );
            assert!(
                !rule.summary.ends_with('.'),
                "{}: summaries are one line, no full stop",
                rule.id
            );
            assert!(
                rule.explanation_paragraphs().len() >= 2,
                "{}: the explanation says why it matters, then what good evidence is",
                rule.id
            );
        }
    }

    #[test]
    fn every_rule_file_is_registered() {
        let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/rubric/rules");
        let mut unregistered = Vec::new();
        for entry in std::fs::read_dir(&folder).into_iter().flatten().flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.ends_with(".rs") && name != "mod.rs" && !FILES.contains(&name.as_str()) {
                unregistered.push(name);
            }
        }
        assert!(
            unregistered.is_empty(),
            "add these to `registry!` in src/rubric/rules/mod.rs: {unregistered:?}"
        );
    }

    #[test]
    fn every_dimension_has_a_rule() {
        for dimension in Dimension::ALL {
            assert!(
                RULES.iter().any(|rule| rule.dimension == Some(dimension)),
                "no rule covers {dimension}"
            );
        }
    }

    /// Puts `patch` over `base`: mappings merge key by key, anything else replaces.
    fn merge(base: &mut serde_yaml::Mapping, patch: serde_yaml::Mapping) {
        for (key, value) in patch {
            match (base.get_mut(&key), value) {
                (Some(serde_yaml::Value::Mapping(inner)), serde_yaml::Value::Mapping(patch)) => {
                    merge(inner, patch)
                }
                (_, value) => {
                    base.insert(key, value);
                }
            }
        }
    }

    /// Each rule's example, put in place of the same sections of a complete
    /// case, keeps the rule silent: `explain` never shows advice that fails.
    #[test]
    fn every_example_satisfies_its_rule() {
        let base_text = include_str!("../../../tests/fixtures/rules/base.yaml");
        let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap_or_default();
        let mut failures = Vec::new();
        for rule in RULES {
            let mut base: serde_yaml::Mapping = serde_yaml::from_str(base_text).unwrap_or_default();
            let example: serde_yaml::Mapping = serde_yaml::from_str(rule.example)
                .unwrap_or_else(|e| panic!("{}: the example is not a YAML mapping: {e}", rule.id));
            merge(&mut base, example);
            let text = serde_yaml::to_string(&base).unwrap_or_default();
            let source = SourceFile::new(format!("{}-example.yaml", rule.id), text);
            let loaded = parse_case(source, today)
                .unwrap_or_else(|e| panic!("{}: the example does not load: {e}", rule.id));
            for level in Level::ALL {
                let rubric = Rubric::builtin(level);
                let context = CheckContext::new(&loaded, &rubric, Locale::english());
                let mut emitter = Emitter::new(
                    rule.id,
                    rule.dimension,
                    rule.texts,
                    Severity::Error,
                    &context,
                );
                (rule.check)(&context, &mut emitter);
                let messages: Vec<&str> = emitter
                    .findings
                    .iter()
                    .map(|f| f.message.as_str())
                    .collect();
                if !messages.is_empty() {
                    failures.push(format!("{} at {}: {messages:?}", rule.id, level.id()));
                }
            }
        }
        assert!(
            failures.is_empty(),
            "these examples trigger their own rule:\n{}",
            failures.join("\n")
        );
    }
}
