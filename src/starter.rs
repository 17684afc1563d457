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

/// Every text the starter case offers for the writer to replace, as it
/// stands in `starter.yaml` (commented examples included). The
/// `placeholder-text` rule reports any of them left in a case, so the
/// starter's wording never reaches an executive; a test keeps this list and
/// the starter in step.
pub const PLACEHOLDERS: &[&str] = &[
    "Your Name",
    "Your Company",
    "Your Department",
    "Your Area",
    "Name of your COO",
    "What has changed in the business that makes this the right moment.",
    "The business problem the new role would own and solve",
    "Where you would take the department in the next one to three years, in two or three sentences.",
    "A company objective, named as the company names it",
    "What will be true by then",
    "Name the result, e.g. \"Cut onboarding time from 21 to 9 days\"",
    "The situation before.",
    "What you personally led or decided.",
    "Joint pricing review",
    "Partner Name",
    "What it achieved, with a number.",
    "Team A",
    "Team B",
    "Where you moved money or people, and why.",
    "What it led to.",
    "Why.",
    "Name",
    "What came of it.",
    "Head of X",
    "A decision you took",
    "The situation.",
    "What you could not know",
    "Option A",
    "Option B",
    "What you chose, and why.",
    "What happened.",
    "A risk you identified",
    "What you did about it.",
    "A reorganisation, new process or tool you led",
    "How the team came through it.",
    "What you presented",
    "Sponsor Name",
    "VP of Something",
    "How they know your work",
    "What they can speak to",
    "Provider",
    "Successor Name",
    "Responsibilities they would take over",
    "Who covers until then.",
];

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

/// What the writer told `init` about themselves; anything left out gets a
/// placeholder that loads cleanly and is obviously theirs to replace.
#[derive(Debug, Clone, PartialEq)]
pub struct StarterAnswers {
    pub level: Level,
    pub track: Track,
    pub name: Option<String>,
    pub current_title: Option<String>,
    pub target_title: Option<String>,
    pub company: Option<String>,
    pub audience_name: Option<String>,
    pub audience_title: Option<String>,
    pub target_date: Option<crate::model::PartialDate>,
}

impl StarterAnswers {
    pub fn new(level: Level, track: Track) -> Self {
        Self {
            level,
            track,
            name: None,
            current_title: None,
            target_title: None,
            company: None,
            audience_name: None,
            audience_title: None,
            target_date: None,
        }
    }

    /// The titles a case at this level and track usually carries: (current, target).
    pub fn default_titles(&self) -> (String, String) {
        let area = track_title(self.track);
        match self.level {
            Level::SeniorManager => (format!("{area} Manager"), format!("Senior Manager, {area}")),
            Level::Director => (format!("{area} Manager"), format!("Director of {area}")),
            Level::Vp => (format!("Director of {area}"), format!("VP of {area}")),
        }
    }
}

/// A value as a YAML scalar: plain when that reads the same, quoted otherwise,
/// so answers like `Growth: phase 2` or `#1 team` cannot break the file.
fn yaml_scalar(text: &str) -> String {
    let plain = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_alphanumeric() || " .,'-()&/".contains(c))
        && text.chars().next().is_some_and(char::is_alphabetic)
        && text.trim() == text
        && !matches!(
            text.to_ascii_lowercase().as_str(),
            "yes" | "no" | "true" | "false" | "null" | "on" | "off"
        );
    if plain {
        text.to_string()
    } else {
        serde_json::to_string(text).unwrap_or_else(|_| "\"\"".to_string())
    }
}

/// The starter case text for the answers, dated from `today`.
pub fn starter_case(file_name: &str, answers: &StarterAnswers, today: NaiveDate) -> String {
    let (department, kpi_name, kpi_category, kpi_unit) = track_defaults(answers.track);
    let (default_current, default_target) = answers.default_titles();
    let month = |date: NaiveDate| format!("{:04}-{:02}", date.year(), date.month());
    let target_date = answers.target_date.map_or_else(
        || month(today.checked_add_months(Months::new(6)).unwrap_or(today)),
        |date| date.to_string(),
    );
    let milestone_date = today.checked_add_months(Months::new(12)).unwrap_or(today);
    let period_start = today.checked_sub_months(Months::new(12)).unwrap_or(today);
    let answer =
        |value: &Option<String>, default: &str| yaml_scalar(value.as_deref().unwrap_or(default));
    TEMPLATE
        .replace("{{file_name}}", file_name)
        .replace("{{as_of}}", &today.format("%Y-%m-%d").to_string())
        .replace("{{name}}", &answer(&answers.name, "Your Name"))
        .replace(
            "{{current_title}}",
            &answer(&answers.current_title, &default_current),
        )
        .replace(
            "{{target_title}}",
            &answer(&answers.target_title, &default_target),
        )
        .replace("{{level}}", answers.level.id())
        .replace("{{track}}", &track_id(answers.track))
        .replace("{{company}}", &answer(&answers.company, "Your Company"))
        .replace(
            "{{audience_name}}",
            &answer(&answers.audience_name, "Name of your COO"),
        )
        .replace(
            "{{audience_title}}",
            &answer(&answers.audience_title, "Chief Operating Officer"),
        )
        .replace("{{department}}", department)
        .replace("{{target_date}}", &target_date)
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
                let text = starter_case("case.yaml", &StarterAnswers::new(level, track), today);
                let loaded = crate::model::parse_case(SourceFile::new("case.yaml", text), today)
                    .unwrap_or_else(|e| panic!("{level:?} {track:?}: {e}"));
                assert_eq!(loaded.case.candidate.target_level, level);
                assert_eq!(loaded.case.candidate.track, track);
            }
        }
    }

    #[test]
    fn answers_with_yaml_syntax_stay_text() {
        let today = NaiveDate::from_ymd_opt(2026, 1, 10).unwrap();
        let mut answers = StarterAnswers::new(Level::Vp, Track::Sales);
        answers.name = Some("O'Brien: #1 \"closer\" - yes".to_string());
        answers.company = Some("no".to_string());
        answers.target_date = "2027-01".parse().ok();
        let text = starter_case("case.yaml", &answers, today);
        let loaded = crate::model::parse_case(SourceFile::new("case.yaml", text), today).unwrap();
        assert_eq!(loaded.case.candidate.name, "O'Brien: #1 \"closer\" - yes");
        assert_eq!(loaded.case.candidate.company, "no");
        assert_eq!(loaded.case.ask.target_date.to_string(), "2027-01");
    }
}
