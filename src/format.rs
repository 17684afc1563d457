//! Numbers, money and dates written the way an executive reads them, so
//! templates print text instead of re-implementing formatting in typst.

use chrono::NaiveDate;

use crate::model::{PartialDate, Period, PeriodEnd, Readiness};

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn month_name(month: u32) -> &'static str {
    MONTHS
        .get(month.saturating_sub(1) as usize)
        .copied()
        .unwrap_or("?")
}

fn short_month(month: u32) -> &'static str {
    let name = month_name(month);
    name.get(..3).unwrap_or(name)
}

/// `14 March 2025`.
pub fn long_date(date: NaiveDate) -> String {
    use chrono::Datelike;
    format!(
        "{} {} {}",
        date.day(),
        month_name(date.month()),
        date.year()
    )
}

/// `Mar 2025`, or `14 Mar 2025` when the day was written.
pub fn short_date(date: &PartialDate) -> String {
    use chrono::Datelike;
    if date.has_day() {
        let day = date.first_day().day();
        format!("{day} {} {}", short_month(date.month()), date.year())
    } else {
        format!("{} {}", short_month(date.month()), date.year())
    }
}

/// `Mar 2025` for any day.
pub fn month_year(date: NaiveDate) -> String {
    use chrono::Datelike;
    format!("{} {}", short_month(date.month()), date.year())
}

/// `Jan 2024 – Jun 2025`, `Since Jan 2024`, `Until Jun 2025`.
pub fn period(period: &Period) -> Option<String> {
    let start = period.start.as_ref().map(short_date);
    let end = match &period.end {
        Some(PeriodEnd::On(date)) => Some(short_date(date)),
        Some(PeriodEnd::Ongoing) => None,
        None => None,
    };
    let ongoing = matches!(period.end, Some(PeriodEnd::Ongoing));
    match (start, end) {
        (Some(start), Some(end)) if start == end => Some(start),
        (Some(start), Some(end)) => Some(format!("{start} – {end}")),
        (Some(start), None) if ongoing => Some(format!("Since {start}")),
        (Some(start), None) => Some(format!("From {start}")),
        (None, Some(end)) => Some(format!("Until {end}")),
        (None, None) if ongoing => Some("Ongoing".to_string()),
        (None, None) => None,
    }
}

/// `Ready now`, `6–12 months`, `1–2 years`, `By Mar 2027`.
pub fn readiness(readiness: &Readiness) -> String {
    match readiness {
        Readiness::ReadyNow => "Ready now".to_string(),
        Readiness::Within6To12Months => "6–12 months".to_string(),
        Readiness::Within1To2Years => "1–2 years".to_string(),
        Readiness::By(date) => format!("By {}", short_date(date)),
    }
}

/// Thousands separated, at most two decimals, no trailing zeros: `1,234.5`.
pub fn number(value: f64) -> String {
    if !value.is_finite() {
        return value.to_string();
    }
    let rounded = (value * 100.0).round() / 100.0;
    let negative = rounded < 0.0;
    let text = format!("{:.2}", rounded.abs());
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
    let mut grouped = String::new();
    for (i, digit) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    let fraction = fraction.trim_end_matches('0');
    let sign = if negative && (grouped != "0" || !fraction.is_empty()) {
        "−"
    } else {
        ""
    };
    if fraction.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}.{fraction}")
    }
}

/// Large numbers shortened to three significant digits: `2.4M`, `1.15M`,
/// `450k`, `18.7k`; smaller ones as [`number`]. Three digits keep what a
/// figure like 1,150,000 says (one digit fewer would print 1.2M, 4% more).
pub fn compact(value: f64) -> String {
    let magnitude = value.abs();
    let (scaled, suffix) = if magnitude >= 1e9 {
        (value / 1e9, "B")
    } else if magnitude >= 1e6 {
        (value / 1e6, "M")
    } else if magnitude >= 1e4 {
        (value / 1e3, "k")
    } else {
        return number(value);
    };
    let digits = if scaled.abs() >= 100.0 {
        0
    } else if scaled.abs() >= 10.0 {
        1
    } else {
        2
    };
    let factor = 10f64.powi(digits);
    format!("{}{suffix}", number((scaled * factor).round() / factor))
}

/// An amount of money below the shortened range: cents are written in
/// full when there are any (`3.40`, not `3.4`), as prices are.
fn money_amount(amount: f64) -> String {
    let cents = (amount * 100.0).round();
    if amount.abs() >= 1e4 || cents % 100.0 == 0.0 {
        return compact(amount);
    }
    let text = number(amount);
    match text.split_once('.') {
        Some((_, fraction)) if fraction.len() == 1 => format!("{text}0"),
        _ => text,
    }
}

/// The symbol of a currency, when the unit is an ISO code.
fn currency_symbol(unit: &str) -> Option<&str> {
    match unit {
        "EUR" => Some("€"),
        "USD" => Some("$"),
        "GBP" => Some("£"),
        "JPY" => Some("¥"),
        _ => None,
    }
}

fn is_currency(unit: &str) -> bool {
    unit.len() == 3 && unit.bytes().all(|b| b.is_ascii_uppercase())
}

