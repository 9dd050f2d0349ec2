//! The figures on a unit's page: headline cards with progress bars, the
//! ranked children table, the trend chart, indicators and targets; the
//! trace page; CSV and XLSX downloads of a table (`table_response`).

use askama::Template;
use axum::extract::Path;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use serde::Deserialize;
use std::collections::BTreeMap;

use super::chart::LineChart;
use super::format as fmt;
use super::{Base, Page};
use crate::domain::figures::Figure;
use crate::domain::metric::TargetStatus;
use crate::error::{AppError, AppResult};
use crate::http::extract::{OnQuery, Query};
use crate::i18n::messages::Msg;
use crate::i18n::{Lang, Texts};
use crate::service::figures::{self, Headline};
use crate::service::{Actor, Ctx, indicators, trace};

/// A headline card.
pub struct Card {
    pub key: &'static str,
    pub label: &'static str,
    pub value: String,
    /// 0..100 for a progress bar, when the figure is a percentage.
    pub bar: Option<f64>,
    pub detail: String,
}

fn fmt_num(lang: Lang, v: f64) -> String {
    fmt::count(lang, v)
}

fn fmt_pct(lang: Lang, f: &Figure) -> String {
    fmt::opt_pct(lang, f.value)
}

fn fig(map: &BTreeMap<String, Figure>, key: &str) -> Figure {
    map.get(key).copied().unwrap_or(Figure {
        value: None,
        numerator: None,
        denominator: None,
    })
}

pub fn cards(lang: Lang, f: &BTreeMap<String, Figure>) -> Vec<Card> {
    let t: &Texts = lang.texts();
    let count = |key: &'static str, label: &'static str, detail: String| Card {
        key,
        label,
        value: fig(f, key)
            .value
            .map(|v| fmt_num(lang, v))
            .unwrap_or_default(),
        bar: None,
        detail,
    };
    let pct = |key: &'static str, label: &'static str| {
        let x = fig(f, key);
        let detail = match (x.numerator, x.denominator) {
            (Some(n), Some(d)) => format!("{} / {}", fmt_num(lang, n), fmt_num(lang, d)),
            _ => String::new(),
        };
        Card {
            key,
            label,
            value: fmt_pct(lang, &x),
            bar: x.value,
            detail,
        }
    };
    let levels = format!(
        "{}: {} / {}",
        t.fig_members_levels,
        fmt_num(
            lang,
            fig(f, "teams.members_commune_level").value.unwrap_or(0.0)
        ),
        fmt_num(
            lang,
            fig(f, "teams.members_village_level").value.unwrap_or(0.0)
        )
    );
    vec![
        count("households.total", t.fig_households, String::new()),
        pct("households.zalo_group_pct", t.fig_zalo),
        pct("teams.coverage_pct", t.fig_coverage),
        count("teams.members", t.fig_members, levels),
        pct("orgs.members_in_groups_pct", t.fig_orgs),
        pct("households.vneid_pct", t.fig_vneid),
        pct("households.epay_power_pct", t.fig_epay),
    ]
}

/// A child row with its figures, for the ranked table.
pub struct ChildRow {
    pub rank: usize,
    pub code: String,
    pub full_name: String,
    pub synthetic: bool,
    pub households: String,
    pub zalo: String,
    pub zalo_bar: f64,
    pub members: String,
    pub coverage: String,
}

pub const SORTS: [&str; 5] = ["name", "households", "zalo", "members", "coverage"];

fn sort_value(h: &Headline, sort: &str) -> f64 {
    let key = match sort {
        "households" => "households.total",
        "zalo" => "households.zalo_group_pct",
        "members" => "teams.members",
        "coverage" => "teams.coverage_pct",
        _ => return 0.0,
    };
    fig(&h.figures, key).value.unwrap_or(-1.0)
}

