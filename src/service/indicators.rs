//! Defining metrics, indicators, targets and validation rules; entering
//! values with validation and optimistic concurrency.

use crate::i18n::messages::Msg;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use tracing::instrument;

use super::audit::{self, Change};
use super::units::{find, unit_path};
use super::{Actor, Ctx};
use crate::domain::formula::{Formula, check_acyclic};
use crate::domain::metric::{Direction, HierAgg, Metric, TimeAgg, ValueType, check_code};
use crate::domain::period::Period;
use crate::error::{AppError, AppResult};
use crate::store::indicators::{self as store, IndicatorRow, RuleRow, TargetRow};

/// Codes formulas may read besides metrics and indicators (see
/// `figures::base_code`).
pub fn base_codes() -> Vec<String> {
    let mut v: Vec<String> = [
        "households",
        "team_members",
        "team_members_commune",
        "team_members_village",
        "units_with_team",
        "units_commune_village",
    ]
    .into_iter()
    .map(String::from)
    .collect();
    v.extend(
        crate::domain::metric::Adoption::ALL
            .iter()
            .map(|k| format!("adopt_{}", k.as_str())),
    );
    v
}

fn require_definer(actor: &Actor) -> AppResult<()> {
    let ok = actor.scope.is_admin()
        || matches!(&actor.scope, crate::domain::access::Scope::User(g) if g.iter().any(|g| g.role == crate::domain::access::Role::ProvinceOfficer));
    if ok {
        Ok(())
    } else {
        Err(AppError::Forbidden(Msg::new("access.indicators_define")))
    }
}

#[derive(Debug, Clone, Deserialize)]
pub struct MetricInput {
    pub code: String,
    pub name_vi: String,
    pub name_en: String,
    pub value_type: String,
    pub hierarchy_aggregation: String,
    pub time_aggregation: String,
    pub entry_level: String,
    #[serde(default)]
    pub min_value: Option<f64>,
    #[serde(default)]
    pub max_value: Option<f64>,
}

#[instrument(skip(ctx, actor, input), fields(code = %input.code))]
pub async fn create_metric(ctx: &Ctx, actor: &Actor, input: &MetricInput) -> AppResult<Metric> {
    require_definer(actor)?;
    check_code("code", &input.code)?;
    if base_codes().contains(&input.code)
        || ctx
            .figures()
            .indicators()
            .iter()
            .any(|(r, _)| r.code == input.code)
    {
        return Err(AppError::Conflict(
            Msg::new("programme.code_taken").arg("code", &input.code),
        ));
    }
    let m = Metric {
        code: input.code.clone(),
        name_vi: crate::domain::unit::clean_name("name_vi", &input.name_vi)?,
        name_en: crate::domain::unit::clean_name("name_en", &input.name_en)?,
        value_type: ValueType::parse(&input.value_type)?,
        hierarchy_aggregation: HierAgg::parse(&input.hierarchy_aggregation)?,
        time_aggregation: TimeAgg::parse(&input.time_aggregation)?,
        entry_level: input.entry_level.parse()?,
        min_value: input.min_value,
        max_value: input.max_value,
    };
    if let (Some(a), Some(b)) = (m.min_value, m.max_value)
        && a > b
    {
        return Err(AppError::invalid(
            "min_value",
            Msg::new("programme.min_above_max"),
        ));
    }
    let mut tx = ctx.begin().await?;
    let id = store::insert_metric(&mut tx, &m, ctx.now()).await?;
    audit::record(
        ctx,
        &mut tx,
        actor,
        Change {
            action: "create",
            entity: "metric",
            entity_id: id.to_string(),
            unit_path: None,
            before: None,
            after: serde_json::to_value(&m).ok(),
        },
    )
    .await?;
    tx.commit().await?;
    super::figures::reload_definitions(ctx).await?;
    Ok(m)
}

