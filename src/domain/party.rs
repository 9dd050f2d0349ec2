//! The party-member e-handbook's rules: organisation kinds, positions,
//! member status, meeting kinds and states, attendance, document kinds and
//! confidentiality, and who may see or do what. Pure; no IO.
//!
//! Access comes from membership. A person's active memberships (each an
//! organisation with the path of organisations above it, and a position)
//! decide:
//! - meetings: the members of the meeting's organisation read it; its
//!   secretary and deputy run it (notice, attendance, minutes, tasks);
//! - documents: a public document is read by anyone signed in; an internal
//!   one by the members of the organisations it is distributed to, of every
//!   organisation below those, and of the issuing organisation; a restricted
//!   one by those of them whose position is named on the document;
//! - personal notes: only their author, always (not a rule of membership:
//!   the store looks notes up by id *and* author).

use crate::i18n::messages::Msg;
use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::DomainError;
use super::keyed::keyed;

keyed! {
    /// Kinds of party organisation, from the top.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
    #[serde(rename_all = "snake_case")]
    pub enum OrgKind in "kind", trim {
        ProvincialCommittee = "provincial_committee",
        DistrictCommittee = "district_committee",
        CommuneCommittee = "commune_committee",
        Cell = "cell",
    }
}

impl OrgKind {
    /// The kind in words, inside a message ("a {kind} sits under a {parent}").
    pub fn words(self) -> Msg {
        Msg::new(match self {
            OrgKind::ProvincialCommittee => "handbook.kind_provincial_committee",
            OrgKind::DistrictCommittee => "handbook.kind_district_committee",
            OrgKind::CommuneCommittee => "handbook.kind_commune_committee",
            OrgKind::Cell => "handbook.kind_cell",
        })
    }
}

keyed! {
    /// A member's position in an organisation.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
    #[serde(rename_all = "snake_case")]
    pub enum Position in "position", trim {
        Secretary = "secretary",
        Deputy = "deputy",
        Member = "member",
    }
}

keyed! {
    /// Official (chính thức) or probationary (dự bị) member.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
    #[serde(rename_all = "snake_case")]
    pub enum MemberStatus in "status", trim {
        Official = "official",
        Probationary = "probationary",
    }
}

keyed! {
    /// A regular (monthly) or thematic (chuyên đề) meeting.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
    #[serde(rename_all = "snake_case")]
    pub enum MeetingKind in "kind", trim {
        Regular = "regular",
        Thematic = "thematic",
    }
}

keyed! {
    /// Where a meeting stands.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
    #[serde(rename_all = "snake_case")]
    pub enum MeetingState in "state", trim {
        Planned = "planned",
        Notified = "notified",
        Held = "held",
        Cancelled = "cancelled",
    }
}

keyed! {
    /// A member at a meeting.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
    #[serde(rename_all = "snake_case")]
    pub enum AttendanceStatus in "status", trim {
        Present = "present",
        Late = "late",
        Absent = "absent",
    }
}

keyed! {
    /// Kinds of party document.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
    #[serde(rename_all = "snake_case")]
    pub enum DocKind in "kind", trim {
        Resolution = "resolution",
        Directive = "directive",
        Conclusion = "conclusion",
        Guidance = "guidance",
        Plan = "plan",
        Report = "report",
        Notice = "notice",
        Other = "other",
    }
}

keyed! {
    /// Who may read a document.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
    #[serde(rename_all = "snake_case")]
    pub enum Confidentiality in "confidentiality", trim {
        Public = "public",
        Internal = "internal",
        Restricted = "restricted",
    }
}

keyed! {
    /// A use of the handbook by a member.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
    #[serde(rename_all = "snake_case")]
    pub enum UsageKind in "kind", trim {
        Login = "login",
        OpenMeeting = "open_meeting",
        OpenDocument = "open_document",
    }
}

impl OrgKind {
    /// The kind an organisation's parent must have (`None` at the top).
    pub fn parent_kind(self) -> Option<OrgKind> {
        match self {
            OrgKind::ProvincialCommittee => None,
            OrgKind::DistrictCommittee => Some(OrgKind::ProvincialCommittee),
            OrgKind::CommuneCommittee => Some(OrgKind::DistrictCommittee),
            OrgKind::Cell => Some(OrgKind::CommuneCommittee),
        }
    }

