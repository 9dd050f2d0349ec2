//! The scoring engine: points for a criterion's value, the evaluation of a
//! unit against a set, and for each level what is missing.

use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

use super::{CriterionDef, GroupKind, LevelDef, Scoring, SetDef, Step};
use crate::domain::metric::Direction;

impl CriterionDef {
    /// Points needed to count as met.
    pub fn pass(&self) -> f64 {
        match (&self.pass_points, &self.scoring) {
            (Some(p), _) => *p,
            (None, Scoring::Steps { steps }) => steps
                .iter()
                .map(|s| s.points)
                .filter(|p| *p > 0.0)
                .fold(f64::INFINITY, f64::min)
                .min(self.max_points),
            (None, _) => self.max_points,
        }
    }

    fn reached(&self, v: f64, at: f64) -> bool {
        match self.direction {
            Direction::HigherIsBetter => v >= at,
            Direction::LowerIsBetter => v <= at,
        }
    }

    /// Points for a value (and, for a ratio, the value of `of`).
    pub fn score(&self, value: Option<f64>, base: Option<f64>) -> f64 {
        let Some(v) = value else { return 0.0 };
        let p = match &self.scoring {
            Scoring::YesNo => {
                if v >= 1.0 {
                    self.max_points
                } else {
                    0.0
                }
            }
            Scoring::Steps { steps } => steps
                .iter()
                .filter(|s| self.reached(v, s.at))
                .map(|s| s.points)
                .fold(0.0, f64::max),
            Scoring::Ratio { .. } => match base {
                Some(b) if b > 0.0 => (v / b).clamp(0.0, 1.0) * self.max_points,
                _ => 0.0,
            },
        };
        (p * 100.0).round() / 100.0
    }

    /// The value needed to be met, for the explanation.
    pub fn required(&self, base: Option<f64>) -> Option<f64> {
        let pass = self.pass();
        match &self.scoring {
            Scoring::YesNo => Some(1.0),
            Scoring::Steps { steps } => {
                let mut ok: Vec<&Step> = steps.iter().filter(|s| s.points >= pass).collect();
                ok.sort_by(|a, b| a.at.total_cmp(&b.at));
                match self.direction {
                    Direction::HigherIsBetter => ok.first().map(|s| s.at),
                    Direction::LowerIsBetter => ok.last().map(|s| s.at),
                }
            }
            Scoring::Ratio { .. } => base
                .filter(|b| *b > 0.0)
                .map(|b| (b * pass / self.max_points * 100.0).ceil() / 100.0),
        }
    }
}

impl SetDef {
    /// Evaluate a unit: `figure` gives a figure code's value for the unit,
    /// `manual` the entered values of criteria without a source.
    pub fn evaluate(
        &self,
        figure: &mut dyn FnMut(&str) -> Option<f64>,
        manual: &HashMap<String, f64>,
    ) -> Evaluation {
        let mut points: HashMap<&str, f64> = HashMap::new();
        let mut results = Vec::with_capacity(self.criteria.len());
        // Criteria that read others come after them: at most depth passes.
        let mut pending: Vec<&CriterionDef> = self.criteria.iter().collect();
        let mut done: BTreeMap<usize, CriterionResult> = BTreeMap::new();
        while !pending.is_empty() {
            let before = pending.len();
            pending.retain(|c| {
                let value = match c.reads_criterion() {
                    Some(other) => match points.get(other) {
                        Some(p) => Some(*p),
                        None if self.criterion(other).is_some() => return true,
                        None => None,
                    },
                    None => match &c.source {
                        Some(code) => figure(code),
                        None => manual.get(&c.code).copied(),
                    },
                };
                let base = match &c.scoring {
                    Scoring::Ratio { of } => of.parse::<f64>().ok().or_else(|| figure(of)),
                    _ => None,
                };
                let p = c.score(value, base);
                points.insert(c.code.as_str(), p);
                let idx = self
                    .criteria
                    .iter()
                    .position(|x| x.code == c.code)
                    .unwrap_or(0);
                done.insert(
                    idx,
                    CriterionResult {
                        code: c.code.clone(),
                        group: c.group.clone(),
                        value: value.map(|v| (v * 100.0).round() / 100.0),
                        required: c.required(base),
                        points: p,
                        max_points: c.max_points,
                        met: p >= c.pass() - 1e-9,
                        manual: c.source.is_none(),
                    },
                );
                false
            });
            if pending.len() == before {
                // Only a cycle could stop progress; validation refuses them.
                break;
            }
        }
        results.extend(done.into_values());
        let total: f64 = results.iter().map(|r| r.points).sum();
        let groups = self
            .groups
            .iter()
            .map(|g| {
                let of: Vec<&CriterionResult> =
                    results.iter().filter(|r| r.group == g.code).collect();
                GroupResult {
                    code: g.code.clone(),
                    points: (of.iter().map(|r| r.points).sum::<f64>() * 100.0).round() / 100.0,
                    max_points: g
                        .max_points
                        .unwrap_or_else(|| of.iter().map(|r| r.max_points).sum()),
                    met: of.iter().filter(|r| r.met).count(),
                    count: of.len(),
                }
            })
            .collect();
        let levels = self
            .levels
            .iter()
            .map(|l| self.level_result(l, &results, total))
            .collect();
        Evaluation {
            criteria: results,
            groups,
            levels,
            points: (total * 100.0).round() / 100.0,
            max_points: self.max_points(),
        }
    }

