//! Every error under `/api/` is JSON `{"code", "message"}`, whoever made
//! it: our handlers (`AppError` already is), and axum's own rejections
//! (a path parameter that does not parse, a method the route does not
//! take, a body over the limit), which are plain text or empty otherwise.
//! A URI longer than `MAX_URI` is refused here with 414 in JSON; hyper
//! itself answers longer ones than it can parse (64 KiB) with an empty 414
//! before any application code runs.

use axum::extract::Request;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::ErrorInfo;
use super::api::types::ErrorBody;
use crate::error::Told;
use crate::i18n::Lang;
use crate::i18n::messages::Msg;

/// The longest request target (path and query) the API reads, in bytes.
pub const MAX_URI: usize = 8 << 10;

/// How much of a plain-text rejection is kept as the message.
const MAX_MESSAGE: usize = 1 << 10;

pub async fn json_errors(req: Request, next: Next) -> Response {
    if !req.uri().path().starts_with("/api/") {
        return next.run(req).await;
    }
    let lang = api_lang(req.headers());
    let path = req.uri().path().to_owned();
    let target_len = req.uri().path_and_query().map_or(0, |p| p.as_str().len());
    if target_len > MAX_URI {
        let msg = Msg::new("request.uri_too_long").arg("max", MAX_URI);
        return error(StatusCode::URI_TOO_LONG, "uri_too_long", msg, None, lang);
    }
    let resp = next.run(req).await;
    let status = resp.status();
    if let Some(info) = resp.extensions().get::<ErrorInfo>() {
        if lang == Lang::Vi {
            return resp;
        }
        // Said again in the language asked for (handlers answer in Vietnamese).
        let body = ErrorBody::of(&info.told, lang);
        let (mut parts, _) = resp.into_parts();
        parts.headers.remove(header::CONTENT_LENGTH);
        return Response::from_parts(parts, axum::Json(body).into_response().into_body());
    }
    if !(status.is_client_error() || status.is_server_error()) || is_json(&resp) {
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
        // axum's own words (English), after ours.
        let detail: String = text.chars().take(MAX_MESSAGE).collect();
        Msg::new("request.unreadable").arg("detail", detail)
    };
    let mut fresh = error(status, code, message, field, lang);
    for (name, value) in parts.headers.iter() {
        if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
            fresh.headers_mut().insert(name.clone(), value.clone());
        }
    }
    fresh
}

/// The language of API messages: what `Accept-Language` prefers of
/// Vietnamese and English, Vietnamese when it names neither.
pub fn api_lang(headers: &HeaderMap) -> Lang {
    headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(Lang::from_accept_language)
        .unwrap_or(Lang::Vi)
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

fn default_message(status: StatusCode, path: &str) -> Msg {
    match status {
        StatusCode::METHOD_NOT_ALLOWED => Msg::new("request.method").arg("path", path),
        StatusCode::NOT_FOUND => Msg::new("notfound.path").arg("path", path),
        StatusCode::PAYLOAD_TOO_LARGE => Msg::new("request.too_large"),
        s => Msg::new("request.unreadable").arg("detail", s.canonical_reason().unwrap_or("error")),
    }
}

fn error(
    status: StatusCode,
    code: &'static str,
    msg: Msg,
    field: Option<&str>,
    lang: Lang,
) -> Response {
    let told = Told {
        code,
        field: field.map(str::to_owned),
        msg,
    };
    let mut resp = (status, axum::Json(ErrorBody::of(&told, lang))).into_response();
    resp.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    resp
}
