//! The charts of a Word document: the PDF's own charts (bars against target,
//! trend lines, the successors' timeline) and the logo, laid out by typst
//! from `charts.typ`, one per page, and rendered to PNG at print resolution.
//! Each becomes a [`Picture`] with alt text that says what it shows.

use super::xml::Picture;
use crate::locale::Locale;
use crate::render::data::TemplateData;
use crate::render::templates::CHARTS;
use crate::render::{Job, RenderError, Renderer, TemplateKind, export};

/// Print resolution: the pictures stay sharp on paper at their size.
const DPI: f64 = 300.0;

/// The pictures, in the case's order.
#[derive(Default)]
pub struct Charts {
    /// Per KPI: its bars against target, when it has a target.
    pub bars: Vec<Option<Picture>>,
    /// Per KPI: its trend line, when it has a series.
    pub lines: Vec<Option<Picture>>,
    pub timeline: Option<Picture>,
    pub logo: Option<Picture>,
}

impl Charts {
    /// Lays out and renders the charts `kind` shows (the talking points show none).
    pub fn render(
        renderer: &Renderer,
        job: &Job,
        kind: TemplateKind,
        data: &TemplateData,
    ) -> Result<Self, RenderError> {
        let l: &Locale = &job.options.locale;
        let timeline = data.succession.as_ref().and_then(|s| s.timeline.as_ref());
        let wanted = data
            .kpis
            .iter()
            .map(|k| usize::from(k.bars.is_some()) + usize::from(k.line.is_some()))
            .sum::<usize>()
            + usize::from(timeline.is_some())
            + usize::from(data.meta.logo.is_some());
        if kind == TemplateKind::TalkingPoints || wanted == 0 {
            return Ok(Self::default());
        }
        // The data the document is written from, not a second one built for the charts.
        let json = serde_json::to_string(data).unwrap_or_else(|_| "{}".to_string());
        let compiled =
            renderer.compile_template(CHARTS, "charts", json, Some(job), job.loaded.as_of)?;
        let images = export::png(&compiled, DPI)?;
        if images.len() != wanted {
            return Err(RenderError::input(format!(
                "`{CHARTS}` drew {} charts where the case has {wanted}: a template folder's `{CHARTS}` must draw one per page, in the order the built-in one does",
                images.len()
            )));
        }
        let mut pictures = compiled
            .document
            .pages()
            .iter()
            .zip(images)
            .enumerate()
            .map(|(index, (page, png))| {
                let size = page.frame.size();
                Picture {
                    png,
                    width_pt: size.x.to_pt(),
                    height_pt: size.y.to_pt(),
                    alt: String::new(),
                    name: format!("Chart {}", index + 1),
                }
            });
        let mut charts = Self::default();
        let mut next = |alt: String| {
            pictures.next().map(|mut picture| {
                picture.alt = alt;
                picture
            })
        };
        for kpi in &data.kpis {
            charts.bars.push(kpi.bars.as_ref().and_then(|bars| {
                let values: Vec<String> = bars
                    .bars
                    .iter()
                    .map(|bar| {
                        l.text(
                            "join.label-detail",
                            &[("label", &bar.label), ("detail", &bar.text)],
                        )
                    })
                    .collect();
                next(l.text(
                    "join.label-detail",
                    &[("label", &kpi.name), ("detail", &values.join("; "))],
                ))
            }));
            charts.lines.push(kpi.line.as_ref().and_then(|line| {
                let values: Vec<&str> = line.points.iter().map(|p| p.text.as_str()).collect();
                let span: Vec<&str> = [line.x_ticks.first(), line.x_ticks.last()]
                    .into_iter()
                    .flatten()
                    .map(|tick| tick.label.as_str())
                    .collect();
                let mut detail = format!("{} ({})", values.join(" → "), span.join(" – "));
                if let Some(target) = &line.target_text {
                    detail.push_str("; ");
                    detail.push_str(target);
                }
                next(l.text(
                    "join.label-detail",
                    &[("label", &kpi.name), ("detail", &detail)],
                ))
            }));
        }
        if let Some(timeline) = timeline {
            let rows: Vec<String> = timeline
                .rows
                .iter()
                .map(|row| {
                    l.text(
                        "join.label-detail",
                        &[("label", &row.name), ("detail", &row.label)],
                    )
                })
                .collect();
            charts.timeline = next(format!("{}. {}", rows.join("; "), timeline.target_text));
        }
        if data.meta.logo.is_some() {
            charts.logo =
                next(l.text("document.logo-alt", &[("company", &data.candidate.company)]));
        }
        Ok(charts)
    }
}
