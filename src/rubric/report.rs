//! The result of checking one case: its findings, the waivers that applied,
//! and the readiness report, graded per dimension and scored.
//!
//! # The readiness score
//!
//! Each dimension of the rubric gets a status:
//! - **missing**: nothing in the case evidences it;
//! - **thin**: something does, but a finding of warning or error severity
//!   (not waived) weakens it;
//! - **evidenced**: it has evidence and no such finding.
//!
//! A status earns credit: evidenced 1, thin 0.5, missing 0. Each dimension has
//! a weight in the rubric (`weights:`; 0 leaves a dimension out). The score is
//!
//! ```text
//! score = round(100 × Σ weight × credit / Σ weight)
//! ```
//!
//! so 100 means every weighted dimension is evidenced. A case with an error
//! (not waived) scores at most [`ERROR_CAP`] = 79, whatever the dimensions
//! say: `build` refuses it, so it must not read as nearly ready; the report
//! names the rules that block it (`blocked_by`). The top gaps are the
//! dimensions that are not evidenced, ranked by the points they cost
//! (weight × (1 − credit)), then by the severity of their worst finding, then
//! in the order of the criteria; the report lists the first three, each with
//! the message of its most severe finding.

use std::sync::Arc;

use serde::Serialize;

use super::finding::Finding;
use crate::diagnostic::{Diagnostic, Severity, SourceFile};
use crate::locale::Locale;
use crate::model::{Dimension, EvidenceStatus, KpiStatus, Level};

/// The highest score a case with an error can have: below 80, which reads as
/// nearly ready, because `build` refuses the case until the errors are fixed.
pub const ERROR_CAP: u32 = 79;

/// One row of the readiness table.
#[derive(Debug, Clone, Serialize)]
pub struct DimensionReport {
    /// Written as its id (`strategy`), as in the rubric files.
    #[serde(rename = "id")]
    pub dimension: Dimension,
    /// Its name in the report's language.
    pub name: String,
    pub status: EvidenceStatus,
    /// How much the dimension counts in the score.
    pub weight: u32,
    /// What in the case evidences it.
    pub evidence: Vec<String>,
    /// Findings of warning or error severity that weaken it.
    pub findings: usize,
}

/// A dimension that keeps the case from being ready.
#[derive(Debug, Clone, Serialize)]
pub struct Gap {
    pub dimension: Dimension,
    pub message: String,
    /// The rule whose finding the message comes from, if any.
    pub rule: Option<&'static str>,
}

/// Readiness for the level the rubric judges.
#[derive(Debug, Clone, Serialize)]
pub struct Readiness {
    /// 0 to 100; see the module documentation for the formula.
    pub score: u32,
    /// The rules whose errors keep the score at most [`ERROR_CAP`] and make
    /// `build` refuse the case, in file order, each once; empty when none.
    pub blocked_by: Vec<&'static str>,
    /// The level judged; written as its id: senior-manager, director or vp.
    pub level: Level,
    /// The rubric's name for the level (a company may rename it).
    pub level_name: String,
    pub dimensions: Vec<DimensionReport>,
    /// The three gaps that matter most, most important first.
    pub top_gaps: Vec<Gap>,
}

/// A waiver from the case, and what it did.
#[derive(Debug, Clone, Serialize)]
pub struct WaiverReport {
    pub rule: String,
    pub reason: Option<String>,
    /// Whether it applied: it needs a reason and a known rule.
    pub applied: bool,
    /// How many findings it removed from the report.
    pub waived_findings: usize,
}

/// Everything `check` says about one case.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// The case file as given.
    pub file: String,
    /// Where the rubric came from: `builtin` or the path of a company file.
    pub rubric: String,
    /// Whether a built-in rubric judged: its level name is promocase's own
    /// word, which documents say in their language (a company's stays).
    #[serde(skip)]
    pub builtin_rubric: bool,
    pub readiness: Readiness,
    /// Findings that apply, in file order.
    pub findings: Vec<Finding>,
    pub waivers: Vec<WaiverReport>,
    /// Each KPI's status under the rubric's tolerance, in the case's order:
    /// what the documents and `diff` print, so they agree with the findings.
    #[serde(skip)]
    pub kpi_statuses: Vec<KpiStatus>,
    #[serde(skip)]
    pub source: Arc<SourceFile>,
    /// The language its messages are in, for the words around them.
    #[serde(skip)]
    pub locale: Arc<Locale>,
}

impl Report {
    /// The report as the JSON object other tools read
    /// (`{"readiness": …, "findings": […], …}`).
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::to_value(self).unwrap_or(serde_json::Value::Null)
    }

    /// The findings as located messages for the human output.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        self.findings
            .iter()
            .map(|f| f.to_diagnostic(&self.source))
            .collect()
    }

    /// How many findings have exactly this severity.
    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    }

    /// Whether any finding is at or above `threshold`.
    pub fn fails(&self, threshold: Severity) -> bool {
        self.findings.iter().any(|f| f.severity >= threshold)
    }
}

