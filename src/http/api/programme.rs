//! `/api/v1/units/{code}/goals`, `/api/v1/goals/...`,
//! `/api/v1/units/{code}/models`, `/api/v1/models/...`: the programme's DX
//! goals (board, create, status, evidence) and pilot DX models (registry,
//! create, deployments, status).

use axum::Json;
use axum::extract::multipart::{Multipart, MultipartRejection};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;

use crate::error::AppResult;
use crate::http::extract::{ApiActor, ApiJson, OnQuery, Query};
use crate::service::Ctx;
use crate::service::goals::{self, Board, GoalInput, GoalView, StatusInput, Upload};
use crate::service::models::{
    self, DeploymentInput, DeploymentView, ModelInput, ModelStatusInput, ModelView, Registry,
};
use crate::store::programme::{EvidenceRow, GoalStatusRow, ModelStatusRow};

pub async fn goals_list(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(code): Path<String>,
    Query(q): Query<OnQuery>,
) -> AppResult<Json<Board>> {
    Ok(Json(goals::board(&ctx, &actor, &code, q.day(&ctx)?).await?))
}

pub async fn goal_create(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(code): Path<String>,
    ApiJson(input): ApiJson<GoalInput>,
) -> AppResult<(StatusCode, Json<GoalView>)> {
    Ok((
        StatusCode::CREATED,
        Json(goals::create(&ctx, &actor, &code, &input).await?),
    ))
}

pub async fn goal_status(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(id): Path<i64>,
    ApiJson(input): ApiJson<StatusInput>,
) -> AppResult<(StatusCode, Json<GoalStatusRow>)> {
    Ok((
        StatusCode::CREATED,
        Json(goals::mark(&ctx, &actor, id, &input, None).await?),
    ))
}

/// `POST` of evidence: `upload::read` limits the body as it arrives, so
/// the general body limit is lifted on this route alone.
pub fn evidence_post() -> axum::routing::MethodRouter<Ctx> {
    crate::http::upload::post(evidence)
}

pub async fn evidence(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(id): Path<i64>,
    mp: Result<Multipart, MultipartRejection>,
) -> AppResult<(StatusCode, Json<Vec<EvidenceRow>>)> {
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
    Ok((StatusCode::CREATED, Json(rows)))
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

pub async fn evidence_download(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path((id, file)): Path<(i64, i64)>,
) -> AppResult<Response> {
    let (row, bytes) = goals::download(&ctx, &actor, id, file).await?;
    Ok(evidence_response(&row, bytes))
}

pub async fn models_list(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(code): Path<String>,
    Query(q): Query<OnQuery>,
) -> AppResult<Json<Registry>> {
    Ok(Json(
        models::registry(&ctx, &actor, &code, q.day(&ctx)?).await?,
    ))
}

pub async fn model_create(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(code): Path<String>,
    ApiJson(input): ApiJson<ModelInput>,
) -> AppResult<(StatusCode, Json<ModelView>)> {
    Ok((
        StatusCode::CREATED,
        Json(models::create(&ctx, &actor, &code, &input).await?),
    ))
}

pub async fn model_deploy(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(id): Path<i64>,
    ApiJson(input): ApiJson<DeploymentInput>,
) -> AppResult<(StatusCode, Json<DeploymentView>)> {
    Ok((
        StatusCode::CREATED,
        Json(models::add_deployment(&ctx, &actor, id, &input).await?),
    ))
}

pub async fn model_status(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(id): Path<i64>,
    ApiJson(input): ApiJson<ModelStatusInput>,
) -> AppResult<(StatusCode, Json<ModelStatusRow>)> {
    Ok((
        StatusCode::CREATED,
        Json(models::set_status(&ctx, &actor, id, &input).await?),
    ))
}
