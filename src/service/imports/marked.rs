//! A copy of a file with its refused cells marked: the rows read, each
//! refused cell filled red with a note saying how to fix it, at the row
//! and column where the preview names it; so a commune clerk fixes the
//! file where it is wrong rather than hunting for "row 5, column E".

use std::collections::HashMap;

use rust_xlsxwriter::{Color, Format, Note, Workbook, Worksheet, XlsxError};

use super::columns::VILLAGE;
use super::read;
use super::{Actor, Ctx, Register, Source, import};
use crate::error::AppResult;
use crate::i18n::Lang;
use crate::io::sheet::{Cell, ColumnSpec, column_letter};

/// The file `src` as XLSX, its refused cells marked (messages in `lang`).
pub async fn marked_copy(
    ctx: &Ctx,
    actor: &Actor,
    register: Register,
    unit: &str,
    src: &Source,
    lang: Lang,
) -> AppResult<Vec<u8>> {
    let report = import(ctx, actor, register, unit, src, true).await?;
    let mut refused: HashMap<(u32, String), String> = HashMap::new();
    for e in &report.errors {
        let at = (e.row, e.column.clone());
        let text = e.message.render(lang);
        refused
            .entry(at)
            .and_modify(|t| {
                t.push('\n');
                t.push_str(&text);
            })
            .or_insert(text);
    }
    let bytes = tokio::fs::read(&src.path)
        .await
        .map_err(|e| anyhow::anyhow!("reading {}: {e}", src.path.display()))?;
    let mut specs: Vec<ColumnSpec> = super::layout_of(ctx, actor, register, unit).await?.specs();
    // A village's own households file may still name the village.
    if register == Register::Households && !specs.iter().any(|s| s.key == VILLAGE.key) {
        specs.insert(0, VILLAGE);
    }
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let bad = Format::new().set_background_color(Color::RGB(0xF8_C8_C8));
    let mut header = false;
    let mut failed: Option<XlsxError> = None;
    let sheet = read::of_source(src, &bytes, &specs, |sheet, row| {
        if failed.is_some() {
            return Ok(());
        }
        let mut write = || -> Result<(), XlsxError> {
            if !header {
                header = true;
                ws.set_name(&sheet.name)?;
                let top = sheet.header.row - 1;
                for (key, col) in &sheet.header.columns {
                    let name = specs
                        .iter()
                        .find(|s| s.key == *key)
                        .map_or(*key, |s| s.names[0]);
                    ws.write_string(top, *col as u16, name)?;
                }
                for (col, text) in &sheet.header.unknown {
                    ws.write_string(top, *col as u16, text)?;
                }
            }
            let r = row.number - 1;
            for (i, cell) in row.cells.iter().enumerate() {
                write_cell(ws, r, i as u16, cell)?;
            }
            for ((at, letter), text) in refused.iter().filter(|((at, _), _)| *at == row.number) {
                let col = (0..row.cells.len().max(1) + 64)
                    .find(|c| column_letter(*c) == *letter)
                    .unwrap_or(0) as u16;
                let value = row.get(col as usize).display();
                ws.write_string_with_format(r, col, &value, &bad)?;
                ws.insert_note(*at - 1, col, &Note::new(text).set_author("tinhso"))?;
            }
            Ok(())
        };
        if let Err(e) = write() {
            failed = Some(e);
        }
        Ok(())
    })?;
    let _ = sheet;
    if let Some(e) = failed {
        return Err(anyhow::anyhow!("writing the marked copy: {e}").into());
    }
    Ok(wb
        .save_to_buffer()
        .map_err(|e| anyhow::anyhow!("writing the marked copy: {e}"))?)
}

fn write_cell(ws: &mut Worksheet, r: u32, c: u16, cell: &Cell) -> Result<(), XlsxError> {
    match cell {
        Cell::Empty => {}
        Cell::Number(n) => {
            ws.write_number(r, c, *n)?;
        }
        Cell::Bool(b) => {
            ws.write_boolean(r, c, *b)?;
        }
        other => {
            ws.write_string(r, c, other.display())?;
        }
    }
    Ok(())
}
