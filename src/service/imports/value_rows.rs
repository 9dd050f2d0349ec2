//! What the registers of entered values share (`values`, the wide sheet;
//! `org_groups`, one row per organisation): a row's unit (found by its
//! code on the period's day, allowed by what it is today) and period, the
//! cells checked as the values page checks an entry and against the
//! validation rules, and the write of the values that change in one
//! transaction with the import's audit entry.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::layout::{Column, Kind};
use super::read::{At, Refusal};
use super::{Counts, Report, Source};
use crate::domain::hierarchy::unit_path;
use crate::domain::period::{Period, PeriodKind};
use crate::domain::unit::Level;
use crate::error::{AppError, AppResult};
use crate::i18n::messages::Msg;
use crate::io::sheet::{Cell, ColumnSpec};
use crate::service::units::find;
use crate::service::{Actor, Ctx};
use crate::store::indicators::{self as store, NewValue, RuleRow, ValueRow};

pub(super) const UNIT: ColumnSpec = ColumnSpec {
    key: "unit",
    names: &["Mã đơn vị", "Mã ĐVHC", "Mã xã", "Mã thôn", "Mã"],
    required: true,
};
pub(super) const UNIT_NAME: ColumnSpec = ColumnSpec {
    key: "unit_name",
    names: &["Tên đơn vị", "Đơn vị", "Tên xã", "Tên thôn"],
    required: false,
};
pub(super) const PERIOD: ColumnSpec = ColumnSpec {
    key: "period",
    names: &["Kỳ", "Kỳ báo cáo", "Thời kỳ", "Tháng"],
    required: true,
};

/// The first columns of a sheet of values: the unit's code and name, the
/// period.
pub(super) fn unit_columns() -> Vec<Column> {
    vec![
        Column::new(
            UNIT,
            Kind::Text,
            12.0,
            "Bắt buộc. Mã đơn vị hành chính (xã, thôn) của dòng, thuộc đơn vị nhập.",
        ),
        Column::new(
            UNIT_NAME,
            Kind::Text,
            26.0,
            "Tên đơn vị, để dễ đọc; hệ thống dùng mã.",
        ),
        Column::new(
            PERIOD,
            Kind::Text,
            10.0,
            "Bắt buộc. Kỳ của số liệu: tháng 2022-06 (hoặc 06/2022), quý 2022Q2, nửa năm 2022S1, năm 2022.",
        ),
    ]
}

/// The units whose values an export at `unit` writes: every unit under
/// it today the actor may read, with each of its versions (a unit
/// carried over a reorganisation keeps the values entered under its
/// earlier versions, written with the code it had then: the code the
/// import finds it by, on the day). (version id, code, full name).
pub(super) fn export_units(
    ctx: &Ctx,
    actor: &Actor,
    unit: &str,
) -> AppResult<Vec<(i64, String, String)>> {
    let h = ctx.hierarchy();
    let day = ctx.today();
    let top = find(&h, actor, unit, day)?;
    Ok(h.subtree(&top)
        .filter_map(|u| h.find(&u.code, day))
        .filter(|n| actor.scope.can_read(&h, n))
        .flat_map(|n| h.with_past(n.unit.id))
        .filter_map(|id| h.version(id))
        .map(|v| (v.id, v.code.to_string(), v.full_name.clone()))
        .collect())
}

/// A value the file enters: new, or a correction of the one entered.
pub(super) struct Planned {
    value: NewValue,
    /// The value entered now: its row id and version.
    old: Option<(i64, i64)>,
}

/// A period as a sheet writes it: `2022-06`, `06/2022`, `2022Q2`,
/// `2022S1`, `2022`, or a date cell (its month).
pub(super) fn period_of(at: &At<'_>) -> Result<Period, Refusal> {
    let bad = |value: String| {
        at.refuse(
            "period",
            "period",
            Msg::new("import.period").arg("value", value),
        )
    };
    let text = match at.cell("period") {
        Cell::Date(d) => {
            let d = d.date();
            return Ok(Period::containing(PeriodKind::Month, d));
        }
        Cell::Empty => return Err(at.refuse("period", "required", Msg::new("import.required"))),
        _ => at.text("period").unwrap_or_default(),
    };
    let t = text.trim().to_uppercase().replace(' ', "");
    let canonical = match t.split_once('/') {
        Some((m, y)) if m.len() <= 2 && y.len() == 4 => format!("{y}-{m:0>2}"),
        _ => t,
    };
    canonical.parse::<Period>().map_err(|_| bad(text))
}

/// The rows of a values file as they are read: the values to write, the
/// counts, the refusals; then the report and, unless a dry run, the write.
pub(super) struct Rows {
    pub today: NaiveDate,
    plan: Vec<Planned>,
    counts: Counts,
    errors: Vec<super::RowError>,
}

