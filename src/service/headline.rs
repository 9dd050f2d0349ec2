//! The headline above the areas: the live figures (`figures::headline`)
//! with each area's figures read from the database added (the party
//! handbook's, the registrations', the index's, the goals' and the
//! models'), memoized until the next commit (`figures::stored`).
//!
//! The areas sit below this module: each offers its figures through one
//! function of the same shape (`AreaFigures` from `headline_figures(ctx,
//! unit_id, day)`), and none imports the collector.

use std::sync::Arc;

use chrono::NaiveDate;

use super::figures::{Headline, headline};
use super::{Actor, Ctx, criteria, goals, models, party};
use crate::domain::figures::Figure;
use crate::error::AppResult;
use crate::store;

/// What an area offers the headline: its figures, by key.
pub type AreaFigures = Vec<(&'static str, Figure)>;

/// Headline figures with the party handbook's (`party.*`) added: the
/// figures of the cells tied to the unit's subtree; and the programme's
/// (`goals.*`, `models.*`, `registrations.*`, `dti.rank`).
pub async fn headline_all(
    ctx: &Ctx,
    actor: &Actor,
    code: &str,
    day: NaiveDate,
) -> AppResult<Headline> {
    let mut h = headline(ctx, actor, code, day)?;
    let commits = store::commits();
    let key = (h.unit.id, day, ctx.today());
    let kept = ctx
        .figures()
        .stored()
        .lock()
        .expect("stored lock")
        .lookup(key, commits);
    let stored = match kept {
        Some(s) => s,
        None => {
            let s = Arc::new(read(ctx, h.unit.id, day).await?);
            ctx.figures()
                .stored()
                .lock()
                .expect("stored lock")
                .insert(key, commits, s.clone());
            s
        }
    };
    for (key, f) in stored.iter() {
        h.figures.insert((*key).to_owned(), *f);
    }
    Ok(h)
}

/// The figures from the database, each area's own. Every area offers them
/// through the same function, `headline_figures(ctx, unit_id, day)`, and
/// none of them imports this module.
async fn read(ctx: &Ctx, unit_id: i64, day: NaiveDate) -> AppResult<AreaFigures> {
    let mut out = party::figures::headline_figures(ctx, unit_id, day).await?;
    out.extend(criteria::registrations::headline_figures(ctx, unit_id, day).await?);
    out.extend(criteria::index::headline_figures(ctx, unit_id, day).await?);
    out.extend(goals::headline_figures(ctx, unit_id, day).await?);
    out.extend(models::headline_figures(ctx, unit_id, day).await?);
    Ok(out)
}
