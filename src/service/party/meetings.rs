//! Meetings: create and send the notice, open (members), attendance in one
//! tap per member, minutes and resolutions, follow-up tasks carried to the
//! next meetings, cancelling.
//!
//! A meeting is read by the members of its organisation only; to anyone
//! else it does not exist (404), so that ids cannot be probed. It is run
//! by the organisation's secretary and deputy.

use crate::i18n::messages::Msg;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use tracing::instrument;

use super::{MemberView, Viewer, org_or_404, org_path, record_use, viewer};
use crate::domain::party::{
    self as rules, AttendanceStatus, MeetingKind, MeetingState, UsageKind, clean_text,
};
use crate::error::{AppError, AppResult};
use crate::service::audit::{self, Change};
use crate::service::{Actor, Ctx};
use crate::store::party::meetings::{self as store, MeetingRow, NewMeeting, NoticeRow, TaskRow};
use crate::store::party::{self as party_store, OrgRow};

/// A meeting in a list.
#[derive(Debug, Clone, Serialize)]
pub struct MeetingSummary {
    pub id: i64,
    pub org_id: i64,
    pub kind: MeetingKind,
    pub title: String,
    pub held_on: NaiveDate,
    pub starts_at: String,
    pub place: String,
    pub state: MeetingState,
}

impl From<&MeetingRow> for MeetingSummary {
    fn from(m: &MeetingRow) -> Self {
        MeetingSummary {
            id: m.id,
            org_id: m.org_id,
            kind: m.kind,
            title: m.title.clone(),
            held_on: m.held_on,
            starts_at: m.starts_at.clone(),
            place: m.place.clone(),
            state: m.state,
        }
    }
}

fn not_found(id: i64) -> AppError {
    AppError::NotFound(Msg::new("handbook.meeting_not_found").arg("id", id))
}

/// The meeting if the viewer is a member of its organisation; else 404.
async fn visible(ctx: &Ctx, v: &Viewer, id: i64) -> AppResult<MeetingRow> {
    let m = store::get(ctx.db(), id)
        .await?
        .ok_or_else(|| not_found(id))?;
    if !rules::may_read_meetings(&v.memberships, m.org_id) {
        return Err(not_found(id));
    }
    Ok(m)
}

/// The meeting if the viewer runs its organisation: 404 when they cannot
/// see it at all, 403 when they see it but do not run it.
pub(super) async fn run_by(ctx: &Ctx, v: &Viewer, id: i64) -> AppResult<(MeetingRow, OrgRow)> {
    let m = visible(ctx, v, id).await?;
    let org = org_or_404(ctx, m.org_id).await?;
    if !rules::may_run(&v.memberships, org.id) {
        return Err(AppError::Forbidden(
            Msg::new("handbook.meetings_run_by").arg("org", &org.name),
        ));
    }
    Ok((m, org))
}

/// Meetings of an organisation, newest first (its members only).
pub async fn list(ctx: &Ctx, actor: &Actor, org_id: i64) -> AppResult<Vec<MeetingSummary>> {
    let v = viewer(ctx, actor, ctx.today()).await?;
    let org = org_or_404(ctx, org_id).await?;
    if !rules::may_read_meetings(&v.memberships, org.id) {
        return Err(AppError::Forbidden(
            Msg::new("handbook.meetings_for_members").arg("org", &org.name),
        ));
    }
    Ok(store::of_org(ctx.db(), org.id, 60)
        .await?
        .iter()
        .map(MeetingSummary::from)
        .collect())
}

#[derive(Debug, Clone, Deserialize)]
pub struct NewMeetingInput {
    pub org_id: i64,
    #[serde(default = "regular")]
    pub kind: String,
    pub title: String,
    pub held_on: NaiveDate,
    #[serde(default)]
    pub starts_at: String,
    #[serde(default)]
    pub place: String,
    #[serde(default)]
    pub agenda: String,
    #[serde(default)]
    pub document_ids: Vec<i64>,
}

fn regular() -> String {
    "regular".into()
}

