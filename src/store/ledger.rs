//! Households, the adoption ledger and the live counters.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use sqlx::QueryBuilder;

use super::pg_copy::CopyRows;
use super::{Db, Tx};
use crate::{exec_tx, on_pool, on_tx};

#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct HouseholdRow {
    pub id: i64,
    pub village_id: i64,
    pub code: String,
    pub head_name: Option<String>,
    pub phone: Option<String>,
    pub size: Option<i64>,
    pub poverty: String,
    pub registered_on: NaiveDate,
    pub synthetic: bool,
}

/// A household to insert.
#[derive(Debug, Clone)]
pub struct NewHousehold {
    pub village_id: i64,
    pub code: String,
    pub head_name: Option<String>,
    pub phone: Option<String>,
    pub size: Option<i64>,
    pub poverty: &'static str,
    pub registered_on: NaiveDate,
    pub synthetic: bool,
}

const HH_COLUMNS: &str =
    "id, village_id, code, head_name, phone, size, poverty, registered_on, synthetic";

/// Rows per multi-row `INSERT` on SQLite (11 parameters each, well under
/// SQLite's 32,766).
const SQLITE_ROWS_PER_INSERT: usize = 400;

/// Insert households in batches; returns their ids in input order.
///
/// PostgreSQL takes them by `COPY`, with ids reserved first (see
/// `copy_households`). SQLite takes multi-row `INSERT`s and does not return
/// ids: sqlx passes each returned row from SQLite's thread to the caller's
/// as its own message, often with a thread wake-up, and at national scale
/// that cost more than the insert itself (see docs/PERFORMANCE.md). A row
/// inserted without an id gets the largest id in the table plus one, and
/// the one write connection is alone in its transaction, so a statement's
/// rows got `last - n + 1 ..= last`, in order; the whole range is counted
/// once per call to make sure.
pub async fn insert_households(
    tx: &mut Tx,
    rows: &[NewHousehold],
    now: DateTime<Utc>,
) -> Result<Vec<i64>, sqlx::Error> {
    let t = match tx {
        Tx::Postgres(t) => return copy_households(t, rows, now).await,
        Tx::Sqlite(t) => t,
    };
    // The text sqlx would store for `now`, made once rather than twice a row.
    let now = now.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, false);
    let mut ids = Vec::with_capacity(rows.len());
    for chunk in rows.chunks(SQLITE_ROWS_PER_INSERT) {
        let mut q = QueryBuilder::new(
            "INSERT INTO households (village_id, code, head_name, phone, size, poverty, registered_on, synthetic, created_at, updated_at) ",
        );
        q.push_values(chunk, |mut b, h| {
            b.push_bind(h.village_id)
                .push_bind(&h.code)
                .push_bind(&h.head_name)
                .push_bind(&h.phone)
                .push_bind(h.size)
                .push_bind(h.poverty)
                .push_bind(h.registered_on)
                .push_bind(h.synthetic)
                .push_bind(&now)
                .push_bind(&now);
        });
        let last = q.build().execute(&mut **t).await?.last_insert_rowid();
        ids.extend(last - chunk.len() as i64 + 1..=last);
    }
    if let (Some(first), Some(last)) = (ids.first(), ids.last()) {
        let n: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM households WHERE id BETWEEN $1 AND $2")
                .bind(first)
                .bind(last)
                .fetch_one(&mut **t)
                .await?;
        if n != rows.len() as i64 || last - first + 1 != n {
            return Err(sqlx::Error::Protocol(format!(
                "households got ids {first}..={last} ({n} rows), expected {} consecutive ids",
                rows.len()
            )));
        }
    }
    Ok(ids)
}

