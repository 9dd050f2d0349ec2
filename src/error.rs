//! The error policy.
//!
//! Every operation returns `AppError`. Each variant has an HTTP status and a
//! stable machine `code` that API clients may match on; its message is for
//! people and says what was wrong and where (the field, the line). Internal
//! causes (database, IO) are logged once, here, with an id, and the user sees
//! only "internal error" and that id. Unique-key violations become 409.
//! The API renders an `AppError` as JSON `{"code", "message", "field"?}`;
//! pages render the same facts as an HTML page (see `http::pages`).

use axum::http::StatusCode;

use crate::domain::DomainError;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// Input that breaks a rule; names the field.
    #[error("{field}: {message}")]
    Invalid { field: String, message: String },
    /// A page or operation that needs a signed-in user, asked anonymously.
    #[error("sign in first")]
    SignInRequired,
    #[error("{0}")]
    Unauthorized(String),
    #[error("{0}")]
    Forbidden(String),
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    Conflict(String),
    #[error("{0}")]
    TooManyRequests(String),
    #[error("{0}")]
    PayloadTooLarge(String),
    #[error("{0}")]
    UnsupportedMediaType(String),
    /// The database refused a write for want of space ("database or disk is
    /// full"): nothing was written; reads go on. 503, `storage_full`.
    #[error("the server's storage is full: nothing was saved; try again later")]
    StorageFull,
    /// A state-changing form without a valid CSRF token.
    #[error("{0}")]
    Csrf(String),
    /// Something broke inside; the cause is logged, never shown.
    #[error("internal error")]
    Internal(#[source] anyhow::Error),
}

impl AppError {
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        AppError::Invalid {
            field: field.into(),
            message: message.into(),
        }
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

    /// The message shown to people. Internal errors are logged here, once,
    /// and shown only by reference.
    pub fn public_message(&self) -> String {
        match self {
            AppError::Invalid { field, message } => format!("{field}: {message}"),
            AppError::Internal(cause) => {
                let mut id = [0u8; 4];
                getrandom::fill(&mut id).ok();
                let id = hex::encode(id);
                tracing::error!(error_id = %id, error = ?cause, "internal error");
                format!("internal error (reference {id})")
            }
            other => other.to_string(),
        }
    }
}

impl From<DomainError> for AppError {
    fn from(e: DomainError) -> Self {
        AppError::invalid(e.field(), e.reason())
    }
}

impl From<sqlx::Error> for AppError {
    fn from(e: sqlx::Error) -> Self {
        if crate::store::is_unique_violation(&e) {
            return AppError::Conflict("that record already exists".into());
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
