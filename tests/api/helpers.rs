//! The test harness: `TestApp::spawn()` starts the real server on port 0
//! against a fresh database: SQLite in a temporary directory by default, or
//! PostgreSQL when `TINHSO_TEST_DATABASE_URL` is set (then a URL that does
//! not answer fails the tests loudly; nothing is skipped).
//!
//! Tests run on the small fixture, `demo::Scope::District`: the official
//! lists, every account, criterion and goal of the demo, but villages (with
//! their households, teams and party cells) only in Văn Yên, Khe Bành's
//! district. It is built once per test run as a template and copied for each
//! test: a file copy on SQLite, `CREATE DATABASE ... TEMPLATE` on PostgreSQL.
//! The few tests of the whole province's figures use `TestApp::spawn_full()`,
//! the demo `tinhso demo` serves (built once, when first asked for).

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};

use reqwest::StatusCode;
use serde_json::Value;
use sqlx::Connection;
use tinhso::app::App;
use tinhso::config::Config;
use tinhso::demo::{self, Scope};
use tinhso::service::{Ctx, accounts};
use tokio::sync::OnceCell;

mod pages;
pub use pages::csrf_of;

pub const PG_ENV: &str = "TINHSO_TEST_DATABASE_URL";

/// The API helpers below (`get_as`, `send_as`, `post_multipart`) ask for
/// English messages, as an integration's client would; the tests of
/// refusals match words of them. Vietnamese, the default, and the choice
/// between the two are tested in `messages.rs`.
pub const API_LANG: &str = "en";

static TEMPLATE: OnceCell<Fixture> = OnceCell::const_new();
static FULL_TEMPLATE: OnceCell<Fixture> = OnceCell::const_new();
/// A SQLite template even when the suite runs on PostgreSQL, for the few
/// tests of what only SQLite can show here (a full disk: its file-size cap).
static SQLITE_TEMPLATE: OnceCell<PathBuf> = OnceCell::const_new();
static COUNTER: AtomicU32 = AtomicU32::new(0);

enum Template {
    Sqlite(PathBuf),
    Postgres { admin_url: String, name: String },
}

/// A template and its state as the server holds it in memory (hierarchy,
/// figures), read from it once: each test's server starts on a copy of the
/// template with that state (`Ctx::open_like`) instead of reading it again,
/// which was most of a test's time. (`spawn_sqlite_with`, whose tests
/// change the file before start, opens the copy the ordinary way, and so
/// does every restart in a test.)
struct Fixture {
    template: Template,
    state: Ctx,
}

impl Fixture {
    async fn of(template: Template) -> Fixture {
        let config = match &template {
            Template::Sqlite(path) => {
                Config::for_data_dir(path.parent().expect("a file in a dir").to_owned())
            }
            Template::Postgres { admin_url, name } => {
                let mut config = Config::for_data_dir(scratch_dir("state"));
                config.database_url = Some(with_database(admin_url, name));
                config
            }
        };
        let state = Ctx::open(config).await.expect("read the template");
        // PostgreSQL copies a template only when nobody is connected to it.
        state.db().close().await;
        if let Template::Postgres { admin_url, name } = &template {
            // From here on nobody may connect to the template, so no late
            // session can make a copy fail.
            let mut admin = pg_admin(admin_url).await;
            sqlx::query(&format!(
                "ALTER DATABASE {name} WITH ALLOW_CONNECTIONS false"
            ))
            .execute(&mut admin)
            .await
            .expect("close the template to connections");
            end_sessions_on(&mut admin, name).await;
        }
        Fixture { template, state }
    }
}

fn pg_url() -> Option<String> {
    std::env::var(PG_ENV).ok().filter(|s| !s.is_empty())
}

