//! Is the server well: `/healthz` (alive, cheap) and `/readyz` (takes
//! writes now). The database file's integrity (`PRAGMA quick_check` on
//! SQLite) is checked once when the server starts, in the background so
//! that a large file does not hold the start up; until it is done the
//! server is alive but not ready.

use serde::Serialize;

use super::Ctx;
use crate::error::AppResult;
use crate::store::{self, meta};

/// What the start-up integrity check found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Integrity {
    Checking,
    Sound,
    /// What SQLite reported, or why the check could not run.
    Damaged(String),
}

#[derive(Debug, Serialize)]
pub struct Health {
    pub status: &'static str,
    pub database: &'static str,
    pub integrity: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

impl Health {
    pub fn ok(&self) -> bool {
        matches!(self.status, "ok" | "ready")
    }
}

fn integrity_word(i: &Integrity) -> &'static str {
    match i {
        Integrity::Checking => "checking",
        Integrity::Sound => "ok",
        Integrity::Damaged(_) => "damaged",
    }
}

/// Run the integrity check and keep its result in `ctx`.
pub async fn check_integrity(ctx: &Ctx) {
    let found = match meta::quick_check(ctx.db()).await {
        Ok(None) => Integrity::Sound,
        Ok(Some(problem)) => {
            tracing::error!(%problem, "the database file failed PRAGMA quick_check");
            Integrity::Damaged(problem)
        }
        Err(e) => {
            tracing::error!(error = %e, "PRAGMA quick_check could not run");
            Integrity::Damaged(format!("quick_check could not run: {e}"))
        }
    };
    ctx.set_integrity(found);
}

/// Liveness: the database answers a round trip and its file was not found
/// damaged. No write, no scan.
pub async fn live(ctx: &Ctx) -> AppResult<Health> {
    ctx.db().ping().await?;
    let integrity = ctx.integrity();
    let detail = match &integrity {
        Integrity::Damaged(d) => Some(d.clone()),
        _ => None,
    };
    Ok(Health {
        status: if detail.is_some() { "damaged" } else { "ok" },
        database: ctx.db().backend(),
        integrity: integrity_word(&integrity),
        detail,
    })
}

/// Readiness: the file is sound and a write commits now.
pub async fn ready(ctx: &Ctx) -> Health {
    let integrity = ctx.integrity();
    let mut health = Health {
        status: "ready",
        database: ctx.db().backend(),
        integrity: integrity_word(&integrity),
        detail: None,
    };
    match integrity {
        Integrity::Sound => {}
        Integrity::Checking => {
            health.status = "starting";
            health.detail = Some("the database file's integrity check is running".into());
            return health;
        }
        Integrity::Damaged(d) => {
            health.status = "damaged";
            health.detail = Some(d);
            return health;
        }
    }
    if let Err(e) = meta::probe_write(ctx.db(), ctx.now()).await {
        if store::is_storage_full(&e) {
            health.status = "storage_full";
            health.detail = Some("the database refuses writes: storage is full".into());
        } else {
            tracing::warn!(error = %e, "readiness write probe failed");
            health.status = "unavailable";
            health.detail = Some("the database refuses writes".into());
        }
    }
    health
}
