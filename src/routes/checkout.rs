//! Checkout in two steps (the shipping details, then the review and the
//! Place order button) and the order confirmation.

use rocket::form::FromForm;
use rocket::response::Redirect;
use rocket::{get, post, routes, uri, Route, State};
use rocket_dyn_templates::{context, Template};
use serde::Serialize;
use uuid::Uuid;

use crate::checkout::{place_order, FieldError, Order, ShippingDetails, ShippingInput};
use crate::config::AppConfig;
use crate::csrf::{CsrfForm, TokenOnly};
use crate::error::AppError;
use crate::ledger::{Attempt, Claim, Ledger};
use crate::routes::auth::CurrentUser;
use crate::routes::cart::rocket_uri_macro_show_cart;
use crate::routes::Reply;
use crate::session::{Notice, OrderRef, Session};
use crate::shop::Shop;
use crate::views::forms::FieldProblem;
use crate::views::shop::{OrderView, ShippingLabelView, TotalsView};
use crate::views::{messages, CartView, Layout};

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

    /// The form filled with details already given.
    fn from_details(details: &ShippingDetails) -> ShippingForm {
        ShippingForm {
            full_name: details.full_name.clone(),
            email: details.email.clone(),
            address: details.address.clone(),
            city: details.city.clone(),
            postal_code: details.postal_code.clone(),
        }
    }
}

fn details_page(
    session: &Session<'_>,
    shop: &Shop,
    form: &ShippingForm,
    errors: &[FieldError],
) -> Template {
    let layout = Layout::new(session, shop);
    let lang = layout.lang;
    let priced = session.data().cart.priced(&shop.catalog);
    let cart = CartView::new(&priced, shop, lang, session.persona());
    let totals = TotalsView::new(priced.total, &shop.catalog, lang);
    // NOTE: each field's input id, form name and label message id are the same.
    let problems: Vec<_> = errors
        .iter()
        .map(|&error| {
            let field = error.field.name();
            let message = shop.texts.get(lang, messages::field_error_id(error));
            FieldProblem::new(field, shop.texts.get(lang, field), message, "")
        })
        .collect();
    Template::render(
        "checkout/form",
        context! { layout, cart, totals, form, problems },
    )
}

/// Where a buyer without a cart goes: the cart page, told why.
fn cart_is_empty(session: &mut Session<'_>) -> Redirect {
    session.notify(Notice::CartEmpty);
    Redirect::to(uri!(show_cart))
}

/// Sign in first, then come back to checkout.
fn sign_in_first() -> Redirect {
    let login = uri!(crate::routes::auth::show_login(next = None::<&str>));
    Redirect::to(format!("{}?next={}", login.path(), uri!(show_checkout)))
}

/// `GET /checkout` for a signed-in buyer: step 1, the summary and the
/// shipping form, filled with the details already given.
#[get("/checkout")]
pub fn show_checkout(_user: CurrentUser, mut session: Session<'_>, shop: &State<Shop>) -> Reply {
    if session.data().cart.is_empty() {
        return Reply::Redirect(cart_is_empty(&mut session));
    }
    let checkout = &session.data().checkout;
    let form = checkout
        .shipping
        .as_ref()
        .map(ShippingForm::from_details)
        .unwrap_or_default();
    Reply::Page(details_page(&session, shop, &form, &[]))
}

/// `GET /checkout` for a guest: sign in first, then come back.
#[get("/checkout", rank = 2)]
pub fn checkout_needs_login() -> Redirect {
    sign_in_first()
}

/// `POST /checkout`: checks the shipping details and keeps them in the
/// session, then 303 to the review; with errors, the form again (422).
#[post("/checkout", data = "<form>")]
pub fn save_details(
    _user: CurrentUser,
    form: CsrfForm<ShippingForm>,
    mut session: Session<'_>,
    shop: &State<Shop>,
) -> Result<Redirect, AppError> {
    let CsrfForm(form) = form;
    if session.data().cart.is_empty() {
        return Ok(cart_is_empty(&mut session));
    }
    let details = ShippingDetails::parse(&form.input())
        .map_err(|errors| AppError::invalid(details_page(&session, shop, &form, &errors)))?;
    session.save_shipping(details);
    session.notify(Notice::DetailsSaved);
    Ok(Redirect::to(uri!(review_order)))
}

/// `POST /checkout` for a guest: sign in first (the token is still checked).
#[post("/checkout", rank = 2, data = "<_form>")]
pub fn save_details_needs_login(_form: CsrfForm<TokenOnly>) -> Redirect {
    sign_in_first()
}

/// `GET /checkout/review`: step 2, the lines, subtotal, shipping, total and
/// ship-to, with the Place order form.
#[get("/checkout/review")]
pub fn review_order(_user: CurrentUser, mut session: Session<'_>, shop: &State<Shop>) -> Reply {
    if session.data().cart.is_empty() {
        return Reply::Redirect(cart_is_empty(&mut session));
    }
    let Some(ship_to) = &session.data().checkout.shipping else {
        return Reply::Redirect(Redirect::to(uri!(show_checkout)));
    };
    Reply::Page(review_page(&session, shop, ship_to, None))
}

/// The review page, with `error` above it when placing the order was refused.
fn review_page(
    session: &Session<'_>,
    shop: &Shop,
    ship_to: &ShippingDetails,
    error: Option<String>,
) -> Template {
    let layout = Layout::new(session, shop);
    let lang = layout.lang;
    let priced = session.data().cart.priced(&shop.catalog);
    let cart = CartView::new(&priced, shop, lang, session.persona());
    let totals = TotalsView::new(priced.total, &shop.catalog, lang);
    Template::render(
        "checkout/review",
        context! { layout, cart, totals, ship_to, error },
    )
}

