//! Programme management's rules: DX goals (mục tiêu CĐS) and pilot DX
//! models (mô hình CĐS). Pure; no IO.
//!
//! - **Goals.** A goal is achieved on a day when the latest status entry
//!   dated on or before that day says so; a goal with no entry by then is
//!   achieved when it is linked to a figure and that figure meets the
//!   goal's threshold on the day, else not. So "how many goals had we
//!   achieved on 2022-06-30" has one answer, the same whenever it is asked.
//!   A goal is overdue on a day after its deadline when it is not achieved.
//! - **Models.** A model's status on a day is its latest status entry on or
//!   before the day. The allowed steps: planned → deployed → effective or
//!   not_effective, and re-evaluation between effective and not_effective.
//!   A model counts as deployed when its status is deployed, effective or
//!   not_effective (it was deployed at least once by then).
//! - **Status days** are never in the future and never before the latest
//!   entry already recorded: history is appended in order, not rewritten.

use crate::i18n::Lang;
use crate::i18n::messages::Msg;
use chrono::NaiveDate;
use serde::Serialize;

use super::DomainError;
use super::keyed::keyed;
use super::metric::{Direction, Target, TargetStatus};

keyed! {
    /// A verdict on a goal.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
    #[serde(rename_all = "snake_case")]
    pub enum GoalStatus in "status", trim {
        Achieved = "achieved",
        NotAchieved = "not_achieved",
    }
}

impl GoalStatus {
    /// The verdict in words (catalogue `programme.goal_*`).
    pub fn words(self) -> Msg {
        Msg::new(match self {
            GoalStatus::Achieved => "programme.goal_achieved",
            GoalStatus::NotAchieved => "programme.goal_not_achieved",
        })
    }
}

keyed! {
    /// Where a pilot model stands.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
    #[serde(rename_all = "snake_case")]
    pub enum ModelStatus in "status", trim {
        Planned = "planned",
        Deployed = "deployed",
        Effective = "effective",
        NotEffective = "not_effective",
    }
}

keyed! {
    /// The field a pilot model works in.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
    #[serde(rename_all = "snake_case")]
    pub enum ModelField in "field", trim {
        Education = "education",
        Party = "party",
        Community = "community",
        Health = "health",
        Agriculture = "agriculture",
        Tourism = "tourism",
        Government = "government",
        Economy = "economy",
        Other = "other",
    }
}

impl ModelStatus {
    /// Deployed at least once by then.
    pub fn is_deployed(self) -> bool {
        !matches!(self, ModelStatus::Planned)
    }

    /// A verdict, which needs the evaluation behind it.
    pub fn is_verdict(self) -> bool {
        matches!(self, ModelStatus::Effective | ModelStatus::NotEffective)
    }

    /// The statuses a model may go to from `self`.
    pub fn next(self) -> &'static [ModelStatus] {
        use ModelStatus::*;
        match self {
            Planned => &[Deployed],
            Deployed => &[Effective, NotEffective],
            Effective => &[NotEffective],
            NotEffective => &[Effective],
        }
    }

    /// The status in words (catalogue `programme.model_*`).
    pub fn words(self) -> Msg {
        Msg::new(match self {
            ModelStatus::Planned => "programme.model_planned",
            ModelStatus::Deployed => "programme.model_deployed",
            ModelStatus::Effective => "programme.model_effective",
            ModelStatus::NotEffective => "programme.model_not_effective",
        })
    }

    /// Check a step from the current status (`None`: a new model, which
    /// starts planned or deployed).
    pub fn check_step(from: Option<ModelStatus>, to: ModelStatus) -> Result<(), DomainError> {
        let allowed: &[ModelStatus] = match from {
            None => &[ModelStatus::Planned, ModelStatus::Deployed],
            Some(f) => f.next(),
        };
        if allowed.contains(&to) {
            return Ok(());
        }
        // The statuses by their names, never their keys.
        let names = |lang: Lang, quote: fn(String) -> String, or: &str| {
            let named: Vec<String> = allowed
                .iter()
                .map(|s| quote(s.words().render(lang)))
                .collect();
            named.join(or)
        };
        let plain: fn(String) -> String = |n| n;
        let reason = match from {
            None => Msg::new("programme.model_starts_as")
                .arg_words(
                    "allowed",
                    &names(Lang::Vi, plain, " hoặc "),
                    &names(Lang::En, plain, " or "),
                )
                .arg_msg("to", to.words()),
            Some(f) if f == to => Msg::new("programme.model_already").arg_msg("to", to.words()),
            Some(f) => Msg::new("programme.model_next_step")
                .arg_msg("from", f.words())
                .arg_words(
                    "allowed",
                    &names(Lang::Vi, |n| format!("“{n}”"), " hoặc "),
                    &names(Lang::En, |n| format!("'{n}'"), " or "),
                )
                .arg_msg("to", to.words()),
        };
        Err(DomainError::invalid("status", reason))
    }
}

