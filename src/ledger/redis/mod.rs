//! The ledger in Redis, shared by every instance connected to the same server.
//!
//! Keys, all under `session-shop:`:
//!
//! | key | type | holds |
//! | --- | --- | --- |
//! | `session-shop:revoked` | sorted set | revoked session ids, scored by their end |
//! | `session-shop:revoked:owners`, `…:holders`, `…:by:<client>` | hash, sorted sets | whom each revocation is charged to, how many each client holds, each client's own |
//! | `session-shop:revocations` | pub/sub channel | `<id> <until> <now>` for each new revocation, `- <id>` for each forgotten |
//! | `session-shop:login-failures:<hash>` | hash | `count` and `until` (the window's end) |
//! | `session-shop:order-budget:<hash>` | hash | orders placed by one account from one client: `count` and `until` |
//!
//! Every key has a fixed size (ids and hashes, never what a client typed).
//! Counts expire in Redis once nothing in them is in
//! force; the stores' indexes have no time to live, so a `volatile-*`
//! `maxmemory` policy can never drop a revocation. The times the caller
//! passes decide what is in force. Every write is one script (the `.lua`
//! files beside this one), so instances never race. Revocations are also
//! kept in this instance's memory ([`follow`]), so checking one costs no
//! round-trip.

pub(super) mod fair;
mod follow;
mod wire;

use std::future::Future;
use std::sync::{Arc, PoisonError};
use std::time::Duration;

use ::redis::aio::{ConnectionManager, ConnectionManagerConfig};
use ::redis::{Client, RedisResult, Script, Value};
use rocket::tokio;
use rocket::tokio::task::AbortHandle;
use uuid::Uuid;

use self::fair::{keep, FairStore, Mode, Write};
use self::follow::{follow_revocations, forget, remember, subscribe_and_load, Revocations};
use self::wire::{within, CALL_TIMEOUT, REVOCATIONS_CHANNEL, REVOKED_KEY};
use super::records::{
    hex, seconds_until, Attempt, ClientKey, LedgerError, Limits, LoginKey, Window,
};
use crate::clock::UnixTime;

const LOGIN_FAILURES_PREFIX: &str = "session-shop:login-failures:";
const ORDER_BUDGET_PREFIX: &str = "session-shop:order-budget:";

const REVOCATIONS: FairStore = FairStore {
    index: REVOKED_KEY,
    owners: "session-shop:revoked:owners",
    holders: "session-shop:revoked:holders",
    by: "session-shop:revoked:by:",
    values: "",
    channel: REVOCATIONS_CHANNEL,
};

/// The counts kept in a window: failed sign-ins, and orders placed.
#[derive(Debug, Clone, Copy)]
pub(super) enum Counter {
    LoginFailures,
    Orders,
}

impl Counter {
    /// The key of the count named `key`: a fixed size, whatever the client typed.
    fn key(self, key: &LoginKey) -> String {
        let prefix = match self {
            Counter::LoginFailures => LOGIN_FAILURES_PREFIX,
            Counter::Orders => ORDER_BUDGET_PREFIX,
        };
        format!("{prefix}{}", hex(&key.0))
    }
}

/// The longest connecting (and loading the revocations) may take.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(3);

/// The Redis backend: a self-healing connection for calls, and a task that
/// follows revocations into this instance's memory.
pub(super) struct RedisLedger {
    /// The server's URL with any password hidden, for messages.
    url: String,
    connection: ConnectionManager,
    revoked: Arc<Revocations>,
    limits: Limits,
    reserve: Script,
    subscription: AbortHandle,
}

impl Drop for RedisLedger {
    fn drop(&mut self) {
        self.subscription.abort();
    }
}

impl RedisLedger {
    pub(super) async fn connect(url: &str, limits: Limits) -> Result<RedisLedger, String> {
        let shown = redact_password(url);
        let client =
            Client::open(url).map_err(|error| format!("invalid Redis URL {shown}: {error}"))?;
        let unreachable = |reason: String| format!("cannot reach Redis at {shown}: {reason}");
        let config = ConnectionManagerConfig::new()
            .set_connection_timeout(Some(Duration::from_secs(1)))
            .set_response_timeout(Some(CALL_TIMEOUT))
            .set_number_of_retries(1)
            .set_max_delay(Duration::from_millis(500));
        let connection = within(
            CONNECT_TIMEOUT,
            ConnectionManager::new_with_config(client.clone(), config),
        )
        .await
        .map_err(unreachable)?;
        let revoked = Arc::new(Revocations::default());
        let subscription = within(CONNECT_TIMEOUT, subscribe_and_load(&client, &revoked))
            .await
            .map_err(unreachable)?;
        let follower = tokio::spawn(follow_revocations(
            client,
            Arc::downgrade(&revoked),
            subscription,
        ));
        Ok(RedisLedger {
            url: shown,
            connection,
            revoked,
            limits,
            reserve: Script::new(include_str!("reserve_login_attempt.lua")),
            subscription: follower.abort_handle(),
        })
    }

    pub(super) fn url(&self) -> &str {
        &self.url
    }

