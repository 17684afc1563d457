//! The data a template receives as `/data.json`: the case as written (under
//! `case`) plus everything a template should not compute itself: formatted
//! values, KPI results against target, chart geometry, achievements grouped
//! by dimension, the succession timeline.
//!
//! Split by job: [`views`] holds the shapes, this module fills them from the
//! case and the `check` report (whose KPI statuses it prints, so a document
//! never disagrees with `check`), [`impacts`] ranks the executive summary's
//! three measured impacts, [`groups`] orders achievements by dimension, and
//! [`succession`] lays out the successors' readiness timeline. Figures and
//! dates come from [`crate::format`], words for enum values from
//! [`crate::model::label`].
//!
//! Every key is always present (`null` becomes typst's `none`), so a template
//! can test `data.scope != none` without guarding against missing keys. User
//! text only ever travels as JSON strings: typst prints it, never evaluates it.

pub mod brief;
mod groups;
mod impacts;
mod succession;
pub mod views;

use chrono::NaiveDate;

use super::chart;
use super::report::CheckReport;
use super::templates::TemplateKind;
use crate::format;
use crate::model::*;
pub use views::*;

/// Everything besides the case that shapes a document.
#[derive(Debug, Clone)]
pub struct DocumentOptions {
    /// Print a DRAFT watermark on every page.
    pub draft: bool,
    /// The `check` report: KPI statuses and the readiness matrix of the appendix.
    pub report: CheckReport,
    /// The virtual path the logo is served at, when the case has one.
    pub logo: Option<String>,
}

pub const DEFAULT_ACCENT: &str = "#1F3A5F";

pub(super) fn non_empty(text: &Option<String>) -> Option<String> {
    text.as_ref()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
}

pub(super) fn months_between(from: NaiveDate, to: NaiveDate) -> i64 {
    use chrono::Datelike;
    (to.year() as i64 - from.year() as i64) * 12 + to.month() as i64 - from.month() as i64
}

/// Warnings for the fields the one-page brief cuts (see [`brief`]).
pub fn brief_warnings(
    loaded: &LoadedCase,
    options: &DocumentOptions,
) -> Vec<crate::diagnostic::Diagnostic> {
    let impacts = impacts::top_impacts(&loaded.case, &options.report.kpi_statuses);
    let (_, shortened) = brief::view(&loaded.case, &impacts);
    brief::warnings(loaded, &shortened)
}

