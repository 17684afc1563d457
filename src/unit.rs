//! What a unit written in a case means: money in a currency (`EUR`, `usd`,
//! `€`, `$`, `£`, `kEUR`, `EUR thousands`, `M USD`), a percentage (`%`,
//! `percent`, `pct`), or a count of something else (`days`, `leads`). One
//! definition, below [`crate::format`] and [`crate::rubric`]: what `check`
//! counts as money is what every document prints as money.

/// The currencies a unit may name by code.
const CODES: [&str; 20] = [
    "EUR", "USD", "GBP", "CHF", "JPY", "CNY", "CAD", "AUD", "SEK", "NOK", "DKK", "PLN", "CZK",
    "INR", "BRL", "MXN", "ZAR", "SGD", "HKD", "NZD",
];

/// A unit, read.
#[derive(Debug, Clone, PartialEq)]
pub enum Unit<'a> {
    /// No unit: a plain number.
    Bare,
    /// A percentage.
    Percent,
    /// Money in an ISO currency; each value written counts `scale` units of
    /// it (1000 for `kEUR` or `EUR thousands`).
    Money { currency: String, scale: f64 },
    /// Anything else, printed after the value as written.
    Other(&'a str),
}

impl<'a> Unit<'a> {
    pub fn of(unit: Option<&'a str>) -> Unit<'a> {
        let Some(unit) = unit.map(str::trim).filter(|u| !u.is_empty()) else {
            return Unit::Bare;
        };
        if is_percent(Some(unit)) {
            return Unit::Percent;
        }
        match currency_of(unit) {
            Some(currency) => Unit::Money {
                currency,
                scale: scale_of(unit),
            },
            None => Unit::Other(unit),
        }
    }

    pub fn is_money(&self) -> bool {
        matches!(self, Unit::Money { .. })
    }
}

/// Whether a unit names a percentage.
pub fn is_percent(unit: Option<&str>) -> bool {
    unit.is_some_and(|u| {
        let u = u.trim().to_lowercase();
        u == "%" || u == "percent" || u == "pct"
    })
}

/// The ISO currency a unit names, if it names one: "EUR", "usd", "€", "$",
/// "£", "kEUR", "EUR thousands", "M USD".
pub fn currency_of(unit: &str) -> Option<String> {
    let unit = unit.trim();
    match unit {
        "€" => return Some("EUR".into()),
        "$" => return Some("USD".into()),
        "£" => return Some("GBP".into()),
        _ => {}
    }
    // The code is one of the words, perhaps with a k or M before it.
    words(unit)
        .map(|word| {
            let upper = word.to_ascii_uppercase();
            upper
                .strip_prefix('K')
                .or_else(|| upper.strip_prefix('M'))
                .filter(|rest| rest.len() == 3 && word.len() == 4)
                .map(str::to_string)
                .unwrap_or(upper)
        })
        .find(|word| CODES.contains(&word.as_str()))
}

fn words(unit: &str) -> impl Iterator<Item = &str> {
    unit.split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| !w.is_empty())
}

/// How many of the currency one written value counts: `kEUR` and
/// `EUR thousands` 1,000, `MEUR`, `M USD` and `USD millions` 1,000,000.
fn scale_of(unit: &str) -> f64 {
    let mut scale = 1.0;
    for word in words(unit) {
        let lower = word.to_ascii_lowercase();
        let prefixed = word.len() == 4 && CODES.contains(&word[1..].to_ascii_uppercase().as_str());
        scale *= match lower.as_str() {
            "k" | "thousand" | "thousands" => 1e3,
            "m" | "mn" | "million" | "millions" => 1e6,
            "bn" | "billion" | "billions" => 1e9,
            _ if prefixed && lower.starts_with('k') => 1e3,
            _ if prefixed && lower.starts_with('m') => 1e6,
            _ => 1.0,
        };
    }
    scale
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_way_of_writing_money_is_money_with_its_scale() {
        let money = |unit: &str| match Unit::of(Some(unit)) {
            Unit::Money { currency, scale } => Some((currency, scale)),
            _ => None,
        };
        assert_eq!(money("EUR"), Some(("EUR".into(), 1.0)));
        assert_eq!(money("usd"), Some(("USD".into(), 1.0)));
        assert_eq!(money("€"), Some(("EUR".into(), 1.0)));
        assert_eq!(money("$"), Some(("USD".into(), 1.0)));
        assert_eq!(money("£"), Some(("GBP".into(), 1.0)));
        assert_eq!(money("kEUR"), Some(("EUR".into(), 1e3)));
        assert_eq!(money("EUR thousands"), Some(("EUR".into(), 1e3)));
        assert_eq!(money("M USD"), Some(("USD".into(), 1e6)));
        assert_eq!(money("USD millions"), Some(("USD".into(), 1e6)));
        assert_eq!(money("days"), None);
        assert_eq!(money("leads"), None);
        assert_eq!(money("Mbps"), None);
    }

    #[test]
    fn percentages_and_other_units() {
        for unit in ["%", "percent", "pct", " PCT "] {
            assert_eq!(Unit::of(Some(unit)), Unit::Percent, "{unit}");
        }
        assert_eq!(Unit::of(None), Unit::Bare);
        assert_eq!(Unit::of(Some("  ")), Unit::Bare);
        assert_eq!(Unit::of(Some("NPS points")), Unit::Other("NPS points"));
    }
}
