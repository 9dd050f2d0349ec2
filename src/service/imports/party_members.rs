//! The party_members register: the members of the party cells under a
//! unit, from a file, for the party e-handbook. Party data is sensitive:
//! only admins and the secretary or deputy of a cell (or of the
//! organisation above it) import or export its members, as
//! `party::add_member` decides; state grants count for nothing. A row
//! names its cell (by name, folded; not needed when there is one) and a
//! member by full name: a name the cell has (folded) is compared with the
//! member as stored, its position and status corrected where they differ,
//! else left unchanged; a new name joins the cell with `add_member`'s
//! checks. Importing the same file twice changes nothing the second time.
//! The rows that pass are written in one transaction with one audit entry.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::layout::{Layout, Value};
use super::party_members_sheet::{self as sheet, COLUMNS, Cells, position_of, status_of};
use super::read::{self, At, Refusal};
use super::{Counts, Register, Report, RowError, Source};
use crate::domain::fold::search_key;
use crate::domain::party::{self as rules, MemberStatus, Position};
use crate::error::{AppError, AppResult};
use crate::i18n::messages::Msg;
use crate::service::audit;
use crate::service::{Actor, Ctx};
use crate::store::party::{self as store, MemberRow, NewMember};

pub(super) async fn check_access(ctx: &Ctx, actor: &Actor, unit: &str) -> AppResult<()> {
    sheet::cells(ctx, actor, unit).await.map(|_| ())
}

pub(super) async fn layout(ctx: &Ctx, actor: &Actor, unit: &str) -> AppResult<Layout> {
    sheet::layout(ctx, actor, unit).await
}

pub(super) async fn export(
    ctx: &Ctx,
    actor: &Actor,
    unit: &str,
) -> AppResult<(Layout, Vec<Vec<Value>>)> {
    sheet::export(ctx, actor, unit).await
}

/// What a row becomes.
enum Planned {
    Create(NewMember),
    Update(MemberRow),
    Unchanged,
}

/// What the cells hold, to read rows against.
struct Known {
    cells: Cells,
    /// Current members by (cell, folded full name).
    members: HashMap<(i64, String), MemberRow>,
    today: NaiveDate,
}

pub(super) async fn import(
    ctx: &Ctx,
    actor: &Actor,
    unit: &str,
    src: &Source,
    bytes: &[u8],
    dry_run: bool,
) -> AppResult<Report> {
    let cells = sheet::cells(ctx, actor, unit).await?;
    let members = sheet::members_of(ctx, &cells.cells)
        .await?
        .into_iter()
        .map(|m| ((m.org_id, search_key(&m.full_name)), m))
        .collect();
    let known = Known {
        cells,
        members,
        today: ctx.today(),
    };
    let mut plan: Vec<Planned> = Vec::new();
    let mut errors: Vec<RowError> = Vec::new();
    // The first row of each (cell, folded name).
    let mut seen: HashMap<(i64, String), u32> = HashMap::new();
    let read = read::of_source(src, bytes, COLUMNS, |s, row| {
        match planned(&At::new(s, row), &known, &mut seen) {
            Ok(p) => plan.push(p),
            Err(e) => errors.push(*e),
        }
        Ok(())
    })?;
    let count = |f: fn(&Planned) -> bool| plan.iter().filter(|p| f(p)).count();
    let counts = Counts {
        rows: plan.len(),
        created: count(|p| matches!(p, Planned::Create(_))),
        updated: count(|p| matches!(p, Planned::Update(_))),
    };
    let register = Register::PartyMembers;
    let mut report = Report::of(
        register,
        unit,
        dry_run,
        read.encoding,
        counts,
        errors,
        bytes,
    );
    if !report.writes() {
        return Ok(report);
    }
    super::before_write(ctx, actor, &mut report, bytes).await?;
    let t = ctx.now();
    let mut tx = ctx.begin().await?;
    for p in &plan {
        match p {
            Planned::Create(m) => {
                store::insert_member(&mut tx, m, t).await?;
            }
            Planned::Update(m) => {
                store::update_member_standing(&mut tx, m.id, m.position, m.status, t).await?;
            }
            Planned::Unchanged => {}
        }
    }
    let path = Some(known.cells.path.clone());
    let change = super::audited(&report, &src.name, "party_member", path);
    audit::record(ctx, &mut tx, actor, change).await?;
    tx.commit().await?;
    Ok(report)
}

