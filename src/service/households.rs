//! Households and their digital-adoption ledger.
//!
//! A household belongs to a village. Each adoption (joined the village Zalo
//! group, e-payment, VNeID, ...) is an event with a date and the team member
//! who helped; a correction is a new event that takes it back, never an
//! edit. Each write bumps the village's counters in the same transaction.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use tracing::instrument;

use super::audit::{self, Change};
use super::units::{find, unit_path};
use super::{Actor, Ctx, now};
use crate::domain::hierarchy::{Hierarchy, Node};
use crate::domain::metric::Adoption;
use crate::domain::period::Period;
use crate::domain::unit::Level;
use crate::error::{AppError, AppResult};
use crate::store::ledger::{self as store, CounterDelta, NewEvent, NewHousehold};
use crate::store::teams as tstore;

/// A household as given in input.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct HouseholdInput {
    pub code: String,
    #[serde(default)]
    pub head_name: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub size: Option<i64>,
    /// none, near_poor or poor.
    #[serde(default)]
    pub poverty: Option<String>,
    /// Default: the day of the request.
    #[serde(default)]
    pub registered_on: Option<NaiveDate>,
    #[serde(default)]
    pub synthetic: bool,
}

/// A household as shown; personal data masked unless the reader needs it.
#[derive(Debug, Clone, Serialize)]
pub struct HouseholdView {
    pub id: i64,
    pub code: String,
    pub village_code: String,
    pub head_name: Option<String>,
    pub phone: Option<String>,
    pub masked: bool,
    pub size: Option<i64>,
    pub poverty: String,
    pub registered_on: NaiveDate,
    pub synthetic: bool,
    /// Adoptions in force on the day.
    pub adoptions: Vec<Adoption>,
}

fn mask_name(name: &str) -> String {
    name.split_whitespace()
        .filter_map(|w| w.chars().next())
        .map(|c| format!("{c}."))
        .collect::<Vec<_>>()
        .join(" ")
}

fn mask_phone(phone: &str) -> String {
    let digits: Vec<char> = phone.chars().filter(|c| c.is_ascii_digit()).collect();
    let tail: String = digits.iter().rev().take(3).rev().collect();
    format!("•••••••{tail}")
}

fn clean_opt(field: &str, v: &Option<String>, max: usize) -> AppResult<Option<String>> {
    match v.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) => {
            let s = crate::domain::unit::clean_name(field, s)?;
            if s.chars().count() > max {
                return Err(AppError::invalid(
                    field,
                    format!("at most {max} characters"),
                ));
            }
            Ok(Some(s))
        }
    }
}

fn check_household(
    input: &HouseholdInput,
    village: &Node<'_>,
    day: NaiveDate,
) -> AppResult<NewHousehold> {
    let code = input.code.trim();
    if code.is_empty()
        || code.len() > 32
        || !code
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b))
    {
        return Err(AppError::invalid(
            "code",
            format!(
                "a household code is 1 to 32 letters, digits, '-', '_' or '.', got '{}'",
                code.chars().take(40).collect::<String>()
            ),
        ));
    }
    let phone = match input
        .phone
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        None => None,
        Some(p)
            if p.len() <= 15
                && p.chars()
                    .all(|c| c.is_ascii_digit() || c == '+' || c == ' ') =>
        {
            Some(p.to_owned())
        }
        Some(_) => {
            return Err(AppError::invalid(
                "phone",
                "a phone number is up to 15 digits",
            ));
        }
    };
    if let Some(size) = input.size
        && !(1..=50).contains(&size)
    {
        return Err(AppError::invalid(
            "size",
            format!("a household has 1 to 50 people, got {size}"),
        ));
    }
    let poverty = match input.poverty.as_deref().unwrap_or("none") {
        "none" | "" => "none",
        "near_poor" => "near_poor",
        "poor" => "poor",
        other => {
            return Err(AppError::invalid(
                "poverty",
                format!("must be none, near_poor or poor, got '{other}'"),
            ));
        }
    };
    let registered_on = input.registered_on.unwrap_or(day);
    if registered_on > crate::http::extract::today() {
        return Err(AppError::invalid("registered_on", "is in the future"));
    }
    if !village.unit.valid_on(registered_on) {
        return Err(AppError::invalid(
            "registered_on",
            format!(
                "{} did not exist on {registered_on}",
                village.unit.full_name
            ),
        ));
    }
    Ok(NewHousehold {
        village_id: village.unit.id,
        code: code.to_owned(),
        head_name: clean_opt("head_name", &input.head_name, 100)?,
        phone,
        size: input.size,
        poverty,
        registered_on,
        synthetic: input.synthetic,
    })
}

