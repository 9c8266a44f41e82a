//! The JSON API.

use rocket::http::{ContentType, Status};

use crate::helpers::Shopper;

#[test]
fn products_lists_every_product_with_its_fields() {
    let shop = Shopper::new();
    let response = shop.get("/api/products");
    assert_eq!(response.status(), Status::Ok);
    assert_eq!(response.content_type(), Some(ContentType::JSON));
    let products: serde_json::Value =
        serde_json::from_str(&response.into_string().unwrap()).unwrap();
    let products = products.as_array().unwrap();
    assert!(products.len() >= 12);
    let mug = &products[0];
    assert_eq!(mug["id"], 1);
    assert_eq!(mug["name"], "Rocket Mug");
    assert_eq!(mug["price_cents"], 1450);
    assert!(mug["description"].as_str().is_some_and(|d| !d.is_empty()));
    assert_eq!(mug["image"], "/static/img/rocket-mug.svg");
    assert_eq!(
        shop.get(mug["image"].as_str().unwrap()).status(),
        Status::Ok
    );
}

#[test]
fn the_cart_reports_lines_counts_and_totals_in_cents() {
    let shop = Shopper::new();
    assert_eq!(shop.cart()["lines"].as_array().unwrap().len(), 0);
    shop.add_to_cart(1, "2");
    shop.add_to_cart(2, "1");
    let cart = shop.cart();
    let line = &cart["lines"][0];
    assert_eq!(line["product_id"], 1);
    assert_eq!(line["name"], "Rocket Mug");
    assert_eq!(line["unit_price_cents"], 1450);
    assert_eq!(line["quantity"], 2);
    assert_eq!(line["line_total_cents"], 2900);
    assert_eq!(cart["item_count"], 3);
    assert_eq!(cart["total_cents"], 2900 + 2299);
    assert_eq!(cart["currency"], "EUR");
}
