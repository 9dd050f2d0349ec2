//! Party e-handbook tables: organisations and members (here), meetings
//! (`meetings`), documents, attachments, read receipts and notes
//! (`documents`), handbook use and the figures counted from the records.
//! No access checks here: `service::party` decides who may ask.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::QueryBuilder;
use std::collections::HashMap;

use super::{Db, Tx};
use crate::domain::party::{MemberStatus, OrgKind, Position, UsageKind};
use crate::{exec_tx, on_pool, on_tx};

pub mod documents;
pub mod meetings;

/// Rows per multi-row insert and ids per `IN (...)` list: far below both
/// backends' limits on bound parameters.
pub const CHUNK: usize = 500;

#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize)]
pub struct OrgRow {
    pub id: i64,
    pub parent_id: Option<i64>,
    #[sqlx(try_from = "String")]
    pub kind: OrgKind,
    pub name: String,
    pub unit_id: i64,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
    pub synthetic: bool,
}

const ORG_COLUMNS: &str = "id, parent_id, kind, name, unit_id, valid_from, valid_to, synthetic";

/// A new organisation; `id` is used only by bulk inserts with chosen ids.
#[derive(Debug, Clone)]
pub struct NewOrg {
    pub id: i64,
    pub parent_id: Option<i64>,
    pub kind: OrgKind,
    pub name: String,
    pub unit_id: i64,
    pub valid_from: NaiveDate,
    pub synthetic: bool,
}

pub async fn insert_org(tx: &mut Tx, o: &NewOrg, now: DateTime<Utc>) -> Result<i64, sqlx::Error> {
    on_tx!(tx, |c| {
        sqlx::query_scalar(
        "INSERT INTO party_orgs (parent_id, kind, name, unit_id, valid_from, synthetic, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id"
    )
    .bind(o.parent_id)
    .bind(o.kind.as_str())
    .bind(&o.name)
    .bind(o.unit_id)
    .bind(o.valid_from)
    .bind(o.synthetic)
    .bind(now)
    .fetch_one(c)
    .await
    })
}

/// Insert organisations whose ids the caller chose (a bulk import).
pub async fn insert_orgs(
    tx: &mut Tx,
    orgs: &[NewOrg],
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    for chunk in orgs.chunks(CHUNK) {
        exec_tx!(tx, |c| {
            let mut q = QueryBuilder::new(
                "INSERT INTO party_orgs (id, parent_id, kind, name, unit_id, valid_from, synthetic, created_at, updated_at) ",
            );
            q.push_values(chunk, |mut b, o| {
                b.push_bind(o.id)
                    .push_bind(o.parent_id)
                    .push_bind(o.kind.as_str())
                    .push_bind(&o.name)
                    .push_bind(o.unit_id)
                    .push_bind(o.valid_from)
                    .push_bind(o.synthetic)
                    .push_bind(now)
                    .push_bind(now);
            });
            q.build().execute(&mut *c).await
        })?;
    }
    tx.after_explicit_ids("party_orgs").await
}

/// The next free id of a table whose rows an import numbers itself.
pub async fn next_id(tx: &mut Tx, table: &'static str) -> Result<i64, sqlx::Error> {
    let sql = format!("SELECT MAX(id) FROM {table}");
    let max: Option<i64> = on_tx!(tx, |c| sqlx::query_scalar(&sql).fetch_one(c).await)?;
    Ok(max.unwrap_or(0) + 1)
}

pub async fn org(db: &Db, id: i64) -> Result<Option<OrgRow>, sqlx::Error> {
    let sql = format!("SELECT {ORG_COLUMNS} FROM party_orgs WHERE id = $1");
    on_pool!(db, |p| sqlx::query_as(&sql)
        .bind(id)
        .fetch_optional(p)
        .await)
}

/// The organisation and those above it, from the top.
pub async fn org_chain(db: &Db, id: i64) -> Result<Vec<OrgRow>, sqlx::Error> {
    let mut out = Vec::new();
    let mut next = Some(id);
    while let Some(id) = next {
        let Some(o) = org(db, id).await? else { break };
        next = o.parent_id;
        out.push(o);
        if out.len() > 8 {
            break;
        }
    }
    out.reverse();
    Ok(out)
}

