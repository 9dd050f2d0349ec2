//! Request and response shapes of the `audit` area: a page of the log.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::openapi::Object;
use utoipa::openapi::schema::{ObjectBuilder, SchemaType, Type};
use utoipa::{IntoParams, ToSchema};

use crate::service::audit_log::LogPage;
use crate::store::audit::Entry;

/// `?unit=&on=&before=`: whose log, on what day, from where.
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditQuery {
    /// The unit whose subtree's entries to list (admins may omit it: the
    /// whole log).
    pub unit: Option<String>,
    /// The day the hierarchy is read on (YYYY-MM-DD); default today in
    /// Vietnam.
    #[param(value_type = Option<chrono::NaiveDate>)]
    pub on: Option<String>,
    /// Only entries with a smaller id (paging: the `next_before` of the
    /// page before).
    #[param(value_type = Option<i64>)]
    pub before: Option<String>,
}

/// A page of the audit log, newest first.
#[derive(Serialize, ToSchema)]
#[schema(as = AuditPage)]
pub struct PageOut {
    pub items: Vec<EntryOut>,
    /// Where the next page starts (`?before=`); null on the last page.
    pub next_before: Option<i64>,
}

impl From<LogPage> for PageOut {
    fn from(p: LogPage) -> Self {
        PageOut {
            items: p.items.into_iter().map(Into::into).collect(),
            next_before: p.next_before,
        }
    }
}

/// One change, with its author.
#[derive(Serialize, ToSchema)]
#[schema(as = AuditEntry)]
pub struct EntryOut {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub user_id: Option<i64>,
    /// The author's name, as signed in.
    pub actor: String,
    pub action: String,
    pub entity: String,
    pub entity_id: String,
    /// Unit ids from the top, /1/23/456/.
    pub unit_path: Option<String>,
    /// The record before the change (null for a creation, and for an
    /// admin reading an entry about a party record).
    #[schema(schema_with = recorded)]
    pub before: Option<Recorded>,
    /// The record after the change (null when it is gone, and for an admin
    /// reading an entry about a party record).
    #[schema(schema_with = recorded)]
    pub after: Option<Recorded>,
}

impl From<Entry> for EntryOut {
    fn from(e: Entry) -> Self {
        EntryOut {
            id: e.id,
            at: e.at,
            user_id: e.user_id,
            actor: e.actor,
            action: e.action,
            entity: e.entity,
            entity_id: e.entity_id,
            unit_path: e.unit_path,
            before: e.before.map(|j| Recorded(j.0)),
            after: e.after.map(|j| Recorded(j.0)),
        }
    }
}

/// A record as the log keeps it: the fields the change touched (an
/// object), or a list of records (an array), as each operation writes
/// them. Their shape is the operation's, not the API's, so the schema says
/// only that much.
#[derive(Serialize)]
#[serde(transparent)]
pub struct Recorded(serde_json::Value);

/// The schema of `before` and `after`: an object, an array, or null.
fn recorded() -> Object {
    ObjectBuilder::new()
        .schema_type(SchemaType::from_iter([
            Type::Object,
            Type::Array,
            Type::Null,
        ]))
        .build()
}
