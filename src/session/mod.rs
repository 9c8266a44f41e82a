//! The session: one Rocket private cookie named `session` holding
//! [`SessionData`]. Handlers take the [`Session`] guard, change its data and
//! call [`Session::save`]; they never touch the cookie itself.

pub mod cookie;
pub mod data;

use rocket::http::{Cookie, CookieJar, Method, SameSite, Status};
use rocket::request::{FromRequest, Outcome, Request};

use crate::clock::{Clock, UnixTime};
use crate::i18n::Lang;
pub use data::{Flash, SessionData};

/// How sessions are kept, from the app's configuration.
pub struct SessionSettings {
    /// Seconds without a request after which a session ends.
    pub idle_timeout: i64,
    /// Seconds after its creation at which a session ends, however active.
    pub max_lifetime: i64,
    /// Older keys whose sessions still open (and are re-sealed).
    pub fallback_keys: Vec<::cookie::Key>,
    /// Whether the site is served over TLS (cookies get `Secure`).
    pub secure: bool,
}

impl SessionSettings {
    /// When `data` ends if no further request comes.
    pub fn expires_at(&self, data: &SessionData) -> UnixTime {
        let idle_end = data.last_seen.saturating_add(self.idle_timeout);
        let absolute_end = data.created_at.saturating_add(self.max_lifetime);
        idle_end.min(absolute_end)
    }

    /// Whether `data` has ended at `now`.
    pub fn is_expired(&self, data: &SessionData, now: UnixTime) -> bool {
        now >= self.expires_at(data)
    }
}

/// Where the request's session came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// No cookie: a new session, saved only if a handler saves it.
    New,
    /// A cookie that was tampered with, sealed with an unknown key, of an
    /// old format, or expired: treated as no session, and removed.
    Rejected,
    /// A valid cookie sealed with the current key.
    Current,
    /// A valid cookie sealed with a fallback key: re-sealed with the current one.
    Fallback,
}

/// The session as it arrived with the request, opened once and cached.
#[derive(Debug, Clone)]
pub struct Opened {
    pub data: SessionData,
    pub source: Source,
    pub now: UnixTime,
}

/// The request's session as it arrived (or a new one), opened once per request.
pub fn opened<'r>(req: &'r Request<'_>) -> &'r Opened {
    req.local_cache(|| open(req))
}

/// The request's session data as it arrived (or a new session).
pub fn current<'r>(req: &'r Request<'_>) -> &'r SessionData {
    &opened(req).data
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

fn open(req: &Request<'_>) -> Opened {
    let now = req
        .rocket()
        .state::<Clock>()
        .map_or_else(|| Clock::System.now(), Clock::now);
    let fresh = |source| Opened {
        data: SessionData::new(now),
        source,
        now,
    };
    let jar = req.cookies();
    let Some(sealed) = jar.get(cookie::COOKIE_NAME) else {
        return fresh(Source::New);
    };
    let Some(settings) = req.rocket().state::<SessionSettings>() else {
        return fresh(Source::Rejected);
    };
    let (value, source) = match jar.get_private(cookie::COOKIE_NAME) {
        Some(opened) => (opened.value().to_owned(), Source::Current),
        None => match settings
            .fallback_keys
            .iter()
            .find_map(|key| cookie::open_with(key, sealed.value()))
        {
            Some(value) => (value, Source::Fallback),
            None => return fresh(Source::Rejected),
        },
    };
    match cookie::decode(&value) {
        Some(data) if !settings.is_expired(&data, now) => Opened { data, source, now },
        _ => fresh(Source::Rejected),
    }
}

/// The request's session, ready to read and change. A valid session is
/// touched (its idle timer restarts) as soon as the guard runs; changes are
/// kept only when the handler calls [`Session::save`].
pub struct Session<'r> {
    data: SessionData,
    now: UnixTime,
    browser_lang: Option<Lang>,
    here: String,
    jar: &'r CookieJar<'r>,
    settings: &'r SessionSettings,
}

#[rocket::async_trait]
impl<'r> FromRequest<'r> for Session<'r> {
    type Error = &'static str;

    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, Self::Error> {
        let Some(settings) = req.rocket().state::<SessionSettings>() else {
            return Outcome::Error((Status::InternalServerError, "session settings missing"));
        };
        let opened = opened(req);
        let mut session = Session {
            data: opened.data.clone(),
            now: opened.now,
            browser_lang: browser_language(req),
            // NOTE: only a page fetched with GET can be come back to.
            here: match req.method() {
                Method::Get => req.uri().to_string(),
                _ => "/".to_owned(),
            },
            jar: req.cookies(),
            settings,
        };
        match opened.source {
            Source::New => {}
            Source::Rejected => session.forget(),
            Source::Current | Source::Fallback => {
                session.data.last_seen = session.now;
                session.save();
            }
        }
        Outcome::Success(session)
    }
}

impl Session<'_> {
    /// The time this request is handled at.
    pub fn now(&self) -> UnixTime {
        self.now
    }

    /// The language to answer in: the session's choice, else the
    /// browser's, else English.
    pub fn lang(&self) -> Lang {
        self.data.lang.or(self.browser_lang).unwrap_or_default()
    }

    /// The path and query of the page being answered (for "come back here").
    pub fn here(&self) -> &str {
        &self.here
    }

    /// When the session ends if no further request comes.
    pub fn expires_at(&self) -> UnixTime {
        self.settings.expires_at(&self.data)
    }

    /// Seals the session into the `session` cookie of the response.
    pub fn save(&self) {
        let max_age = (self.expires_at() - self.now).max(0);
        let cookie = Cookie::build((cookie::COOKIE_NAME, cookie::encode(&self.data)))
            .http_only(true)
            .same_site(SameSite::Lax)
            .path("/")
            .secure(self.settings.secure)
            .max_age(rocket::time::Duration::seconds(max_age))
            // NOTE: Max-Age alone is the browser's hint; the real expiry is
            // checked on the server from the times inside the sealed value.
            .expires(::cookie::Expiration::Session);
        self.jar.add_private(cookie);
    }

    /// Ends the session: everything is dropped and a new, empty session
    /// takes its place (saved only if the handler saves it).
    pub fn end(&mut self) {
        self.data = SessionData::new(self.now);
        self.forget();
    }

    /// Gives the session a new id and CSRF token, keeping its contents
    /// (at login, so an id planted before it is worthless after).
    pub fn renew(&mut self) {
        let fresh = SessionData::new(self.now);
        self.data.id = fresh.id;
        self.data.csrf_token = fresh.csrf_token;
    }

    /// The size of the cookie this session seals into, against the
    /// [`cookie::MAX_COOKIE_BYTES`] budget.
    pub fn cookie_size(&self) -> usize {
        cookie::sealed_size(cookie::encode(&self.data).len())
    }

    fn forget(&self) {
        self.jar
            .remove(Cookie::build(cookie::COOKIE_NAME).path("/"));
    }
}

impl std::ops::Deref for Session<'_> {
    type Target = SessionData;

    fn deref(&self) -> &SessionData {
        &self.data
    }
}

impl std::ops::DerefMut for Session<'_> {
    fn deref_mut(&mut self) -> &mut SessionData {
        &mut self.data
    }
}
