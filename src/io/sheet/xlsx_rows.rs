//! The rows of an XLSX sheet, streamed: calamine's cell reader gives one
//! cell at a time from the sheet's XML, with its style id; cells are
//! gathered into a row until the next row starts. One row's cells are held
//! at a time (calamine keeps the shared-strings table, one copy of each
//! distinct text, for the whole workbook).

use calamine::{DataRef, XlsxCellReader};
use std::io::{Read, Seek};
use std::sync::Arc;

use super::cell::{Cell, Row};
use super::error::SheetError;
use super::workbook::date_cell;

pub(super) struct XlsxRows<'a, RS: Read + Seek> {
    reader: XlsxCellReader<'a, RS>,
    /// Font name per style id (the index into `cellXfs`).
    fonts: Arc<[Option<Arc<str>>]>,
    /// The first cell of the next row, read while finishing this one.
    pending: Option<(u32, u32, Cell, usize)>,
    file: String,
    done: bool,
}

impl<'a, RS: Read + Seek> XlsxRows<'a, RS> {
    pub(super) fn new(
        reader: XlsxCellReader<'a, RS>,
        fonts: Arc<[Option<Arc<str>>]>,
        file: String,
    ) -> Self {
        XlsxRows {
            reader,
            fonts,
            pending: None,
            file,
            done: false,
        }
    }

    fn next_cell(&mut self) -> Result<Option<(u32, u32, Cell, usize)>, SheetError> {
        if let Some(p) = self.pending.take() {
            return Ok(Some(p));
        }
        let next = self
            .reader
            .next_cell_with_style_id()
            .map_err(|e| super::detect::unreadable(&self.file, e))?;
        Ok(next.map(|(cell, style)| {
            let (row, col) = cell.get_position();
            (row, col, cell_of(cell.get_value()), style)
        }))
    }

    /// The next row with at least one cell, blank or not.
    pub(super) fn next_row(&mut self) -> Option<Result<Row, SheetError>> {
        if self.done {
            return None;
        }
        let mut row: Option<Row> = None;
        loop {
            let next = match self.next_cell() {
                Ok(n) => n,
                Err(e) => {
                    self.done = true;
                    return Some(Err(e));
                }
            };
            let Some((r, c, cell, style)) = next else {
                self.done = true;
                return row.map(Ok);
            };
            let current = row.get_or_insert_with(|| Row {
                number: r + 1,
                ..Row::default()
            });
            if current.number != r + 1 {
                self.pending = Some((r, c, cell, style));
                return row.map(Ok);
            }
            if cell.is_empty() {
                continue;
            }
            let c = c as usize;
            if current.cells.len() <= c {
                current.cells.resize(c + 1, Cell::Empty);
                current.fonts.resize(c + 1, None);
            }
            current.cells[c] = cell;
            current.fonts[c] = self.fonts.get(style).cloned().flatten();
        }
    }
}

fn cell_of(value: &DataRef<'_>) -> Cell {
    match value {
        DataRef::Empty => Cell::Empty,
        DataRef::Int(i) => Cell::Number(*i as f64),
        DataRef::Float(f) => Cell::Number(*f),
        DataRef::String(s) => Cell::Text(s.clone()),
        DataRef::SharedString(s) => Cell::Text((*s).to_string()),
        DataRef::Bool(b) => Cell::Bool(*b),
        DataRef::DateTime(d) => date_cell(d),
        DataRef::DateTimeIso(s) => super::workbook::iso_cell(s),
        DataRef::DurationIso(s) => Cell::Text(s.clone()),
        DataRef::Error(e) => Cell::Error(e.to_string()),
    }
}
