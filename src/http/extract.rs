//! Request extractors: who is asking (session cookie or API token), input
//! bodies and query strings whose rejections become `AppError`s with a
//! clear message, and the CSRF check on every state-changing form.

use axum::body::Bytes;
use axum::extract::{FromRef, FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{Method, header};
use axum_extra::extract::CookieJar;
use chrono::NaiveDate;
use serde::de::DeserializeOwned;
use sha2::{Digest, Sha256};

use crate::domain::unit::parse_day;
use crate::error::AppError;
use crate::i18n::messages::Msg;
use crate::service::{Actor, Ctx, accounts};

pub const SESSION_COOKIE: &str = "tinhso_session";
/// A random value for visitors not yet signed in; the login form's CSRF
/// token is derived from it.
pub const PRE_COOKIE: &str = "tinhso_pre";
pub const LANG_COOKIE: &str = "tinhso_lang";
pub const FLASH_COOKIE: &str = "tinhso_flash";
pub const CSRF_FIELD: &str = "_csrf";
pub const CSRF_HEADER: &str = "x-csrf-token";

/// The CSRF token for a session (or pre-session) secret: a hash of it, so it
/// needs no storage and cannot be made without the cookie.
pub fn csrf_token(base: &str) -> String {
    hex::encode(Sha256::digest(format!("csrf:{base}").as_bytes()))
}

fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// Is `sent` the `expected` CSRF token? (Constant time.)
pub fn csrf_equal(sent: &str, expected: &str) -> bool {
    !expected.is_empty() && same(sent, expected)
}

/// The CSRF token this request's forms must carry, if it has a cookie.
pub fn expected_csrf(jar: &CookieJar) -> Option<String> {
    csrf_base(jar).map(|b| csrf_token(&b))
}

/// The secret the CSRF token of this request derives from.
pub fn csrf_base(jar: &CookieJar) -> Option<String> {
    jar.get(SESSION_COOKIE)
        .or_else(|| jar.get(PRE_COOKIE))
        .map(|c| c.value().to_owned())
}

/// Who is asking, for the JSON API: a bearer token, else the session cookie,
/// else the public. A token or cookie that is given but not valid is refused
/// (401), never silently treated as anonymous. A cookie-authenticated write
/// must carry the CSRF token in the `X-CSRF-Token` header.
pub struct ApiActor(pub Actor);

impl<S> FromRequestParts<S> for ApiActor
where
    Ctx: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let ctx = Ctx::from_ref(state);
        if let Some(value) = parts.headers.get(header::AUTHORIZATION) {
            let token = value
                .to_str()
                .ok()
                .and_then(|v| v.strip_prefix("Bearer "))
                .ok_or_else(|| AppError::Unauthorized(Msg::new("auth.bearer")))?;
            return accounts::actor_from_token(&ctx, token.trim())
                .await?
                .map(ApiActor)
                .ok_or_else(|| AppError::Unauthorized(Msg::new("auth.bad_token")));
        }
        let jar = CookieJar::from_headers(&parts.headers);
        let Some(cookie) = jar.get(SESSION_COOKIE) else {
            return Ok(ApiActor(Actor::public()));
        };
        let actor = accounts::actor_from_session(&ctx, cookie.value())
            .await?
            .ok_or_else(|| AppError::Unauthorized(Msg::new("auth.session_expired")))?;
        if !matches!(parts.method, Method::GET | Method::HEAD | Method::OPTIONS) {
            let sent = parts
                .headers
                .get(CSRF_HEADER)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("");
            if !same(sent, &csrf_token(cookie.value())) {
                return Err(AppError::Csrf(Msg::new("request.csrf_header")));
            }
        }
        Ok(ApiActor(actor))
    }
}

/// Who is asking, for pages: the session's user, or the public. An expired
/// or forged session cookie is refused with 401 so that the person learns
/// why they were signed out.
pub struct PageActor {
    pub actor: Actor,
    pub session: Option<String>,
}

impl<S> FromRequestParts<S> for PageActor
where
    Ctx: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let ctx = Ctx::from_ref(state);
        let jar = CookieJar::from_headers(&parts.headers);
        let Some(cookie) = jar.get(SESSION_COOKIE) else {
            return Ok(PageActor {
                actor: Actor::public(),
                session: None,
            });
        };
        match accounts::actor_from_session(&ctx, cookie.value()).await? {
            Some(actor) => Ok(PageActor {
                actor,
                session: Some(cookie.value().to_owned()),
            }),
            None => Err(AppError::Unauthorized(Msg::new("auth.session_expired"))),
        }
    }
}

/// A JSON body. Wrong content type → 415, too large → 413, bad JSON → 400
/// naming the position or the field.
pub struct ApiJson<T>(pub T);

impl<T, S> FromRequest<S> for ApiJson<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let is_json = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|ct| {
                ct.split(';')
                    .next()
                    .is_some_and(|m| m.trim().eq_ignore_ascii_case("application/json"))
            });
        if !is_json {
            return Err(AppError::UnsupportedMediaType(Msg::new(
                "request.json_required",
            )));
        }
        let bytes = body_bytes(req, state).await?;
        let de = &mut serde_json::Deserializer::from_slice(&bytes);
        serde_path_to_error(de).map(ApiJson)
    }
}

