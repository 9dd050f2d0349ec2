//! Request and response shapes of the `field` area: households and the
//! adoption ledger, community tech teams, metrics, indicators, targets and
//! entered values.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa::openapi::Object;
use utoipa::openapi::schema::{ObjectBuilder, Type};

use super::{keyed, keyed_list};
use crate::domain::metric::{AFFILIATIONS, Adoption, TeamRole};
use crate::service::households::{AdoptionInput, HouseholdInput, HouseholdView, Recorded};
use crate::service::teams::{MemberInput, NewTeam, SessionInput, TeamView};
use crate::store::teams::{MemberRow, TeamRow};

mod indicators;

pub use indicators::{
    IndicatorIn, IndicatorOut, IndicatorsOut, MetricIn, MetricOut, MetricsOut, SavedValueOut,
    TargetIn, ValueIn,
};

/// The schema of a team member's affiliation: one of `AFFILIATIONS`.
fn affiliation() -> Object {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .enum_values(Some(AFFILIATIONS.iter().copied()))
        .build()
}

/// The schema of a household's poverty status.
fn poverty() -> Object {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .enum_values(Some(["none", "near_poor", "poor"]))
        .build()
}

/// The ids of what was created.
#[derive(Serialize, ToSchema)]
#[schema(as = CreatedIds)]
pub struct IdsOut {
    pub ids: Vec<i64>,
}

/// The id of what was created.
#[derive(Serialize, ToSchema)]
#[schema(as = CreatedId)]
pub struct IdOut {
    pub id: i64,
}

/// A household as given in input.
#[derive(Deserialize, ToSchema)]
#[schema(as = HouseholdInput)]
pub struct HouseholdIn {
    /// Unique in the village.
    #[schema(max_length = 32)]
    pub code: String,
    #[serde(default)]
    pub head_name: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    #[schema(minimum = 1, maximum = 50)]
    pub size: Option<i64>,
    /// none, near_poor or poor.
    #[serde(default)]
    #[schema(schema_with = poverty, required = false)]
    pub poverty: Option<String>,
    /// Default: the day of the request.
    #[serde(default)]
    pub registered_on: Option<NaiveDate>,
    #[serde(default)]
    pub synthetic: bool,
}

impl From<HouseholdIn> for HouseholdInput {
    fn from(h: HouseholdIn) -> Self {
        HouseholdInput {
            code: h.code,
            head_name: h.head_name,
            phone: h.phone,
            size: h.size,
            poverty: h.poverty,
            registered_on: h.registered_on,
            synthetic: h.synthetic,
        }
    }
}

/// One household, or `{"items": [...]}` for many in one transaction.
#[derive(Deserialize, ToSchema)]
#[serde(untagged)]
#[schema(as = HouseholdsInput)]
pub enum HouseholdsIn {
    Many { items: Vec<HouseholdIn> },
    One(HouseholdIn),
}

/// A household as shown; personal data masked unless the reader needs it.
#[derive(Serialize, ToSchema)]
#[schema(as = Household)]
pub struct HouseholdOut {
    pub id: i64,
    pub code: String,
    pub village_code: String,
    /// Masked (initials) unless the reader is a team member or commune
    /// officer of the village.
    pub head_name: Option<String>,
    /// Masked unless the reader may see personal data.
    pub phone: Option<String>,
    pub masked: bool,
    pub size: Option<i64>,
    #[schema(schema_with = poverty)]
    pub poverty: String,
    pub registered_on: NaiveDate,
    pub synthetic: bool,
    /// Adoptions in force on the day.
    #[schema(schema_with = keyed_list::<Adoption>)]
    pub adoptions: Vec<Adoption>,
}

impl From<HouseholdView> for HouseholdOut {
    fn from(h: HouseholdView) -> Self {
        HouseholdOut {
            id: h.id,
            code: h.code,
            village_code: h.village_code,
            head_name: h.head_name,
            phone: h.phone,
            masked: h.masked,
            size: h.size,
            poverty: h.poverty,
            registered_on: h.registered_on,
            synthetic: h.synthetic,
            adoptions: h.adoptions,
        }
    }
}

/// The households of a village on a day.
#[derive(Serialize, ToSchema)]
#[schema(as = HouseholdList)]
pub struct HouseholdsOut {
    pub on: NaiveDate,
    pub items: Vec<HouseholdOut>,
}

/// Help given to a household, or a correction.
#[derive(Deserialize, ToSchema)]
#[schema(as = AdoptionInput)]
pub struct AdoptionIn {
    #[schema(schema_with = keyed::<Adoption>)]
    pub kind: String,
    /// Default: the day of the request; never in the future.
    #[serde(default)]
    pub date: Option<NaiveDate>,
    /// The team member who helped; default: the signed-in member's record.
    #[serde(default)]
    pub member_id: Option<i64>,
    #[serde(default)]
    #[schema(max_length = 500)]
    pub note: String,
    /// True takes back an earlier record (a new event, never an edit).
    #[serde(default)]
    pub correction: bool,
}

impl From<AdoptionIn> for AdoptionInput {
    fn from(a: AdoptionIn) -> Self {
        AdoptionInput {
            kind: a.kind,
            date: a.date,
            member_id: a.member_id,
            note: a.note,
            correction: a.correction,
        }
    }
}

/// A recorded adoption event.
#[derive(Serialize, ToSchema)]
#[schema(as = AdoptionRecorded)]
pub struct RecordedOut {
    pub event_id: i64,
    pub household_id: i64,
    #[schema(schema_with = keyed::<Adoption>)]
    pub kind: Adoption,
    pub date: NaiveDate,
    /// +1 for help given, -1 for a correction.
    pub change: i64,
    pub member_id: Option<i64>,
}

