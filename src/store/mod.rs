//! Storage: SQLite (embedded, the default) or PostgreSQL, chosen by URL.
//!
//! Both backends run the same SQL text. `Db` holds the pool of one or the
//! other; the `on_pool!` and `on_tx!` macros expand a statement once per
//! backend, so each is compiled against that backend's own types (chrono
//! dates are DATE on PostgreSQL, ISO text on SQLite) and no query is written
//! twice. Where the dialects differ, the difference is a method here
//! (`Db::is_postgres`, `Tx::after_explicit_ids`). Why not a trait with two
//! implementations: every query would be written twice; see
//! docs/ARCHITECTURE.md, "Storage".
//!
//! SQLite: WAL, foreign keys on, `synchronous=FULL` (an acknowledged write
//! survives a crash), and one writer connection so that write transactions
//! never fail on a lock upgrade; readers have their own pool.

use sqlx::postgres::{PgPool, PgPoolOptions};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use sqlx::{Postgres, Sqlite, Transaction};
use std::str::FromStr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

pub mod accounts;
pub mod audit;
pub mod criteria;
pub mod indicators;
pub mod ledger;
pub mod meta;
pub mod party;
mod pg_copy;
pub mod programme;
pub mod teams;
pub mod units;

/// A connection pool to one of the two backends.
#[derive(Clone, Debug)]
pub enum Db {
    Sqlite { read: SqlitePool, write: SqlitePool },
    Postgres(PgPool),
}

/// An open write transaction. Dropped without `commit`, it rolls back.
pub enum Tx {
    Sqlite(Transaction<'static, Sqlite>),
    Postgres(Transaction<'static, Postgres>),
}

/// Expand `$body` for whichever backend `$db` holds, with `$p` bound to its
/// (read) pool.
#[macro_export]
macro_rules! on_pool {
    ($db:expr, |$p:ident| $body:expr) => {
        match $db {
            $crate::store::Db::Sqlite { read: $p, .. } => $body,
            $crate::store::Db::Postgres($p) => $body,
        }
    };
}

/// Expand `$body` for whichever backend `$tx` runs on, with `$c` bound to
/// the transaction's connection (`&mut *$c` to use it more than once).
#[macro_export]
macro_rules! on_tx {
    ($tx:expr, |$c:ident| $body:expr) => {
        match $tx {
            $crate::store::Tx::Sqlite(t) => {
                let $c = &mut **t;
                $body
            }
            $crate::store::Tx::Postgres(t) => {
                let $c = &mut **t;
                $body
            }
        }
    };
}

/// Like `on_tx!` for a statement that `execute`s: gives the number of rows
/// affected, the same type on both backends.
#[macro_export]
macro_rules! exec_tx {
    ($tx:expr, |$c:ident| $body:expr) => {
        match $tx {
            $crate::store::Tx::Sqlite(t) => {
                let $c = &mut **t;
                $body.map(|r| r.rows_affected())
            }
            $crate::store::Tx::Postgres(t) => {
                let $c = &mut **t;
                $body.map(|r| r.rows_affected())
            }
        }
    };
}

impl Db {
    /// Connect to `url` (`sqlite://path` or `postgres://...`) and apply the
    /// migrations built into the binary.
    pub async fn connect(url: &str) -> Result<Db, sqlx::Error> {
        let db = if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let pool = PgPoolOptions::new()
                .max_connections(16)
                .acquire_timeout(Duration::from_secs(10))
                .connect(url)
                .await?;
            Db::Postgres(pool)
        } else if url.starts_with("sqlite:") {
            let opts = SqliteConnectOptions::from_str(url)?
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Full)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(10))
                // 64 MiB of page cache per connection: bulk imports touch
                // large indexes.
                .pragma("cache_size", "-65536")
                // Sorts and GROUP BYs larger than the page cache spill to a
                // temporary file: held in memory, a recount of 27 million
                // households grew the process past 3.5 GiB.
                .pragma("temp_store", "file");
            let write = SqlitePoolOptions::new()
                .max_connections(1)
                .connect_with(opts.clone())
                .await?;
            let read = SqlitePoolOptions::new()
                .max_connections(8)
                .connect_with(opts)
                .await?;
            Db::Sqlite { read, write }
        } else {
            return Err(sqlx::Error::Configuration(
                format!(
                    "database URL must start with sqlite: or postgres://, got '{}'",
                    redact(url)
                )
                .into(),
            ));
        };
        db.migrate().await?;
        Ok(db)
    }

    pub async fn migrate(&self) -> Result<(), sqlx::Error> {
        match self {
            Db::Sqlite { write, .. } => sqlx::migrate!("migrations/sqlite").run(write).await?,
            Db::Postgres(pool) => sqlx::migrate!("migrations/postgres").run(pool).await?,
        }
        Ok(())
    }

    pub fn is_postgres(&self) -> bool {
        matches!(self, Db::Postgres(_))
    }

    pub fn backend(&self) -> &'static str {
        match self {
            Db::Sqlite { .. } => "sqlite",
            Db::Postgres(_) => "postgres",
        }
    }

    /// Begin a write transaction.
    pub async fn begin(&self) -> Result<Tx, sqlx::Error> {
        Ok(match self {
            Db::Sqlite { write, .. } => Tx::Sqlite(write.begin().await?),
            Db::Postgres(pool) => Tx::Postgres(pool.begin().await?),
        })
    }

    /// A cheap round trip, for /healthz.
    pub async fn ping(&self) -> Result<(), sqlx::Error> {
        on_pool!(self, |p| sqlx::query("SELECT 1")
            .execute(p)
            .await
            .map(|_| ()))
    }

    pub async fn close(&self) {
        match self {
            Db::Sqlite { read, write } => {
                read.close().await;
                write.close().await;
            }
            Db::Postgres(pool) => pool.close().await,
        }
    }
}

