//! The ledger in this process's memory: maps whose entries expire, pruned on
//! every write so they hold only what is still in force.

use std::collections::{BTreeSet, HashMap};
use std::hash::Hash;
use std::sync::{Mutex, PoisonError, RwLock};

use uuid::Uuid;

use super::{seconds_until, Claim, Failures, LoginKey};
use crate::checkout::Order;
use crate::clock::UnixTime;

/// A map whose entries each last until a time; expired entries are dropped
/// on every insert, oldest first, so the map never outgrows what is in force.
#[derive(Debug)]
pub(super) struct ExpiringMap<K, V> {
    entries: HashMap<K, (V, UnixTime)>,
    by_end: BTreeSet<(UnixTime, K)>,
}

impl<K: Clone + Ord + Hash, V> Default for ExpiringMap<K, V> {
    fn default() -> Self {
        ExpiringMap {
            entries: HashMap::new(),
            by_end: BTreeSet::new(),
        }
    }
}

impl<K: Clone + Ord + Hash, V> ExpiringMap<K, V> {
    /// The value of `key` and its end, if it is still in force at `now`.
    pub(super) fn get(&self, key: &K, now: UnixTime) -> Option<(&V, UnixTime)> {
        match self.entries.get(key) {
            Some((value, until)) if *until > now => Some((value, *until)),
            _ => None,
        }
    }

    /// Sets `key` to `value` until `until`, after dropping what ended by `now`.
    pub(super) fn insert(&mut self, key: K, value: V, until: UnixTime, now: UnixTime) {
        self.prune(now);
        self.remove(&key);
        if until > now {
            self.by_end.insert((until, key.clone()));
            self.entries.insert(key, (value, until));
        }
    }

    /// Forgets `key`.
    pub(super) fn remove(&mut self, key: &K) {
        if let Some((_, until)) = self.entries.remove(key) {
            self.by_end.remove(&(until, key.clone()));
        }
    }

    /// Drops every entry that ended by `now`.
    pub(super) fn prune(&mut self, now: UnixTime) {
        while let Some((until, _)) = self.by_end.first() {
            if *until > now {
                break;
            }
            if let Some((_, key)) = self.by_end.pop_first() {
                self.entries.remove(&key);
            }
        }
    }

    /// How many entries the map holds, expired or not.
    pub(super) fn len(&self) -> usize {
        self.entries.len()
    }
}

/// The in-memory backend. Its locks are never held across an `.await`.
#[derive(Debug, Default)]
pub(super) struct MemoryLedger {
    revoked: RwLock<ExpiringMap<Uuid, ()>>,
    orders: Mutex<ExpiringMap<Uuid, Order>>,
    login_failures: Mutex<ExpiringMap<LoginKey, u32>>,
}

impl MemoryLedger {
    pub(super) fn is_revoked(&self, id: Uuid, now: UnixTime) -> bool {
        let revoked = self.revoked.read().unwrap_or_else(PoisonError::into_inner);
        revoked.get(&id, now).is_some()
    }

    pub(super) fn revoke(&self, id: Uuid, until: UnixTime, now: UnixTime) {
        let mut revoked = self.revoked.write().unwrap_or_else(PoisonError::into_inner);
        // NOTE: a second revocation of the same id never shortens the first.
        let until = revoked
            .get(&id, now)
            .map_or(until, |(_, end)| end.max(until));
        revoked.insert(id, (), until, now);
    }

    pub(super) fn claim_order(
        &self,
        checkout: Uuid,
        order: &Order,
        until: UnixTime,
        now: UnixTime,
    ) -> Claim {
        let mut orders = self.orders.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some((placed, _)) = orders.get(&checkout, now) {
            return Claim::AlreadyPlaced(placed.clone());
        }
        orders.insert(checkout, order.clone(), until, now);
        Claim::Placed(order.clone())
    }

    pub(super) fn order(&self, checkout: Uuid, now: UnixTime) -> Option<Order> {
        let orders = self.orders.lock().unwrap_or_else(PoisonError::into_inner);
        orders.get(&checkout, now).map(|(order, _)| order.clone())
    }

    pub(super) fn login_failures(&self, key: &LoginKey, now: UnixTime) -> Failures {
        let failures = self
            .login_failures
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        match failures.get(key, now) {
            Some((count, until)) => Failures {
                count: *count,
                retry_after: seconds_until(until, now),
            },
            None => Failures::default(),
        }
    }

    pub(super) fn record_login_failure(
        &self,
        key: LoginKey,
        window_secs: u32,
        now: UnixTime,
    ) -> Failures {
        let mut failures = self
            .login_failures
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let (count, until) = match failures.get(&key, now) {
            Some((count, until)) => (count.saturating_add(1), until),
            None => (1, now.saturating_add(i64::from(window_secs))),
        };
        failures.insert(key, count, until, now);
        Failures {
            count,
            retry_after: seconds_until(until, now),
        }
    }

    pub(super) fn clear_login_failures(&self, key: &LoginKey) {
        let mut failures = self
            .login_failures
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        failures.remove(key);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: UnixTime = 1_800_000_000;

    #[test]
    fn a_write_drops_every_entry_that_has_ended() {
        let mut map = ExpiringMap::default();
        map.insert("short", 1, NOW + 10, NOW);
        map.insert("long", 2, NOW + 100, NOW);

        map.insert("new", 3, NOW + 50, NOW + 10);

        assert_eq!(map.len(), 2);
        assert_eq!(map.get(&"short", NOW), None);
        assert_eq!(map.get(&"long", NOW + 10), Some((&2, NOW + 100)));
        assert_eq!(map.get(&"new", NOW + 10), Some((&3, NOW + 50)));
    }

    #[test]
    fn an_entry_is_gone_at_its_end_even_before_it_is_pruned() {
        let mut map = ExpiringMap::default();
        map.insert("id", (), NOW + 10, NOW);

        assert!(map.get(&"id", NOW + 9).is_some());
        assert!(map.get(&"id", NOW + 10).is_none());
    }

    #[test]
    fn an_entry_that_already_ended_is_not_kept() {
        let mut map = ExpiringMap::default();
        map.insert("past", (), NOW - 1, NOW);

        assert_eq!(map.len(), 0);
    }

    #[test]
    fn replacing_an_entry_keeps_only_its_new_end() {
        let mut map = ExpiringMap::default();
        map.insert("id", 1, NOW + 10, NOW);
        map.insert("id", 2, NOW + 100, NOW);

        map.prune(NOW + 10);

        assert_eq!(map.get(&"id", NOW + 10), Some((&2, NOW + 100)));
        map.prune(NOW + 100);
        assert_eq!(map.len(), 0);
    }

    #[test]
    fn expired_login_failures_are_dropped_when_another_is_recorded() {
        let ledger = MemoryLedger::default();
        ledger.record_login_failure(LoginKey::new("10.0.0.1", "alice"), 60, NOW);

        ledger.record_login_failure(LoginKey::new("10.0.0.2", "bob"), 60, NOW + 60);

        let failures = ledger.login_failures.lock().unwrap();
        assert_eq!(failures.len(), 1);
    }

    #[test]
    fn expired_revocations_are_dropped_when_another_is_made() {
        let ledger = MemoryLedger::default();
        ledger.revoke(Uuid::new_v4(), NOW + 5, NOW);

        ledger.revoke(Uuid::new_v4(), NOW + 100, NOW + 5);

        assert_eq!(ledger.revoked.read().unwrap().len(), 1);
    }
}
