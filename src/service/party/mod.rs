//! The party-member e-handbook (Sổ tay đảng viên điện tử): the member's
//! home, organisations and members, the committee overview, handbook use,
//! and the figures it gives the indicator engine. Meetings, documents
//! (with their files) and notes have their own modules.
//!
//! Access comes from membership (see `domain::party`): the asking user's
//! memberships on the day are loaded once per operation as a `Viewer`.
//! Grants add the committee overview: any signed-in user whose grants cover
//! an organisation's unit sees its aggregate figures, never its members'
//! personal records.
//!
//! Handbook use: a member "used the handbook" on a day when they signed in,
//! opened a meeting or opened a document (`party_usage`, one row per member,
//! day and kind). `party.handbook_users` on a date counts the members of the
//! cells who have such a row from the first of that month up to the date.
//! Opening things is recorded, not audited (it changes no record); reads of
//! restricted documents are audited.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use std::collections::HashMap;
use tracing::instrument;

use super::audit::{self, Change};
use super::{Actor, Ctx, now};
use crate::domain::access::Scope;
use crate::domain::hierarchy::{Hierarchy, Node};
use crate::domain::party::{
    self as rules, MemberStatus, Membership, OrgKind, Position, UsageKind, month_start,
};
use crate::domain::unit::Level;
use crate::error::{AppError, AppResult};
use crate::store::Tx;
use crate::store::party::{self as store, MemberRow, NewMember, NewOrg, OrgRow};

pub mod demo;
pub mod documents;
pub mod files;
pub mod meetings;
pub mod notes;

/// A figure for the indicator engine: a value, and for rates the numbers
/// it is made of.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Figure {
    pub value: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub numerator: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub denominator: Option<f64>,
}

impl Figure {
    fn count(n: i64) -> Figure {
        Figure {
            value: Some(n as f64),
            numerator: None,
            denominator: None,
        }
    }
}

/// Today in Vietnam (UTC+7): the day handbook use is recorded under.
pub fn vn_today() -> NaiveDate {
    vn_day(now())
}

fn vn_day(at: DateTime<Utc>) -> NaiveDate {
    (at + chrono::Duration::hours(7)).date_naive()
}

/// The person asking, as the handbook sees them: their memberships today.
#[derive(Debug, Clone)]
pub struct Viewer {
    pub user_id: i64,
    pub memberships: Vec<Membership>,
}

impl Viewer {
    pub fn member_ids(&self) -> Vec<i64> {
        self.memberships.iter().map(|m| m.member_id).collect()
    }

    /// Member ids in one organisation.
    pub fn member_ids_in(&self, org_id: i64) -> Vec<i64> {
        self.memberships
            .iter()
            .filter(|m| m.org_id == org_id)
            .map(|m| m.member_id)
            .collect()
    }

    /// The organisations of the memberships and every one above them.
    pub fn reach(&self) -> Vec<i64> {
        let mut out: Vec<i64> = self
            .memberships
            .iter()
            .flat_map(|m| m.ancestors.iter().copied().chain([m.org_id]))
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// The signed-in user's memberships on `day`.
pub(crate) async fn viewer(ctx: &Ctx, actor: &Actor, day: NaiveDate) -> AppResult<Viewer> {
    let user = actor
        .user
        .as_ref()
        .ok_or_else(|| AppError::Unauthorized("sign in to use the party handbook".into()))?;
    let rows = store::memberships_of_user(ctx.db(), user.id, day).await?;
    Ok(Viewer {
        user_id: user.id,
        memberships: rows
            .into_iter()
            .map(|r| {
                let mut ancestors: Vec<i64> = [r.up1, r.up2, r.up3].into_iter().flatten().collect();
                ancestors.reverse();
                Membership {
                    member_id: r.id,
                    org_id: r.org_id,
                    ancestors,
                    position: r.position,
                }
            })
            .collect(),
    })
}

/// An organisation by id, or 404.
pub(crate) async fn org_or_404(ctx: &Ctx, id: i64) -> AppResult<OrgRow> {
    store::org(ctx.db(), id)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("no party organisation with id {id}")))
}

