//! The OpenAPI document, generated from the handlers' `#[utoipa::path]`
//! annotations and the API's own types (`types`). Each area module offers
//! a `Doc` listing its operations; they are nested here under `/api/v1`.
//! Served at `/api/v1/openapi.json`; the API test suite validates every
//! response it receives against it (tests/api/contract.rs), so the
//! document cannot drift from what the handlers send.

use std::sync::LazyLock;

use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{self, ContentBuilder, Ref, RefOr, ResponseBuilder};
use utoipa::{Modify, OpenApi};

use super::types::ErrorBody;
use super::{accounts, audit, criteria, field, figures, imports, party, programme, units};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "tinhso API",
        version = "1",
        description = "The JSON API of tinhso (tỉnh số). Hierarchy reads are public; a \
            signed-in caller (Bearer API token, or the session cookie with an X-CSRF-Token \
            header on writes) works inside the units of their grants. Errors are JSON with \
            a stable `code` and a readable `message` (the `default` response of every \
            operation)."
    ),
    paths(openapi),
    nest(
        (path = "/api/v1", api = units::Doc),
        (path = "/api/v1", api = figures::Doc),
        (path = "/api/v1", api = field::Doc),
        (path = "/api/v1", api = accounts::Doc),
        (path = "/api/v1", api = audit::Doc),
        (path = "/api/v1", api = criteria::Doc),
        (path = "/api/v1", api = party::Doc),
        (path = "/api/v1", api = programme::Doc),
        (path = "/api/v1", api = imports::Doc),
    ),
    components(schemas(ErrorBody)),
    security((), ("token" = []), ("session" = [])),
    modifiers(&Common),
)]
struct ApiDoc;

/// This document.
///
/// The OpenAPI 3.1 description of the API, generated from the code.
#[utoipa::path(
    get,
    path = "/api/v1/openapi.json",
    tag = "meta",
    responses((status = 200, description = "OpenAPI 3.1 document", content_type = "application/json"))
)]
pub(super) async fn openapi() -> impl axum::response::IntoResponse {
    (
        [(axum::http::header::CONTENT_TYPE, "application/json")],
        DOCUMENT.as_str(),
    )
}

/// The document as JSON, built once.
pub static DOCUMENT: LazyLock<String> = LazyLock::new(|| {
    ApiDoc::openapi()
        .to_pretty_json()
        .expect("the OpenAPI document serialises")
});

/// What every operation shares: the two ways to sign in, the error shape
/// as the `default` response, and an operation id made unique by its tag.
struct Common;

impl Modify for Common {
    fn modify(&self, doc: &mut openapi::OpenApi) {
        let components = doc.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "token",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
        components.add_security_scheme(
            "session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::new(
                crate::http::extract::SESSION_COOKIE,
            ))),
        );
        let error = ResponseBuilder::new()
            .description("An error: `code` says which, `message` says what, `field` where")
            .content(
                "application/json",
                ContentBuilder::new()
                    .schema(Some(Ref::from_schema_name("ErrorBody")))
                    .build(),
            )
            .build();
        for item in doc.paths.paths.values_mut() {
            for op in [
                &mut item.get,
                &mut item.post,
                &mut item.put,
                &mut item.delete,
                &mut item.patch,
            ]
            .into_iter()
            .flatten()
            {
                op.responses
                    .responses
                    .entry("default".into())
                    .or_insert_with(|| RefOr::T(error.clone()));
                let tag = op.tags.as_ref().and_then(|t| t.first()).cloned();
                if let (Some(tag), Some(id)) = (tag, op.operation_id.as_mut()) {
                    *id = format!("{tag}.{id}");
                }
            }
        }
    }
}
