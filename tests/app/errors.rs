//! Error pages: the right status, in the layout (JSON under /api/), and
//! never any internals.

use rocket::http::{ContentType, Status};

use scraper::{Html, Selector};

use crate::helpers::{encode_form, location, testid_text, Shopper};

#[test]
fn an_unknown_route_is_a_404_page_in_the_layout() {
    let shop = Shopper::new();
    let response = shop.get("/no/such/page");
    assert_eq!(response.status(), Status::NotFound);
    assert_eq!(response.content_type(), Some(ContentType::HTML));
    let html = crate::helpers::body(response);
    assert_eq!(testid_text(&html, "cart-count").unwrap(), "0");
    assert_eq!(testid_text(&html, "error-status").unwrap(), "404");
    assert!(html.contains("role=\"alert\""));
}

#[test]
fn an_unknown_api_route_is_a_404_in_json() {
    let shop = Shopper::new();
    let response = shop.get("/api/nothing-here");
    assert_eq!(response.status(), Status::NotFound);
    assert_eq!(response.content_type(), Some(ContentType::JSON));
    let body: serde_json::Value = serde_json::from_str(&response.into_string().unwrap()).unwrap();
    assert_eq!(body["error"]["status"], 404);
}

#[test]
fn state_changing_routes_do_not_answer_get() {
    let shop = Shopper::new();
    shop.add_to_cart(1, "1");
    for path in [
        "/cart/add?product_id=1&quantity=5",
        "/cart/update",
        "/cart/remove?product_id=1",
        "/cart/clear",
        "/logout",
        "/session/reset",
    ] {
        let status = shop.get(path).status();
        assert!(matches!(status.code, 404 | 405), "{path}: {status}");
    }
    assert_eq!(shop.cart()["item_count"], 1);
}

#[test]
fn error_pages_show_no_internals() {
    let shop = Shopper::new();
    let token = shop.csrf_token();
    let bodies = [
        shop.post_raw("/cart/add", "csrf_token=%FF%FE&product_id=1")
            .into_string(),
        shop.post_raw("/cart/add", &format!("csrf_token={token}&product_id=%ZZ"))
            .into_string(),
        shop.visit("/products/%00").1.into(),
    ];
    for body in bodies.into_iter().flatten() {
        for leak in ["panicked", "RUST_BACKTRACE", "rocket::", "src/", "Error {"] {
            assert!(!body.contains(leak), "{leak} in {body}");
        }
    }
}

#[test]
fn a_first_time_visitor_can_switch_language_from_a_404_page() {
    let shop = Shopper::new();
    let response = shop.get("/no/such/page");
    assert_eq!(response.status(), Status::NotFound);
    let html = crate::helpers::body(response);
    assert!(
        shop.session_cookie().is_some(),
        "the 404 page sets no cookie"
    );
    let page = Html::parse_document(&html);
    let token = Selector::parse("[data-testid=language-form] input[name=csrf_token]").unwrap();
    let token = page.select(&token).next().unwrap().attr("value").unwrap();
    let form = [("csrf_token", token), ("lang", "es"), ("next", "/")];
    let response = shop.post_raw("/lang", &encode_form(&form));
    assert_eq!(response.status(), Status::SeeOther);
    assert_eq!(location(&response), "/");
    let (_, home) = shop.visit("/");
    assert!(home.contains("<html lang=\"es\">"));
}

#[test]
fn an_error_page_leaves_a_held_session_as_it_was() {
    let shop = Shopper::new();
    shop.add_to_cart(1, "2");
    let before = shop.session_cookie().unwrap();
    let response = shop.get("/no/such/page");
    assert_eq!(response.status(), Status::NotFound);
    assert!(response.headers().get_one("Set-Cookie").is_none());
    assert_eq!(shop.session_cookie().unwrap(), before);
}
