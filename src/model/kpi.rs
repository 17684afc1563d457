//! What a KPI's numbers say: whether it met its target. Computed here once,
//! from the KPI and the rubric's tolerance, for `check`, the readiness
//! evidence, every document and `diff`.

use serde::Serialize;

use super::{Direction, Kpi};

/// Where a KPI stands against its target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum KpiStatus {
    /// The actual reaches the target, in the KPI's direction.
    Met,
    /// The actual misses the target by no more than the rubric's
    /// `kpi_miss_tolerance_percent`, which counts as met.
    WithinTolerance,
    /// The actual misses the target by more than the tolerance.
    Missed,
    /// The KPI has no target or no actual.
    Incomplete,
}

impl KpiStatus {
    /// Whether the rubric counts the KPI as met (within tolerance included).
    pub fn counts_as_met(self) -> bool {
        matches!(self, KpiStatus::Met | KpiStatus::WithinTolerance)
    }
}

impl Kpi {
    /// How far the actual misses the target, as a percentage of the target
    /// (infinite for a target of zero); `None` when met or incomplete.
    pub fn shortfall_percent(&self) -> Option<f64> {
        let (target, actual) = (self.target?, self.actual?);
        let gap = match self.direction {
            Direction::HigherIsBetter => target - actual,
            Direction::LowerIsBetter => actual - target,
        };
        if gap <= 0.0 {
            return None;
        }
        Some(if target == 0.0 {
            f64::INFINITY
        } else {
            gap / target.abs() * 100.0
        })
    }

    /// The KPI against its target, with a miss of at most `tolerance_percent`
    /// of the target counted as met.
    pub fn status(&self, tolerance_percent: f64) -> KpiStatus {
        if self.target.is_none() || self.actual.is_none() {
            return KpiStatus::Incomplete;
        }
        match self.shortfall_percent() {
            None => KpiStatus::Met,
            Some(short) if short <= tolerance_percent => KpiStatus::WithinTolerance,
            Some(_) => KpiStatus::Missed,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kpi(direction: &str, target: f64, actual: f64) -> Kpi {
        let yaml = format!(
            "{{name: K, category: retention, scope: business-wide, direction: {direction}, target: {target}, actual: {actual}}}"
        );
        serde_yaml::from_str(&yaml).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn a_miss_inside_the_tolerance_counts_as_met() {
        // 106% against 108% is 1.85% short: inside 5%, outside 1%.
        let nrr = kpi("higher-is-better", 108.0, 106.0);
        assert_eq!(nrr.status(5.0), KpiStatus::WithinTolerance);
        assert!(nrr.status(5.0).counts_as_met());
        assert_eq!(nrr.status(1.0), KpiStatus::Missed);
        assert_eq!(nrr.status(0.0), KpiStatus::Missed);
    }

    #[test]
    fn direction_decides_which_side_is_good() {
        assert_eq!(
            kpi("lower-is-better", 10.0, 9.0).status(0.0),
            KpiStatus::Met
        );
        assert_eq!(
            kpi("lower-is-better", 10.0, 12.0).status(0.0),
            KpiStatus::Missed
        );
        assert_eq!(
            kpi("higher-is-better", 10.0, 10.0).status(0.0),
            KpiStatus::Met
        );
        assert_eq!(
            kpi("higher-is-better", 0.0, -1.0).status(100.0),
            KpiStatus::Missed
        );
    }

    #[test]
    fn without_a_target_or_an_actual_it_is_incomplete() {
        let mut k = kpi("higher-is-better", 1.0, 1.0);
        k.actual = None;
        assert_eq!(k.status(5.0), KpiStatus::Incomplete);
    }
}
