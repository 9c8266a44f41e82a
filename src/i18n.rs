//! The shop's languages and their texts, loaded from `locales/<code>.toml`.

use std::collections::{BTreeSet, HashMap};
use std::fmt;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::data_file::{self, DataError};

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

/// One language's texts, by key.
pub type Table = HashMap<String, String>;

/// Every text of the shop in every language. Each language has the same
/// keys, and each text the same `{placeholders}`.
#[derive(Debug)]
pub struct Texts {
    tables: [Table; 2],
}

fn placeholders(text: &str) -> BTreeSet<&str> {
    text.split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
        .collect()
}

impl Texts {
    /// Loads `en.toml` and `es.toml` from `dir`.
    pub fn load(dir: &Path) -> Result<Texts, DataError> {
        let read = |lang: Lang| data_file::read("locale", &dir.join(format!("{lang}.toml")));
        Texts::from_toml(&read(Lang::En)?, &read(Lang::Es)?)
    }

    /// Parses and cross-checks the English and Spanish texts.
    pub fn from_toml(en: &str, es: &str) -> Result<Texts, DataError> {
        let parse = |lang: Lang, text: &str| {
            toml::from_str::<Table>(text).map_err(|e| DataError(format!("locale {lang}: {e}")))
        };
        let tables = [parse(Lang::En, en)?, parse(Lang::Es, es)?];
        let [reference, other] = &tables;
        for (key, text) in reference {
            let Some(translated) = other.get(key) else {
                return Err(DataError(format!("locale es: missing key {key}")));
            };
            if placeholders(text) != placeholders(translated) {
                return Err(DataError(format!(
                    "locale es: {key} has other placeholders than in en"
                )));
            }
        }
        if let Some(key) = other.keys().find(|key| !reference.contains_key(*key)) {
            return Err(DataError(format!("locale en: missing key {key}")));
        }
        Ok(Texts { tables })
    }

    /// Every text of `lang`, for templates.
    pub fn table(&self, lang: Lang) -> &Table {
        match lang {
            Lang::En => &self.tables[0],
            Lang::Es => &self.tables[1],
        }
    }

    /// The text `key` in `lang` (the key itself if there is none).
    pub fn get<'a>(&'a self, lang: Lang, key: &'a str) -> &'a str {
        self.table(lang).get(key).map_or(key, String::as_str)
    }

    /// The text `key` in `lang` with its `{placeholders}` filled in.
    pub fn format(&self, lang: Lang, key: &str, args: &[(&str, &dyn fmt::Display)]) -> String {
        let mut text = self.get(lang, key).to_owned();
        for (name, value) in args {
            text = text.replace(&format!("{{{name}}}"), &value.to_string());
        }
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn the_shipped_locales_have_the_same_keys_and_placeholders() {
        let texts = Texts::load(Path::new("locales")).unwrap();
        assert_eq!(texts.table(Lang::En).len(), texts.table(Lang::Es).len());
        assert_eq!(
            texts.format(
                Lang::En,
                "flash_added",
                &[("quantity", &2), ("product", &"Rocket Mug")]
            ),
            "Added 2 × Rocket Mug to your cart."
        );
    }

    #[test]
    fn a_missing_translation_or_placeholder_is_refused() {
        assert!(Texts::from_toml("a = \"x\"\nb = \"y\"", "a = \"x\"").is_err());
        assert!(Texts::from_toml("a = \"{n} items\"", "a = \"artículos\"").is_err());
        assert!(Texts::from_toml("a = \"x\"", "a = \"x\"\nb = \"y\"").is_err());
        assert!(Texts::from_toml("a = \"{n} items\"", "a = \"{n} artículos\"").is_ok());
    }
}
