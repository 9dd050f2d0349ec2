//! `/api/v1/party/...`: the party-member e-handbook (member's home,
//! organisations, meetings, documents and their files, notes), and
//! `/api/v1/units/{code}/party-summary`, the handbook's headline figures.
//! The member's home, organisations and figures here; meetings, documents
//! (with their files) and notes in their own modules.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use super::types::party::{
    HomeOut, MemberOut, NewMemberIn, NewOrgIn, OrgOut, OrgPageOut, OverviewOut, SummaryOut,
};
use crate::error::AppResult;
use crate::http::extract::{ApiActor, ApiJson, OnQuery, Query};
use crate::service::party;
use crate::service::{Ctx, units};

mod documents;
mod meetings;
mod notes;

pub use documents::{
    create_document, document, documents, download, mark_read, receipts, upload_post,
};
pub use meetings::{
    add_task, attendance, cancel_meeting, create_meeting, finish_task, meeting, minutes, notices,
    org_meetings, send_notice,
};
pub use notes::{create_note, delete_note, note, notes, update_note};

/// The operations of this area, for the OpenAPI document.
#[derive(utoipa::OpenApi)]
#[openapi(paths(
    summary,
    home,
    create_org,
    org,
    add_member,
    overview,
    meetings::org_meetings,
    meetings::create_meeting,
    meetings::meeting,
    meetings::send_notice,
    meetings::attendance,
    meetings::minutes,
    meetings::cancel_meeting,
    meetings::add_task,
    meetings::finish_task,
    meetings::notices,
    documents::documents,
    documents::create_document,
    documents::document,
    documents::mark_read,
    documents::receipts,
    documents::upload,
    documents::download,
    notes::notes,
    notes::create_note,
    notes::note,
    notes::update_note,
    notes::delete_note
))]
pub(super) struct Doc;

/// Party e-handbook figures for the cells in the unit's subtree on a day
///
/// party.cells, party.members (on the day), party.handbook_users (members
/// with a sign-in or an opened meeting or document from the first of the
/// month to the day), party.meetings (held this month),
/// party.attendance_pct. Counted from the records.
#[utoipa::path(get, path = "/units/{code}/party-summary", tag = "party",
    params(("code" = String, Path, description = "The unit's GSO code"), OnQuery),
    responses((status = 200, body = SummaryOut)))]
pub async fn summary(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(code): Path<String>,
    Query(q): Query<OnQuery>,
) -> AppResult<Json<SummaryOut>> {
    let day = q.day(&ctx)?;
    let row = units::get(&ctx, &actor, &code, day)?;
    let figures = party::headline_figures(&ctx, row.unit.id, day)
        .await?
        .into_iter()
        .map(|(key, f)| (key.to_owned(), f.into()))
        .collect();
    Ok(Json(SummaryOut {
        on: day,
        unit: row.unit.into(),
        figures,
    }))
}

/// The member's home: memberships, next meetings, notices, documents to read, tasks, notes
#[utoipa::path(get, path = "/party/me", tag = "party",
    responses((status = 200, body = HomeOut)))]
pub async fn home(State(ctx): State<Ctx>, ApiActor(actor): ApiActor) -> AppResult<Json<HomeOut>> {
    Ok(Json(party::home(&ctx, &actor).await?.into()))
}

/// Add a party organisation (admins; the secretary of the organisation above)
#[utoipa::path(post, path = "/party/orgs", tag = "party",
    request_body = NewOrgIn,
    responses((status = 201, body = OrgOut)))]
pub async fn create_org(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    ApiJson(input): ApiJson<NewOrgIn>,
) -> AppResult<(StatusCode, Json<OrgOut>)> {
    let org = party::create_org(&ctx, &actor, &input.into()).await?;
    Ok((StatusCode::CREATED, Json(org.into())))
}

/// An organisation with its members (its members and the committees above)
#[utoipa::path(get, path = "/party/orgs/{id}", tag = "party",
    params(("id" = i64, Path, description = "The organisation's id")),
    responses((status = 200, body = OrgPageOut)))]
pub async fn org(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(id): Path<i64>,
) -> AppResult<Json<OrgPageOut>> {
    Ok(Json(party::org_page(&ctx, &actor, id).await?.into()))
}

/// Add a member, optionally linked to an account
#[utoipa::path(post, path = "/party/orgs/{id}/members", tag = "party",
    params(("id" = i64, Path, description = "The organisation's id")),
    request_body = NewMemberIn,
    responses((status = 201, body = MemberOut)))]
pub async fn add_member(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(id): Path<i64>,
    ApiJson(input): ApiJson<NewMemberIn>,
) -> AppResult<(StatusCode, Json<MemberOut>)> {
    let member = party::add_member(&ctx, &actor, id, &input.into()).await?;
    Ok((StatusCode::CREATED, Json(member.into())))
}

/// Committee overview: per organisation below, cells meeting on time, members, handbook users, attendance
#[utoipa::path(get, path = "/party/orgs/{id}/overview", tag = "party",
    params(("id" = i64, Path, description = "The organisation's id"), OnQuery),
    responses((status = 200, body = OverviewOut)))]
pub async fn overview(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(id): Path<i64>,
    Query(q): Query<OnQuery>,
) -> AppResult<Json<OverviewOut>> {
    let day = match q.on.as_deref() {
        Some(_) => q.day(&ctx)?,
        None => ctx.today(),
    };
    Ok(Json(party::overview(&ctx, &actor, id, day).await?.into()))
}

/// Did the person open this from the application itself? Browsers say
/// where a request comes from in `Sec-Fetch-Site`: `same-origin` (a link
/// in the application) or `none` (typed, a bookmark) count as a read; a
/// link followed from another site (`cross-site`, `same-site`) does not.
/// Without the header (an API client, an old browser) a `Referer` from
/// another host does not count either.
pub(crate) fn opened_here(headers: &axum::http::HeaderMap) -> bool {
    let get = |name: header::HeaderName| headers.get(name).and_then(|v| v.to_str().ok());
    if let Some(site) = get(header::HeaderName::from_static("sec-fetch-site")) {
        return matches!(site, "same-origin" | "none");
    }
    match (get(header::REFERER), get(header::HOST)) {
        (Some(referer), Some(host)) => referer
            .split_once("://")
            .map(|(_, rest)| rest.split('/').next().unwrap_or(""))
            .is_some_and(|h| h.eq_ignore_ascii_case(host)),
        _ => true,
    }
}

/// A stored file as a download: its sniffed type, `attachment` with the
/// kept name, never sniffed by the browser, never cached by others.
pub(crate) fn file_response(content_type: &str, file_name: &str, bytes: Vec<u8>) -> Response {
    let mut resp = bytes.into_response();
    let h = resp.headers_mut();
    let value = |s: &str| {
        HeaderValue::from_str(s).unwrap_or(HeaderValue::from_static("application/octet-stream"))
    };
    h.insert(header::CONTENT_TYPE, value(content_type));
    if let Ok(v) = HeaderValue::from_str(&crate::domain::upload::content_disposition(file_name)) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("default-src 'none'; sandbox"),
    );
    resp
}
