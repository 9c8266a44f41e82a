//! The demo personas' deliberate faults: each one shown for its
//! persona, and shown absent for alice and for a guest. Also the order
//! page's shipping label, which appears a few seconds after the order.

use std::path::Path;
use std::sync::Arc;

use rocket::http::{ContentType, Status};
use scraper::{Html, Selector};
use session_shop::auth::{Account, Accounts};
use session_shop::catalog::Catalog;
use session_shop::personas::Persona;

use crate::helpers::{location, Shopper};

fn catalog() -> Catalog {
    Catalog::from_toml(&std::fs::read_to_string("data/catalog.toml").unwrap()).unwrap()
}

/// The first demo account with `persona` (`alice` for none), as
/// data/users.toml ships them.
fn demo_account(persona: Persona) -> Arc<Account> {
    let accounts = Accounts::load(Path::new("data/users.toml")).unwrap();
    let found = accounts
        .usernames()
        .iter()
        .filter_map(|username| accounts.get(username))
        .find(|account| account.persona == persona)
        .cloned();
    found.unwrap_or_else(|| {
        panic!(
            "data/users.toml: no demo account is {persona:?}; \
             add one, and its faults to docs/TESTING.md"
        )
    })
}

/// A guest, and one visitor signed in as each persona that can sign in,
/// but `left_out`.
fn everyone_but(left_out: Persona) -> Vec<Option<String>> {
    let signed_in = Persona::ALL
        .into_iter()
        .filter(|&persona| persona != left_out && !persona.is_locked())
        .map(|persona| Some(demo_account(persona).username.clone()));
    std::iter::once(None).chain(signed_in).collect()
}

/// A value of `attribute` on every element matching `css`, in page order.
/// Static files are linked by version (`?v=…`); compared by path here.
fn attributes(html: &str, css: &str, attribute: &str) -> Vec<String> {
    let selector = Selector::parse(css).expect("a valid selector");
    Html::parse_document(html)
        .select(&selector)
        .filter_map(|element| element.value().attr(attribute))
        .map(|value| match value.split_once("?v=") {
            Some((path, _)) if value.starts_with("/static/") => path.to_owned(),
            _ => value.to_owned(),
        })
        .collect()
}

/// The text of the first element matching `css`, white space folded.
fn text(html: &str, css: &str) -> Option<String> {
    let selector = Selector::parse(css).expect("a valid selector");
    let document = Html::parse_document(html);
    let element = document.select(&selector).next()?;
    let words: Vec<&str> = element.text().flat_map(str::split_whitespace).collect();
    Some(words.join(" "))
}

/// The grid's product ids, in the order shown.
fn grid_ids(html: &str) -> Vec<u32> {
    attributes(html, "[data-testid^=\"product-card-\"]", "data-testid")
        .iter()
        .map(|testid| testid["product-card-".len()..].parse().unwrap())
        .collect()
}

/// The picture of every card on the grid, in the order shown.
fn grid_pictures(html: &str) -> Vec<String> {
    attributes(html, "[data-testid^=\"product-card-\"] img", "src")
}

/// Each product's own picture, in the catalog's order.
fn own_pictures() -> Vec<String> {
    catalog()
        .products()
        .iter()
        .map(|product| format!("/static/{}", product.image))
        .collect()
}

/// A visitor signed in as `username` (a guest for `None`).
fn visitor(username: Option<&str>) -> Shopper {
    let shop = Shopper::new();
    if let Some(username) = username {
        let response = shop.log_in_as(username);
        assert_eq!(response.status(), Status::SeeOther, "{username} signs in");
    }
    shop
}

/// Adds with the product page's form, which says where it comes from.
fn add_from_product_page(shop: &Shopper, id: u32, quantity: &str) -> Status {
    let id = id.to_string();
    shop.submit(
        "/cart/add",
        &[
            ("product_id", &id),
            ("quantity", quantity),
            ("from", "product"),
        ],
    )
    .status()
}

