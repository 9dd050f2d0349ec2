//! `/api/v1/units...`: the hierarchy on a day.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde::Deserialize;
use serde_json::{Value, json};

use crate::error::AppResult;
use crate::http::extract::{ApiActor, ApiJson, OnQuery, Query};
use crate::service::{Ctx, units};

pub async fn list(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Query(q): Query<OnQuery>,
) -> AppResult<Json<Value>> {
    let day = q.day(&ctx)?;
    Ok(Json(
        json!({ "on": day, "items": units::starting_points(&ctx, &actor, day) }),
    ))
}

pub async fn national(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Query(q): Query<OnQuery>,
) -> AppResult<Json<Value>> {
    let day = q.day(&ctx)?;
    Ok(Json(
        json!({ "on": day, "unit": null, "counts": units::national(&ctx, &actor, day)? }),
    ))
}

#[derive(Deserialize)]
pub struct SearchQuery {
    #[serde(default)]
    q: String,
    on: Option<String>,
    limit: Option<String>,
}

/// A whole-number query parameter, named in the error.
pub fn whole_number(field: &str, raw: Option<&str>) -> AppResult<Option<i64>> {
    match raw.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) => s.parse().map(Some).map_err(|_| {
            crate::error::AppError::invalid(field, format!("must be a whole number, got '{s}'"))
        }),
    }
}

pub async fn search(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Query(q): Query<SearchQuery>,
) -> AppResult<Json<Value>> {
    let day = OnQuery { on: q.on }.day(&ctx)?;
    let limit = whole_number("limit", q.limit.as_deref())?
        .unwrap_or(20)
        .clamp(1, units::SEARCH_LIMIT as i64);
    let hits = units::search(&ctx, &actor, &q.q, day, limit as usize)?;
    Ok(Json(json!({ "on": day, "q": q.q, "items": hits })))
}

pub async fn show(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(code): Path<String>,
    Query(q): Query<OnQuery>,
) -> AppResult<Json<units::UnitRow>> {
    Ok(Json(units::get(&ctx, &actor, &code, q.day(&ctx)?)?))
}

pub async fn children(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(code): Path<String>,
    Query(q): Query<OnQuery>,
) -> AppResult<Json<Value>> {
    let day = q.day(&ctx)?;
    Ok(Json(
        json!({ "on": day, "items": units::children(&ctx, &actor, &code, day)? }),
    ))
}

pub async fn ancestors(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(code): Path<String>,
    Query(q): Query<OnQuery>,
) -> AppResult<Json<Value>> {
    let day = q.day(&ctx)?;
    Ok(Json(
        json!({ "on": day, "items": units::ancestors(&ctx, &actor, &code, day)? }),
    ))
}

pub async fn summary(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(code): Path<String>,
    Query(q): Query<OnQuery>,
) -> AppResult<Json<Value>> {
    let day = q.day(&ctx)?;
    let row = units::get(&ctx, &actor, &code, day)?;
    Ok(Json(
        json!({ "on": day, "unit": row.unit, "counts": row.counts }),
    ))
}

pub async fn successions(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(code): Path<String>,
    Query(q): Query<OnQuery>,
) -> AppResult<Json<Value>> {
    let day = q.day(&ctx)?;
    let links = units::successions(&ctx, &actor, &code, day).await?;
    Ok(Json(
        json!({ "on": day, "successors": links["successors"], "predecessors": links["predecessors"] }),
    ))
}

pub async fn create_village(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(code): Path<String>,
    Query(q): Query<OnQuery>,
    ApiJson(input): ApiJson<units::NewVillage>,
) -> AppResult<(StatusCode, Json<units::UnitRow>)> {
    let row = units::create_village(&ctx, &actor, &code, q.day(&ctx)?, &input).await?;
    Ok((StatusCode::CREATED, Json(row)))
}

pub async fn lists(State(ctx): State<Ctx>) -> AppResult<Json<Value>> {
    Ok(Json(json!({ "items": units::lists(&ctx).await? })))
}

/// The operations of this area, for the OpenAPI document.
#[derive(utoipa::OpenApi)]
#[openapi()]
pub(super) struct Doc;
