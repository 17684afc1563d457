//! Dates as managers write them: a day (`2025-03-14`) or a month (`2025-03`),
//! plus the two date-like values of the format: a period end that may be
//! `ongoing` and a successor's readiness.
//!
//! Each type parses from the text the YAML holds, prints back the same text,
//! and declares a JSON Schema `format` that the loader checks (see
//! [`crate::model::validate`]), so a bad date is reported with every other error.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The JSON Schema `format` names the loader knows how to check.
pub const DATE_FORMAT: &str = "promocase-date";
pub const PERIOD_END_FORMAT: &str = "promocase-date-or-ongoing";
pub const READINESS_FORMAT: &str = "promocase-readiness";

/// A calendar date written as `YYYY-MM-DD`, or a month written as `YYYY-MM`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PartialDate {
    year: i32,
    month: u32,
    day: Option<u32>,
}

/// Why a date did not parse, phrased for the person who typed it: a load
/// message ([`super::messages`]) and what fills it, worded in the reader's
/// language by [`DateError::worded`]; `Display` gives the English.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateError {
    key: &'static str,
    args: Vec<(&'static str, String)>,
    /// The error this one adds to (a period end that may also be `ongoing`).
    within: Option<Box<DateError>>,
}

impl DateError {
    fn new(key: &'static str, args: &[(&'static str, String)]) -> Self {
        Self {
            key,
            args: args.to_vec(),
            within: None,
        }
    }

    /// The reason in the reader's language.
    pub fn worded(&self, words: &dyn crate::wording::Wording) -> String {
        let reason = self.within.as_ref().map(|within| within.worded(words));
        let mut args: Vec<(&str, &str)> = self.args.iter().map(|(k, v)| (*k, v.as_str())).collect();
        if let Some(reason) = &reason {
            args.push(("reason", reason));
        }
        super::messages::say(words, self.key, &args)
    }
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.worded(&crate::wording::English))
    }
}

impl std::error::Error for DateError {}

impl PartialDate {
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Option<Self> {
        NaiveDate::from_ymd_opt(year, month, day).map(|_| Self {
            year,
            month,
            day: Some(day),
        })
    }

    pub fn from_ym(year: i32, month: u32) -> Option<Self> {
        (1..=12).contains(&month).then_some(Self {
            year,
            month,
            day: None,
        })
    }

    pub fn from_naive(date: NaiveDate) -> Self {
        Self {
            year: date.year(),
            month: date.month(),
            day: Some(date.day()),
        }
    }

    pub fn year(&self) -> i32 {
        self.year
    }

    pub fn month(&self) -> u32 {
        self.month
    }

    /// Whether the day was written, or only the month.
    pub fn has_day(&self) -> bool {
        self.day.is_some()
    }

    /// The first day the value covers: the day itself, or the first of the month.
    pub fn first_day(&self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, self.day.unwrap_or(1))
            .unwrap_or(NaiveDate::MIN)
    }

    /// The last day the value covers: the day itself, or the last of the month.
    pub fn last_day(&self) -> NaiveDate {
        if let Some(day) = self.day {
            return NaiveDate::from_ymd_opt(self.year, self.month, day).unwrap_or(NaiveDate::MAX);
        }
        let (next_year, next_month) = if self.month == 12 {
            (self.year + 1, 1)
        } else {
            (self.year, self.month + 1)
        };
        NaiveDate::from_ymd_opt(next_year, next_month, 1)
            .and_then(|d| d.pred_opt())
            .unwrap_or(NaiveDate::MAX)
    }
}

