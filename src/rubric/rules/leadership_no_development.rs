//! `leadership-no-development`: no promotions, mentees or senior hires.
//! Growing other leaders is what makes a manager's team outlast them.

use crate::rubric::rule::prelude::*;

pub const RULE: Rule = Rule {
    id: "leadership-no-development",
    dimension: Some(Dimension::Leadership),
    builtin: BuiltinSeverity {
        senior_manager: RuleSetting::Warning,
        director: RuleSetting::Warning,
        vp: RuleSetting::Warning,
    },
    summary: "No people-development outcome: nobody promoted, mentored or hired at senior level",
    explanation: r#"
    The people you have grown are the strongest proof that you can lead leaders. A case that
    never names a promotion, a mentee or a senior hire leaves an executive wondering whether the
    team depends on you alone, which is also why managers without successors stay stuck.

    Good evidence: `people_development` with named promotions (from, to, date), mentees and what
    came of it, and senior hires.
"#,
    example: r#"people_development:
  promoted:
    - {name: Lena Vogt, from: Specialist, to: Team Lead, date: 2025-01}
  mentored:
    - {name: Omar Haddad, role: Team Lead, outcome: Runs the weekly pipeline review}
"#,
    texts: &[
        (
            "message",
            "The case shows {outcomes} of people you developed (at least {minimum} expected): executives read this as a team that depends on you",
        ),
        ("outcomes.one", "{count} outcome"),
        ("outcomes.other", "{count} outcomes"),
        (
            "hint",
            "add `people_development:` with the people you promoted, mentored or hired at senior level, each with a date or an outcome",
        ),
    ],
    check,
};

fn check(ctx: &CheckContext<'_>, out: &mut Emitter<'_>) {
    let minimum = ctx.thresholds().min_development_outcomes as usize;
    let count = ctx.case.people_development.as_ref().map_or(0, |p| {
        p.promoted.len() + p.mentored.len() + p.senior_hires.len()
    });
    if count < minimum {
        let outcomes = out.say_count("outcomes", count, &[]);
        let message = out.say(
            "message",
            &[
                ("outcomes", &outcomes),
                ("minimum", &format::count(ctx.locale, minimum as u64)),
            ],
        );
        out.at("/people_development", message, out.say("hint", &[]));
    }
}
