//! The director-criteria lint behind `promocase check`: rules, rubrics,
//! findings and the readiness report.
//!
//! How the parts connect, each layer using only those before it:
//! - [`config`]: a rubric as data (severities, thresholds, weights, tracks);
//! - [`context`]: what a rule sees (case, rubric, KPI statuses) and the
//!   [`context::Emitter`] it reports through;
//! - [`rule`]: the shape of a rule; each rule is one file under [`rules`],
//!   whose `registry!` lists them all ([`RULES`]);
//! - [`load`]: built-in `rubrics/*.yaml` and company files, their rule ids
//!   checked against the registry;
//! - [`choice`]: which rubric judges a case (`--rubric`, `--level`, the
//!   company file beside it, its own level), decided once for every command;
//! - [`evidence`] gathers what evidences each dimension
//!   ([`crate::model::Dimension`]), and [`report`] grades and scores it;
//! - [`sarif`] and [`github`] turn reports into those output formats;
//! - [`diff`] compares the reports of two versions of a case.
//!
//! The entry point is [`check_case`]:
//!
//! ```no_run
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use promocase::model::load_case;
//! use promocase::rubric::{Rubric, check_case};
//! let today = chrono::Local::now().date_naive();
//! let case = load_case("examples/marketing-director.yaml".as_ref(), today)?;
//! let report = check_case(&case, &Rubric::for_case(&case, None));
//! println!("{}", report.readiness.score);
//! # Ok(()) }
//! ```

pub mod choice;
pub mod config;
pub mod context;
pub mod diff;
pub mod docs;
pub mod evidence;
pub mod finding;
pub mod github;
pub mod load;
pub mod report;
pub mod rule;
pub mod rules;
pub mod sarif;

use std::collections::BTreeMap;
use std::sync::Arc;

pub use choice::{RubricChoice, RubricFailure, RubricRequest, RubricResolver};
pub use config::{Rubric, RubricFile};
pub use finding::Finding;
pub use report::{Readiness, Report};
pub use rule::Rule;
pub use rules::RULES;

use crate::locale::Locale;
use crate::model::{Dimension, Level, LoadedCase};
use context::{CheckContext, Emitter};
use report::WaiverReport;

impl Rubric {
    /// The built-in rubric for the case's target level, or for `level` when given.
    pub fn for_case(case: &LoadedCase, level: Option<Level>) -> Rubric {
        Rubric::builtin(level.unwrap_or(case.case.candidate.target_level))
    }
}

/// One gap, one finding: a track's requirement that a rule of its own
/// already reports at the same place (no `changes_led`: `change-missing`)
/// is folded into that finding. The track's reason joins its hint, and the
/// higher severity stays. A requirement no other rule reports stands alone.
fn fold_track_findings(findings: &mut Vec<Finding>) {
    const TRACK: &str = "track-evidence-missing";
    let mut index = 0;
    while index < findings.len() {
        let same_place = (findings[index].rule == TRACK)
            .then(|| {
                findings
                    .iter()
                    .position(|f| f.rule != TRACK && f.pointer == findings[index].pointer)
            })
            .flatten();
        let Some(other) = same_place else {
            index += 1;
            continue;
        };
        let track = findings.remove(index);
        let kept = &mut findings[if other > index { other - 1 } else { other }];
        kept.severity = kept.severity.max(track.severity);
        // The rubric's reason for the requirement, in the rubric's words.
        let why = track.reason.as_deref().unwrap_or(&track.message).trim();
        kept.hint = format!("{}. {why}", kept.hint.trim_end_matches('.'));
    }
}

/// Rules that judge the waivers themselves, and so cannot be waived.
pub const UNWAIVABLE: [&str; 2] = ["waiver-no-reason", "waiver-unknown-rule"];

/// Checks a case against a rubric: every enabled rule, the case's waivers,
/// and the readiness report. The findings speak the case's language.
pub fn check_case(loaded: &LoadedCase, rubric: &Rubric) -> Report {
    let tag = crate::locale::language_of(None, loaded.case.language.as_ref());
    check_case_in(loaded, rubric, crate::locale::shared(&tag))
}

/// [`check_case`] with the findings in `locale`'s language (`--lang`).
pub fn check_case_in(loaded: &LoadedCase, rubric: &Rubric, locale: Arc<Locale>) -> Report {
    let context = CheckContext::new(loaded, rubric, &locale);
    let mut findings = Vec::new();
    for rule in RULES.iter().copied() {
        let Some(severity) = rubric.severity(rule.id) else {
            continue;
        };
        let mut emitter = Emitter::new(rule.id, rule.dimension, rule.texts, severity, &context);
        (rule.check)(&context, &mut emitter);
        findings.append(&mut emitter.findings);
    }

    // A waiver applies when it names a known rule and gives a reason.
    let mut waivers = Vec::new();
    let mut applied: BTreeMap<&str, usize> = BTreeMap::new();
    for waiver in &loaded.case.waivers {
        let has_reason = waiver
            .reason
            .as_deref()
            .is_some_and(|r| !r.trim().is_empty());
        let rule = rules::find(&waiver.rule).filter(|r| !UNWAIVABLE.contains(&r.id));
        let applies = has_reason && rule.is_some();
        if let (true, Some(rule)) = (applies, rule) {
            applied.entry(rule.id).or_insert(0);
        }
        waivers.push(WaiverReport {
            rule: waiver.rule.clone(),
            reason: waiver.reason.clone(),
            applied: applies,
            waived_findings: 0,
        });
    }
    findings.retain(|finding| match applied.get_mut(finding.rule) {
        Some(count) => {
            *count += 1;
            false
        }
        None => true,
    });
    fold_track_findings(&mut findings);
    for waiver in &mut waivers {
        if waiver.applied {
            waiver.waived_findings = applied.get(waiver.rule.as_str()).copied().unwrap_or(0);
        }
    }
    findings.sort_by(|a, b| {
        let position = |f: &Finding| f.location.as_ref().map_or((0, 0), |l| (l.line, l.column));
        position(a)
            .cmp(&position(b))
            .then(b.severity.cmp(&a.severity))
            .then(a.rule.cmp(b.rule))
    });

    let evidence: Vec<_> = Dimension::ALL
        .into_iter()
        .map(|d| (d, evidence::items(&context, d)))
        .collect();
    let readiness = report::readiness(
        &evidence,
        &findings,
        |d| rubric.weight(d),
        rubric.level,
        context.level_name().to_string(),
        &locale,
    );
    Report {
        file: loaded.source.name(),
        rubric: match &rubric.origin {
            config::RubricOrigin::Builtin => "builtin".to_string(),
            config::RubricOrigin::File(path) => path.clone(),
        },
        builtin_rubric: matches!(rubric.origin, config::RubricOrigin::Builtin),
        readiness,
        findings,
        waivers,
        kpi_statuses: context.kpi_statuses.clone(),
        source: loaded.source.clone(),
        locale: Arc::clone(&locale),
    }
}
