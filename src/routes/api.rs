//! The JSON API: the catalog, the session's cart read and changed on the
//! same cookie session as the pages, and the session's last order.
//!
//! Names and messages follow the session's language (its choice, else
//! `Accept-Language`). Writes take JSON bodies only and refuse requests that
//! say another site sent them, so no form of another site can reach them.
//! They change the cart through the session's intent methods, and a refused
//! write leaves the session as it was. `/api/openapi.json` describes every
//! route here, generated from these handlers and types.

use rocket::data::{self, Data, FromData, Limits};
use rocket::http::{ContentType, Header, Status};
use rocket::request::{self, FromRequest, Request};
use rocket::response::{self, Responder};
use rocket::serde::json::Json;
use rocket::{delete, get, patch, post, routes, Route, State};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use utoipa::{IntoResponses, OpenApi, ToSchema};

use crate::cart::{CartError, PricedCart, Quantity};
use crate::catalog::{Product, ProductId};
use crate::checkout::Order;
use crate::csrf;
use crate::error::AppError;
use crate::lang::Lang;
use crate::routes::auth::CurrentUser;
use crate::routes::checkout;
use crate::session::{self, Session};
use crate::shop::Shop;
use crate::store::ShopDb;
use crate::views::errors::ApiErrorBody;
use crate::views::messages::{self, QuantityForm};
use crate::views::shop::image_url;

/// A product in `GET /api/products`.
///
/// `id` and `product_id` are the same number, and so are `price_cents` here
/// and in the cart's lines: every response names a product's id
/// `product_id` and its unit price `price_cents`; `id` stays for clients
/// written before.
#[derive(Debug, Serialize, ToSchema)]
#[serde(deny_unknown_fields)] // NOTE: for the document: no other fields.
pub struct ApiProduct<'a> {
    /// The product's id (the same as `product_id`).
    #[schema(minimum = 1)]
    pub id: u32,
    /// The product's id.
    #[schema(minimum = 1)]
    pub product_id: u32,
    /// The product's name, in the session's language.
    pub name: &'a str,
    /// The product's description, in the session's language.
    pub description: &'a str,
    /// The price of one, in cents of `currency`.
    pub price_cents: u64,
    /// The currency of every amount (ISO 4217).
    pub currency: &'a str,
    /// The path of the product's picture (its real one, for every account).
    pub image: String,
}

/// A line of the cart.
#[derive(Debug, Serialize, ToSchema)]
#[serde(deny_unknown_fields)] // NOTE: for the document: no other fields.
pub struct ApiCartLine<'a> {
    /// The product's id.
    #[schema(minimum = 1)]
    pub product_id: u32,
    /// The product's name, in the session's language.
    pub name: &'a str,
    /// The price of one, in cents (the same as `price_cents`).
    pub unit_price_cents: u64,
    /// The price of one, in cents.
    pub price_cents: u64,
    /// How many: 1 to 99.
    #[schema(minimum = 1, maximum = 99)]
    pub quantity: u8,
    /// `price_cents` times `quantity`.
    pub line_total_cents: u64,
}

/// The session's cart, as `GET /api/cart` and every write answer it.
#[derive(Debug, Serialize, ToSchema)]
#[serde(deny_unknown_fields)] // NOTE: for the document: no other fields.
pub struct ApiCart<'a> {
    /// The lines, in the order they were first added (at most 50).
    #[schema(max_items = 50)]
    pub lines: Vec<ApiCartLine<'a>>,
    /// The quantities added up.
    pub item_count: u32,
    /// The line totals added up, in cents.
    pub total_cents: u64,
    /// The currency of every amount (ISO 4217).
    pub currency: &'a str,
}

impl<'a> ApiCart<'a> {
    fn new(cart: &PricedCart<'a>, shop: &'a Shop, lang: Lang) -> ApiCart<'a> {
        ApiCart {
            lines: cart
                .lines
                .iter()
                .map(|line| ApiCartLine {
                    product_id: line.product.id.0,
                    name: line.product.name(lang),
                    unit_price_cents: line.product.price_cents.get(),
                    price_cents: line.product.price_cents.get(),
                    quantity: line.quantity.get(),
                    line_total_cents: line.line_total.get(),
                })
                .collect(),
            item_count: cart.item_count,
            total_cents: cart.total.get(),
            currency: shop.catalog.currency().code(),
        }
    }
}

