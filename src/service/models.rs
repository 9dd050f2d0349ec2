//! Pilot DX models (mô hình CĐS): create, record where a model is deployed,
//! change its status with the evaluation behind each verdict, the registry
//! of a unit on a day, and the `models.*` headline figures.
//!
//! A model belongs to a unit's programme and is deployed in units of that
//! unit's subtree. Its status on a day is its latest status entry on or
//! before the day; the steps are `domain::programme::ModelStatus::next`.
//! A model counts for a unit on a day when it has a deployment in the
//! unit's subtree by then: `models.deployed` counts those whose status is
//! deployed, effective or not_effective, `models.effective` those whose
//! latest verdict is effective. Everyone may read; officers whose grants
//! cover the model's unit write; every write is audited.

use crate::i18n::messages::Msg;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use tracing::instrument;

use super::audit::{self, Change};
use super::goals::{actor_name, known_key};
use super::units::{UnitInfo, find, info_of, unit_path};
use super::{Actor, Ctx};
use crate::domain::figures::Figure;
use crate::domain::hierarchy::{Hierarchy, Node};
use crate::domain::party::clean_text;
use crate::domain::programme::{ModelField, ModelStatus, check_status_day, latest_on};
use crate::domain::unit::parse_day;
use crate::error::{AppError, AppResult};
use crate::store::programme::{self as store, DeploymentRow, ModelRow, ModelStatusRow};

fn unit_node<'h>(h: &'h Hierarchy, unit_id: i64, day: NaiveDate) -> Option<Node<'h>> {
    h.find_id(unit_id, day)
        .or_else(|| h.live_forms(unit_id, day).into_iter().next())
}

/// Is the unit version `unit_id` (or what it became) inside `node` on the
/// node's day?
fn inside(h: &Hierarchy, node: &Node<'_>, unit_id: i64, day: NaiveDate) -> bool {
    h.live_forms(unit_id, day).iter().any(|n| node.contains(n))
}

