//! Personal notes: private to their author, never shown to anyone else,
//! admins included. Every query names the author, so another person's note
//! is not found (404) rather than forbidden; the audit log records that a
//! note changed, never what it says.

use crate::i18n::messages::Msg;
use serde::Deserialize;
use tracing::instrument;

use super::viewer;
use crate::domain::party::clean_text;
use crate::error::{AppError, AppResult};
use crate::service::audit::{self, Change};
use crate::service::{Actor, Ctx};
use crate::store::party::documents::{self as store, NoteRow};

fn author(actor: &Actor) -> AppResult<i64> {
    actor
        .user_id()
        .ok_or_else(|| AppError::Unauthorized(Msg::new("handbook.sign_in_notes")))
}

fn not_found(id: i64) -> AppError {
    AppError::NotFound(Msg::new("handbook.note_not_found").arg("id", id))
}

#[derive(Debug, Clone, Deserialize)]
pub struct NoteInput {
    pub body: String,
    #[serde(default)]
    pub meeting_id: Option<i64>,
    #[serde(default)]
    pub document_id: Option<i64>,
}

async fn record(
    ctx: &Ctx,
    actor: &Actor,
    tx: &mut crate::store::Tx,
    action: &str,
    id: i64,
) -> AppResult<()> {
    audit::record(
        ctx,
        tx,
        actor,
        Change {
            action,
            entity: "party_note",
            entity_id: id.to_string(),
            unit_path: None,
            before: None,
            after: None,
        },
    )
    .await
}

/// Keep a note, optionally about a meeting or a document the author may
/// open.
#[instrument(skip(ctx, actor, input))]
pub async fn create(ctx: &Ctx, actor: &Actor, input: &NoteInput) -> AppResult<NoteRow> {
    let user = author(actor)?;
    let body = clean_text("body", &input.body, 10_000, true)?;
    if input.meeting_id.is_some() || input.document_id.is_some() {
        let v = viewer(ctx, actor, ctx.today()).await?;
        if let Some(id) = input.meeting_id {
            let m = crate::store::party::meetings::get(ctx.db(), id).await?;
            if !m.is_some_and(|m| crate::domain::party::may_read_meetings(&v.memberships, m.org_id))
            {
                return Err(AppError::invalid(
                    "meeting_id",
                    Msg::new("handbook.meeting_not_found").arg("id", id),
                ));
            }
        }
        if let Some(id) = input.document_id
            && super::documents::readable(ctx, &v, id).await?.is_none()
        {
            return Err(AppError::invalid(
                "document_id",
                Msg::new("handbook.document_not_found").arg("id", id),
            ));
        }
    }
    let t = ctx.now();
    let mut tx = ctx.begin().await?;
    let id =
        store::insert_note(&mut tx, user, input.meeting_id, input.document_id, &body, t).await?;
    record(ctx, actor, &mut tx, "create", id).await?;
    tx.commit().await?;
    Ok(NoteRow {
        id,
        meeting_id: input.meeting_id,
        document_id: input.document_id,
        body,
        created_at: t,
        updated_at: t,
        version: 1,
    })
}

/// The author's notes, newest first.
pub async fn list(
    ctx: &Ctx,
    actor: &Actor,
    meeting_id: Option<i64>,
    document_id: Option<i64>,
) -> AppResult<Vec<NoteRow>> {
    let user = author(actor)?;
    Ok(store::notes_of(ctx.db(), user, meeting_id, document_id).await?)
}

pub async fn get(ctx: &Ctx, actor: &Actor, id: i64) -> AppResult<NoteRow> {
    let user = author(actor)?;
    store::note(ctx.db(), user, id)
        .await?
        .ok_or_else(|| not_found(id))
}

/// Change a note's text. `version` is the version the author read: an
/// edit made meanwhile (another tab, another device) is not overwritten
/// but refused with 409.
#[instrument(skip(ctx, actor, body))]
pub async fn update(
    ctx: &Ctx,
    actor: &Actor,
    id: i64,
    version: i64,
    body: &str,
) -> AppResult<NoteRow> {
    let user = author(actor)?;
    let body = clean_text("body", body, 10_000, true)?;
    let mut tx = ctx.begin().await?;
    if store::update_note(&mut tx, user, id, version, &body, ctx.now()).await? == 0 {
        let current = get(ctx, actor, id).await?;
        return Err(AppError::Conflict(
            Msg::new("handbook.note_stale")
                .arg("id", id)
                .arg("yours", version)
                .arg("now", current.version),
        ));
    }
    record(ctx, actor, &mut tx, "update", id).await?;
    tx.commit().await?;
    get(ctx, actor, id).await
}

#[instrument(skip(ctx, actor))]
pub async fn delete(ctx: &Ctx, actor: &Actor, id: i64) -> AppResult<()> {
    let user = author(actor)?;
    let mut tx = ctx.begin().await?;
    if store::delete_note(&mut tx, user, id).await? == 0 {
        return Err(not_found(id));
    }
    record(ctx, actor, &mut tx, "delete", id).await?;
    tx.commit().await?;
    Ok(())
}
