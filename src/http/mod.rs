//! HTTP: the map of every URL. Each area's `routes()` is merged here; the
//! handlers are thin doors into `service`.
//!
//! | path | what |
//! |---|---|
//! | `/healthz` | liveness: a database round trip, the file not found damaged |
//! | `/readyz` | readiness: the integrity check passed and a write commits now |
//! | `/api/v1/...` | JSON API (see `api`, described by `/api/v1/openapi.json`) |
//! | `/`, `/login`, `/logout`, `/lang` | sign-in and language |
//! | `/units...` | the unit browser: a unit's page, search, trace of a figure, CSV/XLSX export, values entered by form |
//! | `/field`, `/units/{code}/households`, `/households/{id}...` | field work: a team's villages, households, help recorded on a phone |
//! | `/party...` | the party e-handbook: organisations, meetings (notice, attendance, minutes, tasks), documents and their files, notes |
//! | `/units/{code}/goals`, `/goals/...`, `/units/{code}/models`, `/models/...` | the programme: goals and their evidence, DX models |
//! | `/criteria-sets...`, `/units/{code}/recognition`, `/registrations/...`, `/units/{code}/dti` | criteria, commune registrations and their evidence, recognition, the DTI index |
//! | `/users...`, `/account...` | accounts, grants, API tokens |
//! | `/audit` | the audit log |
//! | `/static/...` | CSS, built into the binary |
//!
//! The JSON API under `/api/v1` mirrors these areas (`api::routes`), with
//! `/teams`, `/team-members`, `/values`, `/targets`, `/unit-lists`,
//! `/tokens` and `/me` besides.

use axum::Router;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderName, HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;

use crate::error::AppError;
use crate::i18n::Lang;
use crate::i18n::messages::Msg;
use crate::service::Ctx;

pub mod api;
mod api_errors;
pub mod extract;
pub mod pages;
pub mod upload;

/// What an error response carries for the page layer to render as HTML.
#[derive(Debug, Clone)]
pub struct ErrorInfo {
    pub status: StatusCode,
    /// Put in words in the reader's language where the response is made:
    /// the page layer, or `api_errors` for the API.
    pub told: crate::error::Told,
    pub sign_in: bool,
}

impl IntoResponse for AppError {
    /// JSON in Vietnamese; `api_errors` says it again in the language the
    /// client asked for, and the page layer renders it as HTML.
    fn into_response(self) -> Response {
        let status = self.status();
        let info = ErrorInfo {
            status,
            told: self.told(),
            sign_in: matches!(self, AppError::SignInRequired),
        };
        let body = api::types::ErrorBody::of(&info.told, Lang::Vi);
        let mut resp = (status, axum::Json(body)).into_response();
        resp.extensions_mut().insert(info);
        resp
    }
}

pub fn router(ctx: Ctx) -> Router {
    let max_body = ctx.config().max_body_bytes;
    // HSTS only when the deployment says it is behind HTTPS: sent over
    // plain HTTP it would be ignored, and on a test host it would pin it.
    let hsts = ctx
        .config()
        .secure_cookies
        .then(|| HeaderValue::from_static("max-age=31536000; includeSubDomains"));
    Router::new()
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .route("/static/app.css", get(css))
        .route("/static/icon.svg", get(icon))
        .route("/favicon.ico", get(icon))
        .nest("/api/v1", api::routes())
        .merge(pages::routes(&ctx))
        .fallback(fallback)
        .layer(DefaultBodyLimit::max(max_body))
        .layer(axum::middleware::from_fn(api_errors::json_errors))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("same-origin"),
        ))
        // Pages and API answers carry personal data (households, party
        // members, notes): no browser or proxy keeps a copy unless the
        // response says otherwise (the stylesheet does).
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::STRICT_TRANSPORT_SECURITY,
            move |_: &Response| hsts.clone(),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            HeaderName::from_static("content-security-policy"),
            HeaderValue::from_static("default-src 'self'; img-src 'self' data:; style-src 'self'; form-action 'self'; frame-ancestors 'none'"),
        ))
        .layer(TraceLayer::new_for_http())
        .with_state(ctx)
}

async fn healthz(State(ctx): State<Ctx>) -> Result<Response, AppError> {
    health_response(crate::service::health::live(&ctx).await?)
}

async fn readyz(State(ctx): State<Ctx>) -> Result<Response, AppError> {
    health_response(crate::service::health::ready(&ctx).await)
}

fn health_response(h: crate::service::health::Health) -> Result<Response, AppError> {
    let status = if h.ok() {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    Ok((status, [(header::CACHE_CONTROL, "no-store")], axum::Json(h)).into_response())
}

async fn css() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        include_str!("../../static/app.css"),
    )
}

/// The site's icon (a yellow star on red), linked from every page; also
/// at /favicon.ico, which browsers ask for by themselves.
async fn icon() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "image/svg+xml"),
            (header::CACHE_CONTROL, "public, max-age=86400"),
        ],
        include_str!("../../static/icon.svg"),
    )
}

async fn fallback(
    axum::extract::State(ctx): axum::extract::State<Ctx>,
    uri: Uri,
    headers: axum::http::HeaderMap,
) -> Response {
    let err = AppError::NotFound(Msg::new("notfound.path").arg("path", uri.path()));
    if uri.path().starts_with("/api/") {
        err.into_response()
    } else {
        pages::render_error(&ctx, &headers, err.into_response()).await
    }
}
