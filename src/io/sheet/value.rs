//! Dates and numbers as Vietnamese files hold them: Excel serial dates and
//! date cells, `30/06/2022`, `30-6-2022`, `30.6.2022`, `2022-06-30`; numbers
//! written `1.234,5` (Vietnamese) or `1,234.5`, the style decided once per
//! column. Pure functions.

use chrono::{Datelike, NaiveDate, NaiveDateTime};

use super::cell::Cell;
use super::error::{DateProblem, ValueError};

/// The last serial Excel shows as a date: 9999-12-31.
const LAST_SERIAL: f64 = 2_958_465.0;

/// The day of an Excel serial number in the 1900 date system. Excel counts
/// 1900-02-29, which never was, as serial 60: serials from 61 on are one
/// day later than a count from 1899-12-31 gives, and 60 itself is refused.
pub(super) fn serial_date(serial: f64) -> Result<NaiveDate, DateProblem> {
    if !(1.0..LAST_SERIAL + 1.0).contains(&serial) {
        return Err(DateProblem::Serial(serial));
    }
    let days = serial.floor() as i64;
    let (epoch, days) = match days {
        60 => return Err(DateProblem::Excel1900LeapBug),
        d if d < 60 => (NaiveDate::from_ymd_opt(1899, 12, 31), d),
        d => (NaiveDate::from_ymd_opt(1899, 12, 30), d),
    };
    epoch
        .and_then(|e| e.checked_add_signed(chrono::Duration::days(days)))
        .ok_or(DateProblem::Serial(serial))
}

/// A date from a cell: a date cell, an Excel serial number, or text in one
/// of the forms Vietnamese files use (day first; or ISO `2022-06-30`). A
/// time after the date (`30/06/2022 08:15`) is ignored. Two-digit years are
/// refused: the century is not ours to guess.
pub fn parse_date(cell: &Cell) -> Result<NaiveDate, ValueError> {
    match cell {
        Cell::Date(d) => Ok(d.date()),
        Cell::Number(n) => serial_date(*n).map_err(|problem| ValueError::ImpossibleDate {
            value: cell.display(),
            problem,
        }),
        Cell::Text(t) if t.trim().is_empty() => Err(ValueError::Empty),
        Cell::Text(t) => parse_date_text(t.trim()),
        Cell::Empty => Err(ValueError::Empty),
        Cell::Bool(_) | Cell::Error(_) => Err(ValueError::NotADate {
            value: cell.display(),
        }),
    }
}

fn parse_date_text(text: &str) -> Result<NaiveDate, ValueError> {
    let not_date = || ValueError::NotADate {
        value: text.to_string(),
    };
    // Drop a time of day: "30/06/2022 08:15" or "2022-06-30T08:15:00".
    let date = text.split([' ', 'T']).next().unwrap_or(text);
    if date.len() != text.len() {
        let time = text[date.len() + 1..].trim();
        if !time
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b':' || b == b'.')
        {
            return Err(not_date());
        }
    }
    let sep = date
        .chars()
        .find(|c| matches!(c, '/' | '-' | '.'))
        .ok_or_else(not_date)?;
    let parts: Vec<&str> = date.split(sep).collect();
    if parts.len() != 3
        || parts
            .iter()
            .any(|p| p.is_empty() || p.len() > 4 || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return Err(not_date());
    }
    let num = |p: &str| p.parse::<u32>().map_err(|_| not_date());
    let (year, month, day, year_len) = if parts[0].len() == 4 {
        (num(parts[0])?, num(parts[1])?, num(parts[2])?, 4)
    } else if parts[0].len() <= 2 && parts[1].len() <= 2 {
        (
            num(parts[2])?,
            num(parts[1])?,
            num(parts[0])?,
            parts[2].len(),
        )
    } else {
        return Err(not_date());
    };
    let impossible = |problem| ValueError::ImpossibleDate {
        value: text.to_string(),
        problem,
    };
    if year_len != 4 {
        return Err(impossible(DateProblem::TwoDigitYear));
    }
    let year = year as i32;
    if !(1900..=9999).contains(&year) {
        return Err(impossible(DateProblem::Year(year)));
    }
    if !(1..=12).contains(&month) {
        return Err(impossible(DateProblem::Month(month)));
    }
    NaiveDate::from_ymd_opt(year, month, day)
        .ok_or_else(|| impossible(DateProblem::Day { day, month, year }))
}

/// A date and time from its parts, as calamine gives a date cell's.
pub(super) fn datetime_of(parts: (u16, u8, u8, u8, u8, u8, u16)) -> Option<NaiveDateTime> {
    let (y, m, d, hh, mm, ss, ms) = parts;
    NaiveDate::from_ymd_opt(y.into(), m.into(), d.into())
        .and_then(|date| date.and_hms_milli_opt(hh.into(), mm.into(), ss.into(), ms.into()))
        .filter(|dt| dt.year() >= 1900)
}

/// How a column writes its numbers: which character is the decimal point
/// and which groups thousands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberStyle {
    /// `1.234,5`: comma for decimals, dot between thousands.
    Vietnamese,
    /// `1,234.5`: dot for decimals, comma between thousands.
    English,
}

/// A column whose numbers could be read two ways. Each variant carries the
/// texts that show it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Ambiguous {
    /// Both styles appear: `vietnamese` reads only as `1.234,5`-style,
    /// `english` only as `1,234.5`-style.
    #[error("both styles in one column: {vietnamese} and {english}")]
    Mixed { vietnamese: String, english: String },
    /// Only values like `1.234` or `2,500`, a thousands group or decimals
    /// with nothing else in the column to tell which.
    #[error("cannot tell the style of {example}")]
    NoEvidence { example: String },
}

