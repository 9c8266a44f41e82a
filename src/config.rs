//! The app's settings, read from Rocket's figment (`Rocket.toml` profiles and
//! `ROCKET_*` variables), and the launch stage that loads what they name.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rocket::fairing::AdHoc;
use rocket::{Build, Rocket};
use serde::Deserialize;

use crate::auth::Accounts;
use crate::catalog::Catalog;
use crate::i18n::Texts;
use crate::session::{cookie, SessionSettings};

/// Where the stylesheet, pictures and other static files live.
pub const STATIC_DIR: &str = "static";

/// The app's own keys; each has a default (see the README's table).
#[derive(Debug, Clone, Deserialize)]
#[serde(default)]
pub struct AppConfig {
    /// Seconds without a request after which a session ends.
    pub session_idle_timeout: u32,
    /// Seconds after its creation at which a session ends.
    pub session_max_lifetime: u32,
    /// Older secret keys whose sessions still open.
    pub secret_key_fallbacks: Vec<String>,
    /// The catalog's TOML file.
    pub catalog_path: PathBuf,
    /// The accounts' TOML file.
    pub users_path: PathBuf,
}

impl Default for AppConfig {
    fn default() -> AppConfig {
        AppConfig {
            session_idle_timeout: 1800,
            session_max_lifetime: 28_800,
            secret_key_fallbacks: Vec::new(),
            catalog_path: PathBuf::from("data/catalog.toml"),
            users_path: PathBuf::from("data/users.toml"),
        }
    }
}

/// What the shop serves from: the catalog, the accounts and the texts.
pub struct Shop {
    pub catalog: Catalog,
    pub texts: Texts,
    /// Shared so password checks can run on a blocking thread.
    pub accounts: Arc<Accounts>,
}

/// Reads the settings, loads the catalog and accounts, and manages them.
/// Any problem stops the launch with a message that names it.
pub fn stage() -> AdHoc {
    AdHoc::try_on_ignite("Session Shop settings", |rocket| async move {
        match load(&rocket) {
            Ok((shop, settings, config)) => Ok(rocket.manage(shop).manage(settings).manage(config)),
            Err(problem) => {
                rocket::error!("Session Shop cannot start: {problem}");
                Err(rocket)
            }
        }
    })
}

fn load(rocket: &Rocket<Build>) -> Result<(Shop, SessionSettings, AppConfig), String> {
    let rocket_config = rocket::Config::try_from(rocket.figment())
        .map_err(|e| format!("bad configuration: {e}"))?;
    if rocket_config.profile != rocket::Config::DEBUG_PROFILE
        && !rocket_config.secret_key.is_provided()
    {
        return Err(
            "no secret key. Outside the debug profile a key is required: \
             set ROCKET_SECRET_KEY to the output of `openssl rand -base64 32`, \
             the same on every instance."
                .into(),
        );
    }
    let config: AppConfig = rocket
        .figment()
        .extract()
        .map_err(|e| format!("bad configuration: {e}"))?;
    if config.session_idle_timeout == 0 || config.session_max_lifetime == 0 {
        return Err(
            "session_idle_timeout and session_max_lifetime must be at least 1 second".into(),
        );
    }
    let fallback_keys = config
        .secret_key_fallbacks
        .iter()
        .enumerate()
        .map(|(i, key)| {
            cookie::parse_key(key).map_err(|e| format!("secret_key_fallbacks[{i}]: {e}"))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let catalog =
        Catalog::load(&config.catalog_path, Path::new(STATIC_DIR)).map_err(|e| e.to_string())?;
    let accounts = Arc::new(Accounts::load(&config.users_path).map_err(|e| e.to_string())?);
    let settings = SessionSettings {
        idle_timeout: i64::from(config.session_idle_timeout),
        max_lifetime: i64::from(config.session_max_lifetime),
        fallback_keys,
        secure: rocket_config.tls_enabled(),
    };
    let texts = Texts::load();
    Ok((
        Shop {
            catalog,
            texts,
            accounts,
        },
        settings,
        config,
    ))
}
