//! Word documents (`build --format docx`): the proposal, the brief and the
//! talking points as `.docx` files an HR partner edits in Word.
//!
//! A Word document is made from the same data hand-off the PDF templates
//! receive ([`super::data::build`]): every figure, date, status and label is
//! the one the PDF prints, nothing is computed again. What differs is the
//! form: Word's own styles (Title, Heading 1–3, List Bullet, List Number, a
//! table style) so the navigation pane shows the sections and a company
//! restyles the document by changing styles; tables as Word tables; the
//! charts as pictures. The charts are the PDF's own, drawn by typst from
//! `charts.typ` and rendered at print resolution ([`charts`]).
//!
//! The parts: [`xml`] writes paragraphs, runs and tables (and escapes every
//! text); [`proposal`], [`brief`] and [`talking_points`] lay out one
//! document each, as their typst templates do; [`package`] wraps the body in
//! styles, numbering, header, footer and properties and zips it.
//!
//! User text is data: it only ever becomes escaped `w:t` text, never a
//! field, a hyperlink or markup. A character XML cannot hold (a control
//! character a YAML escape let in) is refused with an error located in the
//! case, never dropped.

mod brief;
mod charts;
pub mod package;
mod proposal;
mod talking_points;
pub mod xml;

use chrono::NaiveDateTime;

use super::data::{self, Impact, KpiView, TemplateData};
use super::{Job, RenderError, Renderer, TemplateKind};
use crate::diagnostic::Diagnostic;
use crate::locale::Locale;
use crate::model::LoadedCase;
use crate::model::locate::for_each_text;
use charts::Charts;
use package::{Page, Parts};
use xml::{Body, Cell, Ink, Look, Para, Picture, Style, Table};

/// The Word document of `kind` for the job's case.
pub fn docx(
    renderer: &Renderer,
    job: &Job,
    kind: TemplateKind,
    timestamp: NaiveDateTime,
) -> Result<Vec<u8>, RenderError> {
    let refused = unwritable_characters(job.loaded);
    if !refused.is_empty() {
        return Err(RenderError::Located(refused));
    }
    let data = data::build(job.loaded, kind, &job.options);
    let l: &Locale = &job.options.locale;
    let charts = Charts::render(renderer, job, kind, &data)?;
    let page = Page::named(data.meta.paper);
    let rtl = data.meta.dir == "rtl";
    let mut writer = Writer {
        d: &data,
        l,
        body: Body::new(rtl, &data.meta.accent, page.text_width()),
        charts,
        // The talking points number their steps in the text ("1 · The path I see").
        numbered_sections: kind == TemplateKind::Proposal,
    };
    let (header, footer) = match kind {
        TemplateKind::Proposal => proposal::write(&mut writer),
        TemplateKind::Brief => brief::write(&mut writer),
        TemplateKind::TalkingPoints => talking_points::write(&mut writer),
    };
    let margin = |paras: Vec<Para>| -> Result<String, RenderError> {
        let mut part = Body::new(rtl, &data.meta.accent, page.text_width());
        part.push_all(paras);
        part.finish().map(|(xml, _, _)| xml).map_err(refused_text)
    };
    let header = margin(header)?;
    let footer = margin(footer)?;
    let (body, pictures, numbered_lists) = writer.body.finish().map_err(refused_text)?;
    let draft = l.text("document.draft", &[]);
    let keywords = data.meta.keywords.join(", ");
    Parts {
        body,
        pictures,
        numbered_lists,
        page,
        lang: word_language(l),
        rtl,
        accent: data.meta.accent.trim_start_matches('#').to_string(),
        header: Some(header),
        footer: Some(footer),
        first_page_plain: kind == TemplateKind::Proposal,
        draft: data.meta.draft.then_some(draft.as_str()),
        title: &data.meta.title,
        subject: &data.meta.subject,
        author: &data.meta.author,
        keywords: &keywords,
        generator: &data.meta.generator,
        timestamp,
    }
    .zip()
}

/// The language as Word tags it: `he-IL` where the case says `he-IL`, the
/// language alone (`de`) where it gives no region.
fn word_language(l: &Locale) -> String {
    match &l.tag.region {
        Some(region) => format!("{}-{region}", l.tag.language.code),
        None => l.tag.language.code.to_string(),
    }
}

/// A text no case field holds (a company's labels file) with a character
/// XML cannot hold: refused, with the text it is in.
fn refused_text((c, text): (char, String)) -> RenderError {
    RenderError::input(format!(
        "the text \"{}\" holds U+{:04X}, a control character a Word document cannot hold: remove it from the labels",
        text.escape_debug(),
        c as u32
    ))
}

