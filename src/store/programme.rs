//! Programme tables: DX goals with their status history and evidence, pilot
//! DX models with their linked figures, deployments and status history
//! (`migrations/*/0004_goals_models.sql`). No access checks here:
//! `service::goals` and `service::models` decide who may ask.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::QueryBuilder;

use super::{Db, Tx};
use crate::domain::programme::{GoalStatus, ModelField, ModelStatus};
use crate::{on_pool, on_tx};

/// Ids per `IN (...)` list.
const CHUNK: usize = 500;

#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize)]
pub struct GoalRow {
    pub id: i64,
    pub unit_id: i64,
    pub period: String,
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    pub code: String,
    pub text_vi: String,
    pub text_en: String,
    pub owner: String,
    pub link_key: Option<String>,
    pub threshold: Option<f64>,
    pub direction: Option<String>,
    pub deadline: NaiveDate,
    pub synthetic: bool,
}

const GOAL_COLUMNS: &str = "id, unit_id, period, period_start, period_end, code, text_vi, text_en, owner, link_key, threshold, direction, deadline, synthetic";

/// A new goal, checked by the service.
#[derive(Debug, Clone)]
pub struct NewGoal {
    pub unit_id: i64,
    pub period: String,
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    pub code: String,
    pub text_vi: String,
    pub text_en: String,
    pub owner: String,
    pub link_key: Option<String>,
    pub threshold: Option<f64>,
    pub direction: Option<String>,
    pub deadline: NaiveDate,
    pub synthetic: bool,
    pub created_by: Option<i64>,
}

pub async fn insert_goal(tx: &mut Tx, g: &NewGoal, now: DateTime<Utc>) -> Result<i64, sqlx::Error> {
    on_tx!(tx, |c| {
        sqlx::query_scalar(
            "INSERT INTO dx_goals (unit_id, period, period_start, period_end, code, text_vi, text_en, owner, \
             link_key, threshold, direction, deadline, synthetic, created_by, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15) RETURNING id",
        )
        .bind(g.unit_id)
        .bind(&g.period)
        .bind(g.period_start)
        .bind(g.period_end)
        .bind(&g.code)
        .bind(&g.text_vi)
        .bind(&g.text_en)
        .bind(&g.owner)
        .bind(&g.link_key)
        .bind(g.threshold)
        .bind(&g.direction)
        .bind(g.deadline)
        .bind(g.synthetic)
        .bind(g.created_by)
        .bind(now)
        .fetch_one(c)
        .await
    })
}

/// Does the programme (unit, period) already have a goal with this code?
pub async fn goal_code_taken(
    tx: &mut Tx,
    unit_id: i64,
    period: &str,
    code: &str,
) -> Result<bool, sqlx::Error> {
    let n: i64 = on_tx!(tx, |c| sqlx::query_scalar(
        "SELECT COUNT(*) FROM dx_goals WHERE unit_id = $1 AND period = $2 AND code = $3"
    )
    .bind(unit_id)
    .bind(period)
    .bind(code)
    .fetch_one(c)
    .await)?;
    Ok(n > 0)
}

pub async fn goal(db: &Db, id: i64) -> Result<Option<GoalRow>, sqlx::Error> {
    let sql = format!("SELECT {GOAL_COLUMNS} FROM dx_goals WHERE id = $1");
    on_pool!(db, |p| sqlx::query_as(&sql)
        .bind(id)
        .fetch_optional(p)
        .await)
}

/// Goals of the programmes of these unit versions whose plan period
/// contains `day`, by code.
pub async fn goals_of_units(
    db: &Db,
    unit_ids: &[i64],
    day: NaiveDate,
) -> Result<Vec<GoalRow>, sqlx::Error> {
    let mut out: Vec<GoalRow> = Vec::new();
    for chunk in unit_ids.chunks(CHUNK) {
        let rows: Vec<GoalRow> = on_pool!(db, |p| {
            let mut q = QueryBuilder::new(format!(
                "SELECT {GOAL_COLUMNS} FROM dx_goals WHERE period_start <= "
            ));
            q.push_bind(day)
                .push(" AND period_end >= ")
                .push_bind(day)
                .push(" AND unit_id IN (");
            let mut s = q.separated(", ");
            for id in chunk {
                s.push_bind(*id);
            }
            q.push(")");
            q.build_query_as().fetch_all(p).await
        })?;
        out.extend(rows);
    }
    out.sort_by(|a, b| {
        code_order(&a.code)
            .cmp(&code_order(&b.code))
            .then(a.id.cmp(&b.id))
    });
    Ok(out)
}

