//! Request and response shapes of the party's documents: the list and
//! search, issuing, opening, read receipts and attached files.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa::openapi::Object;

use super::{MemberOut, OrgOut, keyed_default, orgs};
use crate::domain::party::{Confidentiality, DocKind, Position};
use crate::http::api::types::{keyed, keyed_list};
use crate::service::party::documents::{
    DocumentDetail, DocumentSummary, NewDocumentInput, ReceiptView, Receipts,
};
use crate::store::party::documents::AttachmentRow;

/// A document in a list.
#[derive(Serialize, ToSchema)]
#[schema(as = PartyDocument)]
pub struct DocumentOut {
    pub id: i64,
    pub number: String,
    pub title: String,
    /// Who signed it, as printed.
    pub issuer: String,
    pub issued_on: NaiveDate,
    #[schema(schema_with = keyed::<DocKind>)]
    pub kind: DocKind,
    #[schema(schema_with = keyed::<Confidentiality>)]
    pub confidentiality: Confidentiality,
    /// Read by the asker (any of their memberships).
    pub read: bool,
}

impl From<DocumentSummary> for DocumentOut {
    fn from(d: DocumentSummary) -> Self {
        DocumentOut {
            id: d.id,
            number: d.number,
            title: d.title,
            issuer: d.issuer,
            issued_on: d.issued_on,
            kind: d.kind,
            confidentiality: d.confidentiality,
            read: d.read,
        }
    }
}

/// The documents found for a search.
#[derive(Serialize, ToSchema)]
#[schema(as = PartyDocumentList)]
pub struct DocumentListOut {
    /// The words searched for.
    pub q: String,
    pub items: Vec<DocumentOut>,
}

/// A new document.
#[derive(Deserialize, ToSchema)]
#[schema(as = NewPartyDocument)]
pub struct NewDocumentIn {
    pub issuer_org_id: i64,
    pub number: String,
    pub title: String,
    /// Who signed it, as printed ("Tỉnh ủy Yên Bái"); default: the issuing
    /// organisation's name.
    #[serde(default)]
    pub issuer: String,
    pub issued_on: NaiveDate,
    #[schema(schema_with = keyed::<DocKind>)]
    pub kind: String,
    #[serde(default = "internal")]
    #[schema(schema_with = confidentiality_default)]
    pub confidentiality: String,
    /// Restricted documents: the positions that may read them.
    #[serde(default)]
    #[schema(schema_with = keyed_list::<Position>)]
    pub positions: Vec<String>,
    #[serde(default)]
    pub summary: String,
    /// Organisations (the issuer or below); default the issuer.
    #[serde(default)]
    pub distributed_to: Vec<i64>,
}

fn confidentiality_default() -> Object {
    keyed_default::<Confidentiality>("internal")
}

fn internal() -> String {
    "internal".into()
}

impl From<NewDocumentIn> for NewDocumentInput {
    fn from(d: NewDocumentIn) -> Self {
        NewDocumentInput {
            issuer_org_id: d.issuer_org_id,
            number: d.number,
            title: d.title,
            issuer: d.issuer,
            issued_on: d.issued_on,
            kind: d.kind,
            confidentiality: d.confidentiality,
            positions: d.positions,
            summary: d.summary,
            distributed_to: d.distributed_to,
        }
    }
}

/// A document opened by a reader.
#[derive(Serialize, ToSchema)]
#[schema(as = PartyDocumentDetail)]
pub struct DocumentDetailOut {
    pub id: i64,
    pub number: String,
    pub title: String,
    /// Who signed it, as printed.
    pub issuer: String,
    pub issued_on: NaiveDate,
    #[schema(schema_with = keyed::<DocKind>)]
    pub kind: DocKind,
    #[schema(schema_with = keyed::<Confidentiality>)]
    pub confidentiality: Confidentiality,
    /// Read by the asker (any of their memberships).
    pub read: bool,
    pub summary_text: String,
    /// Restricted documents: the positions that may read them.
    #[schema(schema_with = keyed_list::<Position>)]
    pub positions: Vec<Position>,
    pub distributed_to: Vec<OrgOut>,
    pub attachments: Vec<AttachmentOut>,
    /// Organisations of the asker whose read receipts they may see.
    pub receipts_for: Vec<OrgOut>,
    /// The asker may attach files (they run the issuing organisation).
    pub can_attach: bool,
}

impl From<DocumentDetail> for DocumentDetailOut {
    fn from(d: DocumentDetail) -> Self {
        let s = d.summary;
        DocumentDetailOut {
            id: s.id,
            number: s.number,
            title: s.title,
            issuer: s.issuer,
            issued_on: s.issued_on,
            kind: s.kind,
            confidentiality: s.confidentiality,
            read: s.read,
            summary_text: d.summary_text,
            positions: d.positions,
            distributed_to: orgs(d.distributed_to),
            attachments: d.attachments.into_iter().map(Into::into).collect(),
            receipts_for: orgs(d.receipts_for),
            can_attach: d.can_attach,
        }
    }
}

/// A file attached to a document.
#[derive(Serialize, ToSchema)]
#[schema(as = Attachment)]
pub struct AttachmentOut {
    pub id: i64,
    pub document_id: i64,
    pub file_name: String,
    /// The type sniffed from its content.
    pub content_type: String,
    pub size_bytes: i64,
    pub created_at: DateTime<Utc>,
}

impl From<AttachmentRow> for AttachmentOut {
    fn from(a: AttachmentRow) -> Self {
        AttachmentOut {
            id: a.id,
            document_id: a.document_id,
            file_name: a.file_name,
            content_type: a.content_type,
            size_bytes: a.size_bytes,
            created_at: a.created_at,
        }
    }
}

/// A file for a document, as a multipart form.
#[derive(ToSchema)]
#[schema(as = PartyFileForm)]
#[allow(dead_code)]
pub struct FileForm {
    /// The `X-CSRF-Token` value, when signed in by the session cookie.
    #[schema(required = false)]
    pub _csrf: String,
    /// A PDF, PNG, JPEG or office document.
    #[schema(value_type = String, format = Binary)]
    pub file: Vec<u8>,
}

/// Who in an organisation has read a document.
#[derive(Serialize, ToSchema)]
#[schema(as = Receipts)]
pub struct ReceiptsOut {
    pub document: DocumentOut,
    pub org: OrgOut,
    /// Members who have read it.
    pub read: usize,
    /// Members it reaches.
    pub members: usize,
    /// Members the document reaches, those who have not read it first.
    pub items: Vec<ReceiptOut>,
}

impl From<Receipts> for ReceiptsOut {
    fn from(r: Receipts) -> Self {
        ReceiptsOut {
            document: r.document.into(),
            org: r.org.into(),
            read: r.read,
            members: r.members,
            items: r.items.into_iter().map(Into::into).collect(),
        }
    }
}

/// One member's line in the read receipts.
#[derive(Serialize, ToSchema)]
#[schema(as = Receipt)]
pub struct ReceiptOut {
    pub member: MemberOut,
    /// Not read yet: null.
    pub read_at: Option<DateTime<Utc>>,
}

impl From<ReceiptView> for ReceiptOut {
    fn from(r: ReceiptView) -> Self {
        ReceiptOut {
            member: r.member.into(),
            read_at: r.read_at,
        }
    }
}
