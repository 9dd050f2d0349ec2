//! `/api/v1/imports`: a province's own spreadsheets into its registers,
//! a dry run first (`service::imports`).

use axum::Json;
use axum::extract::multipart::{Multipart, MultipartRejection};
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use serde::Deserialize;

use super::types::imports::{ImportForm, ImportOut};
use crate::error::{AppError, AppResult};
use crate::http::api_errors::api_lang;
use crate::http::extract::{ApiActor, Query};
use crate::http::upload::{self, Csrf};
use crate::i18n::messages::Msg;
use crate::io::vn_text::TextEncoding;
use crate::service::Ctx;
use crate::service::imports::export::{self, ExportFormat};
use crate::service::imports::layout::XLSX_TYPE;
use crate::service::imports::{self, Register, Source};

/// The operations of this area, for the OpenAPI document.
#[derive(utoipa::OpenApi)]
#[openapi(paths(import, template, export))]
pub(super) struct Doc;

/// `POST` of a file: `upload::read` limits the body as it arrives.
pub fn import_post() -> axum::routing::MethodRouter<Ctx> {
    upload::post(import)
}

/// Import a spreadsheet or CSV file into a register
///
/// With `dry_run` every row is read and checked and nothing is written:
/// the answer says how many rows would be created, updated, left
/// unchanged or refused, each refusal with its sheet, row, column, value
/// and how to fix it. Without, the rows that pass are written in one
/// transaction (200), the refused ones reported; importing the same file
/// again changes nothing. A file refused whole (not a spreadsheet,
/// macro-enabled, password-protected, too large unpacked, no header row)
/// is a 422 and nothing is written.
#[utoipa::path(post, path = "/imports", tag = "imports",
    request_body(content = ImportForm, content_type = "multipart/form-data"),
    responses((status = 200, body = ImportOut)))]
pub async fn import(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    headers: HeaderMap,
    mp: Result<Multipart, MultipartRejection>,
) -> AppResult<(StatusCode, Json<ImportOut>)> {
    upload::signed_in(&actor)?;
    let form = upload::read(&ctx, mp, Csrf::Checked).await?;
    let register = Register::parse(form.get("register").trim())?;
    let encoding = encoding_of(&form.get("encoding"))?;
    let dry_run = matches!(form.get("dry_run").trim(), "true" | "1" | "on" | "yes");
    let file = form
        .file
        .as_ref()
        .filter(|f| !(f.name.is_empty() && f.size == 0))
        .ok_or_else(|| AppError::invalid("file", Msg::new("upload.no_file")))?;
    let src = Source {
        name: file.name.clone(),
        path: file.path().to_owned(),
        encoding,
        progress: None,
    };
    let unit = form.get("unit");
    let report = imports::import(&ctx, &actor, register, unit.trim(), &src, dry_run).await?;
    Ok((
        StatusCode::OK,
        Json(ImportOut::of(report, api_lang(&headers))),
    ))
}

/// The encoding a person chose, or none ("" or "auto": guess).
pub(crate) fn encoding_of(s: &str) -> AppResult<Option<TextEncoding>> {
    match s.trim() {
        "" | "auto" => Ok(None),
        e => Ok(Some(TextEncoding::parse(e)?)),
    }
}

/// The unit a template or an export is for.
#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UnitQuery {
    /// The unit's code (a commune for villages and criteria values; a
    /// village, commune or district for households).
    unit: String,
}

/// A register's template: the header row the importer reads, a notes
/// sheet, drop-down lists for coded columns
#[utoipa::path(get, path = "/imports/templates/{register}", tag = "imports",
    params(("register" = String, Path, description = "The register: villages, households, team_members, org_groups, party_members, values or criteria_values"), UnitQuery),
    responses((status = 200, description = "An XLSX file",
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")))]
pub async fn template(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(register): Path<String>,
    Query(q): Query<UnitQuery>,
) -> AppResult<Response> {
    let register = Register::parse(&register)?;
    let (name, bytes) = export::template(&ctx, &actor, register, &q.unit).await?;
    Ok(super::file_response(XLSX_TYPE, &name, bytes))
}

/// The export of a register.
#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ExportQuery {
    /// The unit's code (a commune for villages and criteria values; a
    /// village, commune or district for households).
    unit: String,
    /// `xlsx` (default) or `csv`.
    #[serde(default)]
    format: Option<String>,
}

/// A register as it stands, with the template's header row: it imports
/// back unchanged
#[utoipa::path(get, path = "/exports/{register}", tag = "imports",
    params(("register" = String, Path, description = "The register: villages, households, team_members, org_groups, party_members, values or criteria_values"), ExportQuery),
    responses((status = 200, description = "An XLSX or CSV file (UTF-8 with a BOM)",
        content(
            ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            ("text/csv"),
        ))))]
pub async fn export(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Path(register): Path<String>,
    Query(q): Query<ExportQuery>,
) -> AppResult<Response> {
    let format = ExportFormat::parse(q.format.as_deref().unwrap_or("xlsx"))?;
    let register = Register::parse(&register)?;
    let (name, content_type, bytes) =
        export::export(&ctx, &actor, register, &q.unit, format).await?;
    Ok(super::file_response(content_type, &name, bytes))
}
