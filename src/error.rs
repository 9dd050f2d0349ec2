//! The error policy.
//!
//! Every operation returns `AppError`. Each variant has an HTTP status and a
//! stable machine `code` that API clients may match on; its message is for
//! people and says what was wrong and where (the field, the line). Messages
//! are `Msg`s of the catalogue (`i18n::messages`), put in words in the
//! reader's language only when the response is made (`Told`). Internal
//! causes (database, IO) are logged once, here, with an id, and the user sees
//! only "internal error" and that id. Unique-key violations become 409.
//! The API renders an `AppError` as JSON `{"code", "message", "field"?}`;
//! pages render the same facts as an HTML page (see `http::pages`).

use axum::http::StatusCode;

use crate::domain::DomainError;
use crate::i18n::Lang;
use crate::i18n::messages::{Msg, field_label};

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// Input that breaks a rule; names the field.
    #[error("{field}: {message}")]
    Invalid { field: String, message: Msg },
    /// A page or operation that needs a signed-in user, asked anonymously.
    #[error("sign in first")]
    SignInRequired,
    #[error("{0}")]
    Unauthorized(Msg),
    #[error("{0}")]
    Forbidden(Msg),
    #[error("{0}")]
    NotFound(Msg),
    #[error("{0}")]
    Conflict(Msg),
    #[error("{0}")]
    TooManyRequests(Msg),
    #[error("{0}")]
    PayloadTooLarge(Msg),
    #[error("{0}")]
    UnsupportedMediaType(Msg),
    /// The database refused a write for want of space ("database or disk is
    /// full"): nothing was written; reads go on. 503, `storage_full`.
    #[error("the server's storage is full: nothing was saved; try again later")]
    StorageFull,
    /// A state-changing form without a valid CSRF token.
    #[error("{0}")]
    Csrf(Msg),
    /// Something broke inside; the cause is logged, never shown.
    #[error("internal error")]
    Internal(#[source] anyhow::Error),
}

impl AppError {
    pub fn invalid(field: impl Into<String>, message: impl Into<Msg>) -> Self {
        AppError::Invalid {
            field: field.into(),
            message: message.into(),
        }
    }

    /// Nothing with this id (404): "no {what} with id {id}", `what` in
    /// both languages.
    pub fn no_record(what_vi: &str, what_en: &str, id: impl std::fmt::Display) -> Self {
        AppError::NotFound(
            Msg::new("notfound.record")
                .arg_words("what", what_vi, what_en)
                .arg("id", id),
        )
    }

    pub fn status(&self) -> StatusCode {
        match self {
            AppError::Invalid { .. } => StatusCode::BAD_REQUEST,
            AppError::Unauthorized(_) | AppError::SignInRequired => StatusCode::UNAUTHORIZED,
            AppError::Forbidden(_) | AppError::Csrf(_) => StatusCode::FORBIDDEN,
            AppError::NotFound(_) => StatusCode::NOT_FOUND,
            AppError::Conflict(_) => StatusCode::CONFLICT,
            AppError::TooManyRequests(_) => StatusCode::TOO_MANY_REQUESTS,
            AppError::PayloadTooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            AppError::StorageFull => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The stable machine code.
    pub fn code(&self) -> &'static str {
        match self {
            AppError::Invalid { .. } => "invalid_input",
            AppError::Unauthorized(_) | AppError::SignInRequired => "unauthorized",
            AppError::Forbidden(_) => "forbidden",
            AppError::NotFound(_) => "not_found",
            AppError::Conflict(_) => "conflict",
            AppError::TooManyRequests(_) => "too_many_requests",
            AppError::PayloadTooLarge(_) => "payload_too_large",
            AppError::UnsupportedMediaType(_) => "unsupported_media_type",
            AppError::Csrf(_) => "csrf_failed",
            AppError::StorageFull => "storage_full",
            AppError::Internal(_) => "internal",
        }
    }

    pub fn field(&self) -> Option<&str> {
        match self {
            AppError::Invalid { field, .. } => Some(field),
            _ => None,
        }
    }

    /// The error of item `i` of a batch of `n`: the field path or the
    /// message says which item (a batch of one is told as is).
    pub fn at_item(self, n: usize, i: usize) -> AppError {
        if n == 1 {
            return self;
        }
        let item = |m: Msg| Msg::new("error.item").arg("item", i).arg_msg("message", m);
        match self {
            AppError::Invalid { field, message } => {
                AppError::invalid(format!("items[{i}].{field}"), message)
            }
            AppError::Conflict(m) => AppError::Conflict(item(m)),
            AppError::Forbidden(m) => AppError::Forbidden(item(m)),
            AppError::NotFound(m) => AppError::NotFound(item(m)),
            other => other,
        }
    }

    /// What the person is told. Internal errors are logged here, once per
    /// call, and told only by reference: call it once per error.
    pub fn told(&self) -> Told {
        let msg = match self {
            AppError::Invalid { message, .. } => message.clone(),
            AppError::SignInRequired => Msg::new("error.sign_in_first"),
            AppError::StorageFull => Msg::new("error.storage_full"),
            AppError::Internal(cause) => {
                let mut id = [0u8; 4];
                getrandom::fill(&mut id).ok();
                let id = hex::encode(id);
                tracing::error!(error_id = %id, error = ?cause, "internal error");
                Msg::new("error.internal").arg("reference", id)
            }
            AppError::Unauthorized(m)
            | AppError::Forbidden(m)
            | AppError::NotFound(m)
            | AppError::Conflict(m)
            | AppError::TooManyRequests(m)
            | AppError::PayloadTooLarge(m)
            | AppError::UnsupportedMediaType(m)
            | AppError::Csrf(m) => m.clone(),
        };
        Told {
            code: self.code(),
            field: self.field().map(str::to_owned),
            msg,
        }
    }

    /// The message in `lang` (see `told`).
    pub fn message(&self, lang: Lang) -> String {
        self.told().message(lang)
    }
}

/// What a person is told about an error: its stable code, the field it is
/// about, and the message, put in words by `message` in their language.
#[derive(Debug, Clone)]
pub struct Told {
    pub code: &'static str,
    pub field: Option<String>,
    pub msg: Msg,
}

impl Told {
    /// "field in words: message", or the message alone.
    pub fn message(&self, lang: Lang) -> String {
        let text = self.msg.render(lang);
        match &self.field {
            Some(field) => format!("{}: {text}", field_label(lang, field)),
            None => text,
        }
    }
}

impl From<DomainError> for AppError {
    fn from(e: DomainError) -> Self {
        AppError::invalid(e.field(), e.reason().clone())
    }
}

impl From<sqlx::Error> for AppError {
    fn from(e: sqlx::Error) -> Self {
        if crate::store::is_unique_violation(&e) {
            return AppError::Conflict(Msg::new("error.duplicate"));
        }
        if crate::store::is_storage_full(&e) {
            tracing::error!(error = %e, "write refused: storage full");
            return AppError::StorageFull;
        }
        AppError::Internal(e.into())
    }
}

impl From<anyhow::Error> for AppError {
    fn from(e: anyhow::Error) -> Self {
        AppError::Internal(e)
    }
}

pub type AppResult<T> = Result<T, AppError>;
