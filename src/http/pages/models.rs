//! The pilot DX models registry of a unit (`/units/{code}/models`): how
//! many models are deployed and effective on a day, the models by field
//! with where each is deployed and its status timeline with the
//! evaluation behind each verdict; for officers the forms to add a model
//! (`POST /units/{code}/models`), record where it is deployed
//! (`POST /models/{id}/deployments`) and move its status with the
//! evaluation (`POST /models/{id}/status`); CSV/XLSX export. A refused
//! form comes back open and as typed, the reason beside its field.

use askama::Template;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::Response;
use chrono::NaiveDate;
use serde::Deserialize;

use super::dashboard::{ExportQuery, table_response};
use super::goals::{day_after, refuse};
use super::programme_texts::{self as words, ProgrammeTexts};
use super::refused::Refused;
use super::{Base, Page, local_path};
use crate::domain::programme::{ModelField, ModelStatus};
use crate::domain::unit::Level;
use crate::domain::unit::parse_day;
use crate::error::{AppError, AppResult};
use crate::http::extract::{CsrfForm, OnQuery, Query};
use crate::i18n::Lang;
use crate::service::figures::State as FigureState;
use crate::service::models::{
    self, DeploymentInput, ModelInput, ModelStatusInput, ModelView, Registry,
};
use crate::service::names::name_of;

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
    /// May the asker write this model (its unit's officers)?
    pub can_write: bool,
    /// The status the status form offers first: the next step.
    pub next: &'static str,
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
    /// May the asker add models to this unit?
    can_add: bool,
    any_writable: bool,
    back: String,
    fields: Vec<(&'static str, &'static str)>,
    /// The statuses the status form offers, with their labels.
    steps: Vec<(&'static str, &'static str)>,
    /// Units a model may be deployed in (code, name), for the form's list.
    units: Vec<(String, String)>,
    /// A refused form (`model-new`, `deploy-{id}`, `verdict-{id}`), shown
    /// again as typed.
    refused: Refused,
}

fn line(lang: Lang, m: &ModelView, can_write: bool, state: &FigureState) -> ModelLine {
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
        // The figures it is judged by, by name; the codes stay in the form.
        indicators: m
            .indicators
            .iter()
            .map(|k| name_of(state, k).map_or_else(|| k.clone(), |n| n.render(lang)))
            .collect::<Vec<_>>()
            .join("; "),
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
        can_write,
        next: m
            .status
            .and_then(|s| s.next().first().copied())
            .unwrap_or(ModelStatus::Deployed)
            .as_str(),
    }
}

/// Which of the registry's models, and whether its unit, the asker may
/// write: officers whose grants cover the model's (the unit's) unit.
fn writable(page: &Page, r: &Registry) -> (bool, Vec<i64>) {
    let h = page.ctx.hierarchy();
    let may = |id: i64| {
        h.find_id(id, r.on)
            .or_else(|| h.live_forms(id, r.on).into_iter().next())
            .is_some_and(|n| page.actor.scope.can_manage(&h, &n))
    };
    let models = r
        .models
        .iter()
        .filter(|m| may(m.owner.id))
        .map(|m| m.id)
        .collect();
    (may(r.unit.id), models)
}

/// The unit's districts and communes on the day, for the deployment form.
fn deploy_units(page: &Page, r: &Registry) -> Vec<(String, String)> {
    let h = page.ctx.hierarchy();
    let Some(node) = h.find_id(r.unit.id, r.on) else {
        return Vec::new();
    };
    h.subtree(&node)
        .filter(|u| u.level != Level::Village)
        .map(|u| (u.code.to_string(), u.full_name.clone()))
        .collect()
}

/// The registry. Public: it holds no personal data.
pub async fn registry(
    page: Page,
    Path(code): Path<String>,
    Query(q): Query<OnQuery>,
) -> AppResult<Response> {
    let day = q.day(&page.ctx)?;
    registry_page(page, &code, day, StatusCode::OK, Refused::default()).await
}

