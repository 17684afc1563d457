//! The rules, one per file. Each file holds a `RULE` table entry (id, dimension,
//! summary, explanation, example) and its check function; [`super::registry`]
//! lists them. Rules never decide severity: the rubric does.

pub mod achievements_missing;
pub mod ask_incomplete;
pub mod ask_target_date_past;
pub mod budget_missing;
pub mod budget_no_allocation_decision;
pub mod budget_not_owned;
pub mod change_missing;
pub mod cross_functional_narrow;
pub mod cross_functional_none_led;
pub mod currency_mismatch;
pub mod customer_outcome_missing;
pub mod date_in_future;
pub mod decision_incomplete;
pub mod decision_missing;
pub mod evidence_stale;
pub mod evidence_unattested;
pub mod evidence_undated;
pub mod initiative_no_partner_leader;
pub mod innovation_unquantified;
pub mod kpi_incomplete;
pub mod kpi_missing;
pub mod kpi_no_business_wide;
pub mod kpi_target_missed;
pub mod leadership_no_development;
pub mod leadership_no_managers;
pub mod outcome_unquantified;
pub mod percent_out_of_range;
pub mod period_end_before_start;
pub mod risk_missing;
pub mod risk_no_mitigation;
pub mod sponsor_missing;
pub mod sponsor_no_attestation;
pub mod strategy_missing;
pub mod strategy_no_company_objective;
pub mod strategy_no_roadmap;
pub mod strategy_short_horizon;
pub mod succession_late;
pub mod succession_missing;
pub mod succession_no_development;
pub mod track_evidence_missing;
pub mod vague_quantity;
pub mod visibility_missing;
pub mod waiver_no_reason;
pub mod waiver_unknown_rule;
pub mod weak_verb;

/// What every rule file needs.
mod prelude {
    pub use crate::rubric::context::{
        CheckContext, Emitter, currency_of, find_phrase_in, has_number, is_percent, period_end,
        plural, show_date, show_number, with_unit,
    };
    pub use crate::rubric::dimension::DimensionId;
    pub use crate::rubric::registry::Rule;
}
