//! The baselines the issue names, run in the same process and on the same
//! rows: the `sqlite3` shell's `.import` and `psql`'s `\copy` of the
//! households file, and the province figures computed by a plain SQL
//! GROUP BY over the households joined to the hierarchy (what a nightly
//! analytics job does).

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::{Context as _, bail};
use chrono::NaiveDate;

use super::data::CSV_COLUMNS;
use super::stats::shell_line;
use crate::on_pool;
use crate::store::Db;

/// A timed external command and the line that ran it.
pub struct External {
    pub command: String,
    pub elapsed: Duration,
}

fn run(program: &str, args: &[String]) -> anyhow::Result<External> {
    let mut words = vec![program.to_owned()];
    words.extend(args.iter().cloned());
    let command = shell_line(&words);
    let t = Instant::now();
    let out = Command::new(program).args(args).output().with_context(|| {
        format!(
            "running {command} (the baselines need the sqlite3 and psql shells: \
             apt-get install sqlite3 postgresql-client)"
        )
    })?;
    let elapsed = t.elapsed();
    if !out.status.success() || !out.stderr.is_empty() {
        bail!(
            "{command} failed ({}): {}",
            out.status,
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    Ok(External { command, elapsed })
}

/// The table the baselines load: the file's columns, with the same
/// UNIQUE (village, code) index as `households`.
fn table_sql(name: &str, date_type: &str) -> String {
    format!(
        "CREATE TABLE {name} (village TEXT NOT NULL, code TEXT NOT NULL, head_name TEXT, \
         phone TEXT, size BIGINT, poverty TEXT NOT NULL, registered_on {date_type} NOT NULL, \
         UNIQUE (village, code))"
    )
}

/// `sqlite3 .import` of the households file into a fresh database file
/// with tinhso's journal settings (WAL, synchronous=FULL, 64 MiB cache).
/// The schema is created first, untimed. Returns the timed import.
pub fn sqlite3_import(db_file: &Path, csv: &Path, rows: u64) -> anyhow::Result<External> {
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", db_file.display()));
    }
    let db = db_file.display().to_string();
    let setup = [
        "-bail".to_owned(),
        db.clone(),
        "PRAGMA journal_mode=WAL".to_owned(),
        table_sql("households", "TEXT"),
    ];
    // `PRAGMA journal_mode` prints the mode; that is fine on stdout.
    run("sqlite3", &setup)?;
    let timed = [
        "-bail".to_owned(),
        db.clone(),
        "PRAGMA synchronous=FULL".to_owned(),
        "PRAGMA cache_size=-65536".to_owned(),
        format!(".import --csv --skip 1 {} households", csv.display()),
    ];
    let ext = run("sqlite3", &timed)?;
    let out = Command::new("sqlite3")
        .args([db.as_str(), "SELECT count(*) FROM households"])
        .output()?;
    let got: u64 = String::from_utf8_lossy(&out.stdout).trim().parse()?;
    if got != rows {
        bail!("sqlite3 imported {got} rows, expected {rows}");
    }
    Ok(ext)
}

/// `psql \copy` of the households file into a fresh table of the bench
/// database. Returns the timed copy.
pub async fn psql_copy(db: &Db, url: &str, csv: &Path, rows: u64) -> anyhow::Result<External> {
    let Db::Postgres(pool) = db else {
        bail!("psql \\copy needs PostgreSQL");
    };
    sqlx::query("DROP TABLE IF EXISTS households_copy")
        .execute(pool)
        .await?;
    sqlx::query(&table_sql("households_copy", "DATE"))
        .execute(pool)
        .await?;
    let copy = format!(
        "\\copy households_copy ({}) FROM '{}' WITH (FORMAT csv, HEADER true)",
        CSV_COLUMNS.join(", "),
        csv.display()
    );
    let args = [
        "-X".to_owned(),
        "-q".to_owned(),
        "-v".to_owned(),
        "ON_ERROR_STOP=1".to_owned(),
        "-d".to_owned(),
        url.to_owned(),
        "-c".to_owned(),
        copy,
    ];
    let ext = tokio::task::spawn_blocking(move || run("psql", &args)).await??;
    let got: i64 = sqlx::query_scalar("SELECT count(*) FROM households_copy")
        .fetch_one(pool)
        .await?;
    if got as u64 != rows {
        bail!("psql copied {got} rows, expected {rows}");
    }
    sqlx::query("DROP TABLE households_copy")
        .execute(pool)
        .await?;
    Ok(ext)
}

/// Households and households in the village Zalo group, per province (the
/// grandparent of a village in the 2025 tree, where communes hang straight
/// under provinces), on `$1`; only province `$2` when `one`.
pub fn group_by_sql(one: bool) -> String {
    format!(
        "SELECT c.parent_id, COUNT(*), CAST(SUM(CASE WHEN a.n > 0 THEN 1 ELSE 0 END) AS BIGINT) \
         FROM households h \
         JOIN units v ON v.id = h.village_id \
         JOIN units c ON c.id = v.parent_id \
         LEFT JOIN (SELECT household_id, SUM(change) AS n FROM adoption_events \
                    WHERE kind = 'zalo_group' AND event_date <= $1 GROUP BY household_id) a \
                ON a.household_id = h.id \
         WHERE h.registered_on <= $1{} \
         GROUP BY c.parent_id",
        if one { " AND c.parent_id = $2" } else { "" }
    )
}

/// One run of the GROUP BY: rows of (province id, households, adopted).
pub async fn group_by(
    db: &Db,
    day: NaiveDate,
    province: Option<i64>,
) -> anyhow::Result<(Vec<(i64, i64, i64)>, Duration)> {
    let t = Instant::now();
    let sql = group_by_sql(province.is_some());
    let rows: Vec<(i64, i64, i64)> = on_pool!(db, |p| {
        let q = sqlx::query_as(&sql).bind(day);
        match province {
            Some(id) => q.bind(id).fetch_all(p).await,
            None => q.fetch_all(p).await,
        }
    })?;
    Ok((rows, t.elapsed()))
}

/// Run the GROUP BY twice (the first warms the cache) and keep the second.
pub async fn group_by_warm(
    db: &Db,
    day: NaiveDate,
    province: Option<i64>,
) -> anyhow::Result<(Vec<(i64, i64, i64)>, Duration)> {
    group_by(db, day, province).await?;
    group_by(db, day, province).await
}

/// Make the planner's statistics current after a bulk load (what an
/// operator, or autovacuum, does).
pub async fn analyze(db: &Db) -> anyhow::Result<()> {
    on_pool!(db, |p| sqlx::query("ANALYZE").execute(p).await.map(|_| ()))?;
    Ok(())
}
