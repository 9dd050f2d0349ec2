//! Field pages for a phone: a village's households a page at a time,
//! filtered to those not yet helped with one kind, with the walk from one
//! household to the next; one household with a button per kind of help on
//! a day of help; the team member's start page.

use crate::i18n::messages::Msg;
use askama::Template;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use serde::Deserialize;

use super::field_texts::{self, FieldTexts};
use super::{Base, Page, format};
use crate::domain::metric::Adoption;
use crate::domain::unit::parse_day;
use crate::error::{AppError, AppResult};
use crate::http::extract::{CsrfForm, OnQuery, Query};
use crate::i18n::Lang;
use crate::service::field_list::{self, Filter, HelpRefused};
use crate::service::households::{self, HouseholdView};
use crate::service::{teams, units};

/// The list's state, carried through every link and form of the walk so
/// that a member comes back where they were: the kind not yet helped with,
/// the search, the page and the day of help (as typed; read at the post).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Walking {
    #[serde(default)]
    lacking: String,
    #[serde(default)]
    q: String,
    #[serde(default)]
    page: String,
    #[serde(default)]
    day: String,
}

impl Walking {
    fn filter(&self, keep: Option<i64>) -> AppResult<Filter> {
        Ok(Filter {
            lacking: match self.lacking.as_str() {
                "" => None,
                k => Some(Adoption::parse(k).map_err(|_| {
                    AppError::invalid("lacking", Msg::new("fieldwork.no_kind").arg("value", k))
                })?),
            },
            q: self.q.clone(),
            keep,
        })
    }

    fn page_no(&self) -> usize {
        self.page.trim().parse().unwrap_or(1)
    }

    /// `?lacking=..&q=..` with the non-empty fields and `extra`, or "".
    fn query(&self, extra: &[(&str, String)]) -> String {
        let pairs: Vec<(&str, &str)> = [
            ("lacking", self.lacking.as_str()),
            ("q", self.q.as_str()),
            ("page", self.page.as_str()),
            ("day", self.day.as_str()),
        ]
        .into_iter()
        .chain(extra.iter().map(|(k, v)| (*k, v.as_str())))
        .filter(|(_, v)| !v.is_empty())
        .collect();
        match serde_urlencoded::to_string(pairs) {
            Ok(q) if !q.is_empty() => format!("?{q}"),
            _ => String::new(),
        }
    }

    fn at_page(&self, page: usize) -> Walking {
        Walking {
            page: if page > 1 {
                page.to_string()
            } else {
                String::new()
            },
            ..self.clone()
        }
    }

    /// The link to the list, at the household's row.
    fn list_url(&self, village: &str, id: i64, keep: bool) -> String {
        let extra = if keep {
            vec![("keep", id.to_string())]
        } else {
            Vec::new()
        };
        format!("/units/{village}/households{}#h-{id}", self.query(&extra))
    }
}

/// A phone number as a `tel:` link wants it: digits and a leading `+`.
fn tel(phone: &str) -> String {
    phone
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '+')
        .collect()
}

fn kind_name(lang: Lang, k: Adoption) -> &'static str {
    if lang == Lang::Vi {
        k.name_vi()
    } else {
        k.name_en()
    }
}

pub struct HouseholdRow {
    pub id: i64,
    pub code: String,
    pub head: String,
    pub adopted: usize,
    pub zalo: bool,
    /// The phone for a `tel:` link; only for roles that see personal data.
    pub tel: Option<String>,
    /// Has the kind the list is filtered on (the household just helped).
    pub done: bool,
}

#[derive(Template)]
#[template(path = "pages/field/households.html")]
struct ListPage {
    base: Base,
    f: &'static FieldTexts,
    day: NaiveDate,
    village_code: String,
    village_name: String,
    walking: Walking,
    /// (key, name) of every kind of help, for the filter.
    kinds: Vec<(&'static str, &'static str)>,
    list: field_list::ListPage,
    rows: Vec<HouseholdRow>,
    /// Links of the rows (with the walk), of the previous and next pages.
    carry: String,
    previous: Option<String>,
    next: Option<String>,
    /// Rows get a "helped" button: a kind is chosen, the list is of today
    /// and the reader may record.
    tap: bool,
    help_day: String,
    team: Vec<(String, String)>,
}

#[derive(Deserialize)]
pub struct ListQuery {
    on: Option<String>,
    #[serde(default)]
    keep: String,
    #[serde(flatten)]
    walking: Walking,
}

