//! The party handbook's pages, phone first: the member's home (next
//! meeting, notices, documents to read, tasks, notes, search), the
//! secretary's view of a cell (meetings, documents, members), and the
//! committee overview. Meetings are in `meetings`, documents, files and
//! notes in `documents`. Every form posts and redirects (POST-redirect-GET).

use askama::Template;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::Response;
use chrono::{DateTime, NaiveDate, Utc};
use serde::Deserialize;

use super::party_texts::{self as words, PartyTexts};
use super::refused::Refused;
use super::{Base, Page};
use crate::domain::party::{Confidentiality, DocKind, MeetingKind, Position};
use crate::error::AppResult;
use crate::http::extract::{CsrfForm, OnQuery, Query};
use crate::i18n::Lang;
use crate::service::party::documents::{self as docs, DocumentSummary, NewDocumentInput};
use crate::service::party::meetings::{self, MeetingSummary, NewMeetingInput};
use crate::service::party::{self, MemberView, OrgView};

pub mod documents;
pub mod meeting;

/// A day as people there write it.
pub fn fmt_day(lang: Lang, d: NaiveDate) -> String {
    super::format::day(lang, d)
}

/// An instant in Vietnam time (UTC+7).
pub fn fmt_time(lang: Lang, t: DateTime<Utc>) -> String {
    super::format::time(lang, t)
}

pub struct MeetingLine {
    pub id: i64,
    pub title: String,
    pub day: String,
    pub starts_at: String,
    pub place: String,
    pub state: &'static str,
    pub state_key: &'static str,
    pub kind: &'static str,
}

impl MeetingLine {
    pub fn new(lang: Lang, m: &MeetingSummary) -> Self {
        MeetingLine {
            id: m.id,
            title: m.title.clone(),
            day: fmt_day(lang, m.held_on),
            starts_at: m.starts_at.clone(),
            place: m.place.clone(),
            state: words::meeting_state(lang, m.state),
            state_key: m.state.as_str(),
            kind: words::meeting_kind(lang, m.kind),
        }
    }
}

pub struct DocLine {
    pub id: i64,
    pub number: String,
    pub title: String,
    pub issuer: String,
    pub day: String,
    pub kind: &'static str,
    pub confidentiality: &'static str,
    pub conf_key: &'static str,
    pub read: bool,
}

impl DocLine {
    pub fn new(lang: Lang, d: &DocumentSummary) -> Self {
        DocLine {
            id: d.id,
            number: d.number.clone(),
            title: d.title.clone(),
            issuer: d.issuer.clone(),
            day: fmt_day(lang, d.issued_on),
            kind: words::doc_kind(lang, d.kind),
            confidentiality: words::confidentiality(lang, d.confidentiality),
            conf_key: d.confidentiality.as_str(),
            read: d.read,
        }
    }
}

pub struct MemberLine {
    pub name: String,
    pub position: &'static str,
    pub status: &'static str,
    pub synthetic: bool,
}

impl MemberLine {
    pub fn new(lang: Lang, m: &MemberView) -> Self {
        MemberLine {
            name: m.full_name.clone(),
            position: words::position(lang, m.position),
            status: words::member_status(lang, m.status),
            synthetic: m.synthetic,
        }
    }
}

pub struct OrgLink {
    pub id: i64,
    pub name: String,
    pub kind: &'static str,
    pub is_cell: bool,
}

impl OrgLink {
    pub fn new(lang: Lang, o: &OrgView) -> Self {
        OrgLink {
            id: o.id,
            name: o.name.clone(),
            kind: words::org_kind(lang, o.kind),
            is_cell: o.kind == crate::domain::party::OrgKind::Cell,
        }
    }
}

pub struct TaskLine {
    pub id: i64,
    pub title: String,
    pub due: String,
    pub owner: String,
    pub done: bool,
    pub meeting_id: i64,
}

pub struct NoteLine {
    pub id: i64,
    pub body: String,
    pub when: String,
    pub meeting_id: Option<i64>,
    pub document_id: Option<i64>,
    pub version: i64,
}

impl NoteLine {
    pub fn new(lang: Lang, n: &crate::store::party::documents::NoteRow) -> Self {
        NoteLine {
            id: n.id,
            body: n.body.clone(),
            when: fmt_time(lang, n.updated_at),
            meeting_id: n.meeting_id,
            document_id: n.document_id,
            version: n.version,
        }
    }
}

pub struct Membership {
    pub org: OrgLink,
    pub position: &'static str,
    pub runs: bool,
}

pub struct NoticeLine {
    pub meeting_id: i64,
    pub title: String,
    pub day: String,
    pub starts_at: String,
    pub place: String,
    pub seen: bool,
}

#[derive(Template)]
#[template(path = "pages/party/home.html")]
struct HomePage {
    base: Base,
    p: &'static PartyTexts,
    memberships: Vec<Membership>,
    notices: Vec<NoticeLine>,
    next: Vec<MeetingLine>,
    latest: Vec<MeetingLine>,
    to_read: Vec<DocLine>,
    tasks: Vec<TaskLine>,
    notes: Vec<NoteLine>,
    overviews: Vec<OrgLink>,
}

