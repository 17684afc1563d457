//! Numbers, money and dates written the way an executive reads them, in the
//! reader's locale, so templates print text instead of re-implementing
//! formatting in typst. What to write (three significant digits, cents in
//! full, points for percentages) is decided here; how the locale writes it
//! (separators, currency placement, month names) comes from CLDR through
//! [`crate::locale`]. `check`'s messages pass [`Locale::english`].

use chrono::NaiveDate;

use crate::locale::Locale;
use crate::model::{PartialDate, Period, PeriodEnd, Readiness};
use crate::unit::Unit;

/// `15 October 2026`, `15. Oktober 2026`.
pub fn long_date(locale: &Locale, date: NaiveDate) -> String {
    locale.cldr.long_date(date)
}

/// `Mar 2025`, or `14 Mar 2025` when the day was written.
pub fn short_date(locale: &Locale, date: &PartialDate) -> String {
    if date.has_day() {
        locale.cldr.medium_date(date.first_day())
    } else {
        locale.cldr.month_year(date.first_day())
    }
}

/// A date as running text writes it after a preposition ("by {date}"):
/// [`short_date`], except that a month takes the form the language gives it
/// there (Czech and Polish: the genitive, "do dubna 2027").
pub fn date_in_text(locale: &Locale, date: &PartialDate) -> String {
    if date.has_day() {
        locale.cldr.medium_date(date.first_day())
    } else {
        locale.cldr.month_year_in_text(date.first_day())
    }
}

/// `Mar 2025` for any day.
pub fn month_year(locale: &Locale, date: NaiveDate) -> String {
    locale.cldr.month_year(date)
}

/// `Jan 2024 – Jun 2025`, `Since Jan 2024`, `Until Jun 2025`.
pub fn period(locale: &Locale, period: &Period) -> Option<String> {
    let start = period.start.as_ref().map(|d| short_date(locale, d));
    let end = match &period.end {
        Some(PeriodEnd::On(date)) => Some(short_date(locale, date)),
        Some(PeriodEnd::Ongoing) => None,
        None => None,
    };
    let ongoing = matches!(period.end, Some(PeriodEnd::Ongoing));
    match (start, end) {
        (Some(start), Some(end)) if start == end => Some(start),
        (Some(start), Some(end)) => {
            Some(locale.text("period.range", &[("start", &start), ("end", &end)]))
        }
        (Some(start), None) if ongoing => Some(locale.text("period.since", &[("date", &start)])),
        (Some(start), None) => Some(locale.text("period.from", &[("date", &start)])),
        (None, Some(end)) => Some(locale.text("period.until", &[("date", &end)])),
        (None, None) if ongoing => Some(locale.text("period.ongoing", &[])),
        (None, None) => None,
    }
}

/// `Ready now`, `6–12 months`, `1–2 years`, `By Mar 2027`.
pub fn readiness(locale: &Locale, readiness: &Readiness) -> String {
    readiness_with(locale, readiness, "readiness")
}

/// As [`readiness`], run into a sentence: `ready now`, `by Mar 2027`.
pub fn readiness_inline(locale: &Locale, readiness: &Readiness) -> String {
    readiness_with(locale, readiness, "readiness-inline")
}

fn readiness_with(locale: &Locale, readiness: &Readiness, prefix: &str) -> String {
    match readiness {
        Readiness::ReadyNow => locale.text(&format!("{prefix}.ready-now"), &[]),
        Readiness::Within6To12Months => locale.text(&format!("{prefix}.6-12-months"), &[]),
        Readiness::Within1To2Years => locale.text(&format!("{prefix}.1-2-years"), &[]),
        Readiness::By(date) => locale.text(
            &format!("{prefix}.by"),
            &[("date", &short_date(locale, date))],
        ),
    }
}

/// Grouped digits, at most two decimals, no trailing zeros: `1,234.5`, `1.234,5`.
pub fn number(locale: &Locale, value: f64) -> String {
    if !value.is_finite() {
        return value.to_string();
    }
    locale.cldr.number(value, 2, false)
}

/// A count written as the locale groups digits: `1,250`.
pub fn count(locale: &Locale, value: u64) -> String {
    locale.cldr.integer(value)
}

/// The significand and exponent a large figure is shortened to, keeping three
/// significant digits (`1.15` and 6 for 1,150,000: one digit fewer would
/// print 1.2M, 4% more); `None` for figures the locale writes in full.
fn shortened(locale: &Locale, value: f64) -> Option<(f64, u8, u8)> {
    let magnitude = value.abs();
    let power = if magnitude >= 1e9 {
        9
    } else if magnitude >= 1e6 {
        6
    } else if magnitude >= 1e4 {
        3
    } else {
        return None;
    };
    let exponent = locale.cldr.compact_exponent(power);
    if exponent == 0 {
        return None;
    }
    let scaled = value / 10f64.powi(i32::from(exponent));
    let digits: u8 = if scaled.abs() >= 100.0 {
        0
    } else if scaled.abs() >= 10.0 {
        1
    } else {
        2
    };
    Some((scaled, digits, exponent))
}