/// "MT-2" before "MT-10": digit runs compare as numbers.
fn code_order(code: &str) -> Vec<(u8, u64, String)> {
    let mut out = Vec::new();
    let mut rest = code;
    while !rest.is_empty() {
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 {
            out.push((0, rest[..digits].parse().unwrap_or(u64::MAX), String::new()));
            rest = &rest[digits..];
        } else {
            let n = rest
                .char_indices()
                .find(|(_, c)| c.is_ascii_digit())
                .map(|(i, _)| i)
                .unwrap_or(rest.len());
            out.push((1, 0, rest[..n].to_owned()));
            rest = &rest[n..];
        }
    }
    out
}

#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize)]
pub struct GoalStatusRow {
    pub id: i64,
    pub goal_id: i64,
    #[sqlx(try_from = "String")]
    pub status: GoalStatus,
    pub on_date: NaiveDate,
    pub note: String,
    pub by_user: Option<i64>,
    pub by_name: String,
    pub created_at: DateTime<Utc>,
}

const STATUS_COLUMNS: &str = "id, goal_id, status, on_date, note, by_user, by_name, created_at";

/// Status entries of these goals, oldest first.
pub async fn goal_statuses(db: &Db, goal_ids: &[i64]) -> Result<Vec<GoalStatusRow>, sqlx::Error> {
    let mut out: Vec<GoalStatusRow> = Vec::new();
    for chunk in goal_ids.chunks(CHUNK) {
        let rows: Vec<GoalStatusRow> = on_pool!(db, |p| {
            let mut q = QueryBuilder::new(format!(
                "SELECT {STATUS_COLUMNS} FROM dx_goal_status WHERE goal_id IN ("
            ));
            let mut s = q.separated(", ");
            for id in chunk {
                s.push_bind(*id);
            }
            q.push(") ORDER BY on_date, id");
            q.build_query_as().fetch_all(p).await
        })?;
        out.extend(rows);
    }
    out.sort_by_key(|r| (r.on_date, r.id));
    Ok(out)
}

/// The latest status entry of a goal, read in the writing transaction.
pub async fn latest_goal_status(
    tx: &mut Tx,
    goal_id: i64,
) -> Result<Option<GoalStatusRow>, sqlx::Error> {
    let sql = format!(
        "SELECT {STATUS_COLUMNS} FROM dx_goal_status WHERE goal_id = $1 ORDER BY on_date DESC, id DESC LIMIT 1"
    );
    on_tx!(tx, |c| sqlx::query_as(&sql)
        .bind(goal_id)
        .fetch_optional(c)
        .await)
}

#[allow(clippy::too_many_arguments)]
pub async fn insert_goal_status(
    tx: &mut Tx,
    goal_id: i64,
    status: GoalStatus,
    on_date: NaiveDate,
    note: &str,
    by_user: Option<i64>,
    by_name: &str,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    on_tx!(tx, |c| {
        sqlx::query_scalar(
            "INSERT INTO dx_goal_status (goal_id, status, on_date, note, by_user, by_name, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id",
        )
        .bind(goal_id)
        .bind(status.as_str())
        .bind(on_date)
        .bind(note)
        .bind(by_user)
        .bind(by_name)
        .bind(now)
        .fetch_one(c)
        .await
    })
}

#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize)]
pub struct EvidenceRow {
    pub id: i64,
    pub goal_id: i64,
    pub status_id: Option<i64>,
    pub kind: String,
    pub url: Option<String>,
    #[serde(skip)]
    pub sha256: Option<String>,
    pub file_name: Option<String>,
    pub content_type: Option<String>,
    pub size_bytes: Option<i64>,
    pub note: String,
    pub created_at: DateTime<Utc>,
}

const EVIDENCE_COLUMNS: &str = "id, goal_id, status_id, kind, url, sha256, file_name, content_type, size_bytes, note, created_at";

/// New evidence: a link (`url`) or a stored file (`sha256` and the rest).
#[derive(Debug, Clone, Default)]
pub struct NewEvidence {
    pub goal_id: i64,
    pub status_id: Option<i64>,
    pub url: Option<String>,
    pub sha256: Option<String>,
    pub file_name: Option<String>,
    pub content_type: Option<String>,
    pub size_bytes: Option<i64>,
    pub note: String,
    pub created_by: Option<i64>,
}

pub async fn insert_evidence(
    tx: &mut Tx,
    e: &NewEvidence,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    let kind = if e.sha256.is_some() { "file" } else { "link" };
    on_tx!(tx, |c| {
        sqlx::query_scalar(
            "INSERT INTO dx_goal_evidence (goal_id, status_id, kind, url, sha256, file_name, content_type, size_bytes, note, created_by, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11) RETURNING id",
        )
        .bind(e.goal_id)
        .bind(e.status_id)
        .bind(kind)
        .bind(&e.url)
        .bind(&e.sha256)
        .bind(&e.file_name)
        .bind(&e.content_type)
        .bind(e.size_bytes)
        .bind(&e.note)
        .bind(e.created_by)
        .bind(now)
        .fetch_one(c)
        .await
    })
}

