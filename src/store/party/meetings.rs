//! Meetings, their notices, attendance, tasks and attached documents.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::QueryBuilder;

use super::CHUNK;
use crate::domain::party::{AttendanceStatus, MeetingKind, MeetingState};
use crate::store::{Db, Tx};
use crate::{exec_tx, on_pool, on_tx};

#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize)]
pub struct MeetingRow {
    pub id: i64,
    pub org_id: i64,
    #[sqlx(try_from = "String")]
    pub kind: MeetingKind,
    pub title: String,
    pub held_on: NaiveDate,
    pub starts_at: String,
    pub place: String,
    pub agenda: String,
    pub minutes: String,
    pub resolutions: String,
    #[sqlx(try_from = "String")]
    pub state: MeetingState,
    pub notice_sent_at: Option<DateTime<Utc>>,
    pub synthetic: bool,
    /// Counts edits of the minutes.
    pub version: i64,
}

const MEETING_COLUMNS: &str = "id, org_id, kind, title, held_on, starts_at, place, agenda, minutes, resolutions, state, notice_sent_at, synthetic, version";

#[derive(Debug, Clone)]
pub struct NewMeeting {
    pub id: i64,
    pub org_id: i64,
    pub kind: MeetingKind,
    pub title: String,
    pub held_on: NaiveDate,
    pub starts_at: String,
    pub place: String,
    pub agenda: String,
    pub minutes: String,
    pub resolutions: String,
    pub state: MeetingState,
    pub created_by: Option<i64>,
    pub synthetic: bool,
}

pub async fn insert(tx: &mut Tx, m: &NewMeeting, now: DateTime<Utc>) -> Result<i64, sqlx::Error> {
    on_tx!(tx, |c| {
        sqlx::query_scalar(
        "INSERT INTO party_meetings (org_id, kind, title, held_on, starts_at, place, agenda, minutes, resolutions, state, created_by, synthetic, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13) RETURNING id"
    )
    .bind(m.org_id)
    .bind(m.kind.as_str())
    .bind(&m.title)
    .bind(m.held_on)
    .bind(&m.starts_at)
    .bind(&m.place)
    .bind(&m.agenda)
    .bind(&m.minutes)
    .bind(&m.resolutions)
    .bind(m.state.as_str())
    .bind(m.created_by)
    .bind(m.synthetic)
    .bind(now)
    .fetch_one(c)
    .await
    })
}

/// Insert meetings whose ids the caller chose (an import).
pub async fn insert_many(
    tx: &mut Tx,
    meetings: &[NewMeeting],
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    for chunk in meetings.chunks(CHUNK) {
        exec_tx!(tx, |c| {
            let mut q = QueryBuilder::new(
                "INSERT INTO party_meetings (id, org_id, kind, title, held_on, starts_at, place, agenda, minutes, resolutions, state, notice_sent_at, synthetic, created_at, updated_at) ",
            );
            q.push_values(chunk, |mut b, m| {
                b.push_bind(m.id)
                    .push_bind(m.org_id)
                    .push_bind(m.kind.as_str())
                    .push_bind(&m.title)
                    .push_bind(m.held_on)
                    .push_bind(&m.starts_at)
                    .push_bind(&m.place)
                    .push_bind(&m.agenda)
                    .push_bind(&m.minutes)
                    .push_bind(&m.resolutions)
                    .push_bind(m.state.as_str())
                    .push_bind(None::<DateTime<Utc>>)
                    .push_bind(m.synthetic)
                    .push_bind(now)
                    .push_bind(now);
            });
            q.build().execute(&mut *c).await
        })?;
    }
    tx.after_explicit_ids("party_meetings").await
}

pub async fn get(db: &Db, id: i64) -> Result<Option<MeetingRow>, sqlx::Error> {
    let sql = format!("SELECT {MEETING_COLUMNS} FROM party_meetings WHERE id = $1");
    on_pool!(db, |p| sqlx::query_as(&sql)
        .bind(id)
        .fetch_optional(p)
        .await)
}

