//! Criteria sets (bộ tiêu chí) and the scoring engine: criteria grouped as
//! mandatory or extended (or, for a DTI-style index, as pillars), each with
//! a scoring rule; recognition levels whose rules are data; the evaluation
//! of a unit against a set, with a plain explanation of what is missing.
//! The registration workflow is in `registration`. Pure; no IO.
//!
//! A set is one document (`SetDef`), validated as a whole by
//! `SetDef::validate` before it is saved: every code a rule names must
//! exist, criteria may read other criteria's points but never in a cycle,
//! and no rule may give more points than its criterion's maximum.

use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::DomainError;
use super::keyed::keyed;
use super::metric::{Direction, check_code};

keyed! {
    /// What a set is for.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
    #[serde(rename_all = "snake_case")]
    pub enum SetKind in "kind" {
        /// Criteria and recognition levels for communes ("xã CĐS").
        Commune = "commune",
        /// A DTI-style index: groups are pillars with maximum points.
        Index = "index",
    }
    else |s| format!("must be commune or index, got '{s}'")
}

/// How a group's criteria count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GroupKind {
    /// Every one must be met for recognition.
    Mandatory,
    /// A share of them must be met, as each level says.
    Extended,
    /// A pillar of an index: its criteria's points add up to at most the
    /// pillar's maximum.
    Pillar,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupDef {
    pub code: String,
    pub name_vi: String,
    #[serde(default)]
    pub name_en: String,
    pub kind: GroupKind,
    /// For pillars: the part of the index they belong to (e.g. foundation,
    /// activity).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_points: Option<f64>,
}

/// One step of a steps rule: reaching `at` gives `points`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Step {
    pub at: f64,
    pub points: f64,
}

/// How a criterion's value becomes points.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Scoring {
    /// A value ≥ 1 (yes) gives the maximum, else nothing.
    YesNo,
    /// The best step reached gives its points.
    Steps { steps: Vec<Step> },
    /// value ÷ `of` × maximum, capped at the maximum; `of` is a number or
    /// another code (a figure, metric or indicator).
    Ratio { of: String },
}

/// A criterion: where its value comes from and how it scores.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CriterionDef {
    pub code: String,
    pub group: String,
    pub name_vi: String,
    #[serde(default)]
    pub name_en: String,
    pub max_points: f64,
    /// A figure, metric or indicator code; `criterion:CODE` for another
    /// criterion's points; none when the value is entered with evidence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    pub scoring: Scoring,
    #[serde(default = "higher")]
    pub direction: Direction,
    /// Points needed for the criterion to count as met (default: the
    /// maximum for yes/no and ratio rules, the first step for steps).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pass_points: Option<f64>,
    /// The agency that verifies it (e.g. "Sở TT&TT").
    #[serde(default)]
    pub agency: String,
}

fn higher() -> Direction {
    Direction::HigherIsBetter
}

/// A recognition level and its rule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LevelDef {
    pub code: String,
    pub name_vi: String,
    #[serde(default)]
    pub name_en: String,
    /// Share of the extended criteria that must be met, in percent.
    #[serde(default)]
    pub extended_min_pct: f64,
    /// Points the whole set must reach, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_points: Option<f64>,
    /// Criteria that must be met besides the mandatory ones.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub requires: Vec<String>,
}

/// A whole criteria set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct SetDef {
    pub groups: Vec<GroupDef>,
    pub criteria: Vec<CriterionDef>,
    #[serde(default)]
    pub levels: Vec<LevelDef>,
}

const CRITERION_PREFIX: &str = "criterion:";

