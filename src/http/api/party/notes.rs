//! `/api/v1/party/notes/...`: a member's private notes, optionally about a
//! meeting or a document; nobody else's exist for them (404).

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde::Deserialize;

use crate::error::AppResult;
use crate::http::api::types::party::notes::{NoteIn, NoteListOut, NoteOut, NoteUpdateIn};
use crate::http::extract::{ApiActor, ApiJson, Query};
use crate::service::Ctx;
use crate::service::party::notes as service;

/// `?meeting=&document=`: only the notes about a meeting or a document.
#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct NotesQuery {
    /// A meeting's id.
    #[param(value_type = Option<i64>)]
    meeting: Option<String>,
    /// A document's id.
    #[param(value_type = Option<i64>)]
    document: Option<String>,
}

/// The author's own notes, newest first
#[utoipa::path(get, path = "/party/notes", tag = "party",
    params(NotesQuery),
    responses((status = 200, body = NoteListOut)))]
pub async fn notes(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Query(q): Query<NotesQuery>,
) -> AppResult<Json<NoteListOut>> {
    let meeting = crate::http::api::whole_number("meeting", q.meeting.as_deref())?;
    let document = crate::http::api::whole_number("document", q.document.as_deref())?;
    let items = service::list(&ctx, &actor, meeting, document).await?;
    Ok(Json(NoteListOut {
        items: items.into_iter().map(Into::into).collect(),
    }))
}

/// Keep a private note, optionally about a meeting or document
#[utoipa::path(post, path = "/party/notes", tag = "party",
    request_body = NoteIn,
    responses((status = 201, body = NoteOut)))]
pub async fn create_note(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    ApiJson(input): ApiJson<NoteIn>,
) -> AppResult<(StatusCode, Json<NoteOut>)> {
    let note = service::create(&ctx, &actor, &input.into()).await?;
    Ok((StatusCode::CREATED, Json(note.into())))
}

/// One of the author's notes (anyone else's: 404)
#[utoipa::path(get, path = "/party/notes/{id}", tag = "party",
    params(("id" = i64, Path, description = "The note's id")),
    responses((status = 200, body = NoteOut)))]
pub async fn note(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(id): Path<i64>,
) -> AppResult<Json<NoteOut>> {
    Ok(Json(service::get(&ctx, &actor, id).await?.into()))
}

/// Change one of the author's notes
#[utoipa::path(put, path = "/party/notes/{id}", tag = "party",
    params(("id" = i64, Path, description = "The note's id")),
    request_body = NoteUpdateIn,
    responses((status = 200, body = NoteOut)))]
pub async fn update_note(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(id): Path<i64>,
    ApiJson(input): ApiJson<NoteUpdateIn>,
) -> AppResult<Json<NoteOut>> {
    let note = service::update(&ctx, &actor, id, input.version, &input.body).await?;
    Ok(Json(note.into()))
}

/// Delete one of the author's notes
#[utoipa::path(delete, path = "/party/notes/{id}", tag = "party",
    params(("id" = i64, Path, description = "The note's id")),
    responses((status = 204, description = "Deleted")))]
pub async fn delete_note(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(id): Path<i64>,
) -> AppResult<StatusCode> {
    service::delete(&ctx, &actor, id).await?;
    Ok(StatusCode::NO_CONTENT)
}
