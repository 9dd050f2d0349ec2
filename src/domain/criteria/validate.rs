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
                Msg::new("criteria.points_range").arg("value", self.max_points),
            ));
        }
        match &self.scoring {
            Scoring::YesNo => {}
            Scoring::Steps { steps } => {
                if steps.is_empty() {
                    return Err(err(
                        format!("{field}.scoring.steps"),
                        Msg::new("criteria.steps_needed"),
                    ));
                }
                for (i, s) in steps.iter().enumerate() {
                    if !s.at.is_finite() {
                        return Err(err(
                            format!("{field}.scoring.steps[{i}].at"),
                            Msg::new("value.must_be_number"),
                        ));
                    }
                    if !(s.points >= 0.0 && s.points <= self.max_points) {
                        return Err(err(
                            format!("{field}.scoring.steps[{i}].points"),
                            Msg::new("criteria.points_outside")
                                .arg("points", s.points)
                                .arg("max", self.max_points),
                        ));
                    }
                }
            }
            Scoring::Ratio { of } => {
                if of.trim().is_empty() {
                    return Err(err(
                        format!("{field}.scoring.of"),
                        Msg::new("criteria.ratio_needs_divisor"),
                    ));
                }
                if let Ok(n) = of.parse::<f64>()
                    && !(n > 0.0 && n.is_finite())
                {
                    return Err(err(
                        format!("{field}.scoring.of"),
                        Msg::new("criteria.above_zero_got").arg("value", n),
                    ));
                }
            }
        }
        if let Some(p) = self.pass_points
            && !(p > 0.0 && p <= self.max_points)
        {
            return Err(err(
                format!("{field}.pass_points"),
                Msg::new("criteria.points_outside")
                    .arg("points", p)
                    .arg("max", self.max_points),
            ));
        }
        Ok(())
    }
}

impl SetDef {
    /// Check the whole set. `known` says whether a figure code exists.
    pub fn validate(&self, kind: SetKind, known: &dyn Fn(&str) -> bool) -> Result<(), DomainError> {
        if self.criteria.is_empty() {
            return Err(err(
                "criteria".into(),
                Msg::new("criteria.set_needs_criterion"),
            ));
        }
        let mut groups = BTreeSet::new();
        for (i, g) in self.groups.iter().enumerate() {
            let f = format!("groups[{i}]");
            check_code(&format!("{f}.code"), &g.code)?;
            if !groups.insert(g.code.as_str()) {
                return Err(err(
                    format!("{f}.code"),
                    Msg::new("criteria.group_twice").arg("code", &g.code),
                ));
            }
            match (kind, g.kind) {
                (SetKind::Commune, GroupKind::Pillar) => {
                    return Err(err(
                        format!("{f}.kind"),
                        Msg::new("criteria.commune_groups"),
                    ));
                }
                (SetKind::Index, GroupKind::Mandatory | GroupKind::Extended) => {
                    return Err(err(format!("{f}.kind"), Msg::new("criteria.index_groups")));
                }
                _ => {}
            }
            if let Some(m) = g.max_points
                && !(m > 0.0 && m.is_finite())
            {
                return Err(err(
                    format!("{f}.max_points"),
                    Msg::new("criteria.above_zero"),
                ));
            }
        }
        let mut codes = BTreeSet::new();
        for (i, c) in self.criteria.iter().enumerate() {
            let f = format!("criteria[{i}]");
            c.validate(&f)?;
            if !codes.insert(c.code.as_str()) {
                return Err(err(
                    format!("{f}.code"),
                    Msg::new("criteria.criterion_twice").arg("code", &c.code),
                ));
            }
            if self.group(&c.group).is_none() {
                return Err(err(
                    format!("{f}.group"),
                    Msg::new("criteria.no_group").arg("code", &c.group),
                ));
            }
        }
        for (i, c) in self.criteria.iter().enumerate() {
            let f = format!("criteria[{i}]");
            if let Some(other) = c.reads_criterion() {
                if self.criterion(other).is_none() {
                    return Err(err(
                        format!("{f}.source"),
                        Msg::new("criteria.no_criterion_here").arg("code", other),
                    ));
                }
            } else if let Some(s) = c.source.as_deref()
                && !known(s)
            {
                return Err(err(
                    format!("{f}.source"),
                    Msg::new("criteria.no_figure").arg("code", s),
                ));
            }
            if let Scoring::Ratio { of } = &c.scoring
                && of.parse::<f64>().is_err()
                && !known(of)
            {
                return Err(err(
                    format!("{f}.scoring.of"),
                    Msg::new("criteria.no_figure").arg("code", of),
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
                        Msg::new("criteria.group_over_max")
                            .arg("sum", sum)
                            .arg("max", m),
                    ));
                }
            }
        }
        let mut levels = BTreeSet::new();
        for (i, l) in self.levels.iter().enumerate() {
            let f = format!("levels[{i}]");
            check_code(&format!("{f}.code"), &l.code)?;
            if kind == SetKind::Index {
                return Err(err(f, Msg::new("criteria.index_no_levels")));
            }
            if !levels.insert(l.code.as_str()) {
                return Err(err(
                    format!("{f}.code"),
                    Msg::new("criteria.level_twice").arg("code", &l.code),
                ));
            }
            if !(0.0..=100.0).contains(&l.extended_min_pct) {
                return Err(err(
                    format!("{f}.extended_min_pct"),
                    Msg::new("value.range")
                        .arg("min", 0)
                        .arg("max", 100)
                        .arg("value", l.extended_min_pct),
                ));
            }
            if let Some(p) = l.min_points
                && !(p >= 0.0 && p <= self.max_points())
            {
                return Err(err(
                    format!("{f}.min_points"),
                    Msg::new("criteria.min_points_range")
                        .arg("max", self.max_points())
                        .arg("value", p),
                ));
            }
            for r in &l.requires {
                if self.criterion(r).is_none() {
                    return Err(err(
                        format!("{f}.requires"),
                        Msg::new("criteria.no_criterion_here").arg("code", r),
                    ));
                }
            }
        }
        if kind == SetKind::Commune && self.levels.is_empty() {
            return Err(err(
                "levels".into(),
                Msg::new("criteria.commune_needs_level"),
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
                        Msg::new("criteria.cycle").arg("path", path.join(" → ")),
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
