//! Documents, their distribution and positions, attachments, read
//! receipts, and personal notes.
//!
//! Notes are looked up by id *and* author in every query, so that a note
//! of someone else is indistinguishable from one that does not exist.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::QueryBuilder;

use super::CHUNK;
use crate::domain::party::{Confidentiality, DocKind, Position};
use crate::store::{Db, Tx};
use crate::{exec_tx, on_pool, on_tx};

#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize)]
pub struct DocumentRow {
    pub id: i64,
    pub issuer_org_id: i64,
    pub number: String,
    pub title: String,
    pub issuer: String,
    pub issued_on: NaiveDate,
    #[sqlx(try_from = "String")]
    pub kind: DocKind,
    #[sqlx(try_from = "String")]
    pub confidentiality: Confidentiality,
    pub summary: String,
    #[serde(skip)]
    pub search_key: String,
    pub synthetic: bool,
}

const DOC_COLUMNS: &str = "id, issuer_org_id, number, title, issuer, issued_on, kind, confidentiality, summary, search_key, synthetic";

#[derive(Debug, Clone)]
pub struct NewDocument {
    pub issuer_org_id: i64,
    pub number: String,
    pub title: String,
    pub issuer: String,
    pub issued_on: NaiveDate,
    pub kind: DocKind,
    pub confidentiality: Confidentiality,
    pub summary: String,
    pub search_key: String,
    pub created_by: Option<i64>,
    pub synthetic: bool,
    pub distributed_to: Vec<i64>,
    pub positions: Vec<Position>,
}

pub async fn insert(tx: &mut Tx, d: &NewDocument, now: DateTime<Utc>) -> Result<i64, sqlx::Error> {
    let id: i64 = on_tx!(tx, |c| {
        sqlx::query_scalar(
        "INSERT INTO party_documents (issuer_org_id, number, title, issuer, issued_on, kind, confidentiality, summary, search_key, created_by, synthetic, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12) RETURNING id"
    )
    .bind(d.issuer_org_id)
    .bind(&d.number)
    .bind(&d.title)
    .bind(&d.issuer)
    .bind(d.issued_on)
    .bind(d.kind.as_str())
    .bind(d.confidentiality.as_str())
    .bind(&d.summary)
    .bind(&d.search_key)
    .bind(d.created_by)
    .bind(d.synthetic)
    .bind(now)
    .fetch_one(c)
    .await
    })?;
    for org in &d.distributed_to {
        exec_tx!(tx, |c| {
            sqlx::query(
            "INSERT INTO party_document_orgs (document_id, org_id, created_at, updated_at) VALUES ($1, $2, $3, $3) ON CONFLICT (document_id, org_id) DO NOTHING"
        )
        .bind(id)
        .bind(*org)
        .bind(now)
        .execute(c)
        .await
        })?;
    }
    for pos in &d.positions {
        exec_tx!(tx, |c| {
            sqlx::query(
            "INSERT INTO party_document_positions (document_id, position, created_at, updated_at) VALUES ($1, $2, $3, $3) ON CONFLICT (document_id, position) DO NOTHING"
        )
        .bind(id)
        .bind(pos.as_str())
        .bind(now)
        .execute(c)
        .await
        })?;
    }
    Ok(id)
}

pub async fn get(db: &Db, id: i64) -> Result<Option<DocumentRow>, sqlx::Error> {
    let sql = format!("SELECT {DOC_COLUMNS} FROM party_documents WHERE id = $1");
    on_pool!(db, |p| sqlx::query_as(&sql)
        .bind(id)
        .fetch_optional(p)
        .await)
}

/// The organisations a document is distributed to.
pub async fn distribution(db: &Db, id: i64) -> Result<Vec<i64>, sqlx::Error> {
    on_pool!(db, |p| sqlx::query_scalar(
        "SELECT org_id FROM party_document_orgs WHERE document_id = $1 ORDER BY org_id"
    )
    .bind(id)
    .fetch_all(p)
    .await)
}

/// The positions a restricted document names.
pub async fn positions(db: &Db, id: i64) -> Result<Vec<Position>, sqlx::Error> {
    let rows: Vec<String> = on_pool!(db, |p| sqlx::query_scalar(
        "SELECT position FROM party_document_positions WHERE document_id = $1 ORDER BY position"
    )
    .bind(id)
    .fetch_all(p)
    .await)?;
    rows.into_iter()
        .map(|s| s.parse().map_err(|e| sqlx::Error::Decode(Box::new(e))))
        .collect()
}

