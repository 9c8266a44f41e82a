//! Security and caching headers on every response, Rocket's early errors
//! included; the delays of the personas whose fault is slowness.

use rocket::fairing::{Fairing, Info, Kind};
use rocket::http::Header;
use rocket::response::{self, Responder};
use rocket::{Request, Response};
use std::time::Duration;

use crate::clock::Clock;
use crate::personas::RequestKind;
use crate::session;
use crate::shop::Shop;

/// Only the site's own scripts, styles, pictures and forms; no framing.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; img-src 'self'; \
    style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; \
    form-action 'self'; frame-ancestors 'none'";

/// The security headers every response carries: only the site's own
/// resources, no sniffing, no framing, and a referrer kept to this site.
const SECURITY_HEADERS: [(&str, &str); 4] = [
    ("Content-Security-Policy", CONTENT_SECURITY_POLICY),
    ("X-Content-Type-Options", "nosniff"),
    ("X-Frame-Options", "DENY"),
    ("Referrer-Policy", "strict-origin-when-cross-origin"),
];

/// Sets the security headers, and marks the response private to the
/// session (`no-store`, `Vary: Cookie`).
fn secure_and_private(res: &mut Response<'_>) {
    for (name, value) in SECURITY_HEADERS {
        res.set_header(Header::new(name, value));
    }
    res.set_header(Header::new("Cache-Control", "no-store"));
    res.set_header(Header::new("Vary", "Cookie"));
}

/// Adds the security headers to every response, and marks every response
/// but static files as private to the session: `no-store` and `Vary: Cookie`.
/// (It stands in for Rocket's `Shield`, so that error pages can carry the
/// same headers without Shield warning that they are already there.)
pub struct SecurityHeaders;

#[rocket::async_trait]
impl Fairing for SecurityHeaders {
    fn info(&self) -> Info {
        Info {
            name: "Security and caching headers",
            kind: Kind::Response,
        }
    }

    async fn on_response<'r>(&self, req: &'r Request<'_>, res: &mut Response<'r>) {
        let path = req.uri().path().as_str();
        let static_file = path.strip_prefix("/static/");
        match static_file.filter(|_| res.status().class().is_success()) {
            Some(file) => {
                for (name, value) in SECURITY_HEADERS {
                    res.set_header(Header::new(name, value));
                }
                // NOTE: only the URL of the file's current version is
                // immutable; a bare or stale URL is kept for an hour.
                let query = req.uri().query().map(|q| q.as_str());
                let shop = req.rocket().state::<Shop>();
                let cache = if shop.is_some_and(|shop| shop.assets.is_current(file, query)) {
                    "public, max-age=31536000, immutable"
                } else {
                    "public, max-age=3600"
                };
                res.set_header(Header::new("Cache-Control", cache));
            }
            None => secure_and_private(res),
        }
    }
}

/// Holds back the answer to a persona whose fault is a delay (`slow`,
/// `glitch`), as long as [`Persona::delay`] says, on the app's clock (a
/// manual clock in tests moves forward instead of sleeping), on every answer
/// that read the session. The persona is
/// the session's as it arrived or as the handler left it, whichever waits
/// longer, so the request that signs such an account in waits too.
pub struct PersonaDelays;

#[rocket::async_trait]
impl Fairing for PersonaDelays {
    fn info(&self) -> Info {
        Info {
            name: "Persona delays",
            kind: Kind::Response,
        }
    }

    async fn on_response<'r>(&self, req: &'r Request<'_>, _res: &mut Response<'r>) {
        if req.uri().path().starts_with("/static/") {
            return; // RequestKind::StaticFile: never delayed
        }
        // NOTE: an answer that did not read the session is not the visitor's
        // own (the health check, the catalog's JSON): it is never delayed.
        let Some(opened) = session::opened_if_read(req) else {
            return;
        };
        let arrived = opened.persona().delay(RequestKind::Other);
        let left = session::left_persona(req).map_or(Duration::ZERO, |(persona, signed_in)| {
            let kind = if signed_in {
                RequestKind::SignIn
            } else {
                RequestKind::Other
            };
            persona.delay(kind)
        });
        let delay = arrived.max(left);
        if !delay.is_zero() {
            let clock = req.rocket().state::<Clock>().cloned().unwrap_or_default();
            clock.sleep(delay).await;
        }
    }
}

/// A catcher's answer, with the security headers set by the catcher itself:
/// Rocket answers a request it cannot read (a method it does not know, such
/// as `PROPFIND`) with a catcher alone, without the fairings.
pub struct WithSecurityHeaders<R>(pub R);

impl<'r, R: Responder<'r, 'static>> Responder<'r, 'static> for WithSecurityHeaders<R> {
    fn respond_to(self, req: &'r Request<'_>) -> response::Result<'static> {
        let mut res = self.0.respond_to(req)?;
        secure_and_private(&mut res);
        Ok(res)
    }
}