/// The meeting, inside a write transaction (to check its state).
pub async fn get_tx(tx: &mut Tx, id: i64) -> Result<Option<MeetingRow>, sqlx::Error> {
    let sql = format!("SELECT {MEETING_COLUMNS} FROM party_meetings WHERE id = $1");
    on_tx!(tx, |c| sqlx::query_as(&sql)
        .bind(id)
        .fetch_optional(c)
        .await)
}

/// Meetings of an organisation, newest first.
pub async fn of_org(db: &Db, org_id: i64, limit: i64) -> Result<Vec<MeetingRow>, sqlx::Error> {
    let sql = format!(
        "SELECT {MEETING_COLUMNS} FROM party_meetings WHERE org_id = $1 ORDER BY held_on DESC, id DESC LIMIT $2"
    );
    on_pool!(db, |p| sqlx::query_as(&sql)
        .bind(org_id)
        .bind(limit)
        .fetch_all(p)
        .await)
}

/// The next meetings of any of the organisations from `day` on (not
/// cancelled), soonest first.
pub async fn upcoming(
    db: &Db,
    org_ids: &[i64],
    day: NaiveDate,
    limit: i64,
) -> Result<Vec<MeetingRow>, sqlx::Error> {
    if org_ids.is_empty() {
        return Ok(Vec::new());
    }
    on_pool!(db, |p| {
        let mut q = QueryBuilder::new(format!(
            "SELECT {MEETING_COLUMNS} FROM party_meetings WHERE state <> 'cancelled' AND held_on >= "
        ));
        q.push_bind(day).push(" AND org_id IN (");
        let mut s = q.separated(", ");
        for id in org_ids.iter().take(CHUNK) {
            s.push_bind(*id);
        }
        q.push(") ORDER BY held_on, id LIMIT ").push_bind(limit);
        q.build_query_as().fetch_all(p).await
    })
}

pub async fn set_state(
    tx: &mut Tx,
    id: i64,
    state: MeetingState,
    now: DateTime<Utc>,
) -> Result<u64, sqlx::Error> {
    exec_tx!(tx, |c| sqlx::query(
        "UPDATE party_meetings SET state = $1, updated_at = $2 WHERE id = $3"
    )
    .bind(state.as_str())
    .bind(now)
    .bind(id)
    .execute(c)
    .await)
}

pub async fn mark_notified(tx: &mut Tx, id: i64, now: DateTime<Utc>) -> Result<u64, sqlx::Error> {
    exec_tx!(tx, |c| {
        sqlx::query(
        "UPDATE party_meetings SET state = CASE WHEN state = 'planned' THEN 'notified' ELSE state END, notice_sent_at = $1, updated_at = $1 WHERE id = $2"
    )
    .bind(now)
    .bind(id)
    .execute(c)
    .await
    })
}

/// Write the minutes if the meeting is still at `version`; 0 rows if not.
pub async fn set_minutes(
    tx: &mut Tx,
    id: i64,
    version: i64,
    minutes: &str,
    resolutions: &str,
    now: DateTime<Utc>,
) -> Result<u64, sqlx::Error> {
    exec_tx!(tx, |c| {
        sqlx::query(
        "UPDATE party_meetings SET minutes = $1, resolutions = $2, state = 'held', updated_at = $3, version = version + 1 \
         WHERE id = $4 AND version = $5"
    )
    .bind(minutes)
    .bind(resolutions)
    .bind(now)
    .bind(id)
    .bind(version)
    .execute(c)
    .await
    })
}

