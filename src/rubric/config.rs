//! Rubrics as data: which rules apply at a level, how severe each is, and the
//! numbers they compare against. This module knows no rule; [`super::load`]
//! reads the files and checks their rule ids against the registry.
//!
//! A rubric is a YAML file ([`RubricFile`]). The three built-in ones live in
//! `rubrics/*.yaml` and are embedded in the binary, so a company can print one
//! (`promocase rubric show director`), edit it and pass it back with
//! `--rubric`. A company file only needs `level:`; every setting it leaves out
//! comes from the built-in rubric of that level, so a short file that changes
//! two severities is enough. Rubric files go through the same loader as cases
//! ([`crate::model::parse_document`]) and get the same located messages.

use std::collections::{BTreeMap, HashMap};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::diagnostic::Severity;
use crate::model::{Dimension, Level, Seniority, Track};

/// A rubric as written in a YAML file: a company's ladder for one level.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RubricFile {
    /// The level this rubric judges: senior-manager, director or vp. Anything the file leaves out is taken from the built-in rubric of this level.
    pub level: Level,
    /// The company's own name for the level, e.g. "Head of Department"; reports show it.
    pub name: Option<String>,
    /// What the rubric is for, in a sentence or two.
    pub description: Option<String>,
    /// The numbers the rules compare against.
    #[serde(default)]
    pub thresholds: ThresholdSettings,
    /// How serious each rule is at this level: error, warning, info, or off to disable it. Keys are rule ids as `promocase rules` lists them.
    #[serde(default)]
    pub rules: BTreeMap<String, RuleSetting>,
    /// How much each dimension counts in the readiness score (0 leaves it out).
    #[serde(default)]
    pub weights: WeightSettings,
    /// Extra evidence a track must show, e.g. marketing must show a budget allocation decision. A track listed here replaces the built-in list for that track.
    #[serde(default)]
    pub tracks: HashMap<Track, Vec<TrackRequirement>>,
}

/// How serious a rule is at a level, or `off`: error, warning, info, off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum RuleSetting {
    Error,
    Warning,
    Info,
    Off,
}

impl RuleSetting {
    pub fn severity(self) -> Option<Severity> {
        match self {
            RuleSetting::Error => Some(Severity::Error),
            RuleSetting::Warning => Some(Severity::Warning),
            RuleSetting::Info => Some(Severity::Info),
            RuleSetting::Off => None,
        }
    }
}

/// Numbers and word lists the rules compare against. Each is optional in a company file.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ThresholdSettings {
    /// Shortest vision horizon, in months, that counts as strategy at this level.
    pub strategy_min_horizon_months: Option<u32>,
    /// How many company objectives the vision must name.
    pub min_company_objectives: Option<u32>,
    /// How many direct reports must be managers themselves.
    pub min_managers_among_reports: Option<u32>,
    /// How many people-development outcomes (promotions, mentees, senior hires) the case must show.
    pub min_development_outcomes: Option<u32>,
    /// How many business-wide KPIs the case must show.
    pub min_business_wide_kpis: Option<u32>,
    /// How many distinct other departments the initiatives must involve.
    pub min_partner_departments: Option<u32>,
    /// How many initiatives the candidate must have led (co-led counts).
    pub min_led_initiatives: Option<u32>,
    /// Executive or board visibility counts when it is at most this many months before `as_of`.
    pub visibility_window_months: Option<u32>,
    /// How many executive or board items the window must hold.
    pub min_visibility_items: Option<u32>,
    /// The lowest seniority a sponsor may have: manager, senior-manager, director, vp or c-level.
    pub sponsor_min_level: Option<Seniority>,
    /// Evidence that ended more than this many months before `as_of` is stale.
    pub stale_after_months: Option<u32>,
    /// How many options a decision record must list.
    pub min_decision_options: Option<u32>,
    /// A KPI missing its target by at most this many percent of the target still counts as met (0 to 100).
    #[schemars(range(min = 0, max = 100))]
    #[serde(default, deserialize_with = "tolerance_percent")]
    pub kpi_miss_tolerance_percent: Option<f64>,
    /// The largest value a percentage may take (growth KPIs are exempt); at least 1.
    #[schemars(range(min = 1))]
    #[serde(default, deserialize_with = "percent_cap")]
    pub percent_max: Option<f64>,
    /// Verbs that hide ownership ("helped", "was involved in").
    pub weak_verbs: Option<Vec<String>>,
    /// Quantities without a number ("many", "significant").
    pub vague_words: Option<Vec<String>>,
    /// Phrases by which `why_now` argues from the candidate rather than the business ("I deserve", "my time", "years in the role").
    pub candidate_centred_phrases: Option<Vec<String>>,
    /// Phrases that ask for resources for the candidate's own team ("more budget", "more headcount").
    pub resource_request_phrases: Option<Vec<String>>,
    /// Words that name a business result, so a request for resources that names one is a business case ("revenue", "customers", "cost").
    pub business_outcome_words: Option<Vec<String>>,
}

