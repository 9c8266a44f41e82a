//! The ledger in Redis, shared by every instance connected to the same server.
//!
//! Keys, all under `session-shop:`:
//!
//! | key | type | holds |
//! | --- | --- | --- |
//! | `session-shop:revoked` | sorted set | revoked session ids, scored by their end |
//! | `session-shop:revocations` | pub/sub channel | `<id> <until> <now>` for each new revocation |
//! | `session-shop:order:<checkout>` | string | the order placed for a checkout and its end, as JSON |
//! | `session-shop:login-failures:<client>:<username>` | hash | `count` and `until` (the window's end) |
//!
//! Every key expires in Redis once nothing in it is in force. The times the
//! caller passes decide what is in force; Redis's own expiry only cleans up.
//! Revocations are also kept in this instance's memory, loaded at connect and
//! followed through pub/sub, so checking one costs no round-trip.

use std::future::Future;
use std::sync::{Arc, PoisonError, RwLock, Weak};
use std::time::Duration;

use ::redis::aio::{ConnectionManager, ConnectionManagerConfig, PubSubSink, PubSubStream};
use ::redis::{Client, RedisResult, Script, Value};
use rocket::futures::StreamExt;
use rocket::tokio;
use rocket::tokio::task::AbortHandle;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::memory::ExpiringMap;
use super::{seconds_until, Claim, Failures, LedgerError, LoginKey};
use crate::checkout::Order;
use crate::clock::UnixTime;

const REVOKED_KEY: &str = "session-shop:revoked";
const REVOCATIONS_CHANNEL: &str = "session-shop:revocations";
const ORDER_PREFIX: &str = "session-shop:order:";
const LOGIN_FAILURES_PREFIX: &str = "session-shop:login-failures:";

/// The longest any call to Redis may take before the ledger is unavailable.
const CALL_TIMEOUT: Duration = Duration::from_millis(1500);
/// The longest connecting (and loading the revocations) may take.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(3);
/// How often a quiet subscription checks that Redis still answers.
const PING_EVERY: Duration = Duration::from_secs(5);
/// The pauses between attempts to subscribe again after losing Redis.
const RESUBSCRIBE_FIRST_PAUSE: Duration = Duration::from_millis(250);
const RESUBSCRIBE_LONGEST_PAUSE: Duration = Duration::from_secs(5);

/// Revoked ids and their ends, as this instance knows them.
type Revocations = RwLock<ExpiringMap<Uuid, ()>>;

/// Adds session `id` to `revocations` until `until`, never shortening an
/// earlier revocation of it; drops what ended by `now`.
fn remember_revocation(revocations: &Revocations, id: Uuid, until: UnixTime, now: UnixTime) {
    let mut revoked = revocations.write().unwrap_or_else(PoisonError::into_inner);
    let until = revoked
        .get(&id, now)
        .map_or(until, |(_, end)| end.max(until));
    revoked.insert(id, (), until, now);
}

/// Revokes ARGV[1] until ARGV[2] at ARGV[3]; keeps the set ARGV[4] seconds
/// at least; tells every instance through channel ARGV[5].
const REVOKE: &str = r"
if redis.call('TYPE', KEYS[1])['ok'] ~= 'zset' then redis.call('DEL', KEYS[1]) end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[3])
local current = tonumber(redis.call('ZSCORE', KEYS[1], ARGV[1]))
if current == nil or current < tonumber(ARGV[2]) then
  redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
end
if redis.call('TTL', KEYS[1]) < tonumber(ARGV[4]) then
  redis.call('EXPIRE', KEYS[1], ARGV[4])
end
redis.call('PUBLISH', ARGV[5], ARGV[1] .. ' ' .. ARGV[2] .. ' ' .. ARGV[3])
return 1
";

/// Keeps entry ARGV[1] (`{"until": …, "order": …}`) for ARGV[2] seconds
/// unless an entry still in force at ARGV[3] is there, and returns that one.
/// Anything but such an entry counts as no order.
const CLAIM_ORDER: &str = r"
local placed = redis.pcall('GET', KEYS[1])
if type(placed) == 'string' then
  local ok, entry = pcall(cjson.decode, placed)
  if ok and type(entry) == 'table' and type(entry['order']) == 'table'
    and type(entry['until']) == 'number' and entry['until'] > tonumber(ARGV[3]) then
    return placed
  end
