//! A meeting's page: details, notice, attendance in one tap per member,
//! minutes, tasks (with those carried from earlier meetings), attached
//! documents and the reader's own notes about it.

use crate::i18n::messages::Msg;
use askama::Template;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::Response;
use chrono::NaiveDate;
use serde::Deserialize;

use super::super::party_texts::{self as words, PartyTexts};
use super::super::refused::{Refused, flash_back};
use super::super::{Base, Page};
use super::{DocLine, NoteLine, TaskLine, fmt_day, fmt_time};
use crate::domain::party::AttendanceStatus;
use crate::error::{AppError, AppResult};
use crate::http::extract::CsrfForm;
use crate::service::party::meetings::{self, AttendanceInput};
use crate::service::party::minutes::{self, MinutesInput};
use crate::service::party::notes;
use crate::service::party::tasks::{self, NewTaskInput};
use crate::store::party::meetings::TaskRow;

pub struct Attendee {
    pub member_id: i64,
    pub name: String,
    pub position: &'static str,
    pub status: &'static str,
    pub status_key: &'static str,
    pub reason: String,
    pub seen_notice: bool,
}

#[derive(Template)]
#[template(path = "pages/party/meeting.html")]
struct MeetingPage {
    base: Base,
    p: &'static PartyTexts,
    id: i64,
    org_id: i64,
    org_name: String,
    title: String,
    kind: &'static str,
    day: String,
    starts_at: String,
    place: String,
    state: &'static str,
    state_key: &'static str,
    agenda: String,
    minutes: String,
    resolutions: String,
    version: i64,
    notice_sent: String,
    noticed: usize,
    seen: usize,
    can_notify: bool,
    can_attend: bool,
    can_cancel: bool,
    runs: bool,
    attendees: Vec<Attendee>,
    present: usize,
    attendance_pct: String,
    statuses: Vec<(&'static str, &'static str)>,
    tasks: Vec<TaskLine>,
    carried: Vec<TaskLine>,
    documents: Vec<DocLine>,
    notes: Vec<NoteLine>,
    held_on: NaiveDate,
    /// Minutes refused (a newer version saved meanwhile, a text too long):
    /// shown again as typed.
    refused: Refused,
}

pub async fn show(page: Page, Path(id): Path<i64>) -> AppResult<Response> {
    show_page(page, id, StatusCode::OK, Refused::default()).await
}

