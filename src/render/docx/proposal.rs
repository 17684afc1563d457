//! The proposal as a Word document, section by section as
//! `templates/proposal.typ` lays it out: a cover with the ask, the executive
//! summary, then the evidence; a section with no data is left out.

use super::Writer;
use super::xml::{Ink, Look, Para, Style, Table};

/// Writes the body; returns the header's and the footer's paragraphs.
pub fn write(w: &mut Writer) -> (Vec<Para>, Vec<Para>) {
    let d = w.d;
    let c = &d.candidate;
    cover(w);
    summary(w);
    results(w);
    achievements(w);
    initiatives(w);
    scope(w);
    vision(w);
    decisions(w);
    risks(w);
    sponsors(w);
    succession(w);
    appendix(w);
    let header = Para::new(Style::Header)
        .text(format!("{} · {}", w.t("document.proposal", &[]), c.name))
        .tab()
        .text(w.t("cover.header-proposed", &[("title", &c.target_title)]));
    (vec![header], vec![w.footer()])
}

fn cover(w: &mut Writer) {
    let d = w.d;
    let c = &d.candidate;
    if let Some(logo) = w.charts.logo.take() {
        let index = w.body.add_picture(logo);
        w.push(Para::new(Style::Normal).align_end().picture(index));
    }
    let kicker = w.l.upper(&format!(
        "{} · {}",
        w.t("document.proposal", &[]),
        c.company
    ));
    w.push(Para::new(Style::Normal).styled(
        kicker,
        Look {
            bold: true,
            ink: Some(Ink::Accent),
            size: Some(9),
            ..Look::PLAIN
        },
    ));
    w.push(Para::of(Style::Title, c.name.clone()));
    w.push(Para::of(
        Style::Subtitle,
        format!("{} → {}", c.current_title, c.target_title),
    ));
    let level = w.t("cover.level", &[("level", c.level.label)]);
    let track = w.t("cover.track", &[("track", c.track.label)]);
    let line: Vec<&str> = [c.department.as_deref(), Some(&level), Some(&track)]
        .into_iter()
        .flatten()
        .filter(|s| !s.is_empty())
        .collect();
    w.push(Para::new(Style::Normal).muted(line.join(" · ")));

    let prepared = w.label(&w.t("label.prepared-for", &[]), Ink::Muted);
    w.push(prepared);
    match &c.audience_name {
        Some(name) if !name.is_empty() => {
            let mut para = Para::new(Style::Normal).bold(name.clone());
            if let Some(title) = c.audience_title.as_ref().filter(|t| !t.is_empty()) {
                para = para.line_break().muted(title.clone());
            }
            w.push(para);
        }
        _ => w.push(Para::new(Style::Normal).bold(w.t("cover.executive-team", &[]))),
    }
    let date = w.label(&w.t("label.date", &[]), Ink::Muted);
    w.push(date);
    w.push(
        Para::new(Style::Normal)
            .bold(d.meta.as_of_text.clone())
            .line_break()
            .muted(w.t("cover.requested-date", &[("date", &d.ask.target_date_text)])),
    );
    let ask_label = w.label(&w.t("label.the-ask", &[]), Ink::Accent);
    w.push(ask_label);
    w.push(Para::of(Style::Quote, d.ask.sentence.clone()));
    w.push(Para::new(Style::Normal).styled(
        w.t(
            "cover.note",
            &[
                ("name", &c.name),
                ("date", &d.meta.as_of_text),
                ("generator", &d.meta.generator),
            ],
        ),
        Look::small_muted(8),
    ));
}