end
redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
return false
";

/// Counts one failed login at ARGV[1] in a window of ARGV[2] seconds that
/// opens at the first failure; returns the count and the window's end.
const RECORD_LOGIN_FAILURE: &str = r"
local now = tonumber(ARGV[1])
local fields = redis.pcall('HMGET', KEYS[1], 'count', 'until')
local count, ends = nil, nil
if type(fields) == 'table' and fields.err == nil then
  count = tonumber(fields[1])
  ends = tonumber(fields[2])
end
if count == nil or ends == nil or ends <= now then
  count = 0
  ends = now + tonumber(ARGV[2])
  redis.call('DEL', KEYS[1])
end
count = count + 1
redis.call('HSET', KEYS[1], 'count', count, 'until', ends)
redis.call('EXPIRE', KEYS[1], math.max(1, ends - now))
return {count, ends}
";

/// What an order's key holds: the order, and until when it stands.
#[derive(Serialize, Deserialize)]
struct PlacedOrder<O> {
    until: UnixTime,
    order: O,
}

/// The Redis backend: a self-healing connection for calls, and a task that
/// follows revocations into this instance's memory.
pub(super) struct RedisLedger {
    /// The server's URL with any password hidden, for messages.
    url: String,
    connection: ConnectionManager,
    revoked: Arc<Revocations>,
    revoke: Script,
    claim_order: Script,
    record_login_failure: Script,
    subscription: AbortHandle,
}

impl Drop for RedisLedger {
    fn drop(&mut self) {
        self.subscription.abort();
    }
}

impl RedisLedger {
    pub(super) async fn connect(url: &str) -> Result<RedisLedger, String> {
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
            revoke: Script::new(REVOKE),
            claim_order: Script::new(CLAIM_ORDER),
            record_login_failure: Script::new(RECORD_LOGIN_FAILURE),
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
    ) -> Result<(), LedgerError> {
        if until <= now {
            return Ok(());
        }
        let mut connection = self.connection.clone();
        let mut revoke = self.revoke.key(REVOKED_KEY);
        revoke
            .arg(id.to_string())
            .arg(until)
            .arg(now)
            .arg(keep_for(until, now))
            .arg(REVOCATIONS_CHANNEL);
        self.call(revoke.invoke_async::<Value>(&mut connection))
            .await?;
        remember_revocation(&self.revoked, id, until, now);
        Ok(())
    }

    pub(super) async fn claim_order(
        &self,
        checkout: Uuid,
        order: &Order,
        until: UnixTime,
        now: UnixTime,
    ) -> Result<Claim, LedgerError> {
        let key = format!("{ORDER_PREFIX}{checkout}");
        let json = serde_json::to_string(&PlacedOrder { until, order }).map_err(|error| {
            LedgerError::Unavailable(format!("cannot store the order: {error}"))
        })?;
        let mut connection = self.connection.clone();
        let mut claim = self.claim_order.key(&key);
        claim.arg(&json).arg(keep_for(until, now)).arg(now);
        let claimed = self.call(claim.invoke_async::<Option<Vec<u8>>>(&mut connection));
        let Some(placed) = claimed.await? else {
            return Ok(Claim::Placed(order.clone()));
        };
        match serde_json::from_slice::<PlacedOrder<Order>>(&placed) {
            Ok(placed) => Ok(Claim::AlreadyPlaced(placed.order)),
            Err(_) => {
                // NOTE: an entry whose order does not read counts as no
                // order: this one replaces it. Only a corrupted store gets here.
                let mut replace = ::redis::cmd("SET");
                replace
                    .arg(&key)
                    .arg(&json)
                    .arg("EX")
                    .arg(keep_for(until, now));
                self.call(replace.query_async::<Value>(&mut connection))
                    .await?;
                Ok(Claim::Placed(order.clone()))
            }
        }
    }

