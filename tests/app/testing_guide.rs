//! `docs/TESTING.md` against the shop: every message it quotes is the text
//! the shop shows, in both languages, every message a test may read is
//! quoted; the hooks it lists are exactly those on the shop's pages (both
//! ways, over a tour of every page state); and every timing it states is
//! the shop's.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use rocket::http::Status;
use scraper::{Html, Selector};

use crate::helpers::{body, figment, location, Shopper, GOOD_SHIPPING};

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

/// Hooks of one kind: as the guide writes them (patterns, where a part
/// `N` stands for a number and a part `<name>` for a word), or as a page
/// has them.
type Hooks = BTreeSet<String>;

/// Every kind of hook a tester finds elements by.
#[derive(Debug, Default)]
struct AllHooks {
    /// `data-testid` values.
    testids: Hooks,
    /// `id`s of controls and links (written `#id`).
    ids: Hooks,
    /// `data-*` attributes other than `data-testid` (written `[data-x]`).
    data: Hooks,
    /// The testids of the elements that carry `role="alert"`.
    alerts: Hooks,
}

/// Whether `value` is one of the hooks `pattern` stands for.
fn matches(pattern: &str, value: &str) -> bool {
    let (pattern, value): (Vec<&str>, Vec<&str>) =
        (pattern.split('-').collect(), value.split('-').collect());
    pattern.len() == value.len()
        && pattern.iter().zip(&value).all(|(part, got)| match *part {
            "N" => !got.is_empty() && got.bytes().all(|b| b.is_ascii_digit()),
            word if word.starts_with('<') && word.ends_with('>') => {
                !got.is_empty() && got.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
            }
            literal => literal == *got,
        })
}

/// The hooks the guide's Hooks section lists in the first column of its
/// tables: `testid`, `#id`, `[data-x]`; a row that says `role="alert"`
/// makes its testids alerts.
fn listed_hooks() -> AllHooks {
    let guide = std::fs::read_to_string(GUIDE).unwrap();
    let section = guide
        .split("\n## Hooks\n")
        .nth(1)
        .and_then(|rest| rest.split("\n## ").next())
        .expect("the guide has a Hooks section");
    let mut listed = AllHooks::default();
    let rows = section.lines().filter(|line| {
        line.starts_with("| ") && !line.starts_with("| hook") && !line.starts_with("| ---")
    });
    for row in rows {
        let Some(first) = row.split(" | ").next() else {
            continue;
        };
        // Odd parts are quoted; a testid is an alert when the parenthesis
        // right after it says `role="alert"`.
        let parts: Vec<&str> = first.split('`').collect();
        for (i, hook) in parts.iter().enumerate().skip(1).step_by(2) {
            if let Some(id) = hook.strip_prefix('#') {
                listed.ids.insert(id.to_owned());
            } else if !hook.contains([' ', '=', '[', '#']) {
                listed.testids.insert((*hook).to_owned());
                let after = &parts[i + 1..];
                let alert = after.first().is_some_and(|part| part.starts_with(" ("))
                    && after
                        .iter()
                        .skip(1)
                        .take_while(|part| !part.contains(')'))
                        .any(|part| *part == "role=\"alert\"");
                if alert {
                    listed.alerts.insert((*hook).to_owned());
                }
            }
        }
        for quoted in row.split('`').skip(1).step_by(2) {
            if let Some(data) = quoted.strip_prefix("[data-") {
                let name = data.split(['=', ']']).next().unwrap_or_default();
                listed.data.insert(format!("data-{name}"));
            }
        }
    }
    listed
}

/// Collects the hooks of one page.
fn hooks_on(html: &str, found: &mut AllHooks) {
    let document = Html::parse_document(html);
    let everything = Selector::parse("*").expect("a valid selector");
    for element in document.select(&everything) {
        let element = element.value();
        let testid = element.attr("data-testid").map(str::to_owned);
        if let Some(testid) = &testid {
            found.testids.insert(testid.clone());
            if element.attr("role") == Some("alert") {
                found.alerts.insert(testid.clone());
            }
        }
        let control = ["input", "select", "textarea", "button", "a"].contains(&element.name());
        if let Some(id) = element.attr("id").filter(|_| control) {
            found.ids.insert(id.to_owned());
        }
        for (name, _) in element.attrs() {
            if name.starts_with("data-") && name != "data-testid" {
                found.data.insert(name.to_owned());
            }
        }
        if element.attr("role") == Some("alert") {
            assert!(testid.is_some(), "an alert without a testid: {element:?}");
        }
    }
}

