//! The shapes a template receives in `/data.json`: the case's sections as
//! views with every value already formatted, every enum value as a
//! [`Label`] (`{id, label}`: templates test the id and print the label), and
//! the computed parts (KPI statuses, impacts, chart and timeline geometry).
//! [`super::build`] fills them; nothing here computes.

use serde::Serialize;

use super::super::chart::{Bars, Line, Tick};
use crate::model::{Case, Label};

#[derive(Debug, Serialize)]
pub struct TemplateData<'a> {
    pub meta: Meta,
    /// Every fixed text of the documents in their language, by catalogue key
    /// (`locales/*.yaml`): templates print `labels.at("section.trend")`.
    pub labels: std::collections::BTreeMap<&'a str, &'a str>,
    pub case: &'a Case,
    pub candidate: CandidateView<'a>,
    pub ask: AskView,
    pub vision: Option<VisionView>,
    pub kpis: Vec<KpiView<'a>>,
    pub kpi_summary: KpiSummary,
    pub impacts: Vec<Impact>,
    /// The talking points' sentences that count (plural forms by language).
    pub talk: TalkView,
    /// The brief's texts, cut to what one page holds.
    pub brief: BriefView,
    pub achievements: Vec<AchievementView<'a>>,
    pub achievement_groups: Vec<AchievementGroup<'a>>,
    pub initiatives: Vec<InitiativeView<'a>>,
    pub scope: Option<ScopeView<'a>>,
    pub people: Option<PeopleView>,
    pub decisions: Vec<DecisionView>,
    pub risks: Vec<RiskView<'a>>,
    pub changes: Vec<ChangeView>,
    pub visibility: Vec<VisibilityView<'a>>,
    pub sponsors: Vec<SponsorView<'a>>,
    pub learning: Vec<LearningView>,
    pub succession: Option<SuccessionView>,
    /// The `check` report in the documents' language.
    pub report: ReportView<'a>,
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
    /// The language of the documents (`de`), for typst's `text(lang:)`.
    pub lang: &'static str,
    /// Its region (`CA` of `fr-CA`), for `text(region:)`; none when the tag has none.
    pub region: Option<String>,
    /// `ltr` or `rtl`.
    pub dir: &'static str,
    /// The paper the language's region prints on, as typst names it:
    /// `us-letter` or `a4` (PDF and Word alike).
    pub paper: &'static str,
}

#[derive(Debug, Serialize)]
pub struct CandidateView<'a> {
    pub name: String,
    pub current_title: String,
    pub target_title: String,
    pub level: Label<'a>,
    pub track: Label<'a>,
    pub company: String,
    pub department: Option<String>,
    pub years_in_management_text: Option<String>,
    pub joined_text: Option<String>,
    pub audience_name: Option<String>,
    pub audience_title: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct AskView {
    /// The ask in one sentence ([`super::ask_sentence`]).
    pub sentence: String,
    pub target_date_text: String,
    /// The same date inside a sentence, after a preposition ("by {date}"):
    /// Czech and Polish write the month in its genitive there.
    pub target_date_in_text: String,
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
pub struct KpiView<'a> {
    pub name: String,
    pub category: Label<'a>,
    pub business_wide: bool,
    pub scope: Label<'a>,
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
    /// met, within-tolerance, missed or incomplete (no target or no actual),
    /// under the rubric's tolerance, as `check` judged it.
    pub status: Label<'a>,
    /// How far the actual misses the target, in percent of the target
    /// (`null` when met or incomplete): the largest misses are explained first.
    pub shortfall_percent: Option<f64>,
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
    /// KPIs on or above target.
    pub met: usize,
    /// KPIs short of target by no more than the rubric's tolerance.
    pub within_tolerance: usize,
    pub missed: usize,
    pub incomplete: usize,
    pub business_wide: usize,
    /// "3 of 4 key performance indicators are on or above target and 1 within …".
    pub sentence: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Impact {
    /// Where the title comes from in the case (an achievement's title or a KPI's name).
    #[serde(skip)]
    pub pointer: String,
    pub title: String,
    pub metric: String,
    pub from_text: String,
    pub to_text: String,
    pub change_text: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct AchievementView<'a> {
    pub title: String,
    pub period_text: Option<String>,
    pub context: Option<String>,
    pub actions: Option<String>,
    pub outcomes: Vec<OutcomeView>,
    pub dimensions: Vec<Label<'a>>,
    pub evidence: Vec<String>,
    pub attestors: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct OutcomeView {
    pub metric: String,
    pub baseline_text: Option<String>,
    pub result_text: Option<String>,
    pub change_text: Option<String>,
    /// Whether the change is an improvement as the outcome's direction reads
    /// it: templates print a worsening in the colour of a miss.
    pub improved: Option<bool>,
}

#[derive(Debug, Serialize)]
pub struct AchievementGroup<'a> {
    /// The dimension's id, or `other` for achievements without one.
    pub id: &'static str,
    pub name: &'a str,
    pub items: Vec<AchievementView<'a>>,
}

#[derive(Debug, Serialize)]
pub struct InitiativeView<'a> {
    pub name: String,
    pub role: Label<'a>,
    pub partner_departments: Vec<String>,
    /// The partner departments the initiative's name does not already say
    /// ("Demand review with Finance" needs no "with Finance" after it).
    pub partners_beyond_name: Vec<String>,
    pub partner_leaders: Vec<String>,
    pub outcome: Option<String>,
    pub period_text: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct ScopeView<'a> {
    pub team_size: Option<u32>,
    pub direct_reports: Option<u32>,
    pub managers_among_reports: Option<u32>,
    /// The counts as the locale writes them (`1,250`, `1 250`).
    pub team_size_text: Option<String>,
    pub direct_reports_text: Option<String>,
    pub managers_text_short: Option<String>,
    /// "120 people", "8 managers reporting", for the brief's scope.
    pub team_size_phrase: Option<String>,
    pub managers_reporting_phrase: Option<String>,
    /// In the candidate's words: "1 of my 5 direct reports is a manager".
    pub managers_text: Option<String>,
    pub teams: Vec<String>,
    pub budget_text: Option<String>,
    pub budget_ownership: Option<Label<'a>>,
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
pub struct RiskView<'a> {
    pub risk: String,
    pub area: Option<String>,
    pub mitigation: Option<String>,
    pub status: Option<Label<'a>>,
}

