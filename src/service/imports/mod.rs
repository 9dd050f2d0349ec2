//! The importer (issue 12): a province's own spreadsheets and CSV files
//! into its registers, checked row by row, shown as a dry run first, then
//! written in one transaction through the same rules as the pages and the
//! API. `columns` says what each register's sheet holds; `read` turns a
//! file into rows (formats, encodings, header); one module per register
//! plans and writes its rows.

pub mod columns;
mod criteria_values;
pub mod export;
mod households;
mod households_sheet;
pub mod layout;
pub mod marked;
mod org_groups;
mod party_members;
mod party_members_sheet;
mod read;
mod team_members;
mod team_members_sheet;
mod value_rows;
mod values;
mod villages;

use std::path::PathBuf;

use sha2::{Digest, Sha256};

use super::{Actor, Ctx};
use crate::domain::keyed::keyed;
use crate::error::{AppError, AppResult};
use crate::i18n::messages::Msg;
use crate::io::vn_text::TextEncoding;

keyed! {
    /// The registers a file can be imported into.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Register in "register" {
        Villages = "villages",
        Households = "households",
        TeamMembers = "team_members",
        OrgGroups = "org_groups",
        PartyMembers = "party_members",
        Values = "values",
        CriteriaValues = "criteria_values",
    }
}

/// The file to import: the name the person gave it (its extension counts),
/// where its bytes are (spreadsheets are streamed from there), and the
/// encoding the person chose, if any.
pub struct Source {
    pub name: String,
    pub path: PathBuf,
    pub encoding: Option<TextEncoding>,
    /// Told the row number every `PROGRESS_EVERY` rows read (the command
    /// line's progress bar).
    pub progress: Option<Progress>,
}

pub type Progress = std::sync::Arc<dyn Fn(u32) + Send + Sync>;

/// How often `Source::progress` is told.
pub const PROGRESS_EVERY: u32 = 1000;

/// A row refused, where and why: `row` as the spreadsheet shows it (the
/// header is row 1 in a template), `column` its letter.
#[derive(Debug, Clone)]
pub struct RowError {
    pub sheet: String,
    pub row: u32,
    pub column: String,
    pub value: String,
    pub code: &'static str,
    pub message: Msg,
}

/// What an import did, or would do (`dry_run`).
#[derive(Debug, Clone)]
pub struct Report {
    pub register: Register,
    pub unit: String,
    pub dry_run: bool,
    pub encoding: TextEncoding,
    /// Data rows read (blank and totals rows not counted).
    pub rows: usize,
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub refused: usize,
    pub errors: Vec<RowError>,
    /// SHA-256 of the file; the file is kept under it once written.
    pub sha256: String,
}

impl Report {
    /// A report of `rows` planned (`created`, `updated`, the rest
    /// unchanged) and `errors`, for the file `bytes`.
    pub(super) fn of(
        register: Register,
        unit: &str,
        dry_run: bool,
        encoding: TextEncoding,
        counts: Counts,
        errors: Vec<RowError>,
        bytes: &[u8],
    ) -> Report {
        // A row may be refused for more than one cell: rows are counted once.
        let refused = errors
            .iter()
            .map(|e| (&e.sheet, e.row))
            .collect::<std::collections::HashSet<_>>()
            .len();
        Report {
            register,
            unit: unit.to_owned(),
            dry_run,
            encoding,
            rows: counts.rows + refused,
            created: counts.created,
            updated: counts.updated,
            unchanged: counts.rows - counts.created - counts.updated,
            refused,
            errors,
            sha256: sha256(bytes),
        }
    }

    /// Whether the import has anything to write.
    pub fn writes(&self) -> bool {
        !self.dry_run && self.created + self.updated > 0
    }
}

/// The rows that passed, by what they become.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Counts {
    pub rows: usize,
    pub created: usize,
    pub updated: usize,
}