fn kind_choices(lang: Lang) -> Vec<(&'static str, &'static str)> {
    Adoption::ALL
        .iter()
        .map(|k| (k.as_str(), kind_name(lang, *k)))
        .collect()
}

pub async fn households(
    page: Page,
    Path(code): Path<String>,
    Query(q): Query<ListQuery>,
) -> AppResult<Response> {
    page.require_user()?;
    let day = OnQuery { on: q.on.clone() }.day(&page.ctx)?;
    let unit = units::get(&page.ctx, &page.actor, &code, day)?;
    let filter = q.walking.filter(q.keep.parse().ok())?;
    let list = field_list::list(
        &page.ctx,
        &page.actor,
        &code,
        day,
        &filter,
        q.walking.page_no(),
    )
    .await?;
    let rows = list
        .rows
        .iter()
        .map(|h| HouseholdRow {
            id: h.id,
            zalo: h.adoptions.contains(&Adoption::ZaloGroup),
            adopted: h.adoptions.len(),
            head: h.head_name.clone().unwrap_or_default(),
            code: h.code.clone(),
            tel: h.phone.as_deref().filter(|_| !h.masked).map(tel),
            done: filter.lacking.is_some_and(|k| h.adoptions.contains(&k)),
        })
        .collect();
    let team = teams::teams_near(&page.ctx, &page.actor, &code, day)
        .await?
        .into_iter()
        .flat_map(|t| t.members.into_iter().map(|m| (m.full_name, m.role)))
        .collect();
    // Links keep the day read on only when it is not today.
    let on: Vec<(&str, String)> = q.on.iter().map(|o| ("on", o.clone())).collect();
    let walking = q.walking.at_page(list.page);
    let link = |p: usize| format!("/units/{code}/households{}", walking.at_page(p).query(&on));
    let today = page.ctx.today();
    let tpl = ListPage {
        base: page.base(unit.unit.full_name.clone()),
        f: field_texts::texts(page.lang),
        day,
        previous: (list.page > 1).then(|| link(list.page - 1)),
        next: (list.page < list.pages).then(|| link(list.page + 1)),
        carry: walking.query(&[]),
        tap: filter.lacking.is_some() && day == today && list.can_record,
        help_day: if walking.day.is_empty() {
            format::day(page.lang, today)
        } else {
            walking.day.clone()
        },
        village_code: code,
        village_name: unit.unit.full_name,
        kinds: kind_choices(page.lang),
        walking,
        list,
        rows,
        team,
    };
    page.render(StatusCode::OK, &tpl)
}

pub struct KindRow {
    pub key: &'static str,
    pub name: &'static str,
    pub done: bool,
}

#[derive(Template)]
#[template(path = "pages/field/household.html")]
struct HouseholdPage {
    base: Base,
    f: &'static FieldTexts,
    hh: HouseholdView,
    tel: Option<String>,
    kinds: Vec<KindRow>,
    can_record: bool,
    help_day: String,
    walking: Walking,
    /// The kind the walk is about, by name.
    lacking: Option<&'static str>,
    back: String,
    next: Option<(String, String)>,
}

fn kinds(lang: Lang, hh: &HouseholdView) -> Vec<KindRow> {
    Adoption::ALL
        .iter()
        .map(|k| KindRow {
            key: k.as_str(),
            name: kind_name(lang, *k),
            done: hh.adoptions.contains(k),
        })
        .collect()
}

pub async fn household(
    page: Page,
    Path(id): Path<i64>,
    Query(walking): Query<Walking>,
) -> AppResult<Response> {
    page.require_user()?;
    let today = page.ctx.today();
    let (hh, can_record) = households::get(&page.ctx, &page.actor, id, today).await?;
    let filter = walking.filter(None)?;
    let walk = field_list::walk(&page.ctx, &page.actor, &hh, today, &filter).await?;
    // Back to the page of the list the household is on (it may have moved
    // off the filtered list once helped: then the page it came from).
    let back_walk = match walk.page {
        Some(p) => walking.at_page(p),
        None => walking.clone(),
    };
    let next = walk
        .next
        .map(|(next, code)| (format!("/households/{next}{}", walking.query(&[])), code));
    let tpl = HouseholdPage {
        base: page.base(hh.code.clone()),
        f: field_texts::texts(page.lang),
        kinds: kinds(page.lang, &hh),
        tel: hh.phone.as_deref().filter(|_| !hh.masked).map(tel),
        back: back_walk.list_url(&hh.village_code, hh.id, false),
        lacking: filter.lacking.map(|k| kind_name(page.lang, k)),
        help_day: if walking.day.is_empty() {
            format::day(page.lang, today)
        } else {
            walking.day.clone()
        },
        next,
        walking,
        hh,
        can_record,
    };
    page.render(StatusCode::OK, &tpl)
}

