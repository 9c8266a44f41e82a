//! What the session holds: one typed struct, serialized compactly.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use rand::RngCore;
use serde::de::{Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use subtle::ConstantTimeEq;
use uuid::Uuid;

use crate::cart::{Cart, Quantity};
use crate::catalog::ProductId;
use crate::checkout::ShippingDetails;
use crate::clock::UnixTime;
use crate::lang::Lang;

/// The whole session. Every field is bounded, so the sealed cookie is too.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionData {
    /// Random id, renewed at login so a planted session cannot be reused,
    /// and remembered by the server once the session has ended.
    pub id: Uuid,
    /// When the session began (absolute lifetime counts from here).
    pub created_at: UnixTime,
    /// The last request that refreshed the session (idle timeout counts from here).
    pub last_seen: UnixTime,
    /// The token every form must send back.
    pub csrf_token: CsrfToken,
    /// The signed-in account's username, if any.
    pub user: Option<String>,
    /// Product ids and quantities.
    pub cart: Cart,
    /// The tutorial's demo value, set by `/test/session/set`; not a login.
    pub username: Option<String>,
    /// The language the visitor chose, if any.
    pub lang: Option<Lang>,
    /// The checkout under way: its key and the shipping details given.
    pub checkout: Checkout,
    /// The last order placed in this session, for its confirmation page.
    pub last_order: Option<OrderRef>,
    /// A one-time message for the next page.
    pub flash: Option<Flash>,
    /// The number of the last message sent; each new one takes the next.
    pub flash_count: u32,
    /// Adds to cart counted since sign-in, for a persona whose rule numbers
    /// them (`flaky`); 0 for everyone else.
    pub adds: u32,
}

impl SessionData {
    /// A new, empty session starting at `now`.
    pub fn new(now: UnixTime) -> SessionData {
        SessionData {
            id: Uuid::new_v4(),
            created_at: now,
            last_seen: now,
            csrf_token: CsrfToken::generate(),
            user: None,
            cart: Cart::new(),
            username: None,
            lang: None,
            checkout: Checkout::new(),
            last_order: None,
            flash: None,
            // NOTE: counting from a random point, a new session's messages
            // do not reuse the numbers of the session before it.
            flash_count: rand::random::<u32>() >> 1,
            adds: 0,
        }
    }

    /// Every field as it is serialized, named and in the order the struct
    /// declares them: the one list of the session's fields, so whatever
    /// shows them shows a new field without being told of it.
    pub fn fields(&self) -> Vec<(String, Value)> {
        // NOTE: serde_json's own map sorts its keys; read back from the
        // text, which is written in the struct's order, they keep it.
        serde_json::to_string(self)
            .ok()
            .and_then(|json| serde_json::from_str::<InOrder>(&json).ok())
            .map(|fields| fields.0)
            .unwrap_or_default()
    }
}

/// A JSON object's entries in the order they were written.
struct InOrder(Vec<(String, Value)>);

impl<'de> Deserialize<'de> for InOrder {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<InOrder, D::Error> {
        struct Entries;
        impl<'de> Visitor<'de> for Entries {
            type Value = InOrder;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<InOrder, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    entries.push(entry);
                }
                Ok(InOrder(entries))
            }
        }
        deserializer.deserialize_map(Entries)
    }
}

/// A session's anti-forgery token: 32 random bytes, base64url. The session
/// keeps it unchanged; pages only ever carry it masked ([`CsrfToken::masked`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct CsrfToken(String);

impl CsrfToken {
    /// A fresh random token.
    pub fn generate() -> CsrfToken {
        let bytes: [u8; 32] = rand::random();
        CsrfToken(URL_SAFE_NO_PAD.encode(bytes))
    }

    /// The token as the session holds it. Pages carry it masked
    /// ([`CsrfToken::masked`]); only the inspector, sent uncompressed, shows it.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The token as a page or form carries it: a fresh random mask as long
    /// as the token, then the token XOR that mask, in base64url without
    /// padding. It is another text in every response, so a compressed
    /// page's size says nothing about it (BREACH).
    pub fn masked(&self) -> String {
        let secret = self.0.as_bytes();
        let mut masked = vec![0; secret.len() * 2];
        let (mask, hidden) = masked.split_at_mut(secret.len());
        rand::thread_rng().fill_bytes(mask);
        for ((out, byte), mask) in hidden.iter_mut().zip(secret).zip(mask.iter()) {
            *out = byte ^ mask;
        }
        URL_SAFE_NO_PAD.encode(masked)
    }