/// The cell a row names (folded), or the only one when the cell is empty.
fn cell_of(at: &At<'_>, known: &Known) -> Result<i64, Refusal> {
    let c = &known.cells;
    let Some(text) = at.text("cell") else {
        return match c.cells.as_slice() {
            [only] => Ok(only.id),
            _ => Err(at.refuse(
                "cell",
                "required",
                Msg::new("import.party_which_cell").arg("cells", c.names()),
            )),
        };
    };
    let folded = search_key(&text);
    c.cells
        .iter()
        .find(|o| search_key(&o.name) == folded)
        .map(|o| o.id)
        .ok_or_else(|| {
            let msg = Msg::new("import.party_cell_unknown")
                .arg("value", &text)
                .arg("unit", &c.unit.full_name)
                .arg("cells", c.names());
            at.refuse("cell", "not_found", msg)
        })
}

/// A coded cell: `None` when empty, refused when not one of its words.
fn coded<T>(
    at: &At<'_>,
    key: &str,
    msg: &'static str,
    of: fn(&str) -> Option<T>,
) -> Result<Option<T>, Refusal> {
    match at.text(key) {
        None => Ok(None),
        Some(w) => match of(&w) {
            Some(v) => Ok(Some(v)),
            None => Err(at.refuse(key, "choice", Msg::new(msg).arg("value", w))),
        },
    }
}

/// One data row: its member as read, compared with the stored one.
fn planned(
    at: &At<'_>,
    known: &Known,
    seen: &mut HashMap<(i64, String), u32>,
) -> Result<Planned, Refusal> {
    let cell = cell_of(at, known)?;
    let full_name =
        rules::clean_text("full_name", &at.required("full_name")?, 120, true).map_err(|e| {
            let told = AppError::from(e).told();
            at.refuse("full_name", told.code, told.msg)
        })?;
    let position = coded(at, "position", "import.party_position", position_of)?;
    let status = coded(at, "status", "import.party_status", status_of)?;
    let joined_on = at
        .date("joined_on")?
        .ok_or_else(|| at.refuse("joined_on", "required", Msg::new("import.required")))?;
    let from_date = at.date("from_date")?;
    let key = (cell, search_key(&full_name));
    if let Some(first) = seen.get(&key) {
        let msg = Msg::new("import.party_twice")
            .arg("name", &full_name)
            .arg("first", first);
        return Err(at.refuse("full_name", "duplicate", msg));
    }
    seen.insert(key.clone(), at.row.number);
    if let Some(s) = known.members.get(&key) {
        // The days of a member already in the cell are the handbook's.
        let differs =
            |stored: NaiveDate, read: Option<NaiveDate>| read.is_some_and(|d| d != stored);
        for (col, stored, read) in [
            ("joined_on", s.joined_on, Some(joined_on)),
            ("from_date", s.from_date, from_date),
        ] {
            if differs(stored, read) {
                let msg = Msg::new("import.party_days_kept")
                    .arg("name", &s.full_name)
                    .arg("day", stored.format("%d/%m/%Y"));
                return Err(at.refuse(col, "conflict", msg));
            }
        }
        let mut m = s.clone();
        m.position = position.unwrap_or(m.position);
        m.status = status.unwrap_or(m.status);
        return Ok(if (m.position, m.status) == (s.position, s.status) {
            Planned::Unchanged
        } else {
            Planned::Update(m)
        });
    }
    // A new member, with `add_member`'s checks.
    let from_date = from_date.unwrap_or(known.today);
    if joined_on > from_date {
        let msg = Msg::new("handbook.joined_party_first");
        return Err(at.refuse("joined_on", "date", msg));
    }
    Ok(Planned::Create(NewMember {
        id: 0,
        org_id: cell,
        user_id: None,
        full_name,
        position: position.unwrap_or(Position::Member),
        status: status.unwrap_or(MemberStatus::Official),
        joined_on,
        from_date,
        synthetic: false,
    }))
}
