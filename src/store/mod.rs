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

use sqlx::pool::PoolConnection;
use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use sqlx::{Database, Pool, Postgres, Sqlite};
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
///
/// Not sqlx's `Transaction`: when its COMMIT fails (SQLite's "database or
/// disk is full"), sqlx keeps counting the connection as inside a
/// transaction, hands it back to the pool, and every later `begin` on the
/// lone SQLite writer becomes a SAVEPOINT inside a transaction that is
/// never committed: writes were acknowledged and lost (issue 10). Here a
/// connection whose COMMIT or ROLLBACK failed is closed, never reused.
pub enum Tx {
    Sqlite(WriteConn<Sqlite>),
    Postgres(WriteConn<Postgres>),
}

/// A pooled connection inside `BEGIN`, until `finish` commits it or drop
/// rolls it back. Dereferences to the backend's connection.
pub struct WriteConn<DB: Backend> {
    conn: Option<PoolConnection<DB>>,
}

/// The two backends, as `WriteConn` needs them: one raw statement on a
/// pooled connection. (A trait so that `Drop` can roll back on either.)
pub trait Backend: Database {
    fn run<'a>(conn: &'a mut PoolConnection<Self>, sql: &'static str) -> RunFuture<'a>;
}

type RunFuture<'a> =
    std::pin::Pin<Box<dyn std::future::Future<Output = Result<(), sqlx::Error>> + Send + 'a>>;

impl Backend for Sqlite {
    fn run<'a>(conn: &'a mut PoolConnection<Self>, sql: &'static str) -> RunFuture<'a> {
        Box::pin(async move { sqlx::query(sql).execute(&mut **conn).await.map(|_| ()) })
    }
}

impl Backend for Postgres {
    fn run<'a>(conn: &'a mut PoolConnection<Self>, sql: &'static str) -> RunFuture<'a> {
        Box::pin(async move { sqlx::query(sql).execute(&mut **conn).await.map(|_| ()) })
    }
}

impl<DB: Backend> WriteConn<DB> {
    async fn begin(pool: &Pool<DB>) -> Result<Self, sqlx::Error> {
        let mut conn = pool.acquire().await?;
        if let Err(e) = DB::run(&mut conn, "BEGIN").await {
            discard(conn);
            return Err(e);
        }
        Ok(WriteConn { conn: Some(conn) })
    }

    /// COMMIT. On failure the connection is closed: its state is unknown
    /// (SQLite may or may not have rolled back by itself).
    async fn finish(mut self) -> Result<(), sqlx::Error> {
        let mut conn = self.conn.take().expect("transaction open");
        match DB::run(&mut conn, "COMMIT").await {
            Ok(()) => Ok(()),
            Err(e) => {
                discard(conn);
                Err(e)
            }
        }
    }
}

impl<DB: Backend> Drop for WriteConn<DB> {
    /// Not committed: roll back before the connection goes back to the
    /// pool (the next writer waits for it), or close it when the rollback
    /// fails or there is no runtime to run it on.
    fn drop(&mut self) {
        let Some(mut conn) = self.conn.take() else {
            return;
        };
        let Ok(rt) = tokio::runtime::Handle::try_current() else {
            discard(conn);
            return;
        };
        rt.spawn(async move {
            if let Err(e) = DB::run(&mut conn, "ROLLBACK").await {
                tracing::warn!(error = %e, "rollback failed; closing the connection");
                discard(conn);
            }
        });
    }
}

/// Take a connection out of its pool and close it; the pool opens a new
/// one when asked.
fn discard<DB: Database>(conn: PoolConnection<DB>) {
    drop(conn.detach());
}

impl<DB: Backend> std::ops::Deref for WriteConn<DB> {
    type Target = DB::Connection;
    fn deref(&self) -> &DB::Connection {
        self.conn.as_ref().expect("transaction open")
    }
}

impl<DB: Backend> std::ops::DerefMut for WriteConn<DB> {
    fn deref_mut(&mut self) -> &mut DB::Connection {
        self.conn.as_mut().expect("transaction open")
    }
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
        Self::connect_capped(url, None).await
    }

    /// `connect`, with SQLite's file capped at `sqlite_max_bytes` (rounded
    /// down to whole pages): a write past it fails as on a full disk.
    pub async fn connect_capped(
        url: &str,
        sqlite_max_bytes: Option<u64>,
    ) -> Result<Db, sqlx::Error> {
        let db = if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let mut opts = PgConnectOptions::from_str(url)?;
            if !url.contains("application_name=") {
                // Named in pg_stat_activity, so that an operator (or a test
                // waiting on a template database) can tell whose session it is.
                opts = opts.application_name("tinhso");
            }
            let pool = PgPoolOptions::new()
                .max_connections(16)
                .acquire_timeout(Duration::from_secs(10))
                .connect_with(opts)
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
            let mut write_opts = opts.clone();
            if let Some(max) = sqlite_max_bytes {
                // The page size is 4096 unless a database says otherwise
                // (ours never does).
                write_opts = write_opts.pragma("max_page_count", (max / 4096).max(1).to_string());
            }
            let write = SqlitePoolOptions::new()
                .max_connections(1)
                .connect_with(write_opts)
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
            Db::Sqlite { write, .. } => Tx::Sqlite(WriteConn::begin(write).await?),
            Db::Postgres(pool) => Tx::Postgres(WriteConn::begin(pool).await?),
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
            Tx::Sqlite(t) => t.finish().await,
            Tx::Postgres(t) => t.finish().await,
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

/// True when the database refused a write for want of space: SQLite's
/// SQLITE_FULL (13, "database or disk is full", which is also what its
/// `max_page_count` cap gives) or PostgreSQL's `disk_full` (53100).
pub fn is_storage_full(err: &sqlx::Error) -> bool {
    let Some(e) = err.as_database_error() else {
        return false;
    };
    match e.code().as_deref() {
        // SQLite reports the extended code; the primary code is its low byte.
        Some(code) if e.try_downcast_ref::<sqlx::sqlite::SqliteError>().is_some() => {
            code.parse::<i64>().is_ok_and(|c| c & 0xff == 13)
        }
        Some(code) => code == "53100",
        None => false,
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