/// Tie evidence of a goal not yet tied to a status entry to `status_id`;
/// returns how many rows were tied.
pub async fn tie_evidence(
    tx: &mut Tx,
    goal_id: i64,
    status_id: i64,
    evidence_id: i64,
    now: DateTime<Utc>,
) -> Result<u64, sqlx::Error> {
    crate::exec_tx!(tx, |c| {
        sqlx::query(
        "UPDATE dx_goal_evidence SET status_id = $1, updated_at = $2 WHERE id = $3 AND goal_id = $4 AND status_id IS NULL"
    )
    .bind(status_id)
    .bind(now)
    .bind(evidence_id)
    .bind(goal_id)
    .execute(c)
    .await
    })
}

pub async fn evidence_of_goals(db: &Db, goal_ids: &[i64]) -> Result<Vec<EvidenceRow>, sqlx::Error> {
    let mut out: Vec<EvidenceRow> = Vec::new();
    for chunk in goal_ids.chunks(CHUNK) {
        let rows: Vec<EvidenceRow> = on_pool!(db, |p| {
            let mut q = QueryBuilder::new(format!(
                "SELECT {EVIDENCE_COLUMNS} FROM dx_goal_evidence WHERE goal_id IN ("
            ));
            let mut s = q.separated(", ");
            for id in chunk {
                s.push_bind(*id);
            }
            q.push(") ORDER BY id");
            q.build_query_as().fetch_all(p).await
        })?;
        out.extend(rows);
    }
    Ok(out)
}

pub async fn evidence(db: &Db, goal_id: i64, id: i64) -> Result<Option<EvidenceRow>, sqlx::Error> {
    let sql =
        format!("SELECT {EVIDENCE_COLUMNS} FROM dx_goal_evidence WHERE id = $1 AND goal_id = $2");
    on_pool!(db, |p| sqlx::query_as(&sql)
        .bind(id)
        .bind(goal_id)
        .fetch_optional(p)
        .await)
}

#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize)]
pub struct ModelRow {
    pub id: i64,
    pub unit_id: i64,
    pub name: String,
    #[sqlx(try_from = "String")]
    pub field: ModelField,
    pub description: String,
    pub synthetic: bool,
}

const MODEL_COLUMNS: &str = "id, unit_id, name, field, description, synthetic";

#[allow(clippy::too_many_arguments)]
pub async fn insert_model(
    tx: &mut Tx,
    unit_id: i64,
    name: &str,
    field: ModelField,
    description: &str,
    synthetic: bool,
    created_by: Option<i64>,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    on_tx!(tx, |c| {
        sqlx::query_scalar(
            "INSERT INTO dx_models (unit_id, name, field, description, synthetic, created_by, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id",
        )
        .bind(unit_id)
        .bind(name)
        .bind(field.as_str())
        .bind(description)
        .bind(synthetic)
        .bind(created_by)
        .bind(now)
        .fetch_one(c)
        .await
    })
}

pub async fn model_name_taken(tx: &mut Tx, unit_id: i64, name: &str) -> Result<bool, sqlx::Error> {
    let n: i64 = on_tx!(tx, |c| sqlx::query_scalar(
        "SELECT COUNT(*) FROM dx_models WHERE unit_id = $1 AND name = $2"
    )
    .bind(unit_id)
    .bind(name)
    .fetch_one(c)
    .await)?;
    Ok(n > 0)
}

pub async fn insert_model_indicator(
    tx: &mut Tx,
    model_id: i64,
    code: &str,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    crate::exec_tx!(tx, |c| {
        sqlx::query(
        "INSERT INTO dx_model_indicators (model_id, code, created_at, updated_at) VALUES ($1, $2, $3, $3)"
    )
    .bind(model_id)
    .bind(code)
    .bind(now)
    .execute(c)
    .await
    })?;
    Ok(())
}

pub async fn model(db: &Db, id: i64) -> Result<Option<ModelRow>, sqlx::Error> {
    let sql = format!("SELECT {MODEL_COLUMNS} FROM dx_models WHERE id = $1");
    on_pool!(db, |p| sqlx::query_as(&sql)
        .bind(id)
        .fetch_optional(p)
        .await)
}

/// Every model, by name. Models are few (tens per province), so the
/// registry and the figures filter them in memory.
pub async fn all_models(db: &Db) -> Result<Vec<ModelRow>, sqlx::Error> {
    let sql = format!("SELECT {MODEL_COLUMNS} FROM dx_models ORDER BY name, id");
    on_pool!(db, |p| sqlx::query_as(&sql).fetch_all(p).await)
}

#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize)]
pub struct ModelIndicatorRow {
    pub model_id: i64,
    pub code: String,
}

