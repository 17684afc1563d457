//! What in a case evidences each dimension, as short lines for the readiness
//! report ("24-month vision serving 2 company objectives"). Rules say what is
//! wrong; this says what is there, so the report can show both and a
//! dimension with no items at all can be called missing.
//!
//! The proposal's appendix prints these lines beside the KPI table and the
//! risks table, so figures, dates and statuses come from the same place as
//! theirs: [`crate::format`], the KPI statuses of the [`CheckContext`], and
//! the words of the document's [`Locale`] (`check` writes them in the case's
//! language, and so does the proposal, from the same code).

use super::context::{CheckContext, period_end};
use crate::format;
use crate::locale::Locale;
use crate::model::{
    AudienceLevel, BudgetOwnership, Case, Dimension, Direction, InitiativeRole, KpiCategory,
    KpiStatus, LoadedCase, RiskStatus,
};

/// The evidence items of one dimension, in the check's language.
pub fn items(context: &CheckContext<'_>, dimension: Dimension) -> Vec<String> {
    items_in(
        context.locale,
        context.loaded,
        &context.kpi_statuses,
        dimension,
    )
}

/// The evidence items of one dimension, in `locale`'s words; `statuses` are
/// the KPI statuses of the check, in the case's order.
pub fn items_in(
    locale: &Locale,
    loaded: &LoadedCase,
    statuses: &[KpiStatus],
    dimension: Dimension,
) -> Vec<String> {
    let l = locale;
    let case = &loaded.case;
    let mut items: Vec<String> = match dimension {
        Dimension::Strategy => strategy(l, case),
        Dimension::Leadership => leadership(l, case),
        Dimension::BusinessKpis => kpis(l, case, statuses),
        Dimension::Budget => budget(l, case),
        Dimension::CrossFunctional => initiatives(l, case),
        Dimension::Visibility => case
            .visibility
            .iter()
            .filter(|v| v.level != AudienceLevel::Other)
            .map(|v| {
                l.text(
                    "join.dated-topic",
                    &[
                        ("date", &format::short_date(l, &v.date)),
                        ("audience", &v.audience),
                        ("topic", &v.topic),
                    ],
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
                let key = match r.status {
                    Some(RiskStatus::Mitigated | RiskStatus::Closed) => "evidence.risk-mitigated",
                    Some(RiskStatus::Accepted) => "evidence.risk-accepted",
                    Some(RiskStatus::Open) => "evidence.risk-open",
                    None => "evidence.risk-unstated",
                };
                l.text(key, &[("risk", &r.risk)])
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
            .map(|k| l.text("evidence.customer-kpi", &[("name", &k.name)]))
            .collect(),
        Dimension::Ambiguity => case
            .decisions
            .iter()
            .map(|d| l.text("evidence.decision", &[("title", &d.title)]))
            .collect(),
        Dimension::Change => case
            .changes_led
            .iter()
            .map(|c| l.text("evidence.change", &[("change", &c.change)]))
            .collect(),
        Dimension::Succession => case
            .succession
            .iter()
            .flat_map(|s| s.successors.iter())
            .map(|s| {
                l.text(
                    "evidence.successor",
                    &[
                        ("name", &s.name),
                        ("role", &s.current_role),
                        ("readiness", &format::readiness_inline(l, &s.readiness)),
                    ],
                )
            })
            .collect(),
        Dimension::Evidence => evidence_quality(l, loaded),
        Dimension::TheAsk => ask(l, case),
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

fn strategy(l: &Locale, case: &Case) -> Vec<String> {
    let Some(vision) = &case.vision else {
        return Vec::new();
    };
    let horizon = vision.horizon_months.map_or_else(
        || l.text("evidence.vision", &[]),
        |m| l.count("evidence.vision-months", f64::from(m), &[]),
    );
    let mut items = vec![l.count(
        "evidence.vision-serving",
        vision.company_objectives.len() as f64,
        &[("vision", &horizon)],
    )];
    if !vision.roadmap.is_empty() {
        items.push(l.count("evidence.roadmap", vision.roadmap.len() as f64, &[]));
    }
    items
}

fn leadership(l: &Locale, case: &Case) -> Vec<String> {
    let mut items = Vec::new();
    if let Some(scope) = &case.scope
        && let Some(size) = scope.team_size
    {
        let leads = l.count("evidence.leads", f64::from(size), &[]);
        let text = match scope.managers_among_reports.filter(|m| *m > 0) {
            Some(managers) => l.count(
                "evidence.leads-through",
                f64::from(managers),
                &[("leads", &leads)],
            ),
            None => leads,
        };
        items.push(text);
    }
    if let Some(people) = &case.people_development {
        items.extend(
            people
                .promoted
                .iter()
                .map(|p| l.text("evidence.promoted", &[("name", &p.name), ("to", &p.to)])),
        );
        items.extend(
            people
                .mentored
                .iter()
                .map(|m| l.text("evidence.mentored", &[("name", &m.name)])),
        );
        items.extend(
            people
                .senior_hires
                .iter()
                .map(|h| l.text("evidence.hired", &[("name", &h.name), ("role", &h.role)])),
        );
    }
    items
}

fn kpis(l: &Locale, case: &Case, statuses: &[KpiStatus]) -> Vec<String> {
    case.kpis
        .iter()
        .enumerate()
        .map(|(index, kpi)| {
            let unit = kpi.unit.as_deref();
            match (kpi.actual, kpi.target) {
                (Some(actual), Some(target)) => {
                    let status = statuses
                        .get(index)
                        .copied()
                        .unwrap_or(KpiStatus::Incomplete);
                    let verdict = l.text(&format!("kpi-status-inline.{}", status.id()), &[]);
                    let key = if kpi.direction == Direction::LowerIsBetter {
                        "evidence.kpi-against-lower"
                    } else {
                        "evidence.kpi-against"
                    };
                    l.text(
                        key,
                        &[
                            ("name", &kpi.name),
                            ("actual", &format::value(l, actual, unit)),
                            ("target", &format::value(l, target, unit)),
                            ("verdict", &verdict),
                        ],
                    )
                }
                (Some(actual), None) => l.text(
                    "evidence.kpi-actual",
                    &[
                        ("name", &kpi.name),
                        ("actual", &format::value(l, actual, unit)),
                    ],
                ),
                _ => kpi.name.clone(),
            }
        })
        .collect()
}

fn budget(l: &Locale, case: &Case) -> Vec<String> {
    let Some(scope) = &case.scope else {
        return Vec::new();
    };
    let mut items = Vec::new();
    if let Some(budget) = &scope.budget {
        let key = match budget.ownership {
            BudgetOwnership::Owned => "evidence.owns-budget",
            BudgetOwnership::Influenced => "evidence.influences-budget",
        };
        let amount = format::money(l, budget.amount, &budget.currency);
        let amount = match budget.period.as_deref() {
            Some(period) => l.text(
                "join.amount-period",
                &[("amount", &amount), ("period", period)],
            ),
            None => amount,
        };
        items.push(l.text(key, &[("amount", &amount)]));
        items.extend(
            budget
                .allocation_decisions
                .iter()
                .map(|a| l.text("evidence.allocation", &[("decision", &a.decision)])),
        );
    }
    if let Some(plan) = &scope.headcount_plan {
        items.push(l.text(
            "evidence.headcount",
            &[
                ("current", &format::count(l, u64::from(plan.current))),
                ("planned", &format::count(l, u64::from(plan.planned))),
            ],
        ));
    }
    items
}

fn initiatives(l: &Locale, case: &Case) -> Vec<String> {
    case.initiatives
        .iter()
        .map(|i| {
            let key = match i.role {
                InitiativeRole::Led => "evidence.initiative-led",
                InitiativeRole::CoLed => "evidence.initiative-co-led",
                InitiativeRole::Contributed => "evidence.initiative-contributed",
            };
            let initiative = l.text(key, &[("name", &i.name)]);
            if i.partner_departments.is_empty() {
                initiative
            } else {
                l.text(
                    "evidence.initiative-with",
                    &[
                        ("initiative", &initiative),
                        (
                            "partners",
                            &i.partner_departments.join(&l.text("list.separator", &[])),
                        ),
                    ],
                )
            }
        })
        .collect()
}

/// Achievements that are dated, quantified, recent and backed: the strong ones.
fn evidence_quality(l: &Locale, loaded: &LoadedCase) -> Vec<String> {
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
    vec![l.count(
        "evidence.strong-achievements",
        total as f64,
        &[("strong", &format::count(l, strong as u64))],
    )]
}

fn ask(l: &Locale, case: &Case) -> Vec<String> {
    let mut items = vec![l.text(
        "evidence.ask",
        &[
            ("title", &case.candidate.target_title),
            ("date", &format::date_in_text(l, &case.ask.target_date)),
        ],
    )];
    if case.ask.why_now.is_some() {
        items.push(l.text("evidence.why-now", &[]));
    }
    if !case.ask.problems_to_solve.is_empty() {
        items.push(l.count(
            "evidence.problems",
            case.ask.problems_to_solve.len() as f64,
            &[],
        ));
    }
    items
}
