//! Households, the adoption ledger, teams, metrics, indicators and values.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde::Deserialize;
use serde_json::{Value, json};

use crate::error::{AppError, AppResult};
use crate::http::extract::{ApiActor, ApiJson, OnQuery, Query};
use crate::service::{Actor, Ctx, households, indicators, teams};

fn signed_in(actor: &Actor) -> AppResult<()> {
    if actor.is_signed_in() {
        Ok(())
    } else {
        Err(AppError::SignInRequired)
    }
}

pub async fn households_list(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(code): Path<String>,
    Query(q): Query<OnQuery>,
) -> AppResult<Json<Value>> {
    signed_in(&actor)?;
    let day = q.day(&ctx)?;
    Ok(Json(
        json!({ "on": day, "items": households::list(&ctx, &actor, &code, day).await? }),
    ))
}

/// One household, or `{"items": [...]}` for many in one transaction.
#[derive(Deserialize)]
#[serde(untagged)]
pub enum HouseholdsBody {
    Many {
        items: Vec<households::HouseholdInput>,
    },
    One(households::HouseholdInput),
}

pub async fn households_create(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(code): Path<String>,
    Query(q): Query<OnQuery>,
    ApiJson(body): ApiJson<HouseholdsBody>,
) -> AppResult<(StatusCode, Json<Value>)> {
    signed_in(&actor)?;
    let items: Vec<(String, households::HouseholdInput)> = match body {
        HouseholdsBody::Many { items } => items.into_iter().map(|i| (code.clone(), i)).collect(),
        HouseholdsBody::One(i) => vec![(code.clone(), i)],
    };
    let ids = households::import_households(&ctx, &actor, q.day(&ctx)?, &items).await?;
    Ok((StatusCode::CREATED, Json(json!({ "ids": ids }))))
}

pub async fn adoption_record(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(id): Path<i64>,
    ApiJson(input): ApiJson<households::AdoptionInput>,
) -> AppResult<(StatusCode, Json<households::Recorded>)> {
    signed_in(&actor)?;
    Ok((
        StatusCode::CREATED,
        Json(households::record(&ctx, &actor, id, &input).await?),
    ))
}

pub async fn teams_list(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(code): Path<String>,
    Query(q): Query<OnQuery>,
) -> AppResult<Json<Value>> {
    let day = q.day(&ctx)?;
    Ok(Json(
        json!({ "on": day, "items": teams::teams_near(&ctx, &actor, &code, day).await? }),
    ))
}

pub async fn team_create(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(code): Path<String>,
    Query(q): Query<OnQuery>,
    ApiJson(input): ApiJson<teams::NewTeam>,
) -> AppResult<(StatusCode, Json<Value>)> {
    signed_in(&actor)?;
    let team = teams::create_team(&ctx, &actor, &code, q.day(&ctx)?, &input).await?;
    Ok((StatusCode::CREATED, Json(json!(team))))
}

#[derive(Deserialize)]
#[serde(untagged)]
pub enum MembersBody {
    Many { members: Vec<teams::MemberInput> },
    One(teams::MemberInput),
}

pub async fn members_add(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(id): Path<i64>,
    Query(q): Query<OnQuery>,
    ApiJson(body): ApiJson<MembersBody>,
) -> AppResult<(StatusCode, Json<Value>)> {
    signed_in(&actor)?;
    let members = match body {
        MembersBody::Many { members } => members,
        MembersBody::One(m) => vec![m],
    };
    let ids = teams::add_members(&ctx, &actor, id, q.day(&ctx)?, &members).await?;
    Ok((StatusCode::CREATED, Json(json!({ "ids": ids }))))
}

#[derive(Deserialize)]
pub struct LeaveBody {
    left_on: chrono::NaiveDate,
}

pub async fn member_leave(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(id): Path<i64>,
    ApiJson(body): ApiJson<LeaveBody>,
) -> AppResult<StatusCode> {
    signed_in(&actor)?;
    teams::member_leaves(&ctx, &actor, id, body.left_on).await?;
    Ok(StatusCode::NO_CONTENT)
}

pub async fn session_create(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(id): Path<i64>,
    ApiJson(input): ApiJson<teams::SessionInput>,
) -> AppResult<(StatusCode, Json<Value>)> {
    signed_in(&actor)?;
    let id = teams::record_session(&ctx, &actor, id, &input).await?;
    Ok((StatusCode::CREATED, Json(json!({ "id": id }))))
}

pub async fn metrics_list(State(ctx): State<Ctx>) -> AppResult<Json<Value>> {
    let items: Vec<Value> = ctx
        .figures()
        .metrics()
        .iter()
        .map(|(_, m)| json!(m))
        .collect();
    Ok(Json(json!({ "items": items })))
}

pub async fn metric_create(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    ApiJson(input): ApiJson<indicators::MetricInput>,
) -> AppResult<(StatusCode, Json<Value>)> {
    signed_in(&actor)?;
    Ok((
        StatusCode::CREATED,
        Json(json!(
            indicators::create_metric(&ctx, &actor, &input).await?
        )),
    ))
}

pub async fn indicators_list(State(ctx): State<Ctx>) -> AppResult<Json<Value>> {
    let items: Vec<Value> = ctx
        .figures()
        .indicators()
        .iter()
        .map(|(r, _)| json!(r))
        .collect();
    Ok(Json(
        json!({ "items": items, "base_codes": indicators::base_codes() }),
    ))
}

pub async fn indicator_create(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    ApiJson(input): ApiJson<indicators::IndicatorInput>,
) -> AppResult<(StatusCode, Json<Value>)> {
    signed_in(&actor)?;
    Ok((
        StatusCode::CREATED,
        Json(json!(
            indicators::create_indicator(&ctx, &actor, &input).await?
        )),
    ))
}

pub async fn target_create(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Query(q): Query<OnQuery>,
    ApiJson(input): ApiJson<indicators::TargetInput>,
) -> AppResult<(StatusCode, Json<Value>)> {
    signed_in(&actor)?;
    let id = indicators::create_target(&ctx, &actor, &input, q.day(&ctx)?).await?;
    Ok((StatusCode::CREATED, Json(json!({ "id": id }))))
}

pub async fn value_enter(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    ApiJson(input): ApiJson<indicators::ValueInput>,
) -> AppResult<Json<indicators::SavedValue>> {
    signed_in(&actor)?;
    Ok(Json(indicators::enter_value(&ctx, &actor, &input).await?))
}

/// The operations of this area, for the OpenAPI document.
#[derive(utoipa::OpenApi)]
#[openapi()]
pub(super) struct Doc;
