//! The indicator values register: a wide sheet, one row per unit and
//! period, one column per metric entered at the unit's level (headed by
//! its Vietnamese name; its English name or its code are read too). The
//! import's unit is the top: every row's unit must be it or below it. A
//! value differing from the one entered is a correction (the value's
//! version moves on, as an edit on the values page); the same value is
//! unchanged; so importing the same file twice changes nothing.
//!
//! A row is counted once: created when it enters any new value, else
//! updated when it corrects one, else unchanged. A row with a bad cell is
//! refused whole (each bad cell reported), since its cells are one report
//! of one unit for one period.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::layout::{Column, Kind, Layout, Value, intern, intern_names};
use super::read::{self, At, Refusal};
use super::{Counts, Report, Source};
use crate::domain::hierarchy::unit_path;
use crate::domain::metric::{Metric, ValueType};
use crate::domain::period::{Period, PeriodKind};
use crate::domain::unit::Level;
use crate::error::{AppError, AppResult};
use crate::i18n::messages::Msg;
use crate::io::sheet::{Cell, ColumnSpec, NumberStyle};
use crate::service::units::find;
use crate::service::{Actor, Ctx};
use crate::store::indicators::{self as store, NewValue, RuleRow, ValueRow};

const UNIT: ColumnSpec = ColumnSpec {
    key: "unit",
    names: &["Mã đơn vị", "Mã ĐVHC", "Mã xã", "Mã thôn", "Mã"],
    required: true,
};
const UNIT_NAME: ColumnSpec = ColumnSpec {
    key: "unit_name",
    names: &["Tên đơn vị", "Đơn vị", "Tên xã", "Tên thôn"],
    required: false,
};
const PERIOD: ColumnSpec = ColumnSpec {
    key: "period",
    names: &["Kỳ", "Kỳ báo cáo", "Thời kỳ", "Tháng"],
    required: true,
};

/// Who may import values at `unit`: whoever may enter values there.
pub(super) fn check_access(ctx: &Ctx, actor: &Actor, unit: &str) -> AppResult<()> {
    let h = ctx.hierarchy();
    let node = find(&h, actor, unit, ctx.today())?;
    if !actor.scope.can_record(&h, &node) {
        return Err(AppError::Forbidden(
            Msg::new("access.values_enter").arg("unit", &node.unit.full_name),
        ));
    }
    Ok(())
}

/// The metrics entered at or below `level`, in the programme's order.
fn metrics_below(ctx: &Ctx, level: Level) -> Vec<(i64, Metric)> {
    let state = ctx.figures();
    state
        .metrics()
        .iter()
        .filter(|(_, m)| m.entry_level >= level)
        .cloned()
        .collect()
}

fn metric_column(m: &Metric) -> Column {
    let spec = ColumnSpec {
        key: intern(&m.code),
        names: intern_names(&[&m.name_vi, &m.name_en, &m.code]),
        required: false,
    };
    let (kind, what) = match m.value_type {
        ValueType::Count => (Kind::Whole, "số đếm, số nguyên"),
        ValueType::YesNo => (Kind::Whole, "1 là có, 0 là không"),
        ValueType::Percent => (Kind::Decimal, "tỷ lệ %, như 61,8"),
        ValueType::Number => (Kind::Decimal, "số"),
    };
    let range = match (m.min_value, m.max_value) {
        (Some(lo), Some(hi)) => format!(", từ {lo} đến {hi}"),
        (Some(lo), None) => format!(", từ {lo}"),
        (None, Some(hi)) => format!(", đến {hi}"),
        (None, None) => String::new(),
    };
    let note = format!(
        "Mã {}: {what}{range}. Nhập ở cấp {}. Để trống nếu không báo cáo.",
        m.code,
        level_word(m.entry_level)
    );
    Column::new(spec, kind, 18.0, note)
}

fn level_word(l: Level) -> &'static str {
    match l {
        Level::Province => "tỉnh",
        Level::District => "huyện",
        Level::Commune => "xã",
        Level::Village => "thôn",
    }
}

fn layout_at(
    top_name: &str,
    top_code: &str,
    metrics: &[(i64, Metric)],
    example_unit: (&str, &str),
) -> Layout {
    let mut columns = vec![
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
    ];
    columns.extend(metrics.iter().map(|(_, m)| metric_column(m)));
    let mut example = vec![
        Value::text(example_unit.0),
        Value::text(example_unit.1),
        Value::text("2022-06"),
    ];
    example.extend(metrics.iter().enumerate().map(|(i, _)| match i {
        0 => Value::Number(12.0),
        _ => Value::Empty,
    }));
    Layout {
        title: "Mẫu nhập số liệu chỉ tiêu".into(),
        sheet: "Số liệu",
        unit_word: "Đơn vị",
        unit_name: top_name.to_owned(),
        unit_code: top_code.to_owned(),
        columns,
        example,
        more: vec![
            "Mỗi dòng là số liệu của một đơn vị trong một kỳ; mỗi cột là một chỉ tiêu.".into(),
            "Ô có số khác số đã nhập là sửa số liệu; ô giống số đã nhập thì không đổi.".into(),
        ],
        stem: "so-lieu",
    }
}

