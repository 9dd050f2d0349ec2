//! Recording the audit log (reading it: `audit_log`).
//!
//! Every write operation calls `record` inside its own transaction, so an
//! entry exists exactly when the change does.

use serde_json::Value;

use super::{Actor, Ctx};
use crate::error::AppResult;
use crate::store::Tx;
use crate::store::audit::{self as store, NewEntry};

/// One change to record.
#[derive(Debug, Clone)]
pub struct Change<'a> {
    pub action: &'a str,
    pub entity: &'a str,
    pub entity_id: String,
    /// The unit the change belongs to, as `domain::hierarchy::unit_path` gives.
    pub unit_path: Option<String>,
    pub before: Option<Value>,
    pub after: Option<Value>,
}

pub async fn record(ctx: &Ctx, tx: &mut Tx, actor: &Actor, change: Change<'_>) -> AppResult<()> {
    store::insert(
        tx,
        &NewEntry {
            at: ctx.now(),
            user_id: actor.user_id(),
            actor: &actor.label,
            action: change.action,
            entity: change.entity,
            entity_id: change.entity_id,
            unit_path: change.unit_path,
            before: change.before,
            after: change.after,
        },
    )
    .await?;
    Ok(())
}
