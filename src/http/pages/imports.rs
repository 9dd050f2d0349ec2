//! `/units/{code}/import/{register}`: a register's records from a file, as
//! a person does it: choose the file, see the preview (the dry run:
//! counts, and each refused row with its place and how to fix it), then
//! confirm. The file waits between the two under the person's own folder
//! (`imports::keep_pending`), named by its SHA-256 in the confirmation.
//! `/units/{code}/import` lists the registers the person may import there.

use askama::Template;
use axum::extract::Path;
use axum::extract::multipart::{Multipart, MultipartRejection};
use axum::http::StatusCode;
use axum::response::Response;
use axum_extra::extract::CookieJar;
use serde::Deserialize;

use super::import_texts::{self as words, ImportTexts};
use super::{Base, Page};
use crate::error::{AppError, AppResult};
use crate::http::api::encoding_of;
use crate::http::api::types::imports::ImportOut;
use crate::http::extract::{CsrfForm, expected_csrf};
use crate::http::upload::{self, Csrf};
use crate::i18n::messages::Msg;
use crate::io::vn_text::TextEncoding;
use crate::service::imports::{self, Register, Source};
use crate::service::units;

#[derive(Template)]
#[template(path = "pages/imports/register.html")]
struct ImportPage {
    base: Base,
    w: &'static ImportTexts,
    register: &'static str,
    /// The page's title: what is imported.
    title: String,
    code: String,
    name: String,
    encodings: Vec<&'static str>,
    chosen: String,
    /// The preview, once a file was sent.
    report: Option<ImportOut>,
    /// The previewed file, kept for its confirmation and its marked copy:
    /// its hash and name.
    pending: Option<(String, String)>,
    /// A file refused whole: why.
    refused: Option<String>,
}

#[allow(clippy::too_many_arguments)]
fn render(
    page: Page,
    (code, register): (&str, Register),
    status: StatusCode,
    chosen: String,
    report: Option<ImportOut>,
    pending: Option<(String, String)>,
    refused: Option<String>,
) -> AppResult<Response> {
    page.require_user()?;
    let unit = units::get(&page.ctx, &page.actor, code, page.ctx.today())?;
    let w = words::texts(page.lang);
    let title = words::title(register, page.lang);
    let tpl = ImportPage {
        base: page.base(format!("{title} – {}", unit.unit.full_name)),
        w,
        register: register.as_str(),
        title,
        code: code.to_owned(),
        name: unit.unit.full_name.clone(),
        encodings: TextEncoding::ALL.iter().map(|e| e.as_str()).collect(),
        chosen,
        report,
        pending,
        refused,
    };
    page.render(status, &tpl)
}

