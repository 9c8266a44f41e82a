//! Opening a request's session, once: the cookie decrypted, decoded, checked
//! against its limits and the server's revocations, its cart reconciled with
//! the catalog and its account looked up. The request-local slot keeps what
//! arrived and what the handler left, for the seal.

use std::sync::{Arc, Mutex, OnceLock};

use rocket::request::Request;

use crate::auth::Account;
use crate::clock::{Clock, UnixMillis, UnixTime};
use crate::lang::Lang;
use crate::ledger::Ledger;
use crate::personas::Persona;
use crate::session::cookie;
use crate::session::data::SessionData;
use crate::session::settings::{Limit, SessionSettings};
use crate::shop::Shop;

/// Why a cookie that arrived opened as no session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rejection {
    /// It does not decrypt with any of the app's keys: changed after it was
    /// sealed, or sealed with another key (the two look the same).
    Unsealed,
    /// It decrypts, but was written by another version of the shop.
    OtherVersion,
    /// It decrypts, but is not a session.
    Garbled,
    /// Its time is up: the idle or the absolute limit passed.
    Expired(Limit),
    /// Its session was ended (logout, reset, account switch) and the
    /// server remembers it.
    Revoked,
    /// It is longer than any cookie a browser keeps: not even opened.
    TooLarge,
}

/// Where the request's session came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// No cookie: a new session, sealed only if a page needs it.
    New,
    /// A cookie that is no session (see [`Rejection`]): a new session, and
    /// the browser is told to forget the old cookie.
    Rejected(Rejection),
    /// A valid cookie sealed with the current key.
    Current,
    /// A valid cookie sealed with an older key: re-sealed with the current one.
    Fallback,
}

/// A request's session as it arrived (or a new one), opened once.
#[derive(Debug, Clone)]
pub struct Opened {
    /// Shared with the guard, which copies it only when a handler changes it.
    pub data: Arc<SessionData>,
    pub source: Source,
    /// The time the request is handled at.
    pub now: UnixTime,
    /// The same time, to the millisecond.
    pub now_ms: UnixMillis,
    /// Cart lines dropped because their product is no longer sold.
    pub dropped: usize,
    /// The signed-in account, looked up once.
    pub account: Option<Arc<Account>>,
}

impl Opened {
    /// A new, empty session at `now_ms`.
    fn fresh(source: Source, now_ms: UnixMillis) -> Opened {
        let now = now_ms.div_euclid(1000);
        Opened {
            data: Arc::new(SessionData::new(now)),
            source,
            now,
            now_ms,
            dropped: 0,
            account: None,
        }
    }

    /// The signed-in account's persona (`Normal` for guests).
    pub fn persona(&self) -> Persona {
        self.account
            .as_ref()
            .map_or_else(Persona::default, |a| a.persona)
    }
}

/// Opens a sealed cookie value the way every request's cookie is opened.
pub fn open_sealed(
    sealed: Option<&str>,
    settings: &SessionSettings,
    ledger: Option<&Ledger>,
    shop: Option<&Shop>,
    now_ms: UnixMillis,
) -> Opened {
    let now = now_ms.div_euclid(1000);
    let fresh = |source| Opened::fresh(source, now_ms);
    let Some(sealed) = sealed else {
        return fresh(Source::New);
    };
    if cookie::COOKIE_NAME.len() + 1 + sealed.len() > cookie::MAX_COOKIE_BYTES {
        return fresh(Source::Rejected(Rejection::TooLarge));
    }
    let Some((value, key)) = settings.keys.open(sealed) else {
        return fresh(Source::Rejected(Rejection::Unsealed));
    };
    let mut data = match cookie::decode(&value) {
        Ok(data) => data,
        Err(cookie::DecodeError::OtherVersion) => {
            return fresh(Source::Rejected(Rejection::OtherVersion))
        }
        Err(cookie::DecodeError::Garbled) => return fresh(Source::Rejected(Rejection::Garbled)),
    };
    let (ends_at, limit) = settings.ends_at(&data);
    if now >= ends_at {
        return fresh(Source::Rejected(Rejection::Expired(limit)));
    }
    if ledger.is_some_and(|ledger| ledger.is_revoked(data.id, now)) {
        return fresh(Source::Rejected(Rejection::Revoked));
    }
    let dropped = shop.map_or(0, |shop| data.cart.drop_unknown(&shop.catalog));
    let account = shop
        .zip(data.user.as_deref())
        .and_then(|(shop, user)| shop.accounts.get(user))
        .map(Arc::clone);
    let source = match key {
        cookie::KeyUsed::Current => Source::Current,
        cookie::KeyUsed::Fallback => Source::Fallback,
    };
    Opened {
        data: Arc::new(data),
        source,
        now,
        now_ms,
        dropped,
        account,
    }
}

