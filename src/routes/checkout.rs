//! Checkout and the order confirmation.

use rocket::form::FromForm;
use rocket::http::Status;
use rocket::response::Redirect;
use rocket::{get, post, routes, Route, State};
use rocket_dyn_templates::{context, Template};
use serde::Serialize;
use uuid::Uuid;

use crate::checkout::{place_order, FieldError, ShippingDetails, ShippingInput};
use crate::config::Shop;
use crate::csrf::{CsrfForm, TokenOnly};
use crate::error::AppError;
use crate::routes::auth::CurrentUser;
use crate::routes::page::{CartView, Layout, ProductView, Reply};
use crate::session::{Flash, Session};

/// The shipping form as posted (and shown again when something is wrong).
#[derive(Debug, Default, FromForm, Serialize)]
pub struct ShippingForm {
    #[field(default = String::new())]
    pub full_name: String,
    #[field(default = String::new())]
    pub email: String,
    #[field(default = String::new())]
    pub address: String,
    #[field(default = String::new())]
    pub city: String,
    #[field(default = String::new())]
    pub postal_code: String,
}

impl ShippingForm {
    fn input(&self) -> ShippingInput<'_> {
        ShippingInput {
            full_name: &self.full_name,
            email: &self.email,
            address: &self.address,
            city: &self.city,
            postal_code: &self.postal_code,
        }
    }
}

fn checkout_page(
    session: &mut Session<'_>,
    shop: &Shop,
    user: &CurrentUser,
    form: &ShippingForm,
    errors: &[FieldError],
) -> Template {
    let layout = Layout::for_page(session, shop);
    let lang = layout.lang;
    let priced = session.cart.priced(&shop.catalog);
    let cart = CartView::new(&priced, &shop.catalog, lang);
    let errors: Vec<_> = errors
        .iter()
        .map(|error| {
            let message = shop.texts.get(lang, &error.message_key()).to_owned();
            context! { field: error.field.name(), message }
        })
        .collect();
    let full_name = if form.full_name.is_empty() && errors.is_empty() {
        user.display_name.as_str()
    } else {
        form.full_name.as_str()
    };
    Template::render(
        "checkout/form",
        context! { layout, cart, form, full_name, errors },
    )
}

/// `GET /checkout` for a signed-in buyer: the summary and shipping form.
#[get("/checkout")]
pub fn show_checkout(user: CurrentUser, mut session: Session<'_>, shop: &State<Shop>) -> Reply {
    session.cart.drop_unknown(&shop.catalog);
    if session.cart.is_empty() {
        session.flash = Some(Flash::CartEmpty);
        session.save();
        return Reply::Redirect(Redirect::to("/cart"));
    }
    Reply::Page(checkout_page(
        &mut session,
        shop,
        &user,
        &<ShippingForm as Default>::default(),
        &[],
    ))
}

/// `GET /checkout` for a guest: sign in first, then come back.
#[get("/checkout", rank = 2)]
pub fn checkout_needs_login() -> Redirect {
    Redirect::to("/login?next=/checkout")
}

/// `POST /checkout`: places the order, empties the cart, and shows the
/// confirmation. Sent again after the order is placed, it places nothing.
#[post("/checkout", data = "<form>")]
pub fn submit_checkout(
    user: CurrentUser,
    form: CsrfForm<ShippingForm>,
    mut session: Session<'_>,
    shop: &State<Shop>,
) -> Reply {
    let CsrfForm(form) = form;
    session.cart.drop_unknown(&shop.catalog);
    if session.cart.is_empty() {
        let redirect = match &session.last_order {
            Some(order) => {
                let to = format!("/orders/{}", order.id);
                session.flash = Some(Flash::OrderAlreadyPlaced);
                to
            }
            None => {
                session.flash = Some(Flash::CartEmpty);
                "/cart".to_owned()
            }
        };
        session.save();
        return Reply::Redirect(Redirect::to(redirect));
    }
    let details = match ShippingDetails::parse(&form.input()) {
        Ok(details) => details,
        Err(errors) => {
            let page = checkout_page(&mut session, shop, &user, &form, &errors);
            return Reply::Refused((Status::UnprocessableEntity, page));
        }
    };
    let Some(order) = place_order(&session.cart, &shop.catalog, &details, session.now()) else {
        session.save();
        return Reply::Redirect(Redirect::to("/cart"));
    };
    let to = format!("/orders/{}", order.id);
    session.last_order = Some(order);
    session.cart.clear();
    session.save();
    Reply::Redirect(Redirect::to(to))
}

/// `POST /checkout` for a guest: sign in first (the token is still checked).
#[post("/checkout", rank = 2, data = "<_form>")]
pub fn submit_checkout_needs_login(_form: CsrfForm<TokenOnly>) -> Redirect {
    Redirect::to("/login?next=/checkout")
}

/// One line of the confirmation.
#[derive(Debug, Serialize)]
struct OrderLineView<'a> {
    product: Option<ProductView<'a>>,
    product_id: u32,
    quantity: u8,
    unit_price: String,
    line_total: String,
}

/// `GET /orders/<id>`: the confirmation of this session's last order.
#[get("/orders/<id>")]
pub fn show_order(
    id: &str,
    mut session: Session<'_>,
    shop: &State<Shop>,
) -> Result<Template, AppError> {
    let id = Uuid::parse_str(id).map_err(|_| AppError::NotFound)?;
    let order = session
        .last_order
        .clone()
        .filter(|order| order.id == id)
        .ok_or(AppError::NotFound)?;
    let layout = Layout::for_page(&mut session, shop);
    let lang = layout.lang;
    let currency = shop.catalog.currency();
    let lines: Vec<OrderLineView<'_>> = order
        .lines
        .iter()
        .map(|line| OrderLineView {
            product: shop
                .catalog
                .get(line.product_id)
                .map(|p| ProductView::new(p, &shop.catalog, lang)),
            product_id: line.product_id.0,
            quantity: line.quantity.get(),
            unit_price: currency.format(line.unit_price, lang),
            line_total: currency.format(line.unit_price * u64::from(line.quantity.get()), lang),
        })
        .collect();
    let item_count: u32 = order
        .lines
        .iter()
        .map(|l| u32::from(l.quantity.get()))
        .sum();
    Ok(Template::render(
        "orders/show",
        context! {
            layout,
            order_id: order.id.to_string(),
            ship_to: &order.ship_to,
            lines,
            item_count,
            total: currency.format(order.total, lang),
        },
    ))
}

pub fn routes() -> Vec<Route> {
    routes![
        show_checkout,
        checkout_needs_login,
        submit_checkout,
        submit_checkout_needs_login,
        show_order
    ]
}