pub async fn all_model_indicators(db: &Db) -> Result<Vec<ModelIndicatorRow>, sqlx::Error> {
    on_pool!(db, |p| sqlx::query_as(
        "SELECT model_id, code FROM dx_model_indicators ORDER BY model_id, code"
    )
    .fetch_all(p)
    .await)
}

#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize)]
pub struct DeploymentRow {
    pub id: i64,
    pub model_id: i64,
    pub unit_id: i64,
    pub deployed_on: NaiveDate,
    pub note: String,
}

pub async fn insert_deployment(
    tx: &mut Tx,
    model_id: i64,
    unit_id: i64,
    deployed_on: NaiveDate,
    note: &str,
    created_by: Option<i64>,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    on_tx!(tx, |c| {
        sqlx::query_scalar(
            "INSERT INTO dx_model_deployments (model_id, unit_id, deployed_on, note, created_by, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id",
        )
        .bind(model_id)
        .bind(unit_id)
        .bind(deployed_on)
        .bind(note)
        .bind(created_by)
        .bind(now)
        .fetch_one(c)
        .await
    })
}

pub async fn deployment_exists(
    tx: &mut Tx,
    model_id: i64,
    unit_id: i64,
) -> Result<bool, sqlx::Error> {
    let n: i64 = on_tx!(tx, |c| sqlx::query_scalar(
        "SELECT COUNT(*) FROM dx_model_deployments WHERE model_id = $1 AND unit_id = $2"
    )
    .bind(model_id)
    .bind(unit_id)
    .fetch_one(c)
    .await)?;
    Ok(n > 0)
}

/// The earliest deployment day of a model, read in the writing transaction.
pub async fn first_deployment(
    tx: &mut Tx,
    model_id: i64,
) -> Result<Option<NaiveDate>, sqlx::Error> {
    on_tx!(tx, |c| sqlx::query_scalar(
        "SELECT MIN(deployed_on) FROM dx_model_deployments WHERE model_id = $1"
    )
    .bind(model_id)
    .fetch_one(c)
    .await)
}

pub async fn all_deployments(db: &Db) -> Result<Vec<DeploymentRow>, sqlx::Error> {
    on_pool!(db, |p| {
        sqlx::query_as(
        "SELECT id, model_id, unit_id, deployed_on, note FROM dx_model_deployments ORDER BY model_id, deployed_on, id"
    )
    .fetch_all(p)
    .await
    })
}

#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize)]
pub struct ModelStatusRow {
    pub id: i64,
    pub model_id: i64,
    #[sqlx(try_from = "String")]
    pub status: ModelStatus,
    pub on_date: NaiveDate,
    pub evaluation: String,
    pub by_user: Option<i64>,
    pub by_name: String,
    pub created_at: DateTime<Utc>,
}

const MODEL_STATUS_COLUMNS: &str =
    "id, model_id, status, on_date, evaluation, by_user, by_name, created_at";

pub async fn all_model_statuses(db: &Db) -> Result<Vec<ModelStatusRow>, sqlx::Error> {
    let sql = format!(
        "SELECT {MODEL_STATUS_COLUMNS} FROM dx_model_status ORDER BY model_id, on_date, id"
    );
    on_pool!(db, |p| sqlx::query_as(&sql).fetch_all(p).await)
}

/// The latest status entry of a model, read in the writing transaction.
pub async fn latest_model_status(
    tx: &mut Tx,
    model_id: i64,
) -> Result<Option<ModelStatusRow>, sqlx::Error> {
    let sql = format!(
        "SELECT {MODEL_STATUS_COLUMNS} FROM dx_model_status WHERE model_id = $1 ORDER BY on_date DESC, id DESC LIMIT 1"
    );
    on_tx!(tx, |c| sqlx::query_as(&sql)
        .bind(model_id)
        .fetch_optional(c)
        .await)
}

#[allow(clippy::too_many_arguments)]
pub async fn insert_model_status(
    tx: &mut Tx,
    model_id: i64,
    status: ModelStatus,
    on_date: NaiveDate,
    evaluation: &str,
    by_user: Option<i64>,
    by_name: &str,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    on_tx!(tx, |c| {
        sqlx::query_scalar(
            "INSERT INTO dx_model_status (model_id, status, on_date, evaluation, by_user, by_name, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id",
        )
        .bind(model_id)
        .bind(status.as_str())
        .bind(on_date)
        .bind(evaluation)
        .bind(by_user)
        .bind(by_name)
        .bind(now)
        .fetch_one(c)
        .await
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn codes_sort_naturally() {
        let mut v = vec!["MT-10", "MT-2", "MT-1", "A"];
        v.sort_by_key(|c| super::code_order(c));
        assert_eq!(v, ["A", "MT-1", "MT-2", "MT-10"]);
    }
}
