//! `/api/v1/units/{code}/goals`, `/api/v1/goals/...`,
//! `/api/v1/units/{code}/models`, `/api/v1/models/...`: the programme's DX
//! goals (board, create, status, evidence) and pilot DX models (registry,
//! create, deployments, status).

use axum::Json;
use axum::extract::multipart::{Multipart, MultipartRejection};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;

use super::types::programme::{
    BoardOut, DeploymentIn, DeploymentOut, EvidenceForm, EvidenceOut, GoalIn, GoalOut,
    GoalStatusIn, GoalStatusOut, ModelIn, ModelOut, ModelStatusIn, ModelStatusOut, RegistryOut,
};
use crate::error::AppResult;
use crate::http::extract::{ApiActor, ApiJson, OnQuery, Query};
use crate::service::Ctx;
use crate::service::goals::{self, Upload};
use crate::service::models;
use crate::store::programme::EvidenceRow;

/// The operations of this area, for the OpenAPI document.
#[derive(utoipa::OpenApi)]
#[openapi(paths(
    goals_list,
    goal_create,
    goal_status,
    evidence,
    evidence_download,
    models_list,
    model_create,
    model_deploy,
    model_status
))]
pub(super) struct Doc;

/// The goals of a unit's programme on a day
///
/// Each goal with where it stands on the day: achieved by its status
/// entries or by its linked headline figure, overdue, or open.
#[utoipa::path(get, path = "/units/{code}/goals", tag = "programme",
    params(("code" = String, Path, description = "The unit's GSO code"), OnQuery),
    responses((status = 200, body = BoardOut)))]
pub async fn goals_list(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(code): Path<String>,
    Query(q): Query<OnQuery>,
) -> AppResult<Json<BoardOut>> {
    let board = goals::board(&ctx, &actor, &code, q.day(&ctx)?).await?;
    Ok(Json(board.into()))
}

/// Create a goal in a unit's programme
#[utoipa::path(post, path = "/units/{code}/goals", tag = "programme",
    params(("code" = String, Path, description = "The unit's GSO code")),
    request_body = GoalIn,
    responses((status = 201, body = GoalOut)))]
pub async fn goal_create(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(code): Path<String>,
    ApiJson(input): ApiJson<GoalIn>,
) -> AppResult<(StatusCode, Json<GoalOut>)> {
    let goal = goals::create(&ctx, &actor, &code, &input.into()).await?;
    Ok((StatusCode::CREATED, Json(goal.into())))
}

/// Mark a goal achieved or not achieved from a day
#[utoipa::path(post, path = "/goals/{id}/status", tag = "programme",
    params(("id" = i64, Path, description = "The goal's id")),
    request_body = GoalStatusIn,
    responses((status = 201, body = GoalStatusOut)))]
pub async fn goal_status(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(id): Path<i64>,
    ApiJson(input): ApiJson<GoalStatusIn>,
) -> AppResult<(StatusCode, Json<GoalStatusOut>)> {
    let entry = goals::mark(&ctx, &actor, id, &input.into(), None).await?;
    Ok((StatusCode::CREATED, Json(entry.into())))
}

/// `POST` of evidence: `upload::read` limits the body as it arrives, so
/// the general body limit is lifted on this route alone.
pub fn evidence_post() -> axum::routing::MethodRouter<Ctx> {
    crate::http::upload::post(evidence)
}

/// Attach evidence to a goal: a file, a link, or both
///
/// Returns the goal's evidence after the addition.
#[utoipa::path(post, path = "/goals/{id}/evidence", tag = "programme",
    params(("id" = i64, Path, description = "The goal's id")),
    request_body(content = EvidenceForm, content_type = "multipart/form-data"),
    responses((status = 201, body = Vec<EvidenceOut>)))]