    pub(super) fn is_revoked(&self, id: Uuid, now: UnixTime) -> bool {
        let revoked = self.revoked.read().unwrap_or_else(PoisonError::into_inner);
        revoked.get(&id, now).is_some()
    }

    pub(super) async fn revoke(
        &self,
        id: Uuid,
        until: UnixTime,
        now: UnixTime,
        owner: ClientKey,
    ) -> Result<(), LedgerError> {
        if until <= now {
            return Ok(());
        }
        let id_text = id.to_string();
        let write = Write {
            id: &id_text,
            owner,
            until,
            now,
            share: self.limits.revocations,
            mode: Mode::Longest,
            value: "",
        };
        let mut connection = self.connection.clone();
        let kept = self
            .call(keep(&mut connection, &REVOCATIONS, write))
            .await?;
        remember(&self.revoked, id, until, now);
        for forgotten in kept.forgotten {
            if let Ok(forgotten) = Uuid::parse_str(&forgotten) {
                forget(&self.revoked, forgotten);
            }
        }
        Ok(())
    }

    pub(super) async fn reserve(
        &self,
        counter: Counter,
        key: &LoginKey,
        window: Window,
    ) -> Result<Attempt, LedgerError> {
        let mut connection = self.connection.clone();
        let mut reserve = self.reserve.key(counter.key(key));
        reserve.arg(window.now).arg(window.secs).arg(window.limit);
        let (reserved, count, until) = self
            .call(reserve.invoke_async::<(i64, i64, i64)>(&mut connection))
            .await?;
        Ok(if reserved == 1 {
            Attempt::Reserved {
                count: u32::try_from(count).unwrap_or(u32::MAX),
            }
        } else {
            Attempt::Refused {
                retry_after: seconds_until(until, window.now),
            }
        })
    }

    pub(super) async fn clear(&self, counter: Counter, key: &LoginKey) -> Result<(), LedgerError> {
        let mut connection = self.connection.clone();
        let mut clear = ::redis::cmd("DEL");
        clear.arg(counter.key(key));
        self.call(clear.query_async::<Value>(&mut connection))
            .await?;
        Ok(())
    }

    /// Gives back one unit of the count named `key`, if it has any.
    pub(super) async fn release(
        &self,
        counter: Counter,
        key: &LoginKey,
    ) -> Result<(), LedgerError> {
        // NOTE: only a count that exists, so no key without an expiry is made.
        static RELEASE: std::sync::LazyLock<Script> = std::sync::LazyLock::new(|| {
            Script::new(
                "if redis.call('EXISTS', KEYS[1]) == 1 then \
                 redis.call('HINCRBY', KEYS[1], 'count', -1) end return 1",
            )
        });
        let mut connection = self.connection.clone();
        let release = RELEASE.key(counter.key(key));
        self.call(release.invoke_async::<Value>(&mut connection))
            .await?;
        Ok(())
    }

    /// Runs one call to Redis, giving up after [`CALL_TIMEOUT`].
    async fn call<T>(&self, work: impl Future<Output = RedisResult<T>>) -> Result<T, LedgerError> {
        self.answer(tokio::time::timeout(CALL_TIMEOUT, work).await)
    }

    /// A call's result, with a failure or a timeout as [`LedgerError::Unavailable`].
    fn answer<T>(
        &self,
        result: Result<RedisResult<T>, tokio::time::error::Elapsed>,
    ) -> Result<T, LedgerError> {
        match result {
            Ok(Ok(value)) => Ok(value),
            Ok(Err(error)) => Err(LedgerError::Unavailable(format!(
                "Redis at {}: {error}",
                self.url
            ))),
            Err(_) => Err(LedgerError::Unavailable(format!(
                "Redis at {} did not answer within {} ms",
                self.url,
                CALL_TIMEOUT.as_millis()
            ))),
        }
    }
}

/// `url` with the password in it, if any, replaced by `***`.
fn redact_password(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let authority_end = rest.find('/').unwrap_or(rest.len());
    let Some(at) = rest[..authority_end].rfind('@') else {
        return url.to_owned();
    };
    match rest[..at].split_once(':') {
        Some((user, _password)) => format!("{scheme}://{user}:***{}", &rest[at..]),
        None => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_in_the_url_is_hidden() {
        assert_eq!(
            redact_password("redis://user:secret@cache:6379/0"),
            "redis://user:***@cache:6379/0"
        );
        assert_eq!(
            redact_password("redis://127.0.0.1:6379/"),
            "redis://127.0.0.1:6379/"
        );
    }

    #[test]
    fn a_failed_login_count_has_a_key_of_fixed_size_whatever_was_typed() {
        let names = crate::ledger::records::LoginNames::new(b"key");
        let short = Counter::LoginFailures.key(&names.name("::1", "a"));
        let long = Counter::LoginFailures.key(&names.name("::1", &"a".repeat(30_000)));
        assert_eq!(short.len(), LOGIN_FAILURES_PREFIX.len() + 32);
        assert_eq!(long.len(), short.len());
        assert_ne!(short, long);
    }
}
