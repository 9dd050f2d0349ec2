//! A commune's registration for a recognition level ("xã CĐS", "xã CĐS
//! nâng cao") and its workflow: registered → submitted (self-assessment,
//! by the commune) → verified (by the district, the verifying agency) →
//! recognised (by the province), or returned with reasons to the commune.
//! Each step is taken by the role the step needs, over the commune, is
//! audited, and sets the next deadline; no step can be skipped
//! (`domain::criteria::transition`).

use crate::i18n::messages::Msg;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{SetView, get_set, node_at};
use crate::domain::access::Role;
use crate::domain::hierarchy::{Hierarchy, Node};
use crate::domain::registration::{Action, Actor as Party, Status, transition};
use crate::domain::unit::Level;
use crate::error::{AppError, AppResult};
use crate::service::units::{UnitInfo, info_of};
use crate::service::{Actor, Ctx};
use crate::store::criteria::{self as store, FileRow, RegistrationRow, StepRow};

mod board;
mod files;
mod steps;

pub use board::{Board, Card, board, headline_figures};
pub use files::{download, upload};
pub use steps::{register, step};

#[derive(Debug, Clone, Deserialize)]
pub struct RegisterInput {
    pub level: String,
    pub year: i64,
    /// The day of the registration (default today).
    #[serde(default)]
    pub on: Option<NaiveDate>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct StepInput {
    /// submit, verify, return or recognise.
    pub action: String,
    /// Required when returning: the reasons.
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub on: Option<NaiveDate>,
    /// The version the user saw; a step on a stale view is refused.
    #[serde(default)]
    pub version: Option<i64>,
}

/// A registration with its commune, level, who it waits on and history.
#[derive(Debug, Clone, Serialize)]
pub struct RegistrationView {
    #[serde(flatten)]
    pub row: RegistrationRow,
    pub unit: UnitInfo,
    pub set_code: String,
    pub level_name_vi: String,
    pub level_name_en: String,
    /// commune, verifier or province; none once recognised.
    pub waiting_on: Option<Party>,
    pub overdue: bool,
    pub steps: Vec<StepRow>,
    pub files: Vec<FileRow>,
}

/// The role a party's step needs over the commune. After the 2025
/// reorganisation there are no districts; the province verifies.
fn role_for(h: &Hierarchy, node: &Node<'_>, party: Party) -> Role {
    match party {
        Party::Commune => Role::CommuneOfficer,
        Party::Verifier => {
            let has_district = h
                .ancestors(node)
                .iter()
                .any(|a| a.unit.level == Level::District);
            if has_district {
                Role::DistrictOfficer
            } else {
                Role::ProvinceOfficer
            }
        }
        Party::Province => Role::ProvinceOfficer,
    }
}

fn may_act(h: &Hierarchy, actor: &Actor, node: &Node<'_>, party: Party) -> bool {
    let role = role_for(h, node, party);
    actor.scope.is_admin() || actor.scope.grants_over(h, node).any(|g| g.role == role)
}

fn party_name(party: Party) -> Msg {
    Msg::new(match party {
        Party::Commune => "criteria.party_commune",
        Party::Verifier => "criteria.party_verifier",
        Party::Province => "criteria.party_province",
    })
}

fn view_of(
    h: &Hierarchy,
    set: &SetView,
    row: RegistrationRow,
    steps: Vec<StepRow>,
    files: Vec<FileRow>,
    day: NaiveDate,
) -> AppResult<RegistrationView> {
    let node = node_at(h, row.unit_id, day).ok_or_else(|| {
        AppError::NotFound(Msg::new("criteria.registration_unit_gone").arg("id", row.id))
    })?;
    let status = Status::parse(&row.status)?;
    let level = set.definition.level(&row.level);
    let waiting_on = status.waiting_on();
    Ok(RegistrationView {
        unit: info_of(h, &node),
        set_code: set.row.code.clone(),
        level_name_vi: level.map(|l| l.name_vi.clone()).unwrap_or_default(),
        level_name_en: level.map(|l| l.name_en.clone()).unwrap_or_default(),
        overdue: waiting_on.is_some() && row.due_on < day,
        waiting_on,
        row,
        steps,
        files,
    })
}

async fn full_view(ctx: &Ctx, row: RegistrationRow, day: NaiveDate) -> AppResult<RegistrationView> {
    let set = get_set(ctx, row.set_id).await?;
    let steps = super::steps_by_office(store::steps_of(ctx.db(), row.id).await?);
    let files = store::files_of(ctx.db(), row.id).await?;
    view_of(&ctx.hierarchy(), &set, row, steps, files, day)
}

/// One registration (registrations are public; so is the reason a commune
/// was sent back).
pub async fn get(ctx: &Ctx, actor: &Actor, id: i64, day: NaiveDate) -> AppResult<RegistrationView> {
    let row = store::registration(ctx.db(), id)
        .await?
        .ok_or_else(|| AppError::no_record("hồ sơ đăng ký", "registration", id))?;
    {
        let h = ctx.hierarchy();
        let node = node_at(&h, row.unit_id, day)
            .ok_or_else(|| AppError::no_record("hồ sơ đăng ký", "registration", id))?;
        if !actor.scope.can_read(&h, &node) {
            return Err(AppError::Forbidden(
                Msg::new("access.outside_units").arg("unit", &node.unit.full_name),
            ));
        }
    }
    full_view(ctx, row, day).await
}

/// The registration of a commune for a year, if any.
pub async fn of_unit(
    ctx: &Ctx,
    unit_id: i64,
    year: i64,
    day: NaiveDate,
) -> AppResult<Option<RegistrationView>> {
    let ids = ctx.hierarchy().with_past(unit_id);
    match store::registration_of(ctx.db(), &ids, year).await? {
        Some(r) => Ok(Some(full_view(ctx, r, day).await?)),
        None => Ok(None),
    }
}

/// The steps the actor may take now on a registration (for the pages;
/// `step` checks again).
pub fn actions_for(
    ctx: &Ctx,
    actor: &Actor,
    view: &RegistrationView,
    day: NaiveDate,
) -> Vec<Action> {
    let Ok(from) = Status::parse(&view.row.status) else {
        return Vec::new();
    };
    let h = ctx.hierarchy();
    let Some(node) = node_at(&h, view.row.unit_id, day) else {
        return Vec::new();
    };
    [
        Action::Submit,
        Action::Verify,
        Action::Recognise,
        Action::Return,
    ]
    .into_iter()
    .filter(|a| transition(from, *a).is_ok_and(|(_, party)| may_act(&h, actor, &node, party)))
    .collect()
}

/// May the actor register the commune (and enter its self-assessment)?
pub fn may_register(ctx: &Ctx, actor: &Actor, unit_id: i64, day: NaiveDate) -> bool {
    let h = ctx.hierarchy();
    node_at(&h, unit_id, day).is_some_and(|n| may_act(&h, actor, &n, Party::Commune))
}

/// How many registrations of the communes below `code` wait, on the day, on
/// a step the actor may take (the day's year's registrations, as on the
/// board): a commune officer's self-assessments to send, a verifier's to
/// verify, the province's to recognise.
pub async fn waiting_for(ctx: &Ctx, actor: &Actor, code: &str, day: NaiveDate) -> AppResult<usize> {
    use chrono::Datelike;
    let b = board(ctx, actor, code, i64::from(day.year()), day).await?;
    let h = ctx.hierarchy();
    Ok(b.cards
        .iter()
        .filter(|c| {
            c.waiting_on.is_some_and(|party| {
                h.find_id(c.unit.id, day)
                    .is_some_and(|n| may_act(&h, actor, &n, party))
            })
        })
        .count())
}
