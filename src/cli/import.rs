//! `tinhso import REGISTER FILE --unit CODE [--dry-run] [--encoding E]
//! [--json]`: the importer from the command line, as the operator, with a
//! progress bar on the terminal and the same report as the API; and
//! `tinhso export REGISTER --unit CODE [--format xlsx|csv] [--out FILE]`,
//! whose file imports back unchanged.

use std::path::PathBuf;
use std::sync::Arc;

use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};

use crate::config::Config;
use crate::http::api::types::imports::ImportOut;
use crate::i18n::Lang;
use crate::io::vn_text::TextEncoding;
use crate::service::imports::{self, Register, Source};
use crate::service::{Actor, Ctx};

#[derive(Debug, Args)]
pub struct ImportArgs {
    #[command(flatten)]
    pub config: Config,
    /// The register: villages, households, team_members, org_groups,
    /// party_members, values or criteria_values.
    pub register: String,
    /// An XLSX, XLS, ODS or CSV file.
    pub file: PathBuf,
    /// The unit the rows belong to (for households: the village, or a
    /// commune or district whose file names each row's village).
    #[arg(long)]
    pub unit: String,
    /// Check every row and write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// The text's encoding when the guess is wrong: utf-8, utf-16,
    /// windows-1258, tcvn3 or vni.
    #[arg(long)]
    pub encoding: Option<String>,
    /// Print the report as JSON (the API's shape).
    #[arg(long)]
    pub json: bool,
}

/// The language of the messages: Vietnamese when the terminal's locale is.
fn lang() -> Lang {
    let locale = std::env::var("LC_ALL")
        .or_else(|_| std::env::var("LANG"))
        .unwrap_or_default();
    if locale.starts_with("vi") {
        Lang::Vi
    } else {
        Lang::En
    }
}

pub async fn run(args: ImportArgs, op: &Actor) -> anyhow::Result<()> {
    let register = Register::parse(&args.register).map_err(|e| anyhow::anyhow!("{e}"))?;
    let encoding = match args.encoding.as_deref() {
        None | Some("auto") => None,
        Some(e) => Some(TextEncoding::parse(e).map_err(|e| anyhow::anyhow!("{e}"))?),
    };
    let ctx = Ctx::open(args.config).await?;
    let bar = ProgressBar::new_spinner();
    bar.set_style(
        ProgressStyle::with_template("{spinner} {msg} ({elapsed})")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    bar.enable_steady_tick(std::time::Duration::from_millis(200));
    bar.set_message(format!("reading {}", args.file.display()));
    let tell = bar.clone();
    let src = Source {
        name: args
            .file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        path: args.file.clone(),
        encoding,
        progress: Some(Arc::new(move |row| tell.set_message(format!("row {row}")))),
    };
    let result = imports::import(&ctx, op, register, &args.unit, &src, args.dry_run).await;
    bar.finish_and_clear();
    let lang = lang();
    let report = result.map_err(|e| anyhow::anyhow!("{}", e.message(lang)))?;
    let out = ImportOut::of(report, lang);
    if args.json {
        println!("{}", serde_json::to_string_pretty(&out)?);
    } else {
        println!(
            "{} {} ({}){}: {} rows, {} created, {} updated, {} unchanged, {} refused",
            out.register,
            out.unit,
            out.encoding,
            if out.dry_run { ", dry run" } else { "" },
            out.rows,
            out.created,
            out.updated,
            out.unchanged,
            out.refused
        );
        for e in &out.errors {
            println!(
                "  {}!{}{}: “{}” {}",
                e.sheet, e.column, e.row, e.value, e.message
            );
        }
    }
    if out.refused > 0 {
        // Some rows were not imported: a script should notice.
        std::process::exit(2);
    }
    Ok(())
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    #[command(flatten)]
    pub config: Config,
    /// The register, as for `import`.
    pub register: String,
    /// The unit whose records are written.
    #[arg(long)]
    pub unit: String,
    /// xlsx or csv.
    #[arg(long, default_value = "xlsx")]
    pub format: String,
    /// Where to write the file (default: its own name, in the current
    /// folder).
    #[arg(long)]
    pub out: Option<PathBuf>,
}

pub async fn export(args: ExportArgs, op: &Actor) -> anyhow::Result<()> {
    let lang = lang();
    let told = |e: crate::error::AppError| anyhow::anyhow!("{}", e.message(lang));
    let register = Register::parse(&args.register).map_err(|e| anyhow::anyhow!("{e}"))?;
    let format = imports::export::ExportFormat::parse(&args.format).map_err(told)?;
    let ctx = Ctx::open(args.config).await?;
    let (name, _, bytes) = imports::export::export(&ctx, op, register, &args.unit, format)
        .await
        .map_err(told)?;
    let to = args.out.unwrap_or_else(|| PathBuf::from(name));
    std::fs::write(&to, &bytes).map_err(|e| anyhow::anyhow!("writing {}: {e}", to.display()))?;
    println!("{} ({} bytes)", to.display(), bytes.len());
    Ok(())
}
