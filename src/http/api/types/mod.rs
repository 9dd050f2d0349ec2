//! The API's own request and response shapes. Handlers convert service
//! results into these (`From` impls beside each type), and the OpenAPI
//! document is generated from them, so a change to a service or store type
//! does not silently change the API: it stops compiling here instead.
//!
//! Rules the next engineer should keep:
//! - no `serde_json::Value` (it documents as "anything"); a map of figures
//!   is a `BTreeMap<String, f64>`, not a `Value`;
//! - an `Option` field is serialised as `null`, not skipped, unless the
//!   schema says it may be absent (`#[serde(skip_serializing_if)]` plus
//!   `#[schema(required = false)]`);
//! - one file per area, like the handlers.

use serde::Serialize;
use utoipa::ToSchema;
use utoipa::openapi::schema::{ArrayBuilder, ObjectBuilder, SchemaType, Type};
use utoipa::openapi::{Array, Object};

use crate::domain::keyed::Keyed;

pub mod accounts;
pub mod audit;
pub mod criteria;
pub mod field;
pub mod figures;
pub mod imports;
pub mod party;
pub mod programme;
pub mod units;

/// Every error under /api/v1 (a handler's, a path or query that does not
/// parse, a method the route does not take, a body or URI too long) has
/// this shape.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorBody {
    #[schema(value_type = ErrorCode)]
    pub code: &'static str,
    /// What went wrong, in words a person can act on, in the language of
    /// `Accept-Language` (Vietnamese unless English is preferred).
    pub message: String,
    /// The input field at fault, for `invalid_input`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(required = false)]
    pub field: Option<String>,
}

impl ErrorBody {
    pub fn of(told: &crate::error::Told, lang: crate::i18n::Lang) -> ErrorBody {
        ErrorBody {
            code: told.code,
            message: told.message(lang),
            field: told.field.clone(),
        }
    }
}

/// The stable machine code of an error (`AppError::code`, and the codes
/// `api_errors` gives axum's own rejections). Documentation only: the
/// contract test fails on a code that is not listed here.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
#[allow(dead_code)]
pub enum ErrorCode {
    InvalidInput,
    Unauthorized,
    Forbidden,
    NotFound,
    Conflict,
    TooManyRequests,
    PayloadTooLarge,
    UnsupportedMediaType,
    CsrfFailed,
    StorageFull,
    Internal,
    MethodNotAllowed,
    UriTooLong,
}

/// The schema of a `keyed!` domain enum in a response or request: a string,
/// one of its keys. Use as `#[schema(schema_with = keyed::<GoalStatus>)]`.
pub fn keyed<K: Keyed>() -> Object {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .enum_values(Some(K::KEYS.iter().copied()))
        .build()
}

/// `keyed`, or `null` (an `Option` of a `keyed!` enum).
pub fn keyed_or_null<K: Keyed>() -> Object {
    ObjectBuilder::new()
        .schema_type(SchemaType::from_iter([Type::String, Type::Null]))
        .enum_values(Some(
            K::KEYS
                .iter()
                .map(|k| serde_json::Value::from(*k))
                .chain([serde_json::Value::Null]),
        ))
        .build()
}

/// A list of the keys of a `keyed!` enum (a `Vec` of it).
pub fn keyed_list<K: Keyed>() -> Array {
    ArrayBuilder::new().items(keyed::<K>()).build()
}
