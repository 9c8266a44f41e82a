//! Catchers: every error status as a page in the layout, or as JSON under
//! `/api/`. They never show internals.

use rocket::http::Status;
use rocket::request::Request;
use rocket::serde::json::{json, Json, Value};
use rocket::{catch, catchers, Catcher};
use rocket_dyn_templates::{context, Template};

use crate::config::Shop;
use crate::error::describe;
use crate::fairings::WithSecurityHeaders;
use crate::i18n::Lang;
use crate::session;
use crate::views::Layout;

/// The error page for `status`, in the layout, with the status's own
/// explanation or the message `message_id`. It never changes the session.
pub fn error_page(status: Status, message_id: Option<&str>, req: &Request<'_>) -> Template {
    let (title_id, default_message) = describe(status);
    let lang = session::language(req);
    let shop = req.rocket().state::<Shop>();
    let layout = shop
        .map(|shop| Layout::for_data(session::current(req), shop, lang))
        .unwrap_or_default();
    let text = |id: &str| shop.map_or(id.to_owned(), |shop| shop.texts.get(lang, id).to_owned());
    let title = text(title_id);
    let message = text(message_id.unwrap_or(default_message));
    Template::render(
        "errors/error",
        context! { layout, status: status.code, title, message },
    )
}

/// Any error as an HTML page in the layout.
#[catch(default)]
pub fn html_error(status: Status, req: &Request<'_>) -> WithSecurityHeaders<(Status, Template)> {
    WithSecurityHeaders((status, error_page(status, None, req)))
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
