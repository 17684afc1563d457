//! The dimensions of the director criteria (`criteria.md`): what a case must
//! evidence one level up. Every rule belongs to one dimension, and the
//! readiness report grades each dimension as evidenced, thin or missing.
//!
//! The case format tags achievements with the first thirteen (the
//! [`crate::model::Dimension`] enum); `evidence` and `the-ask` are about the
//! case as a whole, so only the rubric knows them.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::model;

/// A dimension of the criteria, in the order the readiness table lists them.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum DimensionId {
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
    Evidence,
    TheAsk,
}

impl DimensionId {
    pub const ALL: [DimensionId; 15] = [
        DimensionId::Strategy,
        DimensionId::Leadership,
        DimensionId::BusinessKpis,
        DimensionId::Budget,
        DimensionId::CrossFunctional,
        DimensionId::Visibility,
        DimensionId::Sponsors,
        DimensionId::Innovation,
        DimensionId::Risk,
        DimensionId::Customer,
        DimensionId::Ambiguity,
        DimensionId::Change,
        DimensionId::Succession,
        DimensionId::Evidence,
        DimensionId::TheAsk,
    ];

    /// The identifier used in files, JSON and on the command line.
    pub fn id(self) -> &'static str {
        match self {
            DimensionId::Strategy => "strategy",
            DimensionId::Leadership => "leadership",
            DimensionId::BusinessKpis => "business-kpis",
            DimensionId::Budget => "budget",
            DimensionId::CrossFunctional => "cross-functional",
            DimensionId::Visibility => "visibility",
            DimensionId::Sponsors => "sponsors",
            DimensionId::Innovation => "innovation",
            DimensionId::Risk => "risk",
            DimensionId::Customer => "customer",
            DimensionId::Ambiguity => "ambiguity",
            DimensionId::Change => "change",
            DimensionId::Succession => "succession",
            DimensionId::Evidence => "evidence",
            DimensionId::TheAsk => "the-ask",
        }
    }

    /// The name a reader of the report sees.
    pub fn name(self) -> &'static str {
        match self {
            DimensionId::Strategy => "Strategic planning and vision",
            DimensionId::Leadership => "Leading managers, developing people",
            DimensionId::BusinessKpis => "Business-level results",
            DimensionId::Budget => "Budget and resource allocation",
            DimensionId::CrossFunctional => "Influence across departments",
            DimensionId::Visibility => "Executive visibility",
            DimensionId::Sponsors => "Sponsors among decision-makers",
            DimensionId::Innovation => "Innovation and process improvement",
            DimensionId::Risk => "Risk and compliance",
            DimensionId::Customer => "Customer focus",
            DimensionId::Ambiguity => "Decisions under ambiguity",
            DimensionId::Change => "Leading through change",
            DimensionId::Succession => "Succession plan",
            DimensionId::Evidence => "Quality of the evidence",
            DimensionId::TheAsk => "The proposal itself",
        }
    }

    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|d| d.id() == id)
    }

    /// The rubric dimension an achievement tag stands for.
    pub fn from_model(dimension: model::Dimension) -> Self {
        use model::Dimension as M;
        match dimension {
            M::Strategy => DimensionId::Strategy,
            M::Leadership => DimensionId::Leadership,
            M::BusinessKpis => DimensionId::BusinessKpis,
            M::Budget => DimensionId::Budget,
            M::CrossFunctional => DimensionId::CrossFunctional,
            M::Visibility => DimensionId::Visibility,
            M::Sponsors => DimensionId::Sponsors,
            M::Innovation => DimensionId::Innovation,
            M::Risk => DimensionId::Risk,
            M::Customer => DimensionId::Customer,
            M::Ambiguity => DimensionId::Ambiguity,
            M::Change => DimensionId::Change,
            M::Succession => DimensionId::Succession,
        }
    }
}

impl std::fmt::Display for DimensionId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id())
    }
}