/// A line of a placed order, priced when the order was placed.
#[derive(Debug, Serialize, ToSchema)]
#[serde(deny_unknown_fields)] // NOTE: for the document: no other fields.
pub struct ApiOrderLine<'a> {
    /// The product's id.
    #[schema(minimum = 1)]
    pub product_id: u32,
    /// The product's name, in the session's language (`null` for a product
    /// no longer sold).
    pub name: Option<&'a str>,
    /// The price of one when the order was placed, in cents.
    pub price_cents: u64,
    /// How many: 1 to 99.
    #[schema(minimum = 1, maximum = 99)]
    pub quantity: u8,
    /// `price_cents` times `quantity`.
    pub line_total_cents: u64,
}

/// Where an order ships to, as the checkout form took it.
#[derive(Debug, Serialize, ToSchema)]
#[serde(deny_unknown_fields)] // NOTE: for the document: no other fields.
pub struct ApiShipTo {
    pub full_name: String,
    pub email: String,
    pub address: String,
    pub city: String,
    pub postal_code: String,
}

/// The session's last order, as `GET /api/orders/{id}` answers it.
#[derive(Debug, Serialize, ToSchema)]
#[serde(deny_unknown_fields)] // NOTE: for the document: no other fields.
pub struct ApiOrder<'a> {
    /// The order's id, a UUID: the one in `/orders/{id}`.
    pub id: String,
    /// The short reference shoppers read, `SS-` and two groups of four
    /// letters and digits: the one the order page shows.
    #[schema(pattern = "^SS-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$")]
    pub number: String,
    /// When it was placed, in milliseconds since 1970 (UTC).
    pub placed_at_ms: i64,
    /// When its shipping label is ready, in milliseconds since 1970 (UTC).
    pub label_ready_at_ms: i64,
    pub lines: Vec<ApiOrderLine<'a>>,
    /// The quantities added up.
    pub item_count: u32,
    /// The line totals added up, in cents.
    pub subtotal_cents: u64,
    /// What shipping cost, in cents.
    pub shipping_cents: u64,
    /// `subtotal_cents` plus `shipping_cents`.
    pub total_cents: u64,
    /// The currency of every amount (ISO 4217).
    pub currency: &'a str,
    pub ship_to: ApiShipTo,
    /// Where the order is: `placed`, `shipped`, `delivered` or `cancelled`.
    #[schema(pattern = "^(placed|shipped|delivered|cancelled)$")]
    pub status: &'static str,
}

/// An order in `GET /api/orders`.
#[derive(Debug, Serialize, ToSchema)]
#[serde(deny_unknown_fields)] // NOTE: for the document: no other fields.
pub struct ApiOrderSummary {
    /// The order's id, as in `/api/orders/{id}`.
    pub id: String,
    /// The short reference shoppers read.
    pub number: String,
    /// When it was placed, in milliseconds since 1970 (UTC).
    pub placed_at_ms: i64,
    /// The quantities added up.
    pub item_count: u32,
    /// What it cost with shipping, in cents.
    pub total_cents: u64,
    /// Where the order is: `placed`, `shipped`, `delivered` or `cancelled`.
    #[schema(pattern = "^(placed|shipped|delivered|cancelled)$")]
    pub status: &'static str,
}

/// A page of the signed-in account's orders, newest first.
#[derive(Debug, Serialize, ToSchema)]
#[serde(deny_unknown_fields)] // NOTE: for the document: no other fields.
pub struct ApiOrderList {
    pub orders: Vec<ApiOrderSummary>,
    /// This page's number, from 1.
    #[schema(minimum = 1)]
    pub page: u32,
    /// How many orders a page holds at most.
    pub per_page: u32,
    /// How many orders the account has in all.
    pub total: u64,
}