fn serde_path_to_error<'de, T: DeserializeOwned>(
    de: &mut serde_json::Deserializer<serde_json::de::SliceRead<'de>>,
) -> Result<T, AppError> {
    T::deserialize(&mut *de).map_err(|e| {
        let (line, column) = (e.line(), e.column());
        let detail = e.to_string();
        // serde's words: "invalid type: string \"abc\", expected f64 at
        // line 1 column 20", "missing field `value` at …".
        let detail = detail
            .rsplit_once(" at line ")
            .map_or(detail.as_str(), |(d, _)| d);
        if let Some(field) = detail
            .strip_prefix("missing field `")
            .and_then(|r| r.strip_suffix('`'))
        {
            return AppError::invalid(field, Msg::new("value.required"));
        }
        let msg = match e.classify() {
            serde_json::error::Category::Data => match detail
                .strip_prefix("invalid type: ")
                .and_then(|r| r.split_once(", expected "))
            {
                Some((got, expected)) => Msg::new("request.json_type")
                    .arg("got", got)
                    .arg_msg("expected", expected_words(expected)),
                None => Msg::new("request.json_data").arg("detail", detail),
            },
            _ => Msg::new("request.json_syntax").arg("detail", detail),
        };
        AppError::invalid("body", msg.arg("line", line).arg("column", column))
    })
}

/// What serde expected, in words.
fn expected_words(expected: &str) -> Msg {
    let key = match expected {
        "f64" | "f32" => "request.expected_number",
        "i64" | "i32" | "u64" | "u32" | "u16" | "u8" | "usize" | "i16" => {
            "request.expected_integer"
        }
        "a string" => "request.expected_text",
        "a boolean" => "request.expected_boolean",
        e if e.starts_with("a sequence") => "request.expected_list",
        e if e.starts_with("struct ") || e.starts_with("a map") => "request.expected_object",
        _ => return Msg::raw(expected),
    };
    Msg::new(key)
}

async fn body_bytes<S: Send + Sync>(req: Request, state: &S) -> Result<Bytes, AppError> {
    Bytes::from_request(req, state).await.map_err(|e| {
        if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
            AppError::PayloadTooLarge(Msg::new("request.too_large"))
        } else {
            AppError::invalid("body", unreadable(e.body_text()))
        }
    })
}

/// A query string; a malformed one → 400 naming the parameter.
pub struct Query<T>(pub T);

impl<T, S> FromRequestParts<S> for Query<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let q = parts.uri.query().unwrap_or("");
        serde_urlencoded::from_str(q)
            .map(Query)
            .map_err(|e| AppError::invalid("query", unreadable(e)))
    }
}

/// A form post with its CSRF token checked against the session (or, before
/// sign-in, the pre-session cookie). A form without a valid token changes
/// nothing and gets 403.
pub struct CsrfForm<T>(pub T);

impl<T, S> FromRequest<S> for CsrfForm<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let is_form = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|ct| ct.starts_with("application/x-www-form-urlencoded"));
        if !is_form {
            return Err(AppError::UnsupportedMediaType(Msg::new(
                "request.form_required",
            )));
        }
        let jar = CookieJar::from_headers(req.headers());
        let bytes = body_bytes(req, state).await?;
        let pairs: Vec<(String, String)> = serde_urlencoded::from_bytes(&bytes)
            .map_err(|e| AppError::invalid("form", unreadable(e)))?;
        let sent = pairs
            .iter()
            .find(|(k, _)| k == CSRF_FIELD)
            .map(|(_, v)| v.as_str())
            .unwrap_or("");
        let expected = csrf_base(&jar).map(|b| csrf_token(&b));
        if sent.is_empty() || !expected.is_some_and(|e| same(sent, &e)) {
            return Err(AppError::Csrf(Msg::new("auth.csrf")));
        }
        serde_urlencoded::from_bytes(&bytes)
            .map(CsrfForm)
            .map_err(|e| AppError::invalid("form", unreadable(e)))
    }
}

/// `?on=YYYY-MM-DD`, default today in Vietnam. An empty `?on=` is a date
/// left out by mistake and refused, not read as today.
#[derive(Debug, Default, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OnQuery {
    /// The day to read on (YYYY-MM-DD, or DD/MM/YYYY as people in Vietnam
    /// write it); default today in Vietnam.
    #[param(value_type = Option<chrono::NaiveDate>)]
    pub on: Option<String>,
}

impl OnQuery {
    pub fn day(&self, ctx: &Ctx) -> Result<NaiveDate, AppError> {
        match self.on.as_deref() {
            Some(s) => Ok(parse_day("on", s)?),
            None => Ok(ctx.today()),
        }
    }
}

/// `?year=&on=`: the programme year (default: the year of `on`) and day.
#[derive(Debug, Default, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct YearQuery {
    /// The programme year; default the year of `on`.
    pub year: Option<i64>,
    /// The day to read on (YYYY-MM-DD, or DD/MM/YYYY as people in Vietnam
    /// write it); default today in Vietnam.
    #[param(value_type = Option<chrono::NaiveDate>)]
    pub on: Option<String>,
}

impl YearQuery {
    pub fn day(&self, ctx: &Ctx) -> crate::error::AppResult<chrono::NaiveDate> {
        OnQuery {
            on: self.on.clone(),
        }
        .day(ctx)
    }

    pub fn year(&self, ctx: &Ctx) -> crate::error::AppResult<i64> {
        use chrono::Datelike;
        Ok(match self.year {
            Some(y) => i64::from(crate::domain::period::check_year("year", y)?),
            None => i64::from(self.day(ctx)?.year()),
        })
    }
}

/// A request the server could not read, the reader's own words as detail.
pub fn unreadable(detail: impl std::fmt::Display) -> Msg {
    Msg::new("request.unreadable").arg("detail", detail)
}
