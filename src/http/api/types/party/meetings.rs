//! Request and response shapes of the party's meetings: meetings, their
//! notices, attendance, minutes and follow-up tasks.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa::openapi::Object;

use super::documents::DocumentOut;
use super::{MemberOut, OrgOut, keyed_default};
use crate::domain::party::{AttendanceStatus, MeetingKind, MeetingState};
use crate::http::api::types::{keyed, keyed_or_null};
use crate::service::party::meetings::{
    AttendanceInput, AttendeeView, MeetingDetail, MeetingSummary, NewMeetingInput,
};
use crate::service::party::minutes::MinutesInput;
use crate::service::party::tasks::NewTaskInput;
use crate::store::party::meetings::{NoticeRow, TaskRow};

/// A meeting in a list.
#[derive(Serialize, ToSchema)]
#[schema(as = Meeting)]
pub struct MeetingOut {
    pub id: i64,
    pub org_id: i64,
    #[schema(schema_with = keyed::<MeetingKind>)]
    pub kind: MeetingKind,
    pub title: String,
    pub held_on: NaiveDate,
    /// HH:MM or empty.
    pub starts_at: String,
    pub place: String,
    #[schema(schema_with = keyed::<MeetingState>)]
    pub state: MeetingState,
}

impl From<MeetingSummary> for MeetingOut {
    fn from(m: MeetingSummary) -> Self {
        MeetingOut {
            id: m.id,
            org_id: m.org_id,
            kind: m.kind,
            title: m.title,
            held_on: m.held_on,
            starts_at: m.starts_at,
            place: m.place,
            state: m.state,
        }
    }
}

/// The meetings of an organisation, newest first.
#[derive(Serialize, ToSchema)]
#[schema(as = MeetingList)]
pub struct MeetingListOut {
    pub items: Vec<MeetingOut>,
}

/// A new meeting.
#[derive(Deserialize, ToSchema)]
#[schema(as = NewMeeting)]
pub struct NewMeetingIn {
    pub org_id: i64,
    #[serde(default = "regular")]
    #[schema(schema_with = kind_default)]
    pub kind: String,
    pub title: String,
    pub held_on: NaiveDate,
    /// HH:MM or empty.
    #[serde(default)]
    #[schema(example = "19:30")]
    pub starts_at: String,
    #[serde(default)]
    pub place: String,
    #[serde(default)]
    pub agenda: String,
    /// Documents to discuss at the meeting.
    #[serde(default)]
    pub document_ids: Vec<i64>,
}

fn kind_default() -> Object {
    keyed_default::<MeetingKind>("regular")
}

fn regular() -> String {
    "regular".into()
}

impl From<NewMeetingIn> for NewMeetingInput {
    fn from(m: NewMeetingIn) -> Self {
        NewMeetingInput {
            org_id: m.org_id,
            kind: m.kind,
            title: m.title,
            held_on: m.held_on,
            starts_at: m.starts_at,
            place: m.place,
            agenda: m.agenda,
            document_ids: m.document_ids,
        }
    }
}

/// A meeting opened by one of its organisation's members.
#[derive(Serialize, ToSchema)]
#[schema(as = MeetingDetail)]
pub struct MeetingDetailOut {
    pub id: i64,
    pub org_id: i64,
    #[schema(schema_with = keyed::<MeetingKind>)]
    pub kind: MeetingKind,
    pub title: String,
    pub held_on: NaiveDate,
    /// HH:MM or empty.
    pub starts_at: String,
    pub place: String,
    #[schema(schema_with = keyed::<MeetingState>)]
    pub state: MeetingState,
    pub org: OrgOut,
    pub agenda: String,
    pub minutes: String,
    pub resolutions: String,
    /// The version the minutes were read at; writing them names it.
    pub version: i64,
    pub notice_sent_at: Option<DateTime<Utc>>,
    pub attendees: Vec<AttendeeOut>,
    pub tasks: Vec<TaskOut>,
    /// Open tasks of earlier meetings.
    pub carried_tasks: Vec<TaskOut>,
    pub documents: Vec<DocumentOut>,
    /// The asker runs the meeting's organisation (secretary or deputy).
    pub runs: bool,
    pub attendance_pct: Option<f64>,
}

impl From<MeetingDetail> for MeetingDetailOut {
    fn from(d: MeetingDetail) -> Self {
        let s = d.summary;
        MeetingDetailOut {
            id: s.id,
            org_id: s.org_id,
            kind: s.kind,
            title: s.title,
            held_on: s.held_on,
            starts_at: s.starts_at,
            place: s.place,
            state: s.state,
            org: d.org.into(),
            agenda: d.agenda,
            minutes: d.minutes,
            resolutions: d.resolutions,
            version: d.version,
            notice_sent_at: d.notice_sent_at,
            attendees: d.attendees.into_iter().map(Into::into).collect(),
            tasks: d.tasks.into_iter().map(Into::into).collect(),
            carried_tasks: d.carried_tasks.into_iter().map(Into::into).collect(),
            documents: d.documents.into_iter().map(Into::into).collect(),
            runs: d.runs,
            attendance_pct: d.attendance_pct,
        }
    }
}