/// The unit an organisation is tied to, as it stands on `day` (following
/// renames and merges forward).
fn org_node<'h>(h: &'h Hierarchy, unit_id: i64, day: NaiveDate) -> Option<Node<'h>> {
    h.find_id(unit_id, day)
        .or_else(|| h.live_forms(unit_id, day).into_iter().next())
        .or_else(|| {
            let v = h.version(unit_id)?;
            h.find_id(unit_id, v.valid_from)
        })
}

/// The audit path of an organisation's unit, so that officers of the area
/// see the handbook's changes in their log.
pub(crate) fn org_path(ctx: &Ctx, org: &OrgRow) -> Option<String> {
    let h = ctx.hierarchy();
    org_node(&h, org.unit_id, vn_today()).map(|n| super::units::unit_path(&h, &n))
}

/// Record handbook use inside a transaction.
pub(crate) async fn record_use(
    tx: &mut Tx,
    member_ids: &[i64],
    kind: UsageKind,
    at: DateTime<Utc>,
) -> AppResult<()> {
    store::insert_usage(tx, member_ids, vn_day(at), kind, at).await?;
    Ok(())
}

/// A sign-in counts as handbook use for the user's current memberships.
/// Called by `accounts::login` inside its transaction.
pub async fn record_login(tx: &mut Tx, user_id: i64, at: DateTime<Utc>) -> AppResult<()> {
    store::insert_login_usage(tx, user_id, vn_day(at), at).await?;
    Ok(())
}

