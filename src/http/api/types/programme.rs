//! Request and response shapes of the programme: DX goals (board, status,
//! evidence) and pilot DX models (registry, deployments, status).

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::units::UnitOut;
use super::{keyed, keyed_or_null};
use crate::domain::metric::Direction;
use crate::domain::programme::{GoalState, GoalStatus, ModelField, ModelStatus};
use crate::service::goals::{Board, GoalInput, GoalView, LinkView, StatusInput};
use crate::service::models::{
    DeploymentInput, DeploymentView, ModelInput, ModelStatusInput, ModelView, Registry,
};
use crate::store::programme::{EvidenceRow, GoalStatusRow, ModelStatusRow};

/// The goals of a unit's programme on a day.
#[derive(Serialize, ToSchema)]
#[schema(as = GoalBoard)]
pub struct BoardOut {
    pub unit: UnitOut,
    pub on: NaiveDate,
    pub total: usize,
    pub achieved: usize,
    pub overdue: usize,
    pub goals: Vec<GoalOut>,
}

impl From<Board> for BoardOut {
    fn from(b: Board) -> Self {
        BoardOut {
            unit: b.unit.into(),
            on: b.on,
            total: b.total,
            achieved: b.achieved,
            overdue: b.overdue,
            goals: b.goals.into_iter().map(Into::into).collect(),
        }
    }
}

/// A goal of a programme, where it stands on the day asked about.
#[derive(Serialize, ToSchema)]
#[schema(as = Goal)]
pub struct GoalOut {
    pub id: i64,
    /// The plan period ("2022", "2021-2025").
    pub period: String,
    pub code: String,
    pub text_vi: String,
    pub text_en: String,
    /// The office answerable for it.
    pub owner: String,
    pub deadline: NaiveDate,
    pub synthetic: bool,
    /// The headline figure it is judged by, when it has one.
    pub link: Option<LinkOut>,
    pub achieved: bool,
    #[schema(schema_with = keyed::<GoalState>)]
    pub state: GoalState,
    /// Status entries, oldest first.
    pub history: Vec<GoalStatusOut>,
    pub evidence: Vec<EvidenceOut>,
}

impl From<GoalView> for GoalOut {
    fn from(g: GoalView) -> Self {
        GoalOut {
            id: g.id,
            period: g.period,
            code: g.code,
            text_vi: g.text_vi,
            text_en: g.text_en,
            owner: g.owner,
            deadline: g.deadline,
            synthetic: g.synthetic,
            link: g.link.map(Into::into),
            achieved: g.achieved,
            state: g.state,
            history: g.history.into_iter().map(Into::into).collect(),
            evidence: g.evidence.into_iter().map(Into::into).collect(),
        }
    }
}

/// A goal's link to a headline figure: met when the figure is on the
/// right side of the threshold.
#[derive(Serialize, ToSchema)]
#[schema(as = GoalLink)]
pub struct LinkOut {
    pub key: String,
    pub threshold: f64,
    #[schema(schema_with = keyed::<Direction>)]
    pub direction: Direction,
    /// The figure on the day asked about.
    pub value: Option<f64>,
    pub met: bool,
}

impl From<LinkView> for LinkOut {
    fn from(l: LinkView) -> Self {
        LinkOut {
            key: l.key,
            threshold: l.threshold,
            direction: l.direction,
            value: l.value,
            met: l.met,
        }
    }
}

/// A verdict on a goal, from a day.
#[derive(Serialize, ToSchema)]
#[schema(as = GoalStatusEntry)]
pub struct GoalStatusOut {
    pub id: i64,
    pub goal_id: i64,
    #[schema(schema_with = keyed::<GoalStatus>)]
    pub status: GoalStatus,
    pub on_date: NaiveDate,
    pub note: String,
    pub by_user: Option<i64>,
    pub by_name: String,
    pub created_at: DateTime<Utc>,
}

impl From<GoalStatusRow> for GoalStatusOut {
    fn from(r: GoalStatusRow) -> Self {
        GoalStatusOut {
            id: r.id,
            goal_id: r.goal_id,
            status: r.status,
            on_date: r.on_date,
            note: r.note,
            by_user: r.by_user,
            by_name: r.by_name,
            created_at: r.created_at,
        }
    }
}

