//! The session: one private cookie named `session` holding [`SessionData`].
//!
//! Its whole life is here. A request's cookie is opened once
//! ([`opened`]): decrypted, decoded, checked against its idle and absolute
//! limits and the server's revocations, and its cart reconciled with the
//! catalog. Handlers take the [`Session`] guard and say what happened
//! through its intent methods (`add_to_cart`, `log_in`, `notify`, …). One
//! response hook ([`seal::SealSession`]) then seals the cookie at most
//! once, and only when the session changed or its idle timer is due.
//!
//! `data` is the struct, `cookie` encodes and seals it, `settings` holds the
//! limits and keys, `open` opens a request's cookie once, `guard` is the
//! handlers' unit of work, and `seal` is the response hook.

pub mod cookie;
pub mod data;
pub mod guard;
pub mod open;
pub mod recent;
pub mod seal;
pub mod settings;

pub use data::{Checkout, CsrfToken, Flash, Notice, OrderRef, SessionData};
pub use guard::{Added, ClientAddress, Ended, Session};
pub use open::{
    account, current, language, language_apart, left_persona, open_sealed, opened, opened_if_read,
    Opened, Rejection, Source,
};
pub use settings::{Limit, SessionSettings};
