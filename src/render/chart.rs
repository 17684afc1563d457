//! Chart geometry computed in Rust: axis ranges with round ticks and every
//! point as a fraction of the plot area, so a template only scales fractions
//! to its own box and prints the labels.

use chrono::NaiveDate;
use serde::Serialize;

use crate::format;
use crate::locale::Locale;
use crate::model::{Direction, Kpi};

#[derive(Debug, Clone, Serialize)]
pub struct Tick {
    /// 0 at the bottom (or left) of the plot, 1 at the top (or right).
    pub fraction: f64,
    pub label: String,
}

/// Baseline, target and actual as horizontal bars on one zero-based scale.
#[derive(Debug, Clone, Serialize)]
pub struct Bars {
    pub bars: Vec<Bar>,
    pub ticks: Vec<Tick>,
    pub axis_label: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Bar {
    pub label: String,
    pub fraction: f64,
    pub text: String,
    /// `baseline`, `target` or `actual`, for the template to pick a colour.
    pub role: &'static str,
}

/// A KPI series as a line, with the target as a reference line.
#[derive(Debug, Clone, Serialize)]
pub struct Line {
    pub points: Vec<Point>,
    pub y_ticks: Vec<Tick>,
    pub x_ticks: Vec<Tick>,
    /// Where the target sits on the y axis, when it is within the range.
    pub target: Option<f64>,
    pub target_text: Option<String>,
    pub y_label: String,
    pub x_label: String,
    /// The x axis named for the note under the chart: `x axis: Month`.
    pub x_axis_text: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Point {
    pub x: f64,
    pub y: f64,
    pub text: String,
}

/// Round tick values covering `low..=high`, about `count` of them.
fn nice_ticks(low: f64, high: f64, count: usize) -> Vec<f64> {
    let (low, high) = if (high - low).abs() < f64::EPSILON {
        let pad = if low == 0.0 { 1.0 } else { low.abs() * 0.1 };
        (low - pad, high + pad)
    } else {
        (low, high)
    };
    let raw_step = (high - low) / count.max(1) as f64;
    let magnitude = 10f64.powf(raw_step.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .into_iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= raw_step)
        .unwrap_or(10.0 * magnitude);
    let start = (low / step).floor() * step;
    let end = (high / step).ceil() * step;
    let steps = ((end - start) / step).round() as usize;
    (0..=steps.min(20))
        .map(|i| start + step * i as f64)
        .collect()
}

fn unit_label(l: &Locale, kpi: &Kpi) -> String {
    let unit = kpi.unit.as_deref().unwrap_or("").trim();
    let direction = match kpi.direction {
        Direction::HigherIsBetter => l.text("chart.higher-is-better", &[]),
        Direction::LowerIsBetter => l.text("chart.lower-is-better", &[]),
    };
    if unit.is_empty() {
        direction
    } else {
        l.text(
            "chart.unit-direction",
            &[("unit", unit), ("direction", &direction)],
        )
    }
}

pub fn bars(l: &Locale, kpi: &Kpi) -> Option<Bars> {
    let unit = kpi.unit.as_deref();
    let entries: Vec<(&'static str, &'static str, f64)> = [
        ("chart.baseline", "baseline", kpi.baseline),
        ("chart.target", "target", kpi.target),
        ("chart.actual", "actual", kpi.actual),
    ]
    .into_iter()
    .filter_map(|(label, role, value)| value.map(|v| (label, role, v)))
    .collect();
    // A bar chart of one value says nothing a table does not.
    if entries.len() < 2 || entries.iter().any(|(_, _, v)| *v < 0.0 || !v.is_finite()) {
        return None;
    }
    let max = entries.iter().map(|(_, _, v)| *v).fold(0.0, f64::max);
    let ticks = nice_ticks(0.0, max, 4);
    let top = ticks.last().copied().filter(|t| *t > 0.0)?;
    Some(Bars {
        bars: entries
            .into_iter()
            .map(|(key, role, v)| Bar {
                label: l.text(key, &[]),
                fraction: v / top,
                text: format::cell(l, v, unit),
                role,
            })
            .collect(),
        ticks: ticks
            .into_iter()
            .map(|t| Tick {
                fraction: t / top,
                label: format::tick(l, t, unit),
            })
            .collect(),
        axis_label: unit_label(l, kpi),
    })
}

pub fn line(l: &Locale, kpi: &Kpi) -> Option<Line> {
    if kpi.series.len() < 2 {
        return None;
    }
    let unit = kpi.unit.as_deref();
    let dates: Vec<NaiveDate> = kpi.series.iter().map(|p| p.date.first_day()).collect();
    let first = *dates.iter().min()?;
    let last = *dates.iter().max()?;
    let span = (last - first).num_days().max(1) as f64;
    let mut low = kpi
        .series
        .iter()
        .map(|p| p.value)
        .fold(f64::INFINITY, f64::min);
    let mut high = kpi
        .series
        .iter()
        .map(|p| p.value)
        .fold(f64::NEG_INFINITY, f64::max);
    if let Some(target) = kpi.target {
        low = low.min(target);
        high = high.max(target);
    }
    if !low.is_finite() || !high.is_finite() {
        return None;
    }
    let ticks = nice_ticks(low, high, 4);
    let bottom = ticks.first().copied()?;
    let top = ticks.last().copied()?;
    let scale = |v: f64| {
        if top > bottom {
            (v - bottom) / (top - bottom)
        } else {
            0.5
        }
    };
    let points = kpi
        .series
        .iter()
        .zip(&dates)
        .map(|(p, d)| Point {
            x: (*d - first).num_days() as f64 / span,
            y: scale(p.value),
            text: format::cell(l, p.value, unit),
        })
        .collect();
    // Label at most five dates along the x axis, always the first and the last.
    let n = dates.len();
    let wanted = n.min(5);
    let mut x_ticks: Vec<Tick> = (0..wanted)
        .map(|i| {
            if wanted == 1 {
                0
            } else {
                i * (n - 1) / (wanted - 1)
            }
        })
        .map(|i| Tick {
            fraction: (dates[i] - first).num_days() as f64 / span,
            label: format::month_year(l, dates[i]),
        })
        .collect();
    x_ticks.dedup_by(|a, b| a.label == b.label);
    Some(Line {
        points,
        y_ticks: ticks
            .iter()
            .map(|t| Tick {
                fraction: scale(*t),
                label: format::tick(l, *t, unit),
            })
            .collect(),
        x_ticks,
        target: kpi.target.map(scale),
        target_text: kpi.target.map(|t| {
            l.text(
                "chart.target-value",
                &[("value", &format::value(l, t, unit))],
            )
        }),
        y_label: unit_label(l, kpi),
        x_label: l.text("chart.month", &[]),
        x_axis_text: l.text("chart.x-axis", &[("label", &l.text("chart.month", &[]))]),
    })
}

#[cfg(test)]
mod tests {
    use super::nice_ticks;

    #[test]
    fn ticks_are_round_and_cover_the_range() {
        assert_eq!(nice_ticks(0.0, 3.4, 4), vec![0.0, 1.0, 2.0, 3.0, 4.0]);
        assert_eq!(nice_ticks(0.0, 2_400_000.0, 4), vec![0.0, 1e6, 2e6, 3e6]);
        let ticks = nice_ticks(21.0, 9.0_f64.max(21.0), 4);
        assert!(ticks.first().unwrap() <= &21.0 && ticks.last().unwrap() >= &21.0);
    }
}