/// A located error for every field of the case holding a character XML
/// cannot hold (YAML lets `"\x07"` or `"\uFFFF"` in through its escapes).
pub fn unwritable_characters(loaded: &LoadedCase) -> Vec<Diagnostic> {
    let Ok(value) = serde_json::to_value(&loaded.case) else {
        return Vec::new();
    };
    let mut found: Vec<(String, char)> = Vec::new();
    for_each_text(&value, "", &mut |pointer, text| {
        if let Some(c) = text.chars().find(|c| !xml::xml_allowed(*c)) {
            found.push((pointer.to_string(), c));
        }
    });
    found.sort_by_key(|(pointer, _)| loaded.locations.value(pointer).start);
    found
        .into_iter()
        .map(|(pointer, c)| {
            Diagnostic::error(
                "docx-control-character",
                &loaded.source,
                format!(
                    "this text holds the control character U+{:04X}, which a Word document cannot hold",
                    c as u32
                ),
            )
            .at(loaded.locations.value(&pointer))
            .with_label("control character")
            .with_hint(
                "remove the escape that wrote it (`\\x..`, `\\u....` in a quoted text); PDF output prints it as nothing",
            )
        })
        .collect()
}

/// What a document's layout writes with: the data, its language, the body
/// so far and the rendered charts.
pub(super) struct Writer<'a> {
    pub d: &'a TemplateData<'a>,
    pub l: &'a Locale,
    pub body: Body,
    pub charts: Charts,
    /// Whether Heading 1 carries the section's number (the proposal's).
    pub numbered_sections: bool,
}

impl<'a> Writer<'a> {
    /// The footer of every document: the confidentiality line and the page
    /// numbers (common.typ's frame).
    pub fn footer(&self) -> Para {
        Para::new(Style::Footer)
            .text(self.t(
                "document.confidential",
                &[
                    ("company", &self.d.candidate.company),
                    ("date", &self.d.meta.as_of_text),
                ],
            ))
            .tab()
            .field("PAGE")
            .text(" / ")
            .field("NUMPAGES")
    }

    /// A fixed text of the documents, filled: typst's `t(key, name: …)`.
    pub fn t(&self, key: &str, args: &[(&str, &str)]) -> String {
        self.l.text(key, args)
    }

    /// A table's header row: the catalogue's words, upper-case as the language writes it.
    pub fn headers(&self, keys: &[&str]) -> Vec<String> {
        keys.iter()
            .map(|key| self.l.upper(&self.t(key, &[])))
            .collect()
    }

    pub fn push(&mut self, para: Para) {
        self.body.push(para);
    }

    pub fn heading(&mut self, level: u8, text: impl Into<String>) {
        let style = match level {
            1 => Style::Heading1,
            2 => Style::Heading2,
            _ => Style::Heading3,
        };
        let mut para = Para::of(style, text);
        if !self.numbered_sections {
            para = para.unnumbered();
        }
        self.push(para);
    }

    /// A small upper-case label above a block (common.typ's label-text).
    pub fn label(&self, text: &str, ink: Ink) -> Para {
        Para::new(Style::Normal).keep_next().styled(
            self.l.upper(text),
            Look {
                bold: true,
                ink: Some(ink),
                size: Some(8),
                ..Look::PLAIN
            },
        )
    }

    /// A labelled line: the label small and upper-case, then the text
    /// (common.typ's field). Nothing when the text is empty.
    pub fn field(&mut self, label: &str, text: &str) {
        if text.trim().is_empty() {
            return;
        }
        let para = self.field_para(label).text(text.to_string());
        self.push(para);
    }

    /// The start of a labelled line, for a text with runs of its own.
    pub fn field_para(&self, label: &str) -> Para {
        Para::new(Style::Normal)
            .styled(
                self.l.upper(label),
                Look {
                    bold: true,
                    ink: Some(Ink::Muted),
                    size: Some(8),
                    ..Look::PLAIN
                },
            )
            .text("  ")
    }

    pub fn bullets<S: AsRef<str>>(&mut self, items: &[S]) {
        for item in items {
            self.push(Para::of(Style::ListBullet, item.as_ref()));
        }
    }

    pub fn numbered<S: AsRef<str>>(&mut self, items: &[S]) {
        let list = self.body.new_numbered_list();
        for item in items {
            self.push(Para::of(Style::ListNumber, item.as_ref()).numbered_in(list));
        }
    }