/// What one request knows of its session: the session as opened, and what
/// the handler left it as.
#[derive(Default)]
pub(super) struct Slot {
    pub(super) opened: OnceLock<Opened>,
    pub(super) left: Mutex<Option<Left>>,
    /// The session sealed for this response, and its sealed value: sealed
    /// once, so a page that shows the cookie it sends shows it exactly.
    pub(super) sealed: OnceLock<(SessionData, String)>,
}

impl Slot {
    /// `data` sealed with `keys`, once per response: a second call with the
    /// same data answers the same value.
    pub(super) fn seal(&self, data: &SessionData, keys: &super::cookie::Keys) -> String {
        let (kept, sealed) = self
            .sealed
            .get_or_init(|| (data.clone(), keys.seal(&super::cookie::encode(data))));
        if kept == data {
            sealed.clone()
        } else {
            keys.seal(&super::cookie::encode(data))
        }
    }
}

/// The session as a handler left it.
pub(super) struct Left {
    pub(super) data: Arc<SessionData>,
    pub(super) changed: bool,
    pub(super) account: Option<Arc<Account>>,
    pub(super) signed_in: bool,
}

pub(super) fn slot<'r>(req: &'r Request<'_>) -> &'r Slot {
    req.local_cache(Slot::default)
}

/// The request's session as it arrived (or a new one), opened once per request.
pub fn opened<'r>(req: &'r Request<'_>) -> &'r Opened {
    slot(req).opened.get_or_init(|| open_request(req))
}

/// Opens the request's cookie, apart from the request's session: the
/// response hook never hears of it, so nothing is sealed because of it.
fn open_request(req: &Request<'_>) -> Opened {
    let rocket = req.rocket();
    let now_ms = rocket
        .state::<Clock>()
        .map_or_else(|| Clock::System.now_ms(), Clock::now_ms);
    let sealed = req.cookies().get(cookie::COOKIE_NAME).map(|c| c.value());
    match rocket.state::<SessionSettings>() {
        Some(settings) => open_sealed(
            sealed,
            settings,
            rocket.state::<Ledger>(),
            rocket.state::<Shop>(),
            now_ms,
        ),
        None => Opened::fresh(Source::New, now_ms),
    }
}

/// The request's session, if something read it (answers that do not depend
/// on the visitor, such as static files or the health check, never do).
pub fn opened_if_read<'r>(req: &'r Request<'_>) -> Option<&'r Opened> {
    slot(req).opened.get()
}

/// The request's session data as it arrived (or a new session).
pub fn current<'r>(req: &'r Request<'_>) -> &'r SessionData {
    &opened(req).data
}

/// The request's signed-in account as the session arrived (error pages).
pub fn account<'r>(req: &'r Request<'_>) -> Option<&'r Account> {
    opened(req).account.as_deref()
}

/// The persona a request leaves as, when a handler took its session, and
/// whether that request signed the account in.
pub fn left_persona(req: &Request<'_>) -> Option<(Persona, bool)> {
    let left = slot(req).left.lock().unwrap_or_else(|e| e.into_inner());
    let left = left.as_ref()?;
    Some((left.account.as_ref()?.persona, left.signed_in))
}

/// The language the browser prefers among the shop's (`Accept-Language`).
pub(super) fn browser_language(req: &Request<'_>) -> Option<Lang> {
    req.headers()
        .get("Accept-Language")
        .find_map(Lang::negotiate)
}

/// The language to answer in: the session's choice, else the browser's
/// `Accept-Language`, else English.
pub fn language(req: &Request<'_>) -> Lang {
    current(req)
        .lang
        .or_else(|| browser_language(req))
        .unwrap_or_default()
}

/// The language to answer in, as [`language`] says, for a response that
/// takes no part in the session (it never seals one, nor refreshes it).
pub fn language_apart(req: &Request<'_>) -> Lang {
    match slot(req).opened.get() {
        Some(opened) => opened.data.lang,
        None => open_request(req).data.lang,
    }
    .or_else(|| browser_language(req))
    .unwrap_or_default()
}