impl Rows {
    pub fn new(today: NaiveDate) -> Self {
        Rows {
            today,
            plan: Vec::new(),
            counts: Counts::default(),
            errors: Vec::new(),
        }
    }

    /// A row read: counted created when it enters any new value, else
    /// updated when it corrects one, else unchanged.
    pub fn add(&mut self, row: Result<Vec<Planned>, Vec<Refusal>>) {
        match row {
            Ok(values) => {
                self.counts.rows += 1;
                if values.iter().any(|p| p.old.is_none()) {
                    self.counts.created += 1;
                } else if !values.is_empty() {
                    self.counts.updated += 1;
                }
                self.plan.extend(values);
            }
            Err(e) => self.errors.extend(e.into_iter().map(|e| *e)),
        }
    }

    /// The report; and, unless a dry run or nothing changes, the values
    /// written in one transaction with the import's audit entry.
    #[allow(clippy::too_many_arguments)]
    pub async fn finish(
        self,
        ctx: &Ctx,
        actor: &Actor,
        (register, unit): (super::Register, &str),
        src: &Source,
        bytes: &[u8],
        dry_run: bool,
        encoding: crate::io::vn_text::TextEncoding,
    ) -> AppResult<Report> {
        let Rows {
            plan,
            counts,
            errors,
            ..
        } = self;
        let mut report = Report::of(register, unit, dry_run, encoding, counts, errors, bytes);
        if !report.writes() {
            return Ok(report);
        }
        super::before_write(ctx, actor, &mut report, bytes).await?;
        let path = {
            let h = ctx.hierarchy();
            unit_path(&h, &find(&h, actor, unit, ctx.today())?)
        };
        let t = ctx.now();
        let mut tx = ctx.begin().await?;
        let mut saved: Vec<ValueRow> = Vec::with_capacity(plan.len());
        for p in &plan {
            let v = &p.value;
            let (id, version) = match p.old {
                None => (store::insert_value(&mut tx, v, t).await?, 1),
                Some((id, version)) => {
                    let n =
                        store::update_value(&mut tx, id, version, v.value, v.entered_by, t).await?;
                    if n == 0 {
                        // Changed by someone else since the file was read.
                        return Err(AppError::Conflict(Msg::new("programme.value_changed")));
                    }
                    (id, version + 1)
                }
            };
            saved.push(ValueRow {
                id,
                metric_id: v.metric_id,
                unit_id: v.unit_id,
                period: v.period.clone(),
                period_start: v.period_start,
                period_end: v.period_end,
                value: v.value,
                version,
            });
        }
        let change = super::audited(&report, &src.name, "data_value", Some(path));
        crate::service::audit::record(ctx, &mut tx, actor, change).await?;
        tx.commit().await?;
        ctx.update_figures(|s| saved.into_iter().for_each(|v| s.put_value(v)));
        Ok(report)
    }
}

/// The validation rules (`a <= b` between metrics of one unit and
/// period), parsed once per import.
pub(super) struct Rules(Vec<(crate::domain::formula::Formula, RuleRow)>);

impl Rules {
    pub async fn load(ctx: &Ctx) -> AppResult<Rules> {
        let rows = store::rules(ctx.db()).await?;
        Ok(Rules(
            rows.into_iter()
                .filter_map(|r| Some((crate::domain::formula::Formula::parse(&r.formula).ok()?, r)))
                .collect(),
        ))
    }
}

/// The units a file for `unit` may write to, each with the unit it is
/// today: every unit under it today and their versions before a
/// reorganisation (a row of 2022 names a village by its code of 2022),
/// also those under the same code (a village whose commune changed keeps
/// its code and gets a new version, not a successor).
pub(super) fn reach(ctx: &Ctx, actor: &Actor, unit: &str) -> AppResult<HashMap<i64, i64>> {
    let h = ctx.hierarchy();
    let today = ctx.today();
    let top = find(&h, actor, unit, today)?;
    let mut out = HashMap::new();
    for n in h.subtree(&top).filter_map(|u| h.find(&u.code, today)) {
        let past = h.with_past(n.unit.id);
        let same_code = past
            .iter()
            .filter_map(|id| h.version(*id))
            .flat_map(|v| h.versions_of(&v.code))
            .map(|v| v.id);
        for id in past.iter().copied().chain(same_code) {
            out.entry(id).or_insert(n.unit.id);
        }
    }
    Ok(out)
}

/// A unit found by its code, as a row names it.
pub(super) struct Found {
    pub id: i64,
    pub code: String,
    pub level: Level,
}

