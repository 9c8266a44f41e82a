//! What outlives a session: placed orders, in a SQL database. An SQLite
//! file by default (`database_url`), Postgres for several instances sharing
//! one. One query layer serves both engines (the same SQL, written once and
//! run on either pool, [`on_engine!`]), through Rocket's pool
//! (`rocket_db_pools`); the migrations in `migrations/` run at launch, the
//! same for both.

mod db;
mod orders;

pub use db::{Engine, Pools, ShopDb, StoreError};
pub use orders::{OrderPage, OrderSummary, Placed};

use std::path::Path;

use rocket::fairing::{self, AdHoc};
use rocket::figment::Figment;
use rocket::{Build, Rocket};
use rocket_db_pools::Database;

/// The database when `database_url` is not set: a file under `var/`,
/// relative to the working directory, made on first launch.
pub const DEFAULT_URL: &str = "sqlite://var/shop.sqlite3?mode=rwc";

/// `figment` with Rocket's pool pointed at `database_url`. A database in
/// memory (`sqlite::memory:`, one per app, shared by its connections) keeps
/// one connection open, so it lasts while the app runs.
pub fn configure(figment: Figment, database_url: &str) -> Figment {
    let in_memory = database_url.starts_with("sqlite::memory:");
    figment
        .merge(("databases.shop.url", database_url))
        .merge(("databases.shop.min_connections", u32::from(in_memory)))
}

/// `rocket` with the stages that open the database, in their order: the
/// folder of an SQLite file made, Rocket's pool, then the migrations. A
/// database that cannot be reached or migrated stops the launch with a
/// message naming `database_url`.
pub fn attach(rocket: Rocket<Build>, database_url: String) -> Rocket<Build> {
    let folder = AdHoc::try_on_ignite("The database's folder", move |rocket| async move {
        let Some(folder) = sqlite_folder(&database_url).filter(|f| !f.as_os_str().is_empty())
        else {
            return Ok(rocket);
        };
        match std::fs::create_dir_all(folder) {
            Ok(()) => Ok(rocket),
            Err(problem) => {
                rocket::error!(
                    "Session Shop cannot start: database_url names a file in {}, \
                     a folder it cannot make: {problem}",
                    folder.display()
                );
                Err(rocket)
            }
        }
    });
    let migrations = AdHoc::try_on_ignite("The database's migrations", migrate);
    rocket
        .attach(folder)
        .attach(ShopDb::init())
        .attach(migrations)
}

/// Runs the migrations the database has not had yet.
async fn migrate(rocket: Rocket<Build>) -> fairing::Result {
    let Some(db) = ShopDb::fetch(&rocket) else {
        rocket::error!(
            "Session Shop cannot start: the database at database_url (ROCKET_DATABASE_URL) \
             cannot be opened; see the message above. Unset it for the SQLite file \
             var/shop.sqlite3, or give the postgres:// URL of a running server."
        );
        return Err(rocket);
    };
    let migrator = sqlx::migrate!("./migrations");
    let migrated = match &db.0.pools {
        Pools::Sqlite(pool) => migrator.run(pool).await,
        Pools::Postgres(pool) => migrator.run(pool).await,
    };
    match migrated {
        Ok(()) => Ok(rocket),
        Err(problem) => {
            rocket::error!(
                "Session Shop cannot start: the database at database_url \
                 (ROCKET_DATABASE_URL) cannot be brought up to date: {problem}"
            );
            Err(rocket)
        }
    }
}

/// The folder of the SQLite file `url` names, if it names one.
fn sqlite_folder(url: &str) -> Option<&Path> {
    let rest = url.strip_prefix("sqlite:")?;
    let rest = rest.strip_prefix("//").unwrap_or(rest);
    let path = rest.split('?').next()?;
    if path.is_empty() || path.starts_with("file:") || path.contains(":memory:") {
        return None;
    }
    Path::new(path).parent()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_file_lives_in_var() {
        assert_eq!(sqlite_folder(DEFAULT_URL), Some(Path::new("var")));
        assert_eq!(sqlite_folder("sqlite::memory:"), None);
        assert_eq!(sqlite_folder("postgres://localhost/shop"), None);
        assert_eq!(sqlite_folder("sqlite:shop.db"), Some(Path::new("")));
    }
}
