//! The session inspector: what the session holds, how big its cookie is,
//! and when it ends, for learners.

use rocket::response::Redirect;
use rocket::{get, post, routes, Route, State};
use rocket_dyn_templates::{context, Template};
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

use crate::clock::UnixTime;
use crate::config::Shop;
use crate::csrf::{CsrfForm, TokenOnly};
use crate::routes::page::Layout;
use crate::session::cookie::MAX_COOKIE_BYTES;
use crate::session::{Flash, Session};

fn timestamp(at: UnixTime) -> String {
    OffsetDateTime::from_unix_timestamp(at)
        .ok()
        .and_then(|t| t.format(&Rfc3339).ok())
        .unwrap_or_else(|| at.to_string())
}

/// `GET /session`: the decoded session, its cookie size and its times.
#[get("/session")]
pub fn inspect_session(mut session: Session<'_>, shop: &State<Shop>) -> Template {
    let layout = Layout::for_page(&mut session, shop);
    let contents = serde_json::to_string_pretty(&*session).unwrap_or_default();
    let cookie_bytes = session.cookie_size();
    Template::render(
        "inspector/show",
        context! {
            layout,
            contents,
            session_id: session.id.to_string(),
            cookie_bytes,
            cookie_budget: MAX_COOKIE_BYTES,
            cookie_percent: cookie_bytes * 100 / MAX_COOKIE_BYTES,
            created_at: timestamp(session.created_at),
            last_seen: timestamp(session.last_seen),
            expires_at: timestamp(session.expires_at()),
        },
    )
}

/// `POST /session/reset`: ends the session, for guests too.
#[post("/session/reset", data = "<_form>")]
pub fn reset_session(_form: CsrfForm<TokenOnly>, mut session: Session<'_>) -> Redirect {
    session.end();
    session.flash = Some(Flash::SessionReset);
    session.save();
    Redirect::to("/session")
}

pub fn routes() -> Vec<Route> {
    routes![inspect_session, reset_session]
}
