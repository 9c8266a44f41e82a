//! The cart page and the forms that change the cart.

use rocket::form::FromForm;
use rocket::response::Redirect;
use rocket::{get, post, routes, uri, Route, State};
use rocket_dyn_templates::Template;

use crate::cart::Quantity;
use crate::catalog::{Product, ProductId};
use crate::csrf::{CsrfForm, TokenOnly};
use crate::error::AppError;
use crate::routes::local_path::Next;
use crate::session::{Added, Notice, Session};
use crate::shop::Shop;
use crate::views::cart::{cart_page, LineRefusal};
use crate::views::messages::{self, QuantityForm};
use crate::views::shop::product_page;

/// `POST /cart/add`.
#[derive(Debug, FromForm)]
pub struct AddToCart {
    #[field(default = String::new())]
    pub product_id: String,
    /// Missing means 1.
    pub quantity: Option<String>,
    /// Where to go afterwards (a local path); the cart by default.
    pub next: Next,
    /// Which form sent it: `product` for the product page's.
    pub from: Option<String>,
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
    /// Where to go afterwards (a local path); the cart by default.
    pub next: Next,
}

fn find_product<'s>(shop: &'s Shop, id: &str) -> Result<&'s Product, AppError> {
    ProductId::parse(id)
        .and_then(|id| shop.catalog.get(id))
        .ok_or(AppError::NotFound)
}

/// `GET /cart`: the lines, their totals, and the forms to change them.
#[get("/cart")]
pub fn show_cart(session: Session<'_>, shop: &State<Shop>) -> Template {
    cart_page(&session, shop, None)
}

/// `POST /cart/add`: adds to the product's line, or starts one.
#[post("/cart/add", data = "<form>")]
pub fn add_to_cart(
    form: CsrfForm<AddToCart>,
    mut session: Session<'_>,
    shop: &State<Shop>,
) -> Result<Redirect, AppError> {
    let CsrfForm(form) = form;
    let product = find_product(shop, &form.product_id)?;
    let typed = form.quantity.as_deref().unwrap_or("1");
    let lang = session.lang();
    let name = product.name(lang);
    let refuse = |session: &Session<'_>, summary, message| {
        let refusal = Some((summary, message));
        AppError::invalid(product_page(session, shop, product, refusal, typed))
    };
    let quantity = Quantity::parse(typed).map_err(|error| {
        refuse(
            &session,
            messages::quantity_error(error, QuantityForm::Add, shop, lang),
            messages::quantity_error_of(error, QuantityForm::Add, name, shop, lang),
        )
    })?;
    let quantity = if form.from.as_deref() == Some("product") {
        session.persona().product_page_adds(quantity)
    } else {
        quantity
    };
    let added = match session.add_to_cart_from_form(product.id, quantity) {
        Ok(added) => added,
        Err(error) => {
            let message = messages::cart_error(error, name, shop, lang);
            return Err(refuse(&session, message.clone(), message));
        }
    };
    let product_id = product.id;
    session.notify(match added {
        Added::Added => Notice::Added {
            product_id,
            quantity,
        },
        Added::FailedOnPurpose => Notice::AddFailed { product_id },
    });
    Ok(form.next.redirect_or(uri!(show_cart)))
}

/// `POST /cart/update`: sets a line's quantity; 0 removes the line.
#[post("/cart/update", data = "<form>")]
pub fn update_cart(
    form: CsrfForm<UpdateCart>,
    mut session: Session<'_>,
    shop: &State<Shop>,
) -> Result<Redirect, AppError> {
    let CsrfForm(form) = form;
    let product = find_product(shop, &form.product_id)?;
    let lang = session.lang();
    let name = product.name(lang);
    let refuse = |session: &Session<'_>, summary, message| {
        let refusal = LineRefusal {
            product,
            summary,
            message,
            typed: &form.quantity,
        };
        AppError::invalid(cart_page(session, shop, Some(refusal)))
    };
    let quantity = Quantity::parse_or_zero(&form.quantity).map_err(|error| {
        refuse(
            &session,
            messages::quantity_error(error, QuantityForm::Update, shop, lang),
            messages::quantity_error_of(error, QuantityForm::Update, name, shop, lang),
        )
    })?;
    if let Err(error) = session.set_cart_line(product.id, quantity) {
        let message = messages::cart_error(error, name, shop, lang);
        return Err(refuse(&session, message.clone(), message));
    }
    session.notify(match quantity {
        Some(quantity) => Notice::QuantitySet {
            product_id: product.id,
            quantity,
        },
        None => Notice::Removed {
            product_id: product.id,
        },
    });
    Ok(Redirect::to(uri!(show_cart)))
}

/// `POST /cart/remove`: removes a line; a product not in the cart is fine.
/// The cart, a grid card and the product page send it.
#[post("/cart/remove", data = "<form>")]
pub fn remove_from_cart(
    form: CsrfForm<RemoveFromCart>,
    mut session: Session<'_>,
    shop: &State<Shop>,
) -> Result<Redirect, AppError> {
    let CsrfForm(form) = form;
    let product = find_product(shop, &form.product_id)?;
    let product_id = product.id;
    if session.persona().remove_fails() {
        session.notify(Notice::RemoveFailed { product_id });
    } else {
        session.remove_from_cart(product_id);
        session.notify(Notice::Removed { product_id });
    }
    Ok(form.next.redirect_or(uri!(show_cart)))
}

/// `POST /cart/clear`: empties the cart.
#[post("/cart/clear", data = "<_form>")]
pub fn clear_cart(_form: CsrfForm<TokenOnly>, mut session: Session<'_>) -> Redirect {
    session.clear_cart();
    session.notify(Notice::CartCleared);
    Redirect::to(uri!(show_cart))
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
