//! The languages the shop speaks, and choosing one from a browser's
//! `Accept-Language`. A plain value the domain and the texts both use.

use std::fmt;

use fluent_templates::LanguageIdentifier;
use serde::{Deserialize, Serialize};

/// A language the shop speaks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    En,
    Es,
}

impl Lang {
    /// Every language, in the order the switcher lists them.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Es];

    /// The language's code: `en`, `es`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Es => "es",
        }
    }

    /// The language's name in itself.
    pub fn name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Es => "Español",
        }
    }

    /// The language's Unicode identifier, as Fluent knows it.
    pub fn id(self) -> &'static LanguageIdentifier {
        static EN: LanguageIdentifier = fluent_templates::langid!("en");
        static ES: LanguageIdentifier = fluent_templates::langid!("es");
        match self {
            Lang::En => &EN,
            Lang::Es => &ES,
        }
    }

    /// The language with this code, if the shop speaks it.
    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|lang| lang.code() == code)
    }

    /// The language a browser prefers most among those the shop speaks,
    /// from an `Accept-Language` header such as `es-ES,es;q=0.9,en;q=0.8`.
    pub fn negotiate(accept_language: &str) -> Option<Lang> {
        let mut best: Option<(Lang, f32)> = None;
        for range in accept_language.split(',') {
            let mut parts = range.split(';');
            let tag = parts.next().unwrap_or_default().trim();
            let primary = tag.split('-').next().unwrap_or_default();
            let Some(lang) = Lang::ALL
                .into_iter()
                .find(|lang| lang.code().eq_ignore_ascii_case(primary))
            else {
                continue;
            };
            let quality = parts
                .find_map(|p| p.trim().strip_prefix("q="))
                .map_or(Some(1.0), |q| q.trim().parse::<f32>().ok())
                .filter(|q| (0.0..=1.0).contains(q) && *q > 0.0);
            if let Some(quality) = quality {
                if best.is_none_or(|(_, q)| quality > q) {
                    best = Some((lang, quality));
                }
            }
        }
        best.map(|(lang, _)| lang)
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::Lang;

    #[test]
    fn the_browsers_favourite_supported_language_wins() {
        assert_eq!(Lang::negotiate("es-ES,es;q=0.9,en;q=0.8"), Some(Lang::Es));
        assert_eq!(Lang::negotiate("fr-FR, en;q=0.5, es;q=0.7"), Some(Lang::Es));
        assert_eq!(Lang::negotiate("EN-gb"), Some(Lang::En));
        assert_eq!(Lang::negotiate("de, fr"), None);
        assert_eq!(Lang::negotiate("es;q=0, en;q=0.1"), Some(Lang::En));
        assert_eq!(Lang::negotiate(";;;,q=,es;q=abc"), None);
        assert_eq!(Lang::negotiate(""), None);
    }
}
