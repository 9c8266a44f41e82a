//! The ledger: what the server remembers that a cookie cannot carry (SPEC §10).
//!
//! Revoked session ids, the order placed for each checkout, and failed-login
//! counts, each kept until a given time. It lives in memory (one instance,
//! forgotten at restart) or in Redis (shared by every instance using it).
//! Times are Unix seconds passed in by the caller, so an injected clock rules.

mod memory;
mod redis;
pub mod values;

use std::fmt;
use std::sync::Arc;

use uuid::Uuid;

use crate::checkout::Order;
use crate::clock::UnixTime;

use self::memory::MemoryLedger;
use self::redis::RedisLedger;

/// What the server remembers; cheap to clone, every clone shares the same entries.
#[derive(Clone)]
pub struct Ledger {
    backend: Arc<Backend>,
}

enum Backend {
    Memory(MemoryLedger),
    Redis(RedisLedger),
}

/// Why the ledger could not answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LedgerError {
    /// The backend cannot be reached; callers answer 503. The text is for logs.
    Unavailable(String),
}

impl fmt::Display for LedgerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LedgerError::Unavailable(reason) => write!(f, "the ledger is unavailable: {reason}"),
        }
    }
}

impl std::error::Error for LedgerError {}

/// Which order stands for a checkout, and whether this claim placed it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Claim {
    /// This claim came first: its order is the one placed.
    Placed(Order),
    /// An order was already placed for this checkout; here it is.
    AlreadyPlaced(Order),
}

impl Claim {
    /// The order that stands, whoever placed it.
    pub fn order(&self) -> &Order {
        match self {
            Claim::Placed(order) | Claim::AlreadyPlaced(order) => order,
        }
    }
}

/// Failed logins for one client address and username in the current window.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Failures {
    /// How many failed logins the window holds; 0 when there is none.
    pub count: u32,
    /// Seconds until the window ends and the count starts again from 0
    /// (for `Retry-After`); 0 when there is no window.
    pub retry_after: u32,
}

impl Ledger {
    /// A ledger in this process's memory: for one instance, forgotten at restart.
    pub fn in_memory() -> Ledger {
        Ledger {
            backend: Arc::new(Backend::Memory(MemoryLedger::default())),
        }
    }

    /// A ledger in the Redis server at `url`, shared with every instance using it.
    ///
    /// Connects, loads the current revocations and subscribes to new ones.
    /// Must be called inside a Tokio runtime, which then runs the subscription.
    /// Fails within a few seconds, with a message naming `url`, when the
    /// server cannot be reached.
    pub async fn connect_redis(url: &str) -> Result<Ledger, String> {
        let ledger = RedisLedger::connect(url).await?;
        Ok(Ledger {
            backend: Arc::new(Backend::Redis(ledger)),
        })
    }

    /// Whether session `id` is revoked at `now`. Answers from this instance's
    /// memory, with no network round-trip, even while Redis is unreachable.
    pub fn is_revoked(&self, id: Uuid, now: UnixTime) -> bool {
        match &*self.backend {
            Backend::Memory(ledger) => ledger.is_revoked(id, now),
            Backend::Redis(ledger) => ledger.is_revoked(id, now),
        }
    }

    /// Revokes session `id` until `until` (the session's absolute end);
    /// every instance honours it within a second. An `until` already past
    /// revokes nothing.
    pub async fn revoke(
        &self,
        id: Uuid,
        until: UnixTime,
        now: UnixTime,
    ) -> Result<(), LedgerError> {
        match &*self.backend {
            Backend::Memory(ledger) => {
                ledger.revoke(id, until, now);
                Ok(())
            }
            Backend::Redis(ledger) => ledger.revoke(id, until, now).await,
        }
    }

    /// Claims `checkout` for `order`: the first claim wins and is kept until
    /// `until`; every later claim for the same checkout gets the winner back.
    pub async fn claim_order(
        &self,
        checkout: Uuid,
        order: &Order,
        until: UnixTime,
        now: UnixTime,
    ) -> Result<Claim, LedgerError> {
        match &*self.backend {
            Backend::Memory(ledger) => Ok(ledger.claim_order(checkout, order, until, now)),
            Backend::Redis(ledger) => ledger.claim_order(checkout, order, until, now).await,
        }
    }

    /// The order placed by `checkout`, while it is kept.
    pub async fn order(&self, checkout: Uuid, now: UnixTime) -> Result<Option<Order>, LedgerError> {
        match &*self.backend {
            Backend::Memory(ledger) => Ok(ledger.order(checkout, now)),
            Backend::Redis(ledger) => ledger.order(checkout, now).await,
        }
    }

    /// Failed logins for `client` and `username` (trimmed, any case) at `now`.
    pub async fn login_failures(
        &self,
        client: &str,
        username: &str,
        now: UnixTime,
    ) -> Result<Failures, LedgerError> {
        let key = LoginKey::new(client, username);
        match &*self.backend {
            Backend::Memory(ledger) => Ok(ledger.login_failures(&key, now)),
            Backend::Redis(ledger) => ledger.login_failures(&key, now).await,
        }
    }

    /// Counts one more failed login for `client` and `username`; the first
    /// failure opens a window of `window_secs` seconds, after which the count
    /// starts again. Returns the count including this failure.
    pub async fn record_login_failure(
        &self,
        client: &str,
        username: &str,
        window_secs: u32,
        now: UnixTime,
    ) -> Result<Failures, LedgerError> {
        let key = LoginKey::new(client, username);
        match &*self.backend {
            Backend::Memory(ledger) => Ok(ledger.record_login_failure(key, window_secs, now)),
            Backend::Redis(ledger) => ledger.record_login_failure(&key, window_secs, now).await,
        }
    }

    /// Forgets the failed logins for `client` and `username` (after a good login).
    pub async fn clear_login_failures(
        &self,
        client: &str,
        username: &str,
    ) -> Result<(), LedgerError> {
        let key = LoginKey::new(client, username);
        match &*self.backend {
            Backend::Memory(ledger) => {
                ledger.clear_login_failures(&key);
                Ok(())
            }
            Backend::Redis(ledger) => ledger.clear_login_failures(&key).await,
        }
    }
}

impl fmt::Debug for Ledger {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &*self.backend {
            Backend::Memory(_) => f.write_str("Ledger(in memory)"),
            Backend::Redis(ledger) => write!(f, "Ledger(Redis at {})", ledger.url()),
        }
    }
}

/// Whose failed logins are counted: a client address and a username matched
/// the way logins match it (trimmed, any case).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
struct LoginKey {
    client: String,
    username: String,
}

impl LoginKey {
    fn new(client: &str, username: &str) -> LoginKey {
        LoginKey {
            client: client.to_owned(),
            username: username.trim().to_lowercase(),
        }
    }
}

/// Seconds from `now` until `until`, at least 0.
fn seconds_until(until: UnixTime, now: UnixTime) -> u32 {
    u32::try_from(until.saturating_sub(now).max(0)).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_ledger_can_live_in_rocket_managed_state() {
        fn managed<T: Send + Sync + Clone + 'static>() {}
        managed::<Ledger>();
    }

    #[test]
    fn a_username_is_counted_the_way_logins_match_it() {
        assert_eq!(
            LoginKey::new("10.0.0.1", "  Alice "),
            LoginKey::new("10.0.0.1", "alice")
        );
        assert_ne!(
            LoginKey::new("10.0.0.1", "alice"),
            LoginKey::new("10.0.0.2", "alice")
        );
    }
}
