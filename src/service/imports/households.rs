//! The households register: one village's households from a file. A row
//! whose code the village has not registered is created; one whose code
//! it has is compared with the household as stored and corrected where it
//! differs (head, phone, size, poverty), else left unchanged; so importing
//! the same file twice changes nothing the second time. Each row is
//! checked by the same rules as a household registered on a page
//! (`households::check_household`); a refused row is reported with its
//! column and written nowhere, the other rows are written in one
//! transaction with their counters and one audit entry.

use std::collections::HashMap;

use super::columns::{self, HOUSEHOLDS};
use super::read::{self, Sheet};
use super::{Report, RowError, Source};
use crate::domain::fold::search_key;
use crate::domain::hierarchy::{Hierarchy, Node};
use crate::domain::unit::Level;
use crate::error::{AppError, AppResult};
use crate::i18n::messages::Msg;
use crate::io::sheet::ColumnSpec;
use crate::io::sheet::{Cell, NumberStyle, Row, ValueError, parse_date, parse_whole};
use crate::service::audit::{self, Change};
use crate::service::households::{
    HouseholdInput, check_household, counted, village_for_write, village_room,
};
use crate::service::units::{find, unit_path};
use crate::service::{Actor, Ctx};
use crate::store::ledger::{self as store, HouseholdRow, NewHousehold};
use chrono::NaiveDate;

/// What a row becomes.
enum Planned {
    Create(NewHousehold),
    Update(i64, NewHousehold),
    Unchanged,
}

/// The villages a file may write into: the unit itself when it is a
/// village, else every village under it on the day (the file then says
/// each row's village in its own column, by code or by name).
pub(super) fn villages<'h>(
    h: &'h Hierarchy,
    actor: &Actor,
    unit: &str,
    day: NaiveDate,
) -> AppResult<Vec<Node<'h>>> {
    let top = find(h, actor, unit, day)?;
    if top.unit.level == Level::Village {
        return Ok(vec![village_for_write(h, actor, unit, day)?]);
    }
    if !actor.scope.can_record(h, &top) {
        return Err(AppError::Forbidden(
            Msg::new("access.households_record").arg("unit", &top.unit.full_name),
        ));
    }
    Ok(h.subtree(&top)
        .filter(|u| u.level == Level::Village)
        .filter_map(|u| h.find(&u.code, day))
        .collect())
}

