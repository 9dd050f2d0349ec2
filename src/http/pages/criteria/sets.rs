//! Criteria sets and the editor: a criterion or a level added or replaced,
//! a criterion removed; each save validates the whole set.

use super::*;
use crate::i18n::messages::Msg;

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
    /// What the source names, in words; the code only for editors.
    pub source_name: String,
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
    /// A refused `criterion` or `level` form, shown as it was typed.
    refused: Refused,
}

fn rule_of(w: &words::CriteriaTexts, c: &CriterionDef) -> String {
    match &c.scoring {
        Scoring::YesNo => w.scoring_yes_no.into(),
        Scoring::Steps { steps } => steps
            .iter()
            .map(|s| format!("{}:{}", num(s.at), num(s.points)))
            .collect::<Vec<_>>()
            .join(", "),
        Scoring::Ratio { of } => format!("{} ÷ {of}", w.scoring_ratio),
    }
}

/// A criteria set, with the editor for its province officers.
pub async fn set(page: Page, Path(id): Path<i64>) -> AppResult<Response> {
    let s = criteria::get_set(&page.ctx, id).await?;
    set_page(page, s, StatusCode::OK, Refused::default())
}

fn set_page(page: Page, s: SetView, status: StatusCode, refused: Refused) -> AppResult<Response> {
    let id = s.row.id;
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
                rule: rule_of(w, c),
                source: c.source.clone().unwrap_or_default(),
                source_name: c
                    .source
                    .as_deref()
                    .map(|k| {
                        crate::service::names::name_of(&page.ctx.figures(), k)
                            .map_or_else(|| k.to_owned(), |n| n.render(lang))
                    })
                    .unwrap_or_default(),
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
        refused,
    };
    page.render(status, &tpl)
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
    s.trim().replace(',', ".").parse::<f64>().map_err(|_| {
        AppError::invalid(field, Msg::new("value.not_a_number").arg("value", s.trim()))
    })
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
                    Msg::new("criteria.step_format").arg("value", p),
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
                Msg::new("criteria.kind_choice").arg("value", other),
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

/// Which form was sent, and what was typed in it: a refusal shows the
/// set again with that form as typed.
struct Sent {
    form: &'static str,
    typed: Vec<(&'static str, String)>,
}

/// The box of the criterion or level form that holds the field a
/// refusal names (`criteria[3].scoring.steps[0].points` → `steps`);
/// `None` for a rule about the set as a whole (a cycle, a group's cap).
fn form_field(path: &str) -> Option<&'static str> {
    let rest = path
        .strip_prefix("criteria[")
        .or_else(|| path.strip_prefix("levels["))
        .and_then(|r| r.split_once("]."))
        .map_or(path, |(_, r)| r);
    let head = rest.split(['.', '[']).next().unwrap_or(rest);
    Some(match (head, rest) {
        (_, r) if r.starts_with("scoring.steps") => "steps",
        (_, "scoring.of") => "ratio_of",
        ("steps", _) => "steps",
        ("code", _) => "code",
        ("group", _) => "group",
        ("name_vi", _) => "name_vi",
        ("name_en", _) => "name_en",
        ("max_points", _) => "max_points",
        ("scoring", _) => "scoring",
        ("source", _) => "source",
        ("pass_points", _) => "pass_points",
        ("agency", _) => "agency",
        ("extended_min_pct", _) => "extended_min_pct",
        ("min_points", _) => "min_points",
        ("requires", _) => "requires",
        _ => return None,
    })
}

/// The set again (422) with the sent form as typed and the reason beside
/// its box; a refusal that is not the person's to fix is an error page.
/// A button (no form name) goes back with the reason as a message.
fn refused(page: Page, s: SetView, sent: Sent, e: AppError) -> AppResult<Response> {
    if sent.form.is_empty() {
        return flash_back(page, &format!("/criteria-sets/{}", s.row.id), e);
    }
    match Refused::of(page.lang, sent.form, &e, sent.typed) {
        Some(r) => set_page(
            page,
            s,
            StatusCode::UNPROCESSABLE_ENTITY,
            r.on_field(form_field),
        ),
        None => Err(e),
    }
}

async fn save_definition(
    page: Page,
    s: SetView,
    version: i64,
    def: AppResult<SetDef>,
    sent: Sent,
) -> AppResult<Response> {
    let back = format!("/criteria-sets/{}", s.row.id);
    let def = match def {
        Ok(d) => d,
        Err(e) => return refused(page, s, sent, e),
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
        Err(e) => refused(page, s, sent, e),
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
    let sent = Sent {
        form: "criterion",
        typed: vec![
            ("code", form.code),
            ("group", form.group),
            ("name_vi", form.name_vi),
            ("name_en", form.name_en),
            ("max_points", form.max_points),
            ("scoring", form.scoring),
            ("steps", form.steps),
            ("ratio_of", form.ratio_of),
            ("source", form.source),
            ("pass_points", form.pass_points),
            ("agency", form.agency),
        ],
    };
    save_definition(page, s, form.version, def, sent).await
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
    // A button: nothing typed to keep, a refusal comes back as a message.
    let sent = Sent {
        form: "",
        typed: Vec::new(),
    };
    save_definition(page, s, form.version, Ok(def), sent).await
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
    let sent = Sent {
        form: "level",
        typed: vec![
            ("code", form.code),
            ("name_vi", form.name_vi),
            ("name_en", form.name_en),
            ("extended_min_pct", form.extended_min_pct),
            ("min_points", form.min_points),
            ("requires", form.requires),
        ],
    };
    save_definition(page, s, form.version, def, sent).await
}
