//! Session Shop: a small shop whose whole session is one encrypted cookie.
//!
//! [`rocket()`] builds the app that `main.rs` launches and the tests drive.

pub mod assets;
pub mod auth;
pub mod cart;
pub mod catalog;
pub mod checkout;
pub mod clock;
pub mod config;
pub mod csrf;
pub mod data_file;
pub mod encoding;
pub mod error;
pub mod every;
pub mod fairings;
pub mod html;
pub mod i18n;
pub mod lang;
pub mod ledger;
pub mod money;
pub mod personas;
pub mod routes;
pub mod session;
pub mod shop;
pub mod showcase;
pub mod store;
pub mod views;

use rocket::figment::Figment;
use rocket::shield::Shield;
use rocket::{Build, Rocket};
use rocket_dyn_templates::{tera, Template};

use std::sync::Arc;

use crate::assets::Assets;
use crate::clock::Clock;
use crate::config::AppConfig;
use crate::views::grid::GridCards;

/// The app, configured from `Rocket.toml` and `ROCKET_*` variables.
pub fn rocket() -> Rocket<Build> {
    rocket_with(rocket::Config::figment(), Clock::System)
}

/// The app with the given configuration and clock (tests pass their own).
pub fn rocket_with(figment: Figment, clock: Clock) -> Rocket<Build> {
    let figment = without_default_ip_header(figment);
    // NOTE: the static files are read, hashed and compressed as the app is
    // built, from the configured directory; the launch stage stops the
    // launch if it is missing.
    let config: AppConfig = figment.extract().unwrap_or_default();
    let assets = Arc::new(Assets::load(&config.static_dir));
    let for_tera = Arc::clone(&assets);
    // NOTE: an empty Shield turns Rocket's default one off: SecurityHeaders
    // sets those headers, and the error pages set them too.
    let shield = Shield::new();
    let grid_cards = GridCards::default();
    let figment = store::configure(figment, &config.database_url);
    let rocket = store::attach(rocket::custom(figment), config.database_url.clone());
    rocket
        .manage(clock)
        .manage(session::recent::RecentChanges::default())
        .manage(routes::api::ApiDocument::new())
        .manage(grid_cards.clone())
        .attach(config::stage(routes::links::build, assets))
        .attach(routes::four_ways::stage())
        .attach(routes::auth::stage())
        .attach(Template::custom(move |engines| {
            // NOTE: run again whenever debug builds reload the templates.
            grid_cards.forget();
            configure_tera(&mut engines.tera, Arc::clone(&for_tera))
        }))
        .attach(shield)
        .attach(fairings::SecurityHeaders)
        .attach(encoding::CompressPages)
        .attach(fairings::PersonaDelays)
        .attach(session::seal::SealSession)
        .mount("/", routes::shop::routes())
        .mount("/", routes::cart::routes())
        .mount("/", routes::auth::routes())
        .mount("/", routes::checkout::routes())
        .mount("/", routes::inspector::routes())
        .mount("/", routes::language::routes())
        .mount("/", routes::tutorial::routes())
        .mount("/", routes::learn::routes())
        .mount("/", routes::four_ways::routes())
        .mount("/", routes::api::routes())
        .mount("/", routes::health::routes())
        .mount("/static", routes::files::routes())
        .register("/", routes::catchers::html())
        .register("/api", routes::catchers::api())
}

/// `figment` with Rocket's `ip_header` off unless it was set: Rocket reads
/// `X-Real-IP` by default, a header any client can send, and the client
/// address decides the sign-in throttle. Behind a proxy that sets it, turn
/// it on (`ROCKET_IP_HEADER=X-Real-IP`).
fn without_default_ip_header(figment: Figment) -> Figment {
    let set_by_rocket = figment
        .find_metadata(rocket::Config::IP_HEADER)
        .is_none_or(|metadata| metadata.name == "rocket::Config::default()");
    if set_by_rocket {
        figment.merge((rocket::Config::IP_HEADER, false))
    } else {
        figment
    }
}

/// Sets up Tera as every page is rendered: the page escaping, the `escape`
/// filter, the `fluent` function and the `asset` function over `assets`
/// (the benchmarks render with it too).
pub fn configure_tera(tera: &mut tera::Tera, assets: Arc<Assets>) {
    tera.set_escape_fn(html::escape_html);
    tera.register_filter("escape", escape_filter);
    tera.register_function("fluent", i18n::tera_function());
    // Tera's `asset(path="css/shop.css")`: the versioned URL of a static file.
    tera.register_function(
        "asset",
        move |args: &std::collections::HashMap<String, tera::Value>| {
            let path = args
                .get("path")
                .and_then(tera::Value::as_str)
                .ok_or_else(|| tera::Error::msg("asset() needs a `path`"))?;
            Ok(tera::Value::String(assets.url(path)))
        },
    );
}

/// Tera's `escape` filter, escaping text as the pages are escaped (numbers
/// pass through), for the arguments of a message that holds markup.
fn escape_filter(
    value: &tera::Value,
    _: &std::collections::HashMap<String, tera::Value>,
) -> tera::Result<tera::Value> {
    Ok(match value {
        tera::Value::String(text) => tera::Value::String(html::escape_html(text)),
        other => other.clone(),
    })
}
