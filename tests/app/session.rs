//! The session cookie: sealed, with the right attributes, expiring on the
//! server, and treated as no session whenever it cannot be trusted.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use rocket::http::{SameSite, Status};
use session_shop::session::cookie::{decode, encode, parse_key, seal_with, FORMAT_VERSION};
use session_shop::session::SessionData;

use scraper::Html;

use crate::helpers::{changed_in_the_middle, figment, Shopper, OTHER_SECRET, SECRET};
use crate::helpers::{select, text_of};

const NOT_LOGGED_IN: &str = "You are not logged in";
const LOGGED_IN: &str = "Logged in as user";

/// A session holding the tutorial value, sealed with `key` as `payload`.
fn minted_cookie(key: &str, payload: &str) -> String {
    seal_with(&parse_key(key).unwrap(), payload)
}

fn tutorial_session(now: i64) -> SessionData {
    let mut data = SessionData::new(now);
    data.username = Some("user".into());
    data
}

#[test]
fn the_cookie_is_sealed_and_carries_httponly_samesite_lax_and_path() {
    let shop = Shopper::new();
    let response = shop.get("/test/session/set");
    let cookie = response
        .cookies()
        .get("session")
        .cloned()
        .expect("a session cookie is set");
    assert_eq!(cookie.http_only(), Some(true));
    assert_eq!(cookie.same_site(), Some(SameSite::Lax));
    assert_eq!(cookie.path(), Some("/"));
    assert_ne!(cookie.secure(), Some(true), "no Secure flag without TLS");
    assert!(!cookie.value().contains("user"));
    assert!(
        decode(cookie.value()).is_err(),
        "the value cannot be read without the key"
    );
}

#[test]
fn a_tampered_cookie_is_no_session() {
    let shop = Shopper::new();
    shop.get("/test/session/set");
    let value = shop.session_cookie().unwrap();
    shop.set_session_cookie(&changed_in_the_middle(&value));
    assert_eq!(shop.tutorial_check(), (Status::Ok, NOT_LOGGED_IN.into()));
}

#[test]
fn a_cookie_sealed_with_the_shops_key_by_hand_opens_like_its_own() {
    // The control for the tests below: minting by hand matches Rocket.
    let shop = Shopper::new();
    let now = shop.clock.now();
    shop.set_session_cookie(&minted_cookie(SECRET, &encode(&tutorial_session(now))));
    assert_eq!(shop.tutorial_check(), (Status::Ok, LOGGED_IN.into()));
}

#[test]
fn a_cookie_sealed_with_another_key_is_no_session() {
    let shop = Shopper::new();
    let now = shop.clock.now();
    shop.set_session_cookie(&minted_cookie(
        OTHER_SECRET,
        &encode(&tutorial_session(now)),
    ));
    assert_eq!(shop.tutorial_check(), (Status::Ok, NOT_LOGGED_IN.into()));
}

#[test]
fn a_cookie_in_an_old_format_is_no_session() {
    let shop = Shopper::new();
    let now = shop.clock.now();
    // The same session under an older format version byte…
    let mut bytes = URL_SAFE_NO_PAD
        .decode(encode(&tutorial_session(now)))
        .unwrap();
    assert_eq!(bytes[0], FORMAT_VERSION);
    bytes[0] = FORMAT_VERSION - 1;
    let old_version = URL_SAFE_NO_PAD.encode(bytes);
    shop.set_session_cookie(&minted_cookie(SECRET, &old_version));
    assert_eq!(shop.tutorial_check(), (Status::Ok, NOT_LOGGED_IN.into()));
    // …and a plain-text value from a naive first version.
    shop.set_session_cookie(&minted_cookie(SECRET, "username=user"));
    assert_eq!(shop.tutorial_check(), (Status::Ok, NOT_LOGGED_IN.into()));
}

#[test]
fn a_rejected_cookie_is_removed_and_pages_still_render() {
    let shop = Shopper::new();
    shop.set_session_cookie("not-a-sealed-value");
    let response = shop.get("/");
    assert_eq!(response.status(), Status::Ok);
    let fresh = response.cookies().get("session").cloned().unwrap();
    assert_ne!(fresh.value(), "not-a-sealed-value");
}

fn short_sessions() -> rocket::figment::Figment {
    figment()
        .merge(("session_idle_timeout", 100))
        .merge(("session_max_lifetime", 300))
}

#[test]
fn a_session_survives_until_just_before_the_idle_timeout() {
    let shop = Shopper::with(short_sessions());
    shop.get("/test/session/set");
    shop.clock.advance(99);
    assert_eq!(shop.tutorial_check().1, LOGGED_IN);
}

