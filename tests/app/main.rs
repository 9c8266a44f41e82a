//! Integration tests: the whole app through Rocket's local client, one file
//! per area of the shop.

mod helpers;

mod api;
mod auth;
mod cart;
mod checkout;
mod compression;
mod csrf;
mod delivery;
mod errors;
mod four_ways;
mod language;
mod launch;
mod learn;
mod modules;
mod orders;
mod personas;
mod properties;
mod races;
mod remember;
mod scale;
mod seal;
mod session;
mod shop;
mod snapshots;
mod testing_guide;
mod texts;
mod toggles;
mod tutorial;
