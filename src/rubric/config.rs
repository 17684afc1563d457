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

/// Declares every threshold once: its documentation, what a file may write
/// (the attributes in brackets apply to the file's field only) and the
/// baseline the built-in files are read on top of. From the one table come
/// [`ThresholdSettings`] (a file's, each optional), [`Thresholds`] (a
/// rubric's, each set), the merge of the two and the baseline.
macro_rules! thresholds {
    ($(
        $(#[doc = $doc:literal])*
        $([$file_only:meta])*
        $name:ident: $ty:ty = $baseline:expr,
    )*) => {
        /// Numbers and word lists the rules compare against. Each is optional in a company file.
        #[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
        #[serde(deny_unknown_fields)]
        pub struct ThresholdSettings {
            $($(#[doc = $doc])* $(#[$file_only])* pub $name: Option<$ty>,)*
        }

        /// The thresholds of a rubric, every one set.
        #[derive(Debug, Clone, PartialEq, Serialize)]
        pub struct Thresholds {
            $($(#[doc = $doc])* pub $name: $ty,)*
        }

        impl Thresholds {
            /// Fills every setting the file leaves out from `base`.
            pub(super) fn merged(base: &Thresholds, file: &ThresholdSettings) -> Thresholds {
                Thresholds {
                    $($name: file.$name.clone().unwrap_or_else(|| base.$name.clone()),)*
                }
            }

            /// The starting point the built-in files are read on top of. They set
            /// every value themselves (a test checks it); these only keep the types total.
            pub(super) fn baseline() -> Thresholds {
                Thresholds {
                    $($name: $baseline,)*
                }
            }
        }
    };
}

thresholds! {
    /// Shortest vision horizon, in months, that counts as strategy at this level.
    strategy_min_horizon_months: u32 = 12,
    /// How many company objectives the vision must name.
    min_company_objectives: u32 = 1,
    /// How many direct reports must be managers themselves.
    min_managers_among_reports: u32 = 1,
    /// How many people-development outcomes (promotions, mentees, senior hires) the case must show.
    min_development_outcomes: u32 = 1,
    /// How many business-wide KPIs the case must show.
    min_business_wide_kpis: u32 = 1,
    /// How many distinct other departments the initiatives must involve.
    min_partner_departments: u32 = 2,
    /// How many initiatives the candidate must have led (co-led counts).
    min_led_initiatives: u32 = 1,
    /// Executive or board visibility counts when it is at most this many months before `as_of`.
    visibility_window_months: u32 = 12,
    /// How many executive or board items the window must hold.
    min_visibility_items: u32 = 1,
    /// The lowest seniority a sponsor may have: manager, senior-manager, director, vp or c-level.
    sponsor_min_level: Seniority = Seniority::Director,
    /// Evidence that ended more than this many months before `as_of` is stale.
    stale_after_months: u32 = 24,
    /// How many options a decision record must list.
    min_decision_options: u32 = 2,
    /// A KPI missing its target by at most this many percent of the target still counts as met (0 to 100).
    [schemars(range(min = 0, max = 100))]
    [serde(default, deserialize_with = "tolerance_percent")]
    kpi_miss_tolerance_percent: f64 = 0.0,
    /// The largest value a percentage may take (growth KPIs are exempt); at least 1.
    [schemars(range(min = 1))]
    [serde(default, deserialize_with = "percent_cap")]
    percent_max: f64 = 100.0,
    /// Verbs that hide ownership ("helped", "was involved in").
    weak_verbs: Vec<String> = Vec::new(),
    /// Quantities without a number ("many", "significant").
    vague_words: Vec<String> = Vec::new(),
    /// Phrases by which `why_now` argues from the candidate rather than the business ("I deserve", "my time", "years in the role").
    candidate_centred_phrases: Vec<String> = Vec::new(),
    /// Phrases that ask for resources for the candidate's own team ("more budget", "more headcount").
    resource_request_phrases: Vec<String> = Vec::new(),
    /// Words that name a business result, so a request for resources that names one is a business case ("revenue", "customers", "cost").
    business_outcome_words: Vec<String> = Vec::new(),
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

/// Declares the weight setting of every dimension once: the file's field
/// (kebab-case in YAML, with the dimension's documentation) and the
/// dimension it weighs.
macro_rules! weights {
    ($($(#[doc = $doc:literal])* $field:ident => $dimension:ident,)*) => {
        /// Weight of each dimension in the readiness score; each optional in a company file.
        #[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
        #[serde(deny_unknown_fields, rename_all = "kebab-case")]
        pub struct WeightSettings {
            $($(#[doc = $doc])* pub $field: Option<u32>,)*
        }

        impl WeightSettings {
            pub(super) fn get(&self, dimension: Dimension) -> Option<u32> {
                match dimension {
                    $(Dimension::$dimension => self.$field,)*
                }
            }
        }
    };
}

weights! {
    /// Strategic planning and vision.
    strategy => Strategy,
    /// Leading managers, developing people.
    leadership => Leadership,
    /// Business-level results.
    business_kpis => BusinessKpis,
    /// Budget and resource allocation.
    budget => Budget,
    /// Influence across departments.
    cross_functional => CrossFunctional,
    /// Executive visibility.
    visibility => Visibility,
    /// Sponsors among decision-makers.
    sponsors => Sponsors,
    /// Innovation and process improvement.
    innovation => Innovation,
    /// Risk and compliance.
    risk => Risk,
    /// Customer focus.
    customer => Customer,
    /// Decisions under ambiguity.
    ambiguity => Ambiguity,
    /// Leading through change.
    change => Change,
    /// Succession plan.
    succession => Succession,
    /// Quality of the evidence.
    evidence => Evidence,
    /// The proposal itself.
    the_ask => TheAsk,
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
