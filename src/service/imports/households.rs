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
use crate::domain::period::Period;
use crate::domain::unit::Level;
use crate::error::{AppError, AppResult};
use crate::i18n::messages::Msg;
use crate::io::sheet::ColumnSpec;
use crate::io::sheet::{Cell, Row};
use crate::service::audit;
use crate::service::households::{
    HouseholdInput, check_household, counted, village_for_write, village_room,
};
use crate::service::units::{find, unit_path};
use crate::service::{Actor, Ctx};
use crate::store::ledger::{self as store, CounterDelta, HouseholdRow, NewEvent, NewHousehold};
use chrono::NaiveDate;

/// Adoptions a row records: the kind and the day.
type Kinds = Vec<(&'static str, NaiveDate)>;

/// What a row becomes: a new household (with its adoptions); a registered
/// one whose details changed (`Some`) or which gains adoptions; or nothing.
enum Planned {
    Create(NewHousehold, Kinds),
    Update(i64, i64, Option<NewHousehold>, Kinds),
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
    // What each registered household has adopted now: an adoption already
    // in force is not recorded again.
    let mut adopted: HashMap<(i64, String), i64> = HashMap::new();
    for e in store::events_of_village(ctx.db(), &ids).await? {
        *adopted.entry((e.household_id, e.kind)).or_default() += e.change;
    }
    let known = Known {
        stored: &stored,
        adopted: &adopted,
    };
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
        specs.extend_from_slice(columns::adoptions());
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
        read::of_source(src, bytes, &specs, |sheet, row| {
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
                                message: Msg::new("import.village_unknown").arg("unit", &top_name),
                            });
                            return Ok(());
                        }
                    }
                }
                _ => 0,
            };
            match planned(sheet, row, &list[at], day, today, &known, &mut seen) {
                Ok(p) => plan.push(p),
                Err(e) => errors.push(*e),
            }
            Ok(())
        })?
    };
    let (creates, updates): (Vec<_>, Vec<_>) = plan
        .iter()
        .filter(|p| !matches!(p, Planned::Unchanged))
        .partition(|p| matches!(p, Planned::Create(..)));
    let counts = super::Counts {
        rows: plan.len(),
        created: creates.len(),
        updated: updates.len(),
    };
    let register = super::Register::Households;
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
    let new: Vec<NewHousehold> = plan
        .iter()
        .filter_map(|p| match p {
            Planned::Create(h, _) => Some(h.clone()),
            _ => None,
        })
        .collect();
    if actor.is_signed_in() {
        // The households a village may hold, as for any registration.
        village_room(ctx, &ctx.hierarchy(), &new)?;
    }
    let mut tx = ctx.begin().await?;
    let t = ctx.now();
    let ids = store::insert_households(&mut tx, &new, t)
        .await
        .map_err(|e| match crate::store::is_unique_violation(&e) {
            // Another write registered one of these codes since the check.
            true => AppError::Conflict(Msg::new("fieldwork.household_code_used_any")),
            false => e.into(),
        })?;
    let mut ids = ids.into_iter();
    let mut events: Vec<(i64, NewEvent)> = Vec::new();
    let recorded_by = actor.user_id();
    for p in &plan {
        let (id, village, kinds) = match p {
            Planned::Create(h, kinds) => (ids.next().unwrap_or_default(), h.village_id, kinds),
            Planned::Update(id, village, details, kinds) => {
                if let Some(h) = details {
                    store::update_household(&mut tx, *id, h, t).await?;
                }
                (*id, *village, kinds)
            }
            Planned::Unchanged => continue,
        };
        events.extend(kinds.iter().map(|&(kind, event_date)| {
            let e = NewEvent {
                household_id: id,
                kind,
                event_date,
                change: 1,
                member_id: None,
                note: String::new(),
                recorded_by,
            };
            (village, e)
        }));
    }
    let mut deltas = counted(&new);
    deltas.extend(adoption_deltas(&events));
    let rows: Vec<NewEvent> = events.into_iter().map(|(_, e)| e).collect();
    if !rows.is_empty() {
        store::insert_events(&mut tx, &rows, t).await?;
    }
    store::bump_counters(&mut tx, &deltas, t).await?;
    let change = super::audited(&report, &src.name, "household", Some(path));
    audit::record(ctx, &mut tx, actor, change).await?;
    tx.commit().await?;
    ctx.update_figures(|s| s.apply(&deltas));
    Ok(report)
}

