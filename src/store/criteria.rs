//! Criteria sets, entered criterion values, commune registrations with
//! their steps and evidence files, and official index results and targets.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use sqlx::QueryBuilder;

use super::{Db, Tx};
use crate::{exec_tx, on_pool, on_tx};

/// Bound ids per `IN (...)` list: well under both backends' parameter limits.
const CHUNK: usize = 500;

/// Where `unit_id` stands in `unit_ids` (the callers' order of preference).
fn position(unit_ids: &[i64], unit_id: i64) -> usize {
    unit_ids
        .iter()
        .position(|u| *u == unit_id)
        .unwrap_or(usize::MAX)
}

#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct SetRow {
    pub id: i64,
    pub code: String,
    pub year: i64,
    pub kind: String,
    pub name_vi: String,
    pub name_en: String,
    pub unit_id: i64,
    #[serde(skip)]
    pub definition: String,
    pub version: i64,
    pub updated_at: DateTime<Utc>,
}

const SET_COLS: &str =
    "id, code, year, kind, name_vi, name_en, unit_id, definition, version, updated_at";

pub struct NewSet<'a> {
    pub code: &'a str,
    pub year: i64,
    pub kind: &'a str,
    pub name_vi: &'a str,
    pub name_en: &'a str,
    pub unit_id: i64,
    pub definition: &'a str,
}

pub async fn insert_set(
    tx: &mut Tx,
    s: &NewSet<'_>,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    on_tx!(tx, |c| {
        sqlx::query_scalar(
        "INSERT INTO criteria_sets (code, year, kind, name_vi, name_en, unit_id, definition, version, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, 1, $8, $8) RETURNING id"
    )
    .bind(s.code)
    .bind(s.year)
    .bind(s.kind)
    .bind(s.name_vi)
    .bind(s.name_en)
    .bind(s.unit_id)
    .bind(s.definition)
    .bind(now)
    .fetch_one(c)
    .await
    })
}

/// Replace a set's names and definition if it is still at `version`;
/// returns the rows changed (0: someone saved it first).
pub async fn update_set(
    tx: &mut Tx,
    id: i64,
    version: i64,
    name_vi: &str,
    name_en: &str,
    definition: &str,
    now: DateTime<Utc>,
) -> Result<u64, sqlx::Error> {
    exec_tx!(tx, |c| {
        sqlx::query(
        "UPDATE criteria_sets SET name_vi = $1, name_en = $2, definition = $3, version = version + 1, updated_at = $4 \
         WHERE id = $5 AND version = $6"
    )
    .bind(name_vi)
    .bind(name_en)
    .bind(definition)
    .bind(now)
    .bind(id)
    .bind(version)
    .execute(c)
    .await
    })
}

pub async fn sets(db: &Db) -> Result<Vec<SetRow>, sqlx::Error> {
    let sql = format!("SELECT {SET_COLS} FROM criteria_sets ORDER BY year DESC, code");
    on_pool!(db, |p| sqlx::query_as(&sql).fetch_all(p).await)
}

pub async fn set(db: &Db, id: i64) -> Result<Option<SetRow>, sqlx::Error> {
    let sql = format!("SELECT {SET_COLS} FROM criteria_sets WHERE id = $1");
    on_pool!(db, |p| sqlx::query_as(&sql)
        .bind(id)
        .fetch_optional(p)
        .await)
}

pub async fn sets_of(db: &Db, kind: &str, year: i64) -> Result<Vec<SetRow>, sqlx::Error> {
    let sql =
        format!("SELECT {SET_COLS} FROM criteria_sets WHERE kind = $1 AND year = $2 ORDER BY id");
    on_pool!(db, |p| sqlx::query_as(&sql)
        .bind(kind)
        .bind(year)
        .fetch_all(p)
        .await)
}

#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct ValueRow {
    pub id: i64,
    pub criterion: String,
    pub stage: String,
    pub value: f64,
    pub note: String,
    pub evidence: Option<String>,
    pub actor: String,
    pub created_at: DateTime<Utc>,
}

pub struct NewValue<'a> {
    pub set_id: i64,
    pub unit_id: i64,
    pub criterion: &'a str,
    pub stage: &'a str,
    pub value: f64,
    pub note: &'a str,
    pub evidence: Option<&'a str>,
    pub user_id: Option<i64>,
    pub actor: &'a str,
}

