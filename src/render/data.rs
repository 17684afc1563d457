//! The data a template receives as `/data.json`: the case as written (under
//! `case`) plus everything a template should not compute itself: formatted
//! values, KPI results against target, chart geometry, achievements grouped
//! by dimension, the succession timeline.
//!
//! Every key is always present (`null` becomes typst's `none`), so a template
//! can test `data.scope != none` without guarding against missing keys. User
//! text only ever travels as JSON strings: typst prints it, never evaluates it.

use chrono::NaiveDate;
use serde::Serialize;

use super::chart::{self, Bars, Line, Tick};
use super::format;
use super::report::CheckReport;
use super::templates::TemplateKind;
use crate::model::*;

/// Everything besides the case that shapes a document.
#[derive(Debug, Clone, Default)]
pub struct DocumentOptions {
    /// Print a DRAFT watermark on every page.
    pub draft: bool,
    /// A `check` report for the readiness matrix in the appendix.
    pub report: Option<CheckReport>,
    /// The virtual path the logo is served at, when the case has one.
    pub logo: Option<String>,
}

pub const DEFAULT_ACCENT: &str = "#1F3A5F";

#[derive(Debug, Serialize)]
pub struct TemplateData<'a> {
    pub meta: Meta,
    pub case: &'a Case,
    pub candidate: CandidateView,
    pub ask: AskView,
    pub vision: Option<VisionView>,
    pub kpis: Vec<KpiView>,
    pub kpi_summary: KpiSummary,
    pub impacts: Vec<Impact>,
    pub achievements: Vec<AchievementView>,
    pub achievement_groups: Vec<AchievementGroup>,
    pub initiatives: Vec<InitiativeView>,
    pub scope: Option<ScopeView>,
    pub people: Option<PeopleView>,
    pub decisions: Vec<DecisionView>,
    pub risks: Vec<RiskView>,
    pub changes: Vec<ChangeView>,
    pub visibility: Vec<VisibilityView>,
    pub sponsors: Vec<SponsorView>,
    pub learning: Vec<LearningView>,
    pub succession: Option<SuccessionView>,
    pub report: Option<&'a CheckReport>,
}