/// The unit and period of a row: the unit as it was at the period's end
/// (or today), within the import's unit, where the actor may enter.
pub(super) fn unit_period(
    ctx: &Ctx,
    actor: &Actor,
    (top_code, reach): (&str, &HashMap<i64, i64>),
    at: &At<'_>,
    today: NaiveDate,
) -> Result<(Found, Period), Refusal> {
    let code = at.required("unit")?;
    let period = period_of(at)?;
    if period.start() > today {
        let msg = Msg::new("import.period_future").arg("value", period.to_string());
        return Err(at.refuse("period", "period", msg));
    }
    let day = period.end().min(today);
    let h = ctx.hierarchy();
    // Found on the day without the reader's scope: who may write is
    // decided on the unit as it is today (`reach`), as for the records
    // carried over a reorganisation.
    let now = code
        .parse()
        .ok()
        .and_then(|c| h.find(&c, day))
        .and_then(|n| Some((reach.get(&n.unit.id)?, n)));
    let Some((now, node)) = now else {
        let msg = Msg::new("import.unit_outside").arg("unit", top_code);
        return Err(at.refuse("unit", "not_found", msg));
    };
    let today_node = h.version(*now).and_then(|v| h.find(&v.code, today));
    if !today_node.is_some_and(|t| actor.scope.can_record(&h, &t)) {
        let msg = Msg::new("access.values_enter").arg("unit", &node.unit.full_name);
        return Err(at.refuse("unit", "forbidden", msg));
    }
    let found = Found {
        id: node.unit.id,
        code: node.unit.code.to_string(),
        level: node.unit.level,
    };
    Ok((found, period))
}

/// A key read once in a file: the second row with it is refused, naming
/// the first.
pub(super) fn once_per<K: std::hash::Hash + Eq>(
    seen: &mut HashMap<K, u32>,
    key: K,
    at: &At<'_>,
    unit: &str,
    period: Period,
) -> Result<(), Refusal> {
    match seen.entry(key) {
        std::collections::hash_map::Entry::Occupied(first) => {
            let msg = Msg::new("import.unit_period_twice")
                .arg("unit", unit)
                .arg("period", period.to_string())
                .arg("first", *first.get());
            Err(at.refuse("unit", "duplicate", msg))
        }
        std::collections::hash_map::Entry::Vacant(v) => {
            v.insert(at.row.number);
            Ok(())
        }
    }
}

/// A row's values (`cells`: the column's key, the metric, the value),
/// each checked as the values page checks an entry (the unit's level,
/// the metric's range) and together against the validation rules with
/// the unit's other values of the period; a value equal to the one
/// entered is left out. Every bad cell is reported.
pub(super) fn plan_values(
    state: &crate::service::figures::State,
    actor: &Actor,
    at: &At<'_>,
    unit: &Found,
    period: Period,
    cells: &[(&str, i64, f64)],
    rules: &Rules,
) -> Result<Vec<Planned>, Vec<Refusal>> {
    let mut out = Vec::new();
    let mut bad = Vec::new();
    let mut proposed: HashMap<i64, f64> = HashMap::new();
    let mut keys: HashMap<String, &str> = HashMap::new();
    for &(key, metric_id, value) in cells {
        let Some((_, metric)) = state.metrics().iter().find(|(id, _)| *id == metric_id) else {
            continue;
        };
        if metric.entry_level != unit.level {
            let msg = Msg::new("programme.metric_entry_level")
                .arg("metric", &metric.code)
                .arg_msg("entry_level", metric.entry_level.words())
                .arg("code", &unit.code)
                .arg_msg("level", unit.level.words());
            bad.push(at.refuse(key, "level", msg));
            continue;
        }
        let value = match metric.check_value(value) {
            Ok(v) => v,
            Err(e) => {
                bad.push(at.refuse(key, "range", AppError::from(e).told().msg));
                continue;
            }
        };
        proposed.insert(metric_id, value);
        keys.insert(metric.code.clone(), key);
        let old = state.entered(metric_id, unit.id, &period);
        if old.is_some_and(|(_, v, _)| v == value) {
            continue;
        }
        out.push(Planned {
            value: NewValue {
                metric_id,
                unit_id: unit.id,
                period: period.to_string(),
                period_start: period.start(),
                period_end: period.end(),
                value,
                entered_by: actor.user_id(),
            },
            old: old.map(|(id, _, version)| (id, version)),
        });
    }
    if !bad.is_empty() {
        return Err(bad);
    }
    for (formula, rule) in &rules.0 {
        let refs = formula.references();
        let Some(blame) = refs.iter().find_map(|c| keys.get(c)) else {
            continue;
        };
        let ok = formula.eval(&mut |code| {
            let (id, _) = state.metric(code)?;
            proposed
                .get(id)
                .copied()
                .or_else(|| state.entered(*id, unit.id, &period).map(|(_, v, _)| v))
        });
        if ok == Some(0.0) {
            let msg = Msg::new("programme.rule_broken")
                .arg_words("message", &rule.message_vi, &rule.message_en)
                .arg("formula", &rule.formula);
            bad.push(at.refuse(blame, "rule", msg));
        }
    }
    if bad.is_empty() { Ok(out) } else { Err(bad) }
}
