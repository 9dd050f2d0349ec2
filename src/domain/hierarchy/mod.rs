//! The administrative hierarchy through time, held in memory.
//!
//! Every version of every unit is loaded once. The dates at which anything
//! changed cut time into a handful of epochs; each epoch's tree is built once
//! and numbered in pre-order, so "the subtree of X" is the contiguous range
//! `pre(X) ..= end(X)` and counting a level inside it is two lookups in a
//! prefix-sum array. Queries take a date, find its epoch, and never touch the
//! database. See docs/ARCHITECTURE.md, "Hierarchy through time".

use chrono::NaiveDate;
use std::collections::HashMap;

use super::fold::{matches_all_words, search_key};
use super::unit::{Level, UnitCode, UnitVersion};

mod build;

/// All unit versions and the trees of every epoch.
#[derive(Debug, Default)]
pub struct Hierarchy {
    units: Vec<UnitVersion>,
    /// Folded "full name" of each unit, for search.
    folded: Vec<String>,
    by_id: HashMap<i64, usize>,
    /// Succession links: old version id → (new version id, full?).
    successors: HashMap<i64, Vec<(i64, bool)>>,
    /// Full links backwards: new version id → the versions wholly merged into it.
    predecessors: HashMap<i64, Vec<i64>>,
    epochs: Vec<Epoch>,
}

/// The tree on every day from `from` to `to` (inclusive; `None` = open).
#[derive(Debug)]
struct Epoch {
    from: NaiveDate,
    to: Option<NaiveDate>,
    /// Unit index (into `Hierarchy::units`) at each pre-order position.
    order: Vec<u32>,
    /// Last pre-order position of each position's subtree.
    end: Vec<u32>,
    /// Parent position of each position (`u32::MAX` for roots).
    parent: Vec<u32>,
    /// Position of each unit present in this epoch, by unit index.
    pos: HashMap<u32, u32>,
    by_code: HashMap<String, u32>,
    /// `level_prefix[l][p]` = how many units of level `l` sit before position `p`.
    level_prefix: [Vec<u32>; 4],
}

/// A unit as seen on one day: its version and where it sits in that day's tree.
#[derive(Debug, Clone, Copy)]
pub struct Node<'h> {
    pub unit: &'h UnitVersion,
    epoch: &'h Epoch,
    pos: u32,
}

/// Counts of units per level.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LevelCounts(pub [u32; 4]);

impl LevelCounts {
    pub fn get(&self, level: Level) -> u32 {
        self.0[level.index()]
    }
}

impl Hierarchy {
    fn epoch(&self, day: NaiveDate) -> Option<&Epoch> {
        let i = self.epochs.partition_point(|e| e.from <= day);
        let e = self.epochs.get(i.checked_sub(1)?)?;
        e.to.is_none_or(|to| day <= to).then_some(e)
    }

    fn node<'h>(&'h self, e: &'h Epoch, pos: u32) -> Node<'h> {
        Node {
            unit: &self.units[e.order[pos as usize] as usize],
            epoch: e,
            pos,
        }
    }

    /// Number of unit versions held.
    pub fn len(&self) -> usize {
        self.units.len()
    }

    pub fn is_empty(&self) -> bool {
        self.units.is_empty()
    }

    /// The dates at which the hierarchy changed.
    pub fn epoch_starts(&self) -> Vec<NaiveDate> {
        self.epochs.iter().map(|e| e.from).collect()
    }

    /// A version by its id, whatever its dates.
    pub fn version(&self, id: i64) -> Option<&UnitVersion> {
        self.by_id.get(&id).map(|&i| &self.units[i])
    }

    /// All versions ever recorded under a code, oldest first.
    pub fn versions_of(&self, code: &UnitCode) -> Vec<&UnitVersion> {
        let mut v: Vec<_> = self.units.iter().filter(|u| &u.code == code).collect();
        v.sort_by_key(|u| u.valid_from);
        v
    }

    /// Codes of every version whose code starts with `prefix` (a commune's
    /// villages, past and present).
    pub fn versions_of_prefix(&self, prefix: &str) -> Vec<&UnitCode> {
        self.units
            .iter()
            .filter(|u| u.code.as_str().len() > prefix.len() && u.code.as_str().starts_with(prefix))
            .map(|u| &u.code)
            .collect()
    }

