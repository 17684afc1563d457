//! What in a case evidences each dimension, as short lines for the readiness
//! report ("24-month vision serving 2 company objectives"). Rules say what is
//! wrong; this says what is there, so the report can show both and a
//! dimension with no items at all can be called missing.
//!
//! The proposal's appendix prints these lines beside the KPI table and the
//! risks table, so figures, dates and statuses come from the same place as
//! theirs: [`crate::format`], the KPI statuses of the [`CheckContext`], and
//! the labels of [`crate::model::label`].

use super::context::{CheckContext, period_end, plural};
use crate::format;
use crate::model::{
    AudienceLevel, Case, Dimension, Direction, InitiativeRole, KpiCategory, KpiStatus, LoadedCase,
    RiskStatus,
};

/// The evidence items of one dimension.
pub fn items(context: &CheckContext<'_>, dimension: Dimension) -> Vec<String> {
    let loaded = context.loaded;
    let case = &loaded.case;
    let mut items: Vec<String> = match dimension {
        Dimension::Strategy => strategy(case),
        Dimension::Leadership => leadership(case),
        Dimension::BusinessKpis => kpis(context),
        Dimension::Budget => budget(case),
        Dimension::CrossFunctional => initiatives(case),
        Dimension::Visibility => case
            .visibility
            .iter()
            .filter(|v| v.level != AudienceLevel::Other)
            .map(|v| {
                format!(
                    "{} {}: {}",
                    format::short_date(&v.date),
                    v.audience,
                    v.topic
                )
            })
            .collect(),
        Dimension::Sponsors => case
            .sponsors
            .iter()
            .map(|s| format!("{}, {}", s.name, s.title))
            .collect(),
        Dimension::Innovation => Vec::new(),
        Dimension::Risk => case
            .risks
            .iter()
            .filter(|r| r.mitigation.is_some())
            .map(|r| {
                // Only a risk whose status says so is called mitigated: the
                // risks table of the same proposal prints that status.
                let how = match r.status {
                    Some(RiskStatus::Mitigated | RiskStatus::Closed) => "Risk mitigated",
                    Some(RiskStatus::Accepted) => "Risk accepted, with a mitigation",
                    Some(RiskStatus::Open) => "Open risk with a mitigation plan",
                    None => "Risk with a mitigation",
                };
                format!("{how}: {}", r.risk)
            })
            .collect(),
        Dimension::Customer => case
            .kpis
            .iter()
            .filter(|k| {
                matches!(
                    k.category,
                    KpiCategory::CustomerSatisfaction | KpiCategory::Retention
                )
            })
            .map(|k| format!("KPI: {}", k.name))
            .collect(),
        Dimension::Ambiguity => case
            .decisions
            .iter()
            .map(|d| format!("Decision: {}", d.title))
            .collect(),
        Dimension::Change => case
            .changes_led
            .iter()
            .map(|c| format!("Change led: {}", c.change))
            .collect(),
        Dimension::Succession => case
            .succession
            .iter()
            .flat_map(|s| s.successors.iter())
            .map(|s| {
                format!(
                    "{} ({}), {}",
                    s.name,
                    s.current_role,
                    lower_first(&format::readiness(&s.readiness))
                )
            })
            .collect(),
        Dimension::Evidence => evidence_quality(loaded),
        Dimension::TheAsk => ask(case),
    };
    // The dimension's own sections come first; achievements tagged with it follow.
    items.extend(tagged_achievements(case, dimension));
    items
}

/// Achievements the case tags with this dimension, by title.
fn tagged_achievements(case: &Case, dimension: Dimension) -> Vec<String> {
    case.achievements
        .iter()
        .filter(|a| a.dimensions.contains(&dimension))
        .map(|a| a.title.clone())
        .collect()
}

fn strategy(case: &Case) -> Vec<String> {
    let Some(vision) = &case.vision else {
        return Vec::new();
    };
    let horizon = vision
        .horizon_months
        .map_or("Vision".to_string(), |m| format!("{m}-month vision"));
    let mut items = vec![format!(
        "{horizon} serving {}",
        plural(
            vision.company_objectives.len(),
            "company objective",
            "company objectives"
        )
    )];
    if !vision.roadmap.is_empty() {
        items.push(format!(
            "Roadmap of {}",
            plural(vision.roadmap.len(), "milestone", "milestones")
        ));
    }
    items
}