/// The entry in force on `day`: the latest dated on or before it. Entries
/// are (day, order, value) with `order` breaking ties on one day (the
/// record's id).
pub fn latest_on<T: Copy>(entries: &[(NaiveDate, i64, T)], day: NaiveDate) -> Option<T> {
    entries
        .iter()
        .filter(|(d, _, _)| *d <= day)
        .max_by_key(|(d, order, _)| (*d, *order))
        .map(|(_, _, v)| *v)
}

/// A goal's link to a figure: the figure's key, the threshold, and which
/// way is better.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GoalLink {
    pub key: String,
    pub threshold: f64,
    pub direction: Direction,
}

impl GoalLink {
    /// Does the figure's value meet the threshold? No value never does.
    pub fn met(&self, value: Option<f64>, day: NaiveDate) -> bool {
        let t = Target {
            indicator: self.key.clone(),
            threshold: self.threshold,
            direction: self.direction,
            deadline: day,
        };
        t.status(value, day) == TargetStatus::Met
    }

    /// Build a link from its three optional parts: all or none.
    pub fn from_parts(
        key: Option<&str>,
        threshold: Option<f64>,
        direction: Option<&str>,
    ) -> Result<Option<GoalLink>, DomainError> {
        let key = key.map(str::trim).filter(|k| !k.is_empty());
        let direction = direction.map(str::trim).filter(|d| !d.is_empty());
        match (key, threshold, direction) {
            (None, None, None) => Ok(None),
            (Some(key), Some(threshold), direction) => {
                if !threshold.is_finite() {
                    return Err(DomainError::invalid(
                        "threshold",
                        Msg::new("value.must_be_number"),
                    ));
                }
                let direction = match direction {
                    Some(d) => Direction::parse(d)?,
                    None => Direction::HigherIsBetter,
                };
                Ok(Some(GoalLink {
                    key: key.to_owned(),
                    threshold,
                    direction,
                }))
            }
            (None, _, _) => Err(DomainError::invalid(
                "link_key",
                Msg::new("programme.threshold_needs_figure"),
            )),
            (Some(_), None, _) => Err(DomainError::invalid(
                "threshold",
                Msg::new("programme.goal_needs_value"),
            )),
        }
    }
}

/// Is a goal achieved on `day`? The latest status entry on or before the
/// day decides; with none, a linked goal is achieved when its figure met
/// the threshold on the day (`link_met`), a manual one is not.
pub fn achieved_on(
    history: &[(NaiveDate, i64, GoalStatus)],
    link_met: Option<bool>,
    day: NaiveDate,
) -> bool {
    match latest_on(history, day) {
        Some(s) => s == GoalStatus::Achieved,
        None => link_met.unwrap_or(false),
    }
}

/// Where a goal stands on a day, for the board.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum GoalState {
    Achieved,
    /// Past its deadline and not achieved.
    Overdue,
    /// Not achieved, deadline not passed.
    Open,
}

impl super::keyed::Keyed for GoalState {
    const KEYS: &'static [&'static str] = &["achieved", "overdue", "open"];
}