pub(super) async fn layout(ctx: &Ctx, actor: &Actor, unit: &str) -> AppResult<Layout> {
    check_access(ctx, actor, unit)?;
    let h = ctx.hierarchy();
    let top = find(&h, actor, unit, ctx.today())?;
    let metrics = metrics_below(ctx, top.unit.level);
    let example = h
        .subtree(&top)
        .find(|u| metrics.iter().any(|(_, m)| m.entry_level == u.level))
        .map(|u| (u.code.to_string(), u.full_name.clone()))
        .unwrap_or_else(|| (top.unit.code.to_string(), top.unit.full_name.clone()));
    Ok(layout_at(
        &top.unit.full_name,
        top.unit.code.as_str(),
        &metrics,
        (&example.0, &example.1),
    ))
}

/// Every value entered at the units under `unit` (on today's tree), one
/// row per unit and period.
pub(super) async fn export(
    ctx: &Ctx,
    actor: &Actor,
    unit: &str,
) -> AppResult<(Layout, Vec<Vec<Value>>)> {
    let layout = layout(ctx, actor, unit).await?;
    let day = ctx.today();
    // Every version of each unit: a unit carried over a reorganisation
    // keeps the values entered under its earlier versions, written with
    // the code it had then (the code the import finds it by, on the day).
    let units: Vec<(i64, String, String)> = {
        let h = ctx.hierarchy();
        let top = find(&h, actor, unit, day)?;
        h.subtree(&top)
            .filter_map(|u| h.find(&u.code, day))
            .filter(|n| actor.scope.can_read(&h, n))
            .flat_map(|n| h.with_past(n.unit.id))
            .filter_map(|id| h.version(id))
            .map(|v| (v.id, v.code.to_string(), v.full_name.clone()))
            .collect()
    };
    let metric_ids: HashMap<i64, usize> = {
        let state = ctx.figures();
        layout
            .columns
            .iter()
            .enumerate()
            .filter_map(|(i, c)| state.metric(c.spec.key).map(|(id, _)| (*id, i)))
            .collect()
    };
    let mut out = Vec::new();
    for (id, code, name) in units {
        let mut by_period: Vec<(Period, Vec<Value>)> = Vec::new();
        let entered = ctx.figures().values_at(id);
        for (metric_id, period, value) in entered {
            let Some(col) = metric_ids.get(&metric_id) else {
                continue;
            };
            let at = match by_period.iter().position(|(p, _)| *p == period) {
                Some(i) => i,
                None => {
                    let mut row = vec![Value::Empty; layout.columns.len()];
                    row[0] = Value::text(code.clone());
                    row[1] = Value::text(name.clone());
                    row[2] = Value::text(period.to_string());
                    by_period.push((period, row));
                    by_period.len() - 1
                }
            };
            by_period[at].1[*col] = Value::Number(value);
        }
        by_period.sort_by_key(|(p, _)| (p.start(), p.end()));
        out.extend(by_period.into_iter().map(|(_, r)| r));
    }
    Ok((layout, out))
}

/// A value the file enters: new, or a correction of the one entered.
pub(super) struct Planned {
    value: NewValue,
    /// The value entered now: its row id and version.
    old: Option<(i64, i64)>,
}

/// A period as a sheet writes it: `2022-06`, `06/2022`, `2022Q2`,
/// `2022S1`, `2022`, or a date cell (its month).
fn period_of(at: &At<'_>) -> Result<Period, Refusal> {
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

pub(super) async fn import(
    ctx: &Ctx,
    actor: &Actor,
    unit: &str,
    src: &Source,
    bytes: &[u8],
    dry_run: bool,
) -> AppResult<Report> {
    let layout = layout(ctx, actor, unit).await?;
    let specs = layout.specs();
    let rules = Rules::load(ctx).await?;
    let reach = reach(ctx, actor, unit)?;
    let mut rows = Rows::new(ctx.today());
    let mut styles: HashMap<String, NumberStyle> = HashMap::new();
    let mut seen: HashMap<(i64, Period), u32> = HashMap::new();
    let sheet = read::rows(
        &src.name,
        &src.path,
        bytes,
        src.encoding,
        &specs,
        |sheet, row| {
            let at = At::new(sheet, row);
            let planned = unit_period(ctx, actor, (unit, &reach), &at, rows.today)
                .and_then(|(node, period)| {
                    once_per(&mut seen, (node.id, period), &at, &node.code, period)?;
                    Ok((node, period))
                })
                .map_err(|e| vec![e])
                .and_then(|(node, period)| {
                    let state = ctx.figures();
                    let mut cells = Vec::new();
                    let mut bad = Vec::new();
                    for (key, _) in &at.sheet.header.columns {
                        let Some((id, _)) = state.metric(key) else {
                            continue;
                        };
                        match at.number(key, &mut styles) {
                            Ok(Some(v)) => cells.push((*key, *id, v)),
                            Ok(None) => {}
                            Err(e) => bad.push(e),
                        }
                    }
                    if !bad.is_empty() {
                        return Err(bad);
                    }
                    plan_values(&state, actor, &at, &node, period, &cells, &rules)
                });
            rows.add(planned);
            Ok(())
        },
    )?;
    rows.finish(
        ctx,
        actor,
        (super::Register::Values, unit),
        src,
        bytes,
        dry_run,
        sheet.encoding,
    )
    .await
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
