//! Administrative units: levels, codes, types and one version of a unit.
//!
//! A unit version is a code, names, level, type and parent valid over an
//! interval of days. Codes are reused over time (15 was Yên Bái until
//! 2025-06-30 and is the new Lào Cai after), so a code alone never names a
//! unit: a code and a date do.

use crate::i18n::messages::Msg;
use chrono::NaiveDate;
use serde::Serialize;
use std::fmt;
use std::str::FromStr;

use super::DomainError;

/// The four levels, from the top.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Province,
    District,
    Commune,
    Village,
}

impl super::keyed::Keyed for Level {
    const KEYS: &'static [&'static str] = &["province", "district", "commune", "village"];
}

impl Level {
    pub const ALL: [Level; 4] = [
        Level::Province,
        Level::District,
        Level::Commune,
        Level::Village,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Level::Province => "province",
            Level::District => "district",
            Level::Commune => "commune",
            Level::Village => "village",
        }
    }

    pub fn index(self) -> usize {
        self as usize
    }

    /// The level in words, inside a message ("{code} is a {level}").
    pub fn words(self) -> Msg {
        Msg::new(match self {
            Level::Province => "unit.level_province",
            Level::District => "unit.level_district",
            Level::Commune => "unit.level_commune",
            Level::Village => "unit.level_village",
        })
    }

    /// Plural key used in counts ("communes").
    pub fn plural(self) -> &'static str {
        match self {
            Level::Province => "provinces",
            Level::District => "districts",
            Level::Commune => "communes",
            Level::Village => "villages",
        }
    }

    /// The unit types allowed at this level.
    pub fn types(self) -> &'static [&'static str] {
        match self {
            Level::Province => &["tỉnh", "thành phố trung ương"],
            Level::District => &["huyện", "thị xã", "thành phố", "quận"],
            Level::Commune => &["xã", "phường", "thị trấn", "đặc khu"],
            Level::Village => &["thôn", "bản", "tổ dân phố"],
        }
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Level {
    type Err = DomainError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Level::ALL
            .into_iter()
            .find(|l| l.as_str() == s)
            .ok_or_else(|| {
                DomainError::invalid("level", Msg::new("unit.level_values").arg("value", s))
            })
    }
}

/// A unit code as GSO writes it: 2 digits for a province, 3 for a district, 5
/// for a commune; villages (which have no official code) get their commune's
/// code followed by 3 digits.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct UnitCode(String);

impl UnitCode {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The level a code of this length names, if any. District codes (3
    /// digits) and communes (5) are told apart by length alone.
    pub fn implied_level(&self) -> Level {
        match self.0.len() {
            2 => Level::Province,
            3 => Level::District,
            5 => Level::Commune,
            _ => Level::Village,
        }
    }

    /// The code of village number `seq` (1..=999) of a commune.
    pub fn village(commune: &UnitCode, seq: u32) -> Result<UnitCode, DomainError> {
        if commune.implied_level() != Level::Commune {
            return Err(DomainError::invalid(
                "code",
                Msg::new("unit.villages_under_commune").arg("code", commune),
            ));
        }
        if !(1..=999).contains(&seq) {
            return Err(DomainError::invalid(
                "code",
                Msg::new("unit.max_villages").arg("value", seq),
            ));
        }
        Ok(UnitCode(format!("{}{seq:03}", commune.0)))
    }
}

impl fmt::Display for UnitCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for UnitCode {
    type Err = DomainError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let ok_len = matches!(s.len(), 2 | 3 | 5 | 8);
        if ok_len && s.bytes().all(|b| b.is_ascii_digit()) {
            Ok(UnitCode(s.to_owned()))
        } else {
            let shown: String = s.chars().take(20).collect();
            Err(DomainError::invalid(
                "code",
                Msg::new("unit.code_format").arg("value", shown),
            ))
        }
    }
}

/// Parse a day written `YYYY-MM-DD`, naming the field in the error.
pub fn parse_day(field: &str, s: &str) -> Result<NaiveDate, DomainError> {
    let shown: String = s.chars().take(20).collect();
    let bad = || DomainError::invalid(field, Msg::new("value.date_format").arg("value", shown));
    if s.len() != 10 {
        return Err(bad());
    }
    // ISO as machines write it, or day/month/year as people in Vietnam do.
    let format = if s.as_bytes()[2] == b'/' {
        "%d/%m/%Y"
    } else {
        "%Y-%m-%d"
    };
    let day = NaiveDate::parse_from_str(s, format).map_err(|_| bad())?;
    super::period::check_year(field, i64::from(chrono::Datelike::year(&day)))?;
    Ok(day)
}

