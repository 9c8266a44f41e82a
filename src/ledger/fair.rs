//! A bounded map that strangers share fairly: every entry is charged to the
//! client that wrote it, and a full map forgets rather than refuses. A
//! client past its share loses its own entry that ends first; a map past
//! its total loses the entry that ends first of the client holding the
//! most. So one client filling the map only ever pushes out its own
//! entries, and nobody is refused a write.

use std::collections::{BTreeSet, HashMap};
use std::hash::Hash;

use super::records::{ClientKey, Share};
use crate::clock::UnixTime;

#[derive(Debug)]
struct Entry<V> {
    value: V,
    until: UnixTime,
    owner: ClientKey,
}

/// Entries that each last until a time, charged to a client, within a [`Share`].
#[derive(Debug)]
pub(super) struct FairMap<K, V> {
    share: Share,
    entries: HashMap<K, Entry<V>>,
    by_end: BTreeSet<(UnixTime, K)>,
    by_owner: HashMap<ClientKey, BTreeSet<(UnixTime, K)>>,
    /// Each client holding entries, by how many it holds.
    holders: BTreeSet<(usize, ClientKey)>,
}

/// How a write treats an entry already under its key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Rewrite {
    /// The new value replaces it, until the new end.
    Replace,
    /// The new value replaces it, until the later of both ends.
    KeepLongest,
}

impl<K: Clone + Ord + Hash, V> FairMap<K, V> {
    pub(super) fn new(share: Share) -> FairMap<K, V> {
        FairMap {
            share,
            entries: HashMap::new(),
            by_end: BTreeSet::new(),
            by_owner: HashMap::new(),
            holders: BTreeSet::new(),
        }
    }

    /// The value of `key` and its end, if it is still in force at `now`.
    pub(super) fn get(&self, key: &K, now: UnixTime) -> Option<(&V, UnixTime)> {
        match self.entries.get(key) {
            Some(entry) if entry.until > now => Some((&entry.value, entry.until)),
            _ => None,
        }
    }

    /// Keeps `value` under `key` until `until`, charged to `owner`, after
    /// dropping what ended by `now`; returns the keys forgotten to make
    /// room (never `key` itself).
    pub(super) fn insert(
        &mut self,
        owner: ClientKey,
        key: K,
        value: V,
        until: UnixTime,
        now: UnixTime,
        rewrite: Rewrite,
    ) -> Vec<K> {
        self.prune(now);
        let mut forgotten = Vec::new();
        let until = match (self.get(&key, now), rewrite) {
            (Some((_, end)), Rewrite::KeepLongest) => end.max(until),
            _ => until,
        };
        let known = self.remove(&key);
        if until <= now {
            return forgotten;
        }
        if !known {
            while self.held_by(&owner) >= self.share.per_client.max(1) {
                match self.first_of(&owner) {
                    Some(first) => forgotten.push(self.forget(first)),
                    None => break,
                }
            }
            while self.entries.len() >= self.share.total.max(1) {
                let Some(first) = self.holders.last().and_then(|(_, top)| self.first_of(top))
                else {
                    break;
                };
                forgotten.push(self.forget(first));
            }
        }
        self.by_end.insert((until, key.clone()));
        self.by_owner
            .entry(owner)
            .or_default()
            .insert((until, key.clone()));
        self.recount(owner, 1);
        self.entries.insert(
            key,
            Entry {
                value,
                until,
                owner,
            },
        );
        forgotten
    }

    /// Forgets `key`; whether it was there.
    pub(super) fn remove(&mut self, key: &K) -> bool {
        let Some(entry) = self.entries.remove(key) else {
            return false;
        };
        let stamp = (entry.until, key.clone());
        self.by_end.remove(&stamp);
        if let Some(own) = self.by_owner.get_mut(&entry.owner) {
            own.remove(&stamp);
            if own.is_empty() {
                self.by_owner.remove(&entry.owner);
            }
        }
        self.recount(entry.owner, -1);
        true
    }

    /// Drops every entry that ended by `now`.
    pub(super) fn prune(&mut self, now: UnixTime) {
        while let Some((until, key)) = self.by_end.first() {
            if *until > now {
                break;
            }
            let key = key.clone();
            self.remove(&key);
        }
    }

