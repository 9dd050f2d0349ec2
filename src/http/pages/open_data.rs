//! A unit's figures as open data (`/units/{code}/export`): the unit and
//! each unit below it on a day, one column per headline figure, as CSV,
//! Excel or JSON. Public, like the dashboard it mirrors: aggregates only,
//! never a household or a person. Every download says where the figures
//! come from and the licence they are published under (`--open-data-licence`):
//! the two lines close the CSV and Excel tables, after an empty row (so
//! that the header stays the first row a spreadsheet reads), and are the
//! `source` and `licence` fields of the JSON.
//!
//! The CSV and Excel tables are for people (Vietnamese headers, the
//! figure's name); the JSON keeps the machine keys beside the names.

use axum::Json;
use axum::extract::Path;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::BTreeMap;

use super::Page;
use super::dashboard::{ExportQuery, table_response};
use super::format as fmt;
use crate::error::{AppError, AppResult};
use crate::http::extract::{OnQuery, Query};
use crate::i18n::messages::Msg;
use crate::service::figures;

#[derive(Serialize)]
struct Column {
    key: String,
    name: String,
}

#[derive(Serialize)]
struct Row {
    code: String,
    name: String,
    /// By key; a figure with no value (no households yet) is absent.
    figures: BTreeMap<String, f64>,
}

#[derive(Serialize)]
struct OpenData {
    source: String,
    licence: String,
    unit: String,
    on: NaiveDate,
    columns: Vec<Column>,
    /// The unit first, then each unit below it.
    rows: Vec<Row>,
}

pub async fn export(
    page: Page,
    Path(code): Path<String>,
    Query(q): Query<ExportQuery>,
) -> AppResult<Response> {
    let day = OnQuery { on: q.on }.day(&page.ctx)?;
    let own = figures::headline(&page.ctx, &page.actor, &code, day)?;
    let kids = figures::children_figures(&page.ctx, &page.actor, &code, day)?;
    let lang = page.lang;
    let keys: Vec<String> = own.figures.keys().cloned().collect();
    let rows: Vec<Row> = std::iter::once(&own)
        .chain(&kids)
        .map(|k| Row {
            code: k.unit.code.clone(),
            name: k.unit.full_name.clone(),
            // One rounding rule: what the page shows, as a plain number.
            figures: keys
                .iter()
                .filter_map(|key| {
                    let v = k.figures.get(key)?.value?;
                    Some((key.clone(), fmt::plain(v, 1).parse().ok()?))
                })
                .collect(),
        })
        .collect();
    let path = format!("/units/{}?on={day}", own.unit.code);
    let source = Msg::new("open_data.source")
        .arg("unit", &own.unit.full_name)
        .arg("day", fmt::day(lang, day))
        .arg("path", path)
        .render(lang);
    let licence = Msg::new("open_data.licence")
        .arg("licence", &page.ctx.config().open_data_licence)
        .render(lang);
    let name = format!("tinhso-{code}-{day}");
    match q.format.as_str() {
        "json" => {
            let body = OpenData {
                source,
                licence,
                unit: own.unit.full_name.clone(),
                on: day,
                columns: keys
                    .iter()
                    .map(|k| Column {
                        key: k.clone(),
                        name: super::export_words::figure(lang, k),
                    })
                    .collect(),
                rows,
            };
            let disposition = format!("attachment; filename=\"{name}.json\"");
            Ok(([(header::CONTENT_DISPOSITION, disposition)], Json(body)).into_response())
        }
        "csv" | "" | "xlsx" => {
            let mut header = super::export_words::unit_columns(lang).to_vec();
            header.extend(keys.iter().map(|k| super::export_words::figure(lang, k)));
            let mut table: Vec<Vec<String>> = rows
                .into_iter()
                .map(|r| {
                    let mut cells = vec![r.code, r.name];
                    cells.extend(keys.iter().map(|k| {
                        r.figures
                            .get(k)
                            .map(|v| fmt::plain(*v, 1))
                            .unwrap_or_default()
                    }));
                    cells
                })
                .collect();
            // The notes fill the row's first cell; a CSV keeps one width.
            let width = header.len();
            let note = |text: String| {
                let mut r = vec![String::new(); width];
                r[0] = text;
                r
            };
            table.extend([note(String::new()), note(source), note(licence)]);
            table_response(&name, &q.format, &header, &table)
        }
        other => Err(AppError::invalid(
            "format",
            Msg::new("open_data.format").arg("format", other),
        )),
    }
}
