//! The ledger's records, shared by its front and both backends: what a
//! claim, a reservation and a failure say, the limits, and the names of
//! failed-login counts.

use std::fmt;

use blake2::digest::consts::U16;
use blake2::digest::Mac;
use blake2::Blake2bMac;

use crate::auth::normalize_username;
use crate::checkout::Order;
use crate::clock::UnixTime;

/// Why the ledger could not answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LedgerError {
    /// The backend cannot be reached, or holds what this version cannot
    /// read; callers answer 503. The text is for logs.
    Unavailable(String),
    /// This kind of entry is at its limit and none may be dropped (a
    /// revocation, an order): callers answer 503.
    Full(Kind),
}

/// The kinds of entry the ledger keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Revocations,
    Orders,
    LoginFailures,
}

impl fmt::Display for LedgerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LedgerError::Unavailable(reason) => write!(f, "the ledger is unavailable: {reason}"),
            LedgerError::Full(kind) => write!(f, "the ledger holds as many {kind:?} as it may"),
        }
    }
}

impl std::error::Error for LedgerError {}

/// How many entries of each kind the ledger holds at most. When full, it
/// refuses new revocations and orders (never forgetting one still in force)
/// and drops the failed-login count that ends first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Revoked session ids (about 100 bytes each).
    pub revocations: usize,
    /// Placed orders (about 1 KB each).
    pub orders: usize,
    /// Failed-login counts (about 100 bytes each).
    pub login_failures: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            revocations: 100_000,
            orders: 10_000,
            login_failures: 100_000,
        }
    }
}

/// Which order stands for a checkout, and whether this claim placed it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Claim {
    /// This claim came first: its order is the one placed.
    Placed(Order),
    /// An order was already placed for this checkout; here it is.
    AlreadyPlaced(Order),
}

impl Claim {
    /// The order that stands, whoever placed it.
    pub fn order(&self) -> &Order {
        match self {
            Claim::Placed(order) | Claim::AlreadyPlaced(order) => order,
        }
    }
}

/// The answer to a sign-in attempt's reservation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attempt {
    /// Counted as a failure in advance (a good password clears it); `count`
    /// includes it.
    Reserved { count: u32 },
    /// The limit is reached: no password may be checked for `retry_after`
    /// seconds (`Retry-After`).
    Refused { retry_after: u32 },
}

/// The name of one failed-login count: a keyed hash of a client address
/// and a username, 16 bytes whatever was typed, revealing neither.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(super) struct LoginKey(pub(super) [u8; 16]);

/// Names failed-login counts with a keyed hash.
#[derive(Clone)]
pub(super) struct LoginNames {
    keyed: Blake2bMac<U16>,
}

impl LoginNames {
    /// Names keyed with `key` (its first 64 bytes, BLAKE2b's longest key).
    pub(super) fn new(key: &[u8]) -> LoginNames {
        let key = &key[..key.len().min(64)];
        let keyed = Blake2bMac::<U16>::new_with_salt_and_personal(key, &[], b"login-failures")
            .expect("a key of at most 64 bytes and a 14-byte persona fit BLAKE2b");
        LoginNames { keyed }
    }

    /// The count's name for `client` and `username` matched the way logins
    /// match it (trimmed, any case).
    pub(super) fn name(&self, client: &str, username: &str) -> LoginKey {
        let mut mac = self.keyed.clone();
        mac.update(client.as_bytes());
        mac.update(&[0]);
        mac.update(normalize_username(username).as_bytes());
        LoginKey(mac.finalize().into_bytes().into())
    }
}

/// The window a reservation is counted in.
#[derive(Debug, Clone, Copy)]
pub(super) struct Window {
    pub(super) limit: u32,
    pub(super) secs: u32,
    pub(super) now: UnixTime,
}

/// Seconds from `now` until `until`, at least 0.
pub(super) fn seconds_until(until: UnixTime, now: UnixTime) -> u32 {
    u32::try_from(until.saturating_sub(now).max(0)).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_username_is_counted_the_way_logins_match_it() {
        let names = LoginNames::new(b"key");
        assert_eq!(
            names.name("10.0.0.1", "  Alice "),
            names.name("10.0.0.1", "alice")
        );
        assert_ne!(
            names.name("10.0.0.1", "alice"),
            names.name("10.0.0.2", "alice")
        );
    }

    #[test]
    fn a_count_is_named_by_the_key_and_never_by_the_parts_run_together() {
        let names = LoginNames::new(b"key");
        assert_ne!(names.name("::1", "a:b"), names.name("::1:a", "b"));
        assert_ne!(
            names.name("10.0.0.1", "alice"),
            LoginNames::new(b"other key").name("10.0.0.1", "alice")
        );
    }
}
