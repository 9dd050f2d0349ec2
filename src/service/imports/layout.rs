//! How a register's sheet is written (issue 12, items 3 and 5): its
//! template (the header row the importer reads, formats, drop-down lists
//! for coded columns, a notes sheet with an example row) and its export
//! (the same data sheet, with a row per record, in XLSX or CSV). Each
//! register describes its sheet once as a `Layout`; the importer reads
//! with the same `ColumnSpec`s, so that an export re-imports unchanged.
//!
//! Every text cell is written in a Unicode font (never a `.VnTime` one,
//! which the importer would read as TCVN3).

use std::collections::HashSet;
use std::sync::{LazyLock, Mutex};

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{DataValidation, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

use super::export::ExportFormat;
use crate::error::{AppError, AppResult};
use crate::io::sheet::ColumnSpec;

/// The notes sheet's name.
pub const NOTES_SHEET: &str = "Hướng dẫn";
/// A Unicode font every text cell is written in.
pub const FONT: &str = "Times New Roman";
/// How a day is shown in a cell.
pub const DATE_FORMAT: &str = "dd/mm/yyyy";
/// The content type of an XLSX file.
pub const XLSX_TYPE: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
/// The content type of a CSV export.
pub const CSV_TYPE: &str = "text/csv; charset=utf-8";

/// What a column holds, for its cell format and its drop-down.
#[derive(Debug, Clone)]
pub enum Kind {
    /// Text, typed as text (codes and phone numbers keep their leading 0).
    Text,
    /// A whole number.
    Whole,
    /// A number with decimals.
    Decimal,
    /// A calendar day, shown `dd/mm/yyyy`.
    Date,
    /// One of these words (the template offers them in a drop-down).
    Choice(Vec<String>),
}

/// One column of a register's sheet.
#[derive(Debug, Clone)]
pub struct Column {
    /// The key the importer reads and the names it accepts (the first is
    /// the header the template writes).
    pub spec: ColumnSpec,
    pub kind: Kind,
    /// Width in characters.
    pub width: f64,
    /// What the column holds, for the notes sheet (Vietnamese).
    pub note: String,
}

impl Column {
    pub fn new(spec: ColumnSpec, kind: Kind, width: f64, note: impl Into<String>) -> Self {
        Column {
            spec,
            kind,
            width,
            note: note.into(),
        }
    }

    pub fn header(&self) -> &'static str {
        self.spec.names[0]
    }
}

/// A cell of an export or of the example row.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Empty,
    Text(String),
    Number(f64),
    Date(NaiveDate),
}

impl Value {
    pub fn text(s: impl Into<String>) -> Value {
        let s = s.into();
        if s.is_empty() {
            Value::Empty
        } else {
            Value::Text(s)
        }
    }

    /// A number, or empty.
    pub fn number(n: Option<f64>) -> Value {
        n.map_or(Value::Empty, Value::Number)
    }

    /// The cell as a CSV writes it: days as `dd/mm/yyyy`, whole numbers
    /// without a fraction.
    pub fn csv(&self) -> String {
        match self {
            Value::Empty => String::new(),
            Value::Text(s) => s.clone(),
            Value::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{n:.0}"),
            Value::Number(n) => n.to_string(),
            Value::Date(d) => d.format("%d/%m/%Y").to_string(),
        }
    }
}

/// A register's sheet at one unit.
#[derive(Debug, Clone)]
pub struct Layout {
    /// The notes sheet's title ("Mẫu nhập hộ gia đình").
    pub title: String,
    /// The data sheet's name.
    pub sheet: &'static str,
    /// What the unit is called on the notes sheet ("Thôn", "Xã").
    pub unit_word: &'static str,
    pub unit_name: String,
    pub unit_code: String,
    pub columns: Vec<Column>,
    /// The example row of the notes sheet, in the columns' order.
    pub example: Vec<Value>,
    /// Lines of the notes sheet after the columns (what else to know).
    pub more: Vec<String>,
    /// The stem of the file names (ASCII: "ho-gia-dinh").
    pub stem: &'static str,
}

