//! The data of the committee pack (`templates/committee.typ`): the round's
//! cover, the overview and the matrix from the same rows as the CSV
//! ([`crate::committee::table`]), the succession risks, one page per
//! candidate made of their brief's data ([`crate::render::data::build`] with
//! the brief's cuts) and top gaps, and the files that could not be read. The
//! renderer is a general engine: the pack's data lives here, with the round.
//!
//! Every word comes from the pack's [`Locale`], as in the other documents.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::Serialize;

use super::table::Row;
use super::{JudgedBy, Round};
use crate::format;
use crate::locale::Locale;
use crate::model::Label;
use crate::model::{Dimension, EvidenceStatus, Level};
use crate::render::data::{
    AskView, BriefView, CandidateView, DocumentOptions, GapView, KpiSummary, KpiView, Meta,
    ScopeView, SuccessionView, TemplateData, build,
};
use crate::render::templates::TemplateKind;

/// What shapes the pack besides the round.
pub struct PackOptions {
    /// The round's title; the catalogue's default when none.
    pub title: Option<String>,
    pub anonymised: bool,
    pub locale: Arc<Locale>,
}

#[derive(Serialize)]
struct Cover {
    by_level: Vec<String>,
    judged_by: String,
    /// Candidates a company rubric beside their case judged, one line a rubric.
    judged_beside: Vec<String>,
    anonymised: Option<String>,
    total: String,
}

#[derive(Serialize)]
struct OverviewRow<'a> {
    name: String,
    current_title: String,
    target_title: String,
    level: Label<'a>,
    score: u32,
    findings: String,
    kpis: String,
    successor: String,
    /// `yes`, `no` or `none`, for the template's colour.
    successor_id: &'static str,
}

#[derive(Serialize)]
struct MatrixRow<'a> {
    name: String,
    score: u32,
    /// One status per dimension of `dimensions`, in its order.
    cells: Vec<Label<'a>>,
}

#[derive(Serialize)]
struct Risk {
    name: String,
    text: String,
}

#[derive(Serialize)]
struct CandidatePage<'a> {
    name: String,
    /// The ask in one sentence, with the name the pack shows.
    ask: String,
    score_text: String,
    brief: CandidateBrief<'a>,
}

/// What a candidate's page prints of their brief: the views the one-page
/// brief is made of, without the sections and chart geometry the page does
/// not show (typst holds the whole round's data at once).
#[derive(Serialize)]
struct CandidateBrief<'a> {
    candidate: CandidateView<'a>,
    ask: AskView,
    brief: BriefView,
    kpis: Vec<KpiView<'a>>,
    kpi_summary: KpiSummary,
    scope: Option<ScopeView<'a>>,
    succession: Option<SuccessionView>,
    top_gaps: Vec<GapView>,
}

impl<'a> CandidateBrief<'a> {
    fn of(data: TemplateData<'a>) -> Self {
        CandidateBrief {
            candidate: data.candidate,
            ask: data.ask,
            brief: data.brief,
            kpis: data
                .kpis
                .into_iter()
                .map(|k| KpiView {
                    bars: None,
                    line: None,
                    ..k
                })
                .collect(),
            kpi_summary: data.kpi_summary,
            scope: data.scope,
            succession: data.succession.map(|s| SuccessionView {
                timeline: None,
                ..s
            }),
            top_gaps: data.report.readiness.top_gaps,
        }
    }
}

#[derive(Serialize)]
struct FailedFile {
    file: String,
    errors: Vec<FailedLine>,
}

#[derive(Serialize)]
struct FailedLine {
    at: Option<String>,
    message: String,
    hint: Option<String>,
}

/// Which part of the pack one typst compilation lays out, and where its
/// pages fall in the whole pack: `data.part` of `templates/committee.typ`.
/// The pack is laid out in parts ([`super::layout`]) so that typst holds one
/// part's layout at a time.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Part {
    pub kind: PartKind,
    /// The number of the part's first page in the whole pack.
    pub first_page: usize,
    /// How many pages the parts after this one hold, for the footers' total.
    pub pages_after: usize,
    /// The index of the part's first candidate (a candidates part).
    pub first_candidate: usize,
    /// The sections later parts begin (the front part's list of contents).
    pub later: Vec<LaterSection>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PartKind {
    /// Everything in one compilation: a committee.typ of a company's own,
    /// written before the pack had parts, lays out what it is given.
    Whole,
    /// The cover, the overview, the matrix and the succession risks.
    Front,
    Candidates,
    Failures,
}

/// A section a later part begins, as the pages between the end of this
/// part and the section's first page.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LaterSection {
    /// `candidates` or `failures`: the section's catalogue key names it.
    pub section: &'static str,
    pub after: usize,
}

impl Part {
    /// The whole pack in one compilation.
    pub fn whole() -> Part {
        Part {
            kind: PartKind::Whole,
            first_page: 1,
            pages_after: 0,
            first_candidate: 0,
            later: Vec::new(),
        }
    }
}

