//! The shop's texts: Fluent messages in `locales/<code>/*.ftl`, built into
//! the binary.
//!
//! Rust code words a message with [`Texts`]; templates call the Tera function
//! `fluent(key="id", lang=layout.lang, name=value, …)` ([`tera_function`]).
//! Numbers stay numbers, so `{ $count -> [one] … *[other] … }` selects the
//! plural, and text can select a variant too (`{ $username -> [alice] … }`).
//! Argument names reach the message as written, from Rust and from templates.

use std::collections::HashMap;

pub use fluent_bundle::FluentValue;
use rocket_dyn_templates::tera;

use crate::lang::Lang;

fluent_templates::static_loader! {
    // NOTE: the macro embeds the `.ftl` files it finds when the crate
    // compiles; editing one rebuilds, but a new file needs a `cargo clean -p`
    // or a touch of this file to be picked up.
    static LOCALES = {
        locales: "./locales",
        fallback_language: "en",
        // Plain text: no Unicode isolation marks around placeables.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// Every text of the shop in every language, worded by Fluent.
///
/// The tests check that both languages have the same messages with the same
/// variables, and that every id the code and the templates use exists; at
/// run time a missing message falls back to English, then to its id.
#[derive(Debug, Clone, Copy, Default)]
pub struct Texts;

impl Texts {
    /// The texts built into the binary, parsed once (a broken file stops
    /// the launch here rather than on a page).
    pub fn load() -> Texts {
        std::sync::LazyLock::force(&LOCALES);
        Texts
    }

    /// The message `id` in `lang`, for a message without variables.
    pub fn get(&self, lang: Lang, id: &str) -> String {
        lookup::<&str>(lang, id, None)
    }

    /// The message `id` in `lang` with its `$variables` filled in from
    /// `args`, e.g. `&[("count", 3.into()), ("product", "Rocket Mug".into())]`.
    /// Numbers stay numbers, so a message can select a plural.
    pub fn format(&self, lang: Lang, id: &str, args: &[(&str, FluentValue<'_>)]) -> String {
        lookup(lang, id, Some(&arguments(args)))
    }

    /// The message `id` in `lang` alone, with no fallback: `None` when
    /// `lang` lacks it or an argument is missing.
    pub fn try_format(
        &self,
        lang: Lang,
        id: &str,
        args: &[(&str, FluentValue<'_>)],
    ) -> Option<String> {
        try_lookup(lang, id, Some(&arguments(args)))
    }
}

/// A message's arguments as Fluent takes them.
fn arguments<'a>(args: &[(&'a str, FluentValue<'a>)]) -> HashMap<&'a str, FluentValue<'a>> {
    args.iter()
        .map(|(name, value)| (*name, value.clone()))
        .collect()
}

/// The message in `lang` (English if `lang` lacks it), else its id.
fn lookup<K: AsRef<str>>(
    lang: Lang,
    id: &str,
    args: Option<&HashMap<K, FluentValue<'_>>>,
) -> String {
    try_lookup(lang, id, args)
        .or_else(|| try_lookup(Lang::En, id, args))
        .unwrap_or_else(|| id.to_owned())
}

/// The message in `lang` alone; `None` if it is missing or lacks an argument.
fn try_lookup<K: AsRef<str>>(
    lang: Lang,
    id: &str,
    args: Option<&HashMap<K, FluentValue<'_>>>,
) -> Option<String> {
    LOCALES.lookup_single_language(lang.id(), id, args).ok()
}

/// The Tera function `fluent`: `{{ fluent(key="cart_total_label",
/// lang=layout.lang, count=cart.item_count) }}`. Its output is escaped like
/// any other value; a message holding markup is used with `| safe`, its text
/// arguments passed through `| escape`. `lang` is required: there is no
/// default language to fall back on silently.
pub fn tera_function() -> MessageFunction {
    MessageFunction
}

/// The `fluent` Tera function. It looks the message up in the one bundle of
/// the page's language (English when a message is missing there), with no
/// language negotiation per call: pages call it dozens of times.
#[derive(Debug, Clone, Copy)]
pub struct MessageFunction;

impl tera::Function for MessageFunction {
    fn call(&self, args: &HashMap<String, tera::Value>) -> tera::Result<tera::Value> {
        let lang = args
            .get("lang")
            .and_then(tera::Value::as_str)
            .and_then(Lang::from_code)
            .ok_or_else(|| tera::Error::msg("fluent() needs `lang`: \"en\" or \"es\""))?;
        let id = args
            .get("key")
            .and_then(tera::Value::as_str)
            .ok_or_else(|| tera::Error::msg("fluent() needs a `key`"))?;
        let mut message_args: HashMap<&str, FluentValue<'_>> = HashMap::new();
        for (name, value) in args {
            if matches!(name.as_str(), "lang" | "key" | "__tera_one_off") {
                continue;
            }
            let value = match value {
                tera::Value::String(text) => FluentValue::from(text.as_str()),
                tera::Value::Number(n) => match n.as_u64() {
                    Some(n) => FluentValue::from(n),
                    None => FluentValue::from(n.as_f64().unwrap_or_default()),
                },
                _ => {
                    return Err(tera::Error::msg(format!(
                        "fluent(): `{name}` is not text or a number"
                    )))
                }
            };
            message_args.insert(name.as_str(), value);
        }
        let args = (!message_args.is_empty()).then_some(&message_args);
        Ok(tera::Value::String(lookup(lang, id, args)))
    }
}
