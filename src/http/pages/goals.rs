//! The goals board of a unit (`/units/{code}/goals`): progress achieved of
//! total on a day, overdue goals marked, grouped and filterable by owner,
//! each goal's status history with its evidence, and for officers the
//! forms to add a goal (`POST /units/{code}/goals`) and to mark a goal's
//! status with evidence (`POST /goals/{id}/status`); CSV/XLSX export. The
//! models registry is in `models`. The rules are the service's: a refused
//! form comes back to the board with the service's reason, the field named
//! by its label (`refuse`).

use askama::Template;
use axum::extract::Path;
use axum::extract::multipart::{Multipart, MultipartRejection};
use axum::http::StatusCode;
use axum::response::Response;
use axum_extra::extract::CookieJar;
use chrono::NaiveDate;
use serde::Deserialize;

use super::dashboard::{ExportQuery, table_response};
use super::programme_texts::{self as words, ProgrammeTexts};
use super::refused::Refused;
use super::{Base, Page, local_path};
use crate::domain::period::Period;
use crate::domain::programme::GoalState;
use crate::domain::unit::parse_day;
use crate::error::{AppError, AppResult};
use crate::http::extract::{CsrfForm, OnQuery, Query, expected_csrf};
use crate::i18n::Lang;
use crate::service::goals::{self, Board, GoalInput, GoalView, LinkView, StatusInput};

#[derive(Deserialize)]
pub struct BoardQuery {
    on: Option<String>,
    #[serde(default)]
    owner: String,
    #[serde(default)]
    state: String,
}

pub struct HistoryLine {
    pub day: NaiveDate,
    pub status: &'static str,
    pub status_key: &'static str,
    pub by: String,
    pub note: String,
    pub files: Vec<(i64, String)>,
    pub links: Vec<String>,
}

pub struct GoalLine {
    pub id: i64,
    pub code: String,
    pub text: String,
    pub deadline: NaiveDate,
    pub state: &'static str,
    pub state_key: &'static str,
    pub synthetic: bool,
    /// "Tỷ lệ xã, thôn có tổ CNS cộng đồng ≥ 95,5% (hiện đạt 100%)", for
    /// linked goals.
    pub link: String,
    pub history: Vec<HistoryLine>,
}

pub struct OwnerGroup {
    pub owner: String,
    pub achieved: usize,
    pub total: usize,
    pub goals: Vec<GoalLine>,
}

#[derive(Template)]
#[template(path = "pages/goals/board.html")]
struct BoardPage {
    base: Base,
    w: &'static ProgrammeTexts,
    day: NaiveDate,
    unit_code: String,
    unit_name: String,
    total: usize,
    achieved: usize,
    overdue: usize,
    owners: Vec<String>,
    owner: String,
    state: String,
    states: Vec<(&'static str, &'static str)>,
    groups: Vec<OwnerGroup>,
    can_mark: bool,
    back: String,
    max_mib: usize,
    /// The new-goal form's default plan period: the day's year.
    period: String,
    /// A refused new goal (form `goal-new`), shown again as typed.
    refused: Refused,
}

fn num(lang: Lang, v: f64) -> String {
    super::format::num(lang, v, 2)
}

fn sign(l: &LinkView) -> &'static str {
    match l.direction {
        crate::domain::metric::Direction::HigherIsBetter => "≥",
        crate::domain::metric::Direction::LowerIsBetter => "≤",
    }
}

/// The name of a goal's linked figure; its key if nothing is called so.
fn link_name(lang: Lang, l: &LinkView) -> String {
    l.name
        .as_ref()
        .map_or_else(|| l.key.clone(), |n| n.render(lang))
}

