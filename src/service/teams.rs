//! Community digital-technology teams (tổ công nghệ số cộng đồng): teams at
//! commune and village level, their members, guidance sessions.

use crate::i18n::messages::Msg;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use tracing::instrument;

use super::audit::{self, Change};
use super::units::{find, unit_path};
use super::{Actor, Ctx};
use crate::domain::hierarchy::{Hierarchy, Node};
use crate::domain::metric::{TeamRole, check_affiliation};
use crate::domain::period::Period;
use crate::domain::unit::{Level, clean_name};
use crate::error::{AppError, AppResult};
use crate::store::ledger::{self as lstore, CounterDelta};
use crate::store::teams::{self as store, MemberRow, NewMember, SessionRow, TeamRow};

/// The commune or village `code`, for someone who may manage its teams.
pub(crate) fn managed<'h>(
    h: &'h Hierarchy,
    actor: &Actor,
    code: &str,
    day: NaiveDate,
) -> AppResult<Node<'h>> {
    let node = find(h, actor, code, day)?;
    if !matches!(node.unit.level, Level::Commune | Level::Village) {
        return Err(AppError::invalid(
            "unit",
            Msg::new("fieldwork.teams_where")
                .arg("code", &node.unit.code)
                .arg_msg("level", node.unit.level.words()),
        ));
    }
    if !actor.scope.can_manage(h, &node) {
        return Err(AppError::Forbidden(
            Msg::new("access.teams_officer").arg("unit", &node.unit.full_name),
        ));
    }
    Ok(node)
}

#[derive(Debug, Clone, Deserialize)]
pub struct NewTeam {
    pub name: String,
    #[serde(default)]
    pub formed_on: Option<NaiveDate>,
}

/// A team with its members (personal data of members is their work phone;
/// shown to those who may see personal data).
#[derive(Debug, Clone, Serialize)]
pub struct TeamView {
    #[serde(flatten)]
    pub team: TeamRow,
    pub unit_code: String,
    pub members: Vec<MemberRow>,
}

/// Form a team in a commune or village.
#[instrument(skip(ctx, actor, input))]
pub async fn create_team(
    ctx: &Ctx,
    actor: &Actor,
    code: &str,
    day: NaiveDate,
    input: &NewTeam,
) -> AppResult<TeamRow> {
    let name = clean_name("name", &input.name)?;
    let formed_on = input.formed_on.unwrap_or(day);
    let (unit_id, path) = {
        let h = ctx.hierarchy();
        let node = managed(&h, actor, code, day)?;
        if !node.unit.valid_on(formed_on) {
            return Err(AppError::invalid(
                "formed_on",
                Msg::new("unit.not_on_day")
                    .arg("unit", &node.unit.full_name)
                    .arg("day", formed_on.format("%d/%m/%Y")),
            ));
        }
        (node.unit.id, unit_path(&h, &node))
    };
    if store::teams_of_units(ctx.db(), &[unit_id])
        .await?
        .iter()
        .any(|t| t.dissolved_on.is_none())
    {
        return Err(AppError::Conflict(Msg::new("fieldwork.team_exists")));
    }
    let t = ctx.now();
    let mut tx = ctx.begin().await?;
    let id = store::insert_team(&mut tx, unit_id, &name, formed_on, t).await?;
    let deltas = [CounterDelta {
        unit_id,
        key: "teams".into(),
        month: Period::month_index(formed_on),
        delta: 1,
    }];
    lstore::bump_counters(&mut tx, &deltas, t).await?;
    let row = TeamRow {
        id,
        unit_id,
        name,
        formed_on,
        dissolved_on: None,
    };
    audit::record(
        ctx,
        &mut tx,
        actor,
        Change {
            action: "create",
            entity: "team",
            entity_id: id.to_string(),
            unit_path: Some(path),
            before: None,
            after: serde_json::to_value(&row).ok(),
        },
    )
    .await?;
    tx.commit().await?;
    ctx.update_figures(|s| s.apply(&deltas));
    Ok(row)
}