/// Builds the data for `kind` from a loaded case.
pub fn build<'a>(
    loaded: &'a LoadedCase,
    kind: TemplateKind,
    options: &'a DocumentOptions,
) -> TemplateData<'a> {
    let case = &loaded.case;
    let as_of = loaded.as_of;
    let c = &case.candidate;
    let statuses = &options.report.kpi_statuses;
    let kpis: Vec<KpiView> = case
        .kpis
        .iter()
        .enumerate()
        .map(|(index, kpi)| {
            let status = statuses
                .get(index)
                .copied()
                .unwrap_or(KpiStatus::Incomplete);
            kpi_view(kpi, status)
        })
        .collect();
    let achievements: Vec<AchievementView> =
        case.achievements.iter().map(achievement_view).collect();
    let target_last_day = case.ask.target_date.last_day();
    let accent = case
        .branding
        .as_ref()
        .and_then(|b| b.accent_color.clone())
        .filter(|a| is_hex_colour(a))
        .unwrap_or_else(|| DEFAULT_ACCENT.to_string());
    let count = |status: KpiStatus| kpis.iter().filter(|k| k.status.id == status.id()).count();
    let impacts = impacts::top_impacts(case, statuses);
    TemplateData {
        meta: Meta {
            generator: format!("promocase {}", env!("CARGO_PKG_VERSION")),
            template: kind.id(),
            draft: options.draft,
            title: format!("{}: {}, {}", kind.title(), c.name, c.target_title),
            subject: format!(
                "Proposal to promote {} from {} to {} at {}",
                c.name, c.current_title, c.target_title, c.company
            ),
            author: c.name.clone(),
            keywords: vec![
                "promotion".to_string(),
                c.target_title.clone(),
                c.target_level.label().to_string(),
                c.track.label().to_string(),
                c.company.clone(),
            ],
            as_of: as_of.to_string(),
            as_of_text: format::long_date(as_of),
            accent,
            logo: options.logo.clone(),
        },
        case,
        candidate: CandidateView {
            name: c.name.clone(),
            current_title: c.current_title.clone(),
            target_title: c.target_title.clone(),
            level: Label::of(c.target_level),
            track: Label::of(c.track),
            company: c.company.clone(),
            department: non_empty(&c.department),
            years_in_management_text: c.years_in_management.map(|y| {
                let unit = if (y - 1.0).abs() < f64::EPSILON {
                    "year"
                } else {
                    "years"
                };
                format!("{} {unit}", format::number(y))
            }),
            joined_text: c.joined_company.as_ref().map(format::short_date),
            audience_name: c.audience.as_ref().map(|a| a.name.clone()),
            audience_title: c.audience.as_ref().and_then(|a| a.title.clone()),
        },
        ask: AskView {
            target_date_text: format::short_date(&case.ask.target_date),
            months_to_target: months_between(as_of, case.ask.target_date.first_day()),
            why_now: non_empty(&case.ask.why_now),
            support_requested: case.ask.support_requested.clone(),
            problems_to_solve: case.ask.problems_to_solve.clone(),
            role_exists: case.ask.role_exists,
        },
        vision: case.vision.as_ref().map(|v| VisionView {
            statement: v.statement.clone(),
            horizon_text: v.horizon_months.map(|m| format!("{m} months")),
            company_objectives: v.company_objectives.clone(),
            roadmap: v
                .roadmap
                .iter()
                .map(|m| DatedText {
                    date_text: Some(format::short_date(&m.date)),
                    text: m.milestone.clone(),
                })
                .collect(),
        }),
        kpi_summary: KpiSummary {
            total: kpis.len(),
            met: count(KpiStatus::Met),
            within_tolerance: count(KpiStatus::WithinTolerance),
            missed: count(KpiStatus::Missed),
            incomplete: count(KpiStatus::Incomplete),
            business_wide: kpis.iter().filter(|k| k.business_wide).count(),
        },
        brief: brief::view(case, &impacts).0,
        impacts,
        achievement_groups: groups::by_dimension(case, &achievements),
        achievements,
        kpis,
        initiatives: case
            .initiatives
            .iter()
            .map(|i| InitiativeView {
                name: i.name.clone(),
                role: Label::of(i.role),
                partner_departments: i.partner_departments.clone(),
                partners_beyond_name: partners_beyond_name(&i.name, &i.partner_departments),
                partner_leaders: i.partner_leaders.iter().map(person_text).collect(),
                outcome: non_empty(&i.outcome),
                period_text: i.period.as_ref().and_then(format::period),
            })
            .collect(),
        scope: case.scope.as_ref().map(scope_view),
        people: case.people_development.as_ref().and_then(people_view),
        decisions: case
            .decisions
            .iter()
            .map(|d| DecisionView {
                title: d.title.clone(),
                date_text: d.date.as_ref().map(format::short_date),
                context: non_empty(&d.context),
                unknowns: d.unknowns.clone(),
                options: d.options.clone(),
                decision: non_empty(&d.decision),
                outcome: non_empty(&d.outcome),
            })
            .collect(),
        risks: case
            .risks
            .iter()
            .map(|r| RiskView {
                risk: r.risk.clone(),
                area: non_empty(&r.area),
                mitigation: non_empty(&r.mitigation),
                status: r.status.map(Label::of),
            })
            .collect(),
        changes: case
            .changes_led
            .iter()
            .map(|c| ChangeView {
                change: c.change.clone(),
                date_text: c.date.as_ref().map(format::short_date),
                outcome: non_empty(&c.outcome),
            })
            .collect(),
        visibility: case
            .visibility
            .iter()
            .map(|v| VisibilityView {
                date_text: format::short_date(&v.date),
                audience: v.audience.clone(),
                level: Label::of(v.level),
                topic: v.topic.clone(),
                outcome: non_empty(&v.outcome),
            })
            .collect(),
        sponsors: case
            .sponsors
            .iter()
            .map(|s| SponsorView {
                name: s.name.clone(),
                title: s.title.clone(),
                level: Label::of(s.level),
                relationship: non_empty(&s.relationship),
                can_attest: s.can_attest.clone(),
            })
            .collect(),
        learning: case
            .learning
            .iter()
            .map(|l| LearningView {
                topic: l.topic.clone(),
                provider: non_empty(&l.provider),
                date_text: l.date.as_ref().map(format::short_date),
            })
            .collect(),
        succession: case
            .succession
            .as_ref()
            .and_then(|s| succession::view(s, as_of, target_last_day, &case.ask.target_date)),
        report: &options.report,
    }
}

