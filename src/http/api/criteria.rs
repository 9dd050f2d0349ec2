//! Criteria sets, criterion values, commune registrations and their
//! workflow, a commune's recognition explanation, and the DTI-style index.

use axum::Json;
use axum::extract::multipart::{Multipart, MultipartRejection};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;

use super::types::criteria::recognition::{
    ExplanationOut, IndexOut, ResultIn, ResultOut, TargetIn, TargetOut,
};
use super::types::criteria::registrations::{
    BoardOut, FileForm, FileOut, RegisterIn, RegistrationOut, StepIn,
};
use super::types::criteria::sets::{EnteredOut, SetIn, SetListOut, SetOut, SetUpdateIn, ValuesIn};
use crate::error::{AppError, AppResult};
use crate::http::extract::YearQuery;
use crate::http::extract::{ApiActor, ApiJson, Query};
use crate::service::criteria::registrations;
use crate::service::criteria::{self, ValueInput, explain, index};
use crate::service::{Actor, Ctx};

/// The operations of this area, for the OpenAPI document.
#[derive(utoipa::OpenApi)]
#[openapi(paths(
    sets_list,
    set_create,
    set_show,
    set_update,
    values_enter,
    recognition,
    board,
    register,
    registration,
    step,
    upload,
    download,
    index_show,
    index_result,
    index_target
))]
pub(super) struct Doc;

fn signed_in(actor: &Actor) -> AppResult<()> {
    if actor.is_signed_in() {
        Ok(())
    } else {
        Err(AppError::SignInRequired)
    }
}

/// Every criteria set (public)
#[utoipa::path(get, path = "/criteria-sets", tag = "programme",
    responses((status = 200, body = SetListOut)))]
pub async fn sets_list(State(ctx): State<Ctx>) -> AppResult<Json<SetListOut>> {
    let sets = criteria::list_sets(&ctx).await?;
    Ok(Json(SetListOut {
        items: sets.into_iter().map(Into::into).collect(),
    }))
}

/// Save a new criteria set, issued by a province (its officers)
#[utoipa::path(post, path = "/criteria-sets", tag = "programme", request_body = SetIn,
    responses((status = 201, body = SetOut)))]
pub async fn set_create(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    ApiJson(input): ApiJson<SetIn>,
) -> AppResult<(StatusCode, Json<SetOut>)> {
    signed_in(&actor)?;
    let set = criteria::create_set(&ctx, &actor, &input.into(), ctx.today()).await?;
    Ok((StatusCode::CREATED, Json(set.into())))
}

/// One criteria set with its definition
#[utoipa::path(get, path = "/criteria-sets/{id}", tag = "programme",
    params(("id" = i64, Path, description = "The set's id")),
    responses((status = 200, body = SetOut)))]
pub async fn set_show(State(ctx): State<Ctx>, Path(id): Path<i64>) -> AppResult<Json<SetOut>> {
    Ok(Json(criteria::get_set(&ctx, id).await?.into()))
}

/// Replace a set's definition (optimistic: a stale version gets 409)
#[utoipa::path(put, path = "/criteria-sets/{id}", tag = "programme",
    params(("id" = i64, Path, description = "The set's id")),
    request_body = SetUpdateIn, responses((status = 200, body = SetOut)))]
pub async fn set_update(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(id): Path<i64>,
    ApiJson(input): ApiJson<SetUpdateIn>,
) -> AppResult<Json<SetOut>> {
    signed_in(&actor)?;
    let set = criteria::update_set(&ctx, &actor, id, &input.into()).await?;
    Ok(Json(set.into()))
}

/// Enter values of manual criteria for a unit, all or nothing
///
/// Stage `self` (the unit's officers) or `verified` (the agency above it).
#[utoipa::path(post, path = "/criteria-sets/{id}/units/{code}/values", tag = "programme",
    params(
        ("id" = i64, Path, description = "The set's id"),
        ("code" = String, Path, description = "Unit code (GSO)"),
    ),
    request_body = ValuesIn, responses((status = 201, body = EnteredOut)))]