pub fn child_rows(lang: Lang, mut kids: Vec<Headline>, sort: &str) -> Vec<ChildRow> {
    if sort != "name" {
        kids.sort_by(|a, b| {
            sort_value(b, sort)
                .total_cmp(&sort_value(a, sort))
                .then(a.unit.code.cmp(&b.unit.code))
        });
    }
    kids.iter()
        .enumerate()
        .map(|(i, k)| {
            let zalo = fig(&k.figures, "households.zalo_group_pct");
            ChildRow {
                rank: i + 1,
                code: k.unit.code.clone(),
                full_name: k.unit.full_name.clone(),
                synthetic: k.unit.synthetic,
                households: fmt_num(
                    lang,
                    fig(&k.figures, "households.total").value.unwrap_or(0.0),
                ),
                zalo: fmt_pct(lang, &zalo),
                zalo_bar: zalo.value.unwrap_or(0.0),
                members: fmt_num(lang, fig(&k.figures, "teams.members").value.unwrap_or(0.0)),
                coverage: fmt_pct(lang, &fig(&k.figures, "teams.coverage_pct")),
            }
        })
        .collect()
}

pub fn zalo_chart(
    lang: Lang,
    ctx: &Ctx,
    actor: &Actor,
    code: &str,
    day: NaiveDate,
) -> AppResult<LineChart> {
    let from = day - chrono::Months::new(17);
    let points = figures::trend(ctx, actor, code, "households.zalo_group_pct", from, day)?;
    let values: Vec<(String, Option<f64>)> =
        points.into_iter().map(|p| (p.month, p.value)).collect();
    let mut chart = LineChart::new(&values, Some(100.0), "%");
    chart.last = values
        .iter()
        .rev()
        .find_map(|v| v.1)
        .map(|v| fmt::pct(lang, v))
        .unwrap_or_default();
    for l in &mut chart.x_labels {
        l.label = fmt::month(lang, &l.label);
    }
    Ok(chart)
}

pub struct IndicatorRow {
    pub name: String,
    pub value: String,
    pub formula: String,
}

pub struct TargetRow {
    pub name: String,
    pub value: String,
    pub threshold: String,
    pub deadline: String,
    pub status: &'static str,
    pub status_class: &'static str,
}

pub async fn indicator_rows(
    ctx: &Ctx,
    actor: &Actor,
    code: &str,
    day: NaiveDate,
    lang: crate::i18n::Lang,
) -> AppResult<(Vec<IndicatorRow>, Vec<TargetRow>)> {
    let t = lang.texts();
    let values = figures::indicator_values(ctx, actor, code, day)?;
    let name_of = |c: &str| {
        values
            .iter()
            .find(|v| v.code == c)
            .map(|v| {
                if lang == crate::i18n::Lang::Vi {
                    v.name_vi.clone()
                } else {
                    v.name_en.clone()
                }
            })
            .unwrap_or_else(|| c.to_owned())
    };
    let ind = values
        .iter()
        .map(|v| IndicatorRow {
            name: if lang == crate::i18n::Lang::Vi {
                v.name_vi.clone()
            } else {
                v.name_en.clone()
            },
            value: v
                .value
                .map(|x| {
                    if v.unit_label == "%" {
                        fmt::pct(lang, x)
                    } else {
                        format!("{}{}", fmt::num(lang, x, 2), v.unit_label)
                    }
                })
                .unwrap_or_else(|| "–".into()),
            // The formula with each code by its name: people read it,
            // officers edit it on the indicators' own page.
            formula: crate::service::names::formula_in_words(&ctx.figures(), &v.formula, lang),
        })
        .collect();
    let targets = indicators::targets_of(ctx, actor, code, day)
        .await?
        .into_iter()
        .map(|x| {
            let (status, status_class) = match x.status {
                TargetStatus::Met => (t.status_met, "met"),
                TargetStatus::NotYetMet => (t.status_not_yet, "pending"),
                TargetStatus::Missed => (t.status_missed, "missed"),
                TargetStatus::NoValue => (t.status_no_value, "pending"),
            };
            let sign = if x.direction == "lower_is_better" {
                "≤"
            } else {
                "≥"
            };
            TargetRow {
                name: name_of(&x.indicator),
                value: x
                    .value
                    .map(|v| fmt::num(lang, v, 2))
                    .unwrap_or_else(|| fmt::NONE.into()),
                threshold: format!("{sign} {}", fmt::num(lang, x.threshold, 2)),
                deadline: fmt::day(lang, x.deadline),
                status,
                status_class,
            }
        })
        .collect();
    Ok((ind, targets))
}