pub(super) async fn import(
    ctx: &Ctx,
    actor: &Actor,
    unit: &str,
    src: &Source,
    bytes: &[u8],
    dry_run: bool,
) -> AppResult<Report> {
    let day = ctx.today();
    // Every version of each village (one carried over a reorganisation
    // keeps its households), to the village as it is today.
    let (now_of, path) = {
        let h = ctx.hierarchy();
        let list = villages(&h, actor, unit, day)?;
        let now_of: HashMap<i64, i64> = list
            .iter()
            .flat_map(|v| h.with_past(v.unit.id).into_iter().map(|p| (p, v.unit.id)))
            .collect();
        (now_of, unit_path(&h, &find(&h, actor, unit, day)?))
    };
    let ids: Vec<i64> = now_of.keys().copied().collect();
    let stored: HashMap<(i64, String), HouseholdRow> = store::households_of(ctx.db(), &ids)
        .await?
        .into_iter()
        .map(|r| ((now_of[&r.village_id], r.code.clone()), r))
        .collect();
    let mut plan: Vec<Planned> = Vec::new();
    let mut errors: Vec<RowError> = Vec::new();
    let mut seen: HashMap<(i64, String), u32> = HashMap::new();
    let today = ctx.today();
    let sheet = {
        let h = ctx.hierarchy();
        let list = villages(&h, actor, unit, day)?;
        let top_name = find(&h, actor, unit, day)?.unit.full_name.clone();
        let single = list.len() == 1 && list[0].unit.code.as_str() == unit.trim();
        // A file for one village needs no village column; one for a
        // commune or a district does.
        let mut specs = vec![ColumnSpec {
            required: !single,
            ..columns::VILLAGE
        }];
        specs.extend_from_slice(HOUSEHOLDS);
        let by_key: HashMap<String, usize> = list
            .iter()
            .enumerate()
            .flat_map(|(i, v)| {
                [
                    (v.unit.code.to_string(), i),
                    (search_key(&v.unit.name), i),
                    (search_key(&v.unit.full_name), i),
                ]
            })
            .collect();
        read::rows(
            &src.name,
            &src.path,
            bytes,
            src.encoding,
            &specs,
            |sheet, row| {
                if let Some(tell) = &src.progress
                    && row.number % super::PROGRESS_EVERY == 0
                {
                    tell(row.number);
                }
                let at = match sheet.header.get("village") {
                    Some(col) if !single => {
                        let cell = row.get(col).display();
                        let found = by_key
                            .get(cell.trim())
                            .or_else(|| by_key.get(&search_key(&cell)));
                        match found {
                            Some(i) => *i,
                            None => {
                                errors.push(RowError {
                                    sheet: sheet.name.clone(),
                                    row: row.number,
                                    column: read::letter(&sheet.header, "village"),
                                    value: cell,
                                    code: "not_found",
                                    message: Msg::new("import.village_unknown")
                                        .arg("unit", &top_name),
                                });
                                return Ok(());
                            }
                        }
                    }
                    _ => 0,
                };
                match planned(sheet, row, &list[at], day, today, &stored, &mut seen) {
                    Ok(p) => plan.push(p),
                    Err(e) => errors.push(*e),
                }
                Ok(())
            },
        )?
    };
    let (creates, updates): (Vec<_>, Vec<_>) = plan
        .iter()
        .filter(|p| !matches!(p, Planned::Unchanged))
        .partition(|p| matches!(p, Planned::Create(_)));
    let mut report = Report {
        register: super::Register::Households,
        unit: unit.to_owned(),
        dry_run,
        encoding: sheet.encoding,
        rows: plan.len() + errors.len(),
        created: creates.len(),
        updated: updates.len(),
        unchanged: plan.len() - creates.len() - updates.len(),
        refused: errors.len(),
        errors,
        sha256: super::sha256(bytes),
    };
    if dry_run || creates.len() + updates.len() == 0 {
        return Ok(report);
    }
    crate::service::limits::file_import(ctx, actor)?;
    // The original file is kept (content-addressed) before the write that
    // names it; a write that fails leaves only an unreferenced copy.
    report.sha256 = crate::service::files::write_content(&ctx.config().data_dir, bytes).await?;
    let new: Vec<NewHousehold> = plan
        .iter()
        .filter_map(|p| match p {
            Planned::Create(h) => Some(h.clone()),
            _ => None,
        })
        .collect();
    if actor.is_signed_in() {
        // The households a village may hold, as for any registration.
        village_room(ctx, &ctx.hierarchy(), &new)?;
    }
    let mut tx = ctx.begin().await?;
    let t = ctx.now();
    store::insert_households(&mut tx, &new, t)
        .await
        .map_err(|e| match crate::store::is_unique_violation(&e) {
            // Another write registered one of these codes since the check.
            true => AppError::Conflict(Msg::new("fieldwork.household_code_used_any")),
            false => e.into(),
        })?;
    for p in &plan {
        if let Planned::Update(id, h) = p {
            store::update_household(&mut tx, *id, h, t).await?;
        }
    }
    let deltas = counted(&new);
    store::bump_counters(&mut tx, &deltas, t).await?;
    let change = Change {
        action: "import",
        entity: "household",
        entity_id: format!("{unit}:{}", &report.sha256[..12]),
        unit_path: Some(path),
        before: None,
        after: Some(serde_json::json!({
            "file": src.name, "sha256": report.sha256, "encoding": report.encoding.as_str(),
            "rows": report.rows, "created": report.created, "updated": report.updated,
            "unchanged": report.unchanged, "refused": report.refused,
        })),
    };
    audit::record(ctx, &mut tx, actor, change).await?;
    tx.commit().await?;
    ctx.update_figures(|s| s.apply(&deltas));
    Ok(report)
}

