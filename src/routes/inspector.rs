//! The session inspector: what the session holds, how big its cookie is,
//! and when it ends, for learners.

use rocket::http::CookieJar;
use rocket::response::Redirect;
use rocket::{get, post, routes, uri, Route, State};
use rocket_dyn_templates::{context, Template};
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

use crate::clock::UnixTime;
use crate::config::Shop;
use crate::csrf::{CsrfForm, TokenOnly};
use crate::error::AppError;
use crate::ledger::Ledger;
use crate::session::cookie::{self, MAX_COOKIE_BYTES};
use crate::session::{Notice, Session};
use crate::views::Layout;

fn timestamp(at: UnixTime) -> String {
    OffsetDateTime::from_unix_timestamp(at)
        .ok()
        .and_then(|t| t.format(&Rfc3339).ok())
        .unwrap_or_else(|| at.to_string())
}

/// `GET /session`: the decoded session, its cookie size and its times.
#[get("/session")]
pub fn inspect_session(session: Session<'_>, shop: &State<Shop>, jar: &CookieJar<'_>) -> Template {
    let layout = Layout::new(&session, shop);
    let data = session.data();
    let contents = serde_json::to_string_pretty(data).unwrap_or_default();
    // The cookie exactly as the browser holds it (none yet for a new session).
    let cookie_bytes = jar.get(cookie::COOKIE_NAME).map_or(0, |held| {
        cookie::stored_size(&cookie::build(held.value().to_owned(), 0, false))
    });
    let (ends_at, _) = session.ends_at();
    Template::render(
        "inspector/show",
        context! {
            layout,
            contents,
            session_id: data.id.to_string(),
            cookie_bytes,
            cookie_budget: MAX_COOKIE_BYTES,
            cookie_percent: cookie_bytes * 100 / MAX_COOKIE_BYTES,
            created_at: timestamp(data.created_at),
            last_seen: timestamp(data.last_seen),
            expires_at: timestamp(ends_at),
        },
    )
}

/// `POST /session/reset`: ends the session, for guests too, here and for
/// every copy of its cookie.
#[post("/session/reset", data = "<_form>")]
pub async fn reset_session(
    _form: CsrfForm<TokenOnly>,
    mut session: Session<'_>,
    ledger: &State<Ledger>,
) -> Result<Redirect, AppError> {
    let now = session.now();
    let ended = session.end();
    ledger.revoke(ended.id, ended.until, now).await?;
    session.notify(Notice::SessionReset);
    Ok(Redirect::to(uri!(inspect_session)))
}

pub fn routes() -> Vec<Route> {
    routes![inspect_session, reset_session]
}
