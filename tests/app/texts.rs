//! The texts in `locales/`: both languages have the same messages, and every
//! message the templates and the code name exists with its variables.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use fluent_syntax::ast;
use session_shop::auth::LoginError;
use session_shop::catalog::SortOrder;
use session_shop::checkout::FieldError;
use session_shop::i18n::{FluentValue, Texts};
use session_shop::lang::Lang;
use session_shop::session::{Notice, SessionData};
use session_shop::views::{errors, messages};

#[test]
fn messages_are_plain_text_with_their_arguments_filled_in() {
    let texts = Texts::load();
    assert_eq!(
        texts.format(
            Lang::En,
            "flash_added",
            &[("quantity", 2.into()), ("product", "Rocket Mug".into())]
        ),
        "Added 2 × Rocket Mug to your cart."
    );
    assert_eq!(
        texts.format(
            Lang::Es,
            "error_line_full",
            &[("in_cart", 98.into()), ("product", "Taza".into())]
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
        |lang, count: u32| texts.format(lang, "order_total_label", &[("count", count.into())]);
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
    assert_eq!(texts.try_format(Lang::En, "no_such_message", &[]), None);
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
    let args: Vec<(&str, FluentValue<'_>)> = shape
        .variables
        .iter()
        .map(|name| (name.as_str(), 2.into()))
        .collect();
    Texts::load().try_format(lang, id, &args).is_some()
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
    /// Its other arguments' names, as Fluent receives them.
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
    let mut ids: BTreeSet<String> = SortOrder::ALL
        .iter()
        .map(|&o| messages::sort_label(o).to_owned())
        .collect();
    for error in [LoginError::InvalidCredentials, LoginError::Locked] {
        ids.insert(messages::login_error(error).to_owned());
    }
    for notice in Notice::ALL {
        ids.insert(messages::notice_id(&notice).to_owned());
    }
    ids.extend(
        [
            "error_503_busy",
            "error_503_database",
            "error_503_ledger",
            "error_add_quantity",
            "error_update_quantity",
        ]
        .map(str::to_owned),
    );
    for code in 100..=599 {
        let (title, message) = errors::describe(rocket::http::Status::new(code));
        ids.extend([title.to_owned(), message.to_owned()]);
    }
    for error in FieldError::ALL {
        ids.insert(messages::field_error_id(error).to_owned());
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

/// The keys of the variants message `id` chooses between in `lang`.
fn variant_keys(lang: Lang, id: &str) -> Vec<String> {
    let mut keys = Vec::new();
    for path in ftl_files(lang) {
        let source = fs::read_to_string(&path).unwrap();
        let resource = fluent_syntax::parser::parse(source.as_str())
            .unwrap_or_else(|(_, errors)| panic!("{}: {errors:?}", path.display()));
        for entry in resource.body {
            let ast::Entry::Message(message) = entry else {
                continue;
            };
            let Some(value) = message.value.filter(|_| message.id.name == id) else {
                continue;
            };
            for element in value.elements {
                if let ast::PatternElement::Placeable {
                    expression: ast::Expression::Select { variants, .. },
                } = element
                {
                    keys.extend(variants.into_iter().map(|variant| match variant.key {
                        ast::VariantKey::Identifier { name } => name.to_owned(),
                        ast::VariantKey::NumberLiteral { value } => value.to_owned(),
                    }));
                }
            }
        }
    }
    keys
}

#[test]
fn the_inspector_says_what_every_field_of_the_session_is_in_both_languages() {
    let fields: Vec<String> = SessionData::new(0)
        .fields()
        .into_iter()
        .map(|(name, _)| name)
        .collect();
    assert!(fields.len() > 10, "only {fields:?}");
    for lang in Lang::ALL {
        let file = format!("locales/{}/inspector.ftl", lang.code());
        let meanings = variant_keys(lang, "inspector_field_meaning");
        for field in &fields {
            assert!(
                meanings.contains(field),
                "{file}: add a variant [{field}] to inspector_field_meaning, \
                 saying what the session's `{field}` holds"
            );
        }
        for meaning in &meanings {
            assert!(
                fields.contains(meaning),
                "{file}: inspector_field_meaning explains [{meaning}], \
                 which the session no longer has: remove it"
            );
        }
    }
}