    pub fn is_committee(self) -> bool {
        self != OrgKind::Cell
    }
}

impl Position {
    /// Secretaries and deputies run their organisation's meetings.
    pub fn runs_meetings(self) -> bool {
        matches!(self, Position::Secretary | Position::Deputy)
    }
}

impl MeetingState {
    /// May the notice be sent (again, to members added since)?
    pub fn can_notify(self) -> bool {
        matches!(self, MeetingState::Planned | MeetingState::Notified)
    }

    /// May attendance be taken on `today` for a meeting held on `held_on`?
    /// From the meeting day on, unless it was cancelled.
    pub fn attendance_check(self, held_on: NaiveDate, today: NaiveDate) -> Result<(), DomainError> {
        if self == MeetingState::Cancelled {
            return Err(DomainError::invalid(
                "state",
                Msg::new("handbook.cancelled_no_attendance"),
            ));
        }
        if held_on > today {
            return Err(DomainError::invalid(
                "held_on",
                Msg::new("handbook.attendance_from_day").arg("day", held_on.format("%d/%m/%Y")),
            ));
        }
        Ok(())
    }

    /// May minutes be written? Not for a cancelled meeting.
    pub fn minutes_check(self) -> Result<(), DomainError> {
        if self == MeetingState::Cancelled {
            return Err(DomainError::invalid(
                "state",
                Msg::new("handbook.cancelled_no_minutes"),
            ));
        }
        Ok(())
    }

    /// May the meeting be cancelled? Not once it has been held.
    pub fn cancel_check(self) -> Result<(), DomainError> {
        match self {
            MeetingState::Held => Err(DomainError::invalid(
                "state",
                Msg::new("handbook.held_no_cancel"),
            )),
            MeetingState::Cancelled => Err(DomainError::invalid(
                "state",
                Msg::new("handbook.already_cancelled"),
            )),
            _ => Ok(()),
        }
    }
}

/// One of a person's active memberships: the organisation, the
/// organisations above it (from the top, not including it), and the
/// position held.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Membership {
    pub member_id: i64,
    pub org_id: i64,
    pub ancestors: Vec<i64>,
    pub position: Position,
}

impl Membership {
    /// True when `org` is this membership's organisation or one above it.
    pub fn within(&self, org: i64) -> bool {
        self.org_id == org || self.ancestors.contains(&org)
    }
}

/// The facts about a document that decide who reads it.
#[derive(Debug, Clone)]
pub struct DocAccess<'a> {
    pub confidentiality: Confidentiality,
    pub issuer_org_id: i64,
    pub distributed_to: &'a [i64],
    pub positions: &'a [Position],
}

/// The memberships through which a document reaches a person (empty when
/// it does not). A public document needs no membership: see `may_read`.
pub fn reaching<'m>(memberships: &'m [Membership], doc: &DocAccess<'_>) -> Vec<&'m Membership> {
    memberships
        .iter()
        .filter(|m| {
            m.org_id == doc.issuer_org_id || doc.distributed_to.iter().any(|&o| m.within(o))
        })
        .filter(|m| {
            doc.confidentiality != Confidentiality::Restricted
                || doc.positions.contains(&m.position)
        })
        .collect()
}

/// May a signed-in person with these memberships read the document?
pub fn may_read(memberships: &[Membership], doc: &DocAccess<'_>) -> bool {
    doc.confidentiality == Confidentiality::Public || !reaching(memberships, doc).is_empty()
}

/// May a person with these memberships read the organisation's meetings?
pub fn may_read_meetings(memberships: &[Membership], org_id: i64) -> bool {
    memberships.iter().any(|m| m.org_id == org_id)
}

/// May a person with these memberships run the organisation's meetings and
/// issue its documents?
pub fn may_run(memberships: &[Membership], org_id: i64) -> bool {
    memberships
        .iter()
        .any(|m| m.org_id == org_id && m.position.runs_meetings())
}

