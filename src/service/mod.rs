//! The operations: one function per use case, shared by every door (pages,
//! API, CLI, demo). Access is checked here, on the server, before any read or
//! write; write transactions begin here and carry their audit entry.

use std::sync::{Arc, Mutex, RwLock};

use chrono::{DateTime, NaiveDate, Utc};

use crate::config::Config;
use crate::domain::access::{Grant, Role, Scope};
use crate::domain::hierarchy::Hierarchy;
use crate::error::AppResult;
use crate::store::{self, Db, Tx};

pub mod accounts;
pub mod adoption;
pub mod audit;
pub mod audit_log;
pub mod criteria;
pub mod field_list;
pub mod figures;
pub mod files;
pub mod goals;
pub mod headline;
pub mod health;
pub mod home;
pub mod households;
pub mod imports;
pub mod indicators;
pub mod limits;
pub mod maps;
pub mod meta;
pub mod models;
pub mod names;
pub mod party;
pub mod passwords;
pub mod teams;
pub mod throttle;
pub mod tokens;
pub mod trace;
pub mod unit_lists;
pub mod units;
pub mod values;
pub mod villages;
pub mod waiting;

/// Shared state of the running application: the database, the
/// configuration, and the in-memory caches built from the database.
#[derive(Clone)]
pub struct Ctx {
    inner: Arc<Inner>,
}

struct Inner {
    db: Db,
    config: Config,
    /// The hierarchy cache. Readers clone the `Arc` and let go of the lock at
    /// once; a unit write rebuilds it from the database and swaps it.
    hierarchy: RwLock<Arc<Hierarchy>>,
    /// Live counters and entered values; updated after every ledger commit.
    figures: RwLock<figures::State>,
    throttle: Mutex<throttle::Throttle>,
    bulk_rate: Mutex<limits::BulkRate>,
    /// What the start-up integrity check found (`health`).
    integrity: Mutex<health::Integrity>,
    /// Where "now" and "today" come from (pinned in tests).
    clock: RwLock<Clock>,
}

/// The one source of the current instant. Every rule that depends on "now"
/// or "today" reads it through `Ctx::now` / `Ctx::today`, so that a test can
/// pin it to a chosen instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Clock {
    /// The machine's clock.
    System,
    /// A fixed instant (tests).
    Fixed(DateTime<Utc>),
}

impl Clock {
    pub fn now(self) -> DateTime<Utc> {
        match self {
            Clock::System => Utc::now(),
            Clock::Fixed(at) => at,
        }
    }
}

impl Ctx {
    /// Connect to the configured database, apply migrations, build caches.
    pub async fn open(config: Config) -> anyhow::Result<Ctx> {
        std::fs::create_dir_all(&config.data_dir).map_err(|e| {
            anyhow::anyhow!(
                "cannot create data directory {}: {e}",
                config.data_dir.display()
            )
        })?;
        let db = Self::connect(&config).await?;
        Self::with_db(config, db).await
    }

    /// A context on a copy of the database of `like`, copied while nothing
    /// was being written to it: the hierarchy (immutable, replaced whole on
    /// a change) is shared and the figures' state copied, instead of being
    /// read again. The test suite opens each test's server this way on a
    /// copy of one template; reading and building 16,000 unit versions in
    /// an unoptimised build was most of a test's time. Nothing else may
    /// use it: on any other database the caches would not match the rows.
    pub async fn open_like(config: Config, like: &Ctx) -> anyhow::Result<Ctx> {
        let db = Self::connect(&config).await?;
        let ctx = Self::unloaded(config, db);
        *ctx.inner.hierarchy.write().expect("hierarchy lock") = like.hierarchy();
        *ctx.inner.figures.write().expect("figures lock") = like.figures().copy_unmemoised();
        Ok(ctx)
    }

    async fn connect(config: &Config) -> anyhow::Result<Db> {
        let url = config.database_url();
        Db::connect_capped(&url, config.sqlite_max_bytes)
            .await
            .map_err(|e| anyhow::anyhow!("cannot open database {}: {e}", store::redact(&url)))
    }

    fn unloaded(config: Config, db: Db) -> Ctx {
        Ctx {
            inner: Arc::new(Inner {
                db,
                config,
                hierarchy: RwLock::new(Arc::new(Hierarchy::default())),
                figures: RwLock::new(figures::State::default()),
                throttle: Mutex::new(throttle::Throttle::default()),
                bulk_rate: Mutex::new(limits::BulkRate::default()),
                integrity: Mutex::new(health::Integrity::Checking),
                clock: RwLock::new(Clock::System),
            }),
        }
    }