impl<'a> ApiOrder<'a> {
    fn new(order: Order, shop: &'a Shop, lang: Lang) -> ApiOrder<'a> {
        let lines: Vec<ApiOrderLine<'a>> = order
            .lines
            .iter()
            .map(|line| ApiOrderLine {
                product_id: line.product_id.0,
                name: shop.catalog.get(line.product_id).map(|p| p.name(lang)),
                price_cents: line.unit_price.get(),
                quantity: line.quantity.get(),
                line_total_cents: (line.unit_price * u64::from(line.quantity.get())).get(),
            })
            .collect();
        let (id, number, label_ready_at_ms) = (order.id, order.number(), order.label_ready_at());
        let ship_to = order.ship_to;
        ApiOrder {
            status: order.status.key(),
            id: id.to_string(),
            number,
            placed_at_ms: order.placed_at_ms,
            label_ready_at_ms,
            item_count: lines.iter().map(|line| u32::from(line.quantity)).sum(),
            lines,
            subtotal_cents: order.subtotal.get(),
            shipping_cents: order.shipping.get(),
            total_cents: (order.subtotal + order.shipping).get(),
            currency: shop.catalog.currency().code(),
            ship_to: ApiShipTo {
                full_name: ship_to.full_name,
                email: ship_to.email,
                address: ship_to.address,
                city: ship_to.city,
                postal_code: ship_to.postal_code,
            },
        }
    }
}

/// The body of `POST /api/cart/lines`.
// NOTE: the handler reads the body field by field, to word each refusal;
// these types say what it takes, for the document (no other fields).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
pub struct NewLine {
    /// The product to add.
    #[schema(minimum = 1)]
    product_id: u32,
    /// How many to add: 1 to 99 (1 when absent); the line may not pass 99.
    #[schema(minimum = 1, maximum = 99, default = 1, nullable = false)]
    quantity: Option<u8>,
}

/// The body of `PATCH /api/cart/lines/{product_id}`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
pub struct LineQuantity {
    /// The line's new quantity: 0 to 99; 0 removes the line.
    #[schema(minimum = 0, maximum = 99)]
    quantity: u8,
}

/// How a write with a JSON body may be refused, for the document.
#[derive(IntoResponses)]
#[allow(dead_code)]
pub enum WriteRefusals {
    /// Sent by another site.
    #[response(status = 403)]
    OtherSite(ApiErrorBody),
    /// No such product; for `PATCH`, also no line of it in the cart.
    #[response(status = 404)]
    NoSuchProduct(ApiErrorBody),
    /// The body is over the `json` limit.
    #[response(status = 413)]
    TooLarge(ApiErrorBody),
    /// The body was not sent as `application/json`.
    #[response(status = 415)]
    NotJson(ApiErrorBody),
    /// The body, a field, or a limit of the cart (99 a line, 50 lines)
    /// refused it; the message says which.
    #[response(status = 422)]
    Refused(ApiErrorBody),
}

/// The language the API answers in: the session's choice, else the
/// browser's `Accept-Language`, else English. Reading it never creates,
/// seals or refreshes a session.
pub struct Answering(pub Lang);

#[rocket::async_trait]
impl<'r> FromRequest<'r> for Answering {
    type Error = std::convert::Infallible;

    async fn from_request(req: &'r Request<'_>) -> request::Outcome<Self, Self::Error> {
        request::Outcome::Success(Answering(session::language_apart(req)))
    }
}

/// JSON in the session's language, saying so in `Content-Language`.
pub struct ApiJson<T>(pub T, pub Lang);

impl<'r, T: Serialize> Responder<'r, 'static> for ApiJson<T> {
    fn respond_to(self, req: &'r Request<'_>) -> response::Result<'static> {
        let mut res = Json(self.0).respond_to(req)?;
        res.set_header(Header::new("Content-Language", self.1.code()));
        Ok(res)
    }
}

/// Proof that a write did not come from another site: no `Origin` of
/// another site, no `Sec-Fetch-Site: cross-site` (else 403).
pub struct FromThisSite;

#[rocket::async_trait]
impl<'r> FromRequest<'r> for FromThisSite {
    type Error = ();

    async fn from_request(req: &'r Request<'_>) -> request::Outcome<Self, ()> {
        if csrf::is_cross_site(req) {
            request::Outcome::Error((Status::Forbidden, ()))
        } else {
            request::Outcome::Success(FromThisSite)
        }
    }
}

/// A body that is a JSON object, sent as `application/json` (else 415),
/// within the `json` limit (else 413). Anything else is 422.
pub struct JsonObject(Map<String, Value>);

#[rocket::async_trait]
impl<'r> FromData<'r> for JsonObject {
    type Error = ();