fn village_for_write<'h>(
    h: &'h Hierarchy,
    actor: &Actor,
    code: &str,
    day: NaiveDate,
) -> AppResult<Node<'h>> {
    let node = find(h, actor, code, day)?;
    if node.unit.level != Level::Village {
        return Err(AppError::invalid(
            "village",
            format!(
                "a household belongs to a village; {} is a {}",
                node.unit.code, node.unit.level
            ),
        ));
    }
    if !actor.scope.can_record(h, &node) {
        return Err(AppError::Forbidden(format!(
            "recording households in {} needs a team member's or officer's role there",
            node.unit.full_name
        )));
    }
    Ok(node)
}

/// Register households (one or many, e.g. an import) in one transaction.
/// Any bad row is refused with its index and field; nothing is written.
#[instrument(skip(ctx, actor, items), fields(items = items.len()))]
pub async fn import_households(
    ctx: &Ctx,
    actor: &Actor,
    day: NaiveDate,
    items: &[(String, HouseholdInput)],
) -> AppResult<Vec<i64>> {
    let mut rows = Vec::with_capacity(items.len());
    let mut paths: HashMap<i64, String> = HashMap::new();
    {
        let h = ctx.hierarchy();
        for (i, (village, input)) in items.iter().enumerate() {
            let at = |e: AppError| index_error(items.len(), i, e);
            let node = village_for_write(&h, actor, village, day).map_err(at)?;
            rows.push(check_household(input, &node, day).map_err(at)?);
            paths
                .entry(node.unit.id)
                .or_insert_with(|| unit_path(&h, &node));
        }
    }
    // Codes are unique in a village: the UNIQUE (village_id, code) index
    // checks every row as it goes in. Only when it refuses one are the
    // villages read, to name the row; reading them first cost one query
    // per village on every import (see docs/PERFORMANCE.md).
    let mut tx = ctx.begin().await?;
    let t = now();
    let ids = match store::insert_households(&mut tx, &rows, t).await {
        Ok(ids) => ids,
        Err(e) if crate::store::is_unique_violation(&e) => {
            drop(tx);
            return Err(duplicate_code(ctx, &rows).await?);
        }
        Err(e) => return Err(e.into()),
    };
    let mut deltas: HashMap<(i64, i32), i64> = HashMap::new();
    for r in &rows {
        *deltas
            .entry((r.village_id, Period::month_index(r.registered_on)))
            .or_default() += 1;
    }
    let deltas: Vec<CounterDelta> = deltas
        .into_iter()
        .map(|((unit_id, month), delta)| CounterDelta {
            unit_id,
            key: "households".into(),
            month,
            delta,
        })
        .collect();
    store::bump_counters(&mut tx, &deltas, t).await?;
    let change = if rows.len() == 1 {
        Change {
            action: "create",
            entity: "household",
            entity_id: ids[0].to_string(),
            unit_path: paths.get(&rows[0].village_id).cloned(),
            before: None,
            after: Some(
                serde_json::json!({ "code": rows[0].code, "village_id": rows[0].village_id, "registered_on": rows[0].registered_on }),
            ),
        }
    } else {
        Change {
            action: "import",
            entity: "household",
            entity_id: format!(
                "{}..{}",
                ids.first().unwrap_or(&0),
                ids.last().unwrap_or(&0)
            ),
            unit_path: (paths.len() == 1)
                .then(|| paths.values().next().cloned())
                .flatten(),
            before: None,
            after: Some(serde_json::json!({ "households": rows.len(), "villages": paths.len() })),
        }
    };
    audit::record(&mut tx, actor, change).await?;
    tx.commit().await?;
    ctx.update_figures(|s| s.apply(&deltas));
    Ok(ids)
}

/// After the unique index refused a batch (which is rolled back): the
/// first row, in input order, whose code an earlier row or the database
/// already uses in its village, as the error to show.
async fn duplicate_code(ctx: &Ctx, rows: &[NewHousehold]) -> AppResult<AppError> {
    let mut tx = ctx.begin().await?;
    let mut taken: HashMap<i64, std::collections::HashSet<String>> = HashMap::new();
    for (i, r) in rows.iter().enumerate() {
        let codes = match taken.entry(r.village_id) {
            std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::hash_map::Entry::Vacant(e) => e.insert(
                store::taken_codes(&mut tx, r.village_id)
                    .await?
                    .into_iter()
                    .collect(),
            ),
        };
        if !codes.insert(r.code.clone()) {
            return Ok(index_error(
                rows.len(),
                i,
                AppError::invalid(
                    "code",
                    format!("household code {} is already used in this village", r.code),
                ),
            ));
        }
    }
    Ok(AppError::Conflict(
        "a household code is already used in its village".into(),
    ))
}

