//! The cart page and the forms that change the cart.

use rocket::form::FromForm;
use rocket::response::Redirect;
use rocket::{get, post, routes, uri, Route, State};
use rocket_dyn_templates::{context, Template};

use crate::auth::Persona;
use crate::cart::Quantity;
use crate::catalog::{Product, ProductId};
use crate::config::Shop;
use crate::csrf::{CsrfForm, TokenOnly};
use crate::error::AppError;
use crate::routes::local_path::Next;
use crate::routes::shop::product_page;
use crate::session::{Notice, Session};
use crate::views::forms::FieldProblem;
use crate::views::messages::{self, QuantityForm};
use crate::views::shop::Pictures;
use crate::views::{CartView, Layout};

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

/// A refused change to one cart line: the summary's text, the message next
/// to the line's quantity box, and the quantity as typed.
struct LineRefusal<'a> {
    product: &'a Product,
    summary: String,
    message: String,
    typed: &'a str,
}

fn cart_page(session: &Session<'_>, shop: &Shop, refusal: Option<LineRefusal<'_>>) -> Template {
    let layout = Layout::new(session, shop);
    let lang = layout.lang;
    let priced = session.data().cart.priced(&shop.catalog);
    let pictures = Pictures::for_account(shop.account_of(session.data()), &shop.catalog);
    let mut cart = CartView::new(&priced, shop, lang).showing(&pictures);
    let (error, problems) = match refusal {
        Some(refusal) => {
            let input = format!("quantity-{}", refusal.product.id.0);
            let label = shop.texts.format(
                lang,
                "line_quantity_label",
                &[("product", &refusal.product.name(lang))],
            );
            let typed: String = refusal.typed.chars().take(64).collect();
            let problem = FieldProblem::new(input, label, refusal.message, typed);
            if let Some(line) = cart
                .lines
                .iter_mut()
                .find(|line| line.product.id == refusal.product.id.0)
            {
                line.problem = Some(problem.clone());
            }
            (Some(refusal.summary), vec![problem])
        }
        None => (None, Vec::new()),
    };
    Template::render("cart/show", context! { layout, cart, error, problems })
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
    // NOTE: the `problem` persona's fault: the product page's form adds 1,
    // whatever (valid) quantity was typed.
    let problem = shop
        .account_of(session.data())
        .is_some_and(|account| account.is(Persona::Problem));
    let quantity = if problem && form.from.as_deref() == Some("product") {
        Quantity::MIN
    } else {
        quantity
    };
    if let Err(error) = session.add_to_cart(product.id, quantity) {
        let message = messages::cart_error(error, name, shop, lang);
        return Err(refuse(&session, message.clone(), message));
    }
    session.notify(Notice::Added {
        product_id: product.id,
        quantity,
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
#[post("/cart/remove", data = "<form>")]
pub fn remove_from_cart(
    form: CsrfForm<RemoveFromCart>,
    mut session: Session<'_>,
    shop: &State<Shop>,
) -> Result<Redirect, AppError> {
    let CsrfForm(form) = form;
    let product = find_product(shop, &form.product_id)?;
    let error_persona = shop
        .account_of(session.data())
        .is_some_and(|account| account.is(Persona::Error));
    if error_persona {
        session.notify(Notice::RemoveFailed);
        return Ok(Redirect::to(uri!(show_cart)));
    }
    session.remove_from_cart(product.id);
    session.notify(Notice::Removed {
        product_id: product.id,
    });
    Ok(Redirect::to(uri!(show_cart)))
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
