//! For learners: the article's routes over a plain cookie, to compare with
//! the private session; and the tamper lab, which forges a cookie from the
//! visitor's session and opens it the way every request is opened.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use rocket::form::FromForm;
use rocket::http::{Cookie, CookieJar, SameSite};
use rocket::{get, post, routes, Route, State};
use rocket_dyn_templates::{context, Template};
use serde::Serialize;

use crate::clock::UnixTime;
use crate::csrf::CsrfForm;
use crate::error::AppError;
use crate::ledger::Ledger;
use crate::session::cookie::{self, FORMAT_VERSION};
use crate::session::SessionData;
use crate::session::{open_sealed, Opened, Rejection, Session, SessionSettings, Source};
use crate::shop::Shop;
use crate::views::session::{limit_code, readable_duration, readable_time};
use crate::views::Layout;

/// The readable cookie of the plain-cookie routes.
pub const PLAIN_COOKIE: &str = "plain_username";

/// `GET /test/plain/set`: like `/test/session/set`, in a plain cookie.
#[get("/test/plain/set")]
pub fn set_plain_value(jar: &CookieJar<'_>) -> &'static str {
    jar.add(
        Cookie::build((PLAIN_COOKIE, "user"))
            .http_only(true)
            .same_site(SameSite::Lax)
            .path("/"),
    );
    "Test"
}

/// `GET /test/plain/check`: like `/test/session/check`, from the plain cookie.
#[get("/test/plain/check")]
pub fn check_plain_value(jar: &CookieJar<'_>) -> String {
    match jar.get(PLAIN_COOKIE) {
        Some(cookie) => format!("Logged in as {}", cookie.value()),
        None => "You are not logged in".to_owned(),
    }
}

/// `GET /test/plain/pop`: like `/test/session/pop`; fine when it is not set.
#[get("/test/plain/pop")]
pub fn pop_plain_value(jar: &CookieJar<'_>) -> &'static str {
    if jar.get(PLAIN_COOKIE).is_some() {
        jar.remove(Cookie::build(PLAIN_COOKIE).path("/"));
    }
    "Test"
}

/// How the tamper lab forges a cookie.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TamperKind {
    /// The session sealed honestly, then one byte of the sealed value changed.
    Flip,
    /// The session sealed with a key this shop has never had.
    OtherKey,
    /// The session with its times moved back until a limit has passed.
    Expired,
    /// The session written in the previous format version.
    OldFormat,
    /// A copy of the cookie, opened once the server remembers it ended.
    Revoked,
}

impl TamperKind {
    /// Every kind, in the order the lab offers them.
    pub const ALL: [TamperKind; 5] = [
        TamperKind::Flip,
        TamperKind::OtherKey,
        TamperKind::Expired,
        TamperKind::OldFormat,
        TamperKind::Revoked,
    ];

    /// The kind's form value.
    pub fn code(self) -> &'static str {
        match self {
            TamperKind::Flip => "flip",
            TamperKind::OtherKey => "other_key",
            TamperKind::Expired => "expired",
            TamperKind::OldFormat => "old_format",
            TamperKind::Revoked => "revoked",
        }
    }

    /// The kind with this form value.
    pub fn parse(code: &str) -> Option<TamperKind> {
        TamperKind::ALL.into_iter().find(|kind| kind.code() == code)
    }
}

/// The tamper lab's form.
#[derive(Debug, FromForm)]
pub struct TamperForm {
    #[field(default = String::new())]
    pub kind: String,
}

/// What was done to the cookie, as facts for the page.
#[derive(Debug, Default, Serialize)]
struct Forgery {
    /// `flip`: which byte of the sealed bytes, and its value before and after.
    byte_index: Option<usize>,
    byte_before: Option<String>,
    byte_after: Option<String>,
    /// `expired`: the times written into the forged session.
    created_at: Option<String>,
    last_seen: Option<String>,
    ended_at: Option<String>,
    /// `old_format`: the version byte written, and the one the shop reads.
    version_written: Option<u8>,
    version_read: u8,
}

/// What the server concluded on opening the forged cookie.
#[derive(Debug, Serialize)]
struct Conclusion {
    /// `new`, `rejected`, `current` or `fallback`.
    source: &'static str,
    /// Why it was rejected: `unsealed`, `other_version`, `garbled`, `expired`, `revoked`.
    rejection: Option<&'static str>,
    /// For `expired`: `idle` or `absolute`.
    limit: Option<&'static str>,
    /// Whether the forged cookie opened as a session.
    accepted: bool,
}

impl Conclusion {
    fn of(opened: &Opened) -> Conclusion {
        let (source, rejection, limit) = match opened.source {
            Source::New => ("new", None, None),
            Source::Current => ("current", None, None),
            Source::Fallback => ("fallback", None, None),
            Source::Rejected(rejection) => {
                let (why, limit) = match rejection {
                    Rejection::Unsealed => ("unsealed", None),
                    Rejection::OtherVersion => ("other_version", None),
                    Rejection::Garbled => ("garbled", None),
                    Rejection::Expired(limit) => ("expired", Some(limit_code(limit))),
                    Rejection::Revoked => ("revoked", None),
                };
                ("rejected", Some(why), limit)
            }
        };
        Conclusion {
            source,
            rejection,
            limit,
            accepted: matches!(opened.source, Source::Current | Source::Fallback),
        }
    }
}

