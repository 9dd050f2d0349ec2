//! Households, the adoption ledger, teams, metrics, indicators and values.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;

use super::types::field::{
    AdoptionIn, HouseholdsIn, HouseholdsOut, IdOut, IdsOut, IndicatorIn, IndicatorOut,
    IndicatorsOut, LeaveIn, MembersIn, MetricIn, MetricOut, MetricsOut, NewTeamIn, RecordedOut,
    SavedValueOut, SessionIn, TargetIn, TeamRowOut, TeamsOut, ValueIn,
};
use crate::error::{AppError, AppResult};
use crate::http::extract::{ApiActor, ApiJson, OnQuery, Query};
use crate::service::{Actor, Ctx, households, indicators, teams};

/// The operations of this area, for the OpenAPI document.
#[derive(utoipa::OpenApi)]
#[openapi(paths(
    households_list,
    households_create,
    adoption_record,
    teams_list,
    team_create,
    members_add,
    member_leave,
    session_create,
    metrics_list,
    metric_create,
    indicators_list,
    indicator_create,
    target_create,
    value_enter
))]
pub(super) struct Doc;

fn signed_in(actor: &Actor) -> AppResult<()> {
    if actor.is_signed_in() {
        Ok(())
    } else {
        Err(AppError::SignInRequired)
    }
}

/// Households of a village with their adoptions on the day (personal data masked unless the role needs it)
#[utoipa::path(get, path = "/units/{code}/households", tag = "field",
    params(("code" = String, Path, description = "The village's code"), OnQuery),
    responses((status = 200, body = HouseholdsOut)))]
pub async fn households_list(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(code): Path<String>,
    Query(q): Query<OnQuery>,
) -> AppResult<Json<HouseholdsOut>> {
    signed_in(&actor)?;
    let day = q.day(&ctx)?;
    let items = households::list(&ctx, &actor, &code, day).await?;
    Ok(Json(HouseholdsOut {
        on: day,
        items: items.into_iter().map(Into::into).collect(),
    }))
}

/// Register a household, or {"items": [...]} many in one transaction (codes unique in the village)
#[utoipa::path(post, path = "/units/{code}/households", tag = "field",
    params(("code" = String, Path, description = "The village's code"), OnQuery),
    request_body = HouseholdsIn,
    responses((status = 201, body = IdsOut)))]
pub async fn households_create(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(code): Path<String>,
    Query(q): Query<OnQuery>,
    ApiJson(body): ApiJson<HouseholdsIn>,
) -> AppResult<(StatusCode, Json<IdsOut>)> {
    signed_in(&actor)?;
    let items: Vec<(String, households::HouseholdInput)> = match body {
        HouseholdsIn::Many { items } => items
            .into_iter()
            .map(|i| (code.clone(), i.into()))
            .collect(),
        HouseholdsIn::One(i) => vec![(code.clone(), i.into())],
    };
    let ids = households::import_households(&ctx, &actor, q.day(&ctx)?, &items).await?;
    Ok((StatusCode::CREATED, Json(IdsOut { ids })))
}

/// Record help given to a household (or a correction); moves the village, commune, district and province figures at once
#[utoipa::path(post, path = "/households/{id}/adoptions", tag = "field",
    params(("id" = i64, Path, description = "The household's id")),
    request_body = AdoptionIn,
    responses((status = 201, body = RecordedOut)))]
pub async fn adoption_record(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(id): Path<i64>,
    ApiJson(input): ApiJson<AdoptionIn>,
) -> AppResult<(StatusCode, Json<RecordedOut>)> {
    signed_in(&actor)?;
    let recorded = households::record(&ctx, &actor, id, &input.into()).await?;
    Ok((StatusCode::CREATED, Json(recorded.into())))
}

/// Active teams of the unit (and of its villages, for a commune) with their members
#[utoipa::path(get, path = "/units/{code}/teams", tag = "field",
    params(("code" = String, Path, description = "The unit's GSO code"), OnQuery),
    responses((status = 200, body = TeamsOut)))]
pub async fn teams_list(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(code): Path<String>,
    Query(q): Query<OnQuery>,
) -> AppResult<Json<TeamsOut>> {
    let day = q.day(&ctx)?;
    let items = teams::teams_near(&ctx, &actor, &code, day).await?;
    Ok(Json(TeamsOut {
        on: day,
        items: items.into_iter().map(Into::into).collect(),
    }))
}

/// Form a community tech team in a commune or village (officers)
#[utoipa::path(post, path = "/units/{code}/teams", tag = "field",
    params(("code" = String, Path, description = "The unit's GSO code"), OnQuery),
    request_body = NewTeamIn,
    responses((status = 201, body = TeamRowOut)))]
pub async fn team_create(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(code): Path<String>,
    Query(q): Query<OnQuery>,
    ApiJson(input): ApiJson<NewTeamIn>,
) -> AppResult<(StatusCode, Json<TeamRowOut>)> {
    signed_in(&actor)?;
    let team = teams::create_team(&ctx, &actor, &code, q.day(&ctx)?, &input.into()).await?;
    Ok((StatusCode::CREATED, Json(team.into())))
}

