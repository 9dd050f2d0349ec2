//! Loading an official list of units on top of what is already recorded.
//!
//! Lists are snapshots (2022, 2024, 2025, 2026) loaded oldest first. A row
//! whose code, level, names, type and parent are the same as an open version
//! continues that version; any change closes the old version the day before
//! the list takes effect and opens a new one. Open versions the list no
//! longer has are closed. Names are compared ignoring where the tone mark
//! sits, since the 2026 list writes "Hoá" where the 2025 list writes "Hóa".
//! Pure planning; the store applies the plan in one transaction.

use crate::i18n::messages::Msg;
use chrono::NaiveDate;
use std::collections::HashMap;

use super::DomainError;
use super::fold::tone_insensitive_key;
use super::unit::{Level, UnitCode, UnitVersion};

/// One row of an official list, already checked for shape.
#[derive(Debug, Clone, PartialEq)]
pub struct ListRow {
    /// 1-based line number in the file, for error messages.
    pub line: usize,
    pub code: UnitCode,
    pub name: String,
    pub full_name: String,
    pub level: Level,
    pub unit_type: String,
    pub parent_code: Option<UnitCode>,
}

/// What loading a list changes.
#[derive(Debug, Default)]
pub struct LoadPlan {
    /// New versions, with ids already allocated (parents before children).
    pub new_versions: Vec<UnitVersion>,
    /// Versions to close: (id, last valid day).
    pub closes: Vec<(i64, NaiveDate)>,
    /// Rows that continued an open version.
    pub unchanged: usize,
}

/// Plan the load of `rows` effective from `from`. `open` holds the versions
/// that are current (no end date), `next_id` the first free id.
pub fn plan_load(
    open: &[UnitVersion],
    rows: &[ListRow],
    from: NaiveDate,
    next_id: i64,
) -> Result<LoadPlan, DomainError> {
    let day_before = from
        .pred_opt()
        .ok_or_else(|| DomainError::invalid("valid_from", Msg::new("value.date_out_of_range")))?;
    if let Some(later) = open.iter().find(|u| u.valid_from >= from) {
        return Err(DomainError::invalid(
            "valid_from",
            Msg::new("unit.lists_oldest_first")
                .arg("code", &later.code)
                .arg("start", later.valid_from.format("%d/%m/%Y"))
                .arg("from", from.format("%d/%m/%Y")),
        ));
    }
    let mut by_code: HashMap<&str, &UnitVersion> = HashMap::new();
    for u in open.iter().filter(|u| u.level != Level::Village) {
        by_code.insert(u.code.as_str(), u);
    }
    check_rows(rows)?;

    let mut plan = LoadPlan::default();
    let mut id = next_id;
    // The id each code of the new list resolves to.
    let mut resolved: HashMap<&str, i64> = HashMap::new();
    let mut continued: std::collections::HashSet<i64> = Default::default();
    let mut sorted: Vec<&ListRow> = rows.iter().collect();
    sorted.sort_by_key(|r| (r.level, r.line));
    for row in sorted {
        let parent_id = match &row.parent_code {
            None => None,
            Some(pc) => Some(*resolved.get(pc.as_str()).ok_or_else(|| {
                DomainError::invalid(
                    "parent_code",
                    Msg::new("unit.line_parent_missing")
                        .arg("line", row.line)
                        .arg("parent", pc)
                        .arg("code", &row.code),
                )
            })?),
        };
        let same = by_code.get(row.code.as_str()).filter(|u| {
            u.level == row.level
                && u.parent_id == parent_id
                && u.unit_type == row.unit_type
                && tone_insensitive_key(&u.name) == tone_insensitive_key(&row.name)
                && tone_insensitive_key(&u.full_name) == tone_insensitive_key(&row.full_name)
        });
        match same {
            Some(u) => {
                resolved.insert(row.code.as_str(), u.id);
                continued.insert(u.id);
                plan.unchanged += 1;
            }
            None => {
                resolved.insert(row.code.as_str(), id);
                plan.new_versions.push(UnitVersion {
                    id,
                    code: row.code.clone(),
                    name: row.name.clone(),
                    full_name: row.full_name.clone(),
                    level: row.level,
                    unit_type: row.unit_type.clone(),
                    parent_id,
                    valid_from: from,
                    valid_to: None,
                    synthetic: false,
                });
                id += 1;
            }
        }
    }
    // Close what the list no longer has. Villages are not in official lists:
    // they stay while their commune continues and close with it.
    let mut closed: std::collections::HashSet<i64> = Default::default();
    let mut by_level: Vec<&UnitVersion> = open.iter().collect();
    by_level.sort_by_key(|u| u.level);
    for u in by_level {
        let parent_closed = u.parent_id.is_some_and(|p| closed.contains(&p));
        let gone = if u.level == Level::Village {
            parent_closed
        } else {
            !continued.contains(&u.id)
        };
        if gone {
            closed.insert(u.id);
            plan.closes.push((u.id, day_before));
        }
    }
    Ok(plan)
}