pub async fn insert_value(
    tx: &mut Tx,
    v: &NewValue<'_>,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    on_tx!(tx, |c| {
        sqlx::query_scalar(
        "INSERT INTO criterion_values (set_id, unit_id, criterion, stage, value, note, evidence, user_id, actor, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id"
    )
    .bind(v.set_id)
    .bind(v.unit_id)
    .bind(v.criterion)
    .bind(v.stage)
    .bind(v.value)
    .bind(v.note)
    .bind(v.evidence)
    .bind(v.user_id)
    .bind(v.actor)
    .bind(now)
    .fetch_one(c)
    .await
    })
}

/// Every value entered for a unit against a set, oldest first (the latest
/// of each criterion and stage counts).
pub async fn values_of(
    db: &Db,
    set_id: i64,
    unit_ids: &[i64],
) -> Result<Vec<ValueRow>, sqlx::Error> {
    let mut out = Vec::new();
    for chunk in unit_ids.chunks(CHUNK) {
        let rows: Vec<ValueRow> = on_pool!(db, |p| {
            let mut q = QueryBuilder::new(
                "SELECT id, criterion, stage, value, note, evidence, actor, created_at \
                 FROM criterion_values WHERE set_id = ",
            );
            q.push_bind(set_id).push(" AND unit_id IN (");
            let mut sep = q.separated(", ");
            for id in chunk {
                sep.push_bind(*id);
            }
            q.push(") ORDER BY id");
            q.build_query_as().fetch_all(p).await
        })?;
        out.extend(rows);
    }
    out.sort_by_key(|r| r.id);
    Ok(out)
}

#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct RegistrationRow {
    pub id: i64,
    pub set_id: i64,
    pub unit_id: i64,
    pub year: i64,
    pub level: String,
    pub status: String,
    pub registered_on: NaiveDate,
    pub due_on: NaiveDate,
    pub version: i64,
}

const REG_COLS: &str = "id, set_id, unit_id, year, level, status, registered_on, due_on, version";

pub struct NewRegistration<'a> {
    pub set_id: i64,
    pub unit_id: i64,
    pub year: i64,
    pub level: &'a str,
    pub registered_on: NaiveDate,
    pub due_on: NaiveDate,
}

pub async fn insert_registration(
    tx: &mut Tx,
    r: &NewRegistration<'_>,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    on_tx!(tx, |c| {
        sqlx::query_scalar(
        "INSERT INTO registrations (set_id, unit_id, year, level, status, registered_on, due_on, version, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, 'registered', $5, $6, 1, $7, $7) RETURNING id"
    )
    .bind(r.set_id)
    .bind(r.unit_id)
    .bind(r.year)
    .bind(r.level)
    .bind(r.registered_on)
    .bind(r.due_on)
    .bind(now)
    .fetch_one(c)
    .await
    })
}

/// Move a registration on if it is still in `from` at `version`; returns
/// the rows changed (0: someone moved it first).
pub async fn move_registration(
    tx: &mut Tx,
    id: i64,
    version: i64,
    from: &str,
    to: &str,
    due_on: NaiveDate,
    now: DateTime<Utc>,
) -> Result<u64, sqlx::Error> {
    exec_tx!(tx, |c| sqlx::query(
        "UPDATE registrations SET status = $1, due_on = $2, version = version + 1, updated_at = $3 \
         WHERE id = $4 AND version = $5 AND status = $6"
    )
    .bind(to)
    .bind(due_on)
    .bind(now)
    .bind(id)
    .bind(version)
    .bind(from)
    .execute(c)
    .await)
}

pub async fn registration(db: &Db, id: i64) -> Result<Option<RegistrationRow>, sqlx::Error> {
    let sql = format!("SELECT {REG_COLS} FROM registrations WHERE id = $1");
    on_pool!(db, |p| sqlx::query_as(&sql)
        .bind(id)
        .fetch_optional(p)
        .await)
}

pub async fn registration_of(
    db: &Db,
    unit_ids: &[i64],
    year: i64,
) -> Result<Option<RegistrationRow>, sqlx::Error> {
    let mut found: Vec<RegistrationRow> = Vec::new();
    for chunk in unit_ids.chunks(CHUNK) {
        let rows: Vec<RegistrationRow> = on_pool!(db, |p| {
            let mut q = QueryBuilder::new(format!(
                "SELECT {REG_COLS} FROM registrations WHERE year = "
            ));
            q.push_bind(year).push(" AND unit_id IN (");
            let mut sep = q.separated(", ");
            for id in chunk {
                sep.push_bind(*id);
            }
            q.push(")");
            q.build_query_as().fetch_all(p).await
        })?;
        found.extend(rows);
    }
    // The first unit in the caller's order that has one (one per unit and year).
    Ok(found
        .into_iter()
        .min_by_key(|r| position(unit_ids, r.unit_id)))
}

