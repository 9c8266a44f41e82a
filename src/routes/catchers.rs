//! Catchers: every error status as a page in the layout, or as JSON under
//! `/api/`. They never show internals.

use rocket::http::Status;
use rocket::request::Request;
use rocket::serde::json::{json, Json, Value};
use rocket::{catch, catchers, Catcher};
use rocket_dyn_templates::Template;

use crate::fairings::WithSecurityHeaders;
use crate::lang::Lang;
use crate::shop::Shop;
use crate::views::errors::{describe, error_page_for};

/// Any error as an HTML page in the layout.
#[catch(default)]
pub fn html_error(
    status: Status,
    req: &Request<'_>,
) -> WithSecurityHeaders<(Status, Option<Template>)> {
    WithSecurityHeaders((status, error_page_for(status, None, req)))
}

/// Any error under `/api/` as JSON: `{"error": {"status", "title", "message"}}`,
/// in English like the rest of the API.
#[catch(default)]
pub fn api_error(status: Status, req: &Request<'_>) -> WithSecurityHeaders<(Status, Json<Value>)> {
    let (title_id, message_id) = describe(status);
    let shop = req.rocket().state::<Shop>();
    let text = |id: &str| {
        shop.map_or(id.to_owned(), |shop| {
            shop.texts.get(Lang::En, id).to_owned()
        })
    };
    let (title, message) = (text(title_id), text(message_id));
    WithSecurityHeaders((
        status,
        Json(json!({ "error": { "status": status.code, "title": title, "message": message } })),
    ))
}

/// Catchers for the HTML site.
pub fn html() -> Vec<Catcher> {
    catchers![html_error]
}

/// Catchers for the JSON API.
pub fn api() -> Vec<Catcher> {
    catchers![api_error]
}
