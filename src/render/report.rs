//! The shape of a `check` report as templates receive it, so a readiness
//! matrix can be printed in the proposal's appendix.
//!
//! The render module does not depend on the rubric: whoever runs `check`
//! converts its result into this shape and hands it to
//! [`crate::render::DocumentOptions::report`]. Without a report the appendix
//! is left out.

use serde::{Deserialize, Serialize};

/// A `check` result: overall readiness and the individual findings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckReport {
    pub readiness: Readiness,
    #[serde(default)]
    pub findings: Vec<Finding>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Readiness {
    /// 0 to 100.
    pub score: f64,
    /// The level assessed, e.g. `director`.
    pub level: String,
    #[serde(default)]
    pub dimensions: Vec<DimensionReadiness>,
    #[serde(default)]
    pub top_gaps: Vec<Gap>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EvidenceStatus {
    Evidenced,
    Thin,
    Missing,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DimensionReadiness {
    pub id: String,
    pub name: String,
    pub status: EvidenceStatus,
    #[serde(default)]
    pub evidence: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Gap {
    pub dimension: String,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Finding {
    pub rule: String,
    pub severity: crate::diagnostic::Severity,
    pub message: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
}
