//! The app's settings, read from Rocket's figment (`Rocket.toml` profiles and
//! `ROCKET_*` variables), and the launch stage that loads what they name.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rocket::fairing::AdHoc;
use rocket::{Build, Rocket};
use serde::Deserialize;

use rocket::figment::Figment;

use crate::assets::Assets;
use crate::auth::Accounts;
use crate::catalog::Catalog;
use crate::csrf::{PublicOrigin, SiteOrigin};
use crate::i18n::Texts;
use crate::ledger::{values, Ledger, LedgerSettings, Limits, Share};
use crate::session::cookie::{self, key_from_bytes, parse_key, Keys};
use crate::session::SessionSettings;
use crate::shop::{Links, Shop};

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
    /// The directory of the stylesheets, pictures and scripts under `/static`.
    pub static_dir: PathBuf,
    /// The directory of the page templates (also read by Rocket's templating).
    pub template_dir: PathBuf,
    /// Whether the cookie gets `Secure` (sites served over TLS, also
    /// behind a TLS-terminating proxy).
    pub secure_cookies: bool,
    /// Where the ledger lives: unset, in memory; `redis://host:port/`, in Redis.
    pub redis_url: Option<String>,
    /// Failed sign-ins allowed per client address and username in the window.
    pub login_max_failures: u32,
    /// Seconds in which failed sign-ins are counted.
    pub login_failure_window: u32,
    /// The site's public `scheme://host[:port]` behind a proxy; POSTs must
    /// come from it. Unset: from this server's own scheme and `Host`.
    pub public_origin: Option<String>,
    /// The most revoked sessions the ledger keeps; when full, the revocation
    /// ending first of the client holding the most is forgotten (nothing is
    /// refused).
    pub ledger_max_revocations: usize,
    /// The most revoked sessions charged to one client address; past it,
    /// that client's own revocation ending first is forgotten.
    pub ledger_revocations_per_client: usize,
    /// Where placed orders are kept: `sqlite://<file>?mode=rwc` (made if
    /// missing; the default is `var/shop.sqlite3`), `sqlite::memory:`, or
    /// `postgres://user@host:port/name` for several instances.
    pub database_url: String,
    /// The most orders kept per account; past it, its oldest is deleted.
    pub orders_kept_per_account: u32,
    /// Orders one account may place from one client address in an hour;
    /// more → 429 with `Retry-After`.
    pub orders_per_hour: u32,
    /// The most values `/test/server/…` keeps, and per client address; past
    /// either, the oldest is forgotten.
    pub server_values_max: usize,
    pub server_values_per_client: usize,
    /// The most failed-login counts the ledger keeps; when full, the count
    /// that ends first is dropped.
    pub ledger_max_login_failures: usize,
}

impl Default for AppConfig {
    fn default() -> AppConfig {
        AppConfig {
            session_idle_timeout: 1800,
            session_max_lifetime: 28_800,
            secret_key_fallbacks: Vec::new(),
            catalog_path: PathBuf::from("data/catalog.toml"),
            users_path: PathBuf::from("data/users.toml"),
            static_dir: PathBuf::from("static"),
            template_dir: PathBuf::from("templates"),
            secure_cookies: false,
            redis_url: None,
            login_max_failures: 10,
            login_failure_window: 900,
            public_origin: None,
            ledger_max_revocations: Limits::default().revocations.total,
            ledger_revocations_per_client: Limits::default().revocations.per_client,
            database_url: crate::store::DEFAULT_URL.to_owned(),
            orders_kept_per_account: 200,
            orders_per_hour: 60,
            server_values_max: values::SHARE.total,
            server_values_per_client: values::SHARE.per_client,
            ledger_max_login_failures: Limits::default().login_failures,
        }
    }
}

