//! Request and response shapes of the party members' private notes.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::service::party::notes::NoteInput;
use crate::store::party::documents::NoteRow;

/// A private note, of its author only.
#[derive(Serialize, ToSchema)]
#[schema(as = Note)]
pub struct NoteOut {
    pub id: i64,
    /// The meeting it is about.
    pub meeting_id: Option<i64>,
    /// The document it is about.
    pub document_id: Option<i64>,
    pub body: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Counts edits; an edit names the version it was read at (a stale one
    /// gets 409).
    pub version: i64,
}

impl From<NoteRow> for NoteOut {
    fn from(n: NoteRow) -> Self {
        NoteOut {
            id: n.id,
            meeting_id: n.meeting_id,
            document_id: n.document_id,
            body: n.body,
            created_at: n.created_at,
            updated_at: n.updated_at,
            version: n.version,
        }
    }
}

/// The author's notes, newest first.
#[derive(Serialize, ToSchema)]
#[schema(as = NoteList)]
pub struct NoteListOut {
    pub items: Vec<NoteOut>,
}

/// A new note, optionally about a meeting or a document.
#[derive(Deserialize, ToSchema)]
#[schema(as = NewNote)]
pub struct NoteIn {
    pub body: String,
    #[serde(default)]
    pub meeting_id: Option<i64>,
    #[serde(default)]
    pub document_id: Option<i64>,
}

impl From<NoteIn> for NoteInput {
    fn from(n: NoteIn) -> Self {
        NoteInput {
            body: n.body,
            meeting_id: n.meeting_id,
            document_id: n.document_id,
        }
    }
}

/// A note's new text.
#[derive(Deserialize, ToSchema)]
#[schema(as = NoteUpdate)]
pub struct NoteUpdateIn {
    pub body: String,
    /// The note's version when read; a stale edit gets 409.
    pub version: i64,
}