/// The round's data for the committee pack, from which each part's
/// `/data.json` is written.
pub struct Pack<'a> {
    meta: Meta,
    labels: BTreeMap<&'a str, &'a str>,
    cover: Cover,
    statuses: Vec<Label<'a>>,
    dimensions: Vec<Label<'a>>,
    overview: Vec<OverviewRow<'a>>,
    matrix: Vec<MatrixRow<'a>>,
    risks: Vec<Risk>,
    /// The candidates' pages are made a part at a time, from the round.
    round: &'a Round,
    locale: &'a Arc<Locale>,
    failures: Vec<FailedFile>,
}

/// One part's `/data.json`: only what the part lays out, so that typst
/// parses and holds no more.
#[derive(Serialize)]
struct PartData<'p, 'a> {
    meta: &'p Meta,
    labels: &'p BTreeMap<&'a str, &'a str>,
    part: &'p Part,
    cover: &'p Cover,
    statuses: &'p [Label<'a>],
    dimensions: &'p [Label<'a>],
    overview: &'p [OverviewRow<'a>],
    matrix: &'p [MatrixRow<'a>],
    risks: &'p [Risk],
    candidates: &'p [CandidatePage<'a>],
    failures: &'p [FailedFile],
}

impl<'a> Pack<'a> {
    /// How many candidates (pages) the pack has.
    pub fn candidate_count(&self) -> usize {
        self.round.candidates.len()
    }

    /// How many files could not be read.
    pub fn failure_count(&self) -> usize {
        self.failures.len()
    }

    /// The `/data.json` of `part`; a candidates part gets the candidates of
    /// `candidates`, counted from the round's first.
    pub fn part_json(&self, part: &Part, candidates: std::ops::Range<usize>) -> String {
        let front = matches!(part.kind, PartKind::Whole | PartKind::Front);
        let failures = matches!(part.kind, PartKind::Whole | PartKind::Failures);
        let candidates = match part.kind {
            PartKind::Whole => &self.round.candidates[..],
            PartKind::Candidates => self.round.candidates.get(candidates).unwrap_or_default(),
            PartKind::Front | PartKind::Failures => &[],
        };
        // Each candidate's brief, made as `build --template brief` makes it.
        let documents: Vec<DocumentOptions> = candidates
            .iter()
            .map(|candidate| DocumentOptions {
                draft: false,
                report: candidate.report.clone(),
                logo: None,
                locale: Arc::clone(self.locale),
            })
            .collect();
        let l: &Locale = self.locale;
        let candidates: Vec<CandidatePage> = candidates
            .iter()
            .zip(&documents)
            .map(|(candidate, document)| {
                let brief =
                    CandidateBrief::of(build(&candidate.loaded, TemplateKind::Brief, document));
                CandidatePage {
                    // With the name the pack shows, which may be anonymised.
                    ask: crate::render::data::ask_sentence(
                        l,
                        &candidate.loaded.case.ask,
                        &candidate.shown_name,
                        &brief.brief.target_title,
                    ),
                    name: candidate.shown_name.clone(),
                    score_text: l.text(
                        "committee.score",
                        &[("score", &candidate.report.readiness.score.to_string())],
                    ),
                    brief,
                }
            })
            .collect();
        let data = PartData {
            meta: &self.meta,
            labels: &self.labels,
            part,
            cover: &self.cover,
            statuses: &self.statuses,
            dimensions: &self.dimensions,
            overview: if front { &self.overview } else { &[] },
            matrix: if front { &self.matrix } else { &[] },
            risks: if front { &self.risks } else { &[] },
            candidates: &candidates,
            failures: if failures { &self.failures } else { &[] },
        };
        serde_json::to_string(&data).unwrap_or_else(|_| "{}".to_string())
    }
}

