//! Integration tests: the whole app through Rocket's local client, one file
//! per area of the shop.

mod helpers;

mod api;
mod auth;
mod browser;
mod cart;
mod checkout;
mod errors;
mod language;
mod ledger;
mod personas;
mod properties;
mod redis_server;
mod scale;
mod session;
mod shop;
mod testing_guide;
mod tutorial;
mod webdriver;
