//! CLDR's conventions for one locale, through ICU4X's compiled data: digits
//! and separators, compact forms ("6,4 Mio."), where the currency goes and
//! with what space ("6,4 Mio. €", "€6.4M"), percent signs ("106 %"), long
//! and short dates, and plural categories.
//!
//! [`crate::format`] decides what to write (three significant digits, cents
//! in full, which figures are compacted); this module only knows how the
//! locale writes it. Currency and percent patterns are taken from ICU4X by
//! formatting a sentinel value and keeping what surrounds its digits, so our
//! own rounding applies inside CLDR's pattern.

use std::collections::HashMap;
use std::str::FromStr;
use std::sync::Mutex;

use chrono::Datelike;
use fixed_decimal::Decimal;
use icu_calendar::{Date, Gregorian};
use icu_datetime::pattern::{DateTimePattern, FixedCalendarDateTimeNames, MonthNameLength};
use icu_datetime::{FixedCalendarDateTimeFormatter, fieldsets};
use icu_decimal::{CompactDecimalFormatter, DecimalFormatter};
use icu_experimental::dimension::currency::CurrencyType;
use icu_experimental::dimension::currency::formatter::CurrencyFormatter;
use icu_experimental::dimension::percent::formatter::PercentFormatter;
use icu_locale_core::Locale as IcuLocale;
use icu_plurals::{PluralCategory, PluralRules};

use crate::model::LanguageTag;

/// The text around a number in a pattern: `€` and `M` around `6.4`.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Around {
    before: String,
    after: String,
}

impl Around {
    /// Splits a formatted sentinel at the span from its first to its last digit.
    fn of(formatted: &str) -> Option<Around> {
        let first = formatted.find(|c: char| c.is_ascii_digit())?;
        let last = formatted.rfind(|c: char| c.is_ascii_digit())?;
        Some(Around {
            before: formatted[..first].to_string(),
            after: formatted[last + 1..].to_string(),
        })
    }

    fn wrap(&self, number: &str) -> String {
        format!("{}{number}{}", self.before, self.after)
    }
}

struct Dates {
    long: FixedCalendarDateTimeFormatter<Gregorian, fieldsets::YMD>,
    medium: FixedCalendarDateTimeFormatter<Gregorian, fieldsets::YMD>,
    month: FixedCalendarDateTimeFormatter<Gregorian, fieldsets::YM>,
    /// A month and year in running text, for languages whose month takes
    /// its genitive there (CLDR's format-context wide names, `MMMM y`).
    month_in_text: Option<(
        FixedCalendarDateTimeNames<Gregorian, fieldsets::YM>,
        DateTimePattern,
    )>,
}

/// ICU4X's formatters for one locale, made once. Every constructor reads
/// compiled data that holds all fifteen languages; a test builds each one,
/// so the fallbacks below (plain digits, ISO dates) are never reached in
/// practice and exist only so bad data cannot stop a build.
pub struct Cldr {
    locale: IcuLocale,
    decimal: Option<DecimalFormatter>,
    compact: Option<CompactDecimalFormatter>,
    percent: Option<Around>,
    plurals: Option<PluralRules>,
    dates: Option<Dates>,
    /// Currency patterns by (code, compact exponent), made on first use.
    money: Mutex<HashMap<(String, u8), Option<Around>>>,
}

impl Cldr {
    pub fn new(tag: &LanguageTag) -> Cldr {
        let text = match tag.effective_region() {
            Some(region) => format!("{}-{region}", tag.language.code),
            None => tag.language.code.to_string(),
        };
        let locale = IcuLocale::from_str(&text).unwrap_or_else(|_| {
            IcuLocale::from_str(tag.language.code).unwrap_or(IcuLocale::UNKNOWN)
        });
        let decimal = DecimalFormatter::try_new((&locale).into(), Default::default()).ok();
        let compact =
            CompactDecimalFormatter::try_new_short((&locale).into(), Default::default()).ok();
        let percent = PercentFormatter::try_new((&locale).into(), Default::default())
            .ok()
            .and_then(|f| Around::of(&f.format(&Decimal::from(7)).to_string()));
        let plurals = PluralRules::try_new_cardinal((&locale).into()).ok();
        let dates = (|| {
            Some(Dates {
                long: FixedCalendarDateTimeFormatter::try_new(
                    (&locale).into(),
                    fieldsets::YMD::long(),
                )
                .ok()?,
                medium: FixedCalendarDateTimeFormatter::try_new(
                    (&locale).into(),
                    fieldsets::YMD::medium(),
                )
                .ok()?,
                month: FixedCalendarDateTimeFormatter::try_new(
                    (&locale).into(),
                    fieldsets::YM::medium(),
                )
                .ok()?,
                month_in_text: if tag.language.genitive_month_in_text {
                    let mut names =
                        FixedCalendarDateTimeNames::<Gregorian, fieldsets::YM>::try_new(
                            (&locale).into(),
                        )
                        .ok()?;
                    names.include_month_names(MonthNameLength::Wide).ok()?;
                    names.include_decimal_formatter().ok()?;
                    Some((names, DateTimePattern::try_from_pattern_str("MMMM y").ok()?))
                } else {
                    None
                },
            })
        })();
        Cldr {
            locale,
            decimal,
            compact,
            percent,
            plurals,
            dates,
            money: Mutex::new(HashMap::new()),
        }
    }