    pub(super) async fn order(
        &self,
        checkout: Uuid,
        now: UnixTime,
    ) -> Result<Option<Order>, LedgerError> {
        let mut connection = self.connection.clone();
        let mut get = ::redis::cmd("GET");
        get.arg(format!("{ORDER_PREFIX}{checkout}"));
        let stored = self
            .call(get.query_async::<Option<Vec<u8>>>(&mut connection))
            .await?;
        Ok(stored
            .and_then(|bytes| serde_json::from_slice::<PlacedOrder<Order>>(&bytes).ok())
            .filter(|placed| placed.until > now)
            .map(|placed| placed.order))
    }

    pub(super) async fn login_failures(
        &self,
        key: &LoginKey,
        now: UnixTime,
    ) -> Result<Failures, LedgerError> {
        let mut connection = self.connection.clone();
        let mut read = ::redis::cmd("HMGET");
        read.arg(login_failures_key(key)).arg("count").arg("until");
        let read = read.query_async::<Vec<Option<Vec<u8>>>>(&mut connection);
        let fields = match tokio::time::timeout(CALL_TIMEOUT, read).await {
            Ok(Err(error)) if error.code() == Some("WRONGTYPE") => return Ok(Failures::default()),
            result => self.answer(result)?,
        };
        let number = |field: Option<&Option<Vec<u8>>>| -> Option<i64> {
            std::str::from_utf8(field?.as_deref()?).ok()?.parse().ok()
        };
        match (number(fields.first()), number(fields.get(1))) {
            (Some(count), Some(until)) if count > 0 && until > now => Ok(Failures {
                count: u32::try_from(count).unwrap_or(u32::MAX),
                retry_after: seconds_until(until, now),
            }),
            _ => Ok(Failures::default()),
        }
    }

    pub(super) async fn record_login_failure(
        &self,
        key: &LoginKey,
        window_secs: u32,
        now: UnixTime,
    ) -> Result<Failures, LedgerError> {
        let mut connection = self.connection.clone();
        let mut record = self.record_login_failure.key(login_failures_key(key));
        record.arg(now).arg(window_secs);
        let (count, until) = self
            .call(record.invoke_async::<(i64, i64)>(&mut connection))
            .await?;
        Ok(Failures {
            count: u32::try_from(count).unwrap_or(u32::MAX),
            retry_after: seconds_until(until, now),
        })
    }