/// Every page state a tester meets: each page, empty and full, each refused
/// form, each persona's pages, the order being prepared and ready; in
/// English and in Spanish. Answers the hooks seen.
fn tour() -> AllHooks {
    let mut found = AllHooks::default();
    for lang in ["en", "es"] {
        tour_in(lang, &mut found);
    }
    found
}

fn tour_in(lang: &'static str, found: &mut AllHooks) {
    let mut see = |html: String| hooks_on(&html, found);
    let shop = Shopper::new().speaking(lang);
    for path in ["/", "/?sort=price_asc", "/products/1", "/cart", "/login"] {
        see(shop.visit(path).1);
    }
    see(shop.visit("/no/such/page").1);
    see(shop.visit("/session").1);
    see(body(shop.submit(
        "/login",
        &[("username", "alice"), ("password", "wrong")],
    )));
    see(body(
        shop.submit("/login", &[("username", ""), ("password", "")]),
    ));
    let empty_password = [("username", "alice"), ("password", "")];
    see(body(shop.submit("/login", &empty_password)));
    see(body(shop.add_to_cart(1, "abc")));
    shop.submit(
        "/cart/add",
        &[("product_id", "1"), ("quantity", "2"), ("next", "/")],
    );
    see(shop.visit("/").1);
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
    shop.clock.advance(3);
    see(shop.visit(&order).1);
    see(shop.visit("/orders").1);
    let bob = Shopper::new().speaking(lang);
    bob.log_in_as("bob");
    see(bob.visit("/orders").1);
    for _ in 0..=20 {
        bob.add_to_cart(1, "1");
        bob.check_out();
    }
    see(bob.visit("/orders").1);
    see(bob.visit("/orders?page=2").1);
    see(shop.visit("/session").1);
    see(body(shop.submit("/cart/add", &[("product_id", "999")])));
    see(notice_page(&shop, lang));
    let limited = Shopper::with(figment().merge(("orders_per_hour", 1))).speaking(lang);
    limited.log_in_as("alice");
    limited.add_to_cart(1, "1");
    limited.give_shipping_details();
    limited.place_order();
    limited.add_to_cart(1, "1");
    limited.give_shipping_details();
    let refused = limited.place_order();
    assert_eq!(refused.status(), Status::TooManyRequests);
    see(body(refused));
    for persona in [
        "problem", "error", "visual", "slow", "glitch", "script", "flaky",
    ] {
        let shop = Shopper::new().speaking(lang);
        shop.log_in_as(persona);
        shop.add_to_cart(2, "1");
        see(shop.visit("/").1);
        shop.submit("/cart/remove", &[("product_id", "2")]);
        see(shop.visit("/cart").1);
        shop.give_shipping_details();
        shop.place_order();
        see(shop.visit("/checkout/review").1);
    }
}

/// The cart of `shop`'s session on the same shop restarted with product 1
/// off sale (another catalog, the same key): the `notice` says so.
fn notice_page(shop: &Shopper, lang: &'static str) -> String {
    shop.add_to_cart(1, "1");
    let shipped = std::fs::read_to_string("data/catalog.toml").unwrap();
    let without_mug = shipped.replacen("id = 1\n", "id = 1001\n", 1);
    let name = format!("tour-no-mug-{lang}-{}.toml", std::process::id());
    let path = std::env::temp_dir().join(name);
    std::fs::write(&path, without_mug).unwrap();
    let later = Shopper::with(crate::helpers::figment().merge(("catalog_path", &path)));
    later.set_session_cookie(&shop.session_cookie().unwrap());
    let (_, html) = later.visit("/cart");
    std::fs::remove_file(&path).ok();
    html
}