/// "Tỷ lệ … ≥ 95,5% (hiện đạt 100%)": a linked goal's figure by name,
/// its threshold and direction, and its value on the day shown.
fn link_words(lang: Lang, l: &LinkView) -> String {
    let sign = sign(l);
    let show = |v: f64| {
        let n = num(lang, v);
        if crate::service::names::is_pct(&l.key) {
            format!("{n}%")
        } else {
            n
        }
    };
    let name = link_name(lang, l);
    let now = l
        .value
        .map(show)
        .unwrap_or_else(|| super::format::NONE.into());
    format!(
        "{name} {sign} {} ({} {now})",
        show(l.threshold),
        words::texts(lang).link_now
    )
}

fn line(lang: Lang, g: &GoalView) -> GoalLine {
    let link = g
        .link
        .as_ref()
        .map(|l| link_words(lang, l))
        .unwrap_or_default();
    GoalLine {
        id: g.id,
        code: g.code.clone(),
        text: if lang == Lang::En && !g.text_en.is_empty() {
            g.text_en.clone()
        } else {
            g.text_vi.clone()
        },
        deadline: g.deadline,
        state: words::goal_state(lang, g.state),
        state_key: g.state.as_str(),
        synthetic: g.synthetic,
        link,
        history: g
            .history
            .iter()
            .map(|s| {
                let ev = g.evidence.iter().filter(|e| e.status_id == Some(s.id));
                HistoryLine {
                    day: s.on_date,
                    status: words::goal_status(lang, s.status),
                    status_key: s.status.as_str(),
                    by: s.by_name.clone(),
                    note: s.note.clone(),
                    files: ev
                        .clone()
                        .filter(|e| e.kind == "file")
                        .map(|e| (e.id, e.file_name.clone().unwrap_or_default()))
                        .collect(),
                    links: ev.filter_map(|e| e.url.clone()).collect(),
                }
            })
            .collect(),
    }
}

/// Can the asker mark the goals of the board's unit?
fn can_mark(page: &Page, board: &Board) -> bool {
    let h = page.ctx.hierarchy();
    h.find_id(board.unit.id, board.on)
        .is_some_and(|n| page.actor.scope.can_manage(&h, &n))
}

/// The goals board. Public: it holds no personal data.
pub async fn board(
    page: Page,
    Path(code): Path<String>,
    Query(q): Query<BoardQuery>,
) -> AppResult<Response> {
    board_page(page, &code, q, StatusCode::OK, Refused::default()).await
}

async fn board_page(
    page: Page,
    code: &str,
    q: BoardQuery,
    status: StatusCode,
    refused: Refused,
) -> AppResult<Response> {
    let day = OnQuery { on: q.on }.day(&page.ctx)?;
    let b = goals::board(&page.ctx, &page.actor, code, day).await?;
    let w = words::texts(page.lang);
    let mut owners: Vec<String> = b.goals.iter().map(|g| g.owner.clone()).collect();
    owners.sort();
    owners.dedup();
    let mut groups: Vec<OwnerGroup> = Vec::new();
    for g in &b.goals {
        if !q.owner.is_empty() && g.owner != q.owner {
            continue;
        }
        if !q.state.is_empty() && g.state.as_str() != q.state {
            continue;
        }
        let i = match groups.iter().position(|x| x.owner == g.owner) {
            Some(i) => i,
            None => {
                groups.push(OwnerGroup {
                    owner: g.owner.clone(),
                    achieved: 0,
                    total: 0,
                    goals: Vec::new(),
                });
                groups.len() - 1
            }
        };
        let grp = &mut groups[i];
        grp.total += 1;
        grp.achieved += usize::from(g.achieved);
        grp.goals.push(line(page.lang, g));
    }
    groups.sort_by(|a, b| a.owner.cmp(&b.owner));
    let states = [GoalState::Achieved, GoalState::Open, GoalState::Overdue]
        .into_iter()
        .map(|s| (s.as_str(), words::goal_state(page.lang, s)))
        .collect();
    let tpl = BoardPage {
        base: page
            .base(format!("{} – {}", w.goals_title, b.unit.full_name))
            .about(Some(&b.unit.full_name), day),
        w,
        day,
        unit_code: b.unit.code.clone(),
        unit_name: b.unit.full_name.clone(),
        total: b.total,
        achieved: b.achieved,
        overdue: b.overdue,
        owners,
        owner: q.owner,
        state: q.state,
        states,
        groups,
        can_mark: can_mark(&page, &b),
        back: format!("/units/{}/goals?on={day}", b.unit.code),
        max_mib: crate::service::party::files::max_upload(&page.ctx) >> 20,
        period: day.format("%Y").to_string(),
        refused,
    };
    page.render(status, &tpl)
}