/// Organisations directly below any of `parents`, valid on `day`.
pub async fn children_of(
    db: &Db,
    parents: &[i64],
    day: NaiveDate,
) -> Result<Vec<OrgRow>, sqlx::Error> {
    let mut out = Vec::new();
    for chunk in parents.chunks(CHUNK) {
        let rows: Vec<OrgRow> = on_pool!(db, |p| {
            let mut q = QueryBuilder::new(format!(
                "SELECT {ORG_COLUMNS} FROM party_orgs WHERE valid_from <= "
            ));
            q.push_bind(day)
                .push(" AND (valid_to IS NULL OR valid_to >= ")
                .push_bind(day)
                .push(") AND parent_id IN (");
            let mut s = q.separated(", ");
            for id in chunk {
                s.push_bind(*id);
            }
            q.push(") ORDER BY name, id");
            q.build_query_as().fetch_all(p).await
        })?;
        out.extend(rows);
    }
    Ok(out)
}

/// Every organisation of a kind valid on `day`.
pub async fn orgs_of_kind(
    db: &Db,
    kind: OrgKind,
    day: NaiveDate,
) -> Result<Vec<OrgRow>, sqlx::Error> {
    let sql = format!(
        "SELECT {ORG_COLUMNS} FROM party_orgs WHERE kind = $1 AND valid_from <= $2 AND (valid_to IS NULL OR valid_to >= $2) ORDER BY id"
    );
    on_pool!(db, |p| sqlx::query_as(&sql)
        .bind(kind.as_str())
        .bind(day)
        .fetch_all(p)
        .await)
}

/// Organisations tied to a unit version.
pub async fn orgs_of_unit(db: &Db, unit_id: i64) -> Result<Vec<OrgRow>, sqlx::Error> {
    let sql = format!("SELECT {ORG_COLUMNS} FROM party_orgs WHERE unit_id = $1 ORDER BY id");
    on_pool!(db, |p| sqlx::query_as(&sql)
        .bind(unit_id)
        .fetch_all(p)
        .await)
}

#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize)]
pub struct MemberRow {
    pub id: i64,
    pub org_id: i64,
    pub user_id: Option<i64>,
    pub full_name: String,
    #[sqlx(try_from = "String")]
    pub position: Position,
    #[sqlx(try_from = "String")]
    pub status: MemberStatus,
    pub joined_on: NaiveDate,
    pub from_date: NaiveDate,
    pub to_date: Option<NaiveDate>,
    pub synthetic: bool,
}

const MEMBER_COLUMNS: &str =
    "id, org_id, user_id, full_name, position, status, joined_on, from_date, to_date, synthetic";

/// A new member; `id` is used only by bulk inserts with chosen ids.
#[derive(Debug, Clone)]
pub struct NewMember {
    pub id: i64,
    pub org_id: i64,
    pub user_id: Option<i64>,
    pub full_name: String,
    pub position: Position,
    pub status: MemberStatus,
    pub joined_on: NaiveDate,
    pub from_date: NaiveDate,
    pub synthetic: bool,
}

pub async fn insert_member(
    tx: &mut Tx,
    m: &NewMember,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    on_tx!(tx, |c| {
        sqlx::query_scalar(
        "INSERT INTO party_members (org_id, user_id, full_name, position, status, joined_on, from_date, synthetic, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING id"
    )
    .bind(m.org_id)
    .bind(m.user_id)
    .bind(&m.full_name)
    .bind(m.position.as_str())
    .bind(m.status.as_str())
    .bind(m.joined_on)
    .bind(m.from_date)
    .bind(m.synthetic)
    .bind(now)
    .fetch_one(c)
    .await
    })
}

/// Insert many members whose ids the caller chose, with multi-row
/// inserts (an import).
pub async fn insert_members(
    tx: &mut Tx,
    members: &[NewMember],
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    for chunk in members.chunks(CHUNK) {
        exec_tx!(tx, |c| {
            let mut q = QueryBuilder::new(
                "INSERT INTO party_members (id, org_id, user_id, full_name, position, status, joined_on, from_date, synthetic, created_at, updated_at) ",
            );
            q.push_values(chunk, |mut b, m| {
                b.push_bind(m.id)
                    .push_bind(m.org_id)
                    .push_bind(m.user_id)
                    .push_bind(&m.full_name)
                    .push_bind(m.position.as_str())
                    .push_bind(m.status.as_str())
                    .push_bind(m.joined_on)
                    .push_bind(m.from_date)
                    .push_bind(m.synthetic)
                    .push_bind(now)
                    .push_bind(now);
            });
            q.build().execute(&mut *c).await
        })?;
    }
    tx.after_explicit_ids("party_members").await
}