    /// Whether `sent` is this token, compared in constant time: masked by
    /// any response of this session ([`CsrfToken::masked`]), or as the
    /// session holds it (forms rendered before tokens were masked). Any
    /// other text, a truncated one included, is not.
    pub fn matches(&self, sent: &str) -> bool {
        let secret = self.0.as_bytes();
        if secret.is_empty() {
            return false;
        }
        if sent.len() == secret.len() {
            return bool::from(secret.ct_eq(sent.as_bytes()));
        }
        let Ok(masked) = URL_SAFE_NO_PAD.decode(sent) else {
            return false;
        };
        if masked.len() != secret.len() * 2 {
            return false;
        }
        let (mask, hidden) = masked.split_at(secret.len());
        let unmasked: Vec<u8> = hidden
            .iter()
            .zip(mask)
            .map(|(byte, mask)| byte ^ mask)
            .collect();
        bool::from(secret.ct_eq(&unmasked))
    }
}

/// The checkout under way. Its `key` names the cart being bought: every copy
/// of this cookie shares it, so the server places one order per key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Checkout {
    /// Names this checkout in the ledger; renewed after each order.
    pub key: Uuid,
    /// The shipping details given at step 1, if any.
    pub shipping: Option<ShippingDetails>,
    /// Whether placing this order already failed once (the `error` persona).
    pub failed_once: bool,
}

impl Checkout {
    /// A checkout with a fresh key and nothing given yet.
    pub fn new() -> Checkout {
        Checkout {
            key: Uuid::new_v4(),
            shipping: None,
            failed_once: false,
        }
    }
}

impl Default for Checkout {
    fn default() -> Checkout {
        Checkout::new()
    }
}

/// Which order the confirmation page may show: the order's id and the
/// checkout it was placed by (the key the server keeps it under).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderRef {
    pub id: Uuid,
    pub checkout: Uuid,
}

/// A one-time message shown on the page after a redirect, with its number
/// in this session (so a tester can tell a new message from an old one).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Flash {
    pub id: u32,
    pub kind: Notice,
}

/// What a flash message says, as facts (ids, numbers), not text, so it stays
/// small and is worded at render time in the page's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Notice {
    /// Items were added to the cart.
    Added {
        product_id: ProductId,
        quantity: Quantity,
    },
    /// A cart line's quantity was set.
    QuantitySet {
        product_id: ProductId,
        quantity: Quantity,
    },
    /// A line was removed from the cart.
    Removed { product_id: ProductId },
    /// The cart was emptied.
    CartCleared,
    /// The visitor signed in.
    LoggedIn,
    /// The visitor signed out; the session was ended.
    LoggedOut,
    /// The session was reset from the inspector.
    SessionReset,
    /// Checkout needs something in the cart.
    CartEmpty,
    /// The shipping details were saved; the order can be reviewed.
    DetailsSaved,
    /// The order form was sent again after the order was placed.
    OrderAlreadyPlaced,
    /// The visitor chose a language.
    LanguageChanged,
    /// Removing a line failed (the `error` persona); nothing changed.
    RemoveFailed { product_id: ProductId },
    /// Placing the order failed (the `error` persona, first try).
    OrderFailed,
    /// The cart and checkout were emptied; the sign-in and language kept.
    StateReset,
    /// An add to cart failed (the `flaky` persona); nothing else changed.
    AddFailed { product_id: ProductId },
}

