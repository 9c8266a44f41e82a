//! Placeholder until the ledger lands.
use crate::checkout::Order;
use uuid::Uuid;
#[derive(Clone, Default)]
pub struct Ledger;
#[derive(Debug)]
pub enum LedgerError {
    Unavailable(String),
}
pub enum Claim {
    Placed(Order),
    AlreadyPlaced(Order),
}
pub struct Failures {
    pub count: u32,
    pub retry_after: u64,
}
impl Ledger {
    pub fn in_memory() -> Ledger {
        Ledger
    }
    pub fn is_revoked(&self, _id: Uuid, _now: i64) -> bool {
        false
    }
    pub async fn revoke(&self, _id: Uuid, _until: i64, _now: i64) -> Result<(), LedgerError> {
        Ok(())
    }
    pub async fn claim_order(
        &self,
        _checkout: Uuid,
        order: &Order,
        _until: i64,
        _now: i64,
    ) -> Result<Claim, LedgerError> {
        Ok(Claim::Placed(order.clone()))
    }
    pub async fn order(&self, _checkout: Uuid, _now: i64) -> Result<Option<Order>, LedgerError> {
        Ok(None)
    }
    pub async fn login_failures(
        &self,
        _client: &str,
        _username: &str,
        _now: i64,
    ) -> Result<Failures, LedgerError> {
        Ok(Failures {
            count: 0,
            retry_after: 0,
        })
    }
    pub async fn record_login_failure(
        &self,
        _client: &str,
        _username: &str,
        _window: u32,
        _now: i64,
    ) -> Result<Failures, LedgerError> {
        Ok(Failures {
            count: 0,
            retry_after: 0,
        })
    }
    pub async fn clear_login_failures(&self, _c: &str, _u: &str) -> Result<(), LedgerError> {
        Ok(())
    }
}
impl Ledger {
    pub async fn connect_redis(url: &str) -> Result<Ledger, String> {
        Err(format!("no redis yet: {url}"))
    }
}
