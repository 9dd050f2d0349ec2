//! Live counters: what the ledger says, per unit and month, rolled up
//! through the hierarchy in memory.
//!
//! Each ledger write (a household registered, an adoption recorded or
//! corrected, a team member joining or leaving, a team formed) changes one
//! counter of one unit in one month by +1 or -1, in the same transaction as
//! the write (table `unit_counters`). This cache holds, per unit and key, the
//! running total from each month on; a unit's figure at a month is one
//! binary search, and a province's is a sum over its pre-order range of the
//! day's tree. Figures are kept per month: a figure on a date is the state at
//! the end of that date's month (or now, for the current month).
//!
//! Also the figure itself (`Figure`: a value, and a ratio's parts) and the
//! headline keys the live counters give (`headline_keys`, `explain`), which
//! every area and the headline collector share.

use crate::i18n::messages::Msg;
use std::collections::HashMap;

use serde::Serialize;

use super::DomainError;
use super::hierarchy::{Hierarchy, Node};
use super::metric::Adoption;
use super::unit::Level;

/// One figure: a value, and when it is a ratio, what it is made of.
#[derive(Debug, Clone, Copy, Serialize, PartialEq)]
pub struct Figure {
    pub value: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub numerator: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub denominator: Option<f64>,
}

impl Figure {
    pub fn count(n: impl Into<f64>) -> Figure {
        Figure {
            value: Some(n.into()),
            numerator: None,
            denominator: None,
        }
    }

    /// 100 × num ÷ den, rounded to 2 decimals; no value when den is 0.
    pub fn pct(num: f64, den: f64) -> Figure {
        let value = (den != 0.0).then(|| (10000.0 * num / den).round() / 100.0);
        Figure {
            value,
            numerator: Some(num),
            denominator: Some(den),
        }
    }
}

/// The adoption a `households.<kind>_pct` key counts.
fn adoption_of(key: &str) -> Option<Adoption> {
    key.strip_prefix("households.")
        .and_then(|k| k.strip_suffix("_pct"))
        .and_then(|k| Adoption::ALL.into_iter().find(|a| a.as_str() == k))
}

/// `Thanh toán tiền điện…` → `thanh toán tiền điện…`, to follow "Tỷ lệ hộ".
fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_lowercase().chain(c).collect())
        .unwrap_or_default()
}

/// A headline figure's name in words, by its key.
pub fn name(key: &str) -> Option<Msg> {
    Some(Msg::new(match key {
        "units.districts" => "figure.units_districts",
        "units.communes" => "figure.units_communes",
        "units.villages" => "figure.units_villages",
        "teams.coverage_pct" => "figure.teams_coverage_pct",
        "teams.members" => "figure.teams_members",
        "teams.members_commune_level" => "figure.teams_members_commune_level",
        "teams.members_village_level" => "figure.teams_members_village_level",
        "households.total" => "figure.households_total",
        "orgs.members_in_groups_pct" => "figure.orgs_members_in_groups_pct",
        k => {
            let a = adoption_of(k)?;
            let vi = match a {
                Adoption::Vssid => "có thẻ BHYT điện tử (VssID)".to_owned(),
                a => lower_first(a.name_vi()),
            };
            return Some(Msg::new("figure.adoption_pct").arg_words(
                "doing",
                &vi,
                &lower_first(a.name_en()),
            ));
        }
    }))
}

/// How a headline figure is computed, in a sentence that names it; `None`
/// for a key that is not a headline figure.
pub fn explain(key: &str) -> Option<Msg> {
    let rule = match key {
        "units.districts" | "units.communes" | "units.villages" => "figure.explain_units",
        "teams.coverage_pct" => "figure.explain_coverage",
        "teams.members" => "figure.explain_members",
        "teams.members_commune_level" => "figure.explain_members_commune",
        "teams.members_village_level" => "figure.explain_members_village",
        "households.total" => "figure.explain_households",
        "orgs.members_in_groups_pct" => "figure.explain_orgs",
        k => {
            let a = adoption_of(k)?;
            return Some(
                Msg::new("figure.explain_adoption")
                    .arg_msg("name", name(k)?)
                    .arg_words("kind", a.name_vi(), a.name_en()),
            );
        }
    };
    Some(Msg::new(rule).arg_msg("name", name(key)?))
}

