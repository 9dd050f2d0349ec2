//! The boundaries shipped with the binary (`data/geo/`, with their source
//! and licence), read from GeoJSON into `domain::geo::Shape`s.

use serde::Deserialize;

use crate::domain::geo::{Pt, Shape};

/// The 34 provinces, from 2025-07-01.
pub const PROVINCES_2025: &str = include_str!("../../data/geo/provinces-2025.geojson");
/// The 99 communes of Tỉnh Lào Cai (15), from 2025-07-01.
pub const LAO_CAI_COMMUNES_2025: &str =
    include_str!("../../data/geo/lao-cai-communes-2025.geojson");

#[derive(Deserialize)]
struct Collection {
    features: Vec<Feature>,
}

#[derive(Deserialize)]
struct Feature {
    properties: Properties,
    geometry: Geometry,
}

#[derive(Deserialize)]
struct Properties {
    code: String,
    full_name: String,
}

#[derive(Deserialize)]
#[serde(tag = "type")]
enum Geometry {
    Polygon {
        coordinates: Vec<Vec<[f64; 2]>>,
    },
    MultiPolygon {
        coordinates: Vec<Vec<Vec<[f64; 2]>>>,
    },
}

/// The units of a GeoJSON feature collection of (multi)polygons whose
/// properties name the unit (`code`, `full_name`).
pub fn read(text: &str) -> Result<Vec<Shape>, String> {
    let c: Collection = serde_json::from_str(text)
        .map_err(|e| format!("boundaries: line {}, column {}: {e}", e.line(), e.column()))?;
    let micro = |p: &[f64; 2]| -> Pt { ((p[0] * 1e6).round() as i64, (p[1] * 1e6).round() as i64) };
    Ok(c.features
        .into_iter()
        .map(|f| {
            let polygons = match f.geometry {
                Geometry::Polygon { coordinates } => vec![coordinates],
                Geometry::MultiPolygon { coordinates } => coordinates,
            };
            Shape {
                code: f.properties.code,
                name: f.properties.full_name,
                rings: polygons
                    .iter()
                    .flatten()
                    .map(|ring| ring.iter().map(micro).collect())
                    .collect(),
            }
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_boundaries_read_whole() {
        let p = read(PROVINCES_2025).unwrap();
        assert_eq!(p.len(), 34);
        let c = read(LAO_CAI_COMMUNES_2025).unwrap();
        assert_eq!(c.len(), 99);
        assert!(c.iter().all(|s| s.code.len() == 5 && !s.rings.is_empty()));
    }

    #[test]
    fn a_broken_file_says_where() {
        let e = read("{\"features\": [ {] }").unwrap_err();
        assert!(e.contains("line 1, column"), "{e}");
    }
}
