//! The digital-adoption ledger: each help given to a household is an event
//! with a date and the team member who helped; a correction is a new event
//! that takes it back, never an edit. Each write bumps the village's
//! counters in the same transaction.

use crate::i18n::messages::Msg;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use tracing::instrument;

use super::audit::{self, Change};
use super::units::unit_path;
use super::{Actor, Ctx};
use crate::domain::metric::Adoption;
use crate::domain::period::Period;
use crate::error::{AppError, AppResult};
/// A ledger event as `import_events` takes it (the row it writes).
pub use crate::store::ledger::NewEvent;
use crate::store::ledger::{self as store, CounterDelta};
use crate::store::teams as tstore;

/// Help recorded for a household.
#[derive(Debug, Clone, Deserialize)]
pub struct AdoptionInput {
    pub kind: String,
    /// Default: the day of the request.
    #[serde(default)]
    pub date: Option<NaiveDate>,
    /// The team member who helped; default: the signed-in member's record.
    #[serde(default)]
    pub member_id: Option<i64>,
    #[serde(default)]
    pub note: String,
    /// True to take back an earlier record (a correction).
    #[serde(default)]
    pub correction: bool,
}

/// What a recorded event looks like.
#[derive(Debug, Clone, Serialize)]
pub struct Recorded {
    pub event_id: i64,
    pub household_id: i64,
    pub kind: Adoption,
    pub date: NaiveDate,
    pub change: i64,
    pub member_id: Option<i64>,
}

/// Record (or correct) one adoption of a household.
#[instrument(skip(ctx, actor, input))]
pub async fn record(
    ctx: &Ctx,
    actor: &Actor,
    household_id: i64,
    input: &AdoptionInput,
) -> AppResult<Recorded> {
    let kind = Adoption::parse(&input.kind)?;
    let today = ctx.today();
    let date = input.date.unwrap_or(today);
    if date > today {
        return Err(AppError::invalid(
            "date",
            Msg::new("value.future_day").arg("day", date.format("%d/%m/%Y")),
        ));
    }
    let hh = store::household(ctx.db(), household_id)
        .await?
        .ok_or_else(|| AppError::no_record("hộ", "household", household_id))?;
    if date < hh.registered_on {
        return Err(AppError::invalid(
            "date",
            Msg::new("fieldwork.before_household_registered")
                .arg("day", date.format("%d/%m/%Y"))
                .arg("registered", hh.registered_on.format("%d/%m/%Y")),
        ));
    }
    let (path, allowed_units) = {
        let h = ctx.hierarchy();
        let v = h
            .version(hh.village_id)
            .ok_or_else(|| AppError::NotFound(Msg::new("fieldwork.household_village_missing")))?;
        // The village as it is on the date (carried over a reorganisation),
        // or as it was when it last existed.
        let at = date.min(v.valid_to.unwrap_or(date)).max(v.valid_from);
        let node = h
            .live_forms(v.id, date)
            .into_iter()
            .next()
            .or_else(|| h.find_id(v.id, at))
            .ok_or_else(|| AppError::NotFound(Msg::new("fieldwork.household_village_missing")))?;
        if !actor.scope.can_record(&h, &node) {
            // Do not tell outsiders that the household exists.
            return Err(if actor.scope.can_read(&h, &node) && actor.is_signed_in() {
                AppError::Forbidden(
                    Msg::new("access.adoption_record").arg("unit", &node.unit.full_name),
                )
            } else {
                AppError::no_record("hộ", "household", household_id)
            });
        }
        // Teams of the village and of its commune, under today's or earlier boundaries.
        let mut allowed = h.with_past(node.unit.id);
        if let Some(p) = h.parent(&node) {
            allowed.extend(h.with_past(p.unit.id));
        }
        (unit_path(&h, &node), allowed)
    };
    let member_id = match input.member_id {
        Some(id) => {
            let m = tstore::member(ctx.db(), id).await?.ok_or_else(|| {
                AppError::invalid(
                    "member_id",
                    Msg::new("notfound.record")
                        .arg_words("what", "thành viên tổ", "team member")
                        .arg("id", id),
                )
            })?;
            let team = tstore::team(ctx.db(), m.team_id).await?.ok_or_else(|| {
                AppError::invalid("member_id", Msg::new("fieldwork.member_team_gone"))
            })?;
            if !allowed_units.contains(&team.unit_id) {
                return Err(AppError::invalid(
                    "member_id",
                    Msg::new("fieldwork.member_other_village").arg("name", &m.full_name),
                ));
            }
            if m.joined_on > date || m.left_on.is_some_and(|l| l < date) {
                return Err(AppError::invalid(
                    "member_id",
                    Msg::new("fieldwork.member_not_in_team_on")
                        .arg("name", &m.full_name)
                        .arg("day", date.format("%d/%m/%Y")),
                ));
            }
            Some(id)
        }
        None => match actor.user_id() {
            Some(uid) => {
                let mut found = None;
                for m in tstore::members_of_user(ctx.db(), uid).await? {
                    if let Some(team) = tstore::team(ctx.db(), m.team_id).await?
                        && allowed_units.contains(&team.unit_id)
                        && m.left_on.is_none()
                    {
                        found = Some(m.id);
                        break;
                    }
                }
                found
            }
            None => None,
        },
    };
    if input.note.chars().count() > 500 {
        return Err(AppError::invalid(
            "note",
            Msg::new("value.at_most_chars").arg("max", 500),
        ));
    }
    let change = if input.correction { -1 } else { 1 };
    let mut tx = ctx.begin().await?;
    let last = store::last_event(&mut tx, household_id, kind.as_str()).await?;
    match (&last, change) {
        (Some(l), _) if date < l.event_date => {
            return Err(AppError::invalid(
                "date",
                Msg::new("fieldwork.event_earlier").arg("day", l.event_date.format("%d/%m/%Y")),
            ));
        }
        (Some(l), 1) if l.change == 1 => {
            return Err(AppError::Conflict(
                Msg::new("fieldwork.adoption_exists")
                    .arg("code", &hh.code)
                    .arg("kind", kind.name_vi())
                    .arg("day", l.event_date.format("%d/%m/%Y")),
            ));
        }
        (None, -1) => {
            return Err(AppError::invalid(
                "correction",
                Msg::new("fieldwork.nothing_to_take_back")
                    .arg("code", &hh.code)
                    .arg("kind", kind.name_vi()),
            ));
        }
        (Some(l), -1) if l.change == -1 => {
            return Err(AppError::invalid(
                "correction",
                Msg::new("fieldwork.already_taken_back"),
            ));
        }
        _ => {}
    }
    let t = ctx.now();
    let ev = NewEvent {
        household_id,
        kind: kind.as_str(),
        event_date: date,
        change,
        member_id,
        note: input.note.trim().to_owned(),
        recorded_by: actor.user_id(),
    };
    let id = store::insert_event(&mut tx, &ev, t).await?;
    let deltas = [CounterDelta {
        unit_id: hh.village_id,
        key: format!("adopt.{}", kind.as_str()),
        month: Period::month_index(date),
        delta: change,
    }];
    store::bump_counters(&mut tx, &deltas, t).await?;
    let change_log = Change {
        action: if change == 1 { "record" } else { "correct" },
        entity: "adoption",
        entity_id: id.to_string(),
        unit_path: Some(path),
        before: None,
        after: Some(
            serde_json::json!({ "household_id": household_id, "kind": kind, "date": date, "change": change, "member_id": member_id }),
        ),
    };
    audit::record(ctx, &mut tx, actor, change_log).await?;
    tx.commit().await?;
    ctx.update_figures(|s| s.apply(&deltas));
    Ok(Recorded {
        event_id: id,
        household_id,
        kind,
        date,
        change,
        member_id,
    })
}

