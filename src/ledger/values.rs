//! Values kept on the server under a random id: the store behind the
//! learners' server-side session (`/test/server/…`), where the cookie holds
//! only the id. In memory by default; in Redis when `redis_url` is set, so
//! every instance sharing it finds the value. Each value lasts a limited
//! time and is charged to the client that set it; the store holds a
//! bounded number, and when full forgets rather than refuses (`fair.rs`).

use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use ::redis::aio::ConnectionManager;
use ::redis::Client;
use rocket::tokio;
use uuid::Uuid;

use super::fair::{FairMap, Rewrite};
use super::records::{ClientKey, Share};
use super::redis::fair::{keep, FairStore, Mode, Write};
use super::LedgerError;
use crate::clock::UnixTime;

/// The most values the store holds at once, and the most one client holds,
/// unless told otherwise: past its share a client's own oldest value is
/// forgotten, past the total the oldest of the client holding the most.
pub const SHARE: Share = Share {
    per_client: 100,
    total: 10_000,
};

const VALUES: FairStore = FairStore {
    index: "session-shop:values",
    owners: "session-shop:values:owners",
    holders: "session-shop:values:holders",
    by: "session-shop:values:by:",
    values: "session-shop:value:",
    channel: "",
};
const CALL_TIMEOUT: Duration = Duration::from_millis(1500);

/// Values by id, each until a time.
pub struct ServerValues {
    backend: Backend,
}

enum Backend {
    Memory(Mutex<FairMap<Uuid, String>>),
    Redis {
        connection: ConnectionManager,
        share: Share,
    },
}

impl ServerValues {
    /// A store in this process's memory: one instance, forgotten at restart.
    pub fn in_memory() -> ServerValues {
        ServerValues::in_memory_holding(SHARE)
    }

    /// A store in memory holding at most `share`.
    pub fn in_memory_holding(share: Share) -> ServerValues {
        ServerValues {
            backend: Backend::Memory(Mutex::new(FairMap::new(share))),
        }
    }

    /// A store in the Redis server at `url`, holding at most `share`.
    pub async fn connect_redis(url: &str, share: Share) -> Result<ServerValues, String> {
        let unreachable =
            |reason: String| format!("cannot reach Redis for server values: {reason}");
        let client = Client::open(url).map_err(|error| unreachable(error.to_string()))?;
        let connection = tokio::time::timeout(CALL_TIMEOUT * 2, client.get_connection_manager())
            .await
            .map_err(|_| unreachable("no answer".to_owned()))?
            .map_err(|error| unreachable(error.to_string()))?;
        Ok(ServerValues {
            backend: Backend::Redis { connection, share },
        })
    }

    /// Keeps `value` under `id` until `until`, charged to `owner`. Never
    /// refused for want of room.
    pub async fn put(
        &self,
        id: Uuid,
        value: &str,
        until: UnixTime,
        now: UnixTime,
        owner: ClientKey,
    ) -> Result<(), LedgerError> {
        match &self.backend {
            Backend::Memory(values) => {
                let mut values = values.lock().unwrap_or_else(PoisonError::into_inner);
                values.insert(owner, id, value.to_owned(), until, now, Rewrite::Replace);
                Ok(())
            }
            Backend::Redis { connection, share } => {
                let id = id.to_string();
                let write = Write {
                    id: &id,
                    owner,
                    until,
                    now,
                    share: *share,
                    mode: Mode::Replace,
                    value,
                };
                call(keep(&mut connection.clone(), &VALUES, write)).await?;
                Ok(())
            }
        }
    }

    /// The value under `id`, while it lasts.
    pub async fn get(&self, id: Uuid, now: UnixTime) -> Result<Option<String>, LedgerError> {
        match &self.backend {
            Backend::Memory(values) => {
                let values = values.lock().unwrap_or_else(PoisonError::into_inner);
                Ok(values.get(&id, now).map(|(value, _)| value.clone()))
            }
            Backend::Redis { connection, .. } => {
                let mut get = ::redis::cmd("GET");
                get.arg(format!("{}{id}", VALUES.values));
                call(get.query_async::<Option<String>>(&mut connection.clone())).await
            }
        }
    }

    /// Forgets the value under `id`, if there is one.
    pub async fn forget(&self, id: Uuid) -> Result<(), LedgerError> {
        match &self.backend {
            Backend::Memory(values) => {
                let mut values = values.lock().unwrap_or_else(PoisonError::into_inner);
                values.remove(&id);
                Ok(())
            }
            Backend::Redis { connection, share } => {
                let id = id.to_string();
                let write = Write {
                    id: &id,
                    owner: ClientKey([0; 16]),
                    until: 0,
                    now: 0,
                    share: *share,
                    mode: Mode::Forget,
                    value: "",
                };
                call(keep(&mut connection.clone(), &VALUES, write)).await?;
                Ok(())
            }
        }
    }
}

/// One call to Redis, unavailable after [`CALL_TIMEOUT`].
async fn call<T>(
    work: impl std::future::Future<Output = ::redis::RedisResult<T>>,
) -> Result<T, LedgerError> {
    match tokio::time::timeout(CALL_TIMEOUT, work).await {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(error)) => Err(LedgerError::Unavailable(format!("Redis: {error}"))),
        Err(_) => Err(LedgerError::Unavailable("Redis did not answer".to_owned())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: UnixTime = 1_800_000_000;

    fn client(n: u8) -> ClientKey {
        ClientKey([n; 16])
    }

    #[rocket::async_test]
    async fn a_value_lasts_until_its_end_and_not_after() {
        let values = ServerValues::in_memory();
        let id = Uuid::new_v4();
        values
            .put(id, "user", NOW + 10, NOW, client(1))
            .await
            .unwrap();
        assert_eq!(
            values.get(id, NOW + 9).await.unwrap().as_deref(),
            Some("user")
        );
        assert_eq!(values.get(id, NOW + 10).await.unwrap(), None);
    }

    #[rocket::async_test]
    async fn a_client_filling_the_store_forgets_its_own_values_and_nobody_elses() {
        let values = ServerValues::in_memory_holding(Share {
            per_client: 10,
            total: 30,
        });
        let learner = Uuid::new_v4();
        values
            .put(learner, "user", NOW + 10, NOW, client(7))
            .await
            .unwrap();
        for _ in 0..1000 {
            let id = Uuid::new_v4();
            values
                .put(id, "user", NOW + 10, NOW, client(1))
                .await
                .unwrap();
        }
        let newcomer = Uuid::new_v4();
        values
            .put(newcomer, "user", NOW + 10, NOW, client(8))
            .await
            .unwrap();

        assert_eq!(
            values.get(learner, NOW).await.unwrap().as_deref(),
            Some("user")
        );
        assert_eq!(
            values.get(newcomer, NOW).await.unwrap().as_deref(),
            Some("user")
        );
    }
}
