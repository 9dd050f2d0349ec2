//! A commune's recognition page and its forms: register, self-assessment,
//! evidence files, workflow steps.

use super::super::refused::Refused;
use super::*;
use crate::domain::registration::Actor as Party;
use crate::i18n::messages::Msg;

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
#[template(path = "pages/criteria/no_set.html")]
struct NoSetPage {
    base: Base,
    message: String,
    sets: &'static str,
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
    /// A refused self-assessment (form `self`) or step (`step-{action}`),
    /// shown again as typed.
    refused: Refused,
}

pub async fn recognition(
    page: Page,
    Path(code): Path<String>,
    Query(tq): Query<TableQuery>,
) -> AppResult<Response> {
    recognition_page(page, &code, tq, StatusCode::OK, Refused::default()).await
}

async fn recognition_page(
    page: Page,
    code: &str,
    tq: TableQuery,
    status: StatusCode,
    refused: Refused,
) -> AppResult<Response> {
    let code = code.to_owned();
    let q = tq.year_query();
    let day = q.day(&page.ctx)?;
    let mut year = q.year(&page.ctx)?;
    let mut ex = explain::commune(&page.ctx, &page.actor, &code, year, day).await;
    // No year asked for and no set issued for the date's year yet (a link
    // dated today, early in a year): the latest set of the years before.
    if tq.year.is_none() {
        for earlier in (year - 5..year).rev() {
            if !matches!(ex, Err(AppError::NotFound(_))) {
                break;
            }
            year = earlier;
            ex = explain::commune(&page.ctx, &page.actor, &code, year, day).await;
        }
    }
    let ex = match ex {
        // No set covers the commune that year (a date before the first
        // set): said on an ordinary page, for a link that leads here.
        Err(AppError::NotFound(m)) if tq.year.is_none() && tq.format.is_empty() => {
            let w = words::texts(page.lang);
            let tpl = NoSetPage {
                message: m.render(page.lang),
                sets: w.criteria_sets,
                base: page.base(w.recognition),
            };
            return page.render(StatusCode::OK, &tpl);
        }
        other => other?,
    };
    if !tq.format.is_empty() {
        let name = format!("tinhso-recognition-{}-{year}-{day}", ex.unit.code);
        return criteria_table(page.lang, &name, &tq.format, &ex);
    }
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
                super::super::format::day(lang, r.row.due_on)
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
                    actor: words::party(lang, Party::from_key(&s.actor)).into(),
                    note: s.note.clone(),
                    due: s
                        .due_on
                        .map(|d| super::super::format::day(lang, d))
                        .unwrap_or_default(),
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
            with_commune: status.waiting_on() == Some(crate::domain::registration::Actor::Commune)
                && registrations::may_register(&page.ctx, &page.actor, r.row.unit_id, day),
        }
    });
    let may_register = ex.registration.is_none()
        && page.actor.is_signed_in()
        && registrations::may_register(&page.ctx, &page.actor, ex.unit.id, day);
    let tpl = RecognitionPage {
        base: page
            .base(format!("{} – {}", w.recognition, ex.unit.full_name))
            .about(Some(&ex.unit.full_name), day),
        w,
        code: ex.unit.code.clone(),
        unit_name: ex.unit.full_name.clone(),
        day,
        year,
        set_name: pick(lang, &ex.set.name_vi, &ex.set.name_en),
        set_id: ex.set.id,
        points: shown(lang, ex.points),
        max_points: shown(lang, ex.max_points),
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
        refused,
    };
    page.render(status, &tpl)
}

#[derive(Deserialize)]
pub struct RegisterForm {
    level: String,
    year: i64,
    #[serde(default)]
    on: String,
}

fn day_or_today(ctx: &crate::service::Ctx, s: &str) -> AppResult<NaiveDate> {
    crate::http::extract::OnQuery {
        on: Some(s.to_owned()),
    }
    .day(ctx)
}

