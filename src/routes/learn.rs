//! For learners: the walkthrough, and the tamper lab, which forges a cookie
//! from the visitor's session and opens it the way every request is opened.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use rocket::form::FromForm;
use rocket::request::{FromRequest, Outcome, Request};
use rocket::{get, post, routes, Route, State};
use rocket_dyn_templates::{context, Template};
use serde::Serialize;

use crate::clock::UnixTime;
use crate::csrf::CsrfForm;
use crate::encoding::Uncompressed;
use crate::error::AppError;
use crate::ledger::Ledger;
use crate::session::cookie::{self, FORMAT_VERSION};
use crate::session::{open_sealed, Opened, Session, SessionData, SessionSettings};
use crate::shop::{Links, Shop};
use crate::views::sealed::{layout, Verdict};
use crate::views::session::{readable_duration, readable_time};
use crate::views::Layout;

/// How the tamper lab forges a cookie.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TamperKind {
    /// The control: the session sealed honestly, changed in nothing.
    Unchanged,
    /// The session sealed honestly, then one byte of the sealed value changed.
    Flip,
    /// The session sealed with a key this shop has never had.
    OtherKey,
    /// The session with its times moved back until a limit has passed.
    Expired,
    /// The session written in the previous format version.
    OldFormat,
    /// A copy of the session under its own id, which the server revokes.
    Revoked,
}

impl TamperKind {
    /// Every kind, in the order the lab offers them.
    pub const ALL: [TamperKind; 6] =
        crate::every!(TamperKind: Unchanged, Flip, OtherKey, Expired, OldFormat, Revoked);

