//! `/api/v1/party/orgs/{id}/meetings`, `/api/v1/party/meetings/...`,
//! `/api/v1/party/tasks/...`, `/api/v1/party/notices`: meetings, their
//! notices, attendance, minutes and follow-up tasks.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;

use crate::error::AppResult;
use crate::http::api::types::party::meetings::{
    AttendanceIn, MeetingDetailOut, MeetingListOut, MeetingOut, MinutesIn, NewMeetingIn, NewTaskIn,
    NoticeListOut, SentOut, TaskOut,
};
use crate::http::extract::{ApiActor, ApiJson};
use crate::service::Ctx;
use crate::service::party::{meetings, minutes as minutes_service, tasks};

/// Meetings of an organisation, newest first (its members)
#[utoipa::path(get, path = "/party/orgs/{id}/meetings", tag = "party",
    params(("id" = i64, Path, description = "The organisation's id")),
    responses((status = 200, body = MeetingListOut)))]
pub async fn org_meetings(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(id): Path<i64>,
) -> AppResult<Json<MeetingListOut>> {
    let items = meetings::list(&ctx, &actor, id).await?;
    Ok(Json(MeetingListOut {
        items: items.into_iter().map(Into::into).collect(),
    }))
}

/// Create a meeting (the organisation's secretary or deputy)
#[utoipa::path(post, path = "/party/meetings", tag = "party",
    request_body = NewMeetingIn,
    responses((status = 201, body = MeetingOut)))]
pub async fn create_meeting(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    ApiJson(input): ApiJson<NewMeetingIn>,
) -> AppResult<(StatusCode, Json<MeetingOut>)> {
    let meeting = meetings::create(&ctx, &actor, &input.into()).await?;
    Ok((StatusCode::CREATED, Json(meeting.into())))
}

/// Open a meeting (its organisation's members; 404 for anyone else); marks the notice seen
#[utoipa::path(get, path = "/party/meetings/{id}", tag = "party",
    params(("id" = i64, Path, description = "The meeting's id")),
    responses((status = 200, body = MeetingDetailOut)))]
pub async fn meeting(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(id): Path<i64>,
) -> AppResult<Json<MeetingDetailOut>> {
    Ok(Json(meetings::open(&ctx, &actor, id).await?.into()))
}

/// Send the meeting's notice to every member
#[utoipa::path(post, path = "/party/meetings/{id}/notice", tag = "party",
    params(("id" = i64, Path, description = "The meeting's id")),
    responses((status = 200, body = SentOut)))]
pub async fn send_notice(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(id): Path<i64>,
) -> AppResult<Json<SentOut>> {
    let sent = meetings::send_notice(&ctx, &actor, id).await?;
    Ok(Json(SentOut { sent }))
}

/// Record attendance: present, late, or absent with a reason, per member
#[utoipa::path(put, path = "/party/meetings/{id}/attendance", tag = "party",
    params(("id" = i64, Path, description = "The meeting's id")),
    request_body = AttendanceIn,
    responses((status = 204, description = "Recorded")))]
pub async fn attendance(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(id): Path<i64>,
    ApiJson(body): ApiJson<AttendanceIn>,
) -> AppResult<StatusCode> {
    let items: Vec<meetings::AttendanceInput> = body.items.into_iter().map(Into::into).collect();
    meetings::record_attendance(&ctx, &actor, id, &items).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Write the minutes and resolutions
#[utoipa::path(put, path = "/party/meetings/{id}/minutes", tag = "party",
    params(("id" = i64, Path, description = "The meeting's id")),
    request_body = MinutesIn,
    responses((status = 204, description = "Written")))]
pub async fn minutes(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(id): Path<i64>,
    ApiJson(input): ApiJson<MinutesIn>,
) -> AppResult<StatusCode> {
    minutes_service::write_minutes(&ctx, &actor, id, &input.into()).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Cancel a meeting not yet held
#[utoipa::path(post, path = "/party/meetings/{id}/cancel", tag = "party",
    params(("id" = i64, Path, description = "The meeting's id")),
    responses((status = 204, description = "Cancelled")))]
pub async fn cancel_meeting(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(id): Path<i64>,
) -> AppResult<StatusCode> {
    meetings::cancel(&ctx, &actor, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Add a follow-up task with an owner and a deadline
#[utoipa::path(post, path = "/party/meetings/{id}/tasks", tag = "party",
    params(("id" = i64, Path, description = "The meeting's id")),
    request_body = NewTaskIn,
    responses((status = 201, body = TaskOut)))]
pub async fn add_task(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(id): Path<i64>,
    ApiJson(input): ApiJson<NewTaskIn>,
) -> AppResult<(StatusCode, Json<TaskOut>)> {
    let task = tasks::add_task(&ctx, &actor, id, &input.into()).await?;
    Ok((StatusCode::CREATED, Json(task.into())))
}

/// Mark a task done (its owner or the secretary)
#[utoipa::path(post, path = "/party/tasks/{id}/done", tag = "party",
    params(("id" = i64, Path, description = "The task's id")),
    responses((status = 204, description = "Done")))]
pub async fn finish_task(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(id): Path<i64>,
) -> AppResult<StatusCode> {
    tasks::finish_task(&ctx, &actor, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The member's meeting notices, newest first
#[utoipa::path(get, path = "/party/notices", tag = "party",
    responses((status = 200, body = NoticeListOut)))]
pub async fn notices(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
) -> AppResult<Json<NoticeListOut>> {
    let items = meetings::notices(&ctx, &actor).await?;
    Ok(Json(NoticeListOut {
        items: items.into_iter().map(Into::into).collect(),
    }))
}
