//! Request and response shapes of the `party` area, the party-member
//! e-handbook: its headline figures, organisations and members, the
//! committee overview and the member's home here; meetings, documents and
//! notes in their own modules.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa::openapi::Object;

use super::keyed;
use super::units::UnitOut;
use crate::domain::keyed::Keyed;
use crate::domain::party::{MemberStatus, OrgKind, Position};
use crate::service::party::{
    CellFigures, Figure, Home, HomeMembership, MemberView, NewMemberInput, NewOrgInput, OrgPage,
    OrgView, Overview, OverviewRow,
};

pub mod documents;
pub mod meetings;
pub mod notes;

use documents::DocumentOut;
use meetings::{MeetingOut, NoticeOut, TaskOut};
use notes::NoteOut;

/// The handbook's headline figures for the cells in a unit's subtree.
#[derive(Serialize, ToSchema)]
#[schema(as = PartySummary)]
pub struct SummaryOut {
    pub on: NaiveDate,
    pub unit: UnitOut,
    /// By key: party.cells, party.members, party.handbook_users,
    /// party.meetings, party.attendance_pct.
    pub figures: BTreeMap<String, PartyFigureOut>,
}

/// A figure for the indicator engine; rates carry the numbers they are
/// made of.
#[derive(Serialize, ToSchema)]
#[schema(as = PartyFigure)]
pub struct PartyFigureOut {
    pub value: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(required = false)]
    pub numerator: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(required = false)]
    pub denominator: Option<f64>,
}

impl From<Figure> for PartyFigureOut {
    fn from(f: Figure) -> Self {
        PartyFigureOut {
            value: f.value,
            numerator: f.numerator,
            denominator: f.denominator,
        }
    }
}

/// A party organisation.
#[derive(Serialize, ToSchema)]
#[schema(as = PartyOrg)]
pub struct OrgOut {
    pub id: i64,
    pub parent_id: Option<i64>,
    #[schema(schema_with = keyed::<OrgKind>)]
    pub kind: OrgKind,
    pub name: String,
    /// The code of the unit it serves.
    pub unit_code: Option<String>,
    pub unit_name: Option<String>,
    pub synthetic: bool,
}

impl From<OrgView> for OrgOut {
    fn from(o: OrgView) -> Self {
        OrgOut {
            id: o.id,
            parent_id: o.parent_id,
            kind: o.kind,
            name: o.name,
            unit_code: o.unit_code,
            unit_name: o.unit_name,
            synthetic: o.synthetic,
        }
    }
}

/// The organisations of a list.
pub(crate) fn orgs(list: Vec<OrgView>) -> Vec<OrgOut> {
    list.into_iter().map(Into::into).collect()
}

/// A new party organisation.
#[derive(Deserialize, ToSchema)]
#[schema(as = NewPartyOrg)]
pub struct NewOrgIn {
    /// The organisation above (none for a provincial committee).
    pub parent_id: Option<i64>,
    #[schema(schema_with = keyed::<OrgKind>)]
    pub kind: String,
    pub name: String,
    /// Code of the unit it serves.
    pub unit: String,
    #[serde(default)]
    pub valid_from: Option<NaiveDate>,
}

impl From<NewOrgIn> for NewOrgInput {
    fn from(o: NewOrgIn) -> Self {
        NewOrgInput {
            parent_id: o.parent_id,
            kind: o.kind,
            name: o.name,
            unit: o.unit,
            valid_from: o.valid_from,
        }
    }
}

/// A member as shown to the members of their organisation.
#[derive(Serialize, ToSchema)]
#[schema(as = PartyMember)]
pub struct MemberOut {
    pub id: i64,
    pub org_id: i64,
    pub full_name: String,
    #[schema(schema_with = keyed::<Position>)]
    pub position: Position,
    #[schema(schema_with = keyed::<MemberStatus>)]
    pub status: MemberStatus,
    pub joined_on: NaiveDate,
    pub from_date: NaiveDate,
    pub has_account: bool,
    pub synthetic: bool,
}

impl From<MemberView> for MemberOut {
    fn from(m: MemberView) -> Self {
        MemberOut {
            id: m.id,
            org_id: m.org_id,
            full_name: m.full_name,
            position: m.position,
            status: m.status,
            joined_on: m.joined_on,
            from_date: m.from_date,
            has_account: m.has_account,
            synthetic: m.synthetic,
        }
    }
}

/// A new member of an organisation, optionally linked to an account.
#[derive(Deserialize, ToSchema)]
#[schema(as = NewPartyMember)]
pub struct NewMemberIn {
    pub full_name: String,
    #[serde(default = "default_position")]
    #[schema(schema_with = position_default)]
    pub position: String,
    #[serde(default = "default_status")]
    #[schema(schema_with = status_default)]
    pub status: String,
    /// Day the person joined the party.
    pub joined_on: NaiveDate,
    /// First day in this organisation; default today.
    #[serde(default)]
    pub from_date: Option<NaiveDate>,
    /// Account to link the member to.
    #[serde(default)]
    pub username: Option<String>,
}

/// `keyed`, with the key a field left out takes (`schema_with` leaves no
/// room for a `default` beside it).
pub(crate) fn keyed_default<K: Keyed>(default: &str) -> Object {
    let mut schema = keyed::<K>();
    schema.default = Some(default.into());
    schema
}