fn summary(w: &mut Writer) {
    let d = w.d;
    let c = &d.candidate;
    w.push(Para::of(Style::Heading1, w.t("section.executive-summary", &[])).page_break_before());
    w.push(Para::new(Style::Normal).styled(
        d.ask.sentence.clone(),
        Look {
            size: Some(12),
            ..Look::PLAIN
        },
    ));
    let scope = d.scope.as_ref();
    let mut budget_label = w.t("figure.budget", &[]);
    if let Some(ownership) = scope.and_then(|s| s.budget_ownership.as_ref()) {
        budget_label.push(' ');
        budget_label.push_str(&w.t(&format!("ownership-inline.{}", ownership.id), &[]));
    }
    let summary = &d.kpi_summary;
    w.figures(vec![
        (
            c.years_in_management_text.clone(),
            w.t("figure.in-management", &[]),
        ),
        (
            scope.and_then(|s| s.team_size_text.clone()),
            w.t("figure.people", &[]),
        ),
        (
            scope.and_then(|s| s.managers_text_short.clone()),
            w.t("figure.managers-reporting", &[]),
        ),
        (scope.and_then(|s| s.budget_text.clone()), budget_label),
        (
            (summary.total > 0).then(|| {
                w.t(
                    "figure.of",
                    &[
                        ("part", &summary.met.to_string()),
                        ("total", &summary.total.to_string()),
                    ],
                )
            }),
            w.t("figure.kpis-on-target", &[]),
        ),
    ]);
    if let Some(why) = &d.ask.why_now {
        w.heading(2, w.t("section.why-now", &[]));
        w.push(Para::of(Style::Normal, why.clone()));
    }
    if !d.impacts.is_empty() {
        let key = if d.impacts.len() == 3 {
            "section.impacts-three"
        } else {
            "section.impacts"
        };
        w.heading(2, w.t(key, &[]));
        w.impacts(&d.impacts, 16);
    }
    if !d.ask.problems_to_solve.is_empty() {
        w.heading(2, w.t("section.role-solves", &[]));
        if d.ask.role_exists == Some(false) {
            w.push(Para::new(Style::Normal).muted(w.t("summary.role-not-exists", &[])));
        }
        w.bullets(&d.ask.problems_to_solve);
    }
    if !d.ask.support_requested.is_empty() {
        w.heading(2, w.t("section.support", &[]));
        w.numbered(&d.ask.support_requested);
    }
}

fn results(w: &mut Writer) {
    let d = w.d;
    if d.kpis.is_empty() {
        return;
    }
    w.heading(1, w.t("section.results", &[]));
    w.push(Para::of(Style::Normal, d.kpi_summary.sentence.clone()));
    let kpis: Vec<_> = d.kpis.iter().map(|k| (k, k.name.as_str())).collect();
    w.kpi_table(&kpis, false);
    for k in &d.kpis {
        if let Some(note) = &k.note {
            w.push(
                Para::new(Style::Normal)
                    .bold(format!("{}: ", k.name))
                    .text(note.clone()),
            );
        }
    }
    if d.kpis.iter().any(|k| k.bars.is_some()) {
        w.heading(2, w.t("section.target-vs-actual", &[]));
        for (index, k) in d.kpis.iter().enumerate() {
            let picture = w.charts.bars.get_mut(index).and_then(Option::take);
            w.chart(&k.name, picture);
        }
    }
    if d.kpis.iter().any(|k| k.line.is_some()) {
        w.heading(2, w.t("section.trend", &[]));
        for (index, k) in d.kpis.iter().enumerate() {
            let picture = w.charts.lines.get_mut(index).and_then(Option::take);
            w.chart(&k.name, picture);
        }
    }
}

fn achievements(w: &mut Writer) {
    let d = w.d;
    if d.achievements.is_empty() {
        return;
    }
    w.heading(1, w.t("section.achievements", &[]));
    let separator = w.t("list.separator", &[]);
    for group in &d.achievement_groups {
        w.heading(2, group.name);
        for a in &group.items {
            let mut title = Para::new(Style::Heading3).text(a.title.clone());
            if let Some(period) = &a.period_text {
                title = title.styled(format!(" · {period}"), Look::small_muted(9));
            }
            w.push(title);
            if let Some(context) = &a.context {
                w.field(&w.t("field.context", &[]), context);
            }
            if let Some(actions) = &a.actions {
                w.field(&w.t("field.what-i-did", &[]), actions);
            }
            if !a.outcomes.is_empty() {
                let mut para = w.field_para(&w.t("field.outcomes", &[]));
                for (index, o) in a.outcomes.iter().enumerate() {
                    if index > 0 {
                        para = para.line_break();
                    }
                    para = para.text(format!("{}: ", o.metric));
                    if let Some(baseline) = &o.baseline_text {
                        para = para.text(format!("{baseline} → "));
                    }
                    if let Some(result) = &o.result_text {
                        para = para.bold(result.clone());
                    }
                    if let Some(change) = &o.change_text {
                        let ink = if o.improved == Some(false) {
                            Ink::Bad
                        } else {
                            Ink::Accent
                        };
                        para = para.styled(format!(" ({change})"), Look::ink(ink));
                    }
                }
                w.push(para);
            }
            let also: Vec<&str> = a.dimensions.iter().skip(1).map(|d| d.label).collect();
            w.field(&w.t("field.also-evidences", &[]), &also.join(&separator));
            w.field(&w.t("field.can-confirm", &[]), &a.attestors.join("; "));
            w.field(&w.t("field.evidence", &[]), &a.evidence.join("\n"));
        }
    }
}

