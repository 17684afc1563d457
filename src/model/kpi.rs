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
    /// of the target counted as met. The boundary is judged as a person
    /// reads the figures, in decimal: 3.8 against 4.0 misses by exactly 5%,
    /// which a tolerance of 5% covers (binary floating point says
    /// 5.000000000000004).
    pub fn status(&self, tolerance_percent: f64) -> KpiStatus {
        let (Some(target), Some(actual)) = (self.target, self.actual) else {
            return KpiStatus::Incomplete;
        };
        let Some(short) = self.shortfall_percent() else {
            return KpiStatus::Met;
        };
        let (better, worse) = match self.direction {
            Direction::HigherIsBetter => (target, actual),
            Direction::LowerIsBetter => (actual, target),
        };
        let within = match within_in_decimal(better, worse, target, tolerance_percent) {
            Some(within) => within,
            // Figures too long to hold exactly: as the floating point says.
            None => short <= tolerance_percent,
        };
        if within {
            KpiStatus::WithinTolerance
        } else {
            KpiStatus::Missed
        }
    }
}

/// A number as its shortest decimal writing gives it: digits and how many
/// of them are decimals (`3.8` → 38, 1); `None` past what 30 digits hold.
fn decimal(value: f64) -> Option<(i128, u32)> {
    let written = format!("{value}");
    let (negative, digits) = match written.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, written.as_str()),
    };
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    if whole.len() + fraction.len() > 30
        || !whole
            .bytes()
            .chain(fraction.bytes())
            .all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let mantissa: i128 = format!("{whole}{fraction}").parse().ok()?;
    Some((
        if negative { -mantissa } else { mantissa },
        fraction.len() as u32,
    ))
}

/// Whether `better − worse` (the shortfall) is at most `tolerance` percent
/// of `target`, in exact decimal arithmetic; `None` when it cannot be held.
fn within_in_decimal(better: f64, worse: f64, target: f64, tolerance: f64) -> Option<bool> {
    let (better, b) = decimal(better)?;
    let (worse, w) = decimal(worse)?;
    let (target, t) = decimal(target)?;
    let (tolerance, p) = decimal(tolerance)?;
    let scale = b.max(w).max(t);
    let at = |digits: i128, places: u32| digits.checked_mul(10i128.checked_pow(scale - places)?);
    let gap = at(better, b)?.checked_sub(at(worse, w)?)?;
    let target = at(target, t)?.checked_abs()?;
    // gap / target × 100 ≤ tolerance, both sides times target and 10^p.
    let left = gap.checked_mul(100)?.checked_mul(10i128.checked_pow(p)?)?;
    let right = tolerance.checked_mul(target)?;
    Some(left <= right)
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
    fn a_miss_of_exactly_the_tolerance_is_within_it_as_written() {
        // 3.8 against 4.0 is 5% short, exactly; 3.79 is more.
        assert_eq!(
            kpi("higher-is-better", 4.0, 3.8).status(5.0),
            KpiStatus::WithinTolerance
        );
        assert_eq!(
            kpi("higher-is-better", 4.0, 3.79).status(5.0),
            KpiStatus::Missed
        );
        // The same boundary the other way round: 4.2 against 4.0.
        assert_eq!(
            kpi("lower-is-better", 4.0, 4.2).status(5.0),
            KpiStatus::WithinTolerance
        );
        assert_eq!(
            kpi("lower-is-better", 4.0, 4.21).status(5.0),
            KpiStatus::Missed
        );
        // 2.5% of 108 is 2.7: 105.3 is at the line, 105.29 past it.
        assert_eq!(
            kpi("higher-is-better", 108.0, 105.3).status(2.5),
            KpiStatus::WithinTolerance
        );
        assert_eq!(
            kpi("higher-is-better", 108.0, 105.29).status(2.5),
            KpiStatus::Missed
        );
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