pub async fn values_enter(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path((id, code)): Path<(i64, String)>,
    ApiJson(body): ApiJson<ValuesIn>,
) -> AppResult<(StatusCode, Json<EnteredOut>)> {
    signed_in(&actor)?;
    let day = body.on.unwrap_or_else(|| ctx.today());
    let values: Vec<ValueInput> = body.values.into_iter().map(Into::into).collect();
    let entered = criteria::enter_values(&ctx, &actor, id, &code, day, body.stage, &values).await?;
    Ok((StatusCode::CREATED, Json(EnteredOut { entered })))
}

/// A commune against its criteria set (public)
///
/// Each criterion's value against the required one, each level met or
/// not, and what is missing in plain words.
#[utoipa::path(get, path = "/units/{code}/recognition", tag = "programme",
    params(("code" = String, Path, description = "Unit code (GSO)"), YearQuery),
    responses((status = 200, body = ExplanationOut)))]
pub async fn recognition(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(code): Path<String>,
    Query(q): Query<YearQuery>,
) -> AppResult<Json<ExplanationOut>> {
    let e = explain::commune(&ctx, &actor, &code, q.year(&ctx)?, q.day(&ctx)?).await?;
    Ok(Json(e.into()))
}

/// The registrations of the communes below a unit for a year, as they stood on the day
#[utoipa::path(get, path = "/units/{code}/registrations", tag = "programme",
    params(("code" = String, Path, description = "Unit code (GSO)"), YearQuery),
    responses((status = 200, body = BoardOut)))]
pub async fn board(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(code): Path<String>,
    Query(q): Query<YearQuery>,
) -> AppResult<Json<BoardOut>> {
    let b = registrations::board(&ctx, &actor, &code, q.year(&ctx)?, q.day(&ctx)?).await?;
    Ok(Json(b.into()))
}

/// Register a commune for a recognition level (its commune officers)
#[utoipa::path(post, path = "/units/{code}/registrations", tag = "programme",
    params(("code" = String, Path, description = "Unit code (GSO)")),
    request_body = RegisterIn, responses((status = 201, body = RegistrationOut)))]
pub async fn register(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(code): Path<String>,
    ApiJson(input): ApiJson<RegisterIn>,
) -> AppResult<(StatusCode, Json<RegistrationOut>)> {
    signed_in(&actor)?;
    let r = registrations::register(&ctx, &actor, &code, &input.into(), ctx.today()).await?;
    Ok((StatusCode::CREATED, Json(r.into())))
}

/// One registration with its steps and evidence files
#[utoipa::path(get, path = "/registrations/{id}", tag = "programme",
    params(("id" = i64, Path, description = "The registration's id")),
    responses((status = 200, body = RegistrationOut)))]
pub async fn registration(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(id): Path<i64>,
) -> AppResult<Json<RegistrationOut>> {
    let r = registrations::get(&ctx, &actor, id, ctx.today()).await?;
    Ok(Json(r.into()))
}

/// Take a workflow step; no step is skipped and each needs its role over the commune
#[utoipa::path(post, path = "/registrations/{id}/steps", tag = "programme",
    params(("id" = i64, Path, description = "The registration's id")),
    request_body = StepIn, responses((status = 200, body = RegistrationOut)))]
pub async fn step(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(id): Path<i64>,
    ApiJson(input): ApiJson<StepIn>,
) -> AppResult<Json<RegistrationOut>> {
    signed_in(&actor)?;
    let r = registrations::step(&ctx, &actor, id, &input.into(), ctx.today()).await?;
    Ok(Json(r.into()))
}

/// `POST` of an evidence file (multipart `file`, optional `criterion`).
pub fn upload_post() -> axum::routing::MethodRouter<Ctx> {
    crate::http::upload::post(upload)
}

