//! A map whose entries each last until a time, for both backends: the
//! in-memory ledger keeps everything in such maps, the Redis one its copy of
//! the revocations.

use std::collections::{BTreeSet, HashMap};
use std::hash::Hash;

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

    /// Sets `key` to `value` until `until`, or until the end it already
    /// has if that is later: an entry is never shortened.
    pub(super) fn insert_longest(&mut self, key: K, value: V, until: UnixTime, now: UnixTime) {
        let until = self.get(&key, now).map_or(until, |(_, end)| end.max(until));
        self.insert(key, value, until, now);
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
            self.drop_first();
        }
    }

    /// Drops the entry that ends first, if any.
    pub(super) fn drop_first(&mut self) {
        if let Some((_, key)) = self.by_end.pop_first() {
            self.entries.remove(&key);
        }
    }

    /// Whether `key` has an entry, in force or not yet pruned.
    pub(super) fn contains(&self, key: &K) -> bool {
        self.entries.contains_key(key)
    }

    /// How many entries the map holds, expired or not.
    pub(super) fn len(&self) -> usize {
        self.entries.len()
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
    fn an_entry_set_again_is_never_shortened() {
        let mut map = ExpiringMap::default();
        map.insert_longest("id", (), NOW + 100, NOW);
        map.insert_longest("id", (), NOW + 10, NOW);

        assert_eq!(map.get(&"id", NOW + 50), Some((&(), NOW + 100)));
    }

    #[test]
    fn dropping_the_first_entry_drops_the_one_that_ends_first() {
        let mut map = ExpiringMap::default();
        map.insert("late", (), NOW + 100, NOW);
        map.insert("early", (), NOW + 10, NOW);

        map.drop_first();

        assert!(!map.contains(&"early"));
        assert!(map.contains(&"late"));
    }
}