/// What the village's households hold now, to compare a row with.
struct Known<'a> {
    /// By (village today, code).
    stored: &'a HashMap<(i64, String), HouseholdRow>,
    /// Adoptions in force by (household id, kind): the sum of changes.
    adopted: &'a HashMap<(i64, String), i64>,
}

/// The counters new adoption events move: one per village, kind and month.
fn adoption_deltas(events: &[(i64, NewEvent)]) -> Vec<CounterDelta> {
    let mut acc: HashMap<(i64, &str, i32), i64> = HashMap::new();
    for (village, e) in events {
        *acc.entry((*village, e.kind, Period::month_index(e.event_date)))
            .or_default() += e.change;
    }
    acc.into_iter()
        .map(|((unit_id, kind, month), delta)| CounterDelta {
            unit_id,
            key: format!("adopt.{kind}"),
            month,
            delta,
        })
        .collect()
}

/// One data row: its household as checked, compared with the stored one.
fn planned(
    sheet: &Sheet,
    row: &Row,
    node: &Node<'_>,
    day: NaiveDate,
    today: NaiveDate,
    known: &Known<'_>,
    seen: &mut HashMap<(i64, String), u32>,
) -> Result<Planned, Box<RowError>> {
    let village = node.unit.id;
    let at = read::At::new(sheet, row);
    let (cell, text) = (|key: &str| at.cell(key), |key: &str| at.text(key));
    let refuse = |key: &str, code, message| at.refuse(key, code, message);
    let size = at.whole("size")?.map(|n| n as i64);
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
    let registered_on = at.date("registered_on")?;
    let code = text("code").unwrap_or_default();
    // A household already registered keeps its registration day (an
    // import corrects details, not history): an export of a village that
    // was reorganised carries days before the village's current version.
    let stored = known.stored;
    let is_known = stored.contains_key(&(village, code.trim().to_owned()));
    let registered_on = registered_on.filter(|_| !is_known);
    // The adoption days the row gives, by kind.
    let mut dates: Vec<(&'static str, NaiveDate)> = Vec::new();
    for spec in columns::adoptions() {
        if let Some(d) = at.date(spec.key)? {
            dates.push((spec.key, d));
        }
    }
    // A new household the file gives no registration day for, but which
    // was helped before today, was registered by its first help at the
    // latest.
    let registered_on = match registered_on {
        None if !is_known => dates.iter().map(|(_, d)| *d).filter(|d| *d < today).min(),
        given => given,
    };
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
    let stored = stored.get(&(village, checked.code.clone()));
    // The adoptions the row records, from the day the household was
    // registered to today; one already in force is left as it is.
    let registered = stored.map_or(checked.registered_on, |s| s.registered_on);
    let mut kinds: Kinds = Vec::new();
    for (key, date) in dates {
        if date > today || date < registered {
            let msg = Msg::new("import.adopted_on")
                .arg("value", cell(key).display())
                .arg("from", registered.format("%d/%m/%Y"))
                .arg("to", today.format("%d/%m/%Y"));
            return Err(refuse(key, "date", msg));
        }
        let in_force = stored
            .is_some_and(|s| (known.adopted.get(&(s.id, key.to_owned()))).is_some_and(|n| *n > 0));
        if !in_force {
            kinds.push((key, date));
        }
    }
    Ok(match stored {
        None => Planned::Create(checked, kinds),
        Some(s)
            if s.head_name == checked.head_name
                && s.phone == checked.phone
                && s.size == checked.size
                && s.poverty == checked.poverty =>
        {
            if kinds.is_empty() {
                Planned::Unchanged
            } else {
                Planned::Update(s.id, s.village_id, None, kinds)
            }
        }
        Some(s) => Planned::Update(s.id, s.village_id, Some(checked), kinds),
    })
}

/// A phone number as a file holds it. Excel turns `0912345601` typed in a
/// number cell into 912345601: a number of 9 digits gets its leading 0
/// back (Vietnamese mobile and landline numbers have 10 or 11 digits
/// with it).
pub(super) fn phone(cell: &Cell) -> Option<String> {
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
