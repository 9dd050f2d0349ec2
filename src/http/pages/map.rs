//! `/map` and `/units/{code}/map`: a headline figure of a unit's children
//! shaded on a map (the provinces of the country, the communes of Lào Cai),
//! drawn on the server as SVG from the shipped boundaries
//! (`service::maps`), with a legend and the same figures as a table. No
//! tile server, no script: the colour is a CSS class, not a style.

use askama::Template;
use axum::extract::{Path, Query};
use axum::http::StatusCode;
use axum::response::Response;
use chrono::NaiveDate;
use serde::Deserialize;

use super::Page;
use super::dashboard;
use crate::domain::figures::Figure;
use crate::error::AppResult;
use crate::http::extract::OnQuery;
use crate::i18n::Lang;
use crate::service::{figures, maps, units};

#[derive(Deserialize)]
pub struct MapQuery {
    on: Option<String>,
    key: Option<String>,
}

/// The figure shown when none is asked for.
const DEFAULT_KEY: &str = "households.zalo_group_pct";
/// Shades from light (low) to dark (high).
const CLASSES: usize = 5;

pub struct Area {
    pub code: String,
    pub name: String,
    pub d: String,
    pub class: String,
    pub value: String,
}

pub struct Row {
    pub code: String,
    pub name: String,
    pub value: String,
    pub drawn: bool,
}

pub struct LegendItem {
    pub class: String,
    pub range: String,
}

struct Words {
    map: &'static str,
    figure: &'static str,
    no_data: &'static str,
    no_boundaries: &'static str,
    not_drawn: &'static str,
}

const VI: Words = Words {
    map: "Bản đồ",
    figure: "Chỉ tiêu",
    no_data: "chưa có số liệu",
    no_boundaries: "Chưa có ranh giới hành chính cho ngày này: phần mềm chỉ kèm ranh giới \
        34 tỉnh và 99 xã, phường của tỉnh Lào Cai từ ngày 01/07/2025. Số liệu vẫn có ở bảng dưới.",
    not_drawn: "không có trên bản đồ",
};

const EN: Words = Words {
    map: "Map",
    figure: "Figure",
    no_data: "no data",
    no_boundaries: "No boundaries for this date: tinhso ships the boundaries of the 34 \
        provinces and of the 99 communes of Lào Cai from 2025-07-01 only. The figures are \
        in the table below.",
    not_drawn: "not on the map",
};

#[derive(Template)]
#[template(path = "pages/units/map.html")]
struct MapPage {
    base: super::Base,
    words: &'static Words,
    action: String,
    day: NaiveDate,
    key: String,
    keys: Vec<(&'static str, &'static str)>,
    drawn: Option<(f64, f64)>,
    areas: Vec<Area>,
    legend: Vec<LegendItem>,
    rows: Vec<Row>,
}

/// The provinces of the country.
pub async fn national(page: Page, Query(q): Query<MapQuery>) -> AppResult<Response> {
    let day = OnQuery { on: q.on.clone() }.day(&page.ctx)?;
    // The provinces' aggregates are open data: read them as the public
    // does, whoever asks (a signed-in user's grants cover one province).
    let public = crate::service::Actor::public();
    let mut children = Vec::new();
    for r in units::starting_points(&page.ctx, &public, day) {
        children.push(figures::headline(&page.ctx, &public, &r.unit.code, day)?);
    }
    render(page, None, "/map".into(), day, q.key, children)
}

/// The children of a unit.
pub async fn of_unit(
    page: Page,
    Path(code): Path<String>,
    Query(q): Query<MapQuery>,
) -> AppResult<Response> {
    let day = OnQuery { on: q.on.clone() }.day(&page.ctx)?;
    let children = figures::children_figures(&page.ctx, &page.actor, &code, day)?;
    let action = format!("/units/{code}/map");
    render(page, Some(code), action, day, q.key, children)
}

