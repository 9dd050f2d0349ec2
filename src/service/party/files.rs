//! Files attached to documents, kept in the one file store
//! (`service::files`). The type is sniffed from the content
//! (`domain::upload`), the size is limited (`--max-upload-bytes`), and the
//! name kept for the download has no path.

use crate::i18n::messages::Msg;
use tracing::instrument;

use super::{org_or_404, org_path, viewer};
use crate::domain::party::Confidentiality;
use crate::domain::upload::{check_extension, extension, safe_name, sniff};
use crate::error::{AppError, AppResult};
use crate::service::audit::{self, Change};
use crate::service::files::{read_content, write_content};
use crate::service::{Actor, Ctx};
use crate::store::party::documents::{self as store, AttachmentRow};

/// The largest file accepted, in bytes.
pub fn max_upload(ctx: &Ctx) -> usize {
    ctx.config().max_upload_bytes
}

/// May this actor attach files to the document? Asked before an upload's
/// body is read, and again by `upload`.
pub async fn may_attach(ctx: &Ctx, actor: &Actor, document_id: i64) -> AppResult<()> {
    let v = viewer(ctx, actor, ctx.today()).await?;
    let (_, runs) = super::documents::for_files(ctx, &v, document_id).await?;
    if runs {
        Ok(())
    } else {
        Err(AppError::Forbidden(Msg::new("handbook.files_by_secretary")))
    }
}

/// Attach a file to a document: the issuing organisation's secretary or
/// deputy. `raw_name` is the name the client sent (any path in it is
/// dropped); the content must be a PDF, an image or an office document
/// whose name, if it has an extension, fits the content.
#[instrument(skip(ctx, actor, bytes), fields(size = bytes.len()))]
pub async fn upload(
    ctx: &Ctx,
    actor: &Actor,
    document_id: i64,
    raw_name: &str,
    bytes: &[u8],
) -> AppResult<AttachmentRow> {
    let v = viewer(ctx, actor, ctx.today()).await?;
    let (doc, runs) = super::documents::for_files(ctx, &v, document_id).await?;
    if !runs {
        return Err(AppError::Forbidden(Msg::new("handbook.files_by_secretary")));
    }
    if bytes.len() > max_upload(ctx) {
        return Err(AppError::PayloadTooLarge(
            Msg::new("upload.too_large").arg("max", max_upload(ctx) >> 20),
        ));
    }
    let base = raw_name.rsplit(['/', '\\']).next().unwrap_or("");
    let ext = extension(base);
    let kind = sniff(bytes, &ext).map_err(|e| AppError::UnsupportedMediaType(e.reason().into()))?;
    check_extension(&kind, &ext).map_err(|e| AppError::UnsupportedMediaType(e.reason().into()))?;
    let name = safe_name(raw_name, &kind);
    let sha = write_content(&ctx.config().data_dir, bytes).await?;
    let issuer = org_or_404(ctx, doc.issuer_org_id).await?;
    let t = ctx.now();
    let mut tx = ctx.begin().await?;
    let id = store::insert_attachment(
        &mut tx,
        doc.id,
        &sha,
        &name,
        kind.content_type,
        bytes.len() as i64,
        Some(v.user_id),
        t,
    )
    .await?;
    let row = AttachmentRow {
        id,
        document_id: doc.id,
        sha256: sha.clone(),
        file_name: name,
        content_type: kind.content_type.into(),
        size_bytes: bytes.len() as i64,
        created_at: t,
    };
    audit::record(
        ctx,
        &mut tx,
        actor,
        Change {
            action: "attach",
            entity: "party_document",
            entity_id: doc.id.to_string(),
            unit_path: org_path(ctx, &issuer),
            before: None,
            after: Some(serde_json::json!({
                "attachment_id": id,
                "file_name": row.file_name,
                "content_type": row.content_type,
                "size_bytes": row.size_bytes,
                "sha256": sha,
            })),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(row)
}

/// A file of a document the asker may read (404 otherwise), with its
/// content. Downloads of a restricted document's files are audited.
#[instrument(skip(ctx, actor))]
pub async fn download(
    ctx: &Ctx,
    actor: &Actor,
    document_id: i64,
    attachment_id: i64,
) -> AppResult<(AttachmentRow, Vec<u8>)> {
    let v = viewer(ctx, actor, ctx.today()).await?;
    let (doc, _) = super::documents::for_files(ctx, &v, document_id).await?;
    let row = store::attachment(ctx.db(), doc.id, attachment_id)
        .await?
        .ok_or_else(|| {
            AppError::NotFound(
                Msg::new("handbook.document_no_file")
                    .arg("id", document_id)
                    .arg("file", attachment_id),
            )
        })?;
    let bytes = read_content(&ctx.config().data_dir, &row.sha256).await?;
    if doc.confidentiality == Confidentiality::Restricted {
        let mut tx = ctx.begin().await?;
        super::documents::audit_read(ctx, &mut tx, actor, &doc, Some(row.id)).await?;
        tx.commit().await?;
    }
    Ok((row, bytes))
}
