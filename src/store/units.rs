//! Unit versions, loaded lists and succession links.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::QueryBuilder;

use super::{Db, Tx};
use crate::domain::unit::UnitVersion;
use crate::{exec_tx, on_pool, on_tx};

#[derive(sqlx::FromRow)]
struct UnitRow {
    id: i64,
    code: String,
    name: String,
    full_name: String,
    level: String,
    unit_type: String,
    parent_id: Option<i64>,
    valid_from: NaiveDate,
    valid_to: Option<NaiveDate>,
    synthetic: bool,
}

impl UnitRow {
    fn into_domain(self) -> Result<UnitVersion, sqlx::Error> {
        let bad = |e: crate::domain::DomainError| {
            sqlx::Error::Decode(format!("unit {}: {e}", self.id).into())
        };
        Ok(UnitVersion {
            id: self.id,
            code: self.code.parse().map_err(bad)?,
            level: self.level.parse().map_err(bad)?,
            name: self.name,
            full_name: self.full_name,
            unit_type: self.unit_type,
            parent_id: self.parent_id,
            valid_from: self.valid_from,
            valid_to: self.valid_to,
            synthetic: self.synthetic,
        })
    }
}

const UNIT_COLUMNS: &str =
    "id, code, name, full_name, level, unit_type, parent_id, valid_from, valid_to, synthetic";

/// Every version of every unit (the hierarchy cache is built from this).
pub async fn all_versions(db: &Db) -> Result<Vec<UnitVersion>, sqlx::Error> {
    let sql = format!("SELECT {UNIT_COLUMNS} FROM units");
    let rows: Vec<UnitRow> = on_pool!(db, |p| sqlx::query_as(&sql).fetch_all(p).await)?;
    rows.into_iter().map(UnitRow::into_domain).collect()
}

/// Versions with no end date, inside a write transaction.
pub async fn open_versions(tx: &mut Tx) -> Result<Vec<UnitVersion>, sqlx::Error> {
    let sql = format!("SELECT {UNIT_COLUMNS} FROM units WHERE valid_to IS NULL");
    let rows: Vec<UnitRow> = on_tx!(tx, |c| sqlx::query_as(&sql).fetch_all(c).await)?;
    rows.into_iter().map(UnitRow::into_domain).collect()
}

pub async fn next_id(tx: &mut Tx) -> Result<i64, sqlx::Error> {
    let max: Option<i64> = on_tx!(tx, |c| sqlx::query_scalar("SELECT MAX(id) FROM units")
        .fetch_one(c)
        .await)?;
    Ok(max.unwrap_or(0) + 1)
}

/// Insert versions whose ids were chosen by the caller, in batches.
pub async fn insert_versions(
    tx: &mut Tx,
    versions: &[UnitVersion],
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    for chunk in versions.chunks(500) {
        exec_tx!(tx, |c| {
            let mut q = QueryBuilder::new(
                "INSERT INTO units (id, code, name, full_name, level, unit_type, parent_id, valid_from, valid_to, synthetic, created_at, updated_at) ",
            );
            q.push_values(chunk, |mut b, u| {
                b.push_bind(u.id)
                    .push_bind(u.code.as_str())
                    .push_bind(&u.name)
                    .push_bind(&u.full_name)
                    .push_bind(u.level.as_str())
                    .push_bind(&u.unit_type)
                    .push_bind(u.parent_id)
                    .push_bind(u.valid_from)
                    .push_bind(u.valid_to)
                    .push_bind(u.synthetic)
                    .push_bind(now)
                    .push_bind(now);
            });
            q.build().execute(&mut *c).await
        })?;
    }
    tx.after_explicit_ids("units").await
}

/// Insert one version and return its new id.
pub async fn insert_version(
    tx: &mut Tx,
    u: &UnitVersion,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    on_tx!(tx, |c| {
        sqlx::query_scalar(
        "INSERT INTO units (code, name, full_name, level, unit_type, parent_id, valid_from, valid_to, synthetic, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id",
    )
    .bind(u.code.as_str())
    .bind(&u.name)
    .bind(&u.full_name)
    .bind(u.level.as_str())
    .bind(&u.unit_type)
    .bind(u.parent_id)
    .bind(u.valid_from)
    .bind(u.valid_to)
    .bind(u.synthetic)
    .bind(now)
    .fetch_one(c)
    .await
    })
}

