//! Rubrics: which rules apply at a level, how severe each is, and the numbers
//! they compare against.
//!
//! A rubric is a YAML file ([`RubricFile`]). The three built-in ones live in
//! `rubrics/*.yaml` and are embedded in the binary, so a company can print one
//! (`promocase rubric show director`), edit it and pass it back with
//! `--rubric`. A company file only needs `level:`; every setting it leaves out
//! comes from the built-in rubric of that level, so a short file that changes
//! two severities is enough. Rubric files go through the same loader as cases
//! ([`crate::model::parse_document`]) and get the same located messages.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::{Arc, OnceLock};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::dimension::DimensionId;
use super::registry;
use crate::diagnostic::{Diagnostic, Severity, SourceFile};
use crate::model::{
    DocumentSchema, Level, LoadError, Seniority, Track, parse_document, read_source,
};

/// The text of the built-in rubric of a level, as shipped in `rubrics/`.
pub fn builtin_text(level: Level) -> &'static str {
    match level {
        Level::SeniorManager => include_str!("../../rubrics/senior-manager.yaml"),
        Level::Director => include_str!("../../rubrics/director.yaml"),
        Level::Vp => include_str!("../../rubrics/vp.yaml"),
    }
}

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
}

impl Thresholds {
    /// Fills every setting the file leaves out from `base`.
    fn merged(base: &Thresholds, file: &ThresholdSettings) -> Thresholds {
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
        }
    }

    /// The starting point the built-in files are read on top of. They set
    /// every value themselves (a test checks it); these only keep the types total.
    fn baseline() -> Thresholds {
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
    fn get(&self, dimension: DimensionId) -> Option<u32> {
        match dimension {
            DimensionId::Strategy => self.strategy,
            DimensionId::Leadership => self.leadership,
            DimensionId::BusinessKpis => self.business_kpis,
            DimensionId::Budget => self.budget,
            DimensionId::CrossFunctional => self.cross_functional,
            DimensionId::Visibility => self.visibility,
            DimensionId::Sponsors => self.sponsors,
            DimensionId::Innovation => self.innovation,
            DimensionId::Risk => self.risk,
            DimensionId::Customer => self.customer,
            DimensionId::Ambiguity => self.ambiguity,
            DimensionId::Change => self.change,
            DimensionId::Succession => self.succession,
            DimensionId::Evidence => self.evidence,
            DimensionId::TheAsk => self.the_ask,
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
    severities: BTreeMap<&'static str, Option<Severity>>,
    weights: BTreeMap<DimensionId, u32>,
    pub tracks: HashMap<Track, Vec<TrackRequirement>>,
    pub origin: RubricOrigin,
}

impl Rubric {
    /// The built-in rubric of a level.
    pub fn builtin(level: Level) -> Rubric {
        static BUILTIN: [OnceLock<Rubric>; 3] = [OnceLock::new(), OnceLock::new(), OnceLock::new()];
        let slot = &BUILTIN[Level::ALL.iter().position(|l| *l == level).unwrap_or(0)];
        slot.get_or_init(|| {
            // The embedded files are validated by the test suite (`parse_builtin`), so a
            // process decodes only the level it needs, without the schema pass: a check
            // of one case starts about 1.5 ms sooner.
            serde_yaml::from_str::<RubricFile>(builtin_text(level))
                .map(|file| Self::empty(level).apply(file, RubricOrigin::Builtin))
                .or_else(|_| Self::parse_builtin(level))
                // Embedded at compile time and loaded by the test suite; a failure is a bug.
                .unwrap_or_else(|error| panic!("built-in rubric {}: {error}", level.id()))
        })
        .clone()
    }

    /// Reads the embedded file of a level on top of the code baseline.
    pub fn parse_builtin(level: Level) -> Result<Rubric, LoadError> {
        let source = SourceFile::new(format!("rubrics/{}.yaml", level.id()), builtin_text(level));
        let file = parse_rubric_file(&source)?;
        let base = Self::empty(level);
        Ok(base.apply(file, RubricOrigin::Builtin))
    }

    /// Loads a company rubric file; settings it leaves out come from the built-in rubric of its level.
    pub fn load(path: &Path) -> Result<Rubric, LoadError> {
        let source = read_source(path)?;
        Self::parse(&source)
    }

    /// Parses a company rubric already read.
    pub fn parse(source: &Arc<SourceFile>) -> Result<Rubric, LoadError> {
        let file = parse_rubric_file(source)?;
        let base = Self::builtin(file.level);
        Ok(base.apply(file, RubricOrigin::File(source.name())))
    }

    /// A rubric with every rule off and baseline thresholds: the ground the built-in files stand on.
    fn empty(level: Level) -> Rubric {
        Rubric {
            level,
            name: level.title().to_string(),
            description: String::new(),
            thresholds: Thresholds::baseline(),
            severities: registry::RULES.iter().map(|rule| (rule.id, None)).collect(),
            weights: DimensionId::ALL.into_iter().map(|d| (d, 1)).collect(),
            tracks: HashMap::new(),
            origin: RubricOrigin::Builtin,
        }
    }

    fn apply(mut self, file: RubricFile, origin: RubricOrigin) -> Rubric {
        self.level = file.level;
        if let Some(name) = file.name {
            self.name = name;
        }
        if let Some(description) = file.description {
            self.description = description;
        }
        self.thresholds = Thresholds::merged(&self.thresholds, &file.thresholds);
        for (id, setting) in file.rules {
            // Ids were checked against the registry while parsing.
            if let Some(rule) = registry::find(&id) {
                self.severities.insert(rule.id, setting.severity());
            }
        }
        for dimension in DimensionId::ALL {
            if let Some(weight) = file.weights.get(dimension) {
                self.weights.insert(dimension, weight);
            }
        }
        self.tracks.extend(file.tracks);
        self.origin = origin;
        self
    }

    /// The severity of a rule, or `None` when the rubric turns it off.
    pub fn severity(&self, rule_id: &str) -> Option<Severity> {
        self.severities.get(rule_id).copied().flatten()
    }

    /// The weight of a dimension in the readiness score.
    pub fn weight(&self, dimension: DimensionId) -> u32 {
        self.weights.get(&dimension).copied().unwrap_or(1)
    }
}

/// The rubric format's schema, compiled once.
pub fn rubric_schema() -> &'static DocumentSchema {
    static SCHEMA: OnceLock<DocumentSchema> = OnceLock::new();
    SCHEMA.get_or_init(DocumentSchema::for_type::<RubricFile>)
}

/// Parses a rubric file and checks that every rule it names exists.
fn parse_rubric_file(source: &Arc<SourceFile>) -> Result<RubricFile, LoadError> {
    let loaded = parse_document::<RubricFile>(source, rubric_schema, "rubric")?;
    let mut diagnostics = Vec::new();
    for id in loaded.value.rules.keys() {
        if registry::find(id).is_some() {
            continue;
        }
        let pointer = crate::model::locate::pointer_join("/rules", id);
        let hint = match crate::suggest::closest(id, registry::RULES.iter().map(|r| r.id)) {
            Some(best) => format!("did you mean `{best}`? `promocase rules` lists every rule"),
            None => "`promocase rules` lists every rule".to_string(),
        };
        diagnostics.push(
            Diagnostic::error("unknown-rule", source, format!("there is no rule `{id}`"))
                .at(loaded.locations.primary(&pointer))
                .with_label("not a rule id")
                .with_hint(hint),
        );
    }
    if diagnostics.is_empty() {
        Ok(loaded.value)
    } else {
        Err(LoadError { diagnostics })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fast_builtin_decoding_matches_the_validated_one() {
        for level in Level::ALL {
            let fast = Rubric::builtin(level);
            let validated = Rubric::parse_builtin(level).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(fast.name, validated.name);
            assert_eq!(
                format!("{:?}", fast.thresholds),
                format!("{:?}", validated.thresholds)
            );
            for rule in registry::RULES {
                assert_eq!(
                    fast.severity(rule.id),
                    validated.severity(rule.id),
                    "{}",
                    rule.id
                );
            }
            for dimension in DimensionId::ALL {
                assert_eq!(fast.weight(dimension), validated.weight(dimension));
            }
            assert_eq!(fast.tracks.len(), validated.tracks.len());
        }
    }

    #[test]
    fn builtin_rubrics_load_and_set_everything() {
        for level in Level::ALL {
            let source = SourceFile::new("builtin.yaml", builtin_text(level));
            let file = match parse_rubric_file(&source) {
                Ok(file) => file,
                Err(error) => panic!("{}: {error}", level.id()),
            };
            assert_eq!(file.level, level);
            let thresholds = serde_json::to_value(&file.thresholds).unwrap_or_default();
            let unset: Vec<&String> = thresholds
                .as_object()
                .map(|o| {
                    o.iter()
                        .filter(|(_, v)| v.is_null())
                        .map(|(k, _)| k)
                        .collect()
                })
                .unwrap_or_default();
            assert!(
                unset.is_empty(),
                "{} leaves thresholds unset: {unset:?}",
                level.id()
            );
            let missing: Vec<&str> = registry::RULES
                .iter()
                .map(|r| r.id)
                .filter(|id| !file.rules.contains_key(*id))
                .collect();
            assert!(
                missing.is_empty(),
                "{} does not list rules {missing:?}",
                level.id()
            );
            for dimension in DimensionId::ALL {
                assert!(
                    file.weights.get(dimension).is_some(),
                    "{} has no weight for {dimension}",
                    level.id()
                );
            }
        }
    }

    #[test]
    fn company_file_overrides_only_what_it_sets() {
        let source = SourceFile::new(
            "ours.yaml",
            "level: director\nname: Head of\nthresholds:\n  stale_after_months: 36\nrules:\n  weak-verb: off\n",
        );
        let rubric = Rubric::parse(&source).unwrap_or_else(|e| panic!("{e}"));
        let builtin = Rubric::builtin(Level::Director);
        assert_eq!(rubric.name, "Head of");
        assert_eq!(rubric.thresholds.stale_after_months, 36);
        assert_eq!(rubric.severity("weak-verb"), None);
        assert_eq!(
            rubric.severity("succession-missing"),
            builtin.severity("succession-missing")
        );
        assert_eq!(
            rubric.thresholds.min_partner_departments,
            builtin.thresholds.min_partner_departments
        );
    }

    #[test]
    fn unknown_rule_ids_are_located_with_a_suggestion() {
        let source = SourceFile::new("ours.yaml", "level: director\nrules:\n  weak-verbs: off\n");
        let error = Rubric::parse(&source).err().map(|e| e.diagnostics);
        let diagnostics = error.unwrap_or_default();
        assert_eq!(diagnostics.len(), 1);
        assert_eq!(diagnostics[0].position(), "ours.yaml:3:3");
        assert!(
            diagnostics[0]
                .hint
                .as_deref()
                .unwrap_or("")
                .contains("`weak-verb`")
        );
    }
}