    async fn from_data(req: &'r Request<'_>, data: Data<'r>) -> data::Outcome<'r, Self> {
        use rocket::outcome::Outcome::{Error, Success};

        if req.content_type().is_none_or(|ct| !ct.is_json()) {
            return Error((Status::UnsupportedMediaType, ()));
        }
        let limit = req.limits().get("json").unwrap_or(Limits::JSON);
        let body = match data.open(limit).into_bytes().await {
            Ok(body) if body.is_complete() => body.into_inner(),
            Ok(_) => return Error((Status::PayloadTooLarge, ())),
            Err(_) => return Error((Status::UnprocessableEntity, ())),
        };
        match serde_json::from_slice(&body) {
            Ok(Value::Object(object)) => Success(JsonObject(object)),
            _ => Error((Status::UnprocessableEntity, ())),
        }
    }
}

impl JsonObject {
    /// Refuses a field not in `known`, naming it and those taken.
    fn only(&self, known: &[&'static str], lang: Lang, shop: &Shop) -> Result<(), AppError> {
        match self.0.keys().find(|key| !known.contains(&key.as_str())) {
            Some(field) => {
                // NOTE: the field as sent, cut short: a message about one
                // field names it, whatever it is.
                let named: String = field.chars().take(64).collect();
                let fields = known.join(", ");
                let args = [
                    ("field", named.as_str().into()),
                    ("fields", fields.as_str().into()),
                ];
                Err(unprocessable(
                    shop.texts.format(lang, "api_unknown_field", &args),
                    Some(&named),
                ))
            }
            None => Ok(()),
        }
    }

    /// The field `name` as a whole number, or `None` when it is absent;
    /// anything but a whole number is refused with `refusal`.
    fn whole_number(
        &self,
        name: &'static str,
        refusal: impl FnOnce() -> String,
    ) -> Result<Option<u64>, AppError> {
        match self.0.get(name) {
            None => Ok(None),
            Some(value) => match value.as_u64() {
                Some(n) => Ok(Some(n)),
                None => Err(unprocessable(refusal(), Some(name))),
            },
        }
    }
}

fn unprocessable(message: String, field: Option<&str>) -> AppError {
    AppError::Refused {
        status: Status::UnprocessableEntity,
        message,
        field: field.map(str::to_owned),
    }
}

/// The product with the id sent (in the path or the body), or 404.
fn find_product<'s>(shop: &'s Shop, sent: &str, lang: Lang) -> Result<&'s Product, AppError> {
    ProductId::parse(sent)
        .and_then(|id| shop.catalog.get(id))
        .ok_or_else(|| {
            let shown: String = sent.chars().take(32).collect();
            AppError::Refused {
                status: Status::NotFound,
                message: shop.texts.format(
                    lang,
                    "api_unknown_product",
                    &[("id", shown.as_str().into())],
                ),
                field: None,
            }
        })
}

/// A quantity from a JSON body, as the forms read it: `zero_removes` for
/// setting a line (0–99), else adding (1–99, 1 when absent).
fn read_quantity(
    body: &JsonObject,
    form: QuantityForm,
    shop: &Shop,
    lang: Lang,
) -> Result<Option<Quantity>, AppError> {
    let refusal = || {
        let error = crate::cart::QuantityError::NotAWholeNumber;
        messages::quantity_error(error, form, shop, lang)
    };
    let typed = body.whole_number("quantity", refusal)?;
    let typed = match (typed, form) {
        (Some(n), _) => n,
        (None, QuantityForm::Add) => 1,
        (None, QuantityForm::Update) => return Err(unprocessable(refusal(), Some("quantity"))),
    };
    match (typed, form) {
        (0, QuantityForm::Update) => Ok(None),
        (n, _) => u32::try_from(n)
            .ok()
            .and_then(Quantity::new)
            .map(Some)
            .ok_or_else(|| unprocessable(refusal(), Some("quantity"))),
    }
}

/// A change the cart refused (99 a line, 50 lines), with the forms' message.
fn refused_by_cart<'a>(
    product: &'a Product,
    shop: &'a Shop,
    lang: Lang,
) -> impl FnOnce(CartError) -> AppError + 'a {
    move |error| {
        let message = messages::cart_error(error, product.name(lang), shop, lang);
        unprocessable(message, Some("quantity"))
    }
}

/// The whole cart after a write, priced in the session's language.
fn cart_of<'s>(session: &Session<'_>, shop: &'s Shop) -> ApiJson<ApiCart<'s>> {
    let lang = session.lang();
    // NOTE: priced from the session as the handler left it.
    let priced = session.data().cart.priced(&shop.catalog);
    ApiJson(ApiCart::new(&priced, shop, lang), lang)
}