impl GoalState {
    pub fn of(achieved: bool, deadline: NaiveDate, day: NaiveDate) -> GoalState {
        match (achieved, day > deadline) {
            (true, _) => GoalState::Achieved,
            (false, true) => GoalState::Overdue,
            (false, false) => GoalState::Open,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            GoalState::Achieved => "achieved",
            GoalState::Overdue => "overdue",
            GoalState::Open => "open",
        }
    }
}

/// Check the day of a new status entry: not after `today`, not before the
/// latest entry already recorded (`latest`), not before `not_before` (the
/// plan period's start, or the model's first deployment).
pub fn check_status_day(
    day: NaiveDate,
    today: NaiveDate,
    latest: Option<NaiveDate>,
    not_before: Option<NaiveDate>,
) -> Result<(), DomainError> {
    if day > today {
        return Err(DomainError::invalid(
            "on",
            Msg::new("programme.status_future")
                .arg("day", day.format("%d/%m/%Y"))
                .arg("today", today.format("%d/%m/%Y")),
        ));
    }
    if let Some(l) = latest.filter(|l| day < *l) {
        return Err(DomainError::invalid(
            "on",
            Msg::new("programme.status_earlier")
                .arg("last", l.format("%d/%m/%Y"))
                .arg("day", day.format("%d/%m/%Y")),
        ));
    }
    if let Some(n) = not_before.filter(|n| day < *n) {
        return Err(DomainError::invalid(
            "on",
            Msg::new("programme.on_or_after")
                .arg("from", n.format("%d/%m/%Y"))
                .arg("day", day.format("%d/%m/%Y")),
        ));
    }
    Ok(())
}

/// A goal code within its programme: 1 to 24 characters, letters, digits,
/// '.', '-' or '_' ("MT-01", "1.3").
pub fn check_goal_code(raw: &str) -> Result<String, DomainError> {
    let code = raw.trim();
    let ok = (1..=24).contains(&code.len())
        && code
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_'));
    if ok {
        Ok(code.to_owned())
    } else {
        Err(DomainError::invalid(
            "code",
            Msg::new("programme.goal_code_format").arg("value", code),
        ))
    }
}