    fn level_result(&self, l: &LevelDef, results: &[CriterionResult], total: f64) -> LevelResult {
        let kind_of = |r: &CriterionResult| self.group(&r.group).map(|g| g.kind);
        let missing_mandatory: Vec<String> = results
            .iter()
            .filter(|r| kind_of(r) == Some(GroupKind::Mandatory) && !r.met)
            .map(|r| r.code.clone())
            .collect();
        let extended: Vec<&CriterionResult> = results
            .iter()
            .filter(|r| kind_of(r) == Some(GroupKind::Extended))
            .collect();
        let ext_met = extended.iter().filter(|r| r.met).count();
        let ext_needed =
            ((l.extended_min_pct / 100.0) * extended.len() as f64 - 1e-9).ceil() as usize;
        let missing_required: Vec<String> = l
            .requires
            .iter()
            .filter(|c| !results.iter().any(|r| &r.code == *c && r.met))
            .cloned()
            .collect();
        let points_needed = l.min_points.map(|m| (m - total).max(0.0)).unwrap_or(0.0);
        let points_needed = (points_needed * 100.0).round() / 100.0;
        LevelResult {
            code: l.code.clone(),
            met: missing_mandatory.is_empty()
                && ext_met >= ext_needed
                && missing_required.is_empty()
                && points_needed <= 0.0,
            missing_mandatory,
            extended_met: ext_met,
            extended_total: extended.len(),
            extended_needed: ext_needed,
            missing_required,
            points_needed,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CriterionResult {
    pub code: String,
    pub group: String,
    pub value: Option<f64>,
    pub required: Option<f64>,
    pub points: f64,
    pub max_points: f64,
    pub met: bool,
    /// Entered with evidence rather than read from the records.
    pub manual: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupResult {
    pub code: String,
    pub points: f64,
    pub max_points: f64,
    pub met: usize,
    pub count: usize,
}

/// Whether a unit reaches a level, and what it lacks.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LevelResult {
    pub code: String,
    pub met: bool,
    pub missing_mandatory: Vec<String>,
    pub extended_met: usize,
    pub extended_total: usize,
    pub extended_needed: usize,
    pub missing_required: Vec<String>,
    pub points_needed: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evaluation {
    pub criteria: Vec<CriterionResult>,
    pub groups: Vec<GroupResult>,
    pub levels: Vec<LevelResult>,
    pub points: f64,
    pub max_points: f64,
}

impl Evaluation {
    pub fn level(&self, code: &str) -> Option<&LevelResult> {
        self.levels.iter().find(|l| l.code == code)
    }

    pub fn criterion(&self, code: &str) -> Option<&CriterionResult> {
        self.criteria.iter().find(|c| c.code == code)
    }
}
