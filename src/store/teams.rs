//! Community digital-technology teams, their members and guidance sessions.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use sqlx::QueryBuilder;

use super::{Db, Tx};
use crate::{exec_tx, on_pool, on_tx};

#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct TeamRow {
    pub id: i64,
    pub unit_id: i64,
    pub name: String,
    pub formed_on: NaiveDate,
    pub dissolved_on: Option<NaiveDate>,
}

pub async fn insert_team(
    tx: &mut Tx,
    unit_id: i64,
    name: &str,
    formed_on: NaiveDate,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    on_tx!(tx, |c| {
        sqlx::query_scalar(
        "INSERT INTO teams (unit_id, name, formed_on, created_at, updated_at) VALUES ($1, $2, $3, $4, $4) RETURNING id"
    )
    .bind(unit_id)
    .bind(name)
    .bind(formed_on)
    .bind(now)
    .fetch_one(c)
    .await
    })
}

/// Teams of units (by unit id), active or not.
pub async fn teams_of_units(db: &Db, unit_ids: &[i64]) -> Result<Vec<TeamRow>, sqlx::Error> {
    let mut out = Vec::new();
    for chunk in unit_ids.chunks(500) {
        let rows: Vec<TeamRow> = on_pool!(db, |p| {
            let mut q = QueryBuilder::new(
                "SELECT id, unit_id, name, formed_on, dissolved_on FROM teams WHERE unit_id IN (",
            );
            let mut sep = q.separated(", ");
            for id in chunk {
                sep.push_bind(*id);
            }
            q.push(") ORDER BY unit_id, id");
            q.build_query_as().fetch_all(p).await
        })?;
        out.extend(rows);
    }
    Ok(out)
}

pub async fn team(db: &Db, id: i64) -> Result<Option<TeamRow>, sqlx::Error> {
    on_pool!(db, |p| sqlx::query_as(
        "SELECT id, unit_id, name, formed_on, dissolved_on FROM teams WHERE id = $1"
    )
    .bind(id)
    .fetch_optional(p)
    .await)
}

#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct MemberRow {
    pub id: i64,
    pub team_id: i64,
    pub full_name: String,
    pub role: String,
    pub affiliation: String,
    pub phone: Option<String>,
    pub user_id: Option<i64>,
    pub joined_on: NaiveDate,
    pub left_on: Option<NaiveDate>,
    pub synthetic: bool,
}

#[derive(Debug, Clone)]
pub struct NewMember {
    pub team_id: i64,
    pub full_name: String,
    pub role: &'static str,
    pub affiliation: String,
    pub phone: Option<String>,
    pub user_id: Option<i64>,
    pub joined_on: NaiveDate,
    pub synthetic: bool,
}

pub async fn insert_members(
    tx: &mut Tx,
    rows: &[NewMember],
    now: DateTime<Utc>,
) -> Result<Vec<i64>, sqlx::Error> {
    let mut ids = Vec::with_capacity(rows.len());
    for chunk in rows.chunks(400) {
        let got: Vec<i64> = on_tx!(tx, |c| {
            let mut q = QueryBuilder::new(
                "INSERT INTO team_members (team_id, full_name, role, affiliation, phone, user_id, joined_on, synthetic, created_at, updated_at) ",
            );
            q.push_values(chunk, |mut b, m| {
                b.push_bind(m.team_id)
                    .push_bind(&m.full_name)
                    .push_bind(m.role)
                    .push_bind(&m.affiliation)
                    .push_bind(&m.phone)
                    .push_bind(m.user_id)
                    .push_bind(m.joined_on)
                    .push_bind(m.synthetic)
                    .push_bind(now)
                    .push_bind(now);
            });
            q.push(" RETURNING id");
            q.build_query_scalar().fetch_all(&mut *c).await
        })?;
        ids.extend(got);
    }
    Ok(ids)
}

const MEMBER_COLUMNS: &str =
    "id, team_id, full_name, role, affiliation, phone, user_id, joined_on, left_on, synthetic";