#[derive(Debug, Clone, Deserialize)]
pub struct IndicatorInput {
    pub code: String,
    pub name_vi: String,
    pub name_en: String,
    pub formula: String,
    #[serde(default)]
    pub unit_label: String,
}

#[instrument(skip(ctx, actor, input), fields(code = %input.code))]
pub async fn create_indicator(
    ctx: &Ctx,
    actor: &Actor,
    input: &IndicatorInput,
) -> AppResult<IndicatorRow> {
    require_definer(actor)?;
    check_code("code", &input.code)?;
    let formula = Formula::parse(&input.formula)?;
    {
        let state = ctx.figures();
        let mut known: Vec<String> = base_codes();
        known.extend(state.metrics().iter().map(|(_, m)| m.code.clone()));
        known.extend(state.indicators().iter().map(|(r, _)| r.code.clone()));
        if known.contains(&input.code) {
            return Err(AppError::Conflict(
                Msg::new("programme.code_taken").arg("code", &input.code),
            ));
        }
        for r in formula.references() {
            if r != input.code && !known.contains(&r) {
                return Err(AppError::invalid(
                    "formula",
                    Msg::new("programme.unknown_code")
                        .arg("code", &r)
                        .arg("base", base_codes().join(", ")),
                ));
            }
        }
        let mut defs: HashMap<String, Formula> = state
            .indicators()
            .iter()
            .map(|(r, f)| (r.code.clone(), f.clone()))
            .collect();
        defs.insert(input.code.clone(), formula.clone());
        check_acyclic(&defs)?;
    }
    let row = IndicatorRow {
        id: 0,
        code: input.code.clone(),
        name_vi: crate::domain::unit::clean_name("name_vi", &input.name_vi)?,
        name_en: crate::domain::unit::clean_name("name_en", &input.name_en)?,
        formula: formula.source().to_owned(),
        unit_label: input.unit_label.chars().take(16).collect(),
    };
    let mut tx = ctx.begin().await?;
    let id = store::insert_indicator(&mut tx, &row, ctx.now()).await?;
    audit::record(
        ctx,
        &mut tx,
        actor,
        Change {
            action: "create",
            entity: "indicator",
            entity_id: id.to_string(),
            unit_path: None,
            before: None,
            after: serde_json::to_value(&row).ok(),
        },
    )
    .await?;
    tx.commit().await?;
    super::figures::reload_definitions(ctx).await?;
    Ok(IndicatorRow { id, ..row })
}

#[derive(Debug, Clone, Deserialize)]
pub struct TargetInput {
    pub indicator: String,
    pub unit: String,
    pub threshold: f64,
    pub direction: String,
    pub deadline: NaiveDate,
}

/// A target with where it stands on a day.
#[derive(Debug, Clone, Serialize)]
pub struct TargetView {
    pub id: i64,
    pub indicator: String,
    pub unit_code: String,
    pub threshold: f64,
    pub direction: String,
    pub deadline: NaiveDate,
    pub value: Option<f64>,
    pub status: crate::domain::metric::TargetStatus,
}

