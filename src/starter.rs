//! The starter case `promocase init` writes: a commented YAML file, filled in
//! for the chosen level and track, that loads cleanly and shows every section.

use chrono::{Datelike, Months, NaiveDate};

use crate::model::{Level, Track};

const TEMPLATE: &str = include_str!("starter.yaml");

/// The file name `init` gives the schema it writes next to the case, as the
/// starter's `yaml-language-server` line expects.
pub const SCHEMA_FILE_NAME: &str = "promocase.schema.json";

/// What a track's starter pre-fills: (department, KPI name, KPI category, unit).
fn track_defaults(track: Track) -> (&'static str, &'static str, &'static str, &'static str) {
    match track {
        Track::Marketing => ("Marketing", "Marketing-sourced revenue", "revenue", "EUR"),
        Track::Sales => ("Sales", "New bookings", "revenue", "EUR"),
        Track::Operations => ("Operations", "Cost per order", "cost", "EUR"),
        Track::Finance => ("Finance", "Days to close the books", "delivery", "days"),
        Track::Hr => ("Human Resources", "Regretted attrition", "retention", "%"),
        Track::It => ("IT", "Unplanned downtime per quarter", "quality", "hours"),
        Track::Product => ("Product", "Net revenue retention", "retention", "%"),
        Track::CustomerService => (
            "Customer Service",
            "Customer satisfaction (CSAT)",
            "customer-satisfaction",
            "%",
        ),
        Track::Engineering => ("Engineering", "Lead time for changes", "delivery", "days"),
        Track::DataAnalytics => (
            "Data and Analytics",
            "Decisions backed by a dashboard",
            "other",
            "%",
        ),
        _ => ("Your Department", "Gross margin", "margin", "%"),
    }
}

/// A human name for a track, as it appears in titles: "Director of Marketing".
pub fn track_title(track: Track) -> &'static str {
    match track {
        Track::Operations => "Operations",
        Track::Marketing => "Marketing",
        Track::Sales => "Sales",
        Track::Communications => "Communications",
        Track::Hr => "Human Resources",
        Track::Finance => "Finance",
        Track::It => "IT",
        Track::Product => "Product",
        Track::ProgramManagement => "Program Management",
        Track::BusinessDevelopment => "Business Development",
        Track::QualityAssurance => "Quality Assurance",
        Track::CustomerService => "Customer Service",
        Track::Compliance => "Compliance",
        Track::Risk => "Risk",
        Track::Training => "Training and Development",
        Track::DataAnalytics => "Data and Analytics",
        Track::Engineering => "Engineering",
        Track::ExecutiveDirector => "the Organisation",
        Track::Other => "Your Area",
    }
}

/// The identifier of a track in files: `customer-service`.
pub fn track_id(track: Track) -> String {
    serde_json::to_value(track)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_else(|| "other".to_string())
}

/// The starter case text for `level` and `track`, dated from `today`.
pub fn starter_case(file_name: &str, level: Level, track: Track, today: NaiveDate) -> String {
    let (department, kpi_name, kpi_category, kpi_unit) = track_defaults(track);
    let area = track_title(track);
    let (current_title, target_title) = match level {
        Level::SeniorManager => (format!("{area} Manager"), format!("Senior Manager, {area}")),
        Level::Director => (format!("{area} Manager"), format!("Director of {area}")),
        Level::Vp => (format!("Director of {area}"), format!("VP of {area}")),
    };
    let month = |date: NaiveDate| format!("{:04}-{:02}", date.year(), date.month());
    let target_date = today.checked_add_months(Months::new(6)).unwrap_or(today);
    let milestone_date = today.checked_add_months(Months::new(12)).unwrap_or(today);
    let period_start = today.checked_sub_months(Months::new(12)).unwrap_or(today);
    TEMPLATE
        .replace("{{file_name}}", file_name)
        .replace("{{as_of}}", &today.format("%Y-%m-%d").to_string())
        .replace("{{current_title}}", &current_title)
        .replace("{{target_title}}", &target_title)
        .replace("{{level}}", level.id())
        .replace("{{track}}", &track_id(track))
        .replace("{{department}}", department)
        .replace("{{target_date}}", &month(target_date))
        .replace("{{milestone_date}}", &month(milestone_date))
        .replace("{{period_start}}", &month(period_start))
        .replace("{{kpi_name}}", kpi_name)
        .replace("{{kpi_category}}", kpi_category)
        .replace("{{kpi_unit}}", kpi_unit)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::SourceFile;

    #[test]
    fn every_level_and_track_loads() {
        let today = NaiveDate::from_ymd_opt(2026, 1, 10).unwrap();
        for level in Level::ALL {
            for track in [
                Track::Marketing,
                Track::It,
                Track::Other,
                Track::CustomerService,
            ] {
                let text = starter_case("case.yaml", level, track, today);
                let loaded = crate::model::parse_case(SourceFile::new("case.yaml", text), today)
                    .unwrap_or_else(|e| panic!("{level:?} {track:?}: {e}"));
                assert_eq!(loaded.case.candidate.target_level, level);
                assert_eq!(loaded.case.candidate.track, track);
            }
        }
    }
}