/// One version of a unit, as stored and as held in the hierarchy cache.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnitVersion {
    pub id: i64,
    pub code: UnitCode,
    pub name: String,
    pub full_name: String,
    pub level: Level,
    #[serde(rename = "type")]
    pub unit_type: String,
    pub parent_id: Option<i64>,
    pub valid_from: NaiveDate,
    /// Last day of validity, inclusive; `None` while the version is current.
    pub valid_to: Option<NaiveDate>,
    /// True for generated demo units whose names are not real.
    pub synthetic: bool,
}

impl UnitVersion {
    pub fn valid_on(&self, day: NaiveDate) -> bool {
        self.valid_from <= day && self.valid_to.is_none_or(|to| day <= to)
    }
}

/// Check that a unit type belongs to the level.
pub fn check_type(level: Level, unit_type: &str) -> Result<(), DomainError> {
    if level.types().contains(&unit_type) {
        Ok(())
    } else {
        Err(DomainError::invalid(
            "type",
            Msg::new("unit.type_values")
                .arg_msg("level", level.words())
                .arg("types", level.types().join(", "))
                .arg("value", unit_type),
        ))
    }
}

/// Check a unit name: 1 to 100 characters, no control characters, no markup
/// characters. Returns the name in NFC with outer spaces trimmed.
pub fn clean_name(field: &str, raw: &str) -> Result<String, DomainError> {
    let name = super::fold::nfc(raw.trim());
    let len = name.chars().count();
    if len == 0 || len > 100 {
        return Err(DomainError::invalid(
            field,
            Msg::new("value.length_range")
                .arg("min", 1)
                .arg("max", 100)
                .arg("got", len),
        ));
    }
    if name.chars().any(super::fold::is_invisible) {
        return Err(DomainError::invalid(
            field,
            Msg::new("value.invisible_characters"),
        ));
    }
    if let Some(c) = name
        .chars()
        .find(|c| c.is_control() || matches!(c, '<' | '>' | '"' | ';' | '\\' | '`'))
    {
        return Err(DomainError::invalid(
            field,
            Msg::new("value.forbidden_character").arg("character", format!("{c:?}")),
        ));
    }
    Ok(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_parse_by_length() {
        assert_eq!(
            "15".parse::<UnitCode>().unwrap().implied_level(),
            Level::Province
        );
        assert_eq!(
            "136".parse::<UnitCode>().unwrap().implied_level(),
            Level::District
        );
        assert_eq!(
            "04387".parse::<UnitCode>().unwrap().implied_level(),
            Level::Commune
        );
        assert_eq!(
            "04387001".parse::<UnitCode>().unwrap().implied_level(),
            Level::Village
        );
        for bad in ["", "1", "1234", "abcde", "15'; drop", "043870011", "٠٤"] {
            assert!(bad.parse::<UnitCode>().is_err(), "{bad} should be refused");
        }
    }

    #[test]
    fn village_codes_derive_from_commune() {
        let commune: UnitCode = "04387".parse().unwrap();
        assert_eq!(UnitCode::village(&commune, 7).unwrap().as_str(), "04387007");
        assert!(UnitCode::village(&commune, 0).is_err());
        assert!(UnitCode::village(&commune, 1000).is_err());
        assert!(UnitCode::village(&"136".parse().unwrap(), 1).is_err());
    }

    #[test]
    fn days_parse_strictly() {
        let d = NaiveDate::from_ymd_opt(2022, 6, 30).unwrap();
        assert_eq!(parse_day("on", "2022-06-30").unwrap(), d);
        // People type day/month/year.
        assert_eq!(parse_day("on", "30/06/2022").unwrap(), d);
        assert_eq!(
            parse_day("on", "01/07/2025").unwrap().to_string(),
            "2025-07-01"
        );
        for bad in [
            "2022-6-30",
            "2022-13-01",
            "2022-02-30",
            "31/06/2022",
            "06/30/2022",
            "3/06/2022",
            "30/6/2022",
            "30-06-2022",
            "2022/06/30",
            "30/06/0000",
            "",
            "0000-01-01",
            "ắắắắắ",
        ] {
            let err = parse_day("on", bad).unwrap_err();
            assert!(err.to_string().contains("on"), "{err}");
        }
    }

    #[test]
    fn names_are_cleaned() {
        assert_eq!(
            clean_name("name", "  Khe Ba\u{0300}nh ").unwrap(),
            "Khe Bành"
        );
        assert!(clean_name("name", "").is_err());
        assert!(clean_name("name", "<script>").is_err());
        assert!(clean_name("name", "a'; DROP TABLE units; --").is_err());
        assert!(clean_name("name", &"x".repeat(101)).is_err());
        assert!(check_type(Level::Village, "thôn").is_ok());
        assert!(check_type(Level::Village, "xã").is_err());
    }
}