fn initiatives(w: &mut Writer) {
    let d = w.d;
    if d.initiatives.is_empty() {
        return;
    }
    w.heading(1, w.t("section.initiatives", &[]));
    let separator = w.t("list.separator", &[]);
    let small_muted = Look::small_muted(8);
    let rows = d
        .initiatives
        .iter()
        .map(|i| {
            let mut name = Para::new(Style::Normal).bold(i.name.clone());
            if let Some(period) = &i.period_text {
                name = name.line_break().styled(period.clone(), small_muted);
            }
            let mut partners =
                Para::new(Style::Normal).text(i.partner_departments.join(&separator));
            if !i.partner_leaders.is_empty() {
                partners = partners
                    .line_break()
                    .styled(i.partner_leaders.join("; "), small_muted);
            }
            let outcome = match &i.outcome {
                Some(outcome) => Para::of(Style::Normal, outcome.clone()),
                None => Para::new(Style::Normal).muted("–"),
            };
            vec![
                vec![name],
                vec![Para::of(Style::Normal, i.role.label)],
                vec![partners],
                vec![outcome],
            ]
        })
        .collect();
    let header = w.headers(&[
        "table.initiative",
        "table.role",
        "table.partners",
        "table.outcome",
    ]);
    w.body
        .table(&Table::records(vec![26, 14, 27, 33], header, rows));
}

fn scope(w: &mut Writer) {
    let d = w.d;
    if d.scope.is_none() && d.people.is_none() {
        return;
    }
    w.heading(1, w.t("section.scope", &[]));
    if let Some(s) = &d.scope {
        let mut budget = w.t("figure.budget", &[]);
        if let Some(period) = &s.budget_period {
            budget.push(' ');
            budget.push_str(period);
        }
        if let Some(ownership) = &s.budget_ownership {
            budget.push_str(", ");
            budget.push_str(&w.t(&format!("ownership-inline.{}", ownership.id), &[]));
        }
        let headcount = match &s.headcount_by_text {
            Some(date) => w.t("figure.headcount-by", &[("date", date)]),
            None => w.t("figure.headcount", &[]),
        };
        w.figures(vec![
            (s.team_size_text.clone(), w.t("figure.people", &[])),
            (
                s.direct_reports_text.clone(),
                w.t("figure.direct-reports", &[]),
            ),
            (
                s.managers_text_short.clone(),
                w.t("figure.of-them-managers", &[]),
            ),
            (s.budget_text.clone(), budget),
            (s.headcount_text.clone(), headcount),
        ]);
        let separator = w.t("list.separator", &[]);
        w.field(&w.t("field.teams", &[]), &s.teams.join(&separator));
        if let Some(rationale) = &s.headcount_rationale {
            w.field(&w.t("field.headcount", &[]), rationale);
        }
        if !s.allocation_decisions.is_empty() {
            w.heading(2, w.t("section.allocation", &[]));
            for a in &s.allocation_decisions {
                w.push(dated_item(&a.decision, &a.date_text, &a.result));
            }
        }
    }
    if let Some(p) = &d.people {
        w.heading(2, w.t("section.people", &[]));
        w.field(&w.t("field.promoted", &[]), &p.promoted.join("\n"));
        w.field(&w.t("field.mentored", &[]), &p.mentored.join("\n"));
        w.field(&w.t("field.senior-hires", &[]), &p.senior_hires.join("\n"));
    }
}

/// A dated item (common.typ's dated-item): its title, its date, what came of it.
fn dated_item(title: &str, date: &Option<String>, result: &Option<String>) -> Para {
    let mut para = Para::new(Style::Normal).bold(title.to_string());
    if let Some(date) = date {
        para = para.muted(format!(" ({date})"));
    }
    if let Some(result) = result {
        para = para.line_break().text(result.clone());
    }
    para
}

fn vision(w: &mut Writer) {
    let d = w.d;
    let Some(vision) = &d.vision else { return };
    w.heading(1, w.t("section.vision", &[]));
    w.push(Para::new(Style::Quote).styled(
        vision.statement.clone(),
        Look {
            italic: true,
            ..Look::PLAIN
        },
    ));
    if let Some(horizon) = &vision.horizon_text {
        w.field(&w.t("field.horizon", &[]), horizon);
    }
    w.field(
        &w.t("field.serves", &[]),
        &vision.company_objectives.join("\n"),
    );
    if !vision.roadmap.is_empty() {
        w.heading(2, w.t("section.roadmap", &[]));
        for milestone in &vision.roadmap {
            let mut para = Para::new(Style::ListBullet);
            if let Some(date) = &milestone.date_text {
                para = para.styled(format!("{date}  "), Look::bold_ink(Ink::Accent));
            }
            w.push(para.text(milestone.text.clone()));
        }
    }
}

