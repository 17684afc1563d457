//! The one table of rules. A rule lives in its own file under
//! [`super::rules`]; adding it to [`RULES`] is what makes `check`, `rules`,
//! `explain`, the SARIF rule list and the README section know about it.
//! Severities and thresholds are not here: they belong to the rubric files.

use super::context::{CheckContext, Emitter};
use super::dimension::DimensionId;
use super::rules;

/// A rule of the director criteria.
pub struct Rule {
    /// Stable identifier, used in rubric files, waivers and every output.
    pub id: &'static str,
    /// The dimension a finding of this rule weakens; `None` for rules about the file itself.
    pub dimension: Option<DimensionId>,
    /// One line: what the rule looks for.
    pub summary: &'static str,
    /// Why it matters one level up and what good evidence looks like, for a manager.
    pub explanation: &'static str,
    /// A YAML snippet of a case that satisfies the rule.
    pub example: &'static str,
    /// Looks at the case and reports what it finds.
    pub check: fn(&CheckContext<'_>, &mut Emitter<'_>),
}

/// Every rule, grouped by dimension in the order of the criteria.
pub static RULES: &[&Rule] = &[
    &rules::strategy_missing::RULE,
    &rules::strategy_short_horizon::RULE,
    &rules::strategy_no_company_objective::RULE,
    &rules::strategy_no_roadmap::RULE,
    &rules::leadership_no_managers::RULE,
    &rules::leadership_no_development::RULE,
    &rules::kpi_missing::RULE,
    &rules::kpi_no_business_wide::RULE,
    &rules::kpi_incomplete::RULE,
    &rules::kpi_target_missed::RULE,
    &rules::budget_missing::RULE,
    &rules::budget_not_owned::RULE,
    &rules::budget_no_allocation_decision::RULE,
    &rules::cross_functional_narrow::RULE,
    &rules::cross_functional_none_led::RULE,
    &rules::initiative_no_partner_leader::RULE,
    &rules::visibility_missing::RULE,
    &rules::sponsor_missing::RULE,
    &rules::sponsor_no_attestation::RULE,
    &rules::innovation_unquantified::RULE,
    &rules::risk_missing::RULE,
    &rules::risk_no_mitigation::RULE,
    &rules::customer_outcome_missing::RULE,
    &rules::decision_missing::RULE,
    &rules::decision_incomplete::RULE,
    &rules::change_missing::RULE,
    &rules::succession_missing::RULE,
    &rules::succession_late::RULE,
    &rules::succession_no_development::RULE,
    &rules::achievements_missing::RULE,
    &rules::outcome_unquantified::RULE,
    &rules::evidence_undated::RULE,
    &rules::evidence_stale::RULE,
    &rules::date_in_future::RULE,
    &rules::period_end_before_start::RULE,
    &rules::evidence_unattested::RULE,
    &rules::currency_mismatch::RULE,
    &rules::percent_out_of_range::RULE,
    &rules::weak_verb::RULE,
    &rules::vague_quantity::RULE,
    &rules::track_evidence_missing::RULE,
    &rules::ask_incomplete::RULE,
    &rules::ask_target_date_past::RULE,
    &rules::waiver_no_reason::RULE,
    &rules::waiver_unknown_rule::RULE,
];

/// The rule with this id.
pub fn find(id: &str) -> Option<&'static Rule> {
    RULES.iter().copied().find(|rule| rule.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn ids_are_unique_and_kebab_case() {
        let mut seen = BTreeSet::new();
        for rule in RULES {
            assert!(seen.insert(rule.id), "{} registered twice", rule.id);
            assert!(
                rule.id.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{} is not kebab-case",
                rule.id
            );
            assert!(
                !rule.summary.ends_with('.'),
                "{}: summaries are one line, no full stop",
                rule.id
            );
        }
    }

    #[test]
    fn every_dimension_has_a_rule() {
        for dimension in DimensionId::ALL {
            assert!(
                RULES.iter().any(|rule| rule.dimension == Some(dimension)),
                "no rule covers {dimension}"
            );
        }
    }

    #[test]
    fn examples_are_valid_yaml() {
        for rule in RULES {
            let parsed: Result<serde_yaml::Value, _> = serde_yaml::from_str(rule.example);
            assert!(
                parsed.is_ok(),
                "{}: example is not YAML: {parsed:?}",
                rule.id
            );
        }
    }
}