impl<'a> Pack<'a> {
    /// The pack's data, made once for all its parts.
    pub fn new(round: &'a Round, rows: &[Row], options: &'a PackOptions) -> Pack<'a> {
        let l: &Locale = &options.locale;
        let as_of = round.as_of().unwrap_or_default();
        let title = options
            .title
            .clone()
            .filter(|t| !t.trim().is_empty())
            .unwrap_or_else(|| l.text("committee.title-default", &[]));
        let mut by_level: Vec<(Level, usize)> = Vec::new();
        for candidate in &round.candidates {
            let level = candidate.loaded.case.candidate.target_level;
            match by_level.iter_mut().find(|(l, _)| *l == level) {
                Some((_, count)) => *count += 1,
                None => by_level.push((level, 1)),
            }
        }
        by_level.sort_by_key(|(level, _)| std::cmp::Reverse(*level));
        let cover = Cover {
            by_level: by_level
                .iter()
                .map(|(level, count)| {
                    l.count(
                        "committee.for-level",
                        *count as f64,
                        &[("level", l.label(*level).label)],
                    )
                })
                .collect(),
            judged_by: match &round.judged_by {
                // Every case judged by the rubric beside it: the lines below say so.
                JudgedBy::OwnLevel
                    if round.candidates.iter().all(|c| c.company_rubric.is_some()) =>
                {
                    String::new()
                }
                JudgedBy::OwnLevel => l.text("committee.judged-own-level", &[]),
                JudgedBy::Level(level) => l.text(
                    "committee.judged-level",
                    &[("level", l.label(*level).label)],
                ),
                JudgedBy::Company(name) => l.text("committee.judged-company", &[("name", name)]),
            },
            judged_beside: {
                let mut by_rubric: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
                for candidate in &round.candidates {
                    if let Some(name) = &candidate.company_rubric {
                        by_rubric
                            .entry(name)
                            .or_default()
                            .push(&candidate.shown_name);
                    }
                }
                let separator = l.text("list.separator", &[]);
                by_rubric
                    .into_iter()
                    .map(|(name, who)| {
                        l.text(
                            "committee.judged-beside",
                            &[("name", name), ("list", &who.join(&separator))],
                        )
                    })
                    .collect()
            },
            anonymised: options
                .anonymised
                .then(|| l.text("committee.anonymised", &[])),
            total: l.count("committee.candidates", round.candidates.len() as f64, &[]),
        };
        let dimensions: Vec<Dimension> = Dimension::ALL
            .into_iter()
            .filter(|d| {
                rows.iter()
                    .any(|r| r.dimensions.iter().any(|(dimension, _)| dimension == d))
            })
            .collect();
        let overview = round
            .candidates
            .iter()
            .zip(rows)
            .map(|(candidate, row)| {
                let successor_id = match row.successor_ready {
                    Some(true) => "yes",
                    Some(false) => "no",
                    None => "none",
                };
                OverviewRow {
                    name: row.name.clone(),
                    current_title: row.current_title.clone(),
                    target_title: row.target_title.clone(),
                    level: l.label(candidate.loaded.case.candidate.target_level),
                    score: row.score,
                    findings: format!(
                        "{} / {}",
                        format::count(l, row.errors as u64),
                        format::count(l, row.warnings as u64)
                    ),
                    kpis: l.text(
                        "figure.of",
                        &[
                            ("part", &format::count(l, row.kpis_met as u64)),
                            ("total", &format::count(l, row.kpis_with_target as u64)),
                        ],
                    ),
                    successor: l.text(&format!("committee.successor.{successor_id}"), &[]),
                    successor_id,
                }
            })
            .collect();
        let matrix = rows
            .iter()
            .map(|row| MatrixRow {
                name: row.name.clone(),
                score: row.score,
                cells: dimensions
                    .iter()
                    .map(|d| {
                        let status = row
                            .dimensions
                            .iter()
                            .find(|(dimension, _)| dimension == d)
                            .map_or(EvidenceStatus::Missing, |(_, status)| *status);
                        l.label(status)
                    })
                    .collect(),
            })
            .collect();
        let risks = round
            .candidates
            .iter()
            .zip(rows)
            .filter(|(_, row)| row.successor_ready != Some(true))
            .map(|(candidate, row)| {
                let case = &candidate.loaded.case;
                let role = &case.candidate.current_title;
                let text = match row.successor_ready {
                    None => l.text("committee.risk.none-named", &[("role", role)]),
                    _ => l.text(
                        "committee.risk.not-ready",
                        &[
                            ("role", role),
                            ("date", &format::date_in_text(l, &case.ask.target_date)),
                        ],
                    ),
                };
                Risk {
                    name: row.name.clone(),
                    text,
                }
            })
            .collect();
        let failures = round
            .failures
            .iter()
            .enumerate()
            .map(|(index, failure)| FailedFile {
                // A file's name may be its author's: an anonymised pack numbers them.
                file: if options.anonymised {
                    format!("#{}", index + 1)
                } else {
                    failure.file.display().to_string()
                },
                errors: failure
                    .errors
                    .iter()
                    .map(|d| FailedLine {
                        at: d.location.as_ref().map(|at| {
                            l.text(
                                "committee.failure-at",
                                &[
                                    ("line", &at.line.to_string()),
                                    ("column", &at.column.to_string()),
                                ],
                            )
                        }),
                        message: d.message.clone(),
                        hint: d.hint.clone(),
                    })
                    .collect(),
            })
            .collect();
        let document_title = l.text("committee.document", &[]);
        Pack {
            meta: Meta {
                generator: format!("promocase {}", env!("CARGO_PKG_VERSION")),
                template: "committee",
                draft: false,
                title: l.text(
                    "join.label-detail",
                    &[("label", &document_title), ("detail", &title)],
                ),
                subject: l.text(
                    "join.label-detail",
                    &[("label", &document_title), ("detail", &cover.total)],
                ),
                author: String::new(),
                keywords: vec![l.text("document.keyword", &[]), document_title.clone()],
                as_of: as_of.to_string(),
                as_of_text: format::long_date(l, as_of),
                accent: crate::render::data::DEFAULT_ACCENT.to_string(),
                logo: None,
                lang: l.tag.language.code,
                region: l.tag.region.clone(),
                dir: l.direction(),
                paper: l.paper(),
            },
            labels: l.template_texts(),
            cover,
            statuses: EvidenceStatus::ALL
                .into_iter()
                .map(|s| l.label(s))
                .collect(),
            dimensions: dimensions.iter().map(|d| l.label(*d)).collect(),
            overview,
            matrix,
            risks,
            round,
            locale: &options.locale,
            failures,
        }
    }
}
