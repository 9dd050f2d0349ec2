//! How figures, days and instants are written for people: one place, so
//! the same figure reads the same on a card, in a list and in an export.
//! Vietnamese: `211.979`, `1.234,5`, `61,8%`, `30/06/2022`, `14:05 30/06/2022`
//! (Vietnam time); English: `211,979`, `1,234.5`, `61.8%`, `2022-06-30`.
//! Values inside form fields and URLs stay in machine format (ISO days,
//! plain numbers) and do not come through here.

use chrono::{DateTime, NaiveDate, Utc};

use super::Base;
use crate::domain::period::VIETNAM_UTC_OFFSET_HOURS;
use crate::i18n::Lang;

/// What is shown where a figure has no value.
pub const NONE: &str = "–";

fn marks(lang: Lang) -> (char, char) {
    match lang {
        Lang::Vi => ('.', ','),
        Lang::En => (',', '.'),
    }
}

fn group(digits: &str, sep: char) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// A whole number with thousands separators: `211.979` / `211,979`.
pub fn int(lang: Lang, n: i64) -> String {
    let (thousands, _) = marks(lang);
    let s = group(&n.unsigned_abs().to_string(), thousands);
    if n < 0 { format!("-{s}") } else { s }
}

/// A number rounded to at most `decimals` places, trailing zeros dropped:
/// `1.234,5` / `1,234.5`; `12` for 12.0.
pub fn num(lang: Lang, v: f64, decimals: usize) -> String {
    if !v.is_finite() {
        return NONE.into();
    }
    let (thousands, point) = marks(lang);
    let plain = format!("{:.*}", decimals, v.abs());
    let (whole, frac) = plain.split_once('.').unwrap_or((&plain, ""));
    let frac = frac.trim_end_matches('0');
    let negative = v < 0.0 && (whole.bytes().any(|b| b != b'0') || !frac.is_empty());
    let mut out = String::new();
    if negative {
        out.push('-');
    }
    out.push_str(&group(whole, thousands));
    if !frac.is_empty() {
        out.push(point);
        out.push_str(frac);
    }
    out
}

/// A number rounded as `num` rounds it, in machine form (`1234.5`): for
/// spreadsheet cells, which must stay numbers.
/// A number as a person would type it back into a form: no thousands
/// separator (so it reads back as the same number), the decimal mark of
/// the language (forms accept both marks).
pub fn typed(lang: Lang, v: f64) -> String {
    let s = plain(v, 6);
    if lang == Lang::Vi {
        s.replace('.', ",")
    } else {
        s
    }
}

pub fn plain(v: f64, decimals: usize) -> String {
    if !v.is_finite() {
        return String::new();
    }
    let s = format!("{:.*}", decimals, v);
    let s = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.')
    } else {
        &s
    };
    if s == "-0" { "0".into() } else { s.to_owned() }
}

/// A count held as a float, rounded to a whole number.
pub fn count(lang: Lang, v: f64) -> String {
    num(lang, v.round(), 0)
}

/// The one rule for a percentage: one decimal place, a trailing zero
/// dropped: `61,8%` / `61.8%`, `100%`.
pub fn pct(lang: Lang, v: f64) -> String {
    format!("{}%", num(lang, v, 1))
}

/// A percentage that may be missing.
pub fn opt_pct(lang: Lang, v: Option<f64>) -> String {
    v.map(|v| pct(lang, v)).unwrap_or_else(|| NONE.into())
}

/// A day as people there write it: `30/06/2022` / `2022-06-30`.
pub fn day(lang: Lang, d: NaiveDate) -> String {
    match lang {
        Lang::Vi => d.format("%d/%m/%Y").to_string(),
        Lang::En => d.format("%Y-%m-%d").to_string(),
    }
}

fn vietnam_time(t: DateTime<Utc>) -> chrono::NaiveDateTime {
    t.naive_utc() + chrono::Duration::hours(VIETNAM_UTC_OFFSET_HOURS)
}

/// An instant in Vietnam time (UTC+7): `14:05 30/06/2022` / `2022-06-30 14:05`.
pub fn time(lang: Lang, t: DateTime<Utc>) -> String {
    let local = vietnam_time(t);
    match lang {
        Lang::Vi => local.format("%H:%M %d/%m/%Y").to_string(),
        Lang::En => local.format("%Y-%m-%d %H:%M").to_string(),
    }
}

/// An instant in Vietnam time, the day first as in a register:
/// `30/06/2022 14:05` / `2022-06-30 14:05`.
pub fn day_time(lang: Lang, t: DateTime<Utc>) -> String {
    let local = vietnam_time(t);
    match lang {
        Lang::Vi => local.format("%d/%m/%Y %H:%M").to_string(),
        Lang::En => local.format("%Y-%m-%d %H:%M").to_string(),
    }
}

/// A month label `2022-06` as people write it: `06/2022`; other text as is.
pub fn month(lang: Lang, ym: &str) -> String {
    match (lang, ym.split_once('-')) {
        (Lang::Vi, Some((y, m))) if y.len() == 4 && m.len() == 2 => format!("{m}/{y}"),
        _ => ym.to_owned(),
    }
}

