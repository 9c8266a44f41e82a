//! Four ways to keep a session value, side by side, each behind the
//! article's three routes and answering exactly as they do. The private
//! session itself is `/test/session/…` (see `tutorial`); here are the other
//! three:
//!
//! - `/test/plain/…`: a plain cookie, readable and changeable by anyone;
//! - `/test/signed/…`: a signed cookie, as Flask keeps its session: anyone
//!   can read it, nobody can change it without the key (HMAC-SHA256 with
//!   the app's key, the `cookie` crate's signed jar);
//! - `/test/server/…`: a server-side session: the cookie holds only a
//!   random id, and the value lives on the server ([`ServerValues`]).

use rocket::fairing::AdHoc;
use rocket::http::{Cookie, CookieJar, SameSite};
use rocket::{get, routes, Route, State};
use uuid::Uuid;

use crate::clock::Clock;
use crate::config::AppConfig;
use crate::error::AppError;
use crate::ledger::values::ServerValues;
use crate::ledger::{Ledger, Share};
use crate::session::{ClientAddress, SessionSettings};

/// The readable cookie of `/test/plain/…`.
pub const PLAIN_COOKIE: &str = "plain_username";
/// The signed cookie of `/test/signed/…`.
pub const SIGNED_COOKIE: &str = "signed_username";
/// The cookie of `/test/server/…`: a random id, nothing else.
pub const SERVER_COOKIE: &str = "server_session";

/// The article's demo value.
const DEMO_VALUE: &str = "user";

/// What `check` answers.
fn check_answer(value: Option<&str>) -> String {
    match value {
        Some(value) => format!("Logged in as {value}"),
        None => "You are not logged in".to_owned(),
    }
}

