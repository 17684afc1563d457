//! The talking points as a Word document, as `templates/talking-points.typ`
//! lays them out: the path, what the role would solve, the ask, questions to
//! ask, likely objections with the evidence that answers them, and the close.

use super::Writer;
use super::xml::{Ink, Look, Para, Style};

/// Writes the body; returns the header's and the footer's paragraphs.
pub fn write(w: &mut Writer) -> (Vec<Para>, Vec<Para>) {
    let d = w.d;
    let c = &d.candidate;
    let b = &d.brief;
    let exec = c
        .audience_name
        .clone()
        .filter(|name| !name.is_empty())
        .unwrap_or_else(|| w.t("talk.executive", &[]));
    let separator = w.t("list.separator", &[]);

    w.push(Para::of(Style::Title, w.t("document.talking-points", &[])));
    w.push(Para::of(
        Style::Subtitle,
        format!("{} · {} → {}", b.name, b.current_title, b.target_title),
    ));
    let mut executive = exec.clone();
    if let Some(title) = c.audience_title.as_ref().filter(|t| !t.is_empty()) {
        executive.push_str(&format!(", {title}"));
    }
    w.push(Para::new(Style::Normal).muted(format!(
        "{} · {}",
        w.t("talk.for", &[("executive", &executive)]),
        d.meta.as_of_text
    )));
    w.push(Para::new(Style::Normal).styled(
        w.t("talk.intro", &[]),
        Look {
            italic: true,
            ink: Some(Ink::Muted),
            ..Look::PLAIN
        },
    ));

    w.heading(1, format!("1 · {}", w.t("talk.section.path", &[])));
    let mut path = match &c.years_in_management_text {
        Some(years) => w.t(
            "talk.path-years",
            &[
                ("title", &b.target_title),
                ("date", &d.ask.target_date_in_text),
                ("years", years),
            ],
        ),
        None => w.t(
            "talk.path",
            &[
                ("title", &b.target_title),
                ("date", &d.ask.target_date_in_text),
            ],
        ),
    };
    if d.ask.role_exists == Some(false) {
        path.push(' ');
        path.push_str(&w.t("talk.role-not-exists", &[]));
    }
    w.push(Para::of(Style::Quote, path));
    if let Some(why) = &b.why_now {
        w.push(
            Para::new(Style::Normal)
                .bold(format!("{} ", w.t("talk.why-now", &[])))
                .text(why.clone()),
        );
    }

    if !b.problems.is_empty() || d.vision.is_some() {
        w.heading(1, format!("2 · {}", w.t("talk.section.solve", &[])));
        w.bullets(&b.problems);
        if let Some(vision) = &d.vision {
            let mut para = Para::new(Style::Normal)
                .bold(format!("{} ", w.t("talk.moves-forward", &[])))
                .text(vision.statement.clone());
            if !vision.company_objectives.is_empty() {
                let first: Vec<&str> = vision
                    .company_objectives
                    .iter()
                    .take(3)
                    .map(String::as_str)
                    .collect();
                para = para
                    .line_break()
                    .muted(w.t("talk.serves", &[("list", &first.join("; "))]));
            }
            w.push(para);
        }
        if !b.impacts.is_empty() {
            w.push(Para::new(Style::Normal).bold(w.t("talk.already-shown", &[])));
            let impacts: Vec<String> = b
                .impacts
                .iter()
                .map(|i| {
                    format!(
                        "{} ({}: {} → {}, {})",
                        i.title, i.metric, i.from_text, i.to_text, i.change_text
                    )
                })
                .collect();
            w.bullets(&impacts);
        }
    }

    w.heading(1, format!("3 · {}", w.t("talk.section.ask", &[])));
    if b.support_requested.is_empty() {
        w.push(Para::new(Style::Normal).styled(
            w.t("talk.no-support", &[("executive", &exec)]),
            Look::ink(Ink::Bad),
        ));
    } else {
        w.numbered(&b.support_requested);
    }

    w.heading(1, format!("4 · {}", w.t("talk.section.questions", &[])));
    let mut questions = vec![
        w.t("talk.question.see", &[]),
        w.t(
            "talk.question.need",
            &[("date", &d.ask.target_date_in_text)],
        ),
        w.t("talk.question.weakest", &[]),
        w.t("talk.question.who-else", &[]),
    ];
    if d.ask.role_exists == Some(false) {
        questions.push(w.t("talk.question.shape-role", &[("title", &b.target_title)]));
    }
    w.numbered(&questions);

    w.heading(1, format!("5 · {}", w.t("talk.section.objections", &[])));
    // KPIs with the brief's names and notes.
    let kpis: Vec<(usize, &super::KpiView)> = d.kpis.iter().enumerate().collect();
    let name = |index: usize| {
        b.kpi_names
            .get(index)
            .cloned()
            .unwrap_or_else(|| d.kpis[index].name.clone())
    };
    let mut need: Vec<String> = b.problems.iter().take(2).cloned().collect();
    need.extend(b.why_now.clone());
    objection(w, &w.t("talk.objection.need", &[]), &need);

    let mut wide: Vec<String> = kpis
        .iter()
        .filter(|(_, k)| k.business_wide && k.status.id == "met")
        .take(3)
        .map(|(index, k)| {
            w.t(
                "talk.kpi-against-target",
                &[
                    ("name", &name(*index)),
                    ("actual", k.actual_text.as_deref().unwrap_or("")),
                    ("target", k.target_text.as_deref().unwrap_or("")),
                ],
            )
        })
        .collect();
    wide.extend(
        d.initiatives
            .iter()
            .filter(|i| i.role.id == "led")
            .take(2)
            .map(|i| {
                if i.partners_beyond_name.is_empty() {
                    w.t("talk.led", &[("name", &i.name)])
                } else {
                    w.t(
                        "talk.led-with",
                        &[
                            ("name", &i.name),
                            ("partners", &i.partners_beyond_name.join(&separator)),
                        ],
                    )
                }
            }),
    );
    objection(w, &w.t("talk.objection.whole-business", &[]), &wide);

    let mut scope: Vec<(String, bool)> = Vec::new();
    if let Some(s) = &d.scope {
        if s.managers_among_reports == Some(0) {
            scope.push((w.t("talk.no-managers", &[]), true));
        } else if let Some(text) = &s.managers_text {
            scope.push((text.clone(), false));
        }
        if let Some(amount) = &s.budget_text {
            let ownership = s
                .budget_ownership
                .as_ref()
                .map(|o| w.t(&format!("ownership-inline.{}", o.id), &[]))
                .unwrap_or_default();
            let mut text = w.t(
                "talk.budget",
                &[("amount", amount), ("ownership", &ownership)],
            );
            if let Some(period) = &s.budget_period {
                text.push_str(&format!(" ({period})"));
            }
            scope.push((text, false));
        }
        if let Some(decision) = s.allocation_decisions.first() {
            let mut text = decision.decision.clone();
            if let Some(result) = &decision.result {
                text.push_str(&format!(": {result}"));
            }
            scope.push((text, false));
        }
    }
    objection_marked(w, &w.t("talk.objection.managers-budget", &[]), &scope);

    let mut successor: Vec<String> = Vec::new();
    if let Some(s) = &d.succession {
        for (index, person) in s.successors.iter().take(3).enumerate() {
            let who = b.successor_names.get(index).unwrap_or(&person.name);
            let role = b.successor_roles.get(index).unwrap_or(&person.current_role);
            successor.push(format!("{who} ({role}): {}", person.readiness_text));
        }
        successor.extend(b.interim_plan.clone());
    }
    objection(w, &w.t("talk.objection.successor", &[]), &successor);

    let mut missed: Vec<(usize, &super::KpiView)> = kpis
        .iter()
        .filter(|(_, k)| k.status.id == "missed")
        .copied()
        .collect();
    if !missed.is_empty() {
        let question = if missed.len() == 1 {
            w.t("talk.objection.missed-one", &[("name", &name(missed[0].0))])
        } else {
            d.talk.missed_many.clone()
        };
        let count = missed.len();
        // The three largest misses are the ones to explain.
        missed.sort_by(|a, b| {
            let (a, b) = (
                a.1.shortfall_percent.unwrap_or(0.0),
                b.1.shortfall_percent.unwrap_or(0.0),
            );
            b.total_cmp(&a)
        });
        let mut evidence: Vec<Para> = missed
            .iter()
            .take(3)
            .map(|(index, k)| {
                let note = b
                    .kpi_notes
                    .get(*index)
                    .cloned()
                    .flatten()
                    .unwrap_or_else(|| w.t("talk.missed-learned", &[]));
                Para::new(Style::ListBullet)
                    .bold(format!("{}: ", name(*index)))
                    .text(format!(
                        "{} {note}",
                        w.t(
                            "talk.missed-against",
                            &[
                                ("actual", k.actual_text.as_deref().unwrap_or("")),
                                ("target", k.target_text.as_deref().unwrap_or("")),
                            ],
                        )
                    ))
            })
            .collect();
        if count > 3 {
            evidence.push(Para::of(Style::ListBullet, d.talk.more_missed.clone()));
        }
        w.push(
            Para::new(Style::Normal)
                .keep_next()
                .bold(format!("“{question}”")),
        );
        w.body.push_all(evidence);
    }

    let gaps = &d.report.readiness.top_gaps;
    if !gaps.is_empty() {
        w.heading(2, w.t("talk.gaps", &[]));
        w.push(
            Para::new(Style::Normal).muted(w.t("talk.gaps-note", &[("tool", "promocase check")])),
        );
        let messages: Vec<&str> = gaps.iter().map(|g| g.message.as_str()).collect();
        w.bullets(&messages);
    }

    w.heading(1, format!("6 · {}", w.t("talk.section.close", &[])));
    let mut close = Para::new(Style::Quote).text(w.t(
        "talk.close",
        &[("date", &d.ask.target_date_in_text), ("executive", &exec)],
    ));
    if !d.sponsors.is_empty() {
        let sponsors: Vec<String> = d
            .sponsors
            .iter()
            .take(3)
            .map(|s| format!("{} ({})", s.name, s.title))
            .collect();
        close = close
            .line_break()
            .text(w.t("talk.sponsors", &[("list", &sponsors.join(&separator))]));
    }
    w.push(close);

    let header = Para::new(Style::Header)
        .text(format!(
            "{} · {}",
            w.t("document.talking-points", &[]),
            b.name
        ))
        .tab()
        .text(w.t("talk.header", &[("executive", &exec)]));
    (vec![header], vec![w.footer()])
}

/// An objection the executive may raise, and the evidence that answers it.
fn objection(w: &mut Writer, question: &str, evidence: &[String]) {
    let marked: Vec<(String, bool)> = evidence.iter().map(|e| (e.clone(), false)).collect();
    objection_marked(w, question, &marked);
}

/// As [`objection`], with evidence that reads as a warning in red.
fn objection_marked(w: &mut Writer, question: &str, evidence: &[(String, bool)]) {
    w.push(
        Para::new(Style::Normal)
            .keep_next()
            .bold(format!("“{question}”")),
    );
    if evidence.is_empty() {
        w.push(Para::new(Style::Normal).styled(w.t("talk.no-evidence", &[]), Look::ink(Ink::Bad)));
    }
    for (text, warning) in evidence {
        let look = if *warning {
            Look::ink(Ink::Bad)
        } else {
            Look::PLAIN
        };
        w.push(Para::new(Style::ListBullet).styled(text.clone(), look));
    }
}
