//! Every error under `/api/` is JSON `{"code", "message"}`, whoever made
//! it: our handlers (`AppError` already is), and axum's own rejections
//! (a path parameter that does not parse, a method the route does not
//! take, a body over the limit), which are plain text or empty otherwise.
//! A URI longer than `MAX_URI` is refused here with 414 in JSON; hyper
//! itself answers longer ones than it can parse (64 KiB) with an empty 414
//! before any application code runs.

use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::ErrorInfo;

/// The longest request target (path and query) the API reads, in bytes.
pub const MAX_URI: usize = 8 << 10;

/// How much of a plain-text rejection is kept as the message.
const MAX_MESSAGE: usize = 1 << 10;

pub async fn json_errors(req: Request, next: Next) -> Response {
    if !req.uri().path().starts_with("/api/") {
        return next.run(req).await;
    }
    let path = req.uri().path().to_owned();
    let target_len = req.uri().path_and_query().map_or(0, |p| p.as_str().len());
    if target_len > MAX_URI {
        return error(
            StatusCode::URI_TOO_LONG,
            "uri_too_long",
            format!("the request URI may be at most {MAX_URI} bytes"),
            None,
        );
    }
    let resp = next.run(req).await;
    let status = resp.status();
    if !(status.is_client_error() || status.is_server_error())
        || resp.extensions().get::<ErrorInfo>().is_some()
        || is_json(&resp)
    {
        return resp;
    }
    let (parts, body) = resp.into_parts();
    let text = match axum::body::to_bytes(body, MAX_MESSAGE * 4).await {
        Ok(b) => String::from_utf8_lossy(&b).trim().to_owned(),
        Err(_) => String::new(),
    };
    let (code, field) = code_for(status, &text);
    let message = if text.is_empty() {
        default_message(status, &path)
    } else {
        text.chars().take(MAX_MESSAGE).collect()
    };
    let mut fresh = error(status, code, message, field);
    for (name, value) in parts.headers.iter() {
        if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
            fresh.headers_mut().insert(name.clone(), value.clone());
        }
    }
    fresh
}

fn is_json(resp: &Response) -> bool {
    resp.headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.starts_with("application/json"))
}

/// The machine code for a status, as `AppError::code` names them, and the
/// field a rejection is about.
fn code_for(status: StatusCode, text: &str) -> (&'static str, Option<&'static str>) {
    match status {
        StatusCode::BAD_REQUEST if text.contains("URL") || text.contains("path") => {
            ("invalid_input", Some("path"))
        }
        StatusCode::BAD_REQUEST if text.contains("query") => ("invalid_input", Some("query")),
        StatusCode::BAD_REQUEST | StatusCode::UNPROCESSABLE_ENTITY => {
            ("invalid_input", Some("body"))
        }
        StatusCode::UNAUTHORIZED => ("unauthorized", None),
        StatusCode::FORBIDDEN => ("forbidden", None),
        StatusCode::NOT_FOUND => ("not_found", None),
        StatusCode::METHOD_NOT_ALLOWED => ("method_not_allowed", None),
        StatusCode::CONFLICT => ("conflict", None),
        StatusCode::PAYLOAD_TOO_LARGE => ("payload_too_large", None),
        StatusCode::URI_TOO_LONG => ("uri_too_long", None),
        StatusCode::UNSUPPORTED_MEDIA_TYPE => ("unsupported_media_type", None),
        StatusCode::TOO_MANY_REQUESTS => ("too_many_requests", None),
        s if s.is_server_error() => ("internal", None),
        _ => ("invalid_input", None),
    }
}

fn default_message(status: StatusCode, path: &str) -> String {
    match status {
        StatusCode::METHOD_NOT_ALLOWED => {
            format!("{path} does not take this method (see the Allow header)")
        }
        StatusCode::NOT_FOUND => format!("nothing at {path}"),
        StatusCode::PAYLOAD_TOO_LARGE => "the request body is too large".into(),
        s => s.canonical_reason().unwrap_or("error").to_owned(),
    }
}

fn error(status: StatusCode, code: &'static str, message: String, field: Option<&str>) -> Response {
    let body = super::api::types::ErrorBody {
        code,
        message,
        field: field.map(str::to_owned),
    };
    let mut resp = (status, axum::Json(body)).into_response();
    resp.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    resp
}
