//! Building the epochs: cutting time where anything changed, and each
//! epoch's tree numbered in pre-order with its subtree ends and level counts.

use chrono::{Days, NaiveDate};
use std::collections::HashMap;

use super::{Epoch, Hierarchy};
use crate::domain::fold::search_key;
use crate::domain::unit::UnitVersion;

impl Hierarchy {
    /// Build every epoch from all unit versions. Versions whose parent is not
    /// valid on a day are left out of that day's tree (they would be orphans).
    pub fn build(units: Vec<UnitVersion>) -> Self {
        Self::build_with_successions(units, &[])
    }

    /// Build with succession links `(old id, new id, full)`; only full links
    /// are followed (see `live_forms`).
    pub fn build_with_successions(mut units: Vec<UnitVersion>, links: &[(i64, i64, bool)]) -> Self {
        units.sort_by(|a, b| {
            (a.level, &a.code, a.valid_from).cmp(&(b.level, &b.code, b.valid_from))
        });
        let folded = units.iter().map(|u| search_key(&u.full_name)).collect();
        let by_id = units.iter().enumerate().map(|(i, u)| (u.id, i)).collect();
        let mut successors: HashMap<i64, Vec<(i64, bool)>> = HashMap::new();
        let mut predecessors: HashMap<i64, Vec<i64>> = HashMap::new();
        for &(old, new, full) in links {
            successors.entry(old).or_default().push((new, full));
            if full {
                predecessors.entry(new).or_default().push(old);
            }
        }
        let mut h = Hierarchy {
            units,
            folded,
            by_id,
            successors,
            predecessors,
            epochs: Vec::new(),
        };
        let mut cuts: Vec<NaiveDate> = Vec::new();
        for u in &h.units {
            cuts.push(u.valid_from);
            if let Some(next) = u.valid_to.and_then(|to| to.checked_add_days(Days::new(1))) {
                cuts.push(next);
            }
        }
        cuts.sort();
        cuts.dedup();
        for (i, &from) in cuts.iter().enumerate() {
            let to = cuts.get(i + 1).and_then(|next| next.pred_opt());
            h.epochs.push(h.build_epoch(from, to));
        }
        h
    }

    fn build_epoch(&self, from: NaiveDate, to: Option<NaiveDate>) -> Epoch {
        let live: Vec<u32> = (0..self.units.len() as u32)
            .filter(|&i| self.units[i as usize].valid_on(from))
            .collect();
        let live_ids: HashMap<i64, u32> = live
            .iter()
            .map(|&i| (self.units[i as usize].id, i))
            .collect();
        let mut children: HashMap<u32, Vec<u32>> = HashMap::new();
        let mut roots = Vec::new();
        for &i in &live {
            match self.units[i as usize].parent_id {
                None => roots.push(i),
                Some(p) => {
                    if let Some(&pi) = live_ids.get(&p) {
                        children.entry(pi).or_default().push(i);
                    }
                }
            }
        }
        // `units` is sorted by level then code, so children lists are in code order.
        let mut e = Epoch {
            from,
            to,
            order: Vec::with_capacity(live.len()),
            end: Vec::with_capacity(live.len()),
            parent: Vec::with_capacity(live.len()),
            pos: HashMap::with_capacity(live.len()),
            by_code: HashMap::with_capacity(live.len()),
            level_prefix: Default::default(),
        };
        // Iterative pre-order walk: (unit index, parent position).
        let mut stack: Vec<(u32, u32)> = roots.iter().rev().map(|&r| (r, u32::MAX)).collect();
        while let Some((i, parent)) = stack.pop() {
            let p = e.order.len() as u32;
            e.order.push(i);
            e.end.push(p);
            e.parent.push(parent);
            e.pos.insert(i, p);
            e.by_code
                .insert(self.units[i as usize].code.as_str().to_owned(), p);
            if let Some(kids) = children.get(&i) {
                stack.extend(kids.iter().rev().map(|&k| (k, p)));
            }
        }
        // Subtree ends: a position's subtree ends where its last descendant is.
        for p in (0..e.order.len()).rev() {
            let parent = e.parent[p];
            if parent != u32::MAX && e.end[parent as usize] < e.end[p] {
                e.end[parent as usize] = e.end[p];
            }
        }
        for (l, prefix) in e.level_prefix.iter_mut().enumerate() {
            prefix.reserve(e.order.len() + 1);
            prefix.push(0);
            let mut n = 0;
            for &i in &e.order {
                if self.units[i as usize].level.index() == l {
                    n += 1;
                }
                prefix.push(n);
            }
        }
        e
    }
}
