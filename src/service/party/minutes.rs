//! A meeting's minutes and resolutions, written by the organisation's
//! secretary or deputy. Writing them names the version of the meeting the
//! writer read: two people editing the same minutes do not silently
//! overwrite each other; the second gets 409 and reloads.

use crate::i18n::messages::Msg;
use serde::Deserialize;
use tracing::instrument;

use super::meetings::run_by;
use super::{org_path, viewer};
use crate::domain::party::clean_text;
use crate::error::{AppError, AppResult};
use crate::service::audit::{self, Change};
use crate::service::{Actor, Ctx};
use crate::store::party::meetings as store;

#[derive(Debug, Clone, Deserialize)]
pub struct MinutesInput {
    #[serde(default)]
    pub minutes: String,
    #[serde(default)]
    pub resolutions: String,
    /// The meeting's version when the minutes were read.
    pub version: i64,
}

/// Write the minutes and resolutions; the meeting is then held.
#[instrument(skip(ctx, actor, input))]
pub async fn write_minutes(
    ctx: &Ctx,
    actor: &Actor,
    id: i64,
    input: &MinutesInput,
) -> AppResult<()> {
    let v = viewer(ctx, actor, ctx.today()).await?;
    let (m, org) = run_by(ctx, &v, id).await?;
    m.state.minutes_check()?;
    let minutes = clean_text("minutes", &input.minutes, 20_000, true)?;
    let resolutions = clean_text("resolutions", &input.resolutions, 10_000, false)?;
    let stale = || {
        AppError::Conflict(
            Msg::new("handbook.minutes_stale")
                .arg("id", id)
                .arg("yours", input.version)
                .arg("now", m.version),
        )
    };
    if m.version != input.version {
        return Err(stale());
    }
    let t = ctx.now();
    let mut tx = ctx.begin().await?;
    if store::set_minutes(&mut tx, m.id, m.version, &minutes, &resolutions, t).await? == 0 {
        return Err(stale());
    }
    audit::record(
        ctx,
        &mut tx,
        actor,
        Change {
            action: "minutes",
            entity: "party_meeting",
            entity_id: m.id.to_string(),
            unit_path: org_path(ctx, &org),
            before: Some(serde_json::json!({"minutes": m.minutes, "resolutions": m.resolutions})),
            after: Some(serde_json::json!({"minutes": minutes, "resolutions": resolutions})),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
