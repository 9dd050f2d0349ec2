//! Documents (search, one document with its files and read receipts,
//! attaching files) and personal notes.

use crate::i18n::messages::Msg;
use askama::Template;
use axum::extract::Path;
use axum::extract::multipart::{Multipart, MultipartRejection};
use axum::http::StatusCode;
use axum::response::Response;
use axum_extra::extract::CookieJar;
use serde::Deserialize;

use super::super::party_texts::{self as words, PartyTexts};
use super::super::refused::{Refused, flash_back};
use super::super::{Base, Page};
use super::{DocLine, MemberLine, NoteLine, fmt_time};
use crate::error::{AppError, AppResult};
use crate::http::extract::{CsrfForm, Query, expected_csrf};
use crate::service::party::{documents as docs, files, notes};

#[derive(Deserialize)]
pub struct SearchQuery {
    #[serde(default)]
    q: String,
    #[serde(default)]
    unread: Option<String>,
}

#[derive(Template)]
#[template(path = "pages/party/documents.html")]
struct ListPage {
    base: Base,
    p: &'static PartyTexts,
    q: String,
    unread: bool,
    items: Vec<DocLine>,
}

/// Search the documents the reader may read (diacritics optional).
pub async fn list(page: Page, Query(q): Query<SearchQuery>) -> AppResult<Response> {
    page.require_user()?;
    let unread = q.unread.as_deref().is_some_and(|u| !u.is_empty());
    let items = docs::search(&page.ctx, &page.actor, &q.q, unread).await?;
    let p = words::texts(page.lang);
    let tpl = ListPage {
        base: page.base(p.documents),
        p,
        items: items.iter().map(|d| DocLine::new(page.lang, d)).collect(),
        q: q.q,
        unread,
    };
    page.render(StatusCode::OK, &tpl)
}

pub struct FileLine {
    pub id: i64,
    pub name: String,
    pub size: String,
}

pub struct ReceiptLine {
    pub member: MemberLine,
    pub read_at: String,
}

pub struct ReceiptBlock {
    pub org_name: String,
    pub read: usize,
    pub members: usize,
    pub unread: Vec<ReceiptLine>,
    pub read_lines: Vec<ReceiptLine>,
}

#[derive(Template)]
#[template(path = "pages/party/document.html")]
struct ShowPage {
    base: Base,
    p: &'static PartyTexts,
    doc: DocLine,
    summary: String,
    positions: Vec<&'static str>,
    distributed_to: Vec<String>,
    files: Vec<FileLine>,
    can_attach: bool,
    max_mib: usize,
    receipts: Vec<ReceiptBlock>,
    notes: Vec<NoteLine>,
}

fn size(lang: crate::i18n::Lang, n: i64) -> String {
    if n >= 1 << 20 {
        format!(
            "{} MiB",
            super::super::format::num(lang, n as f64 / (1 << 20) as f64, 1)
        )
    } else {
        format!("{} KiB", super::super::format::int(lang, (n + 1023) / 1024))
    }
}