    pub(super) async fn clear_login_failures(&self, key: &LoginKey) -> Result<(), LedgerError> {
        let mut connection = self.connection.clone();
        let mut clear = ::redis::cmd("DEL");
        clear.arg(login_failures_key(key));
        self.call(clear.query_async::<Value>(&mut connection))
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

/// Seconds Redis should keep an entry that is in force until `until`: at
/// least 1, so an end already past never makes Redis refuse the command.
fn keep_for(until: UnixTime, now: UnixTime) -> i64 {
    until.saturating_sub(now).max(1)
}

/// The key of the failed logins for `key`; `%` and `:` in its parts are
/// escaped so that no two clients and usernames share a key.
fn login_failures_key(key: &LoginKey) -> String {
    let escape = |part: &str| part.replace('%', "%25").replace(':', "%3A");
    format!(
        "{LOGIN_FAILURES_PREFIX}{}:{}",
        escape(&key.client),
        escape(&key.username)
    )
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

/// Runs `work`, giving up after `limit`; the failure as text.
async fn within<T>(
    limit: Duration,
    work: impl Future<Output = RedisResult<T>>,
) -> Result<T, String> {
    match tokio::time::timeout(limit, work).await {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(error)) => Err(error.to_string()),
        Err(_) => Err(format!("no answer within {} ms", limit.as_millis())),
    }
}

/// Subscribes to new revocations, then loads every revocation already made
/// into `revoked` (in this order, so none made in between is missed).
async fn subscribe_and_load(
    client: &Client,
    revoked: &Revocations,
) -> RedisResult<(PubSubSink, PubSubStream)> {
    let (mut sink, stream) = client.get_async_pubsub().await?.split();
    sink.subscribe(REVOCATIONS_CHANNEL).await?;
    let mut connection = client.get_multiplexed_async_connection().await?;
    let mut load = ::redis::cmd("ZRANGE");
    load.arg(REVOKED_KEY).arg(0).arg(-1).arg("WITHSCORES");
    let loaded = load.query_async::<Vec<Vec<u8>>>(&mut connection).await;
    let members = match loaded {
        Ok(members) => members,
        Err(error) if error.code() == Some("WRONGTYPE") => Vec::new(),
        Err(error) => return Err(error),
    };
    for pair in members.chunks_exact(2) {
        let id = std::str::from_utf8(&pair[0])
            .ok()
            .and_then(|id| Uuid::parse_str(id).ok());
        let until = std::str::from_utf8(&pair[1])
            .ok()
            .and_then(|score| score.parse::<f64>().ok())
            .filter(|score| score.is_finite());
        if let (Some(id), Some(until)) = (id, until) {
            // NOTE: nothing loaded is pruned here: the caller's time is unknown.
            remember_revocation(revoked, id, until as UnixTime, UnixTime::MIN);
        }
    }
    Ok((sink, stream))
}

/// Follows new revocations into `revoked` for as long as the ledger lives;
/// when the subscription is lost, subscribes and loads again, pausing longer
/// after each failed attempt.
async fn follow_revocations(
    client: Client,
    revoked: Weak<Revocations>,
    first: (PubSubSink, PubSubStream),
) {
    let mut subscription = Some(first);
    let mut pause = RESUBSCRIBE_FIRST_PAUSE;
    loop {
        if let Some((sink, stream)) = subscription.take() {
            pause = RESUBSCRIBE_FIRST_PAUSE;
            listen(sink, stream, &revoked).await;
        }
        tokio::time::sleep(pause).await;
        pause = (pause * 2).min(RESUBSCRIBE_LONGEST_PAUSE);
        let Some(revocations) = revoked.upgrade() else {
            return;
        };
        subscription = within(CONNECT_TIMEOUT, subscribe_and_load(&client, &revocations))
            .await
            .ok();
    }
}

/// Applies each revocation published until the subscription ends, or until
/// Redis stops answering pings.
async fn listen(mut sink: PubSubSink, mut stream: PubSubStream, revoked: &Weak<Revocations>) {
    let mut ping = tokio::time::interval(PING_EVERY);
    ping.tick().await;
    loop {
        tokio::select! {
            message = stream.next() => {
                let Some(message) = message else { return };
                let Some(revocations) = revoked.upgrade() else { return };
                if let Some((id, until, now)) = parse_revocation(message.get_payload_bytes()) {
                    remember_revocation(&revocations, id, until, now);
                }
            }
            _ = ping.tick() => {
                let pong = tokio::time::timeout(CALL_TIMEOUT, sink.ping::<Value>()).await;
                if !matches!(pong, Ok(Ok(_))) {
                    return;
                }
            }
        }
    }
}

/// A published revocation, `<id> <until> <now>`; `None` when malformed.
fn parse_revocation(payload: &[u8]) -> Option<(Uuid, UnixTime, UnixTime)> {
    let mut parts = std::str::from_utf8(payload).ok()?.split(' ');
    let id = Uuid::parse_str(parts.next()?).ok()?;
    let until = parts.next()?.parse().ok()?;
    let now = parts.next()?.parse().ok()?;
    parts.next().is_none().then_some((id, until, now))
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
    fn clients_and_usernames_with_colons_get_different_keys() {
        let first = login_failures_key(&LoginKey::new("::1", "a:b"));
        let second = login_failures_key(&LoginKey::new("::1:a", "b"));
        assert_ne!(first, second);
        assert_eq!(first, "session-shop:login-failures:%3A%3A1:a%3Ab");
    }

    #[test]
    fn a_malformed_revocation_message_is_ignored() {
        let id = Uuid::new_v4();
        assert_eq!(
            parse_revocation(format!("{id} 20 10").as_bytes()),
            Some((id, 20, 10))
        );
        assert_eq!(parse_revocation(b"not-an-id 20 10"), None);
        assert_eq!(parse_revocation(format!("{id} 20").as_bytes()), None);
        assert_eq!(parse_revocation(&[0xff, 0xfe]), None);
    }
}