/// Money: `€2.4M`, `£1.15M`, `CHF 450k`, `$3.40`.
pub fn money(amount: f64, currency: &str) -> String {
    match currency_symbol(currency) {
        Some(symbol) if amount < 0.0 => format!("−{symbol}{}", money_amount(-amount)),
        Some(symbol) => format!("{symbol}{}", money_amount(amount)),
        None => format!("{currency} {}", money_amount(amount)),
    }
}

/// A value with its unit: `12.5%`, `€2.4M`, `9 days`, `1,250 leads`.
pub fn value(value: f64, unit: Option<&str>) -> String {
    match unit.map(str::trim) {
        None | Some("") => number(value),
        Some("%") => format!("{}%", number(value)),
        Some(unit) if is_currency(unit) => money(value, unit),
        Some(unit) => format!("{} {unit}", compact(value)),
    }
}

/// Whether a unit is short enough to print after every value in a table
/// (`%`, `EUR`, `days`); longer ones (`incidents per 200,000 hours`) are
/// printed once, beside the KPI's name.
pub fn is_short_unit(unit: Option<&str>) -> bool {
    match unit.map(str::trim) {
        None | Some("") => true,
        Some(unit) => {
            unit == "%" || is_currency(unit) || (unit.chars().count() <= 5 && !unit.contains(' '))
        }
    }
}

/// A value for a table cell: with its unit when the unit is short, bare otherwise.
pub fn cell(value: f64, unit: Option<&str>) -> String {
    if is_short_unit(unit) {
        self::value(value, unit)
    } else {
        compact(value)
    }
}

/// An axis tick: money and percentages with their sign, other units left to
/// the axis label so ticks stay short.
pub fn tick(value: f64, unit: Option<&str>) -> String {
    match unit.map(str::trim) {
        Some("%") => format!("{}%", number(value)),
        Some(unit) if is_currency(unit) => money(value, unit),
        _ => compact(value),
    }
}

/// A change from `from` to `to`: percentage points for percentages, a
/// relative change otherwise (`+18%`), an absolute one when `from` is zero.
pub fn change(from: f64, to: f64, unit: Option<&str>) -> String {
    let delta = to - from;
    let sign = if delta > 0.0 {
        "+"
    } else if delta < 0.0 {
        "−"
    } else {
        "±"
    };
    if unit.map(str::trim) == Some("%") {
        return format!("{sign}{} pts", number(delta.abs()));
    }
    if from != 0.0 {
        let relative = delta / from.abs() * 100.0;
        let digits = if relative.abs() >= 10.0 { 0.0 } else { 10.0 };
        let shown = if digits == 0.0 {
            relative.abs().round()
        } else {
            (relative.abs() * 10.0).round() / 10.0
        };
        return format!("{sign}{}%", number(shown));
    }
    format!("{sign}{}", value(delta.abs(), unit))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_like_a_report() {
        assert_eq!(number(1234567.0), "1,234,567");
        assert_eq!(number(12.50), "12.5");
        assert_eq!(number(-0.004), "0");
        assert_eq!(compact(2_400_000.0), "2.4M");
        assert_eq!(compact(450_000.0), "450k");
        assert_eq!(value(2_400_000.0, Some("EUR")), "€2.4M");
        assert_eq!(value(38.0, Some("%")), "38%");
        assert_eq!(value(9.0, Some("days")), "9 days");
        assert_eq!(value(120_000.0, Some("CHF")), "CHF 120k");
    }

    #[test]
    fn money_keeps_the_digits_the_case_gives() {
        // 3.40 USD stays 3.40; 1,150,000 GBP is £1.15M, not £1.2M.
        assert_eq!(value(3.40, Some("USD")), "$3.40");
        assert_eq!(value(1.29, Some("USD")), "$1.29");
        assert_eq!(value(12.0, Some("EUR")), "€12");
        assert_eq!(money(1_150_000.0, "GBP"), "£1.15M");
        assert_eq!(money(48_500_000.0, "USD"), "$48.5M");
        assert_eq!(money(6_400_000.0, "EUR"), "€6.4M");
        assert_eq!(money(650_000.0, "EUR"), "€650k");
        assert_eq!(money(18_700.0, "EUR"), "€18.7k");
        assert_eq!(money(-2_450_000.0, "EUR"), "−€2.45M");
        assert_eq!(compact(12_345_678.0), "12.3M");
    }

    #[test]
    fn changes_name_their_kind() {
        assert_eq!(change(30.0, 38.5, Some("%")), "+8.5 pts");
        assert_eq!(change(21.0, 9.0, Some("days")), "−57%");
        assert_eq!(change(100.0, 104.0, None), "+4%");
        assert_eq!(change(0.0, 12.0, Some("leads")), "+12 leads");
    }

    #[test]
    fn periods_and_dates() {
        let period = Period {
            start: "2024-01".parse().ok(),
            end: Some(PeriodEnd::Ongoing),
        };
        assert_eq!(super::period(&period).as_deref(), Some("Since Jan 2024"));
        let day: PartialDate = "2025-03-14".parse().unwrap();
        assert_eq!(short_date(&day), "14 Mar 2025");
    }
}
