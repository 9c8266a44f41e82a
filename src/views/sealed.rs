//! A sealed cookie for learners: what the server concluded on opening it
//! ([`Verdict`]), and its value laid out ([`layout`]): the base64 decoded
//! into its three parts (12-byte nonce, ciphertext, 16-byte tag), in hex,
//! with one byte marked (the one the tamper lab changed).

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use serde::Serialize;

use super::session::limit_code;
use crate::session::{Opened, Rejection, Source};

/// What the server concluded on opening a cookie, as codes the pages word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Verdict {
    /// Whether it opened as a session.
    pub accepted: bool,
    /// `new` (no cookie), `rejected`, `current` or `fallback` (an older key).
    pub source: &'static str,
    /// Why it was rejected: `unsealed`, `other_version`, `garbled`,
    /// `expired`, `revoked` or `too_large`.
    pub rejection: Option<&'static str>,
    /// For `expired`: `idle` or `absolute`.
    pub limit: Option<&'static str>,
    /// One code for the whole verdict: `accepted`, `new`, or the rejection
    /// (with `idle` or `absolute` for an expired cookie).
    pub reason: &'static str,
}

impl Verdict {
    /// The verdict on a cookie opened as `opened`.
    pub fn of(opened: &Opened) -> Verdict {
        let (source, rejection, limit) = match opened.source {
            Source::New => ("new", None, None),
            Source::Current => ("current", None, None),
            Source::Fallback => ("fallback", None, None),
            Source::Rejected(rejection) => {
                let (why, limit) = match rejection {
                    Rejection::Unsealed => ("unsealed", None),
                    Rejection::OtherVersion => ("other_version", None),
                    Rejection::Garbled => ("garbled", None),
                    Rejection::Expired(limit) => ("expired", Some(limit_code(limit))),
                    Rejection::Revoked => ("revoked", None),
                    Rejection::TooLarge => ("too_large", None),
                };
                ("rejected", Some(why), limit)
            }
        };
        let accepted = matches!(opened.source, Source::Current | Source::Fallback);
        let reason = match (accepted, limit, rejection) {
            (true, _, _) => "accepted",
            (false, Some(limit), _) => limit,
            (false, None, Some(why)) => why,
            (false, None, None) => "new",
        };
        Verdict {
            accepted,
            source,
            rejection,
            limit,
            reason,
        }
    }
}

/// The nonce's length: AES-256-GCM's 96 bits, new for every seal.
pub const NONCE_BYTES: usize = 12;
/// The authentication tag's length.
pub const TAG_BYTES: usize = 16;

/// One part of the sealed bytes, in hex: `head`, the marked byte (if it
/// falls in this part), `tail`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Part {
    /// `nonce`, `ciphertext` or `tag`.
    pub name: &'static str,
    /// Its length in bytes.
    pub bytes: usize,
    pub head: String,
    pub marked: String,
    pub tail: String,
}

/// The sealed value's bytes and its parts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SealedLayout {
    /// How many bytes the base64 holds.
    pub total: usize,
    pub parts: [Part; 3],
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

/// `bytes` (which start at `offset` of the whole) as a part, marking the
/// byte at `mark` when it falls inside.
fn part(name: &'static str, bytes: &[u8], offset: usize, mark: Option<usize>) -> Part {
    let split = mark
        .and_then(|mark| mark.checked_sub(offset))
        .filter(|&at| at < bytes.len());
    let (head, marked, tail) = match split {
        Some(at) => (&bytes[..at], &bytes[at..=at], &bytes[at + 1..]),
        None => (bytes, &[][..], &[][..]),
    };
    Part {
        name,
        bytes: bytes.len(),
        head: hex(head),
        marked: hex(marked),
        tail: hex(tail),
    }
}

/// The layout of a sealed value (standard base64, as in the cookie once
/// percent-decoded); `None` when it is not base64 or too short to be sealed.
pub fn layout(sealed: &str, mark: Option<usize>) -> Option<SealedLayout> {
    let bytes = STANDARD.decode(sealed).ok()?;
    if bytes.len() < NONCE_BYTES + TAG_BYTES {
        return None;
    }
    let (nonce, rest) = bytes.split_at(NONCE_BYTES);
    let (ciphertext, tag) = rest.split_at(rest.len() - TAG_BYTES);
    Some(SealedLayout {
        total: bytes.len(),
        parts: [
            part("nonce", nonce, 0, mark),
            part("ciphertext", ciphertext, NONCE_BYTES, mark),
            part("tag", tag, bytes.len() - TAG_BYTES, mark),
        ],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_value_splits_into_nonce_ciphertext_and_tag() {
        let key = ::cookie::Key::generate();
        let sealed = crate::session::cookie::seal_with(&key, "hello");
        let layout = layout(&sealed, Some(14)).expect("a sealed value");
        assert_eq!(layout.total, 12 + 5 + 16);
        let [nonce, ciphertext, tag] = &layout.parts;
        assert_eq!((nonce.bytes, ciphertext.bytes, tag.bytes), (12, 5, 16));
        assert_eq!(nonce.marked, "");
        assert_eq!(ciphertext.head.len(), 4, "two bytes before the mark");
        assert_eq!(ciphertext.marked.len(), 2);
        assert_eq!(ciphertext.tail.len(), 4);
    }

    #[test]
    fn what_is_not_a_sealed_value_has_no_layout() {
        assert_eq!(layout("not base64!", None), None);
        assert_eq!(layout(&STANDARD.encode([0u8; 27]), None), None);
    }
}
