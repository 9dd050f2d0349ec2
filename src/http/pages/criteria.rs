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
use super::party::back_with;
use super::{Base, Page};
use crate::domain::criteria::{CriterionDef, GroupKind, LevelDef, Scoring, SetDef, Status, Step};
use crate::domain::metric::Direction;
use crate::error::{AppError, AppResult};
use crate::http::api::criteria::YearQuery;
use crate::http::extract::{CSRF_FIELD, CsrfForm, Query, csrf_matches, today};
use crate::i18n::Lang;
use crate::service::criteria::explain::{self, Explanation, num};
use crate::service::criteria::registrations::{self, RegisterInput, StepInput};
use crate::service::criteria::{self, SetUpdate, SetView, Stage, ValueInput, index};

fn pct(part: f64, whole: f64) -> u32 {
    if whole <= 0.0 {
        0
    } else {
        ((100.0 * part / whole).round() as u32).min(100)
    }
}

fn pick(lang: Lang, vi: &str, en: &str) -> String {
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

pub struct StepLine {
    pub status: String,
    pub on: NaiveDate,
    pub actor: String,
    pub note: String,
    pub due: String,
}

pub struct FileLine {
    pub id: i64,
    pub name: String,
    pub criterion: String,
}

pub struct RegLine {
    pub id: i64,
    pub version: i64,
    pub level_name: String,
    pub status: String,
    pub status_code: String,
    pub waiting_on: String,
    pub due: String,
    pub overdue: bool,
    pub steps: Vec<StepLine>,
    pub files: Vec<FileLine>,
    pub actions: Vec<(String, String)>,
    pub with_commune: bool,
}

#[derive(Template)]
#[template(path = "pages/criteria/recognition.html")]
struct RecognitionPage {
    base: Base,
    w: &'static CriteriaTexts,
    code: String,
    unit_name: String,
    day: NaiveDate,
    year: i64,
    set_name: String,
    set_id: i64,
    points: String,
    max_points: String,
    levels: Vec<LevelLine>,
    criteria: Vec<CriterionLine>,
    reg: Option<RegLine>,
    may_register: bool,
    level_choices: Vec<(String, String)>,
}

fn lines(lang: Lang, ex: &Explanation) -> (Vec<LevelLine>, Vec<CriterionLine>) {
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
            source: c.source.clone().unwrap_or_default(),
            rule: c.rule.clone(),
            agency: c.agency.clone(),
            value: c.result.value.map(num).unwrap_or_else(|| "—".into()),
            required: c.result.required.map(num).unwrap_or_else(|| "—".into()),
            points: num(c.result.points),
            max: num(c.result.max_points),
            bar: pct(c.result.points, c.result.max_points),
            met: c.result.met,
            entered: c
                .entered
                .as_ref()
                .map(|e| {
                    format!(
                        "{} ({}, {}{})",
                        num(e.value),
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
pub async fn recognition(
    page: Page,
    Path(code): Path<String>,
    Query(q): Query<YearQuery>,
) -> AppResult<Response> {
    let day = q.day()?;
    let year = q.year()?;
    let ex = explain::commune(&page.ctx, &page.actor, &code, year, day).await?;
    let lang = page.lang;
    let w = words::texts(lang);
    let (levels, criteria) = lines(lang, &ex);
    let set = criteria::get_set(&page.ctx, ex.set.id).await?;
    let reg = ex.registration.as_ref().map(|r| {
        let status = Status::parse(&r.row.status).unwrap_or(Status::Registered);
        RegLine {
            id: r.row.id,
            version: r.row.version,
            level_name: pick(lang, &r.level_name_vi, &r.level_name_en),
            status: words::status(lang, status).into(),
            status_code: r.row.status.clone(),
            waiting_on: words::party(lang, r.waiting_on).into(),
            due: if r.waiting_on.is_some() {
                r.row.due_on.to_string()
            } else {
                String::new()
            },
            overdue: r.overdue,
            steps: r
                .steps
                .iter()
                .map(|s| StepLine {
                    status: Status::parse(&s.status)
                        .map(|x| words::status(lang, x))
                        .unwrap_or("?")
                        .into(),
                    on: s.on_day,
                    actor: s.actor.clone(),
                    note: s.note.clone(),
                    due: s.due_on.map(|d| d.to_string()).unwrap_or_default(),
                })
                .collect(),
            files: r
                .files
                .iter()
                .map(|f| FileLine {
                    id: f.id,
                    name: f.file_name.clone(),
                    criterion: f.criterion.clone().unwrap_or_default(),
                })
                .collect(),
            actions: registrations::actions_for(&page.ctx, &page.actor, r, day)
                .into_iter()
                .map(|a| (a.as_str().to_owned(), words::action(lang, a).to_owned()))
                .collect(),
            with_commune: status.waiting_on() == Some(crate::domain::criteria::Actor::Commune)
                && registrations::may_register(&page.ctx, &page.actor, r.row.unit_id, day),
        }
    });
    let may_register = ex.registration.is_none()
        && page.actor.is_signed_in()
        && registrations::may_register(&page.ctx, &page.actor, ex.unit.id, day);
    let tpl = RecognitionPage {
        base: page.base(format!("{} – {}", w.recognition, ex.unit.full_name)),
        w,
        code: ex.unit.code.clone(),
        unit_name: ex.unit.full_name.clone(),
        day,
        year,
        set_name: pick(lang, &ex.set.name_vi, &ex.set.name_en),
        set_id: ex.set.id,
        points: num(ex.points),
        max_points: num(ex.max_points),
        levels,
        criteria,
        reg,
        may_register,
        level_choices: set
            .definition
            .levels
            .iter()
            .map(|l| (l.code.clone(), pick(lang, &l.name_vi, &l.name_en)))
            .collect(),
    };
    page.render(StatusCode::OK, &tpl)
}

#[derive(Deserialize)]
pub struct RegisterForm {
    level: String,
    year: i64,
    #[serde(default)]
    on: String,
}

fn day_or_today(s: &str) -> AppResult<NaiveDate> {
    crate::http::extract::OnQuery {
        on: Some(s.to_owned()),
    }
    .day()
}

pub async fn register(
    page: Page,
    Path(code): Path<String>,
    CsrfForm(form): CsrfForm<RegisterForm>,
) -> AppResult<Response> {
    page.require_user()?;
    let day = day_or_today(&form.on)?;
    let back = format!("/units/{code}/recognition?year={}&on={day}", form.year);
    let input = RegisterInput {
        level: form.level,
        year: form.year,
        on: Some(day),
    };
    match registrations::register(&page.ctx, &page.actor, &code, &input, today()).await {
        Ok(r) => {
            let msg = format!("{} #{}", words::texts(page.lang).register, r.row.id);
            Ok(page.redirect(&back, "ok", &msg))
        }
        Err(e) => back_with(page, &back, e),
    }
}

#[derive(Deserialize)]
pub struct StepForm {
    action: String,
    #[serde(default)]
    note: String,
    #[serde(default)]
    on: String,
    version: i64,
}

pub async fn step(
    page: Page,
    Path(id): Path<i64>,
    CsrfForm(form): CsrfForm<StepForm>,
) -> AppResult<Response> {
    page.require_user()?;
    let day = day_or_today(&form.on)?;
    let reg = registrations::get(&page.ctx, &page.actor, id, day).await?;
    let back = format!(
        "/units/{}/recognition?year={}&on={day}",
        reg.unit.code, reg.row.year
    );
    let input = StepInput {
        action: form.action,
        note: form.note,
        on: Some(day),
        version: Some(form.version),
    };
    match registrations::step(&page.ctx, &page.actor, id, &input, today()).await {
        Ok(r) => {
            let lang = page.lang;
            let status = Status::parse(&r.row.status).unwrap_or(Status::Registered);
            let msg = words::status(lang, status).to_owned();
            Ok(page.redirect(&back, "ok", &msg))
        }
        Err(e) => back_with(page, &back, e),
    }
}

/// The self-assessment form: `v_<criterion>` values, `n_<criterion>`
/// notes, `e_<criterion>` evidence links.
pub async fn self_assessment(
    page: Page,
    Path(id): Path<i64>,
    CsrfForm(form): CsrfForm<HashMap<String, String>>,
) -> AppResult<Response> {
    page.require_user()?;
    let day = day_or_today(form.get("on").map(String::as_str).unwrap_or(""))?;
    let reg = registrations::get(&page.ctx, &page.actor, id, day).await?;
    let back = format!(
        "/units/{}/recognition?year={}&on={day}",
        reg.unit.code, reg.row.year
    );
    let mut values = Vec::new();
    let mut keys: Vec<&String> = form.keys().filter(|k| k.starts_with("v_")).collect();
    keys.sort();
    for k in keys {
        let raw = form[k].trim();
        if raw.is_empty() {
            continue;
        }
        let code = &k[2..];
        let value = match raw.replace(',', ".").parse::<f64>() {
            Ok(v) => v,
            Err(_) => {
                let e =
                    AppError::invalid(format!("values.{code}"), format!("'{raw}' is not a number"));
                return back_with(page, &back, e);
            }
        };
        values.push(ValueInput {
            criterion: code.to_owned(),
            value,
            note: form.get(&format!("n_{code}")).cloned().unwrap_or_default(),
            evidence: form
                .get(&format!("e_{code}"))
                .cloned()
                .filter(|s| !s.trim().is_empty()),
        });
    }
    match criteria::enter_values(
        &page.ctx,
        &page.actor,
        reg.row.set_id,
        &reg.unit.code,
        day,
        Stage::OwnAssessment,
        &values,
    )
    .await
    {
        Ok(n) => {
            let msg = format!("{}: {n}", words::texts(page.lang).save_values);
            Ok(page.redirect(&back, "ok", &msg))
        }
        Err(e) => back_with(page, &back, e),
    }
}

/// Attach an evidence file (multipart; the CSRF token is a field).
pub async fn upload(
    page: Page,
    Path(id): Path<i64>,
    jar: CookieJar,
    mp: Result<Multipart, MultipartRejection>,
) -> AppResult<Response> {
    page.require_user()?;
    let mut sent = String::new();
    let mut criterion = None;
    let read = crate::http::api::read_upload(mp, page.ctx.config().max_upload_bytes, |k, v| {
        if k == CSRF_FIELD {
            sent = v;
        } else if k == "criterion" && !v.trim().is_empty() {
            criterion = Some(v.trim().to_owned());
        }
    })
    .await;
    if !csrf_matches(&jar, &sent) {
        return Err(AppError::Csrf(
            "this form has expired or lacks its security token; reload the page and try again"
                .into(),
        ));
    }
    let reg = registrations::get(&page.ctx, &page.actor, id, today()).await?;
    let back = format!("/units/{}/recognition?year={}", reg.unit.code, reg.row.year);
    let (name, bytes) = match read {
        Ok(x) => x,
        Err(e) => return back_with(page, &back, e),
    };
    match registrations::upload(
        &page.ctx,
        &page.actor,
        id,
        criterion.as_deref(),
        &name,
        &bytes,
    )
    .await
    {
        Ok(f) => {
            let msg = format!("{}: {}", words::texts(page.lang).attach, f.file_name);
            Ok(page.redirect(&back, "ok", &msg))
        }
        Err(e) => back_with(page, &back, e),
    }
}

pub fn upload_post() -> axum::routing::MethodRouter<crate::service::Ctx> {
    axum::routing::post(upload).layer(axum::extract::DefaultBodyLimit::disable())
}

pub async fn download(page: Page, Path((id, file)): Path<(i64, i64)>) -> AppResult<Response> {
    page.require_user()?;
    let (row, bytes) = registrations::download(&page.ctx, &page.actor, id, file).await?;
    Ok(crate::http::api::file_response(
        &row.content_type,
        &row.file_name,
        bytes,
    ))
}

pub struct CardLine {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub level: String,
    pub since: NaiveDate,
    pub due: String,
    pub overdue: bool,
    pub waiting_on: String,
    pub note: String,
}

pub struct Column {
    pub code: String,
    pub name: String,
    pub cards: Vec<CardLine>,
}

#[derive(Template)]
#[template(path = "pages/criteria/board.html")]
struct BoardPage {
    base: Base,
    w: &'static CriteriaTexts,
    code: String,
    unit_name: String,
    day: NaiveDate,
    year: i64,
    total: usize,
    communes: u32,
    bar: u32,
    levels: Vec<(String, usize)>,
    columns: Vec<Column>,
}

#[derive(Deserialize)]
pub struct BoardQuery {
    year: Option<i64>,
    on: Option<String>,
    #[serde(default)]
    format: String,
}

/// The registration pipeline of the communes below a unit, as a board.
pub async fn board(
    page: Page,
    Path(code): Path<String>,
    Query(q): Query<BoardQuery>,
) -> AppResult<Response> {
    let yq = YearQuery {
        year: q.year,
        on: q.on.clone(),
    };
    let (day, year) = (yq.day()?, yq.year()?);
    let b = registrations::board(&page.ctx, &page.actor, &code, year, day).await?;
    let lang = page.lang;
    if !q.format.is_empty() {
        let header: Vec<String> = [
            "id",
            "code",
            "commune",
            "level",
            "status",
            "since",
            "due",
            "overdue",
            "waiting_on",
            "note",
        ]
        .map(String::from)
        .to_vec();
        let rows: Vec<Vec<String>> = b
            .cards
            .iter()
            .map(|c| {
                vec![
                    c.id.to_string(),
                    c.unit.code.clone(),
                    c.unit.full_name.clone(),
                    c.level.clone(),
                    c.status.as_str().into(),
                    c.since.to_string(),
                    c.due_on.map(|d| d.to_string()).unwrap_or_default(),
                    c.overdue.to_string(),
                    words::party(Lang::En, c.waiting_on).into(),
                    c.last_note.clone(),
                ]
            })
            .collect();
        return table_response(
            &format!("tinhso-registrations-{code}-{year}"),
            &q.format,
            &header,
            &rows,
        );
    }
    let w = words::texts(lang);
    let columns = Status::ALL
        .iter()
        .map(|s| Column {
            code: s.as_str().into(),
            name: words::status(lang, *s).into(),
            cards: b
                .cards
                .iter()
                .filter(|c| c.status == *s)
                .map(|c| CardLine {
                    id: c.id,
                    code: c.unit.code.clone(),
                    name: c.unit.full_name.clone(),
                    level: c.level_name_vi.clone(),
                    since: c.since,
                    due: c.due_on.map(|d| d.to_string()).unwrap_or_default(),
                    overdue: c.overdue,
                    waiting_on: words::party(lang, c.waiting_on).into(),
                    note: c.last_note.clone(),
                })
                .collect(),
        })
        .collect();
    let total = b.cards.len();
    let tpl = BoardPage {
        base: page.base(format!("{} – {}", w.registrations, b.unit.full_name)),
        w,
        code: b.unit.code.clone(),
        unit_name: b.unit.full_name.clone(),
        day,
        year,
        total,
        communes: b.communes,
        bar: pct(total as f64, f64::from(b.communes)),
        levels: b
            .by_level
            .into_iter()
            .map(|(code, n)| {
                let name = b
                    .cards
                    .iter()
                    .find(|c| c.level == code)
                    .map(|c| c.level_name_vi.clone())
                    .unwrap_or(code);
                (name, n)
            })
            .collect(),
        columns,
    };
    page.render(StatusCode::OK, &tpl)
}

pub struct SetLine {
    pub id: i64,
    pub code: String,
    pub year: i64,
    pub kind: String,
    pub name: String,
    pub unit: String,
    pub criteria: usize,
    pub version: i64,
}

#[derive(Template)]
#[template(path = "pages/criteria/sets.html")]
struct SetsPage {
    base: Base,
    w: &'static CriteriaTexts,
    sets: Vec<SetLine>,
}

pub async fn sets(page: Page) -> AppResult<Response> {
    let lang = page.lang;
    let w = words::texts(lang);
    let sets = criteria::list_sets(&page.ctx)
        .await?
        .into_iter()
        .map(|s| SetLine {
            id: s.row.id,
            code: s.row.code.clone(),
            year: s.row.year,
            kind: s.row.kind.clone(),
            name: pick(lang, &s.row.name_vi, &s.row.name_en),
            unit: s.unit_name.clone(),
            criteria: s.definition.criteria.len(),
            version: s.row.version,
        })
        .collect();
    let tpl = SetsPage {
        base: page.base(w.criteria_sets),
        w,
        sets,
    };
    page.render(StatusCode::OK, &tpl)
}

pub struct DefLine {
    pub code: String,
    pub group: String,
    pub name_vi: String,
    pub name_en: String,
    pub max: String,
    pub rule: String,
    pub source: String,
    pub agency: String,
    pub pass: String,
}

pub struct LevelDefLine {
    pub code: String,
    pub name_vi: String,
    pub name_en: String,
    pub extended_min_pct: String,
    pub min_points: String,
    pub requires: String,
}

#[derive(Template)]
#[template(path = "pages/criteria/set.html")]
struct SetPage {
    base: Base,
    w: &'static CriteriaTexts,
    id: i64,
    name: String,
    code: String,
    year: i64,
    kind: String,
    version: i64,
    unit: String,
    groups: Vec<(String, String)>,
    criteria: Vec<DefLine>,
    levels: Vec<LevelDefLine>,
    may_edit: bool,
}

fn rule_of(c: &CriterionDef) -> String {
    match &c.scoring {
        Scoring::YesNo => "yes_no".into(),
        Scoring::Steps { steps } => steps
            .iter()
            .map(|s| format!("{}:{}", num(s.at), num(s.points)))
            .collect::<Vec<_>>()
            .join(", "),
        Scoring::Ratio { of } => format!("ratio ÷ {of}"),
    }
}

/// A criteria set, with the editor for its province officers.
pub async fn set(page: Page, Path(id): Path<i64>) -> AppResult<Response> {
    let s = criteria::get_set(&page.ctx, id).await?;
    let lang = page.lang;
    let w = words::texts(lang);
    let may_edit = criteria::may_edit_set(&page.ctx, &page.actor, &s);
    let tpl = SetPage {
        base: page.base(format!("{} – {}", w.criteria_sets, s.row.name_vi)),
        w,
        id,
        name: pick(lang, &s.row.name_vi, &s.row.name_en),
        code: s.row.code.clone(),
        year: s.row.year,
        kind: s.row.kind.clone(),
        version: s.row.version,
        unit: s.unit_name.clone(),
        groups: s
            .definition
            .groups
            .iter()
            .map(|g| (g.code.clone(), pick(lang, &g.name_vi, &g.name_en)))
            .collect(),
        criteria: s
            .definition
            .criteria
            .iter()
            .map(|c| DefLine {
                code: c.code.clone(),
                group: c.group.clone(),
                name_vi: c.name_vi.clone(),
                name_en: c.name_en.clone(),
                max: num(c.max_points),
                rule: rule_of(c),
                source: c.source.clone().unwrap_or_default(),
                agency: c.agency.clone(),
                pass: c.pass_points.map(num).unwrap_or_default(),
            })
            .collect(),
        levels: s
            .definition
            .levels
            .iter()
            .map(|l| LevelDefLine {
                code: l.code.clone(),
                name_vi: l.name_vi.clone(),
                name_en: l.name_en.clone(),
                extended_min_pct: num(l.extended_min_pct),
                min_points: l.min_points.map(num).unwrap_or_default(),
                requires: l.requires.join(", "),
            })
            .collect(),
        may_edit,
    };
    page.render(StatusCode::OK, &tpl)
}

#[derive(Deserialize)]
pub struct CriterionForm {
    version: i64,
    code: String,
    group: String,
    name_vi: String,
    #[serde(default)]
    name_en: String,
    max_points: String,
    /// yes_no, steps or ratio
    scoring: String,
    #[serde(default)]
    steps: String,
    #[serde(default)]
    ratio_of: String,
    #[serde(default)]
    source: String,
    #[serde(default)]
    pass_points: String,
    #[serde(default)]
    agency: String,
}

fn number(field: &str, s: &str) -> AppResult<f64> {
    s.trim()
        .replace(',', ".")
        .parse::<f64>()
        .map_err(|_| AppError::invalid(field, format!("'{}' is not a number", s.trim())))
}

/// "50:5, 70:8" → steps.
fn parse_steps(s: &str) -> AppResult<Vec<Step>> {
    s.split([',', ';'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .enumerate()
        .map(|(i, p)| {
            let (at, points) = p.split_once(':').ok_or_else(|| {
                AppError::invalid(
                    format!("steps[{i}]"),
                    format!("'{p}' is not threshold:points"),
                )
            })?;
            Ok(Step {
                at: number(&format!("steps[{i}].at"), at)?,
                points: number(&format!("steps[{i}].points"), points)?,
            })
        })
        .collect()
}

fn criterion_of(form: &CriterionForm) -> AppResult<CriterionDef> {
    let scoring = match form.scoring.as_str() {
        "yes_no" => Scoring::YesNo,
        "steps" => Scoring::Steps {
            steps: parse_steps(&form.steps)?,
        },
        "ratio" => Scoring::Ratio {
            of: form.ratio_of.trim().to_owned(),
        },
        other => {
            return Err(AppError::invalid(
                "scoring",
                format!("must be yes_no, steps or ratio, got '{other}'"),
            ));
        }
    };
    Ok(CriterionDef {
        code: form.code.trim().to_owned(),
        group: form.group.trim().to_owned(),
        name_vi: form.name_vi.trim().to_owned(),
        name_en: form.name_en.trim().to_owned(),
        max_points: number("max_points", &form.max_points)?,
        source: Some(form.source.trim().to_owned()).filter(|s| !s.is_empty()),
        scoring,
        direction: Direction::HigherIsBetter,
        pass_points: match form.pass_points.trim() {
            "" => None,
            p => Some(number("pass_points", p)?),
        },
        agency: form.agency.trim().to_owned(),
    })
}

async fn save_definition(
    page: Page,
    s: &SetView,
    version: i64,
    def: AppResult<SetDef>,
) -> AppResult<Response> {
    let back = format!("/criteria-sets/{}", s.row.id);
    let def = match def {
        Ok(d) => d,
        Err(e) => return back_with(page, &back, e),
    };
    let input = SetUpdate {
        version,
        name_vi: None,
        name_en: None,
        definition: def,
    };
    match criteria::update_set(&page.ctx, &page.actor, s.row.id, &input).await {
        Ok(v) => {
            let msg = format!("{} {}", words::texts(page.lang).version, v.row.version);
            Ok(page.redirect(&back, "ok", &msg))
        }
        Err(e) => back_with(page, &back, e),
    }
}

/// Add a criterion, or replace the one with the same code.
pub async fn put_criterion(
    page: Page,
    Path(id): Path<i64>,
    CsrfForm(form): CsrfForm<CriterionForm>,
) -> AppResult<Response> {
    page.require_user()?;
    let s = criteria::get_set(&page.ctx, id).await?;
    let def = criterion_of(&form).map(|c| {
        let mut def = s.definition.clone();
        match def.criteria.iter_mut().find(|x| x.code == c.code) {
            Some(x) => *x = c,
            None => def.criteria.push(c),
        }
        def
    });
    save_definition(page, &s, form.version, def).await
}

#[derive(Deserialize)]
pub struct RemoveForm {
    version: i64,
}

pub async fn remove_criterion(
    page: Page,
    Path((id, code)): Path<(i64, String)>,
    CsrfForm(form): CsrfForm<RemoveForm>,
) -> AppResult<Response> {
    page.require_user()?;
    let s = criteria::get_set(&page.ctx, id).await?;
    let mut def = s.definition.clone();
    def.criteria.retain(|c| c.code != code);
    save_definition(page, &s, form.version, Ok(def)).await
}

#[derive(Deserialize)]
pub struct LevelForm {
    version: i64,
    code: String,
    name_vi: String,
    #[serde(default)]
    name_en: String,
    extended_min_pct: String,
    #[serde(default)]
    min_points: String,
    #[serde(default)]
    requires: String,
}

/// Add a recognition level, or replace the one with the same code.
pub async fn put_level(
    page: Page,
    Path(id): Path<i64>,
    CsrfForm(form): CsrfForm<LevelForm>,
) -> AppResult<Response> {
    page.require_user()?;
    let s = criteria::get_set(&page.ctx, id).await?;
    let level = (|| -> AppResult<LevelDef> {
        Ok(LevelDef {
            code: form.code.trim().to_owned(),
            name_vi: form.name_vi.trim().to_owned(),
            name_en: form.name_en.trim().to_owned(),
            extended_min_pct: number("extended_min_pct", &form.extended_min_pct)?,
            min_points: match form.min_points.trim() {
                "" => None,
                p => Some(number("min_points", p)?),
            },
            requires: form
                .requires
                .split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect(),
        })
    })();
    let def = level.map(|l| {
        let mut def = s.definition.clone();
        match def.levels.iter_mut().find(|x| x.code == l.code) {
            Some(x) => *x = l,
            None => def.levels.push(l),
        }
        def
    });
    save_definition(page, &s, form.version, def).await
}

pub struct PillarLine {
    pub name: String,
    pub section: String,
    pub points: String,
    pub max: String,
    pub bar: u32,
}

pub struct ResultLine {
    pub year: i64,
    pub rank: i64,
    pub of: i64,
    pub published: NaiveDate,
    pub source: String,
}

pub struct TargetLine {
    pub year: i64,
    pub rank: i64,
    pub note: String,
    pub met: Option<bool>,
}

#[derive(Template)]
#[template(path = "pages/criteria/index.html")]
struct IndexPage {
    base: Base,
    w: &'static CriteriaTexts,
    code: String,
    unit_name: String,
    day: NaiveDate,
    year: i64,
    has_set: bool,
    points: String,
    max_points: String,
    sections: Vec<(String, String, String)>,
    pillars: Vec<PillarLine>,
    criteria: Vec<CriterionLine>,
    results: Vec<ResultLine>,
    targets: Vec<TargetLine>,
    chart: String,
}

/// Ranks over the years as an SVG line (rank 1 at the top).
fn rank_chart(results: &[ResultLine], targets: &[TargetLine]) -> String {
    if results.is_empty() {
        return String::new();
    }
    let (w, h, pad) = (360.0, 160.0, 56.0);
    let of = results.iter().map(|r| r.of).max().unwrap_or(63) as f64;
    let first = results.first().map(|r| r.year).unwrap_or(0);
    let last = targets
        .iter()
        .map(|t| t.year)
        .chain(results.iter().map(|r| r.year))
        .max()
        .unwrap_or(first);
    let span = (last - first).max(1) as f64;
    let x = |y: i64| pad + (w - 2.0 * pad) * (y - first) as f64 / span;
    let y = |rank: f64| pad + (h - 2.0 * pad) * (rank - 1.0) / (of - 1.0).max(1.0);
    let mut svg = format!(
        "<svg class=\"trend rank\" viewBox=\"0 0 {w} {h}\" role=\"img\" aria-label=\"DTI\">"
    );
    svg.push_str(&format!(
        "<line class=\"grid\" x1=\"{pad}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/>",
        y(1.0),
        w - pad,
        y(1.0)
    ));
    svg.push_str(&format!(
        "<line class=\"grid\" x1=\"{pad}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/>",
        y(of),
        w - pad,
        y(of)
    ));
    svg.push_str(&format!(
        "<text class=\"ylab\" x=\"{}\" y=\"{}\">1</text><text class=\"ylab\" x=\"{}\" y=\"{}\">{of}</text>",
        pad - 4.0,
        y(1.0),
        pad - 4.0,
        y(of)
    ));
    for t in targets {
        svg.push_str(&format!(
            "<line class=\"target\" x1=\"{pad}\" y1=\"{0}\" x2=\"{1}\" y2=\"{0}\" stroke-dasharray=\"4 3\"/><text class=\"xlab\" x=\"{1}\" y=\"{2}\">≤ {3} ({4})</text>",
            y(t.rank as f64),
            x(t.year),
            y(t.rank as f64) - 4.0,
            t.rank,
            t.year
        ));
    }
    let points: Vec<String> = results
        .iter()
        .map(|r| format!("{:.1},{:.1}", x(r.year), y(r.rank as f64)))
        .collect();
    svg.push_str(&format!(
        "<polyline class=\"line\" points=\"{}\"/>",
        points.join(" ")
    ));
    for r in results {
        svg.push_str(&format!(
            "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"3.5\" class=\"dot\"/><text class=\"xlab\" x=\"{:.1}\" y=\"{:.1}\">{}/{} ({})</text>",
            x(r.year),
            y(r.rank as f64),
            x(r.year),
            y(r.rank as f64) + 16.0,
            r.rank,
            r.of,
            r.year
        ));
    }
    svg.push_str("</svg>");
    svg
}

/// The province's index: computed score by pillar, official ranks, targets.
pub async fn index_page(
    page: Page,
    Path(code): Path<String>,
    Query(q): Query<YearQuery>,
) -> AppResult<Response> {
    let day = q.day()?;
    let year = q.year()?;
    let v = index::index(&page.ctx, &page.actor, &code, year, day).await?;
    let lang = page.lang;
    let w = words::texts(lang);
    let results: Vec<ResultLine> = v
        .results
        .iter()
        .map(|r| ResultLine {
            year: r.year,
            rank: r.rank,
            of: r.ranked_of,
            published: r.published_on,
            source: r.source.clone(),
        })
        .collect();
    let targets: Vec<TargetLine> = v
        .targets
        .iter()
        .map(|t| TargetLine {
            year: t.row.year,
            rank: t.row.rank,
            note: t.row.note.clone(),
            met: t.met,
        })
        .collect();
    let chart = rank_chart(&results, &targets);
    let (mut sections, mut pillars, mut crit) = (Vec::new(), Vec::new(), Vec::new());
    let (mut points, mut max_points) = (String::new(), String::new());
    if let Some(ex) = &v.computed {
        points = num(ex.points);
        max_points = num(ex.max_points);
        let mut order: Vec<String> = Vec::new();
        let mut sums: HashMap<String, (f64, f64)> = HashMap::new();
        for g in &ex.groups {
            let sec = g.section.clone().unwrap_or_default();
            if !order.contains(&sec) {
                order.push(sec.clone());
            }
            let e = sums.entry(sec.clone()).or_default();
            e.0 += g.points;
            e.1 += g.max_points;
            pillars.push(PillarLine {
                name: pick(lang, &g.name_vi, &g.name_en),
                section: sec,
                points: num(g.points),
                max: num(g.max_points),
                bar: pct(g.points, g.max_points),
            });
        }
        for s in order {
            let (p, m) = sums[&s];
            sections.push((s, num(p), num(m)));
        }
        crit = lines(lang, ex).1;
    }
    let tpl = IndexPage {
        base: page.base(format!("{} – {}", w.index, v.unit.full_name)),
        w,
        code: v.unit.code.clone(),
        unit_name: v.unit.full_name.clone(),
        day,
        year,
        has_set: v.computed.is_some(),
        points,
        max_points,
        sections,
        pillars,
        criteria: crit,
        results,
        targets,
        chart,
    };
    page.render(StatusCode::OK, &tpl)
}
