//! The team_members register: the members of a commune's or a village's
//! community digital-technology team from a file. A row names its team
//! (or not, when the unit has one team), and a member by full name: a
//! name the team has (folded: case, diacritics and spacing forgiven) is
//! compared with the member as stored and corrected where role,
//! affiliation or phone differ, else left unchanged; a new name joins the
//! team. A unit without a team gets the team the file names, formed on
//! the earliest day its rows joined. Importing the same file twice
//! changes nothing the second time. The rows that pass are written in one
//! transaction with their counters and one audit entry.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::layout::{Layout, Value};
use super::read::{self, At, Refusal};
use super::team_members_sheet::{self as sheet, MEMBER, TEAM, affiliation_of, role_of};
use super::{Counts, Register, Report, RowError, Source};
use crate::domain::fold::search_key;
use crate::domain::metric::TeamRole;
use crate::domain::period::Period;
use crate::domain::unit::clean_name;
use crate::error::{AppError, AppResult};
use crate::i18n::messages::Msg;
use crate::io::sheet::ColumnSpec;
use crate::service::audit;
use crate::service::households::check_phone;
use crate::service::teams::{counter_deltas, managed};
use crate::service::units::unit_path;
use crate::service::{Actor, Ctx};
use crate::store::ledger as lstore;
use crate::store::teams::{self as store, MemberRow, NewMember, TeamRow};

pub(super) fn check_access(ctx: &Ctx, actor: &Actor, unit: &str) -> AppResult<()> {
    let h = ctx.hierarchy();
    managed(&h, actor, unit, ctx.today()).map(|_| ())
}

pub(super) async fn layout(ctx: &Ctx, actor: &Actor, unit: &str) -> AppResult<Layout> {
    sheet::layout(ctx, actor, unit).await
}

pub(super) async fn export(
    ctx: &Ctx,
    actor: &Actor,
    unit: &str,
) -> AppResult<(Layout, Vec<Vec<Value>>)> {
    sheet::export(ctx, actor, unit).await
}

/// The team a row joins: one the unit has (by id), or the one the file
/// forms (the unit has none).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Team {
    Known(i64),
    New,
}

/// What a row becomes.
enum Planned {
    Create(Team, NewMember),
    Update(MemberRow),
    Unchanged,
}

/// What the unit holds, to read rows against.
struct Known {
    teams: Vec<TeamRow>,
    /// Current members by (team, folded full name).
    members: HashMap<(i64, String), MemberRow>,
    /// The first day the unit exists (a team formed by the file is not
    /// formed before it).
    unit_from: NaiveDate,
    today: NaiveDate,
}

impl Known {
    fn team(&self, id: i64) -> Option<&TeamRow> {
        self.teams.iter().find(|t| t.id == id)
    }

    /// The unit (version) a known team belongs to.
    fn unit_of(&self, id: i64) -> i64 {
        self.team(id).map_or(0, |t| t.unit_id)
    }
}

/// What reading the rows keeps between them.
#[derive(Default)]
struct Seen {
    /// The first row of each (team, folded name).
    rows: HashMap<(Team, String), u32>,
    /// The team the file forms, by name, with its first row.
    new_team: Option<(String, u32)>,
}

