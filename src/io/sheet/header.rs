//! The header row of a sheet: which column holds what, found by name among
//! the first non-blank rows, forgiving case, diacritics and spacing, and
//! knowing synonyms ("Họ và tên chủ hộ", "Chủ hộ", "Tên chủ hộ"). A header
//! of two rows (group cells merged over the columns below them: "Ứng dụng"
//! over "VNeID" and "Thanh toán điện tử") is read as one.

use super::cell::{Cell, Row, column_letter};
use super::error::HeaderError;
use crate::domain::fold::search_key;

/// How many non-blank rows from the top may hold the header (a title, the
/// unit's name and a date often come first).
const SEARCH_ROWS: usize = 10;

/// How many non-blank rows from the top `find_header` looks at: the ten
/// that may start the header and the one below, for a two-row header. The
/// importer keeps this many rows from the stream before calling it.
pub const HEADER_ROWS: usize = SEARCH_ROWS + 1;

/// A column the importer knows: its key, the names a header may give it
/// (the first is the template's; the others are synonyms; a group and its
/// column may be written together, "Ứng dụng VNeID"), and whether a sheet
/// without it is refused.
#[derive(Debug, Clone, Copy)]
pub struct ColumnSpec {
    pub key: &'static str,
    pub names: &'static [&'static str],
    pub required: bool,
}

/// Where the header is and which column holds each known key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeaderMap {
    /// The header's last row as the spreadsheet shows it: data starts below.
    pub row: u32,
    /// The header's first row (the row of the groups in a two-row header).
    pub first_row: u32,
    /// Key and column index (A is 0), in the order of the specs.
    pub columns: Vec<(&'static str, usize)>,
    /// Columns whose header names nothing known: kept in the file, ignored
    /// by the import, listed in the preview. Column index and header text.
    pub unknown: Vec<(usize, String)>,
}

impl HeaderMap {
    pub fn get(&self, key: &str) -> Option<usize> {
        self.columns
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, c)| *c)
    }
}

/// A header cell folded for matching: no case, no diacritics, one space,
/// and no required-marker (`*`, `(*)`) or colon at the end.
fn fold_label(text: &str) -> String {
    let mut key = search_key(text);
    loop {
        let trimmed = key
            .trim_end_matches(['*', ':', ' '])
            .trim_end_matches("(*)")
            .trim_end();
        if trimmed.len() == key.len() {
            return key;
        }
        key = trimmed.to_string();
    }
}

fn label(cell: &Cell) -> Option<String> {
    match cell {
        Cell::Text(t) if !t.trim().is_empty() => Some(t.trim().to_string()),
        Cell::Empty | Cell::Text(_) => None,
        other => Some(other.display()),
    }
}

/// The names a column may go by, most specific first.
type Candidates = Vec<Vec<String>>;

fn single_labels(row: &Row) -> Candidates {
    row.cells
        .iter()
        .map(|c| label(c).into_iter().collect())
        .collect()
}

/// A two-row header: a column under a group is named by the group and its
/// own name together, or by its own name alone; a column whose cell is
/// merged down over both rows (its lower cell empty) by the upper one. A
/// merged group cell holds its text in its first column only: the text
/// carries right while the columns below it have names.
fn double_labels(upper: &Row, lower: &Row) -> Candidates {
    let width = upper.cells.len().max(lower.cells.len());
    let mut group: Option<String> = None;
    (0..width)
        .map(|c| {
            let up = label(upper.get(c));
            if up.is_some() {
                group = up.clone();
            }
            match label(lower.get(c)) {
                Some(lo) => match &group {
                    Some(g) => vec![format!("{g} {lo}"), lo],
                    None => vec![lo],
                },
                None => {
                    group = None;
                    up.into_iter().collect()
                }
            }
        })
        .collect()
}

struct Matched {
    /// Per spec, the column holding it.
    found: Vec<Option<usize>>,
    duplicate: Option<(&'static str, usize, usize)>,
    unknown: Vec<(usize, String)>,
}

fn match_labels(labels: &Candidates, specs: &[ColumnSpec], folded: &[Vec<String>]) -> Matched {
    let mut m = Matched {
        found: vec![None; specs.len()],
        duplicate: None,
        unknown: Vec::new(),
    };
    for (col, names) in labels.iter().enumerate() {
        let hit = names.iter().find_map(|name| {
            let key = fold_label(name);
            folded.iter().position(|f| f.contains(&key))
        });
        match hit {
            Some(s) => match m.found[s] {
                Some(first) => {
                    m.duplicate.get_or_insert((specs[s].key, first, col));
                }
                None => m.found[s] = Some(col),
            },
            None => {
                if let Some(name) = names.first() {
                    m.unknown.push((col, name.clone()));
                }
            }
        }
    }
    m
}

impl Matched {
    fn missing(&self, specs: &[ColumnSpec]) -> Vec<&'static str> {
        specs
            .iter()
            .zip(&self.found)
            .filter(|(s, f)| s.required && f.is_none())
            .map(|(s, _)| s.key)
            .collect()
    }

    fn count(&self) -> usize {
        self.found.iter().flatten().count()
    }
}

/// Find the header among the first rows of `sheet` (pass at least the first
/// `HEADER_ROWS` non-blank rows; blank rows are passed over): the first of the
/// first ten non-blank rows that holds every required column, read with the
/// row right below it as a two-row header when the two find more columns
/// together than either row alone.
pub fn find_header(
    sheet: &str,
    rows: &[Row],
    specs: &[ColumnSpec],
) -> Result<HeaderMap, HeaderError> {
    let folded: Vec<Vec<String>> = specs
        .iter()
        .map(|s| s.names.iter().map(|n| fold_label(n)).collect())
        .collect();
    let rows: Vec<&Row> = rows
        .iter()
        .filter(|r| !r.is_blank())
        .take(HEADER_ROWS)
        .collect();
    let mut best: Option<Vec<&'static str>> = None;
    for i in 0..rows.len().min(SEARCH_ROWS) {
        let single = match_labels(&single_labels(rows[i]), specs, &folded);
        // Two rows are one header when they are adjacent and together find
        // more than either alone (a title above a header adds nothing).
        let double = rows
            .get(i + 1)
            .filter(|lower| lower.number == rows[i].number + 1)
            .map(|lower| {
                let alone = match_labels(&single_labels(lower), specs, &folded).count();
                (
                    match_labels(&double_labels(rows[i], lower), specs, &folded),
                    alone,
                )
            });
        let (chosen, last) = match double {
            Some((d, alone))
                if d.missing(specs).is_empty()
                    && d.count() > single.count()
                    && d.count() > alone =>
            {
                (d, rows[i + 1])
            }
            _ => (single, rows[i]),
        };
        let missing = chosen.missing(specs);
        if !missing.is_empty() {
            if best.as_ref().is_none_or(|b| missing.len() < b.len()) {
                best = Some(missing);
            }
            continue;
        }
        if let Some((key, first, second)) = chosen.duplicate {
            return Err(HeaderError::Duplicate {
                sheet: sheet.to_string(),
                row: last.number,
                key,
                first: column_letter(first),
                second: column_letter(second),
            });
        }
        return Ok(HeaderMap {
            row: last.number,
            first_row: rows[i].number,
            columns: specs
                .iter()
                .zip(&chosen.found)
                .filter_map(|(s, f)| f.map(|c| (s.key, c)))
                .collect(),
            unknown: chosen.unknown,
        });
    }
    Err(HeaderError::NotFound {
        sheet: sheet.to_string(),
        missing: best
            .unwrap_or_else(|| specs.iter().filter(|s| s.required).map(|s| s.key).collect()),
    })
}