impl Layout {
    /// The header row as a template and an export write it.
    pub fn header(&self) -> Vec<&'static str> {
        self.columns.iter().map(Column::header).collect()
    }

    /// What the importer reads.
    pub fn specs(&self) -> Vec<ColumnSpec> {
        self.columns.iter().map(|c| c.spec).collect()
    }

    /// The file name a template is downloaded as (ASCII).
    pub fn template_name(&self) -> String {
        format!("mau-{}-{}.xlsx", self.stem, self.unit_code)
    }

    /// The file name of an export made on `day`.
    pub fn export_name(&self, day: NaiveDate, format: ExportFormat) -> String {
        format!(
            "{}-{}-{day}.{}",
            self.stem,
            self.unit_code,
            format.extension()
        )
    }

    /// The template: the data sheet with no rows, then the notes sheet.
    pub fn template(&self) -> AppResult<Vec<u8>> {
        self.book(&[], true).map_err(internal)
    }

    /// An export of `rows` (each in the columns' order).
    pub fn export(&self, rows: &[Vec<Value>], format: ExportFormat) -> AppResult<Vec<u8>> {
        match format {
            ExportFormat::Xlsx => self.book(rows, false).map_err(internal),
            ExportFormat::Csv => Ok(self.csv(rows)),
        }
    }

    /// UTF-8 with a BOM, every cell made safe by `io::table::csv_cell`.
    pub fn csv(&self, rows: &[Vec<Value>]) -> Vec<u8> {
        let header: Vec<String> = self.header().into_iter().map(str::to_owned).collect();
        let body: Vec<Vec<String>> = rows
            .iter()
            .map(|r| r.iter().map(Value::csv).collect())
            .collect();
        crate::io::table::to_csv(&header, &body)
    }

    fn book(&self, rows: &[Vec<Value>], notes: bool) -> Result<Vec<u8>, XlsxError> {
        let mut book = Workbook::new();
        let formats = Formats::new();
        let sheet = self.data_sheet(&mut book, &formats)?;
        for (i, r) in rows.iter().enumerate() {
            let row = i as u32 + 1;
            for (c, (col, v)) in self.columns.iter().zip(r).enumerate() {
                write(sheet, row, c as u16, v, formats.of(&col.kind))?;
            }
        }
        if notes {
            self.notes_sheet(&mut book, &formats)?;
        }
        book.save_to_buffer()
    }

    /// The data sheet: the header, frozen; each column's width, format and
    /// drop-down; no rows (the first row a person fills is row 2).
    pub(super) fn data_sheet<'b>(
        &self,
        book: &'b mut Workbook,
        formats: &Formats,
    ) -> Result<&'b mut Worksheet, XlsxError> {
        let sheet = book.add_worksheet();
        sheet.set_name(self.sheet)?;
        for (c, col) in self.columns.iter().enumerate() {
            let c = c as u16;
            sheet.set_column_width(c, col.width)?;
            sheet.set_column_format(c, formats.of(&col.kind))?;
            sheet.write_string_with_format(0, c, col.header(), &formats.header)?;
            if let Kind::Choice(words) = &col.kind {
                let list = DataValidation::new()
                    .allow_list_strings(&words.iter().map(String::as_str).collect::<Vec<_>>())?
                    .set_error_title(col.header())?
                    .set_error_message(format!("Chọn một trong: {}.", words.join(", ")))?;
                sheet.add_data_validation(1, c, 1_048_575, c, &list)?;
            }
        }
        sheet.set_freeze_panes(1, 0)?;
        Ok(sheet)
    }

    /// The notes sheet: the unit, each column (required or not, what it
    /// holds), the words of each coded column, and an example row.
    fn notes_sheet(&self, book: &mut Workbook, formats: &Formats) -> Result<(), XlsxError> {
        let sheet = book.add_worksheet();
        sheet.set_name(NOTES_SHEET)?;
        sheet.set_column_width(0, 24.0)?;
        sheet.set_column_width(1, 12.0)?;
        sheet.set_column_width(2, 90.0)?;
        for c in 3..self.columns.len().max(3) as u16 {
            sheet.set_column_width(c, 16.0)?;
        }
        let (text, bold) = (&formats.text, &formats.header);
        sheet.write_string_with_format(0, 0, &self.title, bold)?;
        sheet.write_string_with_format(1, 0, self.unit_word, text)?;
        let unit = format!("{} (mã {})", self.unit_name, self.unit_code);
        sheet.write_string_with_format(1, 2, unit, text)?;
        let how = format!(
            "Nhập mỗi dòng một bản ghi ở trang “{}”, từ dòng 2; dòng 1 là tiêu đề, giữ nguyên.",
            self.sheet
        );
        sheet.write_string_with_format(2, 0, how, text)?;
        let mut r = 4;
        for (c, h) in ["Cột", "Bắt buộc", "Ghi chú"].iter().enumerate() {
            sheet.write_string_with_format(r, c as u16, *h, bold)?;
        }
        for col in &self.columns {
            r += 1;
            sheet.write_string_with_format(r, 0, col.header(), text)?;
            let required = if col.spec.required { "có" } else { "không" };
            sheet.write_string_with_format(r, 1, required, text)?;
            sheet.write_string_with_format(r, 2, &col.note, text)?;
        }
        r += 1;
        for col in &self.columns {
            if let Kind::Choice(words) = &col.kind {
                r += 1;
                sheet.write_string_with_format(r, 0, col.header(), bold)?;
                sheet.write_string_with_format(r, 2, words.join(", "), text)?;
            }
        }
        for line in &self.more {
            r += 1;
            sheet.write_string_with_format(r, 0, line, text)?;
        }
        r += 2;
        sheet.write_string_with_format(r, 0, "Ví dụ (không nhập dòng này)", bold)?;
        r += 1;
        for (c, col) in self.columns.iter().enumerate() {
            sheet.write_string_with_format(r, c as u16, col.header(), bold)?;
        }
        r += 1;
        for (c, (col, v)) in self.columns.iter().zip(&self.example).enumerate() {
            write(sheet, r, c as u16, v, formats.of(&col.kind))?;
        }
        Ok(())
    }
}