/// The page's language, from the code every template receives.
pub fn lang_of_base(base: &Base) -> Lang {
    Lang::parse(base.lang).unwrap_or(Lang::Vi)
}

/// A value a template hands over, by reference or by value (askama passes
/// a field by reference, a call's result by value, a loop's item as `&&`).
pub trait Value<T> {
    fn value(&self) -> T;
}

impl Value<NaiveDate> for NaiveDate {
    fn value(&self) -> NaiveDate {
        *self
    }
}

impl Value<DateTime<Utc>> for DateTime<Utc> {
    fn value(&self) -> DateTime<Utc> {
        *self
    }
}

impl<T: Copy, V: Value<T>> Value<T> for &V {
    fn value(&self) -> T {
        (**self).value()
    }
}

/// A whole number of any width, as templates hand it over.
pub trait WholeNumber {
    fn whole(&self) -> i64;
}

macro_rules! whole {
    ($($t:ty),*) => {$(
        impl WholeNumber for $t {
            fn whole(&self) -> i64 {
                i64::try_from(*self).unwrap_or(i64::MAX)
            }
        }
    )*};
}
whole!(i64, i32, u32, u64, usize);

impl<N: WholeNumber> WholeNumber for &N {
    fn whole(&self) -> i64 {
        (**self).whole()
    }
}

/// The formats as templates call them: `{{ base.day(day) }}`.
impl Base {
    pub fn day(&self, d: impl Value<NaiveDate>) -> String {
        day(lang_of_base(self), d.value())
    }

    pub fn time(&self, t: impl Value<DateTime<Utc>>) -> String {
        time(lang_of_base(self), t.value())
    }

    /// A whole number: counts, lengths (`rows.len()`).
    pub fn int(&self, n: impl WholeNumber) -> String {
        int(lang_of_base(self), n.whole())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn whole_numbers_are_grouped() {
        assert_eq!(int(Lang::Vi, 211_979), "211.979");
        assert_eq!(int(Lang::En, 211_979), "211,979");
        assert_eq!(int(Lang::Vi, 1458), "1.458");
        assert_eq!(int(Lang::Vi, 999), "999");
        assert_eq!(int(Lang::Vi, 0), "0");
        assert_eq!(int(Lang::Vi, -1_234_567), "-1.234.567");
        assert_eq!(int(Lang::Vi, i64::MIN), "-9.223.372.036.854.775.808");
        assert_eq!(count(Lang::Vi, 211_979.4), "211.979");
    }

    #[test]
    fn decimals_use_the_comma_in_vietnamese() {
        assert_eq!(num(Lang::Vi, 1234.5, 1), "1.234,5");
        assert_eq!(num(Lang::En, 1234.5, 1), "1,234.5");
        assert_eq!(num(Lang::Vi, 12.0, 2), "12");
        assert_eq!(num(Lang::Vi, 0.126, 2), "0,13");
        assert_eq!(plain(1234.56, 1), "1234.6");
        assert_eq!(plain(12.0, 1), "12");
        // The export rounds as the page does, exact halves included.
        assert_eq!(plain(34.25, 1), num(Lang::En, 34.25, 1));
        assert_eq!(num(Lang::Vi, -0.01, 1), "0");
        assert_eq!(num(Lang::Vi, -2.5, 1), "-2,5");
        assert_eq!(num(Lang::Vi, f64::NAN, 1), NONE);
    }

    #[test]
    fn one_rounding_rule_for_percentages() {
        assert_eq!(pct(Lang::Vi, 61.8123), "61,8%");
        assert_eq!(pct(Lang::En, 61.8123), "61.8%");
        // The same figure reads the same wherever it is shown.
        assert_eq!(pct(Lang::Vi, 34.76), "34,8%");
        assert_eq!(pct(Lang::Vi, 100.0), "100%");
        assert_eq!(pct(Lang::Vi, 99.96), "100%");
        assert_eq!(opt_pct(Lang::Vi, None), NONE);
    }

    #[test]
    fn days_and_instants() {
        let d = NaiveDate::from_ymd_opt(2022, 6, 30).unwrap();
        assert_eq!(day(Lang::Vi, d), "30/06/2022");
        assert_eq!(day(Lang::En, d), "2022-06-30");
        // 07:05 UTC is 14:05 in Vietnam; 20:00 UTC is the next day there.
        let t = Utc.with_ymd_and_hms(2022, 6, 30, 7, 5, 0).unwrap();
        assert_eq!(time(Lang::Vi, t), "14:05 30/06/2022");
        assert_eq!(time(Lang::En, t), "2022-06-30 14:05");
        let late = Utc.with_ymd_and_hms(2022, 6, 30, 20, 0, 0).unwrap();
        assert_eq!(time(Lang::Vi, late), "03:00 01/07/2022");
        assert_eq!(day_time(Lang::Vi, late), "01/07/2022 03:00");
        assert_eq!(day_time(Lang::En, late), "2022-07-01 03:00");
        assert_eq!(month(Lang::Vi, "2022-06"), "06/2022");
        assert_eq!(month(Lang::En, "2022-06"), "2022-06");
    }
}
