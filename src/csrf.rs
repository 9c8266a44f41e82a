//! Protection against cross-site request forgery: every form carries the
//! session's token in a hidden `csrf_token` field, and posts sent by other
//! sites are refused even when they carry it.

use rocket::data::{self, Data, FromData, Limits};
use rocket::form::{Form, FromForm};
use rocket::http::{RawStr, Status};
use rocket::request::Request;

use crate::error::AppError;
use crate::session;

/// The name of the hidden form field that carries the token.
pub const FIELD: &str = "csrf_token";

/// Whether the request says it came from another site: a
/// `Sec-Fetch-Site: cross-site` header, or an `Origin` that is not this host.
pub fn is_cross_site(req: &Request<'_>) -> bool {
    let headers = req.headers();
    if headers
        .get("Sec-Fetch-Site")
        .any(|v| v.trim().eq_ignore_ascii_case("cross-site"))
    {
        return true;
    }
    let Some(origin) = headers.get_one("Origin") else {
        return false;
    };
    let authority = origin
        .strip_prefix("https://")
        .or_else(|| origin.strip_prefix("http://"));
    let host = req
        .host()
        .map(ToString::to_string)
        .or_else(|| headers.get_one("Host").map(str::to_owned));
    match (authority, host) {
        (Some(authority), Some(host)) => !authority.eq_ignore_ascii_case(&host),
        // `Origin: null`, an odd scheme, or no Host to compare with.
        _ => true,
    }
}

/// A form with nothing but its token, for buttons such as "Log out".
#[derive(Debug, rocket::FromForm)]
pub struct TokenOnly {
    #[field(default = String::new())]
    pub csrf_token: String,
}

/// A posted form of type `T` whose `csrf_token` matched the session's token
/// and which no other site sent. Anything else never reaches the handler:
/// the request ends in the 403, 413 or 422 page and the session is unchanged.
#[derive(Debug)]
pub struct CsrfForm<T>(pub T);

#[rocket::async_trait]
impl<'r, T> FromData<'r> for CsrfForm<T>
where
    T: for<'a> FromForm<'a> + Send + 'static,
{
    type Error = AppError;

    async fn from_data(req: &'r Request<'_>, data: Data<'r>) -> data::Outcome<'r, Self> {
        use rocket::outcome::Outcome::{Error, Success};

        if is_cross_site(req) {
            return Error((Status::Forbidden, AppError::Forbidden));
        }
        let limit = req.limits().get("form").unwrap_or(Limits::FORM);
        let body = match data.open(limit).into_string().await {
            Ok(body) if body.is_complete() => body.into_inner(),
            Ok(_) => return Error((Status::PayloadTooLarge, AppError::TooLarge)),
            Err(_) => return Error((Status::UnprocessableEntity, AppError::Unreadable)),
        };
        let token = &session::current(req).csrf_token;
        let sent = Form::values(&body).find(|field| field.name.source() == FIELD);
        if !sent.is_some_and(|field| token.matches(&RawStr::new(field.value).url_decode_lossy())) {
            return Error((Status::Forbidden, AppError::Forbidden));
        }
        match Form::<T>::parse_encoded(RawStr::new(&body)) {
            Ok(form) => Success(CsrfForm(form)),
            Err(_) => Error((Status::UnprocessableEntity, AppError::Unreadable)),
        }
    }
}
