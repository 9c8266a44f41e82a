//! The fair stores in Redis: one script (`fair.lua`) keeps an entry charged
//! to a client, forgetting rather than refusing when the store is full, by
//! the rule `src/ledger/fair.rs` keeps in memory.

use std::sync::LazyLock;

use ::redis::aio::ConnectionManager;
use ::redis::{RedisResult, Script};

use super::super::records::{ClientKey, Share};
use crate::clock::UnixTime;

static FAIR: LazyLock<Script> = LazyLock::new(|| Script::new(include_str!("fair.lua")));

/// The keys of one fair store.
pub(crate) struct FairStore {
    /// Sorted set: every entry, scored by its end.
    pub index: &'static str,
    /// Hash: entry -> the client it is charged to.
    pub owners: &'static str,
    /// Sorted set: client -> how many entries it holds.
    pub holders: &'static str,
    /// Prefix of each client's own sorted set of entries.
    pub by: &'static str,
    /// Prefix of the entries' value keys; empty when entries carry none.
    pub values: &'static str,
    /// Channel told of each entry kept and forgotten; empty for none.
    pub channel: &'static str,
}

/// How a write treats an entry already in the store.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Mode {
    /// Keeps the later of both ends.
    Longest,
    /// The new value and end replace the old.
    Replace,
    /// The entry is dropped; nothing is kept.
    Forget,
}

/// One write to a fair store.
pub(crate) struct Write<'a> {
    pub id: &'a str,
    pub owner: ClientKey,
    pub until: UnixTime,
    pub now: UnixTime,
    pub share: Share,
    pub mode: Mode,
    pub value: &'a str,
}

/// What a write did: the entries it forgot to make room.
pub(crate) struct Kept {
    pub forgotten: Vec<String>,
}

/// Runs `write` against `store`.
pub(crate) async fn keep(
    connection: &mut ConnectionManager,
    store: &FairStore,
    write: Write<'_>,
) -> RedisResult<Kept> {
    let mode = match write.mode {
        Mode::Longest => "longest",
        Mode::Replace => "replace",
        Mode::Forget => "forget",
    };
    let mut call = FAIR.key(store.index);
    call.key(store.owners)
        .key(store.holders)
        .arg(write.id)
        .arg(write.owner.hex())
        .arg(write.until)
        .arg(write.now)
        .arg(store.by)
        .arg(write.share.per_client.max(1))
        .arg(write.share.total.max(1))
        .arg(mode)
        .arg(store.values)
        .arg(write.value)
        .arg(store.channel);
    let answer = call.invoke_async::<Vec<Vec<u8>>>(connection).await?;
    Ok(Kept {
        forgotten: answer
            .into_iter()
            .map(|id| String::from_utf8_lossy(&id).into_owned())
            .collect(),
    })
}