/// Send notices to members (members already noticed keep theirs).
pub async fn insert_notices(
    tx: &mut Tx,
    meeting_id: i64,
    member_ids: &[i64],
    now: DateTime<Utc>,
) -> Result<u64, sqlx::Error> {
    let mut n = 0;
    for chunk in member_ids.chunks(CHUNK) {
        n += exec_tx!(tx, |c| {
            let mut q = QueryBuilder::new(
                "INSERT INTO party_notices (meeting_id, member_id, sent_at, created_at, updated_at) ",
            );
            q.push_values(chunk, |mut b, id| {
                b.push_bind(meeting_id)
                    .push_bind(*id)
                    .push_bind(now)
                    .push_bind(now)
                    .push_bind(now);
            });
            q.push(" ON CONFLICT (meeting_id, member_id) DO NOTHING");
            q.build().execute(&mut *c).await
        })?;
    }
    Ok(n)
}

/// A notice as a member sees it.
#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize)]
pub struct NoticeRow {
    pub meeting_id: i64,
    pub member_id: i64,
    pub title: String,
    pub held_on: NaiveDate,
    pub starts_at: String,
    pub place: String,
    pub sent_at: DateTime<Utc>,
    pub seen_at: Option<DateTime<Utc>>,
}

/// Notices to any of the members, newest first.
pub async fn notices_for(
    db: &Db,
    member_ids: &[i64],
    limit: i64,
) -> Result<Vec<NoticeRow>, sqlx::Error> {
    if member_ids.is_empty() {
        return Ok(Vec::new());
    }
    on_pool!(db, |p| {
        let mut q = QueryBuilder::new(
            "SELECT n.meeting_id, n.member_id, m.title, m.held_on, m.starts_at, m.place, n.sent_at, n.seen_at \
             FROM party_notices n JOIN party_meetings m ON m.id = n.meeting_id WHERE m.state <> 'cancelled' AND n.member_id IN (",
        );
        let mut s = q.separated(", ");
        for id in member_ids.iter().take(CHUNK) {
            s.push_bind(*id);
        }
        q.push(") ORDER BY n.sent_at DESC, n.meeting_id DESC LIMIT ")
            .push_bind(limit);
        q.build_query_as().fetch_all(p).await
    })
}

/// Members of a meeting's notice list, and whether they have seen it.
pub async fn notices_of_meeting(
    db: &Db,
    meeting_id: i64,
) -> Result<Vec<(i64, Option<DateTime<Utc>>)>, sqlx::Error> {
    on_pool!(db, |p| sqlx::query_as(
        "SELECT member_id, seen_at FROM party_notices WHERE meeting_id = $1 ORDER BY member_id"
    )
    .bind(meeting_id)
    .fetch_all(p)
    .await)
}

pub async fn mark_seen(
    tx: &mut Tx,
    meeting_id: i64,
    member_ids: &[i64],
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    for id in member_ids {
        exec_tx!(tx, |c| {
            sqlx::query(
            "UPDATE party_notices SET seen_at = $1, updated_at = $1 WHERE meeting_id = $2 AND member_id = $3 AND seen_at IS NULL"
        )
        .bind(now)
        .bind(meeting_id)
        .bind(*id)
        .execute(c)
        .await
        })?;
    }
    Ok(())
}

/// Record (or change) one member's attendance.
pub async fn upsert_attendance(
    tx: &mut Tx,
    meeting_id: i64,
    member_id: i64,
    status: AttendanceStatus,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    exec_tx!(tx, |c| sqlx::query(
        "INSERT INTO party_attendance (meeting_id, member_id, status, reason, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5) \
         ON CONFLICT (meeting_id, member_id) DO UPDATE SET status = excluded.status, reason = excluded.reason, updated_at = excluded.updated_at"
    )
    .bind(meeting_id)
    .bind(member_id)
    .bind(status.as_str())
    .bind(reason)
    .bind(now)
    .execute(c)
    .await)
    .map(|_| ())
}

#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize)]
pub struct AttendanceRow {
    pub member_id: i64,
    #[sqlx(try_from = "String")]
    pub status: AttendanceStatus,
    pub reason: String,
}

pub async fn attendance_of(db: &Db, meeting_id: i64) -> Result<Vec<AttendanceRow>, sqlx::Error> {
    on_pool!(db, |p| {
        sqlx::query_as(
        "SELECT member_id, status, reason FROM party_attendance WHERE meeting_id = $1 ORDER BY member_id"
    )
    .bind(meeting_id)
    .fetch_all(p)
    .await
    })
}

