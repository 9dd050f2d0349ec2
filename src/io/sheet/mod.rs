//! Spreadsheets and CSV files in, as rows of typed cells for the importer
//! (issue 12): which format a file is and the files refused whole (not a
//! spreadsheet, macro-enabled, password-protected, a zip bomb, too many rows
//! or columns, empty), the rows of one sheet (XLSX streamed, XLS and ODS
//! loaded, CSV from decoded text), the font of each XLSX cell and XLS text
//! cell (legacy Vietnamese encodings are told by font), dates and numbers
//! as Vietnamese files write them, the header row, and totals rows.
//!
//! Pure apart from reading the uploaded file; no database, no HTTP, no
//! messages for people (the errors are typed; the catalogue words them).
//! Decoding a CSV's bytes (UTF-16, Windows-1258, TCVN3, VNI) is not here.

mod cell;
mod csv_text;
mod detect;
mod error;
mod header;
mod value;
mod workbook;
mod xls_fonts;
mod xlsx_rows;

#[cfg(test)]
mod tests;

pub use cell::{Cell, Row, column_letter, is_totals_row};
pub use csv_text::{CsvRows, csv_rows};
pub use detect::{Format, detect};
pub use error::{DateProblem, HeaderError, SheetError, ValueError};
pub use header::{ColumnSpec, HEADER_ROWS, HeaderMap, find_header};
pub use value::{Ambiguous, NumberStyle, parse_date, parse_number, parse_whole};
pub use workbook::{Rows, Workbook};

/// What a file may hold before it is refused whole. `Limits::default()` is
/// the importer's: a large district's households fit with room to spare.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Data rows of one sheet (blank rows not counted).
    pub max_rows: u32,
    /// Columns of one sheet (A is 1).
    pub max_columns: u32,
    /// Sum of the uncompressed sizes the zip entries declare.
    pub max_unpacked: u64,
    /// Uncompressed to compressed size of one entry, checked for entries of
    /// at least `ratio_from` bytes (a small XML file compresses well).
    pub max_ratio: u64,
    pub ratio_from: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_rows: 200_000,
            max_columns: 256,
            max_unpacked: 256 * 1024 * 1024,
            max_ratio: 200,
            ratio_from: 1024 * 1024,
        }
    }
}
