//! The importer (issue 12): a province's own spreadsheets and CSV files
//! into its registers, checked row by row, shown as a dry run first, then
//! written in one transaction through the same rules as the pages and the
//! API. `columns` says what each register's sheet holds; `read` turns a
//! file into rows (formats, encodings, header); one module per register
//! plans and writes its rows.

pub mod columns;
pub mod export;
mod households;
pub mod marked;
mod read;
pub mod template;

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
        Households = "households",
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

fn sha256(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// Whether the actor may import into `register` at `unit` today (for
/// households: record in the village), before any byte of a file is read.
pub fn check_access(ctx: &Ctx, actor: &Actor, register: Register, unit: &str) -> AppResult<()> {
    match register {
        Register::Households => {
            let h = ctx.hierarchy();
            households::villages(&h, actor, unit, ctx.today())?;
        }
    }
    Ok(())
}

/// Import `src` into `register` at `unit` (for households: a village the
/// actor may record in). A dry run reads and checks every row and writes
/// nothing; otherwise the rows that pass are written in one transaction
/// and the refused ones reported. A file refused whole (not a
/// spreadsheet, macro-enabled, password-protected, too large unpacked,
/// too many rows, no header) is an error and nothing is written.
pub async fn import(
    ctx: &Ctx,
    actor: &Actor,
    register: Register,
    unit: &str,
    src: &Source,
    dry_run: bool,
) -> AppResult<Report> {
    // Who may import where is the register's access rule (for households,
    // recording in the village), checked before the file is read.
    let bytes = tokio::fs::read(&src.path)
        .await
        .map_err(|e| anyhow::anyhow!("reading {}: {e}", src.path.display()))?;
    match register {
        Register::Households => households::import(ctx, actor, unit, src, &bytes, dry_run).await,
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
