//! The households register's sheet: its template and its export. At a
//! village, the columns of `columns::HOUSEHOLDS` then one per adoption
//! kind (the day it was adopted); at a commune or a district, a first
//! column names each row's village, offered as a drop-down of the
//! villages under the unit.
//!
//! An export carries personal data (heads' names, phone numbers); it is
//! refused whole to whoever may not see them, never written masked, since
//! a masked file re-imported would blank the names.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::columns::{self, HOUSEHOLDS, POVERTY, VILLAGE, household_note, poverty_word};
use super::layout::{Column, Kind, Layout, Value};
use crate::domain::hierarchy::Node;
use crate::domain::metric::Adoption;
use crate::domain::unit::Level;
use crate::error::{AppError, AppResult};
use crate::i18n::messages::Msg;
use crate::io::sheet::ColumnSpec;
use crate::service::units::find;
use crate::service::{Actor, Ctx};
use crate::store::ledger::{self as store, HouseholdRow};

/// The data sheet's name.
pub const DATA_SHEET: &str = "Hộ gia đình";

/// The width (in characters) of each households column.
fn width(key: &str) -> f64 {
    match key {
        "head_name" => 30.0,
        "village" => 24.0,
        _ => 16.0,
    }
}

fn kind(key: &str) -> Kind {
    match key {
        "size" => Kind::Whole,
        "registered_on" => Kind::Date,
        "poverty" => Kind::Choice(POVERTY.iter().map(|(w, _, _)| (*w).to_owned()).collect()),
        _ if Adoption::parse(key).is_ok() => Kind::Date,
        _ => Kind::Text,
    }
}

/// The households sheet of `top` (a village, or a unit above villages,
/// whose villages on the day are `villages`).
fn layout_of(top: &Node<'_>, villages: &[Node<'_>]) -> Layout {
    let mut columns = Vec::new();
    let mut example = Vec::new();
    if top.unit.level != Level::Village {
        let names = villages.iter().map(|v| v.unit.name.clone()).collect();
        columns.push(Column::new(
            ColumnSpec {
                required: true,
                ..VILLAGE
            },
            Kind::Choice(names),
            width("village"),
            "Bắt buộc. Thôn của hộ: tên hoặc mã thôn, chọn trong danh sách.",
        ));
        example.push(Value::text(
            villages
                .first()
                .map_or("Khe Bành", |v| v.unit.name.as_str()),
        ));
    }
    for spec in HOUSEHOLDS.iter().chain(columns::adoptions()) {
        let note = match household_note(spec.key) {
            "" => format!(
                "Ngày hộ được hướng dẫn “{}”, dạng 30/06/2022. Để trống nếu chưa.",
                spec.names[0]
            ),
            n => n.to_owned(),
        };
        columns.push(Column::new(*spec, kind(spec.key), width(spec.key), note));
    }
    let day = NaiveDate::from_ymd_opt(2022, 6, 30).expect("a day");
    example.extend([
        Value::text("KB-001"),
        Value::text("Nguyễn Văn An"),
        Value::text("0912345678"),
        Value::Number(4.0),
        Value::text("cận nghèo"),
        Value::Date(day),
    ]);
    example.extend(
        columns::adoptions()
            .iter()
            .enumerate()
            .map(|(i, _)| match i {
                0 => Value::Date(day),
                _ => Value::Empty,
            }),
    );
    let unit_word = match top.unit.level {
        Level::Village => "Thôn",
        Level::Commune => "Xã",
        _ => "Đơn vị",
    };
    Layout {
        title: "Mẫu nhập hộ gia đình".into(),
        sheet: DATA_SHEET,
        unit_word,
        unit_name: top.unit.full_name.clone(),
        unit_code: top.unit.code.to_string(),
        columns,
        example,
        more: vec![],
        stem: "ho-gia-dinh",
    }
}

/// The households sheet at `unit` for someone who may import there.
pub(super) fn layout(ctx: &Ctx, actor: &Actor, unit: &str) -> AppResult<Layout> {
    let h = ctx.hierarchy();
    let day = ctx.today();
    let villages = super::households::villages(&h, actor, unit, day)?;
    let top = find(&h, actor, unit, day)?;
    Ok(layout_of(&top, &villages))
}

