//! Entering values: checked against the metric's type and range and the
//! validation rules, with optimistic concurrency (a stale edit is refused).

use crate::i18n::messages::Msg;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use tracing::instrument;

use super::audit::{self, Change};
use super::units::{find, unit_path};
use super::{Actor, Ctx};
use crate::domain::formula::Formula;
use crate::domain::period::Period;
use crate::error::{AppError, AppResult};
use crate::store::indicators::{self as store, NewValue};

/// A value to enter.
#[derive(Debug, Clone, Deserialize)]
pub struct ValueInput {
    pub metric: String,
    pub unit: String,
    pub period: String,
    pub value: f64,
    /// The version the editor saw; required to change an existing value.
    #[serde(default)]
    pub version: Option<i64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SavedValue {
    pub metric: String,
    pub unit: String,
    pub period: String,
    pub value: f64,
    pub version: i64,
}

/// Enter or change a value. A change must name the version it edits: a
/// stale edit is refused, never silently overwritten.
#[instrument(skip(ctx, actor, input), fields(metric = %input.metric, unit = %input.unit))]
pub async fn enter_value(ctx: &Ctx, actor: &Actor, input: &ValueInput) -> AppResult<SavedValue> {
    let period: Period = input.period.parse()?;
    let (metric_id, metric) = ctx
        .figures()
        .metric(&input.metric)
        .cloned()
        .ok_or_else(|| {
            AppError::invalid(
                "metric",
                Msg::new("programme.no_metric").arg("code", &input.metric),
            )
        })?;
    let value = metric.check_value(input.value)?;
    let day = period.end().min(ctx.today());
    let (unit_id, path) = {
        let h = ctx.hierarchy();
        let node = find(&h, actor, &input.unit, day)?;
        if node.unit.level != metric.entry_level {
            return Err(AppError::invalid(
                "unit",
                Msg::new("programme.metric_entry_level")
                    .arg("metric", &metric.code)
                    .arg_msg("entry_level", metric.entry_level.words())
                    .arg("code", &node.unit.code)
                    .arg_msg("level", node.unit.level.words()),
            ));
        }
        if !actor.scope.can_record(&h, &node) {
            return Err(AppError::Forbidden(
                Msg::new("access.values_enter").arg("unit", &node.unit.full_name),
            ));
        }
        (node.unit.id, unit_path(&h, &node))
    };
    check_rules(ctx, &metric.code, unit_id, &period, value).await?;
    let t = ctx.now();
    let mut tx = ctx.begin().await?;
    let existing = store::value_tx(&mut tx, metric_id, unit_id, &period.to_string()).await?;
    let saved = match (existing, input.version) {
        (None, None | Some(0)) => {
            let row = NewValue {
                metric_id,
                unit_id,
                period: period.to_string(),
                period_start: period.start(),
                period_end: period.end(),
                value,
                entered_by: actor.user_id(),
            };
            let id = store::insert_value(&mut tx, &row, t).await?;
            (id, None, 1)
        }
        (None, Some(v)) => {
            return Err(AppError::Conflict(
                Msg::new("programme.value_gone").arg("version", v),
            ));
        }
        (Some(old), Some(v)) if old.version == v => {
            if store::update_value(&mut tx, old.id, v, value, actor.user_id(), t).await? == 0 {
                return Err(AppError::Conflict(Msg::new("programme.value_changed")));
            }
            (old.id, Some(old.value), v + 1)
        }
        (Some(old), _) => {
            return Err(AppError::Conflict(
                Msg::new("programme.value_stale")
                    .arg("metric", &metric.code)
                    .arg("period", period)
                    .arg("value", old.value)
                    .arg("version", old.version),
            ));
        }
    };
    let (id, before, version) = saved;
    let change = Change {
        action: if before.is_some() { "update" } else { "create" },
        entity: "data_value",
        entity_id: id.to_string(),
        unit_path: Some(path),
        before: before.map(|b| serde_json::json!({ "value": b })),
        after: Some(
            serde_json::json!({ "metric": metric.code, "period": period, "value": value, "version": version }),
        ),
    };
    audit::record(ctx, &mut tx, actor, change).await?;
    tx.commit().await?;
    let row = store::ValueRow {
        id,
        metric_id,
        unit_id,
        period: period.to_string(),
        period_start: period.start(),
        period_end: period.end(),
        value,
        version,
    };
    ctx.update_figures(|s| s.put_value(row));
    Ok(SavedValue {
        metric: metric.code,
        unit: input.unit.clone(),
        period: period.to_string(),
        value,
        version,
    })
}

/// Check the validation rules that read `metric`, with the proposed value
/// and the unit's other values for the same period.
async fn check_rules(
    ctx: &Ctx,
    metric: &str,
    unit_id: i64,
    period: &Period,
    value: f64,
) -> AppResult<()> {
    let rules = store::rules(ctx.db()).await?;
    let values: HashMap<i64, f64> = store::all_values_of(ctx.db(), unit_id, &period.to_string())
        .await?
        .into_iter()
        .collect();
    let state = ctx.figures();
    for r in rules {
        let Ok(f) = Formula::parse(&r.formula) else {
            continue;
        };
        if !f.references().contains(metric) {
            continue;
        }
        let ok = f.eval(&mut |code| {
            if code == metric {
                return Some(value);
            }
            let (id, _) = state.metric(code)?;
            values.get(id).copied()
        });
        if ok == Some(0.0) {
            return Err(AppError::invalid(
                "value",
                Msg::new("programme.rule_broken")
                    .arg_words("message", &r.message_vi, &r.message_en)
                    .arg("formula", &r.formula),
            ));
        }
    }
    Ok(())
}

/// Enter many new values in one transaction (an import or the demo):
/// each is checked for metric, unit level, period, type and range; any
/// error names the row; existing values are not overwritten (conflict).
pub async fn import_values(ctx: &Ctx, actor: &Actor, inputs: &[ValueInput]) -> AppResult<usize> {
    let mut rows = Vec::with_capacity(inputs.len());
    {
        let state = ctx.figures();
        let h = ctx.hierarchy();
        for (i, input) in inputs.iter().enumerate() {
            let at = |e: AppError| match e {
                AppError::Invalid { field, message } => {
                    AppError::invalid(format!("values[{i}].{field}"), message)
                }
                other => other,
            };
            let period: Period = input
                .period
                .parse()
                .map_err(|e: crate::domain::DomainError| at(e.into()))?;
            let (metric_id, metric) = state.metric(&input.metric).ok_or_else(|| {
                at(AppError::invalid(
                    "metric",
                    Msg::new("programme.no_metric").arg("code", &input.metric),
                ))
            })?;
            let value = metric.check_value(input.value).map_err(|e| at(e.into()))?;
            let node = find(&h, actor, &input.unit, period.end()).map_err(at)?;
            if node.unit.level != metric.entry_level || !actor.scope.can_record(&h, &node) {
                return Err(at(AppError::invalid(
                    "unit",
                    Msg::new("programme.metric_not_entered_for")
                        .arg("metric", &metric.code)
                        .arg("code", &node.unit.code),
                )));
            }
            rows.push(NewValue {
                metric_id: *metric_id,
                unit_id: node.unit.id,
                period: period.to_string(),
                period_start: period.start(),
                period_end: period.end(),
                value,
                entered_by: actor.user_id(),
            });
        }
    }
    let t = ctx.now();
    let mut tx = ctx.begin().await?;
    let mut saved = Vec::with_capacity(rows.len());
    for r in &rows {
        let id = store::insert_value(&mut tx, r, t).await?;
        saved.push(store::ValueRow {
            id,
            metric_id: r.metric_id,
            unit_id: r.unit_id,
            period: r.period.clone(),
            period_start: r.period_start,
            period_end: r.period_end,
            value: r.value,
            version: 1,
        });
    }
    audit::record(
        ctx,
        &mut tx,
        actor,
        Change {
            action: "import",
            entity: "data_value",
            entity_id: format!("{} values", rows.len()),
            unit_path: None,
            before: None,
            after: Some(serde_json::json!({ "values": rows.len() })),
        },
    )
    .await?;
    tx.commit().await?;
    ctx.update_figures(|s| saved.into_iter().for_each(|v| s.put_value(v)));
    Ok(rows.len())
}
