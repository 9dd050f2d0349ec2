//! A file's rows as a register reads them: the format told from the bytes
//! and the name, a CSV decoded (UTF-8, UTF-16, Windows-1258, TCVN3, VNI),
//! legacy text in spreadsheet cells converted (by the cell's font, else by
//! what the first rows look like), the header found, blank and totals rows
//! skipped. A file refused whole is one error that says why; nothing of it
//! is read further.

use std::io::Cursor;

use crate::error::{AppError, AppResult};
use crate::i18n::messages::Msg;
use chrono::NaiveDate;

use crate::io::sheet::{
    self, Cell, ColumnSpec, Format, HEADER_ROWS, HeaderError, HeaderMap, Limits, NumberStyle, Row,
    SheetError, ValueError, column_letter,
};
use crate::io::vn_text::{self, Legacy, TextEncoding};

/// What was read of the file before its data rows.
pub struct Sheet {
    pub name: String,
    /// How the text was written: a CSV's encoding, or for a spreadsheet
    /// UTF-8 (Unicode cells) unless legacy text was converted.
    pub encoding: TextEncoding,
    pub header: HeaderMap,
}

/// Rows read for the header and the encoding before deciding either.
const LOOK_AHEAD: usize = 40;

/// Read `bytes` (the file called `name`, also at `path` for the
/// spreadsheet readers, which stream) and call `each` with every data row
/// below the header. `forced` is the encoding the user chose.
pub fn rows(
    name: &str,
    path: &std::path::Path,
    bytes: &[u8],
    forced: Option<TextEncoding>,
    specs: &[ColumnSpec],
    mut each: impl FnMut(&Sheet, &Row) -> AppResult<()>,
) -> AppResult<Sheet> {
    let limits = Limits::default();
    let format = sheet::detect(name, &mut Cursor::new(bytes), &limits).map_err(refused)?;
    if format == Format::Csv {
        let decoded = vn_text::decode_file(bytes, forced).map_err(|e| {
            AppError::invalid(
                "file",
                Msg::new("import.decode").arg_msg("detail", Msg::raw(e.to_string())),
            )
        })?;
        let rows = sheet::csv_rows(name, &decoded.text, limits);
        return walk(name, rows, decoded.encoding, None, specs, each);
    }
    let mut wb = sheet::Workbook::open(path, name, limits).map_err(refused)?;
    let sheet_name = wb.default_sheet().map_err(refused)?;
    let rows = wb.rows(Some(&sheet_name)).map_err(refused)?;
    let legacy = match forced {
        Some(TextEncoding::Tcvn3) => Some(Legacy::Tcvn3),
        Some(TextEncoding::Vni) => Some(Legacy::Vni),
        _ => None,
    };
    // Only a forced Unicode reading stops the guess from the first rows.
    let guess = forced.is_none();
    walk(
        &sheet_name,
        rows,
        TextEncoding::Utf8,
        Some((legacy, guess)),
        specs,
        &mut each,
    )
}

/// `rows` of an import's file (its name, path and chosen encoding),
/// telling the source's progress every `PROGRESS_EVERY` rows: every
/// register reads its file through it.
pub fn of_source(
    src: &super::Source,
    bytes: &[u8],
    specs: &[ColumnSpec],
    mut each: impl FnMut(&Sheet, &Row) -> AppResult<()>,
) -> AppResult<Sheet> {
    rows(
        &src.name,
        &src.path,
        bytes,
        src.encoding,
        specs,
        |sheet, row| {
            if let Some(tell) = &src.progress
                && row.number % super::PROGRESS_EVERY == 0
            {
                tell(row.number);
            }
            each(sheet, row)
        },
    )
}

/// The rows of one sheet: look ahead to decide legacy text and find the
/// header, then stream. `cells` is `None` for a CSV (decoded whole), else
/// the sheet's legacy encoding if forced, and whether to guess one.
fn walk(
    sheet_name: &str,
    mut rows: impl Iterator<Item = Result<Row, SheetError>>,
    mut encoding: TextEncoding,
    cells: Option<(Option<Legacy>, bool)>,
    specs: &[ColumnSpec],
    mut each: impl FnMut(&Sheet, &Row) -> AppResult<()>,
) -> AppResult<Sheet> {
    let mut first: Vec<Row> = Vec::with_capacity(LOOK_AHEAD);
    for row in rows.by_ref() {
        first.push(row.map_err(refused)?);
        if first.len() == LOOK_AHEAD {
            break;
        }
    }
    let mut legacy = None;
    if let Some((forced, guess)) = cells {
        legacy = forced.or_else(|| {
            if !guess {
                return None;
            }
            let texts = first
                .iter()
                .flat_map(|r| r.cells.iter().enumerate().map(move |(i, c)| (r, i, c)))
                .filter(|(r, i, _)| r.font(*i).and_then(vn_text::legacy_from_font).is_none())
                .filter_map(|(_, _, c)| c.text());
            vn_text::detect_legacy(texts)
        });
        let mut converted = false;
        for row in &mut first {
            converted |= convert(row, legacy);
        }
        if converted {
            encoding = legacy.map_or(TextEncoding::Tcvn3, TextEncoding::from);
        }
    }
    if cells.is_none() {
        first.iter_mut().for_each(unguard);
    }
    let header =
        sheet::find_header(sheet_name, &first, specs).map_err(|e| header_refused(e, specs))?;
    let sheet = Sheet {
        name: sheet_name.to_owned(),
        encoding,
        header,
    };
    let data = |row: &Row| row.number > sheet.header.row && !skipped(row);
    for row in first.iter().filter(|r| data(r)) {
        each(&sheet, row)?;
    }
    for row in rows {
        let mut row = row.map_err(refused)?;
        if cells.is_some() {
            convert(&mut row, legacy);
        } else {
            unguard(&mut row);
        }
        if data(&row) {
            each(&sheet, &row)?;
        }
    }
    Ok(sheet)
}

