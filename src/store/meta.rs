//! Small key-value facts about the database (e.g. "this is a demo database").

use chrono::Utc;

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

pub async fn set(tx: &mut Tx, key: &str, value: &str) -> Result<(), sqlx::Error> {
    let now = Utc::now();
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