/// Every product, in the catalog's order.
#[utoipa::path(
    tag = "catalog",
    responses((status = 200, description = "Every product, in the catalog's order", body = [ApiProduct])),
)]
#[get("/api/products")]
pub fn list_products(lang: Answering, shop: &State<Shop>) -> ApiJson<Vec<ApiProduct<'_>>> {
    let Answering(lang) = lang;
    let currency = shop.catalog.currency().code();
    let products = shop
        .catalog
        .products()
        .iter()
        .map(|p| ApiProduct {
            id: p.id.0,
            product_id: p.id.0,
            name: p.name(lang),
            description: p.description(lang),
            price_cents: p.price_cents.get(),
            currency,
            image: image_url(p),
        })
        .collect();
    ApiJson(products, lang)
}

/// The session's cart, priced from the catalog; reading it changes nothing.
#[utoipa::path(
    tag = "cart",
    responses((status = 200, description = "The session's cart", body = ApiCart)),
)]
#[get("/api/cart")]
pub fn show_cart<'s>(session: Session<'_>, shop: &'s State<Shop>) -> ApiJson<ApiCart<'s>> {
    cart_of(&session, shop)
}

/// Adds to a product's line, or starts one, like the add-to-cart forms.
#[utoipa::path(
    tag = "cart",
    request_body = NewLine,
    responses(
        (status = 200, description = "The cart after the add", body = ApiCart),
        WriteRefusals,
    ),
)]
#[post("/api/cart/lines", data = "<body>")]
pub fn add_line<'s>(
    _site: FromThisSite,
    mut session: Session<'_>,
    shop: &'s State<Shop>,
    body: JsonObject,
) -> Result<ApiJson<ApiCart<'s>>, AppError> {
    let lang = session.lang();
    body.only(&["product_id", "quantity"], lang, shop)?;
    let refusal = || shop.texts.get(lang, "api_product_id");
    let id = body
        .whole_number("product_id", refusal)?
        .ok_or_else(|| unprocessable(refusal(), Some("product_id")))?;
    let product = find_product(shop, &id.to_string(), lang)?;
    let quantity = read_quantity(&body, QuantityForm::Add, shop, lang)?.unwrap_or(Quantity::MIN);
    session
        .add_to_cart(product.id, quantity)
        .map_err(refused_by_cart(product, shop, lang))?;
    Ok(cart_of(&session, shop))
}

/// Sets the quantity of a line in the cart (0 removes it), like the cart
/// page's form; a product with no line in the cart is 404 (add it with
/// `POST /api/cart/lines`).
#[utoipa::path(
    tag = "cart",
    params(("product_id" = u32, Path, description = "The product whose line to set", minimum = 1)),
    request_body = LineQuantity,
    responses(
        (status = 200, description = "The cart after the change", body = ApiCart),
        WriteRefusals,
    ),
)]
#[patch("/api/cart/lines/<product_id>", data = "<body>")]
pub fn set_line<'s>(
    product_id: &str,
    _site: FromThisSite,
    mut session: Session<'_>,
    shop: &'s State<Shop>,
    body: JsonObject,
) -> Result<ApiJson<ApiCart<'s>>, AppError> {
    let lang = session.lang();
    let product = find_product(shop, product_id, lang)?;
    body.only(&["quantity"], lang, shop)?;
    let quantity = read_quantity(&body, QuantityForm::Update, shop, lang)?;
    if session.data().cart.quantity_of(product.id).is_none() {
        return Err(AppError::Refused {
            status: Status::NotFound,
            message: shop.texts.format(
                lang,
                "api_line_not_in_cart",
                &[("id", product.id.0.into())],
            ),
            field: None,
        });
    }
    session
        .set_cart_line(product.id, quantity)
        .map_err(refused_by_cart(product, shop, lang))?;
    Ok(cart_of(&session, shop))
}

/// Removes a line; a product not in the cart is fine.
#[utoipa::path(
    tag = "cart",
    params(("product_id" = u32, Path, description = "The product whose line to remove", minimum = 1)),
    responses(
        (status = 200, description = "The cart without the line", body = ApiCart),
        (status = 403, description = "Sent by another site", body = ApiErrorBody),
        (status = 404, description = "No such product", body = ApiErrorBody),
    ),
)]
#[delete("/api/cart/lines/<product_id>")]
pub fn remove_line<'s>(
    product_id: &str,
    _site: FromThisSite,
    mut session: Session<'_>,
    shop: &'s State<Shop>,
) -> Result<ApiJson<ApiCart<'s>>, AppError> {
    let lang = session.lang();
    let product = find_product(shop, product_id, lang)?;
    session.remove_from_cart(product.id);
    Ok(cart_of(&session, shop))
}

