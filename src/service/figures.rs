//! Live figures: the counters and entered values held in memory, the
//! headline figures of a unit on a day, trends, indicators and traces.
//!
//! The cache is built from the database at start (`load`) and kept in step
//! by every ledger write after its commit (`apply`). Reads never touch the
//! database. See docs/ARCHITECTURE.md, "Live figures".

use chrono::NaiveDate;
use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use super::units::{UnitInfo, info_of};
use super::{Actor, Ctx};
use crate::domain::figures::{Counters, IdMap, Key};
use crate::domain::formula::Formula;
use crate::domain::hierarchy::{Hierarchy, Node};
use crate::domain::metric::{Adoption, HierAgg, Metric, TimeAgg};
use crate::domain::period::Period;
use crate::domain::unit::Level;
use crate::error::AppResult;
use crate::store::indicators::{self as istore, IndicatorRow, ValueRow};
use crate::store::ledger::{self, CounterDelta};

pub mod memo;
mod recount;
pub mod stored;
mod trend;

pub use recount::recount;
pub use trend::{Point, trend};

/// Figures are a pure type (`domain::figures`), re-exported for the areas.
pub use crate::domain::figures::{Figure, explain, headline_keys};

/// Everything the figures are computed from.
#[derive(Default)]
pub struct State {
    pub counters: Counters,
    /// Entered values by unit, sorted by metric and period start. A unit's
    /// values sit together in one small vector, so a pass over a subtree
    /// costs one lookup per unit whatever the number of metrics.
    values: IdMap<i64, Vec<Entered>>,
    metrics: Vec<(i64, Metric)>,
    indicators: Vec<(IndicatorRow, Formula)>,
    /// Headline figures already computed, until a write touches them.
    memo: Mutex<memo::Memo>,
    /// The figures read from the database, until the next commit.
    stored: Mutex<stored::StoredMemo>,
}

/// An entered value as the figures need it (the row's period parsed once).
#[derive(Debug, Clone, Copy)]
struct Entered {
    metric_id: i64,
    id: i64,
    version: i64,
    period_start: NaiveDate,
    period: Option<Period>,
    value: f64,
}

impl State {
    /// The memo of the figures read from the database (`service::headline`).
    pub(crate) fn stored(&self) -> &Mutex<stored::StoredMemo> {
        &self.stored
    }

    pub fn apply(&mut self, deltas: &[CounterDelta]) {
        let memo = self.memo.get_mut().expect("memo lock");
        for d in deltas {
            if let Ok(key) = Key::parse(&d.key) {
                self.counters.apply(d.unit_id, key, d.month, d.delta);
                memo.touch(d.unit_id);
            }
        }
    }

    pub fn put_value(&mut self, v: ValueRow) {
        self.memo.get_mut().expect("memo lock").touch(v.unit_id);
        let list = self.values.entry(v.unit_id).or_default();
        list.retain(|x| x.id != v.id);
        let key = (v.metric_id, v.period_start);
        let i = list.partition_point(|x| (x.metric_id, x.period_start) <= key);
        list.insert(
            i,
            Entered {
                metric_id: v.metric_id,
                id: v.id,
                version: v.version,
                period_start: v.period_start,
                period: v.period.parse().ok(),
                value: v.value,
            },
        );
    }

    /// The value entered for a metric, unit and period, if any, as
    /// (value, version).
    pub fn value_of(&self, metric_id: i64, unit_id: i64, period: &Period) -> Option<(f64, i64)> {
        self.values
            .get(&unit_id)?
            .iter()
            .find(|v| v.metric_id == metric_id && v.period.as_ref() == Some(period))
            .map(|v| (v.value, v.version))
    }

    /// The value entered for a metric, unit and period, if any, as (row
    /// id, value, version).
    pub fn entered(
        &self,
        metric_id: i64,
        unit_id: i64,
        period: &Period,
    ) -> Option<(i64, f64, i64)> {
        self.values
            .get(&unit_id)?
            .iter()
            .find(|v| v.metric_id == metric_id && v.period.as_ref() == Some(period))
            .map(|v| (v.id, v.value, v.version))
    }

    /// Every value entered for a unit: (metric id, period, value).
    pub fn values_at(&self, unit_id: i64) -> Vec<(i64, Period, f64)> {
        self.values.get(&unit_id).map_or_else(Vec::new, |list| {
            list.iter()
                .filter_map(|v| Some((v.metric_id, v.period?, v.value)))
                .collect()
        })
    }

    pub fn metric(&self, code: &str) -> Option<&(i64, Metric)> {
        self.metrics.iter().find(|(_, m)| m.code == code)
    }

    pub fn metrics(&self) -> &[(i64, Metric)] {
        &self.metrics
    }

