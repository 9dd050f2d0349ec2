//! Users, their grants, sessions and API tokens.
//!
//! Secrets (session cookies, API tokens) are never stored: only their
//! SHA-256 hashes, computed by the service layer.

use chrono::{DateTime, Utc};

use super::{Db, Tx};
use crate::domain::access::{Grant, Role};
use crate::{exec_tx, on_pool, on_tx};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct UserRow {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub password_hash: String,
    pub active: bool,
    pub created_at: DateTime<Utc>,
    /// Counts changes of the user's grants (optimistic concurrency).
    pub grants_version: i64,
}

const USER_COLUMNS: &str =
    "id, username, display_name, password_hash, active, created_at, grants_version";

pub async fn insert_user(
    tx: &mut Tx,
    username: &str,
    display_name: &str,
    password_hash: &str,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    on_tx!(tx, |c| sqlx::query_scalar(
        "INSERT INTO users (username, display_name, password_hash, active, created_at, updated_at) \
         VALUES ($1, $2, $3, TRUE, $4, $4) RETURNING id"
    )
    .bind(username)
    .bind(display_name)
    .bind(password_hash)
    .bind(now)
    .fetch_one(c)
    .await)
}

pub async fn user_by_username(db: &Db, username: &str) -> Result<Option<UserRow>, sqlx::Error> {
    let sql = format!("SELECT {USER_COLUMNS} FROM users WHERE username = $1");
    on_pool!(db, |p| sqlx::query_as(&sql)
        .bind(username)
        .fetch_optional(p)
        .await)
}

pub async fn user_by_id(db: &Db, id: i64) -> Result<Option<UserRow>, sqlx::Error> {
    let sql = format!("SELECT {USER_COLUMNS} FROM users WHERE id = $1");
    on_pool!(db, |p| sqlx::query_as(&sql)
        .bind(id)
        .fetch_optional(p)
        .await)
}

pub async fn list_users(db: &Db) -> Result<Vec<UserRow>, sqlx::Error> {
    let sql = format!("SELECT {USER_COLUMNS} FROM users ORDER BY username");
    on_pool!(db, |p| sqlx::query_as(&sql).fetch_all(p).await)
}

pub async fn set_password(
    tx: &mut Tx,
    user_id: i64,
    hash: &str,
    now: DateTime<Utc>,
) -> Result<u64, sqlx::Error> {
    exec_tx!(tx, |c| sqlx::query(
        "UPDATE users SET password_hash = $1, updated_at = $2 WHERE id = $3"
    )
    .bind(hash)
    .bind(now)
    .bind(user_id)
    .execute(c)
    .await)
}

#[derive(sqlx::FromRow)]
struct GrantRow {
    role: String,
    unit_id: Option<i64>,
}

fn to_grants(rows: Vec<GrantRow>) -> Result<Vec<Grant>, sqlx::Error> {
    rows.into_iter()
        .map(|r| {
            let role: Role = r
                .role
                .parse()
                .map_err(|e| sqlx::Error::Decode(Box::new(e)))?;
            Ok(Grant {
                role,
                unit_id: r.unit_id,
            })
        })
        .collect()
}

const GRANTS_SQL: &str = "SELECT role, unit_id FROM grants WHERE user_id = $1 ORDER BY id";

pub async fn grants_of(db: &Db, user_id: i64) -> Result<Vec<Grant>, sqlx::Error> {
    let rows: Vec<GrantRow> = on_pool!(db, |p| sqlx::query_as(GRANTS_SQL)
        .bind(user_id)
        .fetch_all(p)
        .await)?;
    to_grants(rows)
}

pub async fn grants_of_tx(tx: &mut Tx, user_id: i64) -> Result<Vec<Grant>, sqlx::Error> {
    let rows: Vec<GrantRow> = on_tx!(tx, |c| sqlx::query_as(GRANTS_SQL)
        .bind(user_id)
        .fetch_all(c)
        .await)?;
    to_grants(rows)
}

