//! Exports of a register (issue 12, item 5), made to re-import unchanged:
//! the header row is the template's, each row a record as the importer
//! reads it. Households: a village's (with its versions before a
//! reorganisation), as XLSX on the template's data sheet (a size is a
//! number, a registration day a date cell) or as CSV (UTF-8 with a BOM,
//! days as `dd/mm/yyyy`, cells made safe by `io::table::csv_cell`).
//!
//! An export carries personal data (heads' names, phone numbers); it is
//! refused whole to whoever may not see them, never written masked, since
//! a masked file re-imported would blank the names.

use chrono::NaiveDate;
use rust_xlsxwriter::{Workbook, XlsxError};
use tracing::instrument;

use super::columns::{HOUSEHOLDS, poverty_word};
use super::template::{Formats, XLSX_TYPE, excel_date, households_header, households_sheet};
use crate::domain::unit::Level;
use crate::error::{AppError, AppResult};
use crate::i18n::messages::Msg;
use crate::service::units::find;
use crate::service::{Actor, Ctx};
use crate::store::ledger::{self as store, HouseholdRow};

/// The content type of a CSV export.
pub const CSV_TYPE: &str = "text/csv; charset=utf-8";

/// The file formats an export is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Xlsx,
    Csv,
}

impl ExportFormat {
    /// `xlsx` or `csv` (any case) as a query or a flag gives it.
    pub fn parse(s: &str) -> AppResult<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "xlsx" => Ok(ExportFormat::Xlsx),
            "csv" => Ok(ExportFormat::Csv),
            _ => Err(AppError::invalid(
                "format",
                Msg::new("open_data.table_format").arg("format", s),
            )),
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Xlsx => "xlsx",
            ExportFormat::Csv => "csv",
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            ExportFormat::Xlsx => XLSX_TYPE,
            ExportFormat::Csv => CSV_TYPE,
        }
    }
}

/// The households of a village as a file that re-imports unchanged:
/// `(file name, content type, bytes)`. Read access as for the list; the
/// personal data right (`can_see_personal`) or the whole export is refused.
#[instrument(skip(ctx, actor))]
pub async fn households_export(
    ctx: &Ctx,
    actor: &Actor,
    village_code: &str,
    format: ExportFormat,
) -> AppResult<(String, &'static str, Vec<u8>)> {
    let day = ctx.today();
    let (village_ids, code) = {
        let h = ctx.hierarchy();
        let node = find(&h, actor, village_code, day)?;
        if node.unit.level != Level::Village {
            return Err(AppError::invalid(
                "unit",
                Msg::new("fieldwork.not_a_village")
                    .arg("code", &node.unit.code)
                    .arg_msg("level", node.unit.level.words()),
            ));
        }
        if !actor.scope.can_see_personal(&h, &node) {
            return Err(AppError::Forbidden(
                Msg::new("import_files.export_personal").arg("unit", &node.unit.full_name),
            ));
        }
        // A village carried over a reorganisation keeps its households.
        (h.with_past(node.unit.id), node.unit.code.to_string())
    };
    let mut rows = store::households_of(ctx.db(), &village_ids).await?;
    // As the list shows them on the day.
    rows.retain(|r| r.registered_on <= day);
    rows.sort_by(|a, b| a.code.cmp(&b.code));
    let bytes = match format {
        ExportFormat::Xlsx => households_xlsx(&rows).map_err(|e| AppError::Internal(e.into()))?,
        ExportFormat::Csv => households_csv(&rows),
    };
    let name = format!("ho-gia-dinh-{code}-{day}.{}", format.extension());
    Ok((name, format.content_type(), bytes))
}

/// A day as the template's cells and the importer read it.
fn day_text(day: NaiveDate) -> String {
    day.format("%d/%m/%Y").to_string()
}

/// One household's cells as text, in the columns' order.
fn cells(r: &HouseholdRow) -> Vec<String> {
    HOUSEHOLDS
        .iter()
        .map(|c| match c.key {
            "code" => r.code.clone(),
            "head_name" => r.head_name.clone().unwrap_or_default(),
            "phone" => r.phone.clone().unwrap_or_default(),
            "size" => r.size.map(|s| s.to_string()).unwrap_or_default(),
            "poverty" => poverty_word(&r.poverty).to_owned(),
            "registered_on" => day_text(r.registered_on),
            _ => String::new(),
        })
        .collect()
}

fn households_csv(rows: &[HouseholdRow]) -> Vec<u8> {
    let header: Vec<String> = households_header().into_iter().map(str::to_owned).collect();
    let body: Vec<Vec<String>> = rows.iter().map(cells).collect();
    crate::io::table::to_csv(&header, &body)
}

fn households_xlsx(rows: &[HouseholdRow]) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let formats = Formats::new();
    let sheet = households_sheet(&mut book, &formats)?;
    for (i, r) in rows.iter().enumerate() {
        let row = i as u32 + 1;
        let text = cells(r);
        for (c, spec) in HOUSEHOLDS.iter().enumerate() {
            let format = formats.of(spec.key);
            let col = c as u16;
            match spec.key {
                "size" => {
                    if let Some(s) = r.size {
                        sheet.write_number_with_format(row, col, s as f64, format)?;
                    }
                }
                "registered_on" => {
                    sheet.write_date_with_format(row, col, excel_date(r.registered_on)?, format)?;
                }
                // An empty optional cell is left blank, as in the template.
                _ if text[c].is_empty() => {}
                _ => {
                    sheet.write_string_with_format(row, col, &text[c], format)?;
                }
            }
        }
    }
    book.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row() -> HouseholdRow {
        HouseholdRow {
            id: 1,
            village_id: 2,
            code: "KB-7".into(),
            head_name: Some("Hoàng Thị Mai".into()),
            phone: None,
            size: Some(5),
            poverty: "near_poor".into(),
            registered_on: NaiveDate::from_ymd_opt(2022, 6, 30).unwrap(),
            synthetic: false,
        }
    }

    #[test]
    fn a_csv_row_is_what_the_template_holds() {
        let bytes = households_csv(&[row()]);
        assert_eq!(&bytes[..3], &[0xEF, 0xBB, 0xBF]);
        let mut rdr = csv::Reader::from_reader(&bytes[3..]);
        let header: Vec<String> = rdr.headers().unwrap().iter().map(str::to_owned).collect();
        assert_eq!(header, households_header());
        let rec = rdr.records().next().unwrap().unwrap();
        assert_eq!(
            rec.iter().collect::<Vec<_>>(),
            ["KB-7", "Hoàng Thị Mai", "", "5", "cận nghèo", "30/06/2022"]
        );
    }

    #[test]
    fn formats_parse_as_queries_give_them() {
        assert_eq!(ExportFormat::parse("XLSX").unwrap(), ExportFormat::Xlsx);
        assert_eq!(ExportFormat::parse("csv").unwrap(), ExportFormat::Csv);
        assert!(ExportFormat::parse("json").is_err());
    }
}