/// Large numbers shortened to three significant digits: `2.4M`, `1.15M`,
/// `450K`, `6,4 Mio.`; smaller ones (and those the locale does not shorten)
/// as [`number`].
pub fn compact(locale: &Locale, value: f64) -> String {
    match shortened(locale, value) {
        Some((scaled, digits, exponent)) => locale.cldr.compact(scaled, digits, exponent),
        None if value.abs() >= 1e4 => locale.cldr.number(value, 0, false),
        None => number(locale, value),
    }
}

/// Money: `€2.4M`, `£1.15M`, `6,4 Mio. €`, `CHF 450K`, `US$3.40`. Amounts
/// below the shortened range write cents in full when there are any
/// (`3.40`, not `3.4`), as prices are.
pub fn money(locale: &Locale, amount: f64, currency: &str) -> String {
    let magnitude = amount.abs();
    let (digits, exponent) = match shortened(locale, magnitude) {
        Some((scaled, digits, exponent)) => (locale.cldr.number(scaled, digits, false), exponent),
        None if magnitude >= 1e4 => (locale.cldr.number(magnitude, 0, false), 0),
        None => {
            let has_cents = (magnitude * 100.0).round() % 100.0 != 0.0;
            let places = if has_cents { 2 } else { 0 };
            (locale.cldr.number(magnitude, places, has_cents), 0)
        }
    };
    let sign = if amount < 0.0 && digits.bytes().any(|b| (b'1'..=b'9').contains(&b)) {
        "−"
    } else {
        ""
    };
    format!("{sign}{}", locale.cldr.money(&digits, currency, exponent))
}

/// A percentage: `12.5%`, `106 %`, `%18`.
pub fn percent(locale: &Locale, value: f64) -> String {
    let sign = if value < 0.0 && number(locale, value.abs()) != "0" {
        "−"
    } else {
        ""
    };
    format!(
        "{sign}{}",
        locale.cldr.percent(&number(locale, value.abs()))
    )
}

/// A value with its unit: `12.5%`, `€2.4M`, `9 days`, `1,250 leads`. What
/// counts as money or a percentage is [`Unit`]'s one answer (`€`, `kEUR`,
/// `pct` among them).
pub fn value(locale: &Locale, value: f64, unit: Option<&str>) -> String {
    match Unit::of(unit) {
        Unit::Bare => number(locale, value),
        Unit::Percent => percent(locale, value),
        Unit::Money { currency, scale } => money(locale, value * scale, &currency),
        Unit::Other(unit) => format!("{} {unit}", compact(locale, value)),
    }
}

/// Whether a unit is short enough to print after every value in a table
/// (`%`, `EUR`, `days`); longer ones (`incidents per 200,000 hours`) are
/// printed once, beside the KPI's name.
pub fn is_short_unit(unit: Option<&str>) -> bool {
    match Unit::of(unit) {
        Unit::Bare | Unit::Percent | Unit::Money { .. } => true,
        Unit::Other(unit) => unit.chars().count() <= 5 && !unit.contains(' '),
    }
}

/// A value for a table cell: with its unit when the unit is short, bare otherwise.
pub fn cell(locale: &Locale, value: f64, unit: Option<&str>) -> String {
    if is_short_unit(unit) {
        self::value(locale, value, unit)
    } else {
        compact(locale, value)
    }
}

/// An axis tick: money and percentages with their sign, other units left to
/// the axis label so ticks stay short.
pub fn tick(locale: &Locale, value: f64, unit: Option<&str>) -> String {
    match Unit::of(unit) {
        Unit::Percent => percent(locale, value),
        Unit::Money { currency, scale } => money(locale, value * scale, &currency),
        Unit::Bare | Unit::Other(_) => compact(locale, value),
    }
}