fn err(field: String, reason: impl Into<String>) -> DomainError {
    DomainError::invalid(field, reason)
}

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

    /// The other criterion this one reads, if any.
    pub fn reads_criterion(&self) -> Option<&str> {
        self.source
            .as_deref()
            .and_then(|s| s.strip_prefix(CRITERION_PREFIX))
    }

    /// Figure codes this criterion reads (its source and a ratio's base).
    pub fn figure_codes(&self) -> Vec<&str> {
        let mut out = Vec::new();
        if let Some(s) = self.source.as_deref()
            && !s.starts_with(CRITERION_PREFIX)
        {
            out.push(s);
        }
        if let Scoring::Ratio { of } = &self.scoring
            && of.parse::<f64>().is_err()
        {
            out.push(of.as_str());
        }
        out
    }

    fn validate(&self, field: &str) -> Result<(), DomainError> {
        check_code(&format!("{field}.code"), &self.code)?;
        if self.name_vi.trim().is_empty() {
            return Err(err(format!("{field}.name_vi"), "must not be empty"));
        }
        if !(self.max_points.is_finite() && self.max_points > 0.0 && self.max_points <= 1000.0) {
            return Err(err(
                format!("{field}.max_points"),
                format!("must be above 0 and at most 1000, got {}", self.max_points),
            ));
        }
        match &self.scoring {
            Scoring::YesNo => {}
            Scoring::Steps { steps } => {
                if steps.is_empty() {
                    return Err(err(
                        format!("{field}.scoring.steps"),
                        "a steps rule needs at least one step",
                    ));
                }
                for (i, s) in steps.iter().enumerate() {
                    if !s.at.is_finite() {
                        return Err(err(
                            format!("{field}.scoring.steps[{i}].at"),
                            "must be a number",
                        ));
                    }
                    if !(s.points >= 0.0 && s.points <= self.max_points) {
                        return Err(err(
                            format!("{field}.scoring.steps[{i}].points"),
                            format!(
                                "{} points is outside 0..{} (the criterion's maximum)",
                                s.points, self.max_points
                            ),
                        ));
                    }
                }
            }
            Scoring::Ratio { of } => {
                if of.trim().is_empty() {
                    return Err(err(
                        format!("{field}.scoring.of"),
                        "a ratio needs what to divide by (a number or a code)",
                    ));
                }
                if let Ok(n) = of.parse::<f64>()
                    && !(n > 0.0 && n.is_finite())
                {
                    return Err(err(
                        format!("{field}.scoring.of"),
                        format!("must be above 0, got {n}"),
                    ));
                }
            }
        }
        if let Some(p) = self.pass_points
            && !(p > 0.0 && p <= self.max_points)
        {
            return Err(err(
                format!("{field}.pass_points"),
                format!(
                    "{p} points is outside 0..{} (the criterion's maximum)",
                    self.max_points
                ),
            ));
        }
        Ok(())
    }
}

impl SetDef {
    pub fn criterion(&self, code: &str) -> Option<&CriterionDef> {
        self.criteria.iter().find(|c| c.code == code)
    }

    pub fn level(&self, code: &str) -> Option<&LevelDef> {
        self.levels.iter().find(|l| l.code == code)
    }

    pub fn group(&self, code: &str) -> Option<&GroupDef> {
        self.groups.iter().find(|g| g.code == code)
    }

    pub fn max_points(&self) -> f64 {
        self.criteria.iter().map(|c| c.max_points).sum()
    }

