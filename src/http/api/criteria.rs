//! Criteria sets, criterion values, commune registrations and their
//! workflow, a commune's recognition explanation, and the DTI-style index.

use axum::Json;
use axum::extract::multipart::{Multipart, MultipartRejection};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;
use serde_json::{Value, json};

use crate::error::{AppError, AppResult};
use crate::http::extract::YearQuery;
use crate::http::extract::{ApiActor, ApiJson, Query};
use crate::service::criteria::explain::{self, Explanation};
use crate::service::criteria::index::{self, IndexView, ResultInput, TargetInput};
use crate::service::criteria::registrations::{
    self, Board, RegisterInput, RegistrationView, StepInput,
};
use crate::service::criteria::{self, SetInput, SetUpdate, SetView, Stage, ValueInput};
use crate::service::{Actor, Ctx};
use crate::store::criteria::{FileRow, ResultRow, TargetRow};

fn signed_in(actor: &Actor) -> AppResult<()> {
    if actor.is_signed_in() {
        Ok(())
    } else {
        Err(AppError::SignInRequired)
    }
}

pub async fn sets_list(State(ctx): State<Ctx>) -> AppResult<Json<Value>> {
    Ok(Json(json!({ "items": criteria::list_sets(&ctx).await? })))
}

pub async fn set_create(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    ApiJson(input): ApiJson<SetInput>,
) -> AppResult<(StatusCode, Json<SetView>)> {
    signed_in(&actor)?;
    Ok((
        StatusCode::CREATED,
        Json(criteria::create_set(&ctx, &actor, &input, ctx.today()).await?),
    ))
}

pub async fn set_show(State(ctx): State<Ctx>, Path(id): Path<i64>) -> AppResult<Json<SetView>> {
    Ok(Json(criteria::get_set(&ctx, id).await?))
}

pub async fn set_update(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(id): Path<i64>,
    ApiJson(input): ApiJson<SetUpdate>,
) -> AppResult<Json<SetView>> {
    signed_in(&actor)?;
    Ok(Json(criteria::update_set(&ctx, &actor, id, &input).await?))
}

#[derive(Debug, Deserialize)]
pub struct ValuesBody {
    #[serde(default = "own")]
    pub stage: Stage,
    pub values: Vec<ValueInput>,
    #[serde(default)]
    pub on: Option<chrono::NaiveDate>,
}

fn own() -> Stage {
    Stage::OwnAssessment
}

pub async fn values_enter(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path((id, code)): Path<(i64, String)>,
    ApiJson(body): ApiJson<ValuesBody>,
) -> AppResult<(StatusCode, Json<Value>)> {
    signed_in(&actor)?;
    let day = body.on.unwrap_or_else(|| ctx.today());
    let n = criteria::enter_values(&ctx, &actor, id, &code, day, body.stage, &body.values).await?;
    Ok((StatusCode::CREATED, Json(json!({ "entered": n }))))
}

pub async fn recognition(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(code): Path<String>,
    Query(q): Query<YearQuery>,
) -> AppResult<Json<Explanation>> {
    Ok(Json(
        explain::commune(&ctx, &actor, &code, q.year(&ctx)?, q.day(&ctx)?).await?,
    ))
}

pub async fn board(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(code): Path<String>,
    Query(q): Query<YearQuery>,
) -> AppResult<Json<Board>> {
    Ok(Json(
        registrations::board(&ctx, &actor, &code, q.year(&ctx)?, q.day(&ctx)?).await?,
    ))
}

pub async fn register(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(code): Path<String>,
    ApiJson(input): ApiJson<RegisterInput>,
) -> AppResult<(StatusCode, Json<RegistrationView>)> {
    signed_in(&actor)?;
    Ok((
        StatusCode::CREATED,
        Json(registrations::register(&ctx, &actor, &code, &input, ctx.today()).await?),
    ))
}

pub async fn registration(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(id): Path<i64>,
) -> AppResult<Json<RegistrationView>> {
    Ok(Json(
        registrations::get(&ctx, &actor, id, ctx.today()).await?,
    ))
}

pub async fn step(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(id): Path<i64>,
    ApiJson(input): ApiJson<StepInput>,
) -> AppResult<Json<RegistrationView>> {
    signed_in(&actor)?;
    Ok(Json(
        registrations::step(&ctx, &actor, id, &input, ctx.today()).await?,
    ))
}

/// `POST` of an evidence file (multipart `file`, optional `criterion`).
pub fn upload_post() -> axum::routing::MethodRouter<Ctx> {
    crate::http::upload::post(upload)
}

pub async fn upload(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(id): Path<i64>,
    mp: Result<Multipart, MultipartRejection>,
) -> AppResult<(StatusCode, Json<FileRow>)> {
    crate::http::upload::signed_in(&actor)?;
    let form = crate::http::upload::read(&ctx, mp, crate::http::upload::Csrf::Checked).await?;
    let criterion = form.get("criterion");
    let criterion = Some(criterion.trim()).filter(|c| !c.is_empty());
    let (name, bytes) = form.required_file().await?;
    Ok((
        StatusCode::CREATED,
        Json(registrations::upload(&ctx, &actor, id, criterion, &name, &bytes).await?),
    ))
}

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

pub async fn index_show(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(code): Path<String>,
    Query(q): Query<YearQuery>,
) -> AppResult<Json<IndexView>> {
    Ok(Json(
        index::index(&ctx, &actor, &code, q.year(&ctx)?, q.day(&ctx)?).await?,
    ))
}

pub async fn index_result(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(code): Path<String>,
    ApiJson(input): ApiJson<ResultInput>,
) -> AppResult<(StatusCode, Json<ResultRow>)> {
    signed_in(&actor)?;
    Ok((
        StatusCode::CREATED,
        Json(index::record_result(&ctx, &actor, &code, &input, ctx.today()).await?),
    ))
}

pub async fn index_target(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(code): Path<String>,
    ApiJson(input): ApiJson<TargetInput>,
) -> AppResult<(StatusCode, Json<TargetRow>)> {
    signed_in(&actor)?;
    Ok((
        StatusCode::CREATED,
        Json(index::record_target(&ctx, &actor, &code, &input, ctx.today()).await?),
    ))
}

/// The operations of this area, for the OpenAPI document.
#[derive(utoipa::OpenApi)]
#[openapi()]
pub(super) struct Doc;
