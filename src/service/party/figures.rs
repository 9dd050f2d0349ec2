//! The figures the handbook gives (counted from the records each time) and
//! the committee overview of the cells below an organisation.

use crate::i18n::messages::Msg;
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::HashMap;
use tracing::instrument;

use super::{Figure, OrgView, Viewer, org_node, org_view, viewer};
use crate::domain::access::Scope;
use crate::domain::hierarchy::{Hierarchy, Node};
use crate::domain::party::{self as rules, OrgKind, month_start};
use crate::error::{AppError, AppResult};
use crate::service::{Actor, Ctx};
use crate::store::party::{self as store, OrgRow};

/// Cells tied to units in the unit's subtree on `day`.
async fn cells_under_unit(ctx: &Ctx, unit_id: i64, day: NaiveDate) -> AppResult<Vec<OrgRow>> {
    let cells = store::orgs_of_kind(ctx.db(), OrgKind::Cell, day).await?;
    let h = ctx.hierarchy();
    let top = org_node(&h, unit_id, day).ok_or_else(|| {
        AppError::NotFound(
            Msg::new("notfound.unit_id_on")
                .arg("id", unit_id)
                .arg("day", day.format("%d/%m/%Y")),
        )
    })?;
    Ok(cells
        .into_iter()
        .filter(|c| {
            cell_forms(&h, c.unit_id, day)
                .iter()
                .any(|n| top.contains(n))
        })
        .collect())
}

/// Where a cell's unit is on `day`: the unit itself, what it became, or,
/// when it ended without a successor (villages end with their commune at a
/// reform), what its nearest ancestor became. Figures recorded under the
/// old boundaries so stay countable under the new ones.
fn cell_forms<'h>(h: &'h Hierarchy, unit_id: i64, day: NaiveDate) -> Vec<Node<'h>> {
    let mut id = Some(unit_id);
    while let Some(u) = id {
        let forms = h.live_forms(u, day);
        if !forms.is_empty() {
            return forms;
        }
        id = h.version(u).and_then(|v| v.parent_id);
    }
    Vec::new()
}

/// Figures of a set of cells on a day.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct CellFigures {
    pub members: i64,
    pub handbook_users: i64,
    pub meetings: i64,
    pub regular_meetings: i64,
    pub attendance_expected: i64,
    pub attendance_present: i64,
}

impl CellFigures {
    fn add(&mut self, o: &CellFigures) {
        self.members += o.members;
        self.handbook_users += o.handbook_users;
        self.meetings += o.meetings;
        self.regular_meetings += o.regular_meetings;
        self.attendance_expected += o.attendance_expected;
        self.attendance_present += o.attendance_present;
    }

    pub fn attendance_pct(&self) -> Option<f64> {
        rules::attendance_pct(
            self.attendance_present as u64,
            self.attendance_expected as u64,
        )
    }
}

/// Per cell: members on `day`; members who used the handbook, meetings held
/// and attendance from the first of the month to `day`. Counted from the
/// records each time.
async fn figures_by_cell(
    ctx: &Ctx,
    cell_ids: &[i64],
    day: NaiveDate,
) -> AppResult<HashMap<i64, CellFigures>> {
    let from = month_start(day);
    let db = ctx.db();
    let members = store::member_counts(db, cell_ids, day).await?;
    let users = store::user_counts(db, cell_ids, from, day).await?;
    let held = store::held_counts(db, cell_ids, from, day).await?;
    let att = store::attendance_counts(db, cell_ids, from, day).await?;
    let get = |m: &HashMap<i64, (i64, i64)>, id: i64| m.get(&id).copied().unwrap_or_default();
    Ok(cell_ids
        .iter()
        .map(|&id| {
            let (meetings, regular) = get(&held, id);
            let (expected, present) = get(&att, id);
            (
                id,
                CellFigures {
                    members: get(&members, id).0,
                    handbook_users: get(&users, id).0,
                    meetings,
                    regular_meetings: regular,
                    attendance_expected: expected,
                    attendance_present: present,
                },
            )
        })
        .collect())
}