fn quantity_in_cart(shop: &Shopper, id: u32) -> Option<u64> {
    shop.cart()["lines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|line| line["product_id"] == id)
        .map(|line| line["quantity"].as_u64().unwrap())
}

#[test]
fn every_persona_signs_in_with_the_demo_password() {
    for persona in Persona::ALL.into_iter().filter(|p| !p.is_locked()) {
        let account = demo_account(persona);
        let shop = visitor(Some(&account.username));
        let (_, html) = shop.visit("/");
        assert_eq!(
            text(&html, "[data-testid=\"current-user\"]").as_deref(),
            Some(account.display_name.as_str()),
            "{persona:?}: {}'s display name in the header",
            account.username
        );
    }
}

#[test]
fn the_login_page_lists_every_demo_account_in_both_languages() {
    for languages in ["en", "es"] {
        let shop = Shopper::new().speaking(languages);
        let (_, html) = shop.visit("/login");
        let accounts = Accounts::load(Path::new("data/users.toml")).unwrap();
        for username in accounts.usernames() {
            let row = text(&html, &format!("[data-testid=\"demo-account-{username}\"]"))
                .unwrap_or_else(|| panic!("{username} listed in {languages}"));
            assert!(row.starts_with(username), "{row}");
            assert!(
                row.len() > username.len() + 10,
                "{username} described: {row}"
            );
        }
    }
    let (_, english) = Shopper::new().visit("/login");
    assert_eq!(
        text(
            &english,
            "[data-testid=\"demo-account-problem\"] td:last-child"
        )
        .unwrap(),
        "Deliberately broken, for testers: every product shows the same picture, \
         price sorts are ignored, and the product page's Add to cart always adds 1."
    );
}

#[test]
fn every_product_shows_the_same_picture_to_the_problem_user() {
    let shop = visitor(Some("problem"));
    let first = own_pictures()[0].clone();
    let (_, grid) = shop.visit("/");
    let pictures = grid_pictures(&grid);
    assert_eq!(pictures.len(), catalog().products().len());
    assert!(pictures.iter().all(|src| *src == first), "{pictures:?}");

    let (_, page) = shop.visit("/products/5");
    assert_eq!(
        attributes(&page, "[data-testid=\"product-detail\"] img", "src"),
        std::slice::from_ref(&first)
    );

    shop.add_to_cart(5, "1");
    shop.add_to_cart(9, "1");
    let (_, cart) = shop.visit("/cart");
    assert_eq!(
        attributes(&cart, "[data-testid^=\"cart-line-\"] img", "src"),
        [first.clone(), first]
    );
}

#[test]
fn alice_and_a_guest_see_each_products_own_picture() {
    for who in [Some("alice"), None] {
        let shop = visitor(who);
        let (_, grid) = shop.visit("/");
        assert_eq!(grid_pictures(&grid), own_pictures(), "{who:?}");
        for (id, picture) in [(4, 3), (5, 4)] {
            let (_, page) = shop.visit(&format!("/products/{id}"));
            assert_eq!(
                attributes(&page, "[data-testid=\"product-detail\"] img", "src"),
                [own_pictures()[picture].clone()]
            );
        }
        shop.add_to_cart(9, "1");
        let (_, cart) = shop.visit("/cart");
        assert_eq!(
            attributes(&cart, "[data-testid^=\"cart-line-\"] img", "src"),
            [own_pictures()[8].clone()]
        );
    }
}

#[test]
fn price_sorts_show_the_problem_user_the_featured_order() {
    let shop = visitor(Some("problem"));
    let featured = grid_ids(&shop.visit("/").1);
    for sort in ["price_asc", "price_desc"] {
        let (_, html) = shop.visit(&format!("/?sort={sort}"));
        assert_eq!(grid_ids(&html), featured, "{sort}");
        // The control still shows the order asked for.
        assert_eq!(
            attributes(&html, "#sort option[selected]", "value"),
            [sort.to_owned()]
        );
    }
    let (_, by_name) = shop.visit("/?sort=name_desc");
    assert_ne!(grid_ids(&by_name), featured, "name sorts still sort");
}

#[test]
fn alice_and_a_guest_get_price_sorts() {
    let catalog = catalog();
    let mut cheapest_first: Vec<_> = catalog.products().iter().collect();
    cheapest_first.sort_by_key(|p| (p.price_cents, p.id));
    let cheapest_first: Vec<u32> = cheapest_first.iter().map(|p| p.id.0).collect();
    let mut dearest_first: Vec<_> = catalog.products().iter().collect();
    dearest_first.sort_by_key(|p| (std::cmp::Reverse(p.price_cents), p.id));
    let dearest_first: Vec<u32> = dearest_first.iter().map(|p| p.id.0).collect();
    for who in [Some("alice"), None] {
        let shop = visitor(who);
        assert_eq!(grid_ids(&shop.visit("/?sort=price_asc").1), cheapest_first);
        assert_eq!(grid_ids(&shop.visit("/?sort=price_desc").1), dearest_first);
    }
}

#[test]
fn the_product_page_form_says_where_it_comes_from() {
    let (_, page) = Shopper::new().visit("/products/2");
    assert_eq!(
        attributes(
            &page,
            "[data-testid=\"add-to-cart-form-2\"] input[name=\"from\"]",
            "value"
        ),
        ["product"]
    );
    let (_, grid) = Shopper::new().visit("/");
    assert!(attributes(&grid, "input[name=\"from\"]", "value").is_empty());
}

#[test]
fn the_problem_users_product_page_adds_one_whatever_the_quantity() {
    let shop = visitor(Some("problem"));
    assert_eq!(add_from_product_page(&shop, 2, "3"), Status::SeeOther);
    assert_eq!(quantity_in_cart(&shop, 2), Some(1));
    let (_, page) = shop.visit("/products/2");
    assert_eq!(
        text(&page, "[data-testid=\"flash\"]").unwrap(),
        "Added 1 × Crab Plushie to your cart."
    );

    // A bad quantity is still refused, as for everyone.
    assert_eq!(
        add_from_product_page(&shop, 2, "abc"),
        Status::UnprocessableEntity
    );
    assert_eq!(quantity_in_cart(&shop, 2), Some(1));

    // The grid's form is not affected.
    shop.add_to_cart(7, "3");
    assert_eq!(quantity_in_cart(&shop, 7), Some(3));
}

#[test]
fn alice_and_a_guest_add_the_quantity_typed_on_the_product_page() {
    for who in [Some("alice"), None] {
        let shop = visitor(who);
        assert_eq!(add_from_product_page(&shop, 2, "3"), Status::SeeOther);
        assert_eq!(quantity_in_cart(&shop, 2), Some(3), "{who:?}");
    }
}

#[test]
fn removing_a_line_fails_for_the_error_user_with_an_alert_and_changes_nothing() {
    let shop = visitor(Some("error"));
    shop.add_to_cart(1, "2");
    shop.add_to_cart(3, "1");
    let before = shop.cart();
    let response = shop.submit("/cart/remove", &[("product_id", "1")]);
    assert_eq!(response.status(), Status::SeeOther);
    assert_eq!(location(&response), "/cart");
    drop(response);
    let (_, cart) = shop.visit("/cart");
    assert_eq!(
        attributes(&cart, "[data-testid=\"flash\"]", "role"),
        ["alert"]
    );
    assert_eq!(
        text(&cart, "[data-testid=\"flash\"]").unwrap(),
        "Sorry, that item could not be removed. Nothing was changed; please try again."
    );
    assert_eq!(shop.cart(), before);
    // Every try fails the same way.
    shop.submit("/cart/remove", &[("product_id", "1")]);
    assert_eq!(shop.cart(), before);
}

#[test]
fn alice_and_a_guest_remove_a_line() {
    for who in [Some("alice"), None] {
        let shop = visitor(who);
        shop.add_to_cart(1, "2");
        shop.add_to_cart(3, "1");
        shop.submit("/cart/remove", &[("product_id", "1")]);
        let (_, cart) = shop.visit("/cart");
        assert_eq!(
            attributes(&cart, "[data-testid=\"flash\"]", "role"),
            ["status"]
        );
        assert_eq!(
            text(&cart, "[data-testid=\"flash\"]").unwrap(),
            "Removed Rocket Mug from your cart."
        );
        assert_eq!(quantity_in_cart(&shop, 1), None, "{who:?}");
        assert_eq!(quantity_in_cart(&shop, 3), Some(1));
    }
}

#[test]
fn the_error_users_first_place_order_fails_and_the_second_places_it() {
    let shop = visitor(Some("error"));
    shop.add_to_cart(1, "2");
    let first = shop.check_out();
    assert_eq!(first.status(), Status::SeeOther);
    assert_eq!(location(&first), "/checkout/review");
    drop(first);
    let (_, review) = shop.visit("/checkout/review");
    assert_eq!(
        attributes(&review, "[data-testid=\"flash\"]", "role"),
        ["alert"]
    );
    assert_eq!(
        text(&review, "[data-testid=\"flash\"]").unwrap(),
        "Sorry, your order could not be placed. Nothing was charged; please try again."
    );
    assert_eq!(quantity_in_cart(&shop, 1), Some(2), "the cart is kept");

    let second = shop.place_order();
    assert_eq!(second.status(), Status::SeeOther);
    assert!(location(&second).starts_with("/orders/"));
    drop(second);
    assert_eq!(shop.cart()["item_count"], 0);
}

#[test]
fn alice_places_her_order_the_first_time() {
    let shop = visitor(Some("alice"));
    shop.add_to_cart(1, "2");
    let response = shop.check_out();
    assert_eq!(response.status(), Status::SeeOther);
    assert!(location(&response).starts_with("/orders/"));
}

/// The visual stylesheet's link (its URL carries the file's version).
const VISUAL_CSS: &str = "link[rel=\"stylesheet\"][href^=\"/static/css/visual.css?v=\"]";

#[test]
fn the_visual_user_gets_the_visual_stylesheet_on_every_page() {
    let shop = visitor(Some("visual"));
    for page in ["/", "/products/3", "/cart", "/login", "/no-such-page"] {
        let (_, html) = shop.visit(page);
        assert_eq!(attributes(&html, VISUAL_CSS, "href").len(), 1, "{page}");
    }
    let response = shop.get("/static/css/visual.css");
    assert_eq!(response.status(), Status::Ok);
    assert_eq!(response.content_type(), Some(ContentType::CSS));
    let css = response.into_string().unwrap();
    for hook in [
        "#place-order",
        "[data-testid=\"cart-count\"]",
        "button[id^=\"add-to-cart-\"]",
        "[data-testid=\"product-price-3\"]",
    ] {
        assert!(css.contains(hook), "the stylesheet changes {hook}");
    }
}

#[test]
fn alice_and_a_guest_do_not_get_the_visual_stylesheet() {
    for who in [Some("alice"), None] {
        let shop = visitor(who);
        for page in ["/", "/products/3", "/cart", "/login"] {
            let (_, html) = shop.visit(page);
            assert!(attributes(&html, VISUAL_CSS, "href").is_empty(), "{page}");
        }
    }
}

#[test]
fn the_visual_user_sees_the_hoodie_and_the_notebook_swap_pictures() {
    let shop = visitor(Some("visual"));
    let mut expected = own_pictures();
    expected.swap(3, 4);
    assert_eq!(grid_pictures(&shop.visit("/").1), expected);
    let (_, html) = shop.visit("/products/4");
    let shown = attributes(&html, "[data-testid=\"product-detail\"] img", "src");
    assert_eq!(shown, [own_pictures()[4].clone()]);
    shop.add_to_cart(5, "1");
    let (_, html) = shop.visit("/cart");
    let shown = attributes(&html, "[data-testid=\"cart-line-5\"] img", "src");
    assert_eq!(shown, [own_pictures()[3].clone()]);
}

#[test]
fn the_visual_user_shops_and_checks_out_like_anyone() {
    let shop = visitor(Some("visual"));
    assert_eq!(add_from_product_page(&shop, 2, "3"), Status::SeeOther);
    assert_eq!(quantity_in_cart(&shop, 2), Some(3));
    shop.submit("/cart/remove", &[("product_id", "2")]);
    assert_eq!(quantity_in_cart(&shop, 2), None);
    shop.add_to_cart(1, "1");
    let response = shop.check_out();
    assert!(location(&response).starts_with("/orders/"));
}

/// Signs in as alice, buys a mug and opens the order page.
fn order_page(shop: &Shopper) -> String {
    shop.log_in_as("alice");
    shop.add_to_cart(1, "1");
    let placed = shop.check_out();
    let order = location(&placed);
    drop(placed);
    shop.visit(&order).1
}

#[test]
fn the_shipping_label_is_ready_exactly_three_seconds_after_the_order() {
    let shop = Shopper::new();
    // NOTE: the test clock starts on a whole second; a sub-second start
    // shows the label keeps milliseconds.
    shop.clock.advance_ms(450);
    let placed_at = shop.clock.now_ms();
    let html = order_page(&shop);
    let label = "[data-testid=\"shipping-label\"]";
    assert_eq!(attributes(&html, label, "data-state"), ["preparing"]);
    let ready_at = (placed_at + 3000).to_string();
    assert_eq!(
        attributes(&html, label, "data-ready-at"),
        [ready_at.as_str()]
    );
    assert_eq!(
        attributes(&html, label, "data-ready-text"),
        ["Ready: your parcel is on its way."]
    );
    assert_eq!(
        text(&html, "[data-testid=\"shipping-label-status\"]").unwrap(),
        "Being prepared…"
    );
    assert!(
        attributes(&html, "script", "src").contains(&"/static/js/shipping-label.js".to_owned()),
        "the order page loads the label's script"
    );

    let order = location_of_last_order(&html);
    shop.clock.advance_ms(2999);
    let (_, still) = shop.visit(&order);
    assert_eq!(
        attributes(&still, label, "data-state"),
        ["preparing"],
        "at 2.999 s"
    );
    assert_eq!(
        attributes(&still, label, "data-ready-at"),
        [ready_at],
        "the same time"
    );
    shop.clock.advance_ms(1);
    let (_, ready) = shop.visit(&order);
    assert_eq!(attributes(&ready, label, "data-state"), ["ready"]);
    assert_eq!(
        text(&ready, "[data-testid=\"shipping-label-status\"]").unwrap(),
        "Ready: your parcel is on its way."
    );
    assert!(
        !attributes(&ready, "script", "src").contains(&"/static/js/shipping-label.js".to_owned())
    );
}

/// The order page's own address, from its order id.
fn location_of_last_order(html: &str) -> String {
    format!(
        "/orders/{}",
        text(html, "[data-testid=\"order-id\"]").expect("the order id is shown")
    )
}

#[test]
fn the_shipping_label_script_is_the_sites_own_javascript() {
    let shop = Shopper::new();
    let response = shop.get("/static/js/shipping-label.js");
    assert_eq!(response.status(), Status::Ok);
    assert_eq!(response.content_type(), Some(ContentType::JavaScript));
    let script = response.into_string().unwrap();
    assert!(script.contains("data-ready-at"));
    assert!(script.contains("data-ready-text"));
}

/// How long the shop held back the answer of what `request` sends, in
/// milliseconds: the test clock moves forward instead of sleeping.
fn held_back(shop: &Shopper, request: impl FnOnce(&Shopper)) -> i64 {
    let before = shop.clock.now_ms();
    request(shop);
    shop.clock.now_ms() - before
}

/// Every kind of request a tester's browser sends that is about the
/// visitor, by what it is.
const REQUESTS: [(&str, &str); 5] = [
    ("a page", "/"),
    ("a product page", "/products/3"),
    ("the cart page", "/cart"),
    ("the cart's JSON", "/api/cart"),
    ("an unknown page", "/no-such-page"),
];

/// Requests whose answer is the same for everyone.
const NOT_ABOUT_THE_VISITOR: [(&str, &str); 3] = [
    ("a static file", "/static/css/shop.css"),
    ("the catalog's JSON", "/api/products"),
    ("the health check", "/health"),
];

#[test]
fn the_slow_user_waits_two_seconds_for_every_answer_about_them() {
    let shop = Shopper::new();
    assert_eq!(held_back(&shop, |s| drop(s.log_in_as("slow"))), 2000);
    for (what, path) in REQUESTS {
        assert_eq!(held_back(&shop, |s| drop(s.get(path))), 2000, "{what}");
    }
    let add = held_back(&shop, |s| drop(s.add_to_cart(1, "1")));
    assert_eq!(add, 2000, "a form post");
    for (what, path) in NOT_ABOUT_THE_VISITOR {
        assert_eq!(held_back(&shop, |s| drop(s.get(path))), 0, "{what}");
    }
    assert_eq!(held_back(&shop, |s| drop(s.log_out())), 2000, "logging out");
    assert_eq!(held_back(&shop, |s| drop(s.get("/"))), 0, "signed out");
}

#[test]
fn alice_and_a_guest_wait_for_nothing() {
    for who in [Some("alice"), None] {
        let shop = Shopper::new();
        if let Some(username) = who {
            assert_eq!(held_back(&shop, |s| drop(s.log_in_as(username))), 0);
        }
        for (what, path) in REQUESTS {
            assert_eq!(held_back(&shop, |s| drop(s.get(path))), 0, "{what}");
        }
        assert_eq!(held_back(&shop, |s| drop(s.add_to_cart(1, "1"))), 0);
    }
}

#[test]
fn the_glitch_user_waits_two_seconds_only_to_sign_in() {
    let shop = Shopper::new();
    assert_eq!(held_back(&shop, |s| drop(s.log_in_as("glitch"))), 2000);
    for (what, path) in REQUESTS.iter().chain(&NOT_ABOUT_THE_VISITOR) {
        assert_eq!(held_back(&shop, |s| drop(s.get(path))), 0, "{what}");
    }
    assert_eq!(held_back(&shop, |s| drop(s.add_to_cart(1, "1"))), 0);
    assert_eq!(held_back(&shop, |s| drop(s.log_out())), 0, "logging out");
    let wrong = [("username", "glitch"), ("password", "wrong")];
    let refused = held_back(&shop, |s| drop(s.submit("/login", &wrong)));
    assert_eq!(refused, 0, "a refused sign-in is no sign-in");
}

/// The `script` persona's script tag (its URL carries the file's version).
const FAULT_SCRIPT: &str = "script[src^=\"/static/js/script-user.js?v=\"]";

#[test]
fn the_script_user_gets_the_fault_script_with_its_texts_on_every_page_in_both_languages() {
    let texts = [
        (
            "en",
            "Heads up: this item is about to be removed from your cart.",
            "Could not load the recommendations for this product.",
        ),
        (
            "es",
            "Atención: este artículo se va a quitar de tu carrito.",
            "No se han podido cargar las recomendaciones de este producto.",
        ),
    ];
    for (lang, alert, console) in texts {
        let shop = Shopper::new().speaking(lang);
        shop.log_in_as("script");
        shop.add_to_cart(1, "1");
        for page in ["/", "/products/3", "/cart", "/checkout", "/no-such-page"] {
            let (_, html) = shop.visit(page);
            assert_eq!(
                attributes(&html, FAULT_SCRIPT, "data-alert-text"),
                [alert],
                "{page}"
            );
            assert_eq!(
                attributes(&html, FAULT_SCRIPT, "data-console-text"),
                [console]
            );
            assert_eq!(attributes(&html, FAULT_SCRIPT, "defer"), [""]);
        }
    }
    let guest = Shopper::new();
    let response = guest.get("/static/js/script-user.js");
    assert_eq!(response.status(), Status::Ok);
    assert_eq!(response.content_type(), Some(ContentType::JavaScript));
    let script = response.into_string().unwrap();
    for hook in [
        "data-alert-text",
        "data-console-text",
        "remove-form-",
        "clear-cart-form",
        "product-detail",
        "full_name",
        "product-grid",
    ] {
        assert!(script.contains(hook), "the script uses {hook}");
    }
}

#[test]
fn no_one_but_the_script_user_gets_the_fault_script() {
    for who in everyone_but(Persona::Script) {
        let shop = visitor(who.as_deref());
        shop.add_to_cart(1, "1");
        for page in ["/", "/products/3", "/cart", "/login", "/no-such-page"] {
            let (_, html) = shop.visit(page);
            assert!(
                attributes(&html, FAULT_SCRIPT, "src").is_empty(),
                "{who:?} {page}"
            );
            assert_eq!(
                attributes(&html, "script[src]", "src"),
                ["/static/js/shop.js"],
                "{who:?} {page}: only the shop's own script"
            );
        }
    }
}

#[test]
fn without_javascript_the_script_user_removes_empties_and_checks_out_like_anyone() {
    let shop = visitor(Some("script"));
    shop.add_to_cart(1, "2");
    shop.add_to_cart(2, "1");
    shop.submit("/cart/remove", &[("product_id", "1")]);
    assert_eq!(quantity_in_cart(&shop, 1), None);
    shop.submit("/cart/clear", &[]);
    assert_eq!(shop.cart()["item_count"], 0);
    shop.add_to_cart(3, "1");
    let response = shop.check_out();
    assert!(location(&response).starts_with("/orders/"));
}

/// The seed of the flaky rule the pages show, if any.
fn flaky_seed(shop: &Shopper) -> Option<u32> {
    let (_, html) = shop.visit("/cart");
    let seeds = attributes(&html, "body[data-flaky-seed]", "data-flaky-seed");
    seeds.first().map(|seed| seed.parse().expect("a number"))
}

/// Adds a Rocket Mug from the grid, as its form does, and answers whether
/// it failed (a `role="alert"` flash) and the flash's text.
fn add_mug_from_grid(shop: &Shopper) -> (bool, String) {
    let response = shop.submit(
        "/cart/add",
        &[
            ("product_id", "1"),
            ("quantity", "1"),
            ("next", "/#product-1"),
        ],
    );
    assert_eq!(response.status(), Status::SeeOther);
    assert_eq!(
        location(&response),
        "/#product-1",
        "back at the card either way"
    );
    drop(response);
    let (_, html) = shop.visit("/");
    let card = "[data-testid=\"product-card-1\"] [data-testid=\"flash\"]";
    let role = attributes(&html, card, "role");
    (
        role == ["alert"],
        text(&html, card).expect("the add's message in its card"),
    )
}

#[test]
fn the_flaky_user_fails_one_add_in_three_where_the_seed_says_and_nothing_changes() {
    let shop = visitor(Some("flaky"));
    let seed = flaky_seed(&shop).expect("the seed is on the page");
    assert!(seed < 3);
    let mut mugs = 0;
    for n in 1..=9 {
        let before = shop.cart();
        let (failed, message) = add_mug_from_grid(&shop);
        assert_eq!(
            failed,
            (seed + n).is_multiple_of(3),
            "add {n} with seed {seed}"
        );
        if failed {
            assert_eq!(
                message,
                "Sorry, Rocket Mug could not be added to your cart. Nothing was changed; please try again."
            );
            assert_eq!(
                shop.cart(),
                before,
                "a failed add changes the cart in nothing"
            );
        } else {
            mugs += 1;
            assert_eq!(message, "Added 1 × Rocket Mug to your cart.");
        }
        assert_eq!(quantity_in_cart(&shop, 1), Some(mugs).filter(|&m| m > 0));
    }
    assert_eq!(mugs, 6, "three of nine adds failed");
    assert_eq!(
        flaky_seed(&shop),
        Some(seed),
        "the seed is kept all session"
    );
}

#[test]
fn the_flaky_users_failed_add_is_worded_in_spanish_too() {
    let shop = Shopper::new().speaking("es");
    shop.log_in_as("flaky");
    let seed = flaky_seed(&shop).unwrap();
    for _ in 1..(3 - seed) {
        assert!(!add_mug_from_grid(&shop).0);
    }
    let (failed, message) = add_mug_from_grid(&shop);
    assert!(failed);
    assert_eq!(
        message,
        "No se ha podido añadir Taza Rocket a tu carrito. No se ha cambiado nada; inténtalo de nuevo."
    );
}

#[test]
fn refused_adds_and_api_adds_are_not_counted_and_reset_app_state_counts_again() {
    let shop = visitor(Some("flaky"));
    let seed = flaky_seed(&shop).unwrap();
    let first_failure = 3 - seed;
    // A refused quantity changes nothing, the count included.
    let cookie = shop.session_cookie();
    assert_eq!(
        shop.add_to_cart(1, "abc").status(),
        Status::UnprocessableEntity
    );
    assert_eq!(shop.session_cookie(), cookie);
    // Nor do the API's adds count, or fail.
    for _ in 0..6 {
        let response = shop.send(
            shop.client
                .post("/api/cart/lines")
                .header(ContentType::JSON)
                .body(r#"{"product_id": 2, "quantity": 1}"#),
        );
        assert_eq!(response.status(), Status::Ok);
    }
    assert_eq!(quantity_in_cart(&shop, 2), Some(6));
    for n in 1..first_failure {
        assert!(!add_mug_from_grid(&shop).0, "add {n}");
    }
    // Reset app state starts the count again: the failure moves on.
    shop.submit("/session/reset-state", &[]);
    for n in 1..first_failure {
        assert!(!add_mug_from_grid(&shop).0, "add {n} after the reset");
    }
    assert!(add_mug_from_grid(&shop).0, "add {first_failure} fails");
}

#[test]
fn signing_in_again_draws_a_seed_and_counts_from_one() {
    let shop = visitor(Some("flaky"));
    add_mug_from_grid(&shop);
    add_mug_from_grid(&shop);
    shop.log_in_as("flaky");
    let seed = flaky_seed(&shop).unwrap();
    for n in 1..=3 {
        let failed = add_mug_from_grid(&shop).0;
        assert_eq!(
            failed,
            (seed + n).is_multiple_of(3),
            "add {n} with seed {seed}"
        );
    }
}

#[test]
fn no_one_but_the_flaky_user_has_a_seed_or_a_failed_add() {
    for who in everyone_but(Persona::Flaky) {
        let shop = visitor(who.as_deref());
        assert_eq!(flaky_seed(&shop), None, "{who:?}");
        for n in 1..=6 {
            assert!(!add_mug_from_grid(&shop).0, "{who:?} add {n}");
        }
        assert_eq!(quantity_in_cart(&shop, 1), Some(6));
    }
}