/// May a person with these memberships see the overview of the
/// organisations below `org_id`? Members of a committee do, for the
/// committee and below.
pub fn may_oversee(memberships: &[Membership], org_id: i64, org_ancestors: &[i64]) -> bool {
    memberships.iter().any(|m| {
        (m.org_id == org_id || org_ancestors.contains(&m.org_id)) && m.position.runs_meetings()
    })
}

/// Restricted documents name at least one position; others name none.
pub fn check_positions(c: Confidentiality, positions: &[Position]) -> Result<(), DomainError> {
    match (c, positions.is_empty()) {
        (Confidentiality::Restricted, true) => Err(DomainError::invalid(
            "positions",
            Msg::new("handbook.restricted_positions"),
        )),
        (Confidentiality::Restricted, false) => Ok(()),
        (_, false) => Err(DomainError::invalid(
            "positions",
            Msg::new("handbook.positions_only_restricted"),
        )),
        (_, true) => Ok(()),
    }
}

/// The first day of the month of `day`: the handbook-use period runs from
/// there to `day`.
pub fn month_start(day: NaiveDate) -> NaiveDate {
    day.with_day(1).expect("every month has a first day")
}

/// Is a regular meeting held on `held_on` on time for the month `month`
/// (any day of it)? A cell meets once a month; its meeting is on time when
/// it falls within that month.
pub fn on_time(held_on: NaiveDate, month: NaiveDate) -> bool {
    held_on.year() == month.year() && held_on.month() == month.month()
}

/// Attendance rate in percent, rounded to one decimal: those present or late
/// out of those expected. `None` when nobody was expected.
pub fn attendance_pct(attended: u64, expected: u64) -> Option<f64> {
    (expected > 0).then(|| (1000.0 * attended as f64 / expected as f64).round() / 10.0)
}

