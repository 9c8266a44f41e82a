//! The session: one private cookie named `session` holding [`SessionData`].
//!
//! Its whole life is here. A request's cookie is opened once
//! ([`opened`]): decrypted, decoded, checked against its idle and absolute
//! limits and the server's revocations, and its cart reconciled with the
//! catalog. Handlers take the [`Session`] guard and say what happened
//! through its intent methods (`add_to_cart`, `log_in`, `notify`, …). One
//! response hook ([`seal::SealSession`]) then seals the cookie at most
//! once, and only when the session changed or its idle timer is due.

pub mod cookie;
pub mod data;
pub mod seal;

use std::sync::{Arc, Mutex, OnceLock};

use rocket::http::Method;
use rocket::request::{FromRequest, Outcome, Request};

use crate::auth::Account;
use crate::cart::{CartError, Quantity};
use crate::catalog::ProductId;
use crate::checkout::ShippingDetails;
use crate::clock::{Clock, UnixMillis, UnixTime};
use crate::lang::Lang;
use crate::ledger::{Ledger, LedgerError};
use crate::personas::Persona;
use crate::shop::Shop;
pub use data::{Checkout, CsrfToken, Flash, Notice, OrderRef, SessionData};

/// How sessions are kept, from the app's configuration.
pub struct SessionSettings {
    /// Seconds without a request after which a session ends.
    pub idle_timeout: i64,
    /// Seconds after its creation at which a session ends, however active.
    pub max_lifetime: i64,
    /// The key that seals, and older keys that still open (rotation).
    pub keys: cookie::Keys,
    /// Whether cookies get `Secure` (TLS, or `secure_cookies`).
    pub secure: bool,
}

/// Which limit ends a session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    /// `session_idle_timeout` after the last request.
    Idle,
    /// `session_max_lifetime` after the session began.
    Absolute,
}

impl SessionSettings {
    /// When `data` ends if no further request comes, and which limit ends it.
    pub fn ends_at(&self, data: &SessionData) -> (UnixTime, Limit) {
        let idle_end = data.last_seen.saturating_add(self.idle_timeout);
        let absolute_end = self.absolute_end(data);
        if idle_end < absolute_end {
            (idle_end, Limit::Idle)
        } else {
            (absolute_end, Limit::Absolute)
        }
    }

    /// When `data` ends whatever its activity.
    pub fn absolute_end(&self, data: &SessionData) -> UnixTime {
        data.created_at.saturating_add(self.max_lifetime)
    }

    /// How often a session in use is re-sealed only to restart its idle
    /// timer: `min(60 s, idle timeout / 10)`.
    pub fn refresh_interval(&self) -> i64 {
        (self.idle_timeout / 10).min(60)
    }
}

/// Why a cookie that arrived opened as no session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rejection {
    /// It does not decrypt with any of the app's keys: changed on the way,
    /// or sealed by another site.
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
struct Slot {
    opened: OnceLock<Opened>,
    left: Mutex<Option<Left>>,
}

/// The session as a handler left it.
struct Left {
    data: Arc<SessionData>,
    changed: bool,
    account: Option<Arc<Account>>,
    signed_in: bool,
}

fn slot<'r>(req: &'r Request<'_>) -> &'r Slot {
    req.local_cache(Slot::default)
}

/// The request's session as it arrived (or a new one), opened once per request.
pub fn opened<'r>(req: &'r Request<'_>) -> &'r Opened {
    slot(req).opened.get_or_init(|| {
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
    })
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
fn browser_language(req: &Request<'_>) -> Option<Lang> {
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

/// A session that ended: its id, to be remembered as revoked until the
/// session would have ended anyway.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ended {
    pub id: uuid::Uuid,
    pub until: UnixTime,
}

/// The request's session, as a unit of work: read it, and say what happened
/// through its intent methods. What the handler leaves is sealed by the
/// response hook, only if something changed.
pub struct Session<'r> {
    data: Arc<SessionData>,
    changed: bool,
    account: Option<Arc<Account>>,
    /// Whether this request signed the account in.
    signed_in: bool,
    now: UnixTime,
    browser_lang: Option<Lang>,
    here: Option<&'r rocket::http::uri::Origin<'r>>,
    dropped: usize,
    slot: &'r Slot,
    arrived: &'r Opened,
    settings: &'r SessionSettings,
}

