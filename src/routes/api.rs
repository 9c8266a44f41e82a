//! The JSON API: the catalog and the session's cart.

use rocket::serde::json::Json;
use rocket::{get, routes, Route, State};
use serde::Serialize;

use crate::session::Session;
use crate::shop::Shop;
use crate::views::shop::image_url;

/// A product in `GET /api/products`.
#[derive(Debug, Serialize)]
pub struct ApiProduct<'a> {
    pub id: u32,
    pub name: &'a str,
    pub description: &'a str,
    pub price_cents: u64,
    pub image: String,
}

/// A line in `GET /api/cart`.
#[derive(Debug, Serialize)]
pub struct ApiCartLine<'a> {
    pub product_id: u32,
    pub name: &'a str,
    pub unit_price_cents: u64,
    pub quantity: u8,
    pub line_total_cents: u64,
}

/// `GET /api/cart`.
#[derive(Debug, Serialize)]
pub struct ApiCart<'a> {
    pub lines: Vec<ApiCartLine<'a>>,
    pub item_count: u32,
    pub total_cents: u64,
    pub currency: &'a str,
}

/// `GET /api/products`: every product, in the catalog's order.
#[get("/api/products")]
pub fn list_products(shop: &State<Shop>) -> Json<Vec<ApiProduct<'_>>> {
    Json(
        shop.catalog
            .products()
            .iter()
            .map(|p| ApiProduct {
                id: p.id.0,
                name: &p.name,
                description: &p.description,
                price_cents: p.price_cents.get(),
                image: image_url(p),
            })
            .collect(),
    )
}

/// `GET /api/cart`: the session's cart, priced from the catalog.
#[get("/api/cart")]
pub fn show_cart<'s>(session: Session<'_>, shop: &'s State<Shop>) -> Json<ApiCart<'s>> {
    let priced = session.data().cart.priced(&shop.catalog);
    Json(ApiCart {
        lines: priced
            .lines
            .iter()
            .map(|line| ApiCartLine {
                product_id: line.product.id.0,
                name: &line.product.name,
                unit_price_cents: line.product.price_cents.get(),
                quantity: line.quantity.get(),
                line_total_cents: line.line_total.get(),
            })
            .collect(),
        item_count: priced.item_count,
        total_cents: priced.total.get(),
        currency: shop.catalog.currency().code(),
    })
}

pub fn routes() -> Vec<Route> {
    routes![list_products, show_cart]
}