fn is_hex_colour(text: &str) -> bool {
    text.len() == 7 && text.starts_with('#') && text[1..].bytes().all(|b| b.is_ascii_hexdigit())
}

fn person_text(person: &Person) -> String {
    match &person.title {
        Some(title) if !title.trim().is_empty() => format!("{} ({})", person.name, title),
        _ => person.name.clone(),
    }
}

fn kpi_view(kpi: &Kpi, status: KpiStatus) -> KpiView {
    let unit = kpi.unit.as_deref();
    let lower = kpi.direction == Direction::LowerIsBetter;
    let better_or_equal = |a: f64, b: f64| if lower { a <= b } else { a >= b };
    let improved = match (kpi.baseline, kpi.actual) {
        (Some(b), Some(a)) if a != b => Some(better_or_equal(a, b)),
        _ => None,
    };
    KpiView {
        name: kpi.name.clone(),
        category: Label::of(kpi.category),
        business_wide: kpi.scope == KpiScope::BusinessWide,
        scope: Label::of(kpi.scope),
        unit: kpi.unit.clone(),
        lower_is_better: lower,
        baseline_text: kpi.baseline.map(|v| format::value(v, unit)),
        target_text: kpi.target.map(|v| format::value(v, unit)),
        actual_text: kpi.actual.map(|v| format::value(v, unit)),
        baseline_cell: kpi.baseline.map(|v| format::cell(v, unit)),
        target_cell: kpi.target.map(|v| format::cell(v, unit)),
        actual_cell: kpi.actual.map(|v| format::cell(v, unit)),
        table_unit: kpi.unit.clone().filter(|_| !format::is_short_unit(unit)),
        status: Label::of(status),
        // JSON has no infinity: a missed target of zero sorts as the largest miss.
        shortfall_percent: kpi.shortfall_percent().map(|p| p.min(1e9)),
        change_text: kpi
            .baseline
            .zip(kpi.actual)
            .map(|(b, a)| format::change(b, a, unit)),
        improved,
        vs_target_text: kpi
            .target
            .zip(kpi.actual)
            .map(|(t, a)| format!("{} vs target", format::change(t, a, unit))),
        period_text: kpi.period.as_ref().and_then(format::period),
        source: non_empty(&kpi.source),
        note: non_empty(&kpi.note),
        bars: chart::bars(kpi),
        line: chart::line(kpi),
    }
}

fn outcome_view(outcome: &Outcome) -> OutcomeView {
    let unit = outcome.unit.as_deref();
    OutcomeView {
        metric: outcome.metric.clone(),
        baseline_text: outcome.baseline.map(|v| format::value(v, unit)),
        result_text: outcome.result.map(|v| format::value(v, unit)),
        change_text: outcome
            .baseline
            .zip(outcome.result)
            .map(|(b, r)| format::change(b, r, unit)),
    }
}

pub(super) fn achievement_view(a: &Achievement) -> AchievementView {
    AchievementView {
        title: a.title.clone(),
        period_text: a.period.as_ref().and_then(format::period),
        context: non_empty(&a.context),
        actions: non_empty(&a.actions),
        outcomes: a.outcomes.iter().map(outcome_view).collect(),
        dimensions: a.dimensions.iter().copied().map(Label::of).collect(),
        evidence: a.evidence.clone(),
        attestors: a.attestors.clone(),
    }
}

