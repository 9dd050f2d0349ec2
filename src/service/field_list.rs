//! The field list as a team member walks it on a phone: a village's
//! households, optionally only those still lacking one kind of help, a page
//! at a time; the next household to visit; and help recorded from the field
//! page on a day inside the field's back-dating window. The ledger's rules
//! themselves are in `adoption`; the list and masking in `households`.

use crate::i18n::messages::Msg;
use chrono::NaiveDate;
use tracing::instrument;

use super::households::{self, AdoptionInput, HouseholdView, Recorded};
use super::{Actor, Ctx};
use crate::domain::fold::search_key;
use crate::domain::metric::Adoption;
use crate::error::AppError;
use crate::error::AppResult;

/// Households on one page of the field list: short enough for a phone.
pub const PAGE_SIZE: usize = 25;

/// How far back the field page may date help. A team member records help
/// in the days after a visit, not years later; older records (an import of
/// a commune's paper book, an officer's correction) go through the API,
/// whose contract allows any day since the household's registration.
pub const BACKDATE_DAYS: u64 = 31;

/// Which households of the village are listed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Only households without this kind of help on the day.
    pub lacking: Option<Adoption>,
    /// Words of the code or the head's name (diacritics folded).
    pub q: String,
    /// A household kept in the list although it no longer lacks the kind:
    /// the one just helped, so that the page keeps its place after a tap.
    pub keep: Option<i64>,
}

impl Filter {
    fn keeps(&self, needle: &str, h: &HouseholdView) -> bool {
        (self.keep == Some(h.id) || self.lacking.is_none_or(|k| !h.adoptions.contains(&k)))
            && (needle.is_empty()
                || search_key(&format!(
                    "{} {}",
                    h.code,
                    h.head_name.as_deref().unwrap_or_default()
                ))
                .contains(needle))
    }

    fn apply(&self, all: Vec<HouseholdView>) -> Vec<HouseholdView> {
        let needle = search_key(&self.q);
        all.into_iter().filter(|h| self.keeps(&needle, h)).collect()
    }
}

/// One page of a village's field list.
#[derive(Debug, Clone)]
pub struct ListPage {
    /// The households of this page, in list order (by code).
    pub rows: Vec<HouseholdView>,
    /// This page, from 1 (a page past the end shows the last one).
    pub page: usize,
    pub pages: usize,
    /// Position of the first and last row among the matching households,
    /// from 1; both 0 when nothing matches.
    pub first: usize,
    pub last: usize,
    /// Households matching the filter.
    pub matching: usize,
    /// Households of the village on the day.
    pub total: usize,
    /// Personal data is masked for this reader.
    pub masked: bool,
    /// The reader may record help in this village.
    pub can_record: bool,
}

/// One page (from 1) of the village's households that pass the filter.
#[instrument(skip(ctx, actor))]
pub async fn list(
    ctx: &Ctx,
    actor: &Actor,
    village: &str,
    day: NaiveDate,
    filter: &Filter,
    page: usize,
) -> AppResult<ListPage> {
    let all = households::list(ctx, actor, village, day).await?;
    let can_record = {
        let h = ctx.hierarchy();
        let node = super::units::find(&h, actor, village, day)?;
        actor.scope.can_record(&h, &node)
    };
    let total = all.len();
    let masked = all.first().is_some_and(|h| h.masked);
    let matching = filter.apply(all);
    Ok(ListPage {
        can_record,
        ..paged(matching, page, total, masked)
    })
}

fn paged(matching: Vec<HouseholdView>, page: usize, total: usize, masked: bool) -> ListPage {
    let n = matching.len();
    let pages = n.div_ceil(PAGE_SIZE).max(1);
    let page = page.clamp(1, pages);
    let skip = (page - 1) * PAGE_SIZE;
    let rows: Vec<HouseholdView> = matching.into_iter().skip(skip).take(PAGE_SIZE).collect();
    let (first, last) = if rows.is_empty() {
        (0, 0)
    } else {
        (skip + 1, skip + rows.len())
    };
    ListPage {
        rows,
        page,
        pages,
        first,
        last,
        matching: n,
        total,
        masked,
        can_record: false,
    }
}

/// The page (from 1) of the filtered list on which a household stands, so
/// that a link back to the list lands where the household is.
pub fn page_of(position: usize) -> usize {
    position / PAGE_SIZE + 1
}

/// Where a household stands in its village's list: its page under the
/// filter (if it passes it) and the next household after it that passes
/// the filter, for a team member walking from house to house.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Walk {
    pub page: Option<usize>,
    pub next: Option<(i64, String)>,
}

/// The household's place in the filtered list of its village on the day.
#[instrument(skip(ctx, actor, hh))]
pub async fn walk(
    ctx: &Ctx,
    actor: &Actor,
    hh: &HouseholdView,
    day: NaiveDate,
    filter: &Filter,
) -> AppResult<Walk> {
    let all = households::list(ctx, actor, &hh.village_code, day).await?;
    let needle = search_key(&filter.q);
    // The list is by code: those after this one, in order.
    let page = all
        .iter()
        .filter(|h| filter.keeps(&needle, h))
        .position(|h| h.id == hh.id)
        .map(page_of);
    let next = all
        .iter()
        .skip_while(|h| h.id != hh.id)
        .skip(1)
        .find(|h| filter.keeps(&needle, h))
        .map(|h| (h.id, h.code.clone()));
    Ok(Walk { page, next })
}

