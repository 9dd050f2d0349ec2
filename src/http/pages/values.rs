//! Entering a village's figures by form (e.g. the organisations' members and
//! members in their group chats), with the version the editor saw, so that
//! a stale edit is refused rather than silently overwriting.

use askama::Template;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::Response;
use chrono::NaiveDate;
use serde::Deserialize;

use super::refused::Refused;
use super::{Base, Page};
use crate::domain::period::{Period, PeriodKind};
use crate::error::AppResult;
use crate::http::extract::{CsrfForm, OnQuery, Query};
use crate::i18n::Lang;
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
    /// A refused value, shown again as typed with its reason (the form is
    /// named by its metric).
    refused: Refused,
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
    render(page, code, day, period, StatusCode::OK, Refused::default())
}

/// The page of `code`'s values for `period`, read on `day`.
fn render(
    page: Page,
    code: String,
    day: NaiveDate,
    period: Period,
    status: StatusCode,
    refused: Refused,
) -> AppResult<Response> {
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
            value: v
                .map(|v| super::format::typed(page.lang, v.0))
                .unwrap_or_default(),
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
        refused,
    };
    page.render(status, &tpl)
}

#[derive(Deserialize)]
pub struct ValueForm {
    metric: String,
    period: String,
    value: String,
    #[serde(default)]
    version: i64,
}

/// Keep a value; a refused one comes back as typed, with the reason
/// beside it and the version now stored (so that saving again is a choice
/// made knowing the value changed).
pub async fn save(
    page: Page,
    Path(code): Path<String>,
    CsrfForm(form): CsrfForm<ValueForm>,
) -> AppResult<Response> {
    page.require_user()?;
    let back = format!("/units/{code}/values?period={}", form.period);
    let typed = form.value.trim().to_owned();
    let written = match super::goals::number("value", &typed) {
        Ok(value) => {
            let input = indicators::ValueInput {
                metric: form.metric.clone(),
                unit: code.clone(),
                period: form.period.clone(),
                value,
                version: Some(form.version),
            };
            indicators::enter_value(&page.ctx, &page.actor, &input).await
        }
        Err(e) => Err(e),
    };
    let e = match written {
        Ok(saved) => {
            let value = super::format::num(page.lang, saved.value, 6);
            let msg = format!("{} {} = {value}", page.t().saved, saved.metric);
            return Ok(page.redirect(&back, "ok", &msg));
        }
        Err(e) => e,
    };
    let Some(refused) = Refused::of(page.lang, &form.metric, &e, [("value", typed)]) else {
        return Err(e);
    };
    let period: Period = form.period.parse()?;
    let day = period.end().min(page.ctx.today());
    render(
        page,
        code,
        day,
        period,
        StatusCode::UNPROCESSABLE_ENTITY,
        refused,
    )
}
