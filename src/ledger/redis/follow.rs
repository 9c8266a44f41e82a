//! This instance's copy of the revocations: loaded at connect, followed
//! through pub/sub (new ones, and those a full store forgot), and loaded
//! afresh as soon as a lost subscription comes back, so a logout made
//! elsewhere meanwhile is honoured within a second.

use std::sync::{PoisonError, RwLock, Weak};
use std::time::Duration;

use ::redis::aio::{PubSubSink, PubSubStream};
use ::redis::{Client, RedisResult, Value};
use rocket::futures::StreamExt;
use rocket::tokio;
use uuid::Uuid;

use super::wire::{within, CALL_TIMEOUT, REVOCATIONS_CHANNEL, REVOKED_KEY};
use crate::clock::UnixTime;
use crate::ledger::expiring::ExpiringMap;

/// Revoked ids and their ends, as this instance knows them.
pub(super) type Revocations = RwLock<ExpiringMap<Uuid, ()>>;

/// How often a quiet subscription checks that Redis still answers.
const PING_EVERY: Duration = Duration::from_secs(2);
/// The pause between attempts to subscribe again after losing Redis: short,
/// so revocations made once it is back are loaded within a second.
const RESUBSCRIBE_PAUSE: Duration = Duration::from_millis(200);
/// The longest subscribing and loading again may take.
const RESUBSCRIBE_TIMEOUT: Duration = Duration::from_secs(2);

/// Adds `id` to this instance's copy until `until`.
pub(super) fn remember(revocations: &Revocations, id: Uuid, until: UnixTime, now: UnixTime) {
    let mut revoked = revocations.write().unwrap_or_else(PoisonError::into_inner);
    revoked.insert_longest(id, (), until, now);
}

/// Forgets `id` in this instance's copy (the store forgot it to make room).
pub(super) fn forget(revocations: &Revocations, id: Uuid) {
    let mut revoked = revocations.write().unwrap_or_else(PoisonError::into_inner);
    revoked.remove(&id);
}

/// Subscribes to new revocations, then loads every revocation already made
/// into `revoked`, in place of what it held (in this order, so none made in
/// between is missed).
pub(super) async fn subscribe_and_load(
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
    let mut loaded = ExpiringMap::default();
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
            loaded.insert_longest(id, (), until as UnixTime, UnixTime::MIN);
        }
    }
    *revoked.write().unwrap_or_else(PoisonError::into_inner) = loaded;
    Ok((sink, stream))
}

/// Follows new revocations into `revoked` for as long as the ledger lives;
/// when the subscription is lost, subscribes and loads again every
/// [`RESUBSCRIBE_PAUSE`] until Redis answers.
pub(super) async fn follow_revocations(
    client: Client,
    revoked: Weak<Revocations>,
    first: (PubSubSink, PubSubStream),
) {
    let mut subscription = Some(first);
    loop {
        if let Some((sink, stream)) = subscription.take() {
            listen(sink, stream, &revoked).await;
        }
        tokio::time::sleep(RESUBSCRIBE_PAUSE).await;
        let Some(revocations) = revoked.upgrade() else {
            return;
        };
        subscription = within(
            RESUBSCRIBE_TIMEOUT,
            subscribe_and_load(&client, &revocations),
        )
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
                match parse_revocation(message.get_payload_bytes()) {
                    Some(Published::Revoked { id, until, now }) => {
                        remember(&revocations, id, until, now);
                    }
                    Some(Published::Forgotten(id)) => forget(&revocations, id),
                    None => {}
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

/// What the channel tells.
#[derive(Debug, PartialEq, Eq)]
enum Published {
    /// `<id> <until> <now>`: a new revocation.
    Revoked {
        id: Uuid,
        until: UnixTime,
        now: UnixTime,
    },
    /// `- <id>`: a revocation forgotten to make room.
    Forgotten(Uuid),
}

/// A published message; `None` when malformed.
fn parse_revocation(payload: &[u8]) -> Option<Published> {
    let mut parts = std::str::from_utf8(payload).ok()?.split(' ');
    let first = parts.next()?;
    if first == "-" {
        let id = Uuid::parse_str(parts.next()?).ok()?;
        return parts.next().is_none().then_some(Published::Forgotten(id));
    }
    let id = Uuid::parse_str(first).ok()?;
    let until = parts.next()?.parse().ok()?;
    let now = parts.next()?.parse().ok()?;
    parts
        .next()
        .is_none()
        .then_some(Published::Revoked { id, until, now })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_malformed_revocation_message_is_ignored() {
        let id = Uuid::new_v4();
        assert_eq!(
            parse_revocation(format!("{id} 20 10").as_bytes()),
            Some(Published::Revoked {
                id,
                until: 20,
                now: 10
            })
        );
        assert_eq!(
            parse_revocation(format!("- {id}").as_bytes()),
            Some(Published::Forgotten(id))
        );
        assert_eq!(parse_revocation(format!("- {id} 1").as_bytes()), None);
        assert_eq!(parse_revocation(b"not-an-id 20 10"), None);
        assert_eq!(parse_revocation(format!("{id} 20").as_bytes()), None);
        assert_eq!(parse_revocation(&[0xff, 0xfe]), None);
    }
}
