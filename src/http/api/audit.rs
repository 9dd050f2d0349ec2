//! `/api/v1/audit`: the audit log of a unit's subtree.

use axum::Json;
use axum::extract::State;

use super::types::audit::{AuditQuery, PageOut};
use crate::error::{AppError, AppResult};
use crate::http::extract::{ApiActor, OnQuery, Query};
use crate::service::{Ctx, audit_log as audit};

/// The operations of this area, for the OpenAPI document.
#[derive(utoipa::OpenApi)]
#[openapi(paths(list))]
pub(super) struct Doc;

/// Audit log entries, newest first, 100 a page; of a unit's subtree when `unit` is given (admins may omit it)
///
/// Entries about party records are shown only to those who may read the
/// record; admins, who oversee the whole log, see such entries without
/// their content.
#[utoipa::path(get, path = "/audit", tag = "audit",
    params(AuditQuery),
    responses((status = 200, body = PageOut)))]
pub async fn list(
    State(ctx): State<Ctx>,
    ApiActor(actor): ApiActor,
    Query(q): Query<AuditQuery>,
) -> AppResult<Json<PageOut>> {
    if !actor.is_signed_in() {
        return Err(AppError::SignInRequired);
    }
    let day = OnQuery { on: q.on }.day(&ctx)?;
    let unit = q.unit.as_deref().filter(|s| !s.is_empty());
    let before = super::units::whole_number("before", q.before.as_deref())?;
    let page = audit::list(&ctx, &actor, unit, day, before).await?;
    Ok(Json(page.into()))
}
