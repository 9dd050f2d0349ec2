//! `tinhso bench`: the national-scale benchmark of issue 3.
//!
//! Builds the 2025 hierarchy with ~100,000 synthetic villages and N
//! households (from one seed), then measures, on SQLite and/or PostgreSQL,
//! through the same service operations every door uses: household ingest
//! (beside `sqlite3 .import` / `psql \copy` of the same CSV), recomputing
//! every figure from scratch, one ledger write to the refreshed province
//! figure, the headline API under concurrent clients, and the province
//! figures against a plain SQL GROUP BY in the same database; and the
//! import of a generated households XLSX against the CSV ingest's rate
//! (issue 12). Every figure is printed with the command that made it; the
//! closing Markdown table is what docs/PERFORMANCE.md quotes. Timing lives
//! here, never in tests.
//!
//! - `data`: the synthetic villages and the households file.
//! - `run`: one backend's steps, each timed.
//! - `import`: the households XLSX through the importer, with its memory.
//! - `baseline`: the external tools and the GROUP BY.
//! - `http`: a keep-alive HTTP/1.1 client and the load driver.
//! - `stats`: percentiles, memory, formatting.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::Context as _;
use chrono::NaiveDate;

use crate::domain::rng::SeededRng;
use crate::domain::unit::{Level, UnitCode};
use crate::io::admin_csv;
use crate::service::units::NewVillage;
use stats::{group, markdown_table, mib, secs, shell_line};

pub mod baseline;
pub mod data;
pub mod http;
mod import;
mod ingest;
pub mod run;
pub mod stats;

/// Which databases to measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Backend {
    Sqlite,
    Postgres,
    Both,
}

/// `tinhso bench` options.
#[derive(Debug, Clone, clap::Args)]
pub struct BenchArgs {
    /// Households to generate and ingest (the country: 27,000,000).
    #[arg(long, default_value_t = 200_000)]
    pub households: u64,
    /// Villages per 2025 commune, on average (±1/3): 30 gives ~100,000.
    #[arg(long, default_value_t = 30)]
    pub villages_per_commune: u32,
    /// Which databases to measure.
    #[arg(long, value_enum, default_value = "sqlite")]
    pub backend: Backend,
    /// A PostgreSQL server (`postgres://user@host/db`); the bench creates a
    /// fresh database `tinhso_bench_<pid>` on it and drops it at the end.
    #[arg(long)]
    pub database_url: Option<String>,
    /// Directory for the SQLite files and the households CSV (default: a
    /// new temporary directory, removed at the end).
    #[arg(long)]
    pub data: Option<PathBuf>,
    /// Concurrent API clients.
    #[arg(long, default_value_t = 32)]
    pub clients: usize,
    /// Headline requests in all (shared among the clients).
    #[arg(long, default_value_t = 6400)]
    pub requests: usize,
    /// Households per import call (one transaction each).
    #[arg(long, default_value_t = 100_000)]
    pub chunk: usize,
    /// Single ledger writes timed to the refreshed province figure.
    #[arg(long, default_value_t = 50)]
    pub writes: usize,
    /// Percentage of households in their village Zalo group.
    #[arg(long, default_value_t = 60)]
    pub adoption_pct: u64,
    /// Rows of the generated households XLSX imported after the load
    /// (issue 12; 0 skips the step).
    #[arg(long, default_value_t = 100_000)]
    pub xlsx_rows: u64,
    /// Seed of the generator.
    #[arg(long, default_value_t = 20_250_701)]
    pub seed: u64,
    /// Keep the data directory and the PostgreSQL database afterwards.
    #[arg(long)]
    pub keep: bool,
}

/// The day villages start (the 2025 reform) and the day figures are read.
pub fn start_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 7, 1).expect("valid date")
}

pub fn read_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 12, 31).expect("valid date")
}

/// What every backend loads: the villages to create (with the codes the
/// import will give them in a fresh database) and the households file.
pub struct Plan {
    pub villages: Vec<(String, NewVillage)>,
    pub village_codes: Vec<String>,
    pub csv: PathBuf,
    pub households: u64,
}

/// The 2025 communes, from the list shipped in the binary.
fn communes_2025() -> anyhow::Result<Vec<String>> {
    let (_, _, text) = admin_csv::BUILTIN_LISTS
        .iter()
        .find(|l| l.0 == "units-2025")
        .context("the 2025 list is built in")?;
    Ok(admin_csv::parse_units(text)?
        .into_iter()
        .filter(|r| r.level == Level::Commune)
        .map(|r| r.code.to_string())
        .collect())
}