/// Every registration of a year, in unit order.
pub async fn registrations_of_year(
    db: &Db,
    year: i64,
) -> Result<Vec<RegistrationRow>, sqlx::Error> {
    let sql = format!("SELECT {REG_COLS} FROM registrations WHERE year = $1 ORDER BY unit_id");
    on_pool!(db, |p| sqlx::query_as(&sql).bind(year).fetch_all(p).await)
}

#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct StepRow {
    pub id: i64,
    pub registration_id: i64,
    pub status: String,
    pub on_day: NaiveDate,
    pub due_on: Option<NaiveDate>,
    pub note: String,
    pub actor: String,
    pub created_at: DateTime<Utc>,
}

pub struct NewStep<'a> {
    pub registration_id: i64,
    pub status: &'a str,
    pub on_day: NaiveDate,
    pub due_on: Option<NaiveDate>,
    pub note: &'a str,
    pub user_id: Option<i64>,
    pub actor: &'a str,
}

pub async fn insert_step(
    tx: &mut Tx,
    s: &NewStep<'_>,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    on_tx!(tx, |c| {
        sqlx::query_scalar(
        "INSERT INTO registration_steps (registration_id, status, on_day, due_on, note, user_id, actor, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id"
    )
    .bind(s.registration_id)
    .bind(s.status)
    .bind(s.on_day)
    .bind(s.due_on)
    .bind(s.note)
    .bind(s.user_id)
    .bind(s.actor)
    .bind(now)
    .fetch_one(c)
    .await
    })
}

pub async fn steps_of(db: &Db, registration_id: i64) -> Result<Vec<StepRow>, sqlx::Error> {
    on_pool!(db, |p| {
        sqlx::query_as(
        "SELECT id, registration_id, status, on_day, due_on, note, actor, created_at FROM registration_steps \
         WHERE registration_id = $1 ORDER BY id"
    )
    .bind(registration_id)
    .fetch_all(p)
    .await
    })
}

/// Every step of a year's registrations, for statuses as of a day.
pub async fn steps_of_year(db: &Db, year: i64) -> Result<Vec<StepRow>, sqlx::Error> {
    on_pool!(db, |p| {
        sqlx::query_as(
        "SELECT s.id, s.registration_id, s.status, s.on_day, s.due_on, s.note, s.actor, s.created_at \
         FROM registration_steps s JOIN registrations r ON r.id = s.registration_id \
         WHERE r.year = $1 ORDER BY s.registration_id, s.id"
    )
    .bind(year)
    .fetch_all(p)
    .await
    })
}

#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct FileRow {
    pub id: i64,
    pub registration_id: i64,
    pub criterion: Option<String>,
    #[serde(skip)]
    pub sha256: String,
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub created_at: DateTime<Utc>,
}

pub struct NewFile<'a> {
    pub registration_id: i64,
    pub criterion: Option<&'a str>,
    pub sha256: &'a str,
    pub file_name: &'a str,
    pub content_type: &'a str,
    pub size_bytes: i64,
    pub created_by: Option<i64>,
}

pub async fn insert_file(
    tx: &mut Tx,
    f: &NewFile<'_>,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    on_tx!(tx, |c| {
        sqlx::query_scalar(
        "INSERT INTO registration_files (registration_id, criterion, sha256, file_name, content_type, size_bytes, created_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id"
    )
    .bind(f.registration_id)
    .bind(f.criterion)
    .bind(f.sha256)
    .bind(f.file_name)
    .bind(f.content_type)
    .bind(f.size_bytes)
    .bind(f.created_by)
    .bind(now)
    .fetch_one(c)
    .await
    })
}

const FILE_COLS: &str =
    "id, registration_id, criterion, sha256, file_name, content_type, size_bytes, created_at";

pub async fn files_of(db: &Db, registration_id: i64) -> Result<Vec<FileRow>, sqlx::Error> {
    let sql = format!(
        "SELECT {FILE_COLS} FROM registration_files WHERE registration_id = $1 ORDER BY id"
    );
    on_pool!(db, |p| sqlx::query_as(&sql)
        .bind(registration_id)
        .fetch_all(p)
        .await)
}

