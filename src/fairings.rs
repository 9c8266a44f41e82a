//! Hooks around every request: security and caching headers on responses,
//! and the delay the `slow` demo account asks for.

use std::time::Duration;

use rocket::fairing::{Fairing, Info, Kind};
use rocket::http::Header;
use rocket::{Data, Request, Response};

use crate::config::Shop;
use crate::session;

/// Only the site's own scripts, styles, pictures and forms; no framing.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; img-src 'self'; \
    style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; \
    form-action 'self'; frame-ancestors 'none'";

/// How long every page waits for the `slow` account.
pub const SLOW_ACCOUNT_DELAY: Duration = Duration::from_secs(2);

/// Adds the Content-Security-Policy to every response, and marks every
/// response but static files as private to the session: `no-store` and
/// `Vary: Cookie`.
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
        res.set_header(Header::new(
            "Content-Security-Policy",
            CONTENT_SECURITY_POLICY,
        ));
        if req.uri().path().starts_with("/static/") && res.status().class().is_success() {
            res.set_header(Header::new("Cache-Control", "public, max-age=3600"));
        } else {
            res.set_header(Header::new("Cache-Control", "no-store"));
            res.set_header(Header::new("Vary", "Cookie"));
        }
    }
}

/// Holds every request of a signed-in `slow` account for
/// [`SLOW_ACCOUNT_DELAY`], without blocking anyone else.
pub struct SlowAccountDelay;

#[rocket::async_trait]
impl Fairing for SlowAccountDelay {
    fn info(&self) -> Info {
        Info {
            name: "Slow demo account",
            kind: Kind::Request,
        }
    }

    async fn on_request(&self, req: &mut Request<'_>, _: &mut Data<'_>) {
        if req.uri().path().starts_with("/static/") {
            return;
        }
        let Some(shop) = req.rocket().state::<Shop>() else {
            return;
        };
        let slow = session::current(req)
            .user
            .as_deref()
            .and_then(|username| shop.accounts.find(username))
            .is_some_and(|account| account.slow);
        if slow {
            rocket::tokio::time::sleep(SLOW_ACCOUNT_DELAY).await;
        }
    }
}
