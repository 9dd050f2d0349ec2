//! Request and response shapes of the indicator part of the `field` area:
//! metrics, indicators, targets and entered values.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::super::keyed;
use crate::domain::metric::{Direction, HierAgg, Metric, TimeAgg, ValueType};
use crate::domain::unit::Level;
use crate::service::indicators::{
    IndicatorInput, MetricInput, SavedValue, TargetInput, ValueInput,
};
use crate::store::indicators::IndicatorRow;

/// A metric (data element) as defined.
#[derive(Serialize, ToSchema)]
#[schema(as = Metric)]
pub struct MetricOut {
    pub code: String,
    pub name_vi: String,
    pub name_en: String,
    #[schema(schema_with = keyed::<ValueType>)]
    pub value_type: ValueType,
    #[schema(schema_with = keyed::<HierAgg>)]
    pub hierarchy_aggregation: HierAgg,
    #[schema(schema_with = keyed::<TimeAgg>)]
    pub time_aggregation: TimeAgg,
    #[schema(schema_with = keyed::<Level>)]
    pub entry_level: Level,
    pub min_value: Option<f64>,
    pub max_value: Option<f64>,
}

impl From<Metric> for MetricOut {
    fn from(m: Metric) -> Self {
        MetricOut {
            code: m.code,
            name_vi: m.name_vi,
            name_en: m.name_en,
            value_type: m.value_type,
            hierarchy_aggregation: m.hierarchy_aggregation,
            time_aggregation: m.time_aggregation,
            entry_level: m.entry_level,
            min_value: m.min_value,
            max_value: m.max_value,
        }
    }
}

/// Every metric.
#[derive(Serialize, ToSchema)]
#[schema(as = MetricList)]
pub struct MetricsOut {
    pub items: Vec<MetricOut>,
}

/// A new metric.
#[derive(Deserialize, ToSchema)]
#[schema(as = NewMetric)]
pub struct MetricIn {
    /// Lower-case letters, digits, underscores.
    pub code: String,
    pub name_vi: String,
    pub name_en: String,
    #[schema(schema_with = keyed::<ValueType>)]
    pub value_type: String,
    #[schema(schema_with = keyed::<HierAgg>)]
    pub hierarchy_aggregation: String,
    #[schema(schema_with = keyed::<TimeAgg>)]
    pub time_aggregation: String,
    #[schema(schema_with = keyed::<Level>)]
    pub entry_level: String,
    #[serde(default)]
    pub min_value: Option<f64>,
    #[serde(default)]
    pub max_value: Option<f64>,
}

impl From<MetricIn> for MetricInput {
    fn from(m: MetricIn) -> Self {
        MetricInput {
            code: m.code,
            name_vi: m.name_vi,
            name_en: m.name_en,
            value_type: m.value_type,
            hierarchy_aggregation: m.hierarchy_aggregation,
            time_aggregation: m.time_aggregation,
            entry_level: m.entry_level,
            min_value: m.min_value,
            max_value: m.max_value,
        }
    }
}

/// An indicator: a formula over metrics and base codes.
#[derive(Serialize, ToSchema)]
#[schema(as = Indicator)]
pub struct IndicatorOut {
    pub id: i64,
    pub code: String,
    pub name_vi: String,
    pub name_en: String,
    pub formula: String,
    pub unit_label: String,
}

impl From<IndicatorRow> for IndicatorOut {
    fn from(r: IndicatorRow) -> Self {
        IndicatorOut {
            id: r.id,
            code: r.code,
            name_vi: r.name_vi,
            name_en: r.name_en,
            formula: r.formula,
            unit_label: r.unit_label,
        }
    }
}

/// Every indicator, and the base codes formulas may read.
#[derive(Serialize, ToSchema)]
#[schema(as = IndicatorList)]
pub struct IndicatorsOut {
    pub items: Vec<IndicatorOut>,
    pub base_codes: Vec<String>,
}

/// A new indicator.
#[derive(Deserialize, ToSchema)]
#[schema(as = NewIndicator)]
pub struct IndicatorIn {
    /// Lower-case letters, digits, underscores.
    pub code: String,
    pub name_vi: String,
    pub name_en: String,
    /// Numbers, codes, + - * /, parentheses, min, max, if, comparisons.
    #[schema(example = "100 * adopt_zalo_group / households")]
    pub formula: String,
    #[serde(default)]
    pub unit_label: String,
}

impl From<IndicatorIn> for IndicatorInput {
    fn from(i: IndicatorIn) -> Self {
        IndicatorInput {
            code: i.code,
            name_vi: i.name_vi,
            name_en: i.name_en,
            formula: i.formula,
            unit_label: i.unit_label,
        }
    }
}

/// A new target for an indicator in a unit.
#[derive(Deserialize, ToSchema)]
#[schema(as = NewTarget)]
pub struct TargetIn {
    /// The indicator's code.
    pub indicator: String,
    /// The unit's code.
    pub unit: String,
    pub threshold: f64,
    #[schema(schema_with = keyed::<Direction>)]
    pub direction: String,
    pub deadline: NaiveDate,
}

impl From<TargetIn> for TargetInput {
    fn from(t: TargetIn) -> Self {
        TargetInput {
            indicator: t.indicator,
            unit: t.unit,
            threshold: t.threshold,
            direction: t.direction,
            deadline: t.deadline,
        }
    }
}

/// A value to enter or change.
#[derive(Deserialize, ToSchema)]
#[schema(as = ValueInput)]
pub struct ValueIn {
    /// The metric's code.
    pub metric: String,
    /// The unit's code.
    pub unit: String,
    /// 2022-06-30, 2022-06, 2022Q2, 2022S1 or 2022.
    pub period: String,
    pub value: f64,
    /// The version the editor saw; required to change an existing value.
    #[serde(default)]
    pub version: Option<i64>,
}

impl From<ValueIn> for ValueInput {
    fn from(v: ValueIn) -> Self {
        ValueInput {
            metric: v.metric,
            unit: v.unit,
            period: v.period,
            value: v.value,
            version: v.version,
        }
    }
}

/// A value as saved, with its new version.
#[derive(Serialize, ToSchema)]
#[schema(as = SavedValue)]
pub struct SavedValueOut {
    pub metric: String,
    pub unit: String,
    pub period: String,
    pub value: f64,
    pub version: i64,
}

impl From<SavedValue> for SavedValueOut {
    fn from(v: SavedValue) -> Self {
        SavedValueOut {
            metric: v.metric,
            unit: v.unit,
            period: v.period,
            value: v.value,
            version: v.version,
        }
    }
}
