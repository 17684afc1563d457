//! Reports as SARIF 2.1.0, the format code-scanning tools (GitHub code
//! scanning, IDE viewers) read. One run holds the results of every file
//! checked; the tool's rule list comes from the registry, in the language of
//! the reports (the first one's, English when there is none).

use serde_json::{Value, json};

use super::report::Report;
use super::rules::RULES;
use crate::diagnostic::Severity;
use crate::locale::Locale;

/// SARIF's name for a severity.
fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A path as a SARIF URI reference: forward slashes, spaces and percent signs escaped.
fn uri(path: &str) -> String {
    path.replace('\\', "/")
        .replace('%', "%25")
        .replace(' ', "%20")
}

/// One SARIF log for all reports.
pub fn to_sarif(reports: &[Report]) -> Value {
    let locale = reports.first().map_or(Locale::english(), |r| &*r.locale);
    let rules: Vec<Value> = RULES
        .iter()
        .map(|rule| {
            let explanation = rule.explanation_paragraphs_in(locale).join("\n\n");
            let example = locale.text("check.example-intro", &[]);
            json!({
                "id": rule.id,
                "shortDescription": {"text": rule.summary_in(locale)},
                "fullDescription": {"text": explanation},
                "help": {"text": format!("{explanation}\n\n{example}\n{}", rule.example)},
                "properties": {"dimension": rule.dimension.map(|d| d.id())}
            })
        })
        .collect();
    let mut results = Vec::new();
    for report in reports {
        for finding in &report.findings {
            let index = RULES.iter().position(|r| r.id == finding.rule);
            let mut region = json!({});
            if let Some(location) = &finding.location {
                region = json!({"startLine": location.line, "startColumn": location.column});
            }
            let mut physical = json!({"artifactLocation": {"uri": uri(&report.file)}});
            if finding.location.is_some() {
                physical["region"] = region;
            }
            let mut result = json!({
                "ruleId": finding.rule,
                "level": level(finding.severity),
                "message": {"text": format!("{} (hint: {})", finding.message, finding.hint)},
                "locations": [{"physicalLocation": physical}]
            });
            if let Some(index) = index {
                result["ruleIndex"] = json!(index);
            }
            results.push(result);
        }
    }
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "promocase",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules
            }},
            "results": results
        }]
    })
}