/// The schema's ranges, enforced by the types too: the loader trusts a file
/// that decodes, so a value outside them must fail to decode.
fn percent_in<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
    range: std::ops::RangeInclusive<f64>,
) -> Result<Option<f64>, D::Error> {
    let value = f64::deserialize(deserializer)?;
    if range.contains(&value) {
        Ok(Some(value))
    } else {
        Err(serde::de::Error::custom(format!(
            "{value} is outside {} to {}",
            range.start(),
            range.end()
        )))
    }
}

fn tolerance_percent<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    percent_in(d, 0.0..=100.0)
}

fn percent_cap<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    percent_in(d, 1.0..=f64::MAX)
}

/// The thresholds of a rubric, every one set.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Thresholds {
    pub strategy_min_horizon_months: u32,
    pub min_company_objectives: u32,
    pub min_managers_among_reports: u32,
    pub min_development_outcomes: u32,
    pub min_business_wide_kpis: u32,
    pub min_partner_departments: u32,
    pub min_led_initiatives: u32,
    pub visibility_window_months: u32,
    pub min_visibility_items: u32,
    pub sponsor_min_level: Seniority,
    pub stale_after_months: u32,
    pub min_decision_options: u32,
    pub kpi_miss_tolerance_percent: f64,
    pub percent_max: f64,
    pub weak_verbs: Vec<String>,
    pub vague_words: Vec<String>,
    pub candidate_centred_phrases: Vec<String>,
    pub resource_request_phrases: Vec<String>,
    pub business_outcome_words: Vec<String>,
}

impl Thresholds {
    /// Fills every setting the file leaves out from `base`.
    pub(super) fn merged(base: &Thresholds, file: &ThresholdSettings) -> Thresholds {
        Thresholds {
            strategy_min_horizon_months: file
                .strategy_min_horizon_months
                .unwrap_or(base.strategy_min_horizon_months),
            min_company_objectives: file
                .min_company_objectives
                .unwrap_or(base.min_company_objectives),
            min_managers_among_reports: file
                .min_managers_among_reports
                .unwrap_or(base.min_managers_among_reports),
            min_development_outcomes: file
                .min_development_outcomes
                .unwrap_or(base.min_development_outcomes),
            min_business_wide_kpis: file
                .min_business_wide_kpis
                .unwrap_or(base.min_business_wide_kpis),
            min_partner_departments: file
                .min_partner_departments
                .unwrap_or(base.min_partner_departments),
            min_led_initiatives: file.min_led_initiatives.unwrap_or(base.min_led_initiatives),
            visibility_window_months: file
                .visibility_window_months
                .unwrap_or(base.visibility_window_months),
            min_visibility_items: file
                .min_visibility_items
                .unwrap_or(base.min_visibility_items),
            sponsor_min_level: file.sponsor_min_level.unwrap_or(base.sponsor_min_level),
            stale_after_months: file.stale_after_months.unwrap_or(base.stale_after_months),
            min_decision_options: file
                .min_decision_options
                .unwrap_or(base.min_decision_options),
            kpi_miss_tolerance_percent: file
                .kpi_miss_tolerance_percent
                .unwrap_or(base.kpi_miss_tolerance_percent),
            percent_max: file.percent_max.unwrap_or(base.percent_max),
            weak_verbs: file
                .weak_verbs
                .clone()
                .unwrap_or_else(|| base.weak_verbs.clone()),
            vague_words: file
                .vague_words
                .clone()
                .unwrap_or_else(|| base.vague_words.clone()),
            candidate_centred_phrases: file
                .candidate_centred_phrases
                .clone()
                .unwrap_or_else(|| base.candidate_centred_phrases.clone()),
            resource_request_phrases: file
                .resource_request_phrases
                .clone()
                .unwrap_or_else(|| base.resource_request_phrases.clone()),
            business_outcome_words: file
                .business_outcome_words
                .clone()
                .unwrap_or_else(|| base.business_outcome_words.clone()),
        }
    }

    /// The starting point the built-in files are read on top of. They set
    /// every value themselves (a test checks it); these only keep the types total.
    pub(super) fn baseline() -> Thresholds {
        Thresholds {
            strategy_min_horizon_months: 12,
            min_company_objectives: 1,
            min_managers_among_reports: 1,
            min_development_outcomes: 1,
            min_business_wide_kpis: 1,
            min_partner_departments: 2,
            min_led_initiatives: 1,
            visibility_window_months: 12,
            min_visibility_items: 1,
            sponsor_min_level: Seniority::Director,
            stale_after_months: 24,
            min_decision_options: 2,
            kpi_miss_tolerance_percent: 0.0,
            percent_max: 100.0,
            weak_verbs: Vec::new(),
            vague_words: Vec::new(),
            candidate_centred_phrases: Vec::new(),
            resource_request_phrases: Vec::new(),
            business_outcome_words: Vec::new(),
        }
    }
}