#[derive(Debug, Clone, Deserialize)]
pub struct MemberInput {
    pub full_name: String,
    #[serde(default = "default_role")]
    pub role: String,
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

fn default_role() -> String {
    "member".into()
}

async fn team_for_write(
    ctx: &Ctx,
    actor: &Actor,
    team_id: i64,
    day: NaiveDate,
) -> AppResult<(TeamRow, String)> {
    let team = store::team(ctx.db(), team_id)
        .await?
        .ok_or_else(|| AppError::no_record("tổ công tác", "team", team_id))?;
    let h = ctx.hierarchy();
    let v = h
        .version(team.unit_id)
        .ok_or_else(|| AppError::NotFound(Msg::new("fieldwork.team_unit_missing")))?;
    let day = day.clamp(v.valid_from, v.valid_to.unwrap_or(day).max(v.valid_from));
    let code = v.code.to_string();
    let node = managed(&h, actor, &code, day)?;
    Ok((team, unit_path(&h, &node)))
}

/// Add members to a team (one, or many in an import), in one transaction.
#[instrument(skip(ctx, actor, inputs), fields(n = inputs.len()))]
pub async fn add_members(
    ctx: &Ctx,
    actor: &Actor,
    team_id: i64,
    day: NaiveDate,
    inputs: &[MemberInput],
) -> AppResult<Vec<i64>> {
    let (team, path) = team_for_write(ctx, actor, team_id, day).await?;
    let mut rows = Vec::with_capacity(inputs.len());
    for (i, m) in inputs.iter().enumerate() {
        let at = |e: AppError| match (inputs.len(), e) {
            (1, e) => e,
            (_, AppError::Invalid { field, message }) => {
                AppError::invalid(format!("members[{i}].{field}"), message)
            }
            (_, e) => e,
        };
        let role = TeamRole::parse(&m.role).map_err(|e| at(e.into()))?;
        check_affiliation(&m.affiliation).map_err(|e| at(e.into()))?;
        let joined_on = m.joined_on.unwrap_or(day);
        if joined_on < team.formed_on {
            return Err(at(AppError::invalid(
                "joined_on",
                Msg::new("fieldwork.joined_before_formed")
                    .arg("day", joined_on.format("%d/%m/%Y"))
                    .arg("formed", team.formed_on.format("%d/%m/%Y")),
            )));
        }
        let user_id = match m.username.as_deref().filter(|u| !u.is_empty()) {
            Some(u) => Some(
                super::accounts::user_id_by_name(ctx, u)
                    .await
                    .map_err(|_| {
                        at(AppError::invalid(
                            "username",
                            Msg::new("accounts.no_account_named").arg("name", u),
                        ))
                    })?,
            ),
            None => None,
        };
        rows.push(NewMember {
            team_id,
            full_name: clean_name("full_name", &m.full_name).map_err(|e| at(e.into()))?,
            role: role.as_str(),
            affiliation: m.affiliation.clone(),
            phone: m.phone.clone().filter(|p| !p.trim().is_empty()),
            user_id,
            joined_on,
            synthetic: m.synthetic,
        });
    }
    let t = ctx.now();
    let mut tx = ctx.begin().await?;
    let ids = store::insert_members(&mut tx, &rows, t).await?;
    let mut acc: HashMap<i32, i64> = HashMap::new();
    for r in &rows {
        *acc.entry(Period::month_index(r.joined_on)).or_default() += 1;
    }
    let deltas: Vec<CounterDelta> = acc
        .into_iter()
        .map(|(month, delta)| CounterDelta {
            unit_id: team.unit_id,
            key: "team_members".into(),
            month,
            delta,
        })
        .collect();
    lstore::bump_counters(&mut tx, &deltas, t).await?;
    let after = serde_json::json!({ "team_id": team_id, "members": rows.iter().map(|r| &r.full_name).collect::<Vec<_>>() });
    audit::record(
        ctx,
        &mut tx,
        actor,
        Change {
            action: "add_members",
            entity: "team",
            entity_id: team_id.to_string(),
            unit_path: Some(path),
            before: None,
            after: Some(after),
        },
    )
    .await?;
    tx.commit().await?;
    ctx.update_figures(|s| s.apply(&deltas));
    Ok(ids)
}

/// A member leaves the team on `left_on`.
pub async fn member_leaves(
    ctx: &Ctx,
    actor: &Actor,
    member_id: i64,
    left_on: NaiveDate,
) -> AppResult<()> {
    let m = store::member(ctx.db(), member_id)
        .await?
        .ok_or_else(|| AppError::no_record("thành viên tổ", "team member", member_id))?;
    let (team, path) = team_for_write(ctx, actor, m.team_id, left_on).await?;
    if m.left_on.is_some() {
        return Err(AppError::Conflict(
            Msg::new("fieldwork.member_left").arg("name", &m.full_name),
        ));
    }
    if left_on < m.joined_on || left_on > ctx.today() {
        return Err(AppError::invalid(
            "left_on",
            Msg::new("value.between_and_today").arg("from", m.joined_on.format("%d/%m/%Y")),
        ));
    }
    let t = ctx.now();
    let mut tx = ctx.begin().await?;
    store::set_left(&mut tx, member_id, left_on, t).await?;
    let deltas = [CounterDelta {
        unit_id: team.unit_id,
        key: "team_members".into(),
        month: Period::month_index(left_on),
        delta: -1,
    }];
    lstore::bump_counters(&mut tx, &deltas, t).await?;
    audit::record(
        ctx,
        &mut tx,
        actor,
        Change {
            action: "leave",
            entity: "team_member",
            entity_id: member_id.to_string(),
            unit_path: Some(path),
            before: serde_json::to_value(&m).ok(),
            after: Some(serde_json::json!({ "left_on": left_on })),
        },
    )
    .await?;
    tx.commit().await?;
    ctx.update_figures(|s| s.apply(&deltas));
    Ok(())
}

/// The teams of a unit and of its children, with members, on a day.
pub async fn teams_near(
    ctx: &Ctx,
    actor: &Actor,
    code: &str,
    day: NaiveDate,
) -> AppResult<Vec<TeamView>> {
    let (ids, codes, personal) = {
        let h = ctx.hierarchy();
        let node = find(&h, actor, code, day)?;
        let mut units = vec![node];
        if node.unit.level == Level::Commune {
            units.extend(h.children(&node));
        }
        let personal = actor.scope.can_see_personal(&h, &node);
        let codes: HashMap<i64, String> = units
            .iter()
            .map(|n| (n.unit.id, n.unit.code.to_string()))
            .collect();
        (
            units.iter().map(|n| n.unit.id).collect::<Vec<_>>(),
            codes,
            personal,
        )
    };
    let mut out = Vec::new();
    for team in store::teams_of_units(ctx.db(), &ids).await? {
        if team.formed_on > day || team.dissolved_on.is_some_and(|d| d <= day) {
            continue;
        }
        let members = store::members_of(ctx.db(), team.id)
            .await?
            .into_iter()
            .filter(|m| m.joined_on <= day && m.left_on.is_none_or(|l| l > day))
            .map(|mut m| {
                if !personal {
                    m.phone = None;
                }
                m
            })
            .collect();
        out.push(TeamView {
            unit_code: codes.get(&team.unit_id).cloned().unwrap_or_default(),
            team,
            members,
        });
    }
    Ok(out)
}

#[derive(Debug, Clone, Deserialize)]
pub struct SessionInput {
    pub held_on: NaiveDate,
    pub topic: String,
    #[serde(default)]
    pub audience: String,
    #[serde(default)]
    pub households: i64,
    #[serde(default)]
    pub member_ids: Vec<i64>,
}

/// Record a guidance session held by a team. Every member listed must be in
/// a team of the same commune.
pub async fn record_session(
    ctx: &Ctx,
    actor: &Actor,
    team_id: i64,
    input: &SessionInput,
) -> AppResult<i64> {
    let (team, path) = team_for_write(ctx, actor, team_id, input.held_on).await?;
    if input.held_on > ctx.today() || input.held_on < team.formed_on {
        return Err(AppError::invalid(
            "held_on",
            Msg::new("value.between_and_today").arg("from", team.formed_on.format("%d/%m/%Y")),
        ));
    }
    let topic = clean_name("topic", &input.topic)?;
    if !(0..=100_000).contains(&input.households) {
        return Err(AppError::invalid(
            "households",
            Msg::new("value.range")
                .arg("min", 0)
                .arg("max", 100_000)
                .arg("value", input.households),
        ));
    }
    let commune_of = |unit_id: i64| -> Option<i64> {
        let h = ctx.hierarchy();
        let v = h.version(unit_id)?;
        match v.level {
            Level::Commune => Some(v.id),
            _ => v.parent_id,
        }
    };
    let home = commune_of(team.unit_id);
    for (i, id) in input.member_ids.iter().enumerate() {
        let m = store::member(ctx.db(), *id).await?.ok_or_else(|| {
            AppError::invalid(
                format!("member_ids[{i}]"),
                Msg::new("notfound.record")
                    .arg_words("what", "thành viên tổ", "team member")
                    .arg("id", id),
            )
        })?;
        let t = store::team(ctx.db(), m.team_id).await?.ok_or_else(|| {
            AppError::invalid(
                format!("member_ids[{i}]"),
                Msg::new("fieldwork.member_team_gone"),
            )
        })?;
        if commune_of(t.unit_id) != home {
            return Err(AppError::invalid(
                format!("member_ids[{i}]"),
                Msg::new("fieldwork.member_other_commune").arg("name", &m.full_name),
            ));
        }
    }
    let row = SessionRow {
        id: 0,
        team_id,
        held_on: input.held_on,
        topic,
        audience: input.audience.trim().chars().take(200).collect(),
        households: input.households,
    };
    let mut tx = ctx.begin().await?;
    let id = store::insert_session(&mut tx, &row, &input.member_ids, ctx.now()).await?;
    audit::record(
        ctx,
        &mut tx,
        actor,
        Change {
            action: "create",
            entity: "guidance_session",
            entity_id: id.to_string(),
            unit_path: Some(path),
            before: None,
            after: serde_json::to_value(&row).ok(),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Form teams with their members in one transaction (an import, or the
/// demo). Every row is checked first; nothing is written on an error.
#[instrument(skip(ctx, actor, items), fields(teams = items.len()))]
pub async fn import_teams(
    ctx: &Ctx,
    actor: &Actor,
    day: NaiveDate,
    items: &[(String, NewTeam, Vec<MemberInput>)],
) -> AppResult<usize> {
    let mut planned = Vec::with_capacity(items.len());
    {
        let h = ctx.hierarchy();
        for (i, (code, team, members)) in items.iter().enumerate() {
            let at = |e: AppError| match e {
                AppError::Invalid { field, message } => {
                    AppError::invalid(format!("teams[{i}].{field}"), message)
                }
                other => other,
            };
            let node = managed(&h, actor, code, day).map_err(at)?;
            let formed_on = team.formed_on.unwrap_or(day);
            let name = clean_name("name", &team.name).map_err(|e| at(e.into()))?;
            let mut rows = Vec::with_capacity(members.len());
            for m in members {
                let role = TeamRole::parse(&m.role).map_err(|e| at(e.into()))?;
                check_affiliation(&m.affiliation).map_err(|e| at(e.into()))?;
                let joined_on = m.joined_on.unwrap_or(formed_on).max(formed_on);
                rows.push(NewMember {
                    team_id: 0,
                    full_name: clean_name("full_name", &m.full_name).map_err(|e| at(e.into()))?,
                    role: role.as_str(),
                    affiliation: m.affiliation.clone(),
                    phone: m.phone.clone(),
                    user_id: None,
                    joined_on,
                    synthetic: m.synthetic,
                });
            }
            planned.push((node.unit.id, name, formed_on, rows));
        }
    }
    let t = ctx.now();
    let mut tx = ctx.begin().await?;
    let mut members = Vec::new();
    let mut acc: HashMap<(i64, &str, i32), i64> = HashMap::new();
    for (unit_id, name, formed_on, rows) in &planned {
        let team_id = store::insert_team(&mut tx, *unit_id, name, *formed_on, t).await?;
        *acc.entry((*unit_id, "teams", Period::month_index(*formed_on)))
            .or_default() += 1;
        for r in rows {
            *acc.entry((*unit_id, "team_members", Period::month_index(r.joined_on)))
                .or_default() += 1;
            members.push(NewMember {
                team_id,
                ..r.clone()
            });
        }
    }
    store::insert_members(&mut tx, &members, t).await?;
    let deltas = counter_deltas(acc);
    lstore::bump_counters(&mut tx, &deltas, t).await?;
    let after = serde_json::json!({ "teams": planned.len(), "members": members.len() });
    audit::record(
        ctx,
        &mut tx,
        actor,
        Change {
            action: "import",
            entity: "team",
            entity_id: format!("{} teams", planned.len()),
            unit_path: None,
            before: None,
            after: Some(after),
        },
    )
    .await?;
    tx.commit().await?;
    ctx.update_figures(|s| s.apply(&deltas));
    Ok(planned.len())
}

/// The counter moves summed by (unit, counter key, month).
pub(crate) fn counter_deltas(acc: HashMap<(i64, &str, i32), i64>) -> Vec<CounterDelta> {
    acc.into_iter()
        .map(|((unit_id, key, month), delta)| CounterDelta {
            unit_id,
            key: key.into(),
            month,
            delta,
        })
        .collect()
}

/// Link a team member record to an account (so their recorded help names them).
pub async fn link_user(ctx: &Ctx, actor: &Actor, member_id: i64, username: &str) -> AppResult<()> {
    let m = store::member(ctx.db(), member_id)
        .await?
        .ok_or_else(|| AppError::no_record("thành viên tổ", "team member", member_id))?;
    let (_, path) = team_for_write(ctx, actor, m.team_id, m.joined_on).await?;
    let user_id = super::accounts::user_id_by_name(ctx, username).await?;
    let mut tx = ctx.begin().await?;
    store::set_member_user(&mut tx, member_id, user_id, ctx.now()).await?;
    audit::record(
        ctx,
        &mut tx,
        actor,
        Change {
            action: "link_user",
            entity: "team_member",
            entity_id: member_id.to_string(),
            unit_path: Some(path),
            before: None,
            after: Some(serde_json::json!({ "user_id": user_id })),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
