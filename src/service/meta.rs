//! Facts about the database itself: whether it holds the demo (which
//! `tinhso demo` may then replace, and nothing else).

use super::{Actor, Ctx};
use crate::error::{AppError, AppResult};
use crate::i18n::messages::Msg;
use crate::store;

/// Mark the database as the demo's. For the system actor that builds it.
pub async fn mark_demo(ctx: &Ctx, actor: &Actor) -> AppResult<()> {
    if actor.user.is_some() {
        return Err(AppError::Forbidden(Msg::new("access.demo_mark")));
    }
    let mut tx = ctx.begin().await?;
    store::meta::set(&mut tx, "demo", "yes", ctx.now()).await?;
    tx.commit().await?;
    Ok(())
}

/// Whether the database holds the demo.
pub async fn is_demo(ctx: &Ctx) -> AppResult<bool> {
    Ok(store::meta::get(ctx.db(), "demo").await?.as_deref() == Some("yes"))
}