/// Cells tied to units in the unit's subtree on `day`.
async fn cells_under_unit(ctx: &Ctx, unit_id: i64, day: NaiveDate) -> AppResult<Vec<OrgRow>> {
    let cells = store::orgs_of_kind(ctx.db(), OrgKind::Cell, day).await?;
    let h = ctx.hierarchy();
    let top = org_node(&h, unit_id, day)
        .ok_or_else(|| AppError::NotFound(format!("no unit with id {unit_id} on {day}")))?;
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
        ("party.cells", Figure::count(ids.len() as i64)),
        ("party.members", Figure::count(total.members)),
        (
            "party.handbook_users",
            Figure {
                value: Some(total.handbook_users as f64),
                numerator: Some(total.handbook_users as f64),
                denominator: Some(total.members as f64),
            },
        ),
        ("party.meetings", Figure::count(total.meetings)),
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

/// An organisation as shown.
#[derive(Debug, Clone, Serialize)]
pub struct OrgView {
    pub id: i64,
    pub parent_id: Option<i64>,
    pub kind: OrgKind,
    pub name: String,
    pub unit_code: Option<String>,
    pub unit_name: Option<String>,
    pub synthetic: bool,
}

pub(crate) fn org_view(ctx: &Ctx, o: &OrgRow) -> OrgView {
    let h = ctx.hierarchy();
    let v = h.version(o.unit_id);
    OrgView {
        id: o.id,
        parent_id: o.parent_id,
        kind: o.kind,
        name: o.name.clone(),
        unit_code: v.map(|v| v.code.to_string()),
        unit_name: v.map(|v| v.full_name.clone()),
        synthetic: o.synthetic,
    }
}

/// A member as shown to the members of their organisation.
#[derive(Debug, Clone, Serialize)]
pub struct MemberView {
    pub id: i64,
    pub org_id: i64,
    pub full_name: String,
    pub position: Position,
    pub status: MemberStatus,
    pub joined_on: NaiveDate,
    pub from_date: NaiveDate,
    pub has_account: bool,
    pub synthetic: bool,
}

impl From<&MemberRow> for MemberView {
    fn from(m: &MemberRow) -> Self {
        MemberView {
            id: m.id,
            org_id: m.org_id,
            full_name: m.full_name.clone(),
            position: m.position,
            status: m.status,
            joined_on: m.joined_on,
            from_date: m.from_date,
            has_account: m.user_id.is_some(),
            synthetic: m.synthetic,
        }
    }
}

/// An organisation with its members, for its members and those who oversee
/// it.
#[derive(Debug, Clone, Serialize)]
pub struct OrgPage {
    pub org: OrgView,
    pub path: Vec<OrgView>,
    pub members: Vec<MemberView>,
    /// The asker runs this organisation (secretary or deputy).
    pub runs: bool,
    pub is_member: bool,
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

#[instrument(skip(ctx, actor))]
pub async fn org_page(ctx: &Ctx, actor: &Actor, org_id: i64) -> AppResult<OrgPage> {
    let day = vn_today();
    let v = viewer(ctx, actor, day).await?;
    let chain = store::org_chain(ctx.db(), org_id).await?;
    let org = chain
        .last()
        .cloned()
        .ok_or_else(|| AppError::NotFound(format!("no party organisation with id {org_id}")))?;
    let ancestors: Vec<i64> = chain[..chain.len() - 1].iter().map(|o| o.id).collect();
    let is_member = rules::may_read_meetings(&v.memberships, org.id);
    if !is_member && !rules::may_oversee(&v.memberships, org.id, &ancestors) {
        return Err(AppError::Forbidden(format!(
            "{} is not one of your party organisations",
            org.name
        )));
    }
    let members = store::members_of(ctx.db(), org.id, day).await?;
    Ok(OrgPage {
        org: org_view(ctx, &org),
        path: chain[..chain.len() - 1]
            .iter()
            .map(|o| org_view(ctx, o))
            .collect(),
        members: members.iter().map(MemberView::from).collect(),
        runs: rules::may_run(&v.memberships, org.id),
        is_member,
    })
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
    let v = viewer(ctx, actor, vn_today()).await?;
    let chain = store::org_chain(ctx.db(), org_id).await?;
    let org = chain
        .last()
        .cloned()
        .ok_or_else(|| AppError::NotFound(format!("no party organisation with id {org_id}")))?;
    if !may_see_overview(ctx, actor, &v, &chain, day) {
        return Err(AppError::Forbidden(format!(
            "the overview of {} is outside your area",
            org.name
        )));
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
    let day = vn_today();
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

/// A new organisation under `parent_id` (or a provincial committee at the
/// top), tied to the unit with `unit` code on `day`.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct NewOrgInput {
    pub parent_id: Option<i64>,
    pub kind: String,
    pub name: String,
    pub unit: String,
    #[serde(default)]
    pub valid_from: Option<NaiveDate>,
}

/// The levels of unit an organisation of each kind is tied to. Cells of a
/// village sit on the village; cells of an agency or school on the commune.
fn unit_levels(kind: OrgKind) -> &'static [Level] {
    match kind {
        OrgKind::ProvincialCommittee => &[Level::Province],
        OrgKind::DistrictCommittee => &[Level::District],
        OrgKind::CommuneCommittee => &[Level::Commune],
        OrgKind::Cell => &[Level::Village, Level::Commune],
    }
}

/// Add an organisation: admins anywhere; the secretary or deputy of the
/// parent below it.
#[instrument(skip(ctx, actor, input))]
pub async fn create_org(ctx: &Ctx, actor: &Actor, input: &NewOrgInput) -> AppResult<OrgView> {
    let day = input.valid_from.unwrap_or_else(vn_today);
    let v = viewer(ctx, actor, vn_today()).await?;
    let kind: OrgKind = input.kind.parse()?;
    let name = rules::clean_text("name", &input.name, 200, true)?;
    let parent = match input.parent_id {
        Some(id) => Some(org_or_404(ctx, id).await?),
        None => None,
    };
    if parent.as_ref().map(|p| p.kind) != kind.parent_kind() {
        return Err(AppError::invalid(
            "parent_id",
            match kind.parent_kind() {
                Some(k) => format!("a {kind} sits under a {k}"),
                None => format!("a {kind} has no parent"),
            },
        ));
    }
    let allowed = actor.scope.is_admin()
        || parent
            .as_ref()
            .is_some_and(|p| rules::may_run(&v.memberships, p.id));
    if !allowed {
        return Err(AppError::Forbidden(
            "adding party organisations is for admins and the secretary of the organisation above"
                .into(),
        ));
    }
    let unit_id = {
        let h = ctx.hierarchy();
        let code = input.unit.trim().parse()?;
        let node = h.find(&code, day).ok_or_else(|| {
            AppError::invalid("unit", format!("no unit has code {code} on {day}"))
        })?;
        if !unit_levels(kind).contains(&node.unit.level) {
            return Err(AppError::invalid(
                "unit",
                format!("a {kind} is not tied to a {}", node.unit.level),
            ));
        }
        if let Some(p) = &parent
            && !org_node(&h, p.unit_id, day).is_some_and(|pn| pn.contains(&node))
        {
            return Err(AppError::invalid(
                "unit",
                "the unit must lie inside the parent organisation's unit",
            ));
        }
        node.unit.id
    };
    let new = NewOrg {
        id: 0,
        parent_id: parent.as_ref().map(|p| p.id),
        kind,
        name,
        unit_id,
        valid_from: day,
        synthetic: false,
    };
    let t = now();
    let mut tx = ctx.begin().await?;
    let id = store::insert_org(&mut tx, &new, t).await?;
    let row = OrgRow {
        id,
        parent_id: new.parent_id,
        kind,
        name: new.name.clone(),
        unit_id,
        valid_from: day,
        valid_to: None,
        synthetic: false,
    };
    let view = org_view(ctx, &row);
    audit::record(
        &mut tx,
        actor,
        Change {
            action: "create",
            entity: "party_org",
            entity_id: id.to_string(),
            unit_path: org_path(ctx, &row),
            before: None,
            after: serde_json::to_value(&view).ok(),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(view)
}

/// A new member of an organisation, optionally linked to an account.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct NewMemberInput {
    pub full_name: String,
    #[serde(default = "default_position")]
    pub position: String,
    #[serde(default = "default_status")]
    pub status: String,
    pub joined_on: NaiveDate,
    #[serde(default)]
    pub from_date: Option<NaiveDate>,
    #[serde(default)]
    pub username: Option<String>,
}

fn default_position() -> String {
    "member".into()
}

fn default_status() -> String {
    "official".into()
}

/// Add a member: admins, and the secretary or deputy of the organisation
/// or of the one above it.
#[instrument(skip(ctx, actor, input))]
pub async fn add_member(
    ctx: &Ctx,
    actor: &Actor,
    org_id: i64,
    input: &NewMemberInput,
) -> AppResult<MemberView> {
    let today = vn_today();
    let v = viewer(ctx, actor, today).await?;
    let org = org_or_404(ctx, org_id).await?;
    let allowed = actor.scope.is_admin()
        || rules::may_run(&v.memberships, org.id)
        || org
            .parent_id
            .is_some_and(|p| rules::may_run(&v.memberships, p));
    if !allowed {
        return Err(AppError::Forbidden(format!(
            "adding members to {} is for its secretary",
            org.name
        )));
    }
    let full_name = rules::clean_text("full_name", &input.full_name, 120, true)?;
    let position: Position = input.position.parse()?;
    let status: MemberStatus = input.status.parse()?;
    let from_date = input.from_date.unwrap_or(today);
    if input.joined_on > from_date {
        return Err(AppError::invalid(
            "joined_on",
            "a member joins the party before joining the organisation",
        ));
    }
    let user_id = match input
        .username
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        None => None,
        Some(name) => {
            let id = super::accounts::user_id_by_name(ctx, name)
                .await
                .map_err(|_| AppError::invalid("username", format!("no account named {name}")))?;
            if store::memberships_of_user(ctx.db(), id, from_date)
                .await?
                .iter()
                .any(|m| m.org_id == org.id)
            {
                return Err(AppError::Conflict(format!(
                    "{name} is already a member of {}",
                    org.name
                )));
            }
            Some(id)
        }
    };
    let new = NewMember {
        id: 0,
        org_id: org.id,
        user_id,
        full_name,
        position,
        status,
        joined_on: input.joined_on,
        from_date,
        synthetic: false,
    };
    let t = now();
    let mut tx = ctx.begin().await?;
    let id = store::insert_member(&mut tx, &new, t).await?;
    let view = MemberView {
        id,
        org_id: org.id,
        full_name: new.full_name.clone(),
        position,
        status,
        joined_on: new.joined_on,
        from_date,
        has_account: user_id.is_some(),
        synthetic: false,
    };
    audit::record(
        &mut tx,
        actor,
        Change {
            action: "create",
            entity: "party_member",
            entity_id: id.to_string(),
            unit_path: org_path(ctx, &org),
            before: None,
            after: serde_json::to_value(&view).ok(),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(view)
}

/// The member's home: memberships, the next meeting, unread notices,
/// documents to read, open tasks and recent notes.
#[derive(Debug, Clone, Serialize)]
pub struct Home {
    pub memberships: Vec<HomeMembership>,
    pub next_meetings: Vec<meetings::MeetingSummary>,
    /// When none is coming up: the latest meeting of each organisation.
    pub latest_meetings: Vec<meetings::MeetingSummary>,
    pub notices: Vec<crate::store::party::meetings::NoticeRow>,
    pub to_read: Vec<documents::DocumentSummary>,
    pub tasks: Vec<crate::store::party::meetings::TaskRow>,
    pub notes: Vec<crate::store::party::documents::NoteRow>,
    pub overviews: Vec<OrgView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct HomeMembership {
    pub member_id: i64,
    pub org: OrgView,
    pub position: Position,
    pub runs: bool,
}

#[instrument(skip(ctx, actor))]
pub async fn home(ctx: &Ctx, actor: &Actor) -> AppResult<Home> {
    let today = vn_today();
    let v = viewer(ctx, actor, today).await?;
    let mut memberships = Vec::new();
    for m in &v.memberships {
        let org = org_or_404(ctx, m.org_id).await?;
        memberships.push(HomeMembership {
            member_id: m.member_id,
            org: org_view(ctx, &org),
            position: m.position,
            runs: m.position.runs_meetings(),
        });
    }
    let org_ids: Vec<i64> = v.memberships.iter().map(|m| m.org_id).collect();
    let member_ids = v.member_ids();
    let upcoming = crate::store::party::meetings::upcoming(ctx.db(), &org_ids, today, 3).await?;
    let mut latest = Vec::new();
    if upcoming.is_empty() {
        for id in &org_ids {
            latest.extend(crate::store::party::meetings::of_org(ctx.db(), *id, 1).await?);
        }
    }
    let notices = crate::store::party::meetings::notices_for(ctx.db(), &member_ids, 10).await?;
    let to_read = documents::list_for(ctx, &v, None, true, 20).await?;
    let tasks = crate::store::party::meetings::open_tasks_of(ctx.db(), &member_ids).await?;
    let mut notes =
        crate::store::party::documents::notes_of(ctx.db(), v.user_id, None, None).await?;
    notes.truncate(5);
    Ok(Home {
        memberships,
        next_meetings: upcoming
            .iter()
            .map(meetings::MeetingSummary::from)
            .collect(),
        latest_meetings: latest.iter().map(meetings::MeetingSummary::from).collect(),
        notices,
        to_read,
        tasks,
        notes,
        overviews: overview_entries(ctx, actor).await?,
    })
}
