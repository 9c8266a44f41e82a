//! The smallest Rocket 0.5 app the load benchmark compares the shop with:
//! `/health`, one route reading one private cookie, and one sending a page
//! rendered beforehand (the file `BARE_PAGE` names, read once) after
//! opening that cookie: the framework's floor for that page.
//! `scripts/load-bench.sh` starts it beside the shop; it reads `ROCKET_*`
//! like the shop does.

#[macro_use]
extern crate rocket;

use std::sync::OnceLock;

use rocket::http::{Cookie, CookieJar};
use rocket::response::content::RawHtml;

/// About as long as the shop's encoded session after `/test/session/set`
/// (111 bytes before sealing), so both sides decrypt a cookie of one size.
const SESSION_VALUE_LEN: usize = 111;

/// `GET /health`: `ok`.
#[get("/health")]
fn health() -> &'static str {
    "ok"
}

/// `GET /check`: whether the private cookie `session` opens.
#[get("/check")]
fn check(cookies: &CookieJar<'_>) -> &'static str {
    match cookies.get_private("session") {
        Some(_) => "Logged in",
        None => "You are not logged in",
    }
}

/// `GET /page`: the page of `BARE_PAGE`, after opening the private cookie
/// `session` as a page of the shop would.
#[get("/page")]
fn page(cookies: &CookieJar<'_>) -> RawHtml<&'static [u8]> {
    static PAGE: OnceLock<Vec<u8>> = OnceLock::new();
    let _opened = cookies.get_private("session");
    let page = PAGE.get_or_init(|| {
        std::env::var_os("BARE_PAGE")
            .and_then(|path| std::fs::read(path).ok())
            .unwrap_or_default()
    });
    RawHtml(page.as_slice())
}

/// `GET /set`: seals a private cookie `session`, to prepare a run.
#[get("/set")]
fn set(cookies: &CookieJar<'_>) -> &'static str {
    cookies.add_private(Cookie::new("session", "s".repeat(SESSION_VALUE_LEN)));
    "Set"
}

#[launch]
fn rocket() -> _ {
    rocket::build().mount("/", routes![health, check, page, set])
}
