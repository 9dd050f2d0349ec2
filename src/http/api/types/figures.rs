//! Request and response shapes of the `figures` area: headline figures,
//! the drill-down table, trends, traces, indicator values and targets.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;
use utoipa::ToSchema;

use super::keyed;
use super::units::UnitOut;
use crate::domain::figures::Figure;
use crate::domain::metric::{Direction, TargetStatus};
use crate::service::figures::{Headline, IndicatorValue, Point};
use crate::service::indicators::TargetView;
use crate::service::trace::{Part, Record, Trace};

/// One figure: a value, and when it is a ratio, what it is made of.
#[derive(Serialize, ToSchema)]
#[schema(as = Figure)]
pub struct FigureOut {
    /// Null when it has no value (e.g. a ratio over zero).
    pub value: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(required = false)]
    pub numerator: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(required = false)]
    pub denominator: Option<f64>,
}

impl From<Figure> for FigureOut {
    fn from(f: Figure) -> Self {
        FigureOut {
            value: f.value,
            numerator: f.numerator,
            denominator: f.denominator,
        }
    }
}

/// Headline figures of a unit on a day.
#[derive(Serialize, ToSchema)]
#[schema(as = Headline)]
pub struct HeadlineOut {
    pub unit: UnitOut,
    pub on: NaiveDate,
    /// Figures are kept per month: this is the last day they speak of.
    pub as_of: NaiveDate,
    /// Keys: units.districts, units.communes, units.villages,
    /// teams.coverage_pct, teams.members, teams.members_commune_level,
    /// teams.members_village_level, households.total,
    /// households.<kind>_pct for each adoption kind,
    /// orgs.members_in_groups_pct, party.* (the handbook's), goals.total,
    /// goals.achieved, models.deployed, models.effective,
    /// registrations.total, registrations.cds, registrations.cds_advanced,
    /// registrations.pct, dti.rank.
    pub figures: BTreeMap<String, FigureOut>,
}

impl From<Headline> for HeadlineOut {
    fn from(h: Headline) -> Self {
        HeadlineOut {
            unit: h.unit.into(),
            on: h.on,
            as_of: h.as_of,
            figures: h.figures.into_iter().map(|(k, f)| (k, f.into())).collect(),
        }
    }
}

/// Headline figures of each child of a unit.
#[derive(Serialize, ToSchema)]
#[schema(as = HeadlineList)]
pub struct HeadlineListOut {
    pub on: NaiveDate,
    pub items: Vec<HeadlineOut>,
}

/// A figure in one month.
#[derive(Serialize, ToSchema)]
#[schema(as = TrendPoint)]
pub struct PointOut {
    /// YYYY-MM.
    pub month: String,
    pub value: Option<f64>,
}

impl From<Point> for PointOut {
    fn from(p: Point) -> Self {
        PointOut {
            month: p.month,
            value: p.value,
        }
    }
}

/// One headline figure month by month.
#[derive(Serialize, ToSchema)]
#[schema(as = Trend)]
pub struct TrendOut {
    pub key: String,
    pub on: NaiveDate,
    pub points: Vec<PointOut>,
}

/// A child's part in a figure.
#[derive(Serialize, ToSchema)]
#[schema(as = TracePart)]
pub struct PartOut {
    pub unit: UnitOut,
    pub figure: FigureOut,
}

impl From<Part> for PartOut {
    fn from(p: Part) -> Self {
        PartOut {
            unit: p.unit.into(),
            figure: p.figure.into(),
        }
    }
}

/// A record behind a village's figure.
#[derive(Serialize, ToSchema)]
#[schema(as = TraceRecord)]
pub struct RecordOut {
    /// "household", "team_member", ...
    pub kind: String,
    pub id: i64,
    pub label: String,
    pub date: Option<NaiveDate>,
    pub detail: String,
}

impl RecordOut {
    fn of(r: Record, lang: crate::i18n::Lang) -> Self {
        RecordOut {
            kind: r.kind.to_owned(),
            id: r.id,
            label: r.label,
            date: r.date,
            detail: r.detail.render(lang),
        }
    }
}

/// What a figure is made of.
#[derive(Serialize, ToSchema)]
#[schema(as = Trace)]
pub struct TraceOut {
    pub key: String,
    /// The figure's name, in the language of `Accept-Language`.
    pub name: String,
    /// The rule the figure follows, in a sentence that names the figure,
    /// in the language of `Accept-Language`.
    pub explanation: String,
    pub unit: UnitOut,
    pub on: NaiveDate,
    pub figure: FigureOut,
    /// Each child's part (the figure sums or divides these).
    pub parts: Vec<PartOut>,
    /// The records, in a village (personal data masked as for the list);
    /// only for users whose grants cover the unit.
    pub records: Vec<RecordOut>,
    /// True for a village whose records the caller may not read.
    pub records_hidden: bool,
}

impl TraceOut {
    pub fn of(t: Trace, lang: crate::i18n::Lang) -> Self {
        TraceOut {
            key: t.key,
            name: t.name.render(lang),
            explanation: t.explanation.render(lang),
            unit: t.unit.into(),
            on: t.on,
            figure: t.figure.into(),
            parts: t.parts.into_iter().map(Into::into).collect(),
            records: t
                .records
                .into_iter()
                .map(|r| RecordOut::of(r, lang))
                .collect(),
            records_hidden: t.records_hidden,
        }
    }
}

/// An indicator's value on a unit and day, with the inputs it read.
#[derive(Serialize, ToSchema)]
#[schema(as = IndicatorValue)]
pub struct IndicatorValueOut {
    pub code: String,
    pub name_vi: String,
    pub name_en: String,
    pub formula: String,
    pub unit_label: String,
    pub value: Option<f64>,
    /// Each code the formula read, with its value (null when it has none).
    pub inputs: BTreeMap<String, Option<f64>>,
}

impl From<IndicatorValue> for IndicatorValueOut {
    fn from(v: IndicatorValue) -> Self {
        IndicatorValueOut {
            code: v.code,
            name_vi: v.name_vi,
            name_en: v.name_en,
            formula: v.formula,
            unit_label: v.unit_label,
            value: v.value,
            inputs: v.inputs,
        }
    }
}

/// Every indicator's value on a unit on a day.
#[derive(Serialize, ToSchema)]
#[schema(as = IndicatorValueList)]
pub struct IndicatorValuesOut {
    pub on: NaiveDate,
    pub items: Vec<IndicatorValueOut>,
}

/// A target with where it stands on a day.
#[derive(Serialize, ToSchema)]
#[schema(as = Target)]
pub struct TargetOut {
    pub id: i64,
    /// The indicator's code.
    pub indicator: String,
    pub unit_code: String,
    pub threshold: f64,
    #[schema(schema_with = keyed::<Direction>)]
    pub direction: String,
    pub deadline: NaiveDate,
    pub value: Option<f64>,
    #[schema(schema_with = keyed::<TargetStatus>)]
    pub status: TargetStatus,
}

impl From<TargetView> for TargetOut {
    fn from(t: TargetView) -> Self {
        TargetOut {
            id: t.id,
            indicator: t.indicator,
            unit_code: t.unit_code,
            threshold: t.threshold,
            direction: t.direction,
            deadline: t.deadline,
            value: t.value,
            status: t.status,
        }
    }
}

/// The targets set for a unit, on a day.
#[derive(Serialize, ToSchema)]
#[schema(as = TargetList)]
pub struct TargetsOut {
    pub on: NaiveDate,
    pub items: Vec<TargetOut>,
}