/// Evidence for a goal: a link, a stored file, or both.
#[derive(Serialize, ToSchema)]
#[schema(as = GoalEvidence)]
pub struct EvidenceOut {
    pub id: i64,
    pub goal_id: i64,
    /// The status entry it supports, once one names it.
    pub status_id: Option<i64>,
    /// "link" or "file".
    pub kind: String,
    pub url: Option<String>,
    pub file_name: Option<String>,
    pub content_type: Option<String>,
    pub size_bytes: Option<i64>,
    pub note: String,
    pub created_at: DateTime<Utc>,
}

impl From<EvidenceRow> for EvidenceOut {
    fn from(r: EvidenceRow) -> Self {
        EvidenceOut {
            id: r.id,
            goal_id: r.goal_id,
            status_id: r.status_id,
            kind: r.kind,
            url: r.url,
            file_name: r.file_name,
            content_type: r.content_type,
            size_bytes: r.size_bytes,
            note: r.note,
            created_at: r.created_at,
        }
    }
}

/// A new goal in a unit's programme.
#[derive(Deserialize, ToSchema)]
#[schema(as = NewGoal)]
pub struct GoalIn {
    /// The plan period: a year ("2022") or years ("2021-2025").
    pub period: String,
    /// 1 to 24 characters A-Z, 0-9, '.', '-'.
    pub code: String,
    pub text_vi: String,
    #[serde(default)]
    pub text_en: String,
    pub owner: String,
    /// A headline key the goal is judged by.
    #[serde(default)]
    pub link_key: Option<String>,
    #[serde(default)]
    pub threshold: Option<f64>,
    #[serde(default)]
    #[schema(schema_with = keyed_or_null::<Direction>)]
    pub direction: Option<String>,
    /// YYYY-MM-DD.
    pub deadline: String,
    #[serde(default)]
    pub synthetic: bool,
}

impl From<GoalIn> for GoalInput {
    fn from(g: GoalIn) -> Self {
        GoalInput {
            period: g.period,
            code: g.code,
            text_vi: g.text_vi,
            text_en: g.text_en,
            owner: g.owner,
            link_key: g.link_key,
            threshold: g.threshold,
            direction: g.direction,
            deadline: g.deadline,
            synthetic: g.synthetic,
        }
    }
}

/// A verdict on a goal.
#[derive(Deserialize, ToSchema)]
#[schema(as = GoalStatusInput)]
pub struct GoalStatusIn {
    #[schema(schema_with = keyed::<GoalStatus>)]
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

impl From<GoalStatusIn> for StatusInput {
    fn from(s: GoalStatusIn) -> Self {
        StatusInput {
            status: s.status,
            on: s.on,
            note: s.note,
            evidence_url: s.evidence_url,
            evidence_ids: s.evidence_ids,
        }
    }
}

/// Evidence for a goal, as a multipart form: a file, a link, or both.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct EvidenceForm {
    /// The `X-CSRF-Token` value, when signed in by the session cookie.
    #[schema(required = false)]
    pub _csrf: String,
    /// A PDF, image or office document.
    #[schema(value_type = String, format = Binary, required = false)]
    pub file: Vec<u8>,
    #[schema(required = false)]
    pub url: String,
    #[schema(required = false)]
    pub note: String,
}

/// The pilot DX models of a unit's programme on a day.
#[derive(Serialize, ToSchema)]
#[schema(as = ModelRegistry)]
pub struct RegistryOut {
    pub unit: UnitOut,
    pub on: NaiveDate,
    pub deployed: usize,
    pub effective: usize,
    pub models: Vec<ModelOut>,
}

impl From<Registry> for RegistryOut {
    fn from(r: Registry) -> Self {
        RegistryOut {
            unit: r.unit.into(),
            on: r.on,
            deployed: r.deployed,
            effective: r.effective,
            models: r.models.into_iter().map(Into::into).collect(),
        }
    }
}

