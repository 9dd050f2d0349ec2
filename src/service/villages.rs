//! Villages: created in the application under a commune (no official list
//! exists), numbered after the commune's code, and carried over
//! reorganisations with succession links.

use crate::i18n::messages::Msg;
use chrono::NaiveDate;
use std::collections::HashMap;
use tracing::instrument;

use super::audit::{self, Change};
use super::units::{UnitRow, find, get, unit_path};
use super::{Actor, Ctx};
use crate::domain::fold::nfc;
use crate::domain::hierarchy::{Hierarchy, Node};
use crate::domain::unit::{Level, UnitCode, UnitVersion, check_type, clean_name};
use crate::error::{AppError, AppResult};
use crate::store::units::{self as store, Succession};

/// A new village under a commune.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct NewVillage {
    pub name: String,
    /// thôn, bản or tổ dân phố; default thôn (tổ dân phố in a phường).
    #[serde(rename = "type", default)]
    pub unit_type: Option<String>,
    /// First day; default: the commune's first day.
    #[serde(default)]
    pub valid_from: Option<NaiveDate>,
    #[serde(default)]
    pub synthetic: bool,
}

/// Add a village under a commune valid on `day`. Its code is the commune's
/// followed by the next free 3-digit number; it ends when the commune does.
pub async fn create_village(
    ctx: &Ctx,
    actor: &Actor,
    commune_code: &str,
    day: NaiveDate,
    input: &NewVillage,
) -> AppResult<UnitRow> {
    let batch = [(commune_code.to_owned(), input.clone())];
    let code = import_villages(ctx, actor, day, &batch).await?.remove(0);
    get(ctx, actor, &code, day.max(input.valid_from.unwrap_or(day)))
}

/// Add many villages in one transaction (an import, or the demo): all are
/// checked first; any error names the item and nothing is written. Returns
/// the new codes in input order.
pub async fn import_villages(
    ctx: &Ctx,
    actor: &Actor,
    day: NaiveDate,
    items: &[(String, NewVillage)],
) -> AppResult<Vec<String>> {
    import_villages_audited(ctx, actor, day, items, None).await
}

/// `import_villages`, with `also` (the audit entry of the file that
/// brought them) recorded in the same transaction.
#[instrument(skip(ctx, actor, items, also), fields(items = items.len()))]
pub async fn import_villages_audited(
    ctx: &Ctx,
    actor: &Actor,
    day: NaiveDate,
    items: &[(String, NewVillage)],
    also: Option<Change<'static>>,
) -> AppResult<Vec<String>> {
    let h = ctx.hierarchy();
    let mut planned: Vec<(UnitVersion, String)> = Vec::with_capacity(items.len());
    // Per commune: names and the last number used, including this batch.
    let mut taken: HashMap<i64, Taken> = HashMap::new();
    for (i, (commune_code, input)) in items.iter().enumerate() {
        let at = |e: AppError| e.at_item(items.len(), i);
        let commune = commune_to_manage(&h, actor, commune_code, day).map_err(at)?;
        let slot = taken
            .entry(commune.unit.id)
            .or_insert_with(|| existing_villages(&h, &commune));
        let version = village_version(&commune, input, slot).map_err(at)?;
        planned.push((version, unit_path(&h, &commune)));
    }
    drop(h);
    let mut tx = ctx.begin().await?;
    let t = ctx.now();
    let mut codes = Vec::with_capacity(planned.len());
    for (version, parent_path) in planned {
        let id = store::insert_version(&mut tx, &version, t).await?;
        let after = serde_json::to_value(UnitVersion {
            id,
            ..version.clone()
        })
        .ok();
        let path = format!("{parent_path}{id}/");
        let change = Change {
            action: "create",
            entity: "unit",
            entity_id: id.to_string(),
            unit_path: Some(path),
            before: None,
            after,
        };
        audit::record(ctx, &mut tx, actor, change).await?;
        codes.push(version.code.to_string());
    }
    if let Some(change) = also {
        audit::record(ctx, &mut tx, actor, change).await?;
    }
    tx.commit().await?;
    ctx.reload_hierarchy().await?;
    Ok(codes)
}

/// The commune `code` on `day`, to add villages under: a commune the
/// actor manages.
pub(crate) fn commune_to_manage<'h>(
    h: &'h Hierarchy,
    actor: &Actor,
    code: &str,
    day: NaiveDate,
) -> AppResult<Node<'h>> {
    let commune = find(h, actor, code, day)?;
    if commune.unit.level != Level::Commune {
        return Err(AppError::invalid(
            "code",
            Msg::new("unit.villages_in_commune")
                .arg("code", &commune.unit.code)
                .arg_msg("level", commune.unit.level.words()),
        ));
    }
    if !actor.scope.can_manage(h, &commune) {
        return Err(AppError::Forbidden(
            Msg::new("access.villages_add").arg("unit", &commune.unit.full_name),
        ));
    }
    Ok(commune)
}

/// A commune's village names (folded) and the last village number used.
pub(crate) type Taken = (Vec<String>, u32);

/// Folded names of a commune's current villages, and the highest village
/// number ever used under its code (numbers are never reused).
pub(crate) fn existing_villages(h: &Hierarchy, commune: &Node<'_>) -> Taken {
    let names = h
        .children(commune)
        .iter()
        .map(|s| crate::domain::fold::search_key(&s.unit.name))
        .collect();
    let prefix = commune.unit.code.as_str();
    let last = h
        .versions_of_prefix(prefix)
        .into_iter()
        .filter_map(|c| {
            c.as_str()
                .strip_prefix(prefix)
                .and_then(|s| s.parse::<u32>().ok())
        })
        .max()
        .unwrap_or(0);
    (names, last)
}

