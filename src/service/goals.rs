//! DX goals (mục tiêu CĐS) of a unit's programme for a plan period: create,
//! mark achieved or not (with evidence), attach evidence, the board of a
//! unit on a day, and the `goals.*` headline figures.
//!
//! A programme is a unit and a plan period ("2022"); the goals of province
//! 15's 2022 programme are counted on unit 15. Whether a goal is achieved on
//! a day is `domain::programme::achieved_on`: the latest status entry on or
//! before the day, else (linked goals) the linked figure on that day against
//! the threshold. Everyone may read the board (it holds no personal data);
//! officers whose grants cover the programme's unit write, each write in
//! one transaction with its audit entry.

use crate::i18n::messages::Msg;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use tracing::instrument;

use super::audit::{self, Change};

mod evidence;
use evidence::store_file;
pub use evidence::{Upload, add_evidence, download};

use super::figures::{eval_code, figures_of};
use super::units::{UnitInfo, find, info_of, unit_path};
use super::{Actor, Ctx};
use crate::domain::figures::Figure;
use crate::domain::hierarchy::{Hierarchy, Node};
use crate::domain::metric::Direction;
use crate::domain::party::clean_text;
use crate::domain::period::Period;
use crate::domain::programme::{
    GoalLink, GoalState, GoalStatus, achieved_on, check_goal_code, check_link, check_status_day,
};
use crate::domain::unit::parse_day;
use crate::error::{AppError, AppResult};
use crate::store::programme::{self as store, EvidenceRow, GoalRow, GoalStatusRow, NewEvidence};

/// The name a status entry is recorded under.
pub(crate) fn actor_name(actor: &Actor) -> String {
    actor
        .user
        .as_ref()
        .map(|u| u.display_name.clone())
        .unwrap_or_else(|| actor.label.clone())
}

/// Is `key` a figure a goal or model can be linked to: a headline key
/// (`teams.coverage_pct`) or an indicator, metric or base code?
pub(crate) fn known_key(ctx: &Ctx, key: &str) -> bool {
    if crate::domain::figures::explain(key).is_some()
        || matches!(
            key,
            "units.districts" | "units.communes" | "units.villages" | "households.total"
        )
        || super::indicators::base_codes().iter().any(|c| c == key)
    {
        return true;
    }
    let state = ctx.figures();
    state.metric(key).is_some() || state.indicators().iter().any(|(r, _)| r.code == key)
}

/// A figure's value on a node and day, by headline key or code. The
/// headline figures are computed once per call and shared (`cache`).
fn value_of(
    ctx: &Ctx,
    h: &Hierarchy,
    node: &Node<'_>,
    key: &str,
    day: NaiveDate,
    cache: &mut Option<BTreeMap<String, Figure>>,
) -> Option<f64> {
    let state = ctx.figures();
    if key.contains('.') {
        let all = cache.get_or_insert_with(|| figures_of(&state, h, node, day));
        return all.get(key).and_then(|f| f.value);
    }
    eval_code(&state, h, node, key, day, 0)
}

fn link_of(g: &GoalRow) -> Option<GoalLink> {
    Some(GoalLink {
        key: g.link_key.clone()?,
        threshold: g.threshold?,
        direction: Direction::parse(g.direction.as_deref()?).ok()?,
    })
}

/// The node a goal's programme unit is on a day: the version itself, or
/// what it wholly became.
fn unit_node<'h>(h: &'h Hierarchy, unit_id: i64, day: NaiveDate) -> Option<Node<'h>> {
    h.find_id(unit_id, day)
        .or_else(|| h.live_forms(unit_id, day).into_iter().next())
}

