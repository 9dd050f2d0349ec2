//! A workbook opened for the importer: refused whole before it is parsed
//! (see `detect`), then one sheet's rows. XLSX rows are streamed from the
//! sheet's XML; XLS and ODS sheets are loaded whole by calamine (it has no
//! streaming reader for them) and converted a row at a time.

use calamine::{
    Data, Ods, OdsError, Range, Reader, SheetType, SheetVisible, Xls, XlsError, Xlsx, XlsxError,
};
use std::collections::{BTreeSet, HashMap};
use std::fs::File;
use std::io::BufReader;
use std::path::Path;
use std::sync::Arc;

use super::Limits;
use super::cell::{Cell, Row, column_letter};
use super::detect::{Format, detect, unreadable};
use super::error::SheetError;
use super::value::datetime_of;
use super::xls_fonts::{self, CellFonts};
use super::xlsx_rows::XlsxRows;

type Input = BufReader<File>;

enum Inner {
    Xlsx(Box<Xlsx<Input>>),
    Xls(Box<Xls<Input>>),
    Ods(Box<Ods<Input>>),
}

/// An uploaded XLSX, XLS or ODS, checked and opened: its visible sheets,
/// its fonts, and one sheet's rows at a time.
pub struct Workbook {
    file: String,
    format: Format,
    limits: Limits,
    inner: Inner,
    /// Font name per XLSX style id; empty for XLS and ODS.
    style_fonts: Arc<[Option<Arc<str>>]>,
    /// XLS only: the workbook's fonts, and each sheet's text cells' fonts.
    xls_fonts: Vec<Arc<str>>,
    xls_cells: HashMap<String, Arc<CellFonts>>,
}

impl Workbook {
    /// Open the spreadsheet at `path`, uploaded as `file_name`, refusing it
    /// whole where `detect` does. A CSV is refused here as not a workbook:
    /// decode it and read it with `csv_rows`.
    pub fn open(path: &Path, file_name: &str, limits: Limits) -> Result<Self, SheetError> {
        let file = file_name.to_string();
        let mut input = BufReader::new(File::open(path).map_err(|e| unreadable(&file, e))?);
        let format = detect(file_name, &mut input, &limits)?;
        let inner = match format {
            Format::Xlsx => Inner::Xlsx(Box::new(
                Xlsx::new(input).map_err(|e| xlsx_error(&file, e))?,
            )),
            Format::Xls => Inner::Xls(Box::new(Xls::new(input).map_err(|e| xls_error(&file, e))?)),
            Format::Ods => Inner::Ods(Box::new(Ods::new(input).map_err(|e| ods_error(&file, e))?)),
            Format::Csv => {
                return Err(SheetError::NotASpreadsheet {
                    file,
                    found: "CSV text",
                });
            }
        };
        let mut book = Workbook {
            file,
            format,
            limits,
            inner,
            style_fonts: Arc::from(Vec::new()),
            xls_fonts: Vec::new(),
            xls_cells: HashMap::new(),
        };
        book.style_fonts = book.read_style_fonts();
        if format == Format::Xls {
            // calamine reads no XLS styles: the BIFF records are read here,
            // from the whole file (an XLS is at most a few tens of MB).
            let bytes = std::fs::read(path).map_err(|e| unreadable(&book.file, e))?;
            let fonts = xls_fonts::read(&bytes);
            book.xls_fonts = fonts.names;
            book.xls_cells = fonts.sheets;
        }
        Ok(book)
    }

    pub fn format(&self) -> Format {
        self.format
    }

    fn reader_sheets(&self) -> &[calamine::Sheet] {
        match &self.inner {
            Inner::Xlsx(x) => x.sheets_metadata(),
            Inner::Xls(x) => x.sheets_metadata(),
            Inner::Ods(x) => x.sheets_metadata(),
        }
    }

    /// The worksheets people can see, in workbook order (hidden sheets,
    /// chart sheets and macro sheets left out).
    pub fn sheet_names(&self) -> Vec<String> {
        self.reader_sheets()
            .iter()
            .filter(|s| s.typ == SheetType::WorkSheet && s.visible == SheetVisible::Visible)
            .map(|s| s.name.clone())
            .collect()
    }

