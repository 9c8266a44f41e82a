//! Protection against cross-site request forgery: every form carries the
//! session's token in a hidden `csrf_token` field, masked afresh in each
//! response ([`crate::session::CsrfToken::masked`]), and posts sent by other
//! sites are refused even when they carry it. A post passes with the token
//! of any page of its session; the JSON API takes no token (its writes are
//! JSON only, and refused when another site sends them).

use rocket::data::{self, Data, FromData, Limits};
use rocket::form::{Form, FromForm, ValueField};
use rocket::http::{RawStr, Status};
use rocket::request::Request;

use crate::error::AppError;
use crate::session;

/// The name of the hidden form field that carries the token.
pub const FIELD: &str = "csrf_token";

/// A site's origin: scheme, host and port, compared the way browsers
/// compare them (case-insensitive host, default ports filled in).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteOrigin {
    https: bool,
    host: String,
    port: u16,
}

impl SiteOrigin {
    /// The origin of `url` (`scheme://host[:port]`, any path after it
    /// ignored); `None` unless the scheme is `http` or `https` and the host
    /// and port read.
    pub fn parse(url: &str) -> Option<SiteOrigin> {
        let (scheme, rest) = url.split_once("://")?;
        let https = match scheme.to_ascii_lowercase().as_str() {
            "https" => true,
            "http" => false,
            _ => return None,
        };
        let authority = rest.split(['/', '?', '#']).next()?;
        SiteOrigin::at(https, authority)
    }

    /// The origin with this scheme and `authority` (`host[:port]`).
    fn at(https: bool, authority: &str) -> Option<SiteOrigin> {
        if authority.contains('@') {
            return None;
        }
        let default_port = if https { 443 } else { 80 };
        let (host, port) = match authority.rfind(':') {
            Some(colon) if !authority[colon..].contains(']') => {
                let port = authority[colon + 1..].parse().ok()?;
                (&authority[..colon], port)
            }
            _ => (authority, default_port),
        };
        if host.is_empty() {
            return None;
        }
        Some(SiteOrigin {
            https,
            host: host.to_ascii_lowercase(),
            port,
        })
    }
}

/// The site's public origin behind a proxy (`public_origin`), managed at
/// launch; `None`: this server's own scheme and the request's `Host`.
#[derive(Debug, Clone)]
pub struct PublicOrigin(pub Option<SiteOrigin>);

/// The origin a form of this site is posted from.
fn own_origin(req: &Request<'_>) -> Option<SiteOrigin> {
    if let Some(PublicOrigin(Some(origin))) = req.rocket().state::<PublicOrigin>() {
        return Some(origin.clone());
    }
    let https = req.rocket().config().tls_enabled();
    let host = req
        .host()
        .map(ToString::to_string)
        .or_else(|| req.headers().get_one("Host").map(str::to_owned))?;
    SiteOrigin::at(https, &host)
}

/// Whether the request says it came from another site: a
/// `Sec-Fetch-Site: cross-site` header, or an `Origin` (else a `Referer`)
/// whose scheme, host or port is not this site's.
pub fn is_cross_site(req: &Request<'_>) -> bool {
    let headers = req.headers();
    if headers
        .get("Sec-Fetch-Site")
        .any(|v| v.trim().eq_ignore_ascii_case("cross-site"))
    {
        return true;
    }
    let Some(sent) = headers
        .get_one("Origin")
        .or_else(|| headers.get_one("Referer"))
    else {
        return false;
    };
    match (SiteOrigin::parse(sent), own_origin(req)) {
        (Some(sent), Some(own)) => sent != own,
        // `Origin: null`, an odd scheme, or no Host to compare with.
        _ => true,
    }
}

/// Whether the body is sent the way forms are: URL-encoded or multipart.
fn is_form_body(req: &Request<'_>) -> bool {
    req.content_type()
        .is_some_and(|kind| kind.is_form() || kind.is_form_data())
}

/// A form with nothing but its token, for buttons such as "Log out".
#[derive(Debug, rocket::FromForm)]
pub struct TokenOnly {
    #[field(default = String::new())]
    pub csrf_token: String,
}