/// Documents that may reach someone in these organisations: public ones,
/// those issued by one of them, and those distributed to one of them
/// (callers pass the organisations and all those above them). Newest
/// first. Restricted documents still need the position check.
pub async fn candidates(
    db: &Db,
    org_ids: &[i64],
    limit: i64,
) -> Result<Vec<DocumentRow>, sqlx::Error> {
    on_pool!(db, |p| {
        let mut q = QueryBuilder::new(format!(
            "SELECT {DOC_COLUMNS} FROM party_documents WHERE confidentiality = 'public'"
        ));
        if !org_ids.is_empty() {
            q.push(" OR issuer_org_id IN (");
            let mut s = q.separated(", ");
            for id in org_ids.iter().take(CHUNK) {
                s.push_bind(*id);
            }
            q.push(") OR id IN (SELECT document_id FROM party_document_orgs WHERE org_id IN (");
            let mut s = q.separated(", ");
            for id in org_ids.iter().take(CHUNK) {
                s.push_bind(*id);
            }
            q.push("))");
        }
        q.push(" ORDER BY issued_on DESC, id DESC LIMIT ")
            .push_bind(limit);
        q.build_query_as().fetch_all(p).await
    })
}

/// Distribution and positions of many documents at once.
pub async fn access_facts(
    db: &Db,
    ids: &[i64],
) -> Result<(Vec<(i64, i64)>, Vec<(i64, String)>), sqlx::Error> {
    let mut orgs = Vec::new();
    let mut positions = Vec::new();
    for chunk in ids.chunks(CHUNK) {
        let o: Vec<(i64, i64)> = on_pool!(db, |p| {
            let mut q = QueryBuilder::new(
                "SELECT document_id, org_id FROM party_document_orgs WHERE document_id IN (",
            );
            let mut s = q.separated(", ");
            for id in chunk {
                s.push_bind(*id);
            }
            q.push(")");
            q.build_query_as().fetch_all(p).await
        })?;
        let ps: Vec<(i64, String)> = on_pool!(db, |p| {
            let mut q = QueryBuilder::new(
                "SELECT document_id, position FROM party_document_positions WHERE document_id IN (",
            );
            let mut s = q.separated(", ");
            for id in chunk {
                s.push_bind(*id);
            }
            q.push(")");
            q.build_query_as().fetch_all(p).await
        })?;
        orgs.extend(o);
        positions.extend(ps);
    }
    Ok((orgs, positions))
}

/// Record first reads (later reads keep the first time).
pub async fn insert_reads(
    tx: &mut Tx,
    document_id: i64,
    member_ids: &[i64],
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    for chunk in member_ids.chunks(CHUNK) {
        exec_tx!(tx, |c| {
            let mut q = QueryBuilder::new(
                "INSERT INTO party_document_reads (document_id, member_id, read_at, created_at, updated_at) ",
            );
            q.push_values(chunk, |mut b, id| {
                b.push_bind(document_id)
                    .push_bind(*id)
                    .push_bind(now)
                    .push_bind(now)
                    .push_bind(now);
            });
            q.push(" ON CONFLICT (document_id, member_id) DO NOTHING");
            q.build().execute(&mut *c).await
        })?;
    }
    Ok(())
}

/// Who has read a document, and when.
pub async fn reads_of(db: &Db, document_id: i64) -> Result<Vec<(i64, DateTime<Utc>)>, sqlx::Error> {
    on_pool!(db, |p| {
        sqlx::query_as(
        "SELECT member_id, read_at FROM party_document_reads WHERE document_id = $1 ORDER BY member_id"
    )
    .bind(document_id)
    .fetch_all(p)
    .await
    })
}

/// Which of the documents any of the members has read.
pub async fn read_by(db: &Db, member_ids: &[i64]) -> Result<Vec<i64>, sqlx::Error> {
    if member_ids.is_empty() {
        return Ok(Vec::new());
    }
    on_pool!(db, |p| {
        let mut q = QueryBuilder::new(
            "SELECT DISTINCT document_id FROM party_document_reads WHERE member_id IN (",
        );
        let mut s = q.separated(", ");
        for id in member_ids.iter().take(CHUNK) {
            s.push_bind(*id);
        }
        q.push(")");
        q.build_query_scalar().fetch_all(p).await
    })
}

#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize)]
pub struct AttachmentRow {
    pub id: i64,
    pub document_id: i64,
    #[serde(skip)]
    pub sha256: String,
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub created_at: DateTime<Utc>,
}

const ATTACHMENT_COLUMNS: &str =
    "id, document_id, sha256, file_name, content_type, size_bytes, created_at";