async fn registry_page(
    page: Page,
    code: &str,
    day: NaiveDate,
    status: StatusCode,
    refused: Refused,
) -> AppResult<Response> {
    let r = models::registry(&page.ctx, &page.actor, code, day).await?;
    let w = words::texts(page.lang);
    let (can_add, mine) = writable(&page, &r);
    let mut groups: Vec<FieldGroup> = Vec::new();
    for m in &r.models {
        let l = line(page.lang, m, mine.contains(&m.id), &page.ctx.figures());
        match groups.iter_mut().find(|g| g.field_key == m.field.as_str()) {
            Some(g) => g.models.push(l),
            None => groups.push(FieldGroup {
                field: words::field(page.lang, m.field),
                field_key: m.field.as_str(),
                models: vec![l],
            }),
        }
    }
    let any_writable = !mine.is_empty();
    let units = if any_writable {
        deploy_units(&page, &r)
    } else {
        Vec::new()
    };
    let tpl = RegistryPage {
        base: page
            .base(format!("{} – {}", w.models_title, r.unit.full_name))
            .about(Some(&r.unit.full_name), day),
        w,
        day,
        unit_code: r.unit.code.clone(),
        unit_name: r.unit.full_name.clone(),
        deployed: r.deployed,
        effective: r.effective,
        total: r.models.len(),
        groups,
        can_add,
        any_writable,
        back: format!("/units/{}/models?on={day}", r.unit.code),
        fields: ModelField::ALL
            .iter()
            .map(|f| (f.as_str(), words::field(page.lang, *f)))
            .collect(),
        steps: [
            ModelStatus::Deployed,
            ModelStatus::Effective,
            ModelStatus::NotEffective,
        ]
        .into_iter()
        .map(|s| (s.as_str(), words::model_status(page.lang, s)))
        .collect(),
        units,
        refused,
    };
    page.render(status, &tpl)
}

/// A refused form: the registry again (422), on the day it was shown, with
/// the form open and as typed and the reason beside the field; when the
/// form came from no registry (`back` names none) or the error is not one
/// to fix by typing, as the goals board does (`goals::refuse`).
async fn refused_at(
    page: Page,
    back: &str,
    board_day: &str,
    form: &str,
    e: AppError,
    typed: impl IntoIterator<Item = (&'static str, String)>,
) -> AppResult<Response> {
    let code = back
        .strip_prefix("/units/")
        .and_then(|rest| rest.split_once("/models"))
        .map(|(code, _)| code.to_owned());
    let day = parse_day("board_day", board_day.trim()).ok();
    match (code, day, Refused::of(page.lang, form, &e, typed)) {
        (Some(code), Some(day), Some(refused)) => {
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            registry_page(page, &code, day, status, refused).await
        }
        _ => refuse(page, back, e),
    }
}

/// The registry at a model after a write dated `on`: on the registry's own
/// day when the write shows there, else on the write's day.
fn registry_at(back: &str, board_day: &str, on: NaiveDate, model: i64) -> String {
    let path = back.split(['?', '#']).next().unwrap_or(back);
    format!("{path}?on={}#model-{model}", day_after(board_day, on))
}

/// The new-model form; fields default to empty so that the service says
/// what is missing.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ModelForm {
    back: String,
    board_day: String,
    name: String,
    field: String,
    description: String,
    planned_on: String,
    /// Figure codes, separated by commas or spaces.
    indicators: String,
}