/// Every key `figures_of` gives, for checking references to them.
pub fn headline_keys() -> Vec<String> {
    let mut keys: Vec<String> = [
        "units.districts",
        "units.communes",
        "units.villages",
        "teams.coverage_pct",
        "teams.members",
        "teams.members_commune_level",
        "teams.members_village_level",
        "households.total",
        "orgs.members_in_groups_pct",
    ]
    .map(String::from)
    .to_vec();
    keys.extend(Adoption::ALL.map(|k| format!("households.{}_pct", k.as_str())));
    keys
}

/// What a counter counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Key {
    Households,
    Adopted(Adoption),
    TeamMembers,
    Teams,
}

pub const NKEYS: usize = 3 + Adoption::ALL.len();

impl Key {
    pub fn index(self) -> usize {
        match self {
            Key::Households => 0,
            Key::TeamMembers => 1,
            Key::Teams => 2,
            Key::Adopted(a) => {
                3 + Adoption::ALL
                    .iter()
                    .position(|k| *k == a)
                    .expect("every kind is listed")
            }
        }
    }

    pub fn name(self) -> String {
        match self {
            Key::Households => "households".into(),
            Key::TeamMembers => "team_members".into(),
            Key::Teams => "teams".into(),
            Key::Adopted(a) => format!("adopt.{}", a.as_str()),
        }
    }

    pub fn parse(s: &str) -> Result<Key, DomainError> {
        match s {
            "households" => Ok(Key::Households),
            "team_members" => Ok(Key::TeamMembers),
            "teams" => Ok(Key::Teams),
            other => match other.strip_prefix("adopt.") {
                Some(kind) => Ok(Key::Adopted(Adoption::parse(kind)?)),
                None => Err(DomainError::invalid(
                    "key",
                    Msg::new("programme.unknown_counter").arg("key", other),
                )),
            },
        }
    }
}

/// Running totals of every key of one unit: (month index, totals from
/// that month on), sorted by month. One row holds all keys, so reading a
/// unit at a month is one binary search over a few rows.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Series(Vec<(i32, [i64; NKEYS])>);

impl Series {
    pub fn add(&mut self, key: usize, month: i32, delta: i64) {
        let i = self.0.partition_point(|p| p.0 < month);
        if self.0.get(i).is_none_or(|p| p.0 != month) {
            let before = if i == 0 { [0; NKEYS] } else { self.0[i - 1].1 };
            self.0.insert(i, (month, before));
        }
        for p in &mut self.0[i..] {
            p.1[key] += delta;
        }
    }

    /// Every key's total at the end of `month`.
    pub fn at(&self, month: i32) -> &[i64; NKEYS] {
        const ZERO: [i64; NKEYS] = [0; NKEYS];
        let i = self.0.partition_point(|p| p.0 <= month);
        if i == 0 { &ZERO } else { &self.0[i - 1].1 }
    }

    /// Months at which something changed.
    pub fn months(&self) -> impl Iterator<Item = i32> + '_ {
        self.0.iter().map(|p| p.0)
    }
}

/// Hashes unit ids (database integers, not chosen by outsiders) and
/// tuples of them with one multiplication per integer; SipHash costs more
/// than the rest of a lookup.
#[derive(Default, Clone, Copy)]
pub struct IdHasher(u64);

