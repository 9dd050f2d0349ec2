//! Hierarchy reads: a unit on a day, its children, ancestors, counts,
//! search, succession links. Writes live in `villages` (adding and carrying
//! villages) and `unit_lists` (loading official lists); they are re-exported
//! here so that callers find every unit operation in one place.

use crate::i18n::messages::Msg;
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::HashMap;
use tracing::instrument;

use super::{Actor, Ctx};
use crate::domain::hierarchy::{Hierarchy, LevelCounts, Node};
use crate::domain::unit::{Level, UnitCode};
use crate::error::{AppError, AppResult};
use crate::store::units::{self as store};

pub use super::unit_lists::{LoadReport, lists, load_builtin, load_list, load_successions};
pub use super::villages::{NewVillage, carry_villages, create_village, import_villages};
pub use crate::domain::hierarchy::unit_path;

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

/// Find a unit by code on a day for its aggregate figures, which anyone
/// may read: the public sees every unit's dashboard (issue 17), and a
/// signed-in person reads at least what the public does. Personal data,
/// records and writes go through `find`, which keeps to the actor's area.
pub(crate) fn find_open<'h>(h: &'h Hierarchy, code: &str, day: NaiveDate) -> AppResult<Node<'h>> {
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
            AppError::NotFound(Msg::new("notfound.unit_code").arg("code", &code))
        } else {
            AppError::NotFound(
                Msg::new("notfound.unit_code_on_known")
                    .arg("code", &code)
                    .arg("day", day.format("%d/%m/%Y"))
                    .arg("known", known.join("; ")),
            )
        }
    })?;
    Ok(node)
}

/// Find a unit by code on a day, checking the actor may read it.
pub(crate) fn find<'h>(
    h: &'h Hierarchy,
    actor: &Actor,
    code: &str,
    day: NaiveDate,
) -> AppResult<Node<'h>> {
    let node = find_open(h, code, day)?;
    if !actor.scope.can_read(h, &node) {
        return Err(AppError::Forbidden(Msg::new("access.outside_area").arg(
            "what",
            format!("{} ({})", node.unit.full_name, node.unit.code),
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

/// A unit and its counts, open to all like its figures (`find_open`).
pub fn get_open(ctx: &Ctx, code: &str, day: NaiveDate) -> AppResult<UnitRow> {
    let h = ctx.hierarchy();
    let n = find_open(&h, code, day)?;
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

#[instrument(skip(ctx, _actor))]
pub fn page(ctx: &Ctx, _actor: &Actor, code: &str, day: NaiveDate) -> AppResult<UnitPage> {
    let h = ctx.hierarchy();
    let n = find_open(&h, code, day)?;
    let ancestors = h.ancestors(&n);
    Ok(UnitPage {
        unit: row(&h, &n),
        // Every unit's figures are open (`find_open`).
        ancestor_readable: vec![true; ancestors.len()],
        ancestors: ancestors.iter().map(|a| info_of(&h, a)).collect(),
        children: h.children(&n).iter().map(|c| row(&h, c)).collect(),
    })
}

pub fn children(ctx: &Ctx, _actor: &Actor, code: &str, day: NaiveDate) -> AppResult<Vec<UnitRow>> {
    let h = ctx.hierarchy();
    let n = find_open(&h, code, day)?;
    Ok(h.children(&n).iter().map(|c| row(&h, c)).collect())
}

pub fn ancestors(
    ctx: &Ctx,
    _actor: &Actor,
    code: &str,
    day: NaiveDate,
) -> AppResult<Vec<UnitInfo>> {
    let h = ctx.hierarchy();
    let n = find_open(&h, code, day)?;
    Ok(h.ancestors(&n).iter().map(|a| info_of(&h, a)).collect())
}

/// Counts over the whole country on a day. Signed-in users other than
/// admins work inside their area, so the national figure is not theirs.
pub fn national(ctx: &Ctx, actor: &Actor, day: NaiveDate) -> AppResult<Counts> {
    if actor.is_signed_in() && !actor.scope.is_admin() {
        return Err(AppError::Forbidden(Msg::new("access.national_summary")));
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
        return Err(AppError::invalid("q", Msg::new("unit.search_too_long")));
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
    _actor: &Actor,
    code: &str,
    day: NaiveDate,
) -> AppResult<HashMap<&'static str, Vec<Link>>> {
    let id = {
        let h = ctx.hierarchy();
        find_open(&h, code, day)?.unit.id
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
