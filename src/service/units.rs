//! Hierarchy operations: read a unit on a day, its children, ancestors,
//! counts, search; add villages; load official lists and succession links.

use chrono::NaiveDate;
use serde::Serialize;
use std::collections::HashMap;
use tracing::instrument;

use super::audit::{self, Change};
use super::{Actor, Ctx, now};
use crate::domain::fold::nfc;
use crate::domain::hierarchy::{Hierarchy, LevelCounts, Node};
use crate::domain::unit::{Level, UnitCode, UnitVersion, check_type, clean_name};
use crate::domain::unit_list::plan_load;
use crate::error::{AppError, AppResult};
use crate::io::admin_csv;
use crate::store::units::{self as store, LoadedList, Succession};

/// A unit as read on one day.
#[derive(Debug, Clone, Serialize)]
pub struct UnitInfo {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub full_name: String,
    pub level: Level,
    #[serde(rename = "type")]
    pub unit_type: String,
    pub parent_code: Option<String>,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
    pub synthetic: bool,
}

/// Units per level.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
pub struct Counts {
    pub provinces: u32,
    pub districts: u32,
    pub communes: u32,
    pub villages: u32,
}

impl From<LevelCounts> for Counts {
    fn from(c: LevelCounts) -> Self {
        Counts {
            provinces: c.get(Level::Province),
            districts: c.get(Level::District),
            communes: c.get(Level::Commune),
            villages: c.get(Level::Village),
        }
    }
}

/// A unit with what lies below it.
#[derive(Debug, Clone, Serialize)]
pub struct UnitRow {
    #[serde(flatten)]
    pub unit: UnitInfo,
    pub counts: Counts,
}

/// A search hit with its ancestors' names, nearest first.
#[derive(Debug, Clone, Serialize)]
pub struct SearchHit {
    #[serde(flatten)]
    pub unit: UnitInfo,
    pub path: Vec<String>,
}

/// A unit as shown, with its parent's code on the node's day.
pub fn info_of(h: &Hierarchy, n: &Node<'_>) -> UnitInfo {
    let u = n.unit;
    UnitInfo {
        id: u.id,
        code: u.code.to_string(),
        name: u.name.clone(),
        full_name: u.full_name.clone(),
        level: u.level,
        unit_type: u.unit_type.clone(),
        parent_code: h.parent(n).map(|p| p.unit.code.to_string()),
        valid_from: u.valid_from,
        valid_to: u.valid_to,
        synthetic: u.synthetic,
    }
}

fn row(h: &Hierarchy, n: &Node<'_>) -> UnitRow {
    UnitRow {
        unit: info_of(h, n),
        counts: n.subtree_counts().into(),
    }
}

/// The chain of unit ids from the top ("/1/23/456/"), for the audit log.
pub fn unit_path(h: &Hierarchy, n: &Node<'_>) -> String {
    let mut path = String::from("/");
    for a in h.ancestors(n).iter().chain(std::iter::once(n)) {
        path.push_str(&a.unit.id.to_string());
        path.push('/');
    }
    path
}

/// Find a unit by code on a day, checking the actor may read it.
pub(crate) fn find<'h>(
    h: &'h Hierarchy,
    actor: &Actor,
    code: &str,
    day: NaiveDate,
) -> AppResult<Node<'h>> {
    let code: UnitCode = code.parse()?;
    let node = h.find(&code, day).ok_or_else(|| {
        let known: Vec<String> = h
            .versions_of(&code)
            .iter()
            .map(|v| match v.valid_to {
                Some(to) => format!("{} {} to {to}", v.full_name, v.valid_from),
                None => format!("{} from {}", v.full_name, v.valid_from),
            })
            .collect();
        if known.is_empty() {
            AppError::NotFound(format!("no unit has code {code}"))
        } else {
            AppError::NotFound(format!(
                "no unit has code {code} on {day} (it names: {})",
                known.join("; ")
            ))
        }
    })?;
    if !actor.scope.can_read(h, &node) {
        return Err(AppError::Forbidden(format!(
            "{} ({}) is outside your area",
            node.unit.full_name, node.unit.code
        )));
    }
    Ok(node)
}

#[instrument(skip(ctx, actor))]
pub fn get(ctx: &Ctx, actor: &Actor, code: &str, day: NaiveDate) -> AppResult<UnitRow> {
    let h = ctx.hierarchy();
    let n = find(&h, actor, code, day)?;
    Ok(row(&h, &n))
}

/// A unit, its ancestors (from the top) and its children.
#[derive(Debug, Clone, Serialize)]
pub struct UnitPage {
    pub unit: UnitRow,
    pub ancestors: Vec<UnitInfo>,
    pub children: Vec<UnitRow>,
    /// Ancestors the actor may open (a commune officer may not open the district).
    #[serde(skip)]
    pub ancestor_readable: Vec<bool>,
}

