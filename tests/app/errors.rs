//! Error pages: the right status, in the layout (JSON under /api/), and
//! never any internals.

use rocket::http::{ContentType, Status};

use crate::helpers::{testid_text, Shopper};

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