async fn show_page(
    page: Page,
    id: i64,
    status: StatusCode,
    refused: Refused,
) -> AppResult<Response> {
    page.require_user()?;
    let lang = page.lang;
    let m = meetings::open(&page.ctx, &page.actor, id).await?;
    let my_notes = notes::list(&page.ctx, &page.actor, Some(id), None).await?;
    let p = words::texts(lang);
    let name_of = |member: Option<i64>| {
        member
            .and_then(|id| m.attendees.iter().find(|a| a.member.id == id))
            .map(|a| a.member.full_name.clone())
            .unwrap_or_else(|| p.nobody.to_owned())
    };
    let task_line = |t: &TaskRow| TaskLine {
        id: t.id,
        title: t.title.clone(),
        due: t.due_on.map(|d| fmt_day(lang, d)).unwrap_or_default(),
        owner: name_of(t.owner_id),
        done: t.done_at.is_some(),
        meeting_id: t.meeting_id,
    };
    let today = page.ctx.today();
    let tpl = MeetingPage {
        base: page
            .base(m.summary.title.clone())
            .about(Some(&m.org.name), m.summary.held_on),
        p,
        id: m.summary.id,
        org_id: m.org.id,
        org_name: m.org.name.clone(),
        title: m.summary.title.clone(),
        kind: words::meeting_kind(lang, m.summary.kind),
        day: fmt_day(lang, m.summary.held_on),
        starts_at: m.summary.starts_at.clone(),
        place: m.summary.place.clone(),
        state: words::meeting_state(lang, m.summary.state),
        state_key: m.summary.state.as_str(),
        agenda: m.agenda.clone(),
        minutes: m.minutes.clone(),
        resolutions: m.resolutions.clone(),
        version: m.version,
        notice_sent: m
            .notice_sent_at
            .map(|t| fmt_time(lang, t))
            .unwrap_or_default(),
        noticed: m.attendees.iter().filter(|a| a.noticed).count(),
        seen: m.attendees.iter().filter(|a| a.seen_notice).count(),
        can_notify: m.runs && m.summary.state.can_notify(),
        can_attend: m.runs
            && m.summary
                .state
                .attendance_check(m.summary.held_on, today)
                .is_ok(),
        can_cancel: m.runs && m.summary.state.cancel_check().is_ok(),
        runs: m.runs,
        present: m
            .attendees
            .iter()
            .filter(|a| matches!(a.status, Some(s) if s != AttendanceStatus::Absent))
            .count(),
        attendance_pct: m
            .attendance_pct
            .map(|v| format!("{v:.1}%"))
            .unwrap_or_default(),
        attendees: m
            .attendees
            .iter()
            .map(|a| Attendee {
                member_id: a.member.id,
                name: a.member.full_name.clone(),
                position: words::position(lang, a.member.position),
                status: a
                    .status
                    .map(|s| words::attendance(lang, s))
                    .unwrap_or(p.not_recorded),
                status_key: a.status.map(|s| s.as_str()).unwrap_or("none"),
                reason: a.reason.clone(),
                seen_notice: a.seen_notice,
            })
            .collect(),
        statuses: AttendanceStatus::ALL
            .iter()
            .map(|s| (s.as_str(), words::attendance(lang, *s)))
            .collect(),
        tasks: m.tasks.iter().map(task_line).collect(),
        carried: m.carried_tasks.iter().map(task_line).collect(),
        documents: m.documents.iter().map(|d| DocLine::new(lang, d)).collect(),
        notes: my_notes.iter().map(|n| NoteLine::new(lang, n)).collect(),
        held_on: m.summary.held_on,
        refused,
    };
    page.render(status, &tpl)
}

pub async fn send_notice(
    page: Page,
    Path(id): Path<i64>,
    CsrfForm(_): CsrfForm<serde::de::IgnoredAny>,
) -> AppResult<Response> {
    page.require_user()?;
    let back = format!("/party/meetings/{id}");
    match meetings::send_notice(&page.ctx, &page.actor, id).await {
        Ok(n) => {
            let msg = format!("{} {n}", words::texts(page.lang).notices_sent);
            Ok(page.redirect(&back, "ok", &msg))
        }
        Err(e) => flash_back(page, &back, e),
    }
}

#[derive(Deserialize)]
pub struct AttendanceForm {
    member_id: i64,
    status: String,
    #[serde(default)]
    reason: String,
}

/// One tap: one member's attendance.
pub async fn attendance(
    page: Page,
    Path(id): Path<i64>,
    CsrfForm(form): CsrfForm<AttendanceForm>,
) -> AppResult<Response> {
    page.require_user()?;
    let back = format!("/party/meetings/{id}#m{}", form.member_id);
    let form_id = format!("att-{}", form.member_id);
    let typed = [("reason", form.reason.clone())];
    let item = AttendanceInput {
        member_id: form.member_id,
        status: form.status,
        reason: form.reason,
    };
    match meetings::record_attendance(&page.ctx, &page.actor, id, std::slice::from_ref(&item)).await
    {
        Ok(()) => {
            let status: Option<AttendanceStatus> = item.status.parse().ok();
            let msg = format!(
                "{} {}",
                words::texts(page.lang).attendance_saved,
                status
                    .map(|s| words::attendance(page.lang, s))
                    .unwrap_or_default()
            );
            Ok(page.redirect(&back, "ok", &msg))
        }
        Err(e) => again(page, id, &form_id, e, typed).await,
    }
}