#[derive(Debug, Serialize)]
pub struct Meta {
    pub generator: String,
    pub template: &'static str,
    pub draft: bool,
    pub title: String,
    pub subject: String,
    pub author: String,
    pub keywords: Vec<String>,
    pub as_of: String,
    pub as_of_text: String,
    pub accent: String,
    pub logo: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct CandidateView {
    pub name: String,
    pub current_title: String,
    pub target_title: String,
    pub level: &'static str,
    pub level_title: &'static str,
    pub track: String,
    pub track_title: String,
    pub company: String,
    pub department: Option<String>,
    pub years_in_management_text: Option<String>,
    pub joined_text: Option<String>,
    pub audience_name: Option<String>,
    pub audience_title: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct AskView {
    pub target_date_text: String,
    pub months_to_target: i64,
    pub why_now: Option<String>,
    pub support_requested: Vec<String>,
    pub problems_to_solve: Vec<String>,
    pub role_exists: Option<bool>,
}

#[derive(Debug, Serialize)]
pub struct VisionView {
    pub statement: String,
    pub horizon_text: Option<String>,
    pub company_objectives: Vec<String>,
    pub roadmap: Vec<DatedText>,
}

#[derive(Debug, Serialize)]
pub struct DatedText {
    pub date_text: Option<String>,
    pub text: String,
}

#[derive(Debug, Serialize)]
pub struct KpiView {
    pub name: String,
    pub category: String,
    pub category_title: String,
    pub business_wide: bool,
    pub scope_title: &'static str,
    pub unit: Option<String>,
    pub lower_is_better: bool,
    pub baseline_text: Option<String>,
    pub target_text: Option<String>,
    pub actual_text: Option<String>,
    /// The values for a table, without a long unit (see `table_unit`).
    pub baseline_cell: Option<String>,
    pub target_cell: Option<String>,
    pub actual_cell: Option<String>,
    /// A unit too long to repeat in every cell, to print once beside the name.
    pub table_unit: Option<String>,
    /// `met`, `missed` or `incomplete` (no target or no actual).
    pub status: &'static str,
    /// Change from baseline to actual, e.g. `+18%` or `−4 pts`.
    pub change_text: Option<String>,
    /// Whether the change from baseline went the good way.
    pub improved: Option<bool>,
    /// Actual against target, e.g. `+6% vs target`.
    pub vs_target_text: Option<String>,
    pub period_text: Option<String>,
    pub source: Option<String>,
    /// The candidate's context for the number, e.g. why a target was missed.
    pub note: Option<String>,
    pub bars: Option<Bars>,
    pub line: Option<Line>,
}

#[derive(Debug, Serialize)]
pub struct KpiSummary {
    pub total: usize,
    pub met: usize,
    pub missed: usize,
    pub incomplete: usize,
    pub business_wide: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct Impact {
    pub title: String,
    pub metric: String,
    pub from_text: String,
    pub to_text: String,
    pub change_text: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct AchievementView {
    pub title: String,
    pub period_text: Option<String>,
    pub context: Option<String>,
    pub actions: Option<String>,
    pub outcomes: Vec<OutcomeView>,
    pub dimensions: Vec<DimensionName>,
    pub evidence: Vec<String>,
    pub attestors: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct OutcomeView {
    pub metric: String,
    pub baseline_text: Option<String>,
    pub result_text: Option<String>,
    pub change_text: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DimensionName {
    pub id: String,
    pub name: &'static str,
}

#[derive(Debug, Serialize)]
pub struct AchievementGroup {
    pub id: String,
    pub name: &'static str,
    pub items: Vec<AchievementView>,
}

#[derive(Debug, Serialize)]
pub struct InitiativeView {
    pub name: String,
    pub role_title: &'static str,
    pub partner_departments: Vec<String>,
    pub partner_leaders: Vec<String>,
    pub outcome: Option<String>,
    pub period_text: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct ScopeView {
    pub team_size: Option<u32>,
    pub direct_reports: Option<u32>,
    pub managers_among_reports: Option<u32>,
    pub teams: Vec<String>,
    pub budget_text: Option<String>,
    pub budget_ownership: Option<&'static str>,
    pub budget_period: Option<String>,
    pub allocation_decisions: Vec<AllocationView>,
    /// `14 → 19`.
    pub headcount_text: Option<String>,
    pub headcount_by_text: Option<String>,
    pub headcount_rationale: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct AllocationView {
    pub decision: String,
    pub result: Option<String>,
    pub date_text: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct PeopleView {
    pub promoted: Vec<String>,
    pub mentored: Vec<String>,
    pub senior_hires: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct DecisionView {
    pub title: String,
    pub date_text: Option<String>,
    pub context: Option<String>,
    pub unknowns: Vec<String>,
    pub options: Vec<String>,
    pub decision: Option<String>,
    pub outcome: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct RiskView {
    pub risk: String,
    pub area: Option<String>,
    pub mitigation: Option<String>,
    pub status: Option<&'static str>,
}

#[derive(Debug, Serialize)]
pub struct ChangeView {
    pub change: String,
    pub date_text: Option<String>,
    pub outcome: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct VisibilityView {
    pub date_text: String,
    pub audience: String,
    pub level_title: &'static str,
    pub topic: String,
    pub outcome: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct SponsorView {
    pub name: String,
    pub title: String,
    pub level_title: &'static str,
    pub relationship: Option<String>,
    pub can_attest: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct LearningView {
    pub topic: String,
    pub provider: Option<String>,
    pub date_text: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct SuccessionView {
    pub successors: Vec<SuccessorView>,
    pub interim_plan: Option<String>,
    pub timeline: Option<Timeline>,
    /// Whether at least one successor is ready by the requested date.
    pub covered_by_target: bool,
}

#[derive(Debug, Serialize)]
pub struct SuccessorView {
    pub name: String,
    pub current_role: String,
    pub readiness_text: String,
    pub ready_by_text: String,
    pub ready_by_target: bool,
    pub covers: Vec<String>,
    pub development: Vec<DatedText>,
}

/// Successors' readiness on a time axis from `as_of`, with the requested
/// promotion date marked.
#[derive(Debug, Serialize)]
pub struct Timeline {
    pub rows: Vec<TimelineRow>,
    pub ticks: Vec<Tick>,
    pub target_fraction: f64,
    pub target_text: String,
}

#[derive(Debug, Serialize)]
pub struct TimelineRow {
    pub name: String,
    pub fraction: f64,
    pub label: String,
    pub ready_by_target: bool,
}

/// Human names of the director dimensions, as in the criteria.
pub fn dimension_name(dimension: Dimension) -> &'static str {
    match dimension {
        Dimension::Strategy => "Strategic planning and direction",
        Dimension::Leadership => "Leading managers and developing people",
        Dimension::BusinessKpis => "Business results",
        Dimension::Budget => "Budget and resource allocation",
        Dimension::CrossFunctional => "Influence across departments",
        Dimension::Visibility => "Executive visibility",
        Dimension::Sponsors => "Sponsors and network",
        Dimension::Innovation => "Innovation and process improvement",
        Dimension::Risk => "Risk and compliance",
        Dimension::Customer => "Customer focus",
        Dimension::Ambiguity => "Decisions under ambiguity",
        Dimension::Change => "Leading through change",
        Dimension::Succession => "Succession",
    }
}

/// The kebab-case identifier serde writes for an enum value.
fn id_of<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

/// `customer-satisfaction` → `Customer satisfaction`; acronyms kept upper case.
fn title_from_id(id: &str) -> String {
    match id {
        "it" => return "IT".to_string(),
        "hr" => return "HR".to_string(),
        "vp" => return "VP".to_string(),
        "c-level" => return "C-level".to_string(),
        _ => {}
    }
    let words = id.replace('-', " ");
    let mut chars = words.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn non_empty(text: &Option<String>) -> Option<String> {
    text.as_ref()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
}

fn months_between(from: NaiveDate, to: NaiveDate) -> i64 {
    use chrono::Datelike;
    (to.year() as i64 - from.year() as i64) * 12 + to.month() as i64 - from.month() as i64
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
    let kpis: Vec<KpiView> = case.kpis.iter().map(kpi_view).collect();
    let achievements: Vec<AchievementView> =
        case.achievements.iter().map(achievement_view).collect();
    let target_last_day = case.ask.target_date.last_day();
    let accent = case
        .branding
        .as_ref()
        .and_then(|b| b.accent_color.clone())
        .filter(|a| is_hex_colour(a))
        .unwrap_or_else(|| DEFAULT_ACCENT.to_string());
    let track_title = title_from_id(&id_of(&c.track));
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
                c.target_level.title().to_string(),
                track_title.clone(),
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
            level: c.target_level.id(),
            level_title: c.target_level.title(),
            track: id_of(&c.track),
            track_title,
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
            met: kpis.iter().filter(|k| k.status == "met").count(),
            missed: kpis.iter().filter(|k| k.status == "missed").count(),
            incomplete: kpis.iter().filter(|k| k.status == "incomplete").count(),
            business_wide: kpis.iter().filter(|k| k.business_wide).count(),
        },
        impacts: top_impacts(case),
        achievement_groups: group_by_dimension(case, &achievements),
        achievements,
        kpis,
        initiatives: case
            .initiatives
            .iter()
            .map(|i| InitiativeView {
                name: i.name.clone(),
                role_title: match i.role {
                    InitiativeRole::Led => "Led",
                    InitiativeRole::CoLed => "Co-led",
                    InitiativeRole::Contributed => "Contributed",
                },
                partner_departments: i.partner_departments.clone(),
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
                status: r.status.map(|s| match s {
                    RiskStatus::Open => "Open",
                    RiskStatus::Mitigated => "Mitigated",
                    RiskStatus::Accepted => "Accepted",
                    RiskStatus::Closed => "Closed",
                }),
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
                level_title: match v.level {
                    AudienceLevel::Board => "Board",
                    AudienceLevel::ExecutiveTeam => "Executive team",
                    AudienceLevel::SeniorLeadership => "Senior leadership",
                    AudienceLevel::Other => "Other",
                },
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
                level_title: match s.level {
                    Seniority::Manager => "Manager",
                    Seniority::SeniorManager => "Senior manager",
                    Seniority::Director => "Director",
                    Seniority::Vp => "VP",
                    Seniority::CLevel => "C-level",
                },
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
            .and_then(|s| succession_view(s, as_of, target_last_day, &case.ask.target_date)),
        report: options.report.as_ref(),
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

fn kpi_view(kpi: &Kpi) -> KpiView {
    let unit = kpi.unit.as_deref();
    let lower = kpi.direction == Direction::LowerIsBetter;
    let better_or_equal = |a: f64, b: f64| if lower { a <= b } else { a >= b };
    let status = match (kpi.actual, kpi.target) {
        (Some(actual), Some(target)) if better_or_equal(actual, target) => "met",
        (Some(_), Some(_)) => "missed",
        _ => "incomplete",
    };
    let improved = match (kpi.baseline, kpi.actual) {
        (Some(b), Some(a)) if a != b => Some(better_or_equal(a, b)),
        _ => None,
    };
    KpiView {
        name: kpi.name.clone(),
        category: id_of(&kpi.category),
        category_title: title_from_id(&id_of(&kpi.category)),
        business_wide: kpi.scope == KpiScope::BusinessWide,
        scope_title: match kpi.scope {
            KpiScope::BusinessWide => "Business-wide",
            KpiScope::Department => "Department",
        },
        unit: kpi.unit.clone(),
        lower_is_better: lower,
        baseline_text: kpi.baseline.map(|v| format::value(v, unit)),
        target_text: kpi.target.map(|v| format::value(v, unit)),
        actual_text: kpi.actual.map(|v| format::value(v, unit)),
        baseline_cell: kpi.baseline.map(|v| format::cell(v, unit)),
        target_cell: kpi.target.map(|v| format::cell(v, unit)),
        actual_cell: kpi.actual.map(|v| format::cell(v, unit)),
        table_unit: kpi.unit.clone().filter(|_| !format::is_short_unit(unit)),
        status,
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

fn achievement_view(a: &Achievement) -> AchievementView {
    AchievementView {
        title: a.title.clone(),
        period_text: a.period.as_ref().and_then(format::period),
        context: non_empty(&a.context),
        actions: non_empty(&a.actions),
        outcomes: a.outcomes.iter().map(outcome_view).collect(),
        dimensions: a
            .dimensions
            .iter()
            .map(|d| DimensionName {
                id: id_of(d),
                name: dimension_name(*d),
            })
            .collect(),
        evidence: a.evidence.clone(),
        attestors: a.attestors.clone(),
    }
}

/// Achievements under their first (primary) dimension, in the criteria's
/// order; those without a dimension come last under "Further results".
fn group_by_dimension(case: &Case, views: &[AchievementView]) -> Vec<AchievementGroup> {
    let mut groups: Vec<(Option<Dimension>, Vec<AchievementView>)> = Vec::new();
    for (achievement, view) in case.achievements.iter().zip(views) {
        let key = achievement.dimensions.first().copied();
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, items)) => items.push(view.clone()),
            None => groups.push((key, vec![view.clone()])),
        }
    }
    // None sorts first for Option; put it last instead.
    groups.sort_by_key(|(k, _)| (k.is_none(), *k));
    groups
        .into_iter()
        .map(|(key, items)| AchievementGroup {
            id: key
                .map(|d| id_of(&d))
                .unwrap_or_else(|| "other".to_string()),
            name: key.map_or("Further results", dimension_name),
            items,
        })
        .collect()
}

/// The three achievements with the largest measured relative change, one
/// outcome each; KPIs that beat their target fill the list when achievements
/// have too few numbers.
fn top_impacts(case: &Case) -> Vec<Impact> {
    let mut scored: Vec<(f64, Impact)> = Vec::new();
    for achievement in &case.achievements {
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
    for kpi in &case.kpis {
        if impacts.len() >= 3 {
            break;
        }
        if impacts.iter().any(|i| i.metric == kpi.name) {
            continue;
        }
        let view = kpi_view(kpi);
        if let (Some(b), Some(a), "met") = (kpi.baseline, kpi.actual, view.status) {
            let unit = kpi.unit.as_deref();
            impacts.push(Impact {
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

fn scope_view(scope: &Scope) -> ScopeView {
    ScopeView {
        team_size: scope.team_size,
        direct_reports: scope.direct_reports,
        managers_among_reports: scope.managers_among_reports,
        teams: scope.teams.clone(),
        budget_text: scope
            .budget
            .as_ref()
            .map(|b| format::money(b.amount, &b.currency)),
        budget_ownership: scope.budget.as_ref().map(|b| match b.ownership {
            BudgetOwnership::Owned => "Owned",
            BudgetOwnership::Influenced => "Influenced",
        }),
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

fn succession_view(
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
                readiness_text: format::readiness(&s.readiness),
                ready_by_text: format::month_year(ready_by),
                ready_by_target: ready_by <= target,
                covers: s.covers.clone(),
                development: s
                    .development
                    .iter()
                    .map(|d| DatedText {
                        date_text: d.by.as_ref().map(format::short_date),
                        text: d.action.clone(),
                    })
                    .collect(),
            };
            (view, ready_by)
        })
        .collect();
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
                label: format::month_year(d),
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
            target_text: format!("Requested promotion: {}", format::short_date(target_date)),
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
