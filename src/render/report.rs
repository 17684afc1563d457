//! The shape of a `check` report as templates receive it, so a readiness
//! matrix can be printed in the proposal's appendix.
//!
//! It is a narrow copy of [`crate::rubric::report::Report`], taken with
//! `CheckReport::from(&report)`, so templates see a small stable shape (also
//! written to `data.json`) rather than the checker's internals. Without a
//! report the appendix is left out.

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

impl From<&crate::rubric::report::Report> for CheckReport {
    fn from(report: &crate::rubric::report::Report) -> Self {
        let status = |status: crate::rubric::report::Status| match status {
            crate::rubric::report::Status::Evidenced => EvidenceStatus::Evidenced,
            crate::rubric::report::Status::Thin => EvidenceStatus::Thin,
            crate::rubric::report::Status::Missing => EvidenceStatus::Missing,
        };
        Self {
            readiness: Readiness {
                score: f64::from(report.readiness.score),
                level: report.readiness.level_name.clone(),
                dimensions: report
                    .readiness
                    .dimensions
                    .iter()
                    .map(|d| DimensionReadiness {
                        id: d.id.to_string(),
                        name: d.name.to_string(),
                        status: status(d.status),
                        evidence: d.evidence.clone(),
                    })
                    .collect(),
                top_gaps: report
                    .readiness
                    .top_gaps
                    .iter()
                    .map(|g| Gap {
                        dimension: g.dimension.to_string(),
                        message: g.message.clone(),
                    })
                    .collect(),
            },
            findings: report
                .findings
                .iter()
                .map(|f| Finding {
                    rule: f.rule.to_string(),
                    severity: f.severity,
                    message: f.message.clone(),
                    line: f.location.as_ref().map(|l| l.line),
                    column: f.location.as_ref().map(|l| l.column),
                })
                .collect(),
        }
    }
}