/// "1 of my 5 direct reports is a manager", "3 of my direct reports are managers".
fn managers_text(managers: u32, direct_reports: Option<u32>) -> String {
    let reports = match direct_reports {
        Some(1) => "my 1 direct report".to_string(),
        Some(count) => format!("my {count} direct reports"),
        None => "my direct reports".to_string(),
    };
    let verb = if managers == 1 {
        "is a manager"
    } else {
        "are managers"
    };
    format!("{managers} of {reports} {verb}")
}

/// The partner departments an initiative's name does not already name.
fn partners_beyond_name(name: &str, partners: &[String]) -> Vec<String> {
    let name = name.to_lowercase();
    partners
        .iter()
        .filter(|p| {
            let partner = p.trim().to_lowercase();
            !partner.is_empty()
                && crate::rubric::context::find_phrase_in(&name, &[partner]).is_none()
        })
        .cloned()
        .collect()
}

fn scope_view(scope: &Scope) -> ScopeView {
    ScopeView {
        team_size: scope.team_size,
        direct_reports: scope.direct_reports,
        managers_among_reports: scope.managers_among_reports,
        managers_text: scope
            .managers_among_reports
            .map(|managers| managers_text(managers, scope.direct_reports)),
        teams: scope.teams.clone(),
        budget_text: scope
            .budget
            .as_ref()
            .map(|b| format::money(b.amount, &b.currency)),
        budget_ownership: scope.budget.as_ref().map(|b| Label::of(b.ownership)),
        budget_period: scope.budget.as_ref().and_then(|b| non_empty(&b.period)),
        allocation_decisions: scope
            .budget
            .iter()
            .flat_map(|b| &b.allocation_decisions)
            .map(|d| AllocationView {
                decision: d.decision.clone(),
                result: non_empty(&d.result),
                date_text: d.date.as_ref().map(format::short_date),
            })
            .collect(),
        headcount_text: scope
            .headcount_plan
            .as_ref()
            .map(|h| format!("{} → {}", h.current, h.planned)),
        headcount_by_text: scope
            .headcount_plan
            .as_ref()
            .and_then(|h| h.by.as_ref())
            .map(format::short_date),
        headcount_rationale: scope
            .headcount_plan
            .as_ref()
            .and_then(|h| non_empty(&h.rationale)),
    }
}

fn people_view(people: &PeopleDevelopment) -> Option<PeopleView> {
    let dated = |text: String, date: &Option<PartialDate>| match date {
        Some(d) => format!("{text}, {}", format::short_date(d)),
        None => text,
    };
    let view = PeopleView {
        promoted: people
            .promoted
            .iter()
            .map(|p| {
                let text = match &p.from {
                    Some(from) => format!("{}: {} → {}", p.name, from, p.to),
                    None => format!("{}: promoted to {}", p.name, p.to),
                };
                dated(text, &p.date)
            })
            .collect(),
        mentored: people
            .mentored
            .iter()
            .map(|m| {
                let who = match &m.role {
                    Some(role) => format!("{} ({role})", m.name),
                    None => m.name.clone(),
                };
                match non_empty(&m.outcome) {
                    Some(outcome) => format!("{who}: {outcome}"),
                    None => who,
                }
            })
            .collect(),
        senior_hires: people
            .senior_hires
            .iter()
            .map(|h| dated(format!("{}, {}", h.name, h.role), &h.date))
            .collect(),
    };
    let empty =
        view.promoted.is_empty() && view.mentored.is_empty() && view.senior_hires.is_empty();
    (!empty).then_some(view)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_managers_sentence_agrees_in_number() {
        assert_eq!(
            managers_text(1, Some(5)),
            "1 of my 5 direct reports is a manager"
        );
        assert_eq!(
            managers_text(3, Some(5)),
            "3 of my 5 direct reports are managers"
        );
        assert_eq!(
            managers_text(0, None),
            "0 of my direct reports are managers"
        );
        assert_eq!(
            managers_text(1, Some(1)),
            "1 of my 1 direct report is a manager"
        );
    }

    #[test]
    fn partners_the_name_already_gives_are_not_repeated() {
        let partners = ["Finance".to_string(), "Sales".to_string()];
        assert_eq!(
            partners_beyond_name("Demand review with Finance", &partners),
            ["Sales"]
        );
        assert_eq!(partners_beyond_name("Financed growth", &partners).len(), 2);
    }
}
