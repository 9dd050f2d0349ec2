//! Criteria sets and their definition document, and criterion values.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::super::keyed;
use crate::domain::criteria::{
    CriterionDef, GroupDef, GroupKind, LevelDef, Scoring, SetDef, SetKind, Step,
};
use crate::domain::metric::Direction;
use crate::service::criteria::{SetInput, SetUpdate, SetView, Stage, ValueInput};

/// A criteria set: its row, its issuing unit and its definition.
#[derive(Serialize, ToSchema)]
#[schema(as = CriteriaSet)]
pub struct SetOut {
    pub id: i64,
    pub code: String,
    pub year: i64,
    #[schema(schema_with = keyed::<SetKind>)]
    pub kind: String,
    pub name_vi: String,
    pub name_en: String,
    pub unit_id: i64,
    /// Counts saves; an update names the version it started from.
    pub version: i64,
    pub updated_at: DateTime<Utc>,
    pub unit_code: String,
    pub unit_name: String,
    pub definition: SetDefDoc,
}

impl From<SetView> for SetOut {
    fn from(v: SetView) -> Self {
        SetOut {
            id: v.row.id,
            code: v.row.code,
            year: v.row.year,
            kind: v.row.kind,
            name_vi: v.row.name_vi,
            name_en: v.row.name_en,
            unit_id: v.row.unit_id,
            version: v.row.version,
            updated_at: v.row.updated_at,
            unit_code: v.unit_code,
            unit_name: v.unit_name,
            definition: v.definition.into(),
        }
    }
}

/// Every criteria set.
#[derive(Serialize, ToSchema)]
pub struct SetListOut {
    pub items: Vec<SetOut>,
}

/// A whole criteria set: groups, criteria and recognition levels.
#[derive(Serialize, Deserialize, ToSchema)]
#[schema(as = SetDef)]
pub struct SetDefDoc {
    pub groups: Vec<GroupDoc>,
    pub criteria: Vec<CriterionDoc>,
    #[serde(default)]
    pub levels: Vec<LevelDoc>,
}

/// A group of criteria.
#[derive(Serialize, Deserialize, ToSchema)]
#[schema(as = GroupDef)]
pub struct GroupDoc {
    pub code: String,
    pub name_vi: String,
    #[serde(default)]
    pub name_en: String,
    #[schema(schema_with = keyed::<GroupKind>)]
    pub kind: GroupKind,
    /// For pillars: the part of the index they belong to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(required = false)]
    pub section: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(required = false)]
    pub max_points: Option<f64>,
}

/// One step of a steps rule: reaching `at` gives `points`.
#[derive(Serialize, Deserialize, ToSchema)]
#[schema(as = Step)]
pub struct StepDoc {
    pub at: f64,
    pub points: f64,
}

/// How a criterion's value becomes points.
#[derive(Serialize, Deserialize, ToSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[schema(as = Scoring)]
pub enum ScoringDoc {
    /// A value ≥ 1 (yes) gives the maximum, else nothing.
    YesNo,
    /// The best step reached gives its points.
    Steps { steps: Vec<StepDoc> },
    /// value ÷ `of` × maximum, capped at the maximum; `of` is a number or
    /// another code.
    Ratio { of: String },
}

/// A criterion: where its value comes from and how it scores.
#[derive(Serialize, Deserialize, ToSchema)]
#[schema(as = CriterionDef)]
pub struct CriterionDoc {
    pub code: String,
    pub group: String,
    pub name_vi: String,
    #[serde(default)]
    pub name_en: String,
    pub max_points: f64,
    /// A figure, metric or indicator code; `criterion:CODE` for another
    /// criterion's points; none when the value is entered with evidence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(required = false)]
    pub source: Option<String>,
    pub scoring: ScoringDoc,
    /// Default `higher_is_better`.
    #[serde(default = "higher")]
    #[schema(schema_with = keyed::<Direction>, required = false)]
    pub direction: Direction,
    /// Points needed to count as met.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(required = false)]
    pub pass_points: Option<f64>,
    /// The agency that verifies it.
    #[serde(default)]
    pub agency: String,
}

fn higher() -> Direction {
    Direction::HigherIsBetter
}

/// A recognition level and its rule.
#[derive(Serialize, Deserialize, ToSchema)]
#[schema(as = LevelDef)]
pub struct LevelDoc {
    pub code: String,
    pub name_vi: String,
    #[serde(default)]
    pub name_en: String,
    /// Share of the extended criteria that must be met, in percent.
    #[serde(default)]
    pub extended_min_pct: f64,
    /// Points the whole set must reach, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(required = false)]
    pub min_points: Option<f64>,
    /// Criteria that must be met besides the mandatory ones.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schema(required = false)]
    pub requires: Vec<String>,
}

