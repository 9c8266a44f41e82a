//! The HTTP surface: one module per area, each with `routes()`.

pub mod api;
pub mod auth;
pub mod cart;
pub mod checkout;
pub mod errors;
pub mod health;
pub mod inspector;
pub mod language;
pub mod page;
pub mod shop;
pub mod tutorial;