/// Mark a goal's status from the board: a multipart form (status, day,
/// note, link, file) whose CSRF token is checked before anything is kept.
pub async fn mark(
    page: Page,
    Path(id): Path<i64>,
    jar: CookieJar,
    mp: Result<Multipart, MultipartRejection>,
) -> AppResult<Response> {
    page.require_user()?;
    let csrf = crate::http::upload::Csrf::Field(expected_csrf(&jar));
    let form = crate::http::upload::read(&page.ctx, mp, csrf).await?;
    let file = form.optional_file().await?;
    let back = local_path(Some(&form.get("back")));
    let input = StatusInput {
        status: form.get("status"),
        on: form.get("on"),
        note: form.get("note"),
        evidence_url: Some(form.get("evidence_url")),
        evidence_ids: Vec::new(),
    };
    let upload = file
        .as_ref()
        .map(|(name, bytes)| goals::Upload { name, bytes });
    match goals::mark(&page.ctx, &page.actor, id, &input, upload).await {
        Ok(_) => {
            let msg = words::texts(page.lang).status_saved;
            Ok(page.redirect(&back, "ok", msg))
        }
        Err(e) => {
            // The board it came from, with the form open and as typed (a
            // file must be chosen again: a browser never fills one in).
            let typed = ["status", "on", "note", "evidence_url"].map(|k| (k, form.get(k)));
            let refused = Refused::of(page.lang, &format!("mark-{id}"), &e, typed);
            let board = back
                .strip_prefix("/units/")
                .and_then(|rest| rest.split_once("/goals"))
                .map(|(code, query)| {
                    let on = query
                        .trim_start_matches('?')
                        .split('&')
                        .find_map(|p| p.strip_prefix("on="))
                        .map(str::to_owned);
                    (code.to_owned(), on)
                });
            match (board, refused) {
                (Some((code, on)), Some(refused)) => {
                    let q = BoardQuery {
                        on,
                        owner: String::new(),
                        state: String::new(),
                    };
                    let status = StatusCode::UNPROCESSABLE_ENTITY;
                    board_page(page, &code, q, status, refused).await
                }
                _ => refuse(page, &back, e),
            }
        }
    }
}

/// Errors an officer can fix go back to the board as a message naming the
/// field as the form labels it (`Hạn (deadline): must be on or after ...`),
/// among them a code typed in a field that names nothing (`unit: no unit
/// has code ...`); others (forbidden, a missing goal or model, internal)
/// become an error page.
pub(super) fn refuse(page: Page, back: &str, e: AppError) -> AppResult<Response> {
    let fixable = match &e {
        AppError::Invalid { .. }
        | AppError::Conflict(_)
        | AppError::UnsupportedMediaType(_)
        | AppError::PayloadTooLarge(_) => true,
        AppError::NotFound(m) => labelled(page.lang, &m.to_string()).is_some(),
        _ => false,
    };
    if !fixable {
        return Err(e);
    }
    let msg = match &e {
        AppError::Invalid { field, message } => words::field_label(page.lang, field)
            .map(|label| format!("{label} ({field}): {}", message.render(page.lang))),
        AppError::NotFound(m) | AppError::Conflict(m) => labelled(page.lang, &m.render(page.lang)),
        _ => None,
    }
    .unwrap_or_else(|| e.message(page.lang));
    Ok(page.redirect(back, "error", &msg))
}

