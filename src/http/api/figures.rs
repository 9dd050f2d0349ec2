//! `/api/v1/units/{code}/headline|figures|trend|trace|indicators|targets`:
//! live figures of a unit on a day. Aggregates are public.

use axum::Json;
use axum::extract::{Path, State};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::error::AppResult;
use crate::http::extract::{ApiActor, OnQuery, Query};
use crate::service::{Ctx, figures, indicators, trace};

pub async fn headline(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(code): Path<String>,
    Query(q): Query<OnQuery>,
) -> AppResult<Json<figures::Headline>> {
    Ok(Json(
        crate::service::headline::headline_all(&ctx, &actor, &code, q.day(&ctx)?).await?,
    ))
}

pub async fn children(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(code): Path<String>,
    Query(q): Query<OnQuery>,
) -> AppResult<Json<Value>> {
    let day = q.day(&ctx)?;
    Ok(Json(
        json!({ "on": day, "items": figures::children_figures(&ctx, &actor, &code, day)? }),
    ))
}

#[derive(Deserialize)]
pub struct TrendQuery {
    key: String,
    from: Option<String>,
    on: Option<String>,
}

pub async fn trend(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(code): Path<String>,
    Query(q): Query<TrendQuery>,
) -> AppResult<Json<Value>> {
    let day = OnQuery { on: q.on }.day(&ctx)?;
    let from = match q.from.as_deref() {
        Some(s) => crate::domain::unit::parse_day("from", s)?,
        None => day - chrono::Months::new(17),
    };
    let points = figures::trend(&ctx, &actor, &code, &q.key, from, day)?;
    Ok(Json(json!({ "key": q.key, "on": day, "points": points })))
}

#[derive(Deserialize)]
pub struct TraceQuery {
    key: String,
    on: Option<String>,
}

pub async fn trace(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(code): Path<String>,
    Query(q): Query<TraceQuery>,
) -> AppResult<Json<trace::Trace>> {
    let day = OnQuery { on: q.on }.day(&ctx)?;
    Ok(Json(trace::trace(&ctx, &actor, &code, &q.key, day).await?))
}

pub async fn indicator_values(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(code): Path<String>,
    Query(q): Query<OnQuery>,
) -> AppResult<Json<Value>> {
    let day = q.day(&ctx)?;
    Ok(Json(
        json!({ "on": day, "items": figures::indicator_values(&ctx, &actor, &code, day)? }),
    ))
}

pub async fn targets(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(code): Path<String>,
    Query(q): Query<OnQuery>,
) -> AppResult<Json<Value>> {
    let day = q.day(&ctx)?;
    Ok(Json(
        json!({ "on": day, "items": indicators::targets_of(&ctx, &actor, &code, day).await? }),
    ))
}

/// The operations of this area, for the OpenAPI document.
#[derive(utoipa::OpenApi)]
#[openapi()]
pub(super) struct Doc;
