//! The `check` report as templates receive it: the readiness matrix of the
//! proposal's appendix, and each KPI's status for every table and sentence.
//!
//! It is a narrow view of [`crate::rubric::report::Report`], taken with
//! `CheckReport::from(&report)`, so templates see a small stable shape (also
//! written to `data.json`) rather than the checker's internals. Names, labels
//! and statuses are the report's own, so the appendix and `check` agree.

use serde::Serialize;

use crate::diagnostic::Severity;
use crate::model::{KpiStatus, Label};

/// A `check` result: overall readiness and the individual findings.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CheckReport {
    pub readiness: Readiness,
    pub findings: Vec<Finding>,
    /// Each KPI's status in the case's order, under the rubric's tolerance.
    #[serde(skip)]
    pub kpi_statuses: Vec<KpiStatus>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Readiness {
    /// 0 to 100.
    pub score: f64,
    /// The rubric's name for the level assessed, e.g. `Director`.
    pub level: String,
    /// The level's id: `director`.
    pub level_id: &'static str,
    /// Whether a built-in rubric judged (its level name is promocase's own
    /// word, so documents say it in their language; a company's stays).
    pub builtin_rubric: bool,
    /// Rules whose errors hold the score below 80 and block the build.
    pub blocked_by: Vec<&'static str>,
    pub dimensions: Vec<DimensionReadiness>,
    pub top_gaps: Vec<Gap>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DimensionReadiness {
    pub id: &'static str,
    pub name: &'static str,
    /// evidenced, thin or missing, with its label.
    pub status: Label<'static>,
    pub evidence: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Gap {
    pub dimension: &'static str,
    pub message: String,
    /// The rule whose finding the gap is, if any.
    pub rule: Option<&'static str>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    pub rule: &'static str,
    pub severity: Severity,
    pub message: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
}

impl From<&crate::rubric::report::Report> for CheckReport {
    fn from(report: &crate::rubric::report::Report) -> Self {
        Self {
            readiness: Readiness {
                score: f64::from(report.readiness.score),
                level: report.readiness.level_name.clone(),
                level_id: report.readiness.level,
                builtin_rubric: report.rubric == "builtin",
                blocked_by: report.readiness.blocked_by.clone(),
                dimensions: report
                    .readiness
                    .dimensions
                    .iter()
                    .map(|d| DimensionReadiness {
                        id: d.id,
                        name: d.name,
                        status: Label::of(d.status),
                        evidence: d.evidence.clone(),
                    })
                    .collect(),
                top_gaps: report
                    .readiness
                    .top_gaps
                    .iter()
                    .map(|g| Gap {
                        dimension: g.dimension,
                        message: g.message.clone(),
                        rule: g.rule,
                    })
                    .collect(),
            },
            findings: report
                .findings
                .iter()
                .map(|f| Finding {
                    rule: f.rule,
                    severity: f.severity,
                    message: f.message.clone(),
                    line: f.location.as_ref().map(|l| l.line),
                    column: f.location.as_ref().map(|l| l.column),
                })
                .collect(),
            kpi_statuses: report.kpi_statuses.clone(),
        }
    }
}
