//! Catchers: every error status as a page in the layout, or as JSON under
//! `/api/`. They never show internals.

use rocket::http::Status;
use rocket::request::Request;
use rocket::serde::json::{json, Json, Value};
use rocket::{catch, catchers, Catcher};
use rocket_dyn_templates::{context, Template};

use crate::config::Shop;
use crate::error::describe;
use crate::i18n::Lang;
use crate::routes::page::Layout;
use crate::session;

/// Any error as an HTML page in the layout.
#[catch(default)]
pub fn error_page(status: Status, req: &Request<'_>) -> (Status, Template) {
    let (title_key, message_key) = describe(status);
    let lang = session::language(req);
    let shop = req.rocket().state::<Shop>();
    let layout = shop
        .map(|shop| Layout::for_data(session::current(req), shop, lang))
        .unwrap_or_default();
    let text = |key: &str| shop.map_or(key.to_owned(), |shop| shop.texts.get(lang, key));
    let (title, message) = (text(title_key), text(message_key));
    (
        status,
        Template::render(
            "errors/error",
            context! { layout, status: status.code, title, message },
        ),
    )
}

/// Any error under `/api/` as JSON: `{"error": {"status", "title", "message"}}`,
/// in English like the rest of the API.
#[catch(default)]
pub fn api_error(status: Status, req: &Request<'_>) -> (Status, Json<Value>) {
    let (title_key, message_key) = describe(status);
    let shop = req.rocket().state::<Shop>();
    let text = |key: &str| shop.map_or(key.to_owned(), |shop| shop.texts.get(Lang::En, key));
    let (title, message) = (text(title_key), text(message_key));
    (
        status,
        Json(json!({ "error": { "status": status.code, "title": title, "message": message } })),
    )
}

/// Catchers for the HTML site.
pub fn html() -> Vec<Catcher> {
    catchers![error_page]
}

/// Catchers for the JSON API.
pub fn api() -> Vec<Catcher> {
    catchers![api_error]
}
