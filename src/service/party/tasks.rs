//! A meeting's tasks: given at the meeting to a member, marked done later.

use crate::i18n::messages::Msg;
use chrono::NaiveDate;
use serde::Deserialize;
use tracing::instrument;

use super::meetings::run_by;
use super::{org_or_404, org_path, viewer};
use crate::domain::party::{self as rules, clean_text};
use crate::error::{AppError, AppResult};
use crate::service::audit::{self, Change};
use crate::service::{Actor, Ctx};
use crate::store::party as party_store;
use crate::store::party::meetings::{self as store, TaskRow};

#[derive(Debug, Clone, Deserialize)]
pub struct NewTaskInput {
    pub title: String,
    #[serde(default)]
    pub owner_id: Option<i64>,
    #[serde(default)]
    pub due_on: Option<NaiveDate>,
}

/// A follow-up task decided at the meeting, with an owner from the
/// organisation and a deadline.
#[instrument(skip(ctx, actor, input))]
pub async fn add_task(
    ctx: &Ctx,
    actor: &Actor,
    meeting_id: i64,
    input: &NewTaskInput,
) -> AppResult<TaskRow> {
    let v = viewer(ctx, actor, ctx.today()).await?;
    let (m, org) = run_by(ctx, &v, meeting_id).await?;
    let title = clean_text("title", &input.title, 300, true)?;
    if let Some(owner) = input.owner_id {
        let members = party_store::members_of(ctx.db(), org.id, ctx.today().max(m.held_on)).await?;
        if !members.iter().any(|mem| mem.id == owner) {
            return Err(AppError::invalid(
                "owner_id",
                Msg::new("handbook.member_not_in")
                    .arg("id", owner)
                    .arg("org", &org.name),
            ));
        }
    }
    if let Some(due) = input.due_on
        && due < m.held_on
    {
        return Err(AppError::invalid(
            "due_on",
            Msg::new("handbook.deadline_before_meeting").arg("day", m.held_on.format("%d/%m/%Y")),
        ));
    }
    let t = ctx.now();
    let mut tx = ctx.begin().await?;
    let id = store::insert_task(
        &mut tx,
        m.id,
        org.id,
        &title,
        input.owner_id,
        input.due_on,
        t,
    )
    .await?;
    let row = TaskRow {
        id,
        meeting_id: m.id,
        org_id: org.id,
        title,
        owner_id: input.owner_id,
        due_on: input.due_on,
        done_at: None,
    };
    audit::record(
        ctx,
        &mut tx,
        actor,
        Change {
            action: "create",
            entity: "party_task",
            entity_id: id.to_string(),
            unit_path: org_path(ctx, &org),
            before: None,
            after: serde_json::to_value(&row).ok(),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(row)
}

/// Mark a task done: its owner, or whoever runs the organisation. Tasks of
/// other organisations do not exist for the asker (404).
#[instrument(skip(ctx, actor))]
pub async fn finish_task(ctx: &Ctx, actor: &Actor, task_id: i64) -> AppResult<()> {
    let v = viewer(ctx, actor, ctx.today()).await?;
    let missing = || AppError::NotFound(Msg::new("handbook.task_not_found").arg("id", task_id));
    let task = store::task(ctx.db(), task_id).await?.ok_or_else(missing)?;
    if !rules::may_read_meetings(&v.memberships, task.org_id) {
        return Err(missing());
    }
    let owner = task.owner_id.is_some_and(|o| v.member_ids().contains(&o));
    if !owner && !rules::may_run(&v.memberships, task.org_id) {
        return Err(AppError::Forbidden(Msg::new("handbook.task_done_by")));
    }
    let org = org_or_404(ctx, task.org_id).await?;
    let mut tx = ctx.begin().await?;
    if store::finish_task(&mut tx, task.id, ctx.now()).await? == 0 {
        return Err(AppError::Conflict(Msg::new("handbook.task_done")));
    }
    audit::record(
        ctx,
        &mut tx,
        actor,
        Change {
            action: "done",
            entity: "party_task",
            entity_id: task.id.to_string(),
            unit_path: org_path(ctx, &org),
            before: None,
            after: None,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
