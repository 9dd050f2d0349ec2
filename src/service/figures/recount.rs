//! The full recompute of the live counters from the records.

use crate::error::{AppError, AppResult};
use crate::i18n::messages::Msg;
use crate::service::{Actor, Ctx, audit};
use crate::store::ledger;

/// Recompute every counter from the records (households, adoption events,
/// teams, members), replace the stored counters in one transaction, and
/// rebuild the cache: the full recompute, for after a restore or an import
/// done outside tinhso. Returns the number of counter rows.
pub async fn recount(ctx: &Ctx, actor: &Actor) -> AppResult<usize> {
    if !actor.scope.is_admin() {
        return Err(AppError::Forbidden(Msg::new("access.recount")));
    }
    let deltas = ledger::recount(ctx.db()).await?;
    let mut tx = ctx.begin().await?;
    ledger::replace_counters(&mut tx, &deltas, ctx.now()).await?;
    let change = audit::Change {
        action: "recount",
        entity: "unit_counters",
        entity_id: "all".into(),
        unit_path: None,
        before: None,
        after: Some(serde_json::json!({ "rows": deltas.len() })),
    };
    audit::record(ctx, &mut tx, actor, change).await?;
    tx.commit().await?;
    ctx.reload_figures().await?;
    Ok(deltas.len())
}
