//! The commune registration workflow: statuses, who each waits on, the
//! steps and their deadlines. A step is never skipped: `transition` is the
//! one place that says what may follow what. Pure; no IO.

use crate::i18n::messages::Msg;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::DomainError;
use super::keyed::keyed;

keyed! {
    /// Where a registration stands.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
    #[serde(rename_all = "snake_case")]
    pub enum Status in "status" {
        /// Registered; the commune prepares its self-assessment.
        Registered = "registered",
        /// Self-assessment sent; the verifying agency (district) checks it.
        Submitted = "submitted",
        /// Verified; the province decides.
        Verified = "verified",
        Recognised = "recognised",
        /// Sent back with reasons; the commune corrects and submits again.
        Returned = "returned",
    }
    else |s| crate::i18n::messages::Msg::new("criteria.unknown_status").arg("value", s)
}

impl Status {
    /// The status in words (catalogue `criteria.status_*`).
    pub fn words(self) -> Msg {
        Msg::new(match self {
            Status::Registered => "criteria.status_registered",
            Status::Submitted => "criteria.status_submitted",
            Status::Verified => "criteria.status_verified",
            Status::Recognised => "criteria.status_recognised",
            Status::Returned => "criteria.status_returned",
        })
    }

    /// Who the registration waits on in this status.
    pub fn waiting_on(self) -> Option<Actor> {
        match self {
            Status::Registered | Status::Returned => Some(Actor::Commune),
            Status::Submitted => Some(Actor::Verifier),
            Status::Verified => Some(Actor::Province),
            Status::Recognised => None,
        }
    }
}

keyed! {
    /// The three parties of the workflow.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
    #[serde(rename_all = "snake_case")]
    pub enum Actor in "actor" {
        /// The commune's officers.
        Commune = "commune",
        /// The verifying agency: the district's officers.
        Verifier = "verifier",
        /// The province, which recognises.
        Province = "province",
    }
}

impl Actor {
    pub fn key(self) -> &'static str {
        self.as_str()
    }

    /// The party that took a step, from the status before it (`None` for
    /// the first step, the commune's registration). Public views name this
    /// office, never the official's account.
    pub fn of_step(before: Option<Status>) -> Actor {
        before
            .and_then(Status::waiting_on)
            .unwrap_or(if before.is_none() {
                Actor::Commune
            } else {
                Actor::Province
            })
    }
}

keyed! {
    /// A step a user asks for.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
    #[serde(rename_all = "snake_case")]
    pub enum Action in "action" {
        Submit = "submit",
        Verify = "verify",
        Return = "return",
        Recognise = "recognise",
    }
    else |s| crate::i18n::messages::Msg::new("criteria.action_values").arg("value", s)
}

/// Days each party has for its step.
pub fn days_for(status: Status) -> Option<i64> {
    match status.waiting_on()? {
        Actor::Commune => Some(30),
        Actor::Verifier => Some(15),
        Actor::Province => Some(15),
    }
}

/// The next status for an action from `from`, who must take it, or why
/// not: a step is never skipped.
pub fn transition(from: Status, action: Action) -> Result<(Status, Actor), DomainError> {
    use Status::*;
    let to = match (from, action) {
        (Registered | Returned, Action::Submit) => (Submitted, Actor::Commune),
        (Submitted, Action::Verify) => (Verified, Actor::Verifier),
        (Submitted, Action::Return) => (Returned, Actor::Verifier),
        (Verified, Action::Recognise) => (Recognised, Actor::Province),
        (Verified, Action::Return) => (Returned, Actor::Province),
        (from, action) => {
            let next = match from {
                Registered | Returned => "criteria.next_submit",
                Submitted => "criteria.next_verify",
                Verified => "criteria.next_recognise",
                Recognised => "criteria.next_none",
            };
            return Err(DomainError::invalid(
                "action",
                Msg::new("criteria.step_order")
                    .arg_msg("status", from.words())
                    .arg("action", action.as_str())
                    .arg_msg("next", Msg::new(next)),
            ));
        }
    };
    Ok(to)
}

/// Is a day's step in order: not before the previous step, not in the
/// future?
pub fn check_step_day(
    day: NaiveDate,
    last: NaiveDate,
    today: NaiveDate,
) -> Result<(), DomainError> {
    if day > today {
        return Err(DomainError::invalid(
            "on",
            Msg::new("value.future_day").arg("day", day.format("%d/%m/%Y")),
        ));
    }
    if day < last {
        return Err(DomainError::invalid(
            "on",
            Msg::new("criteria.before_previous_step")
                .arg("day", day.format("%d/%m/%Y"))
                .arg("last", last.format("%d/%m/%Y")),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_workflow_never_skips_a_step() {
        use Status::*;
        assert_eq!(
            transition(Registered, Action::Submit).unwrap(),
            (Submitted, Actor::Commune)
        );
        assert_eq!(
            transition(Submitted, Action::Verify).unwrap().1,
            Actor::Verifier
        );
        assert_eq!(
            transition(Verified, Action::Recognise).unwrap().0,
            Recognised
        );
        assert_eq!(transition(Returned, Action::Submit).unwrap().0, Submitted);
        let e = transition(Registered, Action::Recognise).unwrap_err();
        // The status by its name, not its key.
        let vi = e.reason().render(crate::i18n::Lang::Vi);
        assert!(vi.contains("trạng thái Đã đăng ký"), "{vi}");
        assert!(
            e.reason()
                .to_string()
                .contains("submit its self-assessment"),
            "{e}"
        );
        assert!(transition(Submitted, Action::Recognise).is_err());
        assert!(transition(Recognised, Action::Return).is_err());
        assert_eq!(Registered.waiting_on(), Some(Actor::Commune));
        assert_eq!(Recognised.waiting_on(), None);
    }
}