#[derive(Deserialize)]
pub struct HelpForm {
    /// Record this kind of help ...
    #[serde(default)]
    kind: String,
    /// ... or take this kind back (a correction).
    #[serde(default)]
    undo: String,
    /// "list" when tapped on the list; else the household page.
    #[serde(default)]
    from: String,
    #[serde(flatten)]
    walking: Walking,
}

/// One tap: record that the household was helped with a kind on the day of
/// help (today unless back-dated), or take it back; then back to the list
/// row or the household page it came from.
pub async fn record(
    page: Page,
    Path(id): Path<i64>,
    CsrfForm(form): CsrfForm<HelpForm>,
) -> AppResult<Response> {
    page.require_user()?;
    let today = page.ctx.today();
    let (hh, _) = households::get(&page.ctx, &page.actor, id, today).await?;
    let (kind, undo) = match (form.kind.as_str(), form.undo.as_str()) {
        (k, "" | "1") if !k.is_empty() => (k, !form.undo.is_empty()),
        ("", k) => (k, true),
        _ => return Err(AppError::invalid("kind", Msg::new("fieldwork.one_kind"))),
    };
    let back = if form.from == "list" {
        form.walking.list_url(&hh.village_code, id, true)
    } else {
        format!("/households/{id}{}", form.walking.query(&[]))
    };
    let typed = form.walking.day.trim();
    let day = if typed.is_empty() {
        today
    } else {
        match parse_day("day", typed) {
            Ok(d) => d,
            Err(_) => {
                let msg = field_texts::day_unreadable(page.lang, typed);
                return Ok(page.redirect(&back, "error", &msg));
            }
        }
    };
    match field_list::record_help(&page.ctx, &page.actor, id, kind, day, undo).await {
        Ok(r) => {
            let msg = format!(
                "{} · {} · {}",
                page.t().saved,
                kind_name(page.lang, r.kind),
                format::day(page.lang, r.date)
            );
            Ok(page.redirect(&back, "ok", &msg))
        }
        Err(HelpRefused::Day(e)) => {
            let msg = field_texts::day_refused(page.lang, e);
            Ok(page.redirect(&back, "error", &msg))
        }
        Err(HelpRefused::Other(e @ (AppError::Invalid { .. } | AppError::Conflict(_)))) => {
            let msg = e.message(page.lang);
            Ok(page.redirect(&back, "error", &msg))
        }
        Err(HelpRefused::Other(e)) => Err(e),
    }
}

/// The team member's start: their village's households.
pub async fn start(page: Page) -> AppResult<Response> {
    page.require_user()?;
    let day = page.ctx.today();
    let points = units::starting_points(&page.ctx, &page.actor, day);
    let village = points
        .iter()
        .find(|p| p.unit.level == crate::domain::unit::Level::Village);
    Ok(match village {
        Some(v) => Redirect::to(&format!("/units/{}/households", v.unit.code)).into_response(),
        None => Redirect::to("/units").into_response(),
    })
}

/// The village's households as CSV or XLSX, masked as on the page.
pub async fn export(
    page: Page,
    Path(code): Path<String>,
    Query(q): Query<super::dashboard::ExportQuery>,
) -> AppResult<Response> {
    page.require_user()?;
    let day = OnQuery { on: q.on }.day(&page.ctx)?;
    let list = households::list(&page.ctx, &page.actor, &code, day).await?;
    let lang = page.lang;
    let mut header = super::export_words::household_columns(lang).to_vec();
    header.extend(
        Adoption::ALL
            .iter()
            .map(|k| super::export_words::adoption(lang, *k).to_owned()),
    );
    let rows: Vec<Vec<String>> = list
        .iter()
        .map(|h| {
            let mut r = vec![
                h.code.clone(),
                h.head_name.clone().unwrap_or_default(),
                h.phone.clone().unwrap_or_default(),
                h.size.map(|s| s.to_string()).unwrap_or_default(),
                super::export_words::poverty(lang, &h.poverty),
                super::format::day(lang, h.registered_on),
            ];
            r.extend(
                Adoption::ALL
                    .iter()
                    .map(|k| super::export_words::yes_no(lang, h.adoptions.contains(k))),
            );
            r
        })
        .collect();
    super::dashboard::table_response(
        &format!("tinhso-households-{code}-{day}"),
        &q.format,
        &header,
        &rows,
    )
}
