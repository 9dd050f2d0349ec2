//! Checking a set as a whole before it is saved: codes a rule names exist,
//! no rule gives more than its criterion's maximum, no cycle of criteria
//! reading each other, pillars cap their criteria.

use std::collections::BTreeSet;

use super::{CriterionDef, GroupKind, Scoring, SetDef, SetKind};
use crate::domain::DomainError;
use crate::domain::metric::check_code;
use crate::i18n::messages::Msg;

fn err(field: String, reason: impl Into<Msg>) -> DomainError {
    DomainError::invalid(field, reason)
}

impl CriterionDef {
    pub(super) fn validate(&self, field: &str) -> Result<(), DomainError> {
        check_code(&format!("{field}.code"), &self.code)?;
        if self.name_vi.trim().is_empty() {
            return Err(err(format!("{field}.name_vi"), Msg::new("value.required")));
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
}