fn write(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    v: &Value,
    format: &Format,
) -> Result<(), XlsxError> {
    match v {
        // An empty optional cell is left blank, as in the template.
        Value::Empty => {}
        Value::Text(s) => {
            sheet.write_string_with_format(row, col, s, format)?;
        }
        Value::Number(n) => {
            sheet.write_number_with_format(row, col, *n, format)?;
        }
        Value::Date(d) => {
            sheet.write_date_with_format(row, col, excel_date(*d)?, format)?;
        }
    }
    Ok(())
}

fn internal(e: XlsxError) -> AppError {
    AppError::Internal(e.into())
}

/// A calendar day as an Excel date.
pub(super) fn excel_date(day: NaiveDate) -> Result<ExcelDateTime, XlsxError> {
    ExcelDateTime::from_ymd(day.year() as u16, day.month() as u8, day.day() as u8)
}

/// The cell formats of a data sheet.
pub(super) struct Formats {
    pub header: Format,
    pub text: Format,
    pub whole: Format,
    pub decimal: Format,
    pub date: Format,
}

impl Formats {
    pub fn new() -> Self {
        let base = Format::new().set_font_name(FONT);
        Formats {
            header: base.clone().set_bold().set_text_wrap(),
            // "@": typed codes and phone numbers stay text ("0912...").
            text: base.clone().set_num_format("@"),
            whole: base.clone().set_num_format("0"),
            decimal: base.clone().set_num_format("General"),
            date: base.set_num_format(DATE_FORMAT),
        }
    }

