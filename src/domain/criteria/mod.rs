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

use super::keyed::keyed;
use super::metric::Direction;

mod scoring;
mod validate;

pub use scoring::{CriterionResult, Evaluation, GroupResult, LevelResult};

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
    else |s| crate::i18n::messages::Msg::new("criteria.kind_values").arg("value", s)
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

impl crate::domain::keyed::Keyed for GroupKind {
    const KEYS: &'static [&'static str] = &["mandatory", "extended", "pillar"];
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

impl CriterionDef {
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
mod tests;
