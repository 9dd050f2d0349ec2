//! The party_members register (issue 12): not built yet.

use super::layout::{Layout, Value};
use super::{Report, Source};
use crate::error::AppResult;
use crate::service::{Actor, Ctx};

fn not_yet<T>() -> AppResult<T> {
    Err(anyhow::anyhow!("the party_members register is not built yet").into())
}

pub(super) async fn check_access(_ctx: &Ctx, _actor: &Actor, _unit: &str) -> AppResult<()> {
    not_yet()
}

pub(super) async fn layout(_ctx: &Ctx, _actor: &Actor, _unit: &str) -> AppResult<Layout> {
    not_yet()
}

pub(super) async fn export(
    _ctx: &Ctx,
    _actor: &Actor,
    _unit: &str,
) -> AppResult<(Layout, Vec<Vec<Value>>)> {
    not_yet()
}

pub(super) async fn import(
    _ctx: &Ctx,
    _actor: &Actor,
    _unit: &str,
    _src: &Source,
    _bytes: &[u8],
    _dry_run: bool,
) -> AppResult<Report> {
    not_yet()
}
