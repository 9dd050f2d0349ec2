//! The official unit lists (`data/admin-units/units-*.csv`) and the 2025
//! merge mapping (`merge-2025.csv`). Codes are read as text: they carry
//! leading zeros. Errors name the line and the field.

use crate::domain::DomainError;
use crate::domain::fold::nfc;
use crate::domain::unit::{Level, UnitCode};
use crate::domain::unit_list::ListRow;
use crate::i18n::messages::Msg;

/// The lists shipped with the binary, oldest first, and the day each starts
/// to hold. The 2022 list (published 2022-10-02) is taken to hold from
/// 2020-01-01, so that records from the programme's first years (2020-2021)
/// have units to belong to (Yên Bái's units did not change then); the 2024 list from 2025-01-01, when Yên Bái's five
/// commune changes took effect (nationally the 2023-2025 changes came on
/// several dates; no finer record exists). See data/admin-units/README.md.
pub const BUILTIN_LISTS: [(&str, &str, &str); 4] = [
    (
        "units-2022",
        "2020-01-01",
        include_str!("../../data/admin-units/units-2022.csv"),
    ),
    (
        "units-2024",
        "2025-01-01",
        include_str!("../../data/admin-units/units-2024.csv"),
    ),
    (
        "units-2025",
        "2025-07-01",
        include_str!("../../data/admin-units/units-2025.csv"),
    ),
    (
        "units-2026",
        "2026-04-30",
        include_str!("../../data/admin-units/units-2026.csv"),
    ),
];

/// Yên Bái's commune changes of 2025-01-01 as the data README states them
/// (two merges, two renames; the successors of Nga Quán, Bảo Hưng and Yên
/// Bình are not recorded), in the merge file's format. Written for tinhso
/// from data/admin-units/README.md.
pub const BUILTIN_MERGE_2025_01: (&str, &str, &str) = (
    "merge-2025-01-yen-bai",
    "2025-01-01",
    include_str!("../../data/admin-units/merge-2025-01-yen-bai.csv"),
);

/// The 2025 reform's succession mapping and the day it took effect.
pub const BUILTIN_MERGE: (&str, &str, &str) = (
    "merge-2025",
    "2025-07-01",
    include_str!("../../data/admin-units/merge-2025.csv"),
);

const UNIT_HEADER: [&str; 6] = ["code", "name", "full_name", "level", "type", "parent_code"];
const MERGE_HEADER: [&str; 9] = [
    "level",
    "old_code",
    "old_full_name",
    "old_parent_code",
    "new_code",
    "new_full_name",
    "new_parent_code",
    "kind",
    "note",
];

fn reader(text: &str) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(text.as_bytes())
}

fn check_header(rdr: &mut csv::Reader<&[u8]>, want: &[&str]) -> Result<(), DomainError> {
    let got = rdr.headers().map_err(|e| {
        DomainError::invalid(
            "header",
            Msg::new("unit.line").arg("line", 1).arg("message", e),
        )
    })?;
    let got: Vec<&str> = got.iter().collect();
    if got != want {
        return Err(DomainError::invalid(
            "header",
            Msg::new("unit.csv_columns")
                .arg("want", want.join(","))
                .arg("got", got.join(",")),
        ));
    }
    Ok(())
}

fn field<'r>(
    rec: &'r csv::StringRecord,
    i: usize,
    name: &str,
    line: usize,
) -> Result<&'r str, DomainError> {
    rec.get(i)
        .ok_or_else(|| DomainError::invalid(name, Msg::new("unit.line_missing").arg("line", line)))
}

fn code(raw: &str, name: &str, line: usize) -> Result<UnitCode, DomainError> {
    raw.parse().map_err(|e: DomainError| {
        DomainError::invalid(
            name,
            Msg::new("unit.line")
                .arg("line", line)
                .arg_msg("message", e.reason().clone()),
        )
    })
}

