//! The promotion case as a manager writes it: one YAML file, these types.
//!
//! Field doc comments are the help text editors show on hover (they become the
//! JSON Schema's descriptions) and the field reference in README.md, so they are
//! written for the manager, not for the programmer. Every list defaults to empty
//! and every section but `candidate` and `ask` is optional: a missing section is
//! a gap for `check` to name, not a loading error.
//!
//! Enum variants carry no doc comments on purpose: that keeps them a plain
//! `enum` in the schema, which gives the clearest "expected one of" errors.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::date::{PartialDate, PeriodEnd, Readiness};
use super::dimension::Dimension;
use super::language::LanguageTag;

/// The top-level sections of a case, in the order the starter and the
/// examples write them; a finding about a missing section points where it
/// belongs in this order.
pub const SECTIONS: [&str; 19] = [
    "as_of",
    "language",
    "candidate",
    "ask",
    "vision",
    "achievements",
    "kpis",
    "initiatives",
    "scope",
    "people_development",
    "decisions",
    "risks",
    "changes_led",
    "visibility",
    "sponsors",
    "learning",
    "succession",
    "waivers",
    "branding",
];

/// A promotion case: who the candidate is, what they ask for, and the evidence.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Case {
    /// Who the candidate is, the role they aim for, and who will read the case.
    pub candidate: Candidate,
    /// The date the case describes (YYYY-MM-DD). Ages of evidence are measured from it; today when left out.
    pub as_of: Option<PartialDate>,
    /// The language the documents are written in, as a language tag: `en` (the default), `de`, `fr`, `fr-CA`, `es`, `it`, `pt`, `pt-BR`, `nl`, `pl`, `sv`, `da`, `nb`, `fi`, `cs`, `tr` or `he`. Dates, numbers and money follow its conventions; what you wrote stays as written. `promocase build --lang` overrides it.
    pub language: Option<LanguageTag>,
    /// The proposal itself: when, why now, what support is asked for, what the new role would solve.
    pub ask: Ask,
    /// Strategic vision: where the candidate would take the department in one to three years.
    pub vision: Option<Vision>,
    /// Achievements with measured outcomes, each tagged with the director dimensions it evidences.
    #[serde(default)]
    pub achievements: Vec<Achievement>,
    /// Key performance indicators the candidate owns: baseline, target and actual.
    #[serde(default)]
    pub kpis: Vec<Kpi>,
    /// Cross-functional initiatives with other departments.
    #[serde(default)]
    pub initiatives: Vec<Initiative>,
    /// Team and budget the candidate is responsible for today.
    pub scope: Option<Scope>,
    /// People the candidate has grown: promotions, mentoring, senior hires.
    pub people_development: Option<PeopleDevelopment>,
    /// Decisions taken under ambiguity: what was unknown, the options, the call, the outcome.
    #[serde(default)]
    pub decisions: Vec<Decision>,
    /// Risks the candidate identified and how they were mitigated, including compliance duties.
    #[serde(default)]
    pub risks: Vec<Risk>,
    /// Changes the candidate led: reorganisations, new processes or tools, market shifts.
    #[serde(default)]
    pub changes_led: Vec<ChangeLed>,
    /// Presentations and reports to the executive team or the board.
    #[serde(default)]
    pub visibility: Vec<Visibility>,
    /// Sponsors and mentors senior to the candidate, and what each can attest.
    #[serde(default)]
    pub sponsors: Vec<Sponsor>,
    /// Learning that closes a gap for the target role: finance, market, leadership.
    #[serde(default)]
    pub learning: Vec<Learning>,
    /// Who takes over the role the candidate leaves behind, and when they are ready.
    pub succession: Option<Succession>,
    /// Rules of `promocase check` this case knowingly does not meet, each with a written reason.
    #[serde(default)]
    pub waivers: Vec<Waiver>,
    /// Look of the rendered documents: accent colour and company logo.
    pub branding: Option<Branding>,
}

