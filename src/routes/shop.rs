//! The storefront: the product grid and each product's page.

use rocket::http::Status;
use rocket::{get, routes, Route, State};
use rocket_dyn_templates::{context, Template};

use crate::catalog::{Product, ProductId, SortOrder};
use crate::config::Shop;
use crate::error::AppError;
use crate::routes::page::{Layout, ProductView, Reply};
use crate::session::Session;

/// `GET /?sort=`: every product, in the chosen order.
#[get("/?<sort>")]
pub fn list_products(sort: Option<&str>, mut session: Session<'_>, shop: &State<Shop>) -> Template {
    let layout = Layout::for_page(&mut session, shop);
    let lang = session.lang();
    let order = SortOrder::from_query(sort);
    let products: Vec<ProductView<'_>> = shop
        .catalog
        .sorted(order)
        .into_iter()
        .map(|p| ProductView::new(p, &shop.catalog, lang))
        .collect();
    let sort_options: Vec<_> = SortOrder::ALL
        .iter()
        .map(|o| {
            let label = shop.texts.get(lang, o.label_key());
            context! { key: o.key(), label, selected: *o == order }
        })
        .collect();
    Template::render(
        "shop/index",
        context! { layout, products, sort_options, sort: order.key() },
    )
}

/// `GET /products/<id>`: one product with its add-to-cart form.
#[get("/products/<id>")]
pub fn show_product(
    id: &str,
    mut session: Session<'_>,
    shop: &State<Shop>,
) -> Result<Template, AppError> {
    let product = ProductId::parse(id)
        .and_then(|id| shop.catalog.get(id))
        .ok_or(AppError::NotFound)?;
    let layout = Layout::for_page(&mut session, shop);
    let in_cart = session.cart.quantity_of(product.id).map_or(0, |q| q.get());
    Ok(product_page(layout, product, shop, in_cart, None, "1"))
}

/// The product page, with an optional error about the quantity typed.
pub fn product_page(
    layout: Layout,
    product: &Product,
    shop: &Shop,
    in_cart: u8,
    error: Option<String>,
    quantity: &str,
) -> Template {
    let product = ProductView::new(product, &shop.catalog, layout.lang);
    Template::render(
        "shop/product",
        context! {
            layout,
            product,
            in_cart,
            error,
            quantity,
        },
    )
}

/// The product page again with `error`, as a 422.
pub fn refuse_on_product_page(
    session: &mut Session<'_>,
    shop: &Shop,
    product: &Product,
    error: String,
    quantity: &str,
) -> Reply {
    let layout = Layout::for_page(session, shop);
    let in_cart = session.cart.quantity_of(product.id).map_or(0, |q| q.get());
    Reply::Refused((
        Status::UnprocessableEntity,
        product_page(layout, product, shop, in_cart, Some(error), quantity),
    ))
}

pub fn routes() -> Vec<Route> {
    routes![list_products, show_product]
}
