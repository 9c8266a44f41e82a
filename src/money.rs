//! Money as integer cents, and how it is shown to people.

use std::fmt;
use std::ops::{Add, Mul};

use serde::{Deserialize, Serialize};

use crate::i18n::Lang;

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

    /// Formats `amount` the way `lang` writes money: `€14.50` in English,
    /// `14,50 €` in Spanish; the code stands in for an unknown symbol.
    pub fn format(&self, amount: Cents, lang: Lang) -> String {
        let mut out = String::with_capacity(16);
        self.write(&mut out, amount, lang)
            .map(|()| out)
            .unwrap_or_default()
    }

    fn write(&self, out: &mut impl fmt::Write, amount: Cents, lang: Lang) -> fmt::Result {
        let (units, cents) = (amount.0 / 100, amount.0 % 100);
        match (lang, self.symbol()) {
            (Lang::En, Some(symbol)) => write!(out, "{symbol}{units}.{cents:02}"),
            (Lang::En, None) => write!(out, "{units}.{cents:02} {}", self.0),
            (Lang::Es, Some(symbol)) => write!(out, "{units},{cents:02}\u{a0}{symbol}"),
            (Lang::Es, None) => write!(out, "{units},{cents:02}\u{a0}{}", self.0),
        }
    }
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

    #[test]
    fn amounts_show_two_decimals_and_the_currency_symbol() {
        assert_eq!(eur().format(Cents(1450), Lang::En), "€14.50");
        assert_eq!(eur().format(Cents(5), Lang::En), "€0.05");
        assert_eq!(eur().format(Cents(0), Lang::En), "€0.00");
    }

    #[test]
    fn spanish_puts_a_decimal_comma_and_the_symbol_after() {
        assert_eq!(eur().format(Cents(1450), Lang::Es), "14,50\u{a0}€");
    }

    #[test]
    fn currencies_without_a_symbol_show_their_code() {
        let chf = Currency::try_from("CHF".to_owned()).unwrap();
        assert_eq!(chf.format(Cents(123_456), Lang::En), "1234.56 CHF");
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
