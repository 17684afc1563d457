//! The executive summary's "three measured impacts": which results lead.
//!
//! Executives value results by what they mean for the business before by
//! how large they look: money first, then customers, then business results,
//! then everything else (a drill's "+60 pts" does not outrank a 17% cost cut).
//! Within a tier the largest relative change leads.

use super::views::Impact;
use crate::format;
use crate::locale::Locale;
use crate::model::{Achievement, Case, Dimension, KpiStatus, Outcome};
use crate::unit::Unit;

/// How much an executive makes of an outcome, most first: 0 money, 1
/// customers, 2 other business results, 3 the rest.
fn executive_tier(achievement: &Achievement, outcome: &Outcome) -> u8 {
    let metric = outcome.metric.to_lowercase();
    let money = Unit::of(outcome.unit.as_deref()).is_money();
    let customer = achievement.dimensions.contains(&Dimension::Customer)
        || [
            "customer",
            "client",
            "nps",
            "churn",
            "retention",
            "satisfaction",
        ]
        .iter()
        .any(|word| metric.contains(word));
    let business = achievement
        .dimensions
        .iter()
        .any(|d| matches!(d, Dimension::BusinessKpis | Dimension::Budget));
    if money {
        0
    } else if customer {
        1
    } else if business {
        2
    } else {
        3
    }
}

/// The three achievements whose results an executive values most, one
/// outcome each (see the module's order); KPIs that beat their target fill
/// the list when achievements have too few numbers.
pub(super) fn top_impacts(l: &Locale, case: &Case, kpi_statuses: &[KpiStatus]) -> Vec<Impact> {
    // (tier, relative change, impact): the lower tier, then the larger change, leads.
    let mut scored: Vec<(u8, f64, Impact)> = Vec::new();
    for (index, achievement) in case.achievements.iter().enumerate() {
        let best = achievement
            .outcomes
            .iter()
            // A worsening is never presented as an impact (a cost overrun
            // rose, and money ranks first); without a direction the change
            // stands as it is.
            .filter(|o| o.improved() != Some(false))
            .filter_map(|o| {
                let (b, r) = (o.baseline?, o.result?);
                let change = if b != 0.0 { ((r - b) / b).abs() } else { 0.0 };
                Some((executive_tier(achievement, o), change, o, b, r))
            })
            .min_by(|x, y| x.0.cmp(&y.0).then(y.1.total_cmp(&x.1)));
        if let Some((tier, change, outcome, b, r)) = best {
            let unit = outcome.unit.as_deref();
            scored.push((
                tier,
                change,
                Impact {
                    pointer: format!("/achievements/{index}/title"),
                    title: achievement.title.clone(),
                    metric: outcome.metric.clone(),
                    from_text: format::value(l, b, unit),
                    to_text: format::value(l, r, unit),
                    change_text: format::change(l, b, r, unit),
                },
            ));
        }
    }
    scored.sort_by(|x, y| x.0.cmp(&y.0).then(y.1.total_cmp(&x.1)));
    let mut impacts: Vec<Impact> = scored.into_iter().map(|(.., i)| i).take(3).collect();
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
                from_text: format::value(l, b, unit),
                to_text: format::value(l, a, unit),
                change_text: format::change(l, b, a, unit),
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
        let impacts = top_impacts(Locale::english(), &case, &[]);
        let titles: Vec<&str> = impacts.iter().map(|i| i.title.as_str()).collect();
        assert_eq!(titles, ["Big", "Middle", "Small"]);
        assert_eq!(impacts[0].metric, "m2");
        assert_eq!(impacts[0].change_text, "+200%");
    }

    #[test]
    fn a_cost_that_rose_is_no_impact_and_one_that_fell_is() {
        let case = case(
            "achievements:\n\
             - {title: Overrun, outcomes: [{metric: Extra cost against plan, baseline: 0, result: 1150000, unit: EUR, direction: lower-is-better}]}\n\
             - {title: Saving, outcomes: [{metric: Cost per order, baseline: 4.2, result: 3.1, unit: EUR, direction: lower-is-better}]}\n\
             - {title: Growth, outcomes: [{metric: Orders, baseline: 100, result: 120, direction: higher-is-better}]}\n",
        );
        let impacts = top_impacts(Locale::english(), &case, &[]);
        let titles: Vec<&str> = impacts.iter().map(|i| i.title.as_str()).collect();
        assert_eq!(titles, ["Saving", "Growth"]);
    }

    #[test]
    fn money_and_customers_lead_whatever_the_size_of_other_changes() {
        let case = case(
            "achievements:\n\
             - {title: Drill, outcomes: [{metric: Evacuation drill pass rate, baseline: 30, result: 90, unit: \"%\"}]}\n\
             - {title: Cost, outcomes: [{metric: Cost per order, baseline: 4.2, result: 3.49, unit: EUR}]}\n\
             - {title: Customers, dimensions: [customer], outcomes: [{metric: Complaints per 10k, baseline: 6.8, result: 5.9}]}\n\
             - {title: Speed, outcomes: [{metric: Report build time, baseline: 10, result: 2, unit: hours}]}\n",
        );
        let titles: Vec<String> = top_impacts(Locale::english(), &case, &[])
            .into_iter()
            .map(|i| i.title)
            .collect();
        // A 17% cost cut, then 13% fewer complaints, before a +60-point drill.
        assert_eq!(titles[..2], ["Cost", "Customers"]);
        assert_eq!(titles.len(), 3);
    }

    #[test]
    fn only_kpis_that_met_their_target_fill_the_list() {
        let case = case(
            "kpis:\n\
             - {name: Within, category: retention, scope: business-wide, baseline: 90, target: 108, actual: 106}\n\
             - {name: Beat, category: revenue, scope: business-wide, baseline: 10, target: 12, actual: 13}\n",
        );
        let statuses = [KpiStatus::WithinTolerance, KpiStatus::Met];
        let titles: Vec<String> = top_impacts(Locale::english(), &case, &statuses)
            .into_iter()
            .map(|i| i.title)
            .collect();
        assert_eq!(titles, ["Beat"]);
    }
}