fn decisions(w: &mut Writer) {
    let d = w.d;
    if d.decisions.is_empty() && d.changes.is_empty() {
        return;
    }
    w.heading(1, w.t("section.decisions", &[]));
    for decision in &d.decisions {
        let mut title = Para::new(Style::Heading2).text(decision.title.clone());
        if let Some(date) = &decision.date_text {
            title = title.styled(format!(" · {date}"), Look::small_muted(9));
        }
        w.push(title);
        if let Some(context) = &decision.context {
            w.field(&w.t("field.situation", &[]), context);
        }
        w.field(
            &w.t("field.unknown-then", &[]),
            &decision.unknowns.join("\n"),
        );
        let options: Vec<String> = decision
            .options
            .iter()
            .enumerate()
            .map(|(i, o)| format!("{}. {o}", i + 1))
            .collect();
        w.field(&w.t("field.options", &[]), &options.join("\n"));
        if let Some(chosen) = &decision.decision {
            let para = w
                .field_para(&w.t("field.decision", &[]))
                .bold(chosen.clone());
            w.push(para);
        }
        if let Some(outcome) = &decision.outcome {
            w.field(&w.t("field.outcome", &[]), outcome);
        }
    }
    if !d.changes.is_empty() {
        w.heading(2, w.t("section.change-led", &[]));
        for change in &d.changes {
            w.push(dated_item(
                &change.change,
                &change.date_text,
                &change.outcome,
            ));
        }
    }
}

fn risks(w: &mut Writer) {
    let d = w.d;
    if d.risks.is_empty() {
        return;
    }
    w.heading(1, w.t("section.risks", &[]));
    let rows = d
        .risks
        .iter()
        .map(|r| {
            let mut risk = Para::new(Style::Normal).bold(r.risk.clone());
            if let Some(area) = &r.area {
                risk = risk.line_break().styled(area.clone(), Look::small_muted(8));
            }
            let mitigation = match &r.mitigation {
                Some(text) => Para::of(Style::Normal, text.clone()),
                None => Para::new(Style::Normal).muted("–"),
            };
            let status = match &r.status {
                Some(status) => Para::new(Style::Normal).styled(
                    status.label,
                    Look::bold_ink(if status.id == "open" {
                        Ink::Bad
                    } else {
                        Ink::Good
                    }),
                ),
                None => Para::new(Style::Normal),
            };
            vec![vec![risk], vec![mitigation], vec![status]]
        })
        .collect();
    let header = w.headers(&["table.risk", "table.mitigation", "table.status"]);
    w.body
        .table(&Table::records(vec![38, 47, 15], header, rows));
}

fn sponsors(w: &mut Writer) {
    let d = w.d;
    if d.visibility.is_empty() && d.sponsors.is_empty() && d.learning.is_empty() {
        return;
    }
    w.heading(1, w.t("section.sponsors-visibility", &[]));
    let small_muted = Look::small_muted(9);
    if !d.sponsors.is_empty() {
        w.heading(2, w.t("section.sponsors", &[]));
        for s in &d.sponsors {
            let mut para = Para::new(Style::Normal)
                .bold(s.name.clone())
                .line_break()
                .styled(format!("{} · {}", s.title, s.level.label), small_muted);
            if let Some(relationship) = &s.relationship {
                para = para.line_break().styled(
                    relationship.clone(),
                    Look {
                        italic: true,
                        ..Look::PLAIN
                    },
                );
            }
            if !s.can_attest.is_empty() {
                para = para
                    .line_break()
                    .text(w.t("field.can-attest", &[("list", &s.can_attest.join("; "))]));
            }
            w.push(para);
        }
    }
    if !d.visibility.is_empty() {
        w.heading(2, w.t("section.visibility", &[]));
        for item in &d.visibility {
            let mut para = Para::new(Style::ListBullet)
                .bold(item.topic.clone())
                .styled(
                    format!(
                        " · {} ({}), {}",
                        item.audience, item.level.label, item.date_text
                    ),
                    small_muted,
                );
            if let Some(outcome) = &item.outcome {
                para = para.line_break().text(outcome.clone());
            }
            w.push(para);
        }
    }
    if !d.learning.is_empty() {
        w.heading(2, w.t("section.learning", &[]));
        for item in &d.learning {
            let mut para = Para::new(Style::ListBullet).text(item.topic.clone());
            if let Some(provider) = &item.provider {
                para = para.text(format!(", {provider}"));
            }
            if let Some(date) = &item.date_text {
                para = para.styled(format!(" ({date})"), small_muted);
            }
            w.push(para);
        }
    }
}