impl From<Recorded> for RecordedOut {
    fn from(r: Recorded) -> Self {
        RecordedOut {
            event_id: r.event_id,
            household_id: r.household_id,
            kind: r.kind,
            date: r.date,
            change: r.change,
            member_id: r.member_id,
        }
    }
}

/// A new community tech team.
#[derive(Deserialize, ToSchema)]
#[schema(as = NewTeam)]
pub struct NewTeamIn {
    pub name: String,
    #[serde(default)]
    pub formed_on: Option<NaiveDate>,
}

impl From<NewTeamIn> for NewTeam {
    fn from(t: NewTeamIn) -> Self {
        NewTeam {
            name: t.name,
            formed_on: t.formed_on,
        }
    }
}

/// A team as stored.
#[derive(Serialize, ToSchema)]
#[schema(as = TeamRecord)]
pub struct TeamRowOut {
    pub id: i64,
    pub unit_id: i64,
    pub name: String,
    pub formed_on: NaiveDate,
    pub dissolved_on: Option<NaiveDate>,
}

impl From<TeamRow> for TeamRowOut {
    fn from(t: TeamRow) -> Self {
        TeamRowOut {
            id: t.id,
            unit_id: t.unit_id,
            name: t.name,
            formed_on: t.formed_on,
            dissolved_on: t.dissolved_on,
        }
    }
}

/// A member of a team.
#[derive(Serialize, ToSchema)]
#[schema(as = TeamMember)]
pub struct MemberOut {
    pub id: i64,
    pub team_id: i64,
    pub full_name: String,
    #[schema(schema_with = keyed::<TeamRole>)]
    pub role: String,
    #[schema(schema_with = affiliation)]
    pub affiliation: String,
    pub phone: Option<String>,
    pub user_id: Option<i64>,
    pub joined_on: NaiveDate,
    pub left_on: Option<NaiveDate>,
    pub synthetic: bool,
}

impl From<MemberRow> for MemberOut {
    fn from(m: MemberRow) -> Self {
        MemberOut {
            id: m.id,
            team_id: m.team_id,
            full_name: m.full_name,
            role: m.role,
            affiliation: m.affiliation,
            phone: m.phone,
            user_id: m.user_id,
            joined_on: m.joined_on,
            left_on: m.left_on,
            synthetic: m.synthetic,
        }
    }
}

/// A team with its unit's code and its members.
#[derive(Serialize, ToSchema)]
#[schema(as = Team)]
pub struct TeamOut {
    pub id: i64,
    pub unit_id: i64,
    pub name: String,
    pub formed_on: NaiveDate,
    pub dissolved_on: Option<NaiveDate>,
    pub unit_code: String,
    pub members: Vec<MemberOut>,
}

impl From<TeamView> for TeamOut {
    fn from(v: TeamView) -> Self {
        TeamOut {
            id: v.team.id,
            unit_id: v.team.unit_id,
            name: v.team.name,
            formed_on: v.team.formed_on,
            dissolved_on: v.team.dissolved_on,
            unit_code: v.unit_code,
            members: v.members.into_iter().map(Into::into).collect(),
        }
    }
}

/// The active teams near a unit on a day.
#[derive(Serialize, ToSchema)]
#[schema(as = TeamList)]
pub struct TeamsOut {
    pub on: NaiveDate,
    pub items: Vec<TeamOut>,
}

fn default_role() -> String {
    "member".into()
}

/// A new member of a team.
#[derive(Deserialize, ToSchema)]
#[schema(as = MemberInput)]
pub struct MemberIn {
    pub full_name: String,
    /// Default: member.
    #[serde(default = "default_role")]
    #[schema(schema_with = keyed::<TeamRole>, required = false)]
    pub role: String,
    #[schema(schema_with = affiliation)]
    pub affiliation: String,
    #[serde(default)]
    pub phone: Option<String>,
    /// Link to an account, so that help the user records names them.
    #[serde(default)]
    pub username: Option<String>,
    #[serde(default)]
    pub joined_on: Option<NaiveDate>,
    #[serde(default)]
    pub synthetic: bool,
}

impl From<MemberIn> for MemberInput {
    fn from(m: MemberIn) -> Self {
        MemberInput {
            full_name: m.full_name,
            role: m.role,
            affiliation: m.affiliation,
            phone: m.phone,
            username: m.username,
            joined_on: m.joined_on,
            synthetic: m.synthetic,
        }
    }
}

/// One member, or `{"members": [...]}`.
#[derive(Deserialize, ToSchema)]
#[serde(untagged)]
#[schema(as = MembersInput)]
pub enum MembersIn {
    Many { members: Vec<MemberIn> },
    One(MemberIn),
}

/// The day a member leaves.
#[derive(Deserialize, ToSchema)]
#[schema(as = MemberLeave)]
pub struct LeaveIn {
    pub left_on: NaiveDate,
}

/// A guidance session.
#[derive(Deserialize, ToSchema)]
#[schema(as = SessionInput)]
pub struct SessionIn {
    pub held_on: NaiveDate,
    pub topic: String,
    #[serde(default)]
    pub audience: String,
    /// How many households came.
    #[serde(default)]
    pub households: i64,
    /// The team members who led it.
    #[serde(default)]
    pub member_ids: Vec<i64>,
}

impl From<SessionIn> for SessionInput {
    fn from(s: SessionIn) -> Self {
        SessionInput {
            held_on: s.held_on,
            topic: s.topic,
            audience: s.audience,
            households: s.households,
            member_ids: s.member_ids,
        }
    }
}
