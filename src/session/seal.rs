//! The one response hook that writes the `session` cookie.
//!
//! It seals at most once per response, and only when there is something to
//! send: the handler changed the session; a page showed a new session's
//! token (so its forms work); the idle timer is due for a refresh; or the
//! cookie was opened with an older key. A flash message shown on a page is
//! retired here. Error responses leave the session as it was.

use rocket::fairing::{Fairing, Info, Kind};
use rocket::http::{ContentType, Status};
use rocket::{Request, Response};

use super::{cookie, slot, Left, SessionSettings, Source};

/// Seals the request's session into the response (see the module docs).
pub struct SealSession;

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
        if !(status.class().is_success() || status.class().is_redirection()) {
            return;
        }
        let Some(settings) = req.rocket().state::<SessionSettings>() else {
            return;
        };
        let left = slot.left.lock().unwrap_or_else(|e| e.into_inner()).take();
        let Left {
            mut data,
            mut changed,
        } = left.unwrap_or_else(|| Left {
            data: opened.data.clone(),
            changed: false,
        });
        let page = status == Status::Ok && res.content_type() == Some(ContentType::HTML);
        if page {
            // A page shows the message that arrived, once.
            if data.flash.is_some() && data.flash == opened.data.flash {
                data.flash = None;
                changed = true;
            }
            // A page's forms carry the token of the session it shows.
            changed |= matches!(opened.source, Source::New | Source::Rejected(_));
        }
        changed |= opened.source == Source::Fallback || opened.dropped > 0;
        let resting = opened.now - data.last_seen;
        let in_use = matches!(opened.source, Source::Current | Source::Fallback);
        changed |= in_use && resting >= settings.refresh_interval();
        if changed {
            data.last_seen = opened.now;
            let (ends_at, _) = settings.ends_at(&data);
            let sealed = settings.keys.seal(&cookie::encode(&data));
            let cookie = cookie::build(sealed, ends_at - opened.now, settings.secure);
            res.adjoin_header(cookie);
        } else if matches!(opened.source, Source::Rejected(_)) {
            res.adjoin_header(cookie::removal(settings.secure));
        }
    }
}
