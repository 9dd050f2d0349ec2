//! A commune's registration for a recognition level ("xã CĐS", "xã CĐS
//! nâng cao") and its workflow: registered → submitted (self-assessment,
//! by the commune) → verified (by the district, the verifying agency) →
//! recognised (by the province), or returned with reasons to the commune.
//! Each step is taken by the role the step needs, over the commune, is
//! audited, and sets the next deadline; no step can be skipped
//! (`domain::criteria::transition`).

use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use tracing::instrument;

use super::{SetView, get_set, node_at, set_for};
use crate::domain::access::Role;
use crate::domain::criteria::SetKind;
use crate::domain::hierarchy::{Hierarchy, Node};
use crate::domain::registration::{
    Action, Actor as Party, Status, check_step_day, days_for, transition,
};
use crate::domain::unit::Level;
use crate::domain::upload::{check_extension, extension, safe_name, sniff};
use crate::error::{AppError, AppResult};
use crate::service::audit::{self, Change};
use crate::service::figures::Figure;
use crate::service::party::files::{read_content, write_content};
use crate::service::units::{UnitInfo, find, info_of, unit_path};
use crate::service::{Actor, Ctx};
use crate::store::criteria::{
    self as store, FileRow, NewFile, NewRegistration, NewStep, RegistrationRow, StepRow,
};

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

fn party_name(party: Party) -> &'static str {
    match party {
        Party::Commune => "the commune's officers",
        Party::Verifier => "the verifying agency (the district's officers)",
        Party::Province => "the province's officers",
    }
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
        AppError::NotFound(format!("the commune of registration {} is gone", row.id))
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

/// Register a commune for a level in a year.
#[instrument(skip(ctx, actor, input))]
pub async fn register(
    ctx: &Ctx,
    actor: &Actor,
    code: &str,
    input: &RegisterInput,
    today: NaiveDate,
) -> AppResult<RegistrationView> {
    let day = input.on.unwrap_or(today);
    if day > today {
        return Err(AppError::invalid("on", format!("{day} is in the future")));
    }
    let (unit_id, path) = {
        let h = ctx.hierarchy();
        let node = find(&h, actor, code, day)?;
        if node.unit.level != Level::Commune {
            return Err(AppError::invalid(
                "unit",
                format!(
                    "only communes register for recognition; {} is a {}",
                    node.unit.code, node.unit.level
                ),
            ));
        }
        if !may_act(&h, actor, &node, Party::Commune) {
            return Err(AppError::Forbidden(format!(
                "registering {} is for {}",
                node.unit.full_name,
                party_name(Party::Commune)
            )));
        }
        (node.unit.id, unit_path(&h, &node))
    };
    let set = set_for(ctx, SetKind::Commune, input.year, unit_id, day)
        .await?
        .ok_or_else(|| {
            AppError::invalid(
                "year",
                format!("no commune criteria set for {} covers {code}", input.year),
            )
        })?;
    if set.definition.level(&input.level).is_none() {
        let known: Vec<&str> = set
            .definition
            .levels
            .iter()
            .map(|l| l.code.as_str())
            .collect();
        return Err(AppError::invalid(
            "level",
            format!(
                "set {} {} has no level '{}' (it has: {})",
                set.row.code,
                set.row.year,
                input.level,
                known.join(", ")
            ),
        ));
    }
    let ids = ctx.hierarchy().with_past(unit_id);
    if let Some(r) = store::registration_of(ctx.db(), &ids, input.year).await? {
        return Err(AppError::Conflict(format!(
            "{code} is already registered for {} (registration #{}, level {}, {})",
            input.year, r.id, r.level, r.status
        )));
    }
    let due = day + Duration::days(days_for(Status::Registered).unwrap_or(30));
    let t = ctx.now();
    let mut tx = ctx.begin().await?;
    let id = store::insert_registration(
        &mut tx,
        &NewRegistration {
            set_id: set.row.id,
            unit_id,
            year: input.year,
            level: &input.level,
            registered_on: day,
            due_on: due,
        },
        t,
    )
    .await
    .map_err(|e| {
        if crate::store::is_unique_violation(&e) {
            AppError::Conflict(format!("{code} is already registered for {}", input.year))
        } else {
            e.into()
        }
    })?;
    store::insert_step(
        &mut tx,
        &NewStep {
            registration_id: id,
            status: Status::Registered.as_str(),
            on_day: day,
            due_on: Some(due),
            note: "",
            user_id: actor.user_id(),
            actor: &actor.label,
        },
        t,
    )
    .await?;
    audit::record(
        ctx,
        &mut tx,
        actor,
        Change {
            action: "register",
            entity: "registration",
            entity_id: id.to_string(),
            unit_path: Some(path),
            before: None,
            after: Some(serde_json::json!({
                "set": set.row.code, "year": input.year, "level": input.level, "on": day,
            })),
        },
    )
    .await?;
    tx.commit().await?;
    get(ctx, actor, id, day).await
}

