//! What waits for an officer on their unit ("Việc đang chờ"), counted from
//! the records: registrations awaiting a step the officer may take, the
//! unit's goals past their deadline and not achieved, and the units below
//! whose figures for the month are not all entered.
//!
//! Cheap on a province of ~1,500 villages: one read of the year's
//! registrations and their steps, one of the unit's goals, and the values
//! from the in-memory figures state; no query per unit.

use chrono::NaiveDate;
use tracing::instrument;

use super::{Actor, Ctx};
use crate::domain::period::{Period, PeriodKind};
use crate::error::AppResult;

/// A unit whose figures for the period are not all entered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Missing {
    pub code: String,
    pub full_name: String,
}

/// What waits for the officer on a unit on a day.
#[derive(Debug, Clone)]
pub struct Waiting {
    /// Registrations of the communes in the unit that wait on a step the
    /// officer may take.
    pub registrations: usize,
    /// The unit's goals (of the plan period containing the day) past their
    /// deadline and not achieved.
    pub goals_overdue: usize,
    /// The month whose figures are looked at: the one the values page opens
    /// on for the day.
    pub period: Period,
    /// How many units (the unit and those below it) lack a value for at
    /// least one of the metrics entered at their level, for `period`.
    pub values_missing: usize,
    /// The first of those units, in the hierarchy's order.
    pub missing_first: Vec<Missing>,
}

/// How many units lacking values are named on the page.
pub const MISSING_SHOWN: usize = 10;

/// What waits for the actor on the unit `code` on `day`, or `None` when the
/// actor is not an officer over the unit (the public and viewers see
/// nothing: nothing waits for them).
#[instrument(skip(ctx, actor))]
pub async fn waiting(
    ctx: &Ctx,
    actor: &Actor,
    code: &str,
    day: NaiveDate,
) -> AppResult<Option<Waiting>> {
    // Each unit below, with whether metrics are entered at its level.
    let units: Vec<(i64, crate::domain::unit::Level, String, String)> = {
        let h = ctx.hierarchy();
        let node = super::units::find_open(&h, code, day)?;
        if !actor.scope.can_manage(&h, &node) {
            return Ok(None);
        }
        h.subtree(&node)
            .map(|u| (u.id, u.level, u.code.to_string(), u.full_name.clone()))
            .collect()
    };
    let period = Period::containing(PeriodKind::Month, day);
    let missing: Vec<Missing> = {
        let state = ctx.figures();
        let metrics = state.metrics();
        units
            .into_iter()
            .filter(|(id, level, _, _)| {
                metrics
                    .iter()
                    .filter(|(_, m)| m.entry_level == *level)
                    .any(|(mid, _)| state.value_of(*mid, *id, &period).is_none())
            })
            .map(|(_, _, code, full_name)| Missing { code, full_name })
            .collect()
    };
    let registrations = super::criteria::registrations::waiting_for(ctx, actor, code, day).await?;
    let goals_overdue = super::goals::board(ctx, actor, code, day).await?.overdue;
    Ok(Some(Waiting {
        registrations,
        goals_overdue,
        period,
        values_missing: missing.len(),
        missing_first: missing.into_iter().take(MISSING_SHOWN).collect(),
    }))
}