/// The version a new village would be, checked as every way of adding one
/// checks it (name, type, dates, a name the commune already has); `taken`
/// grows by it.
pub(crate) fn village_version(
    commune: &Node<'_>,
    input: &NewVillage,
    taken: &mut Taken,
) -> AppResult<UnitVersion> {
    let name = clean_name("name", &input.name)?;
    let default_type = if commune.unit.unit_type == "xã" {
        "thôn"
    } else {
        "tổ dân phố"
    };
    let unit_type = nfc(input.unit_type.as_deref().unwrap_or(default_type).trim());
    check_type(Level::Village, &unit_type)?;
    let valid_from = input.valid_from.unwrap_or(commune.unit.valid_from);
    if valid_from < commune.unit.valid_from
        || commune.unit.valid_to.is_some_and(|to| valid_from > to)
    {
        return Err(AppError::invalid(
            "valid_from",
            Msg::new(if commune.unit.valid_to.is_some() {
                "unit.within_commune_dates"
            } else {
                "unit.within_commune_dates_open"
            })
            .arg("from", commune.unit.valid_from.format("%d/%m/%Y"))
            .arg(
                "to",
                commune
                    .unit
                    .valid_to
                    .map_or_else(String::new, |d| d.format("%d/%m/%Y").to_string()),
            ),
        ));
    }
    let folded = crate::domain::fold::search_key(&name);
    if taken.0.contains(&folded) {
        return Err(AppError::Conflict(
            Msg::new("unit.village_name_taken")
                .arg("unit", &commune.unit.full_name)
                .arg("name", &name),
        ));
    }
    let code = UnitCode::village(&commune.unit.code, taken.1 + 1)?;
    taken.0.push(folded);
    taken.1 += 1;
    let type_title = capitalise(&unit_type);
    Ok(UnitVersion {
        id: 0,
        code,
        full_name: format!("{type_title} {name}"),
        name,
        level: Level::Village,
        unit_type,
        parent_id: Some(commune.unit.id),
        valid_from,
        valid_to: commune.unit.valid_to,
        synthetic: input.synthetic,
    })
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Carry villages over a reorganisation: every village whose commune ended
/// the day before `effective` gets a new version under the commune that
/// continues it (a rename, or the 2025 merge; for a split, the first new
/// commune the mapping names, which the operator can later correct), with a
/// full succession link, so that its households, teams and figures follow.
/// Villages of communes with no successor end. One transaction.
#[instrument(skip(ctx, actor))]
pub async fn carry_villages(ctx: &Ctx, actor: &Actor, effective: NaiveDate) -> AppResult<usize> {
    if !actor.scope.is_admin() {
        return Err(AppError::Forbidden(Msg::new("access.villages_carry_over")));
    }
    let before = effective
        .pred_opt()
        .ok_or_else(|| AppError::invalid("effective", Msg::new("value.date_out_of_range")))?;
    let mut planned: Vec<(i64, UnitVersion)> = Vec::new();
    {
        let h = ctx.hierarchy();
        let mut taken: HashMap<i64, Taken> = HashMap::new();
        for old in h.roots(before).iter().flat_map(|r| {
            h.subtree(r)
                .filter(|u| u.level == Level::Village && u.valid_to == Some(before))
                .collect::<Vec<_>>()
        }) {
            if !h.successors(old.id).is_empty() {
                continue; // already carried
            }
            let Some(commune_id) = old.parent_id else {
                continue;
            };
            let links = h.successors(commune_id);
            let target = links
                .iter()
                .find(|l| l.1)
                .or_else(|| links.first())
                .and_then(|l| h.find_id(l.0, effective));
            let Some(commune) = target.filter(|c| c.unit.level == Level::Commune) else {
                continue;
            };
            let slot = taken
                .entry(commune.unit.id)
                .or_insert_with(|| existing_villages(&h, &commune));
            let mut name = old.name.clone();
            if slot.0.contains(&crate::domain::fold::search_key(&name)) {
                let from = h
                    .version(commune_id)
                    .map(|c| c.name.clone())
                    .unwrap_or_default();
                name = format!("{name} ({from})");
            }
            let input = NewVillage {
                name,
                unit_type: Some(old.unit_type.clone()),
                valid_from: Some(effective),
                synthetic: old.synthetic,
            };
            planned.push((old.id, village_version(&commune, &input, slot)?));
        }
    }
    let t = ctx.now();
    let mut tx = ctx.begin().await?;
    let mut links = Vec::with_capacity(planned.len());
    for (old_id, v) in &planned {
        let id = store::insert_version(&mut tx, v, t).await?;
        links.push(Succession {
            old_unit_id: *old_id,
            new_unit_id: id,
            kind: "full",
            effective,
            note: "village carried over the reorganisation".into(),
        });
    }
    store::insert_successions(&mut tx, &links, t).await?;
    let change = Change {
        action: "carry_villages",
        entity: "unit",
        entity_id: effective.to_string(),
        unit_path: None,
        before: None,
        after: Some(serde_json::json!({ "villages": planned.len() })),
    };
    audit::record(ctx, &mut tx, actor, change).await?;
    tx.commit().await?;
    ctx.reload_hierarchy().await?;
    Ok(planned.len())
}