pub(super) async fn import(
    ctx: &Ctx,
    actor: &Actor,
    unit: &str,
    src: &Source,
    bytes: &[u8],
    dry_run: bool,
) -> AppResult<Report> {
    let today = ctx.today();
    let (top, path) = {
        let h = ctx.hierarchy();
        let node = managed(&h, actor, unit, today)?;
        (node.unit.clone(), unit_path(&h, &node))
    };
    let teams = sheet::teams_of(ctx, top.id, today).await?;
    let members = sheet::members_of(ctx, &teams, today)
        .await?
        .into_iter()
        .map(|m| ((m.team_id, search_key(&m.full_name)), m))
        .collect();
    let known = Known {
        teams,
        members,
        unit_from: top.valid_from,
        today,
    };
    // A unit with one team needs no team column.
    let specs: Vec<ColumnSpec> = std::iter::once(ColumnSpec {
        required: known.teams.len() > 1,
        ..TEAM
    })
    .chain(MEMBER.iter().copied())
    .collect();
    let mut plan: Vec<Planned> = Vec::new();
    let mut errors: Vec<RowError> = Vec::new();
    let mut seen = Seen::default();
    let read = read::rows(
        &src.name,
        &src.path,
        bytes,
        src.encoding,
        &specs,
        |s, row| {
            if let Some(tell) = &src.progress
                && row.number % super::PROGRESS_EVERY == 0
            {
                tell(row.number);
            }
            match planned(&At::new(s, row), &top.full_name, &known, &mut seen) {
                Ok(p) => plan.push(p),
                Err(e) => errors.push(*e),
            }
            Ok(())
        },
    )?;
    let counts = Counts {
        rows: plan.len(),
        created: plan
            .iter()
            .filter(|p| matches!(p, Planned::Create(..)))
            .count(),
        updated: plan
            .iter()
            .filter(|p| matches!(p, Planned::Update(..)))
            .count(),
    };
    let register = Register::TeamMembers;
    let mut report = Report::of(
        register,
        unit,
        dry_run,
        read.encoding,
        counts,
        errors,
        bytes,
    );
    if !report.writes() {
        return Ok(report);
    }
    super::before_write(ctx, actor, &mut report, bytes).await?;
    let t = ctx.now();
    let mut tx = ctx.begin().await?;
    // Counters move at the team's unit (a past version's, for a team kept
    // over a reorganisation), as `teams::add_members` moves them.
    let mut acc: HashMap<(i64, &str, i32), i64> = HashMap::new();
    // The team the file forms, on the earliest day its rows joined.
    let formed = plan
        .iter()
        .filter_map(|p| match p {
            Planned::Create(Team::New, m) => Some(m.joined_on),
            _ => None,
        })
        .min();
    let new_team = match (formed, &seen.new_team) {
        (Some(day), Some((name, _))) => {
            *acc.entry((top.id, "teams", Period::month_index(day)))
                .or_default() += 1;
            Some(store::insert_team(&mut tx, top.id, name, day, t).await?)
        }
        _ => None,
    };
    let mut new = Vec::new();
    for p in &plan {
        match p {
            Planned::Create(team, m) => {
                let (team_id, unit_id) = match team {
                    Team::Known(id) => (*id, known.unit_of(*id)),
                    Team::New => (new_team.unwrap_or_default(), top.id),
                };
                let month = Period::month_index(m.joined_on);
                *acc.entry((unit_id, "team_members", month)).or_default() += 1;
                new.push(NewMember {
                    team_id,
                    ..m.clone()
                });
            }
            Planned::Update(m) => {
                let (role, phone) = (m.role.as_str(), m.phone.as_deref());
                store::update_member(&mut tx, m.id, role, &m.affiliation, phone, t).await?;
            }
            Planned::Unchanged => {}
        }
    }
    store::insert_members(&mut tx, &new, t).await?;
    let deltas = counter_deltas(acc);
    lstore::bump_counters(&mut tx, &deltas, t).await?;
    let change = super::audited(&report, &src.name, "team_member", Some(path));
    audit::record(ctx, &mut tx, actor, change).await?;
    tx.commit().await?;
    ctx.update_figures(|s| s.apply(&deltas));
    Ok(report)
}

/// The team a row names: by its name (folded), or the unit's only team
/// when the cell is empty; a name the unit does not have forms the
/// unit's team when it has none.
fn team_of(at: &At<'_>, unit: &str, known: &Known, seen: &mut Seen) -> Result<Team, Refusal> {
    let names = || {
        let names: Vec<&str> = known.teams.iter().map(|t| t.name.as_str()).collect();
        names.join(", ")
    };
    let Some(text) = at.text("team") else {
        return match known.teams.as_slice() {
            [only] => Ok(Team::Known(only.id)),
            [] => Err(at.refuse(
                "team",
                "required",
                Msg::new("import.team_members_no_team").arg("unit", unit),
            )),
            _ => Err(at.refuse(
                "team",
                "required",
                Msg::new("import.team_members_which_team").arg("teams", names()),
            )),
        };
    };
    let folded = search_key(&text);
    if let Some(t) = known.teams.iter().find(|t| search_key(&t.name) == folded) {
        return Ok(Team::Known(t.id));
    }
    if !known.teams.is_empty() {
        let msg = Msg::new("import.team_members_team_unknown")
            .arg("unit", unit)
            .arg("teams", names());
        return Err(at.refuse("team", "not_found", msg));
    }
    let name = clean_name("team", &text).map_err(|e| {
        let told = AppError::from(e).told();
        at.refuse("team", told.code, told.msg)
    })?;
    match &seen.new_team {
        None => {
            seen.new_team = Some((name, at.row.number));
            Ok(Team::New)
        }
        Some((first, _)) if search_key(first) == folded => Ok(Team::New),
        Some((first, row)) => {
            let msg = Msg::new("import.team_members_one_team")
                .arg("team", first)
                .arg("first", row);
            Err(at.refuse("team", "duplicate", msg))
        }
    }
}

