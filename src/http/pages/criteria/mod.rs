//! Programme pages: a commune's recognition (where it stands, what it
//! lacks, its registration and the steps its users may take), the
//! registration pipeline as a board, the criteria sets and their editor,
//! and the DTI-style index with its pillar breakdown.

use askama::Template;
use axum::extract::Path;
use axum::extract::multipart::{Multipart, MultipartRejection};
use axum::http::StatusCode;
use axum::response::Response;
use axum_extra::extract::CookieJar;
use chrono::NaiveDate;
use serde::Deserialize;
use std::collections::HashMap;

use super::criteria_texts::{self as words, CriteriaTexts};
use super::dashboard::table_response;
use super::refused::{Refused, flash_back};
use super::{Base, Page};
use crate::domain::criteria::{CriterionDef, GroupKind, LevelDef, Scoring, SetDef, Step};
use crate::domain::metric::Direction;
use crate::domain::registration::Status;
use crate::error::{AppError, AppResult};
use crate::http::extract::YearQuery;
use crate::http::extract::{CsrfForm, Query, expected_csrf};
use crate::i18n::Lang;
use crate::service::criteria::explain::{self, Explanation, num};
use crate::service::criteria::registrations::{self, RegisterInput, StepInput};
use crate::service::criteria::{self, SetUpdate, SetView, Stage, ValueInput, index};

/// A score or value as people read it (`7,5`).
pub(super) fn shown(lang: Lang, v: f64) -> String {
    super::format::num(lang, v, 2)
}

pub(super) fn pct(part: f64, whole: f64) -> u32 {
    if whole <= 0.0 {
        0
    } else {
        ((100.0 * part / whole).round() as u32).min(100)
    }
}

pub(super) fn pick(lang: Lang, vi: &str, en: &str) -> String {
    if lang == Lang::En && !en.is_empty() {
        en.to_owned()
    } else {
        vi.to_owned()
    }
}

pub struct CriterionLine {
    pub code: String,
    pub name: String,
    pub mandatory: bool,
    pub manual: bool,
    pub source: String,
    pub rule: String,
    pub agency: String,
    pub value: String,
    pub required: String,
    pub points: String,
    pub max: String,
    pub bar: u32,
    pub met: bool,
    pub entered: String,
    pub entered_value: String,
}

pub struct LevelLine {
    pub code: String,
    pub name: String,
    pub met: bool,
    pub lines: Vec<String>,
    pub registered: bool,
}

pub(super) fn lines(lang: Lang, ex: &Explanation) -> (Vec<LevelLine>, Vec<CriterionLine>) {
    let registered = ex.registration.as_ref().map(|r| r.row.level.clone());
    let levels = ex
        .levels
        .iter()
        .map(|l| LevelLine {
            code: l.result.code.clone(),
            name: pick(lang, &l.name_vi, &l.name_en),
            met: l.result.met,
            lines: if lang == Lang::En {
                l.lines_en.clone()
            } else {
                l.lines_vi.clone()
            },
            registered: registered.as_deref() == Some(l.result.code.as_str()),
        })
        .collect();
    let criteria = ex
        .criteria
        .iter()
        .map(|c| CriterionLine {
            code: c.result.code.clone(),
            name: pick(lang, &c.name_vi, &c.name_en),
            mandatory: c.group_kind == GroupKind::Mandatory,
            manual: c.result.manual,
            // The source by name; its code only on the set's own page,
            // where officers edit definitions.
            source: match (&c.source_name, &c.source) {
                (Some(n), _) => n.render(lang),
                (None, s) => s.clone().unwrap_or_default(),
            },
            rule: rule_words(lang, &c.rule),
            agency: c.agency.clone(),
            value: c
                .result
                .value
                .map(|v| shown(lang, v))
                .unwrap_or_else(|| "—".into()),
            required: c
                .result
                .required
                .map(|v| shown(lang, v))
                .unwrap_or_else(|| "—".into()),
            points: shown(lang, c.result.points),
            max: shown(lang, c.result.max_points),
            bar: pct(c.result.points, c.result.max_points),
            met: c.result.met,
            entered: c
                .entered
                .as_ref()
                .map(|e| {
                    format!(
                        "{} ({}, {}{})",
                        shown(lang, e.value),
                        e.stage,
                        e.actor,
                        if e.note.is_empty() {
                            String::new()
                        } else {
                            format!(": {}", e.note)
                        }
                    )
                })
                .unwrap_or_default(),
            entered_value: c.entered.as_ref().map(|e| num(e.value)).unwrap_or_default(),
        })
        .collect();
    (levels, criteria)
}

/// A commune's recognition page.
/// `?year=&on=&format=`: a page's year and day, and `csv` or `xlsx` to
/// download its criteria table instead.
#[derive(Debug, Default, Deserialize)]
pub struct TableQuery {
    pub year: Option<i64>,
    pub on: Option<String>,
    #[serde(default)]
    pub format: String,
}

impl TableQuery {
    fn year_query(&self) -> YearQuery {
        YearQuery {
            year: self.year,
            on: self.on.clone(),
        }
    }
}

/// An explanation's criteria as a table download.
pub(super) fn criteria_table(
    lang: Lang,
    name: &str,
    format: &str,
    ex: &Explanation,
) -> AppResult<Response> {
    let header: Vec<String> = match lang {
        Lang::Vi => [
            "Mã tiêu chí",
            "Nhóm",
            "Tiêu chí",
            "Tên tiếng Anh",
            "Nguồn số liệu",
            "Giá trị",
            "Yêu cầu",
            "Điểm",
            "Điểm tối đa",
            "Đạt",
            "Cơ quan phụ trách",
        ],
        Lang::En => [
            "Criterion code",
            "Group",
            "Criterion (Vietnamese)",
            "Criterion",
            "Data source",
            "Value",
            "Required",
            "Points",
            "Maximum points",
            "Met",
            "Agency",
        ],
    }
    .map(String::from)
    .to_vec();
    let rows: Vec<Vec<String>> = ex
        .criteria
        .iter()
        .map(|c| {
            vec![
                c.result.code.clone(),
                c.result.group.clone(),
                c.name_vi.clone(),
                c.name_en.clone(),
                c.source
                    .clone()
                    .unwrap_or_else(|| words::texts(lang).manual.into()),
                c.result.value.map(num).unwrap_or_default(),
                c.result.required.map(num).unwrap_or_default(),
                num(c.result.points),
                num(c.result.max_points),
                super::export_words::yes_no(lang, c.result.met),
                c.agency.clone(),
            ]
        })
        .collect();
    table_response(name, format, &header, &rows)
}

mod board;
mod dti;
mod recognition;
mod sets;

pub use board::board;
pub use dti::index_page;
pub use recognition::{download, recognition, register, self_assessment, step, upload_post};
pub use sets::{put_criterion, put_level, remove_criterion, set, sets};

/// A scoring rule as the explanation writes it (`yes/no → 10`, `value ÷ 5
/// × 10`, the API's words), in the page's language.
fn rule_words(lang: Lang, rule: &str) -> String {
    let w = words::texts(lang);
    if let Some(points) = rule.strip_prefix("yes/no → ") {
        return format!("{} → {points}", w.scoring_yes_no);
    }
    match (lang, rule.strip_prefix("value ÷ ")) {
        (Lang::Vi, Some(rest)) => format!("giá trị ÷ {rest}"),
        _ => rule.to_owned(),
    }
}
