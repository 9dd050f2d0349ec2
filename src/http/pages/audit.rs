//! The audit log page, filtered by a unit's subtree.

use askama::Template;
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;

use super::{Base, Page};
use crate::error::AppResult;
use crate::http::extract::{OnQuery, Query};
use crate::service::audit_log as audit;

pub struct EntryView {
    pub at: String,
    pub actor: String,
    pub action: String,
    pub entity: String,
    pub entity_id: String,
    pub before: String,
    pub after: String,
}

#[derive(Template)]
#[template(path = "pages/audit.html")]
struct AuditPage {
    base: Base,
    unit: String,
    day: chrono::NaiveDate,
    entries: Vec<EntryView>,
    next_before: Option<i64>,
}

#[derive(Deserialize)]
pub struct AuditQuery {
    #[serde(default)]
    unit: String,
    on: Option<String>,
    before: Option<String>,
}

pub async fn index(page: Page, Query(q): Query<AuditQuery>) -> AppResult<Response> {
    page.require_user()?;
    let day = OnQuery { on: q.on }.day(&page.ctx)?;
    let unit = q.unit.trim().to_owned();
    let before = crate::http::api::whole_number("before", q.before.as_deref())?;
    let log = audit::list(
        &page.ctx,
        &page.actor,
        Some(unit.as_str()).filter(|u| !u.is_empty()),
        day,
        before,
    )
    .await?;
    let next_before = log.next_before;
    let show = |v: &Option<sqlx::types::Json<serde_json::Value>>| {
        v.as_ref().map(|j| j.0.to_string()).unwrap_or_default()
    };
    let entries = log
        .items
        .iter()
        .map(|e| EntryView {
            at: super::format::time(page.lang, e.at),
            actor: e.actor.clone(),
            action: e.action.clone(),
            entity: e.entity.clone(),
            entity_id: e.entity_id.clone(),
            before: show(&e.before),
            after: show(&e.after),
        })
        .collect();
    let tpl = AuditPage {
        base: page.base(page.t().audit),
        unit,
        day,
        entries,
        next_before,
    };
    page.render(StatusCode::OK, &tpl)
}