pub async fn file(db: &Db, registration_id: i64, id: i64) -> Result<Option<FileRow>, sqlx::Error> {
    let sql = format!(
        "SELECT {FILE_COLS} FROM registration_files WHERE registration_id = $1 AND id = $2"
    );
    on_pool!(db, |p| sqlx::query_as(&sql)
        .bind(registration_id)
        .bind(id)
        .fetch_optional(p)
        .await)
}

#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct ResultRow {
    pub id: i64,
    pub index_code: String,
    pub unit_id: i64,
    pub year: i64,
    pub rank: i64,
    pub ranked_of: i64,
    pub score: Option<f64>,
    pub published_on: NaiveDate,
    pub source: String,
}

pub struct NewResult<'a> {
    pub index_code: &'a str,
    pub unit_id: i64,
    pub year: i64,
    pub rank: i64,
    pub ranked_of: i64,
    pub score: Option<f64>,
    pub published_on: NaiveDate,
    pub source: &'a str,
}

pub async fn insert_result(
    tx: &mut Tx,
    r: &NewResult<'_>,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    on_tx!(tx, |c| {
        sqlx::query_scalar(
        "INSERT INTO index_results (index_code, unit_id, year, rank, ranked_of, score, published_on, source, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id"
    )
    .bind(r.index_code)
    .bind(r.unit_id)
    .bind(r.year)
    .bind(r.rank)
    .bind(r.ranked_of)
    .bind(r.score)
    .bind(r.published_on)
    .bind(r.source)
    .bind(now)
    .fetch_one(c)
    .await
    })
}

/// Official results of units (a unit and the versions it continues).
pub async fn results_of(
    db: &Db,
    index_code: &str,
    unit_ids: &[i64],
) -> Result<Vec<ResultRow>, sqlx::Error> {
    let mut out = Vec::new();
    for chunk in unit_ids.chunks(CHUNK) {
        let rows: Vec<ResultRow> = on_pool!(db, |p| {
            let mut q = QueryBuilder::new(
                "SELECT id, index_code, unit_id, year, rank, ranked_of, score, published_on, source \
                 FROM index_results WHERE index_code = ",
            );
            q.push_bind(index_code).push(" AND unit_id IN (");
            let mut sep = q.separated(", ");
            for id in chunk {
                sep.push_bind(*id);
            }
            q.push(")");
            q.build_query_as().fetch_all(p).await
        })?;
        out.extend(rows);
    }
    // By year; a year held by several units in the caller's order of units
    // (one row per unit and year).
    out.sort_by_key(|r| (r.year, position(unit_ids, r.unit_id)));
    Ok(out)
}

#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct TargetRow {
    pub id: i64,
    pub index_code: String,
    pub unit_id: i64,
    pub year: i64,
    pub rank: i64,
    pub note: String,
}

pub async fn insert_target(
    tx: &mut Tx,
    index_code: &str,
    unit_id: i64,
    year: i64,
    rank: i64,
    note: &str,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    on_tx!(tx, |c| sqlx::query_scalar(
        "INSERT INTO index_targets (index_code, unit_id, year, rank, note, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id"
    )
    .bind(index_code)
    .bind(unit_id)
    .bind(year)
    .bind(rank)
    .bind(note)
    .bind(now)
    .fetch_one(c)
    .await)
}

pub async fn targets_of(
    db: &Db,
    index_code: &str,
    unit_ids: &[i64],
) -> Result<Vec<TargetRow>, sqlx::Error> {
    let mut out = Vec::new();
    for chunk in unit_ids.chunks(CHUNK) {
        let rows: Vec<TargetRow> = on_pool!(db, |p| {
            let mut q = QueryBuilder::new(
                "SELECT id, index_code, unit_id, year, rank, note FROM index_targets \
                 WHERE index_code = ",
            );
            q.push_bind(index_code).push(" AND unit_id IN (");
            let mut sep = q.separated(", ");
            for id in chunk {
                sep.push_bind(*id);
            }
            q.push(")");
            q.build_query_as().fetch_all(p).await
        })?;
        out.extend(rows);
    }
    // By year, then in the caller's order of units (one row per unit and year).
    out.sort_by_key(|r| (r.year, position(unit_ids, r.unit_id)));
    Ok(out)
}