impl From<SetDef> for SetDefDoc {
    fn from(d: SetDef) -> Self {
        SetDefDoc {
            groups: d
                .groups
                .into_iter()
                .map(|g| GroupDoc {
                    code: g.code,
                    name_vi: g.name_vi,
                    name_en: g.name_en,
                    kind: g.kind,
                    section: g.section,
                    max_points: g.max_points,
                })
                .collect(),
            criteria: d
                .criteria
                .into_iter()
                .map(|c| CriterionDoc {
                    code: c.code,
                    group: c.group,
                    name_vi: c.name_vi,
                    name_en: c.name_en,
                    max_points: c.max_points,
                    source: c.source,
                    scoring: match c.scoring {
                        Scoring::YesNo => ScoringDoc::YesNo,
                        Scoring::Steps { steps } => ScoringDoc::Steps {
                            steps: steps
                                .into_iter()
                                .map(|s| StepDoc {
                                    at: s.at,
                                    points: s.points,
                                })
                                .collect(),
                        },
                        Scoring::Ratio { of } => ScoringDoc::Ratio { of },
                    },
                    direction: c.direction,
                    pass_points: c.pass_points,
                    agency: c.agency,
                })
                .collect(),
            levels: d
                .levels
                .into_iter()
                .map(|l| LevelDoc {
                    code: l.code,
                    name_vi: l.name_vi,
                    name_en: l.name_en,
                    extended_min_pct: l.extended_min_pct,
                    min_points: l.min_points,
                    requires: l.requires,
                })
                .collect(),
        }
    }
}

impl From<SetDefDoc> for SetDef {
    fn from(d: SetDefDoc) -> Self {
        SetDef {
            groups: d
                .groups
                .into_iter()
                .map(|g| GroupDef {
                    code: g.code,
                    name_vi: g.name_vi,
                    name_en: g.name_en,
                    kind: g.kind,
                    section: g.section,
                    max_points: g.max_points,
                })
                .collect(),
            criteria: d
                .criteria
                .into_iter()
                .map(|c| CriterionDef {
                    code: c.code,
                    group: c.group,
                    name_vi: c.name_vi,
                    name_en: c.name_en,
                    max_points: c.max_points,
                    source: c.source,
                    scoring: match c.scoring {
                        ScoringDoc::YesNo => Scoring::YesNo,
                        ScoringDoc::Steps { steps } => Scoring::Steps {
                            steps: steps
                                .into_iter()
                                .map(|s| Step {
                                    at: s.at,
                                    points: s.points,
                                })
                                .collect(),
                        },
                        ScoringDoc::Ratio { of } => Scoring::Ratio { of },
                    },
                    direction: c.direction,
                    pass_points: c.pass_points,
                    agency: c.agency,
                })
                .collect(),
            levels: d
                .levels
                .into_iter()
                .map(|l| LevelDef {
                    code: l.code,
                    name_vi: l.name_vi,
                    name_en: l.name_en,
                    extended_min_pct: l.extended_min_pct,
                    min_points: l.min_points,
                    requires: l.requires,
                })
                .collect(),
        }
    }
}

/// A new criteria set.
#[derive(Deserialize, ToSchema)]
#[schema(as = NewCriteriaSet)]
pub struct SetIn {
    pub code: String,
    pub year: i64,
    #[schema(schema_with = keyed::<SetKind>)]
    pub kind: String,
    pub name_vi: String,
    #[serde(default)]
    pub name_en: String,
    /// The issuing unit (a province).
    pub unit: String,
    pub definition: SetDefDoc,
}

impl From<SetIn> for SetInput {
    fn from(s: SetIn) -> Self {
        SetInput {
            code: s.code,
            year: s.year,
            kind: s.kind,
            name_vi: s.name_vi,
            name_en: s.name_en,
            unit: s.unit,
            definition: s.definition.into(),
        }
    }
}

/// A new definition (and names) of a set.
#[derive(Deserialize, ToSchema)]
#[schema(as = CriteriaSetUpdate)]
pub struct SetUpdateIn {
    /// The version the editor started from; a stale save is refused.
    pub version: i64,
    #[serde(default)]
    pub name_vi: Option<String>,
    #[serde(default)]
    pub name_en: Option<String>,
    pub definition: SetDefDoc,
}

impl From<SetUpdateIn> for SetUpdate {
    fn from(s: SetUpdateIn) -> Self {
        SetUpdate {
            version: s.version,
            name_vi: s.name_vi,
            name_en: s.name_en,
            definition: s.definition.into(),
        }
    }
}

/// Criterion values of a commune, entered with evidence.
#[derive(Deserialize, ToSchema)]
#[schema(as = CriterionValues)]
pub struct ValuesIn {
    /// `self` (the commune's own assessment, the default) or `verified`.
    #[serde(default = "own")]
    #[schema(schema_with = keyed::<Stage>, required = false)]
    pub stage: Stage,
    pub values: Vec<ValueIn>,
    /// The day of the values (default today).
    #[serde(default)]
    pub on: Option<NaiveDate>,
}

fn own() -> Stage {
    Stage::OwnAssessment
}

/// One value with its evidence.
#[derive(Deserialize, ToSchema)]
#[schema(as = CriterionValue)]
pub struct ValueIn {
    pub criterion: String,
    pub value: f64,
    #[serde(default)]
    pub note: String,
    /// A link to, or a description of, the evidence.
    #[serde(default)]
    pub evidence: Option<String>,
}

impl From<ValueIn> for ValueInput {
    fn from(v: ValueIn) -> Self {
        ValueInput {
            criterion: v.criterion,
            value: v.value,
            note: v.note,
            evidence: v.evidence,
        }
    }
}

/// How many values were entered.
#[derive(Serialize, ToSchema)]
pub struct EnteredOut {
    pub entered: usize,
}
