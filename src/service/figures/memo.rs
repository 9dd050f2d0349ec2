//! The headline figures already computed, per (unit version, day), kept
//! until a write touches the unit's subtree. Nothing here reads the
//! database; the figures come from `figures_of` and are dropped, never
//! patched, so a figure served from here is the one a fresh roll-up gives.
//!
//! A write only notes the units it touched (`touch`, under the figures'
//! write lock, without the hierarchy); the next read settles them against
//! the hierarchy and drops every entry whose subtree counts one of them
//! on the entry's day (the unit itself, or what it went into since). A new
//! hierarchy, or new metric definitions, drop everything.

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::NaiveDate;

use crate::domain::figures::{Figure, IdMap};
use crate::domain::hierarchy::Hierarchy;

/// Headline figures of one unit on one day.
pub type Figures = Arc<BTreeMap<String, Figure>>;

/// Entries kept at most; past this the memo starts again empty (a
/// headline is about 2 KiB, so the memo stays within a few tens of MiB).
const MAX_ENTRIES: usize = 10_000;
/// Units noted as touched at most before a read settles them; a bulk
/// import touches thousands, and then dropping everything is cheaper.
const MAX_TOUCHED: usize = 1_024;

#[derive(Default)]
pub struct Memo {
    /// The hierarchy the entries were computed on (held, so a new one is
    /// always told apart from it).
    tree: Option<Arc<Hierarchy>>,
    entries: IdMap<(i64, NaiveDate), Figures>,
    /// Units written to since the last read; `None` when too many to check
    /// one by one (drop everything).
    touched: Option<Vec<i64>>,
}

impl Memo {
    /// Note a write to `unit`'s counters or entered values.
    pub fn touch(&mut self, unit: i64) {
        if self.entries.is_empty() {
            return;
        }
        let touched = self.touched.get_or_insert_with(Vec::new);
        if touched.len() < MAX_TOUCHED {
            touched.push(unit);
        } else {
            self.entries.clear();
            self.touched = None;
        }
    }

    /// Forget everything (new definitions).
    pub fn clear(&mut self) {
        self.entries.clear();
        self.touched = None;
    }

    /// Drop what the touched units, or a new hierarchy, make stale.
    fn settle(&mut self, h: &Arc<Hierarchy>) {
        if !self.tree.as_ref().is_some_and(|t| Arc::ptr_eq(t, h)) {
            self.entries.clear();
            self.touched = None;
            self.tree = Some(h.clone());
            return;
        }
        let Some(mut touched) = self.touched.take() else {
            return;
        };
        touched.sort_unstable();
        touched.dedup();
        self.entries.retain(|&(id, day), _| {
            let Some(node) = h.find_id(id, day) else {
                return false;
            };
            !touched
                .iter()
                .any(|&u| h.live_forms(u, day).iter().any(|f| node.contains(f)))
        });
    }

    /// The kept figures of unit version `id` on `day` in tree `h`, if fresh.
    pub fn lookup(&mut self, h: &Arc<Hierarchy>, id: i64, day: NaiveDate) -> Option<Figures> {
        self.settle(h);
        self.entries.get(&(id, day)).cloned()
    }

    /// Keep figures computed on tree `h` (unless the memo has moved on to
    /// another tree since the lookup). The caller holds the figures' read
    /// lock from lookup to insert, so no write came in between.
    pub fn insert(&mut self, h: &Arc<Hierarchy>, id: i64, day: NaiveDate, f: Figures) {
        if !self.tree.as_ref().is_some_and(|t| Arc::ptr_eq(t, h)) {
            return;
        }
        if self.entries.len() >= MAX_ENTRIES {
            self.entries.clear();
        }
        self.entries.insert((id, day), f);
    }

    /// `lookup`, else `compute` and `insert`.
    pub fn get_or_compute(
        &mut self,
        h: &Arc<Hierarchy>,
        id: i64,
        day: NaiveDate,
        compute: impl FnOnce() -> BTreeMap<String, Figure>,
    ) -> Figures {
        if let Some(f) = self.lookup(h, id, day) {
            return f;
        }
        let f = Arc::new(compute());
        self.insert(h, id, day, f.clone());
        f
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::unit::{Level, UnitVersion};

    fn tree() -> Arc<Hierarchy> {
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
        Arc::new(Hierarchy::build(vec![
            u(1, "15", Level::Province, None),
            u(2, "136", Level::District, Some(1)),
            u(3, "04387", Level::Commune, Some(2)),
            u(4, "04387001", Level::Village, Some(3)),
            u(5, "04390", Level::Commune, Some(2)),
            u(6, "04390001", Level::Village, Some(5)),
        ]))
    }

    fn figures(n: f64) -> BTreeMap<String, Figure> {
        BTreeMap::from([("households.total".to_owned(), Figure::count(n))])
    }

    fn value(f: &Figures) -> f64 {
        f["households.total"].value.unwrap()
    }

    #[test]
    fn a_write_drops_the_units_above_it_and_no_other() {
        let h = tree();
        let day: NaiveDate = "2022-06-30".parse().unwrap();
        let mut m = Memo::default();
        for id in [1, 2, 3, 5] {
            m.get_or_compute(&h, id, day, || figures(1.0));
        }
        assert_eq!(m.len(), 4);
        // Kept: computing again is not asked for.
        let f = m.get_or_compute(&h, 1, day, || panic!("should be kept"));
        assert_eq!(value(&f), 1.0);
        // A write in village 4 drops its commune, district and province,
        // not the other commune.
        m.touch(4);
        let f = m.get_or_compute(&h, 1, day, || figures(2.0));
        assert_eq!(value(&f), 2.0);
        assert_eq!(m.len(), 2, "province recomputed, commune 5 kept");
        m.get_or_compute(&h, 5, day, || panic!("commune 5 is untouched"));
        m.get_or_compute(&h, 3, day, || figures(2.0));
        assert_eq!(m.len(), 3);
    }

    #[test]
    fn a_new_tree_or_many_writes_drop_everything() {
        let h = tree();
        let day: NaiveDate = "2022-06-30".parse().unwrap();
        let mut m = Memo::default();
        m.get_or_compute(&h, 5, day, || figures(1.0));
        let other = tree();
        let f = m.get_or_compute(&other, 5, day, || figures(3.0));
        assert_eq!(value(&f), 3.0);
        for _ in 0..=MAX_TOUCHED {
            m.touch(4);
        }
        assert!(m.is_empty());
        // Touching an empty memo keeps nothing to settle.
        m.touch(4);
        assert!(m.touched.is_none());
        m.get_or_compute(&other, 5, day, || figures(4.0));
        m.clear();
        assert!(m.is_empty());
    }
}