/// The handbook's headline figures for the cells tied to the unit's
/// subtree on `day`: `party.cells`, `party.members`, `party.handbook_users`
/// (members with handbook use from the first of the month to `day`; out of
/// the members), `party.meetings` (held this month to `day`) and
/// `party.attendance_pct` (present or late out of the members expected at
/// those meetings). Aggregates only; the caller checks the unit may be read.
#[instrument(skip(ctx))]
pub async fn headline_figures(
    ctx: &Ctx,
    unit_id: i64,
    day: NaiveDate,
) -> AppResult<Vec<(&'static str, Figure)>> {
    let cells = cells_under_unit(ctx, unit_id, day).await?;
    let ids: Vec<i64> = cells.iter().map(|c| c.id).collect();
    let mut total = CellFigures::default();
    for f in figures_by_cell(ctx, &ids, day).await?.values() {
        total.add(f);
    }
    Ok(vec![
        ("party.cells", Figure::count(ids.len() as f64)),
        ("party.members", Figure::count(total.members as f64)),
        (
            "party.handbook_users",
            Figure {
                value: Some(total.handbook_users as f64),
                numerator: Some(total.handbook_users as f64),
                denominator: Some(total.members as f64),
            },
        ),
        ("party.meetings", Figure::count(total.meetings as f64)),
        (
            "party.attendance_pct",
            Figure {
                value: total.attendance_pct(),
                numerator: Some(total.attendance_present as f64),
                denominator: Some(total.attendance_expected as f64),
            },
        ),
    ])
}

/// Is the actor allowed the aggregate overview of `org` (with the
/// organisations above it, `chain`) on `day`? Its members and the
/// committee secretaries and deputies above it are; so is any signed-in
/// user whose grants cover its unit as it stood that day.
fn may_see_overview(
    ctx: &Ctx,
    actor: &Actor,
    v: &Viewer,
    chain: &[OrgRow],
    day: NaiveDate,
) -> bool {
    let Some(org) = chain.last() else {
        return false;
    };
    let ancestors: Vec<i64> = chain[..chain.len() - 1].iter().map(|o| o.id).collect();
    if rules::may_oversee(&v.memberships, org.id, &ancestors)
        || rules::may_read_meetings(&v.memberships, org.id)
    {
        return true;
    }
    let h = ctx.hierarchy();
    match (&actor.scope, org_node(&h, org.unit_id, day)) {
        (Scope::User(_), Some(n)) => actor.scope.can_read(&h, &n),
        _ => false,
    }
}