/// A text field: without invisible characters, trimmed, NFC, within `max`
/// characters; `required` refuses an empty one.
pub fn clean_text(
    field: &str,
    raw: &str,
    max: usize,
    required: bool,
) -> Result<String, DomainError> {
    // Invisible characters (zero-width, right-to-left overrides) come in
    // with pasted text and can make a title read as something else: dropped.
    let text = super::fold::nfc(super::fold::strip_invisible(raw).trim());
    if required && text.is_empty() {
        return Err(DomainError::invalid(field, Msg::new("value.required")));
    }
    let n = text.chars().count();
    if n > max {
        return Err(DomainError::invalid(
            field,
            Msg::new("value.too_long").arg("max", max).arg("got", n),
        ));
    }
    if text
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t')
    {
        return Err(DomainError::invalid(
            field,
            Msg::new("value.control_characters"),
        ));
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(member_id: i64, org_id: i64, ancestors: &[i64], position: Position) -> Membership {
        Membership {
            member_id,
            org_id,
            ancestors: ancestors.to_vec(),
            position,
        }
    }

    #[test]
    fn keys_round_trip_and_name_the_field() {
        for p in Position::ALL {
            assert_eq!(p.as_str().parse::<Position>().unwrap(), p);
        }
        let e = "boss".parse::<Position>().unwrap_err();
        assert_eq!(e.field(), "position");
        assert!(e.reason().to_string().contains("secretary"));
        assert_eq!(
            "restricted".parse::<Confidentiality>().unwrap(),
            Confidentiality::Restricted
        );
        assert_eq!(OrgKind::Cell.parent_kind(), Some(OrgKind::CommuneCommittee));
        assert_eq!(OrgKind::ProvincialCommittee.parent_kind(), None);
    }

    #[test]
    fn a_document_reaches_members_below_its_distribution() {
        // Province 1 > district 2 > commune 3 > cells 4 and 5.
        let cell4 = [m(10, 4, &[1, 2, 3], Position::Member)];
        let cell5 = [m(11, 5, &[1, 2, 3], Position::Secretary)];
        let to_cell4 = DocAccess {
            confidentiality: Confidentiality::Internal,
            issuer_org_id: 3,
            distributed_to: &[4],
            positions: &[],
        };
        assert!(may_read(&cell4, &to_cell4));
        assert!(!may_read(&cell5, &to_cell4));
        let to_district = DocAccess {
            distributed_to: &[2],
            ..to_cell4.clone()
        };
        assert!(may_read(&cell4, &to_district));
        assert!(may_read(&cell5, &to_district));
        let public = DocAccess {
            confidentiality: Confidentiality::Public,
            distributed_to: &[],
            ..to_cell4.clone()
        };
        assert!(may_read(&[], &public));
    }

    #[test]
    fn restricted_documents_go_to_named_positions_only() {
        let member = [m(10, 4, &[1, 2, 3], Position::Member)];
        let secretary = [m(11, 4, &[1, 2, 3], Position::Secretary)];
        let doc = DocAccess {
            confidentiality: Confidentiality::Restricted,
            issuer_org_id: 1,
            distributed_to: &[1],
            positions: &[Position::Secretary, Position::Deputy],
        };
        assert!(!may_read(&member, &doc));
        assert!(may_read(&secretary, &doc));
        // A secretary elsewhere is not reached.
        let other = [m(12, 9, &[8], Position::Secretary)];
        assert!(!may_read(&other, &doc));
        assert!(check_positions(Confidentiality::Restricted, &[]).is_err());
        assert!(check_positions(Confidentiality::Internal, &[Position::Member]).is_err());
        assert!(check_positions(Confidentiality::Internal, &[]).is_ok());
    }

    #[test]
    fn meetings_belong_to_the_members_of_the_organisation() {
        let member = [m(10, 4, &[1, 2, 3], Position::Member)];
        let secretary = [m(11, 4, &[1, 2, 3], Position::Secretary)];
        assert!(may_read_meetings(&member, 4));
        assert!(!may_read_meetings(&member, 5));
        assert!(!may_run(&member, 4));
        assert!(may_run(&secretary, 4));
        assert!(!may_run(&secretary, 5));
        // A committee's secretary oversees the cells below it.
        let committee = [m(20, 3, &[1, 2], Position::Secretary)];
        assert!(may_oversee(&committee, 4, &[1, 2, 3]));
        assert!(!may_oversee(&committee, 9, &[1, 8]));
        assert!(!may_oversee(&member, 3, &[1, 2]));
    }

    #[test]
    fn meeting_states_allow_what_they_should() {
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        assert!(MeetingState::Planned.can_notify());
        assert!(!MeetingState::Held.can_notify());
        assert!(
            MeetingState::Notified
                .attendance_check(d("2022-06-05"), d("2022-06-05"))
                .is_ok()
        );
        assert!(
            MeetingState::Notified
                .attendance_check(d("2022-06-06"), d("2022-06-05"))
                .is_err()
        );
        assert!(
            MeetingState::Cancelled
                .attendance_check(d("2022-06-01"), d("2022-06-05"))
                .is_err()
        );
        assert!(MeetingState::Held.cancel_check().is_err());
        assert!(MeetingState::Planned.cancel_check().is_ok());
        assert!(MeetingState::Cancelled.minutes_check().is_err());
    }

    #[test]
    fn periods_and_rates() {
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        assert_eq!(month_start(d("2022-06-30")), d("2022-06-01"));
        assert!(on_time(d("2022-06-03"), d("2022-06-30")));
        assert!(!on_time(d("2022-07-01"), d("2022-06-30")));
        assert_eq!(attendance_pct(14, 15), Some(93.3));
        assert_eq!(attendance_pct(0, 0), None);
        assert_eq!(attendance_pct(15, 15), Some(100.0));
    }

    #[test]
    fn text_is_cleaned_and_bounded() {
        assert_eq!(clean_text("title", "  Họp  ", 10, true).unwrap(), "Họp");
        assert!(clean_text("title", "   ", 10, true).is_err());
        assert_eq!(clean_text("place", "", 10, false).unwrap(), "");
        assert_eq!(
            clean_text("title", &"x".repeat(11), 10, true)
                .unwrap_err()
                .field(),
            "title"
        );
        assert!(clean_text("title", "a\u{0}b", 10, true).is_err());
        assert_eq!(
            clean_text("title", "Ba\u{0300}nh", 10, true).unwrap(),
            "Bành"
        );
    }
}
