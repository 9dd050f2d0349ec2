//! The errors of reading a sheet, typed: each carries what a message needs
//! (file or sheet, row as the spreadsheet shows it, column letter, value).
//! The wording for people lives in the message catalogue, not here.

use thiserror::Error;

/// A file refused whole, or a sheet that cannot be read.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum SheetError {
    /// The bytes are not a spreadsheet or CSV, whatever the name says.
    /// `found` names what they are ("PDF", "PNG image", "zip archive"...).
    #[error("{file}: not a spreadsheet ({found})")]
    NotASpreadsheet { file: String, found: &'static str },
    /// `.xlsm`/`.xlsb` by name, or an XLSX holding a VBA project (`entry`).
    #[error("{file}: macro-enabled workbook")]
    MacroEnabled { file: String, entry: Option<String> },
    #[error("{file}: password-protected workbook")]
    PasswordProtected { file: String },
    /// The zip entries declare more bytes than allowed, together.
    #[error("{file}: unpacks to {unpacked} bytes, over {limit}")]
    TooLargeUnpacked {
        file: String,
        unpacked: u64,
        limit: u64,
    },
    /// One zip entry compresses more than a spreadsheet does.
    #[error("{file}: {entry} compressed {ratio}:1, over {limit}:1")]
    CompressionRatio {
        file: String,
        entry: String,
        ratio: u64,
        limit: u64,
    },
    /// `row` is the first row over the limit.
    #[error("{sheet}: more than {limit} rows (row {row})")]
    TooManyRows { sheet: String, row: u32, limit: u32 },
    #[error("{sheet}: more than {limit} columns (cell {column}{row})")]
    TooManyColumns {
        sheet: String,
        row: u32,
        column: String,
        limit: u32,
    },
    /// No worksheet that people can see.
    #[error("{file}: no visible worksheet")]
    EmptyWorkbook { file: String },
    #[error("{sheet}: the sheet is empty")]
    EmptySheet { sheet: String },
    #[error("no sheet named {sheet}")]
    NoSuchSheet { sheet: String },
    /// The reader failed inside the file (broken XML, truncated zip, an
    /// entry inflating past its declared size). `detail` is for the log.
    #[error("{file}: unreadable ({detail})")]
    Unreadable { file: String, detail: String },
}

/// The header row could not be found or is not usable.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum HeaderError {
    /// No row among the first non-blank ones holds every required column.
    /// `missing` lists the keys absent from the best candidate row.
    #[error("{sheet}: no header row (missing {missing:?})")]
    NotFound {
        sheet: String,
        missing: Vec<&'static str>,
    },
    /// Two columns of the header name the same thing.
    #[error("{sheet}: {key} in both {first}{row} and {second}{row}")]
    Duplicate {
        sheet: String,
        row: u32,
        key: &'static str,
        first: String,
        second: String,
    },
}

/// Why a date cannot exist.
#[derive(Debug, Clone, PartialEq)]
pub enum DateProblem {
    Month(u32),
    Day {
        day: u32,
        month: u32,
        year: i32,
    },
    /// Excel's serial 60, the 29 February 1900 that never was.
    Excel1900LeapBug,
    /// A serial number outside Excel's dates (1 to 2958465).
    Serial(f64),
    /// `30/06/22`: which century is not for us to guess.
    TwoDigitYear,
    Year(i32),
}

/// A cell's value does not fit what the column holds. Position (sheet, row,
/// column) is added by the caller, which knows it.
#[derive(Debug, Error, Clone, PartialEq)]
pub enum ValueError {
    #[error("empty")]
    Empty,
    #[error("not a date: {value}")]
    NotADate { value: String },
    #[error("impossible date {value}: {problem:?}")]
    ImpossibleDate { value: String, problem: DateProblem },
    #[error("not a number: {value}")]
    NotANumber { value: String },
    #[error("not a whole number: {value}")]
    NotWhole { value: String },
    #[error("negative: {value}")]
    Negative { value: String },
}