#[derive(Debug, Serialize)]
pub struct ChangeView {
    pub change: String,
    pub date_text: Option<String>,
    pub outcome: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct VisibilityView<'a> {
    pub date_text: String,
    pub audience: String,
    pub level: Label<'a>,
    pub topic: String,
    pub outcome: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct SponsorView<'a> {
    pub name: String,
    pub title: String,
    pub level: Label<'a>,
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
    /// Ready today, so no date needs printing.
    pub ready_now: bool,
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
    /// How to read the timeline, under it.
    pub note: String,
}

#[derive(Debug, Serialize)]
pub struct TimelineRow {
    pub name: String,
    pub fraction: f64,
    pub label: String,
    pub ready_by_target: bool,
}

/// Sentences of the talking points whose wording depends on a count.
#[derive(Debug, Serialize)]
pub struct TalkView {
    /// "3 KPIs missed their targets."
    pub missed_many: String,
    /// "2 more in the proposal's KPI table." (beyond the three argued).
    pub more_missed: String,
}

/// The brief's texts, each within its budget (filled by [`super::brief`]).
#[derive(Debug, Clone, Serialize)]
pub struct BriefView {
    /// The ask in one sentence, with the brief's name and title.
    pub ask: String,
    /// The KPIs the brief shows, business-wide first, at most five: indices
    /// into `kpis` ([`super::key_kpis`]).
    pub key_kpis: Vec<usize>,
    pub name: String,
    pub current_title: String,
    pub target_title: String,
    /// "For Name, Title", when the case names its audience.
    pub audience: Option<String>,
    pub why_now: Option<String>,
    pub problems: Vec<String>,
    pub support_requested: Vec<String>,
    pub interim_plan: Option<String>,
    pub impacts: Vec<Impact>,
    /// The name of every KPI, in the case's order.
    pub kpi_names: Vec<String>,
    /// Each KPI's note, cut short, in the case's order (`null` without one).
    pub kpi_notes: Vec<Option<String>>,
    /// Each successor's name and current role, in the case's order.
    pub successor_names: Vec<String>,
    pub successor_roles: Vec<String>,
}

/// The `check` report as the proposal's appendix and the talking points
/// print it: the same results as [`crate::rubric::Report`], in
/// the documents' language (dimension names, statuses, evidence; for gaps
/// and findings, the rule's summary in languages other than English).
#[derive(Debug, Serialize)]
pub struct ReportView<'a> {
    pub readiness: ReadinessView<'a>,
    pub findings: Vec<FindingView<'a>>,
}

#[derive(Debug, Serialize)]
pub struct ReadinessView<'a> {
    pub score: f64,
    /// The score a case with errors stays below (`{cap}` in `appendix.blocked`).
    pub cap: u32,
    /// The level assessed, as the documents' language or the company's rubric names it.
    pub level: String,
    pub blocked_by: Vec<&'static str>,
    pub dimensions: Vec<DimensionView<'a>>,
    pub top_gaps: Vec<GapView>,
}

#[derive(Debug, Serialize)]
pub struct DimensionView<'a> {
    pub id: &'static str,
    pub name: &'a str,
    pub status: Label<'a>,
    pub evidence: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct GapView {
    pub dimension: &'static str,
    pub message: String,
}

#[derive(Debug, Serialize)]
pub struct FindingView<'a> {
    pub rule: &'static str,
    /// `error`, `warning` or `info`, for the template to pick a colour.
    pub severity: crate::diagnostic::Severity,
    pub severity_text: &'a str,
    pub message: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
}
