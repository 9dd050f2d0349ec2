//! `/api/v1/units...`: the hierarchy on a day.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde::Deserialize;

use super::types::units::{
    LoadedListsOut, NationalOut, NewVillageIn, SearchOut, SuccessionsOut, SummaryOut, UnitListOut,
    UnitRowListOut, UnitRowOut,
};
use crate::error::AppResult;
use crate::http::extract::{ApiActor, ApiJson, OnQuery, Query};
use crate::service::{Ctx, units};

/// The operations of this area, for the OpenAPI document.
#[derive(utoipa::OpenApi)]
#[openapi(paths(
    list,
    national,
    search,
    show,
    children,
    ancestors,
    summary,
    successions,
    create_village,
    lists
))]
pub(super) struct Doc;

/// Where the caller's work starts on a day: all provinces for the public and admins, the units of their grants otherwise
#[utoipa::path(get, path = "/units", tag = "units",
    params(OnQuery),
    responses((status = 200, body = UnitRowListOut)))]
pub async fn list(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Query(q): Query<OnQuery>,
) -> AppResult<Json<UnitRowListOut>> {
    let day = q.day(&ctx)?;
    let items = units::starting_points(&ctx, &actor, day);
    Ok(Json(UnitRowListOut {
        on: day,
        items: items.into_iter().map(Into::into).collect(),
    }))
}

/// Units per level over the whole country on a day
#[utoipa::path(get, path = "/units/summary", tag = "units",
    params(OnQuery),
    responses((status = 200, body = NationalOut)))]
pub async fn national(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Query(q): Query<OnQuery>,
) -> AppResult<Json<NationalOut>> {
    let day = q.day(&ctx)?;
    let counts = units::national(&ctx, &actor, day)?;
    Ok(Json(NationalOut {
        on: day,
        unit: (),
        counts: counts.into(),
    }))
}

/// `?q=...&on=...&limit=...`
#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchQuery {
    /// The name searched for, at most 100 characters.
    #[serde(default)]
    #[param(max_length = 100)]
    q: String,
    /// The day to read on (YYYY-MM-DD, or DD/MM/YYYY as people in Vietnam
    /// write it); default today in Vietnam.
    #[param(value_type = Option<chrono::NaiveDate>)]
    on: Option<String>,
    /// How many hits at most (default 20).
    #[param(value_type = Option<i64>, minimum = 1, maximum = 50)]
    limit: Option<String>,
}

/// A whole-number query parameter, named in the error.
pub fn whole_number(field: &str, raw: Option<&str>) -> AppResult<Option<i64>> {
    match raw.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) => s.parse().map(Some).map_err(|_| {
            let msg = crate::i18n::messages::Msg::new("value.whole_number").arg("value", s);
            crate::error::AppError::invalid(field, msg)
        }),
    }
}

/// Search units by name; diacritics and case are folded ('khe banh' finds 'Khe Bành'); inside the caller's area
#[utoipa::path(get, path = "/units/search", tag = "units",
    params(SearchQuery),
    responses((status = 200, body = SearchOut)))]
pub async fn search(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Query(q): Query<SearchQuery>,
) -> AppResult<Json<SearchOut>> {
    let day = OnQuery { on: q.on }.day(&ctx)?;
    let limit = whole_number("limit", q.limit.as_deref())?
        .unwrap_or(20)
        .clamp(1, units::SEARCH_LIMIT as i64);
    let hits = units::search(&ctx, &actor, &q.q, day, limit as usize)?;
    Ok(Json(SearchOut {
        on: day,
        q: q.q,
        items: hits.into_iter().map(Into::into).collect(),
    }))
}

/// A unit on a day, with counts of the units below it
#[utoipa::path(get, path = "/units/{code}", tag = "units",
    params(("code" = String, Path, description = "Unit code: 2 (province), 3 (district), 5 (commune) or 8 (village) digits"), OnQuery),
    responses((status = 200, body = UnitRowOut)))]
pub async fn show(
    State(ctx): State<Ctx>,
    ApiActor(_actor): ApiActor,
    Path(code): Path<String>,
    Query(q): Query<OnQuery>,
) -> AppResult<Json<UnitRowOut>> {
    Ok(Json(units::get_open(&ctx, &code, q.day(&ctx)?)?.into()))
}

