//! Templates and exports of a register (issue 12, items 3 and 5), made to
//! re-import unchanged: each register's `Layout` gives the header row the
//! importer reads, and its export gives each record as the importer reads
//! it, in XLSX (on the template's data sheet: numbers as numbers, days as
//! date cells) or CSV (UTF-8 with a BOM, days as `dd/mm/yyyy`, cells made
//! safe by `io::table::csv_cell`).

use tracing::instrument;

use super::layout::{CSV_TYPE, XLSX_TYPE};
use super::{Register, layout};
use crate::error::{AppError, AppResult};
use crate::i18n::messages::Msg;
use crate::service::{Actor, Ctx};

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

/// A register at `unit` as a file that re-imports unchanged: `(file
/// name, content type, bytes)`. Each register checks who may read it (an
/// export of personal data is refused whole to whoever may not see it).
#[instrument(skip(ctx, actor))]
pub async fn export(
    ctx: &Ctx,
    actor: &Actor,
    register: Register,
    unit: &str,
    format: ExportFormat,
) -> AppResult<(String, &'static str, Vec<u8>)> {
    let (layout, rows) = super::export_rows(ctx, actor, register, unit).await?;
    let bytes = layout.export(&rows, format)?;
    Ok((
        layout.export_name(ctx.today(), format),
        format.content_type(),
        bytes,
    ))
}

/// A register's template at `unit`: `(file name, bytes)`, for someone
/// who may import there.
#[instrument(skip(ctx, actor))]
pub async fn template(
    ctx: &Ctx,
    actor: &Actor,
    register: Register,
    unit: &str,
) -> AppResult<(String, Vec<u8>)> {
    let layout: layout::Layout = super::layout_of(ctx, actor, register, unit).await?;
    Ok((layout.template_name(), layout.template()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_parse_as_queries_give_them() {
        assert_eq!(ExportFormat::parse("XLSX").unwrap(), ExportFormat::Xlsx);
        assert_eq!(ExportFormat::parse("csv").unwrap(), ExportFormat::Csv);
        assert!(ExportFormat::parse("json").is_err());
    }
}
