//! What the session holds: one typed struct, serialized compactly.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::cart::{Cart, Quantity};
use crate::catalog::ProductId;
use crate::checkout::Order;
use crate::clock::UnixTime;
use crate::csrf::CsrfToken;
use crate::i18n::Lang;

/// The most characters the tutorial's `username` value may hold.
/// The whole session. Every field is bounded, so the sealed cookie is too.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionData {
    /// Random id, renewed at login so a planted session cannot be reused.
    pub id: Uuid,
    /// When the session began (absolute lifetime counts from here).
    pub created_at: UnixTime,
    /// The last request seen (idle timeout counts from here).
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
    /// The last order placed in this session, for its confirmation page.
    pub last_order: Option<Order>,
    /// A one-time message for the next page.
    pub flash: Option<Flash>,
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
            last_order: None,
            flash: None,
        }
    }
}

/// A one-time message shown on the page after a redirect. Stored as facts
/// (ids, numbers), not text, so it stays small and is worded at render time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Flash {
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
    /// The order form was sent again after the order was placed.
    OrderAlreadyPlaced,
    /// The visitor chose a language.
    LanguageChanged,
}
