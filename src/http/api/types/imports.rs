//! The importer's shapes: the multipart form and the report, the same as
//! `tinhso import --json` prints.

use serde::Serialize;
use utoipa::ToSchema;

use crate::i18n::Lang;
use crate::service::imports::{Report, RowError};

/// A file to import, as a multipart form.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct ImportForm {
    /// The `X-CSRF-Token` value, when signed in by the session cookie.
    #[schema(required = false)]
    pub _csrf: String,
    /// The register: `villages`, `households`, `team_members`,
    /// `org_groups`, `party_members`, `values` or `criteria_values`.
    pub register: String,
    /// The unit the rows belong to (a commune for villages; a village, or a
    /// commune or district whose file names each row's village, for
    /// households).
    pub unit: String,
    /// `true` to check every row and write nothing (the preview).
    #[schema(required = false)]
    pub dry_run: bool,
    /// The text's encoding when the guess is wrong: `utf-8`, `utf-16`,
    /// `windows-1258`, `tcvn3` or `vni`.
    #[schema(required = false)]
    pub encoding: String,
    /// XLSX, XLS, ODS or CSV.
    #[schema(value_type = String, format = Binary)]
    pub file: Vec<u8>,
}

/// A row refused: where (sheet, row as the spreadsheet shows it, the
/// header being row 1 in a template; column letter), the value, and how to
/// fix it in the language asked for.
#[derive(Serialize, ToSchema)]
pub struct ImportErrorOut {
    pub sheet: String,
    pub row: u32,
    pub column: String,
    pub value: String,
    pub code: String,
    pub message: String,
}

/// What an import did, or would do when `dry_run`.
#[derive(Serialize, ToSchema)]
pub struct ImportOut {
    pub register: String,
    pub unit: String,
    pub dry_run: bool,
    /// How the file's text was written (detected, or as chosen).
    pub encoding: String,
    /// Data rows read; blank rows and a totals row are not counted.
    pub rows: usize,
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub refused: usize,
    pub errors: Vec<ImportErrorOut>,
    /// SHA-256 of the file, as the audit log names it.
    pub sha256: String,
}

impl ImportErrorOut {
    fn of(e: RowError, lang: Lang) -> ImportErrorOut {
        ImportErrorOut {
            sheet: e.sheet,
            row: e.row,
            column: e.column,
            value: e.value,
            code: e.code.into(),
            message: e.message.render(lang),
        }
    }
}

impl ImportOut {
    pub fn of(r: Report, lang: Lang) -> ImportOut {
        ImportOut {
            register: r.register.as_str().into(),
            unit: r.unit,
            dry_run: r.dry_run,
            encoding: r.encoding.as_str().into(),
            rows: r.rows,
            created: r.created,
            updated: r.updated,
            unchanged: r.unchanged,
            refused: r.refused,
            errors: r
                .errors
                .into_iter()
                .map(|e| ImportErrorOut::of(e, lang))
                .collect(),
            sha256: r.sha256,
        }
    }
}
