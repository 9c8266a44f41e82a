//! What templates read. Every view is built from the session and the shop
//! without changing either: building a page's data has no side effects.
//! Facts from the domain (notices, errors) are worded here, in the page's
//! language.

pub mod cart;
pub mod errors;
pub mod forms;
pub mod grid;
pub mod layout;
pub mod messages;
pub mod sealed;
pub mod session;
pub mod shop;

pub use layout::Layout;
pub use shop::{CartView, ProductView};