impl std::hash::Hasher for IdHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }

    fn write_i64(&mut self, n: i64) {
        self.0 = (self.0.rotate_left(26) ^ n as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// A map keyed by ids (or tuples of ids), hashed with `IdHasher`.
pub type IdMap<K, V> = HashMap<K, V, std::hash::BuildHasherDefault<IdHasher>>;

/// Counters of every unit.
#[derive(Debug, Default, Clone)]
pub struct Counters {
    units: IdMap<i64, Series>,
}

/// Every counter of a subtree at one month, by the level of the unit that
/// holds it: what a headline needs, gathered in one pass.
#[derive(Debug, Clone, PartialEq)]
pub struct Rollup {
    /// `sum[level][key]`: the counter summed over units of that level.
    sum: [[i64; NKEYS]; 4],
    /// `positive[level][key]`: units of that level with the counter above 0.
    positive: [[i64; NKEYS]; 4],
    /// Units of each level in the subtree, the node included.
    units: [i64; 4],
}

impl Rollup {
    /// Sum of the counter over the subtree, only units at `level` when given.
    pub fn sum(&self, key: Key, level: Option<Level>) -> i64 {
        match level {
            Some(l) => self.sum[l.index()][key.index()],
            None => self.sum.iter().map(|s| s[key.index()]).sum(),
        }
    }

    /// Of the units at `levels`, how many have the counter above zero, and
    /// how many there are.
    pub fn coverage(&self, key: Key, levels: &[Level]) -> (i64, i64) {
        levels.iter().fold((0, 0), |(w, a), l| {
            (
                w + self.positive[l.index()][key.index()],
                a + self.units[l.index()],
            )
        })
    }
}

impl Counters {
    pub fn apply(&mut self, unit: i64, key: Key, month: i32, delta: i64) {
        if delta != 0 {
            self.units
                .entry(unit)
                .or_default()
                .add(key.index(), month, delta);
        }
    }

    pub fn value(&self, unit: i64, key: Key, month: i32) -> i64 {
        self.units
            .get(&unit)
            .map(|s| s.at(month)[key.index()])
            .unwrap_or(0)
    }

    /// A unit's counter with what its predecessors recorded before a
    /// rename, move or full merge: figures recorded under old boundaries
    /// roll up into the new ones.
    pub fn value_with_past(&self, h: &Hierarchy, unit: i64, key: Key, month: i32) -> i64 {
        if h.predecessors(unit).is_empty() {
            return self.value(unit, key, month);
        }
        h.with_past(unit)
            .iter()
            .map(|u| self.value(*u, key, month))
            .sum()
    }

    /// Every counter of the node's subtree (the node included) at `month`,
    /// in one pass over the subtree's pre-order range.
    pub fn rollup(&self, h: &Hierarchy, node: &Node<'_>, month: i32) -> Rollup {
        let mut r = Rollup {
            sum: [[0; NKEYS]; 4],
            positive: [[0; NKEYS]; 4],
            units: [0; 4],
        };
        for u in h.subtree(node) {
            let l = u.level.index();
            r.units[l] += 1;
            if h.predecessors(u.id).is_empty() {
                if let Some(s) = self.units.get(&u.id) {
                    let row = s.at(month);
                    for (k, &v) in row.iter().enumerate() {
                        r.sum[l][k] += v;
                        r.positive[l][k] += i64::from(v > 0);
                    }
                }
            } else {
                // A unit that continues others (a rename, a merge, a village
                // carried over a reorganisation) counts what they recorded.
                let mut row = [0i64; NKEYS];
                for id in h.with_past(u.id) {
                    if let Some(s) = self.units.get(&id) {
                        for (k, &v) in s.at(month).iter().enumerate() {
                            row[k] += v;
                        }
                    }
                }
                for (k, &v) in row.iter().enumerate() {
                    r.sum[l][k] += v;
                    r.positive[l][k] += i64::from(v > 0);
                }
            }
        }
        r
    }

    /// Sum of the counter over the node's subtree (the node included), only
    /// units at `level` when given.
    pub fn sum(
        &self,
        h: &Hierarchy,
        node: &Node<'_>,
        key: Key,
        month: i32,
        level: Option<Level>,
    ) -> i64 {
        h.subtree(node)
            .filter(|u| level.is_none_or(|l| u.level == l))
            .map(|u| self.value_with_past(h, u.id, key, month))
            .sum()
    }

    /// Of the units at `levels` in the subtree, how many have the counter
    /// above zero, and how many there are.
    pub fn coverage(
        &self,
        h: &Hierarchy,
        node: &Node<'_>,
        key: Key,
        month: i32,
        levels: &[Level],
    ) -> (i64, i64) {
        let mut with = 0;
        let mut all = 0;
        for u in h.subtree(node).filter(|u| levels.contains(&u.level)) {
            all += 1;
            if self.value_with_past(h, u.id, key, month) > 0 {
                with += 1;
            }
        }
        (with, all)
    }

    /// Number of units holding any counter.
    pub fn len(&self) -> usize {
        self.units.len()
    }

    pub fn is_empty(&self) -> bool {
        self.units.is_empty()
    }

    /// The earliest month any counter changed.
    pub fn first_month(&self) -> Option<i32> {
        self.units.values().filter_map(|s| s.months().next()).min()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::unit::UnitVersion;
    use crate::i18n::Lang;

    #[test]
    fn every_headline_figure_has_a_name_and_a_sentence() {
        for k in headline_keys() {
            for lang in [Lang::Vi, Lang::En] {
                let name = name(&k).expect("named").render(lang);
                let rule = explain(&k).expect("explained").render(lang);
                assert!(!name.contains('_') && !name.contains('{'), "{k}: {name}");
                assert!(
                    rule.starts_with(&name) && !rule.contains('{'),
                    "{k}: {rule}"
                );
            }
        }
        assert_eq!(
            explain("households.epay_power_pct")
                .unwrap()
                .render(Lang::Vi),
            "Tỷ lệ hộ thanh toán tiền điện không dùng tiền mặt = 100 × số hộ được ghi nhận \
             “Thanh toán tiền điện không dùng tiền mặt” ÷ tổng số hộ đã đăng ký."
        );
        assert!(name("households.nonsense_pct").is_none());
    }

    #[test]
    fn series_keeps_running_totals() {
        let mut s = Series::default();
        s.add(0, 10, 1);
        s.add(0, 12, 2);
        s.add(0, 11, 5);
        s.add(0, 12, -1);
        s.add(4, 11, 9);
        let at = |s: &Series, m| (s.at(m)[0], s.at(m)[4]);
        assert_eq!(
            [9, 10, 11, 12, 99].map(|m| at(&s, m)),
            [(0, 0), (1, 0), (6, 9), (7, 9), (7, 9)]
        );
        s.add(0, 5, 3);
        assert_eq!([5, 10, 12].map(|m| at(&s, m)), [(3, 0), (4, 0), (10, 9)]);
        assert_eq!(s.months().collect::<Vec<_>>(), [5, 10, 11, 12]);
    }

    #[test]
    fn counters_roll_up_through_the_tree() {
        let d = "2022-01-01".parse().unwrap();
        let u = |id, code: &str, level: Level, parent| UnitVersion {
            id,
            code: code.parse().unwrap(),
            name: code.into(),
            full_name: code.into(),
            level,
            unit_type: level.types()[0].into(),
            parent_id: parent,
            valid_from: d,
            valid_to: None,
            synthetic: false,
        };
        let h = Hierarchy::build(vec![
            u(1, "15", Level::Province, None),
            u(2, "136", Level::District, Some(1)),
            u(3, "04387", Level::Commune, Some(2)),
            u(4, "04387001", Level::Village, Some(3)),
            u(5, "04387002", Level::Village, Some(3)),
        ]);
        let mut c = Counters::default();
        c.apply(4, Key::Households, 264, 10);
        c.apply(5, Key::Households, 265, 5);
        c.apply(4, Key::Adopted(Adoption::ZaloGroup), 265, 7);
        c.apply(4, Key::Adopted(Adoption::ZaloGroup), 266, -1);
        c.apply(3, Key::TeamMembers, 264, 12);
        c.apply(4, Key::TeamMembers, 264, 6);
        c.apply(3, Key::Teams, 264, 1);
        c.apply(4, Key::Teams, 264, 1);
        let day = "2022-06-30".parse().unwrap();
        let p = h.find(&"15".parse().unwrap(), day).unwrap();
        assert_eq!(c.sum(&h, &p, Key::Households, 264, None), 10);
        assert_eq!(c.sum(&h, &p, Key::Households, 265, None), 15);
        assert_eq!(
            c.sum(&h, &p, Key::Adopted(Adoption::ZaloGroup), 266, None),
            6
        );
        assert_eq!(
            c.sum(&h, &p, Key::TeamMembers, 270, Some(Level::Village)),
            6
        );
        assert_eq!(
            c.sum(&h, &p, Key::TeamMembers, 270, Some(Level::Commune)),
            12
        );
        assert_eq!(
            c.coverage(&h, &p, Key::Teams, 270, &[Level::Commune, Level::Village]),
            (2, 3)
        );
        // One pass gives the same figures as a pass per key.
        for month in [263, 264, 265, 266, 270] {
            for node in [p, h.find(&"04387".parse().unwrap(), day).unwrap()] {
                let r = c.rollup(&h, &node, month);
                for key in [Key::Households, Key::TeamMembers, Key::Teams]
                    .into_iter()
                    .chain(Adoption::ALL.map(Key::Adopted))
                {
                    for level in [None, Some(Level::Commune), Some(Level::Village)] {
                        assert_eq!(r.sum(key, level), c.sum(&h, &node, key, month, level));
                    }
                    let levels = [Level::Commune, Level::Village];
                    assert_eq!(
                        r.coverage(key, &levels),
                        c.coverage(&h, &node, key, month, &levels)
                    );
                }
            }
        }
        assert_eq!(c.first_month(), Some(264));
        assert_eq!(
            Key::parse(&Key::Adopted(Adoption::Vneid).name()).unwrap(),
            Key::Adopted(Adoption::Vneid)
        );
        assert!(Key::parse("adopt.fax").is_err());
        let indices: std::collections::HashSet<usize> =
            [Key::Households, Key::TeamMembers, Key::Teams]
                .into_iter()
                .chain(Adoption::ALL.map(Key::Adopted))
                .map(Key::index)
                .collect();
        assert_eq!(indices.len(), NKEYS);
    }
}