pub async fn create_target(
    ctx: &Ctx,
    actor: &Actor,
    input: &TargetInput,
    day: NaiveDate,
) -> AppResult<i64> {
    let indicator_id = ctx
        .figures()
        .indicators()
        .iter()
        .find(|(r, _)| r.code == input.indicator)
        .map(|(r, _)| r.id)
        .ok_or_else(|| {
            AppError::invalid(
                "indicator",
                Msg::new("programme.no_indicator").arg("code", &input.indicator),
            )
        })?;
    let direction = Direction::parse(&input.direction)?;
    if !input.threshold.is_finite() {
        return Err(AppError::invalid(
            "threshold",
            Msg::new("value.must_be_number"),
        ));
    }
    let (unit_id, path) = {
        let h = ctx.hierarchy();
        let node = find(&h, actor, &input.unit, day)?;
        if !actor.scope.can_manage(&h, &node) {
            return Err(AppError::Forbidden(
                Msg::new("access.targets_set").arg("unit", &node.unit.full_name),
            ));
        }
        (node.unit.id, unit_path(&h, &node))
    };
    let row = TargetRow {
        id: 0,
        indicator_id,
        unit_id,
        threshold: input.threshold,
        direction: direction.as_str().into(),
        deadline: input.deadline,
    };
    let mut tx = ctx.begin().await?;
    let id = store::insert_target(&mut tx, &row, ctx.now()).await?;
    audit::record(
        ctx,
        &mut tx,
        actor,
        Change {
            action: "create",
            entity: "target",
            entity_id: id.to_string(),
            unit_path: Some(path),
            before: None,
            after: serde_json::to_value(&row).ok(),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Targets set for the unit, with their status on the day.
pub async fn targets_of(
    ctx: &Ctx,
    actor: &Actor,
    code: &str,
    day: NaiveDate,
) -> AppResult<Vec<TargetView>> {
    let values: HashMap<String, Option<f64>> =
        super::figures::indicator_values(ctx, actor, code, day)?
            .into_iter()
            .map(|v| (v.code, v.value))
            .collect();
    let unit_id = {
        let h = ctx.hierarchy();
        super::units::find_open(&h, code, day)?.unit.id
    };
    let names: HashMap<i64, String> = ctx
        .figures()
        .indicators()
        .iter()
        .map(|(r, _)| (r.id, r.code.clone()))
        .collect();
    Ok(store::targets(ctx.db())
        .await?
        .into_iter()
        .filter(|t| t.unit_id == unit_id)
        .filter_map(|t| {
            let indicator = names.get(&t.indicator_id)?.clone();
            let value = values.get(&indicator).copied().flatten();
            let direction = Direction::parse(&t.direction).ok()?;
            let target = crate::domain::metric::Target {
                indicator: indicator.clone(),
                threshold: t.threshold,
                direction,
                deadline: t.deadline,
            };
            Some(TargetView {
                id: t.id,
                indicator,
                unit_code: code.to_owned(),
                threshold: t.threshold,
                direction: t.direction,
                deadline: t.deadline,
                value,
                status: target.status(value, day),
            })
        })
        .collect())
}

pub async fn create_rule(
    ctx: &Ctx,
    actor: &Actor,
    formula: &str,
    message_vi: &str,
    message_en: &str,
) -> AppResult<i64> {
    require_definer(actor)?;
    let f = Formula::parse(formula)?;
    let known: Vec<String> = ctx
        .figures()
        .metrics()
        .iter()
        .map(|(_, m)| m.code.clone())
        .collect();
    if let Some(r) = f.references().into_iter().find(|r| !known.contains(r)) {
        return Err(AppError::invalid(
            "formula",
            Msg::new("programme.rule_unknown_metric").arg("code", &r),
        ));
    }
    let row = RuleRow {
        id: 0,
        formula: f.source().into(),
        message_vi: message_vi.into(),
        message_en: message_en.into(),
    };
    let mut tx = ctx.begin().await?;
    let id = store::insert_rule(&mut tx, &row, ctx.now()).await?;
    audit::record(
        ctx,
        &mut tx,
        actor,
        Change {
            action: "create",
            entity: "value_rule",
            entity_id: id.to_string(),
            unit_path: None,
            before: None,
            after: serde_json::to_value(&row).ok(),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

pub use super::values::{SavedValue, ValueInput, enter_value, import_values};

/// The metrics entered at `level`, with the unit's value for the period
/// (if any), for the entry form.
pub fn entered_values(
    ctx: &Ctx,
    unit_id: i64,
    level: crate::domain::unit::Level,
    period: &Period,
) -> Vec<(Metric, Option<(f64, i64)>)> {
    let state = ctx.figures();
    state
        .metrics()
        .iter()
        .filter(|(_, m)| m.entry_level == level)
        .map(|(id, m)| (m.clone(), state.value_of(*id, unit_id, period)))
        .collect()
}
