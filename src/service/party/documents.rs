//! Documents: issue (the issuing organisation's secretary or deputy),
//! distribution to organisations, confidentiality, search with diacritic
//! folding, opening with a read receipt, and who has not read.
//!
//! A document the asker may not read does not exist for them (404), so
//! that guessing ids reveals nothing. Every opening of a restricted
//! document, and every download of its files, is written to the audit log.

use crate::i18n::messages::Msg;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use tracing::instrument;

use super::{MemberView, Viewer, org_or_404, org_path, record_use, viewer};
use crate::domain::fold::{matches_all_words, search_key};
use crate::domain::party::{
    self as rules, Confidentiality, DocAccess, DocKind, Position, UsageKind, clean_text,
};
use crate::error::{AppError, AppResult};
use crate::service::audit::{self, Change};
use crate::service::{Actor, Ctx};
use crate::store::party::documents::{self as store, AttachmentRow, DocumentRow, NewDocument};
use crate::store::party::{self as party_store, OrgRow};

/// A document in a list.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentSummary {
    pub id: i64,
    pub number: String,
    pub title: String,
    pub issuer: String,
    pub issued_on: NaiveDate,
    pub kind: DocKind,
    pub confidentiality: Confidentiality,
    /// Read by the asker (any of their memberships).
    pub read: bool,
}

fn summary(d: &DocumentRow, read: bool) -> DocumentSummary {
    DocumentSummary {
        id: d.id,
        number: d.number.clone(),
        title: d.title.clone(),
        issuer: d.issuer.clone(),
        issued_on: d.issued_on,
        kind: d.kind,
        confidentiality: d.confidentiality,
        read,
    }
}

fn not_found(id: i64) -> AppError {
    AppError::NotFound(Msg::new("handbook.document_not_found").arg("id", id))
}

/// A document with what decides who reads it.
struct Loaded {
    doc: DocumentRow,
    distributed_to: Vec<i64>,
    positions: Vec<Position>,
}

impl Loaded {
    fn access(&self) -> DocAccess<'_> {
        DocAccess {
            confidentiality: self.doc.confidentiality,
            issuer_org_id: self.doc.issuer_org_id,
            distributed_to: &self.distributed_to,
            positions: &self.positions,
        }
    }
}

async fn load(ctx: &Ctx, id: i64) -> AppResult<Option<Loaded>> {
    let Some(doc) = store::get(ctx.db(), id).await? else {
        return Ok(None);
    };
    Ok(Some(Loaded {
        distributed_to: store::distribution(ctx.db(), id).await?,
        positions: store::positions(ctx.db(), id).await?,
        doc,
    }))
}

/// The document if the viewer may read it, else 404.
async fn visible(ctx: &Ctx, v: &Viewer, id: i64) -> AppResult<Loaded> {
    match load(ctx, id).await? {
        Some(l) if rules::may_read(&v.memberships, &l.access()) => Ok(l),
        _ => Err(not_found(id)),
    }
}

/// A document's summary if the viewer may read it (for meeting pages).
pub(crate) async fn readable(ctx: &Ctx, v: &Viewer, id: i64) -> AppResult<Option<DocumentSummary>> {
    match load(ctx, id).await? {
        Some(l) if rules::may_read(&v.memberships, &l.access()) => {
            let read = party_store::documents::read_by(ctx.db(), &v.member_ids())
                .await?
                .contains(&id);
            Ok(Some(summary(&l.doc, read)))
        }
        _ => Ok(None),
    }
}

/// Documents the viewer may read, newest first: those matching every word
/// of `q` (diacritics and case ignored) when given, only unread ones when
/// `unread`.
pub(crate) async fn list_for(
    ctx: &Ctx,
    v: &Viewer,
    q: Option<&str>,
    unread: bool,
    limit: usize,
) -> AppResult<Vec<DocumentSummary>> {
    let candidates = store::candidates(ctx.db(), &v.reach(), 2000).await?;
    let ids: Vec<i64> = candidates.iter().map(|d| d.id).collect();
    let (orgs, positions) = store::access_facts(ctx.db(), &ids).await?;
    let mut dist: HashMap<i64, Vec<i64>> = HashMap::new();
    for (d, o) in orgs {
        dist.entry(d).or_default().push(o);
    }
    let mut pos: HashMap<i64, Vec<Position>> = HashMap::new();
    for (d, p) in positions {
        pos.entry(d).or_default().push(p.parse()?);
    }
    let read = store::read_by(ctx.db(), &v.member_ids()).await?;
    let folded = q.map(search_key).filter(|q| !q.is_empty());
    let empty = Vec::new();
    let mut out = Vec::new();
    for d in &candidates {
        let access = DocAccess {
            confidentiality: d.confidentiality,
            issuer_org_id: d.issuer_org_id,
            distributed_to: dist.get(&d.id).unwrap_or(&empty),
            positions: pos.get(&d.id).map(Vec::as_slice).unwrap_or(&[]),
        };
        if !rules::may_read(&v.memberships, &access) {
            continue;
        }
        if let Some(q) = &folded
            && !matches_all_words(&d.search_key, q)
        {
            continue;
        }
        let is_read = read.contains(&d.id);
        if unread && is_read {
            continue;
        }
        out.push(summary(d, is_read));
        if out.len() >= limit {
            break;
        }
    }
    Ok(out)
}