/// Add a member, or {"members": [...]}, to a team
#[utoipa::path(post, path = "/teams/{id}/members", tag = "field",
    params(("id" = i64, Path, description = "The team's id"), OnQuery),
    request_body = MembersIn,
    responses((status = 201, body = IdsOut)))]
pub async fn members_add(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(id): Path<i64>,
    Query(q): Query<OnQuery>,
    ApiJson(body): ApiJson<MembersIn>,
) -> AppResult<(StatusCode, Json<IdsOut>)> {
    signed_in(&actor)?;
    let members: Vec<teams::MemberInput> = match body {
        MembersIn::Many { members } => members.into_iter().map(Into::into).collect(),
        MembersIn::One(m) => vec![m.into()],
    };
    let ids = teams::add_members(&ctx, &actor, id, q.day(&ctx)?, &members).await?;
    Ok((StatusCode::CREATED, Json(IdsOut { ids })))
}

/// A member leaves the team
#[utoipa::path(post, path = "/team-members/{id}/leave", tag = "field",
    params(("id" = i64, Path, description = "The team member's id")),
    request_body = LeaveIn,
    responses((status = 204, description = "Done")))]
pub async fn member_leave(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(id): Path<i64>,
    ApiJson(body): ApiJson<LeaveIn>,
) -> AppResult<StatusCode> {
    signed_in(&actor)?;
    teams::member_leaves(&ctx, &actor, id, body.left_on).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Record a guidance session (its members must be in teams of the same commune)
#[utoipa::path(post, path = "/teams/{id}/sessions", tag = "field",
    params(("id" = i64, Path, description = "The team's id")),
    request_body = SessionIn,
    responses((status = 201, body = IdOut)))]
pub async fn session_create(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(id): Path<i64>,
    ApiJson(input): ApiJson<SessionIn>,
) -> AppResult<(StatusCode, Json<IdOut>)> {
    signed_in(&actor)?;
    let id = teams::record_session(&ctx, &actor, id, &input.into()).await?;
    Ok((StatusCode::CREATED, Json(IdOut { id })))
}

/// Metrics (data elements)
#[utoipa::path(get, path = "/metrics", tag = "indicators",
    responses((status = 200, body = MetricsOut)))]
pub async fn metrics_list(State(ctx): State<Ctx>) -> AppResult<Json<MetricsOut>> {
    let items = ctx
        .figures()
        .metrics()
        .iter()
        .map(|(_, m)| m.clone().into())
        .collect();
    Ok(Json(MetricsOut { items }))
}

/// Define a metric (admins, province officers)
#[utoipa::path(post, path = "/metrics", tag = "indicators",
    request_body = MetricIn,
    responses((status = 201, body = MetricOut)))]
pub async fn metric_create(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    ApiJson(input): ApiJson<MetricIn>,
) -> AppResult<(StatusCode, Json<MetricOut>)> {
    signed_in(&actor)?;
    let metric = indicators::create_metric(&ctx, &actor, &input.into()).await?;
    Ok((StatusCode::CREATED, Json(metric.into())))
}

/// Indicators and the base codes formulas may read
#[utoipa::path(get, path = "/indicators", tag = "indicators",
    responses((status = 200, body = IndicatorsOut)))]
pub async fn indicators_list(State(ctx): State<Ctx>) -> AppResult<Json<IndicatorsOut>> {
    let items = ctx
        .figures()
        .indicators()
        .iter()
        .map(|(r, _)| r.clone().into())
        .collect();
    Ok(Json(IndicatorsOut {
        items,
        base_codes: indicators::base_codes(),
    }))
}

/// Define an indicator as a formula (numbers, codes, + - * /, parentheses, min, max, if, comparisons); errors name the position
#[utoipa::path(post, path = "/indicators", tag = "indicators",
    request_body = IndicatorIn,
    responses((status = 201, body = IndicatorOut)))]
pub async fn indicator_create(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    ApiJson(input): ApiJson<IndicatorIn>,
) -> AppResult<(StatusCode, Json<IndicatorOut>)> {
    signed_in(&actor)?;
    let row = indicators::create_indicator(&ctx, &actor, &input.into()).await?;
    Ok((StatusCode::CREATED, Json(row.into())))
}

/// Set a target for an indicator in a unit
#[utoipa::path(post, path = "/targets", tag = "indicators",
    params(OnQuery),
    request_body = TargetIn,
    responses((status = 201, body = IdOut)))]
pub async fn target_create(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Query(q): Query<OnQuery>,
    ApiJson(input): ApiJson<TargetIn>,
) -> AppResult<(StatusCode, Json<IdOut>)> {
    signed_in(&actor)?;
    let id = indicators::create_target(&ctx, &actor, &input.into(), q.day(&ctx)?).await?;
    Ok((StatusCode::CREATED, Json(IdOut { id })))
}

/// Enter or change a value; a change must carry the version it edits (a stale edit is refused with 409)
#[utoipa::path(post, path = "/values", tag = "indicators",
    request_body = ValueIn,
    responses((status = 200, body = SavedValueOut)))]
pub async fn value_enter(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    ApiJson(input): ApiJson<ValueIn>,
) -> AppResult<Json<SavedValueOut>> {
    signed_in(&actor)?;
    Ok(Json(
        indicators::enter_value(&ctx, &actor, &input.into())
            .await?
            .into(),
    ))
}