/// Who the candidate is and who the case is for.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Candidate {
    /// Full name, as it should appear on the proposal.
    pub name: String,
    /// Current job title, e.g. "Marketing Manager".
    pub current_title: String,
    /// The title asked for, e.g. "Director of Marketing".
    pub target_title: String,
    /// The level of the target role: senior-manager, director or vp. Picks the rubric `check` applies.
    pub target_level: Level,
    /// The function or track of the role: marketing, operations, sales, it, hr, finance, product, …
    pub track: Track,
    /// Company name.
    pub company: String,
    /// The company's industry, e.g. "B2B software" or "food distribution".
    pub industry: Option<String>,
    /// Number of employees of the company, for the reader's sense of scale.
    pub company_employees: Option<u32>,
    /// Department the candidate works in today.
    pub department: Option<String>,
    /// Years of people-management experience.
    pub years_in_management: Option<f64>,
    /// When the candidate joined the company (YYYY-MM).
    pub joined_company: Option<PartialDate>,
    /// Who decides: the executive the case is addressed to.
    pub audience: Option<Person>,
}

/// A named person with a title.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Person {
    /// Full name.
    pub name: String,
    /// Job title, e.g. "Chief Operating Officer".
    pub title: Option<String>,
}

/// Levels of the management ladder a case can aim for: senior-manager, director, vp.
// Ordered from the lowest level to the highest (the committee pack sorts by it).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    JsonSchema,
    clap::ValueEnum,
)]
#[serde(rename_all = "kebab-case")]
pub enum Level {
    SeniorManager,
    Director,
    Vp,
}

/// Functions and tracks: operations, marketing, sales, communications, hr, finance, it, product,
/// program-management, business-development, quality-assurance, customer-service, compliance, risk,
/// training, data-analytics, engineering, executive-director, other.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, clap::ValueEnum,
)]
#[serde(rename_all = "kebab-case")]
pub enum Track {
    Operations,
    Marketing,
    Sales,
    Communications,
    Hr,
    Finance,
    It,
    Product,
    ProgramManagement,
    BusinessDevelopment,
    QualityAssurance,
    CustomerService,
    Compliance,
    Risk,
    Training,
    DataAnalytics,
    Engineering,
    ExecutiveDirector,
    Other,
}

/// The proposal itself.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Ask {
    /// When the candidate would like the promotion to take effect (YYYY-MM or YYYY-MM-DD).
    pub target_date: PartialDate,
    /// Why now: what has changed in the business that makes this the right moment.
    pub why_now: Option<String>,
    /// The support asked of the executive: sponsorship, a stretch assignment, a decision by a date.
    #[serde(default)]
    pub support_requested: Vec<String>,
    /// Problems the new role would solve for the business.
    #[serde(default)]
    pub problems_to_solve: Vec<String>,
    /// Whether the target role exists in the organisation today; false when the case proposes creating it.
    pub role_exists: Option<bool>,
}

/// Strategic vision and roadmap.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Vision {
    /// The vision in two or three sentences.
    pub statement: String,
    /// How far ahead the vision looks, in months (a director's is usually 12 to 36).
    pub horizon_months: Option<u32>,
    /// Company objectives the vision serves, named as the company names them.
    #[serde(default)]
    pub company_objectives: Vec<String>,
    /// Milestones of the roadmap, each with a date.
    #[serde(default)]
    pub roadmap: Vec<Milestone>,
}

/// One dated step of the roadmap.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Milestone {
    /// When the milestone is due (YYYY-MM).
    pub date: PartialDate,
    /// What will be true at that date.
    pub milestone: String,
}

/// A span of time: a start, and an end date or `ongoing`.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Period {
    /// When it started (YYYY-MM or YYYY-MM-DD).
    pub start: Option<PartialDate>,
    /// When it ended (YYYY-MM or YYYY-MM-DD), or `ongoing`.
    pub end: Option<PeriodEnd>,
}

/// An achievement with measured outcomes.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Achievement {
    /// A short title that names the result, e.g. "Cut customer onboarding from 21 to 9 days".
    pub title: String,
    /// When the work happened.
    pub period: Option<Period>,
    /// The situation before: the problem or opportunity.
    pub context: Option<String>,
    /// What the candidate personally did; lead with an ownership verb (led, decided, built).
    pub actions: Option<String>,
    /// Measured outcomes: metric, baseline, result and unit.
    #[serde(default)]
    pub outcomes: Vec<Outcome>,
    /// Director dimensions this achievement evidences.
    #[serde(default)]
    pub dimensions: Vec<Dimension>,
    /// Links to evidence: dashboards, documents, announcements.
    #[serde(default)]
    pub evidence: Vec<String>,
    /// People who can confirm the achievement, with their titles.
    #[serde(default)]
    pub attestors: Vec<String>,
}