/// A CSV written by tinhso (`io::table::to_csv`) guards text that a
/// spreadsheet would take for a formula (`+84 912…`, `-A1`) with a leading
/// apostrophe, as spreadsheets themselves do; read it back without.
fn unguard(row: &mut Row) {
    for c in &mut row.cells {
        if let Cell::Text(t) = c
            && t.len() > 1
            && t.starts_with('\'')
            && t[1..].starts_with(['+', '-', '=', '@'])
        {
            t.remove(0);
        }
    }
}

/// Blank rows and a totals row ("Tổng cộng") are not data.
fn skipped(row: &Row) -> bool {
    row.is_blank() || sheet::is_totals_row(row)
}

/// Convert a spreadsheet row's legacy text: a cell in a TCVN3 or VNI font
/// by its font, others by the sheet's legacy encoding if it has one.
/// Whether anything was converted.
fn convert(row: &mut Row, sheet_legacy: Option<Legacy>) -> bool {
    let mut any = false;
    for i in 0..row.cells.len() {
        let by_font = row.font(i).and_then(vn_text::legacy_from_font);
        let Cell::Text(t) = &row.cells[i] else {
            continue;
        };
        let how = by_font.or(sheet_legacy.map(|l| (l, false)));
        if let Some((legacy, capitals)) = how {
            let text = vn_text::convert_cell(t, legacy, capitals);
            any |= &text != t;
            row.cells[i] = Cell::Text(text);
        }
    }
    any
}

/// A file refused whole, in words.
pub fn refused(e: SheetError) -> AppError {
    let msg = match e {
        SheetError::NotASpreadsheet { file, found } => Msg::new("import.not_a_spreadsheet")
            .arg("file", file)
            .arg("found", found),
        SheetError::MacroEnabled { file, .. } => Msg::new("import.macro").arg("file", file),
        SheetError::PasswordProtected { file } => Msg::new("import.password").arg("file", file),
        SheetError::TooLargeUnpacked {
            file,
            unpacked,
            limit,
        } => Msg::new("import.too_large_unpacked")
            .arg("file", file)
            .arg("unpacked", unpacked)
            .arg("limit", limit),
        SheetError::CompressionRatio {
            file,
            entry,
            ratio,
            limit,
        } => Msg::new("import.ratio")
            .arg("file", file)
            .arg("entry", entry)
            .arg("ratio", ratio)
            .arg("limit", limit),
        SheetError::TooManyRows { sheet, row, limit } => {
            return AppError::PayloadTooLarge(
                Msg::new("import.too_many_rows")
                    .arg("sheet", sheet)
                    .arg("row", row)
                    .arg("limit", limit),
            );
        }
        SheetError::TooManyColumns {
            sheet,
            row,
            column,
            limit,
        } => Msg::new("import.too_many_columns")
            .arg("sheet", sheet)
            .arg("cell", format!("{column}{row}"))
            .arg("limit", limit),
        SheetError::EmptyWorkbook { file } => Msg::new("import.empty_workbook").arg("file", file),
        SheetError::EmptySheet { sheet } => Msg::new("import.empty_sheet").arg("sheet", sheet),
        SheetError::NoSuchSheet { sheet } => Msg::new("import.no_such_sheet").arg("sheet", sheet),
        SheetError::Unreadable { file, detail } => Msg::new("import.unreadable")
            .arg("file", file)
            .arg_msg("detail", Msg::raw(detail)),
    };
    AppError::invalid("file", msg)
}

/// A header row missing or doubled, its columns named by their headers.
fn header_refused(e: HeaderError, specs: &[ColumnSpec]) -> AppError {
    let named = |key: &str| {
        let spec = specs.iter().find(|s| s.key == key);
        format!("“{}”", spec.map_or(key, |s| s.names[0]))
    };
    let msg = match e {
        HeaderError::NotFound { sheet, missing } => {
            Msg::new("import.no_header").arg("sheet", sheet).arg(
                "missing",
                missing
                    .iter()
                    .map(|k| named(k))
                    .collect::<Vec<_>>()
                    .join(", "),
            )
        }
        HeaderError::Duplicate {
            sheet,
            row,
            key,
            first,
            second,
        } => Msg::new("import.header_twice")
            .arg("sheet", sheet)
            .arg("row", row)
            .arg("column", named(key))
            .arg("first", first)
            .arg("second", second),
    };
    AppError::invalid("file", msg)
}

