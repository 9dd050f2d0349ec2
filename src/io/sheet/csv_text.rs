//! A CSV file's rows, from text already decoded (the encoding is detected
//! and converted elsewhere). The delimiter (comma, semicolon or tab) is told
//! from the first non-blank line; every cell is text, since whether `1.234`
//! is a number depends on its column (see `NumberStyle`).

use super::Limits;
use super::cell::{Cell, Row, column_letter};
use super::error::SheetError;

/// The rows of a CSV text; blank rows are left out and `number` is the
/// record's number as a spreadsheet opening the file shows it (a quoted
/// value spanning lines is one row).
pub struct CsvRows<'a> {
    records: csv::StringRecordsIntoIter<&'a [u8]>,
    name: String,
    limits: Limits,
    number: u32,
    text: &'a str,
    /// Where the last record read starts, and the newlines before it.
    byte: usize,
    newlines: u64,
    /// The last line of the last record read.
    line: u64,
    read: u32,
    done: bool,
}

/// Read `text` (the CSV uploaded as `name`) as rows. A byte-order mark left
/// at the start is dropped.
pub fn csv_rows<'a>(name: &str, text: &'a str, limits: Limits) -> CsvRows<'a> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let delimiter = delimiter(text);
    let records = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes())
        .into_records();
    CsvRows {
        records,
        name: name.to_string(),
        limits,
        number: 0,
        text,
        byte: 0,
        newlines: 0,
        line: 0,
        read: 0,
        done: false,
    }
}

/// The delimiter of the first non-blank line: whichever of `,` `;` and tab
/// occurs most there outside quotes (a tie goes to `;`); a comma when none
/// does. A Vietnamese
/// Excel saves "CSV" with `;`, since its decimal point is `,`.
fn delimiter(text: &str) -> u8 {
    let line = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let mut counts = [(b',', 0), (b';', 0), (b'\t', 0)];
    let mut quoted = false;
    for b in line.bytes() {
        if b == b'"' {
            quoted = !quoted;
        } else if !quoted {
            for (d, n) in counts.iter_mut() {
                if *d == b {
                    *n += 1;
                }
            }
        }
    }
    // The last of equal counts wins: a tie goes to the semicolon.
    let counts = [counts[2], counts[0], counts[1]];
    counts
        .iter()
        .max_by_key(|(_, n)| *n)
        .filter(|(_, n)| *n > 0)
        .map_or(b',', |(d, _)| *d)
}

impl Iterator for CsvRows<'_> {
    type Item = Result<Row, SheetError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        loop {
            let record = match self.records.next() {
                None => {
                    self.done = true;
                    return (self.read == 0).then(|| {
                        Err(SheetError::EmptySheet {
                            sheet: self.name.clone(),
                        })
                    });
                }
                Some(Err(e)) => {
                    self.done = true;
                    return Some(Err(SheetError::Unreadable {
                        file: self.name.clone(),
                        detail: e.to_string(),
                    }));
                }
                Some(Ok(record)) => record,
            };
            // A spreadsheet shows a blank line as a row and a quoted value
            // spanning lines as one: count from the record's first line.
            // (The reader's line count passes over blank lines, and its
            // position is where it started looking, before them: count the
            // newlines before the record's first byte.)
            let bytes = self.text.as_bytes();
            let mut byte = record
                .position()
                .map_or(self.byte, |p| p.byte() as usize)
                .clamp(self.byte, bytes.len());
            while byte < bytes.len() && matches!(bytes[byte], b'\r' | b'\n') {
                byte += 1;
            }
            self.newlines += bytes[self.byte..byte]
                .iter()
                .filter(|b| **b == b'\n')
                .count() as u64;
            self.byte = byte;
            let line = self.newlines + 1;
            let blank = line.saturating_sub(self.line + 1);
            self.number += 1 + blank as u32;
            self.line = line
                + record
                    .iter()
                    .map(|f| f.matches('\n').count() as u64)
                    .sum::<u64>();
            let mut cells: Vec<Cell> = record
                .iter()
                .map(|v| {
                    if v.trim().is_empty() {
                        Cell::Empty
                    } else {
                        Cell::Text(v.to_string())
                    }
                })
                .collect();
            while cells.last().is_some_and(Cell::is_empty) {
                cells.pop();
            }
            if cells.is_empty() {
                continue;
            }
            self.read += 1;
            let error = if self.read > self.limits.max_rows {
                Some(SheetError::TooManyRows {
                    sheet: self.name.clone(),
                    row: self.number,
                    limit: self.limits.max_rows,
                })
            } else if cells.len() > self.limits.max_columns as usize {
                Some(SheetError::TooManyColumns {
                    sheet: self.name.clone(),
                    row: self.number,
                    column: column_letter(cells.len() - 1),
                    limit: self.limits.max_columns,
                })
            } else {
                None
            };
            if let Some(e) = error {
                self.done = true;
                return Some(Err(e));
            }
            return Some(Ok(Row {
                number: self.number,
                cells,
                fonts: Vec::new(),
            }));
        }
    }
}