    /// Check the whole set. `known` says whether a figure code exists.
    pub fn validate(&self, kind: SetKind, known: &dyn Fn(&str) -> bool) -> Result<(), DomainError> {
        if self.criteria.is_empty() {
            return Err(err("criteria".into(), "a set needs at least one criterion"));
        }
        let mut groups = BTreeSet::new();
        for (i, g) in self.groups.iter().enumerate() {
            let f = format!("groups[{i}]");
            check_code(&format!("{f}.code"), &g.code)?;
            if !groups.insert(g.code.as_str()) {
                return Err(err(
                    format!("{f}.code"),
                    format!("group '{}' appears twice", g.code),
                ));
            }
            match (kind, g.kind) {
                (SetKind::Commune, GroupKind::Pillar) => {
                    return Err(err(
                        format!("{f}.kind"),
                        "a commune set groups criteria as mandatory or extended, not pillars",
                    ));
                }
                (SetKind::Index, GroupKind::Mandatory | GroupKind::Extended) => {
                    return Err(err(
                        format!("{f}.kind"),
                        "an index groups its criteria in pillars",
                    ));
                }
                _ => {}
            }
            if let Some(m) = g.max_points
                && !(m > 0.0 && m.is_finite())
            {
                return Err(err(format!("{f}.max_points"), "must be above 0"));
            }
        }
        let mut codes = BTreeSet::new();
        for (i, c) in self.criteria.iter().enumerate() {
            let f = format!("criteria[{i}]");
            c.validate(&f)?;
            if !codes.insert(c.code.as_str()) {
                return Err(err(
                    format!("{f}.code"),
                    format!("criterion '{}' appears twice", c.code),
                ));
            }
            if self.group(&c.group).is_none() {
                return Err(err(
                    format!("{f}.group"),
                    format!("no group '{}' in this set", c.group),
                ));
            }
        }
        for (i, c) in self.criteria.iter().enumerate() {
            let f = format!("criteria[{i}]");
            if let Some(other) = c.reads_criterion() {
                if self.criterion(other).is_none() {
                    return Err(err(
                        format!("{f}.source"),
                        format!("no criterion '{other}' in this set"),
                    ));
                }
            } else if let Some(s) = c.source.as_deref()
                && !known(s)
            {
                return Err(err(
                    format!("{f}.source"),
                    format!("no figure, metric or indicator '{s}'"),
                ));
            }
            if let Scoring::Ratio { of } = &c.scoring
                && of.parse::<f64>().is_err()
                && !known(of)
            {
                return Err(err(
                    format!("{f}.scoring.of"),
                    format!("no figure, metric or indicator '{of}'"),
                ));
            }
        }
        self.check_acyclic()?;
        for g in &self.groups {
            if let Some(m) = g.max_points {
                let sum: f64 = self
                    .criteria
                    .iter()
                    .filter(|c| c.group == g.code)
                    .map(|c| c.max_points)
                    .sum();
                if sum > m + 1e-9 {
                    return Err(err(
                        format!("groups.{}.max_points", g.code),
                        format!(
                            "its criteria give up to {sum} points, more than the group's maximum {m}"
                        ),
                    ));
                }
            }
        }
        let mut levels = BTreeSet::new();
        for (i, l) in self.levels.iter().enumerate() {
            let f = format!("levels[{i}]");
            check_code(&format!("{f}.code"), &l.code)?;
            if kind == SetKind::Index {
                return Err(err(f, "an index has no recognition levels"));
            }
            if !levels.insert(l.code.as_str()) {
                return Err(err(
                    format!("{f}.code"),
                    format!("level '{}' appears twice", l.code),
                ));
            }
            if !(0.0..=100.0).contains(&l.extended_min_pct) {
                return Err(err(
                    format!("{f}.extended_min_pct"),
                    format!("must be 0..100, got {}", l.extended_min_pct),
                ));
            }
            if let Some(p) = l.min_points
                && !(p >= 0.0 && p <= self.max_points())
            {
                return Err(err(
                    format!("{f}.min_points"),
                    format!(
                        "must be 0..{} (the set's total), got {p}",
                        self.max_points()
                    ),
                ));
            }
            for r in &l.requires {
                if self.criterion(r).is_none() {
                    return Err(err(
                        format!("{f}.requires"),
                        format!("no criterion '{r}' in this set"),
                    ));
                }
            }
        }
        if kind == SetKind::Commune && self.levels.is_empty() {
            return Err(err(
                "levels".into(),
                "a commune set needs at least one recognition level",
            ));
        }
        Ok(())
    }