/// One data row: its member as read, compared with the stored one.
fn planned(at: &At<'_>, unit: &str, known: &Known, seen: &mut Seen) -> Result<Planned, Refusal> {
    let team = team_of(at, unit, known, seen)?;
    let full_name = clean_name("full_name", &at.required("full_name")?).map_err(|e| {
        let told = AppError::from(e).told();
        at.refuse("full_name", told.code, told.msg)
    })?;
    let role = match at.text("role") {
        None => None,
        Some(w) => Some(role_of(&w).ok_or_else(|| {
            at.refuse(
                "role",
                "choice",
                Msg::new("import.team_members_role").arg("value", w),
            )
        })?),
    };
    let affiliation = match at.text("affiliation") {
        None => None,
        Some(w) => Some(affiliation_of(&w).ok_or_else(|| {
            at.refuse(
                "affiliation",
                "choice",
                Msg::new("import.team_members_affiliation").arg("value", w),
            )
        })?),
    };
    // A sheet without a phone column leaves phones as they are.
    let phone = match at.sheet.header.get("phone") {
        None => None,
        Some(_) => Some(
            check_phone(super::households::phone(at.cell("phone")).as_deref())
                .map_err(|_| at.refuse("phone", "invalid", Msg::new("fieldwork.phone_digits")))?,
        ),
    };
    let joined_on = at.date("joined_on")?;
    let folded = search_key(&full_name);
    if let Some(first) = seen.rows.get(&(team, folded.clone())) {
        let msg = Msg::new("import.team_members_twice")
            .arg("name", &full_name)
            .arg("first", first);
        return Err(at.refuse("full_name", "duplicate", msg));
    }
    seen.rows.insert((team, folded.clone()), at.row.number);
    let stored = match team {
        Team::Known(id) => known.members.get(&(id, folded)),
        Team::New => None,
    };
    if let Some(s) = stored {
        let mut m = s.clone();
        m.role = role.map_or(m.role, |r| r.as_str().to_owned());
        m.affiliation = affiliation.map_or(m.affiliation, str::to_owned);
        m.phone = phone.unwrap_or(m.phone);
        let same = (&m.role, &m.affiliation, &m.phone) == (&s.role, &s.affiliation, &s.phone);
        return Ok(if same {
            Planned::Unchanged
        } else {
            Planned::Update(m)
        });
    }
    // A new member joins on the day the row says (today if none), not
    // before the team was formed (or the unit began) nor after today.
    let from = match team {
        Team::Known(id) => known.team(id).map_or(known.unit_from, |t| t.formed_on),
        Team::New => known.unit_from,
    };
    let joined_on = joined_on.unwrap_or(known.today);
    if joined_on < from || joined_on > known.today {
        let msg = Msg::new("import.team_members_joined")
            .arg("value", joined_on.format("%d/%m/%Y"))
            .arg("from", from.format("%d/%m/%Y"))
            .arg("to", known.today.format("%d/%m/%Y"));
        return Err(at.refuse("joined_on", "date", msg));
    }
    Ok(Planned::Create(
        team,
        NewMember {
            team_id: 0,
            full_name,
            role: role.unwrap_or(TeamRole::Member).as_str(),
            affiliation: affiliation.unwrap_or("other").to_owned(),
            phone: phone.flatten(),
            user_id: None,
            joined_on,
            synthetic: false,
        },
    ))
}