/// The differences between what the guide lists and what the tour saw.
fn differences(kind: &str, listed: &Hooks, found: &Hooks) -> Vec<String> {
    let unlisted = found
        .iter()
        .filter(|hook| !listed.iter().any(|pattern| matches(pattern, hook)))
        .map(|hook| format!("{kind} {hook} is on a page but not in {GUIDE}"));
    let unseen = listed
        .iter()
        .filter(|pattern| !found.iter().any(|hook| matches(pattern, hook)))
        .map(|hook| format!("{kind} {hook} is in {GUIDE} but on no page of the tour"));
    unlisted.chain(unseen).collect()
}

#[test]
fn the_guide_lists_exactly_the_hooks_on_the_shops_pages() {
    let (listed, found) = (listed_hooks(), tour());
    assert!(found.testids.len() > 80, "the tour sees the pages");
    let mut problems = differences("testid", &listed.testids, &found.testids);
    problems.extend(differences("#id", &listed.ids, &found.ids));
    problems.extend(differences("data attribute", &listed.data, &found.data));
    problems.extend(differences("role=alert on", &listed.alerts, &found.alerts));
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The number the guide states right before `unit` in the sentence that
/// starts with `sentence` (white space folded).
fn stated(sentence: &str, unit: &str) -> f64 {
    let guide = std::fs::read_to_string(GUIDE).unwrap();
    let folded: Vec<&str> = guide.split_whitespace().collect();
    let folded = folded.join(" ");
    let start = folded
        .find(sentence)
        .unwrap_or_else(|| panic!("{GUIDE} says {sentence:?}"));
    let rest = &folded[start + sentence.len()..];
    let end = rest
        .find(unit)
        .unwrap_or_else(|| panic!("{unit} after {sentence:?}"));
    let number = rest[..end].split_whitespace().last().unwrap_or_default();
    number
        .parse()
        .unwrap_or_else(|_| panic!("a number before {unit}: {number:?}"))
}

/// How long the shop held back the answer to `path`, on the test clock.
fn held_back_ms(shop: &Shopper, path: &str) -> i64 {
    let before = shop.clock.now_ms();
    shop.get(path);
    shop.clock.now_ms() - before
}

#[test]
fn every_timing_the_guide_states_is_the_shops() {
    let slow = stated("Every answer about the visitor is", "seconds late");
    let shop = Shopper::new();
    shop.log_in_as("slow");
    for path in ["/", "/cart", "/api/cart", "/no/such/page"] {
        assert_eq!(held_back_ms(&shop, path) as f64, slow * 1000.0, "{path}");
    }
    for path in ["/static/css/shop.css", "/api/products", "/health"] {
        assert_eq!(held_back_ms(&shop, path), 0, "{path}");
    }

    let glitch = stated("normal, but signing in takes", "seconds");
    let shop = Shopper::new();
    let before = shop.clock.now_ms();
    shop.log_in_as("glitch");
    assert_eq!((shop.clock.now_ms() - before) as f64, glitch * 1000.0);
    assert_eq!(held_back_ms(&shop, "/"), 0);

    let label = stated(
        "`data-state` is `preparing` (\"Being prepared…\") until exactly",
        "seconds",
    );
    let shop = Shopper::new();
    shop.log_in_as("alice");
    shop.add_to_cart(1, "1");
    shop.give_shipping_details();
    let placed_at = shop.clock.now_ms();
    let order = location(&shop.place_order());
    let state = |html: &str| {
        let selector = Selector::parse("[data-testid=\"shipping-label\"]").unwrap();
        let document = Html::parse_document(html);
        let label = document.select(&selector).next().expect("a label");
        label
            .value()
            .attr("data-state")
            .unwrap_or_default()
            .to_owned()
    };
    let ready_at = placed_at + (label * 1000.0) as i64;
    shop.clock.advance_ms(ready_at - 1 - shop.clock.now_ms());
    assert_eq!(state(&shop.visit(&order).1), "preparing");
    shop.clock.advance_ms(1);
    assert_eq!(state(&shop.visit(&order).1), "ready");
}
