//! What the parts of the Redis backend share: the names of the revocations'
//! key and channel, and calls with a time limit.

use std::future::Future;
use std::time::Duration;

use ::redis::RedisResult;
use rocket::tokio;

pub(super) const REVOKED_KEY: &str = "session-shop:revoked";
pub(super) const REVOCATIONS_CHANNEL: &str = "session-shop:revocations";

/// The longest any call to Redis may take before the ledger is unavailable.
pub(super) const CALL_TIMEOUT: Duration = Duration::from_millis(1500);

/// Runs `work`, giving up after `limit`; the failure as text.
pub(super) async fn within<T>(
    limit: Duration,
    work: impl Future<Output = RedisResult<T>>,
) -> Result<T, String> {
    match tokio::time::timeout(limit, work).await {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(error)) => Err(error.to_string()),
        Err(_) => Err(format!("no answer within {} ms", limit.as_millis())),
    }
}
