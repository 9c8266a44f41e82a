//! The session inspector, for learners: the cookie as the browser holds it,
//! its attributes and real size, the session as it arrived and as this
//! response sends it, and when it ends.

use rocket::http::CookieJar;
use rocket::response::Redirect;
use rocket::{get, post, routes, uri, Route, State};
use rocket_dyn_templates::{context, Template};
use serde::Serialize;
use serde_json::Value;

use crate::csrf::{CsrfForm, TokenOnly};
use crate::encoding::Uncompressed;
use crate::error::AppError;
use crate::ledger::Ledger;
use crate::routes::local_path::Next;
use crate::session::cookie::{self, MAX_COOKIE_BYTES};
use crate::session::recent::RecentChanges;
use crate::session::seal::{self, Outgoing, Reasons};
use crate::session::{Notice, Session, SessionData, SessionSettings, Source};
use crate::shop::Shop;
use crate::views::sealed::{layout, Verdict};
use crate::views::session::{limit_code, readable_duration, readable_time};
use crate::views::Layout;

/// The session's fields as serialized, in the struct's order, times readable.
fn readable_fields(data: &SessionData) -> Vec<(String, Value)> {
    let mut fields = data.fields();
    for (name, value) in &mut fields {
        if let ("created_at" | "last_seen", Value::Number(at)) = (name.as_str(), &*value) {
            *value = Value::String(readable_time(at.as_i64().unwrap_or_default()));
        }
    }
    fields
}

/// The value of field `name`, as compact JSON ("" when there is none).
fn compact(fields: &[(String, Value)], name: &str) -> String {
    fields
        .iter()
        .find(|(field, _)| field == name)
        .map(|(_, value)| value.to_string())
        .unwrap_or_default()
}

/// The session as pretty JSON in the struct's order, times readable.
fn pretty(fields: &[(String, Value)]) -> String {
    let body: Vec<String> = fields
        .iter()
        .map(|(name, value)| {
            let value = serde_json::to_string_pretty(value)
                .unwrap_or_default()
                .replace('\n', "\n  ");
            format!("  \"{name}\": {value}")
        })
        .collect();
    format!("{{\n{}\n}}", body.join(",\n"))
}

/// One field of the session, as it arrived and as it leaves.
#[derive(Debug, Serialize)]
struct FieldView {
    name: String,
    arrived: Option<String>,
    outgoing: String,
    changed: bool,
}

/// The attributes the shop gives the cookie, as the templates show them.
#[derive(Debug, Serialize)]
struct AttributesView {
    http_only: bool,
    same_site: String,
    path: String,
    secure: bool,
    max_age: Option<i64>,
}

fn attributes(settings: &SessionSettings, max_age: i64) -> AttributesView {
    let built = cookie::build(String::new(), max_age, settings.secure);
    AttributesView {
        http_only: built.http_only().unwrap_or(false),
        same_site: built.same_site().map(|s| s.to_string()).unwrap_or_default(),
        path: built.path().unwrap_or_default().to_owned(),
        secure: built.secure().unwrap_or(false),
        max_age: built.max_age().map(|age| age.whole_seconds()),
    }
}

/// Why this response seals, as codes the template words.
fn reason_codes(reasons: Reasons) -> Vec<&'static str> {
    reasons
        .codes()
        .into_iter()
        .filter_map(|(holds, code)| holds.then_some(code))
        .collect()
}

/// One field a form changed: its value before and after (compact JSON).
#[derive(Debug, Serialize)]
struct ChangedField {
    name: String,
    before: String,
    after: String,
}

/// The fields that differ between `before` and `after`, in the struct's order.
fn changed_fields(before: &SessionData, after: &SessionData) -> Vec<ChangedField> {
    let (before, after) = (readable_fields(before), readable_fields(after));
    after
        .iter()
        .map(|(name, value)| ChangedField {
            before: compact(&before, name),
            after: value.to_string(),
            name: name.clone(),
        })
        .filter(|field| field.before != field.after)
        .collect()
}

