//! The ledger in this process's memory: maps whose entries expire, pruned on
//! every write so they hold only what is still in force, and shared fairly
//! among clients when full (`fair.rs`).

use std::sync::{Mutex, PoisonError, RwLock};

use uuid::Uuid;

use super::expiring::ExpiringMap;
use super::fair::{FairMap, Rewrite};
use super::records::{seconds_until, Attempt, ClientKey, Limits, LoginKey, Window};
use crate::clock::UnixTime;

/// The in-memory backend, holding at most its [`Limits`]. Its locks are
/// never held across an `.await`.
#[derive(Debug)]
pub(super) struct MemoryLedger {
    limits: Limits,
    revoked: RwLock<FairMap<Uuid, ()>>,
    /// Failed-login counts and order budgets (their keys never meet).
    login_failures: Mutex<ExpiringMap<LoginKey, u32>>,
}

impl MemoryLedger {
    pub(super) fn new(limits: Limits) -> MemoryLedger {
        MemoryLedger {
            limits,
            revoked: RwLock::new(FairMap::new(limits.revocations)),
            login_failures: Mutex::default(),
        }
    }

    pub(super) fn is_revoked(&self, id: Uuid, now: UnixTime) -> bool {
        let revoked = self.revoked.read().unwrap_or_else(PoisonError::into_inner);
        revoked.get(&id, now).is_some()
    }

    pub(super) fn revoke(&self, id: Uuid, until: UnixTime, now: UnixTime, owner: ClientKey) {
        let mut revoked = self.revoked.write().unwrap_or_else(PoisonError::into_inner);
        revoked.insert(owner, id, (), until, now, Rewrite::KeepLongest);
    }

    pub(super) fn reserve(&self, key: LoginKey, window: Window) -> Attempt {
        let now = window.now;
        let mut failures = self
            .login_failures
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let (count, until) = match failures.get(&key, now) {
            Some((count, until)) => (*count, until),
            None => (0, now.saturating_add(i64::from(window.secs))),
        };
        if count >= window.limit {
            return Attempt::Refused {
                retry_after: seconds_until(until, now),
            };
        }
        failures.prune(now);
        // NOTE: when full, the count that ends first goes: an old count
        // forgotten costs less than a sign-in refused.
        while !failures.contains(&key) && failures.len() >= self.limits.login_failures.max(1) {
            failures.drop_first();
        }
        failures.insert(key, count + 1, until, now);
        Attempt::Reserved { count: count + 1 }
    }

    pub(super) fn clear(&self, key: &LoginKey) {
        let mut failures = self
            .login_failures
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        failures.remove(key);
    }

    /// Gives back one reserved unit of `key`, if its window still runs.
    pub(super) fn release(&self, key: &LoginKey, now: UnixTime) {
        let mut failures = self
            .login_failures
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if let Some((count, until)) = failures.get(key, now) {
            let count = count.saturating_sub(1);
            failures.insert(*key, count, until, now);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ledger::records::LoginNames;

    const NOW: UnixTime = 1_800_000_000;

    fn window(limit: u32, now: UnixTime) -> Window {
        Window {
            limit,
            secs: 60,
            now,
        }
    }

    #[test]
    fn expired_login_failures_are_dropped_when_another_is_recorded() {
        let ledger = MemoryLedger::new(Limits::default());
        let names = LoginNames::new(b"key");
        ledger.reserve(names.name("10.0.0.1", "alice"), window(10, NOW));

        ledger.reserve(names.name("10.0.0.2", "bob"), window(10, NOW + 60));

        let failures = ledger.login_failures.lock().unwrap();
        assert_eq!(failures.len(), 1);
    }

    #[test]
    fn expired_revocations_are_dropped_when_another_is_made() {
        let ledger = MemoryLedger::new(Limits::default());
        let owner = LoginNames::new(b"key").client("10.0.0.1");
        ledger.revoke(Uuid::new_v4(), NOW + 5, NOW, owner);

        ledger.revoke(Uuid::new_v4(), NOW + 100, NOW + 5, owner);

        assert_eq!(ledger.revoked.read().unwrap().len(), 1);
    }
}