/// The unit's direct children on a day, in code order
#[utoipa::path(get, path = "/units/{code}/children", tag = "units",
    params(("code" = String, Path, description = "Unit code: 2 (province), 3 (district), 5 (commune) or 8 (village) digits"), OnQuery),
    responses((status = 200, body = UnitRowListOut)))]
pub async fn children(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(code): Path<String>,
    Query(q): Query<OnQuery>,
) -> AppResult<Json<UnitRowListOut>> {
    let day = q.day(&ctx)?;
    let items = units::children(&ctx, &actor, &code, day)?;
    Ok(Json(UnitRowListOut {
        on: day,
        items: items.into_iter().map(Into::into).collect(),
    }))
}

/// The unit's ancestors on a day, from the top
#[utoipa::path(get, path = "/units/{code}/ancestors", tag = "units",
    params(("code" = String, Path, description = "Unit code: 2 (province), 3 (district), 5 (commune) or 8 (village) digits"), OnQuery),
    responses((status = 200, body = UnitListOut)))]
pub async fn ancestors(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(code): Path<String>,
    Query(q): Query<OnQuery>,
) -> AppResult<Json<UnitListOut>> {
    let day = q.day(&ctx)?;
    let items = units::ancestors(&ctx, &actor, &code, day)?;
    Ok(Json(UnitListOut {
        on: day,
        items: items.into_iter().map(Into::into).collect(),
    }))
}

/// Counts per level below the unit on a day
#[utoipa::path(get, path = "/units/{code}/summary", tag = "units",
    params(("code" = String, Path, description = "Unit code: 2 (province), 3 (district), 5 (commune) or 8 (village) digits"), OnQuery),
    responses((status = 200, body = SummaryOut)))]
pub async fn summary(
    State(ctx): State<Ctx>,
    ApiActor(_actor): ApiActor,
    Path(code): Path<String>,
    Query(q): Query<OnQuery>,
) -> AppResult<Json<SummaryOut>> {
    let day = q.day(&ctx)?;
    let row = units::get_open(&ctx, &code, day)?;
    Ok(Json(SummaryOut {
        on: day,
        unit: row.unit.into(),
        counts: row.counts.into(),
    }))
}

/// What the unit version became, and what it was formed from, at a reorganisation
#[utoipa::path(get, path = "/units/{code}/successions", tag = "units",
    params(("code" = String, Path, description = "Unit code: 2 (province), 3 (district), 5 (commune) or 8 (village) digits"), OnQuery),
    responses((status = 200, body = SuccessionsOut)))]
pub async fn successions(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(code): Path<String>,
    Query(q): Query<OnQuery>,
) -> AppResult<Json<SuccessionsOut>> {
    let day = q.day(&ctx)?;
    let mut links = units::successions(&ctx, &actor, &code, day).await?;
    let mut take = |key: &str| -> Vec<_> {
        links
            .remove(key)
            .unwrap_or_default()
            .into_iter()
            .map(Into::into)
            .collect()
    };
    Ok(Json(SuccessionsOut {
        on: day,
        successors: take("successors"),
        predecessors: take("predecessors"),
    }))
}

/// Add a village under a commune (officers of the commune or above)
///
/// Its code is the commune's code and the next free 3-digit number.
#[utoipa::path(post, path = "/units/{code}/villages", tag = "units",
    params(("code" = String, Path, description = "The commune's code (5 digits)"), OnQuery),
    request_body = NewVillageIn,
    responses((status = 201, body = UnitRowOut)))]
pub async fn create_village(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(code): Path<String>,
    Query(q): Query<OnQuery>,
    ApiJson(input): ApiJson<NewVillageIn>,
) -> AppResult<(StatusCode, Json<UnitRowOut>)> {
    let row = units::create_village(&ctx, &actor, &code, q.day(&ctx)?, &input.into()).await?;
    Ok((StatusCode::CREATED, Json(row.into())))
}

/// Official lists and mappings loaded, with the day each holds from
#[utoipa::path(get, path = "/unit-lists", tag = "units",
    responses((status = 200, body = LoadedListsOut)))]
pub async fn lists(State(ctx): State<Ctx>) -> AppResult<Json<LoadedListsOut>> {
    let items = units::lists(&ctx).await?;
    Ok(Json(LoadedListsOut {
        items: items.into_iter().map(Into::into).collect(),
    }))
}