/// Close versions: set their last valid day.
pub async fn close_versions(
    tx: &mut Tx,
    closes: &[(i64, NaiveDate)],
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    for (id, to) in closes {
        exec_tx!(tx, |c| sqlx::query(
            "UPDATE units SET valid_to = $1, updated_at = $2 WHERE id = $3"
        )
        .bind(*to)
        .bind(now)
        .bind(*id)
        .execute(c)
        .await)?;
    }
    Ok(())
}

/// A loaded official list.
#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize)]
pub struct LoadedList {
    pub name: String,
    pub valid_from: NaiveDate,
    pub rows: i64,
}

pub async fn lists(db: &Db) -> Result<Vec<LoadedList>, sqlx::Error> {
    on_pool!(db, |p| sqlx::query_as(
        "SELECT name, valid_from, rows FROM unit_lists ORDER BY valid_from, name"
    )
    .fetch_all(p)
    .await)
}

pub async fn insert_list(
    tx: &mut Tx,
    list: &LoadedList,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    exec_tx!(tx, |c| sqlx::query(
        "INSERT INTO unit_lists (name, valid_from, rows, created_at, updated_at) VALUES ($1, $2, $3, $4, $4)"
    )
    .bind(&list.name)
    .bind(list.valid_from)
    .bind(list.rows)
    .bind(now)
    .execute(c)
    .await)
    .map(|_| ())
}

/// A succession link between two unit versions.
#[derive(Debug, Clone, PartialEq)]
pub struct Succession {
    pub old_unit_id: i64,
    pub new_unit_id: i64,
    pub kind: &'static str,
    pub effective: NaiveDate,
    pub note: String,
}

pub async fn insert_successions(
    tx: &mut Tx,
    links: &[Succession],
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    for chunk in links.chunks(500) {
        exec_tx!(tx, |c| {
            let mut q = QueryBuilder::new(
                "INSERT INTO unit_successions (old_unit_id, new_unit_id, kind, effective, note, created_at, updated_at) ",
            );
            q.push_values(chunk, |mut b, s| {
                b.push_bind(s.old_unit_id)
                    .push_bind(s.new_unit_id)
                    .push_bind(s.kind)
                    .push_bind(s.effective)
                    .push_bind(&s.note)
                    .push_bind(now)
                    .push_bind(now);
            });
            // A continuation recorded at list load and the same pair in a
            // later mapping are one link; the mapping's kind wins.
            q.push(" ON CONFLICT (old_unit_id, new_unit_id) DO UPDATE SET kind = excluded.kind, note = excluded.note");
            q.build().execute(&mut *c).await
        })?;
    }
    Ok(())
}

/// Succession links from (`forward`) or into a unit version.
pub async fn successions(
    db: &Db,
    unit_id: i64,
    forward: bool,
) -> Result<Vec<(i64, String)>, sqlx::Error> {
    let sql = if forward {
        "SELECT new_unit_id, kind FROM unit_successions WHERE old_unit_id = $1 ORDER BY new_unit_id"
    } else {
        "SELECT old_unit_id, kind FROM unit_successions WHERE new_unit_id = $1 ORDER BY old_unit_id"
    };
    on_pool!(db, |p| sqlx::query_as(sql).bind(unit_id).fetch_all(p).await)
}

/// Every succession link as (old id, new id, full).
pub async fn all_successions(db: &Db) -> Result<Vec<(i64, i64, bool)>, sqlx::Error> {
    let rows: Vec<(i64, i64, String)> = on_pool!(db, |p| sqlx::query_as(
        "SELECT old_unit_id, new_unit_id, kind FROM unit_successions"
    )
    .fetch_all(p)
    .await)?;
    Ok(rows
        .into_iter()
        .map(|(o, n, k)| (o, n, k == "full"))
        .collect())
}
