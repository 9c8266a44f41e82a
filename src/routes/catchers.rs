//! Catchers: every error status as a page in the layout, or as JSON under
//! `/api/`. They never show internals.

use rocket::http::{Method, Status};
use rocket::request::Request;
use rocket::{catch, catchers, Catcher};
use rocket_dyn_templates::Template;

use crate::fairings::WithSecurityHeaders;
use crate::session;
use crate::shop::Shop;
use crate::views::errors::ApiRefusal;
use crate::views::errors::{error_page_for, ApiErrorBody};

/// Any error as an HTML page in the layout.
#[catch(default)]
pub fn html_error(
    status: Status,
    req: &Request<'_>,
) -> WithSecurityHeaders<(Status, Option<Template>)> {
    WithSecurityHeaders((status, error_page_for(status, None, req)))
}

/// Any error under `/api/` as JSON ([`ApiErrorBody`]),
/// in the session's language. A method the address does not take answers
/// 405 with `Allow`.
#[catch(default)]
pub fn api_error(status: Status, req: &Request<'_>) -> WithSecurityHeaders<ApiRefusal> {
    let lang = session::language(req);
    let texts = req.rocket().state::<Shop>().map(|shop| &shop.texts);
    let allowed = allowed_methods(req);
    let wrong_method = status == Status::NotFound && !allowed.is_empty();
    let (status, message, allow) = if wrong_method {
        let allow = allowed.join(", ");
        let message =
            texts.map(|t| t.format(lang, "api_405", &[("allowed", allow.as_str().into())]));
        (Status::MethodNotAllowed, message, Some(allow))
    } else {
        (status, None, None)
    };
    let body = ApiErrorBody::new(status, message, None, lang, texts);
    let mut refusal = ApiRefusal::new(body, lang);
    refusal.allow = allow;
    WithSecurityHeaders(refusal)
}

/// The methods the routes for the request's path take, other than the
/// request's own (`HEAD` with `GET`), as `Allow` lists them; empty when no
/// route is for this path or the request's method is one of them.
fn allowed_methods(req: &Request<'_>) -> Vec<&'static str> {
    let path = req.uri().path();
    let segments: Vec<&str> = path.segments().collect();
    let mut methods: Vec<Method> = req
        .rocket()
        .routes()
        .filter(|route| route_matches(route.uri.path(), &segments))
        .map(|route| route.method)
        .collect();
    if methods.contains(&Method::Get) {
        methods.push(Method::Head);
    }
    if methods.contains(&req.method()) {
        return Vec::new();
    }
    let mut names: Vec<&'static str> = methods.iter().map(|m| m.as_str()).collect();
    names.sort_by_key(|name| METHOD_ORDER.iter().position(|m| m == name));
    names.dedup();
    names
}

/// The order `Allow` lists methods in.
const METHOD_ORDER: [&str; 6] = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"];

/// Whether a route's path (`/api/cart/lines/<id>`) is for these segments.
fn route_matches(route_path: &str, segments: &[&str]) -> bool {
    let pattern: Vec<&str> = route_path.split('/').filter(|s| !s.is_empty()).collect();
    if pattern.last().is_some_and(|last| last.ends_with("..>")) {
        return segments.len() + 1 >= pattern.len()
            && pattern[..pattern.len() - 1]
                .iter()
                .zip(segments)
                .all(|(p, s)| segment_matches(p, s));
    }
    pattern.len() == segments.len()
        && pattern
            .iter()
            .zip(segments)
            .all(|(p, s)| segment_matches(p, s))
}

fn segment_matches(pattern: &str, segment: &str) -> bool {
    (pattern.starts_with('<') && pattern.ends_with('>')) || pattern == segment
}

/// Catchers for the HTML site.
pub fn html() -> Vec<Catcher> {
    catchers![html_error]
}

/// Catchers for the JSON API.
pub fn api() -> Vec<Catcher> {
    catchers![api_error]
}
