//! Values of manual criteria entered with evidence: on the recognition
//! page, through the API, or from a file (the importer's criteria values
//! register, which records its own audit entry in the same transaction).

use tracing::instrument;

use super::{SetView, Stage, ValueInput, get_set, is_verifier};
use crate::domain::criteria::SetKind;
use crate::domain::unit::Level;
use crate::error::{AppError, AppResult};
use crate::i18n::messages::Msg;
use crate::service::audit::{self, Change};
use crate::service::units::{find, unit_path};
use crate::service::{Actor, Ctx};
use crate::store::criteria::{self as store, NewValue};

/// Enter values of manual criteria for a unit against a set, in one
/// transaction: all or nothing.
pub async fn enter_values(
    ctx: &Ctx,
    actor: &Actor,
    set_id: i64,
    code: &str,
    day: chrono::NaiveDate,
    stage: Stage,
    inputs: &[ValueInput],
) -> AppResult<usize> {
    enter_values_audited(ctx, actor, set_id, code, day, stage, inputs, None).await
}

/// Whether a value may be entered against the set: a manual criterion of
/// it, a number of 0 or more, an evidence link on the web. The error names
/// the input's field (`criterion`, `value`, `evidence`).
pub fn check_value(set: &SetView, v: &ValueInput) -> AppResult<()> {
    let Some(c) = set.definition.criterion(&v.criterion) else {
        return Err(AppError::invalid(
            "criterion",
            Msg::new("criteria.no_criterion")
                .arg("set", &set.row.code)
                .arg("criterion", &v.criterion),
        ));
    };
    if c.source.is_some() {
        return Err(AppError::invalid(
            "criterion",
            Msg::new("criteria.criterion_from_records")
                .arg("criterion", &c.code)
                .arg("source", c.source.as_deref().unwrap_or_default()),
        ));
    }
    if !v.value.is_finite() || v.value < 0.0 {
        return Err(AppError::invalid(
            "value",
            Msg::new("value.at_least")
                .arg("min", 0)
                .arg("value", v.value),
        ));
    }
    if let Some(e) = v.evidence.as_deref().filter(|e| !e.is_empty())
        && !(e.starts_with("https://") || e.starts_with("http://"))
    {
        return Err(AppError::invalid(
            "evidence",
            Msg::new("criteria.evidence_link"),
        ));
    }
    Ok(())
}

/// `enter_values`, with `also` (the audit entry of the file that brought
/// the values) recorded in the same transaction.
#[allow(clippy::too_many_arguments)]
#[instrument(skip(ctx, actor, inputs, also))]
pub async fn enter_values_audited(
    ctx: &Ctx,
    actor: &Actor,
    set_id: i64,
    code: &str,
    day: chrono::NaiveDate,
    stage: Stage,
    inputs: &[ValueInput],
    also: Option<Change<'static>>,
) -> AppResult<usize> {
    let set = get_set(ctx, set_id).await?;
    if inputs.is_empty() {
        return Err(AppError::invalid(
            "values",
            Msg::new("criteria.values_none"),
        ));
    }
    let (unit_id, path) = {
        let h = ctx.hierarchy();
        let node = find(&h, actor, code, day)?;
        let want = match set.kind() {
            SetKind::Commune => Level::Commune,
            SetKind::Index => Level::Province,
        };
        if node.unit.level != want {
            return Err(AppError::invalid(
                "unit",
                Msg::new("criteria.set_scores_level")
                    .arg("set", &set.row.code)
                    .arg_msg("want", want.words())
                    .arg("code", &node.unit.code)
                    .arg_msg("level", node.unit.level.words()),
            ));
        }
        let allowed = match stage {
            Stage::OwnAssessment => actor.scope.can_manage(&h, &node),
            Stage::Verified => is_verifier(&h, actor, &node),
        };
        if !allowed {
            return Err(AppError::Forbidden(
                match stage {
                    Stage::OwnAssessment => Msg::new("criteria.own_assessment_forbidden"),
                    Stage::Verified => Msg::new("criteria.verified_forbidden"),
                }
                .arg("unit", &node.unit.full_name),
            ));
        }
        (node.unit.id, unit_path(&h, &node))
    };
    for (i, v) in inputs.iter().enumerate() {
        check_value(&set, v).map_err(|e| match e {
            AppError::Invalid { field, message } => {
                AppError::invalid(format!("values[{i}].{field}"), message)
            }
            other => other,
        })?;
    }
    let t = ctx.now();
    let mut tx = ctx.begin().await?;
    for v in inputs {
        store::insert_value(
            &mut tx,
            &NewValue {
                set_id,
                unit_id,
                criterion: &v.criterion,
                stage: stage.as_str(),
                value: v.value,
                note: v.note.trim(),
                evidence: v.evidence.as_deref().filter(|e| !e.is_empty()),
                user_id: actor.user_id(),
                actor: &actor.label,
            },
            t,
        )
        .await?;
    }
    let values: Vec<_> = inputs
        .iter()
        .map(|v| serde_json::json!({"criterion": v.criterion, "value": v.value}))
        .collect();
    let change = Change {
        action: "enter_values",
        entity: "criteria_set",
        entity_id: set_id.to_string(),
        unit_path: Some(path),
        before: None,
        after: Some(serde_json::json!({ "stage": stage.as_str(), "values": values })),
    };
    audit::record(ctx, &mut tx, actor, change).await?;
    if let Some(change) = also {
        audit::record(ctx, &mut tx, actor, change).await?;
    }
    tx.commit().await?;
    Ok(inputs.len())
}