/// Grades each dimension and scores the case.
pub fn readiness(
    evidence: &[(Dimension, Vec<String>)],
    findings: &[Finding],
    weight: impl Fn(Dimension) -> u32,
    level: Level,
    level_name: String,
    locale: &Locale,
) -> Readiness {
    let mut dimensions = Vec::new();
    let mut ranked: Vec<(f64, Severity, usize, Gap)> = Vec::new();
    let (mut earned, mut possible) = (0.0, 0.0);
    for (order, (dimension, items)) in evidence.iter().enumerate() {
        let weakening: Vec<&Finding> = findings
            .iter()
            .filter(|f| f.dimension == Some(*dimension) && f.severity >= Severity::Warning)
            .collect();
        let status = if items.is_empty() {
            EvidenceStatus::Missing
        } else if weakening.is_empty() {
            EvidenceStatus::Evidenced
        } else {
            EvidenceStatus::Thin
        };
        let w = weight(*dimension);
        earned += f64::from(w) * status.credit();
        possible += f64::from(w);
        if status != EvidenceStatus::Evidenced && w > 0 {
            // The most severe finding speaks for the gap; ties go to the first in the file.
            let worst = findings
                .iter()
                .filter(|f| f.dimension == Some(*dimension))
                .fold(None::<&Finding>, |best, f| match best {
                    Some(b) if b.severity >= f.severity => Some(b),
                    _ => Some(f),
                });
            let gap = Gap {
                dimension: *dimension,
                message: worst.map_or_else(
                    || {
                        locale.text(
                            "gap.no-evidence",
                            &[("dimension", locale.label(*dimension).label)],
                        )
                    },
                    |f| f.message.clone(),
                ),
                rule: worst.map(|f| f.rule),
            };
            let lost = f64::from(w) * (1.0 - status.credit());
            let severity = worst.map_or(Severity::Info, |f| f.severity);
            ranked.push((lost, severity, order, gap));
        }
        dimensions.push(DimensionReport {
            dimension: *dimension,
            name: locale.label(*dimension).label.to_string(),
            status,
            weight: w,
            evidence: items.clone(),
            findings: weakening.len(),
        });
    }
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
    let weighted = if possible > 0.0 {
        (100.0 * earned / possible).round() as u32
    } else {
        0
    };
    let mut blocked_by: Vec<&'static str> = Vec::new();
    for finding in findings.iter().filter(|f| f.severity == Severity::Error) {
        if !blocked_by.contains(&finding.rule) {
            blocked_by.push(finding.rule);
        }
    }
    let score = if blocked_by.is_empty() {
        weighted
    } else {
        weighted.min(ERROR_CAP)
    };
    Readiness {
        score,
        blocked_by,
        level,
        level_name,
        dimensions,
        top_gaps: ranked.into_iter().take(3).map(|(.., gap)| gap).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(rule: &'static str, dimension: Dimension, severity: Severity) -> Finding {
        Finding {
            rule,
            dimension: Some(dimension),
            severity,
            message: format!("{rule} says so"),
            pointer: String::new(),
            location: None,
            label: None,
            hint: String::new(),
            reason: None,
        }
    }

    #[test]
    fn grades_scores_and_ranks_gaps_as_documented() {
        let evidence = vec![
            (Dimension::Strategy, vec!["vision".to_string()]),
            (Dimension::Budget, vec!["budget".to_string()]),
            (Dimension::Risk, Vec::new()),
            (Dimension::Succession, Vec::new()),
            (Dimension::Change, vec!["change".to_string()]),
        ];
        let findings = vec![
            finding(
                "strategy-short-horizon",
                Dimension::Strategy,
                Severity::Warning,
            ),
            finding("budget-not-owned", Dimension::Budget, Severity::Error),
            finding("succession-missing", Dimension::Succession, Severity::Error),
            // Notes do not weaken a dimension.
            finding("strategy-no-roadmap", Dimension::Change, Severity::Info),
        ];
        let weight = |d: Dimension| match d {
            Dimension::Strategy => 3,
            Dimension::Budget => 3,
            Dimension::Risk => 1,
            Dimension::Succession => 1,
            _ => 2,
        };
        let readiness = readiness(
            &evidence,
            &findings,
            weight,
            Level::Director,
            "Director".into(),
            Locale::english(),
        );
        let status: Vec<EvidenceStatus> = readiness.dimensions.iter().map(|d| d.status).collect();
        assert_eq!(
            status,
            [
                EvidenceStatus::Thin,
                EvidenceStatus::Thin,
                EvidenceStatus::Missing,
                EvidenceStatus::Missing,
                EvidenceStatus::Evidenced
            ]
        );
        // (3×0.5 + 3×0.5 + 0 + 0 + 2×1) / 10 = 0.5
        assert_eq!(readiness.score, 50);
        // Strategy and budget each cost 1.5 points; budget's error outranks strategy's warning.
        // Risk and succession each cost 1; succession has an error, risk has no finding.
        let gaps: Vec<Dimension> = readiness.top_gaps.iter().map(|g| g.dimension).collect();
        assert_eq!(
            gaps,
            [
                Dimension::Budget,
                Dimension::Strategy,
                Dimension::Succession
            ]
        );
        assert_eq!(readiness.top_gaps[0].message, "budget-not-owned says so");
        assert_eq!(
            readiness.blocked_by,
            ["budget-not-owned", "succession-missing"]
        );
    }

    #[test]
    fn an_error_keeps_the_score_below_eighty() {
        let evidence: Vec<(Dimension, Vec<String>)> = Dimension::ALL
            .into_iter()
            .map(|d| (d, vec!["evidence".to_string()]))
            .collect();
        let weight = |_| 1;
        // One error among 15 evidenced dimensions: 14.5 / 15 would be 97.
        let one_error = [finding(
            "succession-missing",
            Dimension::Succession,
            Severity::Error,
        )];
        let capped = readiness(
            &evidence,
            &one_error,
            weight,
            Level::Director,
            "Director".into(),
            Locale::english(),
        );
        assert_eq!(capped.score, ERROR_CAP);
        assert_eq!(capped.blocked_by, ["succession-missing"]);
        let one_warning = [finding(
            "succession-late",
            Dimension::Succession,
            Severity::Warning,
        )];
        let warned = readiness(
            &evidence,
            &one_warning,
            weight,
            Level::Director,
            "Director".into(),
            Locale::english(),
        );
        assert_eq!(warned.score, 97);
        assert!(warned.blocked_by.is_empty());
    }
}