    /// How many entries the map holds, expired or not.
    #[cfg(test)]
    pub(super) fn len(&self) -> usize {
        self.entries.len()
    }

    /// How many entries `owner` holds.
    fn held_by(&self, owner: &ClientKey) -> usize {
        self.by_owner.get(owner).map_or(0, BTreeSet::len)
    }

    /// `owner`'s entry that ends first.
    fn first_of(&self, owner: &ClientKey) -> Option<K> {
        let own = self.by_owner.get(owner)?;
        own.first().map(|(_, key)| key.clone())
    }

    fn forget(&mut self, key: K) -> K {
        self.remove(&key);
        key
    }

    /// Moves `owner` in [`FairMap::holders`] by `change` entries.
    fn recount(&mut self, owner: ClientKey, change: isize) {
        let after = self.held_by(&owner);
        let before = after.saturating_add_signed(-change);
        self.holders.remove(&(before, owner));
        if after > 0 {
            self.holders.insert((after, owner));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: UnixTime = 1_800_000_000;

    fn client(n: u8) -> ClientKey {
        ClientKey([n; 16])
    }

    fn map(per_client: usize, total: usize) -> FairMap<u32, ()> {
        FairMap::new(Share { per_client, total })
    }

    #[test]
    fn a_client_past_its_share_forgets_its_own_entry_that_ends_first() {
        let mut map = map(2, 100);
        map.insert(client(1), 1, (), NOW + 20, NOW, Rewrite::Replace);
        map.insert(client(1), 2, (), NOW + 10, NOW, Rewrite::Replace);
        map.insert(client(2), 3, (), NOW + 5, NOW, Rewrite::Replace);

        let forgotten = map.insert(client(1), 4, (), NOW + 30, NOW, Rewrite::Replace);

        assert_eq!(forgotten, vec![2]);
        assert!(map.get(&1, NOW).is_some());
        assert!(map.get(&3, NOW).is_some());
        assert!(map.get(&4, NOW).is_some());
    }

    #[test]
    fn a_full_map_forgets_an_entry_of_the_client_holding_the_most() {
        let mut map = map(10, 4);
        map.insert(client(9), 1, (), NOW + 1000, NOW, Rewrite::Replace);
        for key in 2..=4 {
            map.insert(
                client(1),
                key,
                (),
                NOW + 100 + i64::from(key),
                NOW,
                Rewrite::Replace,
            );
        }

        let forgotten = map.insert(client(2), 5, (), NOW + 50, NOW, Rewrite::Replace);

        assert_eq!(forgotten, vec![2]);
        assert!(
            map.get(&1, NOW).is_some(),
            "the small holder keeps its entry"
        );
        assert_eq!(map.len(), 4);
    }

    #[test]
    fn one_client_writing_without_end_never_pushes_out_another() {
        let mut map = map(5, 20);
        for key in 0..5 {
            map.insert(client(7), key, (), NOW + 60, NOW, Rewrite::Replace);
        }
        for key in 100..10_000 {
            map.insert(client(1), key, (), NOW + 60, NOW, Rewrite::Replace);
        }
        for key in 0..5 {
            assert!(map.get(&key, NOW).is_some());
        }
        assert!(map.len() <= 20);
    }

    #[test]
    fn writing_a_key_again_adds_nothing_and_keep_longest_never_shortens() {
        let mut map = map(1, 10);
        map.insert(client(1), 1, (), NOW + 100, NOW, Rewrite::KeepLongest);

        let forgotten = map.insert(client(1), 1, (), NOW + 10, NOW, Rewrite::KeepLongest);

        assert!(forgotten.is_empty());
        assert_eq!(map.len(), 1);
        assert_eq!(map.get(&1, NOW + 50), Some((&(), NOW + 100)));
    }

    #[test]
    fn ended_entries_are_dropped_before_anything_is_forgotten() {
        let mut map = map(1, 10);
        map.insert(client(1), 1, (), NOW + 10, NOW, Rewrite::Replace);

        let forgotten = map.insert(client(1), 2, (), NOW + 100, NOW + 10, Rewrite::Replace);

        assert!(forgotten.is_empty());
        assert_eq!(map.len(), 1);
        assert_eq!(map.held_by(&client(1)), 1);
        assert_eq!(map.holders.len(), 1);
    }
}
