//! The pilot DX models registry of a unit (`/units/{code}/models`): how
//! many models are deployed and effective on a day, the models by field
//! with where each is deployed and its status timeline with the
//! evaluation behind each verdict; CSV/XLSX export.

use askama::Template;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::Response;
use chrono::NaiveDate;

use super::dashboard::{ExportQuery, table_response};
use super::programme_texts::{self as words, ProgrammeTexts};
use super::{Base, Page};
use crate::error::AppResult;
use crate::http::extract::{OnQuery, Query};
use crate::i18n::Lang;
use crate::service::models::{self, ModelView};

pub struct StepLine {
    pub day: NaiveDate,
    pub status: &'static str,
    pub status_key: &'static str,
    pub by: String,
    pub evaluation: String,
}

pub struct ModelLine {
    pub id: i64,
    pub name: String,
    pub description: String,
    pub synthetic: bool,
    pub status: &'static str,
    pub status_key: &'static str,
    pub deployments: Vec<(String, String, NaiveDate)>,
    pub indicators: String,
    pub timeline: Vec<StepLine>,
}

pub struct FieldGroup {
    pub field: &'static str,
    pub field_key: &'static str,
    pub models: Vec<ModelLine>,
}

#[derive(Template)]
#[template(path = "pages/models/registry.html")]
struct RegistryPage {
    base: Base,
    w: &'static ProgrammeTexts,
    day: NaiveDate,
    unit_code: String,
    unit_name: String,
    deployed: usize,
    effective: usize,
    total: usize,
    groups: Vec<FieldGroup>,
}

fn line(lang: Lang, m: &ModelView) -> ModelLine {
    let (status, status_key) = match m.status {
        Some(s) => (words::model_status(lang, s), s.as_str()),
        None => ("–", "none"),
    };
    ModelLine {
        id: m.id,
        name: m.name.clone(),
        description: m.description.clone(),
        synthetic: m.synthetic,
        status,
        status_key,
        deployments: m
            .deployments
            .iter()
            .map(|d| (d.unit_code.clone(), d.unit_name.clone(), d.deployed_on))
            .collect(),
        indicators: m.indicators.join(", "),
        timeline: m
            .timeline
            .iter()
            .map(|s| StepLine {
                day: s.on_date,
                status: words::model_status(lang, s.status),
                status_key: s.status.as_str(),
                by: s.by_name.clone(),
                evaluation: s.evaluation.clone(),
            })
            .collect(),
    }
}

/// The registry. Public: it holds no personal data.
pub async fn registry(
    page: Page,
    Path(code): Path<String>,
    Query(q): Query<OnQuery>,
) -> AppResult<Response> {
    let day = q.day()?;
    let r = models::registry(&page.ctx, &page.actor, &code, day).await?;
    let w = words::texts(page.lang);
    let mut groups: Vec<FieldGroup> = Vec::new();
    for m in &r.models {
        match groups.iter_mut().find(|g| g.field_key == m.field.as_str()) {
            Some(g) => g.models.push(line(page.lang, m)),
            None => groups.push(FieldGroup {
                field: words::field(page.lang, m.field),
                field_key: m.field.as_str(),
                models: vec![line(page.lang, m)],
            }),
        }
    }
    let tpl = RegistryPage {
        base: page.base(format!("{} – {}", w.models_title, r.unit.full_name)),
        w,
        day,
        unit_code: r.unit.code.clone(),
        unit_name: r.unit.full_name.clone(),
        deployed: r.deployed,
        effective: r.effective,
        total: r.models.len(),
        groups,
    };
    page.render(StatusCode::OK, &tpl)
}

/// The registry as CSV or XLSX.
pub async fn export(
    page: Page,
    Path(code): Path<String>,
    Query(q): Query<ExportQuery>,
) -> AppResult<Response> {
    let day = OnQuery { on: q.on }.day()?;
    let r = models::registry(&page.ctx, &page.actor, &code, day).await?;
    let header: Vec<String> = [
        "name",
        "field",
        "status",
        "deployed_in",
        "first_deployed_on",
        "last_verdict_on",
        "evaluation",
        "indicators",
        "synthetic",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let rows: Vec<Vec<String>> = r
        .models
        .iter()
        .map(|m| {
            let verdict = m.timeline.iter().rfind(|s| s.status.is_verdict());
            vec![
                m.name.clone(),
                m.field.as_str().to_owned(),
                m.status.map(|s| s.as_str().to_owned()).unwrap_or_default(),
                m.deployments
                    .iter()
                    .map(|d| format!("{} {}", d.unit_code, d.unit_name))
                    .collect::<Vec<_>>()
                    .join("; "),
                m.deployments
                    .iter()
                    .map(|d| d.deployed_on)
                    .min()
                    .map(|d| d.to_string())
                    .unwrap_or_default(),
                verdict.map(|s| s.on_date.to_string()).unwrap_or_default(),
                verdict.map(|s| s.evaluation.clone()).unwrap_or_default(),
                m.indicators.join(" "),
                if m.synthetic { "1" } else { "0" }.to_owned(),
            ]
        })
        .collect();
    table_response(
        &format!("tinhso-models-{}-{day}", r.unit.code),
        &q.format,
        &header,
        &rows,
    )
}
