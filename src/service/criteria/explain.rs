//! Where a commune stands against its criteria set: each criterion with
//! its current value against the required one, each level met or not, and
//! in plain words (Vietnamese and English) what is still missing.

use crate::i18n::messages::Msg;
use chrono::NaiveDate;
use serde::Serialize;

use super::registrations::{self, RegistrationView};
use super::{SetView, evaluate, set_for};
use crate::domain::criteria::{
    CriterionDef, CriterionResult, GroupKind, LevelResult, Scoring, SetKind,
};
use crate::domain::unit::Level;
use crate::error::{AppError, AppResult};
use crate::service::units::UnitInfo;
use crate::service::{Actor, Ctx};
use crate::store::criteria::ValueRow;

#[derive(Debug, Clone, Serialize)]
pub struct SetBrief {
    pub id: i64,
    pub code: String,
    pub year: i64,
    pub kind: String,
    pub name_vi: String,
    pub name_en: String,
    pub version: i64,
}

impl From<&SetView> for SetBrief {
    fn from(s: &SetView) -> Self {
        SetBrief {
            id: s.row.id,
            code: s.row.code.clone(),
            year: s.row.year,
            kind: s.row.kind.clone(),
            name_vi: s.row.name_vi.clone(),
            name_en: s.row.name_en.clone(),
            version: s.row.version,
        }
    }
}

/// A criterion, its rule in words, and how the unit does on it.
#[derive(Debug, Clone, Serialize)]
pub struct CriterionLine {
    pub name_vi: String,
    pub name_en: String,
    pub group_kind: GroupKind,
    pub agency: String,
    pub source: Option<String>,
    /// What the source names, in words (`names::name_of`).
    #[serde(skip)]
    pub source_name: Option<Msg>,
    pub rule: String,
    #[serde(flatten)]
    pub result: CriterionResult,
    /// The latest value entered for it (manual criteria), if any.
    pub entered: Option<ValueRow>,
}

