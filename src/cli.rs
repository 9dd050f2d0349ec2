//! The command line: `tinhso serve | demo | migrate | user | figures |
//! import | export | units | bench | openapi`.
//! Each command opens the context and calls the same operations the web
//! uses, as the operator (`Actor::system("cli")`).

mod import;

use std::path::PathBuf;

use anyhow::Context as _;
use clap::{Parser, Subcommand};

use crate::app::App;
use crate::config::Config;
use crate::demo;
use crate::domain::unit::parse_day;
use crate::service::accounts::{self, GrantInput, NewUser};
use crate::service::{Actor, Ctx, units};

#[derive(Debug, Parser)]
#[command(
    name = "tinhso",
    version,
    about = "Tỉnh số: a province's digital-transformation programme, from the steering committee to the village"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the web pages and the API (applies migrations first).
    Serve {
        #[command(flatten)]
        config: Config,
    },
    /// Create a fresh demo database (Yên Bái, 2022) and serve it.
    Demo {
        #[command(flatten)]
        config: Config,
        /// Build the demo and exit without serving.
        #[arg(long)]
        no_serve: bool,
    },
    /// Apply database migrations and load the official unit lists.
    Migrate {
        #[command(flatten)]
        config: Config,
    },
    /// Manage accounts.
    User {
        #[command(flatten)]
        config: Config,
        #[command(subcommand)]
        action: UserCommand,
    },
    /// Live figures: recompute every counter from the records.
    Figures {
        #[command(flatten)]
        config: Config,
        #[command(subcommand)]
        action: FiguresCommand,
    },
    /// Print the API's OpenAPI 3.1 document (as served at
    /// /api/v1/openapi.json), generated from the code.
    Openapi,
    /// Import a spreadsheet or CSV file into a register (villages,
    /// households, team_members, org_groups, party_members, values,
    /// criteria_values), as the API does; --dry-run checks and writes
    /// nothing.
    Import(import::ImportArgs),
    /// Write a register at a unit as a file that imports back unchanged.
    Export(import::ExportArgs),
    /// Load and show administrative units.
    Units {
        #[command(flatten)]
        config: Config,
        #[command(subcommand)]
        action: UnitsCommand,
    },
    /// Measure ingest, recompute, write-to-figure and API latency at
    /// national scale on fresh databases, beside the baselines (build with
    /// --release). Prints Markdown for docs/PERFORMANCE.md.
    Bench {
        #[command(flatten)]
        args: crate::bench::BenchArgs,
    },
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Add an account. The password is read from TINHSO_PASSWORD or --password.
    Add {
        username: String,
        #[arg(long)]
        name: String,
        #[arg(long, env = "TINHSO_PASSWORD", hide_env_values = true)]
        password: String,
        /// Grants as ROLE or ROLE@UNITCODE (e.g. commune_officer@04387); repeatable.
        #[arg(long = "grant")]
        grants: Vec<String>,
    },
    /// List accounts with their grants.
    List,
    /// Replace an account's grants (ROLE or ROLE@UNITCODE; repeatable).
    Grant {
        username: String,
        #[arg(long = "grant", required = true)]
        grants: Vec<String>,
    },
    /// Set a new password and end the account's sessions.
    ResetPassword {
        username: String,
        #[arg(long, env = "TINHSO_PASSWORD", hide_env_values = true)]
        password: String,
    },
    /// Create an API token for an account; prints the secret once.
    Token {
        username: String,
        #[arg(long, default_value = "cli")]
        name: String,
        #[arg(long)]
        days: Option<i64>,
    },
}

