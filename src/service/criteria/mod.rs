//! Criteria sets (bộ tiêu chí): saving them (validated as a whole), the
//! values entered with evidence for criteria the records cannot give, and
//! the evaluation of a unit with a plain explanation of where it stands.
//! The commune workflow is in `registrations`, the DTI-style index in
//! `index`, the demo's sets and registrations in `demo`.

use crate::i18n::messages::Msg;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use tracing::instrument;

use super::audit::{self, Change};
use super::figures::{State, eval_code, figures_of};
use super::units::{UnitInfo, find, info_of, unit_path};
use super::{Actor, Ctx};
use crate::domain::access::Role;
use crate::domain::criteria::{Evaluation, SetDef, SetKind};
use crate::domain::figures::{Figure, headline_keys};
use crate::domain::hierarchy::{Hierarchy, Node};
use crate::domain::metric::check_code;
use crate::domain::unit::Level;
use crate::error::{AppError, AppResult};
use crate::store::criteria::{self as store, NewSet, SetRow};

mod entry;
pub mod explain;
pub mod index;
pub mod registrations;

pub use entry::{check_value, enter_values, enter_values_audited};

/// A set as the API shows it: its row, its issuing unit and definition.
#[derive(Debug, Clone, Serialize)]
pub struct SetView {
    #[serde(flatten)]
    pub row: SetRow,
    pub unit_code: String,
    pub unit_name: String,
    pub definition: SetDef,
}

impl SetView {
    pub fn kind(&self) -> SetKind {
        SetKind::parse(&self.row.kind).unwrap_or(SetKind::Commune)
    }
}

#[derive(Debug, Clone, Deserialize)]
pub struct SetInput {
    pub code: String,
    pub year: i64,
    pub kind: String,
    pub name_vi: String,
    #[serde(default)]
    pub name_en: String,
    /// The issuing unit (a province).
    pub unit: String,
    pub definition: SetDef,
}

#[derive(Debug, Clone, Deserialize)]
pub struct SetUpdate {
    /// The version the editor started from; a stale save is refused.
    pub version: i64,
    #[serde(default)]
    pub name_vi: Option<String>,
    #[serde(default)]
    pub name_en: Option<String>,
    pub definition: SetDef,
}

/// Whether a code names something a criterion can read: a headline figure,
/// a base counter, a metric or an indicator.
pub fn known_code(state: &State, code: &str) -> bool {
    headline_keys().iter().any(|k| k == code)
        || super::indicators::base_codes().iter().any(|k| k == code)
        || state.metric(code).is_some()
        || state.indicators().iter().any(|(r, _)| r.code == code)
}

/// Figure values of a unit on a day, for the scoring engine: headline keys
/// (computed once, on first use) and any code `eval_code` knows.
pub(crate) fn figure_reader<'a>(
    state: &'a State,
    h: &'a Hierarchy,
    node: &'a Node<'a>,
    day: NaiveDate,
) -> impl FnMut(&str) -> Option<f64> + 'a {
    let mut headline: Option<BTreeMap<String, Figure>> = None;
    move |code: &str| {
        if code.contains('.') {
            headline
                .get_or_insert_with(|| figures_of(state, h, node, day))
                .get(code)
                .and_then(|f| f.value)
        } else {
            eval_code(state, h, node, code, day, 0)
        }
    }
}

fn view(h: &Hierarchy, row: SetRow) -> AppResult<SetView> {
    let definition: SetDef = serde_json::from_str(&row.definition)
        .map_err(|e| anyhow::anyhow!("criteria set {} does not parse: {e}", row.id))?;
    let (unit_code, unit_name) = h
        .version(row.unit_id)
        .map(|u| (u.code.to_string(), u.full_name.clone()))
        .unwrap_or_default();
    Ok(SetView {
        row,
        unit_code,
        unit_name,
        definition,
    })
}

/// May the actor edit the set (for the pages; `update_set` checks again)?
pub fn may_edit_set(ctx: &Ctx, actor: &Actor, set: &SetView) -> bool {
    let h = ctx.hierarchy();
    node_at(&h, set.row.unit_id, ctx.today()).is_some_and(|n| may_edit(&h, actor, &n))
}

/// May the actor edit sets issued by this unit: its province officers (and
/// admins)?
fn may_edit(h: &Hierarchy, actor: &Actor, node: &Node<'_>) -> bool {
    actor.scope.is_admin()
        || actor
            .scope
            .grants_over(h, node)
            .any(|g| matches!(g.role, Role::Admin | Role::ProvinceOfficer))
}

fn check_definition(ctx: &Ctx, kind: SetKind, def: &SetDef) -> AppResult<()> {
    let state = ctx.figures();
    def.validate(kind, &|c| known_code(&state, c))?;
    Ok(())
}