/// PostgreSQL: reserve a block of ids from the identity sequence, then
/// stream the rows with their ids through `COPY`; nothing has to be read
/// back. The block is one `nextval` and one `setval` under the table's
/// EXCLUSIVE lock (reads go on; other household writes wait for this
/// transaction), so no other insert can draw an id inside it. A `nextval`
/// per row cost about a third of the load (docs/PERFORMANCE.md).
async fn copy_households(
    t: &mut super::WriteConn<sqlx::Postgres>,
    rows: &[NewHousehold],
    now: DateTime<Utc>,
) -> Result<Vec<i64>, sqlx::Error> {
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    sqlx::query("LOCK TABLE households IN EXCLUSIVE MODE")
        .execute(&mut **t)
        .await?;
    let first: i64 =
        sqlx::query_scalar("SELECT nextval(pg_get_serial_sequence('households', 'id'))")
            .fetch_one(&mut **t)
            .await?;
    let last = first + rows.len() as i64 - 1;
    sqlx::query("SELECT setval(pg_get_serial_sequence('households', 'id'), $1)")
        .bind(last)
        .execute(&mut **t)
        .await?;
    let ids: Vec<i64> = (first..=last).collect();
    let mut copy = CopyRows::new();
    for (h, id) in rows.iter().zip(&ids) {
        copy.int(*id)
            .int(h.village_id)
            .text(&h.code)
            .opt_text(h.head_name.as_deref())
            .opt_text(h.phone.as_deref())
            .opt_int(h.size)
            .text(h.poverty)
            .date(h.registered_on)
            .bool(h.synthetic)
            .time(now)
            .time(now);
        copy.end_row();
    }
    copy.send(
        t,
        "COPY households (id, village_id, code, head_name, phone, size, poverty, registered_on, synthetic, created_at, updated_at) FROM STDIN",
    )
    .await?;
    Ok(ids)
}

pub async fn household(db: &Db, id: i64) -> Result<Option<HouseholdRow>, sqlx::Error> {
    let sql = format!("SELECT {HH_COLUMNS} FROM households WHERE id = $1");
    on_pool!(db, |p| sqlx::query_as(&sql)
        .bind(id)
        .fetch_optional(p)
        .await)
}

/// Households of the given village versions (a village and those it continues).
pub async fn households_of(db: &Db, village_ids: &[i64]) -> Result<Vec<HouseholdRow>, sqlx::Error> {
    let mut out: Vec<HouseholdRow> = Vec::new();
    for chunk in village_ids.chunks(500) {
        let rows: Vec<HouseholdRow> = on_pool!(db, |p| {
            let mut q = QueryBuilder::new(format!(
                "SELECT {HH_COLUMNS} FROM households WHERE village_id IN ("
            ));
            let mut sep = q.separated(", ");
            for id in chunk {
                sep.push_bind(*id);
            }
            q.push(")");
            q.build_query_as().fetch_all(p).await
        })?;
        out.extend(rows);
    }
    // By code; a code used in several versions in the caller's order of
    // versions (a code is unique within a village).
    let at = |v: i64| village_ids.iter().position(|x| *x == v);
    out.sort_by(|a, b| {
        a.code
            .cmp(&b.code)
            .then_with(|| at(a.village_id).cmp(&at(b.village_id)))
    });
    Ok(out)
}

/// Correct a household's details (an import's row for a code already
/// registered); its code, village and registration day stay.
pub async fn update_household(
    tx: &mut Tx,
    id: i64,
    h: &NewHousehold,
    now: DateTime<Utc>,
) -> Result<u64, sqlx::Error> {
    exec_tx!(tx, |c| {
        sqlx::query(
        "UPDATE households SET head_name = $1, phone = $2, size = $3, poverty = $4, updated_at = $5 WHERE id = $6"
    )
    .bind(&h.head_name)
    .bind(&h.phone)
    .bind(h.size)
    .bind(h.poverty)
    .bind(now)
    .bind(id)
    .execute(c)
    .await
    })
}

/// Codes among `codes` already used in the village.
pub async fn taken_codes(tx: &mut Tx, village_id: i64) -> Result<Vec<String>, sqlx::Error> {
    on_tx!(tx, |c| sqlx::query_scalar(
        "SELECT code FROM households WHERE village_id = $1"
    )
    .bind(village_id)
    .fetch_all(c)
    .await)
}

#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct EventRow {
    pub id: i64,
    pub household_id: i64,
    pub kind: String,
    pub event_date: NaiveDate,
    pub change: i64,
    pub member_id: Option<i64>,
    pub note: String,
}

/// An adoption event to insert.
#[derive(Debug, Clone)]
pub struct NewEvent {
    pub household_id: i64,
    pub kind: &'static str,
    pub event_date: NaiveDate,
    pub change: i64,
    pub member_id: Option<i64>,
    pub note: String,
    pub recorded_by: Option<i64>,
}

/// Insert one event and return its id.
pub async fn insert_event(
    tx: &mut Tx,
    e: &NewEvent,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    on_tx!(tx, |c| {
        sqlx::query_scalar(
        "INSERT INTO adoption_events (household_id, kind, event_date, change, member_id, note, recorded_by, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id"
    )
    .bind(e.household_id)
    .bind(e.kind)
    .bind(e.event_date)
    .bind(e.change)
    .bind(e.member_id)
    .bind(&e.note)
    .bind(e.recorded_by)
    .bind(now)
    .fetch_one(c)
    .await
    })
}

