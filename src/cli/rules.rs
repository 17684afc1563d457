//! `promocase rules`: list every rule with its severity at each built-in
//! level and its summary, as a table, as Markdown (the README section) or as JSON.

use clap::{Args, ValueEnum};

use super::{Output, exit};
use promocase::rubric::RULES;
use promocase::rubric::docs::{rules_markdown, severities};

#[derive(Debug, Args)]
pub struct RulesArgs {
    /// text (a table), markdown (the README section) or json.
    #[arg(long, value_enum, default_value_t = RulesFormat::Text)]
    pub format: RulesFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RulesFormat {
    Text,
    Markdown,
    Json,
}

pub fn run(args: &RulesArgs, out: &Output) -> u8 {
    match args.format {
        RulesFormat::Markdown => out.raw(&rules_markdown()),
        RulesFormat::Json => {
            let rules: Vec<serde_json::Value> = RULES
                .iter()
                .map(|rule| {
                    let [sm, director, vp] = severities(rule.id);
                    serde_json::json!({
                        "id": rule.id,
                        "dimension": rule.dimension.map(|d| d.id()),
                        "severity": {"senior-manager": sm, "director": director, "vp": vp},
                        "summary": rule.summary,
                    })
                })
                .collect();
            out.result(&serde_json::to_string_pretty(&rules).unwrap_or_default());
        }
        RulesFormat::Text => {
            let width = RULES.iter().map(|r| r.id.len()).max().unwrap_or(0);
            out.result(&format!(
                "{:<width$}  {:<14} {:<8} {:<8} summary",
                "rule", "senior-manager", "director", "vp"
            ));
            for rule in RULES {
                let [sm, director, vp] = severities(rule.id);
                out.result(&format!(
                    "{:<width$}  {sm:<14} {director:<8} {vp:<8} {}",
                    rule.id, rule.summary
                ));
            }
            out.result("\n`promocase explain RULE` says why a rule matters and shows an example that satisfies it.");
        }
    }
    exit::OK
}
