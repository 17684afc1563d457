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

use std::sync::Arc;

use chrono::NaiveDate;

use super::chart;
use super::templates::TemplateKind;
use crate::format;
use crate::locale::Locale;
use crate::model::*;
pub use views::*;

/// Everything besides the case that shapes a document.
#[derive(Debug, Clone)]
pub struct DocumentOptions {
    /// Print a DRAFT watermark on every page.
    pub draft: bool,
    /// The `check` report: KPI statuses and the readiness matrix of the appendix.
    pub report: crate::rubric::Report,
    /// The virtual path the logo is served at, when the case has one.
    pub logo: Option<String>,
    /// The language the documents are written in, with its wording.
    pub locale: Arc<Locale>,
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
    let impacts = impacts::top_impacts(&options.locale, &loaded.case, &options.report.kpi_statuses);
    let (_, shortened) = brief::view(&options.locale, &loaded.case, &impacts);
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
    let l: &'a Locale = &options.locale;
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
            kpi_view(l, kpi, status)
        })
        .collect();
    let achievements: Vec<AchievementView> = case
        .achievements
        .iter()
        .map(|a| achievement_view(l, a))
        .collect();
    let target_last_day = case.ask.target_date.last_day();
    let accent = case
        .branding
        .as_ref()
        .and_then(|b| b.accent_color.clone())
        .filter(|a| is_hex_colour(a))
        .unwrap_or_else(|| DEFAULT_ACCENT.to_string());
    let count = |status: KpiStatus| kpis.iter().filter(|k| k.status.id == status.id()).count();
    let impacts = impacts::top_impacts(l, case, statuses);
    let kind_title = l.text(&format!("document.{}", kind.id()), &[]);
    TemplateData {
        meta: Meta {
            generator: format!("promocase {}", env!("CARGO_PKG_VERSION")),
            template: kind.id(),
            draft: options.draft,
            title: l.text(
                "document.title",
                &[
                    ("document", &kind_title),
                    ("name", &c.name),
                    ("title", &c.target_title),
                ],
            ),
            subject: l.text(
                "document.subject",
                &[
                    ("name", &c.name),
                    ("current", &c.current_title),
                    ("target", &c.target_title),
                    ("company", &c.company),
                ],
            ),
            author: c.name.clone(),
            keywords: vec![
                l.text("document.keyword", &[]),
                c.target_title.clone(),
                level_named(l, &options.report, c.target_level)
                    .label
                    .to_string(),
                l.label(c.track).label.to_string(),
                c.company.clone(),
            ],
            as_of: as_of.to_string(),
            as_of_text: format::long_date(l, as_of),
            accent,
            logo: options.logo.clone(),
            lang: l.tag.language.code,
            region: l.tag.region.clone(),
            dir: l.direction(),
            paper: l.paper(),
        },
        labels: l.template_texts(),
        case,
        candidate: CandidateView {
            name: c.name.clone(),
            current_title: c.current_title.clone(),
            target_title: c.target_title.clone(),
            level: level_named(l, &options.report, c.target_level),
            track: l.label(c.track),
            company: c.company.clone(),
            department: non_empty(&c.department),
            years_in_management_text: c.years_in_management.map(|y| l.count("time.years", y, &[])),
            joined_text: c.joined_company.as_ref().map(|d| format::short_date(l, d)),
            audience_name: c.audience.as_ref().map(|a| a.name.clone()),
            audience_title: c.audience.as_ref().and_then(|a| a.title.clone()),
        },
        ask: AskView {
            sentence: ask_sentence(l, &case.ask, &c.name, &c.target_title),
            target_date_text: format::short_date(l, &case.ask.target_date),
            target_date_in_text: format::date_in_text(l, &case.ask.target_date),
            months_to_target: months_between(as_of, case.ask.target_date.first_day()),
            why_now: non_empty(&case.ask.why_now),
            support_requested: case.ask.support_requested.clone(),
            problems_to_solve: case.ask.problems_to_solve.clone(),
            role_exists: case.ask.role_exists,
        },
        vision: case.vision.as_ref().map(|v| VisionView {
            statement: v.statement.clone(),
            horizon_text: v
                .horizon_months
                .map(|m| l.count("time.months", f64::from(m), &[])),
            company_objectives: v.company_objectives.clone(),
            roadmap: v
                .roadmap
                .iter()
                .map(|m| DatedText {
                    date_text: Some(format::short_date(l, &m.date)),
                    text: m.milestone.clone(),
                })
                .collect(),
        }),
        kpi_summary: kpi_summary(
            l,
            kpis.len(),
            count(KpiStatus::Met),
            count(KpiStatus::WithinTolerance),
            count(KpiStatus::Missed),
            count(KpiStatus::Incomplete),
            kpis.iter().filter(|k| k.business_wide).count(),
        ),
        talk: TalkView {
            missed_many: l.count(
                "talk.objection.missed",
                count(KpiStatus::Missed) as f64,
                &[],
            ),
            more_missed: l.count(
                "talk.more-in-proposal",
                count(KpiStatus::Missed).saturating_sub(3) as f64,
                &[],
            ),
        },
        brief: brief::view(l, case, &impacts).0,
        impacts,
        achievement_groups: groups::by_dimension(l, case, &achievements),
        achievements,
        kpis,
        initiatives: case
            .initiatives
            .iter()
            .map(|i| InitiativeView {
                name: i.name.clone(),
                role: l.label(i.role),
                partner_departments: i.partner_departments.clone(),
                partners_beyond_name: partners_beyond_name(&i.name, &i.partner_departments),
                partner_leaders: i
                    .partner_leaders
                    .iter()
                    .map(|p| person_text(l, p))
                    .collect(),
                outcome: non_empty(&i.outcome),
                period_text: i.period.as_ref().and_then(|p| format::period(l, p)),
            })
            .collect(),
        scope: case.scope.as_ref().map(|s| scope_view(l, s)),
        people: case
            .people_development
            .as_ref()
            .and_then(|p| people_view(l, p)),
        decisions: case
            .decisions
            .iter()
            .map(|d| DecisionView {
                title: d.title.clone(),
                date_text: d.date.as_ref().map(|d| format::short_date(l, d)),
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
                status: r.status.map(|s| l.label(s)),
            })
            .collect(),
        changes: case
            .changes_led
            .iter()
            .map(|c| ChangeView {
                change: c.change.clone(),
                date_text: c.date.as_ref().map(|d| format::short_date(l, d)),
                outcome: non_empty(&c.outcome),
            })
            .collect(),
        visibility: case
            .visibility
            .iter()
            .map(|v| VisibilityView {
                date_text: format::short_date(l, &v.date),
                audience: v.audience.clone(),
                level: l.label(v.level),
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
                level: l.label(s.level),
                relationship: non_empty(&s.relationship),
                can_attest: s.can_attest.clone(),
            })
            .collect(),
        learning: case
            .learning
            .iter()
            .map(|learning| LearningView {
                topic: learning.topic.clone(),
                provider: non_empty(&learning.provider),
                date_text: learning.date.as_ref().map(|d| format::short_date(l, d)),
            })
            .collect(),
        succession: case
            .succession
            .as_ref()
            .and_then(|s| succession::view(l, s, as_of, target_last_day, &case.ask.target_date)),
        report: report_view(l, loaded, &options.report),
    }
}

