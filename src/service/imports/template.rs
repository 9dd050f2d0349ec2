//! The households template (issue 12, item 3): the XLSX a village's team
//! fills and imports. Sheet 1 ("Hộ gia đình") is the data sheet: its row 1
//! is the header (the importer counts it as row 1), Vietnamese headers from
//! `columns::HOUSEHOLDS`, frozen, a drop-down of the poverty words, a date
//! format on the registration day; no data rows, so that the first row the
//! user fills is row 2. Sheet 2 ("Hướng dẫn") says what each column holds
//! and shows an example row. An export (`export`) writes its data on the
//! same data sheet, so that it re-imports unchanged.
//!
//! Every text cell is written in a Unicode font (never a `.VnTime` one,
//! which the importer would read as TCVN3).

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{DataValidation, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};
use tracing::instrument;

use super::columns::{HOUSEHOLDS, POVERTY, household_note};
use crate::error::{AppError, AppResult};
use crate::service::{Actor, Ctx};

/// The data sheet's name.
pub const DATA_SHEET: &str = "Hộ gia đình";
/// The notes sheet's name.
pub const NOTES_SHEET: &str = "Hướng dẫn";
/// A Unicode font every text cell is written in.
pub const FONT: &str = "Times New Roman";
/// How a registration day is shown in a cell.
pub const DATE_FORMAT: &str = "dd/mm/yyyy";

/// The content type of an XLSX file.
pub const XLSX_TYPE: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// The households header row, as the template and an export write it.
pub fn households_header() -> Vec<&'static str> {
    HOUSEHOLDS.iter().map(|c| c.names[0]).collect()
}

/// The index of a column of the households sheet by key.
pub(super) fn column_of(key: &str) -> u16 {
    HOUSEHOLDS
        .iter()
        .position(|c| c.key == key)
        .expect("a households column") as u16
}

/// The width (in characters) of each households column.
fn width(key: &str) -> f64 {
    match key {
        "code" => 14.0,
        "head_name" => 30.0,
        "phone" => 16.0,
        "size" => 14.0,
        "poverty" => 14.0,
        "registered_on" => 16.0,
        _ => 16.0,
    }
}

/// The cell formats of the households sheet.
pub(super) struct Formats {
    pub header: Format,
    pub text: Format,
    pub number: Format,
    pub date: Format,
}

impl Formats {
    pub fn new() -> Self {
        let base = Format::new().set_font_name(FONT);
        Formats {
            header: base.clone().set_bold().set_text_wrap(),
            // "@": typed codes and phone numbers stay text ("0912...").
            text: base.clone().set_num_format("@"),
            number: base.clone().set_num_format("0"),
            date: base.set_num_format(DATE_FORMAT),
        }
    }

    /// The format of a column's cells.
    pub fn of(&self, key: &str) -> &Format {
        match key {
            "size" => &self.number,
            "registered_on" => &self.date,
            _ => &self.text,
        }
    }
}

/// Add the households data sheet (header, formats, widths, drop-down),
/// with no data rows, as the first sheet of `book`.
pub(super) fn households_sheet<'b>(
    book: &'b mut Workbook,
    formats: &Formats,
) -> Result<&'b mut Worksheet, XlsxError> {
    let sheet = book.add_worksheet();
    sheet.set_name(DATA_SHEET)?;
    for (c, spec) in HOUSEHOLDS.iter().enumerate() {
        let c = c as u16;
        sheet.set_column_width(c, width(spec.key))?;
        sheet.set_column_format(c, formats.of(spec.key))?;
        sheet.write_string_with_format(0, c, spec.names[0], &formats.header)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    let words: Vec<&str> = POVERTY.iter().map(|(w, _, _)| *w).collect();
    let poverty = DataValidation::new()
        .allow_list_strings(&words)?
        .set_error_title("Hộ nghèo")?
        .set_error_message(format!("Chọn một trong: {}.", words.join(", ")))?;
    let col = column_of("poverty");
    sheet.add_data_validation(1, col, 1_048_575, col, &poverty)?;
    Ok(sheet)
}

/// A calendar day as an Excel date.
pub(super) fn excel_date(day: NaiveDate) -> Result<ExcelDateTime, XlsxError> {
    ExcelDateTime::from_ymd(day.year() as u16, day.month() as u8, day.day() as u8)
}

/// The example row of the notes sheet, in the households columns' order.
const EXAMPLE: [&str; 6] = [
    "KB-001",
    "Nguyễn Văn An",
    "0912345678",
    "4",
    "cận nghèo",
    "30/06/2022",
];