/// Save a new criteria set, issued by a province.
#[instrument(skip(ctx, actor, input), fields(code = %input.code, year = input.year))]
pub async fn create_set(
    ctx: &Ctx,
    actor: &Actor,
    input: &SetInput,
    day: NaiveDate,
) -> AppResult<SetView> {
    check_code("code", &input.code)?;
    if !(2000..=2100).contains(&input.year) {
        return Err(AppError::invalid(
            "year",
            Msg::new("value.range")
                .arg("min", 2000)
                .arg("max", 2100)
                .arg("value", input.year),
        ));
    }
    let kind = SetKind::parse(&input.kind)?;
    let name_vi = input.name_vi.trim();
    if name_vi.is_empty() {
        return Err(AppError::invalid("name_vi", Msg::new("value.required")));
    }
    let (unit_id, path) = {
        let h = ctx.hierarchy();
        let node = find(&h, actor, &input.unit, day)?;
        if node.unit.level != Level::Province {
            return Err(AppError::invalid(
                "unit",
                Msg::new("criteria.sets_by_province")
                    .arg("code", &node.unit.code)
                    .arg_msg("level", node.unit.level.words()),
            ));
        }
        if !may_edit(&h, actor, &node) {
            return Err(AppError::Forbidden(
                Msg::new("access.criteria_sets").arg("unit", &node.unit.full_name),
            ));
        }
        (node.unit.id, unit_path(&h, &node))
    };
    check_definition(ctx, kind, &input.definition)?;
    let definition = serde_json::to_string(&input.definition)
        .map_err(|e| anyhow::anyhow!("serialising a set: {e}"))?;
    let t = ctx.now();
    let mut tx = ctx.begin().await?;
    let id = store::insert_set(
        &mut tx,
        &NewSet {
            code: &input.code,
            year: input.year,
            kind: kind.as_str(),
            name_vi,
            name_en: input.name_en.trim(),
            unit_id,
            definition: &definition,
        },
        t,
    )
    .await
    .map_err(|e| {
        if crate::store::is_unique_violation(&e) {
            AppError::Conflict(
                Msg::new("criteria.set_exists")
                    .arg("code", &input.code)
                    .arg("year", input.year),
            )
        } else {
            e.into()
        }
    })?;
    audit::record(
        ctx,
        &mut tx,
        actor,
        Change {
            action: "create",
            entity: "criteria_set",
            entity_id: id.to_string(),
            unit_path: Some(path),
            before: None,
            after: serde_json::to_value(&input.definition).ok(),
        },
    )
    .await?;
    tx.commit().await?;
    get_set(ctx, id).await
}

/// Replace a set's definition (the editor saves the whole set).
#[instrument(skip(ctx, actor, input))]
pub async fn update_set(
    ctx: &Ctx,
    actor: &Actor,
    id: i64,
    input: &SetUpdate,
) -> AppResult<SetView> {
    let old = get_set(ctx, id).await?;
    let path = {
        let h = ctx.hierarchy();
        let node = node_at(&h, old.row.unit_id, ctx.today())
            .ok_or_else(|| AppError::NotFound(Msg::new("criteria.set_unit_gone").arg("id", id)))?;
        if !may_edit(&h, actor, &node) {
            return Err(AppError::Forbidden(
                Msg::new("access.criteria_sets").arg("unit", &node.unit.full_name),
            ));
        }
        unit_path(&h, &node)
    };
    check_definition(ctx, old.kind(), &input.definition)?;
    // Levels that registrations already name must stay.
    for r in store::registrations_of_year(ctx.db(), old.row.year).await? {
        if r.set_id == id && input.definition.level(&r.level).is_none() {
            return Err(AppError::invalid(
                "definition.levels",
                Msg::new("criteria.level_in_use")
                    .arg("level", &r.level)
                    .arg("id", r.id),
            ));
        }
    }
    let definition = serde_json::to_string(&input.definition)
        .map_err(|e| anyhow::anyhow!("serialising a set: {e}"))?;
    let name_vi = input
        .name_vi
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .unwrap_or(&old.row.name_vi);
    let name_en = input.name_en.as_deref().unwrap_or(&old.row.name_en).trim();
    let mut tx = ctx.begin().await?;
    let n = store::update_set(
        &mut tx,
        id,
        input.version,
        name_vi,
        name_en,
        &definition,
        ctx.now(),
    )
    .await?;
    if n == 0 {
        return Err(AppError::Conflict(
            Msg::new("criteria.set_stale")
                .arg("id", id)
                .arg("yours", input.version)
                .arg("now", old.row.version),
        ));
    }
    audit::record(
        ctx,
        &mut tx,
        actor,
        Change {
            action: "update",
            entity: "criteria_set",
            entity_id: id.to_string(),
            unit_path: Some(path),
            before: serde_json::to_value(&old.definition).ok(),
            after: serde_json::to_value(&input.definition).ok(),
        },
    )
    .await?;
    tx.commit().await?;
    get_set(ctx, id).await
}

/// Every set (they are public: what is asked of communes is no secret).
pub async fn list_sets(ctx: &Ctx) -> AppResult<Vec<SetView>> {
    let rows = store::sets(ctx.db()).await?;
    let h = ctx.hierarchy();
    rows.into_iter().map(|r| view(&h, r)).collect()
}