    pub fn indicators(&self) -> &[(IndicatorRow, Formula)] {
        &self.indicators
    }
}

/// Re-read the definitions (metrics, indicators) only: they change rarely
/// and are small, unlike the counters.
pub async fn reload_definitions(ctx: &Ctx) -> AppResult<()> {
    let metrics = istore::metrics(ctx.db()).await?;
    let mut indicators = Vec::new();
    for row in istore::indicators(ctx.db()).await? {
        let f = Formula::parse(&row.formula)?;
        indicators.push((row, f));
    }
    ctx.update_figures(|s| {
        s.metrics = metrics;
        s.indicators = indicators;
        s.memo.get_mut().expect("memo lock").clear();
    });
    Ok(())
}

/// Read everything from the database into a fresh state.
impl State {
    /// The same records, with empty memos (`Ctx::open_like`).
    pub(crate) fn copy_unmemoised(&self) -> State {
        State {
            counters: self.counters.clone(),
            values: self.values.clone(),
            metrics: self.metrics.clone(),
            indicators: self.indicators.clone(),
            memo: Default::default(),
            stored: Default::default(),
        }
    }
}

pub async fn load(ctx: &Ctx) -> AppResult<State> {
    let mut state = State::default();
    state.apply(&ledger::all_counters(ctx.db()).await?);
    for v in istore::all_values(ctx.db()).await? {
        state.put_value(v);
    }
    state.metrics = istore::metrics(ctx.db()).await?;
    for row in istore::indicators(ctx.db()).await? {
        let f = Formula::parse(&row.formula)?;
        state.indicators.push((row, f));
    }
    Ok(state)
}

/// Headline figures of a unit on a day.
#[derive(Debug, Clone, Serialize)]
pub struct Headline {
    pub unit: UnitInfo,
    pub on: NaiveDate,
    /// Figures are kept per month: this is the last day they speak of.
    pub as_of: NaiveDate,
    pub figures: BTreeMap<String, Figure>,
}

const ORGS: [&str; 4] = ["women", "farmers", "veterans", "youth"];

fn month_of(day: NaiveDate) -> i32 {
    Period::month_index(day)
}

/// A unit's own value of a metric on a day, from its entered values of
/// that metric (sorted by period start): the latest (period start ≤ day)
/// for stocks, the sum over the day's month for flows; none when the unit
/// has no value of the metric.
fn own_value(list: &[Entered], m: &Metric, day: NaiveDate, month: &Period) -> Option<f64> {
    if list.is_empty() {
        return None;
    }
    match m.time_aggregation {
        TimeAgg::Last => {
            let i = list.partition_point(|v| v.period_start <= day);
            (i > 0).then(|| list[i - 1].value)
        }
        TimeAgg::Sum => Some(
            list.iter()
                .filter(|v| v.period.is_some_and(|p| month.covers(&p)))
                .map(|v| v.value)
                .sum(),
        ),
    }
}

/// Units' values folded as a metric's hierarchy aggregation says.
#[derive(Debug, Clone, Copy)]
struct Fold {
    n: usize,
    sum: f64,
    min: f64,
    max: f64,
}

impl Fold {
    const EMPTY: Fold = Fold {
        n: 0,
        sum: 0.0,
        min: f64::INFINITY,
        max: f64::NEG_INFINITY,
    };

    fn push(&mut self, v: f64) {
        self.n += 1;
        self.sum += v;
        self.min = self.min.min(v);
        self.max = self.max.max(v);
    }

    fn finish(self, agg: HierAgg) -> Option<f64> {
        (self.n > 0).then(|| match agg {
            HierAgg::Sum => self.sum,
            HierAgg::Average => self.sum / self.n as f64,
            HierAgg::Min => self.min,
            HierAgg::Max => self.max,
            HierAgg::Count => self.n as f64,
        })
    }
}