/// One data row of a sheet, read by column key: the cells, typed, and a
/// refusal that names the row, the column and the value. Every register
/// reads its rows through it, so that the same bad cell gets the same
/// message whichever register it is in.
pub struct At<'a> {
    pub sheet: &'a Sheet,
    pub row: &'a Row,
}

/// A refused row, boxed (a `RowError` is large beside a plan).
pub type Refusal = Box<super::RowError>;

impl<'a> At<'a> {
    pub fn new(sheet: &'a Sheet, row: &'a Row) -> Self {
        At { sheet, row }
    }

    /// The cell of a column (empty when the sheet has no such column).
    pub fn cell(&self, key: &str) -> &'a Cell {
        self.sheet
            .header
            .get(key)
            .map_or(&Cell::Empty, |i| self.row.get(i))
    }

    /// A refusal of the cell of `key`.
    pub fn refuse(&self, key: &str, code: &'static str, message: Msg) -> Refusal {
        Box::new(super::RowError {
            sheet: self.sheet.name.clone(),
            row: self.row.number,
            column: letter(&self.sheet.header, key),
            value: self.cell(key).display(),
            code,
            message,
        })
    }

    /// The text of a cell, trimmed; a number as it reads (`12`, `3.5`);
    /// `None` when empty.
    pub fn text(&self, key: &str) -> Option<String> {
        let t = match self.cell(key) {
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{n:.0}"),
            Cell::Number(n) => n.to_string(),
            c => c.text()?.to_owned(),
        };
        let t = t.trim();
        (!t.is_empty()).then(|| t.to_owned())
    }

    /// A text that must be there.
    pub fn required(&self, key: &str) -> Result<String, Refusal> {
        self.text(key)
            .ok_or_else(|| self.refuse(key, "required", Msg::new("import.required")))
    }

    /// A day, or `None` when empty.
    pub fn date(&self, key: &str) -> Result<Option<NaiveDate>, Refusal> {
        match sheet::parse_date(self.cell(key)) {
            Ok(d) => Ok(Some(d)),
            Err(ValueError::Empty) => Ok(None),
            Err(e) => {
                let msg = match e {
                    ValueError::ImpossibleDate { .. } => "import.impossible_date",
                    _ => "import.date",
                };
                let msg = Msg::new(msg).arg("value", self.cell(key).display());
                Err(self.refuse(key, "date", msg))
            }
        }
    }

    /// A count (a whole number, 0 or more), or `None` when empty.
    pub fn whole(&self, key: &str) -> Result<Option<u64>, Refusal> {
        match sheet::parse_whole(self.cell(key), NumberStyle::Vietnamese) {
            Ok(n) => Ok(Some(n)),
            Err(ValueError::Empty) => Ok(None),
            Err(_) => {
                let msg = Msg::new("import.whole").arg("value", self.cell(key).display());
                Err(self.refuse(key, "number", msg))
            }
        }
    }

    /// A number, or `None` when empty. A number typed as text is read in
    /// the style its column has shown so far (`styles`, by key), else in
    /// the style it shows itself; `1.234` in a column that has shown
    /// neither is refused as ambiguous rather than guessed.
    pub fn number(
        &self,
        key: &str,
        styles: &mut std::collections::HashMap<String, NumberStyle>,
    ) -> Result<Option<f64>, Refusal> {
        let text = match self.cell(key) {
            Cell::Number(n) => return Ok(Some(*n)),
            Cell::Empty => return Ok(None),
            c => match c.text().map(str::trim) {
                None | Some("") => return Ok(None),
                Some(t) => t.to_owned(),
            },
        };
        let bad = |msg: &'static str| {
            let msg = Msg::new(msg).arg("value", &text);
            self.refuse(key, "number", msg)
        };
        let style = match styles.get(key) {
            Some(s) => *s,
            None => match NumberStyle::decide([text.as_str()]) {
                Ok(s) => {
                    // Only a text that tells fixes the column's style.
                    if text.contains(['.', ',']) {
                        styles.insert(key.to_owned(), s);
                    }
                    s
                }
                Err(_) => return Err(bad("import.number_ambiguous")),
            },
        };
        sheet::parse_number(&text, style)
            .map(Some)
            .map_err(|_| bad("import.number"))
    }
}

/// The column letter of a register's key in this sheet ("" when the
/// sheet has no such column).
pub fn letter(header: &HeaderMap, key: &str) -> String {
    header.get(key).map(column_letter).unwrap_or_default()
}

/// The starting `HEADER_ROWS` is the header finder's window; the look
/// ahead must cover it.
const _: () = assert!(LOOK_AHEAD >= HEADER_ROWS);