    /// A row of headline figures, (value, label), the absent ones left out.
    pub fn figures(&mut self, items: Vec<(Option<String>, String)>) {
        let items: Vec<(String, String)> = items
            .into_iter()
            .filter_map(|(value, label)| value.filter(|v| !v.is_empty()).map(|v| (v, label)))
            .collect();
        if items.is_empty() {
            return;
        }
        let size = if items.len() > 4 { 14 } else { 16 };
        let row: Vec<Cell> = items
            .into_iter()
            .map(|(value, label)| {
                vec![
                    Para::new(Style::Normal).styled(
                        value,
                        Look {
                            bold: true,
                            ink: Some(Ink::Accent),
                            size: Some(size),
                            ..Look::PLAIN
                        },
                    ),
                    Para::new(Style::Normal).styled(label, Look::small_muted(8)),
                ]
            })
            .collect();
        self.body.table(&Table::figures(row));
    }

    /// The measured impacts side by side: the change large, the metric from
    /// and to, the achievement or KPI it comes from.
    pub fn impacts(&mut self, impacts: &[Impact], size: u32) {
        let row: Vec<Cell> = impacts
            .iter()
            .map(|impact| {
                vec![
                    Para::new(Style::Normal).styled(
                        impact.change_text.clone(),
                        Look {
                            bold: true,
                            ink: Some(Ink::Accent),
                            size: Some(size),
                            ..Look::PLAIN
                        },
                    ),
                    Para::new(Style::Normal).styled(
                        format!(
                            "{}: {} → {}",
                            impact.metric, impact.from_text, impact.to_text
                        ),
                        Look::small_muted(8),
                    ),
                    Para::of(Style::Normal, impact.title.clone()),
                ]
            })
            .collect();
        self.body.table(&Table::figures(row));
    }

    /// A chart with its title above it.
    pub fn chart(&mut self, title: &str, picture: Option<Picture>) {
        let Some(picture) = picture else { return };
        self.push(Para::of(Style::Caption, title));
        let index = self.body.add_picture(picture);
        self.push(Para::new(Style::Normal).picture(index));
    }

    /// The KPI table: name, baseline, target, actual, change, status; the
    /// compact one (the brief's) name, target, actual, status.
    pub fn kpi_table(&mut self, kpis: &[(&KpiView, &str)], compact: bool) {
        let dash = || Para::new(Style::Normal).muted("–");
        let value = |text: &Option<String>, look: Look| match text {
            Some(text) if !text.is_empty() => Para::new(Style::Normal).styled(text.clone(), look),
            _ => dash(),
        };
        let keys: &[&str] = if compact {
            &["table.kpi", "table.target", "table.actual", "table.status"]
        } else {
            &[
                "table.kpi",
                "table.baseline",
                "table.target",
                "table.actual",
                "table.change",
                "table.status",
            ]
        };
        let header = self.headers(keys);
        let rows = kpis
            .iter()
            .map(|(k, name)| {
                let mut first = Para::new(Style::Normal).bold(name.to_string());
                if let Some(unit) = &k.table_unit {
                    first = first.muted(format!(" ({unit})"));
                }
                let mut name_cell = vec![first];
                if !compact {
                    let details: Vec<&str> = [
                        Some(k.category.label),
                        Some(k.scope.label),
                        k.period_text.as_deref(),
                    ]
                    .into_iter()
                    .flatten()
                    .filter(|s| !s.is_empty())
                    .collect();
                    name_cell.push(
                        Para::new(Style::Normal).styled(details.join(" · "), Look::small_muted(8)),
                    );
                }
                let status = vec![
                    Para::new(Style::Normal).styled(k.status.label, Look::bold_ink(kpi_ink(k))),
                ];
                let change_ink = match k.improved {
                    Some(true) => Look::ink(Ink::Good),
                    Some(false) => Look::ink(Ink::Bad),
                    None => Look::PLAIN,
                };
                if compact {
                    vec![
                        name_cell,
                        vec![value(&k.target_cell, Look::PLAIN)],
                        vec![value(&k.actual_cell, Look::BOLD)],
                        status,
                    ]
                } else {
                    vec![
                        name_cell,
                        vec![value(&k.baseline_cell, Look::PLAIN)],
                        vec![value(&k.target_cell, Look::PLAIN)],
                        vec![value(&k.actual_cell, Look::BOLD)],
                        vec![value(&k.change_text, change_ink)],
                        status,
                    ]
                }
            })
            .collect();
        let widths = if compact {
            vec![40, 20, 20, 20]
        } else {
            vec![34, 13, 13, 13, 12, 15]
        };
        self.body.table(&Table {
            // The figures line up at the end of their columns.
            end_aligned: (0..keys.len()).map(|c| c > 0).collect(),
            ..Table::records(widths, header, rows)
        });
    }
}

/// The colour of a KPI's status (common.typ's status-mark).
pub fn kpi_ink(kpi: &KpiView) -> Ink {
    match kpi.status.id {
        "met" => Ink::Good,
        "within-tolerance" => Ink::Caution,
        "missed" => Ink::Bad,
        _ => Ink::Muted,
    }
}
