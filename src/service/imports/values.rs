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

use std::collections::{HashMap, HashSet};

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
use crate::store::indicators::{self as store, NewValue, ValueRow};

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
    let units: Vec<(i64, String, String)> = {
        let h = ctx.hierarchy();
        let top = find(&h, actor, unit, day)?;
        h.subtree(&top)
            .filter_map(|u| h.find(&u.code, day))
            .filter(|n| actor.scope.can_read(&h, n))
            .map(|n| (n.unit.id, n.unit.code.to_string(), n.unit.full_name.clone()))
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
struct Planned {
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
    let today = ctx.today();
    let mut plan: Vec<(u32, Vec<Planned>)> = Vec::new();
    let mut counts = Counts::default();
    let mut errors = Vec::new();
    let mut styles: HashMap<String, NumberStyle> = HashMap::new();
    let mut seen: HashMap<(i64, Period), u32> = HashMap::new();
    let sheet = read::of_source(src, bytes, &specs, |sheet, row| {
        let at = At::new(sheet, row);
        match planned(ctx, actor, unit, &at, today, &mut styles, &mut seen) {
            Ok(values) => {
                counts.rows += 1;
                if values.iter().any(|p| p.old.is_none()) {
                    counts.created += 1;
                } else if !values.is_empty() {
                    counts.updated += 1;
                }
                if !values.is_empty() {
                    plan.push((row.number, values));
                }
            }
            Err(e) => errors.extend(e.into_iter().map(|e| *e)),
        }
        Ok(())
    })?;
    let register = super::Register::Values;
    let mut report = Report::of(
        register,
        unit,
        dry_run,
        sheet.encoding,
        counts,
        errors,
        bytes,
    );
    if !report.writes() {
        return Ok(report);
    }
    super::before_write(ctx, actor, &mut report, bytes).await?;
    let path = {
        let h = ctx.hierarchy();
        unit_path(&h, &find(&h, actor, unit, today)?)
    };
    let t = ctx.now();
    let mut tx = ctx.begin().await?;
    let mut saved: Vec<ValueRow> = Vec::new();
    for (_, values) in &plan {
        for p in values {
            let v = &p.value;
            let (id, version) = match p.old {
                None => (store::insert_value(&mut tx, v, t).await?, 1),
                Some((id, version)) => {
                    let n =
                        store::update_value(&mut tx, id, version, v.value, v.entered_by, t).await?;
                    if n == 0 {
                        // Changed by someone else since the preview read it.
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
    }
    let change = super::audited(&report, &src.name, "data_value", Some(path));
    crate::service::audit::record(ctx, &mut tx, actor, change).await?;
    tx.commit().await?;
    ctx.update_figures(|s| saved.into_iter().for_each(|v| s.put_value(v)));
    Ok(report)
}

/// One row: its unit and period, then each metric cell checked as the
/// values page checks an entry. Every bad cell is reported.
#[allow(clippy::too_many_arguments)]
fn planned(
    ctx: &Ctx,
    actor: &Actor,
    top_code: &str,
    at: &At<'_>,
    today: NaiveDate,
    styles: &mut HashMap<String, NumberStyle>,
    seen: &mut HashMap<(i64, Period), u32>,
) -> Result<Vec<Planned>, Vec<Refusal>> {
    let one = |e: Refusal| vec![e];
    let code = at.required("unit").map_err(one)?;
    let period = period_of(at).map_err(one)?;
    if period.start() > today {
        let msg = Msg::new("import.period_future").arg("value", period.to_string());
        return Err(one(at.refuse("period", "period", msg)));
    }
    // The unit as it was at the period's end (or today).
    let day = period.end().min(today);
    let h = ctx.hierarchy();
    let (node, ()) = match (find(&h, actor, &code, day), find(&h, actor, top_code, day)) {
        (Ok(n), Ok(t)) if t.contains(&n) => (n, ()),
        _ => {
            let msg = Msg::new("import.unit_outside").arg("unit", top_code);
            return Err(one(at.refuse("unit", "not_found", msg)));
        }
    };
    if !actor.scope.can_record(&h, &node) {
        let msg = Msg::new("access.values_enter").arg("unit", &node.unit.full_name);
        return Err(one(at.refuse("unit", "forbidden", msg)));
    }
    if let Some(first) = seen.insert((node.unit.id, period), at.row.number) {
        seen.insert((node.unit.id, period), first);
        let msg = Msg::new("import.unit_period_twice")
            .arg("unit", &code)
            .arg("period", period.to_string())
            .arg("first", first);
        return Err(one(at.refuse("unit", "duplicate", msg)));
    }
    let state = ctx.figures();
    let mut out = Vec::new();
    let mut bad = Vec::new();
    let mut used: HashSet<&str> = HashSet::new();
    for (key, _) in &at.sheet.header.columns {
        let Some((metric_id, metric)) = state.metric(key) else {
            continue;
        };
        if !used.insert(key) {
            continue;
        }
        let value = match at.number(key, styles) {
            Ok(Some(v)) => v,
            Ok(None) => continue,
            Err(e) => {
                bad.push(e);
                continue;
            }
        };
        if metric.entry_level != node.unit.level {
            let msg = Msg::new("programme.metric_entry_level")
                .arg("metric", &metric.code)
                .arg_msg("entry_level", metric.entry_level.words())
                .arg("code", &node.unit.code)
                .arg_msg("level", node.unit.level.words());
            bad.push(at.refuse(key, "level", msg));
            continue;
        }
        let value = match metric.check_value(value) {
            Ok(v) => v,
            Err(e) => {
                let told = AppError::from(e).told();
                bad.push(at.refuse(key, "range", told.msg));
                continue;
            }
        };
        let old = state.entered(*metric_id, node.unit.id, &period);
        if old.is_some_and(|(_, v, _)| v == value) {
            continue;
        }
        out.push(Planned {
            value: NewValue {
                metric_id: *metric_id,
                unit_id: node.unit.id,
                period: period.to_string(),
                period_start: period.start(),
                period_end: period.end(),
                value,
                entered_by: actor.user_id(),
            },
            old: old.map(|(id, _, version)| (id, version)),
        });
    }
    if bad.is_empty() { Ok(out) } else { Err(bad) }
}