    /// The unit with this code on this day.
    pub fn find(&self, code: &UnitCode, day: NaiveDate) -> Option<Node<'_>> {
        let e = self.epoch(day)?;
        let &pos = e.by_code.get(code.as_str())?;
        Some(self.node(e, pos))
    }

    /// The unit with this id on this day, if that version is in the day's tree.
    pub fn find_id(&self, id: i64, day: NaiveDate) -> Option<Node<'_>> {
        let e = self.epoch(day)?;
        let &idx = self.by_id.get(&id)?;
        let &pos = e.pos.get(&(idx as u32))?;
        Some(self.node(e, pos))
    }

    /// What a unit version is on `day`: itself when it is in the day's tree,
    /// else the versions it wholly went into (following renames, moves and
    /// full merges forward, as far as needed). Nothing for a day before it
    /// existed, or after a partial split.
    pub fn live_forms(&self, id: i64, day: NaiveDate) -> Vec<Node<'_>> {
        let mut out = Vec::new();
        let mut todo = vec![(id, 0u8)];
        let mut seen = std::collections::HashSet::new();
        while let Some((id, depth)) = todo.pop() {
            if !seen.insert(id) {
                continue;
            }
            if let Some(n) = self.find_id(id, day) {
                out.push(n);
                continue;
            }
            let ended_before = self
                .version(id)
                .and_then(|v| v.valid_to)
                .is_some_and(|to| to < day);
            if ended_before && depth < 16 {
                for &(next, full) in self.successors.get(&id).into_iter().flatten() {
                    if full {
                        todo.push((next, depth + 1));
                    }
                }
            }
        }
        out
    }

    /// Versions wholly merged into this one (renames, moves, full merges),
    /// directly.
    pub fn predecessors(&self, id: i64) -> &[i64] {
        self.predecessors.get(&id).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Where a version went: (new version id, full?) links.
    pub fn successors(&self, id: i64) -> &[(i64, bool)] {
        self.successors.get(&id).map(Vec::as_slice).unwrap_or(&[])
    }

    /// The version itself and every version wholly merged into it, however
    /// far back.
    pub fn with_past(&self, id: i64) -> Vec<i64> {
        let mut out = vec![id];
        let mut i = 0;
        while i < out.len() && out.len() < 10_000 {
            for &p in self.predecessors(out[i]) {
                if !out.contains(&p) {
                    out.push(p);
                }
            }
            i += 1;
        }
        out
    }

    /// The top-level units (provinces) on this day.
    pub fn roots(&self, day: NaiveDate) -> Vec<Node<'_>> {
        let Some(e) = self.epoch(day) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        let mut p = 0u32;
        while (p as usize) < e.order.len() {
            out.push(self.node(e, p));
            p = e.end[p as usize] + 1;
        }
        out
    }

    /// Counts per level over the whole country on this day.
    pub fn national_counts(&self, day: NaiveDate) -> LevelCounts {
        let Some(e) = self.epoch(day) else {
            return LevelCounts::default();
        };
        let n = e.order.len();
        LevelCounts(std::array::from_fn(|l| e.level_prefix[l][n]))
    }

    /// Units whose folded full name holds every word of the query, on this
    /// day, optionally only inside the given subtrees. Best matches first:
    /// higher levels, then exact name matches, then by code.
    pub fn search<'h>(
        &'h self,
        query: &str,
        day: NaiveDate,
        within: Option<&[Node<'h>]>,
        limit: usize,
    ) -> Vec<Node<'h>> {
        let q = search_key(query);
        let Some(e) = self.epoch(day) else {
            return Vec::new();
        };
        if q.is_empty() {
            return Vec::new();
        }
        let ranges: Vec<(u32, u32)> = match within {
            Some(nodes) => nodes
                .iter()
                .map(|n| (n.pos, n.epoch.end[n.pos as usize]))
                .collect(),
            None if e.order.is_empty() => Vec::new(),
            None => vec![(0, e.order.len() as u32 - 1)],
        };
        let mut hits: Vec<Node<'h>> = Vec::new();
        for (lo, hi) in ranges {
            for pos in lo..=hi {
                let idx = e.order[pos as usize] as usize;
                if matches_all_words(&self.folded[idx], &q) {
                    hits.push(self.node(e, pos));
                }
            }
        }
        // Overlapping scopes (a province and one of its communes) give repeats.
        let mut seen = std::collections::HashSet::new();
        hits.retain(|n| seen.insert(n.pos));
        hits.sort_by_key(|n| {
            let exact = search_key(&n.unit.name) != q;
            (n.unit.level, exact, n.unit.code.clone())
        });
        hits.truncate(limit);
        hits
    }
}

