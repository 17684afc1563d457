//! The dimensions of the director criteria (`criteria.md`): what a case must
//! evidence one level up, and how well a case evidences each.
//!
//! One enum serves the case format and the rubric. A manager tags an
//! achievement with any of the first thirteen; `evidence` and `the-ask` are
//! about the case as a whole, so only the rubric grades them, and a tag naming
//! them is refused by the loader and the schema alike. Ids and names come from
//! the table in [`super::label`].

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Dimensions of the director criteria an item can evidence: strategy, leadership, business-kpis,
/// budget, cross-functional, visibility, sponsors, innovation, risk, customer, ambiguity, change,
/// succession.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Dimension {
    Strategy,
    Leadership,
    BusinessKpis,
    Budget,
    CrossFunctional,
    Visibility,
    Sponsors,
    Innovation,
    Risk,
    Customer,
    Ambiguity,
    Change,
    Succession,
    // The quality of the case's evidence as a whole; graded by the rubric only.
    #[serde(skip_deserializing)]
    Evidence,
    // The proposal itself; graded by the rubric only.
    #[serde(skip_deserializing)]
    TheAsk,
}

impl Dimension {
    /// The name a reader of the report and the documents sees.
    pub fn name(self) -> &'static str {
        self.label()
    }

    /// Whether an achievement can be tagged with it.
    pub fn is_taggable(self) -> bool {
        !matches!(self, Dimension::Evidence | Dimension::TheAsk)
    }
}

impl std::fmt::Display for Dimension {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id())
    }
}

/// How well a case evidences a dimension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EvidenceStatus {
    Evidenced,
    Thin,
    Missing,
}

impl EvidenceStatus {
    /// The share of a dimension's weight this status earns in the readiness score.
    pub fn credit(self) -> f64 {
        match self {
            EvidenceStatus::Evidenced => 1.0,
            EvidenceStatus::Thin => 0.5,
            EvidenceStatus::Missing => 0.0,
        }
    }

    /// Missing < thin < evidenced.
    pub fn rank(self) -> u8 {
        match self {
            EvidenceStatus::Missing => 0,
            EvidenceStatus::Thin => 1,
            EvidenceStatus::Evidenced => 2,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_files_tag_only_the_thirteen_dimensions_of_the_criteria() {
        for dimension in Dimension::ALL {
            let decoded: Result<Dimension, _> = serde_yaml::from_str(dimension.id());
            assert_eq!(decoded.is_ok(), dimension.is_taggable(), "{dimension}");
        }
        let schema = serde_json::to_value(schemars::schema_for!(Dimension)).unwrap_or_default();
        let allowed = schema.to_string();
        assert!(allowed.contains("\"succession\""), "{allowed}");
        assert!(!allowed.contains("\"the-ask\""), "{allowed}");
        assert!(!allowed.contains("\"evidence\""), "{allowed}");
    }
}
