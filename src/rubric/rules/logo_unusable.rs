//! `logo-unusable`: a `branding.logo` that `build` would refuse: missing,
//! outside the case's folder, a link out of it, not a regular file, too
//! large, or not the image its name says. The checks are [`crate::logo`]'s,
//! the same `build` runs, so `check` never gives an all-clear that `build`
//! then takes back.

use crate::rubric::rule::prelude::*;

pub const RULE: Rule = Rule {
    id: "logo-unusable",
    dimension: None,
    builtin: BuiltinSeverity {
        senior_manager: RuleSetting::Error,
        director: RuleSetting::Error,
        vp: RuleSetting::Error,
    },
    summary: "The logo is missing, outside the case's folder, or not an image, so build would refuse it",
    explanation: r#"
    The logo in `branding:` goes on every page of the documents, so `build` reads it, and
    refuses one it cannot use: a path that does not exist, one outside the case's folder (or a
    link that leads out of it), a folder or device, a file over 10 MB, or a document that is not
    the image its name says. Finding out only when the documents are due is the worst moment;
    `check` says it first.

    Good evidence: a PNG, JPEG, GIF, SVG or WebP file next to the case file, named relative to
    it, or no `logo:` at all.
"#,
    example: r##"branding:
  accent_color: "#1F4E79"
"##,
    texts: &[("message", "{problem}: `build` would refuse it")],
    check,
};

fn check(ctx: &CheckContext<'_>, out: &mut Emitter<'_>) {
    let Some(logo) = ctx.case.branding.as_ref().and_then(|b| b.logo.as_deref()) else {
        return;
    };
    let usable = crate::logo::find(&ctx.loaded.source.path, logo)
        .and_then(|file| crate::logo::sniff(&file));
    if let Err(problem) = usable {
        out.at_value(
            "/branding/logo",
            out.say("message", &[("problem", &capitalised(&problem.message(ctx.locale)))]),
            problem.hint(ctx.locale),
        );
    }
}

/// "the logo …" → "The logo …".
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
