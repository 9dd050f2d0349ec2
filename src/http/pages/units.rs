//! The unit browser: starting points, a unit on a day with its children,
//! search, and adding villages.

use askama::Template;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::Response;
use chrono::NaiveDate;
use serde::Deserialize;

use super::dashboard;
use super::refused::Refused;
use super::{Base, Page};
use crate::domain::access::Role;
use crate::domain::unit::Level;
use crate::error::{AppError, AppResult};
use crate::http::extract::{CsrfForm, OnQuery, Query};
use crate::i18n::messages::Msg;
use crate::i18n::{Lang, level_name};
use crate::service::units::{self, NewVillage, SearchHit, UnitInfo, UnitRow};
use crate::service::{figures, waiting};

/// A unit as a row of a table.
pub struct RowView {
    pub code: String,
    pub full_name: String,
    pub level: &'static str,
    pub unit_type: String,
    pub synthetic: bool,
    pub districts: u32,
    pub communes: u32,
    pub villages: u32,
}

impl RowView {
    fn new(lang: Lang, r: &UnitRow) -> Self {
        RowView {
            code: r.unit.code.clone(),
            full_name: r.unit.full_name.clone(),
            level: level_name(lang, r.unit.level),
            unit_type: r.unit.unit_type.clone(),
            synthetic: r.unit.synthetic,
            districts: r.counts.districts,
            communes: r.counts.communes,
            villages: r.counts.villages,
        }
    }
}

#[derive(Template)]
#[template(path = "pages/units/index.html")]
struct IndexPage {
    base: Base,
    day: NaiveDate,
    rows: Vec<RowView>,
}

/// The starting points: a user's own units, or (signed out, and for a
/// national admin) the provinces. Public: units and figures are open data.
pub async fn index(page: Page, Query(q): Query<OnQuery>) -> AppResult<Response> {
    let day = q.day(&page.ctx)?;
    let rows = units::starting_points(&page.ctx, &page.actor, day)
        .iter()
        .map(|r| RowView::new(page.lang, r))
        .collect();
    let tpl = IndexPage {
        base: page.base(page.t().units),
        day,
        rows,
    };
    page.render(StatusCode::OK, &tpl)
}

pub struct Crumb {
    pub code: String,
    pub full_name: String,
    pub link: bool,
}

#[derive(Template)]
#[template(path = "pages/units/show.html")]
struct ShowPage {
    base: Base,
    day: NaiveDate,
    unit: RowView,
    info: UnitInfo,
    crumbs: Vec<Crumb>,
    can_add_village: bool,
    as_of: NaiveDate,
    cards: Vec<dashboard::Card>,
    rows: Vec<dashboard::ChildRow>,
    chart: super::chart::LineChart,
    indicators: Vec<dashboard::IndicatorRow>,
    targets: Vec<dashboard::TargetRow>,
    /// Buttons to the village's households and figures, for those who
    /// record them.
    village_work: bool,
    /// The person may import some register here (`/units/{code}/import`).
    can_import: bool,
    banners: Vec<super::reorganisation::Banner>,
    /// What waits for the officer here; `None` for the public and viewers.
    waiting: Option<super::waiting::WaitingView>,
    /// A refused `village-new` form, as typed.
    refused: Refused,
}

#[derive(Deserialize)]
pub struct ShowQuery {
    on: Option<String>,
    sort: Option<String>,
}

/// A unit's page: where it sits, its headline figures, its children ranked,
/// the trend, indicators and targets. Public (aggregates only: the service
/// reads with the public scope when nobody is signed in); signed in, the
/// page adds what the role may do.
pub async fn show(
    page: Page,
    Path(code): Path<String>,
    Query(q): Query<ShowQuery>,
) -> AppResult<Response> {
    show_page(page, &code, q, StatusCode::OK, Refused::default()).await
}