/// Transactions committed by this process, on any database; read with
/// `commits`. Caches of what the database holds compare it to tell whether
/// anything may have changed (`service::figures::stored`).
static COMMITS: AtomicU64 = AtomicU64::new(0);

/// The number of commits so far (see `COMMITS`).
pub fn commits() -> u64 {
    COMMITS.load(Ordering::Acquire)
}

impl Tx {
    pub async fn commit(self) -> Result<(), sqlx::Error> {
        let done = match self {
            Tx::Sqlite(t) => t.commit().await,
            Tx::Postgres(t) => t.commit().await,
        };
        // Counted after the commit, failed or not: a reader that took the
        // count before this saw the old rows and must not be kept.
        COMMITS.fetch_add(1, Ordering::AcqRel);
        done
    }

    /// After rows were inserted with ids chosen by the application, move
    /// PostgreSQL's identity sequence past them (SQLite needs nothing).
    pub async fn after_explicit_ids(&mut self, table: &'static str) -> Result<(), sqlx::Error> {
        if let Tx::Postgres(t) = self {
            let sql = format!(
                "SELECT setval(pg_get_serial_sequence('{table}', 'id'), GREATEST((SELECT MAX(id) FROM {table}), 1))"
            );
            sqlx::query(&sql).execute(&mut **t).await?;
        }
        Ok(())
    }

    /// Take the table's write lock for the rest of the transaction, so that
    /// a bulk load with application-chosen ids cannot race another writer.
    /// (SQLite has one writer already.)
    pub async fn lock_table(&mut self, table: &'static str) -> Result<(), sqlx::Error> {
        if let Tx::Postgres(t) = self {
            let sql = format!("LOCK TABLE {table} IN EXCLUSIVE MODE");
            sqlx::query(&sql).execute(&mut **t).await?;
        }
        Ok(())
    }
}

/// A URL with its password replaced, for messages and logs.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => {
            let creds = &url[s + 3..at];
            match creds.find(':') {
                Some(c) => format!("{}{}:***{}", &url[..s + 3], &creds[..c], &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

/// True when the error is a unique-key violation (a duplicate).
pub fn is_unique_violation(err: &sqlx::Error) -> bool {
    err.as_database_error()
        .is_some_and(|e| e.is_unique_violation())
}

#[cfg(test)]
mod tests {
    #[test]
    fn redacts_passwords() {
        assert_eq!(
            super::redact("postgres://u:secret@h/db"),
            "postgres://u:***@h/db"
        );
        assert_eq!(super::redact("postgres://u@h/db"), "postgres://u@h/db");
        assert_eq!(super::redact("sqlite://x.db"), "sqlite://x.db");
    }
}
