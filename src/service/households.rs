//! Households: registration (one or an import) and the list of a village
//! with the adoptions in force on a day, personal data masked by role. The
//! adoption ledger itself is in `adoption`, re-exported here.

use crate::i18n::messages::Msg;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use tracing::instrument;

use super::audit::{self, Change};
use super::units::{find, unit_path};
use super::{Actor, Ctx};
use crate::domain::hierarchy::{Hierarchy, Node};
use crate::domain::metric::Adoption;
use crate::domain::period::Period;
use crate::domain::unit::Level;
use crate::error::{AppError, AppResult};
use crate::store::ledger::{self as store, CounterDelta, NewHousehold};

pub use super::adoption::{AdoptionInput, Recorded, import_events, record};
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
                    Msg::new("value.at_most_chars").arg("max", max),
                ));
            }
            Ok(Some(s))
        }
    }
}

/// A phone number as people type it: digits, spaces or `+`, at most 15
/// characters; `None` when blank.
pub(crate) fn check_phone(phone: Option<&str>) -> AppResult<Option<String>> {
    match phone.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(p)
            if p.len() <= 15
                && p.chars()
                    .all(|c| c.is_ascii_digit() || c == '+' || c == ' ') =>
        {
            Ok(Some(p.to_owned()))
        }
        Some(_) => Err(AppError::invalid(
            "phone",
            Msg::new("fieldwork.phone_digits"),
        )),
    }
}

