//! The `Session` request guard: a handler's unit of work on the session.
//! It reads the session as opened and changes it only through intent
//! methods; what it leaves is handed to the seal when it is dropped.

use std::sync::Arc;

use rocket::http::Method;
use rocket::request::{FromRequest, Outcome, Request};

use crate::auth::Account;
use crate::cart::{CartError, Quantity};
use crate::catalog::ProductId;
use crate::checkout::ShippingDetails;
use crate::clock::{UnixMillis, UnixTime};
use crate::lang::Lang;
use crate::ledger::{Ledger, LedgerError};
use crate::personas::Persona;
use crate::session::data::{Checkout, Flash, Notice, OrderRef, SessionData};
use crate::session::open::{browser_language, opened, slot, Left, Opened, Slot};
use crate::session::settings::{Limit, SessionSettings};

/// A session that ended: its id, to be remembered as revoked until the
/// session would have ended anyway.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ended {
    pub id: uuid::Uuid,
    pub until: UnixTime,
}

/// The query fields a page reads, kept when coming back to it.
const COME_BACK_QUERY: [&str; 2] = ["sort", "next"];

/// The client's address (`ip_header` aware, "unknown" when Rocket has
/// none), as a request guard: what throttles and fair shares count by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientAddress(String);

impl ClientAddress {
    /// The address of the client that sent `req`.
    pub fn of(req: &Request<'_>) -> ClientAddress {
        ClientAddress::from_ip(req.client_ip())
    }

    fn from_ip(ip: Option<std::net::IpAddr>) -> ClientAddress {
        ClientAddress(ip.map_or_else(|| "unknown".to_owned(), |ip| ip.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[rocket::async_trait]
impl<'r> FromRequest<'r> for ClientAddress {
    type Error = std::convert::Infallible;

    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, Self::Error> {
        Outcome::Success(ClientAddress::of(req))
    }
}

/// What became of an add to cart the cart would take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Added {
    Added,
    /// The persona's fault: nothing was added.
    FailedOnPurpose,
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
    /// The client's address, written out only when a handler asks.
    client_ip: Option<std::net::IpAddr>,
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
            client_ip: req.client_ip(),
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

    /// The path of the page being answered, with only the query fields a
    /// page reads (`sort`, `next`), for "come back here"; the home page
    /// when answering a form.
    // NOTE: a page is compressed, so no text a request chose freely may sit
    // in it beside what the page shows of the session (the shipping
    // details, say): its size would tell a guess right (BREACH).
    pub fn here(&self) -> String {
        let Some(uri) = self.here else {
            return "/".to_owned();
        };
        let kept: Vec<&str> = uri
            .query()
            .map(|query| query.as_str().split('&'))
            .into_iter()
            .flatten()
            .filter(|pair| {
                let key = pair.split('=').next().unwrap_or_default();
                COME_BACK_QUERY.contains(&key)
            })
            .collect();
        if kept.is_empty() {
            uri.path().to_string()
        } else {
            format!("{}?{}", uri.path(), kept.join("&"))
        }
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

    /// Adds like [`Session::add_to_cart`], as an Add to cart form does: a
    /// persona whose rule numbers the adds (`flaky`) counts this one, and
    /// may fail it on purpose, when only the count changes.
    pub fn add_to_cart_from_form(
        &mut self,
        id: ProductId,
        quantity: Quantity,
    ) -> Result<Added, CartError> {
        let mut cart = self.data.cart.clone();
        cart.add(id, quantity)?;
        let persona = self.persona();
        if persona.add_seed(self.data.id).is_some() {
            let data = self.change();
            data.adds = data.adds.saturating_add(1);
            if persona.add_fails(data.id, data.adds) {
                return Ok(Added::FailedOnPurpose);
            }
        }
        self.change().cart = cart;
        Ok(Added::Added)
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
    /// id and CSRF token: the sign-in lives only in the new cookie, and a
    /// token known from before no longer passes. Signing in as another
    /// account than the one signed in starts from an empty session. Returns
    /// the session that ended, to be revoked: a copy of the cookie from
    /// before the sign-in opens as no session.
    pub fn log_in(&mut self, account: &Arc<Account>) -> Ended {
        let username = account.username.as_str();
        let switched = self
            .data
            .user
            .as_deref()
            .is_some_and(|current| current != username);
        let ended = if switched {
            self.end()
        } else {
            Ended {
                id: self.data.id,
                until: self.settings.revocation_end(&self.data, self.now),
            }
        };
        let fresh = SessionData::new(self.now);
        let data = self.change();
        data.id = fresh.id;
        data.csrf_token = fresh.csrf_token;
        data.user = Some(username.to_owned());
        data.adds = 0;
        self.account = Some(Arc::clone(account));
        self.signed_in = true;
        ended
    }

    /// Ends the whole session (user, cart, everything) and starts a new,
    /// empty one that keeps only the language chosen. Returns the ended
    /// session, to be revoked.
    pub fn end(&mut self) -> Ended {
        let ended = Ended {
            id: self.data.id,
            until: self.settings.revocation_end(&self.data, self.now),
        };
        let mut fresh = SessionData::new(self.now);
        fresh.lang = self.data.lang;
        *self.change() = fresh;
        self.account = None;
        self.signed_in = false;
        ended
    }

    /// Empties the cart and forgets the checkout, the last order, the demo
    /// value, any pending message and the count of adds, but keeps the session itself: who is
    /// signed in, the language, the id and the CSRF token (the shop's
    /// "Reset App State").
    pub fn reset_state(&mut self) {
        let data = self.change();
        data.cart.clear();
        data.username = None;
        data.checkout = Checkout::new();
        data.last_order = None;
        data.flash = None;
        data.adds = 0;
    }

    /// Ends the whole session, like [`Session::end`], and has the ledger
    /// revoke its id, so every copy of the old cookie opens as no session.
    pub async fn end_everywhere(&mut self, ledger: &Ledger) -> Result<(), LedgerError> {
        let now = self.now;
        let ended = self.end();
        ledger
            .revoke(ended.id, ended.until, now, self.client().as_str())
            .await
    }

    /// `data` sealed as this response's cookie will be: the same value the
    /// response sends, when it sends this data.
    pub fn sealed_for_response(&self, data: &SessionData) -> String {
        self.slot.seal(data, &self.settings.keys)
    }

    /// The address of the client that sent the request.
    pub fn client(&self) -> ClientAddress {
        ClientAddress::from_ip(self.client_ip)
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
