//! The ledger's records, shared by its front and both backends: what a
//! claim, a reservation and a failure say, the limits, and the names of
//! failed-login counts.

use std::fmt;

use blake2::digest::consts::U16;
use blake2::digest::Mac;
use blake2::Blake2bMac;

use crate::auth::normalize_username;
use crate::clock::UnixTime;

/// Why the ledger could not answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LedgerError {
    /// The backend cannot be reached, or holds what this version cannot
    /// read; callers answer 503. The text is for logs.
    Unavailable(String),
}

impl fmt::Display for LedgerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LedgerError::Unavailable(reason) => write!(f, "the ledger is unavailable: {reason}"),
        }
    }
}

impl std::error::Error for LedgerError {}

/// How many entries of one kind a store holds: at most `total`, and at
/// most `per_client` charged to one client. Past either, the store forgets
/// (see `fair.rs`); it never refuses a write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Share {
    pub per_client: usize,
    pub total: usize,
}

/// How many entries of each kind the ledger holds at most. Nothing is ever
/// refused for want of room: past its share, a client's own entry that ends
/// first is forgotten; past the total, the first-ending entry of the client
/// holding the most; and the failed-login count that ends first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Revoked session ids (about 100 bytes each).
    pub revocations: Share,
    /// Failed-login counts and order budgets (about 100 bytes each).
    pub login_failures: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            revocations: Share {
                per_client: 5_000,
                total: 100_000,
            },
            login_failures: 100_000,
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

/// Whom a bounded entry is charged to: a keyed hash of a client address,
/// an IPv6 address by its /64 (one host's usual share), revealing neither.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ClientKey(pub(super) [u8; 16]);

impl ClientKey {
    /// The key in hex, for Redis key names.
    pub(super) fn hex(&self) -> String {
        hex(&self.0)
    }
}

/// 16 bytes as 32 lowercase hex digits.
pub(super) fn hex(bytes: &[u8; 16]) -> String {
    use std::fmt::Write;
    let mut text = String::with_capacity(32);
    for byte in bytes {
        let _ = write!(text, "{byte:02x}");
    }
    text
}

/// Names failed-login counts and clients with keyed hashes.
#[derive(Clone)]
pub(super) struct LoginNames {
    keyed: Blake2bMac<U16>,
    clients: Blake2bMac<U16>,
    orders: Blake2bMac<U16>,
}

impl LoginNames {
    /// Names keyed with `key` (its first 64 bytes, BLAKE2b's longest key).
    pub(super) fn new(key: &[u8]) -> LoginNames {
        let key = &key[..key.len().min(64)];
        let keyed = |persona: &[u8]| {
            Blake2bMac::<U16>::new_with_salt_and_personal(key, &[], persona)
                .expect("a key of at most 64 bytes and a persona of at most 16 bytes fit BLAKE2b")
        };
        LoginNames {
            keyed: keyed(b"login-failures"),
            clients: keyed(b"clients"),
            orders: keyed(b"order-budgets"),
        }
    }

    /// The name of the orders `account` placed from `client` in a window.
    pub(super) fn orders(&self, client: &str, account: &str) -> LoginKey {
        let mut mac = self.orders.clone();
        mac.update(&self.client(client).0);
        mac.update(account.as_bytes());
        LoginKey(mac.finalize().into_bytes().into())
    }

    /// The key a client at `address` is charged under: IPv6 addresses by
    /// their first 64 bits, anything unreadable as itself.
    pub(super) fn client(&self, address: &str) -> ClientKey {
        let mut mac = self.clients.clone();
        match address.parse::<std::net::IpAddr>() {
            Ok(std::net::IpAddr::V6(v6)) if v6.to_ipv4_mapped().is_none() => {
                mac.update(b"6");
                mac.update(&v6.octets()[..8]);
            }
            Ok(ip) => {
                let v4 = match ip {
                    std::net::IpAddr::V6(v6) => v6.to_ipv4_mapped().map(std::net::IpAddr::V4),
                    v4 => Some(v4),
                };
                mac.update(b"4");
                mac.update(v4.unwrap_or(ip).to_string().as_bytes());
            }
            Err(_) => {
                mac.update(b"?");
                mac.update(address.as_bytes());
            }
        }
        ClientKey(mac.finalize().into_bytes().into())
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
    fn a_client_is_charged_by_its_address_and_an_ipv6_host_by_its_64_bits() {
        let names = LoginNames::new(b"key");
        assert_eq!(names.client("10.0.0.1"), names.client("::ffff:10.0.0.1"));
        assert_ne!(names.client("10.0.0.1"), names.client("10.0.0.2"));
        assert_eq!(
            names.client("2001:db8:1:2::1"),
            names.client("2001:db8:1:2:ffff::9")
        );
        assert_ne!(
            names.client("2001:db8:1:2::1"),
            names.client("2001:db8:1:3::1")
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