    /// Criteria may read other criteria; refuse a cycle, naming it.
    fn check_acyclic(&self) -> Result<(), DomainError> {
        for start in &self.criteria {
            let mut path = vec![start.code.as_str()];
            let mut at = start;
            while let Some(next) = at.reads_criterion() {
                if path.contains(&next) {
                    path.push(next);
                    return Err(err(
                        format!("criteria.{}.source", start.code),
                        format!("criteria read each other in a cycle: {}", path.join(" → ")),
                    ));
                }
                path.push(next);
                match self.criterion(next) {
                    Some(c) => at = c,
                    None => break,
                }
            }
        }
        Ok(())
    }

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

/// The DTI pillars of the 2022 structure: (section, code, Vietnamese name,
/// English name, maximum points). 1,000 points in all.
pub const DTI_2022_PILLARS: [(&str, &str, &str, &str, f64); 8] = [
    (
        "foundation",
        "awareness",
        "Nhận thức số",
        "Digital awareness",
        100.0,
    ),
    (
        "foundation",
        "institutions",
        "Thể chế số",
        "Digital institutions",
        100.0,
    ),
    (
        "foundation",
        "infrastructure",
        "Hạ tầng số",
        "Digital infrastructure",
        100.0,
    ),
    (
        "foundation",
        "human_resources",
        "Nhân lực số",
        "Digital human resources",
        100.0,
    ),
    (
        "foundation",
        "cyber_security",
        "An toàn thông tin mạng",
        "Cyber-security",
        100.0,
    ),
    (
        "activity",
        "digital_government",
        "Chính quyền số",
        "Digital government",
        200.0,
    ),
    (
        "activity",
        "digital_economy",
        "Kinh tế số",
        "Digital economy",
        150.0,
    ),
    (
        "activity",
        "digital_society",
        "Xã hội số",
        "Digital society",
        150.0,
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn crit(code: &str, group: &str, source: Option<&str>, scoring: Scoring) -> CriterionDef {
        CriterionDef {
            code: code.into(),
            group: group.into(),
            name_vi: code.into(),
            name_en: String::new(),
            max_points: 10.0,
            source: source.map(str::to_owned),
            scoring,
            direction: Direction::HigherIsBetter,
            pass_points: None,
            agency: String::new(),
        }
    }

    fn set() -> SetDef {
        let g = |code: &str, kind| GroupDef {
            code: code.into(),
            name_vi: code.into(),
            name_en: String::new(),
            kind,
            section: None,
            max_points: None,
        };
        SetDef {
            groups: vec![
                g("mandatory", GroupKind::Mandatory),
                g("extended", GroupKind::Extended),
            ],
            criteria: vec![
                crit(
                    "zalo",
                    "mandatory",
                    Some("households.zalo_group_pct"),
                    Scoring::Steps {
                        steps: vec![
                            Step {
                                at: 50.0,
                                points: 5.0,
                            },
                            Step {
                                at: 80.0,
                                points: 10.0,
                            },
                        ],
                    },
                ),
                crit("portal", "mandatory", None, Scoring::YesNo),
                crit("e1", "extended", None, Scoring::YesNo),
                crit("e2", "extended", None, Scoring::YesNo),
                crit(
                    "e3",
                    "extended",
                    Some("adopt_vneid"),
                    Scoring::Ratio {
                        of: "households".into(),
                    },
                ),
            ],
            levels: vec![
                LevelDef {
                    code: "cds".into(),
                    name_vi: "Xã CĐS".into(),
                    name_en: String::new(),
                    extended_min_pct: 30.0,
                    min_points: None,
                    requires: vec![],
                },
                LevelDef {
                    code: "cds_advanced".into(),
                    name_vi: "Xã CĐS nâng cao".into(),
                    name_en: String::new(),
                    extended_min_pct: 60.0,
                    min_points: Some(40.0),
                    requires: vec![],
                },
            ],
        }
    }

    fn known(c: &str) -> bool {
        ["households.zalo_group_pct", "adopt_vneid", "households"].contains(&c)
    }

    fn figures(zalo: f64) -> impl FnMut(&str) -> Option<f64> {
        move |c| match c {
            "households.zalo_group_pct" => Some(zalo),
            "adopt_vneid" => Some(30.0),
            "households" => Some(120.0),
            _ => None,
        }
    }

    #[test]
    fn a_commune_meets_a_level_and_loses_it_when_a_mandatory_fails() {
        let s = set();
        s.validate(SetKind::Commune, &known).unwrap();
        let manual: HashMap<String, f64> = [("portal".to_string(), 1.0), ("e1".to_string(), 1.0)]
            .into_iter()
            .collect();
        let e = s.evaluate(&mut figures(85.0), &manual);
        let cds = e.level("cds").unwrap();
        assert!(cds.met, "{cds:?}");
        assert_eq!((cds.extended_met, cds.extended_needed), (1, 1));
        assert_eq!(e.criterion("e3").unwrap().points, 2.5);
        assert_eq!(e.points, 32.5);
        let adv = e.level("cds_advanced").unwrap();
        assert!(!adv.met);
        assert_eq!(adv.extended_needed, 2);
        assert_eq!(adv.points_needed, 7.5);

        let e = s.evaluate(&mut figures(40.0), &manual);
        let cds = e.level("cds").unwrap();
        assert!(!cds.met);
        assert_eq!(cds.missing_mandatory, vec!["zalo".to_string()]);
        let z = e.criterion("zalo").unwrap();
        assert_eq!(
            (z.value, z.required, z.points),
            (Some(40.0), Some(50.0), 0.0)
        );
    }

    #[test]
    fn rules_naming_what_does_not_exist_are_refused() {
        let mut s = set();
        s.criteria[0].source = Some("nothing_here".into());
        let e = s.validate(SetKind::Commune, &known).unwrap_err();
        assert_eq!(e.field(), "criteria[0].source");
        let mut s = set();
        s.levels[0].requires = vec!["ghost".into()];
        assert_eq!(
            s.validate(SetKind::Commune, &known).unwrap_err().field(),
            "levels[0].requires"
        );
        let mut s = set();
        s.criteria[1].group = "other".into();
        assert_eq!(
            s.validate(SetKind::Commune, &known).unwrap_err().field(),
            "criteria[1].group"
        );
    }

    #[test]
    fn points_beyond_the_maximum_and_cycles_are_refused() {
        let mut s = set();
        s.criteria[0].scoring = Scoring::Steps {
            steps: vec![Step {
                at: 50.0,
                points: 12.0,
            }],
        };
        let e = s.validate(SetKind::Commune, &known).unwrap_err();
        assert_eq!(e.field(), "criteria[0].scoring.steps[0].points");
        let mut s = set();
        s.criteria[2].source = Some("criterion:e2".into());
        s.criteria[3].source = Some("criterion:e1".into());
        let e = s.validate(SetKind::Commune, &known).unwrap_err();
        assert!(e.reason().contains("cycle"), "{e}");
        assert!(e.reason().contains("e1 → e2 → e1"), "{e}");
    }

    #[test]
    fn a_criterion_may_read_another() {
        let mut s = set();
        s.criteria[2].source = Some("criterion:zalo".into());
        s.criteria[2].scoring = Scoring::Steps {
            steps: vec![Step {
                at: 10.0,
                points: 10.0,
            }],
        };
        s.validate(SetKind::Commune, &known).unwrap();
        let e = s.evaluate(&mut figures(85.0), &HashMap::new());
        assert!(e.criterion("e1").unwrap().met);
        let e = s.evaluate(&mut figures(60.0), &HashMap::new());
        assert!(!e.criterion("e1").unwrap().met);
    }

    #[test]
    fn pillars_cap_their_criteria() {
        let s = SetDef {
            groups: vec![GroupDef {
                code: "awareness".into(),
                name_vi: "Nhận thức số".into(),
                name_en: String::new(),
                kind: GroupKind::Pillar,
                section: Some("foundation".into()),
                max_points: Some(15.0),
            }],
            criteria: vec![
                crit("a1", "awareness", None, Scoring::YesNo),
                crit("a2", "awareness", None, Scoring::YesNo),
            ],
            levels: vec![],
        };
        let e = s.validate(SetKind::Index, &known).unwrap_err();
        assert_eq!(e.field(), "groups.awareness.max_points");
        assert_eq!(
            SetDef {
                levels: set().levels,
                ..s.clone()
            }
            .validate(SetKind::Commune, &known)
            .unwrap_err()
            .field(),
            "groups[0].kind"
        );
    }
}