fn leadership(case: &Case) -> Vec<String> {
    let mut items = Vec::new();
    if let Some(scope) = &case.scope
        && let Some(size) = scope.team_size
    {
        let managers = scope
            .managers_among_reports
            .filter(|m| *m > 0)
            .map(|m| format!(" through {}", plural(m as usize, "manager", "managers")))
            .unwrap_or_default();
        items.push(format!(
            "Leads {}{managers}",
            plural(size as usize, "person", "people")
        ));
    }
    if let Some(people) = &case.people_development {
        items.extend(
            people
                .promoted
                .iter()
                .map(|p| format!("Promoted {} to {}", p.name, p.to)),
        );
        items.extend(
            people
                .mentored
                .iter()
                .map(|m| format!("Mentored {}", m.name)),
        );
        items.extend(
            people
                .senior_hires
                .iter()
                .map(|h| format!("Hired {} as {}", h.name, h.role)),
        );
    }
    items
}

fn kpis(context: &CheckContext<'_>) -> Vec<String> {
    context
        .case
        .kpis
        .iter()
        .enumerate()
        .map(|(index, kpi)| {
            let unit = kpi.unit.as_deref();
            match (kpi.actual, kpi.target) {
                (Some(actual), Some(target)) => {
                    let status = context.kpi_status(index);
                    let verdict = match status {
                        KpiStatus::WithinTolerance => "met within tolerance",
                        _ => status.label(),
                    };
                    let lower = if kpi.direction == Direction::LowerIsBetter {
                        ", lower is better"
                    } else {
                        ""
                    };
                    format!(
                        "{}: {} against a target of {} ({}{lower})",
                        kpi.name,
                        format::value(actual, unit),
                        format::value(target, unit),
                        verdict.to_lowercase()
                    )
                }
                (Some(actual), None) => format!("{}: {}", kpi.name, format::value(actual, unit)),
                _ => kpi.name.clone(),
            }
        })
        .collect()
}

fn budget(case: &Case) -> Vec<String> {
    let Some(scope) = &case.scope else {
        return Vec::new();
    };
    let mut items = Vec::new();
    if let Some(budget) = &scope.budget {
        let how = match budget.ownership {
            crate::model::BudgetOwnership::Owned => "Owns",
            crate::model::BudgetOwnership::Influenced => "Influences",
        };
        let period = budget
            .period
            .as_deref()
            .map(|p| format!(" ({p})"))
            .unwrap_or_default();
        items.push(format!(
            "{how} a budget of {}{period}",
            format::money(budget.amount, &budget.currency)
        ));
        items.extend(
            budget
                .allocation_decisions
                .iter()
                .map(|a| format!("Allocation: {}", a.decision)),
        );
    }
    if let Some(plan) = &scope.headcount_plan {
        items.push(format!(
            "Headcount plan from {} to {}",
            plan.current, plan.planned
        ));
    }
    items
}

fn initiatives(case: &Case) -> Vec<String> {
    case.initiatives
        .iter()
        .map(|i| {
            let role = match i.role {
                InitiativeRole::Led => "Led",
                InitiativeRole::CoLed => "Co-led",
                InitiativeRole::Contributed => "Contributed to",
            };
            if i.partner_departments.is_empty() {
                format!("{role} {}", i.name)
            } else {
                format!(
                    "{role} {} with {}",
                    i.name,
                    i.partner_departments.join(", ")
                )
            }
        })
        .collect()
}

/// Achievements that are dated, quantified, recent and backed: the strong ones.
fn evidence_quality(loaded: &LoadedCase) -> Vec<String> {
    let case = &loaded.case;
    let total = case.achievements.len();
    if total == 0 {
        return Vec::new();
    }
    let strong = case
        .achievements
        .iter()
        .filter(|a| {
            let dated = a
                .period
                .as_ref()
                .and_then(|p| period_end(p, loaded.as_of))
                .is_some();
            let quantified = a.outcomes.iter().any(|o| o.result.is_some());
            let backed = !a.evidence.is_empty() || !a.attestors.is_empty();
            dated && quantified && backed
        })
        .count();
    vec![format!(
        "{strong} of {} dated, quantified and backed by a link or an attestor",
        plural(total, "achievement", "achievements")
    )]
}

fn ask(case: &Case) -> Vec<String> {
    let mut items = vec![format!(
        "{} by {}",
        case.candidate.target_title,
        format::short_date(&case.ask.target_date)
    )];
    if case.ask.why_now.is_some() {
        items.push("Why now is stated".to_string());
    }
    if !case.ask.problems_to_solve.is_empty() {
        items.push(plural(
            case.ask.problems_to_solve.len(),
            "problem the role solves",
            "problems the role solves",
        ));
    }
    items
}

/// "By Mar 2027" → "by Mar 2027": a label run into a sentence.
fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_lowercase().chain(chars).collect())
        .unwrap_or_default()
}
