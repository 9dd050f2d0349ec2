//! Limits on bulk writes, so that one account cannot fill the disk: rows
//! per request, households per village, bulk requests per minute per
//! account. Each is configurable (`Config`) and set well above what a real
//! village or commune needs; see docs/SECURITY.md.

use crate::i18n::messages::Msg;
use std::collections::HashMap;
use std::time::{Duration, Instant};

use super::{Actor, Ctx};
use crate::error::{AppError, AppResult};

const MINUTE: Duration = Duration::from_secs(60);

/// Bulk requests per account in the last minute (in memory: a restart
/// forgets it, which is fine for a rate).
#[derive(Debug, Default)]
pub struct BulkRate {
    recent: HashMap<i64, Vec<Instant>>,
}

impl BulkRate {
    /// Count one bulk request of `user` at `now`, or say how long to wait
    /// when `per_minute` were made in the last minute.
    pub fn take(&mut self, user: i64, per_minute: u32, now: Instant) -> Result<(), Duration> {
        if self.recent.len() > 10_000 {
            self.recent
                .retain(|_, v| v.last().is_some_and(|t| now.duration_since(*t) < MINUTE));
        }
        let list = self.recent.entry(user).or_default();
        list.retain(|t| now.duration_since(*t) < MINUTE);
        if list.len() >= per_minute as usize {
            return Err(MINUTE.saturating_sub(now.duration_since(list[0])));
        }
        list.push(now);
        Ok(())
    }
}

/// Check a write of `rows` rows by a signed-in user against the limits on
/// rows per request and on bulk requests per minute. The command line and
/// the demo (no user) are not limited.
pub fn bulk_write(ctx: &Ctx, actor: &Actor, rows: usize) -> AppResult<()> {
    let Some(user) = actor.user_id() else {
        return Ok(());
    };
    let config = ctx.config();
    if rows > config.max_import_rows {
        return Err(AppError::PayloadTooLarge(
            Msg::new("limits.too_many_rows")
                .arg("rows", rows)
                .arg("max", config.max_import_rows),
        ));
    }
    if rows > 1 {
        return bulk_rate(ctx, user);
    }
    Ok(())
}

/// A file import by a signed-in user: as many rows as the file holds (the
/// sheet reader's limits bound them, `io::sheet::Limits`), but counted
/// against the bulk writes per minute like any bulk request.
pub fn file_import(ctx: &Ctx, actor: &Actor) -> AppResult<()> {
    match actor.user_id() {
        Some(user) => bulk_rate(ctx, user),
        None => Ok(()),
    }
}

fn bulk_rate(ctx: &Ctx, user: i64) -> AppResult<()> {
    let per_minute = ctx.config().bulk_writes_per_minute;
    if let Err(wait) = ctx.bulk_rate().take(user, per_minute, Instant::now()) {
        return Err(AppError::TooManyRequests(
            Msg::new("limits.bulk_rate")
                .arg("per_minute", per_minute)
                .arg("seconds", wait.as_secs().max(1)),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bulk_rate_refuses_past_the_limit_and_recovers_after_a_minute() {
        let mut r = BulkRate::default();
        let t0 = Instant::now();
        for _ in 0..3 {
            assert!(r.take(1, 3, t0).is_ok());
        }
        let wait = r.take(1, 3, t0 + Duration::from_secs(10)).unwrap_err();
        assert_eq!(wait, Duration::from_secs(50));
        assert!(
            r.take(2, 3, t0).is_ok(),
            "another account has its own count"
        );
        assert!(r.take(1, 3, t0 + MINUTE).is_ok());
    }
}