/// Attach an evidence file while the registration is with the commune
///
/// PDF, images and office files, judged by content, at most the configured
/// size. Signed-in users only (401 before the body is read); each text
/// field at most 64 KiB, at most 32 fields, the file at most the upload
/// limit (413 as soon as it is passed).
#[utoipa::path(post, path = "/registrations/{id}/files", tag = "programme",
    params(("id" = i64, Path, description = "The registration's id")),
    request_body(content = FileForm, content_type = "multipart/form-data"),
    responses((status = 201, body = FileOut)))]
pub async fn upload(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(id): Path<i64>,
    mp: Result<Multipart, MultipartRejection>,
) -> AppResult<(StatusCode, Json<FileOut>)> {
    crate::http::upload::signed_in(&actor)?;
    let form = crate::http::upload::read(&ctx, mp, crate::http::upload::Csrf::Checked).await?;
    let criterion = form.get("criterion");
    let criterion = Some(criterion.trim()).filter(|c| !c.is_empty());
    let (name, bytes) = form.required_file().await?;
    let row = registrations::upload(&ctx, &actor, id, criterion, &name, &bytes).await?;
    Ok((StatusCode::CREATED, Json(row.into())))
}

/// Download an evidence file (signed-in users who may read the commune)
#[utoipa::path(get, path = "/registrations/{id}/files/{file}", tag = "programme",
    params(
        ("id" = i64, Path, description = "The registration's id"),
        ("file" = i64, Path, description = "The file's id"),
    ),
    responses((status = 200, content_type = "*/*",
        description = "The file as uploaded, with its content type (PDF, image, office document)")))]
pub async fn download(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path((id, file)): Path<(i64, i64)>,
) -> AppResult<Response> {
    let (row, bytes) = registrations::download(&ctx, &actor, id, file).await?;
    Ok(super::file_response(
        &row.content_type,
        &row.file_name,
        bytes,
    ))
}

/// A province's DTI-style index
///
/// The computed score by pillar, official ranks known on the day, rank
/// targets.
#[utoipa::path(get, path = "/units/{code}/index", tag = "programme",
    params(("code" = String, Path, description = "Unit code (GSO)"), YearQuery),
    responses((status = 200, body = IndexOut)))]
pub async fn index_show(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(code): Path<String>,
    Query(q): Query<YearQuery>,
) -> AppResult<Json<IndexOut>> {
    let v = index::index(&ctx, &actor, &code, q.year(&ctx)?, q.day(&ctx)?).await?;
    Ok(Json(v.into()))
}

/// Record an official index result (the province's officers)
#[utoipa::path(post, path = "/units/{code}/index/results", tag = "programme",
    params(("code" = String, Path, description = "Unit code (GSO)")),
    request_body = ResultIn, responses((status = 201, body = ResultOut)))]
pub async fn index_result(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(code): Path<String>,
    ApiJson(input): ApiJson<ResultIn>,
) -> AppResult<(StatusCode, Json<ResultOut>)> {
    signed_in(&actor)?;
    let row = index::record_result(&ctx, &actor, &code, &input.into(), ctx.today()).await?;
    Ok((StatusCode::CREATED, Json(row.into())))
}

/// Set a rank target (lower is better)
#[utoipa::path(post, path = "/units/{code}/index/targets", tag = "programme",
    params(("code" = String, Path, description = "Unit code (GSO)")),
    request_body = TargetIn, responses((status = 201, body = TargetOut)))]
pub async fn index_target(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(code): Path<String>,
    ApiJson(input): ApiJson<TargetIn>,
) -> AppResult<(StatusCode, Json<TargetOut>)> {
    signed_in(&actor)?;
    let row = index::record_target(&ctx, &actor, &code, &input.into(), ctx.today()).await?;
    Ok((StatusCode::CREATED, Json(row.into())))
}
