//! The one reader of multipart uploads (party documents' files, goal
//! evidence, registration evidence; API and pages alike).
//!
//! Upload routes lift the general body limit, so this reader is what keeps
//! a request's memory bounded. The handler has already refused the public
//! (`signed_in`) and, where it can, checked access to the target record
//! before calling it, so no byte of an anonymous body is read. Then:
//!
//! - every text field is capped (`FIELD_LIMIT`) and so is their number;
//! - the whole body is capped (the upload size plus the general body limit
//!   for the text fields); past it, 413 and nothing more is read;
//! - the file is streamed to a temporary file in the data directory as it
//!   arrives, refused with 413 as soon as it passes the upload size;
//! - for a page form, the CSRF token (the `_csrf` field, which the forms
//!   send first) is checked before any file byte is read.

use std::path::PathBuf;

use axum::extract::multipart::{Field, Multipart, MultipartError, MultipartRejection};
use axum::http::StatusCode;
use tokio::io::AsyncWriteExt;

use crate::error::{AppError, AppResult};
use crate::http::extract::{CSRF_FIELD, csrf_equal};
use crate::i18n::Lang;
use crate::i18n::messages::{Msg, field_label};
use crate::service::{Actor, Ctx};

/// The largest text field of a multipart form, in bytes.
pub const FIELD_LIMIT: usize = 64 << 10;
/// The most fields a multipart form may have.
const MAX_FIELDS: usize = 32;

/// Uploads are for signed-in users: the public is refused before any byte
/// of the body is read.
pub fn signed_in(actor: &Actor) -> AppResult<()> {
    if actor.user_id().is_some() {
        Ok(())
    } else {
        Err(AppError::Unauthorized(Msg::new("auth.sign_in_to_upload")))
    }
}

/// A file received: the name the client gave and its content, kept in a
/// temporary file that is removed when this is dropped.
pub struct Spooled {
    pub name: String,
    pub size: usize,
    path: PathBuf,
}

impl Spooled {
    /// Where the content is spooled (removed when this is dropped).
    pub fn path(&self) -> &std::path::Path {
        &self.path
    }

    /// The content (at most the upload size).
    pub async fn bytes(&self) -> AppResult<Vec<u8>> {
        tokio::fs::read(&self.path).await.map_err(|e| {
            AppError::Internal(anyhow::anyhow!("reading {}: {e}", self.path.display()))
        })
    }
}

impl Drop for Spooled {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

/// A multipart form's text fields and its file (field `file`).
pub struct UploadForm {
    pub fields: Vec<(String, String)>,
    pub file: Option<Spooled>,
}

impl UploadForm {
    /// A text field's value, or "".
    pub fn get(&self, name: &str) -> String {
        self.fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    }

    /// The file and its content; a form without one is refused.
    pub async fn required_file(&self) -> AppResult<(String, Vec<u8>)> {
        let file = self
            .file
            .as_ref()
            .ok_or_else(|| AppError::invalid("file", Msg::new("upload.no_file")))?;
        Ok((file.name.clone(), file.bytes().await?))
    }

    /// The file and its content when one was chosen (a page form sends an
    /// empty, unnamed file when none was).
    pub async fn optional_file(&self) -> AppResult<Option<(String, Vec<u8>)>> {
        match &self.file {
            Some(f) if !(f.name.is_empty() && f.size == 0) => {
                Ok(Some((f.name.clone(), f.bytes().await?)))
            }
            _ => Ok(None),
        }
    }
}

/// Whether the form must carry a CSRF token before its file.
pub enum Csrf {
    /// An API request: the token or the `X-CSRF-Token` header was checked.
    Checked,
    /// A page form: this is the token its `_csrf` field must carry.
    Field(Option<String>),
}

fn csrf_refused() -> AppError {
    AppError::Csrf(Msg::new("auth.csrf"))
}

fn too_large(what: Msg) -> AppError {
    AppError::PayloadTooLarge(what)
}

fn bad(e: MultipartError) -> AppError {
    if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
        too_large(Msg::new("request.too_large"))
    } else {
        AppError::invalid("file", crate::http::extract::unreadable(e.body_text()))
    }
}

