//! The shop's languages and their texts: Fluent messages in
//! `locales/<code>/*.ftl`, built into the binary.
//!
//! Rust code words a message with [`Texts`]; templates call the Tera function
//! `fluent(key="id", lang=layout.lang, name=value, …)` ([`tera_function`]).
//! Numbers stay numbers, so `{ $count -> [one] … *[other] … }` selects the
//! plural. Tera passes argument names in kebab case (`in_cart` becomes
//! `$in-cart`), so messages shown by templates take one-word variables;
//! [`Texts::format`] passes names as written.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;

use fluent_bundle::FluentValue;
use fluent_templates::LanguageIdentifier;
use rocket_dyn_templates::tera;
use serde::{Deserialize, Serialize};

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

/// A value for a message's `$variable`. Numbers stay numbers, so plurals
/// select; text stays text.
pub trait MessageArg {
    /// The value as Fluent takes it.
    fn to_fluent(&self) -> FluentValue<'_>;
}

macro_rules! number_args {
    ($($number:ty),*) => {$(
        impl MessageArg for $number {
            fn to_fluent(&self) -> FluentValue<'_> {
                FluentValue::from(*self)
            }
        }
    )*};
}

number_args!(u8, u16, u32, u64, usize, i32, i64);

impl MessageArg for crate::cart::Quantity {
    fn to_fluent(&self) -> FluentValue<'_> {
        FluentValue::from(self.get())
    }
}

impl MessageArg for str {
    fn to_fluent(&self) -> FluentValue<'_> {
        FluentValue::from(self)
    }
}

impl MessageArg for String {
    fn to_fluent(&self) -> FluentValue<'_> {
        FluentValue::from(self.as_str())
    }
}

impl MessageArg for Cow<'_, str> {
    fn to_fluent(&self) -> FluentValue<'_> {
        FluentValue::from(self.as_ref())
    }
}

