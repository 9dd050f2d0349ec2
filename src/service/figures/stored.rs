//! The memo of the headline figures read from the database at request time
//! (the party handbook's, the registrations', the index's, the goals' and
//! the models'; read by `service::headline`), kept per (unit version, day)
//! until the next commit.
//!
//! Unlike the ledger's counters these figures are not held in memory, and
//! reading them costs about ten queries; under 32 clients that queueing
//! for connections put the headline's p95 at 40 ms. A commit anywhere
//! (`store::commits`) drops them all: coarse, but a figure served from
//! here is always one a fresh read gives, whatever service wrote, and no
//! write path has to remember to say what it touched.
//!
//! The reader takes the commit count *before* it reads the database and
//! files its result under that count, so a commit that lands while it
//! reads makes the result stale on arrival, never wrongly fresh.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::NaiveDate;

use crate::domain::figures::Figure;

/// Figures of one unit on one day, by key.
pub type Stored = Arc<Vec<(&'static str, Figure)>>;

/// Entries kept at most before starting again empty.
const MAX_ENTRIES: usize = 10_000;

/// (unit version, day asked, today): some figures count "overdue" against
/// today, so the day the answer was computed is part of the key.
type Key = (i64, NaiveDate, NaiveDate);

#[derive(Default)]
pub struct StoredMemo {
    /// The commit count the entries were read after.
    commits: u64,
    entries: HashMap<Key, Stored>,
}

impl StoredMemo {
    pub fn lookup(&self, key: Key, commits: u64) -> Option<Stored> {
        (commits == self.commits)
            .then(|| self.entries.get(&key).cloned())
            .flatten()
    }

    pub fn insert(&mut self, key: Key, commits: u64, figures: Stored) {
        if commits > self.commits {
            self.entries.clear();
            self.commits = commits;
        }
        if commits < self.commits {
            return;
        }
        if self.entries.len() >= MAX_ENTRIES {
            self.entries.clear();
        }
        self.entries.insert(key, figures);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2022, 6, d).unwrap()
    }

    #[test]
    fn a_commit_makes_every_entry_stale() {
        let mut m = StoredMemo::default();
        let key = (15, day(30), day(30));
        let f: Stored = Arc::new(vec![("dti.rank", Figure::count(15.0))]);
        m.insert(key, 3, f.clone());
        assert!(m.lookup(key, 3).is_some());
        assert!(m.lookup((16, day(30), day(30)), 3).is_none());
        assert!(m.lookup(key, 4).is_none(), "a commit since");
        // A read that began before commit 4 files nothing over it.
        m.insert((16, day(30), day(30)), 4, f.clone());
        m.insert(key, 3, f);
        assert!(m.lookup(key, 4).is_none());
        assert!(m.lookup((16, day(30), day(30)), 4).is_some());
    }
}
