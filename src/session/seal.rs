//! The one response hook that writes the `session` cookie.
//!
//! It seals at most once per response, and only when there is something to
//! send: the handler changed the session; a page showed a new session's
//! token (so its forms work); the idle timer is due for a refresh; or the
//! cookie was opened with an older key. A flash message shown on a page is
//! retired here. Error responses leave the session as it was; only an error
//! page shown to a visitor without a session seals the new, empty one, so
//! the page's forms (language, sign-in) carry a token the browser holds.
//!
//! The decision itself is [`decide`], a pure function, so the inspector can
//! show what a response will send by the same rule.

use rocket::fairing::{Fairing, Info, Kind};
use rocket::http::{ContentType, Method, Status};
use rocket::{Request, Response};

use std::sync::Arc;

use crate::ledger::Ledger;
use crate::session::cookie;
use crate::session::data::SessionData;
use crate::session::guard::ClientAddress;
use crate::session::open::{slot, Opened, Source};
use crate::session::recent::{FormChange, RecentChanges};
use crate::session::settings::SessionSettings;

/// Seals the request's session into the response (see the module docs).
pub struct SealSession;

/// Why a response seals the session; several can hold at once.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Reasons {
    /// The handler changed the session through an intent method.
    pub changed: bool,
    /// A page showed the flash message that arrived; it is retired.
    pub flash_shown: bool,
    /// A page showed a session the browser does not hold yet (its forms
    /// need the token).
    pub new_session: bool,
    /// The cookie opened with an older key: re-sealed with the current one.
    pub old_key: bool,
    /// Cart lines were dropped on opening (products gone from sale).
    pub dropped_lines: bool,
    /// The idle timer is due for a refresh.
    pub idle_refresh: bool,
}

impl Reasons {
    /// Each reason with its code (`changed`, `flash_shown`, …), for the
    /// inspector to word.
    pub fn codes(self) -> [(bool, &'static str); 6] {
        let Reasons {
            changed,
            flash_shown,
            new_session,
            old_key,
            dropped_lines,
            idle_refresh,
        } = self;
        [
            (changed, "changed"),
            (flash_shown, "flash_shown"),
            (new_session, "new_session"),
            (old_key, "old_key"),
            (dropped_lines, "dropped_lines"),
            (idle_refresh, "idle_refresh"),
        ]
    }

    /// Whether any reason holds.
    pub fn any(self) -> bool {
        self.codes().iter().any(|&(holds, _)| holds)
    }
}

/// What a response does with the `session` cookie.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outgoing {
    /// Seals this session (its `last_seen` already set to the request's time).
    Seal(Box<SessionData>, Reasons),
    /// Tells the browser to forget the cookie it sent (no session in it).
    Forget,
    /// Sends nothing: the browser keeps the cookie it has, if any.
    Keep,
}

/// What a successful response sends, given the session as it arrived, as the
/// handler `left` it (and whether the handler changed it), and whether the
/// response is a page (200, HTML).
pub fn decide(
    opened: &Opened,
    left: Arc<SessionData>,
    changed: bool,
    page: bool,
    settings: &SessionSettings,
) -> Outgoing {
    let mut data = left;
    let mut reasons = Reasons {
        changed,
        ..Reasons::default()
    };
    if page {
        // A page shows the message that arrived, once.
        if data.flash.is_some() && data.flash == opened.data.flash {
            Arc::make_mut(&mut data).flash = None;
            reasons.flash_shown = true;
        }
        // A page's forms carry the token of the session it shows.
        reasons.new_session = matches!(opened.source, Source::New | Source::Rejected(_));
    }
    reasons.old_key = opened.source == Source::Fallback;
    reasons.dropped_lines = opened.dropped > 0;
    let resting = opened.now - data.last_seen;
    let in_use = matches!(opened.source, Source::Current | Source::Fallback);
    reasons.idle_refresh = in_use && resting >= settings.refresh_interval();
    if reasons.any() {
        let mut data = Arc::unwrap_or_clone(data);
        data.last_seen = opened.now;
        Outgoing::Seal(Box::new(data), reasons)
    } else if matches!(opened.source, Source::Rejected(_)) {
        Outgoing::Forget
    } else {
        Outgoing::Keep
    }
}

#[rocket::async_trait]
impl Fairing for SealSession {
    fn info(&self) -> Info {
        Info {
            name: "Seal the session cookie",
            kind: Kind::Response,
        }
    }

    async fn on_response<'r>(&self, req: &'r Request<'_>, res: &mut Response<'r>) {
        let slot = slot(req);
        let Some(opened) = slot.opened.get() else {
            return; // nothing opened the session: nothing to say about it
        };
        let status = res.status();
        let html = res.content_type() == Some(ContentType::HTML);
        let error = !(status.class().is_success() || status.class().is_redirection());
        let unheld = matches!(opened.source, Source::New | Source::Rejected(_));
        if error && !(html && unheld) {
            return;
        }
        let Some(settings) = req.rocket().state::<SessionSettings>() else {
            return;
        };
        // NOTE: read, not taken: the persona delays read it too. An error
        // page seals the session as it arrived, whatever the handler did.
        let (data, changed) = {
            let left = slot.left.lock().unwrap_or_else(|e| e.into_inner());
            match left.as_ref().filter(|_| !error) {
                Some(left) => (Arc::clone(&left.data), left.changed),
                None => (Arc::clone(&opened.data), false),
            }
        };
        let page = html && (status == Status::Ok || error);
        match decide(opened, data, changed, page, settings) {
            Outgoing::Seal(data, reasons) => {
                let (ends_at, _) = settings.ends_at(&data);
                let sealed = slot.seal(&data, &settings.keys);
                let cookie = cookie::build(sealed, ends_at - opened.now, settings.secure);
                res.adjoin_header(cookie);
                let form = req.method() == Method::Post && status.class().is_redirection();
                // NOTE: a session that an account left (signing out, or in
                // as another) is never shown to the session that follows.
                let left_account = opened.data.user.is_some() && opened.data.user != data.user;
                if let (true, true, false, Some(recent), Some(ledger)) = (
                    form,
                    reasons.changed,
                    left_account,
                    req.rocket().state::<RecentChanges>(),
                    req.rocket().state::<Ledger>(),
                ) {
                    let change = FormChange {
                        request: format!("POST {}", req.uri().path()),
                        before: (*opened.data).clone(),
                        after: *data,
                    };
                    let owner = ledger.client_key(ClientAddress::of(req).as_str());
                    recent.keep(&change, opened.now, owner).await;
                }
            }
            Outgoing::Forget => res.adjoin_header(cookie::removal(settings.secure)),
            Outgoing::Keep => {}
        }
    }
}