/// Codes unique, levels consistent with codes and parents, types valid.
fn check_rows(rows: &[ListRow]) -> Result<(), DomainError> {
    let mut seen: HashMap<&str, &ListRow> = HashMap::new();
    for r in rows {
        if let Some(first) = seen.insert(r.code.as_str(), r) {
            return Err(DomainError::invalid(
                "code",
                Msg::new("unit.line_code_repeated")
                    .arg("line", r.line)
                    .arg("code", &r.code)
                    .arg("first", first.line),
            ));
        }
        if r.level == Level::Village {
            return Err(DomainError::invalid(
                "level",
                Msg::new("unit.line_no_villages").arg("line", r.line),
            ));
        }
        super::unit::check_type(r.level, &r.unit_type).map_err(|e| {
            DomainError::invalid(
                "type",
                Msg::new("unit.line")
                    .arg("line", r.line)
                    .arg_msg("message", e.reason().clone()),
            )
        })?;
        if (r.level == Level::Province) != r.parent_code.is_none() {
            return Err(DomainError::invalid(
                "parent_code",
                Msg::new("unit.line_province_parent").arg("line", r.line),
            ));
        }
    }
    for r in rows {
        if let Some(pc) = &r.parent_code {
            match seen.get(pc.as_str()) {
                Some(p) if p.level < r.level => {}
                Some(p) => {
                    return Err(DomainError::invalid(
                        "parent_code",
                        Msg::new("unit.line_parent_level")
                            .arg("line", r.line)
                            .arg("parent", pc)
                            .arg_msg("parent_level", p.level.words())
                            .arg_msg("level", r.level.words()),
                    ));
                }
                None => {
                    return Err(DomainError::invalid(
                        "parent_code",
                        Msg::new("unit.line_parent_missing")
                            .arg("line", r.line)
                            .arg("parent", pc)
                            .arg("code", &r.code),
                    ));
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(line: usize, code: &str, name: &str, level: Level, parent: Option<&str>) -> ListRow {
        ListRow {
            line,
            code: code.parse().unwrap(),
            name: name.into(),
            full_name: format!("{} {name}", level.types()[0]),
            level,
            unit_type: level.types()[0].into(),
            parent_code: parent.map(|p| p.parse().unwrap()),
        }
    }

    fn apply(open: &mut Vec<UnitVersion>, plan: &LoadPlan) {
        for (id, to) in &plan.closes {
            open.iter_mut().find(|u| u.id == *id).unwrap().valid_to = Some(*to);
        }
        open.retain(|u| u.valid_to.is_none());
        open.extend(plan.new_versions.iter().cloned());
    }

    #[test]
    fn unchanged_units_continue_and_changes_open_versions() {
        use Level::*;
        let d1: NaiveDate = "2022-01-01".parse().unwrap();
        let d2: NaiveDate = "2025-01-01".parse().unwrap();
        let first = vec![
            row(2, "15", "Yên Bái", Province, None),
            row(3, "136", "Văn Yên", District, Some("15")),
            row(4, "04264", "Nguyễn Phúc", Commune, Some("136")),
            row(5, "04267", "Hồng Hà", Commune, Some("136")),
        ];
        let plan = plan_load(&[], &first, d1, 1).unwrap();
        assert_eq!(plan.new_versions.len(), 4);
        let mut open = plan.new_versions.clone();
        // A village under the commune that will disappear.
        open.push(UnitVersion {
            id: 100,
            code: "04267001".parse().unwrap(),
            name: "Thôn 1".into(),
            full_name: "Thôn 1".into(),
            level: Village,
            unit_type: "thôn".into(),
            parent_id: Some(4),
            valid_from: d1,
            valid_to: None,
            synthetic: true,
        });
        let second = vec![
            row(2, "15", "Yên Bái", Province, None),
            row(3, "136", "Văn Yên", District, Some("15")),
            row(4, "04264", "Hồng Hà", Commune, Some("136")),
        ];
        let plan = plan_load(&open, &second, d2, 101).unwrap();
        assert_eq!(plan.unchanged, 2);
        assert_eq!(plan.new_versions.len(), 1);
        assert_eq!(plan.new_versions[0].id, 101);
        assert_eq!(plan.new_versions[0].parent_id, Some(2));
        let closed: Vec<i64> = plan.closes.iter().map(|c| c.0).collect();
        assert_eq!(closed, vec![3, 4, 100]);
        assert!(plan.closes.iter().all(|c| c.1.to_string() == "2024-12-31"));
        apply(&mut open, &plan);
        // Loading an older list after a newer one is refused.
        assert!(plan_load(&open, &second, d1, 200).is_err());
    }

    #[test]
    fn tone_position_is_not_a_rename() {
        use Level::*;
        let d1: NaiveDate = "2025-07-01".parse().unwrap();
        let plan = plan_load(&[], &[row(2, "38", "Thanh Hóa", Province, None)], d1, 1).unwrap();
        let open = plan.new_versions;
        let plan = plan_load(
            &open,
            &[row(2, "38", "Thanh Hoá", Province, None)],
            "2026-04-30".parse().unwrap(),
            2,
        )
        .unwrap();
        assert!(plan.new_versions.is_empty() && plan.closes.is_empty());
    }

    #[test]
    fn bad_lists_are_refused_with_the_line() {
        use Level::*;
        let d: NaiveDate = "2022-01-01".parse().unwrap();
        let dup = vec![
            row(2, "15", "A", Province, None),
            row(3, "15", "B", Province, None),
        ];
        assert!(
            plan_load(&[], &dup, d, 1)
                .unwrap_err()
                .to_string()
                .contains("line 3")
        );
        let orphan = vec![row(2, "136", "A", District, Some("15"))];
        assert!(
            plan_load(&[], &orphan, d, 1)
                .unwrap_err()
                .to_string()
                .contains("line 2")
        );
        let upside = vec![
            row(2, "15", "A", Province, None),
            row(3, "04387", "B", Commune, Some("15")),
            row(4, "136", "C", District, Some("04387")),
        ];
        assert!(plan_load(&[], &upside, d, 1).is_err());
    }
}