/// Insert events in batches (an import); by `COPY` on PostgreSQL.
pub async fn insert_events(
    tx: &mut Tx,
    rows: &[NewEvent],
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    if let Tx::Postgres(t) = tx {
        let mut copy = CopyRows::new();
        for e in rows {
            copy.int(e.household_id)
                .text(e.kind)
                .date(e.event_date)
                .int(e.change)
                .opt_int(e.member_id)
                .text(&e.note)
                .opt_int(e.recorded_by)
                .time(now)
                .time(now);
            copy.end_row();
        }
        copy.send(
            t,
            "COPY adoption_events (household_id, kind, event_date, change, member_id, note, recorded_by, created_at, updated_at) FROM STDIN",
        )
        .await?;
        return Ok(());
    }
    for chunk in rows.chunks(400) {
        exec_tx!(tx, |c| {
            let mut q = QueryBuilder::new(
                "INSERT INTO adoption_events (household_id, kind, event_date, change, member_id, note, recorded_by, created_at, updated_at) ",
            );
            q.push_values(chunk, |mut b, e| {
                b.push_bind(e.household_id)
                    .push_bind(e.kind)
                    .push_bind(e.event_date)
                    .push_bind(e.change)
                    .push_bind(e.member_id)
                    .push_bind(&e.note)
                    .push_bind(e.recorded_by)
                    .push_bind(now)
                    .push_bind(now);
            });
            q.build().execute(&mut *c).await
        })?;
    }
    Ok(())
}

/// The latest event of a household for a kind (the ledger's current state).
pub async fn last_event(
    tx: &mut Tx,
    household_id: i64,
    kind: &str,
) -> Result<Option<EventRow>, sqlx::Error> {
    on_tx!(tx, |c| sqlx::query_as(
        "SELECT id, household_id, kind, event_date, change, member_id, note FROM adoption_events \
         WHERE household_id = $1 AND kind = $2 ORDER BY event_date DESC, id DESC LIMIT 1"
    )
    .bind(household_id)
    .bind(kind)
    .fetch_optional(c)
    .await)
}

/// Every event of the households of the given village versions, oldest first.
pub async fn events_of_village(db: &Db, village_ids: &[i64]) -> Result<Vec<EventRow>, sqlx::Error> {
    let mut out: Vec<EventRow> = Vec::new();
    for chunk in village_ids.chunks(500) {
        let rows: Vec<EventRow> = on_pool!(db, |p| {
            let mut q = QueryBuilder::new(
                "SELECT e.id, e.household_id, e.kind, e.event_date, e.change, e.member_id, e.note \
                 FROM adoption_events e JOIN households h ON h.id = e.household_id \
                 WHERE h.village_id IN (",
            );
            let mut sep = q.separated(", ");
            for id in chunk {
                sep.push_bind(*id);
            }
            q.push(") ORDER BY e.event_date, e.id");
            q.build_query_as().fetch_all(p).await
        })?;
        out.extend(rows);
    }
    out.sort_by_key(|e| (e.event_date, e.id));
    Ok(out)
}

/// One change to a counter.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CounterDelta {
    pub unit_id: i64,
    pub key: String,
    pub month: i32,
    pub delta: i64,
}

/// Add deltas to the counters (upsert), in batches.
pub async fn bump_counters(
    tx: &mut Tx,
    deltas: &[CounterDelta],
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    for chunk in deltas.chunks(500) {
        exec_tx!(tx, |c| {
            let mut q = QueryBuilder::new(
                "INSERT INTO unit_counters (unit_id, key, month, delta, created_at, updated_at) ",
            );
            q.push_values(chunk, |mut b, d| {
                b.push_bind(d.unit_id)
                    .push_bind(&d.key)
                    .push_bind(i64::from(d.month))
                    .push_bind(d.delta)
                    .push_bind(now)
                    .push_bind(now);
            });
            q.push(
                " ON CONFLICT (unit_id, key, month) DO UPDATE SET delta = unit_counters.delta + excluded.delta, updated_at = excluded.updated_at",
            );
            q.build().execute(&mut *c).await
        })?;
    }
    Ok(())
}

/// Every counter row.
pub async fn all_counters(db: &Db) -> Result<Vec<CounterDelta>, sqlx::Error> {
    let rows: Vec<(i64, String, i64, i64)> = on_pool!(db, |p| sqlx::query_as(
        "SELECT unit_id, key, month, delta FROM unit_counters WHERE delta <> 0"
    )
    .fetch_all(p)
    .await)?;
    Ok(rows
        .into_iter()
        .map(|(unit_id, key, month, delta)| CounterDelta {
            unit_id,
            key,
            month: month as i32,
            delta,
        })
        .collect())
}