#[derive(Debug, Subcommand)]
pub enum FiguresCommand {
    /// Recompute every unit's counters from the ledger, teams and
    /// households, and replace the stored ones (one transaction).
    Recount,
    /// Print a unit's headline figures on a day.
    Show {
        code: String,
        #[arg(long)]
        on: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum UnitsCommand {
    /// Load the lists shipped with tinhso (2022, 2024, 2025, 2026 and the
    /// 2025 merge mapping), skipping those already loaded.
    LoadBuiltin,
    /// Load an official list (CSV: code,name,full_name,level,type,parent_code).
    Load {
        file: PathBuf,
        /// The list's name, recorded so it is not loaded twice.
        #[arg(long)]
        name: String,
        /// The first day the list holds (YYYY-MM-DD).
        #[arg(long)]
        valid_from: String,
    },
    /// Show a unit on a day with its children.
    Show {
        code: String,
        #[arg(long)]
        on: Option<String>,
    },
    /// Search units by name (diacritics optional).
    Search {
        query: String,
        #[arg(long)]
        on: Option<String>,
    },
}

fn parse_grants(specs: &[String]) -> Vec<GrantInput> {
    specs
        .iter()
        .map(|s| match s.split_once('@') {
            Some((role, unit)) => GrantInput {
                role: role.into(),
                unit: Some(unit.into()),
            },
            None => GrantInput {
                role: s.clone(),
                unit: None,
            },
        })
        .collect()
}

fn day_of(ctx: &Ctx, on: Option<&str>) -> anyhow::Result<chrono::NaiveDate> {
    Ok(match on {
        Some(s) => parse_day("on", s)?,
        None => ctx.today(),
    })
}

pub async fn run(cli: Cli) -> anyhow::Result<()> {
    let op = Actor::system("cli");
    match cli.command {
        Command::Serve { config } => {
            let ctx = Ctx::open(config).await?;
            if ctx.hierarchy().is_empty() {
                let reports = units::load_builtin(&ctx, &op).await?;
                tracing::info!(lists = reports.len(), "loaded the official unit lists");
            }
            let app = App::build(ctx).await?;
            println!("tinhso serving on http://{}", app.local_addr());
            app.run().await
        }
        Command::Demo { config, no_serve } => run_demo(config, no_serve).await,
        Command::Migrate { config } => {
            let ctx = Ctx::open(config).await?;
            for r in units::load_builtin(&ctx, &op).await? {
                println!(
                    "{}: {} rows from {}; {} new versions, {} closed, {} links",
                    r.list, r.rows, r.valid_from, r.opened, r.closed, r.successions
                );
            }
            println!("database up to date ({})", ctx.db().backend());
            Ok(())
        }
        Command::User { config, action } => {
            let ctx = Ctx::open(config).await?;
            user_command(&ctx, &op, action).await
        }
        Command::Figures { config, action } => {
            let ctx = Ctx::open(config).await?;
            match action {
                FiguresCommand::Recount => {
                    let started = std::time::Instant::now();
                    let rows = crate::service::figures::recount(&ctx, &op).await?;
                    println!(
                        "recounted {rows} counter rows in {:.2} s",
                        started.elapsed().as_secs_f64()
                    );
                }
                FiguresCommand::Show { code, on } => {
                    let day = day_of(&ctx, on.as_deref())?;
                    let h = crate::service::headline::headline_all(&ctx, &op, &code, day).await?;
                    println!(
                        "{} {} on {day} (as of {})",
                        h.unit.code, h.unit.full_name, h.as_of
                    );
                    for (key, f) in h.figures {
                        let parts = match (f.numerator, f.denominator) {
                            (Some(n), Some(d)) => format!("  ({n} / {d})"),
                            _ => String::new(),
                        };
                        println!(
                            "  {key:<36} {}{parts}",
                            f.value.map(|v| v.to_string()).unwrap_or_else(|| "–".into())
                        );
                    }
                }
            }
            Ok(())
        }
        Command::Units { config, action } => {
            let ctx = Ctx::open(config).await?;
            units_command(&ctx, &op, action).await
        }
        Command::Import(args) => import::run(args, &op).await,
        Command::Export(args) => import::export(args, &op).await,
        Command::Bench { args } => crate::bench::run(args).await,
        Command::Openapi => {
            // Written, not println!'d: piped into `head` it must not panic.
            use std::io::Write;
            let mut out = std::io::stdout().lock();
            match writeln!(out, "{}", *crate::http::api::DOCUMENT) {
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
                _ => Ok(()),
            }
        }
    }
}

async fn user_command(ctx: &Ctx, op: &Actor, action: UserCommand) -> anyhow::Result<()> {
    let day = day_of(ctx, None)?;
    match action {
        UserCommand::Add {
            username,
            name,
            password,
            grants,
        } => {
            let input = NewUser {
                username,
                display_name: name,
                password,
                grants: parse_grants(&grants),
            };
            let u = accounts::create_user(ctx, op, &input, day).await?;
            println!("created {} (id {})", u.username, u.id);
        }
        UserCommand::List => {
            for u in accounts::list_users(ctx, op).await? {
                let grants: Vec<String> = u
                    .grants
                    .iter()
                    .map(|g| {
                        format!(
                            "{}@{}",
                            g.role,
                            g.unit_code.clone().unwrap_or_else(|| "*".into())
                        )
                    })
                    .collect();
                println!(
                    "{:<16} {:<32} {}",
                    u.username,
                    u.display_name,
                    grants.join(" ")
                );
            }
        }
        UserCommand::Grant { username, grants } => {
            let id = accounts::user_id_by_name(ctx, &username).await?;
            let version = accounts::get_user(ctx, op, id).await?.grants_version;
            let grants = parse_grants(&grants);
            let u = accounts::set_grants(ctx, op, id, &grants, version, day).await?;
            println!("{} now has {} grant(s)", u.username, u.grants.len());
        }
        UserCommand::ResetPassword { username, password } => {
            let id = accounts::user_id_by_name(ctx, &username).await?;
            accounts::reset_password(ctx, op, id, &password).await?;
            println!("password of {username} reset; their sessions ended");
        }
        UserCommand::Token {
            username,
            name,
            days,
        } => {
            let id = accounts::user_id_by_name(ctx, &username).await?;
            let actor = accounts::actor_for_id(ctx, id).await?;
            let (secret, _) = accounts::create_token(ctx, &actor, &name, days).await?;
            println!("{secret}");
        }
    }
    Ok(())
}

async fn units_command(ctx: &Ctx, op: &Actor, action: UnitsCommand) -> anyhow::Result<()> {
    match action {
        UnitsCommand::LoadBuiltin => {
            for r in units::load_builtin(ctx, op).await? {
                println!(
                    "{}: {} rows; {} new versions, {} closed, {} links",
                    r.list, r.rows, r.opened, r.closed, r.successions
                );
            }
        }
        UnitsCommand::Load {
            file,
            name,
            valid_from,
        } => {
            let text = std::fs::read_to_string(&file)
                .with_context(|| format!("reading {}", file.display()))?;
            let from = parse_day("valid_from", &valid_from)?;
            let r = units::load_list(ctx, op, &name, &text, from).await?;
            println!(
                "{}: {} rows; {} unchanged, {} new versions, {} closed",
                r.list, r.rows, r.unchanged, r.opened, r.closed
            );
        }
        UnitsCommand::Show { code, on } => {
            let day = day_of(ctx, on.as_deref())?;
            let p = units::page(ctx, op, &code, day)?;
            let path: Vec<&str> = p.ancestors.iter().map(|a| a.full_name.as_str()).collect();
            println!(
                "{} {} ({}) on {day}",
                p.unit.unit.code, p.unit.unit.full_name, p.unit.unit.level
            );
            if !path.is_empty() {
                println!("  in {}", path.join(" › "));
            }
            let c = p.unit.counts;
            println!(
                "  below: {} districts, {} communes, {} villages",
                c.districts, c.communes, c.villages
            );
            for child in p.children {
                println!("  {:<8} {}", child.unit.code, child.unit.full_name);
            }
        }
        UnitsCommand::Search { query, on } => {
            let day = day_of(ctx, on.as_deref())?;
            for hit in units::search(ctx, op, &query, day, units::SEARCH_LIMIT)? {
                println!(
                    "{:<8} {:<40} {}",
                    hit.unit.code,
                    hit.unit.full_name,
                    hit.path.join(", ")
                );
            }
        }
    }
    Ok(())
}

/// `tinhso demo`: a fresh demo database in the data directory (a new
/// temporary one when none is given), then serve it.
async fn run_demo(mut config: Config, no_serve: bool) -> anyhow::Result<()> {
    if config
        .database_url
        .as_deref()
        .is_some_and(|u| !u.starts_with("sqlite:"))
    {
        anyhow::bail!("the demo builds its own SQLite database; leave out --database-url");
    }
    if std::env::args().all(|a| a != "--data" && !a.starts_with("--data="))
        && std::env::var_os("TINHSO_DATA_DIR").is_none()
    {
        config.data_dir = std::env::temp_dir().join(format!("tinhso-demo-{}", std::process::id()));
    }
    config.database_url = None;
    let db_path = config.data_dir.join("tinhso.db");
    if db_path.exists() {
        let old = Ctx::open(config.clone()).await?;
        let is_demo = crate::service::meta::is_demo(&old).await?;
        old.db().close().await;
        if !is_demo {
            anyhow::bail!(
                "{} holds a database that is not a demo; give the demo another --data directory",
                config.data_dir.display()
            );
        }
        for suffix in ["", "-wal", "-shm"] {
            let p = PathBuf::from(format!("{}{suffix}", db_path.display()));
            if p.exists() {
                std::fs::remove_file(&p).with_context(|| format!("removing {}", p.display()))?;
            }
        }
    }
    let started = std::time::Instant::now();
    let ctx = Ctx::open(config).await?;
    let accounts = demo::generate(&ctx).await?;
    println!(
        "tinhso demo: Yên Bái on {} (built in {:.1} s, data in {})",
        demo::demo_day(),
        started.elapsed().as_secs_f64(),
        ctx.config().data_dir.display()
    );
    println!("accounts (password for all: {}):", demo::PASSWORD);
    for a in &accounts {
        println!("  {:<10} {:<18} {}", a.username, a.role, a.unit);
    }
    if no_serve {
        return Ok(());
    }
    let app = App::build(ctx).await?;
    println!(
        "open http://{}/units?on={}",
        app.local_addr(),
        demo::demo_day()
    );
    app.run().await
}
