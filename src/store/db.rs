//! The pool of either engine, as Rocket manages it, and the one way the
//! queries are written for both.

use std::sync::atomic::{AtomicBool, Ordering};

use rocket::figment::Figment;
use rocket_db_pools::{Config, Database, Pool};

/// The shop's database: Rocket's pool of connections to it, managed by
/// Rocket and handed to the handlers that need it (`&ShopDb`).
#[derive(Database)]
#[database("shop")]
pub struct ShopDb(pub(super) Engine);

/// The pool, and whether the database failed the last call made to it.
pub struct Engine {
    pub(super) pools: Pools,
    failing: AtomicBool,
}

/// A pool of connections to SQLite or to Postgres, by `database_url`'s
/// scheme.
pub enum Pools {
    Sqlite(sqlx::SqlitePool),
    Postgres(sqlx::PgPool),
}

/// Runs `$body` with `$pool` bound to the engine's pool: one query, written
/// once in SQL both engines read (`$1` placeholders, `BIGINT`, `TEXT`).
macro_rules! on_engine {
    ($engine:expr, $pool:ident => $body:expr) => {
        match &$engine.pools {
            $crate::store::db::Pools::Sqlite($pool) => $body,
            $crate::store::db::Pools::Postgres($pool) => $body,
        }
    };
}
pub(super) use on_engine;

#[rocket::async_trait]
impl Pool for Engine {
    type Connection = ();
    type Error = rocket_db_pools::Error<sqlx::Error>;

    async fn init(figment: &Figment) -> Result<Engine, Self::Error> {
        let config: Config = figment.extract()?;
        // NOTE: each engine's own set-up, as `rocket_db_pools` does it (for
        // SQLite: the file made when missing, a busy timeout).
        let pools = if config.url.starts_with("postgres:") || config.url.starts_with("postgresql:")
        {
            Pools::Postgres(sqlx::PgPool::init(figment).await?)
        } else {
            Pools::Sqlite(sqlx::SqlitePool::init(figment).await?)
        };
        Ok(Engine {
            pools,
            failing: AtomicBool::new(false),
        })
    }

    /// Handlers use the pool through [`ShopDb`]'s methods, never a bare
    /// connection.
    async fn get(&self) -> Result<(), Self::Error> {
        Ok(())
    }

    async fn close(&self) {
        on_engine!(self, pool => pool.close().await);
    }
}

/// The database could not answer: the pages that need it answer 503.
#[derive(Debug)]
pub struct StoreError(sqlx::Error);

impl From<sqlx::Error> for StoreError {
    fn from(error: sqlx::Error) -> StoreError {
        StoreError(error)
    }
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "the database: {}", self.0)
    }
}

impl ShopDb {
    /// Whether the database answers now.
    pub async fn answers(&self) -> bool {
        let answers =
            on_engine!(self.0, pool => sqlx::query("SELECT 1").execute(pool).await.is_ok());
        self.0.failing.store(!answers, Ordering::Relaxed);
        answers
    }

    /// Whether the last call to the database failed (for `/health`, which
    /// asks it again only then, so the probe stays as cheap as it was).
    pub fn was_failing(&self) -> bool {
        self.0.failing.load(Ordering::Relaxed)
    }

    /// `outcome`, noted: a failure marks the database failing until a call
    /// succeeds.
    pub(super) fn noted<T>(&self, outcome: Result<T, StoreError>) -> Result<T, StoreError> {
        self.0.failing.store(outcome.is_err(), Ordering::Relaxed);
        outcome
    }
}