fn plan(args: &BenchArgs, dir: &std::path::Path) -> anyhow::Result<Plan> {
    let mut rng = SeededRng::new(args.seed);
    let communes = communes_2025()?;
    let villages = data::villages(&communes, args.villages_per_commune, &mut rng);
    // A fresh database numbers each commune's villages from 001.
    let mut seq: std::collections::HashMap<&str, u32> = Default::default();
    let mut village_codes = Vec::with_capacity(villages.len());
    for (c, _) in &villages {
        let n = seq.entry(c.as_str()).or_default();
        *n += 1;
        village_codes.push(UnitCode::village(&c.parse()?, *n)?.to_string());
    }
    let counts = data::allocate(args.households, villages.len(), &mut rng);
    let csv = dir.join("households.csv");
    let t = Instant::now();
    let n = data::write_households(
        &csv,
        &village_codes,
        &counts,
        start_day(),
        read_day(),
        &mut rng,
    )
    .with_context(|| format!("writing {}", csv.display()))?;
    let size = std::fs::metadata(&csv).map(|m| m.len()).unwrap_or(0);
    println!(
        "plan: {} communes, {} villages, {} households; {} written in {} ({:.0} MiB)",
        group(communes.len() as u64),
        group(villages.len() as u64),
        group(n),
        csv.display(),
        secs(t.elapsed()),
        size as f64 / 1048576.0
    );
    Ok(Plan {
        villages,
        village_codes,
        csv,
        households: n,
    })
}

/// One line of the summary table.
pub struct Row {
    pub figure: String,
    pub tinhso: String,
    pub baseline: String,
    pub target: String,
    pub met: String,
}

impl Row {
    pub fn new(figure: impl Into<String>, tinhso: impl Into<String>) -> Row {
        Row {
            figure: figure.into(),
            tinhso: tinhso.into(),
            baseline: "—".into(),
            target: "—".into(),
            met: "—".into(),
        }
    }

    pub fn baseline(mut self, b: impl Into<String>) -> Row {
        self.baseline = b.into();
        self
    }

    pub fn target(mut self, t: impl Into<String>, met: bool) -> Row {
        self.target = t.into();
        self.met = if met { "yes" } else { "**no**" }.into();
        self
    }
}

/// Print a step as it finishes: what, how long, details, memory now.
pub fn step(backend: &str, what: &str, took: Duration, detail: &str) {
    let (rss, _) = stats::memory_kib();
    println!(
        "| {backend} | {what} | {} | {detail} | {} |",
        secs(took),
        mib(rss)
    );
}

pub async fn run(args: BenchArgs) -> anyhow::Result<()> {
    let command = shell_line(&std::env::args().collect::<Vec<_>>());
    let started = chrono::Utc::now();
    let backends: &[Backend] = match args.backend {
        Backend::Sqlite => &[Backend::Sqlite],
        Backend::Postgres => &[Backend::Postgres],
        Backend::Both => &[Backend::Sqlite, Backend::Postgres],
    };
    if backends.contains(&Backend::Postgres) && args.database_url.is_none() {
        anyhow::bail!("--backend postgres|both needs --database-url postgres://...");
    }
    let (dir, temporary) = match &args.data {
        Some(d) => (d.clone(), false),
        None => (
            std::env::temp_dir().join(format!("tinhso-bench-{}", std::process::id())),
            true,
        ),
    };
    std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    println!("# tinhso bench");
    println!();
    println!("command: `{command}`");
    println!(
        "started: {} UTC; tinhso {}; {}",
        started.format("%Y-%m-%d %H:%M"),
        env!("CARGO_PKG_VERSION"),
        stats::machine()
    );
    println!("load average at start: {}", stats::load_average());
    println!(
        "figures read on {} (2025 tree); households registered {}..{}",
        read_day(),
        start_day(),
        read_day()
    );
    println!();
    let plan = plan(&args, &dir)?;
    println!();
    println!("| backend | step | time | detail | RSS after |");
    println!("|---|---|---|---|---|");
    let mut tables = Vec::new();
    for &b in backends {
        stats::reset_peak();
        let rows = match b {
            Backend::Sqlite => run::sqlite(&args, &plan, &dir).await?,
            _ => {
                let url = args.database_url.as_deref().expect("checked above");
                run::postgres(&args, &plan, url).await?
            }
        };
        tables.push((b, rows));
    }
    println!();
    println!(
        "finished: {} UTC; load average at end: {}",
        chrono::Utc::now().format("%Y-%m-%d %H:%M"),
        stats::load_average()
    );
    println!();
    for (b, rows) in &tables {
        let name = match b {
            Backend::Sqlite => "SQLite",
            _ => "PostgreSQL",
        };
        println!(
            "## {name}: {} households, {} villages",
            group(plan.households),
            group(plan.village_codes.len() as u64)
        );
        println!();
        println!("command: `{command}`");
        println!();
        let cells: Vec<Vec<String>> = rows
            .iter()
            .map(|r| {
                vec![
                    r.figure.clone(),
                    r.tinhso.clone(),
                    r.baseline.clone(),
                    r.target.clone(),
                    r.met.clone(),
                ]
            })
            .collect();
        print!(
            "{}",
            markdown_table(
                &[
                    "figure",
                    "tinhso",
                    "baseline (same run)",
                    "target at 27M",
                    "met here?"
                ],
                &cells
            )
        );
        println!();
    }
    println!(
        "GROUP BY baseline (one province adds `AND c.parent_id = $2`):\n\n```sql\n{}\n```",
        baseline::group_by_sql(false)
    );
    if temporary && !args.keep {
        std::fs::remove_dir_all(&dir).ok();
    } else {
        println!("\ndata kept in {}", dir.display());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_2025_list_has_its_communes() {
        assert_eq!(super::communes_2025().unwrap().len(), 3321);
    }
}
