//! The audit log: one row per write, in the write's own transaction.

use chrono::{DateTime, Utc};
use serde::Serialize;
use sqlx::types::Json;

use super::{Db, Tx};
use crate::{exec_tx, on_pool};

/// An entry to record.
#[derive(Debug, Clone)]
pub struct NewEntry<'a> {
    pub at: DateTime<Utc>,
    pub user_id: Option<i64>,
    pub actor: &'a str,
    pub action: &'a str,
    pub entity: &'a str,
    pub entity_id: String,
    pub unit_path: Option<String>,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
}

pub async fn insert(tx: &mut Tx, e: &NewEntry<'_>) -> Result<(), sqlx::Error> {
    exec_tx!(tx, |c| sqlx::query(
        "INSERT INTO audit_log (at, user_id, actor, action, entity, entity_id, unit_path, before_json, after_json, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $1, $1)"
    )
    .bind(e.at)
    .bind(e.user_id)
    .bind(e.actor)
    .bind(e.action)
    .bind(e.entity)
    .bind(&e.entity_id)
    .bind(&e.unit_path)
    .bind(e.before.as_ref().map(Json))
    .bind(e.after.as_ref().map(Json))
    .execute(c)
    .await)
    .map(|_| ())
}

/// A recorded entry.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Entry {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub user_id: Option<i64>,
    pub actor: String,
    pub action: String,
    pub entity: String,
    pub entity_id: String,
    pub unit_path: Option<String>,
    pub before: Option<Json<serde_json::Value>>,
    pub after: Option<Json<serde_json::Value>>,
}

/// Newest first; only entries whose unit path starts with one of `prefixes`
/// when given (a subtree), and with ids below `before_id` (paging).
pub async fn list(
    db: &Db,
    prefixes: Option<&[String]>,
    before_id: Option<i64>,
    limit: i64,
) -> Result<Vec<Entry>, sqlx::Error> {
    let mut sql = String::from(
        "SELECT id, at, user_id, actor, action, entity, entity_id, unit_path, before_json AS before, after_json AS after \
         FROM audit_log WHERE id < $1",
    );
    let mut args: Vec<String> = Vec::new();
    if let Some(prefixes) = prefixes {
        if prefixes.is_empty() {
            return Ok(Vec::new());
        }
        let ors: Vec<String> = prefixes
            .iter()
            .enumerate()
            .map(|(i, p)| {
                args.push(format!("{}%", p.replace(['%', '_'], "")));
                format!("unit_path LIKE ${}", i + 3)
            })
            .collect();
        sql.push_str(&format!(" AND ({})", ors.join(" OR ")));
    }
    sql.push_str(" ORDER BY id DESC LIMIT $2");
    let before = before_id.unwrap_or(i64::MAX);
    on_pool!(db, |p| {
        let mut q = sqlx::query_as(&sql).bind(before).bind(limit);
        for a in &args {
            q = q.bind(a);
        }
        q.fetch_all(p).await
    })
}