/// The notes sheet: the village, each column, the poverty words, an example.
fn notes_sheet(
    book: &mut Workbook,
    formats: &Formats,
    village: (&str, &str),
) -> Result<(), XlsxError> {
    let sheet = book.add_worksheet();
    sheet.set_name(NOTES_SHEET)?;
    sheet.set_column_width(0, 24.0)?;
    sheet.set_column_width(1, 12.0)?;
    sheet.set_column_width(2, 90.0)?;
    for c in 3..6 {
        sheet.set_column_width(c, 16.0)?;
    }
    let text = &formats.text;
    let bold = &formats.header;
    let (name, code) = village;
    sheet.write_string_with_format(0, 0, "Mẫu nhập hộ gia đình", bold)?;
    sheet.write_string_with_format(1, 0, "Thôn", text)?;
    sheet.write_string_with_format(1, 2, format!("{name} (mã {code})"), text)?;
    sheet.write_string_with_format(
        2,
        0,
        format!(
            "Nhập mỗi hộ một dòng ở trang “{DATA_SHEET}”, từ dòng 2; dòng 1 là tiêu đề, giữ nguyên."
        ),
        text,
    )?;
    let mut r = 4;
    for (c, h) in ["Cột", "Bắt buộc", "Ghi chú"].iter().enumerate() {
        sheet.write_string_with_format(r, c as u16, *h, bold)?;
    }
    for spec in HOUSEHOLDS {
        r += 1;
        sheet.write_string_with_format(r, 0, spec.names[0], text)?;
        let required = if spec.required { "có" } else { "không" };
        sheet.write_string_with_format(r, 1, required, text)?;
        sheet.write_string_with_format(r, 2, household_note(spec.key), text)?;
    }
    r += 2;
    let words: Vec<&str> = POVERTY.iter().map(|(w, _, _)| *w).collect();
    sheet.write_string_with_format(r, 0, "Hộ nghèo", bold)?;
    sheet.write_string_with_format(r, 2, words.join(", "), text)?;
    r += 2;
    sheet.write_string_with_format(r, 0, "Ví dụ (không nhập dòng này)", bold)?;
    r += 1;
    for (c, spec) in HOUSEHOLDS.iter().enumerate() {
        sheet.write_string_with_format(r, c as u16, spec.names[0], bold)?;
    }
    r += 1;
    for (c, (spec, value)) in HOUSEHOLDS.iter().zip(EXAMPLE).enumerate() {
        let c = c as u16;
        match spec.key {
            "size" => {
                sheet.write_number_with_format(
                    r,
                    c,
                    value.parse::<f64>().unwrap_or(0.0),
                    &formats.number,
                )?;
            }
            "registered_on" => {
                let day = NaiveDate::parse_from_str(value, "%d/%m/%Y").unwrap_or_default();
                sheet.write_date_with_format(r, c, excel_date(day)?, &formats.date)?;
            }
            _ => {
                sheet.write_string_with_format(r, c, value, text)?;
            }
        }
    }
    Ok(())
}

/// The households template of a village, as XLSX bytes.
#[instrument(skip(ctx, actor))]
pub async fn households_template(
    ctx: &Ctx,
    actor: &Actor,
    village_code: &str,
) -> AppResult<Vec<u8>> {
    let (name, code) = {
        let h = ctx.hierarchy();
        let node =
            crate::service::households::village_for_write(&h, actor, village_code, ctx.today())?;
        (node.unit.full_name.clone(), node.unit.code.to_string())
    };
    template_bytes(&name, &code).map_err(|e| AppError::Internal(e.into()))
}

fn template_bytes(name: &str, code: &str) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let formats = Formats::new();
    households_sheet(&mut book, &formats)?;
    notes_sheet(&mut book, &formats, (name, code))?;
    book.save_to_buffer()
}

/// The file name a village's template is downloaded as (ASCII).
pub fn template_file_name(village_code: &str) -> String {
    format!("mau-ho-gia-dinh-{village_code}.xlsx")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_template_is_an_xlsx_without_a_vntime_font() {
        let bytes = template_bytes("Thôn Khe Bành", "04387001").unwrap();
        assert_eq!(&bytes[..2], b"PK");
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut styles = String::new();
        std::io::Read::read_to_string(&mut zip.by_name("xl/styles.xml").unwrap(), &mut styles)
            .unwrap();
        assert!(styles.contains(FONT));
        assert!(!styles.to_lowercase().contains(".vn"), "no legacy font");
    }

    #[test]
    fn the_example_row_has_every_column() {
        assert_eq!(EXAMPLE.len(), HOUSEHOLDS.len());
        assert_eq!(
            households_header(),
            [
                "Mã hộ",
                "Họ và tên chủ hộ",
                "Số điện thoại",
                "Số nhân khẩu",
                "Hộ nghèo",
                "Ngày đăng ký"
            ]
        );
        assert!(super::super::columns::poverty_key(EXAMPLE[4]).is_some());
    }
}