/// The sealed value with one byte changed (one bit of it), and which.
fn flip_one_byte(sealed: &str, forgery: &mut Forgery) -> String {
    let Ok(mut bytes) = STANDARD.decode(sealed) else {
        return format!("{sealed}!");
    };
    let index = bytes.len() / 2;
    if let Some(byte) = bytes.get_mut(index) {
        forgery.byte_index = Some(index);
        forgery.byte_before = Some(format!("0x{byte:02x}"));
        *byte ^= 0x01;
        forgery.byte_after = Some(format!("0x{byte:02x}"));
    }
    STANDARD.encode(bytes)
}

/// Forges the cookie `kind` from `data` and opens it as every request's
/// cookie is opened. The real session and the app's ledger are not touched.
async fn forge(
    kind: TamperKind,
    data: &SessionData,
    settings: &SessionSettings,
    shop: &Shop,
    now: UnixTime,
) -> Result<(String, Forgery, Opened), AppError> {
    let mut forgery = Forgery {
        version_read: FORMAT_VERSION,
        ..Forgery::default()
    };
    let honest = || settings.keys.seal(&cookie::encode(data));
    let mut ledger = None;
    let sealed = match kind {
        TamperKind::Flip => flip_one_byte(&honest(), &mut forgery),
        TamperKind::OtherKey => {
            cookie::seal_with(&::cookie::Key::generate(), &cookie::encode(data))
        }
        TamperKind::Expired => {
            let (ends_at, _) = settings.ends_at(data);
            let shift = ends_at - now + 1;
            let mut old = data.clone();
            old.created_at -= shift;
            old.last_seen -= shift;
            forgery.created_at = Some(readable_time(old.created_at));
            forgery.last_seen = Some(readable_time(old.last_seen));
            forgery.ended_at = Some(readable_time(settings.ends_at(&old).0));
            settings.keys.seal(&cookie::encode(&old))
        }
        TamperKind::OldFormat => {
            let version = FORMAT_VERSION.wrapping_sub(1);
            forgery.version_written = Some(version);
            settings.keys.seal(&cookie::encode_as(version, data))
        }
        TamperKind::Revoked => {
            // NOTE: a scratch ledger, so the real session stays valid.
            let scratch = Ledger::in_memory();
            scratch
                .revoke(data.id, settings.absolute_end(data), now)
                .await?;
            ledger = Some(scratch);
            honest()
        }
    };
    let now_ms = now.saturating_mul(1000);
    let opened = open_sealed(Some(&sealed), settings, ledger.as_ref(), Some(shop), now_ms);
    Ok((sealed, forgery, opened))
}

/// The kinds the lab offers, for its forms.
fn kinds() -> Vec<&'static str> {
    TamperKind::ALL.map(TamperKind::code).to_vec()
}

/// `POST /session/tamper`: forges a cookie from the visitor's session, opens
/// it, and shows what the server concluded and why. The session itself is
/// not changed.
#[post("/session/tamper", data = "<form>")]
pub async fn tamper_with_session(
    form: CsrfForm<TamperForm>,
    session: Session<'_>,
    shop: &State<Shop>,
) -> Result<Template, AppError> {
    let layout = Layout::new(&session, shop);
    let Some(kind) = TamperKind::parse(form.0.kind.trim()) else {
        return Err(AppError::invalid(Template::render(
            "learn/tamper",
            context! { layout, unknown_kind: form.0.kind, kinds: kinds() },
        )));
    };
    let data = session.data();
    let settings = session.settings();
    let (sealed, forgery, opened) = forge(kind, data, settings, shop, session.now()).await?;
    let forged = cookie::build(sealed, 0, settings.secure);
    let pair = forged.stripped().encoded().to_string();
    let conclusion = Conclusion::of(&opened);
    let idle = readable_duration(settings.idle_timeout);
    let lifetime = readable_duration(settings.max_lifetime);
    Ok(Template::render(
        "learn/tamper",
        context! {
            layout,
            kind,
            kinds: kinds(),
            forged_pair: pair,
            forged_size: cookie::stored_size(&forged),
            forgery,
            conclusion,
            opened_id: conclusion_id(&opened, data),
            real_id: data.id.to_string(),
            idle,
            lifetime,
        },
    ))
}

/// The id the forged cookie opened as: the real one when accepted, else the
/// new session's that a request would have started.
fn conclusion_id(opened: &Opened, real: &SessionData) -> Option<String> {
    (opened.data.id == real.id).then(|| real.id.to_string())
}

/// `GET /learn`: the walkthrough, with "try it" links and forms that act
/// on the visitor's own session.
#[get("/learn")]
pub fn show_walkthrough(session: Session<'_>, shop: &State<Shop>) -> Template {
    let layout = Layout::new(&session, shop);
    let settings = session.settings();
    let product = shop.catalog.products().first();
    Template::render(
        "learn/show",
        context! {
            layout,
            kinds: kinds(),
            idle: readable_duration(settings.idle_timeout),
            lifetime: readable_duration(settings.max_lifetime),
            format_version: FORMAT_VERSION,
            product_id: product.map(|p| p.id.0),
            product_name: product.map(|p| p.name(session.lang())),
        },
    )
}

pub fn routes() -> Vec<Route> {
    routes![
        show_walkthrough,
        set_plain_value,
        check_plain_value,
        pop_plain_value,
        tamper_with_session
    ]
}
