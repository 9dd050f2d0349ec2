//! Configuration: one `Config`, from flags and environment variables, passed
//! to the application in its state. Nothing reads the environment elsewhere.

use clap::Args;
use std::net::SocketAddr;
use std::path::PathBuf;

#[derive(Debug, Clone, Args)]
pub struct Config {
    /// Database URL: `sqlite://PATH` or `postgres://...`. Default: the file
    /// `tinhso.db` in the data directory.
    #[arg(long = "database-url", global = true, env = "TINHSO_DATABASE_URL")]
    pub database_url: Option<String>,

    /// Directory for the SQLite database and stored files.
    #[arg(
        long = "data",
        global = true,
        env = "TINHSO_DATA_DIR",
        default_value = "./tinhso-data"
    )]
    pub data_dir: PathBuf,

    /// Address to listen on.
    #[arg(
        long,
        global = true,
        env = "TINHSO_LISTEN",
        default_value = "127.0.0.1:8080"
    )]
    pub listen: SocketAddr,

    /// Mark cookies Secure (set this when serving over HTTPS).
    #[arg(
        long,
        global = true,
        env = "TINHSO_SECURE_COOKIES",
        default_value_t = false
    )]
    pub secure_cookies: bool,

    /// Hours a sign-in session lasts.
    #[arg(
        long,
        global = true,
        env = "TINHSO_SESSION_HOURS",
        default_value_t = 12
    )]
    pub session_hours: i64,

    /// Days an API token lasts at most (also the default when none is asked).
    #[arg(
        long = "token-max-days",
        global = true,
        env = "TINHSO_TOKEN_MAX_DAYS",
        default_value_t = 90
    )]
    pub token_max_days: i64,

    /// Largest request body accepted, in bytes.
    #[arg(long, global = true, env = "TINHSO_MAX_BODY", default_value_t = 1 << 20)]
    pub max_body_bytes: usize,

    /// Largest file accepted as an attachment, in bytes.
    #[arg(long, global = true, env = "TINHSO_MAX_UPLOAD", default_value_t = 10 << 20)]
    pub max_upload_bytes: usize,

    /// SQLite only: the largest the database file may grow, in bytes (its
    /// `max_page_count`). Writes past it are refused with 503 like a full
    /// disk; reads go on. Default: no cap but the disk's.
    #[arg(long, global = true, env = "TINHSO_SQLITE_MAX_BYTES")]
    pub sqlite_max_bytes: Option<u64>,

    /// Rows one request may write (a household import, for example).
    #[arg(
        long,
        global = true,
        env = "TINHSO_MAX_IMPORT_ROWS",
        default_value_t = 1_000
    )]
    pub max_import_rows: usize,

    /// Households one village may hold. Real villages and urban residential
    /// groups have a few hundred to about two thousand.
    #[arg(
        long,
        global = true,
        env = "TINHSO_MAX_VILLAGE_HOUSEHOLDS",
        default_value_t = 5_000
    )]
    pub max_village_households: i64,

    /// Bulk writes (requests that write more than one row) one account may
    /// make per minute.
    #[arg(
        long,
        global = true,
        env = "TINHSO_BULK_WRITES_PER_MINUTE",
        default_value_t = 30
    )]
    pub bulk_writes_per_minute: u32,
    /// The licence the public figures are published under, written as one
    /// line in every open-data download (CSV, Excel, JSON). The default is
    /// our choice for the demo, not a legal finding: the province decides
    /// the terms it publishes under and sets them here.
    #[arg(
        long,
        global = true,
        env = "TINHSO_OPEN_DATA_LICENCE",
        default_value = OPEN_DATA_LICENCE
    )]
    pub open_data_licence: String,
}

/// The open-data licence unless one is set.
pub const OPEN_DATA_LICENCE: &str = "CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)";

impl Config {
    /// The database URL in force: the one given, or SQLite in the data dir.
    pub fn database_url(&self) -> String {
        match &self.database_url {
            Some(url) => url.clone(),
            None => format!("sqlite://{}", self.data_dir.join("tinhso.db").display()),
        }
    }

    /// A configuration for tests and the demo: a data dir, SQLite, port 0.
    pub fn for_data_dir(data_dir: PathBuf) -> Self {
        Config {
            database_url: None,
            data_dir,
            listen: "127.0.0.1:0".parse().expect("valid address"),
            secure_cookies: false,
            session_hours: 12,
            token_max_days: 90,
            max_body_bytes: 1 << 20,
            max_upload_bytes: 10 << 20,
            sqlite_max_bytes: None,
            max_import_rows: 1_000,
            open_data_licence: OPEN_DATA_LICENCE.into(),
            max_village_households: 5_000,
            bulk_writes_per_minute: 30,
        }
    }
}
