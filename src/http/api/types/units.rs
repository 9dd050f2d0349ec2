//! Request and response shapes of the `units` area, and the unit as every
//! area shows it (`UnitOut`).

use chrono::NaiveDate;
use serde::Serialize;
use utoipa::ToSchema;

use super::keyed;
use crate::domain::unit::Level;
use crate::service::units::{Counts, UnitInfo};

/// A unit as read on one day.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = Unit)]
pub struct UnitOut {
    pub id: i64,
    /// The GSO code.
    pub code: String,
    pub name: String,
    /// The name with its type ("xã Châu Quế Hạ").
    pub full_name: String,
    #[schema(schema_with = keyed::<Level>)]
    pub level: Level,
    /// The unit type, in Vietnamese ("xã", "phường", "thôn").
    #[serde(rename = "type")]
    pub unit_type: String,
    pub parent_code: Option<String>,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
    /// Made up for the demo, not an official unit.
    pub synthetic: bool,
}

impl From<UnitInfo> for UnitOut {
    fn from(u: UnitInfo) -> Self {
        UnitOut {
            id: u.id,
            code: u.code,
            name: u.name,
            full_name: u.full_name,
            level: u.level,
            unit_type: u.unit_type,
            parent_code: u.parent_code,
            valid_from: u.valid_from,
            valid_to: u.valid_to,
            synthetic: u.synthetic,
        }
    }
}

/// Units per level.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = Counts)]
pub struct CountsOut {
    pub provinces: u32,
    pub districts: u32,
    pub communes: u32,
    pub villages: u32,
}

impl From<Counts> for CountsOut {
    fn from(c: Counts) -> Self {
        CountsOut {
            provinces: c.provinces,
            districts: c.districts,
            communes: c.communes,
            villages: c.villages,
        }
    }
}
