//! Commune registrations for recognition: the board, one registration
//! with its steps and files, and the requests that move it.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::super::units::UnitOut;
use super::super::{keyed, keyed_or_null};
use crate::domain::registration::{Action, Actor as Party, Status};
use crate::service::criteria::registrations::{
    Board, Card, RegisterInput, RegistrationView, StepInput,
};
use crate::store::criteria::{FileRow, StepRow};

/// The registrations of the communes below a unit for a year, each as it
/// stood on the day.
#[derive(Serialize, ToSchema)]
#[schema(as = RegistrationBoard)]
pub struct BoardOut {
    pub unit: UnitOut,
    pub year: i64,
    pub on: NaiveDate,
    /// Communes below the unit on the day.
    pub communes: u32,
    /// Registrations per status.
    pub by_status: BTreeMap<String, usize>,
    /// Registrations per level code.
    pub by_level: BTreeMap<String, usize>,
    pub cards: Vec<CardOut>,
}

impl From<Board> for BoardOut {
    fn from(b: Board) -> Self {
        BoardOut {
            unit: b.unit.into(),
            year: b.year,
            on: b.on,
            communes: b.communes,
            by_status: b
                .by_status
                .into_iter()
                .map(|(k, v)| (k.to_owned(), v))
                .collect(),
            by_level: b.by_level,
            cards: b.cards.into_iter().map(Into::into).collect(),
        }
    }
}

/// A registration on the board, as it stood on the day.
#[derive(Serialize, ToSchema)]
#[schema(as = RegistrationCard)]
pub struct CardOut {
    pub id: i64,
    pub unit: UnitOut,
    pub level: String,
    pub level_name_vi: String,
    #[schema(schema_with = keyed::<Status>)]
    pub status: Status,
    pub since: NaiveDate,
    pub due_on: Option<NaiveDate>,
    /// Who must act next; none once recognised.
    #[schema(schema_with = keyed_or_null::<Party>)]
    pub waiting_on: Option<Party>,
    pub overdue: bool,
    pub last_note: String,
}

impl From<Card> for CardOut {
    fn from(c: Card) -> Self {
        CardOut {
            id: c.id,
            unit: c.unit.into(),
            level: c.level,
            level_name_vi: c.level_name_vi,
            status: c.status,
            since: c.since,
            due_on: c.due_on,
            waiting_on: c.waiting_on,
            overdue: c.overdue,
            last_note: c.last_note,
        }
    }
}

/// A registration with its commune, level, who it waits on and history.
#[derive(Serialize, ToSchema)]
#[schema(as = Registration)]
pub struct RegistrationOut {
    pub id: i64,
    pub set_id: i64,
    pub unit_id: i64,
    pub year: i64,
    pub level: String,
    #[schema(schema_with = keyed::<Status>)]
    pub status: String,
    pub registered_on: NaiveDate,
    pub due_on: NaiveDate,
    /// Counts steps; a step names the version it was taken on.
    pub version: i64,
    pub unit: UnitOut,
    pub set_code: String,
    pub level_name_vi: String,
    pub level_name_en: String,
    /// Who must act next; none once recognised.
    #[schema(schema_with = keyed_or_null::<Party>)]
    pub waiting_on: Option<Party>,
    pub overdue: bool,
    pub steps: Vec<StepOut>,
    pub files: Vec<FileOut>,
}

impl From<RegistrationView> for RegistrationOut {
    fn from(v: RegistrationView) -> Self {
        RegistrationOut {
            id: v.row.id,
            set_id: v.row.set_id,
            unit_id: v.row.unit_id,
            year: v.row.year,
            level: v.row.level,
            status: v.row.status,
            registered_on: v.row.registered_on,
            due_on: v.row.due_on,
            version: v.row.version,
            unit: v.unit.into(),
            set_code: v.set_code,
            level_name_vi: v.level_name_vi,
            level_name_en: v.level_name_en,
            waiting_on: v.waiting_on,
            overdue: v.overdue,
            steps: v.steps.into_iter().map(Into::into).collect(),
            files: v.files.into_iter().map(Into::into).collect(),
        }
    }
}

/// A step of a registration's workflow.
#[derive(Serialize, ToSchema)]
#[schema(as = RegistrationStep)]
pub struct StepOut {
    pub id: i64,
    pub registration_id: i64,
    #[schema(schema_with = keyed::<Status>)]
    pub status: String,
    pub on_day: NaiveDate,
    pub due_on: Option<NaiveDate>,
    pub note: String,
    pub actor: String,
    pub created_at: DateTime<Utc>,
}

impl From<StepRow> for StepOut {
    fn from(s: StepRow) -> Self {
        StepOut {
            id: s.id,
            registration_id: s.registration_id,
            status: s.status,
            on_day: s.on_day,
            due_on: s.due_on,
            note: s.note,
            actor: s.actor,
            created_at: s.created_at,
        }
    }
}

/// An evidence file of a registration.
#[derive(Serialize, ToSchema)]
#[schema(as = EvidenceFile)]
pub struct FileOut {
    pub id: i64,
    pub registration_id: i64,
    /// The criterion it supports, if one.
    pub criterion: Option<String>,
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub created_at: DateTime<Utc>,
}

impl From<FileRow> for FileOut {
    fn from(f: FileRow) -> Self {
        FileOut {
            id: f.id,
            registration_id: f.registration_id,
            criterion: f.criterion,
            file_name: f.file_name,
            content_type: f.content_type,
            size_bytes: f.size_bytes,
            created_at: f.created_at,
        }
    }
}

/// A commune's registration for a level in a year.
#[derive(Deserialize, ToSchema)]
#[schema(as = RegisterInput)]
pub struct RegisterIn {
    pub level: String,
    pub year: i64,
    /// The day of the registration (default today).
    #[serde(default)]
    pub on: Option<NaiveDate>,
}

impl From<RegisterIn> for RegisterInput {
    fn from(r: RegisterIn) -> Self {
        RegisterInput {
            level: r.level,
            year: r.year,
            on: r.on,
        }
    }
}

/// A step of the workflow.
#[derive(Deserialize, ToSchema)]
#[schema(as = StepInput)]
pub struct StepIn {
    #[schema(schema_with = keyed::<Action>)]
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

impl From<StepIn> for StepInput {
    fn from(s: StepIn) -> Self {
        StepInput {
            action: s.action,
            note: s.note,
            on: s.on,
            version: s.version,
        }
    }
}

/// An evidence file for a registration, as a multipart form.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct FileForm {
    /// The `X-CSRF-Token` value, when signed in by the session cookie.
    #[schema(required = false)]
    pub _csrf: String,
    /// A PDF, image or office document.
    #[schema(value_type = String, format = Binary)]
    pub file: Vec<u8>,
    /// The criterion it supports.
    #[schema(required = false)]
    pub criterion: String,
}