/// The ask in one sentence, as every document prints it: "Promote {name}
/// to {title} by {date}.", or "Create the role of {title} and appoint
/// {name} …" when the role does not exist yet. The brief and the committee
/// pack pass their own forms of the name and the title (cut, anonymised).
pub fn ask_sentence(l: &Locale, ask: &Ask, name: &str, title: &str) -> String {
    let key = if ask.role_exists == Some(false) {
        "ask.create-role"
    } else {
        "ask.promote"
    };
    l.text(
        key,
        &[
            ("name", name),
            ("title", title),
            ("date", &format::date_in_text(l, &ask.target_date)),
        ],
    )
}

/// The KPIs a short document shows (the brief, a committee page): the
/// business-wide ones first, then the rest, in the case's order, at most
/// `count`; as indices into the case's KPIs.
pub fn key_kpis(kpis: &[Kpi], count: usize) -> Vec<usize> {
    let wide = kpis
        .iter()
        .enumerate()
        .filter(|(_, k)| k.scope == KpiScope::BusinessWide);
    let rest = kpis
        .iter()
        .enumerate()
        .filter(|(_, k)| k.scope != KpiScope::BusinessWide);
    wide.chain(rest)
        .take(count)
        .map(|(index, _)| index)
        .collect()
}

/// A level as the documents name it: the company's name when a company
/// rubric judged that level (it may call Director "Head of Department"),
/// else promocase's own word in the documents' language.
fn level_named<'a>(l: &'a Locale, report: &'a crate::rubric::Report, level: Level) -> Label<'a> {
    if !report.builtin_rubric && report.readiness.level == level {
        Label {
            id: level.id(),
            label: &report.readiness.level_name,
        }
    } else {
        l.label(level)
    }
}

