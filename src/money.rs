//! Money as integer cents, and how it is shown to people.

use std::fmt;
use std::ops::{Add, Mul};

use serde::{Deserialize, Serialize};

use crate::lang::Lang;

/// An amount of money in the smallest unit of the shop's currency.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Cents(pub u64);

impl Cents {
    /// The amount in cents.
    pub fn get(self) -> u64 {
        self.0
    }
}

impl Add for Cents {
    type Output = Cents;

    fn add(self, other: Cents) -> Cents {
        Cents(self.0.saturating_add(other.0))
    }
}

impl Mul<u64> for Cents {
    type Output = Cents;

    fn mul(self, times: u64) -> Cents {
        Cents(self.0.saturating_mul(times))
    }
}

impl std::iter::Sum for Cents {
    fn sum<I: Iterator<Item = Cents>>(iter: I) -> Cents {
        iter.fold(Cents(0), Add::add)
    }
}

/// The shop's currency: an ISO 4217 code such as `EUR`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Currency(String);

impl Currency {
    /// The three-letter code, e.g. `EUR`.
    pub fn code(&self) -> &str {
        &self.0
    }

    fn symbol(&self) -> Option<&'static str> {
        match self.0.as_str() {
            "EUR" => Some("€"),
            "USD" => Some("$"),
            "GBP" => Some("£"),
            _ => None,
        }
    }

    /// Formats `amount` the way `lang` writes money: `€3,143.25` in English,
    /// `3.143,25 €` in Spanish (a no-break space before the symbol); the
    /// code stands in for an unknown symbol.
    pub fn format(&self, amount: Cents, lang: Lang) -> String {
        let mut out = String::with_capacity(20);
        self.write(&mut out, amount, lang)
            .map(|()| out)
            .unwrap_or_default()
    }

    fn write(&self, out: &mut impl fmt::Write, amount: Cents, lang: Lang) -> fmt::Result {
        let (units, cents) = (amount.0 / 100, amount.0 % 100);
        match (lang, self.symbol()) {
            (Lang::En, Some(symbol)) => {
                out.write_str(symbol)?;
                write_grouped(out, units, ',')?;
                write!(out, ".{cents:02}")
            }
            (Lang::En, None) => {
                write_grouped(out, units, ',')?;
                write!(out, ".{cents:02} {}", self.0)
            }
            (Lang::Es, symbol) => {
                // NOTE: the RAE writes 4-digit amounts without a separator
                // (3143,25 €); the shop groups every amount, like most shops.
                write_grouped(out, units, '.')?;
                write!(out, ",{cents:02}\u{a0}{}", symbol.unwrap_or(&self.0))
            }
        }
    }
}

/// Writes `number` with `separator` between groups of three digits.
fn write_grouped(out: &mut impl fmt::Write, number: u64, separator: char) -> fmt::Result {
    let digits = number.to_string();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.write_char(separator)?;
        }
        out.write_char(digit)?;
    }
    Ok(())
}

impl TryFrom<String> for Currency {
    type Error = String;

    fn try_from(code: String) -> Result<Self, Self::Error> {
        if code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase()) {
            Ok(Currency(code))
        } else {
            Err(format!(
                "currency must be a three-letter ISO code such as EUR, not {code:?}"
            ))
        }
    }
}

impl From<Currency> for String {
    fn from(currency: Currency) -> String {
        currency.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn eur() -> Currency {
        Currency::try_from("EUR".to_owned()).unwrap()
    }

    /// Amounts in cents, as English and Spanish write them in euros.
    const EUROS: [(u64, &str, &str); 8] = [
        (0, "€0.00", "0,00\u{a0}€"),
        (5, "€0.05", "0,05\u{a0}€"),
        (99, "€0.99", "0,99\u{a0}€"),
        (100, "€1.00", "1,00\u{a0}€"),
        (1000, "€10.00", "10,00\u{a0}€"),
        (100_000, "€1,000.00", "1.000,00\u{a0}€"),
        (314_325, "€3,143.25", "3.143,25\u{a0}€"),
        (100_000_000, "€1,000,000.00", "1.000.000,00\u{a0}€"),
    ];

    #[test]
    fn english_puts_the_symbol_first_a_decimal_point_and_thousands_commas() {
        for (cents, english, _) in EUROS {
            assert_eq!(eur().format(Cents(cents), Lang::En), english);
        }
    }

    #[test]
    fn spanish_puts_a_decimal_comma_thousands_points_and_the_symbol_after() {
        for (cents, _, spanish) in EUROS {
            assert_eq!(eur().format(Cents(cents), Lang::Es), spanish);
        }
    }

    #[test]
    fn the_largest_amount_is_grouped_too() {
        assert_eq!(
            eur().format(Cents(u64::MAX), Lang::En),
            "€184,467,440,737,095,516.15"
        );
    }

    #[test]
    fn currencies_without_a_symbol_show_their_code() {
        let chf = Currency::try_from("CHF".to_owned()).unwrap();
        assert_eq!(chf.format(Cents(123_456), Lang::En), "1,234.56 CHF");
        assert_eq!(chf.format(Cents(123_456), Lang::Es), "1.234,56\u{a0}CHF");
    }

    #[test]
    fn a_currency_code_must_be_three_capital_letters() {
        assert!(Currency::try_from("eur".to_owned()).is_err());
        assert!(Currency::try_from("EURO".to_owned()).is_err());
    }

    #[test]
    fn money_arithmetic_saturates_instead_of_wrapping() {
        assert_eq!(Cents(u64::MAX) + Cents(1), Cents(u64::MAX));
        assert_eq!(Cents(u64::MAX) * 2, Cents(u64::MAX));
        assert_eq!(
            [Cents(100), Cents(250)].into_iter().sum::<Cents>(),
            Cents(350)
        );
    }
}