pub async fn register(
    page: Page,
    Path(code): Path<String>,
    CsrfForm(form): CsrfForm<RegisterForm>,
) -> AppResult<Response> {
    page.require_user()?;
    let day = day_or_today(&page.ctx, &form.on)?;
    let back = format!("/units/{code}/recognition?year={}&on={day}", form.year);
    let input = RegisterInput {
        level: form.level,
        year: form.year,
        on: Some(day),
    };
    match registrations::register(&page.ctx, &page.actor, &code, &input, page.ctx.today()).await {
        Ok(r) => {
            let msg = format!("{} #{}", words::texts(page.lang).register, r.row.id);
            Ok(page.redirect(&back, "ok", &msg))
        }
        Err(e) => flash_back(page, &back, e),
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
    let day = day_or_today(&page.ctx, &form.on)?;
    let reg = registrations::get(&page.ctx, &page.actor, id, day).await?;
    let back = format!(
        "/units/{}/recognition?year={}&on={day}",
        reg.unit.code, reg.row.year
    );
    let form_id = format!("step-{}", form.action);
    let typed = [("note", form.note.clone())];
    let input = StepInput {
        action: form.action,
        note: form.note,
        on: Some(day),
        version: Some(form.version),
    };
    match registrations::step(&page.ctx, &page.actor, id, &input, page.ctx.today()).await {
        Ok(r) => {
            let lang = page.lang;
            let status = Status::parse(&r.row.status).unwrap_or(Status::Registered);
            let msg = words::status(lang, status).to_owned();
            Ok(page.redirect(&back, "ok", &msg))
        }
        // The page again with the reasons as typed (a return's reasons
        // can be long), the refusal above them.
        Err(e) => match Refused::of(page.lang, &form_id, &e, typed) {
            Some(refused) => {
                let tq = TableQuery {
                    year: Some(reg.row.year),
                    on: Some(day.to_string()),
                    format: String::new(),
                };
                let status = StatusCode::UNPROCESSABLE_ENTITY;
                recognition_page(page, &reg.unit.code, tq, status, refused).await
            }
            None => Err(e),
        },
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
    let day = day_or_today(&page.ctx, form.get("on").map(String::as_str).unwrap_or(""))?;
    let reg = registrations::get(&page.ctx, &page.actor, id, day).await?;
    let back = format!(
        "/units/{}/recognition?year={}&on={day}",
        reg.unit.code, reg.row.year
    );
    let written = match assessed(&form) {
        Ok(values) => {
            criteria::enter_values(
                &page.ctx,
                &page.actor,
                reg.row.set_id,
                &reg.unit.code,
                day,
                Stage::OwnAssessment,
                &values,
            )
            .await
        }
        Err(e) => Err(e),
    };
    let e = match written {
        Ok(n) => {
            let msg = format!("{}: {n}", words::texts(page.lang).save_values);
            return Ok(page.redirect(&back, "ok", &msg));
        }
        Err(e) => e,
    };
    // The page again with every value, note and link as typed.
    let typed = form
        .iter()
        .filter(|(k, _)| ["v_", "n_", "e_"].iter().any(|p| k.starts_with(p)))
        .map(|(k, v)| (k.clone(), v.clone()));
    let Some(refused) = Refused::of(page.lang, "self", &e, typed) else {
        return Err(e);
    };
    let tq = TableQuery {
        year: Some(reg.row.year),
        on: Some(day.to_string()),
        format: String::new(),
    };
    let status = StatusCode::UNPROCESSABLE_ENTITY;
    recognition_page(page, &reg.unit.code, tq, status, refused).await
}

/// The values of a self-assessment form, by criterion; a value that is not
/// a number is refused naming its criterion.
fn assessed(form: &HashMap<String, String>) -> AppResult<Vec<ValueInput>> {
    let mut values = Vec::new();
    let mut keys: Vec<&String> = form.keys().filter(|k| k.starts_with("v_")).collect();
    keys.sort();
    for k in keys {
        let raw = form[k].trim();
        if raw.is_empty() {
            continue;
        }
        let code = &k[2..];
        let value = raw.replace(',', ".").parse::<f64>().map_err(|_| {
            AppError::invalid(
                format!("values.{code}"),
                Msg::new("value.not_a_number").arg("value", raw),
            )
        })?;
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
    Ok(values)
}

/// Attach an evidence file (multipart; the CSRF token is a field).
pub async fn upload(
    page: Page,
    Path(id): Path<i64>,
    jar: CookieJar,
    mp: Result<Multipart, MultipartRejection>,
) -> AppResult<Response> {
    page.require_user()?;
    let csrf = crate::http::upload::Csrf::Field(expected_csrf(&jar));
    let read = crate::http::upload::read(&page.ctx, mp, csrf).await;
    if let Err(e @ AppError::Csrf(_)) = read {
        return Err(e);
    }
    let reg = registrations::get(&page.ctx, &page.actor, id, page.ctx.today()).await?;
    let back = format!("/units/{}/recognition?year={}", reg.unit.code, reg.row.year);
    let file = match read {
        Ok(form) => form
            .required_file()
            .await
            .map(|(name, bytes)| (form.get("criterion"), name, bytes)),
        Err(e) => Err(e),
    };
    let (criterion, name, bytes) = match file {
        Ok(x) => x,
        Err(e) => return flash_back(page, &back, e),
    };
    let criterion = Some(criterion.trim()).filter(|c| !c.is_empty());
    match registrations::upload(&page.ctx, &page.actor, id, criterion, &name, &bytes).await {
        Ok(f) => {
            let msg = format!("{}: {}", words::texts(page.lang).attach, f.file_name);
            Ok(page.redirect(&back, "ok", &msg))
        }
        Err(e) => flash_back(page, &back, e),
    }
}

pub fn upload_post() -> axum::routing::MethodRouter<crate::service::Ctx> {
    crate::http::upload::post(upload)
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