/// Reads the settings, loads the catalog and accounts, connects the ledger,
/// builds the site's links with `links`, and manages them with the static
/// files' `assets`. Any problem stops the launch with a message that names it.
pub fn stage(links: fn(&Catalog) -> Links, assets: Arc<Assets>) -> AdHoc {
    AdHoc::try_on_ignite("Session Shop settings", move |rocket| async move {
        let loaded = match load(&rocket, links, assets) {
            Ok(loaded) => loaded,
            Err(problem) => {
                rocket::error!("Session Shop cannot start: {problem}");
                return Err(rocket);
            }
        };
        let (shop, settings, config) = loaded;
        // NOTE: the templating fairing reads `template_dir` after this stage;
        // it gets the directory checked here, not one relative to Rocket.toml.
        let templates = rocket
            .figment()
            .clone()
            .merge(("template_dir", &config.template_dir));
        let rocket = rocket.configure(templates);
        let public_origin = match config.public_origin.as_deref().map(SiteOrigin::parse) {
            None => PublicOrigin(None),
            Some(Some(origin)) => PublicOrigin(Some(origin)),
            Some(None) => {
                rocket::error!(
                    "Session Shop cannot start: public_origin must be scheme://host[:port] \
                     with http or https, e.g. https://shop.example"
                );
                return Err(rocket);
            }
        };
        let ledger_settings = LedgerSettings {
            limits: Limits {
                revocations: Share {
                    per_client: config.ledger_revocations_per_client,
                    total: config.ledger_max_revocations,
                },
                login_failures: config.ledger_max_login_failures,
            },
            // NOTE: the same on every instance sharing the secret key.
            names_key: settings.keys.current.master().to_vec(),
        };
        let ledger = match &config.redis_url {
            None => Ledger::in_memory_with(&ledger_settings),
            Some(url) => match Ledger::connect_redis(url, &ledger_settings).await {
                Ok(ledger) => ledger,
                Err(problem) => {
                    rocket::error!("Session Shop cannot start: {problem}");
                    return Err(rocket);
                }
            },
        };
        Ok(rocket
            .manage(shop)
            .manage(settings)
            .manage(config)
            .manage(ledger)
            .manage(public_origin))
    })
}

/// The key that seals sessions: Rocket's `secret_key` as configured, or in
/// the debug profile without one, a random key (sessions then end at restart).
fn secret_key(figment: &Figment) -> Result<::cookie::Key, String> {
    match figment.extract_inner::<String>("secret_key") {
        Ok(text) => parse_key(&text).map_err(|e| format!("secret_key: {e}")),
        Err(_) => match figment.extract_inner::<Vec<u8>>("secret_key") {
            Ok(bytes) => key_from_bytes(&bytes).map_err(|e| format!("secret_key: {e}")),
            Err(_) => Ok(::cookie::Key::generate()),
        },
    }
}

fn load(
    rocket: &Rocket<Build>,
    links: fn(&Catalog) -> Links,
    assets: Arc<Assets>,
) -> Result<(Shop, SessionSettings, AppConfig), String> {
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
    for (key, dir) in [
        ("static_dir", &config.static_dir),
        ("template_dir", &config.template_dir),
    ] {
        directory(key, dir)?;
    }
    let catalog =
        Catalog::load(&config.catalog_path, &config.static_dir).map_err(|e| e.to_string())?;
    let accounts = Arc::new(Accounts::load(&config.users_path).map_err(|e| e.to_string())?);
    let settings = SessionSettings {
        idle_timeout: i64::from(config.session_idle_timeout),
        max_lifetime: i64::from(config.session_max_lifetime),
        keys: Keys {
            current: secret_key(rocket.figment())?,
            fallbacks: fallback_keys,
        },
        secure: config.secure_cookies || rocket_config.tls_enabled(),
    };
    let texts = Texts::load();
    let links = links(&catalog);
    Ok((
        Shop::new(catalog, texts, accounts, links, assets),
        settings,
        config,
    ))
}

/// Checks that the setting `key` names a directory.
fn directory(key: &str, dir: &Path) -> Result<(), String> {
    if dir.is_dir() {
        return Ok(());
    }
    let from = std::env::current_dir().map_or_else(|_| "?".to_owned(), |d| d.display().to_string());
    Err(format!(
        "{key} `{}` is not a directory (a relative path starts from {from}). \
         Run from the shop's folder, or set {key} (ROCKET_{}) to where it is.",
        dir.display(),
        key.to_uppercase()
    ))
}