fn scratch_dir(tag: &str) -> PathBuf {
    let n = COUNTER.fetch_add(1, Ordering::SeqCst);
    let dir = std::env::temp_dir().join(format!("tinhso-test-{}-{tag}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create scratch dir");
    dir
}

/// A URL for database `name` on the server of `admin_url`.
fn with_database(admin_url: &str, name: &str) -> String {
    let (base, query) = match admin_url.split_once('?') {
        Some((b, q)) => (b, format!("?{q}")),
        None => (admin_url, String::new()),
    };
    let slash = base
        .rfind('/')
        .filter(|&i| i > base.find("://").unwrap_or(0) + 2);
    match slash {
        Some(i) => format!("{}/{name}{query}", &base[..i]),
        None => format!("{base}/{name}{query}"),
    }
}

async fn pg_admin(admin_url: &str) -> sqlx::PgConnection {
    match sqlx::PgConnection::connect(admin_url).await {
        Ok(c) => c,
        Err(e) => panic!(
            "{PG_ENV} is set to {admin_url} but PostgreSQL does not answer there: {e}. \
             Start PostgreSQL or unset {PG_ENV} to test on SQLite only."
        ),
    }
}

/// Remove the scratch directories of earlier runs whose process is gone (a
/// template outlives its run: statics are never dropped).
fn remove_stale_scratch_dirs() {
    let Ok(entries) = std::fs::read_dir(std::env::temp_dir()) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(pid) = name
            .strip_prefix("tinhso-test-")
            .and_then(|rest| rest.split('-').next())
        else {
            continue;
        };
        if !pid.is_empty() && !Path::new(&format!("/proc/{pid}")).exists() {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

async fn build_sqlite_template(scope: Scope) -> PathBuf {
    remove_stale_scratch_dirs();
    let dir = scratch_dir("template");
    let ctx = Ctx::open(Config::for_data_dir(dir.clone()))
        .await
        .expect("open template db");
    demo::generate_scoped(&ctx, scope).await.expect("demo data");
    ctx.db().close().await;
    dir.join("tinhso.db")
}

async fn sqlite_fixture() -> PathBuf {
    build_sqlite_template(Scope::District).await
}

async fn build_template(scope: Scope) -> Fixture {
    let t0 = std::time::Instant::now();
    let fixture = build_fixture(scope).await;
    if timing() {
        eprintln!("timing: {:?} to build the {scope:?} template", t0.elapsed());
    }
    fixture
}

async fn build_fixture(scope: Scope) -> Fixture {
    let template = match pg_url() {
        None if scope == Scope::District => {
            Template::Sqlite(SQLITE_TEMPLATE.get_or_init(sqlite_fixture).await.clone())
        }
        None => Template::Sqlite(build_sqlite_template(scope).await),
        Some(admin_url) => {
            remove_stale_scratch_dirs();
            let mut admin = pg_admin(&admin_url).await;
            drop_stale_databases(&mut admin).await;
            let tag = match scope {
                Scope::District => "tpl",
                Scope::Province => "tplfull",
            };
            let name = format!("tinhso_{tag}_{}", std::process::id());
            sqlx::query(&format!("CREATE DATABASE {name}"))
                .execute(&mut admin)
                .await
                .expect("create template");
            let mut config = Config::for_data_dir(scratch_dir("template"));
            config.database_url = Some(with_database(&admin_url, &name));
            let ctx = Ctx::open(config).await.expect("open template db");
            demo::generate_scoped(&ctx, scope).await.expect("demo data");
            ctx.db().close().await;
            Template::Postgres { admin_url, name }
        }
    };
    Fixture::of(template).await
}

/// `CREATE DATABASE copy TEMPLATE template`. PostgreSQL refuses the copy
/// while anyone is connected to the template (SQLSTATE 55006), and once in
/// CI a session stayed on it and every later test failed: such sessions are
/// named on stderr, ended, and the copy tried again.
async fn copy_database(admin: &mut sqlx::PgConnection, template: &str, copy: &str) {
    let sql = format!("CREATE DATABASE {copy} TEMPLATE {template} STRATEGY FILE_COPY");
    let mut tries = 0;
    loop {
        match sqlx::query(&sql).execute(&mut *admin).await {
            Ok(_) => return,
            Err(sqlx::Error::Database(e)) if e.code().as_deref() == Some("55006") && tries < 3 => {
                tries += 1;
                end_sessions_on(admin, template).await;
            }
            Err(e) => panic!("copy template database {template}: {e}"),
        }
    }
}

/// End every session on database `name`, saying whose they were.
async fn end_sessions_on(admin: &mut sqlx::PgConnection, name: &str) {
    type Session = (i32, Option<String>, Option<String>, Option<String>);
    let rows: Vec<Session> = sqlx::query_as(
        "SELECT pid, application_name, state, left(query, 200) FROM pg_stat_activity \
         WHERE datname = $1 AND pid <> pg_backend_pid()",
    )
    .bind(name)
    .fetch_all(&mut *admin)
    .await
    .expect("list sessions on the template");
    for (pid, app, state, query) in rows {
        eprintln!(
            "ending session {pid} on {name}: application {app:?}, state {state:?}, query {query:?}"
        );
        let _ = sqlx::query("SELECT pg_terminate_backend($1)")
            .bind(pid)
            .execute(&mut *admin)
            .await;
    }
}

/// Drop test databases left by earlier runs whose process is gone.
async fn drop_stale_databases(admin: &mut sqlx::PgConnection) {
    let names: Vec<String> =
        sqlx::query_scalar("SELECT datname FROM pg_database WHERE datname LIKE 'tinhso\\_t%'")
            .fetch_all(&mut *admin)
            .await
            .expect("list databases");
    for name in names {
        // Every name ends with the process id of the run that made it.
        let pid = name.rsplit('_').next().unwrap_or("");
        if !pid.is_empty() && !Path::new(&format!("/proc/{pid}")).exists() {
            let _ = sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                .execute(&mut *admin)
                .await;
        }
    }
}

/// A running server on a fresh copy of the demo database.
pub struct TestApp {
    pub base: String,
    pub ctx: Ctx,
    dir: PathBuf,
    pg_db: Option<(String, String)>,
    started: std::time::Instant,
    /// Responses that broke the API contract (`contract.rs`).
    contract: crate::contract::Violations,
}

impl TestApp {
    pub async fn spawn() -> TestApp {
        Self::spawn_with(|_| {}).await
    }

    /// A server on a copy of the small fixture, configured by `configure`.
    pub async fn spawn_with(configure: impl FnOnce(&mut Config)) -> TestApp {
        Self::start_full_template_early();
        let template = TEMPLATE
            .get_or_init(|| build_template(Scope::District))
            .await;
        Self::spawn_fixture(template, configure).await
    }

    /// A server on a copy of the whole demo (every district of Yên Bái), for
    /// the tests of the province's figures.
    pub async fn spawn_full() -> TestApp {
        let template = FULL_TEMPLATE
            .get_or_init(|| build_template(Scope::Province))
            .await;
        Self::spawn_fixture(template, |_| {}).await
    }

    /// A server on a SQLite copy of the small fixture, whichever backend the
    /// suite runs on; `configure` sees the copied database file.
    pub async fn spawn_sqlite_with(configure: impl FnOnce(&mut Config, &Path)) -> TestApp {
        let path = SQLITE_TEMPLATE.get_or_init(sqlite_fixture).await;
        let template = Template::Sqlite(path.clone());
        Self::spawn_on(&template, None, configure).await
    }

    async fn spawn_fixture(fixture: &Fixture, configure: impl FnOnce(&mut Config)) -> TestApp {
        Self::spawn_on(&fixture.template, Some(&fixture.state), |c, _| configure(c)).await
    }

    /// When the whole suite runs (no test name filter), start building
    /// the whole-province template at once on a thread of its own, so that
    /// its half a minute overlaps the other tests instead of following them.
    fn start_full_template_early() {
        static STARTED: std::sync::Once = std::sync::Once::new();
        let filtered = std::env::args().skip(1).any(|a| !a.starts_with('-'));
        if filtered {
            return;
        }
        STARTED.call_once(|| {
            std::thread::spawn(|| {
                tokio::runtime::Builder::new_multi_thread()
                    .worker_threads(1)
                    .enable_all()
                    .build()
                    .expect("runtime")
                    .block_on(FULL_TEMPLATE.get_or_init(|| build_template(Scope::Province)));
            });
        });
    }

    async fn spawn_on(
        template: &Template,
        state: Option<&Ctx>,
        configure: impl FnOnce(&mut Config, &Path),
    ) -> TestApp {
        let t0 = std::time::Instant::now();
        let dir = scratch_dir("app");
        let mut config = Config::for_data_dir(dir.clone());
        let mut pg_db = None;
        match template {
            Template::Sqlite(path) => {
                std::fs::copy(path, dir.join("tinhso.db")).expect("copy template");
            }
            Template::Postgres { admin_url, name } => {
                let n = COUNTER.fetch_add(1, Ordering::SeqCst);
                let db = format!("tinhso_t_{n}_{}", std::process::id());
                let mut admin = pg_admin(admin_url).await;
                copy_database(&mut admin, name, &db).await;
                config.database_url = Some(with_database(admin_url, &db));
                pg_db = Some((admin_url.clone(), db));
            }
        }
        configure(&mut config, &dir.join("tinhso.db"));
        let ctx = match state {
            Some(state) => Ctx::open_like(config, state).await,
            None => Ctx::open(config).await,
        }
        .expect("open test database");
        let app = App::build(ctx.clone()).await.expect("bind");
        let base = format!("http://{}", app.local_addr());

        let contract = crate::contract::Violations::default();
        let violations = contract.clone();
        tokio::spawn(app.run_wrapped(std::future::pending(), move |router| {
            crate::contract::wrap(router, violations)
        }));
        if timing() {
            eprintln!("timing: {:?} to start a server", t0.elapsed());
        }
        TestApp {
            base,
            ctx,
            dir,
            pg_db,
            started: t0,
            contract,
        }
    }

    /// The server's data directory (its SQLite file is `tinhso.db` there).
    pub fn data_dir(&self) -> &Path {
        &self.dir
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// A client with no cookies and no redirects followed.
    pub fn client(&self) -> reqwest::Client {
        reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client")
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client()
            .get(self.url(path))
            .send()
            .await
            .expect("request")
    }

    pub async fn get_json(&self, path: &str) -> (StatusCode, Value) {
        let r = self.get(path).await;
        let status = r.status();
        (status, r.json().await.expect("JSON body"))
    }

    /// An API token for a demo user.
    pub async fn token(&self, username: &str) -> String {
        let id = accounts::user_id_by_name(&self.ctx, username)
            .await
            .expect("user");
        let actor = accounts::actor_for_id(&self.ctx, id).await.expect("actor");
        accounts::create_token(&self.ctx, &actor, "test", None)
            .await
            .expect("token")
            .0
    }

    pub async fn get_as(&self, token: &str, path: &str) -> (StatusCode, Value) {
        let r = self
            .client()
            .get(self.url(path))
            .bearer_auth(token)
            .header("accept-language", API_LANG)
            .send()
            .await
            .expect("request");
        let status = r.status();
        (status, r.json().await.unwrap_or(Value::Null))
    }

    pub async fn send_as(
        &self,
        token: &str,
        method: reqwest::Method,
        path: &str,
        body: &Value,
    ) -> (StatusCode, Value) {
        let r = self
            .client()
            .request(method, self.url(path))
            .bearer_auth(token)
            .header("accept-language", API_LANG)
            .json(body)
            .send()
            .await
            .expect("request");
        let status = r.status();
        (status, r.json().await.unwrap_or(Value::Null))
    }

    /// POST a multipart body (content type and bytes) with a bearer token.
    pub async fn post_multipart(
        &self,
        token: &str,
        path: &str,
        (content_type, body): (String, Vec<u8>),
    ) -> (StatusCode, Value) {
        let r = self
            .client()
            .post(self.url(path))
            .bearer_auth(token)
            .header("accept-language", API_LANG)
            .header("content-type", content_type)
            .body(body)
            .send()
            .await
            .expect("request");
        let status = r.status();
        (status, r.json().await.unwrap_or(Value::Null))
    }

    /// Audit entries written so far, newest first (read as the operator).
    /// Every audit entry, newest first. (No small limit: with one, a test of
    /// "nothing was written" compares two full pages and cannot fail.)
    pub async fn audit(&self) -> Vec<tinhso::store::audit::Entry> {
        tinhso::store::audit::list(self.ctx.db(), None, None, 10_000_000)
            .await
            .expect("audit")
    }
}

/// `TINHSO_TEST_TIMING=1 cargo test --test api -- --nocapture` prints how
/// long each server took to start and each test ran (docs/PERFORMANCE.md).
fn timing() -> bool {
    std::env::var_os("TINHSO_TEST_TIMING").is_some()
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if timing() {
            let name = std::thread::current().name().unwrap_or("?").to_owned();
            eprintln!("timing: {:?} {name}", self.started.elapsed());
        }
        let _ = std::fs::remove_dir_all(&self.dir);
        if let Some((admin_url, db)) = self.pg_db.take() {
            // Dropped on another thread: this runtime may be shutting down.
            std::thread::spawn(move || {
                let rt = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .expect("runtime");
                rt.block_on(async {
                    if let Ok(mut admin) = sqlx::PgConnection::connect(&admin_url).await {
                        let _ = sqlx::query(&format!("DROP DATABASE IF EXISTS {db} WITH (FORCE)"))
                            .execute(&mut admin)
                            .await;
                    }
                });
            })
            .join()
            .ok();
        }
        let broken = std::mem::take(&mut *self.contract.lock().unwrap());
        if !broken.is_empty() && !std::thread::panicking() {
            panic!(
                "{} API response(s) do not match the OpenAPI document:\n{}",
                broken.len(),
                broken.join("\n")
            );
        }
    }
}