fn succession(w: &mut Writer) {
    let d = w.d;
    let Some(s) = &d.succession else { return };
    w.heading(1, w.t("section.succession", &[]));
    if !s.successors.is_empty() {
        let key = if s.covered_by_target {
            "succession.covered"
        } else {
            "succession.not-covered"
        };
        w.push(Para::of(
            Style::Normal,
            w.t(key, &[("date", &d.ask.target_date_text)]),
        ));
    }
    if let Some(timeline) = w.charts.timeline.take() {
        let index = w.body.add_picture(timeline);
        w.push(Para::new(Style::Normal).picture(index));
    }
    for person in &s.successors {
        w.push(Para::new(Style::Heading2).text(person.name.clone()).styled(
            format!(" · {} · {}", person.current_role, person.readiness_text),
            Look::small_muted(9),
        ));
        w.field(&w.t("field.would-cover", &[]), &person.covers.join("\n"));
        if !person.development.is_empty() {
            let mut para = w.field_para(&w.t("field.development", &[]));
            for (index, step) in person.development.iter().enumerate() {
                if index > 0 {
                    para = para.line_break();
                }
                para = para.text(step.text.clone());
                if let Some(date) = &step.date_text {
                    para = para.muted(format!(
                        " ({})",
                        w.t("succession.by-date", &[("date", date)])
                    ));
                }
            }
            w.push(para);
        }
    }
    if let Some(plan) = &s.interim_plan {
        w.heading(2, w.t("section.interim", &[]));
        w.push(Para::of(Style::Normal, plan.clone()));
    }
}

fn appendix(w: &mut Writer) {
    let d = w.d;
    let r = &d.report.readiness;
    w.push(Para::new(Style::Heading1).unnumbered().text(format!(
        "{}  {}",
        w.t("section.appendix", &[("letter", "A")]),
        w.t("section.readiness", &[])
    )));
    let mut assessed = w.t(
        "appendix.assessed",
        &[
            ("level", &r.level),
            ("tool", "promocase check"),
            ("score", &r.score.to_string()),
        ],
    );
    if !r.blocked_by.is_empty() {
        assessed.push_str(&w.t(
            "appendix.blocked",
            &[
                ("rules", &r.blocked_by.join(", ")),
                ("cap", &r.cap.to_string()),
            ],
        ));
    }
    assessed.push('.');
    w.push(Para::of(Style::Normal, assessed).keep_next());
    let rows = r
        .dimensions
        .iter()
        .map(|dimension| {
            let ink = match dimension.status.id {
                "evidenced" => Ink::Good,
                "thin" => Ink::Caution,
                _ => Ink::Bad,
            };
            vec![
                vec![Para::new(Style::Normal).bold(dimension.name)],
                vec![Para::new(Style::Normal).styled(dimension.status.label, Look::bold_ink(ink))],
                vec![Para::of(Style::Normal, dimension.evidence.join("; "))],
            ]
        })
        .collect();
    let header = w.headers(&["table.dimension", "table.status", "table.evidence"]);
    w.body
        .table(&Table::records(vec![27, 17, 56], header, rows));
    if !r.top_gaps.is_empty() {
        w.heading(2, w.t("section.gaps", &[]));
        let gaps: Vec<&str> = r.top_gaps.iter().map(|g| g.message.as_str()).collect();
        w.bullets(&gaps);
    }
    let findings: Vec<_> = d
        .report
        .findings
        .iter()
        .filter(|f| f.severity != crate::diagnostic::Severity::Info)
        .collect();
    if !findings.is_empty() {
        w.heading(2, w.t("section.findings", &[]));
        for f in findings {
            let ink = if f.severity == crate::diagnostic::Severity::Error {
                Ink::Bad
            } else {
                Ink::Caution
            };
            let mut para = Para::new(Style::ListBullet)
                .styled(f.severity_text, Look::bold_ink(ink))
                .text(format!(": {}", f.message));
            if let Some(line) = f.line {
                para = para.muted(format!(
                    " ({})",
                    w.t("appendix.line", &[("line", &line.to_string())])
                ));
            }
            w.push(para);
        }
    }
}