pub const SEARCH_LIMIT: usize = 100;

/// Search the documents the asker may read (an empty query lists them).
#[instrument(skip(ctx, actor))]
pub async fn search(
    ctx: &Ctx,
    actor: &Actor,
    q: &str,
    unread: bool,
) -> AppResult<Vec<DocumentSummary>> {
    if q.chars().count() > 100 {
        return Err(AppError::invalid("q", Msg::new("unit.search_too_long")));
    }
    let v = viewer(ctx, actor, ctx.today()).await?;
    list_for(ctx, &v, Some(q), unread, SEARCH_LIMIT).await
}

#[derive(Debug, Clone, Deserialize)]
pub struct NewDocumentInput {
    pub issuer_org_id: i64,
    pub number: String,
    pub title: String,
    /// Who signed it, as printed ("Tỉnh ủy Yên Bái"); default: the issuing
    /// organisation's name.
    #[serde(default)]
    pub issuer: String,
    pub issued_on: NaiveDate,
    pub kind: String,
    #[serde(default = "internal")]
    pub confidentiality: String,
    #[serde(default)]
    pub positions: Vec<String>,
    #[serde(default)]
    pub summary: String,
    /// Organisations it goes to; default: the issuing organisation.
    #[serde(default)]
    pub distributed_to: Vec<i64>,
}

fn internal() -> String {
    "internal".into()
}

/// The facts of a new document, checked (all but the distribution, which
/// `check_distribution` checks against the stored tree); shared with the
/// demo import.
pub(crate) fn check_fields(
    issuer: &OrgRow,
    input: &NewDocumentInput,
    created_by: Option<i64>,
) -> AppResult<NewDocument> {
    let number = clean_text("number", &input.number, 60, true)?;
    let title = clean_text("title", &input.title, 300, true)?;
    let issuer_name = clean_text("issuer", &input.issuer, 200, false)?;
    let issuer_name = if issuer_name.is_empty() {
        issuer.name.clone()
    } else {
        issuer_name
    };
    let summary = clean_text("summary", &input.summary, 5000, false)?;
    let kind: DocKind = input.kind.parse()?;
    let confidentiality: Confidentiality = input.confidentiality.parse()?;
    let mut positions = Vec::new();
    for (i, p) in input.positions.iter().enumerate() {
        let p: Position = p.parse().map_err(|e: crate::domain::DomainError| {
            AppError::invalid(format!("positions[{i}]"), e.reason())
        })?;
        if !positions.contains(&p) {
            positions.push(p);
        }
    }
    rules::check_positions(confidentiality, &positions)?;
    let mut distributed_to = input.distributed_to.clone();
    if distributed_to.is_empty() {
        distributed_to.push(issuer.id);
    }
    distributed_to.sort_unstable();
    distributed_to.dedup();
    let search_key = search_key(&format!("{number} {title} {issuer_name} {summary}"));
    Ok(NewDocument {
        issuer_org_id: issuer.id,
        number,
        title,
        issuer: issuer_name,
        issued_on: input.issued_on,
        kind,
        confidentiality,
        summary,
        search_key,
        created_by,
        synthetic: false,
        distributed_to,
        positions,
    })
}

