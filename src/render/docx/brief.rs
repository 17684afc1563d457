//! The one-page brief as a Word document, as `templates/brief.typ` lays it
//! out: the ask, three measured impacts, the key KPIs, scope, succession
//! readiness, two charts and the support asked for. Word has no "shrink to
//! one page"; the texts are the brief's own, already cut to what a page holds.

use super::Writer;
use super::xml::{Ink, Look, Para, Style};

/// Writes the body; returns the header's and the footer's paragraphs.
pub fn write(w: &mut Writer) -> (Vec<Para>, Vec<Para>) {
    let d = w.d;
    let b = &d.brief;
    if let Some(logo) = w.charts.logo.take() {
        let index = w.body.add_picture(logo);
        w.push(Para::new(Style::Normal).align_end().picture(index));
    }
    w.push(Para::of(Style::Title, b.name.clone()));
    w.push(Para::of(
        Style::Subtitle,
        format!("{} → {}", b.current_title, b.target_title),
    ));
    let mut line = Para::new(Style::Normal);
    if let Some(audience) = &b.audience {
        line = line.muted(format!("{audience} · "));
    }
    w.push(line.muted(d.meta.as_of_text.clone()));

    let ask = w.label(&w.t("label.the-ask", &[]), Ink::Accent);
    w.push(ask);
    let mut ask = Para::new(Style::Quote).bold(b.ask.clone());
    if let Some(why) = &b.why_now {
        ask = ask
            .line_break()
            .bold(format!("{} ", w.t("label.why-now-lead", &[])))
            .text(why.clone());
    }
    w.push(ask);

    if !b.impacts.is_empty() {
        let label = w.label(&w.t("label.measured-impact", &[]), Ink::Muted);
        w.push(label);
        w.impacts(&b.impacts, 15);
    }

    let kpis: Vec<_> = b
        .key_kpis
        .iter()
        .filter_map(|&index| d.kpis.get(index).map(|k| (index, k)))
        .collect();
    if !kpis.is_empty() {
        let label = w.label(
            &w.t(
                "brief.key-kpis",
                &[
                    ("met", &d.kpi_summary.met.to_string()),
                    ("total", &d.kpi_summary.total.to_string()),
                ],
            ),
            Ink::Muted,
        );
        w.push(label);
        let named: Vec<_> = kpis
            .iter()
            .map(|(index, k)| {
                let name = b
                    .kpi_names
                    .get(*index)
                    .map_or(k.name.as_str(), String::as_str);
                (*k, name)
            })
            .collect();
        w.kpi_table(&named, true);
    }
    if !b.problems.is_empty() {
        let label = w.label(&w.t("label.role-solves", &[]), Ink::Muted);
        w.push(label);
        w.bullets(&b.problems);
    }
    if let Some(s) = &d.scope {
        let label = w.label(&w.t("label.scope-today", &[]), Ink::Muted);
        w.push(label);
        let mut facts: Vec<String> = [
            s.team_size_phrase.clone(),
            s.managers_reporting_phrase.clone(),
        ]
        .into_iter()
        .flatten()
        .collect();
        if let Some(amount) = &s.budget_text {
            let mut budget = w.t("brief.budget", &[("amount", amount)]);
            if let Some(ownership) = &s.budget_ownership {
                budget.push_str(&format!(
                    " ({})",
                    w.t(&format!("ownership-inline.{}", ownership.id), &[])
                ));
            }
            facts.push(budget);
        }
        if let Some(plan) = &s.headcount_text {
            facts.push(w.t("brief.headcount", &[("plan", plan)]));
        }
        w.bullets(&facts);
    }
    let label = w.label(&w.t("label.succession-readiness", &[]), Ink::Muted);
    w.push(label);
    match &d.succession {
        Some(s) if !s.successors.is_empty() => {
            for (index, successor) in s.successors.iter().take(3).enumerate() {
                let ink = if successor.ready_by_target {
                    Ink::Good
                } else {
                    Ink::Bad
                };
                let name = b.successor_names.get(index).unwrap_or(&successor.name);
                let role = b
                    .successor_roles
                    .get(index)
                    .unwrap_or(&successor.current_role);
                let mut para = Para::new(Style::Normal)
                    .styled("● ", Look::ink(ink))
                    .bold(name.clone())
                    .text(format!(", {role}"))
                    .line_break()
                    .styled(successor.readiness_text.clone(), Look::ink(ink));
                if !successor.ready_now {
                    para = para.muted(format!(
                        " · {}",
                        w.t("brief.ready-by", &[("date", &successor.ready_by_text)])
                    ));
                }
                w.push(para);
            }
            if let Some(plan) = &b.interim_plan {
                w.push(Para::new(Style::Normal).muted(w.t("field.interim", &[("plan", plan)])));
            }
        }
        _ => w.push(
            Para::new(Style::Normal).styled(w.t("brief.no-successor", &[]), Look::ink(Ink::Bad)),
        ),
    }

    // Up to two charts of the key KPIs: trends where there is a series.
    let charted: Vec<usize> = kpis
        .iter()
        .filter(|(_, k)| k.line.is_some() || k.bars.is_some())
        .map(|(index, _)| *index)
        .take(2)
        .collect();
    if !charted.is_empty() {
        let label = w.label(&w.t("label.key-kpis-vs-target", &[]), Ink::Muted);
        w.push(label);
        for index in charted {
            let name = b.kpi_names.get(index).cloned().unwrap_or_default();
            let line = w.charts.lines.get_mut(index).and_then(Option::take);
            let picture = match line {
                Some(line) => Some(line),
                None => w.charts.bars.get_mut(index).and_then(Option::take),
            };
            w.chart(&name, picture);
        }
    }
    if !b.support_requested.is_empty() {
        let label = w.label(&w.t("label.support-requested", &[]), Ink::Accent);
        w.push(label);
        w.numbered(&b.support_requested);
    }
    let header = Para::new(Style::Header)
        .text(format!("{} · {}", w.t("document.brief", &[]), b.name))
        .tab()
        .text(d.candidate.company.clone());
    (vec![header], vec![w.footer()])
}