    /// The kind's form value.
    pub fn code(self) -> &'static str {
        match self {
            TamperKind::Unchanged => "unchanged",
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

/// What was done to the cookie, as facts for the page (empty where the
/// kind has nothing to say).
#[derive(Debug, Default, Serialize)]
struct Forgery {
    /// `flip`: which byte of the sealed bytes, and its value before and after.
    byte_index: usize,
    byte_before: String,
    byte_after: String,
    /// `expired`: the times written into the forged session.
    created_at: String,
    last_seen: String,
    ended_at: String,
    /// `old_format`: the version byte written, and the one the shop reads.
    version_written: u8,
    version_read: u8,
    /// `revoked`: the copy's own id, now revoked.
    copy_id: String,
}

/// The sealed value with one byte changed (one bit of it), and which.
fn flip_one_byte(sealed: &str, forgery: &mut Forgery) -> (String, Option<usize>) {
    let Ok(mut bytes) = STANDARD.decode(sealed) else {
        return (format!("{sealed}!"), None);
    };
    let index = bytes.len() / 2;
    let Some(byte) = bytes.get_mut(index) else {
        return (format!("{sealed}!"), None);
    };
    forgery.byte_index = index;
    forgery.byte_before = format!("0x{byte:02x}");
    *byte ^= 0x01;
    forgery.byte_after = format!("0x{byte:02x}");
    (STANDARD.encode(bytes), Some(index))
}

/// A forged cookie: its sealed value, what was done, the byte changed (for
/// `flip`), and how it opened.
struct Forged {
    sealed: String,
    forgery: Forgery,
    changed_byte: Option<usize>,
    opened: Opened,
}

/// Forges the cookie `kind` from `data` and opens it as every request's
/// cookie is opened, against the app's own ledger. The real session is not
/// touched; `revoked` revokes a copy of it under the copy's own id.
async fn forge(
    kind: TamperKind,
    data: &SessionData,
    settings: &SessionSettings,
    shop: &Shop,
    ledger: &Ledger,
    now: UnixTime,
    client: &str,
) -> Result<Forged, AppError> {
    let mut forgery = Forgery {
        version_read: FORMAT_VERSION,
        ..Forgery::default()
    };
    let honest = |data: &SessionData| settings.keys.seal(&cookie::encode(data));
    let mut changed_byte = None;
    let sealed = match kind {
        TamperKind::Unchanged => honest(data),
        TamperKind::Flip => {
            let (sealed, index) = flip_one_byte(&honest(data), &mut forgery);
            changed_byte = index;
            sealed
        }
        TamperKind::OtherKey => {
            cookie::seal_with(&::cookie::Key::generate(), &cookie::encode(data))
        }
        TamperKind::Expired => {
            let (ends_at, _) = settings.ends_at(data);
            let shift = ends_at - now + 1;
            let mut old = data.clone();
            old.created_at -= shift;
            old.last_seen -= shift;
            forgery.created_at = readable_time(old.created_at);
            forgery.last_seen = readable_time(old.last_seen);
            forgery.ended_at = readable_time(settings.ends_at(&old).0);
            honest(&old)
        }
        TamperKind::OldFormat => {
            let version = FORMAT_VERSION.wrapping_sub(1);
            forgery.version_written = version;
            settings.keys.seal(&cookie::encode_as(version, data))
        }
        TamperKind::Revoked => {
            // NOTE: the copy gets its own id, so revoking it for real (as
            // signing out does) leaves the visitor's own session open. The
            // id follows from the real one: asking again revokes nothing new.
            let mut copy = data.clone();
            copy.id = lab_copy_id(data.id);
            ledger
                .revoke(copy.id, settings.revocation_end(&copy, now), now, client)
                .await?;
            forgery.copy_id = copy.id.to_string();
            honest(&copy)
        }
    };
    let now_ms = now.saturating_mul(1000);
    let opened = open_sealed(Some(&sealed), settings, Some(ledger), Some(shop), now_ms);
    Ok(Forged {
        sealed,
        forgery,
        changed_byte,
        opened,
    })
}

/// The id of the lab's revoked copy of session `real`: the same for every
/// request of one session, and no other session's.
pub fn lab_copy_id(real: uuid::Uuid) -> uuid::Uuid {
    uuid::Uuid::new_v5(&real, b"session-shop tamper lab")
}

/// The kinds the lab offers, for its forms.
fn kinds() -> Vec<&'static str> {
    TamperKind::ALL.map(TamperKind::code).to_vec()
}

/// The address this request reached the shop at (`http://host:port`), for
/// commands to paste; from the `Host` header, else the configured address.
pub struct BaseUrl(pub String);

#[rocket::async_trait]
impl<'r> FromRequest<'r> for BaseUrl {
    type Error = std::convert::Infallible;

    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, Self::Error> {
        let config = req.rocket().config();
        let secure = req
            .rocket()
            .state::<SessionSettings>()
            .is_some_and(|settings| settings.secure);
        let scheme = if secure { "https" } else { "http" };
        let header = || {
            let text = req.headers().get_one("Host")?;
            rocket::http::uri::Host::parse(text)
                .ok()
                .map(|h| h.to_string())
        };
        let authority = req
            .host()
            .map(ToString::to_string)
            .or_else(header)
            .unwrap_or_else(|| format!("{}:{}", config.address, config.port));
        Outcome::Success(BaseUrl(format!("{scheme}://{authority}")))
    }
}

/// `POST /session/tamper`: forges a cookie from the visitor's session, opens
/// it, and shows what the server concluded and why. The session itself is
/// not changed.
///
/// NOTE: the result is sent uncompressed, like the inspector: it shows a
/// cookie sealed from the visitor's session (for `unchanged`, one that
/// opens as that session) and the session's id, beside the lab's form.
#[post("/session/tamper", data = "<form>")]
pub async fn tamper_with_session(
    form: CsrfForm<TamperForm>,
    session: Session<'_>,
    shop: &State<Shop>,
    ledger: &State<Ledger>,
    base: BaseUrl,
) -> Result<Uncompressed<Template>, AppError> {
    let layout_view = Layout::new(&session, shop);
    let Some(kind) = TamperKind::parse(form.0.kind.trim()) else {
        return Err(AppError::invalid(Template::render(
            "learn/tamper",
            context! { layout: layout_view, unknown_kind: form.0.kind, kinds: kinds() },
        )));
    };
    let data = session.data();
    let settings = session.settings();
    let client = session.client();
    let forged = forge(
        kind,
        data,
        settings,
        shop,
        ledger,
        session.now(),
        client.as_str(),
    )
    .await?;
    let sealed_layout = layout(&forged.sealed, forged.changed_byte);
    let cookie = cookie::build(forged.sealed, 0, settings.secure);
    let pair = cookie.stripped().encoded().to_string();
    let verdict = Verdict::of(&forged.opened);
    Ok(Uncompressed(Template::render(
        "learn/tamper",
        context! {
            layout: layout_view,
            kind,
            kinds: kinds(),
            forged_pair: &pair,
            forged_size: cookie::stored_size(&cookie),
            sealed: sealed_layout,
            forgery: forged.forgery,
            verdict,
            real_id: data.id.to_string(),
            idle: readable_duration(settings.idle_timeout),
            lifetime: readable_duration(settings.max_lifetime),
            curl: format!(
                "curl -s -b '{pair}' {}/session | grep -o 'data-verdict=\"[^\"]*\"'",
                base.0
            ),
        },
    )))
}

/// One of the four ways to keep a value, for the walkthrough's table.
#[derive(Debug, Serialize)]
struct Way<'l> {
    /// `plain`, `signed`, `private` or `server`.
    name: &'static str,
    /// The routes' common prefix.
    prefix: &'static str,
    set: &'l str,
    check: &'l str,
    pop: &'l str,
}

/// The four ways, as the walkthrough lays them side by side.
fn ways(links: &Links) -> [Way<'_>; 4] {
    let way = |name, prefix, set, check, pop| Way {
        name,
        prefix,
        set,
        check,
        pop,
    };
    [
        way(
            "plain",
            "/test/plain",
            &links.plain_set,
            &links.plain_check,
            &links.plain_pop,
        ),
        way(
            "signed",
            "/test/signed",
            &links.signed_set,
            &links.signed_check,
            &links.signed_pop,
        ),
        way(
            "private",
            "/test/session",
            &links.article_set,
            &links.article_check,
            &links.article_pop,
        ),
        way(
            "server",
            "/test/server",
            &links.server_set,
            &links.server_check,
            &links.server_pop,
        ),
    ]
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
            ways: ways(&shop.links),
            idle: readable_duration(settings.idle_timeout),
            lifetime: readable_duration(settings.max_lifetime),
            format_version: FORMAT_VERSION,
            product_id: product.map(|p| p.id.0),
            product_name: product.map(|p| p.name(session.lang())),
        },
    )
}

pub fn routes() -> Vec<Route> {
    routes![show_walkthrough, tamper_with_session]
}