/// One measured effect of an achievement.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Outcome {
    /// What was measured, e.g. "Qualified leads per quarter".
    pub metric: String,
    /// The value before the work.
    pub baseline: Option<f64>,
    /// The value after the work.
    pub result: Option<f64>,
    /// Unit of baseline and result: "%", "days", "EUR" (or "€", "$", "£"; "kEUR" or "EUR thousands" for figures in thousands), "leads", …
    pub unit: Option<String>,
    /// higher-is-better or lower-is-better: whether a rise is an improvement. Say lower-is-better for a cost, a lead time or an overrun against plan that rose, so it is never shown as an impact.
    pub direction: Option<Direction>,
}

impl Outcome {
    /// Whether the result is better than the baseline, as the outcome's
    /// direction says; `None` when it gives no direction (a change is then
    /// shown as it is, never judged) or lacks a figure.
    pub fn improved(&self) -> Option<bool> {
        let (baseline, result) = (self.baseline?, self.result?);
        Some(match self.direction? {
            Direction::HigherIsBetter => result > baseline,
            Direction::LowerIsBetter => result < baseline,
        })
    }
}

/// Business categories of a KPI: revenue, margin, growth, cost, retention, customer-satisfaction,
/// quality, delivery, people, other.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum KpiCategory {
    Revenue,
    Margin,
    Growth,
    Cost,
    Retention,
    CustomerSatisfaction,
    Quality,
    Delivery,
    People,
    Other,
}

/// Whose result a KPI measures: business-wide or department.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum KpiScope {
    BusinessWide,
    Department,
}

/// Which way is good for a KPI: higher-is-better or lower-is-better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Direction {
    #[default]
    HigherIsBetter,
    LowerIsBetter,
}

/// A key performance indicator the candidate answers for.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Kpi {
    /// Name of the KPI, e.g. "Marketing-sourced revenue".
    pub name: String,
    /// Business category: revenue, margin, growth, cost, retention, customer-satisfaction, quality, delivery, people, other.
    pub category: KpiCategory,
    /// business-wide for results of the whole business, department for the candidate's own area.
    pub scope: KpiScope,
    /// Unit of the values: "%", "EUR" (or "€", "$", "£"; "kEUR" or "EUR thousands" for figures in thousands), "days", "NPS points", …
    pub unit: Option<String>,
    /// higher-is-better (the default) or lower-is-better.
    #[serde(default)]
    pub direction: Direction,
    /// The value at the start of the period.
    pub baseline: Option<f64>,
    /// The value committed to.
    pub target: Option<f64>,
    /// The value reached.
    pub actual: Option<f64>,
    /// The period the target and actual cover.
    pub period: Option<Period>,
    /// Where the numbers come from, e.g. "Finance monthly close".
    pub source: Option<String>,
    /// Context for the reader: what the number includes, or why a target was missed and what changed.
    pub note: Option<String>,
    /// Dated values for a chart, oldest first.
    #[serde(default)]
    pub series: Vec<SeriesPoint>,
}

/// One dated value of a KPI series.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SeriesPoint {
    /// When the value was measured (YYYY-MM).
    pub date: PartialDate,
    /// The value.
    pub value: f64,
}

/// The candidate's part in an initiative: led, co-led, contributed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum InitiativeRole {
    Led,
    CoLed,
    Contributed,
}

/// A cross-functional initiative.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Initiative {
    /// Name of the initiative.
    pub name: String,
    /// Other departments that took part, e.g. [Sales, Finance].
    #[serde(default)]
    pub partner_departments: Vec<String>,
    /// Leaders of those departments the candidate worked with.
    #[serde(default)]
    pub partner_leaders: Vec<Person>,
    /// The candidate's part: led, co-led or contributed.
    pub role: InitiativeRole,
    /// What it achieved, with a number where there is one.
    pub outcome: Option<String>,
    /// When it ran.
    pub period: Option<Period>,
}

/// Team and budget responsibility today.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Scope {
    /// Everyone in the candidate's organisation, direct and indirect.
    pub team_size: Option<u32>,
    /// People reporting to the candidate directly.
    pub direct_reports: Option<u32>,
    /// How many direct reports are managers themselves.
    pub managers_among_reports: Option<u32>,
    /// Names of the teams in the candidate's organisation.
    #[serde(default)]
    pub teams: Vec<String>,
    /// The budget the candidate owns or influences.
    pub budget: Option<Budget>,
    /// The headcount plan for the coming period.
    pub headcount_plan: Option<HeadcountPlan>,
}