/// The member's home.
pub async fn home(page: Page) -> AppResult<Response> {
    page.require_user()?;
    let lang = page.lang;
    let h = party::home(&page.ctx, &page.actor).await?;
    let p = words::texts(lang);
    let tpl = HomePage {
        base: page.base(p.handbook),
        p,
        memberships: h
            .memberships
            .iter()
            .map(|m| Membership {
                org: OrgLink::new(lang, &m.org),
                position: words::position(lang, m.position),
                runs: m.runs,
            })
            .collect(),
        notices: h
            .notices
            .iter()
            .map(|n| NoticeLine {
                meeting_id: n.meeting_id,
                title: n.title.clone(),
                day: fmt_day(lang, n.held_on),
                starts_at: n.starts_at.clone(),
                place: n.place.clone(),
                seen: n.seen_at.is_some(),
            })
            .collect(),
        next: h
            .next_meetings
            .iter()
            .map(|m| MeetingLine::new(lang, m))
            .collect(),
        latest: h
            .latest_meetings
            .iter()
            .map(|m| MeetingLine::new(lang, m))
            .collect(),
        to_read: h.to_read.iter().map(|d| DocLine::new(lang, d)).collect(),
        tasks: h
            .tasks
            .iter()
            .map(|t| TaskLine {
                id: t.id,
                title: t.title.clone(),
                due: t.due_on.map(|d| fmt_day(lang, d)).unwrap_or_default(),
                owner: String::new(),
                done: t.done_at.is_some(),
                meeting_id: t.meeting_id,
            })
            .collect(),
        notes: h.notes.iter().map(|n| NoteLine::new(lang, n)).collect(),
        overviews: h.overviews.iter().map(|o| OrgLink::new(lang, o)).collect(),
    };
    page.render(StatusCode::OK, &tpl)
}

#[derive(Template)]
#[template(path = "pages/party/org.html")]
struct OrgPage {
    base: Base,
    p: &'static PartyTexts,
    org: OrgLink,
    path: Vec<OrgLink>,
    members: Vec<MemberLine>,
    meetings: Vec<MeetingLine>,
    runs: bool,
    today: NaiveDate,
    meeting_kinds: Vec<(&'static str, &'static str)>,
    doc_kinds: Vec<(&'static str, &'static str)>,
    confidentialities: Vec<(&'static str, &'static str)>,
    positions: Vec<(&'static str, &'static str)>,
    /// A refused new meeting or document (forms `meeting-new`,
    /// `document-new`), shown again as typed.
    refused: Refused,
}

/// The secretary's view of an organisation (members see it too, without
/// the forms).
pub async fn org(page: Page, Path(id): Path<i64>) -> AppResult<Response> {
    org_page(page, id, StatusCode::OK, Refused::default()).await
}

async fn org_page(
    page: Page,
    id: i64,
    status: StatusCode,
    refused: Refused,
) -> AppResult<Response> {
    page.require_user()?;
    let lang = page.lang;
    let o = party::org_page(&page.ctx, &page.actor, id).await?;
    let meetings = if o.is_member {
        meetings::list(&page.ctx, &page.actor, id).await?
    } else {
        Vec::new()
    };
    let p = words::texts(lang);
    let tpl = OrgPage {
        base: page.base(o.org.name.clone()),
        p,
        org: OrgLink::new(lang, &o.org),
        path: o.path.iter().map(|x| OrgLink::new(lang, x)).collect(),
        members: o.members.iter().map(|m| MemberLine::new(lang, m)).collect(),
        meetings: meetings.iter().map(|m| MeetingLine::new(lang, m)).collect(),
        runs: o.runs,
        today: page.ctx.today(),
        meeting_kinds: words::choices(&MeetingKind::ALL, MeetingKind::as_str, |k| {
            words::meeting_kind(lang, k)
        }),
        doc_kinds: words::choices(&DocKind::ALL, DocKind::as_str, |k| words::doc_kind(lang, k)),
        confidentialities: words::choices(&Confidentiality::ALL, Confidentiality::as_str, |c| {
            words::confidentiality(lang, c)
        }),
        positions: words::choices(&Position::ALL, Position::as_str, |x| {
            words::position(lang, x)
        }),
        refused,
    };
    page.render(status, &tpl)
}

#[derive(Deserialize)]
pub struct MeetingForm {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    held_on: String,
    #[serde(default)]
    starts_at: String,
    #[serde(default)]
    place: String,
    #[serde(default)]
    agenda: String,
}