/// Attendance for every member of each held demo meeting, decided by a
/// deterministic hash of the two ids and `salt` (a bulk path for the demo:
/// 300,000 rows are made by the database in one statement instead of being
/// sent one by one). About 90% present, 4% late, 6% absent with a reason.
pub async fn fill_attendance(
    tx: &mut Tx,
    from_id: i64,
    salt: i64,
    now: DateTime<Utc>,
) -> Result<u64, sqlx::Error> {
    exec_tx!(tx, |c| {
        sqlx::query(
        "INSERT INTO party_attendance (meeting_id, member_id, status, reason, created_at, updated_at) \
         SELECT mt.id, m.id, \
           CASE WHEN (mt.id * 7919 + m.id * 104729 + $1) % 100 < 90 THEN 'present' \
                WHEN (mt.id * 7919 + m.id * 104729 + $1) % 100 < 94 THEN 'late' ELSE 'absent' END, \
           CASE WHEN (mt.id * 7919 + m.id * 104729 + $1) % 100 < 94 THEN '' \
                WHEN m.id % 3 = 0 THEN 'Đi làm ăn xa' WHEN m.id % 3 = 1 THEN 'Ốm' ELSE 'Việc gia đình' END, \
           $2, $2 \
         FROM party_meetings mt JOIN party_members m ON m.org_id = mt.org_id \
         WHERE mt.id >= $3 AND mt.state = 'held' AND m.from_date <= mt.held_on AND (m.to_date IS NULL OR m.to_date >= mt.held_on)"
    )
    .bind(salt)
    .bind(now)
    .bind(from_id)
    .execute(c)
    .await
    })
}

/// Handbook use for the demo: members of the cells of held meetings from
/// `from_id` on open the meeting on its day, chosen by a hash with `salt`
/// so that about `pct` percent of them do; members of the organisations in
/// `always` always do.
pub async fn fill_usage(
    tx: &mut Tx,
    from_id: i64,
    salt: i64,
    pct: i64,
    always: &[i64],
    now: DateTime<Utc>,
) -> Result<u64, sqlx::Error> {
    exec_tx!(tx, |c| {
        let mut q = QueryBuilder::new(
            "INSERT INTO party_usage (member_id, day, kind, created_at, updated_at) \
             SELECT m.id, mt.held_on, 'open_meeting', ",
        );
        q.push_bind(now).push(", ").push_bind(now);
        q.push(
            " FROM party_meetings mt JOIN party_members m ON m.org_id = mt.org_id \
             WHERE mt.state = 'held' AND m.from_date <= mt.held_on AND (m.to_date IS NULL OR m.to_date >= mt.held_on) AND mt.id >= ",
        );
        q.push_bind(from_id)
            .push(" AND ((m.id * 31 + mt.id * 17 + ");
        q.push_bind(salt).push(") % 100 < ").push_bind(pct);
        for id in always {
            q.push(" OR mt.org_id = ").push_bind(*id);
        }
        q.push(")");
        q.build().execute(&mut *c).await
    })
}

#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize)]
pub struct TaskRow {
    pub id: i64,
    pub meeting_id: i64,
    pub org_id: i64,
    pub title: String,
    pub owner_id: Option<i64>,
    pub due_on: Option<NaiveDate>,
    pub done_at: Option<DateTime<Utc>>,
}

const TASK_COLUMNS: &str = "id, meeting_id, org_id, title, owner_id, due_on, done_at";

pub async fn insert_task(
    tx: &mut Tx,
    meeting_id: i64,
    org_id: i64,
    title: &str,
    owner_id: Option<i64>,
    due_on: Option<NaiveDate>,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    on_tx!(tx, |c| {
        sqlx::query_scalar(
        "INSERT INTO party_tasks (meeting_id, org_id, title, owner_id, due_on, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id"
    )
    .bind(meeting_id)
    .bind(org_id)
    .bind(title)
    .bind(owner_id)
    .bind(due_on)
    .bind(now)
    .fetch_one(c)
    .await
    })
}