/// What one text says about the style.
#[derive(Debug, PartialEq)]
enum Evidence {
    Vietnamese,
    English,
    /// Reads both ways with different values (`1.234`).
    Either,
    /// No separator at all, or not a number: says nothing.
    None,
}

fn evidence(text: &str) -> Evidence {
    let t = strip_number(text);
    let t = t.strip_prefix(['-', '+']).unwrap_or(&t);
    if t.is_empty()
        || !t
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
    {
        return Evidence::None;
    }
    let (dots, commas) = (t.matches('.').count(), t.matches(',').count());
    match (dots, commas) {
        (0, 0) => Evidence::None,
        (_, 0) => one_separator(t, '.', dots, Evidence::Vietnamese, Evidence::English),
        (0, _) => one_separator(t, ',', commas, Evidence::English, Evidence::Vietnamese),
        _ if t.rfind(',') > t.rfind('.') => Evidence::Vietnamese,
        _ => Evidence::English,
    }
}

/// A text with one kind of separator `sep`: it groups thousands (`as_group`)
/// when it occurs twice or more, marks decimals (`as_decimal`) when it
/// cannot be a group (not three digits after it, or a leading `0`), and is
/// ambiguous otherwise.
fn one_separator(
    t: &str,
    sep: char,
    count: usize,
    as_group: Evidence,
    as_decimal: Evidence,
) -> Evidence {
    if count > 1 {
        return as_group;
    }
    let (int, frac) = t.split_once(sep).unwrap_or((t, ""));
    if frac.len() != 3 || int.is_empty() || int == "0" || int.len() > 3 {
        as_decimal
    } else {
        Evidence::Either
    }
}

/// White space (ordinary and no-break) inside a number is dropped.
fn strip_number(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}')
        .collect()
}

impl NumberStyle {
    /// The style of a column, from its text cells (numeric cells are numbers
    /// already and say nothing). The rule: a text with both `.` and `,`
    /// takes the last one as the decimal point; a separator written twice
    /// groups thousands; one written once with other than three digits
    /// after it, or after a `0` or more than three digits, is the decimal
    /// point; one written once before exactly three digits (`1.234`) could
    /// be either. The column is Vietnamese or English when every telling
    /// text agrees; both kinds is `Mixed`; only could-be-either texts is
    /// `NoEvidence`; no separators at all reads the same either way and is
    /// `Vietnamese`.
    pub fn decide<'a>(texts: impl IntoIterator<Item = &'a str>) -> Result<Self, Ambiguous> {
        let (mut vn, mut en, mut either) = (None, None, None);
        for text in texts {
            let slot = match evidence(text) {
                Evidence::Vietnamese => &mut vn,
                Evidence::English => &mut en,
                Evidence::Either => &mut either,
                Evidence::None => continue,
            };
            slot.get_or_insert_with(|| text.trim().to_string());
        }
        match (vn, en, either) {
            (Some(vietnamese), Some(english), _) => Err(Ambiguous::Mixed {
                vietnamese,
                english,
            }),
            (Some(_), None, _) => Ok(NumberStyle::Vietnamese),
            (None, Some(_), _) => Ok(NumberStyle::English),
            (None, None, Some(example)) => Err(Ambiguous::NoEvidence { example }),
            (None, None, None) => Ok(NumberStyle::Vietnamese),
        }
    }

    fn separators(self) -> (char, char) {
        match self {
            NumberStyle::Vietnamese => (',', '.'),
            NumberStyle::English => ('.', ','),
        }
    }
}

/// A number written in `style`. Thousands groups must be groups of three
/// (`1.23.4` is refused); white space inside is ignored.
pub fn parse_number(text: &str, style: NumberStyle) -> Result<f64, ValueError> {
    let bad = || ValueError::NotANumber {
        value: text.to_string(),
    };
    let t = strip_number(text);
    let (sign, body) = match t.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", t.strip_prefix('+').unwrap_or(&t)),
    };
    let (decimal, group) = style.separators();
    let (int, frac) = match body.split_once(decimal) {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    let groups: Vec<&str> = int.split(group).collect();
    let grouped_ok = groups.len() == 1
        || (!groups[0].is_empty()
            && groups[0].len() <= 3
            && groups[1..].iter().all(|g| g.len() == 3));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if !grouped_ok
        || int.is_empty() && frac.is_none_or(str::is_empty)
        || !groups.iter().all(|g| digits(g))
        || !frac.is_none_or(|f| !f.is_empty() && digits(f))
    {
        return Err(bad());
    }
    let plain = format!("{sign}{}.{}", groups.concat(), frac.unwrap_or("0"));
    plain.parse::<f64>().map_err(|_| bad())
}

/// A count: a whole number, not negative. A numeric cell must hold a whole
/// number (`3.0` is 3; `2.5` is refused); a text cell is read in `style`.
pub fn parse_whole(cell: &Cell, style: NumberStyle) -> Result<u64, ValueError> {
    let n = match cell {
        Cell::Number(n) => *n,
        Cell::Text(t) if t.trim().is_empty() => return Err(ValueError::Empty),
        Cell::Text(t) => parse_number(t, style)?,
        Cell::Empty => return Err(ValueError::Empty),
        _ => {
            return Err(ValueError::NotANumber {
                value: cell.display(),
            });
        }
    };
    let value = || cell.display();
    if n < 0.0 {
        return Err(ValueError::Negative { value: value() });
    }
    if n.fract() != 0.0 || n > 9.0e15 {
        return Err(ValueError::NotWhole { value: value() });
    }
    Ok(n as u64)
}