/// Before an import writes: the import rate limit, and the original
/// file kept (content-addressed) before the write that names it; a write
/// that fails leaves only an unreferenced copy.
pub(super) async fn before_write(
    ctx: &Ctx,
    actor: &Actor,
    report: &mut Report,
    bytes: &[u8],
) -> AppResult<()> {
    crate::service::limits::file_import(ctx, actor)?;
    report.sha256 = crate::service::files::write_content(&ctx.config().data_dir, bytes).await?;
    Ok(())
}

/// The audit entry of an import: the file, its hash and what it did.
pub(super) fn audited(
    report: &Report,
    file: &str,
    entity: &'static str,
    unit_path: Option<String>,
) -> crate::service::audit::Change<'static> {
    crate::service::audit::Change {
        action: "import",
        entity,
        entity_id: format!("{}:{}", report.unit, &report.sha256[..12]),
        unit_path,
        before: None,
        after: Some(serde_json::json!({
            "register": report.register.as_str(), "file": file, "sha256": report.sha256,
            "encoding": report.encoding.as_str(), "rows": report.rows, "created": report.created,
            "updated": report.updated, "unchanged": report.unchanged, "refused": report.refused,
        })),
    }
}

fn sha256(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// Whether the actor may import into `register` at `unit` today, before
/// any byte of a file is read (for households: record in the village or
/// the villages under the unit).
pub async fn check_access(
    ctx: &Ctx,
    actor: &Actor,
    register: Register,
    unit: &str,
) -> AppResult<()> {
    match register {
        Register::Villages => villages::check_access(ctx, actor, unit),
        Register::Households => {
            let h = ctx.hierarchy();
            households::villages(&h, actor, unit, ctx.today()).map(|_| ())
        }
        Register::TeamMembers => team_members::check_access(ctx, actor, unit),
        Register::OrgGroups => org_groups::check_access(ctx, actor, unit),
        Register::PartyMembers => party_members::check_access(ctx, actor, unit).await,
        Register::Values => values::check_access(ctx, actor, unit),
        Register::CriteriaValues => criteria_values::check_access(ctx, actor, unit),
    }
}

/// The sheet of `register` at `unit`: its columns (some built from the
/// unit: its villages, the metrics entered below it, its criteria), for
/// the template, the export and the reading.
pub async fn layout_of(
    ctx: &Ctx,
    actor: &Actor,
    register: Register,
    unit: &str,
) -> AppResult<layout::Layout> {
    match register {
        Register::Villages => villages::layout(ctx, actor, unit).await,
        Register::Households => households_sheet::layout(ctx, actor, unit),
        Register::TeamMembers => team_members::layout(ctx, actor, unit).await,
        Register::OrgGroups => org_groups::layout(ctx, actor, unit).await,
        Register::PartyMembers => party_members::layout(ctx, actor, unit).await,
        Register::Values => values::layout(ctx, actor, unit).await,
        Register::CriteriaValues => criteria_values::layout(ctx, actor, unit).await,
    }
}

/// The records of `register` at `unit` as an export holds them, with
/// the sheet they are written on.
async fn export_rows(
    ctx: &Ctx,
    actor: &Actor,
    register: Register,
    unit: &str,
) -> AppResult<(layout::Layout, Vec<Vec<layout::Value>>)> {
    match register {
        Register::Villages => villages::export(ctx, actor, unit).await,
        Register::Households => households_sheet::export(ctx, actor, unit).await,
        Register::TeamMembers => team_members::export(ctx, actor, unit).await,
        Register::OrgGroups => org_groups::export(ctx, actor, unit).await,
        Register::PartyMembers => party_members::export(ctx, actor, unit).await,
        Register::Values => values::export(ctx, actor, unit).await,
        Register::CriteriaValues => criteria_values::export(ctx, actor, unit).await,
    }
}

/// Import `src` into `register` at `unit`. A dry run reads and checks
/// every row and writes nothing; otherwise the rows that pass are written
/// in one transaction and the refused ones reported. A file refused whole
/// (not a spreadsheet, macro-enabled, password-protected, too large
/// unpacked, too many rows, no header) is an error and nothing is written.
pub async fn import(
    ctx: &Ctx,
    actor: &Actor,
    register: Register,
    unit: &str,
    src: &Source,
    dry_run: bool,
) -> AppResult<Report> {
    // Who may import where is the register's access rule, checked before
    // the file is read.
    check_access(ctx, actor, register, unit).await?;
    let bytes = tokio::fs::read(&src.path)
        .await
        .map_err(|e| anyhow::anyhow!("reading {}: {e}", src.path.display()))?;
    let (c, a, u, b) = (ctx, actor, unit, bytes.as_slice());
    match register {
        Register::Villages => villages::import(c, a, u, src, b, dry_run).await,
        Register::Households => households::import(c, a, u, src, b, dry_run).await,
        Register::TeamMembers => team_members::import(c, a, u, src, b, dry_run).await,
        Register::OrgGroups => org_groups::import(c, a, u, src, b, dry_run).await,
        Register::PartyMembers => party_members::import(c, a, u, src, b, dry_run).await,
        Register::Values => values::import(c, a, u, src, b, dry_run).await,
        Register::CriteriaValues => criteria_values::import(c, a, u, src, b, dry_run).await,
    }
}

/// Where a previewed file waits for its confirmation: under the person's
/// own folder, so that a confirmation names only a file that person sent
/// (never another's, nor a file of the general store).
fn pending_path(ctx: &Ctx, actor: &Actor, sha256: &str) -> AppResult<PathBuf> {
    let user = actor
        .user_id()
        .ok_or_else(|| AppError::Unauthorized(Msg::new("auth.sign_in_to_upload")))?;
    if sha256.len() != 64 || !sha256.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(AppError::invalid("file", Msg::new("import.pending_gone")));
    }
    Ok(ctx
        .config()
        .data_dir
        .join("imports")
        .join(user.to_string())
        .join(sha256.to_ascii_lowercase()))
}