#[derive(Deserialize)]
pub struct TraceQuery {
    key: String,
    on: Option<String>,
}

pub struct PartRow {
    pub code: String,
    pub full_name: String,
    pub value: String,
    pub detail: String,
}

/// A record behind a village's figure, its detail in the page's language.
pub struct RecordRow {
    pub kind: &'static str,
    pub id: i64,
    pub label: String,
    pub date: Option<NaiveDate>,
    pub detail: String,
}

#[derive(Template)]
#[template(path = "pages/units/trace.html")]
struct TracePage {
    base: Base,
    day: NaiveDate,
    key: String,
    /// The figure's name, the page's heading.
    name: String,
    unit_code: String,
    unit_name: String,
    explanation: String,
    records_hidden: bool,
    value: String,
    detail: String,
    parts: Vec<PartRow>,
    records: Vec<RecordRow>,
}

fn show(lang: Lang, f: &Figure, key: &str) -> (String, String) {
    let value = if key.ends_with("_pct") {
        fmt_pct(lang, f)
    } else {
        f.value
            .map(|v| fmt_num(lang, v))
            .unwrap_or_else(|| fmt::NONE.into())
    };
    let detail = match (f.numerator, f.denominator) {
        (Some(n), Some(d)) => format!("{} / {}", fmt_num(lang, n), fmt_num(lang, d)),
        _ => String::new(),
    };
    (value, detail)
}

/// Public like the dashboard: the figure, its rule and its parts for all;
/// the records behind a village's figure for those whose grants cover it.
pub async fn trace_page(
    page: Page,
    Path(code): Path<String>,
    Query(q): Query<TraceQuery>,
) -> AppResult<Response> {
    let day = OnQuery { on: q.on }.day(&page.ctx)?;
    let tr = trace::trace(&page.ctx, &page.actor, &code, &q.key, day).await?;
    let (value, detail) = show(page.lang, &tr.figure, &tr.key);
    let parts = tr
        .parts
        .iter()
        .map(|p| {
            let (value, detail) = show(page.lang, &p.figure, &tr.key);
            PartRow {
                code: p.unit.code.clone(),
                full_name: p.unit.full_name.clone(),
                value,
                detail,
            }
        })
        .collect();
    let name = tr.name.render(page.lang);
    let tpl = TracePage {
        base: page.base(&name),
        day,
        name,
        unit_code: tr.unit.code.clone(),
        unit_name: tr.unit.full_name.clone(),
        explanation: tr.explanation.render(page.lang),
        records_hidden: tr.records_hidden,
        value,
        detail,
        parts,
        records: tr
            .records
            .into_iter()
            .map(|r| RecordRow {
                kind: r.kind,
                id: r.id,
                label: r.label,
                date: r.date,
                detail: r.detail.render(page.lang),
            })
            .collect(),
        key: tr.key,
    };
    page.render(StatusCode::OK, &tpl)
}

/// `?on=DATE&format=csv|xlsx` for every table export.
#[derive(Deserialize)]
pub struct ExportQuery {
    pub on: Option<String>,
    #[serde(default)]
    pub format: String,
}

/// A table as a CSV or XLSX download named `name`.
pub fn table_response(
    name: &str,
    format: &str,
    header: &[String],
    rows: &[Vec<String>],
) -> AppResult<Response> {
    match format {
        "xlsx" => {
            let bytes = crate::io::table::to_xlsx(header, rows)
                .map_err(|e| AppError::Internal(e.into()))?;
            Ok((
                [
                    (
                        header::CONTENT_TYPE,
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                            .to_string(),
                    ),
                    (
                        header::CONTENT_DISPOSITION,
                        format!("attachment; filename=\"{name}.xlsx\""),
                    ),
                ],
                bytes,
            )
                .into_response())
        }
        "csv" | "" => Ok((
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"{name}.csv\""),
                ),
            ],
            crate::io::table::to_csv(header, rows),
        )
            .into_response()),
        other => Err(AppError::invalid(
            "format",
            Msg::new("open_data.table_format").arg("format", other),
        )),
    }
}