/// The meeting page again (422) with a refused form as typed and its
/// reason, or the error page when it is nothing to fix by typing.
async fn again<const N: usize>(
    page: Page,
    id: i64,
    form: &str,
    e: AppError,
    typed: [(&'static str, String); N],
) -> AppResult<Response> {
    match Refused::of(page.lang, form, &e, typed) {
        Some(refused) => show_page(page, id, StatusCode::UNPROCESSABLE_ENTITY, refused).await,
        None => Err(e),
    }
}

#[derive(Deserialize)]
pub struct MinutesForm {
    #[serde(default)]
    minutes: String,
    #[serde(default)]
    resolutions: String,
    #[serde(default)]
    version: String,
}

pub async fn minutes(
    page: Page,
    Path(id): Path<i64>,
    CsrfForm(form): CsrfForm<MinutesForm>,
) -> AppResult<Response> {
    page.require_user()?;
    let back = format!("/party/meetings/{id}");
    let written = match form.version.trim().parse::<i64>() {
        Ok(version) => {
            let input = MinutesInput {
                minutes: form.minutes.clone(),
                resolutions: form.resolutions.clone(),
                version,
            };
            minutes::write_minutes(&page.ctx, &page.actor, id, &input).await
        }
        Err(_) => Err(AppError::invalid(
            "version",
            Msg::new("request.version_missing"),
        )),
    };
    let e = match written {
        Ok(()) => {
            let msg = words::texts(page.lang).saved;
            return Ok(page.redirect(&back, "ok", msg));
        }
        Err(e) => e,
    };
    // The page again with the minutes as typed and the version now stored:
    // saving again is a choice made knowing someone saved meanwhile.
    let typed = [("minutes", form.minutes), ("resolutions", form.resolutions)];
    again(page, id, "minutes", e, typed).await
}

#[derive(Deserialize)]
pub struct TaskForm {
    #[serde(default)]
    title: String,
    #[serde(default)]
    owner_id: String,
    #[serde(default)]
    due_on: String,
}

pub async fn add_task(
    page: Page,
    Path(id): Path<i64>,
    CsrfForm(form): CsrfForm<TaskForm>,
) -> AppResult<Response> {
    page.require_user()?;
    let back = format!("/party/meetings/{id}");
    let typed = [
        ("title", form.title.clone()),
        ("owner_id", form.owner_id.clone()),
        ("due_on", form.due_on.clone()),
    ];
    let due_on = match form.due_on.trim() {
        "" => Ok(None),
        s => crate::domain::unit::parse_day("due_on", s).map(Some),
    };
    let added = match due_on {
        Ok(due_on) => {
            let input = NewTaskInput {
                title: form.title,
                owner_id: form.owner_id.trim().parse().ok(),
                due_on,
            };
            tasks::add_task(&page.ctx, &page.actor, id, &input).await
        }
        Err(e) => Err(e.into()),
    };
    match added {
        Ok(_) => {
            let msg = words::texts(page.lang).saved;
            Ok(page.redirect(&back, "ok", msg))
        }
        Err(e) => again(page, id, "task-new", e, typed).await,
    }
}

pub async fn cancel(
    page: Page,
    Path(id): Path<i64>,
    CsrfForm(_): CsrfForm<serde::de::IgnoredAny>,
) -> AppResult<Response> {
    page.require_user()?;
    let back = format!("/party/meetings/{id}");
    match meetings::cancel(&page.ctx, &page.actor, id).await {
        Ok(()) => {
            let msg = words::texts(page.lang).cancelled;
            Ok(page.redirect(&back, "ok", msg))
        }
        Err(e) => flash_back(page, &back, e),
    }
}

#[derive(Deserialize)]
pub struct BackForm {
    #[serde(default)]
    back: Option<String>,
}

pub async fn finish_task(
    page: Page,
    Path(id): Path<i64>,
    CsrfForm(form): CsrfForm<BackForm>,
) -> AppResult<Response> {
    page.require_user()?;
    let back = form
        .back
        .as_deref()
        .filter(|b| b.starts_with("/party"))
        .map(|b| super::super::local_path(Some(b)))
        .unwrap_or_else(|| "/party".into());
    match tasks::finish_task(&page.ctx, &page.actor, id).await {
        Ok(()) => {
            let msg = words::texts(page.lang).saved;
            Ok(page.redirect(&back, "ok", msg))
        }
        Err(e) => flash_back(page, &back, e),
    }
}