#[test]
fn a_session_ends_at_the_idle_timeout() {
    let shop = Shopper::with(short_sessions());
    shop.get("/test/session/set");
    shop.clock.advance(100);
    assert_eq!(shop.tutorial_check(), (Status::Ok, NOT_LOGGED_IN.into()));
}

#[test]
fn each_request_restarts_the_idle_timer() {
    let shop = Shopper::with(short_sessions());
    shop.get("/test/session/set");
    for _ in 0..2 {
        shop.clock.advance(90);
        assert_eq!(shop.tutorial_check().1, LOGGED_IN);
    }
}

#[test]
fn an_active_session_survives_until_just_before_its_maximum_lifetime() {
    let shop = Shopper::with(short_sessions());
    shop.get("/test/session/set");
    for _ in 0..3 {
        shop.clock.advance(90);
        shop.get("/health");
        shop.tutorial_check();
    }
    shop.clock.advance(299 - 270);
    assert_eq!(shop.tutorial_check().1, LOGGED_IN);
}

#[test]
fn an_active_session_ends_at_its_maximum_lifetime() {
    let shop = Shopper::with(short_sessions());
    shop.get("/test/session/set");
    for _ in 0..3 {
        shop.clock.advance(90);
        assert_eq!(shop.tutorial_check().1, LOGGED_IN);
    }
    shop.clock.advance(300 - 270);
    assert_eq!(shop.tutorial_check(), (Status::Ok, NOT_LOGGED_IN.into()));
}

#[test]
fn pages_are_private_to_the_session_and_carry_security_headers() {
    let shop = Shopper::new();
    for path in ["/", "/cart", "/test/session/check", "/nope"] {
        let response = shop.get(path);
        let headers = response.headers();
        assert_eq!(headers.get_one("Cache-Control"), Some("no-store"), "{path}");
        let vary = headers.get_one("Vary").unwrap_or_default();
        assert!(
            vary.split(", ").any(|name| name == "Cookie"),
            "{path}: {vary}"
        );
        assert_eq!(
            headers.get_one("X-Content-Type-Options"),
            Some("nosniff"),
            "{path}"
        );
        assert!(headers.get_one("Referrer-Policy").is_some(), "{path}");
        let csp = headers
            .get_one("Content-Security-Policy")
            .unwrap_or_default();
        assert!(csp.contains("default-src 'self'"), "{path}: {csp}");
        assert!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
        assert!(csp.contains("form-action 'self'"), "{path}: {csp}");
    }
}

/// The inspector's page, parsed.
fn inspect(shop: &Shopper) -> Html {
    let (status, html) = shop.visit("/session");
    assert_eq!(status, Status::Ok);
    Html::parse_document(&html)
}

/// The text of the element with `data-testid`, white space folded.
fn testid(html: &Html, id: &str) -> String {
    text_of(select(html, &format!("[data-testid={id}]")))
}

/// An attribute of the element with `data-testid`.
fn testid_attr(html: &Html, id: &str, attr: &str) -> String {
    let element = select(html, &format!("[data-testid={id}]"));
    element.value().attr(attr).unwrap_or_default().to_owned()
}