#[rocket::async_trait]
impl<'r> FromRequest<'r> for Session<'r> {
    type Error = std::convert::Infallible;

    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, Self::Error> {
        let Some(settings) = req.rocket().state::<SessionSettings>() else {
            return Outcome::Forward(rocket::http::Status::InternalServerError);
        };
        let opened = opened(req);
        Outcome::Success(Session {
            data: Arc::clone(&opened.data),
            changed: false,
            account: opened.account.clone(),
            signed_in: false,
            now: opened.now,
            browser_lang: browser_language(req),
            // NOTE: only a page fetched with GET can be come back to.
            here: (req.method() == Method::Get).then(|| req.uri()),
            dropped: opened.dropped,
            slot: slot(req),
            arrived: opened,
            settings,
        })
    }
}

// NOTE: the handler's changes reach the seal through this `Drop`: a
// handler that takes two `Session` guards, or moves one into a spawned
// task, loses the changes of all but the last one dropped.
impl Drop for Session<'_> {
    fn drop(&mut self) {
        let left = Left {
            data: Arc::clone(&self.data),
            changed: self.changed,
            account: self.account.clone(),
            signed_in: self.signed_in,
        };
        *self.slot.left.lock().unwrap_or_else(|e| e.into_inner()) = Some(left);
    }
}

