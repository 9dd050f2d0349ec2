//! Loading official unit lists and succession mappings, each in one
//! transaction with its audit entry.

use crate::i18n::messages::Msg;
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::HashMap;
use tracing::instrument;

use super::audit::{self, Change};
use super::{Actor, Ctx};
use crate::domain::unit::Level;
use crate::domain::unit_list::plan_load;
use crate::error::{AppError, AppResult};
use crate::io::admin_csv;
use crate::store::units::{self as store, LoadedList, Succession};

/// What a list load did.
#[derive(Debug, Clone, Serialize)]
pub struct LoadReport {
    pub list: String,
    pub valid_from: NaiveDate,
    pub rows: usize,
    pub unchanged: usize,
    pub opened: usize,
    pub closed: usize,
    pub successions: usize,
}

/// Load an official list effective from `valid_from`, in one transaction.
#[instrument(skip(ctx, actor, text))]
pub async fn load_list(
    ctx: &Ctx,
    actor: &Actor,
    name: &str,
    text: &str,
    valid_from: NaiveDate,
) -> AppResult<LoadReport> {
    if !actor.scope.is_admin() {
        return Err(AppError::Forbidden(Msg::new("access.unit_lists")));
    }
    let rows = admin_csv::parse_units(text)?;
    let mut tx = ctx.begin().await?;
    tx.lock_table("units").await?;
    if store::lists(ctx.db()).await?.iter().any(|l| l.name == name) {
        return Err(AppError::Conflict(
            Msg::new("unit.list_loaded").arg("name", name),
        ));
    }
    let open = store::open_versions(&mut tx).await?;
    let next = store::next_id(&mut tx).await?;
    let plan = plan_load(&open, &rows, valid_from, next)?;
    let t = ctx.now();
    store::close_versions(&mut tx, &plan.closes, t).await?;
    store::insert_versions(&mut tx, &plan.new_versions, t).await?;
    // A closed version whose code opens again the same day at the same level
    // was renamed or moved: the new version continues it.
    let reopened: HashMap<(&str, Level), i64> = plan
        .new_versions
        .iter()
        .map(|v| ((v.code.as_str(), v.level), v.id))
        .collect();
    let continuations: Vec<Succession> = open
        .iter()
        .filter(|u| plan.closes.iter().any(|(id, _)| *id == u.id))
        .filter_map(|u| {
            reopened
                .get(&(u.code.as_str(), u.level))
                .map(|&new| Succession {
                    old_unit_id: u.id,
                    new_unit_id: new,
                    kind: "full",
                    effective: valid_from,
                    note: "same code in the next list".into(),
                })
        })
        .collect();
    store::insert_successions(&mut tx, &continuations, t).await?;
    let links = continuations.len();
    let list = LoadedList {
        name: name.to_owned(),
        valid_from,
        rows: rows.len() as i64,
    };
    store::insert_list(&mut tx, &list, t).await?;
    let report = LoadReport {
        list: name.to_owned(),
        valid_from,
        rows: rows.len(),
        unchanged: plan.unchanged,
        opened: plan.new_versions.len(),
        closed: plan.closes.len(),
        successions: links,
    };
    let after = serde_json::to_value(&report).ok();
    let change = Change {
        action: "load",
        entity: "unit_list",
        entity_id: name.to_owned(),
        unit_path: None,
        before: None,
        after,
    };
    audit::record(ctx, &mut tx, actor, change).await?;
    tx.commit().await?;
    ctx.reload_hierarchy().await?;
    Ok(report)
}

/// Load succession links (old unit on the day before `effective` → new unit
/// on `effective`), in one transaction.
#[instrument(skip(ctx, actor, text))]
pub async fn load_successions(
    ctx: &Ctx,
    actor: &Actor,
    name: &str,
    text: &str,
    effective: NaiveDate,
) -> AppResult<LoadReport> {
    if !actor.scope.is_admin() {
        return Err(AppError::Forbidden(Msg::new("access.succession_links")));
    }
    let rows = admin_csv::parse_merge(text)?;
    let before = effective
        .pred_opt()
        .ok_or_else(|| AppError::invalid("effective", Msg::new("value.date_out_of_range")))?;
    let h = ctx.hierarchy();
    let mut links = Vec::with_capacity(rows.len());
    for r in &rows {
        let old = h.find(&r.old_code, before).ok_or_else(|| {
            AppError::invalid(
                "old_code",
                Msg::new("unit.line_no_unit_on")
                    .arg("line", r.line)
                    .arg("code", &r.old_code)
                    .arg("day", before.format("%d/%m/%Y")),
            )
        })?;
        let new = h.find(&r.new_code, effective).ok_or_else(|| {
            AppError::invalid(
                "new_code",
                Msg::new("unit.line_no_unit_on")
                    .arg("line", r.line)
                    .arg("code", &r.new_code)
                    .arg("day", effective.format("%d/%m/%Y")),
            )
        })?;
        links.push(Succession {
            old_unit_id: old.unit.id,
            new_unit_id: new.unit.id,
            kind: if r.full { "full" } else { "partial" },
            effective,
            note: r.note.clone(),
        });
    }
    let mut tx = ctx.begin().await?;
    if store::lists(ctx.db()).await?.iter().any(|l| l.name == name) {
        return Err(AppError::Conflict(
            Msg::new("unit.mapping_loaded").arg("name", name),
        ));
    }
    let t = ctx.now();
    store::insert_successions(&mut tx, &links, t).await?;
    store::insert_list(
        &mut tx,
        &LoadedList {
            name: name.to_owned(),
            valid_from: effective,
            rows: rows.len() as i64,
        },
        t,
    )
    .await?;
    let report = LoadReport {
        list: name.to_owned(),
        valid_from: effective,
        rows: rows.len(),
        unchanged: 0,
        opened: 0,
        closed: 0,
        successions: links.len(),
    };
    let after = serde_json::to_value(&report).ok();
    let change = Change {
        action: "load",
        entity: "unit_successions",
        entity_id: name.to_owned(),
        unit_path: None,
        before: None,
        after,
    };
    audit::record(ctx, &mut tx, actor, change).await?;
    tx.commit().await?;
    Ok(report)
}

/// Load every list shipped with the binary that is not loaded yet, oldest
/// first, then the 2025 merge mapping.
pub async fn load_builtin(ctx: &Ctx, actor: &Actor) -> AppResult<Vec<LoadReport>> {
    let loaded: Vec<String> = store::lists(ctx.db())
        .await?
        .into_iter()
        .map(|l| l.name)
        .collect();
    let mut reports = Vec::new();
    for (name, from, text) in admin_csv::BUILTIN_LISTS {
        if !loaded.iter().any(|l| l == name) {
            let from = from.parse().expect("built-in date");
            reports.push(load_list(ctx, actor, name, text, from).await?);
        }
        let (mname, mfrom, mtext) = admin_csv::BUILTIN_MERGE_2025_01;
        if name == "units-2024" && !loaded.iter().any(|l| l == mname) {
            reports.push(
                load_successions(
                    ctx,
                    actor,
                    mname,
                    mtext,
                    mfrom.parse().expect("built-in date"),
                )
                .await?,
            );
        }
    }
    let (name, from, text) = admin_csv::BUILTIN_MERGE;
    if !loaded.iter().any(|l| l == name) {
        reports.push(
            load_successions(ctx, actor, name, text, from.parse().expect("built-in date")).await?,
        );
    }
    Ok(reports)
}

/// Lists loaded so far.
pub async fn lists(ctx: &Ctx) -> AppResult<Vec<LoadedList>> {
    Ok(store::lists(ctx.db()).await?)
}
