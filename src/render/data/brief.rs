//! The one-page brief's texts, cut to what one page holds (the talking
//! points, at most two pages, print the same cut texts). The brief must
//! stay one readable page for any case that loads: `fit-to-page` shrinks the
//! type a little, and past that, a field longer than its budget here is cut at
//! a word with an ellipsis, and `build` warns at the field (never a silent
//! loss, never text printed over text).

use super::views::{BriefView, Impact};
use crate::diagnostic::{Diagnostic, Severity};
use crate::locale::Locale;
use crate::model::{Case, LoadedCase};

/// How many characters each field of the brief may take.
mod budget {
    pub const NAME: usize = 60;
    pub const TITLE: usize = 90;
    pub const AUDIENCE: usize = 120;
    pub const WHY_NOW: usize = 420;
    pub const PROBLEM: usize = 170;
    pub const SUPPORT: usize = 150;
    pub const INTERIM: usize = 220;
    pub const IMPACT_TITLE: usize = 100;
    pub const KPI_NAME: usize = 70;
    pub const KPI_NOTE: usize = 200;
    pub const SUCCESSOR: usize = 60;
    /// The brief lists at most this many problems, requests and successors.
    pub const ITEMS: usize = 3;
}

/// A field the brief had to cut.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shortened {
    pub pointer: String,
    pub budget: usize,
}

/// `text` cut at the last word that fits `budget` characters, with "…".
pub fn shorten(text: &str, budget: usize) -> (String, bool) {
    let text = text.trim();
    if text.chars().count() <= budget {
        return (text.to_string(), false);
    }
    let mut kept: String = text.chars().take(budget.saturating_sub(1)).collect();
    if let Some(space) = kept.rfind(char::is_whitespace)
        && space > kept.len() / 2
    {
        kept.truncate(space);
    }
    let kept = kept.trim_end_matches(|c: char| c.is_whitespace() || ",;:.–-".contains(c));
    (format!("{kept}…"), true)
}

/// Collects the cuts while the view is built.
struct Cutter {
    shortened: Vec<Shortened>,
}

impl Cutter {
    fn cut(&mut self, pointer: String, text: &str, budget: usize) -> String {
        let (kept, cut) = shorten(text, budget);
        if cut {
            self.shortened.push(Shortened { pointer, budget });
        }
        kept
    }
}

/// The brief's view of a case, and what it cut.
pub fn view(l: &Locale, case: &Case, impacts: &[Impact]) -> (BriefView, Vec<Shortened>) {
    let mut cutter = Cutter {
        shortened: Vec::new(),
    };
    let c = &case.candidate;
    let audience = c.audience.as_ref().map(|a| {
        let text = match a.title.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
            Some(title) => l.text(
                "brief.audience-title",
                &[("name", &a.name), ("title", title)],
            ),
            None => l.text("brief.audience", &[("name", &a.name)]),
        };
        cutter.cut("/candidate/audience/title".into(), &text, budget::AUDIENCE)
    });
    let first = |items: &[String]| -> Vec<(usize, String)> {
        items
            .iter()
            .take(budget::ITEMS)
            .cloned()
            .enumerate()
            .collect()
    };
    let successors = case
        .succession
        .as_ref()
        .map_or(&[][..], |s| s.successors.as_slice());
    let name = cutter.cut("/candidate/name".into(), &c.name, budget::NAME);
    let target_title = cutter.cut(
        "/candidate/target_title".into(),
        &c.target_title,
        budget::TITLE,
    );
    let view = BriefView {
        ask: super::ask_sentence(l, &case.ask, &name, &target_title),
        key_kpis: super::key_kpis(&case.kpis, 5),
        name,
        current_title: cutter.cut(
            "/candidate/current_title".into(),
            &c.current_title,
            budget::TITLE,
        ),
        target_title,
        audience,
        why_now: case
            .ask
            .why_now
            .as_deref()
            .map(str::trim)
            .filter(|w| !w.is_empty())
            .map(|w| cutter.cut("/ask/why_now".into(), w, budget::WHY_NOW)),
        problems: first(&case.ask.problems_to_solve)
            .into_iter()
            .map(|(i, p)| cutter.cut(format!("/ask/problems_to_solve/{i}"), &p, budget::PROBLEM))
            .collect(),
        support_requested: first(&case.ask.support_requested)
            .into_iter()
            .map(|(i, p)| cutter.cut(format!("/ask/support_requested/{i}"), &p, budget::SUPPORT))
            .collect(),
        interim_plan: case
            .succession
            .as_ref()
            .and_then(|s| s.interim_plan.as_deref())
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(|p| cutter.cut("/succession/interim_plan".into(), p, budget::INTERIM)),
        impacts: impacts
            .iter()
            .map(|impact| Impact {
                title: cutter.cut(impact.pointer.clone(), &impact.title, budget::IMPACT_TITLE),
                ..impact.clone()
            })
            .collect(),
        kpi_names: case
            .kpis
            .iter()
            .enumerate()
            .map(|(i, k)| cutter.cut(format!("/kpis/{i}/name"), &k.name, budget::KPI_NAME))
            .collect(),
        // Only the talking points quote notes, as a reminder to the candidate,
        // whose own text it is; the brief prints none, so a cut is no warning.
        kpi_notes: case
            .kpis
            .iter()
            .map(|k| {
                k.note
                    .as_deref()
                    .map(str::trim)
                    .filter(|n| !n.is_empty())
                    .map(|n| shorten(n, budget::KPI_NOTE).0)
            })
            .collect(),
        successor_names: successors
            .iter()
            .enumerate()
            .map(|(i, s)| {
                cutter.cut(
                    format!("/succession/successors/{i}/name"),
                    &s.name,
                    budget::SUCCESSOR,
                )
            })
            .collect(),
        successor_roles: successors
            .iter()
            .enumerate()
            .map(|(i, s)| {
                cutter.cut(
                    format!("/succession/successors/{i}/current_role"),
                    &s.current_role,
                    budget::SUCCESSOR,
                )
            })
            .collect(),
    };
    (view, cutter.shortened)
}

/// A warning at each field the brief cut, for `build` to print.
pub fn warnings(loaded: &LoadedCase, shortened: &[Shortened]) -> Vec<Diagnostic> {
    shortened
        .iter()
        .map(|cut| {
            let mut warning = Diagnostic::error(
                "brief-shortened",
                &loaded.source,
                format!(
                    "the one-page brief shows only the first {} characters of this text",
                    cut.budget
                ),
            )
            .at(loaded.locations.value(&cut.pointer))
            .with_label("cut with …")
            .with_hint("the proposal prints it whole; for the brief, lead with the point in a sentence or two");
            warning.severity = Severity::Warning;
            warning
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_text_is_cut_at_a_word_with_an_ellipsis() {
        assert_eq!(
            shorten("Short enough", 20),
            ("Short enough".to_string(), false)
        );
        let (cut, was_cut) = shorten(
            "Marketing now sources 41% of new ARR, yet it has no seat",
            30,
        );
        assert!(was_cut);
        assert_eq!(cut, "Marketing now sources 41% of…");
        assert!(cut.chars().count() <= 30);
        // One long word is cut inside it rather than left whole.
        let (cut, _) = shorten(&"x".repeat(50), 10);
        assert_eq!(cut.chars().count(), 10);
    }
}