/// "deadline: reason" → "Hạn (deadline): reason", for the fields the
/// programme forms show; `None` when the message names no such field.
fn labelled(lang: Lang, msg: &str) -> Option<String> {
    let (key, reason) = msg.split_once(": ")?;
    let label = words::field_label(lang, key)?;
    Some(format!("{label} ({key}): {reason}"))
}

/// A number typed in a form, with a decimal comma or point.
pub(super) fn number(field: &str, raw: &str) -> AppResult<f64> {
    raw.trim().replace(',', ".").parse::<f64>().map_err(|_| {
        let msg = crate::i18n::messages::Msg::new("value.not_a_number").arg("value", raw.trim());
        AppError::invalid(field, msg)
    })
}

/// The day a board should be shown on after a write dated `on`: the board's
/// own day if the write is visible then, else the write's day.
pub(super) fn day_after(board_day: &str, on: NaiveDate) -> NaiveDate {
    match parse_day("on", board_day.trim()) {
        Ok(d) if d >= on => d,
        _ => on,
    }
}

/// The new-goal form. Every field defaults to empty so that the service,
/// not the form reader, says what is missing.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct GoalForm {
    /// The board's day, to come back to.
    board_day: String,
    period: String,
    code: String,
    text_vi: String,
    text_en: String,
    owner: String,
    deadline: String,
    /// `manual`, or `figure` for a goal judged by a figure.
    judged: String,
    link_key: String,
    threshold: String,
    direction: String,
}