fn position_default() -> Object {
    keyed_default::<Position>("member")
}

fn status_default() -> Object {
    keyed_default::<MemberStatus>("official")
}

fn default_position() -> String {
    "member".into()
}

fn default_status() -> String {
    "official".into()
}

impl From<NewMemberIn> for NewMemberInput {
    fn from(m: NewMemberIn) -> Self {
        NewMemberInput {
            full_name: m.full_name,
            position: m.position,
            status: m.status,
            joined_on: m.joined_on,
            from_date: m.from_date,
            username: m.username,
        }
    }
}

/// An organisation with its members, for its members and those who
/// oversee it.
#[derive(Serialize, ToSchema)]
#[schema(as = PartyOrgPage)]
pub struct OrgPageOut {
    pub org: OrgOut,
    /// The organisations above it, from the top.
    pub path: Vec<OrgOut>,
    pub members: Vec<MemberOut>,
    /// The asker runs this organisation (secretary or deputy).
    pub runs: bool,
    pub is_member: bool,
}

impl From<OrgPage> for OrgPageOut {
    fn from(p: OrgPage) -> Self {
        OrgPageOut {
            org: p.org.into(),
            path: orgs(p.path),
            members: p.members.into_iter().map(Into::into).collect(),
            runs: p.runs,
            is_member: p.is_member,
        }
    }
}

/// One row of a committee's overview: an organisation directly below it,
/// with the figures of the cells in it.
#[derive(Serialize, ToSchema)]
#[schema(as = PartyOverviewRow)]
pub struct OverviewRowOut {
    pub org: OrgOut,
    pub cells: i64,
    /// Cells that held their regular meeting in the month.
    pub cells_on_time: i64,
    pub members: i64,
    pub handbook_users: i64,
    pub meetings: i64,
    pub regular_meetings: i64,
    pub attendance_expected: i64,
    pub attendance_present: i64,
    pub attendance_pct: Option<f64>,
}

impl From<OverviewRow> for OverviewRowOut {
    fn from(r: OverviewRow) -> Self {
        let CellFigures {
            members,
            handbook_users,
            meetings,
            regular_meetings,
            attendance_expected,
            attendance_present,
        } = r.figures;
        OverviewRowOut {
            org: r.org.into(),
            cells: r.cells,
            cells_on_time: r.cells_on_time,
            members,
            handbook_users,
            meetings,
            regular_meetings,
            attendance_expected,
            attendance_present,
            attendance_pct: r.attendance_pct,
        }
    }
}

/// A committee's overview of the organisations directly below it.
#[derive(Serialize, ToSchema)]
#[schema(as = PartyOverview)]
pub struct OverviewOut {
    pub org: OrgOut,
    pub path: Vec<OrgOut>,
    pub on: NaiveDate,
    pub rows: Vec<OverviewRowOut>,
    pub total: OverviewRowOut,
}

impl From<Overview> for OverviewOut {
    fn from(o: Overview) -> Self {
        OverviewOut {
            org: o.org.into(),
            path: orgs(o.path),
            on: o.on,
            rows: o.rows.into_iter().map(Into::into).collect(),
            total: o.total.into(),
        }
    }
}

/// The member's home: memberships, the next meetings, notices, documents
/// to read, open tasks and recent notes.
#[derive(Serialize, ToSchema)]
#[schema(as = PartyHome)]
pub struct HomeOut {
    pub memberships: Vec<HomeMembershipOut>,
    pub next_meetings: Vec<MeetingOut>,
    /// When none is coming up: the latest meeting of each organisation.
    pub latest_meetings: Vec<MeetingOut>,
    pub notices: Vec<NoticeOut>,
    pub to_read: Vec<DocumentOut>,
    pub tasks: Vec<TaskOut>,
    pub notes: Vec<NoteOut>,
    /// Organisations whose committee overview the member may read.
    pub overviews: Vec<OrgOut>,
}

impl From<Home> for HomeOut {
    fn from(h: Home) -> Self {
        HomeOut {
            memberships: h.memberships.into_iter().map(Into::into).collect(),
            next_meetings: h.next_meetings.into_iter().map(Into::into).collect(),
            latest_meetings: h.latest_meetings.into_iter().map(Into::into).collect(),
            notices: h.notices.into_iter().map(Into::into).collect(),
            to_read: h.to_read.into_iter().map(Into::into).collect(),
            tasks: h.tasks.into_iter().map(Into::into).collect(),
            notes: h.notes.into_iter().map(Into::into).collect(),
            overviews: orgs(h.overviews),
        }
    }
}

/// One of the member's memberships.
#[derive(Serialize, ToSchema)]
#[schema(as = PartyMembership)]
pub struct HomeMembershipOut {
    pub member_id: i64,
    pub org: OrgOut,
    #[schema(schema_with = keyed::<Position>)]
    pub position: Position,
    /// The member runs the organisation (secretary or deputy).
    pub runs: bool,
}

impl From<HomeMembership> for HomeMembershipOut {
    fn from(m: HomeMembership) -> Self {
        HomeMembershipOut {
            member_id: m.member_id,
            org: m.org.into(),
            position: m.position,
            runs: m.runs,
        }
    }
}
