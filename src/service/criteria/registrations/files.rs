//! Evidence files of a registration: upload and download.

use crate::i18n::messages::Msg;
use tracing::instrument;

use super::{get, may_act, party_name};
use crate::domain::registration::{Actor as Party, Status};
use crate::domain::upload::{check_extension, extension, safe_name, sniff};
use crate::error::{AppError, AppResult};
use crate::service::audit::{self, Change};
use crate::service::criteria::{get_set, node_at};
use crate::service::files::{read_content, write_content};
use crate::service::units::unit_path;
use crate::service::{Actor, Ctx};
use crate::store::criteria::{self as store, FileRow, NewFile};

/// Attach an evidence file to a registration: the commune's officers,
/// while the registration is with the commune.
#[instrument(skip(ctx, actor, bytes), fields(size = bytes.len()))]
pub async fn upload(
    ctx: &Ctx,
    actor: &Actor,
    id: i64,
    criterion: Option<&str>,
    raw_name: &str,
    bytes: &[u8],
) -> AppResult<FileRow> {
    let row = store::registration(ctx.db(), id)
        .await?
        .ok_or_else(|| AppError::no_record("hồ sơ đăng ký", "registration", id))?;
    // The commune as it was when it registered (its officers then).
    let day = row.registered_on;
    let path = {
        let h = ctx.hierarchy();
        let node = node_at(&h, row.unit_id, day)
            .ok_or_else(|| AppError::no_record("hồ sơ đăng ký", "registration", id))?;
        if !may_act(&h, actor, &node, Party::Commune) {
            return Err(AppError::Forbidden(
                Msg::new("criteria.evidence_attach_forbidden")
                    .arg("unit", &node.unit.full_name)
                    .arg_msg("party", party_name(Party::Commune)),
            ));
        }
        unit_path(&h, &node)
    };
    let status = Status::parse(&row.status)?;
    if status.waiting_on() != Some(Party::Commune) {
        return Err(AppError::Conflict(
            Msg::new("criteria.evidence_while_with_commune")
                .arg("id", id)
                .arg_msg("status", status.words()),
        ));
    }
    if let Some(c) = criterion {
        let set = get_set(ctx, row.set_id).await?;
        if set.definition.criterion(c).is_none() {
            return Err(AppError::invalid(
                "criterion",
                Msg::new("criteria.no_criterion")
                    .arg("set", &set.row.code)
                    .arg("criterion", c),
            ));
        }
    }
    let max = ctx.config().max_upload_bytes;
    if bytes.len() > max {
        return Err(AppError::PayloadTooLarge(
            Msg::new("upload.too_large").arg("max", max >> 20),
        ));
    }
    let base = raw_name.rsplit(['/', '\\']).next().unwrap_or("");
    let ext = extension(base);
    let kind = sniff(bytes, &ext).map_err(|e| AppError::UnsupportedMediaType(e.reason().into()))?;
    check_extension(&kind, &ext).map_err(|e| AppError::UnsupportedMediaType(e.reason().into()))?;
    let name = safe_name(raw_name, &kind);
    let sha = write_content(&ctx.config().data_dir, bytes).await?;
    let t = ctx.now();
    let mut tx = ctx.begin().await?;
    let fid = store::insert_file(
        &mut tx,
        &NewFile {
            registration_id: id,
            criterion,
            sha256: &sha,
            file_name: &name,
            content_type: kind.content_type,
            size_bytes: bytes.len() as i64,
            created_by: actor.user_id(),
        },
        t,
    )
    .await?;
    audit::record(
        ctx,
        &mut tx,
        actor,
        Change {
            action: "attach",
            entity: "registration",
            entity_id: id.to_string(),
            unit_path: Some(path),
            before: None,
            after: Some(serde_json::json!({
                "file_id": fid, "file_name": name, "criterion": criterion,
                "content_type": kind.content_type, "size_bytes": bytes.len(), "sha256": sha,
            })),
        },
    )
    .await?;
    tx.commit().await?;
    store::file(ctx.db(), id, fid)
        .await?
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("file {fid} vanished")))
}

/// An evidence file, for signed-in users who may read the commune.
pub async fn download(
    ctx: &Ctx,
    actor: &Actor,
    id: i64,
    file_id: i64,
) -> AppResult<(FileRow, Vec<u8>)> {
    if !actor.is_signed_in() {
        return Err(AppError::SignInRequired);
    }
    let view = get(ctx, actor, id, ctx.today()).await?;
    let f = store::file(ctx.db(), view.row.id, file_id)
        .await?
        .ok_or_else(|| {
            AppError::NotFound(
                Msg::new("criteria.registration_no_file")
                    .arg("id", id)
                    .arg("file", file_id),
            )
        })?;
    let bytes = read_content(&ctx.config().data_dir, &f.sha256).await?;
    Ok((f, bytes))
}
