//! Entering a village's figures by form (e.g. the organisations' members and
//! members in their group chats), with the version the editor saw, so that
//! a stale edit is refused rather than silently overwriting.

use askama::Template;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::Response;
use chrono::NaiveDate;
use serde::Deserialize;

use super::{Base, Page};
use crate::domain::period::{Period, PeriodKind};
use crate::error::{AppError, AppResult};
use crate::http::extract::{CsrfForm, OnQuery, Query};
use crate::i18n::Lang;
use crate::i18n::messages::Msg;
use crate::service::{indicators, units};

pub struct ValueRow {
    pub metric: String,
    pub name: String,
    pub value: String,
    pub version: i64,
}

#[derive(Template)]
#[template(path = "pages/units/values.html")]
struct ValuesPage {
    base: Base,
    day: NaiveDate,
    code: String,
    unit_name: String,
    period: String,
    rows: Vec<ValueRow>,
}

#[derive(Deserialize)]
pub struct ValuesQuery {
    on: Option<String>,
    period: Option<String>,
}

pub async fn form(
    page: Page,
    Path(code): Path<String>,
    Query(q): Query<ValuesQuery>,
) -> AppResult<Response> {
    page.require_user()?;
    // The unit is read on the day asked, or else at the end of the period
    // (village codes name different villages before and after 2025).
    let asked = q.on.clone().filter(|s| !s.is_empty());
    let day = OnQuery { on: q.on }.day(&page.ctx)?;
    let period: Period = match q.period.as_deref().filter(|p| !p.is_empty()) {
        Some(p) => p.parse()?,
        None => Period::containing(PeriodKind::Month, day),
    };
    let day = if asked.is_some() {
        day
    } else {
        period.end().min(day)
    };
    let unit = units::get(&page.ctx, &page.actor, &code, day)?;
    let rows = indicators::entered_values(&page.ctx, unit.unit.id, unit.unit.level, &period)
        .into_iter()
        .map(|(m, v)| ValueRow {
            name: if page.lang == Lang::Vi {
                m.name_vi
            } else {
                m.name_en
            },
            metric: m.code,
            value: v.map(|v| v.0.to_string()).unwrap_or_default(),
            version: v.map(|v| v.1).unwrap_or(0),
        })
        .collect();
    let tpl = ValuesPage {
        base: page.base(unit.unit.full_name.clone()),
        day,
        code,
        unit_name: unit.unit.full_name,
        period: period.to_string(),
        rows,
    };
    page.render(StatusCode::OK, &tpl)
}

#[derive(Deserialize)]
pub struct ValueForm {
    metric: String,
    period: String,
    value: String,
    #[serde(default)]
    version: i64,
}

pub async fn save(
    page: Page,
    Path(code): Path<String>,
    CsrfForm(form): CsrfForm<ValueForm>,
) -> AppResult<Response> {
    page.require_user()?;
    let back = format!("/units/{code}/values?period={}", form.period);
    let value = match form.value.trim().replace(',', ".").parse::<f64>() {
        Ok(v) => v,
        Err(_) => {
            let msg = AppError::invalid(
                "value",
                Msg::new("value.not_a_number").arg("value", form.value.trim()),
            )
            .message(page.lang);
            return Ok(page.redirect(&back, "error", &msg));
        }
    };
    let input = indicators::ValueInput {
        metric: form.metric,
        unit: code.clone(),
        period: form.period.clone(),
        value,
        version: Some(form.version),
    };
    match indicators::enter_value(&page.ctx, &page.actor, &input).await {
        Ok(saved) => {
            let msg = format!("{} {} = {}", page.t().saved, saved.metric, saved.value);
            Ok(page.redirect(&back, "ok", &msg))
        }
        Err(e @ (AppError::Invalid { .. } | AppError::Conflict(_))) => {
            let msg = e.message(page.lang);
            Ok(page.redirect(&back, "error", &msg))
        }
        Err(e) => Err(e),
    }
}