/// A change from `from` to `to`: percentage points for percentages, a
/// relative change otherwise (`+18%`), an absolute one when `from` is zero.
pub fn change(locale: &Locale, from: f64, to: f64, unit: Option<&str>) -> String {
    let delta = to - from;
    let sign = if delta > 0.0 {
        "+"
    } else if delta < 0.0 {
        "−"
    } else {
        "±"
    };
    if Unit::of(unit) == Unit::Percent {
        return locale.text(
            "change.points",
            &[("sign", sign), ("value", &number(locale, delta.abs()))],
        );
    }
    if from != 0.0 {
        let relative = delta / from.abs() * 100.0;
        let shown = if relative.abs() >= 10.0 {
            relative.abs().round()
        } else {
            (relative.abs() * 10.0).round() / 10.0
        };
        return format!("{sign}{}", percent(locale, shown));
    }
    format!("{sign}{}", value(locale, delta.abs(), unit))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::LanguageTag;

    fn en() -> &'static Locale {
        Locale::english()
    }

    fn locale(tag: &str) -> Locale {
        Locale::built_in(LanguageTag::parse(tag).expect("supported"))
    }

    #[test]
    fn numbers_read_like_a_report() {
        assert_eq!(number(en(), 1234567.0), "1,234,567");
        assert_eq!(number(en(), 12.50), "12.5");
        assert_eq!(number(en(), -0.004), "0");
        assert_eq!(compact(en(), 2_400_000.0), "2.4M");
        assert_eq!(compact(en(), 450_000.0), "450K");
        assert_eq!(value(en(), 2_400_000.0, Some("EUR")), "€2.4M");
        assert_eq!(value(en(), 38.0, Some("%")), "38%");
        assert_eq!(value(en(), 9.0, Some("days")), "9 days");
        assert_eq!(value(en(), 120_000.0, Some("CHF")), "CHF\u{a0}120K");
    }

    #[test]
    fn what_check_counts_as_money_or_a_percentage_prints_as_one() {
        assert_eq!(value(en(), 2_400_000.0, Some("€")), "€2.4M");
        assert_eq!(value(en(), 1_150_000.0, Some("£")), "£1.15M");
        assert_eq!(value(en(), 450.0, Some("kEUR")), "€450K");
        assert_eq!(value(en(), 450.0, Some("EUR thousands")), "€450K");
        assert_eq!(value(en(), 2.4, Some("M USD")), "US$2.4M");
        assert_eq!(value(en(), 12.5, Some("pct")), "12.5%");
        assert_eq!(value(en(), 12.5, Some("percent")), "12.5%");
        assert_eq!(tick(en(), 450.0, Some("kEUR")), "€450K");
        assert_eq!(change(en(), 30.0, 38.5, Some("pct")), "+8.5 pts");
        assert!(is_short_unit(Some("EUR thousands")));
    }

    #[test]
    fn money_keeps_the_digits_the_case_gives() {
        // 3.40 USD stays 3.40; 1,150,000 GBP is £1.15M, not £1.2M.
        assert_eq!(value(en(), 3.40, Some("USD")), "US$3.40");
        assert_eq!(value(en(), 1.29, Some("USD")), "US$1.29");
        assert_eq!(value(en(), 12.0, Some("EUR")), "€12");
        assert_eq!(money(en(), 1_150_000.0, "GBP"), "£1.15M");
        assert_eq!(money(en(), 48_500_000.0, "USD"), "US$48.5M");
        assert_eq!(money(en(), 6_400_000.0, "EUR"), "€6.4M");
        assert_eq!(money(en(), 650_000.0, "EUR"), "€650K");
        assert_eq!(money(en(), 18_700.0, "EUR"), "€18.7K");
        assert_eq!(money(en(), -2_450_000.0, "EUR"), "−€2.45M");
        assert_eq!(compact(en(), 12_345_678.0), "12.3M");
    }

    #[test]
    fn each_locale_writes_figures_its_own_way() {
        let de = locale("de");
        assert_eq!(money(&de, 6_400_000.0, "EUR"), "6,4\u{a0}Mio.\u{a0}€");
        // German does not shorten thousands: the figure is written in full.
        assert_eq!(money(&de, 18_700.0, "EUR"), "18.700\u{a0}€");
        assert_eq!(number(&de, 1234.5), "1.234,5");
        assert_eq!(value(&de, 106.0, Some("%")), "106\u{a0}%");
        let fr = locale("fr");
        assert_eq!(number(&fr, 1234.5), "1\u{202f}234,5");
        assert_eq!(money(&fr, 1_150_000.0, "EUR"), "1,15\u{a0}M\u{a0}€");
        let tr = locale("tr");
        assert_eq!(value(&tr, 106.0, Some("%")), "%106");
        let day = NaiveDate::from_ymd_opt(2026, 10, 15).expect("a date");
        assert_eq!(long_date(&de, day), "15. Oktober 2026");
        assert_eq!(long_date(en(), day), "15 October 2026");
        assert_eq!(long_date(&locale("en-US"), day), "October 15, 2026");
    }

    #[test]
    fn changes_name_their_kind() {
        assert_eq!(change(en(), 30.0, 38.5, Some("%")), "+8.5 pts");
        assert_eq!(change(en(), 21.0, 9.0, Some("days")), "−57%");
        assert_eq!(change(en(), 100.0, 104.0, None), "+4%");
        assert_eq!(change(en(), 0.0, 12.0, Some("leads")), "+12 leads");
    }

    #[test]
    fn periods_and_dates() {
        let period = Period {
            start: "2024-01".parse().ok(),
            end: Some(PeriodEnd::Ongoing),
        };
        assert_eq!(
            super::period(en(), &period).as_deref(),
            Some("Since Jan 2024")
        );
        let day: PartialDate = "2025-03-14".parse().unwrap();
        assert_eq!(short_date(en(), &day), "14 Mar 2025");
    }
}