/// The session's last order, by its id: what its confirmation page shows,
/// with its short number. Any other id is 404.
#[utoipa::path(
    tag = "orders",
    params(("page" = Option<u32>, Query, description = "The page, from 1; 20 orders a page")),
    responses(
        (status = 200, description = "The signed-in account's orders, newest first", body = ApiOrderList),
        (status = 401, description = "No account is signed in", body = ApiErrorBody),
        (status = 503, description = "The server cannot read its orders for a moment", body = ApiErrorBody),
    ),
)]
#[get("/api/orders?<page>")]
pub async fn list_orders(
    page: Option<&str>,
    user: Option<CurrentUser>,
    session: Session<'_>,
    shop: &State<Shop>,
    db: &ShopDb,
) -> Result<ApiJson<ApiOrderList>, AppError> {
    let lang = session.lang();
    let Some(user) = user else {
        return Err(AppError::Refused {
            status: Status::Unauthorized,
            message: shop.texts.get(lang, "api_orders_sign_in"),
            field: None,
        });
    };
    let page = checkout::page_number(page).ok_or(AppError::NotFound)?;
    let found = db
        .orders_of(&user.username, page, checkout::ORDERS_PER_PAGE)
        .await?;
    let orders = found
        .orders
        .into_iter()
        .map(|order| ApiOrderSummary {
            id: order.id.to_string(),
            number: crate::checkout::order_number(&order.id),
            placed_at_ms: order.placed_at_ms,
            item_count: order.items,
            total_cents: order.total.get(),
            status: order.status.key(),
        })
        .collect();
    Ok(ApiJson(
        ApiOrderList {
            orders,
            page,
            per_page: checkout::ORDERS_PER_PAGE,
            total: found.total,
        },
        lang,
    ))
}

#[utoipa::path(
    tag = "orders",
    params(("id" = String, Path, description = "The order's id, as in /orders/{id}")),
    responses(
        (status = 200, description = "The order", body = ApiOrder),
        (status = 404, description = "No order of the signed-in account by this id", body = ApiErrorBody),
        (status = 503, description = "The server cannot read its orders for a moment", body = ApiErrorBody),
    ),
)]
#[get("/api/orders/<id>")]
pub async fn show_order<'s>(
    id: &str,
    user: Option<CurrentUser>,
    session: Session<'_>,
    shop: &'s State<Shop>,
    db: &ShopDb,
) -> Result<ApiJson<ApiOrder<'s>>, AppError> {
    let lang = session.lang();
    match checkout::account_order(id, user.as_ref(), db).await? {
        Some(order) => Ok(ApiJson(ApiOrder::new(order, shop, lang), lang)),
        None => {
            let shown: String = id.chars().take(40).collect();
            Err(AppError::Refused {
                status: Status::NotFound,
                message: shop.texts.format(
                    lang,
                    "api_unknown_order",
                    &[("id", shown.as_str().into())],
                ),
                field: None,
            })
        }
    }
}

/// This document: the OpenAPI description of every route of the API.
#[utoipa::path(
    tag = "api",
    responses((status = 200, description = "The OpenAPI document", content_type = "application/json")),
)]
#[get("/api/openapi.json")]
pub fn openapi_document(document: &State<ApiDocument>) -> (ContentType, &str) {
    (ContentType::JSON, &document.0)
}

/// The OpenAPI description of the API, generated from the handlers above.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "Session Shop API",
        description = "The catalog, and the cart of the session in the `session` cookie. \
            Names and messages follow the session's language (its choice, else Accept-Language). \
            Writes take application/json bodies and refuse requests another site sent."
    ),
    paths(
        list_products,
        show_cart,
        add_line,
        set_line,
        remove_line,
        list_orders,
        show_order,
        openapi_document
    ),
    components(schemas(ApiErrorBody))
)]
pub struct ApiDoc;

/// The OpenAPI document as served, written once at launch.
pub struct ApiDocument(pub String);

impl ApiDocument {
    pub fn new() -> ApiDocument {
        ApiDocument(ApiDoc::openapi().to_pretty_json().unwrap_or_default())
    }
}

impl Default for ApiDocument {
    fn default() -> Self {
        ApiDocument::new()
    }
}

pub fn routes() -> Vec<Route> {
    routes![
        list_products,
        show_cart,
        add_line,
        set_line,
        remove_line,
        list_orders,
        show_order,
        openapi_document
    ]
}
