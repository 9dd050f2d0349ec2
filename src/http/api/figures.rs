//! `/api/v1/units/{code}/headline|figures|trend|trace|indicators|targets`:
//! live figures of a unit on a day. Aggregates are public.

use axum::Json;
use axum::extract::{Path, State};
use serde::Deserialize;

use super::types::figures::{
    HeadlineListOut, HeadlineOut, IndicatorValuesOut, TargetsOut, TraceOut, TrendOut,
};
use crate::error::AppResult;
use crate::http::extract::{ApiActor, OnQuery, Query};
use crate::service::{Ctx, figures, indicators, trace};

/// The operations of this area, for the OpenAPI document.
#[derive(utoipa::OpenApi)]
#[openapi(paths(headline, children, trend, trace, indicator_values, targets))]
pub(super) struct Doc;

/// Headline figures of a unit on a day, computed live from the records (public aggregates)
///
/// Figures are kept per month: they speak of the end of the day's month
/// (see `as_of`).
#[utoipa::path(get, path = "/units/{code}/headline", tag = "figures",
    params(("code" = String, Path, description = "The unit's GSO code"), OnQuery),
    responses((status = 200, body = HeadlineOut)))]
pub async fn headline(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(code): Path<String>,
    Query(q): Query<OnQuery>,
) -> AppResult<Json<HeadlineOut>> {
    let headline =
        crate::service::headline::headline_all(&ctx, &actor, &code, q.day(&ctx)?).await?;
    Ok(Json(headline.into()))
}

/// Headline figures of each child of the unit (the drill-down table)
#[utoipa::path(get, path = "/units/{code}/figures", tag = "figures",
    params(("code" = String, Path, description = "The unit's GSO code"), OnQuery),
    responses((status = 200, body = HeadlineListOut)))]
pub async fn children(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(code): Path<String>,
    Query(q): Query<OnQuery>,
) -> AppResult<Json<HeadlineListOut>> {
    let day = q.day(&ctx)?;
    let items = figures::children_figures(&ctx, &actor, &code, day)?;
    Ok(Json(HeadlineListOut {
        on: day,
        items: items.into_iter().map(Into::into).collect(),
    }))
}

/// `?key=...&from=...&on=...`
#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TrendQuery {
    /// The headline figure's key.
    key: String,
    /// The first day (YYYY-MM-DD); default 17 months before `on`.
    #[param(value_type = Option<chrono::NaiveDate>)]
    from: Option<String>,
    /// The day to read on (YYYY-MM-DD, or DD/MM/YYYY as people in Vietnam
    /// write it); default today in Vietnam.
    #[param(value_type = Option<chrono::NaiveDate>)]
    on: Option<String>,
}

/// One headline figure month by month
#[utoipa::path(get, path = "/units/{code}/trend", tag = "figures",
    params(("code" = String, Path, description = "The unit's GSO code"), TrendQuery),
    responses((status = 200, body = TrendOut)))]
pub async fn trend(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(code): Path<String>,
    Query(q): Query<TrendQuery>,
) -> AppResult<Json<TrendOut>> {
    let day = OnQuery { on: q.on }.day(&ctx)?;
    let from = match q.from.as_deref() {
        Some(s) => crate::domain::unit::parse_day("from", s)?,
        None => day - chrono::Months::new(17),
    };
    let points = figures::trend(&ctx, &actor, &code, &q.key, from, day)?;
    Ok(Json(TrendOut {
        key: q.key,
        on: day,
        points: points.into_iter().map(Into::into).collect(),
    }))
}

/// `?key=...&on=...`
#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TraceQuery {
    /// The headline figure's key.
    key: String,
    /// The day to read on (YYYY-MM-DD, or DD/MM/YYYY as people in Vietnam
    /// write it); default today in Vietnam.
    #[param(value_type = Option<chrono::NaiveDate>)]
    on: Option<String>,
}

/// What a figure is made of: its rule, each child's part and, in a village, the records behind it (the records only for users whose grants cover the unit)
#[utoipa::path(get, path = "/units/{code}/trace", tag = "figures",
    params(("code" = String, Path, description = "The unit's GSO code"), TraceQuery),
    responses((status = 200, body = TraceOut)))]
pub async fn trace(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    headers: axum::http::HeaderMap,
    Path(code): Path<String>,
    Query(q): Query<TraceQuery>,
) -> AppResult<Json<TraceOut>> {
    let day = OnQuery { on: q.on }.day(&ctx)?;
    let t = trace::trace(&ctx, &actor, &code, &q.key, day).await?;
    Ok(Json(TraceOut::of(
        t,
        crate::http::api_errors::api_lang(&headers),
    )))
}

/// Every indicator's value on the unit, with the inputs its formula read
#[utoipa::path(get, path = "/units/{code}/indicators", tag = "figures",
    params(("code" = String, Path, description = "The unit's GSO code"), OnQuery),
    responses((status = 200, body = IndicatorValuesOut)))]
pub async fn indicator_values(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(code): Path<String>,
    Query(q): Query<OnQuery>,
) -> AppResult<Json<IndicatorValuesOut>> {
    let day = q.day(&ctx)?;
    let items = figures::indicator_values(&ctx, &actor, &code, day)?;
    Ok(Json(IndicatorValuesOut {
        on: day,
        items: items.into_iter().map(Into::into).collect(),
    }))
}

/// Targets set for the unit and whether each is met on the day
#[utoipa::path(get, path = "/units/{code}/targets", tag = "figures",
    params(("code" = String, Path, description = "The unit's GSO code"), OnQuery),
    responses((status = 200, body = TargetsOut)))]
pub async fn targets(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(code): Path<String>,
    Query(q): Query<OnQuery>,
) -> AppResult<Json<TargetsOut>> {
    let day = q.day(&ctx)?;
    let items = indicators::targets_of(&ctx, &actor, &code, day).await?;
    Ok(Json(TargetsOut {
        on: day,
        items: items.into_iter().map(Into::into).collect(),
    }))
}