    /// Whether every formatter was made (a test asserts it for each language).
    pub fn is_complete(&self) -> bool {
        self.decimal.is_some()
            && self.compact.is_some()
            && self.percent.is_some()
            && self.plurals.is_some()
            && self.dates.is_some()
    }

    /// The CLDR plural category of a count: `one`, `few`, `other`, …
    pub fn plural_category(&self, count: f64) -> &'static str {
        let Some(rules) = &self.plurals else {
            return if count == 1.0 { "one" } else { "other" };
        };
        let decimal = to_decimal(count, 2, false);
        match rules.category_for(&decimal) {
            PluralCategory::Zero => "zero",
            PluralCategory::One => "one",
            PluralCategory::Two => "two",
            PluralCategory::Few => "few",
            PluralCategory::Many => "many",
            PluralCategory::Other => "other",
        }
    }

    /// A whole number with the locale's grouping: `1,234`, `1.234`, `1 234`.
    pub fn integer(&self, value: u64) -> String {
        self.decimal_text(&Decimal::from(value))
    }

    /// `value` rounded to `fraction_digits` decimals, trailing zeros dropped
    /// unless `keep_zeros`; the sign is the typographic minus.
    pub fn number(&self, value: f64, fraction_digits: u8, keep_zeros: bool) -> String {
        let decimal = to_decimal(value, fraction_digits, keep_zeros);
        self.decimal_text(&decimal)
    }

    fn decimal_text(&self, decimal: &Decimal) -> String {
        let text = match &self.decimal {
            Some(formatter) => formatter.format(decimal).to_string(),
            None => decimal.to_string(),
        };
        typographic_minus(&text)
    }

    /// The exponent the locale shortens a magnitude (10^digits) with: 6 for
    /// millions, 3 for thousands, 0 where it writes the number in full (German
    /// and Spanish thousands).
    pub fn compact_exponent(&self, magnitude: i16) -> u8 {
        self.compact
            .as_ref()
            .map_or(0, |c| c.compact_exponent_for_magnitude(magnitude))
    }

    /// `significand` × 10^exponent in the locale's short compact form:
    /// `1.15M`, `1,15 Mio.`, `650K`. The significand keeps the digits given.
    pub fn compact(&self, significand: f64, fraction_digits: u8, exponent: u8) -> String {
        let decimal = to_decimal(significand, fraction_digits, false);
        let text = self
            .compact
            .as_ref()
            .and_then(|c| c.format_with_exponent(&decimal, exponent).ok())
            .map(|w| w.to_string());
        match text {
            Some(text) => typographic_minus(&text),
            None => self.decimal_text(&decimal),
        }
    }

    /// A number already written by the locale, put in its percent pattern: `106 %`, `%106`.
    pub fn percent(&self, number: &str) -> String {
        match &self.percent {
            Some(around) => around.wrap(number),
            None => format!("{number}%"),
        }
    }

    /// A number already written by the locale (`6,4`), put in the currency's
    /// pattern for that exponent: `6,4 Mio. €`, `€6.4M`, `CHF 450K`. With
    /// exponent 0 the plain pattern (`18.700 €`).
    pub fn money(&self, number: &str, currency: &str, exponent: u8) -> String {
        let around = self.money_pattern(currency, exponent);
        match around {
            Some(around) => around.wrap(number),
            None => format!("{currency} {number}"),
        }
    }

    fn money_pattern(&self, currency: &str, exponent: u8) -> Option<Around> {
        let key = (currency.to_string(), exponent);
        if let Ok(cache) = self.money.lock()
            && let Some(found) = cache.get(&key)
        {
            return found.clone();
        }
        let pattern = (|| {
            let code = CurrencyType::try_from_str(&currency.to_ascii_lowercase()).ok()?;
            let sentinel =
                Decimal::from_str(&format!("7{}", "0".repeat(exponent as usize))).ok()?;
            let text = if exponent == 0 {
                CurrencyFormatter::try_new_symbol((&self.locale).into(), code, Default::default())
                    .ok()?
                    .format_fixed_decimal(&sentinel)
                    .to_string()
            } else {
                CurrencyFormatter::try_new_compact_symbol(
                    (&self.locale).into(),
                    code,
                    Default::default(),
                )
                .ok()?
                .format_fixed_decimal(&sentinel)
                .to_string()
            };
            // The plain pattern writes cents ("7,00 €"): what surrounds the
            // digits is kept, and the amount brings its own.
            Around::of(&text)
        })();
        if let Ok(mut cache) = self.money.lock() {
            cache.insert(key, pattern.clone());
        }
        pattern
    }

    /// `15 October 2026`, `15. Oktober 2026`.
    pub fn long_date(&self, date: chrono::NaiveDate) -> String {
        self.date_with(date, |d| &d.long)
    }

    /// `14 Mar 2025`, `14.03.2025`.
    pub fn medium_date(&self, date: chrono::NaiveDate) -> String {
        self.date_with(date, |d| &d.medium)
    }

    /// `Mar 2025`, `03/2025`.
    pub fn month_year(&self, date: chrono::NaiveDate) -> String {
        match (&self.dates, gregorian(date)) {
            (Some(dates), Some(day)) => dates.month.format(&day).to_string(),
            _ => date.format("%Y-%m").to_string(),
        }
    }

    /// A month and year as running text writes it after a preposition:
    /// `do dubna 2027` in Czech, where [`Cldr::month_year`] gives the
    /// nominative `duben 2027`; the same as `month_year` in most languages.
    pub fn month_year_in_text(&self, date: chrono::NaiveDate) -> String {
        use writeable::TryWriteable;
        match (&self.dates, gregorian(date)) {
            (
                Some(Dates {
                    month_in_text: Some((names, pattern)),
                    ..
                }),
                Some(day),
            ) => names
                .with_pattern_unchecked(pattern)
                .format(&day)
                .try_write_to_string()
                .map_or_else(
                    |(_, partial)| partial.into_owned(),
                    |text| text.into_owned(),
                ),
            _ => self.month_year(date),
        }
    }

    fn date_with(
        &self,
        date: chrono::NaiveDate,
        pick: impl Fn(&Dates) -> &FixedCalendarDateTimeFormatter<Gregorian, fieldsets::YMD>,
    ) -> String {
        match (&self.dates, gregorian(date)) {
            (Some(dates), Some(day)) => pick(dates).format(&day).to_string(),
            _ => date.format("%Y-%m-%d").to_string(),
        }
    }
}

