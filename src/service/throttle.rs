//! Login throttling with growing delays, per address and per account.
//!
//! Each key (`client:<ip>`, `user:<name>`) counts failed sign-ins; a key
//! quiet for `WINDOW` is forgotten. The first `FREE_FAILURES` cost nothing;
//! after that each failure doubles the wait before the next attempt, from
//! `BASE_DELAY` up to `WINDOW`. The caller (`accounts::login`) applies an
//! address's delay always, and an account's delay only to addresses that
//! have themselves been failing: strangers guessing from elsewhere slow the
//! account down for each other, but cannot lock its owner out. Held in
//! memory: a restart forgets it, which is fine for slowing guessing down.

use std::collections::HashMap;
use std::time::{Duration, Instant};

pub const FREE_FAILURES: u32 = 5;
pub const BASE_DELAY: Duration = Duration::from_secs(30);
pub const WINDOW: Duration = Duration::from_secs(15 * 60);

#[derive(Debug, Clone, Copy)]
struct Record {
    failures: u32,
    last: Instant,
}

#[derive(Debug, Default)]
pub struct Throttle {
    records: HashMap<String, Record>,
}

/// The wait after `failures` failures.
pub fn delay_after(failures: u32) -> Duration {
    if failures < FREE_FAILURES {
        return Duration::ZERO;
    }
    let doublings = (failures - FREE_FAILURES).min(16);
    (BASE_DELAY * 2u32.pow(doublings)).min(WINDOW)
}

impl Throttle {
    fn live(&mut self, key: &str, now: Instant) -> Option<Record> {
        let r = *self.records.get(key)?;
        if now.saturating_duration_since(r.last) >= WINDOW {
            self.records.remove(key);
            return None;
        }
        Some(r)
    }

    /// `Some(wait)` when the key must wait before its next attempt.
    pub fn wait(&mut self, key: &str, now: Instant) -> Option<Duration> {
        let r = self.live(key, now)?;
        delay_after(r.failures)
            .checked_sub(now.saturating_duration_since(r.last))
            .filter(|d| !d.is_zero())
    }

    /// Has the key failed recently (within the window)?
    pub fn failing(&mut self, key: &str, now: Instant) -> bool {
        self.live(key, now).is_some()
    }

    pub fn fail(&mut self, key: &str, now: Instant) {
        if self.records.len() > 100_000 {
            self.records
                .retain(|_, r| now.saturating_duration_since(r.last) < WINDOW);
        }
        let failures = self.live(key, now).map_or(0, |r| r.failures) + 1;
        self.records.insert(
            key.to_owned(),
            Record {
                failures,
                last: now,
            },
        );
    }

    pub fn succeed(&mut self, key: &str) {
        self.records.remove(key);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delays_grow_after_the_free_failures_and_end_after_the_window() {
        let mut t = Throttle::default();
        let start = Instant::now();
        for _ in 0..FREE_FAILURES - 1 {
            t.fail("user:a", start);
        }
        assert!(t.wait("user:a", start).is_none());
        assert!(t.failing("user:a", start));
        t.fail("user:a", start);
        assert_eq!(t.wait("user:a", start), Some(BASE_DELAY));
        assert!(t.wait("user:a", start + BASE_DELAY).is_none());
        t.fail("user:a", start + BASE_DELAY);
        assert_eq!(t.wait("user:a", start + BASE_DELAY), Some(BASE_DELAY * 2));
        assert!(t.wait("user:b", start).is_none());
        assert!(!t.failing("user:b", start));
        // Quiet for a window: forgotten.
        let later = start + BASE_DELAY + WINDOW;
        assert!(t.wait("user:a", later).is_none());
        assert!(!t.failing("user:a", later));
        t.fail("user:a", later);
        t.succeed("user:a");
        assert!(!t.failing("user:a", later));
        assert_eq!(delay_after(FREE_FAILURES + 40), WINDOW);
    }
}