/// A demo cookie with the session cookie's attributes (no `Max-Age`: the
/// browser keeps it until it closes).
fn demo_cookie(name: &'static str, value: String, settings: &SessionSettings) -> Cookie<'static> {
    Cookie::build((name, value))
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(settings.secure)
        .path("/")
        .build()
}

/// Tells the browser to forget the demo cookie `name`, if it sent one.
fn remove_demo_cookie(jar: &CookieJar<'_>, name: &'static str) {
    if jar.get(name).is_some() {
        jar.remove(Cookie::build(name).path("/"));
    }
}

/// `GET /test/plain/set`: like `/test/session/set`, in a plain cookie.
#[get("/test/plain/set")]
pub fn set_plain_value(jar: &CookieJar<'_>, settings: &State<SessionSettings>) -> &'static str {
    jar.add(demo_cookie(PLAIN_COOKIE, DEMO_VALUE.to_owned(), settings));
    "Test"
}

/// `GET /test/plain/check`: like `/test/session/check`, from the plain cookie.
#[get("/test/plain/check")]
pub fn check_plain_value(jar: &CookieJar<'_>) -> String {
    check_answer(jar.get(PLAIN_COOKIE).map(Cookie::value))
}

/// `GET /test/plain/pop`: like `/test/session/pop`; fine when it is not set.
#[get("/test/plain/pop")]
pub fn pop_plain_value(jar: &CookieJar<'_>) -> &'static str {
    remove_demo_cookie(jar, PLAIN_COOKIE);
    "Test"
}

/// `value` signed with the app's key: 44 characters of base64 HMAC, then
/// the value itself, in the clear.
pub fn sign(key: &::cookie::Key, value: &str) -> String {
    let mut jar = ::cookie::CookieJar::new();
    jar.signed_mut(key)
        .add(::cookie::Cookie::new(SIGNED_COOKIE, value.to_owned()));
    jar.get(SIGNED_COOKIE)
        .map(|c| c.value().to_owned())
        .unwrap_or_default()
}

/// The value of a signed cookie, if its signature holds for the app's key.
pub fn verify(key: &::cookie::Key, signed: &str) -> Option<String> {
    let mut jar = ::cookie::CookieJar::new();
    jar.add_original(::cookie::Cookie::new(SIGNED_COOKIE, signed.to_owned()));
    jar.signed(key)
        .get(SIGNED_COOKIE)
        .map(|c| c.value().to_owned())
}

/// `GET /test/signed/set`: like `/test/session/set`, in a signed cookie.
#[get("/test/signed/set")]
pub fn set_signed_value(jar: &CookieJar<'_>, settings: &State<SessionSettings>) -> &'static str {
    let signed = sign(&settings.keys.current, DEMO_VALUE);
    jar.add(demo_cookie(SIGNED_COOKIE, signed, settings));
    "Test"
}

/// `GET /test/signed/check`: like `/test/session/check`; a cookie whose
/// signature does not hold counts as not set.
#[get("/test/signed/check")]
pub fn check_signed_value(jar: &CookieJar<'_>, settings: &State<SessionSettings>) -> String {
    let value = jar
        .get(SIGNED_COOKIE)
        .and_then(|cookie| verify(&settings.keys.current, cookie.value()));
    check_answer(value.as_deref())
}

/// `GET /test/signed/pop`: like `/test/session/pop`; fine when it is not set.
#[get("/test/signed/pop")]
pub fn pop_signed_value(jar: &CookieJar<'_>) -> &'static str {
    remove_demo_cookie(jar, SIGNED_COOKIE);
    "Test"
}

/// The id in the server-side session's cookie, if it holds one.
fn server_id(jar: &CookieJar<'_>) -> Option<Uuid> {
    jar.get(SERVER_COOKIE)
        .and_then(|cookie| Uuid::parse_str(cookie.value()).ok())
}

/// `GET /test/server/set`: like `/test/session/set`, with the value kept on
/// the server for the idle limit. A browser without a known id gets a new
/// random one in its cookie.
#[get("/test/server/set")]
pub async fn set_server_value(
    jar: &CookieJar<'_>,
    values: &State<ServerValues>,
    settings: &State<SessionSettings>,
    clock: &State<Clock>,
    ledger: &State<Ledger>,
    client: ClientAddress,
) -> Result<&'static str, AppError> {
    let now = clock.now();
    let known = match server_id(jar) {
        Some(id) => values.get(id, now).await?.map(|_| id),
        None => None,
    };
    let id = known.unwrap_or_else(Uuid::new_v4);
    values
        .put(
            id,
            DEMO_VALUE,
            now + settings.idle_timeout,
            now,
            ledger.client_key(client.as_str()),
        )
        .await?;
    if known.is_none() {
        jar.add(demo_cookie(SERVER_COOKIE, id.to_string(), settings));
    }
    Ok("Test")
}

/// `GET /test/server/check`: like `/test/session/check`, looking the
/// cookie's id up on the server.
#[get("/test/server/check")]
pub async fn check_server_value(
    jar: &CookieJar<'_>,
    values: &State<ServerValues>,
    clock: &State<Clock>,
) -> Result<String, AppError> {
    let value = match server_id(jar) {
        Some(id) => values.get(id, clock.now()).await?,
        None => None,
    };
    Ok(check_answer(value.as_deref()))
}

/// `GET /test/server/pop`: like `/test/session/pop`: the server forgets the
/// value; the cookie keeps its id.
#[get("/test/server/pop")]
pub async fn pop_server_value(
    jar: &CookieJar<'_>,
    values: &State<ServerValues>,
) -> Result<&'static str, AppError> {
    if let Some(id) = server_id(jar) {
        values.forget(id).await?;
    }
    Ok("Test")
}

/// Opens the server-side store where the ledger lives: Redis when
/// `redis_url` is set, else memory. Attached after the settings stage.
pub fn stage() -> AdHoc {
    AdHoc::try_on_ignite("Server-side values", |rocket| async move {
        // NOTE: without settings (their stage failed) the launch stops anyway.
        let config = rocket.state::<AppConfig>().cloned().unwrap_or_default();
        let share = Share {
            per_client: config.server_values_per_client,
            total: config.server_values_max,
        };
        let values = match config.redis_url.clone() {
            None => ServerValues::in_memory_holding(share),
            Some(url) => match ServerValues::connect_redis(&url, share).await {
                Ok(values) => values,
                Err(problem) => {
                    rocket::error!("Session Shop cannot start: {problem}");
                    return Err(rocket);
                }
            },
        };
        Ok(rocket.manage(values))
    })
}

pub fn routes() -> Vec<Route> {
    routes![
        set_plain_value,
        check_plain_value,
        pop_plain_value,
        set_signed_value,
        check_signed_value,
        pop_signed_value,
        set_server_value,
        check_server_value,
        pop_server_value
    ]
}