#[derive(Debug, Clone, Serialize)]
pub struct LevelLine {
    pub name_vi: String,
    pub name_en: String,
    #[serde(flatten)]
    pub result: LevelResult,
    pub lines_vi: Vec<String>,
    pub lines_en: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct GroupLine {
    pub code: String,
    pub name_vi: String,
    pub name_en: String,
    pub kind: GroupKind,
    pub section: Option<String>,
    pub points: f64,
    pub max_points: f64,
    pub met: usize,
    pub count: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct Explanation {
    pub unit: UnitInfo,
    pub on: NaiveDate,
    pub set: SetBrief,
    pub points: f64,
    pub max_points: f64,
    pub groups: Vec<GroupLine>,
    pub criteria: Vec<CriterionLine>,
    pub levels: Vec<LevelLine>,
    pub registration: Option<RegistrationView>,
}

impl Explanation {
    pub fn level(&self, code: &str) -> Option<&LevelLine> {
        self.levels.iter().find(|l| l.result.code == code)
    }
}

/// A number as people write it: no decimals when whole.
pub fn num(v: f64) -> String {
    if (v - v.round()).abs() < 1e-9 {
        format!("{}", v.round() as i64)
    } else {
        format!("{:.2}", v)
            .trim_end_matches('0')
            .trim_end_matches('.')
            .to_string()
    }
}

fn rule_text(c: &CriterionDef) -> String {
    let cmp = match c.direction {
        crate::domain::metric::Direction::HigherIsBetter => "≥",
        crate::domain::metric::Direction::LowerIsBetter => "≤",
    };
    match &c.scoring {
        Scoring::YesNo => format!("yes/no → {}", num(c.max_points)),
        Scoring::Steps { steps } => steps
            .iter()
            .map(|s| format!("{cmp} {} → {}", num(s.at), num(s.points)))
            .collect::<Vec<_>>()
            .join("; "),
        Scoring::Ratio { of } => format!("value ÷ {of} × {}", num(c.max_points)),
    }
}

fn value_text(r: &CriterionResult) -> String {
    r.value.map(num).unwrap_or_else(|| "—".into())
}

fn level_lines(
    set: &SetView,
    ev_criteria: &[CriterionLine],
    l: &LevelResult,
) -> (Vec<String>, Vec<String>) {
    let (mut vi, mut en) = (Vec::new(), Vec::new());
    let name = |code: &str| {
        ev_criteria
            .iter()
            .find(|c| c.result.code == code)
            .map(|c| (c.name_vi.clone(), c.name_en.clone(), c))
    };
    if l.met {
        vi.push(format!(
            "Đạt: đủ mọi tiêu chí bắt buộc, {}/{} tiêu chí mở rộng (cần {}).",
            l.extended_met, l.extended_total, l.extended_needed
        ));
        en.push(format!(
            "Met: every mandatory criterion, {} of {} extended criteria (needs {}).",
            l.extended_met, l.extended_total, l.extended_needed
        ));
        return (vi, en);
    }
    let extra = l
        .missing_required
        .iter()
        .filter(|c| !l.missing_mandatory.contains(c));
    for code in l.missing_mandatory.iter().chain(extra) {
        if let Some((nv, ne, c)) = name(code) {
            let req = c.result.required.map(num).unwrap_or_else(|| "—".into());
            vi.push(format!(
                "Chưa đạt tiêu chí {code} – {nv}: hiện {}, cần {req}.",
                value_text(&c.result)
            ));
            en.push(format!(
                "Criterion {code} – {} not met: now {}, needs {req}.",
                if ne.is_empty() { &nv } else { &ne },
                value_text(&c.result)
            ));
        }
    }
    if l.extended_met < l.extended_needed {
        let short = l.extended_needed - l.extended_met;
        vi.push(format!(
            "Tiêu chí mở rộng đạt {}/{}, cần {}: còn thiếu {short}.",
            l.extended_met, l.extended_total, l.extended_needed
        ));
        en.push(format!(
            "Extended criteria met: {} of {}, needs {}: {short} more.",
            l.extended_met, l.extended_total, l.extended_needed
        ));
    }
    if l.points_needed > 0.0 {
        let total: f64 = ev_criteria.iter().map(|c| c.result.points).sum();
        let min = set
            .definition
            .levels
            .iter()
            .find(|x| x.code == l.code)
            .and_then(|x| x.min_points)
            .unwrap_or(0.0);
        vi.push(format!(
            "Tổng điểm {}, cần {}: còn thiếu {} điểm.",
            num(total),
            num(min),
            num(l.points_needed)
        ));
        en.push(format!(
            "Points {}, needs {}: {} points still needed.",
            num(total),
            num(min),
            num(l.points_needed)
        ));
    }
    (vi, en)
}

/// Explain a unit against a set on a day.
pub async fn explain_with(
    ctx: &Ctx,
    set: &SetView,
    unit_id: i64,
    day: NaiveDate,
    registration: Option<RegistrationView>,
) -> AppResult<Explanation> {
    let (ev, rows) = evaluate(ctx, set, unit_id, day).await?;
    let unit = super::unit_info(ctx, unit_id, day).ok_or_else(|| {
        AppError::NotFound(Msg::new("notfound.unit_not_in_hierarchy").arg("id", unit_id))
    })?;
    let latest = |code: &str| -> Option<ValueRow> {
        let pick = |stage: &str| {
            rows.iter()
                .rev()
                .find(|r| r.criterion == code && r.stage == stage)
                .cloned()
        };
        pick("verified").or_else(|| pick("self"))
    };
    let criteria: Vec<CriterionLine> = ev
        .criteria
        .iter()
        .filter_map(|r| {
            let c = set.definition.criterion(&r.code)?;
            let g = set.definition.group(&c.group)?;
            Some(CriterionLine {
                name_vi: c.name_vi.clone(),
                name_en: c.name_en.clone(),
                group_kind: g.kind,
                agency: c.agency.clone(),
                source: c.source.clone(),
                source_name: c
                    .source
                    .as_deref()
                    .and_then(|k| crate::service::names::name_of(&ctx.figures(), k)),
                rule: rule_text(c),
                result: r.clone(),
                entered: if c.source.is_none() {
                    latest(&c.code)
                } else {
                    None
                },
            })
        })
        .collect();
    let levels = ev
        .levels
        .iter()
        .filter_map(|l| {
            let d = set.definition.level(&l.code)?;
            let (lines_vi, lines_en) = level_lines(set, &criteria, l);
            Some(LevelLine {
                name_vi: d.name_vi.clone(),
                name_en: d.name_en.clone(),
                result: l.clone(),
                lines_vi,
                lines_en,
            })
        })
        .collect();
    let groups = ev
        .groups
        .iter()
        .filter_map(|g| {
            let d = set.definition.group(&g.code)?;
            Some(GroupLine {
                code: g.code.clone(),
                name_vi: d.name_vi.clone(),
                name_en: d.name_en.clone(),
                kind: d.kind,
                section: d.section.clone(),
                points: g.points,
                max_points: g.max_points,
                met: g.met,
                count: g.count,
            })
        })
        .collect();
    Ok(Explanation {
        unit,
        on: day,
        set: set.into(),
        points: ev.points,
        max_points: ev.max_points,
        groups,
        criteria,
        levels,
        registration,
    })
}

/// Recognition is for communes: refused for a unit of another level.
pub(crate) fn recognised_here(node: &crate::domain::hierarchy::Node<'_>) -> AppResult<()> {
    if node.unit.level != Level::Commune {
        return Err(AppError::invalid(
            "unit",
            Msg::new("criteria.recognition_communes")
                .arg("code", &node.unit.code)
                .arg_msg("level", node.unit.level.words()),
        ));
    }
    Ok(())
}

/// Where a commune stands for a year's recognition, on a day: against the
/// set it registered under, else the year's set that covers it.
pub async fn commune(
    ctx: &Ctx,
    _actor: &Actor,
    code: &str,
    year: i64,
    day: NaiveDate,
) -> AppResult<Explanation> {
    let unit_id = {
        let h = ctx.hierarchy();
        let node = crate::service::units::find_open(&h, code, day)?;
        recognised_here(&node)?;
        node.unit.id
    };
    let reg = registrations::of_unit(ctx, unit_id, year, day).await?;
    let set = match &reg {
        Some(r) => super::get_set(ctx, r.row.set_id).await?,
        None => set_for(ctx, SetKind::Commune, year, unit_id, day)
            .await?
            .ok_or_else(|| {
                AppError::NotFound(
                    Msg::new("criteria.no_commune_set")
                        .arg("year", year)
                        .arg("code", code),
                )
            })?,
    };
    explain_with(ctx, &set, unit_id, day, reg).await
}