pub(crate) fn check_household(
    input: &HouseholdInput,
    village: &Node<'_>,
    day: NaiveDate,
    today: NaiveDate,
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
            Msg::new("fieldwork.household_code_format")
                .arg("value", code.chars().take(40).collect::<String>()),
        ));
    }
    let phone = check_phone(input.phone.as_deref())?;
    if let Some(size) = input.size
        && !(1..=50).contains(&size)
    {
        return Err(AppError::invalid(
            "size",
            Msg::new("fieldwork.household_size").arg("value", size),
        ));
    }
    let poverty = match input.poverty.as_deref().unwrap_or("none") {
        "none" | "" => "none",
        "near_poor" => "near_poor",
        "poor" => "poor",
        other => {
            return Err(AppError::invalid(
                "poverty",
                Msg::new("fieldwork.poverty_values").arg("value", other),
            ));
        }
    };
    let registered_on = input.registered_on.unwrap_or(day);
    if registered_on > today {
        return Err(AppError::invalid(
            "registered_on",
            Msg::new("value.in_future"),
        ));
    }
    if !village.unit.valid_on(registered_on) {
        return Err(AppError::invalid(
            "registered_on",
            Msg::new("unit.not_on_day")
                .arg("unit", &village.unit.full_name)
                .arg("day", registered_on.format("%d/%m/%Y")),
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

pub(crate) fn village_for_write<'h>(
    h: &'h Hierarchy,
    actor: &Actor,
    code: &str,
    day: NaiveDate,
) -> AppResult<Node<'h>> {
    let node = find(h, actor, code, day)?;
    if node.unit.level != Level::Village {
        return Err(AppError::invalid(
            "village",
            Msg::new("fieldwork.household_in_village")
                .arg("code", &node.unit.code)
                .arg_msg("level", node.unit.level.words()),
        ));
    }
    if !actor.scope.can_record(h, &node) {
        return Err(AppError::Forbidden(
            Msg::new("access.households_record").arg("unit", &node.unit.full_name),
        ));
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
    let checked = check_import(ctx, actor, day, items)?;
    write_import(ctx, actor, checked).await
}

/// Households checked against the hierarchy and the actor's scope, ready
/// to write (`write_import`).
pub struct CheckedImport {
    rows: Vec<NewHousehold>,
    /// The path of each village, for the audit entry.
    paths: HashMap<i64, String>,
}

/// The first half of `import_households`: every row checked, in memory,
/// without the database. Apart so that a bulk loader can check the next
/// chunk while the last one is written (the bench does; see
/// docs/PERFORMANCE.md). What is checked here holds at the write just as
/// when both run back to back: the codes' uniqueness is the index's to
/// check, and the village exists for good once it has existed.
pub fn check_import(
    ctx: &Ctx,
    actor: &Actor,
    day: NaiveDate,
    items: &[(String, HouseholdInput)],
) -> AppResult<CheckedImport> {
    super::limits::bulk_write(ctx, actor, items.len())?;
    let mut rows = Vec::with_capacity(items.len());
    let mut paths: HashMap<i64, String> = HashMap::new();
    let h = ctx.hierarchy();
    for (i, (village, input)) in items.iter().enumerate() {
        let at = |e: AppError| e.at_item(items.len(), i);
        let node = village_for_write(&h, actor, village, day).map_err(at)?;
        rows.push(check_household(input, &node, day, ctx.today()).map_err(at)?);
        paths
            .entry(node.unit.id)
            .or_insert_with(|| unit_path(&h, &node));
    }
    if actor.is_signed_in() {
        village_room(ctx, &h, &rows)?;
    }
    Ok(CheckedImport { rows, paths })
}

/// Refuse rows that would take a village past the households a village may
/// hold (`Config::max_village_households`), counted from the live counters
/// (every household ever registered there, whatever its date). Two imports
/// racing past the check overshoot by at most one request's rows.
pub(crate) fn village_room(ctx: &Ctx, h: &Hierarchy, rows: &[NewHousehold]) -> AppResult<()> {
    let max = ctx.config().max_village_households;
    let mut adding: HashMap<i64, i64> = HashMap::new();
    for r in rows {
        *adding.entry(r.village_id).or_default() += 1;
    }
    let figures = ctx.figures();
    for (village, n) in adding {
        let have =
            figures
                .counters
                .value(village, crate::domain::figures::Key::Households, i32::MAX);
        if have + n > max {
            let name = h
                .version(village)
                .map(|u| u.full_name.clone())
                .unwrap_or_else(|| village.to_string());
            return Err(AppError::PayloadTooLarge(
                Msg::new("fieldwork.village_full")
                    .arg("name", name)
                    .arg("have", have)
                    .arg("n", n)
                    .arg("max", max),
            ));
        }
    }
    Ok(())
}

/// The second half of `import_households`: one transaction with the rows,
/// their villages' counters and one audit entry.
pub async fn write_import(ctx: &Ctx, actor: &Actor, checked: CheckedImport) -> AppResult<Vec<i64>> {
    let CheckedImport { rows, paths } = checked;
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    // Codes are unique in a village: the UNIQUE (village_id, code) index
    // checks every row as it goes in. Only when it refuses one are the
    // villages read, to name the row; reading them first cost one query
    // per village on every import (see docs/PERFORMANCE.md).
    let mut tx = ctx.begin().await?;
    let t = ctx.now();
    let ids = match store::insert_households(&mut tx, &rows, t).await {
        Ok(ids) => ids,
        Err(e) if crate::store::is_unique_violation(&e) => {
            drop(tx);
            return Err(duplicate_code(ctx, &rows).await?);
        }
        Err(e) => return Err(e.into()),
    };
    let deltas = counted(&rows);
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
    audit::record(ctx, &mut tx, actor, change).await?;
    tx.commit().await?;
    ctx.update_figures(|s| s.apply(&deltas));
    Ok(ids)
}

/// What new households add to the live counters: one per village and
/// month registered.
pub(crate) fn counted(rows: &[NewHousehold]) -> Vec<CounterDelta> {
    let mut deltas: HashMap<(i64, i32), i64> = HashMap::new();
    for r in rows {
        *deltas
            .entry((r.village_id, Period::month_index(r.registered_on)))
            .or_default() += 1;
    }
    deltas
        .into_iter()
        .map(|((unit_id, month), delta)| CounterDelta {
            unit_id,
            key: "households".into(),
            month,
            delta,
        })
        .collect()
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
            return Ok(AppError::invalid(
                "code",
                Msg::new("fieldwork.household_code_used").arg("code", &r.code),
            )
            .at_item(rows.len(), i));
        }
    }
    Ok(AppError::Conflict(Msg::new(
        "fieldwork.household_code_used_any",
    )))
}