pub async fn task(db: &Db, id: i64) -> Result<Option<TaskRow>, sqlx::Error> {
    let sql = format!("SELECT {TASK_COLUMNS} FROM party_tasks WHERE id = $1");
    on_pool!(db, |p| sqlx::query_as(&sql)
        .bind(id)
        .fetch_optional(p)
        .await)
}

pub async fn tasks_of_meeting(db: &Db, meeting_id: i64) -> Result<Vec<TaskRow>, sqlx::Error> {
    let sql = format!("SELECT {TASK_COLUMNS} FROM party_tasks WHERE meeting_id = $1 ORDER BY id");
    on_pool!(db, |p| sqlx::query_as(&sql)
        .bind(meeting_id)
        .fetch_all(p)
        .await)
}

/// Open tasks of an organisation decided at meetings before `before_day`:
/// what a meeting carries over from earlier ones.
pub async fn carried_tasks(
    db: &Db,
    org_id: i64,
    meeting_id: i64,
    before_day: NaiveDate,
) -> Result<Vec<TaskRow>, sqlx::Error> {
    on_pool!(db, |p| {
        sqlx::query_as(
        "SELECT t.id, t.meeting_id, t.org_id, t.title, t.owner_id, t.due_on, t.done_at FROM party_tasks t \
         JOIN party_meetings m ON m.id = t.meeting_id \
         WHERE t.org_id = $1 AND t.done_at IS NULL AND t.meeting_id <> $2 AND m.held_on <= $3 ORDER BY t.due_on, t.id"
    )
    .bind(org_id)
    .bind(meeting_id)
    .bind(before_day)
    .fetch_all(p)
    .await
    })
}

/// Open tasks owned by any of the members.
pub async fn open_tasks_of(db: &Db, member_ids: &[i64]) -> Result<Vec<TaskRow>, sqlx::Error> {
    if member_ids.is_empty() {
        return Ok(Vec::new());
    }
    on_pool!(db, |p| {
        let mut q = QueryBuilder::new(format!(
            "SELECT {TASK_COLUMNS} FROM party_tasks WHERE done_at IS NULL AND owner_id IN ("
        ));
        let mut s = q.separated(", ");
        for id in member_ids.iter().take(CHUNK) {
            s.push_bind(*id);
        }
        q.push(") ORDER BY due_on, id");
        q.build_query_as().fetch_all(p).await
    })
}

pub async fn finish_task(tx: &mut Tx, id: i64, now: DateTime<Utc>) -> Result<u64, sqlx::Error> {
    exec_tx!(tx, |c| sqlx::query(
        "UPDATE party_tasks SET done_at = $1, updated_at = $1 WHERE id = $2 AND done_at IS NULL"
    )
    .bind(now)
    .bind(id)
    .execute(c)
    .await)
}

pub async fn attach_documents(
    tx: &mut Tx,
    meeting_id: i64,
    document_ids: &[i64],
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    for id in document_ids {
        exec_tx!(tx, |c| {
            sqlx::query(
            "INSERT INTO party_meeting_documents (meeting_id, document_id, created_at, updated_at) VALUES ($1, $2, $3, $3) \
             ON CONFLICT (meeting_id, document_id) DO NOTHING"
        )
        .bind(meeting_id)
        .bind(*id)
        .bind(now)
        .execute(c)
        .await
        })?;
    }
    Ok(())
}

pub async fn documents_of(db: &Db, meeting_id: i64) -> Result<Vec<i64>, sqlx::Error> {
    on_pool!(db, |p| sqlx::query_scalar(
        "SELECT document_id FROM party_meeting_documents WHERE meeting_id = $1 ORDER BY document_id"
    )
    .bind(meeting_id)
    .fetch_all(p)
    .await)
}
