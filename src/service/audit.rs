//! Recording and reading the audit log.
//!
//! Every write operation calls `record` inside its own transaction, so an
//! entry exists exactly when the change does.

use chrono::NaiveDate;
use serde_json::Value;

use super::{Actor, Ctx, now};
use crate::domain::unit::UnitCode;
use crate::error::{AppError, AppResult};
use crate::store::Tx;
use crate::store::audit::{self as store, Entry, NewEntry};

/// One change to record.
#[derive(Debug, Clone)]
pub struct Change<'a> {
    pub action: &'a str,
    pub entity: &'a str,
    pub entity_id: String,
    /// The unit the change belongs to, as `service::units::unit_path` gives.
    pub unit_path: Option<String>,
    pub before: Option<Value>,
    pub after: Option<Value>,
}

pub async fn record(tx: &mut Tx, actor: &Actor, change: Change<'_>) -> AppResult<()> {
    store::insert(
        tx,
        &NewEntry {
            at: now(),
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

pub const PAGE_SIZE: i64 = 100;

/// Entries of the unit's subtree (whole log for admins without a unit),
/// newest first, `PAGE_SIZE` at a time before `before_id`.
pub async fn list(
    ctx: &Ctx,
    actor: &Actor,
    unit: Option<&str>,
    day: NaiveDate,
    before_id: Option<i64>,
) -> AppResult<Vec<Entry>> {
    let h = ctx.hierarchy();
    let prefixes = match unit {
        None if actor.scope.is_admin() => None,
        None => {
            // Non-admin officers read their own areas.
            let points = actor.scope.starting_points(&h, day).unwrap_or_default();
            let readable: Vec<String> = points
                .iter()
                .filter(|n| actor.scope.can_audit(&h, Some(n)))
                .map(|n| super::units::unit_path(&h, n))
                .collect();
            if readable.is_empty() {
                return Err(AppError::Forbidden(
                    "the audit log is for admins and officers".into(),
                ));
            }
            Some(readable)
        }
        Some(code) => {
            // The unit with the code on the day; failing that, its latest
            // version (the log outlives reorganisations).
            let code: UnitCode = code.parse()?;
            let node = h
                .find(&code, day)
                .or_else(|| {
                    h.versions_of(&code)
                        .last()
                        .and_then(|v| h.find_id(v.id, v.valid_from))
                })
                .ok_or_else(|| AppError::NotFound(format!("no unit has code {code}")))?;
            if !actor.scope.can_audit(&h, Some(&node)) {
                return Err(AppError::Forbidden(format!(
                    "the audit log of {} is outside your area",
                    node.unit.full_name
                )));
            }
            Some(vec![super::units::unit_path(&h, &node)])
        }
    };
    Ok(store::list(ctx.db(), prefixes.as_deref(), before_id, PAGE_SIZE).await?)
}