fn render(
    page: Page,
    code: Option<String>,
    action: String,
    day: NaiveDate,
    key: Option<String>,
    children: Vec<figures::Headline>,
) -> AppResult<Response> {
    let words = match page.lang {
        Lang::Vi => &VI,
        Lang::En => &EN,
    };
    // The figures offered: the headline cards, by their names.
    let empty = Default::default();
    let sample = children.first().map_or(&empty, |c| &c.figures);
    let keys: Vec<(&'static str, &'static str)> = dashboard::cards(page.lang, sample)
        .iter()
        .map(|c| (c.key, c.label))
        .collect();
    let key = key
        .filter(|k| keys.iter().any(|(x, _)| x == k))
        .unwrap_or_else(|| DEFAULT_KEY.into());
    let label = keys
        .iter()
        .find(|(k, _)| *k == key)
        .map_or(key.as_str(), |(_, l)| l);
    let value_of = |f: &figures::Headline| -> (Option<f64>, String) {
        let card = dashboard::cards(page.lang, &f.figures)
            .into_iter()
            .find(|c| c.key == key);
        let v = f.figures.get(&key).and_then(|x: &Figure| x.value);
        let shown = match (v, card) {
            (Some(_), Some(c)) if !c.value.is_empty() && c.value != "–" => c.value,
            _ => words.no_data.to_owned(),
        };
        (v, shown)
    };
    let values: Vec<f64> = children.iter().filter_map(|c| value_of(c).0).collect();
    let (lo, hi) = values
        .iter()
        .fold((f64::MAX, f64::MIN), |(a, b), v| (a.min(*v), b.max(*v)));
    let class_of = |v: Option<f64>| -> String {
        match v {
            None => "none".into(),
            Some(_) if hi <= lo => format!("q{}", CLASSES / 2),
            Some(v) => {
                let i = (((v - lo) / (hi - lo)) * CLASSES as f64).floor() as usize;
                format!("q{}", i.min(CLASSES - 1))
            }
        }
    };
    let drawing = maps::children_of(code.as_deref(), day);
    let mut areas = Vec::new();
    let mut rows = Vec::new();
    for c in &children {
        let (v, shown) = value_of(c);
        let shape = drawing.and_then(|d| d.shapes.iter().find(|s| s.code == c.unit.code));
        if let Some(s) = shape {
            areas.push(Area {
                code: c.unit.code.clone(),
                name: c.unit.full_name.clone(),
                d: s.d.clone(),
                class: class_of(v),
                value: shown.clone(),
            });
        }
        rows.push(Row {
            code: c.unit.code.clone(),
            name: c.unit.full_name.clone(),
            value: shown,
            drawn: shape.is_some() || drawing.is_none(),
        });
    }
    let unit = if key.ends_with("_pct") { "%" } else { "" };
    let legend = if values.is_empty() || hi <= lo {
        Vec::new()
    } else {
        let step = (hi - lo) / CLASSES as f64;
        (0..CLASSES)
            .map(|i| LegendItem {
                class: format!("q{i}"),
                range: format!(
                    "{}{unit} – {}{unit}",
                    super::format::num(page.lang, lo + step * i as f64, 1),
                    super::format::num(page.lang, lo + step * (i + 1) as f64, 1)
                ),
            })
            .collect()
    };
    let title = format!("{}: {label}", words.map);
    let hierarchy = page.ctx.hierarchy();
    let unit_name = code
        .as_deref()
        .and_then(|c| c.parse().ok())
        .and_then(|c| hierarchy.find(&c, day))
        .map(|n| n.unit.full_name.clone());
    let tpl = MapPage {
        base: page.base(title).about(unit_name.as_deref(), day),
        words,
        action,
        day,
        key: key.clone(),
        keys,
        drawn: drawing.map(|d| (d.width, d.height)),
        areas,
        legend,
        rows,
    };
    page.render(StatusCode::OK, &tpl)
}
