//! The executive summary's "three measured impacts": which results lead.

use super::views::Impact;
use crate::format;
use crate::model::{Case, KpiStatus};

/// The three achievements with the largest measured relative change, one
/// outcome each; KPIs that beat their target fill the list when achievements
/// have too few numbers.
pub(super) fn top_impacts(case: &Case, kpi_statuses: &[KpiStatus]) -> Vec<Impact> {
    let mut scored: Vec<(f64, Impact)> = Vec::new();
    for (index, achievement) in case.achievements.iter().enumerate() {
        let best = achievement
            .outcomes
            .iter()
            .filter_map(|o| {
                let (b, r) = (o.baseline?, o.result?);
                let score = if b != 0.0 { ((r - b) / b).abs() } else { 0.0 };
                Some((score, o, b, r))
            })
            .max_by(|a, b| a.0.total_cmp(&b.0));
        if let Some((score, outcome, b, r)) = best {
            let unit = outcome.unit.as_deref();
            scored.push((
                score,
                Impact {
                    pointer: format!("/achievements/{index}/title"),
                    title: achievement.title.clone(),
                    metric: outcome.metric.clone(),
                    from_text: format::value(b, unit),
                    to_text: format::value(r, unit),
                    change_text: format::change(b, r, unit),
                },
            ));
        }
    }
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    let mut impacts: Vec<Impact> = scored.into_iter().map(|(_, i)| i).take(3).collect();
    for (index, kpi) in case.kpis.iter().enumerate() {
        if impacts.len() >= 3 {
            break;
        }
        if impacts.iter().any(|i| i.metric == kpi.name) {
            continue;
        }
        let met = kpi_statuses.get(index) == Some(&KpiStatus::Met);
        if let (true, Some(b), Some(a)) = (met, kpi.baseline, kpi.actual) {
            let unit = kpi.unit.as_deref();
            impacts.push(Impact {
                pointer: format!("/kpis/{index}/name"),
                title: kpi.name.clone(),
                metric: kpi.name.clone(),
                from_text: format::value(b, unit),
                to_text: format::value(a, unit),
                change_text: format::change(b, a, unit),
            });
        }
    }
    impacts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn case(yaml: &str) -> Case {
        let head = "candidate: {name: A, current_title: B, target_title: C, target_level: director, track: operations, company: D}\nask: {target_date: 2027-01}\n";
        serde_yaml::from_str(&format!("{head}{yaml}")).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn the_largest_relative_changes_lead_one_outcome_each() {
        let case = case(
            "achievements:\n\
             - {title: Small, outcomes: [{metric: m1, baseline: 100, result: 105}]}\n\
             - {title: Big, outcomes: [{metric: m2, baseline: 10, result: 30}, {metric: m3, baseline: 10, result: 11}]}\n\
             - {title: Middle, outcomes: [{metric: m4, baseline: 100, result: 150}]}\n\
             - {title: Unmeasured, outcomes: [{metric: m5, result: 3}]}\n\
             - {title: Least, outcomes: [{metric: m6, baseline: 100, result: 101}]}\n",
        );
        let impacts = top_impacts(&case, &[]);
        let titles: Vec<&str> = impacts.iter().map(|i| i.title.as_str()).collect();
        assert_eq!(titles, ["Big", "Middle", "Small"]);
        assert_eq!(impacts[0].metric, "m2");
        assert_eq!(impacts[0].change_text, "+200%");
    }

    #[test]
    fn only_kpis_that_met_their_target_fill_the_list() {
        let case = case(
            "kpis:\n\
             - {name: Within, category: retention, scope: business-wide, baseline: 90, target: 108, actual: 106}\n\
             - {name: Beat, category: revenue, scope: business-wide, baseline: 10, target: 12, actual: 13}\n",
        );
        let statuses = [KpiStatus::WithinTolerance, KpiStatus::Met];
        let titles: Vec<String> = top_impacts(&case, &statuses)
            .into_iter()
            .map(|i| i.title)
            .collect();
        assert_eq!(titles, ["Beat"]);
    }
}
