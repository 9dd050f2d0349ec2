//! Periods: a day, month, quarter, half-year or year, written one way:
//! `2022-06-30`, `2022-06`, `2022Q2`, `2022S1`, `2022`.
//!
//! A figure *on a date* and a figure *over a period* are different
//! questions: stocks (households) are read on a date, flows (guidance
//! sessions) are summed over a period. Both use this type.

use crate::i18n::messages::Msg;
use chrono::{DateTime, Datelike, Months, NaiveDate, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

use super::DomainError;

/// The years any date or period may fall in: a year outside is a typing
/// mistake (`20222`, `0022`), never a record of the programme.
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=2100;

/// Vietnam keeps UTC+7 all year (no daylight saving).
pub const VIETNAM_UTC_OFFSET_HOURS: i64 = 7;

/// The calendar date in Vietnam at `instant`: what "today" means for every
/// rule (a date may not be in the future, a status is read today, ...).
pub fn vietnam_date(instant: DateTime<Utc>) -> NaiveDate {
    (instant + chrono::Duration::hours(VIETNAM_UTC_OFFSET_HOURS)).date_naive()
}

/// A year within `YEARS`.
pub fn check_year(field: &str, year: i64) -> Result<i32, DomainError> {
    i32::try_from(year)
        .ok()
        .filter(|y| YEARS.contains(y))
        .ok_or_else(|| {
            DomainError::invalid(
                field,
                Msg::new("value.year_range")
                    .arg("min", YEARS.start())
                    .arg("max", YEARS.end())
                    .arg("value", year),
            )
        })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PeriodKind {
    Day,
    Month,
    Quarter,
    Half,
    Year,
}

impl PeriodKind {
    fn months(self) -> u32 {
        match self {
            PeriodKind::Day => 0,
            PeriodKind::Month => 1,
            PeriodKind::Quarter => 3,
            PeriodKind::Half => 6,
            PeriodKind::Year => 12,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            PeriodKind::Day => "day",
            PeriodKind::Month => "month",
            PeriodKind::Quarter => "quarter",
            PeriodKind::Half => "half-year",
            PeriodKind::Year => "year",
        }
    }
}

/// A period: its kind and first day (always the natural start).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Period {
    kind: PeriodKind,
    start: NaiveDate,
}

impl Period {
    pub fn day(d: NaiveDate) -> Self {
        Period {
            kind: PeriodKind::Day,
            start: d,
        }
    }

    /// The period of `kind` that contains `d`.
    pub fn containing(kind: PeriodKind, d: NaiveDate) -> Self {
        let m0 = match kind {
            PeriodKind::Day => return Period::day(d),
            PeriodKind::Month => d.month0(),
            PeriodKind::Quarter => d.month0() / 3 * 3,
            PeriodKind::Half => d.month0() / 6 * 6,
            PeriodKind::Year => 0,
        };
        let start = NaiveDate::from_ymd_opt(d.year(), m0 + 1, 1).expect("valid month start");
        Period { kind, start }
    }

    pub fn kind(&self) -> PeriodKind {
        self.kind
    }

    pub fn start(&self) -> NaiveDate {
        self.start
    }

    /// The last day, inclusive.
    pub fn end(&self) -> NaiveDate {
        match self.kind {
            PeriodKind::Day => self.start,
            k => self
                .start
                .checked_add_months(Months::new(k.months()))
                .and_then(|d| d.pred_opt())
                .expect("period end in range"),
        }
    }

    pub fn contains(&self, d: NaiveDate) -> bool {
        self.start <= d && d <= self.end()
    }

    /// True when `other` lies wholly inside this period.
    pub fn covers(&self, other: &Period) -> bool {
        self.start <= other.start && other.end() <= self.end()
    }

    /// The coarser period of `kind` containing this one (roll-up); `None`
    /// when `kind` is finer than this period's kind.
    pub fn roll_up(&self, kind: PeriodKind) -> Option<Period> {
        (kind >= self.kind).then(|| Period::containing(kind, self.start))
    }

    /// Month index (months since 2000-01), for compact keys.
    pub fn month_index(d: NaiveDate) -> i32 {
        (d.year() - 2000) * 12 + d.month0() as i32
    }

    /// The first day of the month with this index.
    pub fn month_start(index: i32) -> NaiveDate {
        NaiveDate::from_ymd_opt(
            2000 + index.div_euclid(12),
            index.rem_euclid(12) as u32 + 1,
            1,
        )
        .expect("month in range")
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m) = (self.start.year(), self.start.month());
        match self.kind {
            PeriodKind::Day => write!(f, "{}", self.start.format("%Y-%m-%d")),
            PeriodKind::Month => write!(f, "{y:04}-{m:02}"),
            PeriodKind::Quarter => write!(f, "{y:04}Q{}", (m - 1) / 3 + 1),
            PeriodKind::Half => write!(f, "{y:04}S{}", (m - 1) / 6 + 1),
            PeriodKind::Year => write!(f, "{y:04}"),
        }
    }
}

