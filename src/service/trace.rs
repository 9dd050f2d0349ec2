//! Tracing a figure back to what it is made of: the formula, each child's
//! part, and in a village the records themselves (households and their
//! adoption events, team members, entered values).

use crate::i18n::messages::Msg;
use chrono::NaiveDate;
use serde::Serialize;

use super::figures::figures_of;
use super::units::{UnitInfo, find, info_of};
use super::{Actor, Ctx};
use crate::domain::figures::{Figure, explain};
use crate::domain::metric::Adoption;
use crate::domain::unit::Level;
use crate::error::{AppError, AppResult};

#[derive(Debug, Clone, Serialize)]
pub struct Part {
    pub unit: UnitInfo,
    pub figure: Figure,
}

/// A record behind a village's figure.
#[derive(Debug, Clone, Serialize)]
pub struct Record {
    pub kind: &'static str,
    pub id: i64,
    pub label: String,
    pub date: Option<NaiveDate>,
    pub detail: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Trace {
    pub key: String,
    pub explanation: &'static str,
    pub unit: UnitInfo,
    pub on: NaiveDate,
    pub figure: Figure,
    /// Each child's part (the figure sums or divides these).
    pub parts: Vec<Part>,
    /// The records, in a village (personal data masked as for the list).
    pub records: Vec<Record>,
}

pub async fn trace(
    ctx: &Ctx,
    actor: &Actor,
    code: &str,
    key: &str,
    day: NaiveDate,
) -> AppResult<Trace> {
    let explanation = explain(key).ok_or_else(|| {
        AppError::invalid("key", Msg::new("programme.unknown_figure").arg("key", key))
    })?;
    let (unit, figure, parts, village) = {
        let h = ctx.hierarchy();
        let node = find(&h, actor, code, day)?;
        let state = ctx.figures();
        let missing =
            || AppError::invalid("key", Msg::new("programme.unknown_figure").arg("key", key));
        let figure = *figures_of(&state, &h, &node, day)
            .get(key)
            .ok_or_else(missing)?;
        let parts = h
            .children(&node)
            .iter()
            .map(|c| Part {
                unit: info_of(&h, c),
                figure: figures_of(&state, &h, c, day)
                    .get(key)
                    .copied()
                    .unwrap_or(figure),
            })
            .collect();
        let village = (node.unit.level == Level::Village).then(|| node.unit.code.to_string());
        (info_of(&h, &node), figure, parts, village)
    };
    let mut records = Vec::new();
    if let Some(village) = village {
        if let Some(kind) = key
            .strip_prefix("households.")
            .and_then(|k| k.strip_suffix("_pct"))
            .and_then(|k| Adoption::parse(k).ok())
        {
            for hh in super::households::list(ctx, actor, &village, day).await? {
                if hh.adoptions.contains(&kind) {
                    records.push(Record {
                        kind: "household",
                        id: hh.id,
                        label: hh.code,
                        date: None,
                        detail: hh.head_name.unwrap_or_default(),
                    });
                }
            }
        } else if key == "households.total" {
            for hh in super::households::list(ctx, actor, &village, day).await? {
                records.push(Record {
                    kind: "household",
                    id: hh.id,
                    label: hh.code,
                    date: Some(hh.registered_on),
                    detail: hh.head_name.unwrap_or_default(),
                });
            }
        } else if key.starts_with("teams.") {
            for t in super::teams::teams_near(ctx, actor, &village, day).await? {
                for m in t.members {
                    records.push(Record {
                        kind: "team_member",
                        id: m.id,
                        label: m.full_name,
                        date: Some(m.joined_on),
                        detail: format!("{} · {}", m.role, m.affiliation),
                    });
                }
            }
        }
    }
    Ok(Trace {
        key: key.to_owned(),
        explanation,
        unit,
        on: day,
        figure,
        parts,
        records,
    })
}