/// The check report in the documents' language. English documents print
/// `check`'s own messages; others print each rule's translated summary (the
/// messages stay English, see README), or the message when a catalogue has
/// no summary for the rule.
fn report_view<'a>(
    l: &'a Locale,
    loaded: &LoadedCase,
    report: &crate::rubric::Report,
) -> ReportView<'a> {
    let r = &report.readiness;
    let worded = |rule: Option<&str>, message: &str| match rule {
        Some(rule) if !l.is_english() => {
            let key = format!("rule.{rule}");
            match l.catalogue.get(&key) {
                Some(text) => text.plain().to_string(),
                None => message.to_string(),
            }
        }
        _ => message.to_string(),
    };
    let level = level_named(l, report, r.level).label.to_string();
    ReportView {
        readiness: ReadinessView {
            score: f64::from(r.score),
            cap: crate::rubric::report::ERROR_CAP + 1,
            level,
            blocked_by: r.blocked_by.clone(),
            dimensions: r
                .dimensions
                .iter()
                .map(|d| DimensionView {
                    id: d.dimension.id(),
                    name: l.label(d.dimension).label,
                    status: l.label(d.status),
                    evidence: if l.is_english() {
                        d.evidence.clone()
                    } else {
                        crate::rubric::evidence::items_in(
                            l,
                            loaded,
                            &report.kpi_statuses,
                            d.dimension,
                        )
                    },
                })
                .collect(),
            top_gaps: r
                .top_gaps
                .iter()
                .map(|g| GapView {
                    dimension: g.dimension.id(),
                    message: match (g.rule, l.is_english()) {
                        // A gap no finding explains: the dimension has no evidence at all.
                        (None, false) => l.text(
                            "gap.no-evidence",
                            &[("dimension", l.label(g.dimension).label)],
                        ),
                        _ => worded(g.rule, &g.message),
                    },
                })
                .collect(),
        },
        findings: report
            .findings
            .iter()
            .map(|f| FindingView {
                rule: f.rule,
                severity: f.severity,
                severity_text: l.catalogue.text(match f.severity {
                    crate::diagnostic::Severity::Error => "severity.error",
                    _ => "severity.warning",
                }),
                message: worded(Some(f.rule), &f.message),
                line: f.location.as_ref().map(|at| at.line),
                column: f.location.as_ref().map(|at| at.column),
            })
            .collect(),
    }
}

/// The KPI counts and the sentence that opens the proposal's results.
fn kpi_summary(
    l: &Locale,
    total: usize,
    met: usize,
    within_tolerance: usize,
    missed: usize,
    incomplete: usize,
    business_wide: usize,
) -> KpiSummary {
    let written = |n: usize| format::count(l, n as u64);
    let mut sentence = l.count(
        "results.on-target",
        total as f64,
        &[("met", &written(met)), ("total", &written(total))],
    );
    if within_tolerance > 0 {
        sentence.push_str(&l.text(
            "results.within-tolerance",
            &[("count", &written(within_tolerance))],
        ));
    }
    if business_wide > 0 {
        sentence.push_str(&l.count("results.business-wide", business_wide as f64, &[]));
    }
    sentence.push_str(". ");
    sentence.push_str(&l.text("results.how-to-read", &[]));
    KpiSummary {
        total,
        met,
        within_tolerance,
        missed,
        incomplete,
        business_wide,
        sentence,
    }
}

