//! What changed in readiness between two versions of a case, for a manager
//! iterating with their sponsor: the score, the dimensions that moved between
//! missing, thin and evidenced, the KPIs that changed and the findings fixed
//! and new. Behind `promocase diff`.
//!
//! Both versions are checked as usual ([`super::check_case`]); [`compare`]
//! works on the two reports and the two cases. KPIs are matched by name
//! (ignoring case and surrounding spaces), findings by rule id and message:
//! a finding whose message did not change is the same finding even when an
//! edit moved it to another line.

use std::collections::BTreeMap;

use serde::Serialize;

use super::report::Report;
use crate::diagnostic::Severity;
use crate::model::{Dimension, EvidenceStatus, Kpi, KpiStatus, LoadedCase};

/// The readiness of two versions of a case, compared.
#[derive(Debug, Clone, Serialize)]
pub struct Diff {
    pub old_file: String,
    pub new_file: String,
    pub score: Change<u32>,
    /// The rubric's name for the level each version was judged against.
    pub level: Change<String>,
    /// Dimensions whose status changed, in the rubric's order.
    pub dimensions: Vec<DimensionMove>,
    pub kpis: Vec<KpiChange>,
    /// Findings of the old version that the new one no longer has.
    pub fixed: Vec<FindingRef>,
    /// Findings of the new version that the old one did not have.
    pub new: Vec<FindingRef>,
}

impl Diff {
    /// Whether nothing that `diff` reports changed.
    pub fn is_empty(&self) -> bool {
        self.score.before == self.score.after
            && self.dimensions.is_empty()
            && self.kpis.is_empty()
            && self.fixed.is_empty()
            && self.new.is_empty()
    }

    pub fn to_json(&self) -> serde_json::Value {
        serde_json::to_value(self).unwrap_or(serde_json::Value::Null)
    }
}

/// A value before and after.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change<T> {
    pub before: T,
    pub after: T,
}

/// A dimension that moved between missing, thin and evidenced.
#[derive(Debug, Clone, Serialize)]
pub struct DimensionMove {
    /// Written as its id, as in `check`'s report.
    #[serde(rename = "id")]
    pub dimension: Dimension,
    pub name: String,
    pub before: EvidenceStatus,
    pub after: EvidenceStatus,
    /// Whether it moved towards evidenced.
    pub improved: bool,
}

/// What happened to one KPI.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "change", rename_all = "lowercase")]
pub enum KpiChange {
    Added {
        name: String,
        /// Whether it meets its target (within the rubric's tolerance counts);
        /// `null` without a target and an actual.
        met: Option<bool>,
        /// met, within-tolerance, missed or incomplete, as `check` judged it.
        status: KpiStatus,
    },
    Removed {
        name: String,
        met: Option<bool>,
        status: KpiStatus,
    },
    Changed {
        name: String,
        /// Fields whose value changed: baseline, target, actual, unit, direction.
        fields: Vec<FieldChange>,
        met: Change<Option<bool>>,
        status: Change<KpiStatus>,
    },
}

impl KpiChange {
    pub fn name(&self) -> &str {
        match self {
            Self::Added { name, .. } | Self::Removed { name, .. } | Self::Changed { name, .. } => {
                name
            }
        }
    }
}

/// One field of a KPI, before and after, as written in the case (`null` when absent).
#[derive(Debug, Clone, Serialize)]
pub struct FieldChange {
    pub field: &'static str,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// A finding named by what identifies it across versions.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct FindingRef {
    pub rule: &'static str,
    pub severity: Severity,
    pub message: String,
    /// The line in the version that has it.
    pub line: Option<usize>,
}

/// Compares two versions of a case and the reports their checks gave.
pub fn compare(
    old: &LoadedCase,
    old_report: &Report,
    new: &LoadedCase,
    new_report: &Report,
) -> Diff {
    Diff {
        old_file: old_report.file.clone(),
        new_file: new_report.file.clone(),
        score: Change {
            before: old_report.readiness.score,
            after: new_report.readiness.score,
        },
        level: Change {
            before: old_report.readiness.level_name.clone(),
            after: new_report.readiness.level_name.clone(),
        },
        dimensions: dimensions(old_report, new_report),
        kpis: kpis(
            &old.case.kpis,
            &old_report.kpi_statuses,
            &new.case.kpis,
            &new_report.kpi_statuses,
        ),
        fixed: missing_from(old_report, new_report),
        new: missing_from(new_report, old_report),
    }
}

fn dimensions(old: &Report, new: &Report) -> Vec<DimensionMove> {
    new.readiness
        .dimensions
        .iter()
        .filter_map(|after| {
            let before = old
                .readiness
                .dimensions
                .iter()
                .find(|d| d.dimension == after.dimension)?;
            // A dimension a rubric leaves out (weight 0) does not count either way.
            if before.status == after.status || (before.weight == 0 && after.weight == 0) {
                return None;
            }
            Some(DimensionMove {
                dimension: after.dimension,
                name: after.name.clone(),
                before: before.status,
                after: after.status,
                improved: after.status.rank() > before.status.rank(),
            })
        })
        .collect()
}

fn key(name: &str) -> String {
    name.trim().to_lowercase()
}

/// Whether a KPI counts as meeting its target; `None` when it lacks one of the two.
fn met(status: KpiStatus) -> Option<bool> {
    (status != KpiStatus::Incomplete).then(|| status.counts_as_met())
}

fn number(value: Option<f64>) -> Option<String> {
    value.map(|v| v.to_string())
}

/// The status `check` gave the KPI at `index`.
fn status_at(statuses: &[KpiStatus], index: usize) -> KpiStatus {
    statuses
        .get(index)
        .copied()
        .unwrap_or(KpiStatus::Incomplete)
}