    /// The format of a column's cells.
    pub fn of(&self, kind: &Kind) -> &Format {
        match kind {
            Kind::Whole => &self.whole,
            Kind::Decimal => &self.decimal,
            Kind::Date => &self.date,
            Kind::Text | Kind::Choice(_) => &self.text,
        }
    }
}

/// A name made `'static` once per distinct text: the columns some
/// registers build at run time (one per metric or per criterion) use
/// `ColumnSpec`, whose names are static. The set of such names is small
/// and bounded by the programme's own definitions.
pub fn intern(s: &str) -> &'static str {
    static NAMES: LazyLock<Mutex<HashSet<&'static str>>> = LazyLock::new(Default::default);
    let mut names = NAMES.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(n) = names.get(s) {
        return n;
    }
    let n: &'static str = Box::leak(s.to_owned().into_boxed_str());
    names.insert(n);
    n
}

/// Names for a `ColumnSpec` built at run time.
pub fn intern_names(names: &[&str]) -> &'static [&'static str] {
    static LISTS: LazyLock<Mutex<HashSet<&'static [&'static str]>>> =
        LazyLock::new(Default::default);
    let list: Vec<&'static str> = names.iter().map(|n| intern(n)).collect();
    let mut lists = LISTS.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(l) = lists.get(list.as_slice()) {
        return l;
    }
    let l: &'static [&'static str] = Box::leak(list.into_boxed_slice());
    lists.insert(l);
    l
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layout() -> Layout {
        Layout {
            title: "Mẫu thử".into(),
            sheet: "Dữ liệu",
            unit_word: "Xã",
            unit_name: "Xã Châu Quế Hạ".into(),
            unit_code: "04387".into(),
            columns: vec![
                Column::new(
                    ColumnSpec {
                        key: "name",
                        names: &["Tên"],
                        required: true,
                    },
                    Kind::Text,
                    20.0,
                    "Tên.",
                ),
                Column::new(
                    ColumnSpec {
                        key: "kind",
                        names: &["Loại"],
                        required: false,
                    },
                    Kind::Choice(vec!["thôn".into(), "bản".into()]),
                    12.0,
                    "Loại.",
                ),
                Column::new(
                    ColumnSpec {
                        key: "n",
                        names: &["Số"],
                        required: false,
                    },
                    Kind::Whole,
                    8.0,
                    "Số.",
                ),
            ],
            example: vec![
                Value::text("Khe Bành"),
                Value::text("thôn"),
                Value::Number(3.0),
            ],
            more: vec![],
            stem: "thu",
        }
    }

    #[test]
    fn the_template_is_an_xlsx_without_a_vntime_font() {
        let bytes = layout().template().unwrap();
        assert_eq!(&bytes[..2], b"PK");
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut styles = String::new();
        std::io::Read::read_to_string(&mut zip.by_name("xl/styles.xml").unwrap(), &mut styles)
            .unwrap();
        assert!(styles.contains(FONT));
        assert!(!styles.to_lowercase().contains(".vn"), "no legacy font");
    }

    #[test]
    fn a_csv_row_is_the_header_s_columns() {
        let l = layout();
        let rows = vec![vec![
            Value::text("=Bản 1"),
            Value::Empty,
            Value::Number(12.0),
        ]];
        let bytes = l.csv(&rows);
        assert_eq!(&bytes[..3], &[0xEF, 0xBB, 0xBF]);
        let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
        assert_eq!(text, "Tên,Loại,Số\n'=Bản 1,,12\n");
        assert_eq!(l.template_name(), "mau-thu-04387.xlsx");
    }

    #[test]
    fn interned_names_are_shared() {
        let a = intern_names(&["Tỷ lệ", "x"]);
        let b = intern_names(&["Tỷ lệ", "x"]);
        assert!(std::ptr::eq(a, b));
        assert!(std::ptr::eq(intern("abc"), intern("abc")));
    }
}
