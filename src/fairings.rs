//! Security and caching headers on every response, Rocket's early errors included.

use rocket::fairing::{Fairing, Info, Kind};
use rocket::http::Header;
use rocket::response::{self, Responder};
use rocket::{Data, Request, Response};

/// Only the site's own scripts, styles, pictures and forms; no framing.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; img-src 'self'; \
    style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; \
    form-action 'self'; frame-ancestors 'none'";

/// Adds the Content-Security-Policy to every response, and marks every
/// response but static files as private to the session: `no-store` and
/// `Vary: Cookie`. Static files asked for by their versioned URL
/// ([`crate::assets`]) are cached for a year.
pub struct SecurityHeaders;

/// Whether the fairings saw the request. Rocket answers a request it cannot
/// read (a method it does not know, such as `PROPFIND`) with a catcher alone.
struct SeenByFairings(bool);

#[rocket::async_trait]
impl Fairing for SecurityHeaders {
    fn info(&self) -> Info {
        Info {
            name: "Security and caching headers",
            kind: Kind::Request | Kind::Response,
        }
    }

    async fn on_request(&self, req: &mut Request<'_>, _: &mut Data<'_>) {
        req.local_cache(|| SeenByFairings(true));
    }

    async fn on_response<'r>(&self, req: &'r Request<'_>, res: &mut Response<'r>) {
        res.set_header(Header::new(
            "Content-Security-Policy",
            CONTENT_SECURITY_POLICY,
        ));
        let path = req.uri().path().as_str();
        let static_file = path.strip_prefix("/static/");
        if let Some(file) = static_file.filter(|_| res.status().class().is_success()) {
            // NOTE: only the URL of the file's current version is immutable;
            // a bare or stale URL is kept for an hour.
            let query = req.uri().query().map(|q| q.as_str());
            let cache = if crate::assets::is_current(file, query) {
                "public, max-age=31536000, immutable"
            } else {
                "public, max-age=3600"
            };
            res.set_header(Header::new("Cache-Control", cache));
        } else {
            res.set_header(Header::new("Cache-Control", "no-store"));
            res.set_header(Header::new("Vary", "Cookie"));
        }
    }
}

/// A catcher's answer. When Rocket answers without the fairings, it gets
/// here the headers they (and Rocket's `Shield`) would have added.
pub struct WithSecurityHeaders<R>(pub R);

impl<'r, R: Responder<'r, 'static>> Responder<'r, 'static> for WithSecurityHeaders<R> {
    fn respond_to(self, req: &'r Request<'_>) -> response::Result<'static> {
        let mut res = self.0.respond_to(req)?;
        if !req.local_cache(|| SeenByFairings(false)).0 {
            for (name, value) in [
                ("Content-Security-Policy", CONTENT_SECURITY_POLICY),
                ("X-Content-Type-Options", "nosniff"),
                ("X-Frame-Options", "DENY"),
                ("Referrer-Policy", "strict-origin-when-cross-origin"),
                ("Cache-Control", "no-store"),
                ("Vary", "Cookie"),
            ] {
                res.set_header(Header::new(name, value));
            }
        }
        Ok(res)
    }
}