impl<'h> Node<'h> {
    fn hierarchy_node(&self, pos: u32, units: &'h [UnitVersion]) -> Node<'h> {
        Node {
            unit: &units[self.epoch.order[pos as usize] as usize],
            epoch: self.epoch,
            pos,
        }
    }

    /// The day-tree's first and last day.
    pub fn epoch_span(&self) -> (NaiveDate, Option<NaiveDate>) {
        (self.epoch.from, self.epoch.to)
    }

    /// Pre-order position and subtree end, for range queries.
    pub fn range(&self) -> (u32, u32) {
        (self.pos, self.epoch.end[self.pos as usize])
    }

    /// True when `other` is this unit or below it (on the same day).
    pub fn contains(&self, other: &Node<'_>) -> bool {
        std::ptr::eq(self.epoch, other.epoch)
            && self.pos <= other.pos
            && other.pos <= self.epoch.end[self.pos as usize]
    }

    /// Counts per level strictly below this unit.
    pub fn subtree_counts(&self) -> LevelCounts {
        let (lo, hi) = self.range();
        LevelCounts(std::array::from_fn(|l| {
            let prefix = &self.epoch.level_prefix[l];
            prefix[hi as usize + 1] - prefix[lo as usize + 1]
        }))
    }

    pub fn has_children(&self) -> bool {
        self.epoch.end[self.pos as usize] > self.pos
    }
}

impl Hierarchy {
    /// Every unit in the node's subtree on its day, the node first, in
    /// pre-order.
    pub fn subtree<'h>(&'h self, node: &Node<'h>) -> impl Iterator<Item = &'h UnitVersion> + 'h {
        let e = node.epoch;
        let (lo, hi) = (node.pos as usize, e.end[node.pos as usize] as usize);
        e.order[lo..=hi]
            .iter()
            .map(move |&i| &self.units[i as usize])
    }

    /// The unit's direct children on its day, in code order.
    pub fn children<'h>(&'h self, node: &Node<'h>) -> Vec<Node<'h>> {
        let e = node.epoch;
        let mut out = Vec::new();
        let mut p = node.pos + 1;
        let end = e.end[node.pos as usize];
        while p <= end {
            out.push(node.hierarchy_node(p, &self.units));
            p = e.end[p as usize] + 1;
        }
        out
    }

    /// The unit's ancestors on its day, from the top.
    pub fn ancestors<'h>(&'h self, node: &Node<'h>) -> Vec<Node<'h>> {
        let e = node.epoch;
        let mut out = Vec::new();
        let mut p = e.parent[node.pos as usize];
        while p != u32::MAX {
            out.push(node.hierarchy_node(p, &self.units));
            p = e.parent[p as usize];
        }
        out.reverse();
        out
    }

    /// The parent on the node's day.
    pub fn parent<'h>(&'h self, node: &Node<'h>) -> Option<Node<'h>> {
        let p = node.epoch.parent[node.pos as usize];
        (p != u32::MAX).then(|| node.hierarchy_node(p, &self.units))
    }
}

#[cfg(test)]
mod tests;

/// The chain of unit ids from the top ("/1/23/456/"), for the audit log.
pub fn unit_path(h: &Hierarchy, n: &Node<'_>) -> String {
    let mut path = String::from("/");
    for a in h.ancestors(n).iter().chain(std::iter::once(n)) {
        path.push_str(&a.unit.id.to_string());
        path.push('/');
    }
    path
}
