//! Roles, grants and the access policy.
//!
//! A user holds grants, each a role on a unit's subtree (an admin's grant may
//! name no unit: the whole country). Whether an action on a unit is allowed is
//! decided here, from the grants and the unit's place in the day's tree; the
//! service layer asks before every read and write. Pure; no IO.

use serde::Serialize;

use super::DomainError;
use super::hierarchy::{Hierarchy, Node};
use super::keyed::keyed;
use super::unit::Level;
use crate::i18n::messages::Msg;
use chrono::NaiveDate;

keyed! {
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
    #[serde(rename_all = "snake_case")]
    pub enum Role in "role" {
        Admin = "admin",
        ProvinceOfficer = "province_officer",
        DistrictOfficer = "district_officer",
        CommuneOfficer = "commune_officer",
        TeamMember = "team_member",
        PartySecretary = "party_secretary",
        PartyMember = "party_member",
        Viewer = "viewer",
    }
}

impl Role {
    /// `msg` with argument `{role}`: the role by its name, never its key.
    pub fn named_in(self, msg: Msg) -> Msg {
        use crate::i18n::{Lang, role_name};
        msg.arg_words("role", role_name(Lang::Vi, self), role_name(Lang::En, self))
    }

    /// Officers manage their subtree: its villages, and accounts below them.
    pub fn is_officer(self) -> bool {
        matches!(
            self,
            Role::Admin | Role::ProvinceOfficer | Role::DistrictOfficer | Role::CommuneOfficer
        )
    }

    /// Roles of the party side (the e-handbook): a separate hierarchy that
    /// state officers never manage, reset or grant.
    pub fn is_party(self) -> bool {
        matches!(self, Role::PartySecretary | Role::PartyMember)
    }

    /// Levels a grant of this role may sit on.
    pub fn grant_levels(self) -> &'static [Level] {
        use Level::*;
        match self {
            Role::Admin => &[Province, District, Commune, Village],
            Role::ProvinceOfficer => &[Province],
            Role::DistrictOfficer => &[District],
            Role::CommuneOfficer => &[Commune],
            Role::TeamMember => &[Commune, Village],
            Role::PartySecretary | Role::PartyMember => &[Province, District, Commune, Village],
            Role::Viewer => &[Province, District, Commune, Village],
        }
    }
}

/// A role on a unit's subtree; `unit_id` is `None` only for a national admin.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct Grant {
    pub role: Role,
    pub unit_id: Option<i64>,
}

impl Grant {
    /// Check the grant's shape against the unit it names (on the given day).
    pub fn check(&self, unit: Option<&Node<'_>>) -> Result<(), DomainError> {
        match (self.role, unit) {
            (Role::Admin, None) => Ok(()),
            (_, None) => Err(DomainError::invalid(
                "unit",
                self.role.named_in(Msg::new("accounts.grant_needs_unit")),
            )),
            (role, Some(n)) if !role.grant_levels().contains(&n.unit.level) => {
                Err(DomainError::invalid(
                    "unit",
                    role.named_in(Msg::new("accounts.grant_level"))
                        .arg_msg("levels", either(role.grant_levels()))
                        .arg_msg("level", n.unit.level.words())
                        .arg("code", &n.unit.code),
                ))
            }
            _ => Ok(()),
        }
    }
}

/// What a request may see and do: the public, or a user with grants.
#[derive(Debug, Clone, PartialEq)]
pub enum Scope {
    /// Not signed in: public, aggregate data of every unit; no personal data.
    Public,
    User(Vec<Grant>),
}

impl Scope {
    pub fn is_admin(&self) -> bool {
        matches!(self, Scope::User(g) if g.iter().any(|g| g.role == Role::Admin && g.unit_id.is_none()))
    }

