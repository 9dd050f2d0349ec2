//! Each person's own work ("Việc của tôi"): where `/` and signing in lead,
//! decided from the actor's grants on a day.
//!
//! A grant's unit is taken as it stands on the day (following renames and
//! merges forward, as access does). When a user holds several grants the
//! highest role decides (the order of `Role`): an officer who is also a team
//! member opens on the unit's dashboard.

use chrono::NaiveDate;

use super::{Actor, Ctx};
use crate::domain::access::{Role, Scope};
use crate::domain::unit::Level;
use crate::error::AppResult;

/// Where a person's work starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Home {
    /// Not signed in: the public view of the units.
    Public,
    /// A national admin, or a user none of whose grants holds on the day:
    /// the list of units.
    Units,
    /// An officer's or a viewer's unit: its code on the day, or, when the
    /// unit has ended without a full successor (the districts in 2025), its
    /// code and last day.
    Unit(String, Option<NaiveDate>),
    /// A team member's village: its households.
    Field(String),
    /// A party secretary's organisation (the cell they run).
    PartyOrg(i64),
    /// A party member: the handbook's home (next meeting, documents to read).
    Party,
}

/// The home of `actor` on `day`.
pub async fn home(ctx: &Ctx, actor: &Actor, day: NaiveDate) -> AppResult<Home> {
    let grants = match &actor.scope {
        Scope::Public => return Ok(Home::Public),
        _ if actor.scope.is_admin() => return Ok(Home::Units),
        Scope::User(g) => g.clone(),
    };
    // Each grant with its unit on the day (or on its last day, when it
    // ended), highest role first.
    type Place = (String, Level, Option<NaiveDate>);
    let mut live: Vec<(Role, Option<Place>)> = {
        let h = ctx.hierarchy();
        grants
            .iter()
            .map(|g| {
                let place =
                    g.unit_id
                        .and_then(|id| match h.live_forms(id, day).into_iter().next() {
                            Some(n) => Some((n.unit.code.to_string(), n.unit.level, None)),
                            None => h.version(id).map(|v| {
                                let last = v.valid_to.filter(|&to| to < day);
                                (v.code.to_string(), v.level, last)
                            }),
                        });
                (g.role, place)
            })
            .collect()
    };
    live.sort_by_key(|(role, _)| *role);
    for (role, node) in live {
        match (role, node) {
            (Role::PartySecretary, _) => {
                let v = super::party::viewer(ctx, actor, day).await?;
                return Ok(v
                    .memberships
                    .iter()
                    .find(|m| m.position.runs_meetings())
                    .map(|m| Home::PartyOrg(m.org_id))
                    .unwrap_or(Home::Party));
            }
            (Role::PartyMember, _) => return Ok(Home::Party),
            (_, None) => continue,
            (Role::TeamMember, Some((code, Level::Village, None))) => {
                return Ok(Home::Field(code));
            }
            (_, Some((code, _, last))) => return Ok(Home::Unit(code, last)),
        }
    }
    Ok(Home::Units)
}
