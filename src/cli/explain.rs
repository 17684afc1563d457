//! `promocase explain RULE`: the long explanation of a rule, written for the
//! manager: why it matters one level up, what good evidence looks like, and a
//! YAML snippet that satisfies it. An unknown id suggests the nearest.

use clap::Args;

use super::{Output, exit};
use promocase::rubric::docs::Explanation;
use promocase::rubric::rules::{RULES, find};

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The rule id, as `promocase rules` lists it.
    #[arg(value_name = "RULE")]
    pub rule: String,
}

pub fn run(args: &ExplainArgs, out: &Output) -> u8 {
    let Some(rule) = find(args.rule.trim()) else {
        let suggestion = promocase::suggest::closest(&args.rule, RULES.iter().map(|r| r.id))
            .map(|best| format!("did you mean `{best}`? "))
            .unwrap_or_default();
        out.message(&format!(
            "error: there is no rule `{}`\n  hint: {suggestion}`promocase rules` lists every rule",
            args.rule
        ));
        return exit::BAD_INPUT;
    };
    let explanation = Explanation::of(rule);
    let example: String = explanation
        .example
        .lines()
        .map(|line| format!("    {line}\n"))
        .collect();
    let paragraphs: Vec<String> = explanation.paragraphs.iter().map(|p| wrap(p, 78)).collect();
    out.raw(&format!(
        "{}: {}\n\nDimension: {}\nSeverity: {}\n\n{}\n\nA case that satisfies it:\n\n{example}",
        explanation.id,
        explanation.summary,
        explanation.dimension,
        explanation.severity_line(),
        paragraphs.join("\n\n")
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
