//! Reports as GitHub Actions workflow commands
//! (`::error file=…,line=…,col=…,title=…::message`), which GitHub shows as
//! annotations on the changed file in a pull request.

use super::report::Report;
use crate::diagnostic::Severity;

/// Escapes the message part of a workflow command.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value (`file=`, `title=`) of a workflow command.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// One annotation line per finding.
pub fn to_github(report: &Report) -> String {
    let mut out = String::new();
    for finding in &report.findings {
        let command = match finding.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let mut properties = vec![format!("file={}", escape_property(&report.file))];
        if let Some(location) = &finding.location {
            properties.push(format!("line={}", location.line));
            properties.push(format!("col={}", location.column));
        }
        properties.push(format!("title={}", escape_property(finding.rule)));
        out.push_str(&format!(
            "::{command} {}::{}\n",
            properties.join(","),
            escape_data(&format!("{} (hint: {})", finding.message, finding.hint))
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_would_break_the_command() {
        assert_eq!(escape_data("50%\nnext"), "50%25%0Anext");
        assert_eq!(escape_property("a:b,c"), "a%3Ab%2Cc");
    }
}
