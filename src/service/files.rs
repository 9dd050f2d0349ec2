//! The one file store: party documents' files, goal evidence and
//! registration evidence all keep their content here, content-addressed in
//! the data directory: `<data>/files/ab/cdef…` where `abcdef…` is the
//! SHA-256 of the content. The same content is stored once; a file is
//! written to a temporary name and renamed into place, so a reader never
//! sees half a file. Records keep the hash; access is checked by the
//! operation that owns the record, never here.
//!
//! An S3-compatible object store is not offered yet: the `object_store`
//! crate would bring an HTTP client, TLS and cloud SDK code into a binary
//! that otherwise needs none, for deployments that have a disk anyway. The
//! storage is these two functions, so it can be added behind them when a
//! deployment needs it.

use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

use crate::error::{AppError, AppResult};

/// Where content with this hash lives.
fn content_path(data_dir: &Path, sha256: &str) -> PathBuf {
    data_dir.join("files").join(&sha256[..2]).join(&sha256[2..])
}

/// Store content under its hash (once); returns the hex hash.
pub(crate) async fn write_content(data_dir: &Path, bytes: &[u8]) -> AppResult<String> {
    let sha = hex::encode(Sha256::digest(bytes));
    let path = content_path(data_dir, &sha);
    if tokio::fs::try_exists(&path).await.unwrap_or(false) {
        return Ok(sha);
    }
    let dir = path.parent().expect("a file in a folder");
    tokio::fs::create_dir_all(dir)
        .await
        .map_err(|e| anyhow::anyhow!("creating {}: {e}", dir.display()))?;
    let tmp = dir.join(format!(
        ".{}.{}",
        &sha[2..],
        crate::service::accounts::new_secret("")
    ));
    tokio::fs::write(&tmp, bytes)
        .await
        .map_err(|e| anyhow::anyhow!("writing {}: {e}", tmp.display()))?;
    tokio::fs::rename(&tmp, &path)
        .await
        .map_err(|e| anyhow::anyhow!("storing {}: {e}", path.display()))?;
    Ok(sha)
}

pub(crate) async fn read_content(data_dir: &Path, sha256: &str) -> AppResult<Vec<u8>> {
    if sha256.len() != 64 || !sha256.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(AppError::Internal(anyhow::anyhow!(
            "bad stored hash {sha256}"
        )));
    }
    let path = content_path(data_dir, sha256);
    tokio::fs::read(&path)
        .await
        .map_err(|e| AppError::Internal(anyhow::anyhow!("reading {}: {e}", path.display())))
}