/// Create a meeting from the organisation page; on to the new meeting.
pub async fn create_meeting(
    page: Page,
    Path(id): Path<i64>,
    CsrfForm(form): CsrfForm<MeetingForm>,
) -> AppResult<Response> {
    page.require_user()?;
    let typed = [
        ("kind", form.kind.clone()),
        ("title", form.title.clone()),
        ("held_on", form.held_on.clone()),
        ("starts_at", form.starts_at.clone()),
        ("place", form.place.clone()),
        ("agenda", form.agenda.clone()),
    ];
    let created = match crate::domain::unit::parse_day("held_on", &form.held_on) {
        Ok(held_on) => {
            let input = NewMeetingInput {
                org_id: id,
                kind: if form.kind.is_empty() {
                    "regular".into()
                } else {
                    form.kind
                },
                title: form.title,
                held_on,
                starts_at: form.starts_at,
                place: form.place,
                agenda: form.agenda,
                document_ids: Vec::new(),
            };
            meetings::create(&page.ctx, &page.actor, &input).await
        }
        Err(e) => Err(e.into()),
    };
    match created {
        Ok(m) => {
            let msg = words::texts(page.lang).meeting_created;
            Ok(page.redirect(&format!("/party/meetings/{}", m.id), "ok", msg))
        }
        // The organisation's page again, the form open and as typed.
        Err(e) => match Refused::of(page.lang, "meeting-new", &e, typed) {
            Some(refused) => org_page(page, id, StatusCode::UNPROCESSABLE_ENTITY, refused).await,
            None => Err(e),
        },
    }
}

/// A document form: checkboxes for positions arrive as repeated fields.
pub async fn create_document(
    page: Page,
    Path(id): Path<i64>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Response> {
    page.require_user()?;
    let get = |k: &str| {
        pairs
            .iter()
            .find(|(key, _)| key == k)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let positions: Vec<String> = pairs
        .iter()
        .filter(|(k, _)| k == "positions")
        .map(|(_, v)| v.clone())
        .collect();
    let typed = [
        "number",
        "title",
        "kind",
        "issued_on",
        "confidentiality",
        "summary",
    ]
    .map(|k| (k, get(k)))
    .into_iter()
    .chain([("positions", positions.join("\n"))]);
    let created = match crate::domain::unit::parse_day("issued_on", &get("issued_on")) {
        Ok(issued_on) => {
            let input = NewDocumentInput {
                issuer_org_id: id,
                number: get("number"),
                title: get("title"),
                issuer: String::new(),
                issued_on,
                kind: get("kind"),
                confidentiality: get("confidentiality"),
                positions,
                summary: get("summary"),
                distributed_to: Vec::new(),
            };
            docs::create(&page.ctx, &page.actor, &input).await
        }
        Err(e) => Err(e.into()),
    };
    match created {
        Ok(d) => {
            let msg = words::texts(page.lang).document_created;
            Ok(page.redirect(&format!("/party/documents/{}", d.id), "ok", msg))
        }
        Err(e) => match Refused::of(page.lang, "document-new", &e, typed) {
            Some(refused) => org_page(page, id, StatusCode::UNPROCESSABLE_ENTITY, refused).await,
            None => Err(e),
        },
    }
}

pub struct OverviewLine {
    pub org: OrgLink,
    pub cells: i64,
    pub cells_on_time: i64,
    pub members: i64,
    pub users: i64,
    pub users_pct: String,
    pub meetings: i64,
    pub attendance: String,
}

fn overview_line(lang: Lang, r: &party::OverviewRow) -> OverviewLine {
    let pct = |n: i64, d: i64| {
        if d > 0 {
            super::format::pct(lang, 100.0 * n as f64 / d as f64)
        } else {
            super::format::NONE.into()
        }
    };
    OverviewLine {
        org: OrgLink::new(lang, &r.org),
        cells: r.cells,
        cells_on_time: r.cells_on_time,
        members: r.figures.members,
        users: r.figures.handbook_users,
        users_pct: pct(r.figures.handbook_users, r.figures.members),
        meetings: r.figures.meetings,
        attendance: r
            .attendance_pct
            .map(|v| super::format::pct(lang, v))
            .unwrap_or_else(|| super::format::NONE.into()),
    }
}

#[derive(Template)]
#[template(path = "pages/party/overview.html")]
struct OverviewPage {
    base: Base,
    p: &'static PartyTexts,
    org: OrgLink,
    path: Vec<OrgLink>,
    day: NaiveDate,
    rows: Vec<OverviewLine>,
    total: OverviewLine,
}

/// The committee overview of what lies below an organisation.
pub async fn overview(
    page: Page,
    Path(id): Path<i64>,
    Query(q): Query<OnQuery>,
) -> AppResult<Response> {
    page.require_user()?;
    let lang = page.lang;
    let day = match q.on.as_deref() {
        Some(_) => q.day(&page.ctx)?,
        None => page.ctx.today(),
    };
    let o = party::overview(&page.ctx, &page.actor, id, day).await?;
    let p = words::texts(lang);
    let tpl = OverviewPage {
        base: page.base(format!("{} · {}", p.overview, o.org.name)),
        p,
        org: OrgLink::new(lang, &o.org),
        path: o.path.iter().map(|x| OrgLink::new(lang, x)).collect(),
        day,
        rows: o.rows.iter().map(|r| overview_line(lang, r)).collect(),
        total: overview_line(lang, &o.total),
    };
    page.render(StatusCode::OK, &tpl)
}
