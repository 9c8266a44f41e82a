//! `docs/TESTING.md` against the shop: every message it quotes is the text
//! the shop shows, in both languages, every message a test may read is
//! quoted, and every hook it lists is on the shop's pages.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use rocket::http::Status;
use scraper::{Html, Selector};

use crate::helpers::{body, location, Shopper, GOOD_SHIPPING};

const GUIDE: &str = "docs/TESTING.md";

/// Every message of one language: its id and its forms (one, or the form
/// for one and the form for several).
fn messages(lang: &str) -> BTreeMap<String, Vec<String>> {
    let mut messages = BTreeMap::new();
    let mut files: Vec<_> = std::fs::read_dir(Path::new("locales").join(lang))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    files.sort();
    for file in files {
        let text = std::fs::read_to_string(file).unwrap();
        let mut current: Option<String> = None;
        for line in text.lines() {
            if let Some((id, value)) = line.split_once(" = ") {
                if !line.starts_with([' ', '#']) {
                    let value = value.trim();
                    let forms = if value.ends_with("->") {
                        Vec::new()
                    } else {
                        vec![value.to_owned()]
                    };
                    messages.insert(id.to_owned(), forms);
                    current = Some(id.to_owned());
                    continue;
                }
            }
            let variant = line.trim().trim_start_matches('*');
            match (&current, variant.split_once("] ")) {
                (Some(id), Some((_, form))) if line.starts_with(' ') => {
                    messages.get_mut(id).unwrap().push(form.to_owned());
                }
                _ => current = None,
            }
        }
    }
    messages
}

/// The Messages section's rows: id, English forms, Spanish forms.
fn quoted() -> Vec<(String, Vec<String>, Vec<String>)> {
    let guide = std::fs::read_to_string(GUIDE).unwrap();
    let section = guide
        .split("\n## Messages\n")
        .nth(1)
        .and_then(|rest| rest.split("\n## ").next())
        .expect("the guide has a Messages section");
    let code = |cell: &str| -> Vec<String> {
        cell.split('`')
            .skip(1)
            .step_by(2)
            .map(|quoted| quoted.replace("\\|", "|"))
            .collect()
    };
    section
        .lines()
        .filter(|line| line.starts_with("| `"))
        .map(|line| {
            let cells: Vec<&str> = line.trim_matches('|').split(" | ").collect();
            assert_eq!(cells.len(), 3, "three cells: {line}");
            (code(cells[0]).remove(0), code(cells[1]), code(cells[2]))
        })
        .collect()
}

#[test]
fn every_message_the_guide_quotes_is_the_shops_text_in_both_languages() {
    let (english, spanish) = (messages("en"), messages("es"));
    let rows = quoted();
    assert!(rows.len() > 50, "the guide quotes the messages");
    for (id, en, es) in rows {
        assert_eq!(Some(&en), english.get(&id), "English {id}");
        assert_eq!(Some(&es), spanish.get(&id), "Spanish {id}");
    }
}

#[test]
fn every_message_a_test_may_read_is_in_the_guide() {
    let quoted: Vec<String> = quoted().into_iter().map(|(id, _, _)| id).collect();
    let readable = messages("en").into_keys().filter(|id| {
        let shown = ["flash_", "error_", "field_", "login_", "notice_"]
            .iter()
            .any(|prefix| id.starts_with(prefix));
        (shown && !id.ends_with("_title"))
            || id == "correct_fields"
            || id.starts_with("shipping_label_")
    });
    for id in readable.filter(|id| id != "shipping_label_title") {
        assert!(quoted.contains(&id), "{id} is missing from {GUIDE}");
    }
}

#[test]
fn the_guide_lists_every_demo_account() {
    let guide = std::fs::read_to_string(GUIDE).unwrap();
    let users = std::fs::read_to_string("data/users.toml").unwrap();
    for line in users.lines() {
        if let Some(name) = line.strip_prefix("username = ") {
            let name = name.trim_matches('"');
            assert!(
                guide.contains(&format!("| `{name}` |")),
                "{name} is missing from the accounts table"
            );
        }
    }
}

/// The hooks the guide's Hooks section lists: the ids and testids in the
/// first column of its tables (`-N` standing for a product's number).
fn listed_hooks() -> BTreeSet<String> {
    let guide = std::fs::read_to_string(GUIDE).unwrap();
    let section = guide
        .split("\n## Hooks\n")
        .nth(1)
        .and_then(|rest| rest.split("\n## ").next())
        .expect("the guide has a Hooks section");
    section
        .lines()
        .filter(|line| {
            line.starts_with("| ") && !line.starts_with("| hook") && !line.starts_with("| ---")
        })
        .filter_map(|line| line.split(" | ").next())
        .flat_map(|first| {
            first
                .split('`')
                .skip(1)
                .step_by(2)
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        // Attributes and patterns (`data-state`, `<input id>-error`) are rules, not hooks.
        .filter(|hook| !hook.contains(['<', '=', ' ']) && !hook.starts_with("data-"))
        .collect()
}

/// Every `id` and `data-testid` on a page.
fn hooks_on(html: &str, found: &mut BTreeSet<String>) {
    let document = Html::parse_document(html);
    let selector = Selector::parse("[id], [data-testid]").expect("a valid selector");
    for element in document.select(&selector) {
        for attribute in ["id", "data-testid"] {
            if let Some(value) = element.value().attr(attribute) {
                found.insert(value.to_owned());
            }
        }
    }
}

/// A shopper's tour through every page and state the guide describes, as a
/// guest and signed in, with refused forms on the way.
fn tour() -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let shop = Shopper::new();
    let mut see = |html: String| hooks_on(&html, &mut found);
    for path in ["/", "/products/1", "/cart", "/login", "/no/such/page"] {
        see(shop.visit(path).1);
    }
    see(body(shop.submit(
        "/login",
        &[("username", "alice"), ("password", "wrong")],
    )));
    see(body(shop.add_to_cart(1, "abc")));
    shop.add_to_cart(1, "2");
    shop.add_to_cart(4, "1");
    see(shop.visit("/cart").1);
    see(body(shop.update_line(1, "abc")));
    see(shop.visit("/products/1").1);
    assert_eq!(shop.log_in_as("alice").status(), Status::SeeOther);
    see(shop.visit("/").1);
    see(shop.visit("/checkout").1);
    see(body(shop.submit("/checkout", &[("email", "nope")])));
    assert_eq!(
        shop.submit("/checkout", GOOD_SHIPPING).status(),
        Status::SeeOther
    );
    see(shop.visit("/checkout/review").1);
    let order = location(&shop.place_order());
    see(shop.visit(&order).1);
    see(shop.visit("/session").1);
    found
}

#[test]
fn every_hook_the_guide_lists_is_on_the_shops_pages() {
    // NOTE: `notice` needs a product taken off sale; tests/app/cart.rs checks
    // it (a_product_taken_off_sale_leaves_the_cart_with_a_notice).
    let elsewhere = ["notice"];
    let found = tour();
    let listed = listed_hooks();
    assert!(listed.len() > 80, "the guide lists the hooks");
    for hook in listed
        .iter()
        .filter(|hook| !elsewhere.contains(&hook.as_str()))
    {
        let present = match hook.strip_suffix("-N") {
            Some(stem) => found.iter().any(|id| {
                id.strip_prefix(stem)
                    .and_then(|rest| rest.strip_prefix('-'))
                    .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
            }),
            None => found.contains(hook),
        };
        assert!(
            present,
            "{hook} is listed in {GUIDE} but on no page of the tour"
        );
    }
}
