//! The registrations board of a unit and the registration headline figures.

use chrono::NaiveDate;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

use crate::domain::registration::{Actor as Party, Status};
use crate::domain::unit::Level;
use crate::error::AppResult;
use crate::service::criteria::{SetView, get_set};
use crate::service::figures::Figure;
use crate::service::units::{UnitInfo, info_of};
use crate::service::{Actor, Ctx};
use crate::store::criteria::{self as store, StepRow};

/// A card on the board: a registration as it stood on the day.
#[derive(Debug, Clone, Serialize)]
pub struct Card {
    pub id: i64,
    pub unit: UnitInfo,
    pub level: String,
    pub level_name_vi: String,
    pub status: Status,
    pub since: NaiveDate,
    pub due_on: Option<NaiveDate>,
    pub waiting_on: Option<Party>,
    pub overdue: bool,
    pub last_note: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Board {
    pub unit: UnitInfo,
    pub year: i64,
    pub on: NaiveDate,
    pub communes: u32,
    pub by_status: BTreeMap<&'static str, usize>,
    pub by_level: BTreeMap<String, usize>,
    pub cards: Vec<Card>,
}

/// Registrations of the communes below a unit for a year, each as it
/// stood on the day (steps after the day are not seen).
pub async fn board(
    ctx: &Ctx,
    _actor: &Actor,
    code: &str,
    year: i64,
    day: NaiveDate,
) -> AppResult<Board> {
    let rows = store::registrations_of_year(ctx.db(), year).await?;
    let steps = store::steps_of_year(ctx.db(), year).await?;
    let mut sets: HashMap<i64, SetView> = HashMap::new();
    for r in &rows {
        if let std::collections::hash_map::Entry::Vacant(e) = sets.entry(r.set_id) {
            e.insert(get_set(ctx, r.set_id).await?);
        }
    }
    let h = ctx.hierarchy();
    let node = crate::service::units::find_open(&h, code, day)?;
    let mut by_reg: HashMap<i64, Vec<&StepRow>> = HashMap::new();
    for s in &steps {
        by_reg.entry(s.registration_id).or_default().push(s);
    }
    let mut cards = Vec::new();
    for r in rows.iter().filter(|r| r.registered_on <= day) {
        let Some(unit) = h
            .live_forms(r.unit_id, day)
            .into_iter()
            .find(|u| node.contains(u))
        else {
            continue;
        };
        let Some(last) = by_reg
            .get(&r.id)
            .and_then(|s| s.iter().rev().find(|s| s.on_day <= day))
        else {
            continue;
        };
        let status = Status::parse(&last.status)?;
        let waiting_on = status.waiting_on();
        let level = sets
            .get(&r.set_id)
            .and_then(|s| s.definition.level(&r.level));
        cards.push(Card {
            id: r.id,
            unit: info_of(&h, &unit),
            level: r.level.clone(),
            level_name_vi: level.map(|l| l.name_vi.clone()).unwrap_or_default(),
            status,
            since: last.on_day,
            due_on: last.due_on,
            waiting_on,
            overdue: waiting_on.is_some() && last.due_on.is_some_and(|d| d < day),
            last_note: last.note.clone(),
        });
    }
    cards.sort_by(|a, b| a.unit.code.cmp(&b.unit.code));
    let mut by_status: BTreeMap<&'static str, usize> =
        Status::ALL.iter().map(|s| (s.as_str(), 0)).collect();
    let mut by_level: BTreeMap<String, usize> = BTreeMap::new();
    for c in &cards {
        *by_status.entry(c.status.as_str()).or_default() += 1;
        *by_level.entry(c.level.clone()).or_default() += 1;
    }
    Ok(Board {
        unit: info_of(&h, &node),
        year,
        on: day,
        communes: node.subtree_counts().get(Level::Commune)
            + u32::from(node.unit.level == Level::Commune),
        by_status,
        by_level,
        cards,
    })
}

/// `registrations.*` headline figures of a unit on a day: the day's year's
/// registrations made by that day in the unit's communes.
pub async fn headline_figures(
    ctx: &Ctx,
    unit_id: i64,
    day: NaiveDate,
) -> AppResult<Vec<(&'static str, Figure)>> {
    use chrono::Datelike;
    let rows = store::registrations_of_year(ctx.db(), i64::from(day.year())).await?;
    let h = ctx.hierarchy();
    let Some(node) = h.find_id(unit_id, day) else {
        return Ok(Vec::new());
    };
    let (mut total, mut cds, mut adv) = (0.0, 0.0, 0.0);
    for r in rows.iter().filter(|r| r.registered_on <= day) {
        if !h
            .live_forms(r.unit_id, day)
            .iter()
            .any(|u| node.contains(u))
        {
            continue;
        }
        total += 1.0;
        match r.level.as_str() {
            "cds" => cds += 1.0,
            "cds_advanced" => adv += 1.0,
            _ => {}
        }
    }
    let communes = f64::from(
        node.subtree_counts().get(Level::Commune) + u32::from(node.unit.level == Level::Commune),
    );
    // The share is given to one decimal, as officials quote it (41.6%).
    let pct = Figure {
        value: (communes > 0.0).then(|| (1000.0 * total / communes).round() / 10.0),
        numerator: Some(total),
        denominator: Some(communes),
    };
    Ok(vec![
        ("registrations.total", Figure::count(total)),
        ("registrations.cds", Figure::count(cds)),
        ("registrations.cds_advanced", Figure::count(adv)),
        ("registrations.pct", pct),
    ])
}