pub async fn members_of(db: &Db, team_id: i64) -> Result<Vec<MemberRow>, sqlx::Error> {
    let sql = format!(
        "SELECT {MEMBER_COLUMNS} FROM team_members WHERE team_id = $1 ORDER BY role, full_name"
    );
    on_pool!(db, |p| sqlx::query_as(&sql)
        .bind(team_id)
        .fetch_all(p)
        .await)
}

pub async fn member(db: &Db, id: i64) -> Result<Option<MemberRow>, sqlx::Error> {
    let sql = format!("SELECT {MEMBER_COLUMNS} FROM team_members WHERE id = $1");
    on_pool!(db, |p| sqlx::query_as(&sql)
        .bind(id)
        .fetch_optional(p)
        .await)
}

/// The team-member records linked to a user account.
pub async fn members_of_user(db: &Db, user_id: i64) -> Result<Vec<MemberRow>, sqlx::Error> {
    let sql = format!("SELECT {MEMBER_COLUMNS} FROM team_members WHERE user_id = $1 ORDER BY id");
    on_pool!(db, |p| sqlx::query_as(&sql)
        .bind(user_id)
        .fetch_all(p)
        .await)
}

pub async fn set_left(
    tx: &mut Tx,
    member_id: i64,
    left_on: NaiveDate,
    now: DateTime<Utc>,
) -> Result<u64, sqlx::Error> {
    exec_tx!(tx, |c| sqlx::query(
        "UPDATE team_members SET left_on = $1, updated_at = $2 WHERE id = $3 AND left_on IS NULL"
    )
    .bind(left_on)
    .bind(now)
    .bind(member_id)
    .execute(c)
    .await)
}

/// Correct a current member's role, affiliation and phone (an import
/// that names the member with other details).
pub async fn update_member(
    tx: &mut Tx,
    member_id: i64,
    role: &str,
    affiliation: &str,
    phone: Option<&str>,
    now: DateTime<Utc>,
) -> Result<u64, sqlx::Error> {
    exec_tx!(tx, |c| {
        sqlx::query(
        "UPDATE team_members SET role = $1, affiliation = $2, phone = $3, updated_at = $4 WHERE id = $5 AND left_on IS NULL"
    )
    .bind(role)
    .bind(affiliation)
    .bind(phone)
    .bind(now)
    .bind(member_id)
    .execute(c)
    .await
    })
}

/// Link a member record to an account.
pub async fn set_member_user(
    tx: &mut Tx,
    member_id: i64,
    user_id: i64,
    now: DateTime<Utc>,
) -> Result<u64, sqlx::Error> {
    exec_tx!(tx, |c| sqlx::query(
        "UPDATE team_members SET user_id = $1, updated_at = $2 WHERE id = $3"
    )
    .bind(user_id)
    .bind(now)
    .bind(member_id)
    .execute(c)
    .await)
}

#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct SessionRow {
    pub id: i64,
    pub team_id: i64,
    pub held_on: NaiveDate,
    pub topic: String,
    pub audience: String,
    pub households: i64,
}

pub async fn insert_session(
    tx: &mut Tx,
    s: &SessionRow,
    member_ids: &[i64],
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    let id: i64 = on_tx!(tx, |c| {
        sqlx::query_scalar(
        "INSERT INTO guidance_sessions (team_id, held_on, topic, audience, households, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id"
    )
    .bind(s.team_id)
    .bind(s.held_on)
    .bind(&s.topic)
    .bind(&s.audience)
    .bind(s.households)
    .bind(now)
    .fetch_one(c)
    .await
    })?;
    for m in member_ids {
        exec_tx!(tx, |c| {
            sqlx::query(
            "INSERT INTO guidance_session_members (session_id, member_id, created_at, updated_at) VALUES ($1, $2, $3, $3)"
        )
        .bind(id)
        .bind(*m)
        .bind(now)
        .execute(c)
        .await
        })?;
    }
    Ok(id)
}

pub async fn sessions_of(db: &Db, team_id: i64) -> Result<Vec<SessionRow>, sqlx::Error> {
    on_pool!(db, |p| {
        sqlx::query_as(
        "SELECT id, team_id, held_on, topic, audience, households FROM guidance_sessions WHERE team_id = $1 ORDER BY held_on DESC, id DESC"
    )
    .bind(team_id)
    .fetch_all(p)
    .await
    })
}