/// One member's line on the meeting page.
#[derive(Serialize, ToSchema)]
#[schema(as = MeetingAttendee)]
pub struct AttendeeOut {
    pub member: MemberOut,
    /// Not yet recorded: null.
    #[schema(schema_with = keyed_or_null::<AttendanceStatus>)]
    pub status: Option<AttendanceStatus>,
    pub reason: String,
    /// The notice was sent to them.
    pub noticed: bool,
    pub seen_notice: bool,
}

impl From<AttendeeView> for AttendeeOut {
    fn from(a: AttendeeView) -> Self {
        AttendeeOut {
            member: a.member.into(),
            status: a.status,
            reason: a.reason,
            noticed: a.noticed,
            seen_notice: a.seen_notice,
        }
    }
}

/// How many members the notice was sent to.
#[derive(Serialize, ToSchema)]
#[schema(as = NoticeSent)]
pub struct SentOut {
    pub sent: u64,
}

/// Attendance at a meeting, per member.
#[derive(Deserialize, ToSchema)]
#[schema(as = MeetingAttendance)]
pub struct AttendanceIn {
    pub items: Vec<AttendanceItemIn>,
}

/// One member's attendance.
#[derive(Deserialize, ToSchema)]
#[schema(as = AttendanceEntry)]
pub struct AttendanceItemIn {
    pub member_id: i64,
    #[schema(schema_with = keyed::<AttendanceStatus>)]
    pub status: String,
    /// Why the member was absent.
    #[serde(default)]
    pub reason: String,
}

impl From<AttendanceItemIn> for AttendanceInput {
    fn from(a: AttendanceItemIn) -> Self {
        AttendanceInput {
            member_id: a.member_id,
            status: a.status,
            reason: a.reason,
        }
    }
}

/// The minutes and resolutions of a meeting.
#[derive(Deserialize, ToSchema)]
#[schema(as = MeetingMinutes)]
pub struct MinutesIn {
    #[serde(default)]
    pub minutes: String,
    #[serde(default)]
    pub resolutions: String,
    /// The meeting's version when read.
    pub version: i64,
}

impl From<MinutesIn> for MinutesInput {
    fn from(m: MinutesIn) -> Self {
        MinutesInput {
            minutes: m.minutes,
            resolutions: m.resolutions,
            version: m.version,
        }
    }
}

/// A follow-up task decided at a meeting.
#[derive(Serialize, ToSchema)]
#[schema(as = PartyTask)]
pub struct TaskOut {
    pub id: i64,
    pub meeting_id: i64,
    pub org_id: i64,
    pub title: String,
    /// The member who owns it.
    pub owner_id: Option<i64>,
    pub due_on: Option<NaiveDate>,
    pub done_at: Option<DateTime<Utc>>,
}

impl From<TaskRow> for TaskOut {
    fn from(t: TaskRow) -> Self {
        TaskOut {
            id: t.id,
            meeting_id: t.meeting_id,
            org_id: t.org_id,
            title: t.title,
            owner_id: t.owner_id,
            due_on: t.due_on,
            done_at: t.done_at,
        }
    }
}

/// A new follow-up task.
#[derive(Deserialize, ToSchema)]
#[schema(as = NewPartyTask)]
pub struct NewTaskIn {
    pub title: String,
    /// The member who owns it.
    #[serde(default)]
    pub owner_id: Option<i64>,
    #[serde(default)]
    pub due_on: Option<NaiveDate>,
}

impl From<NewTaskIn> for NewTaskInput {
    fn from(t: NewTaskIn) -> Self {
        NewTaskInput {
            title: t.title,
            owner_id: t.owner_id,
            due_on: t.due_on,
        }
    }
}

/// A meeting's notice as a member sees it.
#[derive(Serialize, ToSchema)]
#[schema(as = Notice)]
pub struct NoticeOut {
    pub meeting_id: i64,
    pub member_id: i64,
    pub title: String,
    pub held_on: NaiveDate,
    pub starts_at: String,
    pub place: String,
    pub sent_at: DateTime<Utc>,
    pub seen_at: Option<DateTime<Utc>>,
}

impl From<NoticeRow> for NoticeOut {
    fn from(n: NoticeRow) -> Self {
        NoticeOut {
            meeting_id: n.meeting_id,
            member_id: n.member_id,
            title: n.title,
            held_on: n.held_on,
            starts_at: n.starts_at,
            place: n.place,
            sent_at: n.sent_at,
            seen_at: n.seen_at,
        }
    }
}

/// The member's meeting notices, newest first.
#[derive(Serialize, ToSchema)]
#[schema(as = NoticeList)]
pub struct NoticeListOut {
    pub items: Vec<NoticeOut>,
}