pub async fn evidence(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(id): Path<i64>,
    mp: Result<Multipart, MultipartRejection>,
) -> AppResult<(StatusCode, Json<Vec<EvidenceOut>>)> {
    crate::http::upload::signed_in(&actor)?;
    let form = crate::http::upload::read(&ctx, mp, crate::http::upload::Csrf::Checked).await?;
    let file = form.optional_file().await?;
    let upload = file.as_ref().map(|(name, bytes)| Upload { name, bytes });
    let url = form.get("url");
    let rows = goals::add_evidence(
        &ctx,
        &actor,
        id,
        Some(url.as_str()),
        &form.get("note"),
        upload,
    )
    .await?;
    Ok((
        StatusCode::CREATED,
        Json(rows.into_iter().map(Into::into).collect()),
    ))
}

/// An evidence file as a download, with the same headers as the party
/// handbook's files: never sniffed, never cached by others, sandboxed.
pub(crate) fn evidence_response(row: &EvidenceRow, bytes: Vec<u8>) -> Response {
    super::file_response(
        row.content_type
            .as_deref()
            .unwrap_or("application/octet-stream"),
        row.file_name.as_deref().unwrap_or("evidence"),
        bytes,
    )
}

/// Download an evidence file of a goal
#[utoipa::path(get, path = "/goals/{id}/evidence/{file}", tag = "programme",
    params(
        ("id" = i64, Path, description = "The goal's id"),
        ("file" = i64, Path, description = "The evidence's id"),
    ),
    responses((status = 200, content_type = "*/*",
        description = "The file as uploaded, with its content type (PDF, image, office document)")))]
pub async fn evidence_download(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path((id, file)): Path<(i64, i64)>,
) -> AppResult<Response> {
    let (row, bytes) = goals::download(&ctx, &actor, id, file).await?;
    Ok(evidence_response(&row, bytes))
}

/// The pilot DX models of a unit's programme on a day
#[utoipa::path(get, path = "/units/{code}/models", tag = "programme",
    params(("code" = String, Path, description = "The unit's GSO code"), OnQuery),
    responses((status = 200, body = RegistryOut)))]
pub async fn models_list(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(code): Path<String>,
    Query(q): Query<OnQuery>,
) -> AppResult<Json<RegistryOut>> {
    let registry = models::registry(&ctx, &actor, &code, q.day(&ctx)?).await?;
    Ok(Json(registry.into()))
}

/// Create a pilot model in a unit's programme
#[utoipa::path(post, path = "/units/{code}/models", tag = "programme",
    params(("code" = String, Path, description = "The unit's GSO code")),
    request_body = ModelIn,
    responses((status = 201, body = ModelOut)))]
pub async fn model_create(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(code): Path<String>,
    ApiJson(input): ApiJson<ModelIn>,
) -> AppResult<(StatusCode, Json<ModelOut>)> {
    let model = models::create(&ctx, &actor, &code, &input.into()).await?;
    Ok((StatusCode::CREATED, Json(model.into())))
}

/// Record that a model is deployed in a unit from a day
#[utoipa::path(post, path = "/models/{id}/deployments", tag = "programme",
    params(("id" = i64, Path, description = "The model's id")),
    request_body = DeploymentIn,
    responses((status = 201, body = DeploymentOut)))]
pub async fn model_deploy(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(id): Path<i64>,
    ApiJson(input): ApiJson<DeploymentIn>,
) -> AppResult<(StatusCode, Json<DeploymentOut>)> {
    let deployment = models::add_deployment(&ctx, &actor, id, &input.into()).await?;
    Ok((StatusCode::CREATED, Json(deployment.into())))
}

/// Move a model to its next status on a day
#[utoipa::path(post, path = "/models/{id}/status", tag = "programme",
    params(("id" = i64, Path, description = "The model's id")),
    request_body = ModelStatusIn,
    responses((status = 201, body = ModelStatusOut)))]
pub async fn model_status(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(id): Path<i64>,
    ApiJson(input): ApiJson<ModelStatusIn>,
) -> AppResult<(StatusCode, Json<ModelStatusOut>)> {
    let status = models::set_status(&ctx, &actor, id, &input.into()).await?;
    Ok((StatusCode::CREATED, Json(status.into())))
}