    /// The sheet read when none is named: the first visible worksheet.
    pub fn default_sheet(&self) -> Result<String, SheetError> {
        self.sheet_names()
            .into_iter()
            .next()
            .ok_or_else(|| SheetError::EmptyWorkbook {
                file: self.file.clone(),
            })
    }

    /// The font names the workbook's cell formats use (XLSX) or defines
    /// (XLS), sorted, each once; none for ODS, whose styles are not read.
    pub fn fonts(&self) -> Vec<String> {
        let names: BTreeSet<&str> = self
            .style_fonts
            .iter()
            .flatten()
            .chain(&self.xls_fonts)
            .map(|f| &**f)
            .collect();
        names.into_iter().map(str::to_string).collect()
    }

    /// Calamine gives the style palette through a sheet's cell reader only.
    fn read_style_fonts(&mut self) -> Arc<[Option<Arc<str>>]> {
        let Inner::Xlsx(x) = &mut self.inner else {
            return Arc::from(Vec::new());
        };
        // Any worksheet will do (a chart sheet has no cell reader).
        for name in x.sheet_names() {
            if let Ok(reader) = x.worksheet_cells_reader(&name) {
                return reader
                    .styles()
                    .iter()
                    .map(|s| {
                        s.font
                            .as_ref()
                            .and_then(|f| f.name.as_deref())
                            .map(Arc::from)
                    })
                    .collect();
            }
        }
        Arc::from(Vec::new())
    }

    /// The rows of `sheet` (the default sheet when `None`; by name, a hidden
    /// sheet too), blank rows left out, each checked against the row and
    /// column limits. An empty sheet gives one `EmptySheet` error.
    pub fn rows(&mut self, sheet: Option<&str>) -> Result<Rows<'_>, SheetError> {
        let sheet = match sheet {
            Some(name) => {
                if !self.reader_sheets().iter().any(|s| s.name == name) {
                    return Err(SheetError::NoSuchSheet {
                        sheet: name.to_string(),
                    });
                }
                name.to_string()
            }
            None => self.default_sheet()?,
        };
        let file = self.file.clone();
        let source = match &mut self.inner {
            Inner::Xlsx(x) => {
                let reader = x
                    .worksheet_cells_reader(&sheet)
                    .map_err(|e| xlsx_error(&file, e))?;
                Source::Stream(Box::new(XlsxRows::new(
                    reader,
                    self.style_fonts.clone(),
                    file,
                )))
            }
            Inner::Xls(x) => {
                let range = x.worksheet_range(&sheet).map_err(|e| xls_error(&file, e))?;
                Source::Loaded(range, 0, self.xls_cells.get(&sheet).cloned())
            }
            Inner::Ods(x) => {
                let range = x.worksheet_range(&sheet).map_err(|e| ods_error(&file, e))?;
                Source::Loaded(range, 0, None)
            }
        };
        Ok(Rows {
            sheet,
            limits: self.limits,
            source,
            read: 0,
            done: false,
        })
    }
}

enum Source<'a> {
    Stream(Box<XlsxRows<'a, Input>>),
    /// A loaded range, the index of its next row, and its text cells'
    /// fonts where known (XLS).
    Loaded(Range<Data>, usize, Option<Arc<CellFonts>>),
}

/// The rows of one sheet: an iterator of `Result<Row, SheetError>` that
/// stops after the first error.
pub struct Rows<'a> {
    sheet: String,
    limits: Limits,
    source: Source<'a>,
    read: u32,
    done: bool,
}