impl FromStr for PartialDate {
    type Err = DateError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let text = text.trim();
        let parts: Vec<&str> = text.split('-').collect();
        let is_digits =
            |s: &str, len: usize| s.len() == len && s.bytes().all(|b| b.is_ascii_digit());
        let shape_ok = match parts.as_slice() {
            [y, m] => is_digits(y, 4) && is_digits(m, 2),
            [y, m, d] => is_digits(y, 4) && is_digits(m, 2) && is_digits(d, 2),
            _ => false,
        };
        if !shape_ok {
            return Err(DateError::new(
                "load.date-shape",
                &[("text", text.to_string())],
            ));
        }
        // The shape check above guarantees these parse.
        let shape = || DateError::new("load.date-shape", &[("text", text.to_string())]);
        let year: i32 = parts[0].parse().map_err(|_| shape())?;
        let month: u32 = parts[1].parse().map_err(|_| shape())?;
        if !(1..=12).contains(&month) {
            return Err(DateError::new(
                "load.date-month",
                &[("text", text.to_string()), ("month", month.to_string())],
            ));
        }
        match parts.get(2) {
            None => Ok(Self {
                year,
                month,
                day: None,
            }),
            Some(day) => {
                let day: u32 = day.parse().map_err(|_| shape())?;
                Self::from_ymd(year, month, day).ok_or_else(|| {
                    DateError::new(
                        "load.date-day",
                        &[("text", text.to_string()), ("day", day.to_string())],
                    )
                })
            }
        }
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.day {
            Some(day) => write!(f, "{:04}-{:02}-{:02}", self.year, self.month, day),
            None => write!(f, "{:04}-{:02}", self.year, self.month),
        }
    }
}

impl PartialOrd for PartialDate {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for PartialDate {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (self.year, self.month, self.day.unwrap_or(0)).cmp(&(
            other.year,
            other.month,
            other.day.unwrap_or(0),
        ))
    }
}

/// Deserialises any of the string-backed types here through `FromStr`.
fn from_text<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: FromStr<Err = DateError>,
{
    let text = String::deserialize(deserializer)?;
    text.parse().map_err(serde::de::Error::custom)
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        from_text(deserializer)
    }
}

impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl JsonSchema for PartialDate {
    fn schema_name() -> Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "format": DATE_FORMAT,
            "pattern": "^[0-9]{4}-[0-9]{2}(-[0-9]{2})?$",
            "description": "A day as YYYY-MM-DD (2025-03-14) or a month as YYYY-MM (2025-03).",
            "examples": ["2025-03-14", "2025-03"]
        })
    }
}

/// The end of a period: a date, or `ongoing` for work still under way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodEnd {
    Ongoing,
    On(PartialDate),
}

impl FromStr for PeriodEnd {
    type Err = DateError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        if text.trim().eq_ignore_ascii_case("ongoing") {
            return Ok(Self::Ongoing);
        }
        text.parse()
            .map(Self::On)
            .map_err(|e: DateError| DateError {
                key: "load.date-or-ongoing",
                args: Vec::new(),
                within: Some(Box::new(e)),
            })
    }
}

impl fmt::Display for PeriodEnd {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Ongoing => f.write_str("ongoing"),
            Self::On(date) => date.fmt(f),
        }
    }
}

impl<'de> Deserialize<'de> for PeriodEnd {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        from_text(deserializer)
    }
}

impl Serialize for PeriodEnd {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl JsonSchema for PeriodEnd {
    fn schema_name() -> Cow<'static, str> {
        "PeriodEnd".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "format": PERIOD_END_FORMAT,
            "pattern": "^(ongoing|[0-9]{4}-[0-9]{2}(-[0-9]{2})?)$",
            "description": "When it ended: YYYY-MM-DD, YYYY-MM, or `ongoing`.",
            "examples": ["2025-06", "ongoing"]
        })
    }
}

/// How soon a successor could take over the role the candidate leaves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Readiness {
    ReadyNow,
    Within6To12Months,
    Within1To2Years,
    By(PartialDate),
}

impl Readiness {
    /// The latest day by which the successor is expected to be ready.
    pub fn ready_by(&self, as_of: NaiveDate) -> NaiveDate {
        match self {
            Self::ReadyNow => as_of,
            Self::Within6To12Months => as_of
                .checked_add_months(chrono::Months::new(12))
                .unwrap_or(NaiveDate::MAX),
            Self::Within1To2Years => as_of
                .checked_add_months(chrono::Months::new(24))
                .unwrap_or(NaiveDate::MAX),
            Self::By(date) => date.last_day(),
        }
    }
}