/// Replace all of a user's grants.
/// Replace a user's grants if they are still at `version` (and bump it);
/// `false`, with nothing changed, when someone changed them meanwhile.
pub async fn replace_grants(
    tx: &mut Tx,
    user_id: i64,
    version: i64,
    grants: &[Grant],
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let bumped = exec_tx!(tx, |c| sqlx::query(
        "UPDATE users SET grants_version = grants_version + 1, updated_at = $1 \
         WHERE id = $2 AND grants_version = $3"
    )
    .bind(now)
    .bind(user_id)
    .bind(version)
    .execute(c)
    .await)?;
    if bumped == 0 {
        return Ok(false);
    }
    exec_tx!(tx, |c| sqlx::query("DELETE FROM grants WHERE user_id = $1")
        .bind(user_id)
        .execute(c)
        .await)?;
    for g in grants {
        exec_tx!(tx, |c| {
            sqlx::query(
            "INSERT INTO grants (user_id, role, unit_id, created_at, updated_at) VALUES ($1, $2, $3, $4, $4)"
        )
        .bind(user_id)
        .bind(g.role.as_str())
        .bind(g.unit_id)
        .bind(now)
        .execute(c)
        .await
        })?;
    }
    Ok(true)
}

pub async fn insert_session(
    tx: &mut Tx,
    token_hash: &str,
    user_id: i64,
    expires_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    exec_tx!(tx, |c| sqlx::query(
        "INSERT INTO sessions (token_hash, user_id, expires_at, created_at, updated_at) VALUES ($1, $2, $3, $4, $4)"
    )
    .bind(token_hash)
    .bind(user_id)
    .bind(expires_at)
    .bind(now)
    .execute(c)
    .await)
    .map(|_| ())
}

/// The active user behind a session that has not expired.
pub async fn session_user(
    db: &Db,
    token_hash: &str,
    now: DateTime<Utc>,
) -> Result<Option<i64>, sqlx::Error> {
    on_pool!(db, |p| sqlx::query_scalar(
        "SELECT s.user_id FROM sessions s JOIN users u ON u.id = s.user_id \
         WHERE s.token_hash = $1 AND s.expires_at > $2 AND u.active"
    )
    .bind(token_hash)
    .bind(now)
    .fetch_optional(p)
    .await)
}

pub async fn delete_session(tx: &mut Tx, token_hash: &str) -> Result<(), sqlx::Error> {
    exec_tx!(tx, |c| sqlx::query(
        "DELETE FROM sessions WHERE token_hash = $1"
    )
    .bind(token_hash)
    .execute(c)
    .await)
    .map(|_| ())
}

/// End every session of a user (after a password reset).
pub async fn delete_user_sessions(tx: &mut Tx, user_id: i64) -> Result<(), sqlx::Error> {
    exec_tx!(tx, |c| sqlx::query(
        "DELETE FROM sessions WHERE user_id = $1"
    )
    .bind(user_id)
    .execute(c)
    .await)
    .map(|_| ())
}

/// End every session of a user but one (after they change their own
/// password: the session they changed it from goes on).
pub async fn delete_other_sessions(
    tx: &mut Tx,
    user_id: i64,
    keep_hash: &str,
) -> Result<u64, sqlx::Error> {
    exec_tx!(tx, |c| sqlx::query(
        "DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2"
    )
    .bind(user_id)
    .bind(keep_hash)
    .execute(c)
    .await)
}

/// Force a session's expiry (used by tests and by an admin ending sessions).
pub async fn expire_session(
    tx: &mut Tx,
    token_hash: &str,
    at: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    exec_tx!(tx, |c| sqlx::query(
        "UPDATE sessions SET expires_at = $1, updated_at = $1 WHERE token_hash = $2"
    )
    .bind(at)
    .bind(token_hash)
    .execute(c)
    .await)
    .map(|_| ())
}