/// One data row: its household as checked, compared with the stored one.
fn planned(
    sheet: &Sheet,
    row: &Row,
    node: &Node<'_>,
    day: NaiveDate,
    today: NaiveDate,
    stored: &HashMap<(i64, String), HouseholdRow>,
    seen: &mut HashMap<(i64, String), u32>,
) -> Result<Planned, Box<RowError>> {
    let village = node.unit.id;
    let cell = |key: &str| sheet.header.get(key).map_or(&Cell::Empty, |i| row.get(i));
    let refuse = |key: &str, code: &'static str, message: Msg| {
        Box::new(RowError {
            sheet: sheet.name.clone(),
            row: row.number,
            column: read::letter(&sheet.header, key),
            value: cell(key).display(),
            code,
            message,
        })
    };
    let text = |key: &str| match cell(key) {
        Cell::Number(n) => Some(n.to_string()),
        c => c.text().map(str::to_owned),
    };
    let size = match parse_whole(cell("size"), NumberStyle::Vietnamese) {
        Ok(n) => Some(n as i64),
        Err(ValueError::Empty) => None,
        Err(_) => {
            let msg = Msg::new("import.whole").arg("value", cell("size").display());
            return Err(refuse("size", "number", msg));
        }
    };
    let poverty = match text("poverty") {
        None => None,
        Some(w) => match columns::poverty_key(&w) {
            Some(k) => Some(k.to_owned()),
            None => {
                return Err(refuse(
                    "poverty",
                    "choice",
                    Msg::new("import.poverty").arg("value", w),
                ));
            }
        },
    };
    let registered_on = match parse_date(cell("registered_on")) {
        Ok(d) => Some(d),
        Err(ValueError::Empty) => None,
        Err(e) => {
            let key = match e {
                ValueError::ImpossibleDate { .. } => "import.impossible_date",
                _ => "import.date",
            };
            let msg = Msg::new(key).arg("value", cell("registered_on").display());
            return Err(refuse("registered_on", "date", msg));
        }
    };
    let code = text("code").unwrap_or_default();
    // A household already registered keeps its registration day (an
    // import corrects details, not history): an export of a village that
    // was reorganised carries days before the village's current version.
    let known = stored.contains_key(&(village, code.trim().to_owned()));
    let registered_on = registered_on.filter(|_| !known);
    let input = HouseholdInput {
        code,
        head_name: text("head_name"),
        phone: phone(cell("phone")),
        size,
        poverty,
        registered_on,
        synthetic: false,
    };
    let checked = check_household(&input, node, day, today).map_err(|e| {
        let told = e.told();
        let key = told.field.clone().unwrap_or_default();
        refuse(&key, told.code, told.msg)
    })?;
    let key = (village, checked.code.clone());
    if let Some(first) = seen.insert(key.clone(), row.number) {
        seen.insert(key, first);
        let msg = Msg::new("import.code_twice")
            .arg("code", &checked.code)
            .arg("first", first);
        return Err(refuse("code", "duplicate", msg));
    }
    Ok(match stored.get(&(village, checked.code.clone())) {
        None => Planned::Create(checked),
        Some(s)
            if s.head_name == checked.head_name
                && s.phone == checked.phone
                && s.size == checked.size
                && s.poverty == checked.poverty =>
        {
            Planned::Unchanged
        }
        Some(s) => Planned::Update(s.id, checked),
    })
}

/// A phone number as a file holds it. Excel turns `0912345601` typed in a
/// number cell into 912345601: a number of 9 digits gets its leading 0
/// back (Vietnamese mobile and landline numbers have 10 or 11 digits
/// with it).
fn phone(cell: &Cell) -> Option<String> {
    match cell {
        Cell::Number(n) if n.fract() == 0.0 && *n >= 0.0 => {
            let digits = format!("{n:.0}");
            Some(if digits.len() == 9 {
                format!("0{digits}")
            } else {
                digits
            })
        }
        c => c.text().map(str::to_owned),
    }
}