/// Parse a unit list.
pub fn parse_units(text: &str) -> Result<Vec<ListRow>, DomainError> {
    let mut rdr = reader(text);
    check_header(&mut rdr, &UNIT_HEADER)?;
    let mut rows = Vec::new();
    for (i, rec) in rdr.records().enumerate() {
        let line = i + 2;
        let rec = rec.map_err(|e| {
            DomainError::invalid(
                "row",
                Msg::new("unit.line").arg("line", line).arg("message", e),
            )
        })?;
        let level: Level = field(&rec, 3, "level", line)?
            .parse()
            .map_err(|e: DomainError| {
                DomainError::invalid(
                    "level",
                    Msg::new("unit.line")
                        .arg("line", line)
                        .arg_msg("message", e.reason().clone()),
                )
            })?;
        let code = code(field(&rec, 0, "code", line)?, "code", line)?;
        if code.implied_level() != level {
            return Err(DomainError::invalid(
                "code",
                Msg::new("unit.line_code_length")
                    .arg("line", line)
                    .arg("code", &code)
                    .arg_msg("implied", code.implied_level().words())
                    .arg_msg("level", level.words()),
            ));
        }
        let parent_raw = field(&rec, 5, "parent_code", line)?;
        let parent_code = if parent_raw.is_empty() {
            None
        } else {
            Some(self::code(parent_raw, "parent_code", line)?)
        };
        let name = nfc(field(&rec, 1, "name", line)?.trim());
        let full_name = nfc(field(&rec, 2, "full_name", line)?.trim());
        if name.is_empty() || full_name.is_empty() {
            return Err(DomainError::invalid(
                "name",
                Msg::new("unit.line_names_required").arg("line", line),
            ));
        }
        rows.push(ListRow {
            line,
            code,
            name,
            full_name,
            level,
            unit_type: nfc(field(&rec, 4, "type", line)?.trim()),
            parent_code,
        });
    }
    if rows.is_empty() {
        return Err(DomainError::invalid("rows", Msg::new("unit.list_empty")));
    }
    Ok(rows)
}

/// One row of the merge mapping.
#[derive(Debug, Clone, PartialEq)]
pub struct MergeRow {
    pub line: usize,
    pub old_code: UnitCode,
    pub new_code: UnitCode,
    pub full: bool,
    pub note: String,
}

/// Parse the merge mapping.
pub fn parse_merge(text: &str) -> Result<Vec<MergeRow>, DomainError> {
    let mut rdr = reader(text);
    check_header(&mut rdr, &MERGE_HEADER)?;
    let mut rows = Vec::new();
    for (i, rec) in rdr.records().enumerate() {
        let line = i + 2;
        let rec = rec.map_err(|e| {
            DomainError::invalid(
                "row",
                Msg::new("unit.line").arg("line", line).arg("message", e),
            )
        })?;
        let full = match field(&rec, 7, "kind", line)? {
            "full" => true,
            "partial" => false,
            other => {
                return Err(DomainError::invalid(
                    "kind",
                    Msg::new("unit.line_merge_kind")
                        .arg("line", line)
                        .arg("value", other),
                ));
            }
        };
        rows.push(MergeRow {
            line,
            old_code: code(field(&rec, 1, "old_code", line)?, "old_code", line)?,
            new_code: code(field(&rec, 4, "new_code", line)?, "new_code", line)?,
            full,
            note: field(&rec, 8, "note", line)?.to_owned(),
        });
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_lists_parse_with_the_documented_counts() {
        let counts = |name: &str| {
            let text = BUILTIN_LISTS.iter().find(|l| l.0 == name).unwrap().2;
            let rows = parse_units(text).unwrap();
            let n = |l: Level| rows.iter().filter(|r| r.level == l).count();
            (n(Level::Province), n(Level::District), n(Level::Commune))
        };
        assert_eq!(counts("units-2022"), (63, 705, 10590));
        assert_eq!(counts("units-2024"), (63, 696, 10035));
        assert_eq!(counts("units-2025"), (34, 0, 3321));
        assert_eq!(parse_merge(BUILTIN_MERGE.2).unwrap().len(), 10655);
    }

    #[test]
    fn errors_name_line_and_field() {
        let bad_header = "code,name\n15,Yên Bái\n";
        assert!(
            parse_units(bad_header)
                .unwrap_err()
                .to_string()
                .contains("header")
        );
        let bad_code = "code,name,full_name,level,type,parent_code\n15,A,Tỉnh A,province,tỉnh,\n1x6,B,Huyện B,district,huyện,15\n";
        let err = parse_units(bad_code).unwrap_err();
        assert_eq!(err.field(), "code");
        assert!(err.reason().to_string().contains("line 3"), "{err}");
        let bad_level = "code,name,full_name,level,type,parent_code\n15,A,Tỉnh A,region,tỉnh,\n";
        assert!(
            parse_units(bad_level)
                .unwrap_err()
                .reason()
                .to_string()
                .contains("line 2")
        );
        let mismatch = "code,name,full_name,level,type,parent_code\n150,A,Tỉnh A,province,tỉnh,\n";
        assert!(
            parse_units(mismatch)
                .unwrap_err()
                .reason()
                .to_string()
                .contains("length")
        );
        let bad_kind = "level,old_code,old_full_name,old_parent_code,new_code,new_full_name,new_parent_code,kind,note\ncommune,04387,X,136,04400,Y,15,some,\n";
        assert_eq!(parse_merge(bad_kind).unwrap_err().field(), "kind");
    }
}