/// A document: opening it leaves a read receipt.
pub async fn show(
    page: Page,
    Path(id): Path<i64>,
    headers: axum::http::HeaderMap,
) -> AppResult<Response> {
    page.require_user()?;
    let lang = page.lang;
    let count = crate::http::api::opened_here(&headers);
    let d = docs::open(&page.ctx, &page.actor, id, count).await?;
    let mut receipts = Vec::new();
    for org in &d.receipts_for {
        let r = docs::receipts(&page.ctx, &page.actor, id, org.id).await?;
        let line = |i: &docs::ReceiptView| ReceiptLine {
            member: MemberLine::new(lang, &i.member),
            read_at: i.read_at.map(|t| fmt_time(lang, t)).unwrap_or_default(),
        };
        receipts.push(ReceiptBlock {
            org_name: r.org.name.clone(),
            read: r.read,
            members: r.members,
            unread: r
                .items
                .iter()
                .filter(|i| i.read_at.is_none())
                .map(line)
                .collect(),
            read_lines: r
                .items
                .iter()
                .filter(|i| i.read_at.is_some())
                .map(line)
                .collect(),
        });
    }
    let my_notes = notes::list(&page.ctx, &page.actor, None, Some(id)).await?;
    let p = words::texts(lang);
    let tpl = ShowPage {
        base: page.base(d.summary.title.clone()),
        p,
        doc: DocLine::new(lang, &d.summary),
        summary: d.summary_text.clone(),
        positions: d
            .positions
            .iter()
            .map(|x| words::position(lang, *x))
            .collect(),
        distributed_to: d.distributed_to.iter().map(|o| o.name.clone()).collect(),
        files: d
            .attachments
            .iter()
            .map(|a| FileLine {
                id: a.id,
                name: a.file_name.clone(),
                size: size(lang, a.size_bytes),
            })
            .collect(),
        can_attach: d.can_attach,
        max_mib: files::max_upload(&page.ctx) >> 20,
        receipts,
        notes: my_notes.iter().map(|n| NoteLine::new(lang, n)).collect(),
    };
    page.render(StatusCode::OK, &tpl)
}

/// "Mark as read": the explicit action that counts a read when the
/// document was opened from a link on another site.
pub async fn mark_read(
    page: Page,
    Path(id): Path<i64>,
    CsrfForm(_): CsrfForm<serde::de::IgnoredAny>,
) -> AppResult<Response> {
    page.require_user()?;
    docs::open(&page.ctx, &page.actor, id, true).await?;
    let msg = words::texts(page.lang).read;
    Ok(page.redirect(&format!("/party/documents/{id}"), "ok", msg))
}

/// Attach a file from the document page. The form is multipart, so its
/// CSRF token is a field of it, checked before the file is stored.
pub async fn upload(
    page: Page,
    Path(id): Path<i64>,
    jar: CookieJar,
    mp: Result<Multipart, MultipartRejection>,
) -> AppResult<Response> {
    page.require_user()?;
    let back = format!("/party/documents/{id}");
    let csrf = crate::http::upload::Csrf::Field(expected_csrf(&jar));
    let read = match files::may_attach(&page.ctx, &page.actor, id).await {
        Ok(()) => crate::http::upload::read(&page.ctx, mp, csrf).await,
        Err(e) => Err(e),
    };
    if let Err(e @ AppError::Csrf(_)) = read {
        return Err(e);
    }
    let file = match read {
        Ok(form) => form.required_file().await,
        Err(e) => Err(e),
    };
    let (name, bytes) = match file {
        Ok(x) => x,
        Err(e) => return flash_back(page, &back, e),
    };
    match files::upload(&page.ctx, &page.actor, id, &name, &bytes).await {
        Ok(row) => {
            let msg = format!(
                "{}: {}",
                words::texts(page.lang).file_attached,
                row.file_name
            );
            Ok(page.redirect(&back, "ok", &msg))
        }
        Err(e) => flash_back(page, &back, e),
    }
}

/// The upload route: the file's size is limited as it is read (the
/// configured upload size), not by the general body limit.
pub fn upload_post() -> axum::routing::MethodRouter<crate::service::Ctx> {
    crate::http::upload::post(upload)
}

pub async fn download(page: Page, Path((id, file)): Path<(i64, i64)>) -> AppResult<Response> {
    page.require_user()?;
    let (row, bytes) = files::download(&page.ctx, &page.actor, id, file).await?;
    Ok(crate::http::api::file_response(
        &row.content_type,
        &row.file_name,
        bytes,
    ))
}

#[derive(Template)]
#[template(path = "pages/party/notes.html")]
struct NotesPage {
    base: Base,
    p: &'static PartyTexts,
    notes: Vec<NoteLine>,
    /// A refused note (`note-new`, or `note-{id}` for an edit), shown again
    /// as typed.
    refused: Refused,
}