#[test]
fn the_inspector_shows_the_decoded_session_and_its_cookie_size() {
    let shop = Shopper::new();
    shop.get("/test/session/set");
    let held = shop.session_cookie_size();
    let page = inspect(&shop);
    let contents = testid(&page, "session-contents");
    assert!(contents.contains(r#""username": "user""#), "{contents}");
    let size: usize = testid(&page, "cookie-size").parse().unwrap();
    assert_eq!(size, held, "the size of the cookie the browser sent");
}

#[test]
fn the_inspector_counts_the_largest_session_as_the_browser_stores_it() {
    let shop = Shopper::new();
    shop.log_in_as("alice");
    let products: serde_json::Value =
        serde_json::from_str(&shop.get("/api/products").into_string().unwrap()).unwrap();
    for product in products.as_array().unwrap() {
        let id = product["id"].as_u64().unwrap() as u32;
        assert_eq!(shop.add_to_cart(id, "99").status(), Status::SeeOther);
    }
    let long = |c: &str, n: usize| c.repeat(n);
    let (name, address, city) = (long("é", 80), long("ñ", 120), long("ü", 60));
    let email = format!("{}@{}.example.com", long("a", 64), long("b", 254 - 64 - 13));
    let details = [
        ("full_name", name.as_str()),
        ("email", email.as_str()),
        ("address", address.as_str()),
        ("city", city.as_str()),
        ("postal_code", "NW1 6XE 1234"),
    ];
    assert_eq!(
        shop.submit("/checkout", &details).status(),
        Status::SeeOther
    );
    shop.visit("/checkout/review");
    let held = shop.session_cookie_size();
    assert!(held > 1000, "a large session: {held} bytes");
    let page = inspect(&shop);
    let size: usize = testid(&page, "cookie-size").parse().unwrap();
    assert_eq!(size, held, "the bytes of the Set-Cookie pair");
    assert!(size <= 4096);
    let raw = testid(&page, "cookie-raw");
    assert_eq!(raw.len(), held, "the raw pair is the one the browser holds");
}

#[test]
fn the_inspector_shows_the_cookie_attributes() {
    let shop = Shopper::new();
    shop.get("/test/session/set");
    let page = inspect(&shop);
    assert_eq!(testid_attr(&page, "cookie-httponly", "data-value"), "true");
    assert_eq!(testid_attr(&page, "cookie-samesite", "data-value"), "Lax");
    assert_eq!(testid_attr(&page, "cookie-path", "data-value"), "/");
    assert_eq!(testid_attr(&page, "cookie-secure", "data-value"), "false");
    assert_eq!(testid_attr(&page, "cookie-max-age", "data-value"), "1800");
}

#[test]
fn the_inspector_shows_the_flash_as_it_arrived_and_marks_it_retired() {
    let shop = Shopper::new();
    shop.add_to_cart(3, "1");
    let page = inspect(&shop);
    let arrived = testid(&page, "session-field-flash-arrived");
    assert!(arrived.contains("Added"), "{arrived}");
    assert_eq!(testid(&page, "session-field-flash-outgoing"), "null");
    assert_eq!(
        testid_attr(&page, "session-field-flash", "data-changed"),
        "true"
    );
    assert_eq!(
        testid_attr(&page, "session-field-cart", "data-changed"),
        "false"
    );
    assert_eq!(testid_attr(&page, "response-sends", "data-sends"), "seal");
    let reasons = select(
        &page,
        "[data-testid=response-reasons] [data-reason=flash_shown]",
    );
    assert!(!text_of(reasons).is_empty());
    // The next look sends nothing: the browser keeps its cookie.
    let again = inspect(&shop);
    assert_eq!(testid_attr(&again, "response-sends", "data-sends"), "keep");
}

#[test]
fn the_inspector_names_the_limit_that_ends_the_session_and_shows_no_unix_times() {
    let shop = Shopper::with(short_sessions());
    shop.get("/test/session/set");
    let page = inspect(&shop);
    assert_eq!(
        testid_attr(&page, "session-ending-limit", "data-limit"),
        "idle"
    );
    assert_eq!(testid(&page, "session-ends-in"), "1 min 40 s");
    assert!(!testid(&page, "session-contents").contains(&shop.clock.now().to_string()));
    assert!(testid(&page, "session-last-seen").ends_with("UTC"));
    // Near the end of its lifetime, the absolute limit comes first.
    for _ in 0..3 {
        shop.clock.advance(70);
        shop.tutorial_check();
    }
    let page = inspect(&shop);
    assert_eq!(
        testid_attr(&page, "session-ending-limit", "data-limit"),
        "absolute"
    );
    assert_eq!(testid(&page, "session-ends-in"), "1 min 30 s");
}

#[test]
fn the_inspector_refreshes_the_idle_timer_when_due_and_marks_last_seen() {
    let shop = Shopper::new();
    shop.get("/test/session/set");
    shop.clock.advance(61);
    let page = inspect(&shop);
    assert_eq!(
        testid_attr(&page, "session-field-last_seen", "data-changed"),
        "true"
    );
    let reason = select(
        &page,
        "[data-testid=response-reasons] [data-reason=idle_refresh]",
    );
    assert!(!text_of(reason).is_empty());
}

#[test]
fn resetting_the_session_starts_a_new_empty_one() {
    let shop = Shopper::new();
    shop.get("/test/session/set");
    shop.add_to_cart(1, "2");
    let before = shop.session_cookie().unwrap();
    let response = shop.submit("/session/reset", &[]);
    assert_eq!(response.status(), Status::SeeOther);
    assert_eq!(crate::helpers::location(&response), "/session");
    assert_ne!(shop.session_cookie().unwrap(), before);
    assert_eq!(shop.tutorial_check().1, NOT_LOGGED_IN);
    assert_eq!(shop.cart()["item_count"], 0);
}

#[test]
fn resetting_the_app_state_empties_the_cart_and_checkout_but_keeps_the_sign_in_and_language() {
    let shop = Shopper::new();
    shop.log_in_as("alice");
    shop.submit("/lang", &[("lang", "es")]);
    shop.add_to_cart(1, "2");
    let order = crate::helpers::location(&shop.check_out());
    shop.add_to_cart(3, "1");
    let token = shop.csrf_token();

    let response = shop.submit("/session/reset-state", &[("next", "/cart")]);
    assert_eq!(response.status(), Status::SeeOther);
    assert_eq!(crate::helpers::location(&response), "/cart");
    drop(response);
    let (_, cart) = shop.visit("/cart");
    assert_eq!(
        crate::helpers::testid_text(&cart, "flash").unwrap(),
        "Se han vaciado tu carrito y tu pedido en curso. Sigues en tu cuenta y en el mismo idioma."
    );
    assert!(crate::helpers::testid_text(&cart, "cart-empty").is_some());
    assert_eq!(shop.signed_in_as().as_deref(), Some("Alice"));
    assert!(cart.contains("<html lang=\"es\""));
    assert_eq!(shop.csrf_token(), token, "forms already open still work");
    assert_eq!(
        shop.visit(&order).0,
        Status::Ok,
        "the order placed is the account's, and stays in its history"
    );
    shop.add_to_cart(2, "1");
    let checkout = shop.get("/checkout/review");
    assert_eq!(
        crate::helpers::location(&checkout),
        "/checkout",
        "details asked again"
    );
}

#[test]
fn resetting_the_app_state_goes_to_the_inspector_by_default_and_needs_the_token() {
    let shop = Shopper::new();
    shop.add_to_cart(1, "1");
    let response = shop.submit("/session/reset-state", &[]);
    assert_eq!(crate::helpers::location(&response), "/session");
    drop(response);
    assert_eq!(shop.cart()["item_count"], 0);
    shop.add_to_cart(1, "1");
    assert_eq!(
        shop.post_raw("/session/reset-state", "").status(),
        Status::Forbidden
    );
    assert_eq!(
        shop.cart()["item_count"],
        1,
        "a refused reset changes nothing"
    );
}

#[test]
fn after_bob_signs_in_over_alices_session_his_inspector_shows_nothing_of_hers() {
    let shop = Shopper::new();
    shop.log_in_as("alice");
    shop.add_to_cart(1, "1");
    shop.give_shipping_details();
    let order = crate::helpers::location(&shop.place_order());
    let order_id = order.trim_start_matches("/orders/").to_owned();

    assert_eq!(shop.log_in_as("bob").status(), Status::SeeOther);
    let (_, page) = shop.visit("/session");

    let html = Html::parse_document(&page);
    assert_eq!(text_of(select(&html, "[data-testid=current-user]")), "Bob");
    assert!(!page.contains(&order_id), "alice's order id is not shown");
    assert!(
        !page.contains("Ada Lovelace"),
        "alice's details are not shown"
    );
    assert!(
        !page.contains("data-testid=\"form-change\""),
        "no diff from her session"
    );
}

#[test]
fn a_guest_who_signs_in_sees_what_the_sign_in_changed() {
    let shop = Shopper::new();
    shop.add_to_cart(1, "1");

    shop.log_in_as("alice");
    let (_, page) = shop.visit("/session");

    let html = Html::parse_document(&page);
    assert_eq!(
        text_of(select(&html, "[data-testid=form-change-user-after]")),
        "\"alice\""
    );
}

#[test]
fn the_inspector_shows_the_flaky_users_count_of_adds_and_that_an_add_moved_it() {
    let shop = Shopper::new();
    shop.log_in_as("flaky");
    shop.add_to_cart(1, "1");

    let (_, page) = shop.visit("/session");

    let html = Html::parse_document(&page);
    let shown = |testid: &str| text_of(select(&html, &format!("[data-testid={testid}]")));
    assert_eq!(shown("form-change-adds-before"), "0");
    assert_eq!(shown("form-change-adds-after"), "1");
    assert_eq!(shown("session-field-adds-outgoing"), "1");
}

#[test]
fn the_inspector_says_the_exact_size_of_the_cookie_its_answer_sends() {
    let shop = Shopper::new();
    for id in 1..=14 {
        shop.add_to_cart(id, "99");
        let response = shop.get("/session");
        let sent = shop.session_cookie_size();
        let html = Html::parse_document(&crate::helpers::body(response));
        let said = select(&html, "[data-testid=response-sends]")
            .value()
            .attr("data-bytes")
            .expect("the size is on the page")
            .to_owned();
        assert_eq!(said, sent.to_string(), "after adding product {id}");
    }
}
