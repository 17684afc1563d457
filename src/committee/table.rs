//! The round as rows, one per candidate, for spreadsheets and HR systems:
//! CSV (UTF-8 with a byte-order mark so spreadsheet programs read it as
//! UTF-8, one header row, every field quoted as needed) and JSON. The PDF
//! pack's overview and matrix take the same rows.

use serde::Serialize;

use super::{Candidate, Round};
use crate::diagnostic::Severity;
use crate::model::{Dimension, EvidenceStatus, KpiStatus, Level};

/// One candidate's line of the round.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    /// The case file; empty in an anonymised round (file names give names away).
    pub file: String,
    pub name: String,
    pub current_title: String,
    pub target_title: String,
    /// `senior-manager`, `director` or `vp`.
    pub target_level: Level,
    /// The level the candidate was judged against.
    pub judged_level: Level,
    pub score: u32,
    /// Each dimension of the report: `evidenced`, `thin` or `missing`.
    pub dimensions: Vec<(Dimension, EvidenceStatus)>,
    pub errors: usize,
    pub warnings: usize,
    /// KPIs met (within tolerance counts as met) of those with a target and an actual.
    pub kpis_met: usize,
    pub kpis_with_target: usize,
    /// Whether a successor is ready by the requested date; `None` without a named successor.
    pub successor_ready: Option<bool>,
}

impl Row {
    pub fn of(candidate: &Candidate, anonymised: bool) -> Row {
        let case = &candidate.loaded.case;
        let report = &candidate.report;
        let statuses = &report.kpi_statuses;
        let judged = statuses
            .iter()
            .filter(|s| **s != KpiStatus::Incomplete)
            .count();
        let met = statuses
            .iter()
            .filter(|s| matches!(s, KpiStatus::Met | KpiStatus::WithinTolerance))
            .count();
        Row {
            file: if anonymised {
                String::new()
            } else {
                candidate.file.display().to_string()
            },
            name: candidate.shown_name.clone(),
            current_title: case.candidate.current_title.clone(),
            target_title: case.candidate.target_title.clone(),
            target_level: case.candidate.target_level,
            judged_level: report.readiness.level,
            score: report.readiness.score,
            dimensions: report
                .readiness
                .dimensions
                .iter()
                .map(|d| (d.dimension, d.status))
                .collect(),
            errors: report.count(Severity::Error),
            warnings: report.count(Severity::Warning),
            kpis_met: met,
            kpis_with_target: judged,
            successor_ready: case.successor_ready_by_target(candidate.loaded.as_of),
        }
    }
}

/// The rows of a round, in its order.
pub fn rows(round: &Round, anonymised: bool) -> Vec<Row> {
    round
        .candidates
        .iter()
        .map(|c| Row::of(c, anonymised))
        .collect()
}

/// A spreadsheet would run a cell starting with `=`, `+`, `-` or `@` as a
/// formula: a leading apostrophe keeps text text (OWASP's advice).
fn cell(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

/// A CSV writer whose output starts with UTF-8's byte-order mark, so that
/// spreadsheet programs read it as UTF-8: the round, and the anonymisation key.
pub fn spreadsheet_writer() -> csv::Writer<Vec<u8>> {
    csv::Writer::from_writer(vec![0xEF, 0xBB, 0xBF])
}

/// The round as CSV: a byte-order mark, a header row, a row per candidate.
pub fn csv(rows: &[Row]) -> Result<Vec<u8>, String> {
    let mut writer = spreadsheet_writer();
    let mut header: Vec<String> = [
        "file",
        "name",
        "current_title",
        "target_title",
        "target_level",
        "judged_level",
        "score",
        "errors",
        "warnings",
        "kpis_met",
        "kpis_with_target",
        "successor_ready",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    header.extend(Dimension::ALL.iter().map(|d| d.id().to_string()));
    writer.write_record(&header).map_err(|e| e.to_string())?;
    for row in rows {
        let mut record = vec![
            cell(&row.file),
            cell(&row.name),
            cell(&row.current_title),
            cell(&row.target_title),
            row.target_level.id().to_string(),
            row.judged_level.id().to_string(),
            row.score.to_string(),
            row.errors.to_string(),
            row.warnings.to_string(),
            row.kpis_met.to_string(),
            row.kpis_with_target.to_string(),
            match row.successor_ready {
                Some(true) => "yes".to_string(),
                Some(false) => "no".to_string(),
                None => String::new(),
            },
        ];
        for dimension in Dimension::ALL {
            let status = row
                .dimensions
                .iter()
                .find(|(id, _)| *id == dimension)
                .map_or("", |(_, status)| status.id());
            record.push(status.to_string());
        }
        writer.write_record(&record).map_err(|e| e.to_string())?;
    }
    writer.into_inner().map_err(|e| e.to_string())
}

/// The round as JSON: `{"candidates": [...], "failed": [{"file", "errors"}]}`.
pub fn json(round: &Round, rows: &[Row], anonymised: bool) -> serde_json::Value {
    let candidates: Vec<serde_json::Value> = rows
        .iter()
        .map(|row| {
            let dimensions: serde_json::Map<String, serde_json::Value> = row
                .dimensions
                .iter()
                .map(|(id, status)| (id.id().to_string(), status.id().into()))
                .collect();
            let mut value = serde_json::to_value(row).unwrap_or_default();
            if let Some(object) = value.as_object_mut() {
                object.insert("dimensions".into(), dimensions.into());
                if anonymised {
                    object.remove("file");
                }
            }
            value
        })
        .collect();
    let failed: Vec<serde_json::Value> = round
        .failures
        .iter()
        .enumerate()
        .map(|(i, failure)| {
            serde_json::json!({
                "file": if anonymised { format!("file {}", i + 1) } else { failure.file.display().to_string() },
                "errors": failure.errors.iter().map(|d| serde_json::json!({
                    "line": d.location.as_ref().map(|l| l.line),
                    "column": d.location.as_ref().map(|l| l.column),
                    "message": d.message,
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    serde_json::json!({ "candidates": candidates, "failed": failed })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_that_a_spreadsheet_would_run_stays_text() {
        assert_eq!(cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(cell("Ana"), "Ana");
        assert_eq!(cell("-5 days"), "'-5 days");
    }
}
