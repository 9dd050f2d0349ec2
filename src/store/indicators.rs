//! Metrics, indicators, targets, value rules and entered values.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use super::{Db, Tx};
use crate::domain::metric::{HierAgg, Metric, TimeAgg, ValueType};
use crate::{exec_tx, on_pool, on_tx};

#[derive(sqlx::FromRow)]
struct MetricRow {
    id: i64,
    code: String,
    name_vi: String,
    name_en: String,
    value_type: String,
    hierarchy_aggregation: String,
    time_aggregation: String,
    entry_level: String,
    min_value: Option<f64>,
    max_value: Option<f64>,
}

fn decode<T>(r: Result<T, crate::domain::DomainError>) -> Result<T, sqlx::Error> {
    r.map_err(|e| sqlx::Error::Decode(Box::new(e)))
}

pub async fn metrics(db: &Db) -> Result<Vec<(i64, Metric)>, sqlx::Error> {
    let rows: Vec<MetricRow> = on_pool!(db, |p| {
        sqlx::query_as(
        "SELECT id, code, name_vi, name_en, value_type, hierarchy_aggregation, time_aggregation, entry_level, min_value, max_value \
         FROM metrics ORDER BY code"
    )
    .fetch_all(p)
    .await
    })?;
    rows.into_iter()
        .map(|r| {
            Ok((
                r.id,
                Metric {
                    code: r.code,
                    name_vi: r.name_vi,
                    name_en: r.name_en,
                    value_type: decode(ValueType::parse(&r.value_type))?,
                    hierarchy_aggregation: decode(HierAgg::parse(&r.hierarchy_aggregation))?,
                    time_aggregation: decode(TimeAgg::parse(&r.time_aggregation))?,
                    entry_level: decode(r.entry_level.parse())?,
                    min_value: r.min_value,
                    max_value: r.max_value,
                },
            ))
        })
        .collect()
}

pub async fn insert_metric(
    tx: &mut Tx,
    m: &Metric,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    on_tx!(tx, |c| {
        sqlx::query_scalar(
        "INSERT INTO metrics (code, name_vi, name_en, value_type, hierarchy_aggregation, time_aggregation, entry_level, min_value, max_value, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id"
    )
    .bind(&m.code)
    .bind(&m.name_vi)
    .bind(&m.name_en)
    .bind(m.value_type.as_str())
    .bind(m.hierarchy_aggregation.as_str())
    .bind(m.time_aggregation.as_str())
    .bind(m.entry_level.as_str())
    .bind(m.min_value)
    .bind(m.max_value)
    .bind(now)
    .fetch_one(c)
    .await
    })
}

#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct IndicatorRow {
    pub id: i64,
    pub code: String,
    pub name_vi: String,
    pub name_en: String,
    pub formula: String,
    pub unit_label: String,
}

pub async fn indicators(db: &Db) -> Result<Vec<IndicatorRow>, sqlx::Error> {
    on_pool!(db, |p| sqlx::query_as(
        "SELECT id, code, name_vi, name_en, formula, unit_label FROM indicators ORDER BY code"
    )
    .fetch_all(p)
    .await)
}

pub async fn insert_indicator(
    tx: &mut Tx,
    i: &IndicatorRow,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    on_tx!(tx, |c| {
        sqlx::query_scalar(
        "INSERT INTO indicators (code, name_vi, name_en, formula, unit_label, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id"
    )
    .bind(&i.code)
    .bind(&i.name_vi)
    .bind(&i.name_en)
    .bind(&i.formula)
    .bind(&i.unit_label)
    .bind(now)
    .fetch_one(c)
    .await
    })
}

#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct TargetRow {
    pub id: i64,
    pub indicator_id: i64,
    pub unit_id: i64,
    pub threshold: f64,
    pub direction: String,
    pub deadline: NaiveDate,
}

pub async fn targets(db: &Db) -> Result<Vec<TargetRow>, sqlx::Error> {
    on_pool!(db, |p| sqlx::query_as(
        "SELECT id, indicator_id, unit_id, threshold, direction, deadline FROM targets ORDER BY id"
    )
    .fetch_all(p)
    .await)
}