/// Bulk events for an import or the demo: already checked by the caller
/// for order; one transaction with the counters.
pub async fn import_events(
    ctx: &Ctx,
    actor: &Actor,
    events: &[(i64, NewEvent)],
) -> AppResult<usize> {
    if !actor.scope.is_admin() {
        return Err(AppError::Forbidden(Msg::new("access.ledger_import")));
    }
    let mut tx = ctx.begin().await?;
    let t = ctx.now();
    let rows: Vec<NewEvent> = events.iter().map(|(_, e)| e.clone()).collect();
    store::insert_events(&mut tx, &rows, t).await?;
    let mut acc: HashMap<(i64, &str, i32), i64> = HashMap::new();
    for (village, e) in events {
        *acc.entry((*village, e.kind, Period::month_index(e.event_date)))
            .or_default() += e.change;
    }
    let deltas: Vec<CounterDelta> = acc
        .into_iter()
        .map(|((unit_id, kind, month), delta)| CounterDelta {
            unit_id,
            key: format!("adopt.{kind}"),
            month,
            delta,
        })
        .collect();
    store::bump_counters(&mut tx, &deltas, t).await?;
    let change = Change {
        action: "import",
        entity: "adoption",
        entity_id: format!("{} events", rows.len()),
        unit_path: None,
        before: None,
        after: Some(serde_json::json!({ "events": rows.len() })),
    };
    audit::record(ctx, &mut tx, actor, change).await?;
    tx.commit().await?;
    ctx.update_figures(|s| s.apply(&deltas));
    Ok(rows.len())
}
