//! `/api/v1/audit`: the audit log of a unit's subtree.

use axum::Json;
use axum::extract::State;
use serde::Deserialize;
use serde_json::{Value, json};

use crate::error::{AppError, AppResult};
use crate::http::extract::{ApiActor, OnQuery, Query};
use crate::service::{Ctx, audit_log as audit};

#[derive(Deserialize)]
pub struct AuditQuery {
    unit: Option<String>,
    on: Option<String>,
    before: Option<String>,
}

pub async fn list(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Query(q): Query<AuditQuery>,
) -> AppResult<Json<Value>> {
    if !actor.is_signed_in() {
        return Err(AppError::SignInRequired);
    }
    let day = OnQuery { on: q.on }.day(&ctx)?;
    let unit = q.unit.as_deref().filter(|s| !s.is_empty());
    let before = super::units::whole_number("before", q.before.as_deref())?;
    let page = audit::list(&ctx, &actor, unit, day, before).await?;
    Ok(Json(
        json!({ "items": page.items, "next_before": page.next_before }),
    ))
}

/// The operations of this area, for the OpenAPI document.
#[derive(utoipa::OpenApi)]
#[openapi()]
pub(super) struct Doc;
