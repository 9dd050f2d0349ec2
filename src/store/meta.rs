//! Small key-value facts about the database (e.g. "this is a demo database").

use chrono::{DateTime, Utc};

use super::{Db, Tx};
use crate::{exec_tx, on_pool};

pub async fn get(db: &Db, key: &str) -> Result<Option<String>, sqlx::Error> {
    on_pool!(db, |p| sqlx::query_scalar(
        "SELECT value FROM meta WHERE key = $1"
    )
    .bind(key)
    .fetch_optional(p)
    .await)
}

pub async fn set(
    tx: &mut Tx,
    key: &str,
    value: &str,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    exec_tx!(tx, |c| sqlx::query(
        "INSERT INTO meta (key, value, created_at, updated_at) VALUES ($1, $2, $3, $3) \
         ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at"
    )
    .bind(key)
    .bind(value)
    .bind(now)
    .execute(c)
    .await)
    .map(|_| ())
}

/// Write and take back 8 KiB in one committed transaction: what `/readyz`
/// asks to learn whether the database accepts writes now. The row is larger
/// than a page, so SQLite must find pages for it (from the free list or by
/// growing the file) just as a real write would; a full disk or the file's
/// size cap refuses it.
pub async fn probe_write(db: &Db, now: DateTime<Utc>) -> Result<(), sqlx::Error> {
    let mut tx = db.begin().await?;
    set(&mut tx, "write_probe", &"0".repeat(8192), now).await?;
    exec_tx!(&mut tx, |c| sqlx::query(
        "DELETE FROM meta WHERE key = 'write_probe'"
    )
    .execute(c)
    .await)?;
    tx.commit().await
}

/// SQLite's `PRAGMA quick_check` (PostgreSQL checks its pages itself):
/// `None` when the file is sound, else what SQLite found, first lines only.
pub async fn quick_check(db: &Db) -> Result<Option<String>, sqlx::Error> {
    let Db::Sqlite { read, .. } = db else {
        return Ok(None);
    };
    let lines: Vec<String> = sqlx::query_scalar("PRAGMA quick_check(5)")
        .fetch_all(read)
        .await?;
    Ok(match lines.as_slice() {
        [ok] if ok == "ok" => None,
        _ => Some(lines.join("; ")),
    })
}