/// Whether the candidate owns a budget or only influences it: owned, influenced.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum BudgetOwnership {
    Owned,
    Influenced,
}

/// A budget.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Budget {
    /// The amount, as a plain number: 2400000.
    pub amount: f64,
    /// ISO currency code: EUR, USD, GBP, …
    pub currency: String,
    /// The period it covers, e.g. "FY2025" or "annual".
    pub period: Option<String>,
    /// owned when the candidate decides how it is spent; influenced otherwise.
    pub ownership: BudgetOwnership,
    /// Allocation decisions the candidate made and their results.
    #[serde(default)]
    pub allocation_decisions: Vec<AllocationDecision>,
}

/// A decision about where money or people go.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AllocationDecision {
    /// What was decided, e.g. "Moved 30% of paid-search spend to partner events".
    pub decision: String,
    /// What it led to, with a number.
    pub result: Option<String>,
    /// When (YYYY-MM).
    pub date: Option<PartialDate>,
}

/// Headcount plan.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct HeadcountPlan {
    /// Headcount today.
    pub current: u32,
    /// Headcount planned.
    pub planned: u32,
    /// By when (YYYY-MM).
    pub by: Option<PartialDate>,
    /// Why the organisation needs it.
    pub rationale: Option<String>,
}

/// People the candidate has developed.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PeopleDevelopment {
    /// People promoted under the candidate.
    #[serde(default)]
    pub promoted: Vec<Promotion>,
    /// People the candidate mentored, and what came of it.
    #[serde(default)]
    pub mentored: Vec<Mentee>,
    /// Senior people the candidate hired.
    #[serde(default)]
    pub senior_hires: Vec<Hire>,
}

/// A promotion of someone in the candidate's team.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Promotion {
    /// Who was promoted.
    pub name: String,
    /// Title before.
    pub from: Option<String>,
    /// Title after.
    pub to: String,
    /// When (YYYY-MM).
    pub date: Option<PartialDate>,
}

/// Someone the candidate mentored.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Mentee {
    /// Who.
    pub name: String,
    /// Their role.
    pub role: Option<String>,
    /// What came of it.
    pub outcome: Option<String>,
}

/// A senior hire.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Hire {
    /// Who.
    pub name: String,
    /// The role they were hired into.
    pub role: String,
    /// When (YYYY-MM).
    pub date: Option<PartialDate>,
}

/// A decision taken with imperfect information.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    /// A short name for the decision.
    pub title: String,
    /// When it was taken (YYYY-MM).
    pub date: Option<PartialDate>,
    /// The situation that called for it.
    pub context: Option<String>,
    /// What was not known at the time.
    #[serde(default)]
    pub unknowns: Vec<String>,
    /// The options considered.
    #[serde(default)]
    pub options: Vec<String>,
    /// What the candidate decided, and why.
    pub decision: Option<String>,
    /// What happened as a result.
    pub outcome: Option<String>,
}

/// Where a risk stands: open, mitigated, accepted, closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum RiskStatus {
    Open,
    Mitigated,
    Accepted,
    Closed,
}

/// A risk and its mitigation.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Risk {
    /// The risk, e.g. "Single supplier for 70% of packaging".
    pub risk: String,
    /// Area: operational, financial, compliance, security, people, reputational, …
    pub area: Option<String>,
    /// What the candidate did or will do about it.
    pub mitigation: Option<String>,
    /// open, mitigated, accepted or closed.
    pub status: Option<RiskStatus>,
}

/// A change the candidate led.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ChangeLed {
    /// What changed: a reorganisation, a new process or tool, a market shift.
    pub change: String,
    /// When (YYYY-MM).
    pub date: Option<PartialDate>,
    /// How the team came through it, with a measure where there is one.
    pub outcome: Option<String>,
}

/// Who saw the work: board, executive-team, senior-leadership, other.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum AudienceLevel {
    Board,
    ExecutiveTeam,
    SeniorLeadership,
    Other,
}

/// A presentation or report to senior leadership.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Visibility {
    /// When (YYYY-MM-DD).
    pub date: PartialDate,
    /// Who was in the room, e.g. "Executive committee".
    pub audience: String,
    /// board, executive-team, senior-leadership or other.
    pub level: AudienceLevel,
    /// The subject.
    pub topic: String,
    /// What came of it: a decision, a budget, a follow-up.
    pub outcome: Option<String>,
}

/// Seniority of a sponsor: manager, senior-manager, director, vp, c-level.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Seniority {
    Manager,
    SeniorManager,
    Director,
    Vp,
    CLevel,
}