#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize)]
pub struct TokenRow {
    pub id: i64,
    pub user_id: i64,
    pub name: String,
    pub expires_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

pub async fn insert_token(
    tx: &mut Tx,
    user_id: i64,
    name: &str,
    token_hash: &str,
    expires_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    on_tx!(tx, |c| sqlx::query_scalar(
        "INSERT INTO api_tokens (user_id, name, token_hash, expires_at, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $5) RETURNING id"
    )
    .bind(user_id)
    .bind(name)
    .bind(token_hash)
    .bind(expires_at)
    .bind(now)
    .fetch_one(c)
    .await)
}

/// The active user behind a token that is neither revoked nor expired nor
/// older than `oldest` (the maximum lifetime), and the token's id.
pub async fn token_user(
    db: &Db,
    token_hash: &str,
    now: DateTime<Utc>,
    oldest: DateTime<Utc>,
) -> Result<Option<(i64, i64)>, sqlx::Error> {
    on_pool!(db, |p| {
        sqlx::query_as(
        "SELECT t.user_id, t.id FROM api_tokens t JOIN users u ON u.id = t.user_id \
         WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > $2) \
         AND t.created_at > $3 AND u.active"
    )
    .bind(token_hash)
    .bind(now)
    .bind(oldest)
    .fetch_optional(p)
    .await
    })
}

pub async fn tokens_of(db: &Db, user_id: i64) -> Result<Vec<TokenRow>, sqlx::Error> {
    on_pool!(db, |p| {
        sqlx::query_as(
        "SELECT id, user_id, name, expires_at, revoked_at, created_at FROM api_tokens WHERE user_id = $1 ORDER BY id"
    )
    .bind(user_id)
    .fetch_all(p)
    .await
    })
}

pub async fn revoke_token(
    tx: &mut Tx,
    user_id: i64,
    token_id: i64,
    now: DateTime<Utc>,
) -> Result<u64, sqlx::Error> {
    exec_tx!(tx, |c| {
        sqlx::query(
        "UPDATE api_tokens SET revoked_at = $1, updated_at = $1 WHERE id = $2 AND user_id = $3 AND revoked_at IS NULL"
    )
    .bind(now)
    .bind(token_id)
    .bind(user_id)
    .execute(c)
    .await
    })
}

/// Revoke every live token of a user (password reset, deactivation); the
/// number revoked.
pub async fn revoke_user_tokens(
    tx: &mut Tx,
    user_id: i64,
    now: DateTime<Utc>,
) -> Result<u64, sqlx::Error> {
    exec_tx!(tx, |c| {
        sqlx::query(
        "UPDATE api_tokens SET revoked_at = $1, updated_at = $1 WHERE user_id = $2 AND revoked_at IS NULL"
    )
    .bind(now)
    .bind(user_id)
    .execute(c)
    .await
    })
}

/// Revoke a live token whoever holds it (admins); its holder, or `None`
/// when there is no such live token.
pub async fn revoke_any_token(
    tx: &mut Tx,
    token_id: i64,
    now: DateTime<Utc>,
) -> Result<Option<i64>, sqlx::Error> {
    on_tx!(tx, |c| {
        sqlx::query_scalar(
        "UPDATE api_tokens SET revoked_at = $1, updated_at = $1 WHERE id = $2 AND revoked_at IS NULL RETURNING user_id"
    )
    .bind(now)
    .bind(token_id)
    .fetch_optional(c)
    .await
    })
}

/// A token with its holder's name, for the admins' list.
#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize)]
pub struct HeldToken {
    pub id: i64,
    pub user_id: i64,
    pub username: String,
    pub name: String,
    pub expires_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

pub async fn all_tokens(db: &Db) -> Result<Vec<HeldToken>, sqlx::Error> {
    on_pool!(db, |p| sqlx::query_as(
        "SELECT t.id, t.user_id, u.username, t.name, t.expires_at, t.revoked_at, t.created_at \
         FROM api_tokens t JOIN users u ON u.id = t.user_id ORDER BY t.id"
    )
    .fetch_all(p)
    .await)
}

/// Mark an account active or not; the rows changed.
pub async fn set_active(
    tx: &mut Tx,
    user_id: i64,
    active: bool,
    now: DateTime<Utc>,
) -> Result<u64, sqlx::Error> {
    exec_tx!(tx, |c| sqlx::query(
        "UPDATE users SET active = $1, updated_at = $2 WHERE id = $3"
    )
    .bind(active)
    .bind(now)
    .bind(user_id)
    .execute(c)
    .await)
}

/// Users linked to a party membership (any time): their accounts open
/// party records, so only the party side or an admin manages them.
pub async fn party_linked_users(db: &Db) -> Result<Vec<i64>, sqlx::Error> {
    on_pool!(db, |p| sqlx::query_scalar(
        "SELECT DISTINCT user_id FROM party_members WHERE user_id IS NOT NULL"
    )
    .fetch_all(p)
    .await)
}