impl<T: MessageArg + ?Sized> MessageArg for &T {
    fn to_fluent(&self) -> FluentValue<'_> {
        (**self).to_fluent()
    }
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
    /// `args`, e.g. `&[("count", &3), ("product", &"Rocket Mug")]`.
    pub fn format(&self, lang: Lang, id: &str, args: &[(&str, &dyn MessageArg)]) -> String {
        let args: HashMap<&str, FluentValue<'_>> = args
            .iter()
            .map(|(name, value)| (*name, value.to_fluent()))
            .collect();
        lookup(lang, id, Some(&args))
    }
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
        let mut message_args: HashMap<Cow<'_, str>, FluentValue<'_>> = HashMap::new();
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
            // NOTE: Tera's own Fluent function passed names in kebab case;
            // messages keep that convention.
            let name = match name.contains('_') {
                true => Cow::Owned(name.replace('_', "-")),
                false => Cow::Borrowed(name.as_str()),
            };
            message_args.insert(name, value);
        }
        let args = (!message_args.is_empty()).then_some(&message_args);
        Ok(tera::Value::String(lookup(lang, id, args)))
    }
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, BTreeSet};
    use std::fs;
    use std::path::{Path, PathBuf};

    use fluent_syntax::ast;

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
    fn messages_are_plain_text_with_their_arguments_filled_in() {
        let texts = Texts::load();
        assert_eq!(
            texts.format(
                Lang::En,
                "flash_added",
                &[("quantity", &2u8), ("product", &"Rocket Mug")]
            ),
            "Added 2 × Rocket Mug to your cart."
        );
        assert_eq!(
            texts.format(
                Lang::Es,
                "error_line_full",
                &[("in_cart", &98u8), ("product", &"Taza")]
            ),
            "Ya tienes 98 × Taza en tu carrito y una línea admite como máximo 99. \
             Elige una cantidad menor."
        );
        assert_eq!(texts.get(Lang::Es, "log_in"), "Iniciar sesión");
    }

    #[test]
    fn counts_choose_the_plural_in_both_languages() {
        let texts = Texts::load();
        let total =
            |lang, count: u32| texts.format(lang, "order_total_label", &[("count", &count)]);
        assert_eq!(total(Lang::En, 1), "Total (1 item)");
        assert_eq!(total(Lang::En, 2), "Total (2 items)");
        assert_eq!(total(Lang::En, 0), "Total (0 items)");
        assert_eq!(total(Lang::Es, 1), "Total (1 artículo)");
        assert_eq!(total(Lang::Es, 2), "Total (2 artículos)");
        assert_eq!(total(Lang::Es, 0), "Total (0 artículos)");
    }

    #[test]
    fn a_missing_message_falls_back_to_its_id_not_to_a_crash() {
        let texts = Texts::load();
        assert_eq!(try_lookup::<&str>(Lang::En, "no_such_message", None), None);
        assert_eq!(texts.get(Lang::Es, "no_such_message"), "no_such_message");
    }

    /// What a message needs from its callers and its translators.
    #[derive(Debug, Default, PartialEq)]
    struct Shape {
        attributes: BTreeSet<String>,
        variables: BTreeSet<String>,
        /// The HTML tags in its text, e.g. `<span class="visually-hidden">`.
        markup: BTreeSet<String>,
    }

    fn ftl_files(lang: Lang) -> Vec<PathBuf> {
        let dir = Path::new("locales").join(lang.code());
        let mut files: Vec<PathBuf> = fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|entry| entry.unwrap().path())
            .filter(|path| path.extension().is_some_and(|ext| ext == "ftl"))
            .collect();
        files.sort();
        files
    }

    /// Every message of `lang`, parsed from its `.ftl` files.
    fn shapes(lang: Lang) -> BTreeMap<String, Shape> {
        let mut shapes = BTreeMap::new();
        for path in ftl_files(lang) {
            let source = fs::read_to_string(&path).unwrap();
            let resource = fluent_syntax::parser::parse(source.as_str())
                .unwrap_or_else(|(_, errors)| panic!("{}: {errors:?}", path.display()));
            for entry in resource.body {
                if let ast::Entry::Message(message) = entry {
                    let mut shape = Shape::default();
                    if let Some(value) = &message.value {
                        pattern_shape(value, &mut shape);
                    }
                    for attribute in &message.attributes {
                        shape.attributes.insert(attribute.id.name.to_owned());
                        pattern_shape(&attribute.value, &mut shape);
                    }
                    let id = message.id.name.to_owned();
                    let file = path.display();
                    assert!(
                        shapes.insert(id.clone(), shape).is_none(),
                        "{file}: {id} twice"
                    );
                }
            }
        }
        shapes
    }

    fn pattern_shape(pattern: &ast::Pattern<&str>, shape: &mut Shape) {
        for element in &pattern.elements {
            match element {
                ast::PatternElement::TextElement { value } => {
                    let mut rest = *value;
                    while let Some(start) = rest.find('<') {
                        let end = rest[start..]
                            .find('>')
                            .map_or(rest.len(), |e| start + e + 1);
                        shape.markup.insert(rest[start..end].to_owned());
                        rest = &rest[end..];
                    }
                }
                ast::PatternElement::Placeable { expression } => {
                    expression_shape(expression, shape);
                }
            }
        }
    }

    fn expression_shape(expression: &ast::Expression<&str>, shape: &mut Shape) {
        match expression {
            ast::Expression::Select { selector, variants } => {
                inline_shape(selector, shape);
                for variant in variants {
                    pattern_shape(&variant.value, shape);
                }
            }
            ast::Expression::Inline(inline) => inline_shape(inline, shape),
        }
    }

    fn inline_shape(inline: &ast::InlineExpression<&str>, shape: &mut Shape) {
        match inline {
            ast::InlineExpression::VariableReference { id } => {
                shape.variables.insert(id.name.to_owned());
            }
            ast::InlineExpression::FunctionReference { arguments, .. } => {
                for argument in &arguments.positional {
                    inline_shape(argument, shape);
                }
                for argument in &arguments.named {
                    inline_shape(&argument.value, shape);
                }
            }
            ast::InlineExpression::Placeable { expression } => expression_shape(expression, shape),
            _ => {}
        }
    }

    /// Whether the built-in texts word `id` in `lang` given its variables.
    fn loads(lang: Lang, id: &str, shape: &Shape) -> bool {
        let args: HashMap<&str, FluentValue<'_>> = shape
            .variables
            .iter()
            .map(|name| (name.as_str(), FluentValue::from(2)))
            .collect();
        try_lookup(lang, id, Some(&args)).is_some()
    }

    #[test]
    fn both_languages_have_the_same_messages_attributes_variables_and_markup() {
        let (en, es) = (shapes(Lang::En), shapes(Lang::Es));
        let names = |lang: Lang| -> BTreeSet<String> {
            ftl_files(lang)
                .iter()
                .map(|path| path.file_name().unwrap().to_string_lossy().into_owned())
                .collect()
        };
        assert_eq!(names(Lang::En), names(Lang::Es), "the same files");
        let ids = |shapes: &BTreeMap<String, Shape>| shapes.keys().cloned().collect::<Vec<_>>();
        assert_eq!(ids(&en), ids(&es), "the same message ids");
        for (id, shape) in &en {
            assert_eq!(Some(shape), es.get(id), "{id}: en and es differ");
        }
        for lang in Lang::ALL {
            for (id, shape) in &en {
                assert!(loads(lang, id, shape), "{lang}: {id} does not load");
            }
        }
    }

    /// A `fluent(…)` call in a template.
    #[derive(Debug)]
    struct TemplateCall {
        place: String,
        key: String,
        /// Its other arguments' names, as Fluent receives them (kebab case).
        variables: BTreeSet<String>,
        /// The arguments given by expression rather than by literal.
        expressions: Vec<String>,
        has_lang: bool,
        safe: bool,
    }

    fn templates(dir: &Path, found: &mut Vec<PathBuf>) {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                templates(&path, found);
            } else if path.extension().is_some_and(|ext| ext == "tera") {
                found.push(path);
            }
        }
    }

    /// Splits `text` at the commas outside quotes and brackets.
    fn split_arguments(text: &str) -> Vec<&str> {
        let (mut parts, mut depth, mut quote, mut start) = (Vec::new(), 0, None, 0);
        for (i, c) in text.char_indices() {
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '"' | '\'') => quote = Some(c),
                (None, '(' | '[') => depth += 1,
                (None, ')' | ']') => depth -= 1,
                (None, ',') if depth == 0 => {
                    parts.push(text[start..i].trim());
                    start = i + 1;
                }
                _ => {}
            }
        }
        parts.push(text[start..].trim());
        parts
    }

    fn template_calls() -> Vec<TemplateCall> {
        let mut files = Vec::new();
        templates(Path::new("templates"), &mut files);
        let mut calls = Vec::new();
        for path in files {
            let source = fs::read_to_string(&path).unwrap();
            for (at, _) in source.match_indices("fluent(") {
                let place = format!("{}:{}", path.display(), source[..at].lines().count());
                let open = at + "fluent(".len();
                let mut depth = 1;
                let close = source[open..]
                    .char_indices()
                    .find(|&(_, c)| {
                        depth += match c {
                            '(' => 1,
                            ')' => -1,
                            _ => 0,
                        };
                        depth == 0
                    })
                    .map(|(i, _)| open + i)
                    .unwrap_or_else(|| panic!("{place}: unclosed fluent("));
                let mut call = TemplateCall {
                    place: place.clone(),
                    key: String::new(),
                    variables: BTreeSet::new(),
                    expressions: Vec::new(),
                    has_lang: false,
                    safe: source[close + 1..].trim_start().starts_with("| safe"),
                };
                for argument in split_arguments(&source[open..close]) {
                    let (name, value) = argument
                        .split_once('=')
                        .unwrap_or_else(|| panic!("{place}: {argument:?} has no name"));
                    let (name, value) = (name.trim(), value.trim());
                    match name {
                        "key" => {
                            call.key = value
                                .strip_prefix('"')
                                .and_then(|v| v.strip_suffix('"'))
                                .unwrap_or_else(|| panic!("{place}: the key must be a literal"))
                                .to_owned();
                        }
                        "lang" => call.has_lang = true,
                        _ => {
                            call.variables.insert(name.replace('_', "-"));
                            if !value.starts_with('"') {
                                call.expressions.push(value.to_owned());
                            }
                        }
                    }
                }
                calls.push(call);
            }
        }
        assert!(calls.len() > 50, "only {} fluent calls found", calls.len());
        calls
    }

    #[test]
    fn every_message_a_template_shows_exists_and_gets_its_variables() {
        let shapes = shapes(Lang::En);
        for call in template_calls() {
            let place = &call.place;
            assert!(call.has_lang, "{place}: no lang=");
            let shape = shapes
                .get(&call.key)
                .unwrap_or_else(|| panic!("{place}: no message {}", call.key));
            assert_eq!(call.variables, shape.variables, "{place}: {}", call.key);
            // Markup in a message is shown as HTML; what fills it in is escaped.
            let has_markup = !shape.markup.is_empty();
            assert_eq!(call.safe, has_markup, "{place}: {} and `| safe`", call.key);
            if call.safe {
                for value in &call.expressions {
                    assert!(value.ends_with("| escape"), "{place}: escape {value}");
                }
            }
        }
    }

    /// The ids Rust code passes as literals to `texts.get(…)`/`texts.format(…)`.
    fn ids_in_rust_code() -> BTreeSet<String> {
        fn visit(dir: &Path, ids: &mut BTreeSet<String>) {
            for entry in fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    visit(&path, ids);
                    continue;
                }
                let source: String = fs::read_to_string(&path)
                    .unwrap()
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .collect();
                for call in ["texts.get(", "texts.format("] {
                    for (at, _) in source.match_indices(call) {
                        let rest = &source[at + call.len()..];
                        let second = split_arguments(rest).get(1).copied().unwrap_or_default();
                        if let Some(literal) = second.strip_prefix('"') {
                            ids.insert(literal.split('"').next().unwrap().to_owned());
                        }
                    }
                }
            }
        }
        let mut ids = BTreeSet::new();
        visit(Path::new("src"), &mut ids);
        ids.remove("no_such_message");
        ids
    }

    /// The ids the views choose for the domain's outcomes.
    fn ids_from_the_domain() -> BTreeSet<String> {
        use crate::auth::LoginError;
        use crate::catalog::SortOrder;
        use crate::checkout::{Field, FieldError, Problem};
        use crate::session::Notice;
        use crate::views::messages;

        let mut ids: BTreeSet<String> = SortOrder::ALL
            .iter()
            .map(|&o| messages::sort_label(o).to_owned())
            .collect();
        for error in [LoginError::InvalidCredentials, LoginError::Locked] {
            ids.insert(messages::login_error(error).to_owned());
        }
        let product_id = crate::catalog::ProductId(1);
        let quantity = crate::cart::Quantity::MIN;
        for notice in [
            Notice::Added {
                product_id,
                quantity,
            },
            Notice::QuantitySet {
                product_id,
                quantity,
            },
            Notice::Removed { product_id },
            Notice::CartCleared,
            Notice::LoggedIn,
            Notice::LoggedOut,
            Notice::SessionReset,
            Notice::CartEmpty,
            Notice::DetailsSaved,
            Notice::OrderAlreadyPlaced,
            Notice::LanguageChanged,
            Notice::RemoveFailed,
            Notice::OrderFailed,
        ] {
            ids.insert(messages::notice_id(&notice).to_owned());
        }
        ids.extend(
            [
                "error_503_busy",
                "error_503_ledger",
                "error_add_quantity",
                "error_update_quantity",
            ]
            .map(str::to_owned),
        );
        for code in 100..=599 {
            let (title, message) = crate::error::describe(rocket::http::Status::new(code));
            ids.extend([title.to_owned(), message.to_owned()]);
        }
        let fields = [
            Field::FullName,
            Field::Email,
            Field::Address,
            Field::City,
            Field::PostalCode,
        ];
        let problems = [
            Problem::Empty,
            Problem::TooLong,
            Problem::Shape,
            Problem::ControlCharacters,
        ];
        for field in fields {
            for problem in problems {
                ids.insert(messages::field_error_id(FieldError { field, problem }).to_owned());
            }
        }
        ids
    }

    #[test]
    fn every_message_the_code_names_exists_in_both_languages() {
        let in_code = ids_in_rust_code();
        assert!(
            in_code.len() > 8,
            "only {} ids found in the code",
            in_code.len()
        );
        for lang in Lang::ALL {
            let shapes = shapes(lang);
            for id in in_code.iter().chain(&ids_from_the_domain()) {
                let shape = shapes.get(id.as_str());
                assert!(
                    shape.is_some_and(|s| loads(lang, id, s)),
                    "{lang}: no message {id}"
                );
            }
        }
    }
}