fn gregorian(date: chrono::NaiveDate) -> Option<Date<Gregorian>> {
    Date::try_new_gregorian(date.year(), date.month() as u8, date.day() as u8).ok()
}

/// `value` as a decimal rounded to `fraction_digits` places.
fn to_decimal(value: f64, fraction_digits: u8, keep_zeros: bool) -> Decimal {
    let text = format!("{:.*}", fraction_digits as usize, value);
    let mut decimal = Decimal::from_str(&text).unwrap_or_default();
    if !keep_zeros {
        decimal.absolute.trim_end();
    }
    // "-0" after rounding a tiny negative is zero.
    if decimal.absolute.is_zero() {
        decimal.sign = fixed_decimal::Sign::None;
    }
    decimal
}

/// CLDR writes a hyphen-minus for most locales; print the minus sign.
fn typographic_minus(text: &str) -> String {
    text.replace('-', "−")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cldr(tag: &str) -> Cldr {
        Cldr::new(&LanguageTag::parse(tag).expect("a supported tag"))
    }

    #[test]
    fn every_language_has_all_its_formatters() {
        for language in crate::model::language::LANGUAGES.iter() {
            let tag = LanguageTag::parse(language.code).expect("supported");
            assert!(Cldr::new(&tag).is_complete(), "{}", language.code);
        }
    }

    #[test]
    fn german_writes_german() {
        let de = cldr("de");
        let day = chrono::NaiveDate::from_ymd_opt(2026, 10, 15).expect("a date");
        assert_eq!(de.long_date(day), "15. Oktober 2026");
        assert_eq!(de.number(1234.5, 2, false), "1.234,5");
        assert_eq!(de.percent(&de.number(106.0, 2, false)), "106\u{a0}%");
        assert_eq!(
            de.money(&de.number(6.4, 2, false), "EUR", 6),
            "6,4\u{a0}Mio.\u{a0}€"
        );
        assert_eq!(de.compact_exponent(3), 0, "German writes thousands in full");
    }

    #[test]
    fn english_keeps_day_month_year_and_us_english_does_not() {
        let day = chrono::NaiveDate::from_ymd_opt(2026, 10, 15).expect("a date");
        assert_eq!(cldr("en").long_date(day), "15 October 2026");
        assert_eq!(cldr("en-US").long_date(day), "October 15, 2026");
        assert_eq!(cldr("en").money("6.4", "EUR", 6), "€6.4M");
        // British English writes millions with a small m, as CLDR has it.
        assert_eq!(cldr("en-GB").money("6.4", "EUR", 6), "€6.4m");
        assert_eq!(cldr("en").money("3.40", "USD", 0), "US$3.40");
    }

    #[test]
    fn plural_categories_follow_the_language() {
        assert_eq!(cldr("pl").plural_category(3.0), "few");
        assert_eq!(cldr("pl").plural_category(5.0), "many");
        assert_eq!(cldr("en").plural_category(1.5), "other");
        assert_eq!(cldr("en").plural_category(1.0), "one");
        assert_eq!(cldr("he").plural_category(2.0), "two");
    }
}