fn index_error(n: usize, i: usize, e: AppError) -> AppError {
    if n == 1 {
        return e;
    }
    match e {
        AppError::Invalid { field, message } => {
            AppError::invalid(format!("items[{i}].{field}"), message)
        }
        AppError::Forbidden(m) => AppError::Forbidden(format!("item {i}: {m}")),
        AppError::NotFound(m) => AppError::NotFound(format!("item {i}: {m}")),
        other => other,
    }
}

/// The households of a village, with the adoptions in force on `day`.
pub async fn list(
    ctx: &Ctx,
    actor: &Actor,
    village: &str,
    day: NaiveDate,
) -> AppResult<Vec<HouseholdView>> {
    let (village_id, village_code, personal) = {
        let h = ctx.hierarchy();
        let node = find(&h, actor, village, day)?;
        if node.unit.level != Level::Village {
            return Err(AppError::invalid(
                "village",
                format!("{} is a {}, not a village", node.unit.code, node.unit.level),
            ));
        }
        (
            node.unit.id,
            node.unit.code.to_string(),
            actor.scope.can_see_personal(&h, &node),
        )
    };
    let rows = store::households_of(ctx.db(), village_id).await?;
    let events = store::events_of_village(ctx.db(), village_id).await?;
    let mut state: HashMap<(i64, String), i64> = HashMap::new();
    for e in events.iter().filter(|e| e.event_date <= day) {
        *state.entry((e.household_id, e.kind.clone())).or_default() += e.change;
    }
    Ok(rows
        .into_iter()
        .filter(|r| r.registered_on <= day)
        .map(|r| {
            let adoptions = Adoption::ALL
                .into_iter()
                .filter(|k| {
                    state
                        .get(&(r.id, k.as_str().to_owned()))
                        .copied()
                        .unwrap_or(0)
                        > 0
                })
                .collect();
            HouseholdView {
                id: r.id,
                code: r.code,
                village_code: village_code.clone(),
                head_name: if personal {
                    r.head_name
                } else {
                    r.head_name.map(|n| mask_name(&n))
                },
                phone: if personal {
                    r.phone
                } else {
                    r.phone.map(|p| mask_phone(&p))
                },
                masked: !personal,
                size: r.size,
                poverty: r.poverty,
                registered_on: r.registered_on,
                synthetic: r.synthetic,
                adoptions,
            }
        })
        .collect())
}

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
    let today = crate::http::extract::today();
    let date = input.date.unwrap_or(today);
    if date > today {
        return Err(AppError::invalid(
            "date",
            format!("{date} is in the future"),
        ));
    }
    let hh = store::household(ctx.db(), household_id)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("no household with id {household_id}")))?;
    if date < hh.registered_on {
        return Err(AppError::invalid(
            "date",
            format!(
                "{date} is before the household was registered ({})",
                hh.registered_on
            ),
        ));
    }
    let (path, allowed_units) = {
        let h = ctx.hierarchy();
        let v = h
            .version(hh.village_id)
            .ok_or_else(|| AppError::NotFound("the household's village".into()))?;
        let node = h
            .find_id(v.id, date.min(v.valid_to.unwrap_or(date)).max(v.valid_from))
            .ok_or_else(|| AppError::NotFound("the household's village".into()))?;
        if !actor.scope.can_record(&h, &node) {
            // Do not tell outsiders that the household exists.
            return Err(if actor.scope.can_read(&h, &node) && actor.is_signed_in() {
                AppError::Forbidden(format!(
                    "recording help in {} needs a team member's or officer's role there",
                    node.unit.full_name
                ))
            } else {
                AppError::NotFound(format!("no household with id {household_id}"))
            });
        }
        let mut allowed = vec![node.unit.id];
        allowed.extend(h.parent(&node).map(|p| p.unit.id));
        (unit_path(&h, &node), allowed)
    };
    let member_id = match input.member_id {
        Some(id) => {
            let m = tstore::member(ctx.db(), id).await?.ok_or_else(|| {
                AppError::invalid("member_id", format!("no team member with id {id}"))
            })?;
            let team = tstore::team(ctx.db(), m.team_id)
                .await?
                .ok_or_else(|| AppError::invalid("member_id", "the member's team is gone"))?;
            if !allowed_units.contains(&team.unit_id) {
                return Err(AppError::invalid(
                    "member_id",
                    format!(
                        "{} belongs to a team of another village or commune",
                        m.full_name
                    ),
                ));
            }
            if m.joined_on > date || m.left_on.is_some_and(|l| l < date) {
                return Err(AppError::invalid(
                    "member_id",
                    format!("{} was not in the team on {date}", m.full_name),
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
        return Err(AppError::invalid("note", "at most 500 characters"));
    }
    let change = if input.correction { -1 } else { 1 };
    let mut tx = ctx.begin().await?;
    let last = store::last_event(&mut tx, household_id, kind.as_str()).await?;
    match (&last, change) {
        (Some(l), _) if date < l.event_date => {
            return Err(AppError::invalid(
                "date",
                format!(
                    "the latest record of this kind is dated {}; a new one cannot be earlier",
                    l.event_date
                ),
            ));
        }
        (Some(l), 1) if l.change == 1 => {
            return Err(AppError::Conflict(format!(
                "household {} already has '{}' since {}",
                hh.code,
                kind.name_vi(),
                l.event_date
            )));
        }
        (None, -1) => {
            return Err(AppError::invalid(
                "correction",
                format!(
                    "household {} has no '{}' to take back",
                    hh.code,
                    kind.name_vi()
                ),
            ));
        }
        (Some(l), -1) if l.change == -1 => {
            return Err(AppError::invalid("correction", "already taken back"));
        }
        _ => {}
    }
    let t = now();
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
    audit::record(&mut tx, actor, change_log).await?;
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
        return Err(AppError::Forbidden(
            "bulk ledger imports are for admins".into(),
        ));
    }
    let mut tx = ctx.begin().await?;
    let t = now();
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
    audit::record(&mut tx, actor, change).await?;
    tx.commit().await?;
    ctx.update_figures(|s| s.apply(&deltas));
    Ok(rows.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masking_keeps_initials_and_last_digits() {
        assert_eq!(super::mask_name("Hoàng Văn Bình"), "H. V. B.");
        assert_eq!(super::mask_phone("0912 345 678"), "•••••••678");
    }

    #[tokio::test]
    async fn a_code_used_twice_is_named_and_nothing_is_written() {
        let dir = std::env::temp_dir().join(format!("tinhso-hh-dup-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let config = crate::config::Config::for_data_dir(dir.clone());
        let ctx = Ctx::open(config).await.unwrap();
        let op = Actor::system("test");
        let day: NaiveDate = "2025-07-01".parse().unwrap();
        let list = "code,name,full_name,level,type,parent_code\n\
                    15,Lào Cai,Tỉnh Lào Cai,province,tỉnh,\n\
                    04387,Châu Quế,Xã Châu Quế,commune,xã,15\n";
        crate::service::units::load_list(&ctx, &op, "t", list, day)
            .await
            .unwrap();
        let village = crate::service::units::NewVillage {
            name: "Khe Bành".into(),
            ..Default::default()
        };
        let v =
            crate::service::units::import_villages(&ctx, &op, day, &[("04387".into(), village)])
                .await
                .unwrap()
                .remove(0);
        let hh = |code: &str| {
            (
                v.clone(),
                HouseholdInput {
                    code: code.into(),
                    registered_on: Some(day),
                    ..Default::default()
                },
            )
        };
        import_households(&ctx, &op, day, &[hh("H1"), hh("H2")])
            .await
            .unwrap();
        let field = |e: AppError| match e {
            AppError::Invalid { field, message } => format!("{field}: {message}"),
            other => panic!("expected invalid input, got {other:?}"),
        };
        let in_db = import_households(&ctx, &op, day, &[hh("H3"), hh("H1")]).await;
        assert_eq!(
            field(in_db.unwrap_err()),
            "items[1].code: household code H1 is already used in this village"
        );
        let in_batch = import_households(&ctx, &op, day, &[hh("H4"), hh("H5"), hh("H4")]).await;
        assert_eq!(
            field(in_batch.unwrap_err()),
            "items[2].code: household code H4 is already used in this village"
        );
        let one = import_households(&ctx, &op, day, &[hh("H2")]).await;
        assert_eq!(
            field(one.unwrap_err()),
            "code: household code H2 is already used in this village"
        );
        let h = ctx.hierarchy();
        let id = h.find(&v.parse().unwrap(), day).unwrap().unit.id;
        assert_eq!(store::households_of(ctx.db(), id).await.unwrap().len(), 2);
        let month = Period::month_index(day);
        let counted =
            ctx.figures()
                .counters
                .value(id, crate::domain::figures::Key::Households, month);
        assert_eq!(counted, 2);
        ctx.db().close().await;
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
