//! The DTI-style provincial index: a criteria set of kind `index` whose
//! groups are the pillars, scored by the same engine as the communes'
//! criteria; the official results (rank among provinces per year) recorded
//! beside the computed score; rank targets (lower is better).

use crate::i18n::messages::Msg;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::explain::{Explanation, explain_with};
use super::set_for;
use crate::domain::access::Role;
use crate::domain::criteria::SetKind;
use crate::domain::figures::Figure;
use crate::domain::unit::Level;
use crate::error::{AppError, AppResult};
use crate::service::audit::{self, Change};
use crate::service::units::{UnitInfo, info_of, unit_path};
use crate::service::{Actor, Ctx};
use crate::store::criteria::{self as store, NewResult, ResultRow, TargetRow};

/// The index code of the national DTI.
pub const DTI: &str = "dti";

/// A rank target and where it stands against the latest result.
#[derive(Debug, Clone, Serialize)]
pub struct TargetView {
    #[serde(flatten)]
    pub row: TargetRow,
    /// Latest rank on the day, and whether it is at or better than the
    /// target (lower is better); none without a result.
    pub latest_rank: Option<i64>,
    pub met: Option<bool>,
}

#[derive(Debug, Clone, Serialize)]
pub struct IndexView {
    pub unit: UnitInfo,
    pub year: i64,
    pub on: NaiveDate,
    /// The computed score with its pillar breakdown, when the year has an
    /// index set.
    pub computed: Option<Explanation>,
    /// Official results known on the day, oldest first.
    pub results: Vec<ResultRow>,
    pub targets: Vec<TargetView>,
}

fn province<'h>(
    h: &'h crate::domain::hierarchy::Hierarchy,
    _actor: &Actor,
    code: &str,
    day: NaiveDate,
) -> AppResult<crate::domain::hierarchy::Node<'h>> {
    let node = crate::service::units::find_open(h, code, day)?;
    if node.unit.level != Level::Province {
        return Err(AppError::invalid(
            "unit",
            Msg::new("criteria.index_ranks_provinces")
                .arg("code", &node.unit.code)
                .arg_msg("level", node.unit.level.words()),
        ));
    }
    Ok(node)
}

/// The index of a province for a year, on a day.
pub async fn index(
    ctx: &Ctx,
    actor: &Actor,
    code: &str,
    year: i64,
    day: NaiveDate,
) -> AppResult<IndexView> {
    let (unit, ids) = {
        let h = ctx.hierarchy();
        let node = province(&h, actor, code, day)?;
        (info_of(&h, &node), h.with_past(node.unit.id))
    };
    let computed = match set_for(ctx, SetKind::Index, year, unit.id, day).await? {
        Some(set) => Some(explain_with(ctx, &set, unit.id, day, None).await?),
        None => None,
    };
    let results: Vec<ResultRow> = store::results_of(ctx.db(), DTI, &ids)
        .await?
        .into_iter()
        .filter(|r| r.published_on <= day)
        .collect();
    let latest = results.last().map(|r| r.rank);
    let targets = store::targets_of(ctx.db(), DTI, &ids)
        .await?
        .into_iter()
        .map(|t| TargetView {
            latest_rank: latest,
            met: latest.map(|r| r <= t.rank),
            row: t,
        })
        .collect();
    Ok(IndexView {
        unit,
        year,
        on: day,
        computed,
        results,
        targets,
    })
}

/// `dti.rank`: the latest official rank known on the day, with the number
/// of ranked provinces as the denominator.
pub async fn headline_figures(
    ctx: &Ctx,
    unit_id: i64,
    day: NaiveDate,
) -> AppResult<Vec<(&'static str, Figure)>> {
    Ok(vec![("dti.rank", dti_rank(ctx, unit_id, day).await?)])
}

async fn dti_rank(ctx: &Ctx, unit_id: i64, day: NaiveDate) -> AppResult<Figure> {
    let ids = ctx.hierarchy().with_past(unit_id);
    let latest = store::results_of(ctx.db(), DTI, &ids)
        .await?
        .into_iter()
        .filter(|r| r.published_on <= day)
        .max_by_key(|r| (r.year, r.published_on));
    Ok(match latest {
        Some(r) => Figure {
            value: Some(r.rank as f64),
            numerator: None,
            denominator: Some(r.ranked_of as f64),
        },
        None => Figure {
            value: None,
            numerator: None,
            denominator: None,
        },
    })
}