fn is_hex_colour(text: &str) -> bool {
    text.len() == 7 && text.starts_with('#') && text[1..].bytes().all(|b| b.is_ascii_hexdigit())
}

fn person_text(l: &Locale, person: &Person) -> String {
    match &person.title {
        Some(title) if !title.trim().is_empty() => l.text(
            "join.name-title",
            &[("name", &person.name), ("title", title)],
        ),
        _ => person.name.clone(),
    }
}

fn kpi_view<'a>(l: &'a Locale, kpi: &Kpi, status: KpiStatus) -> KpiView<'a> {
    let unit = kpi.unit.as_deref();
    let lower = kpi.direction == Direction::LowerIsBetter;
    let better_or_equal = |a: f64, b: f64| if lower { a <= b } else { a >= b };
    let improved = match (kpi.baseline, kpi.actual) {
        (Some(b), Some(a)) if a != b => Some(better_or_equal(a, b)),
        _ => None,
    };
    KpiView {
        name: kpi.name.clone(),
        category: l.label(kpi.category),
        business_wide: kpi.scope == KpiScope::BusinessWide,
        scope: l.label(kpi.scope),
        unit: kpi.unit.clone(),
        lower_is_better: lower,
        baseline_text: kpi.baseline.map(|v| format::value(l, v, unit)),
        target_text: kpi.target.map(|v| format::value(l, v, unit)),
        actual_text: kpi.actual.map(|v| format::value(l, v, unit)),
        baseline_cell: kpi.baseline.map(|v| format::cell(l, v, unit)),
        target_cell: kpi.target.map(|v| format::cell(l, v, unit)),
        actual_cell: kpi.actual.map(|v| format::cell(l, v, unit)),
        table_unit: kpi.unit.clone().filter(|_| !format::is_short_unit(unit)),
        status: l.label(status),
        // JSON has no infinity: a missed target of zero sorts as the largest miss.
        shortfall_percent: kpi.shortfall_percent().map(|p| p.min(1e9)),
        change_text: kpi
            .baseline
            .zip(kpi.actual)
            .map(|(b, a)| format::change(l, b, a, unit)),
        improved,
        vs_target_text: kpi.target.zip(kpi.actual).map(|(t, a)| {
            l.text(
                "change.vs-target",
                &[("change", &format::change(l, t, a, unit))],
            )
        }),
        period_text: kpi.period.as_ref().and_then(|p| format::period(l, p)),
        source: non_empty(&kpi.source),
        note: non_empty(&kpi.note),
        bars: chart::bars(l, kpi),
        line: chart::line(l, kpi),
    }
}

fn outcome_view(l: &Locale, outcome: &Outcome) -> OutcomeView {
    let unit = outcome.unit.as_deref();
    OutcomeView {
        metric: outcome.metric.clone(),
        baseline_text: outcome.baseline.map(|v| format::value(l, v, unit)),
        result_text: outcome.result.map(|v| format::value(l, v, unit)),
        change_text: outcome
            .baseline
            .zip(outcome.result)
            .map(|(b, r)| format::change(l, b, r, unit)),
        improved: outcome.improved(),
    }
}

pub(super) fn achievement_view<'a>(l: &'a Locale, a: &Achievement) -> AchievementView<'a> {
    AchievementView {
        title: a.title.clone(),
        period_text: a.period.as_ref().and_then(|p| format::period(l, p)),
        context: non_empty(&a.context),
        actions: non_empty(&a.actions),
        outcomes: a.outcomes.iter().map(|o| outcome_view(l, o)).collect(),
        dimensions: a.dimensions.iter().map(|d| l.label(*d)).collect(),
        evidence: a.evidence.clone(),
        attestors: a.attestors.clone(),
    }
}