impl FromStr for Readiness {
    type Err = DateError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match text.trim().to_ascii_lowercase().as_str() {
            "ready-now" | "ready now" | "now" => Ok(Self::ReadyNow),
            "6-12-months" | "6-12 months" => Ok(Self::Within6To12Months),
            "1-2-years" | "1-2 years" => Ok(Self::Within1To2Years),
            _ => text.parse().map(Self::By).map_err(|_| {
                DateError::new("load.readiness", &[("text", text.trim().to_string())])
            }),
        }
    }
}

impl fmt::Display for Readiness {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::ReadyNow => f.write_str("ready-now"),
            Self::Within6To12Months => f.write_str("6-12-months"),
            Self::Within1To2Years => f.write_str("1-2-years"),
            Self::By(date) => date.fmt(f),
        }
    }
}

impl<'de> Deserialize<'de> for Readiness {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        from_text(deserializer)
    }
}

impl Serialize for Readiness {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl JsonSchema for Readiness {
    fn schema_name() -> Cow<'static, str> {
        "Readiness".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "format": READINESS_FORMAT,
            "description": "How soon the successor could take over: ready-now, 6-12-months, 1-2-years, or a date (YYYY-MM).",
            "examples": ["ready-now", "6-12-months", "1-2-years", "2026-09"]
        })
    }
}

/// Checks a string against one of the formats above; `None` for an unknown format.
pub fn check_format(format: &str, text: &str) -> Option<Result<(), DateError>> {
    match format {
        DATE_FORMAT => Some(text.parse::<PartialDate>().map(|_| ())),
        PERIOD_END_FORMAT => Some(text.parse::<PeriodEnd>().map(|_| ())),
        READINESS_FORMAT => Some(text.parse::<Readiness>().map(|_| ())),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_days_and_months() {
        let day: PartialDate = "2025-03-14".parse().unwrap();
        assert_eq!(day.to_string(), "2025-03-14");
        let month: PartialDate = "2024-02".parse().unwrap();
        assert_eq!(
            month.first_day(),
            NaiveDate::from_ymd_opt(2024, 2, 1).unwrap()
        );
        assert_eq!(
            month.last_day(),
            NaiveDate::from_ymd_opt(2024, 2, 29).unwrap()
        );
    }

    #[test]
    fn rejects_impossible_dates_with_advice() {
        let err = "2025-02-30".parse::<PartialDate>().unwrap_err();
        assert!(err.to_string().contains("no day 30"), "{err}");
        let err = "2025-13".parse::<PartialDate>().unwrap_err();
        assert!(
            err.to_string().contains("months run from 01 to 12"),
            "{err}"
        );
        assert!("March 2025".parse::<PartialDate>().is_err());
        assert!("2025-3-1".parse::<PartialDate>().is_err());
    }

    #[test]
    fn readiness_accepts_bands_and_dates() {
        let as_of = NaiveDate::from_ymd_opt(2025, 1, 15).unwrap();
        assert_eq!(
            "ready-now".parse::<Readiness>().unwrap().ready_by(as_of),
            as_of
        );
        let band: Readiness = "6-12-months".parse().unwrap();
        assert_eq!(
            band.ready_by(as_of),
            NaiveDate::from_ymd_opt(2026, 1, 15).unwrap()
        );
        let dated: Readiness = "2025-09".parse().unwrap();
        assert_eq!(
            dated.ready_by(as_of),
            NaiveDate::from_ymd_opt(2025, 9, 30).unwrap()
        );
        assert!("soon".parse::<Readiness>().is_err());
    }

    #[test]
    fn period_end_accepts_ongoing() {
        assert_eq!("ongoing".parse::<PeriodEnd>().unwrap(), PeriodEnd::Ongoing);
        assert!(matches!(
            "2024-06".parse::<PeriodEnd>().unwrap(),
            PeriodEnd::On(_)
        ));
    }
}