#[derive(Debug, Clone, Deserialize)]
pub struct ResultInput {
    pub year: i64,
    pub rank: i64,
    pub ranked_of: i64,
    #[serde(default)]
    pub score: Option<f64>,
    pub published_on: NaiveDate,
    #[serde(default)]
    pub source: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct TargetInput {
    pub year: i64,
    pub rank: i64,
    #[serde(default)]
    pub note: String,
    /// The day the target was set (default today): it is kept on the
    /// province as it was then.
    #[serde(default)]
    pub on: Option<NaiveDate>,
}

fn check_year(y: i64) -> AppResult<()> {
    if (2000..=2100).contains(&y) {
        Ok(())
    } else {
        Err(AppError::invalid(
            "year",
            Msg::new("value.range")
                .arg("min", 2000)
                .arg("max", 2100)
                .arg("value", y),
        ))
    }
}

/// Who keeps a province's index records: its officers, and admins.
fn keeper(ctx: &Ctx, actor: &Actor, code: &str, day: NaiveDate) -> AppResult<(i64, String)> {
    let h = ctx.hierarchy();
    let node = province(&h, actor, code, day)?;
    let ok = actor.scope.is_admin()
        || actor
            .scope
            .grants_over(&h, &node)
            .any(|g| matches!(g.role, Role::Admin | Role::ProvinceOfficer));
    if !ok {
        return Err(AppError::Forbidden(
            Msg::new("access.index_results").arg("unit", &node.unit.full_name),
        ));
    }
    Ok((node.unit.id, unit_path(&h, &node)))
}

/// Record an official result (e.g. the ministry's DTI ranking).
pub async fn record_result(
    ctx: &Ctx,
    actor: &Actor,
    code: &str,
    input: &ResultInput,
    today: NaiveDate,
) -> AppResult<ResultRow> {
    check_year(input.year)?;
    if !(1..=1000).contains(&input.ranked_of) {
        return Err(AppError::invalid(
            "ranked_of",
            Msg::new("value.range")
                .arg("min", 1)
                .arg("max", 1000)
                .arg("value", input.ranked_of),
        ));
    }
    if !(1..=input.ranked_of).contains(&input.rank) {
        return Err(AppError::invalid(
            "rank",
            Msg::new("criteria.rank_range")
                .arg("max", input.ranked_of)
                .arg("value", input.rank),
        ));
    }
    if let Some(s) = input.score
        && !(0.0..=1000.0).contains(&s)
    {
        return Err(AppError::invalid(
            "score",
            Msg::new("value.range")
                .arg("min", 0)
                .arg("max", 1000)
                .arg("value", s),
        ));
    }
    if input.published_on > today {
        return Err(AppError::invalid(
            "published_on",
            Msg::new("value.future_day").arg("day", input.published_on.format("%d/%m/%Y")),
        ));
    }
    // Kept on the province as it was when the result was published.
    let (unit_id, path) = keeper(ctx, actor, code, input.published_on)?;
    let t = ctx.now();
    let mut tx = ctx.begin().await?;
    let id = store::insert_result(
        &mut tx,
        &NewResult {
            index_code: DTI,
            unit_id,
            year: input.year,
            rank: input.rank,
            ranked_of: input.ranked_of,
            score: input.score,
            published_on: input.published_on,
            source: input.source.trim(),
        },
        t,
    )
    .await
    .map_err(|e| {
        if crate::store::is_unique_violation(&e) {
            AppError::Conflict(
                Msg::new("criteria.index_result_exists")
                    .arg("code", code)
                    .arg("index", DTI)
                    .arg("year", input.year),
            )
        } else {
            e.into()
        }
    })?;
    audit::record(
        ctx,
        &mut tx,
        actor,
        Change {
            action: "record_result",
            entity: "index_result",
            entity_id: id.to_string(),
            unit_path: Some(path),
            before: None,
            after: Some(serde_json::json!({
                "year": input.year, "rank": input.rank, "ranked_of": input.ranked_of,
                "score": input.score, "published_on": input.published_on,
            })),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(ResultRow {
        id,
        index_code: DTI.into(),
        unit_id,
        year: input.year,
        rank: input.rank,
        ranked_of: input.ranked_of,
        score: input.score,
        published_on: input.published_on,
        source: input.source.trim().into(),
    })
}

/// Set a rank target: rank `rank` or better by `year`.
pub async fn record_target(
    ctx: &Ctx,
    actor: &Actor,
    code: &str,
    input: &TargetInput,
    today: NaiveDate,
) -> AppResult<TargetRow> {
    check_year(input.year)?;
    if !(1..=1000).contains(&input.rank) {
        return Err(AppError::invalid(
            "rank",
            Msg::new("value.range")
                .arg("min", 1)
                .arg("max", 1000)
                .arg("value", input.rank),
        ));
    }
    let day = input.on.unwrap_or(today);
    if day > today {
        return Err(AppError::invalid(
            "on",
            Msg::new("value.future_day").arg("day", day.format("%d/%m/%Y")),
        ));
    }
    let (unit_id, path) = keeper(ctx, actor, code, day)?;
    let mut tx = ctx.begin().await?;
    let id = store::insert_target(
        &mut tx,
        DTI,
        unit_id,
        input.year,
        input.rank,
        input.note.trim(),
        ctx.now(),
    )
    .await
    .map_err(|e| {
        if crate::store::is_unique_violation(&e) {
            AppError::Conflict(
                Msg::new("criteria.index_target_exists")
                    .arg("code", code)
                    .arg("year", input.year),
            )
        } else {
            e.into()
        }
    })?;
    audit::record(
        ctx,
        &mut tx,
        actor,
        Change {
            action: "record_target",
            entity: "index_target",
            entity_id: id.to_string(),
            unit_path: Some(path),
            before: None,
            after: Some(serde_json::json!({ "year": input.year, "rank": input.rank })),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(TargetRow {
        id,
        index_code: DTI.into(),
        unit_id,
        year: input.year,
        rank: input.rank,
        note: input.note.trim().into(),
    })
}