/// Several metrics' figures on a node and day, in one pass over the
/// subtree: each unit's own value, aggregated as each metric says.
pub fn metric_figures(
    state: &State,
    h: &Hierarchy,
    node: &Node<'_>,
    metrics: &[(i64, &Metric)],
    day: NaiveDate,
) -> Vec<Option<f64>> {
    let month = Period::containing(crate::domain::period::PeriodKind::Month, day);
    let mut folds = vec![Fold::EMPTY; metrics.len()];
    // Walk the metrics in id order beside each unit's entries (sorted the
    // same way): one merge per unit, no search.
    let mut order: Vec<usize> = (0..metrics.len()).collect();
    order.sort_by_key(|&j| metrics[j].0);
    for u in h.subtree(node) {
        if metrics.iter().all(|(_, m)| m.entry_level != u.level) {
            continue;
        }
        // A unit with no values of its own reads those of the versions it
        // continues (a village carried over a reorganisation).
        let Some(entries) = state.values.get(&u.id).or_else(|| {
            if h.predecessors(u.id).is_empty() {
                None
            } else {
                h.with_past(u.id)
                    .into_iter()
                    .find_map(|id| state.values.get(&id))
            }
        }) else {
            continue;
        };
        let (mut e, mut from) = (0, 0);
        for (n, &j) in order.iter().enumerate() {
            let (id, m) = metrics[j];
            // A metric asked for twice reads the same entries again.
            if n == 0 || metrics[order[n - 1]].0 != id {
                while e < entries.len() && entries[e].metric_id < id {
                    e += 1;
                }
                from = e;
                while e < entries.len() && entries[e].metric_id == id {
                    e += 1;
                }
            }
            if u.level == m.entry_level
                && let Some(v) = own_value(&entries[from..e], m, day, &month)
            {
                folds[j].push(v);
            }
        }
    }
    folds
        .into_iter()
        .zip(metrics)
        .map(|(f, (_, m))| f.finish(m.hierarchy_aggregation))
        .collect()
}

/// A metric's figure on a node and day: each unit's own value (last value
/// for stocks; sum over the day's month for flows), aggregated over the
/// subtree as the metric says.
pub fn metric_figure(
    state: &State,
    h: &Hierarchy,
    node: &Node<'_>,
    metric_id: i64,
    m: &Metric,
    day: NaiveDate,
) -> Option<f64> {
    metric_figures(state, h, node, &[(metric_id, m)], day)[0]
}

/// The base codes formulas can read, computed from the counters.
pub fn base_code(
    state: &State,
    h: &Hierarchy,
    node: &Node<'_>,
    code: &str,
    month: i32,
) -> Option<f64> {
    let c = &state.counters;
    let v = match code {
        "households" => c.sum(h, node, Key::Households, month, Some(Level::Village)),
        "team_members" => c.sum(h, node, Key::TeamMembers, month, None),
        "team_members_commune" => c.sum(h, node, Key::TeamMembers, month, Some(Level::Commune)),
        "team_members_village" => c.sum(h, node, Key::TeamMembers, month, Some(Level::Village)),
        "units_with_team" => {
            c.coverage(
                h,
                node,
                Key::Teams,
                month,
                &[Level::Commune, Level::Village],
            )
            .0
        }
        "units_commune_village" => {
            c.coverage(
                h,
                node,
                Key::Teams,
                month,
                &[Level::Commune, Level::Village],
            )
            .1
        }
        other => {
            let kind = Adoption::parse(other.strip_prefix("adopt_")?).ok()?;
            c.sum(h, node, Key::Adopted(kind), month, Some(Level::Village))
        }
    };
    Some(v as f64)
}

/// Evaluate any code (base counter, metric or indicator) on a node and day.
pub fn eval_code(
    state: &State,
    h: &Hierarchy,
    node: &Node<'_>,
    code: &str,
    day: NaiveDate,
    depth: u8,
) -> Option<f64> {
    if depth > 16 {
        return None;
    }
    if let Some(v) = base_code(state, h, node, code, month_of(day)) {
        return Some(v);
    }
    if let Some((id, m)) = state.metric(code) {
        return metric_figure(state, h, node, *id, m, day);
    }
    let (_, f) = state.indicators.iter().find(|(row, _)| row.code == code)?;
    f.eval(&mut |c| eval_code(state, h, node, c, day, depth + 1))
}

/// All headline figures of a node on a day.
pub fn figures_of(
    state: &State,
    h: &Hierarchy,
    node: &Node<'_>,
    day: NaiveDate,
) -> BTreeMap<String, Figure> {
    let mut f = BTreeMap::new();
    let counts = node.subtree_counts();
    f.insert(
        "units.districts".into(),
        Figure::count(counts.get(Level::District)),
    );
    f.insert(
        "units.communes".into(),
        Figure::count(counts.get(Level::Commune)),
    );
    f.insert(
        "units.villages".into(),
        Figure::count(counts.get(Level::Village)),
    );
    // One pass over the subtree gathers every counter.
    let r = state.counters.rollup(h, node, month_of(day));
    let (with, all) = r.coverage(Key::Teams, &[Level::Commune, Level::Village]);
    f.insert(
        "teams.coverage_pct".into(),
        Figure::pct(with as f64, all as f64),
    );
    f.insert(
        "teams.members".into(),
        Figure::count(r.sum(Key::TeamMembers, None) as f64),
    );
    f.insert(
        "teams.members_commune_level".into(),
        Figure::count(r.sum(Key::TeamMembers, Some(Level::Commune)) as f64),
    );
    f.insert(
        "teams.members_village_level".into(),
        Figure::count(r.sum(Key::TeamMembers, Some(Level::Village)) as f64),
    );
    let households = r.sum(Key::Households, Some(Level::Village)) as f64;
    f.insert("households.total".into(), Figure::count(households));
    for kind in Adoption::ALL {
        let n = r.sum(Key::Adopted(kind), Some(Level::Village)) as f64;
        f.insert(
            format!("households.{}_pct", kind.as_str()),
            Figure::pct(n, households),
        );
    }
    // The organisations' metrics (members, and members in the group chat),
    // all read in one pass.
    let mut pairs: Vec<(i64, &Metric)> = Vec::with_capacity(2 * ORGS.len());
    for org in ORGS {
        let total = state.metric(&format!("org_members_{org}"));
        let joined = state.metric(&format!("org_in_group_{org}"));
        if let (Some((tid, tm)), Some((jid, jm))) = (total, joined) {
            pairs.extend([(*tid, tm), (*jid, jm)]);
        }
    }
    let got = metric_figures(state, h, node, &pairs, day);
    let (mut members, mut in_groups) = (0.0, 0.0);
    for pair in got.chunks(2) {
        members += pair[0].unwrap_or(0.0);
        in_groups += pair[1].unwrap_or(0.0);
    }
    f.insert(
        "orgs.members_in_groups_pct".into(),
        Figure::pct(in_groups, members),
    );
    f
}

