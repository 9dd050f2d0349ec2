//! One backend's benchmark: a fresh database, the hierarchy, the ingest,
//! the baseline load, the recompute, the figures against the GROUP BY, the
//! single writes, and the API under load. Each step goes through the same
//! service operations as the web and the CLI, and prints one row.

use std::path::Path;
use std::time::Instant;

use anyhow::{Context as _, ensure};

use super::baseline::{self};
use super::ingest::Ingest;
use super::stats::{group, rate};
use super::{BenchArgs, Plan, Row, read_day, start_day, step};
use crate::config::Config;
use crate::domain::metric::Adoption;
use crate::domain::period::{Period, PeriodKind};
use crate::domain::rng::SeededRng;
use crate::domain::unit::Level;
use crate::service::indicators::{self, MetricInput, ValueInput};
use crate::service::{Actor, Ctx, units};
use crate::store::Db;

mod measure;

use measure::measure;

pub(super) const ZALO: Adoption = Adoption::ZaloGroup;

/// The province measured: the one with the most villages on the day.
struct Province {
    code: String,
    id: i64,
    name: String,
    villages: u32,
}

/// The benchmark on a fresh SQLite file in `dir`.
pub async fn sqlite(args: &BenchArgs, plan: &Plan, dir: &Path) -> anyhow::Result<Vec<Row>> {
    let file = dir.join("tinhso.db");
    remove_sqlite(&file);
    let db = Db::connect(&format!("sqlite://{}", file.display())).await?;
    let ctx = Ctx::with_db(Config::for_data_dir(dir.to_path_buf()), db).await?;
    let ingest = build(args, plan, &ctx, "sqlite").await?;
    let base_file = dir.join("sqlite3-import.db");
    let ext = baseline::sqlite3_import(&base_file, &plan.csv, plan.households)?;
    remove_sqlite(&base_file);
    step(
        "sqlite",
        "baseline: `sqlite3 .import` of the same CSV",
        ext.elapsed,
        &format!("{}; `{}`", rate(plan.households, ext.elapsed), ext.command),
    );
    let rows = measure(args, ctx, "sqlite", ingest, ("sqlite3 .import", ext)).await?;
    remove_sqlite(&file);
    Ok(rows)
}

fn remove_sqlite(file: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", file.display()));
    }
}

/// `postgres://h/db?x` with another database name.
pub fn with_database(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, format!("?{q}")),
        None => (url, String::new()),
    };
    let scheme_end = base.find("://").map(|i| i + 3).unwrap_or(0);
    let host_part = match base[scheme_end..].find('/') {
        Some(i) => &base[..scheme_end + i],
        None => base,
    };
    format!("{host_part}/{name}{query}")
}

/// The benchmark on a fresh database `tinhso_bench_<pid>` of the server.
pub async fn postgres(args: &BenchArgs, plan: &Plan, server: &str) -> anyhow::Result<Vec<Row>> {
    let name = format!("tinhso_bench_{}", std::process::id());
    let admin = sqlx::PgPool::connect(server)
        .await
        .with_context(|| format!("connecting to {}", crate::store::redact(server)))?;
    sqlx::query(&format!("DROP DATABASE IF EXISTS {name}"))
        .execute(&admin)
        .await?;
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&admin)
        .await?;
    let url = with_database(server, &name);
    let result = async {
        let db = Db::connect(&url).await?;
        let ctx = Ctx::with_db(Config::for_data_dir(std::env::temp_dir()), db).await?;
        let ingest = build(args, plan, &ctx, "postgres").await?;
        let ext = baseline::psql_copy(ctx.db(), &url, &plan.csv, plan.households).await?;
        step(
            "postgres",
            "baseline: `psql \\copy` of the same CSV",
            ext.elapsed,
            &format!("{}; `{}`", rate(plan.households, ext.elapsed), ext.command),
        );
        measure(args, ctx, "postgres", ingest, ("psql \\copy", ext)).await
    }
    .await;
    if args.keep {
        println!("kept database {}", crate::store::redact(&url));
    } else {
        sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
            .execute(&admin)
            .await?;
    }
    admin.close().await;
    result
}