/// "1 of my 5 direct reports is a manager", "3 of my direct reports are managers".
fn managers_text(l: &Locale, managers: u32, direct_reports: Option<u32>) -> String {
    let reports = match direct_reports {
        Some(count) => l.count("scope.my-direct-reports", f64::from(count), &[]),
        None => l.text("scope.my-direct-reports-uncounted", &[]),
    };
    l.count(
        "scope.managers-of",
        f64::from(managers),
        &[("reports", &reports)],
    )
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

fn scope_view<'a>(l: &'a Locale, scope: &Scope) -> ScopeView<'a> {
    ScopeView {
        team_size: scope.team_size,
        direct_reports: scope.direct_reports,
        managers_among_reports: scope.managers_among_reports,
        team_size_text: scope.team_size.map(|n| format::count(l, u64::from(n))),
        direct_reports_text: scope.direct_reports.map(|n| format::count(l, u64::from(n))),
        team_size_phrase: scope
            .team_size
            .map(|n| l.count("brief.people", f64::from(n), &[])),
        managers_reporting_phrase: scope
            .managers_among_reports
            .map(|n| l.count("brief.managers-reporting", f64::from(n), &[])),
        managers_text_short: scope
            .managers_among_reports
            .map(|n| format::count(l, u64::from(n))),
        managers_text: scope
            .managers_among_reports
            .map(|managers| managers_text(l, managers, scope.direct_reports)),
        teams: scope.teams.clone(),
        budget_text: scope
            .budget
            .as_ref()
            .map(|b| format::money(l, b.amount, &b.currency)),
        budget_ownership: scope.budget.as_ref().map(|b| l.label(b.ownership)),
        budget_period: scope.budget.as_ref().and_then(|b| non_empty(&b.period)),
        allocation_decisions: scope
            .budget
            .iter()
            .flat_map(|b| &b.allocation_decisions)
            .map(|d| AllocationView {
                decision: d.decision.clone(),
                result: non_empty(&d.result),
                date_text: d.date.as_ref().map(|d| format::short_date(l, d)),
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
            .map(|d| format::short_date(l, d)),
        headcount_rationale: scope
            .headcount_plan
            .as_ref()
            .and_then(|h| non_empty(&h.rationale)),
    }
}

fn people_view(l: &Locale, people: &PeopleDevelopment) -> Option<PeopleView> {
    let dated = |text: String, date: &Option<PartialDate>| match date {
        Some(d) => format!("{text}, {}", format::short_date(l, d)),
        None => text,
    };
    let view = PeopleView {
        promoted: people
            .promoted
            .iter()
            .map(|p| {
                let text = match &p.from {
                    Some(from) => l.text(
                        "people.moved",
                        &[("name", &p.name), ("from", from), ("to", &p.to)],
                    ),
                    None => l.text("people.promoted-to", &[("name", &p.name), ("to", &p.to)]),
                };
                dated(text, &p.date)
            })
            .collect(),
        mentored: people
            .mentored
            .iter()
            .map(|m| {
                let who = match &m.role {
                    Some(role) => l.text("join.name-title", &[("name", &m.name), ("title", role)]),
                    None => m.name.clone(),
                };
                match non_empty(&m.outcome) {
                    Some(outcome) => l.text(
                        "join.label-detail",
                        &[("label", &who), ("detail", &outcome)],
                    ),
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
        let l = Locale::english();
        assert_eq!(
            managers_text(l, 1, Some(5)),
            "1 of my 5 direct reports is a manager"
        );
        assert_eq!(
            managers_text(l, 3, Some(5)),
            "3 of my 5 direct reports are managers"
        );
        assert_eq!(
            managers_text(l, 0, None),
            "0 of my direct reports are managers"
        );
        assert_eq!(
            managers_text(l, 1, Some(1)),
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