/// Add a model to the unit's programme, planned on a day (today when
/// left empty).
pub async fn create(
    page: Page,
    Path(code): Path<String>,
    CsrfForm(form): CsrfForm<ModelForm>,
) -> AppResult<Response> {
    page.require_user()?;
    let back = local_path(Some(&form.back));
    let typed = [
        ("name", form.name.clone()),
        ("field", form.field.clone()),
        ("description", form.description.clone()),
        ("planned_on", form.planned_on.clone()),
        ("indicators", form.indicators.clone()),
    ];
    let input = ModelInput {
        name: form.name,
        field: form.field,
        description: form.description,
        indicators: form
            .indicators
            .split([',', ';', ' '])
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect(),
        planned_on: form.planned_on,
        synthetic: false,
    };
    match models::create(&page.ctx, &page.actor, &code, &input).await {
        Ok(m) => {
            let planned = m
                .timeline
                .first()
                .map_or_else(|| page.ctx.today(), |s| s.on_date);
            let to = format!(
                "/units/{code}/models?on={}#model-{}",
                day_after(&form.board_day, planned),
                m.id
            );
            let msg = format!("{}: {}", words::texts(page.lang).model_created, m.name);
            Ok(page.redirect(&to, "ok", &msg))
        }
        Err(e) => refused_at(page, &back, &form.board_day, "model-new", e, typed).await,
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct DeployForm {
    back: String,
    board_day: String,
    unit: String,
    on: String,
    note: String,
}

/// Record that a model is deployed in a unit from a day.
pub async fn deploy(
    page: Page,
    Path(id): Path<i64>,
    CsrfForm(form): CsrfForm<DeployForm>,
) -> AppResult<Response> {
    page.require_user()?;
    let back = local_path(Some(&form.back));
    let typed = [
        ("unit", form.unit.clone()),
        ("on", form.on.clone()),
        ("note", form.note.clone()),
    ];
    let input = DeploymentInput {
        unit: form.unit,
        on: form.on,
        note: form.note,
    };
    match models::add_deployment(&page.ctx, &page.actor, id, &input).await {
        Ok(d) => {
            let to = registry_at(&back, &form.board_day, d.deployed_on, id);
            let msg = format!(
                "{}: {}",
                words::texts(page.lang).deployment_saved,
                d.unit_name
            );
            Ok(page.redirect(&to, "ok", &msg))
        }
        Err(e) => {
            let form_id = format!("deploy-{id}");
            refused_at(page, &back, &form.board_day, &form_id, e, typed).await
        }
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct StatusForm {
    back: String,
    board_day: String,
    status: String,
    on: String,
    evaluation: String,
}

/// Move a model to its next status, with the evaluation behind a verdict.
pub async fn set_status(
    page: Page,
    Path(id): Path<i64>,
    CsrfForm(form): CsrfForm<StatusForm>,
) -> AppResult<Response> {
    page.require_user()?;
    let back = local_path(Some(&form.back));
    let typed = [
        ("status", form.status.clone()),
        ("on", form.on.clone()),
        ("evaluation", form.evaluation.clone()),
    ];
    let input = ModelStatusInput {
        status: form.status,
        on: form.on,
        evaluation: form.evaluation,
    };
    match models::set_status(&page.ctx, &page.actor, id, &input).await {
        Ok(s) => {
            let to = registry_at(&back, &form.board_day, s.on_date, id);
            let msg = words::texts(page.lang).model_status_saved;
            Ok(page.redirect(&to, "ok", msg))
        }
        Err(e) => {
            let form_id = format!("verdict-{id}");
            refused_at(page, &back, &form.board_day, &form_id, e, typed).await
        }
    }
}

/// The registry as CSV or XLSX.
pub async fn export(
    page: Page,
    Path(code): Path<String>,
    Query(q): Query<ExportQuery>,
) -> AppResult<Response> {
    let day = OnQuery { on: q.on }.day(&page.ctx)?;
    let r = models::registry(&page.ctx, &page.actor, &code, day).await?;
    let lang = page.lang;
    let day_of = |d: NaiveDate| super::format::day(lang, d);
    let header: Vec<String> = match lang {
        crate::i18n::Lang::Vi => [
            "Mô hình",
            "Lĩnh vực",
            "Trạng thái",
            "Triển khai tại",
            "Triển khai lần đầu",
            "Ngày đánh giá",
            "Đánh giá",
            "Chỉ số",
            "Dữ liệu mô phỏng",
        ],
        crate::i18n::Lang::En => [
            "Model",
            "Field",
            "Status",
            "Deployed in",
            "First deployed on",
            "Verdict on",
            "Evaluation",
            "Indicators",
            "Synthetic",
        ],
    }
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
                words::field(lang, m.field).to_owned(),
                m.status
                    .map(|s| words::model_status(lang, s).to_owned())
                    .unwrap_or_default(),
                m.deployments
                    .iter()
                    .map(|d| format!("{} {}", d.unit_code, d.unit_name))
                    .collect::<Vec<_>>()
                    .join("; "),
                m.deployments
                    .iter()
                    .map(|d| d.deployed_on)
                    .min()
                    .map(day_of)
                    .unwrap_or_default(),
                verdict.map(|s| day_of(s.on_date)).unwrap_or_default(),
                verdict.map(|s| s.evaluation.clone()).unwrap_or_default(),
                m.indicators.join(" "),
                super::export_words::yes_no(lang, m.synthetic),
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
