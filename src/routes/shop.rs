//! The storefront: the product grid and each product's page.

use rocket::{get, routes, Route, State};
use rocket_dyn_templates::{context, Metadata, Template};
use serde::Serialize;

use crate::catalog::{ProductId, SortOrder};
use crate::error::AppError;
use crate::session::Session;
use crate::shop::Shop;
use crate::views::grid::GridCards;
use crate::views::shop::product_page;
use crate::views::{messages, Layout};

/// A choice in the grid's sort control.
#[derive(Debug, Serialize)]
struct SortOption {
    key: &'static str,
    label: String,
    selected: bool,
}

/// `GET /?sort=`: every product, in the chosen order; a product in the cart
/// shows Remove instead of Add to cart.
#[get("/?<sort>")]
pub fn list_products(
    sort: Option<&str>,
    session: Session<'_>,
    shop: &State<Shop>,
    grid: &State<GridCards>,
    templates: Metadata<'_>,
) -> Result<Template, AppError> {
    let layout = Layout::new(&session, shop);
    let lang = layout.lang;
    let order = SortOrder::from_query(sort);
    let kept = grid.cards(order, lang, session.persona(), shop, &templates)?;
    let cart = &session.data().cart;
    let cards: Vec<_> = kept.iter().map(|card| card.shown(cart)).collect();
    let sort_options: Vec<_> = SortOrder::ALL
        .iter()
        .map(|&o| SortOption {
            key: o.key(),
            label: shop.texts.get(lang, messages::sort_label(o)),
            selected: o == order,
        })
        .collect();
    Ok(Template::render(
        "shop/index",
        context! { layout, cards, sort_options, sort: order.key() },
    ))
}

/// `GET /products/<id>`: one product with its add-to-cart form.
#[get("/products/<id>")]
pub fn show_product(
    id: Result<ProductId, &str>,
    session: Session<'_>,
    shop: &State<Shop>,
) -> Result<Template, AppError> {
    let product = id
        .ok()
        .and_then(|id| shop.catalog.get(id))
        .ok_or(AppError::NotFound)?;
    Ok(product_page(&session, shop, product, None, "1"))
}

pub fn routes() -> Vec<Route> {
    routes![list_products, show_product]
}