pub async fn member(db: &Db, id: i64) -> Result<Option<MemberRow>, sqlx::Error> {
    let sql = format!("SELECT {MEMBER_COLUMNS} FROM party_members WHERE id = $1");
    on_pool!(db, |p| sqlx::query_as(&sql)
        .bind(id)
        .fetch_optional(p)
        .await)
}

/// Correct a current member's position and status (an import that names
/// the member with other details).
pub async fn update_member_standing(
    tx: &mut Tx,
    member_id: i64,
    position: Position,
    status: MemberStatus,
    now: DateTime<Utc>,
) -> Result<u64, sqlx::Error> {
    exec_tx!(tx, |c| {
        sqlx::query(
            "UPDATE party_members SET position = $1, status = $2, updated_at = $3 WHERE id = $4",
        )
        .bind(position.as_str())
        .bind(status.as_str())
        .bind(now)
        .bind(member_id)
        .execute(c)
        .await
    })
}

/// Members of an organisation on `day`, secretaries first, then by name.
pub async fn members_of(
    db: &Db,
    org_id: i64,
    day: NaiveDate,
) -> Result<Vec<MemberRow>, sqlx::Error> {
    let sql = format!(
        "SELECT {MEMBER_COLUMNS} FROM party_members WHERE org_id = $1 AND from_date <= $2 AND (to_date IS NULL OR to_date >= $2) \
         ORDER BY CASE position WHEN 'secretary' THEN 0 WHEN 'deputy' THEN 1 ELSE 2 END, full_name, id"
    );
    on_pool!(db, |p| sqlx::query_as(&sql)
        .bind(org_id)
        .bind(day)
        .fetch_all(p)
        .await)
}

/// A user's memberships on `day`, with the ids of the organisations above
/// each one (nearest first; the tree has at most four levels).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct UserMembership {
    pub id: i64,
    pub org_id: i64,
    #[sqlx(try_from = "String")]
    pub position: Position,
    pub up1: Option<i64>,
    pub up2: Option<i64>,
    pub up3: Option<i64>,
}

pub async fn memberships_of_user(
    db: &Db,
    user_id: i64,
    day: NaiveDate,
) -> Result<Vec<UserMembership>, sqlx::Error> {
    on_pool!(db, |p| {
        sqlx::query_as(
        "SELECT m.id, m.org_id, m.position, o1.parent_id AS up1, o2.parent_id AS up2, o3.parent_id AS up3 \
         FROM party_members m JOIN party_orgs o1 ON o1.id = m.org_id \
         LEFT JOIN party_orgs o2 ON o2.id = o1.parent_id \
         LEFT JOIN party_orgs o3 ON o3.id = o2.parent_id \
         WHERE m.user_id = $1 AND m.from_date <= $2 AND (m.to_date IS NULL OR m.to_date >= $2) ORDER BY m.id"
    )
    .bind(user_id)
    .bind(day)
    .fetch_all(p)
    .await
    })
}

/// Record that members used the handbook on `day` (once per member, day
/// and kind; repeats are no-ops).
pub async fn insert_usage(
    tx: &mut Tx,
    member_ids: &[i64],
    day: NaiveDate,
    kind: UsageKind,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    for chunk in member_ids.chunks(CHUNK) {
        exec_tx!(tx, |c| {
            let mut q = QueryBuilder::new(
                "INSERT INTO party_usage (member_id, day, kind, created_at, updated_at) ",
            );
            q.push_values(chunk, |mut b, id| {
                b.push_bind(*id)
                    .push_bind(day)
                    .push_bind(kind.as_str())
                    .push_bind(now)
                    .push_bind(now);
            });
            q.push(" ON CONFLICT (member_id, day, kind) DO NOTHING");
            q.build().execute(&mut *c).await
        })?;
    }
    Ok(())
}

/// Record a sign-in as handbook use for every membership of the user that
/// is current on `day`.
pub async fn insert_login_usage(
    tx: &mut Tx,
    user_id: i64,
    day: NaiveDate,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    exec_tx!(tx, |c| sqlx::query(
        "INSERT INTO party_usage (member_id, day, kind, created_at, updated_at) \
         SELECT id, $2, 'login', $3, $3 FROM party_members \
         WHERE user_id = $1 AND from_date <= $2 AND (to_date IS NULL OR to_date >= $2) \
         ON CONFLICT (member_id, day, kind) DO NOTHING"
    )
    .bind(user_id)
    .bind(day)
    .bind(now)
    .execute(c)
    .await)
    .map(|_| ())
}

