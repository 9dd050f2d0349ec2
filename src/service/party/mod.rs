//! The party-member e-handbook (Sổ tay đảng viên điện tử): who is asking
//! (`Viewer`), handbook use, and the member's home, here; organisations and
//! members (`orgs`), figures and the committee overview (`figures`),
//! meetings, documents, files and notes in their own modules; the demo
//! import (`demo`).
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

use crate::i18n::messages::Msg;
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use tracing::instrument;

use super::{Actor, Ctx};
use crate::domain::hierarchy::{Hierarchy, Node};
use crate::domain::party::{MemberStatus, Membership, OrgKind, Position, UsageKind};
use crate::domain::period::vietnam_date;
use crate::error::{AppError, AppResult};
use crate::store::Tx;
use crate::store::party::{self as store, MemberRow, OrgRow};

pub mod documents;
pub mod figures;
pub mod files;
pub mod import;
pub mod meetings;
pub mod minutes;
pub mod notes;
pub mod orgs;
pub(crate) mod records;
pub mod tasks;

pub use figures::{
    CellFigures, Overview, OverviewRow, headline_figures, overview, overview_entries,
};
pub use orgs::{NewMemberInput, NewOrgInput, OrgPage, add_member, create_org, org_page};

/// Figures are the domain's: a value, and for rates its parts.
pub use crate::domain::figures::Figure;

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
        .ok_or_else(|| AppError::Unauthorized(Msg::new("handbook.sign_in_handbook")))?;
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
        .ok_or_else(|| AppError::NotFound(Msg::new("handbook.org_not_found").arg("id", id)))
}

/// The unit an organisation is tied to, as it stands on `day` (following
/// renames and merges forward).
pub(crate) fn org_node<'h>(h: &'h Hierarchy, unit_id: i64, day: NaiveDate) -> Option<Node<'h>> {
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
    org_node(&h, org.unit_id, ctx.today()).map(|n| super::units::unit_path(&h, &n))
}

/// Record handbook use inside a transaction.
pub(crate) async fn record_use(
    tx: &mut Tx,
    member_ids: &[i64],
    kind: UsageKind,
    at: DateTime<Utc>,
) -> AppResult<()> {
    store::insert_usage(tx, member_ids, vietnam_date(at), kind, at).await?;
    Ok(())
}

/// A sign-in counts as handbook use for the user's current memberships.
/// Called by `accounts::login` inside its transaction.
pub async fn record_login(tx: &mut Tx, user_id: i64, at: DateTime<Utc>) -> AppResult<()> {
    store::insert_login_usage(tx, user_id, vietnam_date(at), at).await?;
    Ok(())
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
    let today = ctx.today();
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