/// The last day the figures on `day` speak of: the end of its month, or
/// `day` itself when that is later than today (never beyond today).
pub fn as_of(day: NaiveDate, today: NaiveDate) -> NaiveDate {
    let end = Period::containing(crate::domain::period::PeriodKind::Month, day).end();
    end.min(today.max(day))
}

/// `figures_of`, from the memo when no write has touched the subtree
/// since it was computed (see `memo`).
pub fn figures_memo(
    state: &State,
    h: &Arc<Hierarchy>,
    node: &Node<'_>,
    day: NaiveDate,
) -> BTreeMap<String, Figure> {
    let id = node.unit.id;
    let kept = state.memo.lock().expect("memo lock").lookup(h, id, day);
    let f = kept.unwrap_or_else(|| {
        let f = Arc::new(figures_of(state, h, node, day));
        state
            .memo
            .lock()
            .expect("memo lock")
            .insert(h, id, day, f.clone());
        f
    });
    (*f).clone()
}

/// Headline figures of the unit with `code` on `day`. Aggregates are public.
pub fn headline(ctx: &Ctx, _actor: &Actor, code: &str, day: NaiveDate) -> AppResult<Headline> {
    let h = ctx.hierarchy();
    let node = super::units::find_open(&h, code, day)?;
    let state = ctx.figures();
    Ok(Headline {
        unit: info_of(&h, &node),
        on: day,
        as_of: as_of(day, ctx.today()),
        figures: figures_memo(&state, &h, &node, day),
    })
}

/// Headline figures of each child of the unit, for the children table.
pub fn children_figures(
    ctx: &Ctx,
    _actor: &Actor,
    code: &str,
    day: NaiveDate,
) -> AppResult<Vec<Headline>> {
    let h = ctx.hierarchy();
    let node = super::units::find_open(&h, code, day)?;
    let state = ctx.figures();
    let last = as_of(day, ctx.today());
    Ok(h.children(&node)
        .iter()
        .map(|c| Headline {
            unit: info_of(&h, c),
            on: day,
            as_of: last,
            figures: figures_memo(&state, &h, c, day),
        })
        .collect())
}

/// An indicator's value on a unit and day, with the inputs it read.
#[derive(Debug, Clone, Serialize)]
pub struct IndicatorValue {
    pub code: String,
    pub name_vi: String,
    pub name_en: String,
    pub formula: String,
    pub unit_label: String,
    pub value: Option<f64>,
    pub inputs: BTreeMap<String, Option<f64>>,
}

pub fn indicator_values(
    ctx: &Ctx,
    _actor: &Actor,
    code: &str,
    day: NaiveDate,
) -> AppResult<Vec<IndicatorValue>> {
    let h = ctx.hierarchy();
    let node = super::units::find_open(&h, code, day)?;
    let state = ctx.figures();
    Ok(state
        .indicators
        .iter()
        .map(|(row, f)| IndicatorValue {
            code: row.code.clone(),
            name_vi: row.name_vi.clone(),
            name_en: row.name_en.clone(),
            formula: row.formula.clone(),
            unit_label: row.unit_label.clone(),
            value: f
                .eval(&mut |c| eval_code(&state, &h, &node, c, day, 0))
                .map(|v| (v * 100.0).round() / 100.0),
            inputs: f
                .references()
                .into_iter()
                .map(|c| {
                    let v = eval_code(&state, &h, &node, &c, day, 0);
                    (c, v)
                })
                .collect(),
        })
        .collect())
}
