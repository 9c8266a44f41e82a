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
use crate::ledger::{Attempt, Ledger};
use crate::routes::auth::CurrentUser;
use crate::routes::cart::rocket_uri_macro_show_cart;
use crate::routes::Reply;
use crate::session::{Notice, OrderRef, Session};
use crate::shop::Shop;
use crate::store::{Placed, ShopDb};
use crate::views::forms::FieldProblem;
use crate::views::shop::{OrderHistoryView, OrderView, ShippingLabelView, TotalsView};
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
    db: &ShopDb,
    config: &State<AppConfig>,
) -> Result<Redirect, AppError> {
    let now = session.now();
    let data = session.data();
    let checkout = data.checkout.key;
    if let Some(order) = db.order_for_checkout(checkout).await? {
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
    let placed = db
        .place_order(&account, checkout, &order, config.orders_kept_per_account)
        .await;
    let placed = match placed {
        Ok(placed) => placed,
        Err(error) => {
            ledger.release_order(client.as_str(), &account, now).await?;
            return Err(error.into());
        }
    };
    let (order, again) = match placed {
        Placed::Now(order) => (order, false),
        Placed::Before(order) => {
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

/// Order `id` of the signed-in `user`, while it is kept (`None` for a
/// guest, another account's order, or text that is no id).
pub async fn account_order(
    id: &str,
    user: Option<&CurrentUser>,
    db: &ShopDb,
) -> Result<Option<Order>, AppError> {
    let (Ok(id), Some(user)) = (Uuid::parse_str(id), user) else {
        return Ok(None);
    };
    Ok(db.order_of(&user.username, id).await?)
}

/// `GET /orders/<id>`: one of the signed-in account's orders.
#[get("/orders/<id>")]
pub async fn show_order(
    id: &str,
    user: Option<CurrentUser>,
    session: Session<'_>,
    shop: &State<Shop>,
    db: &ShopDb,
) -> Result<Template, AppError> {
    let order = account_order(id, user.as_ref(), db)
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

/// How many orders a page of `/orders` (and `/api/orders`) lists.
pub const ORDERS_PER_PAGE: u32 = 20;

/// The page `?page=` asks for: 1 when absent; `None` for anything but a
/// whole number from 1 to 10,000.
pub fn page_number(text: Option<&str>) -> Option<u32> {
    match text {
        None => Some(1),
        Some(text) => text.parse().ok().filter(|page| (1..=10_000).contains(page)),
    }
}

/// `GET /orders?page=`: the signed-in account's orders, newest first.
#[get("/orders?<page>")]
pub async fn list_orders(
    page: Option<&str>,
    user: CurrentUser,
    session: Session<'_>,
    shop: &State<Shop>,
    db: &ShopDb,
) -> Result<Template, AppError> {
    let page = page_number(page).ok_or(AppError::NotFound)?;
    let found = db.orders_of(&user.username, page, ORDERS_PER_PAGE).await?;
    let layout = Layout::new(&session, shop);
    let history = OrderHistoryView::new(
        &found,
        page,
        ORDERS_PER_PAGE,
        shop.accounts.get(&user.username).is_some(),
        &shop.catalog,
        layout.lang,
    );
    Ok(Template::render(
        "orders/list",
        context! { layout, history },
    ))
}

/// `GET /orders` for a guest: to the login page, then back.
#[get("/orders?<page>", rank = 2)]
pub fn orders_need_login(page: Option<&str>) -> Redirect {
    let _ = page;
    let login = uri!(crate::routes::auth::show_login(next = None::<&str>));
    Redirect::to(format!(
        "{}?next={}",
        login.path(),
        uri!(list_orders(page = None::<&str>))
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
        show_order,
        list_orders,
        orders_need_login
    ]
}