    /// The grants that apply to `node`: those whose unit contains it.
    pub fn grants_over<'a>(
        &'a self,
        h: &'a Hierarchy,
        node: &'a Node<'_>,
    ) -> impl Iterator<Item = &'a Grant> + 'a {
        let grants: &[Grant] = match self {
            Scope::Public => &[],
            Scope::User(g) => g,
        };
        // A grant on a unit that has since been renamed or merged applies to
        // what the unit became (full successions only).
        grants.iter().filter(move |g| match g.unit_id {
            None => g.role == Role::Admin,
            Some(id) => h
                .live_forms(id, node.epoch_span().0)
                .iter()
                .any(|top| top.contains(node)),
        })
    }

    /// May this request read the unit and its public figures? The public may
    /// read every unit; a signed-in user works inside their grants.
    pub fn can_read(&self, h: &Hierarchy, node: &Node<'_>) -> bool {
        match self {
            Scope::Public => true,
            Scope::User(_) => self.covers(h, node),
        }
    }

    /// Does a grant of this user cover the unit? The records behind a
    /// figure (households, team members) are read only then; the public
    /// and users elsewhere see the figures alone.
    pub fn covers(&self, h: &Hierarchy, node: &Node<'_>) -> bool {
        self.grants_over(h, node).next().is_some()
    }

    /// May this request change the unit's structure (add villages below it)?
    pub fn can_manage(&self, h: &Hierarchy, node: &Node<'_>) -> bool {
        self.grants_over(h, node).any(|g| g.role.is_officer())
    }

    /// May this request grant `grant` to someone? Admins may grant anything.
    /// The state and the party are two hierarchies, never ranked against
    /// each other: state officers grant state roles below their own inside
    /// their subtree; a party secretary (the committee above) grants party
    /// roles on units strictly below their own grant's unit.
    pub fn can_grant(&self, h: &Hierarchy, grant: &Grant, unit: Option<&Node<'_>>) -> bool {
        if self.is_admin() {
            return true;
        }
        let Some(node) = unit else { return false };
        self.grants_over(h, node).any(|g| {
            if grant.role.is_party() {
                g.role == Role::PartySecretary
                    && g.unit_id.is_some_and(|id| {
                        !h.live_forms(id, node.epoch_span().0)
                            .iter()
                            .any(|n| n.unit.id == node.unit.id)
                    })
            } else {
                g.role.is_officer() && g.role < grant.role && grant.role != Role::Admin
            }
        })
    }

    /// May this request register households and record help in the unit
    /// (team members of the village or commune, and officers)?
    pub fn can_record(&self, h: &Hierarchy, node: &Node<'_>) -> bool {
        self.grants_over(h, node)
            .any(|g| g.role.is_officer() || g.role == Role::TeamMember)
    }

    /// May this request see personal data (household heads, phone numbers)
    /// in the unit? Only those who work with the households: the village's
    /// or commune's team members and the commune's officers.
    pub fn can_see_personal(&self, h: &Hierarchy, node: &Node<'_>) -> bool {
        self.grants_over(h, node)
            .any(|g| matches!(g.role, Role::TeamMember | Role::CommuneOfficer))
    }

    /// May this request read the audit log of the unit's subtree?
    pub fn can_audit(&self, h: &Hierarchy, node: Option<&Node<'_>>) -> bool {
        match node {
            None => self.is_admin(),
            Some(n) => self.grants_over(h, n).any(|g| g.role.is_officer()),
        }
    }

    /// The units at which this user's work starts on a day (their grants'
    /// units), or `None` for the whole country.
    pub fn starting_points<'h>(&self, h: &'h Hierarchy, day: NaiveDate) -> Option<Vec<Node<'h>>> {
        match self {
            Scope::Public => None,
            Scope::User(_) if self.is_admin() => None,
            Scope::User(grants) => {
                let mut nodes: Vec<Node<'h>> = grants
                    .iter()
                    .filter_map(|g| g.unit_id)
                    .flat_map(|id| h.live_forms(id, day))
                    .collect();
                // Drop units already inside another starting point.
                let all = nodes.clone();
                nodes.retain(|n| !all.iter().any(|o| o.range() != n.range() && o.contains(n)));
                nodes.sort_by_key(|n| n.range());
                nodes.dedup_by_key(|n| n.range());
                Some(nodes)
            }
        }
    }
}

