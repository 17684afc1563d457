//! `cross-functional-narrow`: the work stays inside one department. Counts
//! distinct partner departments across initiatives, not counting the
//! candidate's own; threshold `min_partner_departments`.

use std::collections::BTreeSet;

use crate::rubric::rule::prelude::*;

pub const RULE: Rule = Rule {
    id: "cross-functional-narrow",
    dimension: Some(Dimension::CrossFunctional),
    builtin: BuiltinSeverity {
        senior_manager: RuleSetting::Warning,
        director: RuleSetting::Error,
        vp: RuleSetting::Error,
    },
    summary: "Initiatives involve fewer other departments than the level expects",
    explanation: r#"
    Limited cross-departmental influence is one of the main reasons managers stay stuck.
    Directors get results through peers they do not manage: Sales, Finance, Product, Operations.
    A case where all the work happens inside your own department says you run it well, not that
    you can lead across the business.

    Good evidence: `initiatives` with the partner departments and their leaders by name, your
    role, and the outcome.
"#,
    example: r#"initiatives:
  - name: Lead-to-cash handover
    partner_departments: [Sales, Finance, Customer Service]
    partner_leaders:
      - {name: Marta Ruiz, title: VP Sales}
    role: led
    outcome: Lead response time down from 3 days to 4 hours
    period: {start: 2025-02, end: 2025-07}
"#,
    texts: &[
        (
            "no-initiatives",
            "The case shows no work with other departments; at this level executives look for influence across at least {minimum} departments you do not manage",
        ),
        (
            "inside",
            "Your initiatives stay inside your own department; at this level executives look for influence across at least {minimum} departments you do not manage",
        ),
        (
            "too-few",
            "Your initiatives reach {departments}; at this level executives look for influence across at least {minimum} departments you do not manage",
        ),
        ("departments.one", "{count} other department"),
        ("departments.other", "{count} other departments"),
        (
            "hint",
            "add `initiatives:` you ran with other departments, naming `partner_departments`, their leaders and your role",
        ),
    ],
    check,
};

fn check(ctx: &CheckContext<'_>, out: &mut Emitter<'_>) {
    let minimum = ctx.thresholds().min_partner_departments as usize;
    if minimum == 0 {
        return;
    }
    // The candidate's own department is no partner, however it is written:
    // "Marketing", "marketing department", or the track's name when the case
    // names no department.
    let candidate = &ctx.case.candidate;
    let own: BTreeSet<String> = candidate
        .department
        .as_deref()
        .into_iter()
        .chain([candidate.track.label()])
        .map(department_key)
        .filter(|d| !d.is_empty())
        .collect();
    let partners: BTreeSet<String> = ctx
        .case
        .initiatives
        .iter()
        .flat_map(|i| i.partner_departments.iter())
        .map(|d| department_key(d))
        .filter(|d| !d.is_empty() && !own.contains(d))
        .collect();
    if partners.len() < minimum {
        let minimum = format::count(ctx.locale, minimum as u64);
        let message = if ctx.case.initiatives.is_empty() {
            out.say("no-initiatives", &[("minimum", &minimum)])
        } else if partners.is_empty() {
            out.say("inside", &[("minimum", &minimum)])
        } else {
            let departments = out.say_count("departments", partners.len(), &[]);
            out.say("too-few", &[("departments", &departments), ("minimum", &minimum)])
        };
        out.at("/initiatives", message, out.say("hint", &[]));
    }
}

/// A department's name reduced to what identifies it: lower case, without
/// "department", "team" or "the", "&" read as "and".
fn department_key(name: &str) -> String {
    name.to_lowercase()
        .replace('&', " and ")
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !matches!(*w, "department" | "dept" | "team" | "the" | "function"))
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::department_key;

    #[test]
    fn a_department_is_known_however_it_is_written() {
        assert_eq!(department_key("Marketing department"), department_key("marketing"));
        assert_eq!(department_key("The Sales team"), "sales");
        assert_eq!(department_key("Sales & Marketing"), "sales and marketing");
        assert_ne!(department_key("Sales"), department_key("Marketing"));
    }
}
