//! A commune's recognition, explained criterion by criterion, and a
//! province's DTI-style index: computed score, official results, targets.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::super::keyed;
use super::super::units::UnitOut;
use super::registrations::RegistrationOut;
use crate::domain::criteria::{GroupKind, SetKind};
use crate::service::criteria::Stage;
use crate::service::criteria::explain::{
    CriterionLine, Explanation, GroupLine, LevelLine, SetBrief,
};
use crate::service::criteria::index::{IndexView, ResultInput, TargetInput, TargetView};
use crate::store::criteria::{ResultRow, TargetRow, ValueRow};

/// Why a commune reaches, or does not reach, each level of a set.
#[derive(Serialize, ToSchema)]
#[schema(as = Explanation)]
pub struct ExplanationOut {
    pub unit: UnitOut,
    pub on: NaiveDate,
    pub set: SetBriefOut,
    pub points: f64,
    pub max_points: f64,
    pub groups: Vec<GroupLineOut>,
    pub criteria: Vec<CriterionLineOut>,
    pub levels: Vec<LevelLineOut>,
    /// The commune's registration for the year, if it has one.
    pub registration: Option<RegistrationOut>,
}

impl From<Explanation> for ExplanationOut {
    fn from(e: Explanation) -> Self {
        ExplanationOut {
            unit: e.unit.into(),
            on: e.on,
            set: e.set.into(),
            points: e.points,
            max_points: e.max_points,
            groups: e.groups.into_iter().map(Into::into).collect(),
            criteria: e.criteria.into_iter().map(Into::into).collect(),
            levels: e.levels.into_iter().map(Into::into).collect(),
            registration: e.registration.map(Into::into),
        }
    }
}

/// The set an explanation reads.
#[derive(Serialize, ToSchema)]
#[schema(as = SetBrief)]
pub struct SetBriefOut {
    pub id: i64,
    pub code: String,
    pub year: i64,
    #[schema(schema_with = keyed::<SetKind>)]
    pub kind: String,
    pub name_vi: String,
    pub name_en: String,
    pub version: i64,
}

impl From<SetBrief> for SetBriefOut {
    fn from(s: SetBrief) -> Self {
        SetBriefOut {
            id: s.id,
            code: s.code,
            year: s.year,
            kind: s.kind,
            name_vi: s.name_vi,
            name_en: s.name_en,
            version: s.version,
        }
    }
}

/// A group's points and how many of its criteria are met.
#[derive(Serialize, ToSchema)]
#[schema(as = GroupLine)]
pub struct GroupLineOut {
    pub code: String,
    pub name_vi: String,
    pub name_en: String,
    #[schema(schema_with = keyed::<GroupKind>)]
    pub kind: GroupKind,
    pub section: Option<String>,
    pub points: f64,
    pub max_points: f64,
    pub met: usize,
    pub count: usize,
}

impl From<GroupLine> for GroupLineOut {
    fn from(g: GroupLine) -> Self {
        GroupLineOut {
            code: g.code,
            name_vi: g.name_vi,
            name_en: g.name_en,
            kind: g.kind,
            section: g.section,
            points: g.points,
            max_points: g.max_points,
            met: g.met,
            count: g.count,
        }
    }
}

/// A criterion: its value, what it needs, its points, and where the value
/// comes from.
#[derive(Serialize, ToSchema)]
#[schema(as = CriterionLine)]
pub struct CriterionLineOut {
    pub code: String,
    pub group: String,
    pub name_vi: String,
    pub name_en: String,
    #[schema(schema_with = keyed::<GroupKind>)]
    pub group_kind: GroupKind,
    pub agency: String,
    pub source: Option<String>,
    /// The scoring rule, in words.
    pub rule: String,
    pub value: Option<f64>,
    pub required: Option<f64>,
    pub points: f64,
    pub max_points: f64,
    pub met: bool,
    /// Entered with evidence rather than read from the records.
    pub manual: bool,
    /// The latest value entered for it (manual criteria), if any.
    pub entered: Option<EnteredValueOut>,
}

impl From<CriterionLine> for CriterionLineOut {
    fn from(c: CriterionLine) -> Self {
        CriterionLineOut {
            code: c.result.code,
            group: c.result.group,
            name_vi: c.name_vi,
            name_en: c.name_en,
            group_kind: c.group_kind,
            agency: c.agency,
            source: c.source,
            rule: c.rule,
            value: c.result.value,
            required: c.result.required,
            points: c.result.points,
            max_points: c.result.max_points,
            met: c.result.met,
            manual: c.result.manual,
            entered: c.entered.map(Into::into),
        }
    }
}

/// A criterion value as entered, with who entered it.
#[derive(Serialize, ToSchema)]
#[schema(as = EnteredValue)]
pub struct EnteredValueOut {
    pub id: i64,
    pub criterion: String,
    #[schema(schema_with = keyed::<Stage>)]
    pub stage: String,
    pub value: f64,
    pub note: String,
    pub evidence: Option<String>,
    pub actor: String,
    pub created_at: DateTime<Utc>,
}

impl From<ValueRow> for EnteredValueOut {
    fn from(v: ValueRow) -> Self {
        EnteredValueOut {
            id: v.id,
            criterion: v.criterion,
            stage: v.stage,
            value: v.value,
            note: v.note,
            evidence: v.evidence,
            actor: v.actor,
            created_at: v.created_at,
        }
    }
}

