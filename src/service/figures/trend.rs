//! A figure month by month: the trend charts.

use crate::i18n::messages::Msg;
use chrono::NaiveDate;
use serde::Serialize;

use super::{explain, figures_of, month_of};
use crate::domain::period::Period;
use crate::error::{AppError, AppResult};
use crate::service::{Actor, Ctx};

/// One point of a trend.
#[derive(Debug, Clone, Serialize)]
pub struct Point {
    pub month: String,
    pub value: Option<f64>,
}

/// A headline figure month by month, from `from` to the day's month.
pub fn trend(
    ctx: &Ctx,
    _actor: &Actor,
    code: &str,
    key: &str,
    from: NaiveDate,
    day: NaiveDate,
) -> AppResult<Vec<Point>> {
    if explain(key).is_none() {
        return Err(AppError::invalid(
            "key",
            Msg::new("programme.unknown_figure").arg("key", key),
        ));
    }
    let h = ctx.hierarchy();
    let node = crate::service::units::find_open(&h, code, day)?;
    let state = ctx.figures();
    let (first, last) = (month_of(from), month_of(day));
    if last - first > 240 {
        return Err(AppError::invalid("from", Msg::new("programme.trend_span")));
    }
    Ok((first..=last)
        .map(|m| {
            let end = Period::containing(
                crate::domain::period::PeriodKind::Month,
                Period::month_start(m),
            )
            .end();
            let value = figures_of(&state, &h, &node, end)
                .get(key)
                .and_then(|f| f.value);
            Point {
                month: Period::containing(crate::domain::period::PeriodKind::Month, end)
                    .to_string(),
                value,
            }
        })
        .collect())
}
