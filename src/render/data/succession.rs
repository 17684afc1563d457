//! The succession section: each successor's readiness, and the timeline
//! that places them on a time axis from `as_of`, with the requested promotion
//! date marked.

use chrono::NaiveDate;

use super::super::chart::Tick;
use super::views::{DatedText, SuccessionView, SuccessorView, Timeline, TimelineRow};
use super::{months_between, non_empty};
use crate::format;
use crate::locale::Locale;
use crate::model::{PartialDate, Readiness, Succession};

pub(super) fn view(
    l: &Locale,
    succession: &Succession,
    as_of: NaiveDate,
    target: NaiveDate,
    target_date: &PartialDate,
) -> Option<SuccessionView> {
    let interim_plan = non_empty(&succession.interim_plan);
    if succession.successors.is_empty() && interim_plan.is_none() {
        return None;
    }
    let successors: Vec<(SuccessorView, NaiveDate)> = succession
        .successors
        .iter()
        .map(|s| {
            let ready_by = s.readiness.ready_by(as_of);
            let view = SuccessorView {
                name: s.name.clone(),
                current_role: s.current_role.clone(),
                readiness_text: format::readiness(l, &s.readiness),
                ready_now: matches!(s.readiness, Readiness::ReadyNow),
                ready_by_text: format::month_year(l, ready_by),
                ready_by_target: s.ready_by_target(as_of, target_date),
                covers: s.covers.clone(),
                development: s
                    .development
                    .iter()
                    .map(|d| DatedText {
                        date_text: d.by.as_ref().map(|d| format::short_date(l, d)),
                        text: d.action.clone(),
                    })
                    .collect(),
            };
            (view, ready_by)
        })
        .collect();
    let target_text = l.text(
        "timeline.target",
        &[("date", &format::short_date(l, target_date))],
    );
    let timeline = (!successors.is_empty()).then(|| {
        let end = successors
            .iter()
            .map(|(_, d)| *d)
            .chain([target])
            .max()
            .unwrap_or(target)
            .max(as_of + chrono::Days::new(31));
        let span = (end - as_of).num_days().max(1) as f64;
        let fraction = |d: NaiveDate| ((d - as_of).num_days() as f64 / span).clamp(0.0, 1.0);
        // Quarterly ticks for short spans, half-yearly beyond two years.
        let months = months_between(as_of, end).max(1);
        let step = if months > 24 { 6 } else { 3 };
        let ticks = (0..=months / step)
            .filter_map(|i| as_of.checked_add_months(chrono::Months::new((i * step) as u32)))
            .filter(|d| *d <= end)
            .map(|d| Tick {
                fraction: fraction(d),
                label: format::month_year(l, d),
            })
            .collect();
        Timeline {
            rows: successors
                .iter()
                .map(|(view, ready_by)| TimelineRow {
                    name: view.name.clone(),
                    fraction: fraction(*ready_by),
                    label: view.readiness_text.clone(),
                    ready_by_target: view.ready_by_target,
                })
                .collect(),
            ticks,
            target_fraction: fraction(target),
            note: l.text("timeline.note", &[("target", &target_text)]),
            target_text,
        }
    });
    let covered_by_target = successors.iter().any(|(v, _)| v.ready_by_target);
    Some(SuccessionView {
        successors: successors.into_iter().map(|(v, _)| v).collect(),
        interim_plan,
        timeline,
        covered_by_target,
    })
}