/// `GET /session`: the cookie, its size and attributes, the session as it
/// arrived and as this response sends it, and when it ends.
///
/// NOTE: sent uncompressed, whatever the browser accepts: the page shows
/// the sealed cookie and the decoded session (its CSRF token unmasked)
/// beside text a request chose (the last form's changes, the address in
/// the language form), so a compressed page's size would leak them (BREACH).
#[get("/session")]
pub async fn inspect_session(
    session: Session<'_>,
    shop: &State<Shop>,
    jar: &CookieJar<'_>,
    recent: &State<RecentChanges>,
) -> Uncompressed<Template> {
    let layout_view = Layout::new(&session, shop);
    let settings = session.settings();
    let arrived = session.arrived();
    let now = session.now();
    // The cookie exactly as the browser holds it (none yet for a new session).
    let held = jar
        .get(cookie::COOKIE_NAME)
        .map(|held| cookie::build(held.value().to_owned(), 0, settings.secure));
    let cookie_raw = held.as_ref().map(|c| c.stripped().encoded().to_string());
    let cookie_bytes = held.as_ref().map_or(0, cookie::stored_size);
    let held_layout = held.as_ref().and_then(|c| layout(c.value(), None));
    let verdict = Verdict::of(arrived);
    let opened_fine = matches!(arrived.source, Source::Current | Source::Fallback);
    // The Set-Cookie that delivered it: sealed when `last_seen` was set.
    let held_max_age =
        opened_fine.then(|| settings.ends_at(&arrived.data).0 - arrived.data.last_seen);

    let outgoing = seal::decide(
        arrived,
        std::sync::Arc::new(session.data().clone()),
        false,
        true,
        settings,
    );
    let (sends, reasons, leaving) = match &outgoing {
        Outgoing::Seal(data, reasons) => ("seal", reason_codes(*reasons), &**data),
        Outgoing::Forget => ("forget", Vec::new(), &*arrived.data),
        Outgoing::Keep => ("keep", Vec::new(), &*arrived.data),
    };
    let next_bytes = match &outgoing {
        Outgoing::Seal(data, _) => cookie::stored_size(&cookie::build(
            session.sealed_for_response(data),
            0,
            settings.secure,
        )),
        Outgoing::Forget => 0,
        Outgoing::Keep => cookie_bytes,
    };

    let before = readable_fields(&arrived.data);
    let after = readable_fields(leaving);
    let fields: Vec<FieldView> = after
        .iter()
        .map(|(name, value)| {
            let outgoing = value.to_string();
            let arrived = opened_fine.then(|| compact(&before, name));
            FieldView {
                name: name.clone(),
                changed: arrived.as_ref().is_some_and(|a| *a != outgoing),
                arrived,
                outgoing,
            }
        })
        .collect();

    let (ends_at, limit) = settings.ends_at(leaving);
    let absolute_end = settings.absolute_end(leaving);
    let form_change = recent.take(leaving.id, now).await.map(|change| {
        context! {
            request: change.request,
            fields: changed_fields(&change.before, &change.after),
        }
    });
    Uncompressed(Template::render(
        "inspector/show",
        context! {
            layout: layout_view,
            session_id: leaving.id.to_string(),
            verdict,
            held_layout,
            form_change,
            cookie_raw,
            cookie_bytes,
            cookie_budget: MAX_COOKIE_BYTES,
            cookie_percent: cookie_bytes * 100 / MAX_COOKIE_BYTES,
            held_attributes: held_max_age.map(|age| attributes(settings, age)),
            sends,
            reasons,
            next_bytes,
            next_attributes: attributes(settings, ends_at - now),
            arrived_contents: opened_fine.then(|| pretty(&before)),
            contents: pretty(&after),
            fields,
            now: readable_time(now),
            created_at: readable_time(leaving.created_at),
            last_seen: readable_time(leaving.last_seen),
            expires_at: readable_time(ends_at),
            ends_in: readable_duration(ends_at - now),
            ends_in_seconds: ends_at - now,
            limit: limit_code(limit),
            absolute_end: readable_time(absolute_end),
            idle_timeout: readable_duration(settings.idle_timeout),
            max_lifetime: readable_duration(settings.max_lifetime),
            refresh_interval: readable_duration(settings.refresh_interval()),
        },
    ))
}

/// `POST /session/reset`: ends the session, for guests too, here and for
/// every copy of its cookie.
#[post("/session/reset", data = "<_form>")]
pub async fn reset_session(
    _form: CsrfForm<TokenOnly>,
    mut session: Session<'_>,
    ledger: &State<Ledger>,
) -> Result<Redirect, AppError> {
    session.end_everywhere(ledger).await?;
    session.notify(Notice::SessionReset);
    Ok(Redirect::to(uri!(inspect_session)))
}

/// `POST /session/reset-state` (optional local `next`): empties the cart
/// and checkout but keeps the session, its sign-in and language; then 303
/// to `next`, else to the inspector.
#[post("/session/reset-state", data = "<form>")]
pub fn reset_state(form: CsrfForm<NextOnly>, mut session: Session<'_>) -> Redirect {
    session.reset_state();
    session.notify(Notice::StateReset);
    form.0.next.redirect_or(uri!(inspect_session))
}

/// A form that only says where to go next.
#[derive(Debug, rocket::form::FromForm)]
pub struct NextOnly {
    pub next: Next,
}

pub fn routes() -> Vec<Route> {
    routes![inspect_session, reset_session, reset_state]
}