/// Run a grouped count over organisations: `sql` selects (org_id, n) and
/// holds `{IN}` where the list of ids goes; `$1` and `$2` are bound to
/// `from` and `to`. Chunks of ids are summed per organisation.
async fn per_org(
    db: &Db,
    sql: &str,
    org_ids: &[i64],
    from: NaiveDate,
    to: NaiveDate,
) -> Result<HashMap<i64, (i64, i64)>, sqlx::Error> {
    let mut out: HashMap<i64, (i64, i64)> = HashMap::new();
    let (head, tail) = sql.split_once("{IN}").expect("an {IN} marker");
    for chunk in org_ids.chunks(CHUNK) {
        let rows: Vec<(i64, i64, i64)> = on_pool!(db, |p| {
            // $1 and $2 come first in the text; QueryBuilder numbers binds
            // in order, so bind them through the builder too.
            let (a, b) = head.split_once("$1").expect("$1 in the head");
            let (b, c) = b.split_once("$2").expect("$2 in the head");
            let mut q = QueryBuilder::new(a);
            q.push_bind(from).push(b).push_bind(to).push(c);
            let mut s = q.separated(", ");
            for id in chunk {
                s.push_bind(*id);
            }
            q.push(tail);
            q.build_query_as().fetch_all(p).await
        })?;
        for (org, n, m) in rows {
            let e = out.entry(org).or_default();
            e.0 += n;
            e.1 += m;
        }
    }
    Ok(out)
}

/// Per organisation: members on `day` (the first number; the second is 0).
pub async fn member_counts(
    db: &Db,
    org_ids: &[i64],
    day: NaiveDate,
) -> Result<HashMap<i64, (i64, i64)>, sqlx::Error> {
    per_org(
        db,
        "SELECT org_id, COUNT(*), CAST(0 AS BIGINT) FROM party_members \
         WHERE from_date <= $1 AND (to_date IS NULL OR to_date >= $2) AND org_id IN ({IN}) GROUP BY org_id",
        org_ids,
        day,
        day,
    )
    .await
}

/// Per organisation: members on `to` who used the handbook between `from`
/// and `to` (first number; the second is 0).
pub async fn user_counts(
    db: &Db,
    org_ids: &[i64],
    from: NaiveDate,
    to: NaiveDate,
) -> Result<HashMap<i64, (i64, i64)>, sqlx::Error> {
    per_org(
        db,
        "SELECT m.org_id, COUNT(DISTINCT m.id), CAST(0 AS BIGINT) FROM party_members m JOIN party_usage u ON u.member_id = m.id \
         WHERE u.day >= $1 AND u.day <= $2 AND m.from_date <= u.day AND (m.to_date IS NULL OR m.to_date >= u.day) \
         AND m.org_id IN ({IN}) GROUP BY m.org_id",
        org_ids,
        from,
        to,
    )
    .await
}

/// Per organisation: meetings held between `from` and `to`, and how many
/// of them were regular.
pub async fn held_counts(
    db: &Db,
    org_ids: &[i64],
    from: NaiveDate,
    to: NaiveDate,
) -> Result<HashMap<i64, (i64, i64)>, sqlx::Error> {
    per_org(
        db,
        "SELECT org_id, COUNT(*), SUM(CASE WHEN kind = 'regular' THEN 1 ELSE 0 END) FROM party_meetings \
         WHERE state = 'held' AND held_on >= $1 AND held_on <= $2 AND org_id IN ({IN}) GROUP BY org_id",
        org_ids,
        from,
        to,
    )
    .await
}

/// Per organisation: attendance records of meetings held between `from`
/// and `to`, and how many of them present or late.
pub async fn attendance_counts(
    db: &Db,
    org_ids: &[i64],
    from: NaiveDate,
    to: NaiveDate,
) -> Result<HashMap<i64, (i64, i64)>, sqlx::Error> {
    per_org(
        db,
        "SELECT mt.org_id, COUNT(*), SUM(CASE WHEN a.status <> 'absent' THEN 1 ELSE 0 END) \
         FROM party_attendance a JOIN party_meetings mt ON mt.id = a.meeting_id \
         WHERE mt.state = 'held' AND mt.held_on >= $1 AND mt.held_on <= $2 AND mt.org_id IN ({IN}) GROUP BY mt.org_id",
        org_ids,
        from,
        to,
    )
    .await
}
