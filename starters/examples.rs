// How the starter templates' commented examples are switched on: included by
// src/starter.rs and by build.rs (which reads every template that way at build
// time), so both do it the same way: one definition.

/// The starter `text` with its commented example sections switched on
/// (`# scope:` opens one, `#   team_size: 18` continues it): every text the
/// starter offers, as a case that uses them all.
pub fn with_examples_switched_on(text: &str) -> String {
    let mut out = String::new();
    let mut in_section = false;
    for line in text.lines() {
        let body = line.strip_prefix("# ");
        let starts_section = body.is_some_and(|b| {
            b.split_once(':').is_some_and(|(key, _)| {
                !key.is_empty() && key.chars().all(|c| c.is_ascii_lowercase() || c == '_')
            })
        });
        in_section = starts_section || (in_section && line.starts_with("#  "));
        match body {
            Some(body) if in_section => out.push_str(body),
            _ => out.push_str(line),
        }
        out.push('\n');
    }
    out
}
