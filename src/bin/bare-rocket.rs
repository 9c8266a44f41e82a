//! The smallest Rocket 0.5 app the load benchmark compares the shop with:
//! `/health`, and one route reading one private cookie.
//! `scripts/load-bench.sh` starts it beside the shop; it reads `ROCKET_*`
//! like the shop does.

#[macro_use]
extern crate rocket;

use rocket::http::{Cookie, CookieJar};

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

/// `GET /set`: seals a private cookie `session`, to prepare a run.
#[get("/set")]
fn set(cookies: &CookieJar<'_>) -> &'static str {
    cookies.add_private(Cookie::new("session", "s".repeat(SESSION_VALUE_LEN)));
    "Set"
}

#[launch]
fn rocket() -> _ {
    rocket::build().mount("/", routes![health, check, set])
}
