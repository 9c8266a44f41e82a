//! The ledger: what the server remembers that a cookie cannot carry.
//!
//! Revoked session ids, failed-login counts and order budgets: what is
//! short-lived, each kept until a given time (placed orders, which last,
//! are in the database, `store`). It lives in
//! memory (one instance, forgotten at restart) or in Redis (shared by every
//! instance using it). Times are Unix seconds passed in by the caller, so an
//! injected clock rules. Every entry a client can make is charged to that
//! client: a full store forgets the writer's own oldest entries first, and
//! never refuses anyone (`fair.rs`).

mod expiring;
mod fair;
mod memory;
mod records;
mod redis;
pub mod values;

use std::fmt;
use std::sync::Arc;

use uuid::Uuid;

use crate::clock::UnixTime;

pub use self::records::{Attempt, ClientKey, LedgerError, Limits, Share};
use self::records::{LoginKey, LoginNames, Window};

use self::memory::MemoryLedger;
use self::redis::{Counter, RedisLedger};

/// What the server remembers; cheap to clone, every clone shares the same entries.
#[derive(Clone)]
pub struct Ledger {
    backend: Arc<Backend>,
    names: LoginNames,
}

enum Backend {
    Memory(Box<MemoryLedger>),
    Redis(RedisLedger),
}

/// What a ledger is opened with.
#[derive(Clone)]
pub struct LedgerSettings {
    /// The most entries of each kind.
    pub limits: Limits,
    /// The key of the hash that names a failed-login count; every instance
    /// sharing a Redis needs the same one (the app derives it from `secret_key`).
    pub names_key: Vec<u8>,
}

impl LedgerSettings {
    /// The default limits, and `names_key` (its first 64 bytes are used).
    pub fn new(names_key: &[u8]) -> LedgerSettings {
        LedgerSettings {
            limits: Limits::default(),
            names_key: names_key.to_vec(),
        }
    }
}

impl Ledger {
    /// A ledger in this process's memory with the default limits: for one
    /// instance, forgotten at restart.
    pub fn in_memory() -> Ledger {
        let key: [u8; 32] = rand::random();
        Ledger::in_memory_with(&LedgerSettings::new(&key))
    }

    /// A ledger in this process's memory, with `settings`.
    pub fn in_memory_with(settings: &LedgerSettings) -> Ledger {
        Ledger {
            backend: Arc::new(Backend::Memory(Box::new(MemoryLedger::new(
                settings.limits,
            )))),
            names: LoginNames::new(&settings.names_key),
        }
    }

    /// A ledger in the Redis server at `url`, shared with every instance using it.
    ///
    /// Connects, loads the current revocations and subscribes to new ones.
    /// Must be called inside a Tokio runtime, which then runs the subscription.
    /// Fails within a few seconds, with a message naming `url`, when the
    /// server cannot be reached.
    pub async fn connect_redis(url: &str, settings: &LedgerSettings) -> Result<Ledger, String> {
        let ledger = RedisLedger::connect(url, settings.limits).await?;
        Ok(Ledger {
            backend: Arc::new(Backend::Redis(ledger)),
            names: LoginNames::new(&settings.names_key),
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

    /// Revokes session `id` until `until` (when it would have ended
    /// anyway), charged to `client`; every instance honours it within a
    /// second. An `until` already past revokes nothing. Never refused: a
    /// client past its share of revocations loses its own that ends first,
    /// and a full ledger the first-ending one of the client holding most.
    pub async fn revoke(
        &self,
        id: Uuid,
        until: UnixTime,
        now: UnixTime,
        client: &str,
    ) -> Result<(), LedgerError> {
        let owner = self.names.client(client);
        match &*self.backend {
            Backend::Memory(ledger) => {
                ledger.revoke(id, until, now, owner);
                Ok(())
            }
            Backend::Redis(ledger) => ledger.revoke(id, until, now, owner).await,
        }
    }

    /// Reserves one order for `account` placing from `client`: refused once
    /// `limit` are counted in the window of `window_secs` seconds that the
    /// first opened. Per account and client, so nobody else's budget is
    /// touched, even on a shared demo account.
    pub async fn reserve_order(
        &self,
        client: &str,
        account: &str,
        limit: u32,
        window_secs: u32,
        now: UnixTime,
    ) -> Result<Attempt, LedgerError> {
        let key = self.names.orders(client, account);
        self.reserve(Counter::Orders, key, limit, window_secs, now)
            .await
    }

    /// Gives back an order reserved for a checkout that turned out to be
    /// placed already.
    pub async fn release_order(
        &self,
        client: &str,
        account: &str,
        now: UnixTime,
    ) -> Result<(), LedgerError> {
        let key = self.names.orders(client, account);
        match &*self.backend {
            Backend::Memory(ledger) => {
                ledger.release(&key, now);
                Ok(())
            }
            Backend::Redis(ledger) => ledger.release(Counter::Orders, &key).await,
        }
    }

    /// Reserves a sign-in attempt for `client` and `username` (trimmed, any
    /// case) before its password is checked: counts it as a failure at once,
    /// unless `limit` failures are already counted in the window. The first
    /// failure opens a window of `window_secs` seconds; after it the count
    /// starts again. Atomic, so parallel attempts never pass the limit.
    pub async fn reserve_login_attempt(
        &self,
        client: &str,
        username: &str,
        limit: u32,
        window_secs: u32,
        now: UnixTime,
    ) -> Result<Attempt, LedgerError> {
        let key = self.names.name(client, username);
        self.reserve(Counter::LoginFailures, key, limit, window_secs, now)
            .await
    }

    /// Reserves one of `limit` in the count named `key` (see above).
    async fn reserve(
        &self,
        counter: Counter,
        key: LoginKey,
        limit: u32,
        window_secs: u32,
        now: UnixTime,
    ) -> Result<Attempt, LedgerError> {
        let window = Window {
            limit,
            secs: window_secs,
            now,
        };
        match &*self.backend {
            Backend::Memory(ledger) => Ok(ledger.reserve(key, window)),
            Backend::Redis(ledger) => ledger.reserve(counter, &key, window).await,
        }
    }

    /// The key a client at `address` is charged under in a fair store.
    pub fn client_key(&self, address: &str) -> ClientKey {
        self.names.client(address)
    }

    /// Forgets the failed logins for `client` and `username` (after a good login).
    pub async fn clear_login_failures(
        &self,
        client: &str,
        username: &str,
    ) -> Result<(), LedgerError> {
        let key = self.names.name(client, username);
        match &*self.backend {
            Backend::Memory(ledger) => {
                ledger.clear(&key);
                Ok(())
            }
            Backend::Redis(ledger) => ledger.clear(Counter::LoginFailures, &key).await,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_ledger_can_live_in_rocket_managed_state() {
        fn managed<T: Send + Sync + Clone + 'static>() {}
        managed::<Ledger>();
    }
}
