//! Which boundaries tinhso has for the children of a unit on a day, drawn
//! once per process (`domain::geo`): the 34 provinces and the 99 communes of
//! Lào Cai, both from 2025-07-01 (`data/geo/`). Before that day no
//! boundaries are shipped (the only source found is GPL), and the pages say
//! so.

use std::sync::OnceLock;

use chrono::NaiveDate;

use crate::domain::geo::{self, Drawing};
use crate::io::geo as files;

/// The first day the shipped boundaries are valid.
pub fn boundaries_from() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 7, 1).expect("a date")
}

/// Width of a drawn map, in CSS pixels (the SVG scales to the page).
const WIDTH: f64 = 800.0;
/// Detail finer than this many pixels is dropped.
const TOLERANCE: f64 = 0.6;

/// The province whose communes have boundaries.
pub const COMMUNES_OF: &str = "15";

/// The drawing of the children of `code` (`None`: the country's provinces)
/// on `day`, if boundaries exist for them.
pub fn children_of(code: Option<&str>, day: NaiveDate) -> Option<&'static Drawing> {
    if day < boundaries_from() {
        return None;
    }
    static PROVINCES: OnceLock<Drawing> = OnceLock::new();
    static COMMUNES: OnceLock<Drawing> = OnceLock::new();
    let (cell, text) = match code {
        None => (&PROVINCES, files::PROVINCES_2025),
        Some(COMMUNES_OF) => (&COMMUNES, files::LAO_CAI_COMMUNES_2025),
        Some(_) => return None,
    };
    Some(cell.get_or_init(|| {
        let shapes = files::read(text).expect("the shipped boundaries read (a unit test checks)");
        geo::draw(&shapes, WIDTH, TOLERANCE)
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lao_cai_is_drawn_with_its_99_communes_and_much_less_detail() {
        let day = boundaries_from();
        let d = children_of(Some(COMMUNES_OF), day).expect("drawn");
        assert_eq!(d.shapes.len(), 99);
        assert!(d.shapes.iter().all(|s| s.d.starts_with('M')));
        assert!(
            d.points_kept * 5 < d.points_in,
            "{} of {} points kept",
            d.points_kept,
            d.points_in
        );
        assert!(children_of(Some(COMMUNES_OF), day.pred_opt().unwrap()).is_none());
        assert!(children_of(Some("01"), day).is_none());
        assert_eq!(children_of(None, day).expect("provinces").shapes.len(), 34);
    }
}