async fn show_page(
    page: Page,
    code: &str,
    q: ShowQuery,
    status: StatusCode,
    refused: Refused,
) -> AppResult<Response> {
    let code = code.to_owned();
    let day = OnQuery { on: q.on }.day(&page.ctx)?;
    let sort = q
        .sort
        .filter(|s| dashboard::SORTS.contains(&s.as_str()))
        .unwrap_or_else(|| "name".into());
    let p = units::page(&page.ctx, &page.actor, &code, day)?;
    let headline = figures::headline(&page.ctx, &page.actor, &code, day)?;
    let kids = figures::children_figures(&page.ctx, &page.actor, &code, day)?;
    let chart = dashboard::zalo_chart(page.lang, &page.ctx, &page.actor, &code, day)?;
    let (indicators, targets) =
        dashboard::indicator_rows(&page.ctx, &page.actor, &code, day, page.lang).await?;
    let (can_add_village, village_work) = {
        let h = page.ctx.hierarchy();
        let node = h
            .find(&p.unit.unit.code.parse()?, day)
            .ok_or_else(|| AppError::NotFound(Msg::new("notfound.unit_code").arg("code", &code)))?;
        // A village's households and figures are worked on by its team
        // members and the officers above it; a viewer gets no buttons that
        // open an empty form.
        let works_here = page
            .actor
            .scope
            .grants_over(&h, &node)
            .any(|g| g.role.is_officer() || g.role == Role::TeamMember);
        (
            p.unit.unit.level == Level::Commune && page.actor.scope.can_manage(&h, &node),
            p.unit.unit.level == Level::Village && works_here,
        )
    };
    // The import button: the public never imports, and one register the
    // person may import is enough (the party register's check reads the
    // database; a public page view must not run seven checks).
    let mut can_import = false;
    if page.actor.is_signed_in() {
        for r in crate::service::imports::Register::ALL {
            if crate::service::imports::check_access(&page.ctx, &page.actor, r, &code)
                .await
                .is_ok()
            {
                can_import = true;
                break;
            }
        }
    }
    let waiting = waiting::waiting(&page.ctx, &page.actor, &code, day)
        .await?
        .map(|w| super::waiting::view(page.lang, &w, &code, p.unit.unit.level, day));
    let links = units::successions(&page.ctx, &page.actor, &code, day).await?;
    let banners = super::reorganisation::banners(
        page.lang,
        p.unit.unit.valid_from,
        links.get("predecessors").map_or(&[][..], Vec::as_slice),
        links.get("successors").map_or(&[][..], Vec::as_slice),
    );
    let tpl = ShowPage {
        banners,
        base: page
            .base(p.unit.unit.full_name.clone())
            .about(Some(&p.unit.unit.full_name), day),
        day,
        unit: RowView::new(page.lang, &p.unit),
        info: p.unit.unit.clone(),
        crumbs: p
            .ancestors
            .iter()
            .zip(&p.ancestor_readable)
            .map(|(a, &link)| Crumb {
                code: a.code.clone(),
                full_name: a.full_name.clone(),
                link,
            })
            .collect(),
        can_add_village,
        as_of: headline.as_of,
        cards: dashboard::cards(page.lang, &headline.figures),
        rows: dashboard::child_rows(page.lang, kids, &sort),
        chart,
        indicators,
        targets,
        village_work,
        can_import,
        waiting,
        refused,
    };
    page.render(status, &tpl)
}

#[derive(Deserialize)]
pub struct SearchQuery {
    #[serde(default)]
    q: String,
    on: Option<String>,
}

pub struct HitView {
    pub code: String,
    pub full_name: String,
    pub level: &'static str,
    pub path: String,
    pub synthetic: bool,
}

impl HitView {
    pub(super) fn new(lang: Lang, h: &SearchHit) -> Self {
        HitView {
            code: h.unit.code.clone(),
            full_name: h.unit.full_name.clone(),
            level: level_name(lang, h.unit.level),
            path: h.path.join(", "),
            synthetic: h.unit.synthetic,
        }
    }
}

#[derive(Template)]
#[template(path = "pages/units/search.html")]
struct SearchPage {
    base: Base,
    day: NaiveDate,
    q: String,
    hits: Vec<HitView>,
}

/// Search units by name (public, like the unit list).
pub async fn search(page: Page, Query(q): Query<SearchQuery>) -> AppResult<Response> {
    let day = OnQuery { on: q.on }.day(&page.ctx)?;
    let hits = units::search(&page.ctx, &page.actor, &q.q, day, units::SEARCH_LIMIT)?;
    let tpl = SearchPage {
        base: page.base(page.t().search_results),
        day,
        hits: hits.iter().map(|h| HitView::new(page.lang, h)).collect(),
        q: q.q,
    };
    page.render(StatusCode::OK, &tpl)
}

#[derive(Deserialize)]
pub struct VillageForm {
    name: String,
    #[serde(rename = "type")]
    unit_type: Option<String>,
    on: Option<String>,
}

pub async fn create_village(
    page: Page,
    Path(code): Path<String>,
    CsrfForm(form): CsrfForm<VillageForm>,
) -> AppResult<Response> {
    page.require_user()?;
    let on = form.on.clone();
    let day = OnQuery { on: form.on }.day(&page.ctx)?;
    let typed = [
        ("name", form.name.clone()),
        ("type", form.unit_type.clone().unwrap_or_default()),
    ];
    let input = NewVillage {
        name: form.name,
        unit_type: form.unit_type.filter(|t| !t.is_empty()),
        ..Default::default()
    };
    let back = format!("/units/{code}?on={day}");
    match units::create_village(&page.ctx, &page.actor, &code, day, &input).await {
        Ok(row) => {
            let msg = format!(
                "{} {} ({})",
                page.t().saved,
                row.unit.full_name,
                row.unit.code
            );
            Ok(page.redirect(&back, "ok", &msg))
        }
        Err(e) => match Refused::of(page.lang, "village-new", &e, typed) {
            Some(r) => {
                // The service names the field by its place in a list of
                // villages (`villages[0].name`); the form has one box each.
                let r = r.on_field(|f| match f.rsplit('.').next() {
                    Some("name") => Some("name"),
                    Some("unit_type" | "type") => Some("type"),
                    _ => None,
                });
                let q = ShowQuery { on, sort: None };
                show_page(page, &code, q, StatusCode::UNPROCESSABLE_ENTITY, r).await
            }
            None => Err(e),
        },
    }
}