impl Rows<'_> {
    pub fn sheet(&self) -> &str {
        &self.sheet
    }

    fn next_raw(&mut self) -> Option<Result<Row, SheetError>> {
        match &mut self.source {
            Source::Stream(s) => s.next_row(),
            Source::Loaded(range, next, fonts) => {
                let (row0, col0) = range.start()?;
                if *next >= range.height() {
                    return None;
                }
                let i = *next;
                *next += 1;
                let mut row = Row {
                    number: row0 + i as u32 + 1,
                    cells: vec![Cell::Empty; col0 as usize],
                    fonts: Vec::new(),
                };
                row.cells.extend(
                    (0..range.width()).map(|j| range.get((i, j)).map_or(Cell::Empty, cell_of)),
                );
                while row.cells.last().is_some_and(Cell::is_empty) {
                    row.cells.pop();
                }
                if let Some(fonts) = fonts {
                    let r = row.number - 1;
                    row.fonts = (0..row.cells.len() as u32)
                        .map(|c| fonts.get(&(r, c)).cloned())
                        .collect();
                }
                Some(Ok(row))
            }
        }
    }

    fn check(&self, row: &Row) -> Result<(), SheetError> {
        if self.read > self.limits.max_rows {
            return Err(SheetError::TooManyRows {
                sheet: self.sheet.clone(),
                row: row.number,
                limit: self.limits.max_rows,
            });
        }
        if row.cells.len() > self.limits.max_columns as usize {
            return Err(SheetError::TooManyColumns {
                sheet: self.sheet.clone(),
                row: row.number,
                column: column_letter(row.cells.len() - 1),
                limit: self.limits.max_columns,
            });
        }
        Ok(())
    }
}

impl Iterator for Rows<'_> {
    type Item = Result<Row, SheetError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        loop {
            match self.next_raw() {
                None => {
                    self.done = true;
                    return (self.read == 0).then(|| {
                        Err(SheetError::EmptySheet {
                            sheet: self.sheet.clone(),
                        })
                    });
                }
                Some(Err(e)) => {
                    self.done = true;
                    return Some(Err(e));
                }
                Some(Ok(row)) if row.is_blank() => continue,
                Some(Ok(row)) => {
                    self.read += 1;
                    let checked = self.check(&row).map(|()| row);
                    self.done = checked.is_err();
                    return Some(checked);
                }
            }
        }
    }
}

fn cell_of(value: &Data) -> Cell {
    match value {
        Data::Empty => Cell::Empty,
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::String(s) => Cell::Text(s.clone()),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(d) => date_cell(d),
        Data::DateTimeIso(s) => iso_cell(s),
        Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Error(e) => Cell::Error(e.to_string()),
    }
}

/// A cell formatted as a date. A serial that is no date (Excel's 60, the
/// 29 February 1900 that never was, or out of range) stays a number, so
/// that `parse_date` says why it is refused; a duration is a number.
pub(super) fn date_cell(d: &calamine::ExcelDateTime) -> Cell {
    let serial = d.as_f64();
    if d.is_duration() || !(1.0..2_958_466.0).contains(&serial) {
        return Cell::Number(serial);
    }
    datetime_of(d.to_ymd_hms_milli()).map_or(Cell::Number(serial), Cell::Date)
}

/// An ISO 8601 date or date and time (ODS dates, XLSX `t="d"` cells).
pub(super) fn iso_cell(s: &str) -> Cell {
    use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%.f")
        .or_else(|_| NaiveDate::parse_from_str(s, "%Y-%m-%d").map(|d| d.and_time(NaiveTime::MIN)))
        .map_or_else(|_| Cell::Text(s.to_string()), Cell::Date)
}

fn xlsx_error(file: &str, e: XlsxError) -> SheetError {
    match e {
        XlsxError::Password => SheetError::PasswordProtected {
            file: file.to_string(),
        },
        XlsxError::WorksheetNotFound(sheet) => SheetError::NoSuchSheet { sheet },
        e => unreadable(file, e),
    }
}

fn xls_error(file: &str, e: XlsError) -> SheetError {
    match e {
        XlsError::Password => SheetError::PasswordProtected {
            file: file.to_string(),
        },
        e => unreadable(file, e),
    }
}

fn ods_error(file: &str, e: OdsError) -> SheetError {
    match e {
        OdsError::Password => SheetError::PasswordProtected {
            file: file.to_string(),
        },
        e => unreadable(file, e),
    }
}