pub async fn insert_target(
    tx: &mut Tx,
    t: &TargetRow,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    on_tx!(tx, |c| {
        sqlx::query_scalar(
        "INSERT INTO targets (indicator_id, unit_id, threshold, direction, deadline, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id"
    )
    .bind(t.indicator_id)
    .bind(t.unit_id)
    .bind(t.threshold)
    .bind(&t.direction)
    .bind(t.deadline)
    .bind(now)
    .fetch_one(c)
    .await
    })
}

#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct RuleRow {
    pub id: i64,
    pub formula: String,
    pub message_vi: String,
    pub message_en: String,
}

pub async fn rules(db: &Db) -> Result<Vec<RuleRow>, sqlx::Error> {
    on_pool!(db, |p| sqlx::query_as(
        "SELECT id, formula, message_vi, message_en FROM value_rules ORDER BY id"
    )
    .fetch_all(p)
    .await)
}

pub async fn insert_rule(tx: &mut Tx, r: &RuleRow, now: DateTime<Utc>) -> Result<i64, sqlx::Error> {
    on_tx!(tx, |c| {
        sqlx::query_scalar(
        "INSERT INTO value_rules (formula, message_vi, message_en, created_at, updated_at) VALUES ($1, $2, $3, $4, $4) RETURNING id"
    )
    .bind(&r.formula)
    .bind(&r.message_vi)
    .bind(&r.message_en)
    .bind(now)
    .fetch_one(c)
    .await
    })
}

#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct ValueRow {
    pub id: i64,
    pub metric_id: i64,
    pub unit_id: i64,
    pub period: String,
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    pub value: f64,
    pub version: i64,
}

const VALUE_COLUMNS: &str =
    "id, metric_id, unit_id, period, period_start, period_end, value, version";

pub async fn all_values(db: &Db) -> Result<Vec<ValueRow>, sqlx::Error> {
    let sql = format!("SELECT {VALUE_COLUMNS} FROM data_values");
    on_pool!(db, |p| sqlx::query_as(&sql).fetch_all(p).await)
}

pub async fn value_tx(
    tx: &mut Tx,
    metric_id: i64,
    unit_id: i64,
    period: &str,
) -> Result<Option<ValueRow>, sqlx::Error> {
    let sql = format!(
        "SELECT {VALUE_COLUMNS} FROM data_values WHERE metric_id = $1 AND unit_id = $2 AND period = $3"
    );
    on_tx!(tx, |c| sqlx::query_as(&sql)
        .bind(metric_id)
        .bind(unit_id)
        .bind(period)
        .fetch_optional(c)
        .await)
}

/// A value to write.
#[derive(Debug, Clone)]
pub struct NewValue {
    pub metric_id: i64,
    pub unit_id: i64,
    pub period: String,
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    pub value: f64,
    pub entered_by: Option<i64>,
}

pub async fn insert_value(
    tx: &mut Tx,
    v: &NewValue,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    on_tx!(tx, |c| {
        sqlx::query_scalar(
        "INSERT INTO data_values (metric_id, unit_id, period, period_start, period_end, value, version, entered_by, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, 1, $7, $8, $8) RETURNING id"
    )
    .bind(v.metric_id)
    .bind(v.unit_id)
    .bind(&v.period)
    .bind(v.period_start)
    .bind(v.period_end)
    .bind(v.value)
    .bind(v.entered_by)
    .bind(now)
    .fetch_one(c)
    .await
    })
}

/// Update a value only if it still has `version`; returns rows changed (0
/// means someone else changed it first).
pub async fn update_value(
    tx: &mut Tx,
    id: i64,
    version: i64,
    value: f64,
    by: Option<i64>,
    now: DateTime<Utc>,
) -> Result<u64, sqlx::Error> {
    exec_tx!(tx, |c| {
        sqlx::query(
        "UPDATE data_values SET value = $1, version = version + 1, entered_by = $2, updated_at = $3 WHERE id = $4 AND version = $5"
    )
    .bind(value)
    .bind(by)
    .bind(now)
    .bind(id)
    .bind(version)
    .execute(c)
    .await
    })
}

/// (metric id, value) of every value of a unit for a period.
pub async fn all_values_of(
    db: &Db,
    unit_id: i64,
    period: &str,
) -> Result<Vec<(i64, f64)>, sqlx::Error> {
    on_pool!(db, |p| sqlx::query_as(
        "SELECT metric_id, value FROM data_values WHERE unit_id = $1 AND period = $2"
    )
    .bind(unit_id)
    .bind(period)
    .fetch_all(p)
    .await)
}
