//! A row of typed cells, as every format is read into, and what can be told
//! from one row alone (blank, a totals row).

use chrono::NaiveDateTime;
use std::sync::Arc;

use crate::domain::fold::search_key;

/// One cell's value. A formula gives its cached result; a cell formatted as
/// a date gives `Date`; CSV gives only `Text` and `Empty` (whether `1.234`
/// is a number depends on the column, see `NumberStyle`).
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    Bool(bool),
    Date(NaiveDateTime),
    /// An error value such as `#DIV/0!` or `#N/A`.
    Error(String),
}

impl Cell {
    /// The text of a text cell, trimmed; `None` for other cells and for text
    /// that is only white space.
    pub fn text(&self) -> Option<&str> {
        match self {
            Cell::Text(t) if !t.trim().is_empty() => Some(t.trim()),
            _ => None,
        }
    }

    pub fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }

    /// The value as written in an error report.
    pub fn display(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(t) | Cell::Error(t) => t.clone(),
            Cell::Number(n) => n.to_string(),
            Cell::Bool(b) => b.to_string(),
            Cell::Date(d) if d.time() == chrono::NaiveTime::MIN => {
                d.date().format("%d/%m/%Y").to_string()
            }
            Cell::Date(d) => d.format("%d/%m/%Y %H:%M:%S").to_string(),
        }
    }
}

/// One row of a sheet. `cells[0]` is column A; a row is as long as its last
/// non-empty cell. `fonts[i]` is the font of `cells[i]` where the format
/// tells it (XLSX); it is empty for CSV, XLS and ODS.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Row {
    /// The row number the spreadsheet shows (the first row is 1).
    pub number: u32,
    pub cells: Vec<Cell>,
    pub fonts: Vec<Option<Arc<str>>>,
}

const EMPTY: Cell = Cell::Empty;

impl Row {
    /// The cell in column `index` (A is 0); `Empty` past the row's end.
    pub fn get(&self, index: usize) -> &Cell {
        self.cells.get(index).unwrap_or(&EMPTY)
    }

    /// The font name of the cell in column `index`, where known.
    pub fn font(&self, index: usize) -> Option<&str> {
        self.fonts.get(index).and_then(|f| f.as_deref())
    }

    pub fn is_blank(&self) -> bool {
        self.cells.iter().all(Cell::is_empty)
    }
}

/// The column letters a spreadsheet shows: 0 is A, 25 is Z, 26 is AA.
pub fn column_letter(index: usize) -> String {
    let mut n = index + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        out.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// The words that open a totals row, folded ("Tổng cộng:" is "tong cong").
const TOTALS: [&str; 4] = ["tong", "tong cong", "cong", "tong so"];

/// True for a row whose first non-empty text cell says it sums the rows
/// above ("Tổng", "Tổng cộng", "Cộng", "Tổng số", any case or accents, a
/// trailing colon allowed): the importer skips it rather than read it as a
/// household named "Tổng cộng".
pub fn is_totals_row(row: &Row) -> bool {
    let Some(first) = row.cells.iter().find_map(Cell::text) else {
        return false;
    };
    let key = search_key(first);
    let key = key.trim_end_matches([':', '.', ' ']);
    TOTALS.contains(&key)
}