/// Why the field page refuses the day of help it was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum DayRefused {
    #[error("{day} is after today ({today})")]
    Future { day: NaiveDate, today: NaiveDate },
    #[error(
        "{day} is more than {} days back; the earliest is {earliest}",
        BACKDATE_DAYS
    )]
    TooOld { day: NaiveDate, earliest: NaiveDate },
}

/// The earliest day the field page may date help on.
pub fn earliest(today: NaiveDate) -> NaiveDate {
    today
        .checked_sub_days(chrono::Days::new(BACKDATE_DAYS))
        .unwrap_or(NaiveDate::MIN)
}

/// Refuse a day after today or more than `BACKDATE_DAYS` before it.
pub fn check_day(today: NaiveDate, day: NaiveDate) -> Result<NaiveDate, DayRefused> {
    if day > today {
        Err(DayRefused::Future { day, today })
    } else if day < earliest(today) {
        Err(DayRefused::TooOld {
            day,
            earliest: earliest(today),
        })
    } else {
        Ok(day)
    }
}

impl From<DayRefused> for AppError {
    fn from(e: DayRefused) -> AppError {
        let msg = match e {
            DayRefused::Future { day, today } => Msg::new("fieldwork.day_future")
                .arg("day", day.format("%d/%m/%Y"))
                .arg("today", today.format("%d/%m/%Y")),
            DayRefused::TooOld { day, earliest } => Msg::new("fieldwork.day_too_old")
                .arg("day", day.format("%d/%m/%Y"))
                .arg("days", BACKDATE_DAYS)
                .arg("earliest", earliest.format("%d/%m/%Y")),
        };
        AppError::invalid("date", msg)
    }
}

/// Help refused: for the day (which the page words itself), or by the
/// ledger's own rules.
#[derive(Debug, thiserror::Error)]
pub enum HelpRefused {
    #[error(transparent)]
    Day(#[from] DayRefused),
    #[error(transparent)]
    Other(#[from] AppError),
}

/// Record (or take back, `undo`) one kind of help given to a household on
/// a day inside the field window; the rest is the ledger's (`adoption`).
#[instrument(skip(ctx, actor))]
pub async fn record_help(
    ctx: &Ctx,
    actor: &Actor,
    household_id: i64,
    kind: &str,
    day: NaiveDate,
    undo: bool,
) -> Result<Recorded, HelpRefused> {
    let day = check_day(ctx.today(), day)?;
    let input = AdoptionInput {
        kind: kind.to_owned(),
        date: Some(day),
        member_id: None,
        note: String::new(),
        correction: undo,
    };
    Ok(households::record(ctx, actor, household_id, &input).await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn the_window_is_today_and_31_days_back() {
        let today = d("2026-11-30");
        assert_eq!(check_day(today, today), Ok(today));
        assert_eq!(check_day(today, d("2026-10-30")), Ok(d("2026-10-30")));
        assert_eq!(
            check_day(today, d("2026-10-29")),
            Err(DayRefused::TooOld {
                day: d("2026-10-29"),
                earliest: d("2026-10-30")
            })
        );
        assert!(matches!(
            check_day(today, d("2026-12-01")),
            Err(DayRefused::Future { .. })
        ));
        let e: AppError = check_day(today, d("2026-12-01")).unwrap_err().into();
        assert_eq!(e.field(), Some("date"));
    }

    fn hh(id: i64) -> HouseholdView {
        HouseholdView {
            id,
            code: format!("H{id:03}"),
            village_code: "1".into(),
            head_name: None,
            phone: None,
            masked: false,
            size: None,
            poverty: "none".into(),
            registered_on: d("2022-01-01"),
            synthetic: true,
            adoptions: if id % 2 == 0 {
                vec![Adoption::Vneid]
            } else {
                Vec::new()
            },
        }
    }

    #[test]
    fn pages_hold_25_and_a_page_past_the_end_shows_the_last() {
        let all: Vec<HouseholdView> = (1..=60).map(hh).collect();
        let p = paged(all.clone(), 2, 60, false);
        assert_eq!((p.first, p.last, p.pages, p.rows.len()), (26, 50, 3, 25));
        let p = paged(all.clone(), 9, 60, false);
        assert_eq!((p.page, p.first, p.last), (3, 51, 60));
        let p = paged(Vec::new(), 1, 60, false);
        assert_eq!((p.page, p.first, p.last, p.pages), (1, 0, 0, 1));
        let lacking = Filter {
            lacking: Some(Adoption::Vneid),
            ..Filter::default()
        }
        .apply(all);
        assert_eq!(lacking.len(), 30);
        assert!(lacking.iter().all(|h| h.id % 2 == 1));
        assert_eq!((page_of(0), page_of(24), page_of(25)), (1, 1, 2));
    }
}