    pub async fn with_db(config: Config, db: Db) -> anyhow::Result<Ctx> {
        let ctx = Self::unloaded(config, db);
        ctx.reload_hierarchy().await?;
        ctx.reload_figures().await?;
        Ok(ctx)
    }

    pub fn db(&self) -> &Db {
        &self.inner.db
    }

    pub fn config(&self) -> &Config {
        &self.inner.config
    }

    /// The current instant, from the clock.
    pub fn now(&self) -> DateTime<Utc> {
        self.clock().now()
    }

    /// Today's date in Vietnam (UTC+7), from the clock.
    pub fn today(&self) -> NaiveDate {
        crate::domain::period::vietnam_date(self.now())
    }

    pub fn clock(&self) -> Clock {
        *self.inner.clock.read().expect("clock lock")
    }

    /// Replace the clock (every clone of this `Ctx` shares it).
    pub fn set_clock(&self, clock: Clock) {
        *self.inner.clock.write().expect("clock lock") = clock;
    }

    /// Stop the clock at `instant` (tests).
    pub fn pin_clock(&self, instant: DateTime<Utc>) {
        self.set_clock(Clock::Fixed(instant));
    }

    /// The hierarchy as of the last unit write.
    pub fn hierarchy(&self) -> Arc<Hierarchy> {
        self.inner.hierarchy.read().expect("hierarchy lock").clone()
    }

    /// Rebuild the hierarchy cache from the database.
    pub async fn reload_hierarchy(&self) -> AppResult<()> {
        let versions = store::units::all_versions(self.db()).await?;
        let links = store::units::all_successions(self.db()).await?;
        let built = tokio::task::spawn_blocking(move || {
            Hierarchy::build_with_successions(versions, &links)
        })
        .await
        .map_err(|e| anyhow::anyhow!("hierarchy build failed: {e}"))?;
        *self.inner.hierarchy.write().expect("hierarchy lock") = Arc::new(built);
        Ok(())
    }

    /// The live figures (read lock; hold it only while computing).
    pub fn figures(&self) -> std::sync::RwLockReadGuard<'_, figures::State> {
        self.inner.figures.read().expect("figures lock")
    }

    /// Change the live figures after a commit.
    pub(crate) fn update_figures(&self, f: impl FnOnce(&mut figures::State)) {
        f(&mut self.inner.figures.write().expect("figures lock"));
    }

    /// Rebuild the live figures from the database.
    pub async fn reload_figures(&self) -> AppResult<()> {
        let state = figures::load(self).await?;
        *self.inner.figures.write().expect("figures lock") = state;
        Ok(())
    }

    fn throttle(&self) -> std::sync::MutexGuard<'_, throttle::Throttle> {
        self.inner.throttle.lock().expect("throttle lock")
    }

    fn bulk_rate(&self) -> std::sync::MutexGuard<'_, limits::BulkRate> {
        self.inner.bulk_rate.lock().expect("bulk rate lock")
    }

    pub fn integrity(&self) -> health::Integrity {
        self.inner.integrity.lock().expect("integrity lock").clone()
    }

    fn set_integrity(&self, found: health::Integrity) {
        *self.inner.integrity.lock().expect("integrity lock") = found;
    }

    pub(crate) async fn begin(&self) -> AppResult<Tx> {
        Ok(self.db().begin().await?)
    }
}

/// Who is asking: the public, a signed-in user, or the operator at the CLI.
#[derive(Debug, Clone)]
pub struct Actor {
    pub user: Option<UserInfo>,
    pub scope: Scope,
    /// The name written in the audit log.
    pub label: String,
    /// The API token the request came with, if any (a token may not mint
    /// tokens).
    pub via_token: Option<i64>,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct UserInfo {
    pub id: i64,
    pub username: String,
    pub display_name: String,
}

impl Actor {
    pub fn public() -> Self {
        Actor {
            user: None,
            scope: Scope::Public,
            label: "public".into(),
            via_token: None,
        }
    }

    /// The operator at the command line or the demo generator: full rights.
    pub fn system(label: &str) -> Self {
        Actor {
            user: None,
            scope: Scope::User(vec![Grant {
                role: Role::Admin,
                unit_id: None,
            }]),
            label: label.into(),
            via_token: None,
        }
    }

    pub fn user_id(&self) -> Option<i64> {
        self.user.as_ref().map(|u| u.id)
    }

    pub fn is_signed_in(&self) -> bool {
        self.user.is_some()
    }
}