impl Notice {
    /// One notice of each kind, about product 1 and a quantity of 1 where
    /// the kind names them.
    pub const ALL: [Notice; 15] = {
        const PRODUCT_ID: ProductId = ProductId(1);
        const QUANTITY: Quantity = Quantity::MIN;
        crate::every!(Notice {
            Notice::Added { .. } => Notice::Added {
                product_id: PRODUCT_ID,
                quantity: QUANTITY,
            },
            Notice::QuantitySet { .. } => Notice::QuantitySet {
                product_id: PRODUCT_ID,
                quantity: QUANTITY,
            },
            Notice::Removed { .. } => Notice::Removed { product_id: PRODUCT_ID },
            Notice::CartCleared => Notice::CartCleared,
            Notice::LoggedIn => Notice::LoggedIn,
            Notice::LoggedOut => Notice::LoggedOut,
            Notice::SessionReset => Notice::SessionReset,
            Notice::CartEmpty => Notice::CartEmpty,
            Notice::DetailsSaved => Notice::DetailsSaved,
            Notice::OrderAlreadyPlaced => Notice::OrderAlreadyPlaced,
            Notice::LanguageChanged => Notice::LanguageChanged,
            Notice::RemoveFailed { .. } => Notice::RemoveFailed { product_id: PRODUCT_ID },
            Notice::OrderFailed => Notice::OrderFailed,
            Notice::StateReset => Notice::StateReset,
            Notice::AddFailed { .. } => Notice::AddFailed { product_id: PRODUCT_ID },
        })
    };

    /// Whether the notice reports a failure (shown as an alert).
    pub fn is_failure(self) -> bool {
        matches!(
            self,
            Notice::RemoveFailed { .. } | Notice::OrderFailed | Notice::AddFailed { .. }
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_matches_itself_and_nothing_else() {
        let token = CsrfToken::generate();
        assert!(token.matches(token.as_str()));
        assert!(!token.matches(""));
        assert!(!token.matches(CsrfToken::generate().as_str()));
        assert_eq!(token.as_str().len(), 43);
    }

    /// `sent` unmasked as the pages' format says: the first half of the
    /// bytes is the mask, the second the token XOR the mask.
    fn unmask(sent: &str) -> Vec<u8> {
        let bytes = URL_SAFE_NO_PAD.decode(sent).expect("base64url");
        let (mask, hidden) = bytes.split_at(bytes.len() / 2);
        hidden.iter().zip(mask).map(|(b, m)| b ^ m).collect()
    }

    #[test]
    fn a_masked_token_is_new_text_each_time_and_unmasks_to_the_token() {
        let token = CsrfToken::generate();
        let (first, second) = (token.masked(), token.masked());
        assert_ne!(first, second);
        for masked in [&first, &second] {
            assert_eq!(masked.len(), 115, "86 bytes in base64url, no padding");
            assert!(!masked.contains(token.as_str()));
            assert_eq!(unmask(masked), token.as_str().as_bytes());
            assert!(token.matches(masked));
        }
    }

    #[test]
    fn a_masked_token_of_another_session_or_altered_or_cut_is_refused() {
        let token = CsrfToken::generate();
        let masked = token.masked();
        assert!(!token.matches(&CsrfToken::generate().masked()));
        assert!(!token.matches(&masked[..masked.len() - 1]));
        assert!(!token.matches(&masked[..86]));
        assert!(!token.matches(&format!("{masked}A")));
        let mut altered = masked.clone().into_bytes();
        let last = altered.len() - 2;
        altered[last] = if altered[last] == b'A' { b'B' } else { b'A' };
        assert!(!token.matches(&String::from_utf8(altered).unwrap()));
        assert!(!token.matches("!".repeat(115).as_str()));
        assert!(!CsrfToken(String::new()).matches(""));
    }

    #[test]
    fn the_fields_are_the_serialized_ones_in_the_structs_order() {
        let data = SessionData::new(7);
        let names: Vec<String> = data.fields().into_iter().map(|(name, _)| name).collect();
        let first_and_last = (
            names.first().map(String::as_str),
            names.last().map(String::as_str),
        );
        assert_eq!(first_and_last, (Some("id"), Some("adds")));
        let Ok(Value::Object(all)) = serde_json::to_value(&data) else {
            panic!("a session serializes to an object");
        };
        let mut sorted = names.clone();
        sorted.sort();
        assert_eq!(sorted, all.keys().cloned().collect::<Vec<_>>());
        assert_eq!(data.fields()[1], ("created_at".to_owned(), Value::from(7)));
    }
}