/// Take a workflow step.
#[instrument(skip(ctx, actor, input), fields(action = %input.action))]
pub async fn step(
    ctx: &Ctx,
    actor: &Actor,
    id: i64,
    input: &StepInput,
    today: NaiveDate,
) -> AppResult<RegistrationView> {
    let action = Action::parse(&input.action)?;
    let row = store::registration(ctx.db(), id)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("no registration {id}")))?;
    let day = input.on.unwrap_or(today);
    let from = Status::parse(&row.status)?;
    let (to, party) = transition(from, action)?;
    let path = {
        let h = ctx.hierarchy();
        let node = node_at(&h, row.unit_id, day).ok_or_else(|| {
            AppError::NotFound(format!("the commune of registration {id} is gone"))
        })?;
        if !actor.scope.can_read(&h, &node) || !may_act(&h, actor, &node, party) {
            return Err(AppError::Forbidden(format!(
                "this step ({}) on {}'s registration is for {}",
                action.as_str(),
                node.unit.full_name,
                party_name(party)
            )));
        }
        unit_path(&h, &node)
    };
    if let Some(v) = input.version
        && v != row.version
    {
        return Err(AppError::Conflict(format!(
            "registration {id} changed since you opened it (version {v}, now {}); reload it",
            row.version
        )));
    }
    let steps = store::steps_of(ctx.db(), id).await?;
    let last = steps.last().map(|s| s.on_day).unwrap_or(row.registered_on);
    check_step_day(day, last, today)?;
    let note = input.note.trim();
    if action == Action::Return && note.is_empty() {
        return Err(AppError::invalid(
            "note",
            "returning a registration needs the reasons",
        ));
    }
    if action == Action::Recognise {
        let set = get_set(ctx, row.set_id).await?;
        let ex = super::explain::explain_with(ctx, &set, row.unit_id, day, None).await?;
        let level = ex.level(&row.level).ok_or_else(|| {
            AppError::invalid("level", format!("the set has no level '{}'", row.level))
        })?;
        if !level.result.met {
            return Err(AppError::invalid(
                "action",
                format!(
                    "{} does not meet the level {} on {day}: {}",
                    ex.unit.full_name,
                    level.name_en,
                    level.lines_en.join(" ")
                ),
            ));
        }
    }
    let due = days_for(to).map(|d| day + Duration::days(d));
    let t = ctx.now();
    let mut tx = ctx.begin().await?;
    let n = store::move_registration(
        &mut tx,
        id,
        row.version,
        from.as_str(),
        to.as_str(),
        due.unwrap_or(day),
        t,
    )
    .await?;
    if n == 0 {
        return Err(AppError::Conflict(format!(
            "registration {id} was moved by someone else at the same time; reload it"
        )));
    }
    store::insert_step(
        &mut tx,
        &NewStep {
            registration_id: id,
            status: to.as_str(),
            on_day: day,
            due_on: due,
            note,
            user_id: actor.user_id(),
            actor: &actor.label,
        },
        t,
    )
    .await?;
    audit::record(
        ctx,
        &mut tx,
        actor,
        Change {
            action: action.as_str(),
            entity: "registration",
            entity_id: id.to_string(),
            unit_path: Some(path),
            before: Some(serde_json::json!({ "status": from.as_str() })),
            after: Some(serde_json::json!({ "status": to.as_str(), "on": day, "note": note })),
        },
    )
    .await?;
    tx.commit().await?;
    get(ctx, actor, id, day).await
}