/// Every organisation a document goes to is the issuer or below it.
async fn check_distribution(ctx: &Ctx, issuer: &OrgRow, ids: &[i64]) -> AppResult<()> {
    for (i, id) in ids.iter().enumerate() {
        let chain = party_store::org_chain(ctx.db(), *id).await?;
        let Some(last) = chain.last() else {
            return Err(AppError::invalid(
                format!("distributed_to[{i}]"),
                Msg::new("handbook.org_not_found").arg("id", id),
            ));
        };
        if !chain.iter().any(|o| o.id == issuer.id) {
            return Err(AppError::invalid(
                format!("distributed_to[{i}]"),
                Msg::new("handbook.not_below")
                    .arg("org", &last.name)
                    .arg("issuer", &issuer.name),
            ));
        }
    }
    Ok(())
}

/// Issue a document: the issuing organisation's secretary or deputy; it
/// goes to that organisation or ones below it.
#[instrument(skip(ctx, actor, input))]
pub async fn create(
    ctx: &Ctx,
    actor: &Actor,
    input: &NewDocumentInput,
) -> AppResult<DocumentSummary> {
    let v = viewer(ctx, actor, ctx.today()).await?;
    let issuer = org_or_404(ctx, input.issuer_org_id).await?;
    if !rules::may_run(&v.memberships, issuer.id) {
        return Err(AppError::Forbidden(
            Msg::new("handbook.documents_issued_by").arg("org", &issuer.name),
        ));
    }
    let new = check_fields(&issuer, input, Some(v.user_id))?;
    check_distribution(ctx, &issuer, &new.distributed_to).await?;
    let t = ctx.now();
    let mut tx = ctx.begin().await?;
    let id = store::insert(&mut tx, &new, t).await?;
    let row = DocumentRow {
        id,
        issuer_org_id: issuer.id,
        number: new.number.clone(),
        title: new.title.clone(),
        issuer: new.issuer.clone(),
        issued_on: new.issued_on,
        kind: new.kind,
        confidentiality: new.confidentiality,
        summary: new.summary.clone(),
        search_key: new.search_key.clone(),
        synthetic: false,
    };
    let out = summary(&row, false);
    audit::record(
        ctx,
        &mut tx,
        actor,
        Change {
            action: "create",
            entity: "party_document",
            entity_id: id.to_string(),
            unit_path: org_path(ctx, &issuer),
            before: None,
            after: Some(serde_json::json!({
                "document": out,
                "distributed_to": new.distributed_to,
                "positions": new.positions,
            })),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(out)
}

#[derive(Debug, Clone, Serialize)]
pub struct DocumentDetail {
    #[serde(flatten)]
    pub summary: DocumentSummary,
    pub summary_text: String,
    pub positions: Vec<Position>,
    pub distributed_to: Vec<super::OrgView>,
    pub attachments: Vec<AttachmentRow>,
    /// Organisations of the asker whose read receipts they may see.
    pub receipts_for: Vec<super::OrgView>,
    /// The asker may attach files (they run the issuing organisation).
    pub can_attach: bool,
}

/// Open a document: for a restricted document an audit entry, and when
/// `count_read` (the reader came from the application itself, or said so)
/// a read receipt for each of the reader's memberships it reaches and
/// handbook use. A link followed from another site opens the document
/// without counting it as read: a receipt says the member read it, which a
/// link in a message that auto-opens must not be able to claim.
#[instrument(skip(ctx, actor))]
pub async fn open(
    ctx: &Ctx,
    actor: &Actor,
    id: i64,
    count_read: bool,
) -> AppResult<DocumentDetail> {
    let v = viewer(ctx, actor, ctx.today()).await?;
    let l = visible(ctx, &v, id).await?;
    let reaching: Vec<i64> = rules::reaching(&v.memberships, &l.access())
        .iter()
        .map(|m| m.member_id)
        .collect();
    let t = ctx.now();
    let read = if count_read {
        !reaching.is_empty()
    } else {
        store::read_by(ctx.db(), &v.member_ids())
            .await?
            .contains(&l.doc.id)
    };
    let mut tx = ctx.begin().await?;
    if count_read {
        store::insert_reads(&mut tx, l.doc.id, &reaching, t).await?;
        record_use(&mut tx, &v.member_ids(), UsageKind::OpenDocument, t).await?;
    }
    if l.doc.confidentiality == Confidentiality::Restricted {
        audit_read(ctx, &mut tx, actor, &l.doc, None).await?;
    }
    tx.commit().await?;
    let mut distributed_to = Vec::new();
    for o in &l.distributed_to {
        if let Some(org) = party_store::org(ctx.db(), *o).await? {
            distributed_to.push(super::org_view(ctx, &org));
        }
    }
    let mut receipts_for = Vec::new();
    for m in rules::reaching(&v.memberships, &l.access()) {
        if m.position.runs_meetings() {
            let org = org_or_404(ctx, m.org_id).await?;
            receipts_for.push(super::org_view(ctx, &org));
        }
    }
    Ok(DocumentDetail {
        summary: summary(&l.doc, read),
        summary_text: l.doc.summary.clone(),
        positions: l.positions.clone(),
        distributed_to,
        attachments: store::attachments_of(ctx.db(), l.doc.id).await?,
        receipts_for,
        can_attach: rules::may_run(&v.memberships, l.doc.issuer_org_id),
    })
}

/// The audit entry of a read of a restricted document (or of one of its
/// files).
pub(crate) async fn audit_read(
    ctx: &Ctx,
    tx: &mut crate::store::Tx,
    actor: &Actor,
    doc: &DocumentRow,
    attachment: Option<i64>,
) -> AppResult<()> {
    let issuer = party_store::org(ctx.db(), doc.issuer_org_id).await?;
    audit::record(
        ctx,
        tx,
        actor,
        Change {
            action: "read",
            entity: "party_document",
            entity_id: doc.id.to_string(),
            unit_path: issuer.as_ref().and_then(|o| org_path(ctx, o)),
            before: None,
            after: Some(serde_json::json!({
                "number": doc.number,
                "confidentiality": doc.confidentiality,
                "attachment_id": attachment,
            })),
        },
    )
    .await
}

/// One member's line in the read receipts.
#[derive(Debug, Clone, Serialize)]
pub struct ReceiptView {
    pub member: MemberView,
    pub read_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Receipts {
    pub document: DocumentSummary,
    pub org: super::OrgView,
    pub read: usize,
    pub members: usize,
    /// Members the document reaches, those who have not read it first.
    pub items: Vec<ReceiptView>,
}

/// Who in the organisation has read the document, for its secretary or
/// deputy (who must be able to read it themselves).
#[instrument(skip(ctx, actor))]
pub async fn receipts(ctx: &Ctx, actor: &Actor, id: i64, org_id: i64) -> AppResult<Receipts> {
    let today = ctx.today();
    let v = viewer(ctx, actor, today).await?;
    let l = visible(ctx, &v, id).await?;
    let org = org_or_404(ctx, org_id).await?;
    if !rules::may_run(&v.memberships, org.id) {
        return Err(AppError::Forbidden(
            Msg::new("handbook.receipts_for_secretary").arg("org", &org.name),
        ));
    }
    let access = l.access();
    // The organisation's members the document reaches: it must be
    // distributed to the organisation or one above it, or issued by it.
    let chain: Vec<i64> = party_store::org_chain(ctx.db(), org.id)
        .await?
        .iter()
        .map(|o| o.id)
        .collect();
    let reaches_org = access.confidentiality == Confidentiality::Public
        || l.doc.issuer_org_id == org.id
        || l.distributed_to.iter().any(|d| chain.contains(d));
    if !reaches_org {
        return Err(AppError::invalid(
            "org_id",
            Msg::new("handbook.not_distributed_to").arg("org", &org.name),
        ));
    }
    let reads = store::reads_of(ctx.db(), l.doc.id).await?;
    let mut items: Vec<ReceiptView> = party_store::members_of(ctx.db(), org.id, today)
        .await?
        .iter()
        .filter(|m| {
            access.confidentiality != Confidentiality::Restricted
                || access.positions.contains(&m.position)
        })
        .map(|m| ReceiptView {
            member: MemberView::from(m),
            read_at: reads.iter().find(|r| r.0 == m.id).map(|r| r.1),
        })
        .collect();
    items.sort_by_key(|r| r.read_at.is_some());
    let read = items.iter().filter(|r| r.read_at.is_some()).count();
    let is_read = reads.iter().any(|r| v.member_ids().contains(&r.0));
    Ok(Receipts {
        document: summary(&l.doc, is_read),
        org: super::org_view(ctx, &org),
        read,
        members: items.len(),
        items,
    })
}

/// The document if the viewer may read it, for the files module.
pub(crate) async fn for_files(ctx: &Ctx, v: &Viewer, id: i64) -> AppResult<(DocumentRow, bool)> {
    let l = visible(ctx, v, id).await?;
    let runs = rules::may_run(&v.memberships, l.doc.issuer_org_id);
    Ok((l.doc, runs))
}
