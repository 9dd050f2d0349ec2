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

use super::layout::{Column, Kind, Layout, Value, intern, intern_names};
use super::read::{self, At};
use super::value_rows::{
    Rows, Rules, export_units, once_per, plan_values, reach, unit_columns, unit_period,
};
use super::{Report, Source};
use crate::domain::metric::{Metric, ValueType};
use crate::domain::period::Period;
use crate::domain::unit::Level;
use crate::error::{AppError, AppResult};
use crate::i18n::messages::Msg;
use crate::io::sheet::{ColumnSpec, NumberStyle};
use crate::service::units::find;
use crate::service::{Actor, Ctx};

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
    let mut columns = unit_columns();
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
    let units = export_units(ctx, actor, unit)?;
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
    let sheet = read::of_source(src, bytes, &specs, |sheet, row| {
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
    })?;
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
