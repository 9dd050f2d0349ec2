//! Reading the audit log: a page of the entries the asker may see. Apart
//! from `audit` (which every write calls) because reading filters party
//! records through the party rules, and the party operations write audit
//! entries themselves.

use crate::i18n::messages::Msg;
use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

use super::{Actor, Ctx};
use crate::domain::unit::UnitCode;
use crate::error::{AppError, AppResult};
use crate::store::audit::{self as store, Entry};

pub const PAGE_SIZE: i64 = 100;

/// A page of the log: the entries the asker may see, and where the next
/// page starts (entries hidden from the asker still count for paging).
#[derive(Debug, Clone)]
pub struct LogPage {
    pub items: Vec<Entry>,
    pub next_before: Option<i64>,
    /// Ids of the entries shown without their content (party records an
    /// admin may not read).
    pub withheld: BTreeSet<i64>,
}

/// Entries of the unit's subtree (whole log for admins without a unit),
/// newest first, `PAGE_SIZE` at a time before `before_id`. Entries about
/// party records are shown only to those who may read the record; admins,
/// who oversee the whole log, see such entries without their content.
pub async fn list(
    ctx: &Ctx,
    actor: &Actor,
    unit: Option<&str>,
    day: NaiveDate,
    before_id: Option<i64>,
) -> AppResult<LogPage> {
    let raw = entries_of_area(ctx, actor, unit, day, before_id).await?;
    let next_before = (raw.len() as i64 == PAGE_SIZE)
        .then(|| raw.last().map(|e| e.id))
        .flatten();
    let mut gate = super::party::records::RecordGate::new(ctx, actor).await?;
    let admin = actor.scope.is_admin();
    let mut items = Vec::with_capacity(raw.len());
    let mut withheld = BTreeSet::new();
    for mut e in raw {
        match gate
            .may_see(ctx, &e.entity, &e.entity_id, e.user_id)
            .await?
        {
            None | Some(true) => items.push(e),
            Some(false) if admin => {
                e.before = None;
                e.after = None;
                withheld.insert(e.id);
                items.push(e);
            }
            Some(false) => {}
        }
    }
    Ok(LogPage {
        items,
        next_before,
        withheld,
    })
}

/// The display names of the authors of `entries`, by user id (authors
/// since deleted, and the system, have none).
pub async fn author_names(ctx: &Ctx, entries: &[Entry]) -> AppResult<BTreeMap<i64, String>> {
    let ids: BTreeSet<i64> = entries.iter().filter_map(|e| e.user_id).collect();
    let mut names = BTreeMap::new();
    for id in ids {
        if let Some(user) = crate::store::accounts::user_by_id(ctx.db(), id).await? {
            names.insert(id, user.display_name);
        }
    }
    Ok(names)
}

async fn entries_of_area(
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
                .map(|n| crate::domain::hierarchy::unit_path(&h, n))
                .collect();
            let officer = match &actor.scope {
                crate::domain::access::Scope::User(grants) => {
                    grants.iter().any(|g| g.role.is_officer())
                }
                crate::domain::access::Scope::Public => false,
            };
            if !officer {
                return Err(AppError::Forbidden(Msg::new("access.audit_log")));
            }
            if readable.is_empty() {
                // An officer whose units have all ended by the day (a
                // district after 2025-07-01): nothing of theirs that day.
                return Ok(Vec::new());
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
                .ok_or_else(|| {
                    AppError::NotFound(Msg::new("notfound.unit_code").arg("code", &code))
                })?;
            if !actor.scope.can_audit(&h, Some(&node)) {
                return Err(AppError::Forbidden(
                    Msg::new("access.audit_log_outside").arg("unit", &node.unit.full_name),
                ));
            }
            Some(vec![crate::domain::hierarchy::unit_path(&h, &node)])
        }
    };
    Ok(store::list(ctx.db(), prefixes.as_deref(), before_id, PAGE_SIZE).await?)
}