#[instrument(skip(ctx, actor))]
pub fn page(ctx: &Ctx, actor: &Actor, code: &str, day: NaiveDate) -> AppResult<UnitPage> {
    let h = ctx.hierarchy();
    let n = find(&h, actor, code, day)?;
    let ancestors = h.ancestors(&n);
    Ok(UnitPage {
        unit: row(&h, &n),
        ancestor_readable: ancestors
            .iter()
            .map(|a| actor.scope.can_read(&h, a))
            .collect(),
        ancestors: ancestors.iter().map(|a| info_of(&h, a)).collect(),
        children: h.children(&n).iter().map(|c| row(&h, c)).collect(),
    })
}

pub fn children(ctx: &Ctx, actor: &Actor, code: &str, day: NaiveDate) -> AppResult<Vec<UnitRow>> {
    let h = ctx.hierarchy();
    let n = find(&h, actor, code, day)?;
    Ok(h.children(&n).iter().map(|c| row(&h, c)).collect())
}

pub fn ancestors(ctx: &Ctx, actor: &Actor, code: &str, day: NaiveDate) -> AppResult<Vec<UnitInfo>> {
    let h = ctx.hierarchy();
    let n = find(&h, actor, code, day)?;
    Ok(h.ancestors(&n).iter().map(|a| info_of(&h, a)).collect())
}

/// Counts over the whole country on a day. Signed-in users other than
/// admins work inside their area, so the national figure is not theirs.
pub fn national(ctx: &Ctx, actor: &Actor, day: NaiveDate) -> AppResult<Counts> {
    if actor.is_signed_in() && !actor.scope.is_admin() {
        return Err(AppError::Forbidden(
            "the national summary is outside your area".into(),
        ));
    }
    Ok(ctx.hierarchy().national_counts(day).into())
}

/// Where the actor's work starts on a day: the provinces for the public and
/// admins, the units of their grants otherwise.
pub fn starting_points(ctx: &Ctx, actor: &Actor, day: NaiveDate) -> Vec<UnitRow> {
    let h = ctx.hierarchy();
    let nodes = actor
        .scope
        .starting_points(&h, day)
        .unwrap_or_else(|| h.roots(day));
    nodes.iter().map(|n| row(&h, n)).collect()
}

pub const SEARCH_LIMIT: usize = 50;

/// Search by name, folding diacritics and case, inside the actor's area.
#[instrument(skip(ctx, actor))]
pub fn search(
    ctx: &Ctx,
    actor: &Actor,
    q: &str,
    day: NaiveDate,
    limit: usize,
) -> AppResult<Vec<SearchHit>> {
    let q = q.trim();
    if q.chars().count() > 100 {
        return Err(AppError::invalid("q", "a search is at most 100 characters"));
    }
    let h = ctx.hierarchy();
    let within = actor.scope.starting_points(&h, day);
    let hits = h.search(q, day, within.as_deref(), limit.clamp(1, SEARCH_LIMIT));
    Ok(hits
        .iter()
        .map(|n| SearchHit {
            unit: info_of(&h, n),
            path: h
                .ancestors(n)
                .iter()
                .rev()
                .map(|a| a.unit.full_name.clone())
                .collect(),
        })
        .collect())
}

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
#[instrument(skip(ctx, actor, items), fields(items = items.len()))]
pub async fn import_villages(
    ctx: &Ctx,
    actor: &Actor,
    day: NaiveDate,
    items: &[(String, NewVillage)],
) -> AppResult<Vec<String>> {
    let h = ctx.hierarchy();
    let mut planned: Vec<(UnitVersion, String)> = Vec::with_capacity(items.len());
    // Per commune: names and the last number used, including this batch.
    let mut taken: HashMap<i64, (Vec<String>, u32)> = HashMap::new();
    for (i, (commune_code, input)) in items.iter().enumerate() {
        let at = |e: AppError| match (items.len(), e) {
            (1, e) => e,
            (_, AppError::Invalid { field, message }) => {
                AppError::invalid(format!("items[{i}].{field}"), message)
            }
            (_, AppError::Conflict(m)) => AppError::Conflict(format!("item {i}: {m}")),
            (_, AppError::Forbidden(m)) => AppError::Forbidden(format!("item {i}: {m}")),
            (_, AppError::NotFound(m)) => AppError::NotFound(format!("item {i}: {m}")),
            (_, e) => e,
        };
        let commune = find(&h, actor, commune_code, day).map_err(at)?;
        if commune.unit.level != Level::Commune {
            return Err(at(AppError::invalid(
                "code",
                format!(
                    "villages belong to a commune; {} is a {}",
                    commune.unit.code, commune.unit.level
                ),
            )));
        }
        if !actor.scope.can_manage(&h, &commune) {
            return Err(at(AppError::Forbidden(format!(
                "adding villages to {} needs an officer's role there",
                commune.unit.full_name
            ))));
        }
        let slot = taken
            .entry(commune.unit.id)
            .or_insert_with(|| existing_villages(&h, &commune));
        let version = village_version(&commune, input, slot).map_err(at)?;
        planned.push((version, unit_path(&h, &commune)));
    }
    let mut tx = ctx.begin().await?;
    let t = now();
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
        audit::record(&mut tx, actor, change).await?;
        codes.push(version.code.to_string());
    }
    tx.commit().await?;
    ctx.reload_hierarchy().await?;
    Ok(codes)
}

