//! How sessions are kept: their limits, keys and cookie attributes, from
//! the app's configuration.

use crate::clock::UnixTime;
use crate::session::cookie;
use crate::session::data::SessionData;

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

/// Seconds by which the clocks of instances sharing a ledger may differ.
const CLOCK_MARGIN: i64 = 60;

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

    /// How long a revocation of `data` made at `now` must last: until the
    /// session would have ended anyway. No copy of its cookie was sealed
    /// after `now`, so none outlives `now` plus the idle timeout (and a
    /// minute for instances whose clocks differ a little).
    pub fn revocation_end(&self, data: &SessionData, now: UnixTime) -> UnixTime {
        let idle_end = now
            .saturating_add(self.idle_timeout)
            .saturating_add(CLOCK_MARGIN);
        self.absolute_end(data).min(idle_end)
    }

    /// How often a session in use is re-sealed only to restart its idle
    /// timer: `min(60 s, idle timeout / 10)`.
    pub fn refresh_interval(&self) -> i64 {
        (self.idle_timeout / 10).min(60)
    }
}