/// Read a multipart upload within the limits above.
pub async fn read(
    ctx: &Ctx,
    mp: Result<Multipart, MultipartRejection>,
    csrf: Csrf,
) -> AppResult<UploadForm> {
    let mut mp =
        mp.map_err(|_| AppError::UnsupportedMediaType(Msg::new("upload.multipart_required")))?;
    let file_limit = ctx.config().max_upload_bytes;
    let mut budget = file_limit.saturating_add(ctx.config().max_body_bytes);
    let (mut csrf_ok, expected) = match csrf {
        Csrf::Checked => (true, None),
        Csrf::Field(expected) => (false, expected),
    };
    let mut form = UploadForm {
        fields: Vec::new(),
        file: None,
    };
    let mut count = 0;
    while let Some(mut field) = mp.next_field().await.map_err(bad)? {
        count += 1;
        if count > MAX_FIELDS {
            return Err(too_large(
                Msg::new("upload.too_many_fields").arg("max", MAX_FIELDS),
            ));
        }
        let name = field.name().unwrap_or("").to_owned();
        if name != "file" {
            let text = read_text(&mut field, &name, &mut budget).await?;
            if name == CSRF_FIELD {
                csrf_ok = expected.as_deref().is_some_and(|e| csrf_equal(&text, e));
            }
            form.fields.push((name, text));
            continue;
        }
        if !csrf_ok {
            return Err(csrf_refused());
        }
        if form.file.is_some() {
            return Err(AppError::invalid("file", Msg::new("upload.one_file")));
        }
        form.file = Some(spool(ctx, &mut field, file_limit, &mut budget).await?);
    }
    if !csrf_ok {
        return Err(csrf_refused());
    }
    Ok(form)
}

/// A text field, at most `FIELD_LIMIT` bytes of UTF-8.
async fn read_text(field: &mut Field<'_>, name: &str, budget: &mut usize) -> AppResult<String> {
    let mut bytes = Vec::new();
    while let Some(chunk) = field.chunk().await.map_err(bad)? {
        if bytes.len() + chunk.len() > FIELD_LIMIT {
            return Err(too_large(
                Msg::new("upload.field_too_long")
                    .arg_words(
                        "field",
                        &field_label(Lang::Vi, name),
                        &field_label(Lang::En, name),
                    )
                    .arg("max", FIELD_LIMIT >> 10),
            ));
        }
        take(budget, chunk.len())?;
        bytes.extend_from_slice(&chunk);
    }
    String::from_utf8(bytes).map_err(|_| AppError::invalid(name, Msg::new("upload.not_utf8")))
}

fn take(budget: &mut usize, n: usize) -> AppResult<()> {
    *budget = budget
        .checked_sub(n)
        .ok_or_else(|| too_large(Msg::new("request.too_large")))?;
    Ok(())
}

/// The file field, written to a temporary file as it arrives.
async fn spool(
    ctx: &Ctx,
    field: &mut Field<'_>,
    limit: usize,
    budget: &mut usize,
) -> AppResult<Spooled> {
    let dir = ctx.config().data_dir.join("files").join("tmp");
    tokio::fs::create_dir_all(&dir)
        .await
        .map_err(|e| anyhow::anyhow!("creating {}: {e}", dir.display()))?;
    let spooled = Spooled {
        name: field.file_name().unwrap_or("").to_owned(),
        size: 0,
        path: dir.join(format!(
            "upload-{}",
            crate::service::accounts::new_secret("")
        )),
    };
    let mut out = tokio::fs::File::create(&spooled.path)
        .await
        .map_err(|e| anyhow::anyhow!("creating {}: {e}", spooled.path.display()))?;
    let mut spooled = spooled;
    while let Some(chunk) = field.chunk().await.map_err(bad)? {
        if spooled.size + chunk.len() > limit {
            return Err(too_large(
                Msg::new("upload.too_large").arg("max", limit >> 20),
            ));
        }
        take(budget, chunk.len())?;
        out.write_all(&chunk)
            .await
            .map_err(|e| anyhow::anyhow!("writing {}: {e}", spooled.path.display()))?;
        spooled.size += chunk.len();
    }
    out.flush()
        .await
        .map_err(|e| anyhow::anyhow!("writing {}: {e}", spooled.path.display()))?;
    Ok(spooled)
}

/// An upload route: the general body limit is lifted because `read`
/// applies its own, as the body arrives.
pub fn post<H, T>(handler: H) -> axum::routing::MethodRouter<Ctx>
where
    H: axum::handler::Handler<T, Ctx>,
    T: 'static,
{
    axum::routing::post(handler).layer(axum::extract::DefaultBodyLimit::disable())
}
