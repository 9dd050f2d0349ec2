//! `/api/v1/party/...`: the party-member e-handbook (member's home,
//! organisations, meetings, documents and their files, notes), and
//! `/api/v1/units/{code}/party-summary`, the handbook's headline figures.

use axum::Json;
use axum::extract::multipart::{Multipart, MultipartRejection};
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::{Map, Value, json};

use crate::error::{AppError, AppResult};
use crate::http::extract::{ApiActor, ApiJson, OnQuery, Query};
use crate::service::party::{self, documents, files, meetings, minutes, notes, tasks};
use crate::service::{Ctx, units};
use crate::store::party::documents::AttachmentRow;

pub async fn summary(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(code): Path<String>,
    Query(q): Query<OnQuery>,
) -> AppResult<Json<Value>> {
    let day = q.day(&ctx)?;
    let row = units::get(&ctx, &actor, &code, day)?;
    let mut figures = Map::new();
    for (key, f) in party::headline_figures(&ctx, row.unit.id, day).await? {
        figures.insert(key.into(), serde_json::to_value(f).unwrap_or(Value::Null));
    }
    Ok(Json(
        json!({ "on": day, "unit": row.unit, "figures": figures }),
    ))
}

pub async fn home(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
) -> AppResult<Json<party::Home>> {
    Ok(Json(party::home(&ctx, &actor).await?))
}

pub async fn create_org(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    ApiJson(input): ApiJson<party::NewOrgInput>,
) -> AppResult<(StatusCode, Json<party::OrgView>)> {
    Ok((
        StatusCode::CREATED,
        Json(party::create_org(&ctx, &actor, &input).await?),
    ))
}

pub async fn org(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(id): Path<i64>,
) -> AppResult<Json<party::OrgPage>> {
    Ok(Json(party::org_page(&ctx, &actor, id).await?))
}

pub async fn add_member(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(id): Path<i64>,
    ApiJson(input): ApiJson<party::NewMemberInput>,
) -> AppResult<(StatusCode, Json<party::MemberView>)> {
    Ok((
        StatusCode::CREATED,
        Json(party::add_member(&ctx, &actor, id, &input).await?),
    ))
}

pub async fn overview(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(id): Path<i64>,
    Query(q): Query<OnQuery>,
) -> AppResult<Json<party::Overview>> {
    let day = match q.on.as_deref() {
        Some(_) => q.day(&ctx)?,
        None => ctx.today(),
    };
    Ok(Json(party::overview(&ctx, &actor, id, day).await?))
}

pub async fn org_meetings(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(id): Path<i64>,
) -> AppResult<Json<Value>> {
    Ok(Json(
        json!({ "items": meetings::list(&ctx, &actor, id).await? }),
    ))
}

pub async fn create_meeting(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    ApiJson(input): ApiJson<meetings::NewMeetingInput>,
) -> AppResult<(StatusCode, Json<meetings::MeetingSummary>)> {
    Ok((
        StatusCode::CREATED,
        Json(meetings::create(&ctx, &actor, &input).await?),
    ))
}

pub async fn meeting(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(id): Path<i64>,
) -> AppResult<Json<meetings::MeetingDetail>> {
    Ok(Json(meetings::open(&ctx, &actor, id).await?))
}

pub async fn send_notice(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(id): Path<i64>,
) -> AppResult<Json<Value>> {
    let sent = meetings::send_notice(&ctx, &actor, id).await?;
    Ok(Json(json!({ "sent": sent })))
}

#[derive(Deserialize)]
pub struct AttendanceBody {
    items: Vec<meetings::AttendanceInput>,
}

pub async fn attendance(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(id): Path<i64>,
    ApiJson(body): ApiJson<AttendanceBody>,
) -> AppResult<StatusCode> {
    meetings::record_attendance(&ctx, &actor, id, &body.items).await?;
    Ok(StatusCode::NO_CONTENT)
}

pub async fn minutes(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(id): Path<i64>,
    ApiJson(input): ApiJson<minutes::MinutesInput>,
) -> AppResult<StatusCode> {
    minutes::write_minutes(&ctx, &actor, id, &input).await?;
    Ok(StatusCode::NO_CONTENT)
}