/// The hierarchy and the ledger: official lists, villages, households and
/// their adoptions, then fresh planner statistics.
async fn build(args: &BenchArgs, plan: &Plan, ctx: &Ctx, backend: &str) -> anyhow::Result<Ingest> {
    let op = Actor::system("bench");
    let t = Instant::now();
    let reports = units::load_builtin(ctx, &op).await?;
    step(
        backend,
        "load the official lists (2022, 2024, 2025, 2026, merge)",
        t.elapsed(),
        &format!(
            "{} lists; {} unit versions",
            reports.len(),
            ctx.hierarchy().len()
        ),
    );
    let t = Instant::now();
    let codes = units::import_villages(ctx, &op, start_day(), &plan.villages).await?;
    ensure!(
        codes == plan.village_codes,
        "villages got other codes than planned"
    );
    step(
        backend,
        "create the villages (one import, one transaction)",
        t.elapsed(),
        &format!("{} villages", group(codes.len() as u64)),
    );
    let t = Instant::now();
    let values = org_values(args, plan, ctx).await?;
    step(
        backend,
        "define the 8 organisation metrics; import a month of their values per village",
        t.elapsed(),
        &format!("{} values", group(values as u64)),
    );
    let ingest = super::ingest::ingest(args, plan, ctx).await?;
    step(
        backend,
        &format!(
            "ingest households (import from the CSV, {} per transaction)",
            group(args.chunk as u64)
        ),
        ingest.took,
        &rate(ingest.households, ingest.took),
    );
    step(
        backend,
        &format!(
            "ingest adoption events ({}% of households, one import per chunk)",
            args.adoption_pct
        ),
        ingest.events_took,
        &format!(
            "{} events, {}",
            group(ingest.events),
            rate(ingest.events, ingest.events_took)
        ),
    );
    let t = Instant::now();
    baseline::analyze(ctx.db()).await?;
    step(backend, "ANALYZE (untimed in the figures)", t.elapsed(), "");
    Ok(ingest)
}

/// The organisations whose members in the village group chats the
/// headline reports (as in the demo): their two metrics each, and one
/// month of values for every village, so the headline pays for them.
async fn org_values(args: &BenchArgs, plan: &Plan, ctx: &Ctx) -> anyhow::Result<usize> {
    let op = Actor::system("bench");
    const ORGS: [&str; 4] = ["women", "farmers", "veterans", "youth"];
    for org in ORGS {
        for prefix in ["org_members", "org_in_group"] {
            let input = MetricInput {
                code: format!("{prefix}_{org}"),
                name_vi: format!("{prefix} {org} (bench)"),
                name_en: format!("{prefix} {org} (bench)"),
                value_type: "count".into(),
                hierarchy_aggregation: "sum".into(),
                time_aggregation: "last".into(),
                entry_level: "village".into(),
                min_value: Some(0.0),
                max_value: Some(10_000.0),
            };
            indicators::create_metric(ctx, &op, &input).await?;
        }
    }
    let period = Period::containing(PeriodKind::Month, read_day()).to_string();
    let mut rng = SeededRng::new(args.seed ^ 0x0A65);
    let mut n = 0;
    for villages in plan.village_codes.chunks(12_500) {
        let mut values = Vec::with_capacity(villages.len() * 8);
        for code in villages {
            for org in ORGS {
                let members = rng.range(15, 60) as f64;
                let in_group = (members * rng.range(55, 100) as f64 / 100.0).round();
                for (prefix, value) in [("org_members", members), ("org_in_group", in_group)] {
                    values.push(ValueInput {
                        metric: format!("{prefix}_{org}"),
                        unit: code.clone(),
                        period: period.clone(),
                        value,
                        version: None,
                    });
                }
            }
        }
        n += indicators::import_values(ctx, &op, &values).await?;
    }
    Ok(n)
}

fn largest_province(ctx: &Ctx) -> anyhow::Result<Province> {
    let h = ctx.hierarchy();
    let best = h
        .roots(read_day())
        .into_iter()
        .max_by_key(|p| p.subtree_counts().get(Level::Village))
        .context("no province on the day")?;
    Ok(Province {
        code: best.unit.code.to_string(),
        id: best.unit.id,
        name: best.unit.full_name.clone(),
        villages: best.subtree_counts().get(Level::Village),
    })
}

#[cfg(test)]
mod tests {
    use super::with_database;

    #[test]
    fn swaps_the_database_of_a_url() {
        assert_eq!(
            with_database("postgres://postgres@127.0.0.1:5432/test", "b"),
            "postgres://postgres@127.0.0.1:5432/b"
        );
        assert_eq!(
            with_database("postgres://u:p@h/db?sslmode=disable", "b"),
            "postgres://u:p@h/b?sslmode=disable"
        );
        assert_eq!(with_database("postgres://h", "b"), "postgres://h/b");
    }
}