/// Folded names of a commune's current villages, and the highest village
/// number ever used under its code (numbers are never reused).
fn existing_villages(h: &Hierarchy, commune: &Node<'_>) -> (Vec<String>, u32) {
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

fn village_version(
    commune: &Node<'_>,
    input: &NewVillage,
    taken: &mut (Vec<String>, u32),
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
            format!(
                "must fall within the commune's own dates ({} to {})",
                commune.unit.valid_from,
                commune
                    .unit
                    .valid_to
                    .map(|d| d.to_string())
                    .unwrap_or_else(|| "now".into())
            ),
        ));
    }
    let folded = crate::domain::fold::search_key(&name);
    if taken.0.contains(&folded) {
        return Err(AppError::Conflict(format!(
            "{} already has a village named {name}",
            commune.unit.full_name
        )));
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
        return Err(AppError::Forbidden(
            "loading official lists is for admins".into(),
        ));
    }
    let rows = admin_csv::parse_units(text)?;
    let mut tx = ctx.begin().await?;
    tx.lock_table("units").await?;
    if store::lists(ctx.db()).await?.iter().any(|l| l.name == name) {
        return Err(AppError::Conflict(format!(
            "the list {name} is already loaded"
        )));
    }
    let open = store::open_versions(&mut tx).await?;
    let next = store::next_id(&mut tx).await?;
    let plan = plan_load(&open, &rows, valid_from, next)?;
    let t = now();
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
    audit::record(&mut tx, actor, change).await?;
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
        return Err(AppError::Forbidden(
            "loading succession links is for admins".into(),
        ));
    }
    let rows = admin_csv::parse_merge(text)?;
    let before = effective
        .pred_opt()
        .ok_or_else(|| AppError::invalid("effective", "date out of range"))?;
    let h = ctx.hierarchy();
    let mut links = Vec::with_capacity(rows.len());
    for r in &rows {
        let old = h.find(&r.old_code, before).ok_or_else(|| {
            AppError::invalid(
                "old_code",
                format!("line {}: no unit {} on {before}", r.line, r.old_code),
            )
        })?;
        let new = h.find(&r.new_code, effective).ok_or_else(|| {
            AppError::invalid(
                "new_code",
                format!("line {}: no unit {} on {effective}", r.line, r.new_code),
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
        return Err(AppError::Conflict(format!(
            "the mapping {name} is already loaded"
        )));
    }
    let t = now();
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
    audit::record(&mut tx, actor, change).await?;
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

/// Where a unit version went, or came from, at a reform.
#[derive(Debug, Clone, Serialize)]
pub struct Link {
    pub code: String,
    pub full_name: String,
    pub kind: String,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
}

/// Successors and predecessors of the unit with `code` on `day`.
pub async fn successions(
    ctx: &Ctx,
    actor: &Actor,
    code: &str,
    day: NaiveDate,
) -> AppResult<HashMap<&'static str, Vec<Link>>> {
    let id = {
        let h = ctx.hierarchy();
        find(&h, actor, code, day)?.unit.id
    };
    let mut out = HashMap::new();
    for (key, forward) in [("successors", true), ("predecessors", false)] {
        let links = store::successions(ctx.db(), id, forward).await?;
        let h = ctx.hierarchy();
        out.insert(
            key,
            links
                .into_iter()
                .filter_map(|(other, kind)| {
                    h.version(other).map(|v| Link {
                        code: v.code.to_string(),
                        full_name: v.full_name.clone(),
                        kind,
                        valid_from: v.valid_from,
                        valid_to: v.valid_to,
                    })
                })
                .collect(),
        );
    }
    Ok(out)
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
        return Err(AppError::Forbidden(
            "carrying villages over a reorganisation is for admins".into(),
        ));
    }
    let before = effective
        .pred_opt()
        .ok_or_else(|| AppError::invalid("effective", "date out of range"))?;
    let mut planned: Vec<(i64, UnitVersion)> = Vec::new();
    {
        let h = ctx.hierarchy();
        let mut taken: HashMap<i64, (Vec<String>, u32)> = HashMap::new();
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
    let t = now();
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
    audit::record(&mut tx, actor, change).await?;
    tx.commit().await?;
    ctx.reload_hierarchy().await?;
    Ok(planned.len())
}