/// A posted form of type `T` whose `csrf_token` matched the session's token
/// and which no other site sent. Anything else never reaches the handler:
/// the request ends in the 403, 413, 415 or 422 page and the session is
/// unchanged.
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
        if !is_form_body(req) {
            return Error((Status::UnsupportedMediaType, AppError::UnsupportedMediaType));
        }
        let limit = req.limits().get("form").unwrap_or(Limits::FORM);
        let boundary = req
            .content_type()
            .filter(|kind| kind.is_form_data())
            .and_then(|kind| kind.param("boundary"));
        if let Some(boundary) = boundary {
            return match multipart_fields(data, boundary, limit).await {
                Ok(fields) => parse_fields::<T>(req, &fields),
                Err(refusal) => Error((refusal.status(), refusal)),
            };
        }
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

/// The fields of a `multipart/form-data` body, as text; 413 past `limit`,
/// 422 when it does not read.
async fn multipart_fields(
    data: Data<'_>,
    boundary: &str,
    limit: rocket::data::ByteUnit,
) -> Result<Vec<(String, String)>, AppError> {
    let constraints = multer::Constraints::new()
        .size_limit(multer::SizeLimit::new().whole_stream(limit.as_u64()));
    // NOTE: one byte more than the limit is read, so multer sees it passed.
    let stream = data.open(limit + rocket::data::ByteUnit::Byte(1));
    let mut multipart =
        multer::Multipart::with_reader_with_constraints(stream, boundary, constraints);
    let mut fields = Vec::new();
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => return Ok(fields),
            Err(multer::Error::StreamSizeExceeded { .. }) => return Err(AppError::TooLarge),
            Err(_) => return Err(AppError::Unreadable),
        };
        let name = field.name().unwrap_or_default().to_owned();
        match field.text().await {
            Ok(value) => fields.push((name, value)),
            Err(multer::Error::StreamSizeExceeded { .. }) => return Err(AppError::TooLarge),
            Err(_) => return Err(AppError::Unreadable),
        }
    }
}

/// A form of type `T` from decoded `fields`, once its token matched.
fn parse_fields<'r, T>(
    req: &Request<'_>,
    fields: &[(String, String)],
) -> data::Outcome<'r, CsrfForm<T>>
where
    T: for<'a> FromForm<'a> + Send + 'static,
{
    use rocket::outcome::Outcome::{Error, Success};

    let token = &session::current(req).csrf_token;
    let sent = fields.iter().find(|(name, _)| name == FIELD);
    if !sent.is_some_and(|(_, value)| token.matches(value)) {
        return Error((Status::Forbidden, AppError::Forbidden));
    }
    let values = fields
        .iter()
        .map(|(name, value)| ValueField::from((name.as_str(), value.as_str())));
    match Form::<T>::parse_iter(values) {
        Ok(form) => Success(CsrfForm(form)),
        Err(_) => Error((Status::UnprocessableEntity, AppError::Unreadable)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_match_on_scheme_host_and_port() {
        let site = SiteOrigin::parse("http://shop.example:8000").unwrap();
        assert_eq!(
            SiteOrigin::parse("HTTP://Shop.Example:8000/cart?x=1"),
            Some(site.clone())
        );
        assert_ne!(
            SiteOrigin::parse("https://shop.example:8000"),
            Some(site.clone())
        );
        assert_ne!(
            SiteOrigin::parse("http://shop.example:8001"),
            Some(site.clone())
        );
        assert_ne!(SiteOrigin::parse("http://shop.example"), Some(site));
        assert_eq!(
            SiteOrigin::parse("https://shop.example/"),
            SiteOrigin::parse("https://shop.example:443")
        );
        assert_eq!(
            SiteOrigin::parse("http://[::1]:8000").map(|origin| origin.port),
            Some(8000)
        );
        for odd in [
            "null",
            "ftp://shop.example",
            "http://",
            "http://a@b",
            "http://x:port",
        ] {
            assert_eq!(SiteOrigin::parse(odd), None, "{odd}");
        }
    }
}
