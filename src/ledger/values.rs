//! Values kept on the server under a random id: the store behind the
//! learners' server-side session (`/test/server/…`), where the cookie holds
//! only the id. In memory by default; in Redis when `redis_url` is set, so
//! every instance sharing it finds the value. Each value lasts a limited
//! time, and the memory store holds a bounded number of them.

use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use ::redis::aio::ConnectionManager;
use ::redis::{Client, Value};
use rocket::tokio;
use uuid::Uuid;

use super::expiring::ExpiringMap;
use super::LedgerError;
use crate::clock::UnixTime;

/// The most values the memory store holds at once, unless told otherwise;
/// when full, it refuses new ids (503) rather than forget values in force.
pub const MAX_VALUES: usize = 10_000;

const VALUE_PREFIX: &str = "session-shop:value:";
const CALL_TIMEOUT: Duration = Duration::from_millis(1500);

/// Values by id, each until a time.
pub struct ServerValues {
    backend: Backend,
}

enum Backend {
    Memory {
        values: Mutex<ExpiringMap<Uuid, String>>,
        capacity: usize,
    },
    Redis(ConnectionManager),
}

impl ServerValues {
    /// A store in this process's memory: one instance, forgotten at restart.
    pub fn in_memory() -> ServerValues {
        ServerValues::in_memory_holding(MAX_VALUES)
    }

    /// A store in memory holding at most `capacity` values at once.
    pub fn in_memory_holding(capacity: usize) -> ServerValues {
        ServerValues {
            backend: Backend::Memory {
                values: Mutex::default(),
                capacity,
            },
        }
    }

    /// A store in the Redis server at `url`.
    pub async fn connect_redis(url: &str) -> Result<ServerValues, String> {
        let unreachable =
            |reason: String| format!("cannot reach Redis for server values: {reason}");
        let client = Client::open(url).map_err(|error| unreachable(error.to_string()))?;
        let connection = tokio::time::timeout(CALL_TIMEOUT * 2, client.get_connection_manager())
            .await
            .map_err(|_| unreachable("no answer".to_owned()))?
            .map_err(|error| unreachable(error.to_string()))?;
        Ok(ServerValues {
            backend: Backend::Redis(connection),
        })
    }

    /// Keeps `value` under `id` until `until`.
    pub async fn put(
        &self,
        id: Uuid,
        value: &str,
        until: UnixTime,
        now: UnixTime,
    ) -> Result<(), LedgerError> {
        match &self.backend {
            Backend::Memory { values, capacity } => {
                let mut values = values.lock().unwrap_or_else(PoisonError::into_inner);
                values.prune(now);
                if values.get(&id, now).is_none() && values.len() >= *capacity {
                    return Err(LedgerError::Unavailable(format!(
                        "the server-side store holds {capacity} values already"
                    )));
                }
                values.insert(id, value.to_owned(), until, now);
                Ok(())
            }
            Backend::Redis(connection) => {
                let mut set = ::redis::cmd("SET");
                set.arg(key(id))
                    .arg(value)
                    .arg("EX")
                    .arg(until.saturating_sub(now).max(1));
                call(set.query_async::<Value>(&mut connection.clone())).await?;
                Ok(())
            }
        }
    }

    /// The value under `id`, while it lasts.
    pub async fn get(&self, id: Uuid, now: UnixTime) -> Result<Option<String>, LedgerError> {
        match &self.backend {
            Backend::Memory { values, .. } => {
                let values = values.lock().unwrap_or_else(PoisonError::into_inner);
                Ok(values.get(&id, now).map(|(value, _)| value.clone()))
            }
            Backend::Redis(connection) => {
                let mut get = ::redis::cmd("GET");
                get.arg(key(id));
                call(get.query_async::<Option<String>>(&mut connection.clone())).await
            }
        }
    }

    /// Forgets the value under `id`, if there is one.
    pub async fn forget(&self, id: Uuid) -> Result<(), LedgerError> {
        match &self.backend {
            Backend::Memory { values, .. } => {
                let mut values = values.lock().unwrap_or_else(PoisonError::into_inner);
                values.remove(&id);
                Ok(())
            }
            Backend::Redis(connection) => {
                let mut del = ::redis::cmd("DEL");
                del.arg(key(id));
                call(del.query_async::<Value>(&mut connection.clone())).await?;
                Ok(())
            }
        }
    }
}

fn key(id: Uuid) -> String {
    format!("{VALUE_PREFIX}{id}")
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

    #[rocket::async_test]
    async fn a_value_lasts_until_its_end_and_not_after() {
        let values = ServerValues::in_memory();
        let id = Uuid::new_v4();
        values.put(id, "user", NOW + 10, NOW).await.unwrap();
        assert_eq!(
            values.get(id, NOW + 9).await.unwrap().as_deref(),
            Some("user")
        );
        assert_eq!(values.get(id, NOW + 10).await.unwrap(), None);
    }

    #[rocket::async_test]
    async fn a_full_store_refuses_new_ids_but_still_updates_known_ones() {
        let values = ServerValues::in_memory_holding(100);
        let ids: Vec<Uuid> = (0..100).map(|_| Uuid::new_v4()).collect();
        for id in &ids {
            values.put(*id, "user", NOW + 10, NOW).await.unwrap();
        }
        assert!(values
            .put(Uuid::new_v4(), "user", NOW + 10, NOW)
            .await
            .is_err());
        assert!(values.put(ids[0], "other", NOW + 10, NOW).await.is_ok());
        // Once the old values have ended, there is room again.
        assert!(values
            .put(Uuid::new_v4(), "user", NOW + 20, NOW + 10)
            .await
            .is_ok());
    }
}