impl GoalForm {
    /// What was typed, by field name, to show again.
    fn typed(&self) -> [(&'static str, String); 10] {
        [
            ("period", self.period.clone()),
            ("code", self.code.clone()),
            ("text_vi", self.text_vi.clone()),
            ("text_en", self.text_en.clone()),
            ("owner", self.owner.clone()),
            ("deadline", self.deadline.clone()),
            ("judged", self.judged.clone()),
            ("link_key", self.link_key.clone()),
            ("threshold", self.threshold.clone()),
            ("direction", self.direction.clone()),
        ]
    }

    fn input(&self) -> AppResult<GoalInput> {
        let linked = self.judged != "manual";
        let threshold = match self.threshold.trim() {
            t if !linked || t.is_empty() => None,
            t => Some(number("threshold", t)?),
        };
        Ok(GoalInput {
            period: self.period.clone(),
            code: self.code.clone(),
            text_vi: self.text_vi.clone(),
            text_en: self.text_en.clone(),
            owner: self.owner.clone(),
            link_key: linked.then(|| self.link_key.clone()),
            threshold,
            direction: linked.then(|| self.direction.clone()),
            deadline: self.deadline.clone(),
            synthetic: false,
        })
    }
}

/// Add a goal to the unit's programme from the board; back to the board
/// on a day of the goal's plan period, at the new goal.
pub async fn create(
    page: Page,
    Path(code): Path<String>,
    CsrfForm(form): CsrfForm<GoalForm>,
) -> AppResult<Response> {
    page.require_user()?;
    let created = match form.input() {
        Ok(input) => goals::create(&page.ctx, &page.actor, &code, &input).await,
        Err(e) => Err(e),
    };
    match created {
        Ok(g) => {
            let day = match g.period.parse::<Period>() {
                Ok(p) => match parse_day("on", form.board_day.trim()) {
                    Ok(d) if (p.start()..=p.end()).contains(&d) => d,
                    _ => page.ctx.today().clamp(p.start(), p.end()),
                },
                Err(_) => page.ctx.today(),
            };
            let to = format!("/units/{code}/goals?on={day}#goal-{}", g.code);
            let msg = format!("{}: {}", words::texts(page.lang).goal_created, g.code);
            Ok(page.redirect(&to, "ok", &msg))
        }
        // The board again, the form open and as typed, the reason beside
        // the field it is about.
        Err(e) => match Refused::of(page.lang, "goal-new", &e, form.typed()) {
            Some(refused) => {
                let q = BoardQuery {
                    on: Some(form.board_day.clone()).filter(|d| !d.trim().is_empty()),
                    owner: String::new(),
                    state: String::new(),
                };
                let status = StatusCode::UNPROCESSABLE_ENTITY;
                board_page(page, &code, q, status, refused).await
            }
            None => Err(e),
        },
    }
}

/// The mark route: the file's size is limited as it is read.
pub fn mark_post() -> axum::routing::MethodRouter<crate::service::Ctx> {
    axum::routing::post(mark).layer(axum::extract::DefaultBodyLimit::disable())
}

/// An evidence file, for signed-in users who may read the goal's unit.
pub async fn download(page: Page, Path((id, file)): Path<(i64, i64)>) -> AppResult<Response> {
    page.require_user()?;
    let (row, bytes) = goals::download(&page.ctx, &page.actor, id, file).await?;
    Ok(crate::http::api::evidence_response(&row, bytes))
}

/// The board as CSV or XLSX.
pub async fn export(
    page: Page,
    Path(code): Path<String>,
    Query(q): Query<ExportQuery>,
) -> AppResult<Response> {
    let day = OnQuery { on: q.on }.day(&page.ctx)?;
    let b = goals::board(&page.ctx, &page.actor, &code, day).await?;
    let lang = page.lang;
    let day_of = |d: NaiveDate| super::format::day(lang, d);
    let yes_no = |b: bool| super::export_words::yes_no(lang, b);
    let header: Vec<String> = match lang {
        Lang::Vi => [
            "Mã mục tiêu",
            "Mục tiêu",
            "Đơn vị chủ trì",
            "Hạn",
            "Chỉ số liên kết",
            "Ngưỡng",
            "Giá trị",
            "Tình trạng",
            "Đạt",
            "Cập nhật gần nhất",
            "Ngày cập nhật",
            "Dữ liệu mô phỏng",
        ],
        Lang::En => [
            "Goal code",
            "Goal",
            "Owner",
            "Deadline",
            "Linked figure",
            "Threshold",
            "Value",
            "State",
            "Achieved",
            "Last status",
            "Last status on",
            "Synthetic",
        ],
    }
    .iter()
    .map(|s| s.to_string())
    .collect();
    let rows: Vec<Vec<String>> = b
        .goals
        .iter()
        .map(|g| {
            let last = g.history.iter().rfind(|s| s.on_date <= day);
            vec![
                g.code.clone(),
                if lang == Lang::Vi || g.text_en.is_empty() {
                    g.text_vi.clone()
                } else {
                    g.text_en.clone()
                },
                g.owner.clone(),
                day_of(g.deadline),
                g.link
                    .as_ref()
                    .map(|l| match crate::service::names::is_pct(&l.key) {
                        true => format!("{} (%)", link_name(lang, l)),
                        false => link_name(lang, l),
                    })
                    .unwrap_or_default(),
                // Numbers stay plain so a spreadsheet can use them.
                g.link
                    .as_ref()
                    .map(|l| format!("{} {}", sign(l), super::format::plain(l.threshold, 2)))
                    .unwrap_or_default(),
                g.link
                    .as_ref()
                    .and_then(|l| l.value)
                    .map(|v| super::format::plain(v, 2))
                    .unwrap_or_default(),
                words::goal_state(lang, g.state).to_owned(),
                yes_no(g.achieved),
                last.map(|s| words::goal_status(lang, s.status).to_owned())
                    .unwrap_or_default(),
                last.map(|s| day_of(s.on_date)).unwrap_or_default(),
                yes_no(g.synthetic),
            ]
        })
        .collect();
    table_response(
        &format!("tinhso-goals-{}-{day}", b.unit.code),
        &q.format,
        &header,
        &rows,
    )
}