/// Weight of each dimension in the readiness score; each optional in a company file.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct WeightSettings {
    /// Strategic planning and vision.
    pub strategy: Option<u32>,
    /// Leading managers, developing people.
    pub leadership: Option<u32>,
    /// Business-level results.
    pub business_kpis: Option<u32>,
    /// Budget and resource allocation.
    pub budget: Option<u32>,
    /// Influence across departments.
    pub cross_functional: Option<u32>,
    /// Executive visibility.
    pub visibility: Option<u32>,
    /// Sponsors among decision-makers.
    pub sponsors: Option<u32>,
    /// Innovation and process improvement.
    pub innovation: Option<u32>,
    /// Risk and compliance.
    pub risk: Option<u32>,
    /// Customer focus.
    pub customer: Option<u32>,
    /// Decisions under ambiguity.
    pub ambiguity: Option<u32>,
    /// Leading through change.
    pub change: Option<u32>,
    /// Succession plan.
    pub succession: Option<u32>,
    /// Quality of the evidence.
    pub evidence: Option<u32>,
    /// The proposal itself.
    pub the_ask: Option<u32>,
}

impl WeightSettings {
    pub(super) fn get(&self, dimension: Dimension) -> Option<u32> {
        match dimension {
            Dimension::Strategy => self.strategy,
            Dimension::Leadership => self.leadership,
            Dimension::BusinessKpis => self.business_kpis,
            Dimension::Budget => self.budget,
            Dimension::CrossFunctional => self.cross_functional,
            Dimension::Visibility => self.visibility,
            Dimension::Sponsors => self.sponsors,
            Dimension::Innovation => self.innovation,
            Dimension::Risk => self.risk,
            Dimension::Customer => self.customer,
            Dimension::Ambiguity => self.ambiguity,
            Dimension::Change => self.change,
            Dimension::Succession => self.succession,
            Dimension::Evidence => self.evidence,
            Dimension::TheAsk => self.the_ask,
        }
    }
}

/// Kinds of evidence a track can require: budget-allocation-decision, headcount-plan,
/// decision-record, board-presentation, senior-hire, change-led, revenue-kpi, margin-kpi, cost-kpi,
/// customer-kpi, quality-kpi, delivery-kpi, people-kpi, compliance-risk, security-risk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum EvidenceKind {
    BudgetAllocationDecision,
    HeadcountPlan,
    DecisionRecord,
    BoardPresentation,
    SeniorHire,
    ChangeLed,
    RevenueKpi,
    MarginKpi,
    CostKpi,
    CustomerKpi,
    QualityKpi,
    DeliveryKpi,
    PeopleKpi,
    ComplianceRisk,
    SecurityRisk,
}

/// Evidence a track must show, and why.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TrackRequirement {
    /// What must be in the case: budget-allocation-decision, headcount-plan, decision-record, board-presentation, senior-hire, change-led, revenue-kpi, margin-kpi, cost-kpi, customer-kpi, quality-kpi, delivery-kpi, people-kpi, compliance-risk, security-risk.
    pub evidence: EvidenceKind,
    /// Why this track needs it, in a sentence the manager reads in the finding.
    pub why: String,
}

/// Where a rubric came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RubricOrigin {
    /// Embedded in the binary.
    Builtin,
    /// Read from this file.
    File(String),
}

/// A rubric ready to check cases with: every rule, threshold and weight set.
#[derive(Debug, Clone)]
pub struct Rubric {
    pub level: Level,
    /// The name of the level in reports: the company's, or the built-in title.
    pub name: String,
    pub description: String,
    pub thresholds: Thresholds,
    /// Every registered rule's id with its severity here, `None` when off.
    pub(super) severities: BTreeMap<&'static str, Option<Severity>>,
    pub(super) weights: BTreeMap<Dimension, u32>,
    pub tracks: HashMap<Track, Vec<TrackRequirement>>,
    pub origin: RubricOrigin,
}

impl Rubric {
    /// The severity of a rule, or `None` when the rubric turns it off.
    pub fn severity(&self, rule_id: &str) -> Option<Severity> {
        self.severities.get(rule_id).copied().flatten()
    }

    /// Whether `id` names a rule (every registered rule is in a rubric, on or off).
    pub fn knows_rule(&self, id: &str) -> bool {
        self.severities.contains_key(id)
    }

    /// The id of every rule.
    pub fn rule_ids(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.severities.keys().copied()
    }

    /// The weight of a dimension in the readiness score.
    pub fn weight(&self, dimension: Dimension) -> u32 {
        self.weights.get(&dimension).copied().unwrap_or(1)
    }
}
