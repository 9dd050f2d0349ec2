//! Registering a commune and taking a step of the workflow.

use crate::i18n::messages::Msg;
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
        return Err(AppError::invalid(
            "on",
            Msg::new("value.future_day").arg("day", day.format("%d/%m/%Y")),
        ));
    }
    let (unit_id, path) = {
        let h = ctx.hierarchy();
        let node = find(&h, actor, code, day)?;
        if node.unit.level != Level::Commune {
            return Err(AppError::invalid(
                "unit",
                Msg::new("criteria.register_communes")
                    .arg("code", &node.unit.code)
                    .arg_msg("level", node.unit.level.words()),
            ));
        }
        if !may_act(&h, actor, &node, Party::Commune) {
            return Err(AppError::Forbidden(
                Msg::new("criteria.register_forbidden")
                    .arg("unit", &node.unit.full_name)
                    .arg_msg("party", party_name(Party::Commune)),
            ));
        }
        (node.unit.id, unit_path(&h, &node))
    };
    let set = set_for(ctx, SetKind::Commune, input.year, unit_id, day)
        .await?
        .ok_or_else(|| {
            AppError::invalid(
                "year",
                Msg::new("criteria.no_commune_set")
                    .arg("year", input.year)
                    .arg("code", code),
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
            Msg::new("criteria.set_no_level_known")
                .arg("set", &set.row.code)
                .arg("year", set.row.year)
                .arg("level", &input.level)
                .arg("known", known.join(", ")),
        ));
    }
    let ids = ctx.hierarchy().with_past(unit_id);
    if let Some(r) = store::registration_of(ctx.db(), &ids, input.year).await? {
        return Err(AppError::Conflict(
            Msg::new("criteria.already_registered_detail")
                .arg("code", code)
                .arg("year", input.year)
                .arg("id", r.id)
                .arg("level", &r.level)
                .arg_msg(
                    "status",
                    Status::from_key(&r.status)
                        .map_or_else(|| Msg::raw(r.status.as_str()), Status::words),
                ),
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
            AppError::Conflict(
                Msg::new("criteria.already_registered")
                    .arg("code", code)
                    .arg("year", input.year),
            )
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
        .ok_or_else(|| AppError::no_record("hồ sơ đăng ký", "registration", id))?;
    let day = input.on.unwrap_or(today);
    let from = Status::parse(&row.status)?;
    let (to, party) = transition(from, action)?;
    let path = {
        let h = ctx.hierarchy();
        let node = node_at(&h, row.unit_id, day).ok_or_else(|| {
            AppError::NotFound(Msg::new("criteria.registration_unit_gone").arg("id", id))
        })?;
        if !actor.scope.can_read(&h, &node) || !may_act(&h, actor, &node, party) {
            return Err(AppError::Forbidden(
                Msg::new("criteria.step_forbidden")
                    .arg("action", action.as_str())
                    .arg("unit", &node.unit.full_name)
                    .arg_msg("party", party_name(party)),
            ));
        }
        unit_path(&h, &node)
    };
    if let Some(v) = input.version
        && v != row.version
    {
        return Err(AppError::Conflict(
            Msg::new("criteria.registration_stale")
                .arg("id", id)
                .arg("yours", v)
                .arg("now", row.version),
        ));
    }
    let steps = store::steps_of(ctx.db(), id).await?;
    let last = steps.last().map(|s| s.on_day).unwrap_or(row.registered_on);
    check_step_day(day, last, today)?;
    let note = input.note.trim();
    if action == Action::Return && note.is_empty() {
        return Err(AppError::invalid(
            "note",
            Msg::new("criteria.return_needs_reasons"),
        ));
    }
    if action == Action::Recognise {
        let set = get_set(ctx, row.set_id).await?;
        let ex = crate::service::criteria::explain::explain_with(ctx, &set, row.unit_id, day, None)
            .await?;
        let level = ex.level(&row.level).ok_or_else(|| {
            AppError::invalid(
                "level",
                Msg::new("criteria.set_no_level").arg("level", &row.level),
            )
        })?;
        if !level.result.met {
            return Err(AppError::invalid(
                "action",
                Msg::new("criteria.level_not_met")
                    .arg("unit", &ex.unit.full_name)
                    .arg_words("level", &level.name_vi, &level.name_en)
                    .arg("day", day.format("%d/%m/%Y"))
                    .arg_words(
                        "reasons",
                        &level.lines_vi.join(" "),
                        &level.lines_en.join(" "),
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
            Msg::new("criteria.registration_moved").arg("id", id),
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
