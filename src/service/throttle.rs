//! Login throttling: after too many failed sign-ins for one account or from
//! one address within a window, further attempts are refused until the
//! window has passed. Held in memory: a restart forgets it, which is fine
//! for slowing guessing down.

use std::collections::HashMap;
use std::time::{Duration, Instant};

pub const MAX_FAILURES: usize = 5;
pub const WINDOW: Duration = Duration::from_secs(15 * 60);

#[derive(Debug, Default)]
pub struct Throttle {
    failures: HashMap<String, Vec<Instant>>,
}

impl Throttle {
    /// `Some(wait)` when the key is locked out at `now`.
    pub fn locked(&mut self, key: &str, now: Instant) -> Option<Duration> {
        let list = self.failures.get_mut(key)?;
        list.retain(|t| now.duration_since(*t) < WINDOW);
        if list.len() >= MAX_FAILURES {
            Some(WINDOW - now.duration_since(list[0]))
        } else {
            None
        }
    }

    pub fn fail(&mut self, key: &str, now: Instant) {
        if self.failures.len() > 100_000 {
            self.failures
                .retain(|_, v| v.last().is_some_and(|t| now.duration_since(*t) < WINDOW));
        }
        self.failures.entry(key.to_owned()).or_default().push(now);
    }

    pub fn succeed(&mut self, key: &str) {
        self.failures.remove(key);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locks_after_max_failures_and_unlocks_after_window() {
        let mut t = Throttle::default();
        let start = Instant::now();
        for _ in 0..MAX_FAILURES - 1 {
            t.fail("user:a", start);
        }
        assert!(t.locked("user:a", start).is_none());
        t.fail("user:a", start);
        assert!(t.locked("user:a", start).is_some());
        assert!(t.locked("user:b", start).is_none());
        assert!(t.locked("user:a", start + WINDOW).is_none());
        t.fail("user:a", start);
        t.succeed("user:a");
        assert!(t.locked("user:a", start).is_none());
    }
}