/// A web link given as evidence: http(s) only, no spaces, at most 500
/// characters.
pub fn check_link(field: &str, raw: &str) -> Result<String, DomainError> {
    let url = raw.trim();
    let ok = (url.starts_with("https://") || url.starts_with("http://"))
        && url.len() > 8
        && url.len() <= 500
        && !url
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || c == '"' || c == '<' || c == '>');
    if ok {
        Ok(url.to_owned())
    } else {
        Err(DomainError::invalid(
            field,
            Msg::new("value.link").arg("value", url.chars().take(60).collect::<String>()),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn model_steps_follow_the_workflow() {
        use ModelStatus::*;
        assert!(ModelStatus::check_step(None, Planned).is_ok());
        assert!(ModelStatus::check_step(None, Deployed).is_ok());
        assert!(ModelStatus::check_step(None, Effective).is_err());
        assert!(ModelStatus::check_step(Some(Planned), Deployed).is_ok());
        let skip = ModelStatus::check_step(Some(Planned), Effective).unwrap_err();
        assert_eq!(skip.field(), "status");
        assert!(
            skip.reason().to_string().contains("not the next step"),
            "{skip}"
        );
        assert!(ModelStatus::check_step(Some(Deployed), Effective).is_ok());
        assert!(ModelStatus::check_step(Some(Deployed), NotEffective).is_ok());
        assert!(ModelStatus::check_step(Some(Effective), NotEffective).is_ok());
        assert!(ModelStatus::check_step(Some(NotEffective), Effective).is_ok());
        assert!(ModelStatus::check_step(Some(Effective), Planned).is_err());
        assert!(ModelStatus::check_step(Some(Effective), Deployed).is_err());
        let same = ModelStatus::check_step(Some(Effective), Effective).unwrap_err();
        assert!(same.reason().to_string().contains("already"), "{same}");
        assert!(Deployed.is_deployed() && NotEffective.is_deployed() && !Planned.is_deployed());
        assert_eq!("effective".parse::<ModelStatus>().unwrap(), Effective);
        assert_eq!("done".parse::<ModelStatus>().unwrap_err().field(), "status");
        assert_eq!(
            "education".parse::<ModelField>().unwrap(),
            ModelField::Education
        );
        assert!("cooking".parse::<ModelField>().is_err());
    }

    #[test]
    fn the_latest_entry_on_or_before_the_day_decides() {
        use GoalStatus::*;
        let h = [
            (d("2022-03-01"), 1, Achieved),
            (d("2022-05-01"), 2, NotAchieved),
            (d("2022-05-01"), 3, Achieved),
        ];
        assert_eq!(latest_on(&h, d("2022-02-28")), None);
        assert_eq!(latest_on(&h, d("2022-03-01")), Some(Achieved));
        assert_eq!(latest_on(&h, d("2022-05-01")), Some(Achieved));
        assert!(!achieved_on(&h, None, d("2022-02-28")));
        assert!(achieved_on(&h, None, d("2022-04-01")));
        // Before any entry a linked goal follows its figure.
        assert!(achieved_on(&h, Some(true), d("2022-02-01")));
        // An entry overrides the figure.
        let no = [(d("2022-06-01"), 1, NotAchieved)];
        assert!(!achieved_on(&no, Some(true), d("2022-06-30")));
        assert!(achieved_on(&no, Some(true), d("2022-05-31")));
    }

    #[test]
    fn linked_goals_compare_by_direction() {
        let day = d("2022-06-30");
        let link = GoalLink::from_parts(Some("teams.coverage_pct"), Some(100.0), None)
            .unwrap()
            .unwrap();
        assert_eq!(link.direction, Direction::HigherIsBetter);
        assert!(link.met(Some(100.0), day));
        assert!(!link.met(Some(99.9), day));
        assert!(!link.met(None, day));
        let lower = GoalLink::from_parts(Some("x"), Some(30.0), Some("lower_is_better"))
            .unwrap()
            .unwrap();
        assert!(lower.met(Some(15.0), day) && !lower.met(Some(31.0), day));
        assert_eq!(GoalLink::from_parts(None, None, None).unwrap(), None);
        assert_eq!(
            GoalLink::from_parts(None, Some(1.0), None)
                .unwrap_err()
                .field(),
            "link_key"
        );
        assert_eq!(
            GoalLink::from_parts(Some("x"), None, None)
                .unwrap_err()
                .field(),
            "threshold"
        );
        assert_eq!(
            GoalLink::from_parts(Some("x"), Some(1.0), Some("up"))
                .unwrap_err()
                .field(),
            "direction"
        );
    }

    #[test]
    fn overdue_is_past_the_deadline_and_not_achieved() {
        let dl = d("2022-06-15");
        assert_eq!(GoalState::of(false, dl, d("2022-06-15")), GoalState::Open);
        assert_eq!(
            GoalState::of(false, dl, d("2022-06-16")),
            GoalState::Overdue
        );
        assert_eq!(
            GoalState::of(true, dl, d("2022-07-01")),
            GoalState::Achieved
        );
    }

    #[test]
    fn status_days_are_checked() {
        let today = d("2026-01-10");
        assert!(check_status_day(d("2022-06-30"), today, None, None).is_ok());
        let future = check_status_day(d("2026-01-11"), today, None, None).unwrap_err();
        assert_eq!(future.field(), "on");
        assert!(future.reason().to_string().contains("future"));
        assert!(check_status_day(d("2022-05-01"), today, Some(d("2022-06-01")), None).is_err());
        assert!(check_status_day(d("2022-06-01"), today, Some(d("2022-06-01")), None).is_ok());
        assert!(check_status_day(d("2021-12-31"), today, None, Some(d("2022-01-01"))).is_err());
    }

    #[test]
    fn codes_and_links() {
        assert_eq!(check_goal_code(" MT-01 ").unwrap(), "MT-01");
        assert!(check_goal_code("1.3").is_ok());
        assert!(check_goal_code("").is_err());
        assert!(check_goal_code("MT 01").is_err());
        assert!(check_link("url", "https://yenbai.gov.vn/a").is_ok());
        assert!(check_link("url", "javascript:alert(1)").is_err());
        assert!(check_link("url", "https://a b").is_err());
    }
}