#[derive(Debug, Clone, Deserialize)]
pub struct ModelInput {
    pub name: String,
    pub field: String,
    #[serde(default)]
    pub description: String,
    /// Headline keys or indicator codes the model is judged by.
    #[serde(default)]
    pub indicators: Vec<String>,
    /// The day the model was planned (YYYY-MM-DD); today when empty.
    #[serde(default)]
    pub planned_on: String,
    #[serde(default)]
    pub synthetic: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct DeploymentView {
    pub id: i64,
    pub unit_code: String,
    pub unit_name: String,
    pub deployed_on: NaiveDate,
    pub note: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ModelView {
    pub id: i64,
    pub name: String,
    pub field: ModelField,
    pub description: String,
    pub synthetic: bool,
    pub owner: UnitInfo,
    pub indicators: Vec<String>,
    /// The status on the day asked about (none before the model was
    /// planned).
    pub status: Option<ModelStatus>,
    /// Deployments on or before the day.
    pub deployments: Vec<DeploymentView>,
    /// Status entries on or before the day, oldest first.
    pub timeline: Vec<ModelStatusRow>,
}

/// The models of a unit on a day.
#[derive(Debug, Clone, Serialize)]
pub struct Registry {
    pub unit: UnitInfo,
    pub on: NaiveDate,
    pub deployed: usize,
    pub effective: usize,
    pub models: Vec<ModelView>,
}

/// Create a model of the unit `code`'s programme, planned on a day.
#[instrument(skip(ctx, actor, input), fields(name = %input.name))]
pub async fn create(
    ctx: &Ctx,
    actor: &Actor,
    code: &str,
    input: &ModelInput,
) -> AppResult<ModelView> {
    let name = clean_text("name", &input.name, 200, true)?;
    let field: ModelField = input.field.parse()?;
    let description = clean_text("description", &input.description, 4000, false)?;
    let planned_on = match input.planned_on.trim() {
        "" => ctx.today(),
        s => parse_day("planned_on", s)?,
    };
    check_status_day(planned_on, ctx.today(), None, None)
        .map_err(|e| AppError::invalid("planned_on", e.reason()))?;
    let mut indicators: Vec<String> = Vec::new();
    for (i, k) in input.indicators.iter().enumerate() {
        let k = k.trim();
        if !known_key(ctx, k) {
            return Err(AppError::invalid(
                format!("indicators[{i}]"),
                Msg::new("programme.unknown_key").arg("key", k),
            ));
        }
        if !indicators.iter().any(|x| x == k) {
            indicators.push(k.to_owned());
        }
    }
    let (unit_id, path) = {
        let h = ctx.hierarchy();
        let node = find(&h, actor, code, planned_on)?;
        if !actor.scope.can_manage(&h, &node) {
            return Err(AppError::Forbidden(
                Msg::new("access.models_manage").arg("unit", &node.unit.full_name),
            ));
        }
        (node.unit.id, unit_path(&h, &node))
    };
    let t = ctx.now();
    let mut tx = ctx.begin().await?;
    if store::model_name_taken(&mut tx, unit_id, &name).await? {
        return Err(AppError::Conflict(
            Msg::new("programme.model_name_taken").arg("name", &name),
        ));
    }
    let id = store::insert_model(
        &mut tx,
        unit_id,
        &name,
        field,
        &description,
        input.synthetic,
        actor.user_id(),
        t,
    )
    .await?;
    for k in &indicators {
        store::insert_model_indicator(&mut tx, id, k, t).await?;
    }
    store::insert_model_status(
        &mut tx,
        id,
        ModelStatus::Planned,
        planned_on,
        "",
        actor.user_id(),
        &actor_name(actor),
        t,
    )
    .await?;
    audit::record(
        ctx,
        &mut tx,
        actor,
        Change {
            action: "create",
            entity: "dx_model",
            entity_id: id.to_string(),
            unit_path: Some(path),
            before: None,
            after: Some(serde_json::json!({
                "name": name, "field": field, "indicators": indicators, "planned_on": planned_on,
            })),
        },
    )
    .await?;
    tx.commit().await?;
    model_view(ctx, id, ctx.today()).await
}

async fn model_or_404(ctx: &Ctx, id: i64) -> AppResult<ModelRow> {
    store::model(ctx.db(), id)
        .await?
        .ok_or_else(|| AppError::no_record("mô hình", "model", id))
}

/// Check the actor may manage the model's unit; gives its audit path.
fn writable(ctx: &Ctx, actor: &Actor, m: &ModelRow, day: NaiveDate) -> AppResult<String> {
    let h = ctx.hierarchy();
    let node = unit_node(&h, m.unit_id, day).ok_or_else(|| {
        AppError::invalid(
            "on",
            Msg::new("programme.model_no_unit_on")
                .arg("id", m.id)
                .arg("day", day.format("%d/%m/%Y")),
        )
    })?;
    if !actor.scope.can_manage(&h, &node) {
        return Err(AppError::Forbidden(
            Msg::new("access.models_manage").arg("unit", &node.unit.full_name),
        ));
    }
    Ok(unit_path(&h, &node))
}

#[derive(Debug, Clone, Deserialize)]
pub struct DeploymentInput {
    /// The unit where the model is deployed (in the model's unit's subtree).
    pub unit: String,
    /// From what day (YYYY-MM-DD).
    pub on: String,
    #[serde(default)]
    pub note: String,
}

/// Record that a model is deployed in a unit from a day.
#[instrument(skip(ctx, actor, input))]
pub async fn add_deployment(
    ctx: &Ctx,
    actor: &Actor,
    model_id: i64,
    input: &DeploymentInput,
) -> AppResult<DeploymentView> {
    let m = model_or_404(ctx, model_id).await?;
    let day = parse_day("on", input.on.trim())?;
    check_status_day(day, ctx.today(), None, None)?;
    let note = clean_text("note", &input.note, 1000, false)?;
    let path = writable(ctx, actor, &m, day)?;
    let (unit_id, unit_code, unit_name) = {
        let h = ctx.hierarchy();
        let owner = unit_node(&h, m.unit_id, day).expect("checked by writable");
        let code: crate::domain::unit::UnitCode = input
            .unit
            .trim()
            .parse()
            .map_err(|e: crate::domain::DomainError| AppError::invalid("unit", e.reason()))?;
        let node = h.find(&code, day).ok_or_else(|| {
            AppError::NotFound(
                Msg::new("programme.deploy_unit_not_found")
                    .arg("code", &code)
                    .arg("day", day.format("%d/%m/%Y")),
            )
        })?;
        if !owner.contains(&node) {
            return Err(AppError::invalid(
                "unit",
                Msg::new("programme.not_inside_owner")
                    .arg("unit", &node.unit.full_name)
                    .arg("owner", &owner.unit.full_name),
            ));
        }
        (
            node.unit.id,
            node.unit.code.to_string(),
            node.unit.full_name.clone(),
        )
    };
    let t = ctx.now();
    let mut tx = ctx.begin().await?;
    if store::deployment_exists(&mut tx, m.id, unit_id).await? {
        return Err(AppError::Conflict(
            Msg::new("programme.already_deployed")
                .arg("model", &m.name)
                .arg("unit", &unit_name),
        ));
    }
    let id =
        store::insert_deployment(&mut tx, m.id, unit_id, day, &note, actor.user_id(), t).await?;
    audit::record(ctx,
        &mut tx,
        actor,
        Change {
            action: "deploy",
            entity: "dx_model",
            entity_id: m.id.to_string(),
            unit_path: Some(path),
            before: None,
            after: Some(serde_json::json!({ "deployment_id": id, "unit": unit_code, "on": day, "note": note })),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(DeploymentView {
        id,
        unit_code,
        unit_name,
        deployed_on: day,
        note,
    })
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct ModelStatusInput {
    pub status: String,
    pub on: String,
    /// The evaluation behind a verdict (required for effective and
    /// not_effective).
    #[serde(default)]
    pub evaluation: String,
}

/// Move a model to its next status on a day: planned → deployed (once it
/// has a deployment by then) → effective or not_effective (with the
/// evaluation), and re-evaluation between those two.
#[instrument(skip(ctx, actor, input))]
pub async fn set_status(
    ctx: &Ctx,
    actor: &Actor,
    model_id: i64,
    input: &ModelStatusInput,
) -> AppResult<ModelStatusRow> {
    let m = model_or_404(ctx, model_id).await?;
    let status: ModelStatus = input.status.parse()?;
    let day = parse_day("on", input.on.trim())?;
    let evaluation = clean_text("evaluation", &input.evaluation, 4000, status.is_verdict())
        .map_err(|e| {
            if e.reason().key() == Some("value.required") {
                AppError::invalid(
                    "evaluation",
                    Msg::new("programme.verdict_needs_evaluation")
                        .arg_msg("status", status.words()),
                )
            } else {
                e.into()
            }
        })?;
    let path = writable(ctx, actor, &m, day.min(ctx.today()))?;
    let by_name = actor_name(actor);
    let t = ctx.now();
    let mut tx = ctx.begin().await?;
    let latest = store::latest_model_status(&mut tx, m.id).await?;
    check_status_day(day, ctx.today(), latest.as_ref().map(|l| l.on_date), None)?;
    ModelStatus::check_step(latest.as_ref().map(|l| l.status), status)?;
    if status == ModelStatus::Deployed {
        let first = store::first_deployment(&mut tx, m.id).await?;
        if first.is_none_or(|f| f > day) {
            return Err(AppError::invalid(
                "status",
                Msg::new("programme.no_deployment_yet")
                    .arg("model", &m.name)
                    .arg("day", day.format("%d/%m/%Y")),
            ));
        }
    }
    let id = store::insert_model_status(
        &mut tx,
        m.id,
        status,
        day,
        &evaluation,
        actor.user_id(),
        &by_name,
        t,
    )
    .await?;
    audit::record(
        ctx,
        &mut tx,
        actor,
        Change {
            action: "status",
            entity: "dx_model",
            entity_id: m.id.to_string(),
            unit_path: Some(path),
            before: latest
                .as_ref()
                .map(|l| serde_json::json!({ "status": l.status, "on": l.on_date })),
            after: Some(
                serde_json::json!({ "status": status, "on": day, "evaluation": evaluation }),
            ),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(ModelStatusRow {
        id,
        model_id: m.id,
        status,
        on_date: day,
        evaluation,
        by_user: actor.user_id(),
        by_name,
        created_at: t,
    })
}

/// Everything the registry and the figures read, loaded once.
struct Loaded {
    models: Vec<ModelRow>,
    indicators: Vec<store::ModelIndicatorRow>,
    deployments: Vec<DeploymentRow>,
    statuses: Vec<ModelStatusRow>,
}

async fn load(ctx: &Ctx) -> AppResult<Loaded> {
    Ok(Loaded {
        models: store::all_models(ctx.db()).await?,
        indicators: store::all_model_indicators(ctx.db()).await?,
        deployments: store::all_deployments(ctx.db()).await?,
        statuses: store::all_model_statuses(ctx.db()).await?,
    })
}

impl Loaded {
    fn status_on(&self, model_id: i64, day: NaiveDate) -> Option<ModelStatus> {
        let entries: Vec<(NaiveDate, i64, ModelStatus)> = self
            .statuses
            .iter()
            .filter(|s| s.model_id == model_id)
            .map(|s| (s.on_date, s.id, s.status))
            .collect();
        latest_on(&entries, day)
    }

    /// Deployed in the node's subtree by the day?
    fn deployed_in(&self, h: &Hierarchy, node: &Node<'_>, model_id: i64, day: NaiveDate) -> bool {
        self.deployments.iter().any(|d| {
            d.model_id == model_id && d.deployed_on <= day && inside(h, node, d.unit_id, day)
        })
    }

    /// (deployed, effective) counts on the node and day.
    fn counts(&self, h: &Hierarchy, node: &Node<'_>, day: NaiveDate) -> (usize, usize) {
        let (mut deployed, mut effective) = (0, 0);
        for m in &self.models {
            let Some(s) = self.status_on(m.id, day) else {
                continue;
            };
            if !s.is_deployed() || !self.deployed_in(h, node, m.id, day) {
                continue;
            }
            deployed += 1;
            if s == ModelStatus::Effective {
                effective += 1;
            }
        }
        (deployed, effective)
    }

    fn view(&self, h: &Hierarchy, m: &ModelRow, day: NaiveDate) -> ModelView {
        let owner = unit_node(h, m.unit_id, day)
            .map(|n| info_of(h, &n))
            .or_else(|| {
                let v = h.version(m.unit_id)?;
                h.find_id(v.id, v.valid_from).map(|n| info_of(h, &n))
            });
        ModelView {
            id: m.id,
            name: m.name.clone(),
            field: m.field,
            description: m.description.clone(),
            synthetic: m.synthetic,
            owner: owner.expect("a model's unit exists"),
            indicators: self
                .indicators
                .iter()
                .filter(|i| i.model_id == m.id)
                .map(|i| i.code.clone())
                .collect(),
            status: self.status_on(m.id, day),
            deployments: self
                .deployments
                .iter()
                .filter(|d| d.model_id == m.id && d.deployed_on <= day)
                .map(|d| {
                    let unit = unit_node(h, d.unit_id, d.deployed_on);
                    DeploymentView {
                        id: d.id,
                        unit_code: unit
                            .as_ref()
                            .map(|n| n.unit.code.to_string())
                            .unwrap_or_default(),
                        unit_name: unit
                            .as_ref()
                            .map(|n| n.unit.full_name.clone())
                            .unwrap_or_default(),
                        deployed_on: d.deployed_on,
                        note: d.note.clone(),
                    }
                })
                .collect(),
            timeline: self
                .statuses
                .iter()
                .filter(|s| s.model_id == m.id && s.on_date <= day)
                .cloned()
                .collect(),
        }
    }
}

async fn model_view(ctx: &Ctx, id: i64, day: NaiveDate) -> AppResult<ModelView> {
    let loaded = load(ctx).await?;
    let m = loaded
        .models
        .iter()
        .find(|m| m.id == id)
        .ok_or_else(|| AppError::no_record("mô hình", "model", id))?;
    Ok(loaded.view(&ctx.hierarchy(), m, day))
}

/// The models of the unit `code` on `day`: those of programmes of units in
/// its subtree, and those deployed in its subtree, by field and name.
#[instrument(skip(ctx, _actor))]
pub async fn registry(
    ctx: &Ctx,
    _actor: &Actor,
    code: &str,
    day: NaiveDate,
) -> AppResult<Registry> {
    let loaded = load(ctx).await?;
    let h = ctx.hierarchy();
    let node = super::units::find_open(&h, code, day)?;
    let (deployed, effective) = loaded.counts(&h, &node, day);
    let mut models: Vec<ModelView> = loaded
        .models
        .iter()
        .filter(|m| inside(&h, &node, m.unit_id, day) || loaded.deployed_in(&h, &node, m.id, day))
        .filter(|m| loaded.status_on(m.id, day).is_some())
        .map(|m| loaded.view(&h, m, day))
        .collect();
    models.sort_by(|a, b| a.field.cmp(&b.field).then(a.name.cmp(&b.name)));
    Ok(Registry {
        unit: info_of(&h, &node),
        on: day,
        deployed,
        effective,
        models,
    })
}

/// `models.deployed` and `models.effective` (with the deployed count as
/// denominator) of the unit version `unit_id` on `day`.
pub async fn headline_figures(
    ctx: &Ctx,
    unit_id: i64,
    day: NaiveDate,
) -> AppResult<Vec<(&'static str, Figure)>> {
    let loaded = load(ctx).await?;
    let h = ctx.hierarchy();
    let Some(node) = h.find_id(unit_id, day) else {
        return Ok(Vec::new());
    };
    let (deployed, effective) = loaded.counts(&h, &node, day);
    Ok(vec![
        ("models.deployed", Figure::count(deployed as f64)),
        (
            "models.effective",
            Figure {
                value: Some(effective as f64),
                numerator: Some(effective as f64),
                denominator: Some(deployed as f64),
            },
        ),
    ])
}
