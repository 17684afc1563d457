//! The rule reference as Markdown, generated from the registry and the
//! built-in rubrics. It fills the rules section of README.md (a test keeps the
//! two equal) and is what `promocase rules --format markdown` prints.
//! [`Explanation`] is one rule's long text, as `explain` prints it and as the
//! browser workspace shows it beside a finding.

use super::config::Rubric;
use super::rule::Rule;
use super::rules::RULES;
use crate::locale::Locale;
use crate::model::Level;

/// The severity of a rule at each built-in level, as words: `error`, `warning`, `info`, `off`.
pub fn severities(rule_id: &str) -> [&'static str; 3] {
    Level::ALL.map(|level| {
        Rubric::builtin(level)
            .severity(rule_id)
            .map_or("off", |s| s.as_str())
    })
}

/// What `explain` says of a rule, in parts, in one language: the terminal
/// prints them as text, the workspace lays them out, an editor shows them as
/// Markdown on hover.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Explanation {
    pub id: &'static str,
    pub summary: String,
    /// `name (id)`, or the file itself for rules about the file.
    pub dimension: String,
    /// The severity at each built-in level, in the order of the levels.
    pub severities: Vec<LevelSeverity>,
    pub paragraphs: Vec<String>,
    /// A case that satisfies the rule (YAML, top-level sections).
    pub example: &'static str,
    /// The frame's words in the same language: "Dimension", "Severity" and
    /// the line before the example.
    pub words: ExplanationWords,
}

/// The words around an explanation (`check.dimension`, `check.severity`,
/// `check.example-intro`).
#[derive(Debug, Clone, serde::Serialize)]
pub struct ExplanationWords {
    pub dimension: String,
    pub severity: String,
    pub example_intro: String,
}

/// A rule's severity at one level.
#[derive(Debug, Clone, serde::Serialize)]
pub struct LevelSeverity {
    pub level: &'static str,
    pub severity: &'static str,
}

impl Explanation {
    /// The explanation of `rule` in `locale`'s language. Ids (the rule's,
    /// the dimension's, the levels' and the severities') stay as they are:
    /// they are what a rubric file or a waiver names.
    pub fn of(rule: &Rule, locale: &Locale) -> Explanation {
        Explanation {
            id: rule.id,
            summary: rule.summary_in(locale).to_string(),
            dimension: rule
                .dimension
                .map_or(locale.text("check.file-itself", &[]), |d| {
                    format!("{} ({})", locale.label(d).label, d.id())
                }),
            severities: Level::ALL
                .into_iter()
                .zip(severities(rule.id))
                .map(|(level, severity)| LevelSeverity {
                    level: level.id(),
                    severity,
                })
                .collect(),
            paragraphs: rule.explanation_paragraphs_in(locale),
            example: rule.example,
            words: ExplanationWords {
                dimension: locale.text("check.dimension", &[]),
                severity: locale.text("check.severity", &[]),
                example_intro: locale.text("check.example-intro", &[]),
            },
        }
    }

    /// The whole explanation as Markdown, as an editor shows it on hover and
    /// behind a finding's rule link.
    pub fn to_markdown(&self) -> String {
        format!(
            "**{}**: {}\n\n{}: {}. {}: {}.\n\n{}\n\n{}\n\n```yaml\n{}```\n",
            self.id,
            self.summary,
            self.words.dimension,
            self.dimension,
            self.words.severity,
            self.severity_line(),
            self.paragraphs.join("\n\n"),
            self.words.example_intro,
            self.example
        )
    }

    /// The severities as one line: `senior-manager error, director error, vp error`.
    pub fn severity_line(&self) -> String {
        self.severities
            .iter()
            .map(|s| format!("{} {}", s.level, s.severity))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// The README's rules section: every rule, then how the readiness score works.
pub fn rules_markdown() -> String {
    let mut out = String::new();
    out.push_str(&format!(
        "promocase checks {} rules. Severities are those of the built-in rubrics \
(`promocase rubric show LEVEL`); `promocase explain ID` prints why each matters and an example \
that satisfies it.\n\n",
        RULES.len()
    ));
    out.push_str("| Rule | Dimension | senior-manager | director | vp | What it looks for |\n");
    out.push_str("|---|---|---|---|---|---|\n");
    for rule in RULES {
        let [sm, director, vp] = severities(rule.id);
        let dimension = rule.dimension.map_or("(the file)", |d| d.id());
        out.push_str(&format!(
            "| `{}` | {dimension} | {sm} | {director} | {vp} | {} |\n",
            rule.id,
            rule.summary.replace('|', "\\|")
        ));
    }
    out.push_str(
        "\n### Readiness score\n\n\
Each dimension is **evidenced** (something in the case evidences it and no warning or error \
weakens it), **thin** (evidence, but weakened by a warning or an error that is not waived) or \
**missing** (nothing evidences it). Evidenced earns 1, thin 0.5, missing 0. With the weights of \
the rubric (`weights:`),\n\n\
```text\nscore = round(100 × Σ weight × credit / Σ weight)\n```\n\n\
A case with an error that is not waived scores at most 79, however many dimensions are \
evidenced: `build` refuses it until the errors are fixed, so it never reads as nearly ready. The \
report names the rules whose errors block it (`blocked_by` in JSON; a line under the score in the \
terminal).\n\n\
The top three gaps are the dimensions that are not evidenced, ranked by the points they cost \
(weight × (1 − credit)), then by the severity of their worst finding, then in the order of the \
criteria.\n\n\
### Company rubrics and waivers\n\n\
`promocase rubric show director > ours.yaml` prints the built-in rubric; edit it (rename the level \
with `name:`, set a rule to `off` or another severity, change `thresholds:` and `weights:`, list the \
evidence each track must show under `tracks:`) and check with `promocase check --rubric ours.yaml \
CASE`. Saved as `promocase-rubric.yaml` in the case's folder, it is used without `--rubric` by \
`check`, `build`, `watch`, `serve` and the language server (`--rubric` and `--level` still choose \
otherwise). A company file needs only `level:`; what it leaves out comes from the built-in rubric of that \
level. `--level` judges a case against another built-in level than its `target_level`.\n\n\
A case may waive a rule it knowingly does not meet, with a reason:\n\n\
```yaml\nwaivers:\n  - rule: visibility-missing\n    reason: The company has no executive committee; I report monthly to the CEO\n```\n\n\
The waived findings leave the report and the waiver is listed with it; a waiver without a reason \
does not apply and is itself reported (`waiver-no-reason`).\n\n\
### Output formats and exit codes\n\n\
`promocase check FILE... --format human|json|sarif|github --fail-on error|warning|info`. `human` \
prints each finding with its line of the file, then the readiness table and a tally; `json` prints \
one report object per file (an array when several files are given) with `readiness` (`score`, \
`blocked_by`, `level`, `dimensions` with `status` and `evidence`, `top_gaps`), `findings` (`rule`, `severity`, \
`message`, `line`, `column`, `hint`) and `waivers`; `sarif` prints one SARIF 2.1.0 log; `github` \
prints `::error file=…,line=…::` annotations for GitHub Actions. The exit code is 0 when no finding \
is at or above `--fail-on` (default `error`), 1 when one is, and 2 for a file or rubric that cannot \
be read or loaded. From Rust, `promocase::rubric::check_case(&case, &Rubric::builtin(level))` returns \
the same report; `Report::to_json()` gives the JSON object.\n",
    );
    out
}