/// Keep a file between its preview and its confirmation; its SHA-256 names
/// it in the confirmation form.
pub async fn keep_pending(ctx: &Ctx, actor: &Actor, bytes: &[u8]) -> AppResult<String> {
    let sha = sha256(bytes);
    let path = pending_path(ctx, actor, &sha)?;
    let dir = path.parent().expect("a folder");
    forget_stale(dir).await;
    tokio::fs::create_dir_all(dir)
        .await
        .map_err(|e| anyhow::anyhow!("creating {}: {e}", dir.display()))?;
    tokio::fs::write(&path, bytes)
        .await
        .map_err(|e| anyhow::anyhow!("writing {}: {e}", path.display()))?;
    Ok(sha)
}

/// Previews never confirmed: the person's files older than a day go.
async fn forget_stale(dir: &std::path::Path) {
    let Ok(mut entries) = tokio::fs::read_dir(dir).await else {
        return;
    };
    let day = std::time::Duration::from_secs(24 * 3600);
    while let Ok(Some(e)) = entries.next_entry().await {
        let old = e
            .metadata()
            .await
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > day);
        if old {
            let _ = tokio::fs::remove_file(e.path()).await;
        }
    }
}

/// The file kept for a confirmation, if it is still there.
pub async fn pending(ctx: &Ctx, actor: &Actor, sha256: &str) -> AppResult<PathBuf> {
    let path = pending_path(ctx, actor, sha256)?;
    if tokio::fs::try_exists(&path).await.unwrap_or(false) {
        Ok(path)
    } else {
        Err(AppError::invalid("file", Msg::new("import.pending_gone")))
    }
}

/// The file is imported (or abandoned): forget it.
pub async fn drop_pending(ctx: &Ctx, actor: &Actor, sha256: &str) {
    if let Ok(path) = pending_path(ctx, actor, sha256) {
        let _ = tokio::fs::remove_file(path).await;
    }
}