/// The month index of a `YYYY-MM` text (the first 7 characters of an ISO
/// date, which is what `CAST(date AS TEXT)` gives on both backends).
fn month_of_text(s: &str) -> Result<i32, sqlx::Error> {
    NaiveDate::parse_from_str(&format!("{s}-01"), "%Y-%m-%d")
        .map(crate::domain::period::Period::month_index)
        .map_err(|e| sqlx::Error::Decode(format!("month '{s}': {e}").into()))
}

/// Recompute every counter from the records (households, events, teams,
/// members): what `unit_counters` must hold. One pass per table, grouped in
/// SQL by unit, key and month, so what comes back is units × months
/// whatever the number of records.
pub async fn recount(db: &Db) -> Result<Vec<CounterDelta>, sqlx::Error> {
    // Month index = (year - 2000) * 12 + month - 1. SQL groups by the
    // 'YYYY-MM' text of the date (the same on both backends: sqlx sets
    // PostgreSQL's DateStyle to ISO); Rust turns it into the index. Sums
    // are cast because PostgreSQL's SUM of a BIGINT is a NUMERIC.
    let mut out: std::collections::HashMap<(i64, String, i32), i64> = Default::default();
    let mut add = |unit: i64, key: String, month: i32, delta: i64| {
        *out.entry((unit, key, month)).or_default() += delta;
    };
    let hh: Vec<(i64, String, i64)> = on_pool!(db, |p| {
        sqlx::query_as(
            "SELECT village_id, SUBSTR(CAST(registered_on AS TEXT), 1, 7), COUNT(*) \
             FROM households GROUP BY 1, 2",
        )
        .fetch_all(p)
        .await
    })?;
    for (unit, month, n) in hh {
        add(unit, "households".into(), month_of_text(&month)?, n);
    }
    let ev: Vec<(i64, String, String, i64)> = on_pool!(db, |p| {
        sqlx::query_as(
        "SELECT h.village_id, e.kind, SUBSTR(CAST(e.event_date AS TEXT), 1, 7), CAST(SUM(e.change) AS BIGINT) \
         FROM adoption_events e JOIN households h ON h.id = e.household_id GROUP BY 1, 2, 3"
    )
    .fetch_all(p)
    .await
    })?;
    for (unit, kind, month, n) in ev {
        add(unit, format!("adopt.{kind}"), month_of_text(&month)?, n);
    }
    let mut add = |unit: i64, key: &str, day: NaiveDate, delta: i64| {
        add(
            unit,
            key.into(),
            crate::domain::period::Period::month_index(day),
            delta,
        )
    };
    let teams: Vec<(i64, NaiveDate, Option<NaiveDate>)> = on_pool!(db, |p| sqlx::query_as(
        "SELECT unit_id, formed_on, dissolved_on FROM teams"
    )
    .fetch_all(p)
    .await)?;
    for (unit, from, to) in teams {
        add(unit, "teams", from, 1);
        if let Some(to) = to {
            add(unit, "teams", to, -1);
        }
    }
    let members: Vec<(i64, NaiveDate, Option<NaiveDate>)> = on_pool!(db, |p| {
        sqlx::query_as(
        "SELECT t.unit_id, m.joined_on, m.left_on FROM team_members m JOIN teams t ON t.id = m.team_id"
    )
    .fetch_all(p)
    .await
    })?;
    for (unit, from, to) in members {
        add(unit, "team_members", from, 1);
        if let Some(to) = to {
            add(unit, "team_members", to, -1);
        }
    }
    let mut v: Vec<CounterDelta> = out
        .into_iter()
        .filter(|(_, d)| *d != 0)
        .map(|((unit_id, key, month), delta)| CounterDelta {
            unit_id,
            key,
            month,
            delta,
        })
        .collect();
    v.sort();
    Ok(v)
}

/// Replace all counters with `deltas` (after a recount).
pub async fn replace_counters(
    tx: &mut Tx,
    deltas: &[CounterDelta],
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    exec_tx!(tx, |c| sqlx::query("DELETE FROM unit_counters")
        .execute(c)
        .await)?;
    bump_counters(tx, deltas, now).await
}

#[cfg(test)]
mod tests {
    #[test]
    fn months_read_from_iso_text() {
        assert_eq!(super::month_of_text("2000-01").unwrap(), 0);
        assert_eq!(super::month_of_text("2025-07").unwrap(), 306);
        assert!(super::month_of_text("07/2025").is_err());
    }
}
