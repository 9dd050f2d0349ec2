//! Evidence of goals: files and links attached to a goal, checked and kept
//! in the content-addressed store, and read back.

use crate::i18n::messages::Msg;
use tracing::instrument;

use super::{goal_or_404, unit_node, writable};
use crate::domain::party::clean_text;
use crate::domain::programme::check_link;
use crate::domain::upload::{FileKind, check_extension, extension, safe_name, sniff};
use crate::error::{AppError, AppResult};
use crate::service::audit::{self, Change};
use crate::service::{Actor, Ctx};
use crate::store::programme::{self as store, EvidenceRow, NewEvidence};

/// A file sent as evidence: its kept name and type, after the size and
/// type checks (415 for a type that is not a document or image, or a name
/// whose extension contradicts the content; 413 when too large).
fn check_file(ctx: &Ctx, raw_name: &str, bytes: &[u8]) -> AppResult<(String, FileKind)> {
    let max = crate::service::party::files::max_upload(ctx);
    if bytes.len() > max {
        return Err(AppError::PayloadTooLarge(
            Msg::new("programme.file_problem").arg_msg(
                "message",
                Msg::new("upload.too_large").arg("max", max >> 20),
            ),
        ));
    }
    if bytes.is_empty() {
        return Err(AppError::invalid("file", Msg::new("programme.file_empty")));
    }
    let base = raw_name.rsplit(['/', '\\']).next().unwrap_or("");
    let ext = extension(base);
    let kind = sniff(bytes, &ext).map_err(|e| {
        AppError::UnsupportedMediaType(
            Msg::new("programme.file_problem").arg_msg("message", e.reason().clone()),
        )
    })?;
    check_extension(&kind, &ext).map_err(|e| {
        AppError::UnsupportedMediaType(
            Msg::new("programme.file_problem").arg_msg("message", e.reason().clone()),
        )
    })?;
    Ok((safe_name(raw_name, &kind), kind))
}

/// A file to attach: the name the client sent and the content.
pub struct Upload<'a> {
    pub name: &'a str,
    pub bytes: &'a [u8],
}

/// Store an uploaded file's content; returns the evidence columns.
pub(super) async fn store_file(ctx: &Ctx, goal_id: i64, up: &Upload<'_>) -> AppResult<NewEvidence> {
    let (name, kind) = check_file(ctx, up.name, up.bytes)?;
    let sha = crate::service::files::write_content(&ctx.config().data_dir, up.bytes).await?;
    Ok(NewEvidence {
        goal_id,
        sha256: Some(sha),
        file_name: Some(name),
        content_type: Some(kind.content_type.into()),
        size_bytes: Some(up.bytes.len() as i64),
        ..Default::default()
    })
}

/// Attach evidence to a goal (a file, a link, or both), not yet tied to a
/// status entry: a later status change may name it.
#[instrument(skip(ctx, actor, note, file))]
pub async fn add_evidence(
    ctx: &Ctx,
    actor: &Actor,
    goal_id: i64,
    url: Option<&str>,
    note: &str,
    file: Option<Upload<'_>>,
) -> AppResult<Vec<EvidenceRow>> {
    let goal = goal_or_404(ctx, goal_id).await?;
    let path = writable(ctx, actor, &goal)?;
    let note = clean_text("note", note, 2000, false)?;
    let url = match url.map(str::trim) {
        Some(u) if !u.is_empty() => Some(check_link("url", u)?),
        _ => None,
    };
    if url.is_none() && file.is_none() {
        return Err(AppError::invalid(
            "file",
            Msg::new("programme.file_or_link"),
        ));
    }
    let file = match &file {
        Some(up) => Some(store_file(ctx, goal.id, up).await?),
        None => None,
    };
    let t = ctx.now();
    let mut tx = ctx.begin().await?;
    let mut ids = Vec::new();
    for mut e in file.into_iter().chain(url.map(|u| NewEvidence {
        goal_id: goal.id,
        url: Some(u),
        ..Default::default()
    })) {
        e.note = note.clone();
        e.created_by = actor.user_id();
        ids.push(store::insert_evidence(&mut tx, &e, t).await?);
    }
    audit::record(
        ctx,
        &mut tx,
        actor,
        Change {
            action: "attach",
            entity: "dx_goal",
            entity_id: goal.id.to_string(),
            unit_path: Some(path),
            before: None,
            after: Some(serde_json::json!({ "evidence": ids, "note": note })),
        },
    )
    .await?;
    tx.commit().await?;
    let all = store::evidence_of_goals(ctx.db(), &[goal.id]).await?;
    Ok(all.into_iter().filter(|e| ids.contains(&e.id)).collect())
}

/// An evidence file with its content, for a signed-in user who may read
/// the goal's unit.
pub async fn download(
    ctx: &Ctx,
    actor: &Actor,
    goal_id: i64,
    evidence_id: i64,
) -> AppResult<(EvidenceRow, Vec<u8>)> {
    if !actor.is_signed_in() {
        return Err(AppError::Unauthorized(Msg::new(
            "programme.sign_in_for_evidence",
        )));
    }
    let goal = goal_or_404(ctx, goal_id).await?;
    {
        let h = ctx.hierarchy();
        let node = unit_node(&h, goal.unit_id, goal.period_start).ok_or_else(|| {
            AppError::NotFound(Msg::new("programme.goal_no_unit").arg("id", goal_id))
        })?;
        if !actor.scope.can_read(&h, &node) {
            return Err(AppError::Forbidden(
                Msg::new("access.outside_area").arg("what", &node.unit.full_name),
            ));
        }
    }
    let row = store::evidence(ctx.db(), goal_id, evidence_id)
        .await?
        .filter(|e| e.sha256.is_some())
        .ok_or_else(|| {
            AppError::NotFound(
                Msg::new("programme.goal_no_file")
                    .arg("id", goal_id)
                    .arg("file", evidence_id),
            )
        })?;
    let sha = row.sha256.clone().unwrap_or_default();
    let bytes = crate::service::files::read_content(&ctx.config().data_dir, &sha).await?;
    Ok((row, bytes))
}