impl FromStr for Period {
    type Err = DomainError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let shown: String = s.chars().take(20).collect();
        let bad = || {
            DomainError::invalid(
                "period",
                Msg::new("value.period_format").arg("value", &shown),
            )
        };
        let b = s.as_bytes();
        let num = |r: std::ops::Range<usize>| -> Option<u32> {
            let part = s.get(r)?;
            part.bytes()
                .all(|c| c.is_ascii_digit())
                .then(|| part.parse().ok())?
        };
        let year = num(0..4)
            .filter(|y| YEARS.contains(&(*y as i32)))
            .ok_or_else(bad)? as i32;
        let ymd = |m: u32| NaiveDate::from_ymd_opt(year, m, 1).ok_or_else(bad);
        match (b.len(), b.get(4)) {
            (4, None) => Ok(Period {
                kind: PeriodKind::Year,
                start: ymd(1)?,
            }),
            (6, Some(b'Q')) => {
                let q = num(5..6).filter(|q| (1..=4).contains(q)).ok_or_else(bad)?;
                Ok(Period {
                    kind: PeriodKind::Quarter,
                    start: ymd(q * 3 - 2)?,
                })
            }
            (6, Some(b'S')) => {
                let h = num(5..6).filter(|h| (1..=2).contains(h)).ok_or_else(bad)?;
                Ok(Period {
                    kind: PeriodKind::Half,
                    start: ymd(h * 6 - 5)?,
                })
            }
            (7, Some(b'-')) => {
                let m = num(5..7).ok_or_else(bad)?;
                Ok(Period {
                    kind: PeriodKind::Month,
                    start: ymd(m)?,
                })
            }
            (10, Some(b'-')) => super::unit::parse_day("period", s).map(Period::day),
            _ => Err(bad()),
        }
    }
}

impl Serialize for Period {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Period {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn vietnam_date_turns_at_17_utc() {
        let at = |s: &str| s.parse::<DateTime<Utc>>().unwrap();
        assert_eq!(vietnam_date(at("2026-03-14T16:59:59Z")), d("2026-03-14"));
        assert_eq!(vietnam_date(at("2026-03-14T17:00:00Z")), d("2026-03-15"));
        assert_eq!(vietnam_date(at("2026-12-31T17:00:00Z")), d("2027-01-01"));
        assert_eq!(vietnam_date(at("2026-03-14T00:00:00Z")), d("2026-03-14"));
    }

    #[test]
    fn parse_and_print_round_trip() {
        for s in [
            "2022-06-30",
            "2022-06",
            "2022Q2",
            "2022S1",
            "2022",
            "2021Q4",
            "2022S2",
        ] {
            let p: Period = s.parse().unwrap();
            assert_eq!(p.to_string(), s);
        }
        let q: Period = "2022Q2".parse().unwrap();
        assert_eq!((q.start(), q.end()), (d("2022-04-01"), d("2022-06-30")));
        let h: Period = "2022S2".parse().unwrap();
        assert_eq!(h.end(), d("2022-12-31"));
        let m: Period = "2024-02".parse().unwrap();
        assert_eq!(m.end(), d("2024-02-29"));
    }

    #[test]
    fn bad_notation_is_refused_with_the_field() {
        for s in [
            "2022-13",
            "2022Q5",
            "2022S3",
            "22",
            "2022-6",
            "2022q2",
            "Q2-2022",
            "2022-06-31",
            "",
            "abcd",
        ] {
            let e = s.parse::<Period>().unwrap_err();
            assert_eq!(e.field(), "period", "{s}");
        }
    }

    #[test]
    fn containment_and_roll_up() {
        let day = Period::day(d("2022-05-17"));
        let month = day.roll_up(PeriodKind::Month).unwrap();
        assert_eq!(month.to_string(), "2022-05");
        assert_eq!(
            month.roll_up(PeriodKind::Quarter).unwrap().to_string(),
            "2022Q2"
        );
        assert_eq!(
            month.roll_up(PeriodKind::Half).unwrap().to_string(),
            "2022S1"
        );
        assert_eq!(month.roll_up(PeriodKind::Year).unwrap().to_string(), "2022");
        assert!(month.roll_up(PeriodKind::Day).is_none());
        let year: Period = "2022".parse().unwrap();
        assert!(year.covers(&month) && !month.covers(&year));
        assert!(year.contains(d("2022-12-31")) && !year.contains(d("2023-01-01")));
        assert_eq!(
            Period::month_start(Period::month_index(d("2022-06-30"))),
            d("2022-06-01")
        );
        assert_eq!(Period::month_index(d("1999-12-01")), -1);
        assert_eq!(Period::month_start(-1), d("1999-12-01"));
    }
}
