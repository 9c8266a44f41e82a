//! The session is sealed at most once per response, and only when there is
//! something to send.

use rocket::http::Status;

use crate::helpers::{testid_text, Shopper};

/// The `session` cookies a response sets, as `Set-Cookie` headers.
fn session_cookies_set(shop: &Shopper, path: &str) -> Vec<String> {
    let response = shop.get(path);
    response
        .headers()
        .get("Set-Cookie")
        .filter(|header| header.starts_with("session="))
        .map(str::to_owned)
        .collect()
}

#[test]
fn health_static_files_and_the_product_api_never_create_a_session() {
    let shop = Shopper::new();
    for path in ["/health", "/static/css/shop.css", "/api/products"] {
        assert!(session_cookies_set(&shop, path).is_empty(), "{path}");
    }
    assert_eq!(shop.session_cookie(), None);
}

#[test]
fn they_leave_an_existing_session_alone_too() {
    let shop = Shopper::new();
    shop.get("/test/session/set");
    shop.clock.advance(3600 / 2);
    for path in ["/health", "/static/css/shop.css", "/api/products"] {
        assert!(session_cookies_set(&shop, path).is_empty(), "{path}");
    }
}

#[test]
fn reading_a_session_that_did_not_change_sends_no_cookie() {
    let shop = Shopper::new();
    shop.get("/test/session/set");
    assert!(session_cookies_set(&shop, "/test/session/check").is_empty());
    shop.get("/cart");
    assert!(session_cookies_set(&shop, "/cart").is_empty());
    assert!(session_cookies_set(&shop, "/api/cart").is_empty());
}

#[test]
fn a_change_is_sealed_once_in_one_set_cookie() {
    let shop = Shopper::new();
    assert_eq!(session_cookies_set(&shop, "/test/session/set").len(), 1);
    let token = shop.csrf_token();
    let response = shop.post_raw(
        "/cart/add",
        &format!("csrf_token={token}&product_id=1&quantity=2"),
    );
    assert_eq!(response.status(), Status::SeeOther);
    let sealed = response
        .headers()
        .get("Set-Cookie")
        .filter(|header| header.starts_with("session="))
        .count();
    assert_eq!(sealed, 1);
}

#[test]
fn a_session_in_use_is_refreshed_once_a_minute_at_most() {
    let shop = Shopper::new();
    shop.get("/test/session/set");
    shop.clock.advance(59);
    assert!(session_cookies_set(&shop, "/test/session/check").is_empty());
    shop.clock.advance(1);
    assert_eq!(session_cookies_set(&shop, "/test/session/check").len(), 1);
    assert!(session_cookies_set(&shop, "/test/session/check").is_empty());
}

#[test]
fn a_first_page_gives_a_new_visitor_a_session_its_forms_can_use() {
    let shop = Shopper::new();
    assert_eq!(session_cookies_set(&shop, "/").len(), 1);
    let response = shop.add_to_cart(1, "1");
    assert_eq!(response.status(), Status::SeeOther);
}

#[test]
fn a_message_is_shown_on_the_next_page_and_then_gone() {
    let shop = Shopper::new();
    shop.add_to_cart(1, "2");
    let (_, first) = shop.visit("/cart");
    assert!(testid_text(&first, "flash").is_some_and(|text| text.contains("Added 2")));
    let (_, second) = shop.visit("/cart");
    assert_eq!(testid_text(&second, "flash"), None);
}

#[test]
fn a_refused_form_leaves_the_cookie_as_it_was() {
    let shop = Shopper::new();
    shop.add_to_cart(1, "2");
    let before = shop.session_cookie();
    let token = shop.csrf_token();
    let response = shop.post_raw(
        "/cart/add",
        &format!("csrf_token={token}&product_id=1&quantity=abc"),
    );
    assert_eq!(response.status(), Status::UnprocessableEntity);
    let sealed = response
        .headers()
        .get("Set-Cookie")
        .filter(|header| header.starts_with("session="))
        .count();
    assert_eq!(sealed, 0);
    drop(response);
    assert_eq!(shop.session_cookie(), before);
}
