//! Request and response shapes of the `units` area, and the unit as every
//! area shows it (`UnitOut`).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa::openapi::Object;
use utoipa::openapi::schema::{ObjectBuilder, Type};

use super::keyed;
use crate::domain::unit::Level;
use crate::service::units::{Counts, Link, NewVillage, SearchHit, UnitInfo, UnitRow};
use crate::store::units::LoadedList;

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

/// A unit with the units below it, per level.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = UnitRow)]
pub struct UnitRowOut {
    /// The id of this version of the unit.
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
    /// The last valid day; null while current.
    pub valid_to: Option<NaiveDate>,
    /// Made up for the demo, not an official unit.
    pub synthetic: bool,
    pub counts: CountsOut,
}

impl From<UnitRow> for UnitRowOut {
    fn from(r: UnitRow) -> Self {
        let u = r.unit;
        UnitRowOut {
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
            counts: r.counts.into(),
        }
    }
}

/// A search hit: a unit with its ancestors' names.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = SearchHit)]
pub struct SearchHitOut {
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
    /// The ancestors' full names, nearest first.
    pub path: Vec<String>,
}

impl From<SearchHit> for SearchHitOut {
    fn from(h: SearchHit) -> Self {
        let u = h.unit;
        SearchHitOut {
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
            path: h.path,
        }
    }
}

/// Units on a day (starting points, children).
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = UnitRowList)]
pub struct UnitRowListOut {
    pub on: NaiveDate,
    pub items: Vec<UnitRowOut>,
}

/// A unit's ancestors on a day, from the top.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = UnitList)]
pub struct UnitListOut {
    pub on: NaiveDate,
    pub items: Vec<UnitOut>,
}

/// The units a search found.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = SearchResult)]
pub struct SearchOut {
    pub on: NaiveDate,
    /// The search as asked.
    pub q: String,
    pub items: Vec<SearchHitOut>,
}

/// Counts per level below a unit on a day.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = UnitSummary)]
pub struct SummaryOut {
    pub on: NaiveDate,
    pub unit: UnitOut,
    pub counts: CountsOut,
}

/// Units per level over the whole country on a day (no unit: always null).
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = NationalSummary)]
pub struct NationalOut {
    pub on: NaiveDate,
    #[schema(schema_with = null)]
    pub unit: (),
    pub counts: CountsOut,
}

/// The schema of a field that is always `null`.
fn null() -> Object {
    ObjectBuilder::new().schema_type(Type::Null).build()
}

/// Where a unit version went, or came from, at a reorganisation.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = Link)]
pub struct LinkOut {
    pub code: String,
    pub full_name: String,
    /// "full" or "partial".
    pub kind: String,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
}

impl From<Link> for LinkOut {
    fn from(l: Link) -> Self {
        LinkOut {
            code: l.code,
            full_name: l.full_name,
            kind: l.kind,
            valid_from: l.valid_from,
            valid_to: l.valid_to,
        }
    }
}

/// What a unit version became, and what it was formed from.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = Successions)]
pub struct SuccessionsOut {
    pub on: NaiveDate,
    pub successors: Vec<LinkOut>,
    pub predecessors: Vec<LinkOut>,
}

/// A new village under a commune.
#[derive(Debug, Deserialize, ToSchema)]
#[schema(as = NewVillage)]
pub struct NewVillageIn {
    pub name: String,
    /// thôn, bản or tổ dân phố; default thôn (tổ dân phố in a phường).
    #[serde(rename = "type", default)]
    pub unit_type: Option<String>,
    /// The first day; default: the commune's first day.
    #[serde(default)]
    pub valid_from: Option<NaiveDate>,
    #[serde(default)]
    pub synthetic: bool,
}

impl From<NewVillageIn> for NewVillage {
    fn from(v: NewVillageIn) -> Self {
        NewVillage {
            name: v.name,
            unit_type: v.unit_type,
            valid_from: v.valid_from,
            synthetic: v.synthetic,
        }
    }
}

/// An official list or mapping loaded, with the day it holds from.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = UnitListLoaded)]
pub struct LoadedListOut {
    pub name: String,
    pub valid_from: NaiveDate,
    pub rows: i64,
}

impl From<LoadedList> for LoadedListOut {
    fn from(l: LoadedList) -> Self {
        LoadedListOut {
            name: l.name,
            valid_from: l.valid_from,
            rows: l.rows,
        }
    }
}

/// The official lists and mappings loaded.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = UnitLists)]
pub struct LoadedListsOut {
    pub items: Vec<LoadedListOut>,
}