/// Levels in words, "a or b or c".
fn either(levels: &[Level]) -> Msg {
    levels
        .iter()
        .map(|l| l.words())
        .reduce(|a, b| Msg::new("value.or").arg_msg("a", a).arg_msg("b", b))
        .unwrap_or_else(|| Msg::new("value.or"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::unit::UnitVersion;

    fn h() -> Hierarchy {
        let d: NaiveDate = "2022-01-01".parse().unwrap();
        let u = |id, code: &str, level: Level, parent| UnitVersion {
            id,
            code: code.parse().unwrap(),
            name: code.into(),
            full_name: code.into(),
            level,
            unit_type: level.types()[0].into(),
            parent_id: parent,
            valid_from: d,
            valid_to: None,
            synthetic: false,
        };
        Hierarchy::build(vec![
            u(1, "15", Level::Province, None),
            u(2, "136", Level::District, Some(1)),
            u(3, "04387", Level::Commune, Some(2)),
            u(4, "04390", Level::Commune, Some(2)),
            u(5, "04387001", Level::Village, Some(3)),
        ])
    }

    #[test]
    fn a_commune_officer_reads_only_the_commune() {
        let h = h();
        let d: NaiveDate = "2022-06-30".parse().unwrap();
        let at = |c: &str| h.find(&c.parse().unwrap(), d).unwrap();
        let officer = Scope::User(vec![Grant {
            role: Role::CommuneOfficer,
            unit_id: Some(3),
        }]);
        assert!(officer.can_read(&h, &at("04387")));
        assert!(officer.can_read(&h, &at("04387001")));
        assert!(!officer.can_read(&h, &at("04390")));
        assert!(!officer.can_read(&h, &at("136")));
        assert!(officer.can_manage(&h, &at("04387")));
        assert!(!officer.can_audit(&h, None));
        let team = Grant {
            role: Role::TeamMember,
            unit_id: Some(5),
        };
        assert!(officer.can_grant(&h, &team, Some(&at("04387001"))));
        let peer = Grant {
            role: Role::CommuneOfficer,
            unit_id: Some(3),
        };
        assert!(!officer.can_grant(&h, &peer, Some(&at("04387"))));
        // The party is not below the state: no party role from an officer.
        for role in [Role::PartySecretary, Role::PartyMember] {
            let party = Grant {
                role,
                unit_id: Some(5),
            };
            assert!(!officer.can_grant(&h, &party, Some(&at("04387001"))));
        }
        assert!(Scope::Public.can_read(&h, &at("136")));
        assert!(!Scope::Public.can_manage(&h, &at("136")));
    }

    #[test]
    fn party_roles_are_granted_by_the_committee_above_only() {
        let h = h();
        let d: NaiveDate = "2022-06-30".parse().unwrap();
        let at = |c: &str| h.find(&c.parse().unwrap(), d).unwrap();
        let commune_secretary = Scope::User(vec![Grant {
            role: Role::PartySecretary,
            unit_id: Some(3),
        }]);
        let member = |unit_id| Grant {
            role: Role::PartyMember,
            unit_id: Some(unit_id),
        };
        let secretary = |unit_id| Grant {
            role: Role::PartySecretary,
            unit_id: Some(unit_id),
        };
        assert!(commune_secretary.can_grant(&h, &member(5), Some(&at("04387001"))));
        assert!(commune_secretary.can_grant(&h, &secretary(5), Some(&at("04387001"))));
        // Not on their own unit, not outside, and no state role.
        assert!(!commune_secretary.can_grant(&h, &member(3), Some(&at("04387"))));
        assert!(!commune_secretary.can_grant(&h, &member(4), Some(&at("04390"))));
        let team = Grant {
            role: Role::TeamMember,
            unit_id: Some(5),
        };
        assert!(!commune_secretary.can_grant(&h, &team, Some(&at("04387001"))));
        let province_officer = Scope::User(vec![Grant {
            role: Role::ProvinceOfficer,
            unit_id: Some(1),
        }]);
        assert!(!province_officer.can_grant(&h, &secretary(5), Some(&at("04387001"))));
        assert!(province_officer.can_grant(&h, &team, Some(&at("04387001"))));
    }

    #[test]
    fn grants_check_their_level() {
        let h = h();
        let d: NaiveDate = "2022-06-30".parse().unwrap();
        let commune = h.find(&"04387".parse().unwrap(), d).unwrap();
        assert!(
            Grant {
                role: Role::CommuneOfficer,
                unit_id: Some(3)
            }
            .check(Some(&commune))
            .is_ok()
        );
        assert!(
            Grant {
                role: Role::ProvinceOfficer,
                unit_id: Some(3)
            }
            .check(Some(&commune))
            .is_err()
        );
        assert!(
            Grant {
                role: Role::Viewer,
                unit_id: None
            }
            .check(None)
            .is_err()
        );
        assert!(
            Grant {
                role: Role::Admin,
                unit_id: None
            }
            .check(None)
            .is_ok()
        );
        assert!("boss".parse::<Role>().is_err());
    }

    #[test]
    fn starting_points_drop_nested_grants() {
        let h = h();
        let d: NaiveDate = "2022-06-30".parse().unwrap();
        let s = Scope::User(vec![
            Grant {
                role: Role::Viewer,
                unit_id: Some(3),
            },
            Grant {
                role: Role::DistrictOfficer,
                unit_id: Some(2),
            },
        ]);
        let pts = s.starting_points(&h, d).unwrap();
        assert_eq!(pts.len(), 1);
        assert_eq!(pts[0].unit.id, 2);
    }
}