pub async fn notes_list(page: Page) -> AppResult<Response> {
    notes_page(page, StatusCode::OK, Refused::default()).await
}

async fn notes_page(page: Page, status: StatusCode, refused: Refused) -> AppResult<Response> {
    page.require_user()?;
    let items = notes::list(&page.ctx, &page.actor, None, None).await?;
    let p = words::texts(page.lang);
    let tpl = NotesPage {
        base: page.base(p.notes),
        p,
        notes: items.iter().map(|n| NoteLine::new(page.lang, n)).collect(),
        refused,
    };
    page.render(status, &tpl)
}

#[derive(Deserialize)]
pub struct NoteForm {
    #[serde(default)]
    body: String,
    #[serde(default)]
    meeting_id: Option<String>,
    #[serde(default)]
    document_id: Option<String>,
    /// The version of the note the form was made from.
    #[serde(default)]
    version: Option<String>,
}

fn id_of(raw: &Option<String>) -> Option<i64> {
    raw.as_deref().and_then(|s| s.trim().parse().ok())
}

/// Where to go back to after a note about a meeting or a document.
fn note_back(meeting: Option<i64>, document: Option<i64>) -> String {
    match (meeting, document) {
        (Some(m), _) => format!("/party/meetings/{m}"),
        (None, Some(d)) => format!("/party/documents/{d}"),
        _ => "/party/notes".into(),
    }
}

pub async fn create_note(page: Page, CsrfForm(form): CsrfForm<NoteForm>) -> AppResult<Response> {
    page.require_user()?;
    let typed = [
        ("body", form.body.clone()),
        ("meeting_id", form.meeting_id.clone().unwrap_or_default()),
        ("document_id", form.document_id.clone().unwrap_or_default()),
    ];
    let input = notes::NoteInput {
        body: form.body,
        meeting_id: id_of(&form.meeting_id),
        document_id: id_of(&form.document_id),
    };
    let back = note_back(input.meeting_id, input.document_id);
    match notes::create(&page.ctx, &page.actor, &input).await {
        Ok(_) => {
            let msg = words::texts(page.lang).saved;
            Ok(page.redirect(&back, "ok", msg))
        }
        // The notes page, the note as typed (still tied to its meeting or
        // document), the reason above it.
        Err(e) => refused_note(page, "note-new", e, typed).await,
    }
}

async fn refused_note(
    page: Page,
    form: &str,
    e: AppError,
    typed: [(&'static str, String); 3],
) -> AppResult<Response> {
    match Refused::of(page.lang, form, &e, typed) {
        Some(refused) => notes_page(page, StatusCode::UNPROCESSABLE_ENTITY, refused).await,
        None => Err(e),
    }
}

pub async fn update_note(
    page: Page,
    Path(id): Path<i64>,
    CsrfForm(form): CsrfForm<NoteForm>,
) -> AppResult<Response> {
    page.require_user()?;
    let typed = [
        ("body", form.body.clone()),
        ("meeting_id", String::new()),
        ("document_id", String::new()),
    ];
    let version = form.version.as_deref().unwrap_or("").trim().parse::<i64>();
    let updated = match version {
        Ok(version) => notes::update(&page.ctx, &page.actor, id, version, &form.body).await,
        Err(_) => Err(AppError::invalid(
            "version",
            Msg::new("request.version_missing"),
        )),
    };
    match updated {
        Ok(_) => {
            let msg = words::texts(page.lang).saved;
            Ok(page.redirect("/party/notes", "ok", msg))
        }
        Err(e) => refused_note(page, &format!("note-{id}"), e, typed).await,
    }
}

pub async fn delete_note(
    page: Page,
    Path(id): Path<i64>,
    CsrfForm(_): CsrfForm<serde::de::IgnoredAny>,
) -> AppResult<Response> {
    page.require_user()?;
    notes::delete(&page.ctx, &page.actor, id).await?;
    let msg = words::texts(page.lang).note_deleted;
    Ok(page.redirect("/party/notes", "ok", msg))
}