fn kpis(
    old: &[Kpi],
    old_statuses: &[KpiStatus],
    new: &[Kpi],
    new_statuses: &[KpiStatus],
) -> Vec<KpiChange> {
    let mut changes = Vec::new();
    for (index, kpi) in new.iter().enumerate() {
        let status = status_at(new_statuses, index);
        match old.iter().position(|o| key(&o.name) == key(&kpi.name)) {
            None => changes.push(KpiChange::Added {
                name: kpi.name.clone(),
                met: met(status),
                status,
            }),
            Some(before_index) => {
                let before = &old[before_index];
                let before_status = status_at(old_statuses, before_index);
                let direction = |k: &Kpi| Some(k.direction.id().to_string());
                let fields: Vec<FieldChange> = [
                    ("baseline", number(before.baseline), number(kpi.baseline)),
                    ("target", number(before.target), number(kpi.target)),
                    ("actual", number(before.actual), number(kpi.actual)),
                    ("unit", before.unit.clone(), kpi.unit.clone()),
                    ("direction", direction(before), direction(kpi)),
                ]
                .into_iter()
                .filter(|(_, b, a)| b != a)
                .map(|(field, before, after)| FieldChange {
                    field,
                    before,
                    after,
                })
                .collect();
                if !fields.is_empty() {
                    changes.push(KpiChange::Changed {
                        name: kpi.name.clone(),
                        fields,
                        met: Change {
                            before: met(before_status),
                            after: met(status),
                        },
                        status: Change {
                            before: before_status,
                            after: status,
                        },
                    });
                }
            }
        }
    }
    for (index, kpi) in old.iter().enumerate() {
        if !new.iter().any(|n| key(&n.name) == key(&kpi.name)) {
            let status = status_at(old_statuses, index);
            changes.push(KpiChange::Removed {
                name: kpi.name.clone(),
                met: met(status),
                status,
            });
        }
    }
    changes
}

/// Findings of `from` that `other` does not have, matched by rule and
/// message and counted, so that one of two identical findings can be fixed.
fn missing_from(from: &Report, other: &Report) -> Vec<FindingRef> {
    let mut available: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    for finding in &other.findings {
        *available
            .entry((finding.rule, finding.message.as_str()))
            .or_insert(0) += 1;
    }
    from.findings
        .iter()
        .filter(
            |finding| match available.get_mut(&(finding.rule, finding.message.as_str())) {
                Some(count) if *count > 0 => {
                    *count -= 1;
                    false
                }
                _ => true,
            },
        )
        .map(|finding| FindingRef {
            rule: finding.rule,
            severity: finding.severity,
            message: finding.message.clone(),
            line: finding.location.as_ref().map(|l| l.line),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kpi(name: &str, target: f64, actual: f64) -> Kpi {
        serde_yaml::from_str(&format!(
            "{{name: {name}, category: cost, scope: department, target: {target}, actual: {actual}}}"
        ))
        .expect("a valid KPI")
    }

    #[test]
    fn kpis_are_matched_by_name_and_report_met_changes() {
        let old = [kpi("Cost", 10.0, 8.0), kpi("Gone", 1.0, 1.0)];
        let new = [kpi("COST", 10.0, 12.0), kpi("Fresh", 5.0, 4.0)];
        let strict =
            |kpis: &[Kpi]| -> Vec<KpiStatus> { kpis.iter().map(|k| k.status(0.0)).collect() };
        let changes = kpis(&old, &strict(&old), &new, &strict(&new));
        let names: Vec<&str> = changes.iter().map(KpiChange::name).collect();
        assert_eq!(names, ["COST", "Fresh", "Gone"]);
        match &changes[0] {
            KpiChange::Changed { fields, met, .. } => {
                assert_eq!(fields.len(), 1);
                assert_eq!(fields[0].field, "actual");
                assert_eq!(fields[0].before.as_deref(), Some("8"));
                assert_eq!(fields[0].after.as_deref(), Some("12"));
                // Higher is better by default: 12 against 10 meets it, 8 did not.
                assert_eq!(met.before, Some(false));
                assert_eq!(met.after, Some(true));
            }
            other => panic!("expected a change, got {other:?}"),
        }
        assert!(matches!(
            changes[1],
            KpiChange::Added {
                met: Some(false),
                ..
            }
        ));
        assert!(matches!(
            changes[2],
            KpiChange::Removed {
                met: Some(true),
                ..
            }
        ));
    }

    #[test]
    fn an_unchanged_kpi_is_not_listed() {
        let cost = [kpi("Cost", 1.0, 1.0)];
        let met = [KpiStatus::Met];
        assert!(kpis(&cost, &met, &cost, &met).is_empty());
    }

    #[test]
    fn a_miss_inside_the_tolerance_is_not_called_missed() {
        // Net revenue retention 106% against 108%: 1.9% short, inside a 5% tolerance.
        let old = [kpi("NRR", 108.0, 100.0)];
        let new = [kpi("NRR", 108.0, 106.0)];
        let judged =
            |kpis: &[Kpi]| -> Vec<KpiStatus> { kpis.iter().map(|k| k.status(5.0)).collect() };
        let changes = kpis(&old, &judged(&old), &new, &judged(&new));
        match &changes[..] {
            [KpiChange::Changed { met, status, .. }] => {
                assert_eq!(met.after, Some(true));
                assert_eq!(status.after, KpiStatus::WithinTolerance);
                assert_eq!(status.before, KpiStatus::Missed);
            }
            other => panic!("expected one change, got {other:?}"),
        }
    }
}