/// A sponsor or mentor.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Sponsor {
    /// Full name.
    pub name: String,
    /// Job title.
    pub title: String,
    /// Seniority: manager, senior-manager, director, vp or c-level.
    pub level: Seniority,
    /// How they know the candidate's work: "line manager", "mentor since 2023", …
    pub relationship: Option<String>,
    /// What they can attest to, in their words where possible.
    #[serde(default)]
    pub can_attest: Vec<String>,
}

/// Learning towards the target role.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Learning {
    /// What was learned, e.g. "Finance for non-financial managers".
    pub topic: String,
    /// Who provided it.
    pub provider: Option<String>,
    /// When it was completed (YYYY-MM).
    pub date: Option<PartialDate>,
}

/// The succession plan for the role the candidate leaves.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Succession {
    /// Named successors.
    #[serde(default)]
    pub successors: Vec<Successor>,
    /// Who covers the role until a successor is ready.
    pub interim_plan: Option<String>,
}

impl Successor {
    /// Whether this successor is ready by the promotion date the case asks for.
    pub fn ready_by_target(&self, as_of: chrono::NaiveDate, target_date: &PartialDate) -> bool {
        self.readiness.ready_by(as_of) <= target_date.last_day()
    }
}

impl Case {
    /// Whether a named successor is ready by the requested promotion date:
    /// `None` when the case names no successor at all. The proposal's
    /// succession section and the committee pack both ask this.
    pub fn successor_ready_by_target(&self, as_of: chrono::NaiveDate) -> Option<bool> {
        let successors = &self.succession.as_ref()?.successors;
        if successors.is_empty() {
            return None;
        }
        Some(
            successors
                .iter()
                .any(|s| s.ready_by_target(as_of, &self.ask.target_date)),
        )
    }
}

/// A successor for the candidate's current role.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Successor {
    /// Full name.
    pub name: String,
    /// Their role today.
    pub current_role: String,
    /// ready-now, 6-12-months, 1-2-years, or the date they will be ready (YYYY-MM).
    pub readiness: Readiness,
    /// Responsibilities of the current role they would take over.
    #[serde(default)]
    pub covers: Vec<String>,
    /// Development actions that close their gaps, with dates.
    #[serde(default)]
    pub development: Vec<DevelopmentAction>,
}

/// A step in a successor's development.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DevelopmentAction {
    /// What they will do, e.g. "Own the Q3 budget review".
    pub action: String,
    /// By when (YYYY-MM).
    pub by: Option<PartialDate>,
}

/// A rule of `promocase check` the case knowingly does not meet.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Waiver {
    /// The rule id, as `promocase rules` lists it.
    pub rule: String,
    /// Why the rule does not apply; a waiver without one is reported.
    pub reason: Option<String>,
}

/// Look of the rendered documents.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Branding {
    /// Accent colour as a hex code, e.g. "#1F4E79".
    #[schemars(regex(pattern = r"^#[0-9A-Fa-f]{6}$"))]
    #[serde(default, deserialize_with = "hex_colour")]
    pub accent_color: Option<String>,
    /// Path to a PNG, JPEG or SVG logo, relative to the case file.
    pub logo: Option<String>,
    /// Path to your company's own wording of the documents' labels, relative to the case file: a labels file as `promocase labels show LANG` prints it, with only the labels you change.
    pub labels: Option<String>,
}

/// The schema's colour pattern, enforced by the type too, so that a file the
/// types accept is one the schema accepts (the loader relies on it).
fn hex_colour<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<String>, D::Error> {
    let text = String::deserialize(deserializer)?;
    let valid = text.len() == 7
        && text.starts_with('#')
        && text[1..].bytes().all(|b| b.is_ascii_hexdigit());
    if valid {
        Ok(Some(text))
    } else {
        Err(serde::de::Error::custom(format!(
            "\"{text}\" is not a colour like \"#1F4E79\""
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_name_every_top_level_field_once() {
        let schema = serde_json::to_value(schemars::schema_for!(Case)).unwrap_or_default();
        let mut fields: Vec<&str> = schema["properties"]
            .as_object()
            .map(|p| p.keys().map(String::as_str).collect())
            .unwrap_or_default();
        let mut sections = SECTIONS.to_vec();
        fields.sort_unstable();
        sections.sort_unstable();
        assert_eq!(sections, fields);
    }
}