/// A pilot DX model, as it stands on the day asked about.
#[derive(Serialize, ToSchema)]
#[schema(as = Model)]
pub struct ModelOut {
    pub id: i64,
    pub name: String,
    #[schema(schema_with = keyed::<ModelField>)]
    pub field: ModelField,
    pub description: String,
    pub synthetic: bool,
    pub owner: UnitOut,
    /// Headline keys or indicator codes the model is judged by.
    pub indicators: Vec<String>,
    /// The status on the day (none before the model was planned).
    #[schema(schema_with = keyed_or_null::<ModelStatus>)]
    pub status: Option<ModelStatus>,
    /// Deployments on or before the day.
    pub deployments: Vec<DeploymentOut>,
    /// Status entries on or before the day, oldest first.
    pub timeline: Vec<ModelStatusOut>,
}

impl From<ModelView> for ModelOut {
    fn from(m: ModelView) -> Self {
        ModelOut {
            id: m.id,
            name: m.name,
            field: m.field,
            description: m.description,
            synthetic: m.synthetic,
            owner: m.owner.into(),
            indicators: m.indicators,
            status: m.status,
            deployments: m.deployments.into_iter().map(Into::into).collect(),
            timeline: m.timeline.into_iter().map(Into::into).collect(),
        }
    }
}

/// A model deployed in a unit from a day.
#[derive(Serialize, ToSchema)]
#[schema(as = Deployment)]
pub struct DeploymentOut {
    pub id: i64,
    pub unit_code: String,
    pub unit_name: String,
    pub deployed_on: NaiveDate,
    pub note: String,
}

impl From<DeploymentView> for DeploymentOut {
    fn from(d: DeploymentView) -> Self {
        DeploymentOut {
            id: d.id,
            unit_code: d.unit_code,
            unit_name: d.unit_name,
            deployed_on: d.deployed_on,
            note: d.note,
        }
    }
}

/// A model's status from a day, with the evaluation behind it.
#[derive(Serialize, ToSchema)]
#[schema(as = ModelStatusEntry)]
pub struct ModelStatusOut {
    pub id: i64,
    pub model_id: i64,
    #[schema(schema_with = keyed::<ModelStatus>)]
    pub status: ModelStatus,
    pub on_date: NaiveDate,
    pub evaluation: String,
    pub by_user: Option<i64>,
    pub by_name: String,
    pub created_at: DateTime<Utc>,
}

impl From<ModelStatusRow> for ModelStatusOut {
    fn from(r: ModelStatusRow) -> Self {
        ModelStatusOut {
            id: r.id,
            model_id: r.model_id,
            status: r.status,
            on_date: r.on_date,
            evaluation: r.evaluation,
            by_user: r.by_user,
            by_name: r.by_name,
            created_at: r.created_at,
        }
    }
}

/// A new pilot model.
#[derive(Deserialize, ToSchema)]
#[schema(as = NewModel)]
pub struct ModelIn {
    pub name: String,
    #[schema(schema_with = keyed::<ModelField>)]
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

impl From<ModelIn> for ModelInput {
    fn from(m: ModelIn) -> Self {
        ModelInput {
            name: m.name,
            field: m.field,
            description: m.description,
            indicators: m.indicators,
            planned_on: m.planned_on,
            synthetic: m.synthetic,
        }
    }
}

/// A deployment of a model.
#[derive(Deserialize, ToSchema)]
#[schema(as = NewDeployment)]
pub struct DeploymentIn {
    /// The unit where the model is deployed (in the model's unit's subtree).
    pub unit: String,
    /// From what day (YYYY-MM-DD).
    pub on: String,
    #[serde(default)]
    pub note: String,
}

impl From<DeploymentIn> for DeploymentInput {
    fn from(d: DeploymentIn) -> Self {
        DeploymentInput {
            unit: d.unit,
            on: d.on,
            note: d.note,
        }
    }
}

/// A model's next status.
#[derive(Deserialize, ToSchema)]
#[schema(as = ModelStatusInput)]
pub struct ModelStatusIn {
    #[schema(schema_with = keyed::<ModelStatus>)]
    pub status: String,
    /// YYYY-MM-DD.
    pub on: String,
    /// The evaluation behind a verdict (required for effective and
    /// not_effective).
    #[serde(default)]
    pub evaluation: String,
}

impl From<ModelStatusIn> for ModelStatusInput {
    fn from(m: ModelStatusIn) -> Self {
        ModelStatusInput {
            status: m.status,
            on: m.on,
            evaluation: m.evaluation,
        }
    }
}