/// The hour in which an account's orders from one address are counted.
const ORDER_WINDOW: u32 = 3600;

/// 429: this account placed its hour's orders from this address; the
/// review again, saying when the next is allowed.
fn too_many_orders(
    session: &Session<'_>,
    shop: &Shop,
    ship_to: &ShippingDetails,
    retry_after: u32,
    limit: u32,
) -> AppError {
    let lang = Layout::new(session, shop).lang;
    let minutes = retry_after.div_ceil(60).max(1);
    let error = shop.texts.format(
        lang,
        "orders_throttled",
        &[("minutes", minutes.into()), ("limit", limit.into())],
    );
    AppError::TooManyAttempts {
        retry_after: u64::from(retry_after.max(1)),
        page: Box::new(review_page(session, shop, ship_to, Some(error))),
    }
}

/// `GET /checkout/review` for a guest.
#[get("/checkout/review", rank = 2)]
pub fn review_needs_login() -> Redirect {
    sign_in_first()
}

/// `POST /checkout/place`: places the order, once per checkout however
/// often, however fast and from however many copies of the cookie the form
/// is sent; every other attempt goes to that same order.
#[post("/checkout/place", data = "<_form>")]
pub async fn place(
    user: CurrentUser,
    _form: CsrfForm<TokenOnly>,
    mut session: Session<'_>,
    shop: &State<Shop>,
    ledger: &State<Ledger>,
    config: &State<AppConfig>,
) -> Result<Redirect, AppError> {
    let now = session.now();
    let data = session.data();
    let checkout = data.checkout.key;
    let keep_until = session.absolute_end();
    if let Some(order) = ledger.order(checkout, now).await? {
        return Ok(go_to_order(&mut session, order.id, checkout, true));
    }
    if data.cart.is_empty() {
        return Ok(match data.last_order {
            // The form sent again from a page shown before the order.
            Some(last) => go_to_order(&mut session, last.id, last.checkout, true),
            None => cart_is_empty(&mut session),
        });
    }
    let Some(details) = &data.checkout.shipping else {
        return Ok(Redirect::to(uri!(show_checkout)));
    };
    if session
        .persona()
        .place_order_fails(data.checkout.failed_once)
    {
        session.note_failed_order();
        session.notify(Notice::OrderFailed);
        return Ok(Redirect::to(uri!(review_order)));
    }
    let Some(order) = place_order(&data.cart, &shop.catalog, details, session.now_ms()) else {
        return Ok(cart_is_empty(&mut session));
    };
    let client = session.client();
    let account = user.username.clone();
    let budget = ledger
        .reserve_order(
            client.as_str(),
            &account,
            config.orders_per_hour,
            ORDER_WINDOW,
            now,
        )
        .await?;
    if let Attempt::Refused { retry_after } = budget {
        return Err(too_many_orders(
            &session,
            shop,
            details,
            retry_after,
            config.orders_per_hour,
        ));
    }
    let (order, again) = match ledger
        .claim_order(checkout, &order, keep_until, now, client.as_str())
        .await?
    {
        Claim::Placed(order) => (order, false),
        Claim::AlreadyPlaced(order) => {
            ledger.release_order(client.as_str(), &account, now).await?;
            (order, true)
        }
    };
    Ok(go_to_order(&mut session, order.id, checkout, again))
}

/// Records the checkout's order in the session and goes to its page.
fn go_to_order(session: &mut Session<'_>, id: Uuid, checkout: Uuid, again: bool) -> Redirect {
    session.record_order(OrderRef { id, checkout });
    if again {
        session.notify(Notice::OrderAlreadyPlaced);
    }
    Redirect::to(uri!(show_order(id.to_string())))
}

/// `POST /checkout/place` for a guest.
#[post("/checkout/place", rank = 2, data = "<_form>")]
pub fn place_needs_login(_form: CsrfForm<TokenOnly>) -> Redirect {
    sign_in_first()
}

/// This session's last order, as the ledger keeps it, when its id is `id`
/// (`None` for any other id, or text that is no id).
pub async fn last_order(
    id: &str,
    session: &Session<'_>,
    ledger: &Ledger,
) -> Result<Option<Order>, AppError> {
    let Ok(id) = Uuid::parse_str(id) else {
        return Ok(None);
    };
    let Some(last) = session.data().last_order.filter(|order| order.id == id) else {
        return Ok(None);
    };
    let order = ledger.order(last.checkout, session.now()).await?;
    Ok(order.filter(|order| order.id == id))
}

/// `GET /orders/<id>`: the confirmation of this session's last order.
#[get("/orders/<id>")]
pub async fn show_order(
    id: &str,
    session: Session<'_>,
    shop: &State<Shop>,
    ledger: &State<Ledger>,
) -> Result<Template, AppError> {
    let order = last_order(id, &session, ledger)
        .await?
        .ok_or(AppError::NotFound)?;
    let layout = Layout::new(&session, shop);
    let label = ShippingLabelView::new(&order, session.now_ms());
    let order = OrderView::new(&order, &shop.catalog, layout.lang);
    Ok(Template::render(
        "orders/show",
        context! { layout, order, label },
    ))
}

pub fn routes() -> Vec<Route> {
    routes![
        show_checkout,
        checkout_needs_login,
        save_details,
        save_details_needs_login,
        review_order,
        review_needs_login,
        place,
        place_needs_login,
        show_order
    ]
}
