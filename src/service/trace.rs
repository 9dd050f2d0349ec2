//! Tracing a figure back to what it is made of: the formula, each child's
//! part, and in a village the records themselves (households and their
//! adoption events, team members, entered values).
//!
//! The figure and its parts are public like the dashboard (`find_open`);
//! the records only for those whose grants cover the unit, through the
//! scoped listings that mask personal data per role.

use crate::i18n::messages::Msg;
use chrono::NaiveDate;
use serde::Serialize;

use super::figures::figures_of;
use super::units::{UnitInfo, find_open, info_of};
use super::{Actor, Ctx};
use crate::domain::figures::{Figure, explain, name};
use crate::domain::metric::{Adoption, TeamRole, affiliation_words};
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
    /// A household's head (as masked for the actor), a member's role and
    /// where they come from, in words.
    #[serde(skip)]
    pub detail: Msg,
}

#[derive(Debug, Clone, Serialize)]
pub struct Trace {
    pub key: String,
    /// The figure's name in words.
    #[serde(skip)]
    pub name: Msg,
    /// How it is computed, in a sentence that names it.
    #[serde(skip)]
    pub explanation: Msg,
    pub unit: UnitInfo,
    pub on: NaiveDate,
    pub figure: Figure,
    /// Each child's part (the figure sums or divides these).
    pub parts: Vec<Part>,
    /// The records, in a village (personal data masked as for the list).
    pub records: Vec<Record>,
    /// A village whose records the actor may not read (signed out, or
    /// no grant over it): the page says so instead of listing them.
    pub records_hidden: bool,
}

/// A name that is the same in both languages.
fn named(name: String) -> Msg {
    Msg::new("figure.named").arg("name", name)
}

pub async fn trace(
    ctx: &Ctx,
    actor: &Actor,
    code: &str,
    key: &str,
    day: NaiveDate,
) -> AppResult<Trace> {
    let unknown = || AppError::invalid("key", Msg::new("programme.unknown_figure").arg("key", key));
    let explanation = explain(key).ok_or_else(unknown)?;
    let name = name(key).ok_or_else(unknown)?;
    let (unit, figure, parts, village, records_hidden) = {
        let h = ctx.hierarchy();
        let node = find_open(&h, code, day)?;
        let state = ctx.figures();
        let figure = *figures_of(&state, &h, &node, day)
            .get(key)
            .ok_or_else(unknown)?;
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
        let is_village = node.unit.level == Level::Village;
        let may_read = actor.scope.covers(&h, &node);
        let village = (is_village && may_read).then(|| node.unit.code.to_string());
        let hidden = is_village && !may_read;
        (info_of(&h, &node), figure, parts, village, hidden)
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
                        detail: named(hh.head_name.unwrap_or_default()),
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
                    detail: named(hh.head_name.unwrap_or_default()),
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
                        detail: Msg::new("team.member_detail")
                            .arg_msg(
                                "role",
                                TeamRole::from_key(&m.role)
                                    .map_or_else(|| named(m.role.clone()), TeamRole::words),
                            )
                            .arg_msg("from", affiliation_words(&m.affiliation)),
                    });
                }
            }
        }
    }
    Ok(Trace {
        key: key.to_owned(),
        name,
        explanation,
        unit,
        on: day,
        figure,
        parts,
        records,
        records_hidden,
    })
}
