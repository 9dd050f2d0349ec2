//! Registering a commune and taking a step of the workflow.

use chrono::{Duration, NaiveDate};
use tracing::instrument;

use super::{RegisterInput, RegistrationView, StepInput, get, may_act, party_name};
use crate::domain::criteria::SetKind;
use crate::domain::registration::{
    Action, Actor as Party, Status, check_step_day, days_for, transition,
};
use crate::domain::unit::Level;
use crate::error::{AppError, AppResult};
use crate::service::audit::{self, Change};
use crate::service::criteria::{get_set, node_at, set_for};
use crate::service::units::{find, unit_path};
use crate::service::{Actor, Ctx};
use crate::store::criteria::{self as store, NewRegistration, NewStep};

/// Register a commune for a level in a year.
#[instrument(skip(ctx, actor, input))]
pub async fn register(
    ctx: &Ctx,
    actor: &Actor,
    code: &str,
    input: &RegisterInput,
    today: NaiveDate,
) -> AppResult<RegistrationView> {
    let day = input.on.unwrap_or(today);
    if day > today {
        return Err(AppError::invalid("on", format!("{day} is in the future")));
    }
    let (unit_id, path) = {
        let h = ctx.hierarchy();
        let node = find(&h, actor, code, day)?;
        if node.unit.level != Level::Commune {
            return Err(AppError::invalid(
                "unit",
                format!(
                    "only communes register for recognition; {} is a {}",
                    node.unit.code, node.unit.level
                ),
            ));
        }
        if !may_act(&h, actor, &node, Party::Commune) {
            return Err(AppError::Forbidden(
                format!(
                    "registering {} is for {}",
                    node.unit.full_name,
                    party_name(Party::Commune)
                )
                .into(),
            ));
        }
        (node.unit.id, unit_path(&h, &node))
    };
    let set = set_for(ctx, SetKind::Commune, input.year, unit_id, day)
        .await?
        .ok_or_else(|| {
            AppError::invalid(
                "year",
                format!("no commune criteria set for {} covers {code}", input.year),
            )
        })?;
    if set.definition.level(&input.level).is_none() {
        let known: Vec<&str> = set
            .definition
            .levels
            .iter()
            .map(|l| l.code.as_str())
            .collect();
        return Err(AppError::invalid(
            "level",
            format!(
                "set {} {} has no level '{}' (it has: {})",
                set.row.code,
                set.row.year,
                input.level,
                known.join(", ")
            ),
        ));
    }
    let ids = ctx.hierarchy().with_past(unit_id);
    if let Some(r) = store::registration_of(ctx.db(), &ids, input.year).await? {
        return Err(AppError::Conflict(
            format!(
                "{code} is already registered for {} (registration #{}, level {}, {})",
                input.year, r.id, r.level, r.status
            )
            .into(),
        ));
    }
    let due = day + Duration::days(days_for(Status::Registered).unwrap_or(30));
    let t = ctx.now();
    let mut tx = ctx.begin().await?;
    let id = store::insert_registration(
        &mut tx,
        &NewRegistration {
            set_id: set.row.id,
            unit_id,
            year: input.year,
            level: &input.level,
            registered_on: day,
            due_on: due,
        },
        t,
    )
    .await
    .map_err(|e| {
        if crate::store::is_unique_violation(&e) {
            AppError::Conflict(format!("{code} is already registered for {}", input.year).into())
        } else {
            e.into()
        }
    })?;
    store::insert_step(
        &mut tx,
        &NewStep {
            registration_id: id,
            status: Status::Registered.as_str(),
            on_day: day,
            due_on: Some(due),
            note: "",
            user_id: actor.user_id(),
            actor: &actor.label,
        },
        t,
    )
    .await?;
    audit::record(
        ctx,
        &mut tx,
        actor,
        Change {
            action: "register",
            entity: "registration",
            entity_id: id.to_string(),
            unit_path: Some(path),
            before: None,
            after: Some(serde_json::json!({
                "set": set.row.code, "year": input.year, "level": input.level, "on": day,
            })),
        },
    )
    .await?;
    tx.commit().await?;
    get(ctx, actor, id, day).await
}

/// Take a workflow step.
#[instrument(skip(ctx, actor, input), fields(action = %input.action))]
pub async fn step(
    ctx: &Ctx,
    actor: &Actor,
    id: i64,
    input: &StepInput,
    today: NaiveDate,
) -> AppResult<RegistrationView> {
    let action = Action::parse(&input.action)?;
    let row = store::registration(ctx.db(), id)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("no registration {id}").into()))?;
    let day = input.on.unwrap_or(today);
    let from = Status::parse(&row.status)?;
    let (to, party) = transition(from, action)?;
    let path = {
        let h = ctx.hierarchy();
        let node = node_at(&h, row.unit_id, day).ok_or_else(|| {
            AppError::NotFound(format!("the commune of registration {id} is gone").into())
        })?;
        if !actor.scope.can_read(&h, &node) || !may_act(&h, actor, &node, party) {
            return Err(AppError::Forbidden(
                format!(
                    "this step ({}) on {}'s registration is for {}",
                    action.as_str(),
                    node.unit.full_name,
                    party_name(party)
                )
                .into(),
            ));
        }
        unit_path(&h, &node)
    };
    if let Some(v) = input.version
        && v != row.version
    {
        return Err(AppError::Conflict(
            format!(
                "registration {id} changed since you opened it (version {v}, now {}); reload it",
                row.version
            )
            .into(),
        ));
    }
    let steps = store::steps_of(ctx.db(), id).await?;
    let last = steps.last().map(|s| s.on_day).unwrap_or(row.registered_on);
    check_step_day(day, last, today)?;
    let note = input.note.trim();
    if action == Action::Return && note.is_empty() {
        return Err(AppError::invalid(
            "note",
            "returning a registration needs the reasons",
        ));
    }
    if action == Action::Recognise {
        let set = get_set(ctx, row.set_id).await?;
        let ex = crate::service::criteria::explain::explain_with(ctx, &set, row.unit_id, day, None)
            .await?;
        let level = ex.level(&row.level).ok_or_else(|| {
            AppError::invalid("level", format!("the set has no level '{}'", row.level))
        })?;
        if !level.result.met {
            return Err(AppError::invalid(
                "action",
                format!(
                    "{} does not meet the level {} on {day}: {}",
                    ex.unit.full_name,
                    level.name_en,
                    level.lines_en.join(" ")
                ),
            ));
        }
    }
    let due = days_for(to).map(|d| day + Duration::days(d));
    let t = ctx.now();
    let mut tx = ctx.begin().await?;
    let n = store::move_registration(
        &mut tx,
        id,
        row.version,
        from.as_str(),
        to.as_str(),
        due.unwrap_or(day),
        t,
    )
    .await?;
    if n == 0 {
        return Err(AppError::Conflict(
            format!("registration {id} was moved by someone else at the same time; reload it")
                .into(),
        ));
    }
    store::insert_step(
        &mut tx,
        &NewStep {
            registration_id: id,
            status: to.as_str(),
            on_day: day,
            due_on: due,
            note,
            user_id: actor.user_id(),
            actor: &actor.label,
        },
        t,
    )
    .await?;
    audit::record(
        ctx,
        &mut tx,
        actor,
        Change {
            action: action.as_str(),
            entity: "registration",
            entity_id: id.to_string(),
            unit_path: Some(path),
            before: Some(serde_json::json!({ "status": from.as_str() })),
            after: Some(serde_json::json!({ "status": to.as_str(), "on": day, "note": note })),
        },
    )
    .await?;
    tx.commit().await?;
    get(ctx, actor, id, day).await
}