pub async fn get_set(ctx: &Ctx, id: i64) -> AppResult<SetView> {
    let row = store::set(ctx.db(), id)
        .await?
        .ok_or_else(|| AppError::no_record("bộ tiêu chí", "criteria set", id))?;
    view(&ctx.hierarchy(), row)
}

/// The set of a kind and year that applies to a unit on a day: the one
/// issued by a unit containing it.
pub async fn set_for(
    ctx: &Ctx,
    kind: SetKind,
    year: i64,
    unit_id: i64,
    day: NaiveDate,
) -> AppResult<Option<SetView>> {
    let rows = store::sets_of(ctx.db(), kind.as_str(), year).await?;
    let h = ctx.hierarchy();
    let Some(node) = node_at(&h, unit_id, day) else {
        return Ok(None);
    };
    for r in rows {
        let covers = h
            .live_forms(r.unit_id, day)
            .iter()
            .chain(h.live_forms(r.unit_id, node.epoch_span().0).iter())
            .any(|top| top.contains(&node));
        if covers {
            return Ok(Some(view(&h, r)?));
        }
    }
    Ok(None)
}

/// One value entered with evidence.
#[derive(Debug, Clone, Deserialize)]
pub struct ValueInput {
    pub criterion: String,
    pub value: f64,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub evidence: Option<String>,
}

/// Which stage a value is entered at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// By the unit itself (its self-assessment).
    #[serde(rename = "self")]
    OwnAssessment,
    /// By the verifying agency above it.
    Verified,
}

impl crate::domain::keyed::Keyed for Stage {
    const KEYS: &'static [&'static str] = &["self", "verified"];
}

impl Stage {
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::OwnAssessment => "self",
            Stage::Verified => "verified",
        }
    }
}

/// May the actor verify values of the unit: an officer above it (a grant
/// on an ancestor, not on the unit itself), or an admin?
pub(crate) fn is_verifier(h: &Hierarchy, actor: &Actor, node: &Node<'_>) -> bool {
    actor.scope.is_admin()
        || actor.scope.grants_over(h, node).any(|g| {
            g.role.is_officer()
                && g.role != Role::CommuneOfficer
                && g.unit_id.is_some_and(|id| {
                    !h.live_forms(id, node.epoch_span().0)
                        .iter()
                        .any(|n| n.unit.id == node.unit.id)
                })
        })
}

/// Manual values of a unit: the latest verified value of each criterion,
/// else the latest self-assessed one.
pub(crate) async fn manual_values(
    ctx: &Ctx,
    set_id: i64,
    unit_ids: &[i64],
) -> AppResult<(HashMap<String, f64>, Vec<store::ValueRow>)> {
    let rows = store::values_of(ctx.db(), set_id, unit_ids).await?;
    let mut own = HashMap::new();
    let mut verified = HashMap::new();
    for r in &rows {
        let m = if r.stage == "verified" {
            &mut verified
        } else {
            &mut own
        };
        m.insert(r.criterion.clone(), r.value);
    }
    own.extend(verified);
    Ok((own, rows))
}

/// Evaluate a unit against a set on a day.
pub(crate) async fn evaluate(
    ctx: &Ctx,
    set: &SetView,
    unit_id: i64,
    day: NaiveDate,
) -> AppResult<(Evaluation, Vec<store::ValueRow>)> {
    let ids = {
        let h = ctx.hierarchy();
        h.with_past(unit_id)
    };
    let (manual, rows) = manual_values(ctx, set.row.id, &ids).await?;
    let h = ctx.hierarchy();
    let node = node_at(&h, unit_id, day).ok_or_else(|| {
        AppError::NotFound(Msg::new("notfound.unit_not_in_hierarchy").arg("id", unit_id))
    })?;
    let state = ctx.figures();
    let mut read = figure_reader(&state, &h, &node, day);
    Ok((set.definition.evaluate(&mut read, &manual), rows))
}

pub(crate) fn unit_info(ctx: &Ctx, unit_id: i64, day: NaiveDate) -> Option<UnitInfo> {
    let h = ctx.hierarchy();
    node_at(&h, unit_id, day).map(|n| info_of(&h, &n))
}

/// A unit version as it stands on a day (what it became, if it was merged),
/// else as it was when it began.
pub(crate) fn node_at(h: &Hierarchy, id: i64, day: NaiveDate) -> Option<Node<'_>> {
    h.live_forms(id, day).into_iter().next().or_else(|| {
        let from = h.version(id)?.valid_from;
        h.find_id(id, from)
    })
}

/// Registration steps as the public sees them: each names the office that
/// took it (`commune`, `verifier`, `province`), not the official's user
/// name.
pub(crate) fn steps_by_office(mut steps: Vec<store::StepRow>) -> Vec<store::StepRow> {
    use crate::domain::registration::{Actor as Party, Status};
    let mut before = None;
    for s in &mut steps {
        s.actor = Party::of_step(before).key().to_owned();
        before = Status::parse(&s.status).ok();
    }
    steps
}
