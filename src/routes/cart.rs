//! The cart page and the forms that change the cart.

use rocket::form::FromForm;
use rocket::http::Status;
use rocket::response::Redirect;
use rocket::{get, post, routes, Route, State};
use rocket_dyn_templates::{context, Template};

use crate::cart::{CartError, Quantity, MAX_LINES};
use crate::catalog::{Product, ProductId};
use crate::config::Shop;
use crate::csrf::{CsrfForm, TokenOnly};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::routes::page::{redirect_to, CartView, Layout, Reply};
use crate::routes::shop::refuse_on_product_page;
use crate::session::{Flash, Session};

/// `POST /cart/add`.
#[derive(Debug, FromForm)]
pub struct AddToCart {
    #[field(default = String::new())]
    pub product_id: String,
    /// Missing means 1.
    pub quantity: Option<String>,
    /// Where to go afterwards (a local path); the cart by default.
    pub next: Option<String>,
}

/// `POST /cart/update`.
#[derive(Debug, FromForm)]
pub struct UpdateCart {
    #[field(default = String::new())]
    pub product_id: String,
    #[field(default = String::new())]
    pub quantity: String,
}

/// `POST /cart/remove`.
#[derive(Debug, FromForm)]
pub struct RemoveFromCart {
    #[field(default = String::new())]
    pub product_id: String,
}

fn find_product<'s>(shop: &'s Shop, id: &str) -> Result<&'s Product, AppError> {
    ProductId::parse(id)
        .and_then(|id| shop.catalog.get(id))
        .ok_or(AppError::NotFound)
}

fn cart_error_message(error: CartError, product: &Product, shop: &Shop, lang: Lang) -> String {
    match error {
        CartError::LineFull { in_cart } => shop.texts.format(
            lang,
            "error_line_full",
            &[("in_cart", &in_cart), ("product", &product.name(lang))],
        ),
        CartError::TooManyLines => {
            shop.texts
                .format(lang, "error_too_many_lines", &[("max", &MAX_LINES)])
        }
    }
}

/// `GET /cart`: the lines, their totals, and the forms to change them.
#[get("/cart")]
pub fn show_cart(mut session: Session<'_>, shop: &State<Shop>) -> Template {
    cart_page(&mut session, shop, None)
}

fn cart_page(session: &mut Session<'_>, shop: &Shop, error: Option<String>) -> Template {
    let layout = Layout::for_page(session, shop);
    let priced = session.cart.priced(&shop.catalog);
    let cart = CartView::new(&priced, &shop.catalog, session.lang());
    Template::render("cart/show", context! { layout, cart, error })
}

fn refuse_on_cart_page(session: &mut Session<'_>, shop: &Shop, error: String) -> Reply {
    Reply::Refused((
        Status::UnprocessableEntity,
        cart_page(session, shop, Some(error)),
    ))
}

/// `POST /cart/add`: adds to the product's line, or starts one.
#[post("/cart/add", data = "<form>")]
pub fn add_to_cart(
    form: CsrfForm<AddToCart>,
    mut session: Session<'_>,
    shop: &State<Shop>,
) -> Result<Reply, AppError> {
    let CsrfForm(form) = form;
    let product = find_product(shop, &form.product_id)?;
    let typed = form.quantity.as_deref().unwrap_or("1");
    let lang = session.lang();
    let Ok(quantity) = Quantity::parse(typed) else {
        let error = shop.texts.get(lang, "error_add_quantity").to_owned();
        return Ok(refuse_on_product_page(
            &mut session,
            shop,
            product,
            error,
            typed,
        ));
    };
    match session.cart.add(product.id, quantity) {
        Ok(_) => {
            session.flash = Some(Flash::Added {
                product_id: product.id,
                quantity,
            });
            session.save();
            Ok(Reply::Redirect(redirect_to(form.next.as_deref(), "/cart")))
        }
        Err(error) => {
            let error = cart_error_message(error, product, shop, lang);
            Ok(refuse_on_product_page(
                &mut session,
                shop,
                product,
                error,
                typed,
            ))
        }
    }
}

/// `POST /cart/update`: sets a line's quantity; 0 removes the line.
#[post("/cart/update", data = "<form>")]
pub fn update_cart(
    form: CsrfForm<UpdateCart>,
    mut session: Session<'_>,
    shop: &State<Shop>,
) -> Result<Reply, AppError> {
    let CsrfForm(form) = form;
    let product = find_product(shop, &form.product_id)?;
    let lang = session.lang();
    let Ok(quantity) = Quantity::parse_or_zero(&form.quantity) else {
        let error = shop.texts.get(lang, "error_update_quantity").to_owned();
        return Ok(refuse_on_cart_page(&mut session, shop, error));
    };
    if let Err(error) = session.cart.set(product.id, quantity) {
        let error = cart_error_message(error, product, shop, lang);
        return Ok(refuse_on_cart_page(&mut session, shop, error));
    }
    session.flash = Some(match quantity {
        Some(quantity) => Flash::QuantitySet {
            product_id: product.id,
            quantity,
        },
        None => Flash::Removed {
            product_id: product.id,
        },
    });
    session.save();
    Ok(Reply::Redirect(Redirect::to("/cart")))
}

/// `POST /cart/remove`: removes a line; a product not in the cart is fine.
#[post("/cart/remove", data = "<form>")]
pub fn remove_from_cart(
    form: CsrfForm<RemoveFromCart>,
    mut session: Session<'_>,
    shop: &State<Shop>,
) -> Result<Redirect, AppError> {
    let CsrfForm(form) = form;
    let product = find_product(shop, &form.product_id)?;
    session.cart.remove(product.id);
    session.flash = Some(Flash::Removed {
        product_id: product.id,
    });
    session.save();
    Ok(Redirect::to("/cart"))
}

/// `POST /cart/clear`: empties the cart.
#[post("/cart/clear", data = "<_form>")]
pub fn clear_cart(_form: CsrfForm<TokenOnly>, mut session: Session<'_>) -> Redirect {
    session.cart.clear();
    session.flash = Some(Flash::CartCleared);
    session.save();
    Redirect::to("/cart")
}

pub fn routes() -> Vec<Route> {
    routes![
        show_cart,
        add_to_cart,
        update_cart,
        remove_from_cart,
        clear_cart
    ]
}