/// "HH:MM" or empty.
fn clean_time(raw: &str) -> AppResult<String> {
    let t = raw.trim();
    if t.is_empty() {
        return Ok(String::new());
    }
    chrono::NaiveTime::parse_from_str(t, "%H:%M")
        .map(|t| t.format("%H:%M").to_string())
        .map_err(|_| {
            AppError::invalid(
                "starts_at",
                Msg::new("handbook.time_format").arg("value", t),
            )
        })
}

/// Create a meeting (planned); its secretary or deputy only. Attached
/// documents must be ones the creator may read.
#[instrument(skip(ctx, actor, input))]
pub async fn create(
    ctx: &Ctx,
    actor: &Actor,
    input: &NewMeetingInput,
) -> AppResult<MeetingSummary> {
    let today = ctx.today();
    let v = viewer(ctx, actor, today).await?;
    let org = org_or_404(ctx, input.org_id).await?;
    if !rules::may_run(&v.memberships, org.id) {
        return Err(AppError::Forbidden(
            Msg::new("handbook.meetings_created_by").arg("org", &org.name),
        ));
    }
    let kind: MeetingKind = input.kind.parse()?;
    let title = clean_text("title", &input.title, 200, true)?;
    let place = clean_text("place", &input.place, 200, false)?;
    let agenda = clean_text("agenda", &input.agenda, 5000, false)?;
    let starts_at = clean_time(&input.starts_at)?;
    let earliest = today - chrono::Duration::days(366);
    if input.held_on < earliest {
        return Err(AppError::invalid(
            "held_on",
            Msg::new("handbook.meeting_dated_from").arg("day", earliest.format("%d/%m/%Y")),
        ));
    }
    for (i, id) in input.document_ids.iter().enumerate() {
        if super::documents::readable(ctx, &v, *id).await?.is_none() {
            return Err(AppError::invalid(
                format!("document_ids[{i}]"),
                Msg::new("handbook.document_not_found").arg("id", id),
            ));
        }
    }
    let new = NewMeeting {
        id: 0,
        org_id: org.id,
        kind,
        title,
        held_on: input.held_on,
        starts_at,
        place,
        agenda,
        minutes: String::new(),
        resolutions: String::new(),
        state: MeetingState::Planned,
        created_by: Some(v.user_id),
        synthetic: false,
    };
    let t = ctx.now();
    let mut tx = ctx.begin().await?;
    let id = store::insert(&mut tx, &new, t).await?;
    store::attach_documents(&mut tx, id, &input.document_ids, t).await?;
    let summary = MeetingSummary {
        id,
        org_id: org.id,
        kind,
        title: new.title.clone(),
        held_on: new.held_on,
        starts_at: new.starts_at.clone(),
        place: new.place.clone(),
        state: MeetingState::Planned,
    };
    audit::record(
        ctx,
        &mut tx,
        actor,
        Change {
            action: "create",
            entity: "party_meeting",
            entity_id: id.to_string(),
            unit_path: org_path(ctx, &org),
            before: None,
            after: serde_json::to_value(&summary).ok(),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(summary)
}

/// One member's line on the meeting page.
#[derive(Debug, Clone, Serialize)]
pub struct AttendeeView {
    pub member: MemberView,
    pub status: Option<AttendanceStatus>,
    pub reason: String,
    pub noticed: bool,
    pub seen_notice: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct MeetingDetail {
    #[serde(flatten)]
    pub summary: MeetingSummary,
    pub org: super::OrgView,
    pub agenda: String,
    pub minutes: String,
    pub resolutions: String,
    /// The version the minutes were read at; writing them names it.
    pub version: i64,
    pub notice_sent_at: Option<chrono::DateTime<chrono::Utc>>,
    pub attendees: Vec<AttendeeView>,
    pub tasks: Vec<TaskRow>,
    /// Open tasks from earlier meetings, carried to this one.
    pub carried_tasks: Vec<TaskRow>,
    pub documents: Vec<super::documents::DocumentSummary>,
    pub runs: bool,
    pub attendance_pct: Option<f64>,
}

/// Open a meeting (its members only): the details, who was noticed and who
/// came, tasks. Opening counts as handbook use and marks the notice seen.
#[instrument(skip(ctx, actor))]
pub async fn open(ctx: &Ctx, actor: &Actor, id: i64) -> AppResult<MeetingDetail> {
    let today = ctx.today();
    let v = viewer(ctx, actor, today).await?;
    let m = visible(ctx, &v, id).await?;
    let org = org_or_404(ctx, m.org_id).await?;
    let mine = v.member_ids_in(org.id);
    let t = ctx.now();
    let mut tx = ctx.begin().await?;
    record_use(&mut tx, &mine, UsageKind::OpenMeeting, t).await?;
    store::mark_seen(&mut tx, m.id, &mine, t).await?;
    tx.commit().await?;
    detail(ctx, &v, m, org).await
}

async fn detail(ctx: &Ctx, v: &Viewer, m: MeetingRow, org: OrgRow) -> AppResult<MeetingDetail> {
    let db = ctx.db();
    let members = party_store::members_of(db, org.id, m.held_on.max(ctx.today())).await?;
    let attendance = store::attendance_of(db, m.id).await?;
    let notices = store::notices_of_meeting(db, m.id).await?;
    let mut attendees: Vec<AttendeeView> = members
        .iter()
        .map(|mem| {
            let a = attendance.iter().find(|a| a.member_id == mem.id);
            let n = notices.iter().find(|n| n.0 == mem.id);
            AttendeeView {
                member: MemberView::from(mem),
                status: a.map(|a| a.status),
                reason: a.map(|a| a.reason.clone()).unwrap_or_default(),
                noticed: n.is_some(),
                seen_notice: n.is_some_and(|n| n.1.is_some()),
            }
        })
        .collect();
    // Members recorded at the meeting who have left since.
    for a in &attendance {
        if !attendees.iter().any(|x| x.member.id == a.member_id)
            && let Some(mem) = party_store::member(db, a.member_id).await?
        {
            attendees.push(AttendeeView {
                member: MemberView::from(&mem),
                status: Some(a.status),
                reason: a.reason.clone(),
                noticed: notices.iter().any(|n| n.0 == mem.id),
                seen_notice: false,
            });
        }
    }
    let attended = attendance
        .iter()
        .filter(|a| a.status != AttendanceStatus::Absent)
        .count() as u64;
    let mut documents = Vec::new();
    for doc_id in store::documents_of(db, m.id).await? {
        if let Some(d) = super::documents::readable(ctx, v, doc_id).await? {
            documents.push(d);
        }
    }
    Ok(MeetingDetail {
        summary: MeetingSummary::from(&m),
        org: super::org_view(ctx, &org),
        agenda: m.agenda.clone(),
        minutes: m.minutes.clone(),
        resolutions: m.resolutions.clone(),
        version: m.version,
        notice_sent_at: m.notice_sent_at,
        attendance_pct: rules::attendance_pct(attended, attendance.len() as u64),
        attendees,
        tasks: store::tasks_of_meeting(db, m.id).await?,
        carried_tasks: store::carried_tasks(db, org.id, m.id, m.held_on).await?,
        documents,
        runs: rules::may_run(&v.memberships, org.id),
    })
}

/// Send the meeting's notice to every current member of the organisation
/// (members added since a first notice get theirs on a second send).
/// Returns how many notices were new.
#[instrument(skip(ctx, actor))]
pub async fn send_notice(ctx: &Ctx, actor: &Actor, id: i64) -> AppResult<u64> {
    let today = ctx.today();
    let v = viewer(ctx, actor, today).await?;
    let (m, org) = run_by(ctx, &v, id).await?;
    if !m.state.can_notify() {
        return Err(AppError::invalid(
            "state",
            Msg::new("handbook.notice_closed").arg("state", m.state),
        ));
    }
    let members = party_store::members_of(ctx.db(), org.id, today.max(m.held_on)).await?;
    let ids: Vec<i64> = members.iter().map(|m| m.id).collect();
    let t = ctx.now();
    let mut tx = ctx.begin().await?;
    let sent = store::insert_notices(&mut tx, m.id, &ids, t).await?;
    store::mark_notified(&mut tx, m.id, t).await?;
    audit::record(
        ctx,
        &mut tx,
        actor,
        Change {
            action: "notify",
            entity: "party_meeting",
            entity_id: m.id.to_string(),
            unit_path: org_path(ctx, &org),
            before: None,
            after: Some(serde_json::json!({ "notices": sent, "members": ids.len() })),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(sent)
}

/// One member's attendance.
#[derive(Debug, Clone, Deserialize)]
pub struct AttendanceInput {
    pub member_id: i64,
    pub status: String,
    #[serde(default)]
    pub reason: String,
}

/// Record attendance (one tap per member, or a whole list at once) from the
/// meeting day on. Each member must belong to the organisation. The
/// meeting counts as held from its first attendance record.
#[instrument(skip(ctx, actor, items))]
pub async fn record_attendance(
    ctx: &Ctx,
    actor: &Actor,
    id: i64,
    items: &[AttendanceInput],
) -> AppResult<()> {
    let today = ctx.today();
    let v = viewer(ctx, actor, today).await?;
    let (m, org) = run_by(ctx, &v, id).await?;
    m.state.attendance_check(m.held_on, today)?;
    if items.is_empty() {
        return Err(AppError::invalid(
            "items",
            Msg::new("handbook.name_one_member"),
        ));
    }
    let members = party_store::members_of(ctx.db(), org.id, m.held_on).await?;
    let mut checked = Vec::with_capacity(items.len());
    for (i, it) in items.iter().enumerate() {
        let at = |field: &str| {
            if items.len() == 1 {
                field.to_owned()
            } else {
                format!("items[{i}].{field}")
            }
        };
        let status: AttendanceStatus = it
            .status
            .parse()
            .map_err(|e: crate::domain::DomainError| AppError::invalid(at("status"), e.reason()))?;
        let reason = clean_text(&at("reason"), &it.reason, 300, false)?;
        if !members.iter().any(|mem| mem.id == it.member_id) {
            return Err(AppError::invalid(
                at("member_id"),
                Msg::new("handbook.member_not_in")
                    .arg("id", it.member_id)
                    .arg("org", &org.name),
            ));
        }
        let reason = if status == AttendanceStatus::Absent {
            reason
        } else {
            String::new()
        };
        checked.push((it.member_id, status, reason));
    }
    let t = ctx.now();
    let mut tx = ctx.begin().await?;
    for (member_id, status, reason) in &checked {
        store::upsert_attendance(&mut tx, m.id, *member_id, *status, reason, t).await?;
    }
    if m.state != MeetingState::Held {
        store::set_state(&mut tx, m.id, MeetingState::Held, t).await?;
    }
    audit::record(
        ctx,
        &mut tx,
        actor,
        Change {
            action: "attendance",
            entity: "party_meeting",
            entity_id: m.id.to_string(),
            unit_path: org_path(ctx, &org),
            before: None,
            after: Some(serde_json::json!(
                checked
                    .iter()
                    .map(
                        |(id, s, r)| serde_json::json!({"member_id": id, "status": s, "reason": r})
                    )
                    .collect::<Vec<_>>()
            )),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Cancel a meeting that has not been held.
#[instrument(skip(ctx, actor))]
pub async fn cancel(ctx: &Ctx, actor: &Actor, id: i64) -> AppResult<()> {
    let v = viewer(ctx, actor, ctx.today()).await?;
    let (m, org) = run_by(ctx, &v, id).await?;
    m.state.cancel_check()?;
    let mut tx = ctx.begin().await?;
    store::set_state(&mut tx, m.id, MeetingState::Cancelled, ctx.now()).await?;
    audit::record(
        ctx,
        &mut tx,
        actor,
        Change {
            action: "cancel",
            entity: "party_meeting",
            entity_id: m.id.to_string(),
            unit_path: org_path(ctx, &org),
            before: Some(serde_json::json!({"state": m.state})),
            after: Some(serde_json::json!({"state": MeetingState::Cancelled})),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The viewer's notices, newest first.
pub async fn notices(ctx: &Ctx, actor: &Actor) -> AppResult<Vec<NoticeRow>> {
    let v = viewer(ctx, actor, ctx.today()).await?;
    Ok(store::notices_for(ctx.db(), &v.member_ids(), 50).await?)
}