/// One row of a committee's overview: an organisation directly below it,
/// with the figures of the cells in it.
#[derive(Debug, Clone, Serialize)]
pub struct OverviewRow {
    pub org: OrgView,
    pub cells: i64,
    /// Cells that held their regular meeting this month.
    pub cells_on_time: i64,
    #[serde(flatten)]
    pub figures: CellFigures,
    pub attendance_pct: Option<f64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Overview {
    pub org: OrgView,
    pub path: Vec<OrgView>,
    pub on: NaiveDate,
    pub rows: Vec<OverviewRow>,
    pub total: OverviewRow,
}

/// A committee's overview of what lies below it on `day`: per organisation
/// directly below, its cells, how many held their regular meeting this
/// month, members, handbook users and attendance. For a cell, the cell
/// itself.
#[instrument(skip(ctx, actor))]
pub async fn overview(
    ctx: &Ctx,
    actor: &Actor,
    org_id: i64,
    day: NaiveDate,
) -> AppResult<Overview> {
    let v = viewer(ctx, actor, ctx.today()).await?;
    let chain = store::org_chain(ctx.db(), org_id).await?;
    let org = chain
        .last()
        .cloned()
        .ok_or_else(|| AppError::NotFound(Msg::new("handbook.org_not_found").arg("id", org_id)))?;
    if !may_see_overview(ctx, actor, &v, &chain, day) {
        return Err(AppError::Forbidden(
            Msg::new("handbook.overview_outside").arg("org", &org.name),
        ));
    }
    let tops = if org.kind == OrgKind::Cell {
        vec![org.clone()]
    } else {
        store::children_of(ctx.db(), &[org.id], day).await?
    };
    // Which top each cell falls under.
    let mut under: HashMap<i64, i64> = HashMap::new();
    let mut frontier: Vec<(i64, i64)> = Vec::new();
    for t in &tops {
        if t.kind == OrgKind::Cell {
            under.insert(t.id, t.id);
        } else {
            frontier.push((t.id, t.id));
        }
    }
    while !frontier.is_empty() {
        let ids: Vec<i64> = frontier.iter().map(|(id, _)| *id).collect();
        let top_of: HashMap<i64, i64> = frontier.iter().copied().collect();
        frontier.clear();
        for c in store::children_of(ctx.db(), &ids, day).await? {
            let top = top_of[&c.parent_id.expect("a child has a parent")];
            if c.kind == OrgKind::Cell {
                under.insert(c.id, top);
            } else {
                frontier.push((c.id, top));
            }
        }
    }
    let cell_ids: Vec<i64> = under.keys().copied().collect();
    let figures = figures_by_cell(ctx, &cell_ids, day).await?;
    let mut rows: Vec<OverviewRow> = tops
        .iter()
        .map(|t| OverviewRow {
            org: org_view(ctx, t),
            cells: 0,
            cells_on_time: 0,
            figures: CellFigures::default(),
            attendance_pct: None,
        })
        .collect();
    let index: HashMap<i64, usize> = tops.iter().enumerate().map(|(i, t)| (t.id, i)).collect();
    let mut total = OverviewRow {
        org: org_view(ctx, &org),
        cells: 0,
        cells_on_time: 0,
        figures: CellFigures::default(),
        attendance_pct: None,
    };
    for (cell, top) in &under {
        let f = figures.get(cell).copied().unwrap_or_default();
        let on_time = i64::from(f.regular_meetings > 0);
        for row in [&mut rows[index[top]], &mut total] {
            row.cells += 1;
            row.cells_on_time += on_time;
            row.figures.add(&f);
        }
    }
    for row in rows.iter_mut().chain([&mut total]) {
        row.attendance_pct = row.figures.attendance_pct();
    }
    Ok(Overview {
        org: org_view(ctx, &org),
        path: chain[..chain.len() - 1]
            .iter()
            .map(|o| org_view(ctx, o))
            .collect(),
        on: day,
        rows,
        total,
    })
}

/// Organisations whose overview the actor may open: the committees and
/// cells of their memberships, and the organisations tied to the units of
/// their grants.
pub async fn overview_entries(ctx: &Ctx, actor: &Actor) -> AppResult<Vec<OrgView>> {
    let day = ctx.today();
    let v = viewer(ctx, actor, day).await?;
    let mut ids: Vec<i64> = v.memberships.iter().map(|m| m.org_id).collect();
    if actor.scope.is_admin() {
        for o in store::orgs_of_kind(ctx.db(), OrgKind::ProvincialCommittee, day).await? {
            ids.push(o.id);
        }
    }
    if let Scope::User(grants) = &actor.scope {
        for unit in grants.iter().filter_map(|g| g.unit_id) {
            for o in store::orgs_of_unit(ctx.db(), unit).await? {
                ids.push(o.id);
            }
        }
    }
    ids.sort_unstable();
    ids.dedup();
    let mut out = Vec::new();
    for id in ids {
        if let Some(o) = store::org(ctx.db(), id).await? {
            out.push(org_view(ctx, &o));
        }
    }
    Ok(out)
}