/// One registration (registrations are public; so is the reason a commune
/// was sent back).
pub async fn get(ctx: &Ctx, actor: &Actor, id: i64, day: NaiveDate) -> AppResult<RegistrationView> {
    let row = store::registration(ctx.db(), id)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("no registration {id}")))?;
    {
        let h = ctx.hierarchy();
        let node = node_at(&h, row.unit_id, day)
            .ok_or_else(|| AppError::NotFound(format!("no registration {id}")))?;
        if !actor.scope.can_read(&h, &node) {
            return Err(AppError::Forbidden(format!(
                "{} is outside your units",
                node.unit.full_name
            )));
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

/// A card on the board: a registration as it stood on the day.
#[derive(Debug, Clone, Serialize)]
pub struct Card {
    pub id: i64,
    pub unit: UnitInfo,
    pub level: String,
    pub level_name_vi: String,
    pub status: Status,
    pub since: NaiveDate,
    pub due_on: Option<NaiveDate>,
    pub waiting_on: Option<Party>,
    pub overdue: bool,
    pub last_note: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Board {
    pub unit: UnitInfo,
    pub year: i64,
    pub on: NaiveDate,
    pub communes: u32,
    pub by_status: BTreeMap<&'static str, usize>,
    pub by_level: BTreeMap<String, usize>,
    pub cards: Vec<Card>,
}

/// Registrations of the communes below a unit for a year, each as it
/// stood on the day (steps after the day are not seen).
pub async fn board(
    ctx: &Ctx,
    actor: &Actor,
    code: &str,
    year: i64,
    day: NaiveDate,
) -> AppResult<Board> {
    let rows = store::registrations_of_year(ctx.db(), year).await?;
    let steps = store::steps_of_year(ctx.db(), year).await?;
    let mut sets: HashMap<i64, SetView> = HashMap::new();
    for r in &rows {
        if let std::collections::hash_map::Entry::Vacant(e) = sets.entry(r.set_id) {
            e.insert(get_set(ctx, r.set_id).await?);
        }
    }
    let h = ctx.hierarchy();
    let node = find(&h, actor, code, day)?;
    let mut by_reg: HashMap<i64, Vec<&StepRow>> = HashMap::new();
    for s in &steps {
        by_reg.entry(s.registration_id).or_default().push(s);
    }
    let mut cards = Vec::new();
    for r in rows.iter().filter(|r| r.registered_on <= day) {
        let Some(unit) = h
            .live_forms(r.unit_id, day)
            .into_iter()
            .find(|u| node.contains(u))
        else {
            continue;
        };
        let Some(last) = by_reg
            .get(&r.id)
            .and_then(|s| s.iter().rev().find(|s| s.on_day <= day))
        else {
            continue;
        };
        let status = Status::parse(&last.status)?;
        let waiting_on = status.waiting_on();
        let level = sets
            .get(&r.set_id)
            .and_then(|s| s.definition.level(&r.level));
        cards.push(Card {
            id: r.id,
            unit: info_of(&h, &unit),
            level: r.level.clone(),
            level_name_vi: level.map(|l| l.name_vi.clone()).unwrap_or_default(),
            status,
            since: last.on_day,
            due_on: last.due_on,
            waiting_on,
            overdue: waiting_on.is_some() && last.due_on.is_some_and(|d| d < day),
            last_note: last.note.clone(),
        });
    }
    cards.sort_by(|a, b| a.unit.code.cmp(&b.unit.code));
    let mut by_status: BTreeMap<&'static str, usize> =
        Status::ALL.iter().map(|s| (s.as_str(), 0)).collect();
    let mut by_level: BTreeMap<String, usize> = BTreeMap::new();
    for c in &cards {
        *by_status.entry(c.status.as_str()).or_default() += 1;
        *by_level.entry(c.level.clone()).or_default() += 1;
    }
    Ok(Board {
        unit: info_of(&h, &node),
        year,
        on: day,
        communes: node.subtree_counts().get(Level::Commune)
            + u32::from(node.unit.level == Level::Commune),
        by_status,
        by_level,
        cards,
    })
}

/// `registrations.*` headline figures of a unit on a day: the day's year's
/// registrations made by that day in the unit's communes.
pub async fn headline_figures(
    ctx: &Ctx,
    unit_id: i64,
    day: NaiveDate,
) -> AppResult<Vec<(&'static str, Figure)>> {
    use chrono::Datelike;
    let rows = store::registrations_of_year(ctx.db(), i64::from(day.year())).await?;
    let h = ctx.hierarchy();
    let Some(node) = h.find_id(unit_id, day) else {
        return Ok(Vec::new());
    };
    let (mut total, mut cds, mut adv) = (0.0, 0.0, 0.0);
    for r in rows.iter().filter(|r| r.registered_on <= day) {
        if !h
            .live_forms(r.unit_id, day)
            .iter()
            .any(|u| node.contains(u))
        {
            continue;
        }
        total += 1.0;
        match r.level.as_str() {
            "cds" => cds += 1.0,
            "cds_advanced" => adv += 1.0,
            _ => {}
        }
    }
    let communes = f64::from(
        node.subtree_counts().get(Level::Commune) + u32::from(node.unit.level == Level::Commune),
    );
    // The share is given to one decimal, as officials quote it (41.6%).
    let pct = Figure {
        value: (communes > 0.0).then(|| (1000.0 * total / communes).round() / 10.0),
        numerator: Some(total),
        denominator: Some(communes),
    };
    Ok(vec![
        ("registrations.total", Figure::count(total)),
        ("registrations.cds", Figure::count(cds)),
        ("registrations.cds_advanced", Figure::count(adv)),
        ("registrations.pct", pct),
    ])
}

/// Attach an evidence file to a registration: the commune's officers,
/// while the registration is with the commune.
#[instrument(skip(ctx, actor, bytes), fields(size = bytes.len()))]
pub async fn upload(
    ctx: &Ctx,
    actor: &Actor,
    id: i64,
    criterion: Option<&str>,
    raw_name: &str,
    bytes: &[u8],
) -> AppResult<FileRow> {
    let row = store::registration(ctx.db(), id)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("no registration {id}")))?;
    // The commune as it was when it registered (its officers then).
    let day = row.registered_on;
    let path = {
        let h = ctx.hierarchy();
        let node = node_at(&h, row.unit_id, day)
            .ok_or_else(|| AppError::NotFound(format!("no registration {id}")))?;
        if !may_act(&h, actor, &node, Party::Commune) {
            return Err(AppError::Forbidden(format!(
                "evidence for {}'s registration is attached by {}",
                node.unit.full_name,
                party_name(Party::Commune)
            )));
        }
        unit_path(&h, &node)
    };
    let status = Status::parse(&row.status)?;
    if status.waiting_on() != Some(Party::Commune) {
        return Err(AppError::Conflict(format!(
            "registration {id} is {}; evidence is attached while it is with the commune",
            status.as_str()
        )));
    }
    if let Some(c) = criterion {
        let set = get_set(ctx, row.set_id).await?;
        if set.definition.criterion(c).is_none() {
            return Err(AppError::invalid(
                "criterion",
                format!("no criterion '{c}' in set {}", set.row.code),
            ));
        }
    }
    let max = ctx.config().max_upload_bytes;
    if bytes.len() > max {
        return Err(AppError::PayloadTooLarge(format!(
            "a file may be at most {} MiB",
            max >> 20
        )));
    }
    let base = raw_name.rsplit(['/', '\\']).next().unwrap_or("");
    let ext = extension(base);
    let kind = sniff(bytes, &ext).map_err(|e| AppError::UnsupportedMediaType(e.reason().into()))?;
    check_extension(&kind, &ext).map_err(|e| AppError::UnsupportedMediaType(e.reason().into()))?;
    let name = safe_name(raw_name, &kind);
    let sha = write_content(&ctx.config().data_dir, bytes).await?;
    let t = ctx.now();
    let mut tx = ctx.begin().await?;
    let fid = store::insert_file(
        &mut tx,
        &NewFile {
            registration_id: id,
            criterion,
            sha256: &sha,
            file_name: &name,
            content_type: kind.content_type,
            size_bytes: bytes.len() as i64,
            created_by: actor.user_id(),
        },
        t,
    )
    .await?;
    audit::record(
        ctx,
        &mut tx,
        actor,
        Change {
            action: "attach",
            entity: "registration",
            entity_id: id.to_string(),
            unit_path: Some(path),
            before: None,
            after: Some(serde_json::json!({
                "file_id": fid, "file_name": name, "criterion": criterion,
                "content_type": kind.content_type, "size_bytes": bytes.len(), "sha256": sha,
            })),
        },
    )
    .await?;
    tx.commit().await?;
    store::file(ctx.db(), id, fid)
        .await?
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("file {fid} vanished")))
}

/// An evidence file, for signed-in users who may read the commune.
pub async fn download(
    ctx: &Ctx,
    actor: &Actor,
    id: i64,
    file_id: i64,
) -> AppResult<(FileRow, Vec<u8>)> {
    if !actor.is_signed_in() {
        return Err(AppError::SignInRequired);
    }
    let view = get(ctx, actor, id, ctx.today()).await?;
    let f = store::file(ctx.db(), view.row.id, file_id)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("registration {id} has no file {file_id}")))?;
    let bytes = read_content(&ctx.config().data_dir, &f.sha256).await?;
    Ok((f, bytes))
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