#[derive(Debug, Clone, Deserialize)]
pub struct GoalInput {
    pub period: String,
    pub code: String,
    pub text_vi: String,
    #[serde(default)]
    pub text_en: String,
    pub owner: String,
    #[serde(default)]
    pub link_key: Option<String>,
    #[serde(default)]
    pub threshold: Option<f64>,
    #[serde(default)]
    pub direction: Option<String>,
    pub deadline: String,
    #[serde(default)]
    pub synthetic: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct LinkView {
    pub key: String,
    /// What the key names, in words (`names::name_of`).
    #[serde(skip)]
    pub name: Option<crate::i18n::messages::Msg>,
    pub threshold: f64,
    pub direction: Direction,
    /// The figure on the day asked about.
    pub value: Option<f64>,
    pub met: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct GoalView {
    pub id: i64,
    pub period: String,
    pub code: String,
    pub text_vi: String,
    pub text_en: String,
    pub owner: String,
    pub deadline: NaiveDate,
    pub synthetic: bool,
    pub link: Option<LinkView>,
    /// Where the goal stands on the day asked about.
    pub achieved: bool,
    pub state: GoalState,
    pub history: Vec<GoalStatusRow>,
    pub evidence: Vec<EvidenceRow>,
}

/// The goals of a unit's programme on a day.
#[derive(Debug, Clone, Serialize)]
pub struct Board {
    pub unit: UnitInfo,
    pub on: NaiveDate,
    pub total: usize,
    pub achieved: usize,
    pub overdue: usize,
    pub goals: Vec<GoalView>,
}

/// Create a goal in the programme of the unit `code` for `input.period`.
#[instrument(skip(ctx, actor, input), fields(code = %input.code))]
pub async fn create(
    ctx: &Ctx,
    actor: &Actor,
    code: &str,
    input: &GoalInput,
) -> AppResult<GoalView> {
    let period: Period = input
        .period
        .trim()
        .parse()
        .map_err(|e: crate::domain::DomainError| AppError::invalid("period", e.reason()))?;
    let (unit_id, path, unit_name) = {
        let h = ctx.hierarchy();
        let node = find(&h, actor, code, period.start())?;
        if !actor.scope.can_manage(&h, &node) {
            return Err(AppError::Forbidden(
                Msg::new("access.goals_set").arg("unit", &node.unit.full_name),
            ));
        }
        (
            node.unit.id,
            unit_path(&h, &node),
            node.unit.full_name.clone(),
        )
    };
    let goal_code = check_goal_code(&input.code)?;
    let text_vi = clean_text("text_vi", &input.text_vi, 1000, true)?;
    let text_en = clean_text("text_en", &input.text_en, 1000, false)?;
    let owner = clean_text("owner", &input.owner, 200, true)?;
    let deadline = parse_day("deadline", input.deadline.trim())?;
    if deadline < period.start() {
        return Err(AppError::invalid(
            "deadline",
            Msg::new("programme.deadline_before_period")
                .arg("start", period.start().format("%d/%m/%Y"))
                .arg("deadline", deadline.format("%d/%m/%Y")),
        ));
    }
    let link = GoalLink::from_parts(
        input.link_key.as_deref(),
        input.threshold,
        input.direction.as_deref(),
    )?;
    if let Some(l) = &link
        && !known_key(ctx, &l.key)
    {
        return Err(AppError::invalid(
            "link_key",
            Msg::new("programme.unknown_key").arg("key", &l.key),
        ));
    }
    let row = store::NewGoal {
        unit_id,
        period: period.to_string(),
        period_start: period.start(),
        period_end: period.end(),
        code: goal_code,
        text_vi,
        text_en,
        owner,
        link_key: link.as_ref().map(|l| l.key.clone()),
        threshold: link.as_ref().map(|l| l.threshold),
        direction: link.as_ref().map(|l| l.direction.as_str().to_owned()),
        deadline,
        synthetic: input.synthetic,
        created_by: actor.user_id(),
    };
    let mut tx = ctx.begin().await?;
    if store::goal_code_taken(&mut tx, unit_id, &row.period, &row.code).await? {
        return Err(AppError::Conflict(
            Msg::new("programme.goal_code_taken")
                .arg("period", &row.period)
                .arg("unit", &unit_name)
                .arg("code", &row.code),
        ));
    }
    let id = store::insert_goal(&mut tx, &row, ctx.now()).await?;
    audit::record(
        ctx,
        &mut tx,
        actor,
        Change {
            action: "create",
            entity: "dx_goal",
            entity_id: id.to_string(),
            unit_path: Some(path),
            before: None,
            after: Some(serde_json::json!({
                "period": row.period, "code": row.code, "text_vi": row.text_vi,
                "owner": row.owner, "link_key": row.link_key, "threshold": row.threshold,
                "direction": row.direction, "deadline": row.deadline,
            })),
        },
    )
    .await?;
    tx.commit().await?;
    let goal = store::goal(ctx.db(), id)
        .await?
        .ok_or_else(|| AppError::no_record("mục tiêu", "goal", id))?;
    let day = ctx.today().clamp(goal.period_start, goal.period_end);
    Ok(views(ctx, vec![goal], day).await?.remove(0))
}

/// Evaluate goals on a day: their link's figure, state, history, evidence.
async fn views(ctx: &Ctx, goals: Vec<GoalRow>, day: NaiveDate) -> AppResult<Vec<GoalView>> {
    let ids: Vec<i64> = goals.iter().map(|g| g.id).collect();
    let statuses = store::goal_statuses(ctx.db(), &ids).await?;
    let evidence = store::evidence_of_goals(ctx.db(), &ids).await?;
    let h = ctx.hierarchy();
    let mut caches: BTreeMap<i64, Option<BTreeMap<String, Figure>>> = BTreeMap::new();
    let mut out = Vec::with_capacity(goals.len());
    for g in goals {
        let history: Vec<GoalStatusRow> = statuses
            .iter()
            .filter(|s| s.goal_id == g.id)
            .cloned()
            .collect();
        let entries: Vec<(NaiveDate, i64, GoalStatus)> = history
            .iter()
            .map(|s| (s.on_date, s.id, s.status))
            .collect();
        let link = link_of(&g).map(|l| {
            let value = unit_node(&h, g.unit_id, day).and_then(|node| {
                let cache = caches.entry(g.unit_id).or_default();
                value_of(ctx, &h, &node, &l.key, day, cache)
            });
            LinkView {
                met: l.met(value, day),
                name: super::names::name_of(&ctx.figures(), &l.key),
                key: l.key,
                threshold: l.threshold,
                direction: l.direction,
                value: value.map(|v| (v * 100.0).round() / 100.0),
            }
        });
        let achieved = achieved_on(&entries, link.as_ref().map(|l| l.met), day);
        out.push(GoalView {
            id: g.id,
            state: GoalState::of(achieved, g.deadline, day),
            achieved,
            period: g.period,
            code: g.code,
            text_vi: g.text_vi,
            text_en: g.text_en,
            owner: g.owner,
            deadline: g.deadline,
            synthetic: g.synthetic,
            link,
            history,
            evidence: evidence
                .iter()
                .filter(|e| e.goal_id == g.id)
                .cloned()
                .collect(),
        });
    }
    Ok(out)
}

/// The goals board of the unit `code` on `day`: the goals of the unit's
/// programmes whose plan period contains the day.
#[instrument(skip(ctx, _actor))]
pub async fn board(ctx: &Ctx, _actor: &Actor, code: &str, day: NaiveDate) -> AppResult<Board> {
    let (unit, ids) = {
        let h = ctx.hierarchy();
        let node = super::units::find_open(&h, code, day)?;
        (info_of(&h, &node), h.with_past(node.unit.id))
    };
    let goals = store::goals_of_units(ctx.db(), &ids, day).await?;
    let goals = views(ctx, goals, day).await?;
    Ok(Board {
        unit,
        on: day,
        total: goals.len(),
        achieved: goals.iter().filter(|g| g.achieved).count(),
        overdue: goals
            .iter()
            .filter(|g| g.state == GoalState::Overdue)
            .count(),
        goals,
    })
}

/// `goals.total` (goals of the unit's programmes for the day's plan
/// periods) and `goals.achieved` (of those, achieved on the day; with the
/// total as denominator).
pub async fn headline_figures(
    ctx: &Ctx,
    unit_id: i64,
    day: NaiveDate,
) -> AppResult<Vec<(&'static str, Figure)>> {
    let ids = ctx.hierarchy().with_past(unit_id);
    let goals = store::goals_of_units(ctx.db(), &ids, day).await?;
    let goals = views(ctx, goals, day).await?;
    let total = goals.len() as f64;
    let achieved = goals.iter().filter(|g| g.achieved).count() as f64;
    Ok(vec![
        ("goals.total", Figure::count(total)),
        (
            "goals.achieved",
            Figure {
                value: Some(achieved),
                numerator: Some(achieved),
                denominator: Some(total),
            },
        ),
    ])
}

/// A goal by id with the audit path of its unit, after checking the actor
/// may write it (officers whose grants cover the programme's unit).
fn writable(ctx: &Ctx, actor: &Actor, goal: &GoalRow) -> AppResult<String> {
    let h = ctx.hierarchy();
    let node = unit_node(&h, goal.unit_id, goal.period_start)
        .ok_or_else(|| AppError::NotFound(Msg::new("programme.goal_no_unit").arg("id", goal.id)))?;
    if !actor.scope.can_manage(&h, &node) {
        return Err(AppError::Forbidden(
            Msg::new("access.goals_mark").arg("unit", &node.unit.full_name),
        ));
    }
    Ok(unit_path(&h, &node))
}

async fn goal_or_404(ctx: &Ctx, id: i64) -> AppResult<GoalRow> {
    store::goal(ctx.db(), id)
        .await?
        .ok_or_else(|| AppError::no_record("mục tiêu", "goal", id))
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct StatusInput {
    pub status: String,
    /// The day the verdict holds from (YYYY-MM-DD).
    pub on: String,
    #[serde(default)]
    pub note: String,
    /// A link to the evidence.
    #[serde(default)]
    pub evidence_url: Option<String>,
    /// Evidence already attached to the goal, to tie to this entry.
    #[serde(default)]
    pub evidence_ids: Vec<i64>,
}

/// Mark a goal achieved or not achieved on a day, with a note and
/// evidence (a link, a file, evidence attached before). The day may not be
/// in the future, before the plan period, or before the latest entry; the
/// same verdict twice in a row is refused. One transaction, audited.
#[instrument(skip(ctx, actor, input, file))]
pub async fn mark(
    ctx: &Ctx,
    actor: &Actor,
    goal_id: i64,
    input: &StatusInput,
    file: Option<Upload<'_>>,
) -> AppResult<GoalStatusRow> {
    let goal = goal_or_404(ctx, goal_id).await?;
    let path = writable(ctx, actor, &goal)?;
    let status: GoalStatus = input.status.parse()?;
    let day = parse_day("on", input.on.trim())?;
    let note = clean_text("note", &input.note, 2000, false)?;
    let url = match input.evidence_url.as_deref().map(str::trim) {
        Some(u) if !u.is_empty() => Some(check_link("evidence_url", u)?),
        _ => None,
    };
    let file = match &file {
        Some(up) => Some(store_file(ctx, goal.id, up).await?),
        None => None,
    };
    let by_name = actor_name(actor);
    let t = ctx.now();
    let mut tx = ctx.begin().await?;
    let latest = store::latest_goal_status(&mut tx, goal.id).await?;
    check_status_day(
        day,
        ctx.today(),
        latest.as_ref().map(|l| l.on_date),
        Some(goal.period_start),
    )?;
    if let Some(l) = latest.as_ref().filter(|l| l.status == status) {
        return Err(AppError::invalid(
            "status",
            Msg::new("programme.goal_already_marked")
                .arg("code", &goal.code)
                .arg_msg("status", status.words())
                .arg("day", l.on_date.format("%d/%m/%Y")),
        ));
    }
    let id = store::insert_goal_status(
        &mut tx,
        goal.id,
        status,
        day,
        &note,
        actor.user_id(),
        &by_name,
        t,
    )
    .await?;
    let mut evidence = Vec::new();
    if let Some(mut f) = file {
        f.status_id = Some(id);
        f.created_by = actor.user_id();
        evidence.push(store::insert_evidence(&mut tx, &f, t).await?);
    }
    if let Some(url) = &url {
        let e = NewEvidence {
            goal_id: goal.id,
            status_id: Some(id),
            url: Some(url.clone()),
            created_by: actor.user_id(),
            ..Default::default()
        };
        evidence.push(store::insert_evidence(&mut tx, &e, t).await?);
    }
    for (i, eid) in input.evidence_ids.iter().enumerate() {
        if store::tie_evidence(&mut tx, goal.id, id, *eid, t).await? == 0 {
            return Err(AppError::invalid(
                format!("evidence_ids[{i}]"),
                Msg::new("programme.not_evidence_awaiting")
                    .arg("id", eid)
                    .arg("code", &goal.code),
            ));
        }
        evidence.push(*eid);
    }
    audit::record(
        ctx,
        &mut tx,
        actor,
        Change {
            action: "status",
            entity: "dx_goal",
            entity_id: goal.id.to_string(),
            unit_path: Some(path),
            before: latest
                .as_ref()
                .map(|l| serde_json::json!({ "status": l.status, "on": l.on_date })),
            after: Some(serde_json::json!({
                "status": status, "on": day, "note": note, "evidence": evidence,
            })),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(GoalStatusRow {
        id,
        goal_id: goal.id,
        status,
        on_date: day,
        note,
        by_user: actor.user_id(),
        by_name,
        created_at: t,
    })
}