impl Session<'_> {
    /// What the session holds (read only: changes go through the intent methods).
    pub fn data(&self) -> &SessionData {
        &self.data
    }

    /// The session as it arrived with the request, before the handler ran.
    pub fn arrived(&self) -> &Opened {
        self.arrived
    }

    /// How sessions are kept (limits, keys, cookie attributes).
    pub fn settings(&self) -> &SessionSettings {
        self.settings
    }

    /// The time this request is handled at.
    pub fn now(&self) -> UnixTime {
        self.now
    }

    /// The time this request is handled at, to the millisecond.
    pub fn now_ms(&self) -> UnixMillis {
        self.arrived.now_ms
    }

    /// The signed-in account, if any.
    pub fn account(&self) -> Option<&Account> {
        self.account.as_deref()
    }

    /// The signed-in account's persona: what deliberate faults this
    /// session shows (`Normal` for guests).
    pub fn persona(&self) -> Persona {
        self.account
            .as_ref()
            .map_or_else(Persona::default, |a| a.persona)
    }

    /// The language to answer in: the session's choice, else the
    /// browser's, else English.
    pub fn lang(&self) -> Lang {
        self.data.lang.or(self.browser_lang).unwrap_or_default()
    }

    /// The path and query of the page being answered (for "come back
    /// here"); the home page when answering a form.
    pub fn here(&self) -> String {
        self.here
            .map_or_else(|| "/".to_owned(), ToString::to_string)
    }

    /// How many cart lines were dropped on opening (products gone from sale).
    pub fn dropped_lines(&self) -> usize {
        self.dropped
    }

    /// When the session ends if no further request comes, and which limit ends it.
    pub fn ends_at(&self) -> (UnixTime, Limit) {
        self.settings.ends_at(&self.data)
    }

    /// When the session ends whatever its activity.
    pub fn absolute_end(&self) -> UnixTime {
        self.settings.absolute_end(&self.data)
    }

    fn change(&mut self) -> &mut SessionData {
        self.changed = true;
        Arc::make_mut(&mut self.data)
    }

    /// Leaves a one-time message for the next page.
    pub fn notify(&mut self, notice: Notice) {
        let data = self.change();
        data.flash_count = data.flash_count.wrapping_add(1);
        data.flash = Some(Flash {
            id: data.flash_count,
            kind: notice,
        });
    }

    /// Adds `quantity` of a product to its line, or starts one.
    pub fn add_to_cart(&mut self, id: ProductId, quantity: Quantity) -> Result<(), CartError> {
        let mut cart = self.data.cart.clone();
        cart.add(id, quantity)?;
        self.change().cart = cart;
        Ok(())
    }

    /// Sets a line's quantity; `None` removes the line.
    pub fn set_cart_line(
        &mut self,
        id: ProductId,
        quantity: Option<Quantity>,
    ) -> Result<(), CartError> {
        let mut cart = self.data.cart.clone();
        cart.set(id, quantity)?;
        self.change().cart = cart;
        Ok(())
    }

    /// Removes a product's line, if there is one.
    pub fn remove_from_cart(&mut self, id: ProductId) {
        self.change().cart.remove(id);
    }

    /// Empties the cart.
    pub fn clear_cart(&mut self) {
        self.change().cart.clear();
    }

    /// Signs `account` in. Keeps a guest's cart but gives the session a new
    /// id and CSRF token, so an id planted before is worthless after. Signing
    /// in as another account than the one signed in starts from an empty
    /// session; the old one is returned, to be revoked.
    pub fn log_in(&mut self, account: &Arc<Account>) -> Option<Ended> {
        let username = account.username.as_str();
        let switched = self
            .data
            .user
            .as_deref()
            .is_some_and(|current| current != username);
        let ended = switched.then(|| self.end());
        let fresh = SessionData::new(self.now);
        let data = self.change();
        data.id = fresh.id;
        data.csrf_token = fresh.csrf_token;
        data.user = Some(username.to_owned());
        self.account = Some(Arc::clone(account));
        self.signed_in = true;
        ended
    }

    /// Ends the whole session (user, cart, everything) and starts a new,
    /// empty one. Returns the ended session, to be revoked.
    pub fn end(&mut self) -> Ended {
        let ended = Ended {
            id: self.data.id,
            until: self.settings.absolute_end(&self.data),
        };
        *self.change() = SessionData::new(self.now);
        self.account = None;
        self.signed_in = false;
        ended
    }

    /// Ends the whole session, like [`Session::end`], and has the ledger
    /// revoke its id, so every copy of the old cookie opens as no session.
    pub async fn end_everywhere(&mut self, ledger: &Ledger) -> Result<(), LedgerError> {
        let now = self.now;
        let ended = self.end();
        ledger.revoke(ended.id, ended.until, now).await
    }

    /// Stores the language the visitor chose.
    pub fn choose_language(&mut self, lang: Lang) {
        self.change().lang = Some(lang);
    }

    /// Sets the tutorial's demo value `username`.
    pub fn set_demo_value(&mut self, value: &str) {
        if self.data.username.as_deref() != Some(value) {
            self.change().username = Some(value.to_owned());
        }
    }

    /// Removes the tutorial's demo value; fine when it is not set.
    pub fn remove_demo_value(&mut self) {
        if self.data.username.is_some() {
            self.change().username = None;
        }
    }

    /// Keeps the shipping details given at checkout.
    pub fn save_shipping(&mut self, details: ShippingDetails) {
        self.change().checkout.shipping = Some(details);
    }

    /// Notes that placing this checkout's order failed once.
    pub fn note_failed_order(&mut self) {
        self.change().checkout.failed_once = true;
    }

    /// Records that this checkout placed `order`: the cart is emptied and a
    /// new checkout begins (keeping the details for next time).
    pub fn record_order(&mut self, order: OrderRef) {
        let data = self.change();
        data.last_order = Some(order);
        data.cart.clear();
        let shipping = data.checkout.shipping.take();
        data.checkout = Checkout {
            shipping,
            ..Checkout::new()
        };
    }
}
