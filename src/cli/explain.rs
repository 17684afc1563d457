//! `promocase explain RULE`: the long explanation of a rule, written for the
//! manager: why it matters one level up, what good evidence looks like, and a
//! YAML snippet that satisfies it, in English or the language `--lang` names.
//! An unknown id suggests the nearest.

use clap::Args;

use super::shared::parse_language;
use super::{Output, exit};
use promocase::model::LanguageTag;
use promocase::rubric::docs::Explanation;
use promocase::rubric::rules::{RULES, find};

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The rule id, as `promocase rules` lists it.
    #[arg(value_name = "RULE")]
    pub rule: String,
    /// The language to explain it in, as a tag (de, fr, he, …); English by default.
    #[arg(long, value_name = "TAG", value_parser = parse_language)]
    pub lang: Option<LanguageTag>,
}

pub fn run(args: &ExplainArgs, out: &Output) -> u8 {
    let locale =
        promocase::locale::shared(&promocase::locale::language_of(args.lang.as_ref(), None));
    let Some(rule) = find(args.rule.trim()) else {
        let suggestion = promocase::suggest::closest(&args.rule, RULES.iter().map(|r| r.id))
            .map(|best| locale.text("check.did-you-mean", &[("best", best)]))
            .unwrap_or_default();
        // "error" and "hint" stay as they are in every language, as in every
        // message of the terminal: scripts and editors look for them.
        out.message(&format!(
            "error: {}\n  hint: {}",
            locale.text("check.no-rule", &[("rule", &args.rule)]),
            locale.text("check.no-rule-hint", &[("suggestion", &suggestion)]),
        ));
        return exit::BAD_INPUT;
    };
    let explanation = Explanation::of(rule, &locale);
    let example: String = explanation
        .example
        .lines()
        .map(|line| format!("    {line}\n"))
        .collect();
    let paragraphs: Vec<String> = explanation.paragraphs.iter().map(|p| wrap(p, 78)).collect();
    out.raw(&format!(
        "{}: {}\n\n{}: {}\n{}: {}\n\n{}\n\n{}\n\n{example}",
        explanation.id,
        explanation.summary,
        explanation.words.dimension,
        explanation.dimension,
        explanation.words.severity,
        explanation.severity_line(),
        paragraphs.join("\n\n"),
        explanation.words.example_intro,
    ));
    exit::OK
}

/// Breaks a paragraph into lines of at most `width` characters, at spaces.
fn wrap(paragraph: &str, width: usize) -> String {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in paragraph.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines.join("\n")
}