/// The households of a village, with the adoptions in force on `day`.
pub async fn list(
    ctx: &Ctx,
    actor: &Actor,
    village: &str,
    day: NaiveDate,
) -> AppResult<Vec<HouseholdView>> {
    let (village_ids, village_code, personal) = {
        let h = ctx.hierarchy();
        let node = find(&h, actor, village, day)?;
        if node.unit.level != Level::Village {
            return Err(AppError::invalid(
                "village",
                Msg::new("fieldwork.not_a_village")
                    .arg("code", &node.unit.code)
                    .arg_msg("level", node.unit.level.words()),
            ));
        }
        // A village carried over a reorganisation keeps its households.
        (
            h.with_past(node.unit.id),
            node.unit.code.to_string(),
            actor.scope.can_see_personal(&h, &node),
        )
    };
    views(ctx, &village_ids, &village_code, personal, day, None).await
}

/// Households of the given village versions as shown on `day`, optionally
/// only one of them.
async fn views(
    ctx: &Ctx,
    village_ids: &[i64],
    village_code: &str,
    personal: bool,
    day: NaiveDate,
    only: Option<i64>,
) -> AppResult<Vec<HouseholdView>> {
    let rows = store::households_of(ctx.db(), village_ids).await?;
    let events = store::events_of_village(ctx.db(), village_ids).await?;
    let mut state: HashMap<(i64, String), i64> = HashMap::new();
    for e in events.iter().filter(|e| e.event_date <= day) {
        *state.entry((e.household_id, e.kind.clone())).or_default() += e.change;
    }
    Ok(rows
        .into_iter()
        .filter(|r| r.registered_on <= day && only.is_none_or(|id| r.id == id))
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
                village_code: village_code.to_owned(),
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

/// One household as shown to the actor, with whether they may record help.
pub async fn get(
    ctx: &Ctx,
    actor: &Actor,
    id: i64,
    day: NaiveDate,
) -> AppResult<(HouseholdView, bool)> {
    let not_found = || AppError::no_record("hộ", "household", id);
    let hh = store::household(ctx.db(), id)
        .await?
        .ok_or_else(not_found)?;
    let (ids, code, personal, can_record) = {
        let h = ctx.hierarchy();
        let v = h.version(hh.village_id).ok_or_else(not_found)?;
        // The village as it is on the day, or as it was when it last existed.
        let current = h.live_forms(v.id, day).into_iter().next();
        let at = day.clamp(v.valid_from, v.valid_to.unwrap_or(day).max(v.valid_from));
        let node = current.or_else(|| h.find_id(v.id, at));
        match node {
            // Outsiders learn nothing, not even that the household exists.
            Some(n) if actor.is_signed_in() && actor.scope.can_read(&h, &n) => (
                h.with_past(n.unit.id),
                n.unit.code.to_string(),
                actor.scope.can_see_personal(&h, &n),
                actor.scope.can_record(&h, &n),
            ),
            _ => return Err(not_found()),
        }
    };
    let view = views(
        ctx,
        &ids,
        &code,
        personal,
        day.max(hh.registered_on),
        Some(id),
    )
    .await?
    .into_iter()
    .next()
    .ok_or_else(not_found)?;
    Ok((view, can_record))
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
            "items[1].code: household code H1 is already used in this village."
        );
        let in_batch = import_households(&ctx, &op, day, &[hh("H4"), hh("H5"), hh("H4")]).await;
        assert_eq!(
            field(in_batch.unwrap_err()),
            "items[2].code: household code H4 is already used in this village."
        );
        let one = import_households(&ctx, &op, day, &[hh("H2")]).await;
        assert_eq!(
            field(one.unwrap_err()),
            "code: household code H2 is already used in this village."
        );
        let h = ctx.hierarchy();
        let id = h.find(&v.parse().unwrap(), day).unwrap().unit.id;
        assert_eq!(
            store::households_of(ctx.db(), &[id]).await.unwrap().len(),
            2
        );
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