#[allow(clippy::too_many_arguments)]
pub async fn insert_attachment(
    tx: &mut Tx,
    document_id: i64,
    sha256: &str,
    file_name: &str,
    content_type: &str,
    size: i64,
    created_by: Option<i64>,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    on_tx!(tx, |c| {
        sqlx::query_scalar(
        "INSERT INTO party_attachments (document_id, sha256, file_name, content_type, size_bytes, created_by, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id"
    )
    .bind(document_id)
    .bind(sha256)
    .bind(file_name)
    .bind(content_type)
    .bind(size)
    .bind(created_by)
    .bind(now)
    .fetch_one(c)
    .await
    })
}

pub async fn attachments_of(db: &Db, document_id: i64) -> Result<Vec<AttachmentRow>, sqlx::Error> {
    let sql = format!(
        "SELECT {ATTACHMENT_COLUMNS} FROM party_attachments WHERE document_id = $1 ORDER BY id"
    );
    on_pool!(db, |p| sqlx::query_as(&sql)
        .bind(document_id)
        .fetch_all(p)
        .await)
}

/// An attachment of a given document (an attachment id with another
/// document's id finds nothing).
pub async fn attachment(
    db: &Db,
    document_id: i64,
    id: i64,
) -> Result<Option<AttachmentRow>, sqlx::Error> {
    let sql = format!(
        "SELECT {ATTACHMENT_COLUMNS} FROM party_attachments WHERE id = $1 AND document_id = $2"
    );
    on_pool!(db, |p| sqlx::query_as(&sql)
        .bind(id)
        .bind(document_id)
        .fetch_optional(p)
        .await)
}

#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize)]
pub struct NoteRow {
    pub id: i64,
    pub meeting_id: Option<i64>,
    pub document_id: Option<i64>,
    pub body: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Counts edits; an edit names the version it was read at.
    pub version: i64,
}

const NOTE_COLUMNS: &str = "id, meeting_id, document_id, body, created_at, updated_at, version";

pub async fn insert_note(
    tx: &mut Tx,
    user_id: i64,
    meeting_id: Option<i64>,
    document_id: Option<i64>,
    body: &str,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    on_tx!(tx, |c| {
        sqlx::query_scalar(
        "INSERT INTO party_notes (user_id, meeting_id, document_id, body, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5) RETURNING id"
    )
    .bind(user_id)
    .bind(meeting_id)
    .bind(document_id)
    .bind(body)
    .bind(now)
    .fetch_one(c)
    .await
    })
}

/// A note of this author; `None` for another author's note.
pub async fn note(db: &Db, user_id: i64, id: i64) -> Result<Option<NoteRow>, sqlx::Error> {
    let sql = format!("SELECT {NOTE_COLUMNS} FROM party_notes WHERE id = $1 AND user_id = $2");
    on_pool!(db, |p| sqlx::query_as(&sql)
        .bind(id)
        .bind(user_id)
        .fetch_optional(p)
        .await)
}

/// The author's notes, newest first (optionally about one meeting or
/// document).
pub async fn notes_of(
    db: &Db,
    user_id: i64,
    meeting_id: Option<i64>,
    document_id: Option<i64>,
) -> Result<Vec<NoteRow>, sqlx::Error> {
    let sql = format!(
        "SELECT {NOTE_COLUMNS} FROM party_notes WHERE user_id = $1 AND ($2 IS NULL OR meeting_id = $2) AND ($3 IS NULL OR document_id = $3) \
         ORDER BY updated_at DESC, id DESC LIMIT 200"
    );
    on_pool!(db, |p| sqlx::query_as(&sql)
        .bind(user_id)
        .bind(meeting_id)
        .bind(document_id)
        .fetch_all(p)
        .await)
}

/// Change a note's body if it is still at `version`; 0 rows when it is
/// not (or is not this author's).
pub async fn update_note(
    tx: &mut Tx,
    user_id: i64,
    id: i64,
    version: i64,
    body: &str,
    now: DateTime<Utc>,
) -> Result<u64, sqlx::Error> {
    exec_tx!(tx, |c| sqlx::query(
        "UPDATE party_notes SET body = $1, updated_at = $2, version = version + 1 \
         WHERE id = $3 AND user_id = $4 AND version = $5"
    )
    .bind(body)
    .bind(now)
    .bind(id)
    .bind(user_id)
    .bind(version)
    .execute(c)
    .await)
}

pub async fn delete_note(tx: &mut Tx, user_id: i64, id: i64) -> Result<u64, sqlx::Error> {
    exec_tx!(tx, |c| sqlx::query(
        "DELETE FROM party_notes WHERE id = $1 AND user_id = $2"
    )
    .bind(id)
    .bind(user_id)
    .execute(c)
    .await)
}