#[derive(Template)]
#[template(path = "pages/imports/choose.html")]
struct ChoosePage {
    base: Base,
    w: &'static ImportTexts,
    code: String,
    name: String,
    /// The registers the person may import here: key and title.
    registers: Vec<(&'static str, String)>,
}

/// The registers the person may import into at the unit.
pub async fn choose(page: Page, Path(code): Path<String>) -> AppResult<Response> {
    page.require_user()?;
    let unit = units::get(&page.ctx, &page.actor, &code, page.ctx.today())?;
    let mut registers: Vec<(&'static str, String)> = Vec::new();
    for r in Register::ALL {
        if imports::check_access(&page.ctx, &page.actor, r, &code)
            .await
            .is_ok()
        {
            registers.push((r.as_str(), words::title(r, page.lang)));
        }
    }
    if registers.is_empty() {
        return Err(AppError::Forbidden(
            Msg::new("import_files.nothing_here").arg("unit", &unit.unit.full_name),
        ));
    }
    let w = words::texts(page.lang);
    let tpl = ChoosePage {
        base: page.base(format!("{} – {}", w.choose_title, unit.unit.full_name)),
        w,
        code: code.clone(),
        name: unit.unit.full_name.clone(),
        registers,
    };
    page.render(StatusCode::OK, &tpl)
}

/// The form: a file and, when the guess is wrong, its encoding.
pub async fn form(
    page: Page,
    Path((code, register)): Path<(String, String)>,
) -> AppResult<Response> {
    let register = Register::parse(&register)?;
    imports::check_access(&page.ctx, &page.actor, register, &code).await?;
    render(
        page,
        (&code, register),
        StatusCode::OK,
        String::new(),
        None,
        None,
        None,
    )
}

/// `POST` of the file: `upload::read` limits the body as it arrives.
pub fn preview_post() -> axum::routing::MethodRouter<crate::service::Ctx> {
    upload::post(preview)
}

/// The preview: the file kept, read and checked, nothing written.
pub async fn preview(
    page: Page,
    Path((code, register)): Path<(String, String)>,
    jar: CookieJar,
    mp: Result<Multipart, MultipartRejection>,
) -> AppResult<Response> {
    page.require_user()?;
    let register = Register::parse(&register)?;
    imports::check_access(&page.ctx, &page.actor, register, &code).await?;
    let form = upload::read(&page.ctx, mp, Csrf::Field(expected_csrf(&jar))).await?;
    let chosen = form.get("encoding");
    let result = async {
        let encoding = encoding_of(&chosen)?;
        let (name, bytes) = form.required_file().await?;
        let sha = imports::keep_pending(&page.ctx, &page.actor, &bytes).await?;
        let report = run(&page, (&code, register), &name, &sha, encoding, true).await?;
        Ok::<_, AppError>((report, sha, name))
    }
    .await;
    match result {
        Ok((report, sha, name)) => {
            let report = ImportOut::of(report, page.lang);
            let pending = Some((sha, name));
            render(
                page,
                (&code, register),
                StatusCode::OK,
                chosen,
                Some(report),
                pending,
                None,
            )
        }
        Err(e @ (AppError::Invalid { .. } | AppError::PayloadTooLarge(_))) => {
            let why = e.told().msg.render(page.lang);
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            render(
                page,
                (&code, register),
                status,
                chosen,
                None,
                None,
                Some(why),
            )
        }
        Err(e) => Err(e),
    }
}

#[derive(Deserialize)]
pub struct ConfirmForm {
    sha256: String,
    name: String,
    #[serde(default)]
    encoding: String,
}

/// The confirmation: the kept file imported, then forgotten.
pub async fn confirm(
    page: Page,
    Path((code, register)): Path<(String, String)>,
    CsrfForm(form): CsrfForm<ConfirmForm>,
) -> AppResult<Response> {
    page.require_user()?;
    let register = Register::parse(&register)?;
    let encoding = encoding_of(&form.encoding)?;
    let at = (code.as_str(), register);
    let report = run(&page, at, &form.name, &form.sha256, encoding, false).await?;
    imports::drop_pending(&page.ctx, &page.actor, &form.sha256).await;
    let summary = Msg::new("import.summary")
        .arg("rows", report.rows)
        .arg("created", report.created)
        .arg("updated", report.updated)
        .arg("unchanged", report.unchanged)
        .arg("refused", report.refused)
        .render(page.lang);
    let to = words::after_import(register, &code);
    Ok(page.redirect(&to, "ok", &summary))
}

/// The import of the file kept as `sha256` (named `name` when sent), as a
/// dry run for the preview or for real on confirmation.
async fn run(
    page: &Page,
    (code, register): (&str, Register),
    name: &str,
    sha256: &str,
    encoding: Option<TextEncoding>,
    dry_run: bool,
) -> AppResult<imports::Report> {
    let src = Source {
        name: name.to_owned(),
        path: imports::pending(&page.ctx, &page.actor, sha256).await?,
        encoding,
        progress: None,
    };
    imports::import(&page.ctx, &page.actor, register, code, &src, dry_run).await
}

#[derive(Deserialize)]
pub struct MarkedQuery {
    sha256: String,
    name: String,
    #[serde(default)]
    encoding: String,
}

/// The previewed file as XLSX, its refused cells filled red with a note
/// saying how to fix each (in the page's language).
pub async fn marked(
    page: Page,
    Path((code, register)): Path<(String, String)>,
    crate::http::extract::Query(q): crate::http::extract::Query<MarkedQuery>,
) -> AppResult<Response> {
    page.require_user()?;
    let register = Register::parse(&register)?;
    let src = Source {
        name: q.name.clone(),
        path: imports::pending(&page.ctx, &page.actor, &q.sha256).await?,
        encoding: encoding_of(&q.encoding)?,
        progress: None,
    };
    let bytes =
        imports::marked::marked_copy(&page.ctx, &page.actor, register, &code, &src, page.lang)
            .await?;
    let stem = q.name.rsplit_once('.').map_or(q.name.as_str(), |(s, _)| s);
    let name = format!("{stem}-can-sua.xlsx");
    Ok(crate::http::api::file_response(
        imports::layout::XLSX_TYPE,
        &name,
        bytes,
    ))
}