pub async fn cancel_meeting(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(id): Path<i64>,
) -> AppResult<StatusCode> {
    meetings::cancel(&ctx, &actor, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

pub async fn add_task(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(id): Path<i64>,
    ApiJson(input): ApiJson<tasks::NewTaskInput>,
) -> AppResult<(StatusCode, Json<Value>)> {
    let task = tasks::add_task(&ctx, &actor, id, &input).await?;
    Ok((StatusCode::CREATED, Json(json!(task))))
}

pub async fn finish_task(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(id): Path<i64>,
) -> AppResult<StatusCode> {
    tasks::finish_task(&ctx, &actor, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

pub async fn notices(State(ctx): State<Ctx>, ApiActor(actor): ApiActor) -> AppResult<Json<Value>> {
    Ok(Json(
        json!({ "items": meetings::notices(&ctx, &actor).await? }),
    ))
}

#[derive(Deserialize)]
pub struct DocQuery {
    #[serde(default)]
    q: String,
    #[serde(default)]
    unread: Option<String>,
}

pub async fn documents(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Query(q): Query<DocQuery>,
) -> AppResult<Json<Value>> {
    let unread = matches!(q.unread.as_deref(), Some("true" | "1" | "yes"));
    let items = documents::search(&ctx, &actor, &q.q, unread).await?;
    Ok(Json(json!({ "q": q.q, "items": items })))
}

pub async fn create_document(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    ApiJson(input): ApiJson<documents::NewDocumentInput>,
) -> AppResult<(StatusCode, Json<documents::DocumentSummary>)> {
    Ok((
        StatusCode::CREATED,
        Json(documents::create(&ctx, &actor, &input).await?),
    ))
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

pub async fn document(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(id): Path<i64>,
    headers: axum::http::HeaderMap,
) -> AppResult<Json<documents::DocumentDetail>> {
    let count = opened_here(&headers);
    Ok(Json(documents::open(&ctx, &actor, id, count).await?))
}

/// Mark a document read explicitly (what a reader who came by a link from
/// elsewhere does).
pub async fn mark_read(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(id): Path<i64>,
) -> AppResult<Json<documents::DocumentDetail>> {
    Ok(Json(documents::open(&ctx, &actor, id, true).await?))
}

#[derive(Deserialize)]
pub struct ReceiptQuery {
    org: Option<String>,
}

pub async fn receipts(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(id): Path<i64>,
    Query(q): Query<ReceiptQuery>,
) -> AppResult<Json<documents::Receipts>> {
    let org = super::whole_number("org", q.org.as_deref())?
        .ok_or_else(|| AppError::invalid("org", "name the organisation: ?org=ID"))?;
    Ok(Json(documents::receipts(&ctx, &actor, id, org).await?))
}

/// `POST` of a file: `upload::read` limits the body as it arrives (the
/// configured upload size), so the general body limit is lifted here.
pub fn upload_post() -> axum::routing::MethodRouter<Ctx> {
    crate::http::upload::post(upload)
}

/// Who may attach is checked before the body is read: the public gets 401
/// and a member who does not run the document 403/404 without one byte of
/// the file taken in.
pub async fn upload(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(id): Path<i64>,
    mp: Result<Multipart, MultipartRejection>,
) -> AppResult<(StatusCode, Json<AttachmentRow>)> {
    crate::http::upload::signed_in(&actor)?;
    files::may_attach(&ctx, &actor, id).await?;
    let form = crate::http::upload::read(&ctx, mp, crate::http::upload::Csrf::Checked).await?;
    let (name, bytes) = form.required_file().await?;
    Ok((
        StatusCode::CREATED,
        Json(files::upload(&ctx, &actor, id, &name, &bytes).await?),
    ))
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

pub async fn download(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path((id, file_id)): Path<(i64, i64)>,
) -> AppResult<Response> {
    let (row, bytes) = files::download(&ctx, &actor, id, file_id).await?;
    Ok(file_response(&row.content_type, &row.file_name, bytes))
}

#[derive(Deserialize)]
pub struct NotesQuery {
    meeting: Option<String>,
    document: Option<String>,
}

pub async fn notes(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Query(q): Query<NotesQuery>,
) -> AppResult<Json<Value>> {
    let meeting = super::whole_number("meeting", q.meeting.as_deref())?;
    let document = super::whole_number("document", q.document.as_deref())?;
    Ok(Json(
        json!({ "items": notes::list(&ctx, &actor, meeting, document).await? }),
    ))
}

pub async fn create_note(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    ApiJson(input): ApiJson<notes::NoteInput>,
) -> AppResult<(StatusCode, Json<Value>)> {
    let note = notes::create(&ctx, &actor, &input).await?;
    Ok((StatusCode::CREATED, Json(json!(note))))
}

pub async fn note(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(id): Path<i64>,
) -> AppResult<Json<Value>> {
    Ok(Json(json!(notes::get(&ctx, &actor, id).await?)))
}

#[derive(Deserialize)]
pub struct NoteBody {
    body: String,
    /// The version the client read; a stale edit gets 409.
    version: i64,
}

pub async fn update_note(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(id): Path<i64>,
    ApiJson(input): ApiJson<NoteBody>,
) -> AppResult<Json<Value>> {
    Ok(Json(json!(
        notes::update(&ctx, &actor, id, input.version, &input.body).await?
    )))
}

pub async fn delete_note(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(id): Path<i64>,
) -> AppResult<StatusCode> {
    notes::delete(&ctx, &actor, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The operations of this area, for the OpenAPI document.
#[derive(utoipa::OpenApi)]
#[openapi()]
pub(super) struct Doc;
