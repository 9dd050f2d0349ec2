//! Field pages for a phone: a village's households, one household with a
//! button per kind of help, the team member's start page.

use askama::Template;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use serde::Deserialize;

use super::{Base, Page};
use crate::domain::fold::search_key;
use crate::domain::metric::Adoption;
use crate::error::{AppError, AppResult};
use crate::http::extract::{CsrfForm, OnQuery, Query};
use crate::i18n::Lang;
use crate::service::households::{self, AdoptionInput, HouseholdView};
use crate::service::{teams, units};

pub struct HouseholdRow {
    pub id: i64,
    pub code: String,
    pub head: String,
    pub adopted: usize,
    pub zalo: bool,
}

#[derive(Template)]
#[template(path = "pages/field/households.html")]
struct ListPage {
    base: Base,
    day: NaiveDate,
    village_code: String,
    village_name: String,
    q: String,
    rows: Vec<HouseholdRow>,
    total: usize,
    masked: bool,
    team: Vec<(String, String)>,
}

#[derive(Deserialize)]
pub struct ListQuery {
    on: Option<String>,
    #[serde(default)]
    q: String,
}

pub async fn households(
    page: Page,
    Path(code): Path<String>,
    Query(q): Query<ListQuery>,
) -> AppResult<Response> {
    page.require_user()?;
    let day = OnQuery { on: q.on }.day(&page.ctx)?;
    let unit = units::get(&page.ctx, &page.actor, &code, day)?;
    let all = households::list(&page.ctx, &page.actor, &code, day).await?;
    let total = all.len();
    let masked = all.first().is_some_and(|h| h.masked);
    let needle = search_key(&q.q);
    let rows = all
        .into_iter()
        .filter(|h| {
            needle.is_empty()
                || search_key(&format!(
                    "{} {}",
                    h.code,
                    h.head_name.clone().unwrap_or_default()
                ))
                .contains(&needle)
        })
        .map(|h| HouseholdRow {
            id: h.id,
            zalo: h.adoptions.contains(&Adoption::ZaloGroup),
            adopted: h.adoptions.len(),
            head: h.head_name.unwrap_or_default(),
            code: h.code,
        })
        .collect();
    let team = teams::teams_near(&page.ctx, &page.actor, &code, day)
        .await?
        .into_iter()
        .flat_map(|t| t.members.into_iter().map(|m| (m.full_name, m.role)))
        .collect();
    let tpl = ListPage {
        base: page.base(unit.unit.full_name.clone()),
        day,
        village_code: code,
        village_name: unit.unit.full_name,
        q: q.q,
        rows,
        total,
        masked,
        team,
    };
    page.render(StatusCode::OK, &tpl)
}

pub struct KindRow {
    pub key: &'static str,
    pub name: &'static str,
    pub done: bool,
}

#[derive(Template)]
#[template(path = "pages/field/household.html")]
struct HouseholdPage {
    base: Base,
    hh: HouseholdView,
    kinds: Vec<KindRow>,
    can_record: bool,
    today: NaiveDate,
}

fn kinds(lang: Lang, hh: &HouseholdView) -> Vec<KindRow> {
    Adoption::ALL
        .iter()
        .map(|k| KindRow {
            key: k.as_str(),
            name: if lang == Lang::Vi {
                k.name_vi()
            } else {
                k.name_en()
            },
            done: hh.adoptions.contains(k),
        })
        .collect()
}

pub async fn household(page: Page, Path(id): Path<i64>) -> AppResult<Response> {
    page.require_user()?;
    let (hh, can_record) = households::get(&page.ctx, &page.actor, id, page.ctx.today()).await?;
    let tpl = HouseholdPage {
        base: page.base(hh.code.clone()),
        kinds: kinds(page.lang, &hh),
        hh,
        can_record,
        today: page.ctx.today(),
    };
    page.render(StatusCode::OK, &tpl)
}

#[derive(Deserialize)]
pub struct HelpForm {
    kind: String,
    #[serde(default)]
    undo: Option<String>,
}

/// One tap: record that the household was helped with `kind` today (or
/// take it back).
pub async fn record(
    page: Page,
    Path(id): Path<i64>,
    CsrfForm(form): CsrfForm<HelpForm>,
) -> AppResult<Response> {
    page.require_user()?;
    let input = AdoptionInput {
        kind: form.kind,
        date: None,
        member_id: None,
        note: String::new(),
        correction: form.undo.is_some(),
    };
    let back = format!("/households/{id}");
    match households::record(&page.ctx, &page.actor, id, &input).await {
        Ok(r) => {
            let msg = format!(
                "{} · {}",
                page.t().saved,
                if page.lang == Lang::Vi {
                    r.kind.name_vi()
                } else {
                    r.kind.name_en()
                }
            );
            Ok(page.redirect(&back, "ok", &msg))
        }
        Err(e @ (AppError::Invalid { .. } | AppError::Conflict(_))) => {
            Ok(page.redirect(&back, "error", &e.to_string()))
        }
        Err(e) => Err(e),
    }
}

/// The team member's start: their village's households.
pub async fn start(page: Page) -> AppResult<Response> {
    page.require_user()?;
    let day = page.ctx.today();
    let points = units::starting_points(&page.ctx, &page.actor, day);
    let village = points
        .iter()
        .find(|p| p.unit.level == crate::domain::unit::Level::Village);
    Ok(match village {
        Some(v) => Redirect::to(&format!("/units/{}/households", v.unit.code)).into_response(),
        None => Redirect::to("/units").into_response(),
    })
}

/// The village's households as CSV or XLSX, masked as on the page.
pub async fn export(
    page: Page,
    Path(code): Path<String>,
    Query(q): Query<super::dashboard::ExportQuery>,
) -> AppResult<Response> {
    page.require_user()?;
    let day = OnQuery { on: q.on }.day(&page.ctx)?;
    let list = households::list(&page.ctx, &page.actor, &code, day).await?;
    let lang = page.lang;
    let mut header = super::export_words::household_columns(lang).to_vec();
    header.extend(
        Adoption::ALL
            .iter()
            .map(|k| super::export_words::adoption(lang, *k).to_owned()),
    );
    let rows: Vec<Vec<String>> = list
        .iter()
        .map(|h| {
            let mut r = vec![
                h.code.clone(),
                h.head_name.clone().unwrap_or_default(),
                h.phone.clone().unwrap_or_default(),
                h.size.map(|s| s.to_string()).unwrap_or_default(),
                super::export_words::poverty(lang, &h.poverty),
                super::format::day(lang, h.registered_on),
            ];
            r.extend(
                Adoption::ALL
                    .iter()
                    .map(|k| super::export_words::yes_no(lang, h.adoptions.contains(k))),
            );
            r
        })
        .collect();
    super::dashboard::table_response(
        &format!("tinhso-households-{code}-{day}"),
        &q.format,
        &header,
        &rows,
    )
}