/// The households of `unit` (a village, or every village under it) as a
/// file that re-imports unchanged. Read access as for the list, and the
/// personal data right (`can_see_personal`), or the whole export is
/// refused.
pub(super) async fn export(
    ctx: &Ctx,
    actor: &Actor,
    unit: &str,
) -> AppResult<(Layout, Vec<Vec<Value>>)> {
    let day = ctx.today();
    let (layout, now_of, names) = {
        let h = ctx.hierarchy();
        let top = find(&h, actor, unit, day)?;
        if !actor.scope.can_see_personal(&h, &top) {
            return Err(AppError::Forbidden(
                Msg::new("import_files.export_personal").arg("unit", &top.unit.full_name),
            ));
        }
        let villages: Vec<Node<'_>> = if top.unit.level == Level::Village {
            vec![top]
        } else {
            h.subtree(&top)
                .filter(|u| u.level == Level::Village)
                .filter_map(|u| h.find(&u.code, day))
                .collect()
        };
        // A village carried over a reorganisation keeps its households.
        let now_of: HashMap<i64, i64> = villages
            .iter()
            .flat_map(|v| h.with_past(v.unit.id).into_iter().map(|p| (p, v.unit.id)))
            .collect();
        let names: HashMap<i64, String> = villages
            .iter()
            .map(|v| (v.unit.id, v.unit.name.clone()))
            .collect();
        (layout_of(&top, &villages), now_of, names)
    };
    let ids: Vec<i64> = now_of.keys().copied().collect();
    let mut rows = store::households_of(ctx.db(), &ids).await?;
    // As the list shows them on the day.
    rows.retain(|r| r.registered_on <= day);
    rows.sort_by(|a, b| {
        (&names[&now_of[&a.village_id]], &a.code).cmp(&(&names[&now_of[&b.village_id]], &b.code))
    });
    let adopted = adopted_on(&store::events_of_village(ctx.db(), &ids).await?);
    let with_village = layout
        .columns
        .first()
        .is_some_and(|c| c.spec.key == "village");
    let out = rows
        .iter()
        .map(|r| {
            let mut cells = Vec::with_capacity(layout.columns.len());
            if with_village {
                cells.push(Value::text(names[&now_of[&r.village_id]].clone()));
            }
            cells.extend(household_cells(r));
            cells.extend(columns::adoptions().iter().map(|a| {
                adopted
                    .get(&(r.id, a.key))
                    .map_or(Value::Empty, |d| Value::Date(*d))
            }));
            cells
        })
        .collect();
    Ok((layout, out))
}

/// One household's own cells, in `HOUSEHOLDS`' order.
fn household_cells(r: &HouseholdRow) -> Vec<Value> {
    HOUSEHOLDS
        .iter()
        .map(|c| match c.key {
            "code" => Value::text(r.code.clone()),
            "head_name" => Value::text(r.head_name.clone().unwrap_or_default()),
            "phone" => Value::text(r.phone.clone().unwrap_or_default()),
            "size" => Value::number(r.size.map(|s| s as f64)),
            "poverty" => Value::text(poverty_word(&r.poverty)),
            "registered_on" => Value::Date(r.registered_on),
            _ => Value::Empty,
        })
        .collect()
}

/// The day each adoption in force now began, by (household, kind): the
/// events in date order, the day noted when the sum rises above 0 and
/// forgotten when it falls back.
fn adopted_on(events: &[store::EventRow]) -> HashMap<(i64, &'static str), NaiveDate> {
    let mut sum: HashMap<(i64, &'static str), i64> = HashMap::new();
    let mut since: HashMap<(i64, &'static str), NaiveDate> = HashMap::new();
    for e in events {
        let Ok(kind) = Adoption::parse(&e.kind) else {
            continue;
        };
        let key = (e.household_id, kind.as_str());
        let n = sum.entry(key).or_default();
        let was = *n;
        *n += e.change;
        if was <= 0 && *n > 0 {
            since.insert(key, e.event_date);
        } else if *n <= 0 {
            since.remove(&key);
        }
    }
    since
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_household_s_cells_are_what_the_template_holds() {
        let r = HouseholdRow {
            id: 1,
            village_id: 2,
            code: "KB-7".into(),
            head_name: Some("Hoàng Thị Mai".into()),
            phone: None,
            size: Some(5),
            poverty: "near_poor".into(),
            registered_on: NaiveDate::from_ymd_opt(2022, 6, 30).unwrap(),
            synthetic: false,
        };
        let text: Vec<String> = household_cells(&r).iter().map(Value::csv).collect();
        assert_eq!(
            text,
            ["KB-7", "Hoàng Thị Mai", "", "5", "cận nghèo", "30/06/2022"]
        );
        assert!(columns::poverty_key("cận nghèo").is_some());
    }
}