/// Whether the unit reaches a level, what it lacks, in words.
#[derive(Serialize, ToSchema)]
#[schema(as = LevelLine)]
pub struct LevelLineOut {
    pub code: String,
    pub name_vi: String,
    pub name_en: String,
    pub met: bool,
    pub missing_mandatory: Vec<String>,
    pub extended_met: usize,
    pub extended_total: usize,
    pub extended_needed: usize,
    pub missing_required: Vec<String>,
    pub points_needed: f64,
    pub lines_vi: Vec<String>,
    pub lines_en: Vec<String>,
}

impl From<LevelLine> for LevelLineOut {
    fn from(l: LevelLine) -> Self {
        LevelLineOut {
            code: l.result.code,
            name_vi: l.name_vi,
            name_en: l.name_en,
            met: l.result.met,
            missing_mandatory: l.result.missing_mandatory,
            extended_met: l.result.extended_met,
            extended_total: l.result.extended_total,
            extended_needed: l.result.extended_needed,
            missing_required: l.result.missing_required,
            points_needed: l.result.points_needed,
            lines_vi: l.lines_vi,
            lines_en: l.lines_en,
        }
    }
}

/// A province's index for a year: the computed score, the official
/// results known on the day and its targets.
#[derive(Serialize, ToSchema)]
#[schema(as = IndexView)]
pub struct IndexOut {
    pub unit: UnitOut,
    pub year: i64,
    pub on: NaiveDate,
    /// The computed score with its pillar breakdown, when the year has an
    /// index set.
    pub computed: Option<ExplanationOut>,
    /// Official results known on the day, oldest first.
    pub results: Vec<ResultOut>,
    pub targets: Vec<IndexTargetOut>,
}

impl From<IndexView> for IndexOut {
    fn from(v: IndexView) -> Self {
        IndexOut {
            unit: v.unit.into(),
            year: v.year,
            on: v.on,
            computed: v.computed.map(Into::into),
            results: v.results.into_iter().map(Into::into).collect(),
            targets: v.targets.into_iter().map(Into::into).collect(),
        }
    }
}

/// An official index result: a rank among the provinces.
#[derive(Serialize, ToSchema)]
#[schema(as = IndexResult)]
pub struct ResultOut {
    pub id: i64,
    pub index_code: String,
    pub unit_id: i64,
    pub year: i64,
    pub rank: i64,
    pub ranked_of: i64,
    pub score: Option<f64>,
    pub published_on: NaiveDate,
    pub source: String,
}

impl From<ResultRow> for ResultOut {
    fn from(r: ResultRow) -> Self {
        ResultOut {
            id: r.id,
            index_code: r.index_code,
            unit_id: r.unit_id,
            year: r.year,
            rank: r.rank,
            ranked_of: r.ranked_of,
            score: r.score,
            published_on: r.published_on,
            source: r.source,
        }
    }
}

/// A target rank for a year.
#[derive(Serialize, ToSchema)]
#[schema(as = IndexTarget)]
pub struct TargetOut {
    pub id: i64,
    pub index_code: String,
    pub unit_id: i64,
    pub year: i64,
    pub rank: i64,
    pub note: String,
}

impl From<TargetRow> for TargetOut {
    fn from(t: TargetRow) -> Self {
        TargetOut {
            id: t.id,
            index_code: t.index_code,
            unit_id: t.unit_id,
            year: t.year,
            rank: t.rank,
            note: t.note,
        }
    }
}

/// A target rank, with the latest rank on the day and whether it is met.
#[derive(Serialize, ToSchema)]
#[schema(as = IndexTargetView)]
pub struct IndexTargetOut {
    pub id: i64,
    pub index_code: String,
    pub unit_id: i64,
    pub year: i64,
    pub rank: i64,
    pub note: String,
    /// Latest rank on the day; none without a result.
    pub latest_rank: Option<i64>,
    /// At or better than the target (lower is better); none without a
    /// result.
    pub met: Option<bool>,
}

impl From<TargetView> for IndexTargetOut {
    fn from(t: TargetView) -> Self {
        IndexTargetOut {
            id: t.row.id,
            index_code: t.row.index_code,
            unit_id: t.row.unit_id,
            year: t.row.year,
            rank: t.row.rank,
            note: t.row.note,
            latest_rank: t.latest_rank,
            met: t.met,
        }
    }
}

/// An official result to record.
#[derive(Deserialize, ToSchema)]
#[schema(as = IndexResultInput)]
pub struct ResultIn {
    pub year: i64,
    pub rank: i64,
    pub ranked_of: i64,
    #[serde(default)]
    pub score: Option<f64>,
    pub published_on: NaiveDate,
    #[serde(default)]
    pub source: String,
}

impl From<ResultIn> for ResultInput {
    fn from(r: ResultIn) -> Self {
        ResultInput {
            year: r.year,
            rank: r.rank,
            ranked_of: r.ranked_of,
            score: r.score,
            published_on: r.published_on,
            source: r.source,
        }
    }
}

/// A target rank to set.
#[derive(Deserialize, ToSchema)]
#[schema(as = IndexTargetInput)]
pub struct TargetIn {
    pub year: i64,
    pub rank: i64,
    #[serde(default)]
    pub note: String,
    /// The day the target was set (default today).
    #[serde(default)]
    pub on: Option<NaiveDate>,
}

impl From<TargetIn> for TargetInput {
    fn from(t: TargetIn) -> Self {
        TargetInput {
            year: t.year,
            rank: t.rank,
            note: t.note,
            on: t.on,
        }
    }
}
