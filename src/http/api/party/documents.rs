//! `/api/v1/party/documents/...`: the documents the asker may read, issuing
//! them, opening them (with read receipts; reads of restricted ones are
//! audited), the receipts, and their files.

use crate::i18n::messages::Msg;
use axum::Json;
use axum::extract::multipart::{Multipart, MultipartRejection};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;

use super::{file_response, opened_here};
use crate::error::{AppError, AppResult};
use crate::http::api::types::party::documents::{
    AttachmentOut, DocumentDetailOut, DocumentListOut, DocumentOut, FileForm, NewDocumentIn,
    ReceiptsOut,
};
use crate::http::extract::{ApiActor, ApiJson, Query};
use crate::service::Ctx;
use crate::service::party::{documents, files};

/// `?q=&unread=`: the words to search for, and unread documents only.
#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DocQuery {
    /// Words of the number, title or issuer (diacritics and case ignored).
    #[serde(default)]
    q: String,
    /// `true` (or `1`, `yes`): only the documents the asker has not read.
    #[serde(default)]
    unread: Option<String>,
}

/// Search the documents the asker may read (diacritics and case ignored)
#[utoipa::path(get, path = "/party/documents", tag = "party",
    params(DocQuery),
    responses((status = 200, body = DocumentListOut)))]
pub async fn documents(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Query(q): Query<DocQuery>,
) -> AppResult<Json<DocumentListOut>> {
    let unread = matches!(q.unread.as_deref(), Some("true" | "1" | "yes"));
    let items = documents::search(&ctx, &actor, &q.q, unread).await?;
    Ok(Json(DocumentListOut {
        q: q.q,
        items: items.into_iter().map(Into::into).collect(),
    }))
}

/// Issue a document (the issuing organisation's secretary or deputy)
#[utoipa::path(post, path = "/party/documents", tag = "party",
    request_body = NewDocumentIn,
    responses((status = 201, body = DocumentOut)))]
pub async fn create_document(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    ApiJson(input): ApiJson<NewDocumentIn>,
) -> AppResult<(StatusCode, Json<DocumentOut>)> {
    let document = documents::create(&ctx, &actor, &input.into()).await?;
    Ok((StatusCode::CREATED, Json(document.into())))
}

/// Open a document; 404 when it does not reach the asker; reads of restricted ones are audited
///
/// A read receipt is counted when the request comes from the application
/// itself (Sec-Fetch-Site same-origin or none, or no header and no Referer
/// from another host); a link followed from another site is shown without
/// counting (see POST .../read).
#[utoipa::path(get, path = "/party/documents/{id}", tag = "party",
    params(("id" = i64, Path, description = "The document's id")),
    responses((status = 200, body = DocumentDetailOut)))]
pub async fn document(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(id): Path<i64>,
    headers: axum::http::HeaderMap,
) -> AppResult<Json<DocumentDetailOut>> {
    let count = opened_here(&headers);
    Ok(Json(documents::open(&ctx, &actor, id, count).await?.into()))
}

/// Mark a document read (the explicit action after opening it from a link on another site)
#[utoipa::path(post, path = "/party/documents/{id}/read", tag = "party",
    params(("id" = i64, Path, description = "The document's id")),
    responses((status = 200, body = DocumentDetailOut)))]
pub async fn mark_read(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(id): Path<i64>,
) -> AppResult<Json<DocumentDetailOut>> {
    Ok(Json(documents::open(&ctx, &actor, id, true).await?.into()))
}

/// `?org=`: the organisation whose receipts to show.
#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReceiptQuery {
    /// The organisation's id (required).
    #[param(value_type = i64)]
    org: Option<String>,
}

/// Who in an organisation has read the document, unread first (its secretary or deputy)
#[utoipa::path(get, path = "/party/documents/{id}/receipts", tag = "party",
    params(("id" = i64, Path, description = "The document's id"), ReceiptQuery),
    responses((status = 200, body = ReceiptsOut)))]
pub async fn receipts(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(id): Path<i64>,
    Query(q): Query<ReceiptQuery>,
) -> AppResult<Json<ReceiptsOut>> {
    let org = crate::http::api::whole_number("org", q.org.as_deref())?
        .ok_or_else(|| AppError::invalid("org", Msg::new("request.org_required")))?;
    Ok(Json(
        documents::receipts(&ctx, &actor, id, org).await?.into(),
    ))
}

/// `POST` of a file: `upload::read` limits the body as it arrives (the
/// configured upload size), so the general body limit is lifted here.
pub fn upload_post() -> axum::routing::MethodRouter<Ctx> {
    crate::http::upload::post(upload)
}

/// Attach a file: PDF, PNG, JPEG or office document, typed from its content, size-limited
///
/// Signed-in users only (401 before the body is read); each text field at
/// most 64 KiB, at most 32 fields, the file at most the upload limit (413
/// as soon as it is passed).
#[utoipa::path(post, path = "/party/documents/{id}/files", tag = "party",
    params(("id" = i64, Path, description = "The document's id")),
    request_body(content = FileForm, content_type = "multipart/form-data"),
    responses((status = 201, body = AttachmentOut)))]
pub async fn upload(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(id): Path<i64>,
    mp: Result<Multipart, MultipartRejection>,
) -> AppResult<(StatusCode, Json<AttachmentOut>)> {
    // Who may attach is checked before the body is read: the public gets
    // 401 and a member who does not run the document 403/404 without one
    // byte of the file taken in.
    crate::http::upload::signed_in(&actor)?;
    files::may_attach(&ctx, &actor, id).await?;
    let form = crate::http::upload::read(&ctx, mp, crate::http::upload::Csrf::Checked).await?;
    let (name, bytes) = form.required_file().await?;
    let attachment = files::upload(&ctx, &actor, id, &name, &bytes).await?;
    Ok((StatusCode::CREATED, Json(attachment.into())))
}

/// Download a file as an attachment of its stored type
///
/// Downloads of a restricted document's files are audited.
#[utoipa::path(get, path = "/party/documents/{id}/files/{file}", tag = "party",
    params(
        ("id" = i64, Path, description = "The document's id"),
        ("file" = i64, Path, description = "The attachment's id"),
    ),
    responses((status = 200, description = "The file, as uploaded, of the type sniffed from its content",
        content(
            ("application/pdf"),
            ("image/png"),
            ("image/jpeg"),
            ("application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            ("application/vnd.openxmlformats-officedocument.presentationml.presentation"),
            ("application/vnd.oasis.opendocument.text"),
            ("application/vnd.oasis.opendocument.spreadsheet"),
            ("application/msword"),
            ("application/vnd.ms-excel"),
            ("application/vnd.ms-powerpoint"),
            ("application/octet-stream"),
        ))))]
pub async fn download(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path((id, file_id)): Path<(i64, i64)>,
) -> AppResult<Response> {
    let (row, bytes) = files::download(&ctx, &actor, id, file_id).await?;
    Ok(file_response(&row.content_type, &row.file_name, bytes))
}
