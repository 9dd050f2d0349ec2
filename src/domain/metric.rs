//! Metrics (data elements), value checks, targets and the adoption kinds
//! households are helped with.

use crate::i18n::messages::Msg;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::DomainError;
use super::keyed::keyed;
use super::unit::Level;

keyed! {
    /// How a metric's values are read.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
    #[serde(rename_all = "snake_case")]
    pub enum ValueType in "value_type" {
        Count = "count",
        Number = "number",
        YesNo = "yes_no",
        Percent = "percent",
    }
}

keyed! {
    /// How values of several units combine into their parent's.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
    #[serde(rename_all = "snake_case")]
    pub enum HierAgg in "hierarchy_aggregation" {
        Sum = "sum",
        Average = "average",
        Min = "min",
        Max = "max",
        /// How many units have a value.
        Count = "count",
    }
}

keyed! {
    /// How values combine over time: flows are summed over a period, stocks
    /// take the last value.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
    #[serde(rename_all = "snake_case")]
    pub enum TimeAgg in "time_aggregation" {
        Sum = "sum",
        Last = "last",
    }
}

/// A metric as defined.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Metric {
    pub code: String,
    pub name_vi: String,
    pub name_en: String,
    pub value_type: ValueType,
    pub hierarchy_aggregation: HierAgg,
    pub time_aggregation: TimeAgg,
    pub entry_level: Level,
    pub min_value: Option<f64>,
    pub max_value: Option<f64>,
}

/// A metric or indicator code: lower-case letters, digits, underscores.
pub fn check_code(field: &str, code: &str) -> Result<(), DomainError> {
    let ok = (2..=48).contains(&code.len())
        && code.starts_with(|c: char| c.is_ascii_lowercase())
        && code
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
    if ok {
        Ok(())
    } else {
        Err(DomainError::invalid(
            field,
            Msg::new("programme.metric_code_format").arg("value", code),
        ))
    }
}

impl Metric {
    /// Check a value against the metric's type and range.
    pub fn check_value(&self, v: f64) -> Result<f64, DomainError> {
        // "Số hộ có điện thoại thông minh: …": the metric by its name.
        let bad = |why: Msg| {
            let why = why.arg("value", v);
            DomainError::invalid(
                "value",
                Msg::new("value.of_metric")
                    .arg_words("metric", &self.name_vi, &self.name_en)
                    .arg_msg("message", why),
            )
        };
        if !v.is_finite() {
            return Err(bad(Msg::new("value.must_be_number")));
        }
        let why = match self.value_type {
            ValueType::Count if v < 0.0 || v.fract() != 0.0 => Some("value.count"),
            ValueType::YesNo if v != 0.0 && v != 1.0 => Some("value.yes_no"),
            ValueType::Percent if !(0.0..=100.0).contains(&v) => Some("value.percent"),
            _ => None,
        };
        if let Some(key) = why {
            return Err(bad(Msg::new(key)));
        }
        if let Some(min) = self.min_value.filter(|m| v < *m) {
            return Err(bad(Msg::new("value.at_least").arg("min", min)));
        }
        if let Some(max) = self.max_value.filter(|m| v > *m) {
            return Err(bad(Msg::new("value.at_most").arg("max", max)));
        }
        Ok(v)
    }
}

keyed! {
    /// Which way is better for a target.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
    #[serde(rename_all = "snake_case")]
    pub enum Direction in "direction" {
        HigherIsBetter = "higher_is_better",
        LowerIsBetter = "lower_is_better",
    }
}

/// A target: an indicator reaching a threshold by a deadline.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Target {
    pub indicator: String,
    pub threshold: f64,
    pub direction: Direction,
    pub deadline: NaiveDate,
}

/// Where a target stands on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TargetStatus {
    Met,
    NotYetMet,
    Missed,
    NoValue,
}

impl super::keyed::Keyed for TargetStatus {
    const KEYS: &'static [&'static str] = &["met", "not_yet_met", "missed", "no_value"];
}

impl Target {
    pub fn status(&self, value: Option<f64>, day: NaiveDate) -> TargetStatus {
        let Some(v) = value else {
            return TargetStatus::NoValue;
        };
        let met = match self.direction {
            Direction::HigherIsBetter => v >= self.threshold,
            Direction::LowerIsBetter => v <= self.threshold,
        };
        match (met, day > self.deadline) {
            (true, _) => TargetStatus::Met,
            (false, false) => TargetStatus::NotYetMet,
            (false, true) => TargetStatus::Missed,
        }
    }
}

keyed! {
    /// What a household was helped to adopt.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
    #[serde(rename_all = "snake_case")]
    pub enum Adoption in "kind" {
        ZaloGroup = "zalo_group",
        Smartphone = "smartphone",
        Internet = "internet",
        EpayPower = "epay_power",
        EpayWater = "epay_water",
        EpayTv = "epay_tv",
        EpayTax = "epay_tax",
        EpaySchool = "epay_school",
        EpayAdmin = "epay_admin",
        Vneid = "vneid",
        Vssid = "vssid",
        Telemedicine = "telemedicine",
        OnlineServices = "online_services",
    }
}

impl Adoption {
    pub fn name_vi(self) -> &'static str {
        match self {
            Adoption::ZaloGroup => "Vào nhóm Zalo thôn",
            Adoption::Smartphone => "Có điện thoại thông minh",
            Adoption::Internet => "Có Internet tại nhà",
            Adoption::EpayPower => "Thanh toán tiền điện không dùng tiền mặt",
            Adoption::EpayWater => "Thanh toán tiền nước không dùng tiền mặt",
            Adoption::EpayTv => "Thanh toán truyền hình không dùng tiền mặt",
            Adoption::EpayTax => "Nộp thuế điện tử",
            Adoption::EpaySchool => "Đóng học phí không dùng tiền mặt",
            Adoption::EpayAdmin => "Nộp phí, lệ phí hành chính trực tuyến",
            Adoption::Vneid => "Cài đặt, kích hoạt VNeID",
            Adoption::Vssid => "Thẻ BHYT điện tử (VssID)",
            Adoption::Telemedicine => "Khám chữa bệnh từ xa",
            Adoption::OnlineServices => "Dùng dịch vụ công trực tuyến",
        }
    }

    pub fn name_en(self) -> &'static str {
        match self {
            Adoption::ZaloGroup => "Joined the village Zalo group",
            Adoption::Smartphone => "Owns a smartphone",
            Adoption::Internet => "Internet at home",
            Adoption::EpayPower => "Pays electricity electronically",
            Adoption::EpayWater => "Pays water electronically",
            Adoption::EpayTv => "Pays TV electronically",
            Adoption::EpayTax => "Pays tax electronically",
            Adoption::EpaySchool => "Pays school fees electronically",
            Adoption::EpayAdmin => "Pays administrative fees online",
            Adoption::Vneid => "Uses VNeID",
            Adoption::Vssid => "E-health-insurance card (VssID)",
            Adoption::Telemedicine => "Telemedicine",
            Adoption::OnlineServices => "Online public services",
        }
    }
}

keyed! {
    /// Roles in a community tech team.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
    #[serde(rename_all = "snake_case")]
    pub enum TeamRole in "role" {
        Leader = "leader",
        Deputy = "deputy",
        Member = "member",
    }
}

/// Where a team member comes from.
pub const AFFILIATIONS: [&str; 10] = [
    "police",
    "youth_union",
    "womens_union",
    "farmers_union",
    "veterans",
    "village_head",
    "teacher",
    "health_worker",
    "party_cell",
    "other",
];

impl TeamRole {
    /// The role in words (catalogue `team.role_*`).
    pub fn words(self) -> Msg {
        Msg::new(match self {
            TeamRole::Leader => "team.role_leader",
            TeamRole::Deputy => "team.role_deputy",
            TeamRole::Member => "team.role_member",
        })
    }
}

/// Where a team member comes from, in words; an unknown key as written.
pub fn affiliation_words(s: &str) -> Msg {
    Msg::new(match s {
        "police" => "team.from_police",
        "youth_union" => "team.from_youth_union",
        "womens_union" => "team.from_womens_union",
        "farmers_union" => "team.from_farmers_union",
        "veterans" => "team.from_veterans",
        "village_head" => "team.from_village_head",
        "teacher" => "team.from_teacher",
        "health_worker" => "team.from_health_worker",
        "party_cell" => "team.from_party_cell",
        "other" => "team.from_other",
        other => return Msg::new("figure.named").arg("name", other),
    })
}

pub fn check_affiliation(s: &str) -> Result<(), DomainError> {
    if AFFILIATIONS.contains(&s) {
        Ok(())
    } else {
        Err(DomainError::invalid(
            "affiliation",
            Msg::new("value.one_of")
                .arg("allowed", AFFILIATIONS.join(", "))
                .arg("value", s),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_affiliation_has_a_name() {
        for a in AFFILIATIONS {
            assert_ne!(affiliation_words(a).key(), Some("figure.named"), "{a}");
        }
    }

    fn metric(t: ValueType) -> Metric {
        Metric {
            code: "m".into(),
            name_vi: "m".into(),
            name_en: "m".into(),
            value_type: t,
            hierarchy_aggregation: HierAgg::Sum,
            time_aggregation: TimeAgg::Last,
            entry_level: Level::Village,
            min_value: None,
            max_value: Some(1000.0),
        }
    }

    #[test]
    fn values_are_checked_against_type_and_range() {
        assert!(metric(ValueType::Count).check_value(3.0).is_ok());
        assert!(metric(ValueType::Count).check_value(3.5).is_err());
        assert!(metric(ValueType::Count).check_value(-1.0).is_err());
        assert!(
            metric(ValueType::Count)
                .check_value(1001.0)
                .unwrap_err()
                .reason()
                .to_string()
                .contains("at most")
        );
        assert!(metric(ValueType::YesNo).check_value(2.0).is_err());
        assert!(metric(ValueType::Percent).check_value(101.0).is_err());
        assert!(metric(ValueType::Number).check_value(f64::NAN).is_err());
    }

    #[test]
    fn targets_by_direction_and_deadline() {
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        let t = Target {
            indicator: "x".into(),
            threshold: 80.0,
            direction: Direction::HigherIsBetter,
            deadline: d("2022-12-31"),
        };
        assert_eq!(t.status(Some(85.0), d("2022-06-30")), TargetStatus::Met);
        assert_eq!(
            t.status(Some(70.0), d("2022-06-30")),
            TargetStatus::NotYetMet
        );
        assert_eq!(t.status(Some(70.0), d("2023-01-01")), TargetStatus::Missed);
        assert_eq!(t.status(None, d("2022-06-30")), TargetStatus::NoValue);
        let rank = Target {
            direction: Direction::LowerIsBetter,
            threshold: 30.0,
            ..t
        };
        assert_eq!(rank.status(Some(15.0), d("2022-06-30")), TargetStatus::Met);
    }

    #[test]
    fn codes_and_kinds_parse() {
        assert!(check_code("code", "hh_zalo").is_ok());
        assert!(check_code("code", "Hh").is_err());
        assert!(check_code("code", "1a").is_err());
        assert_eq!(Adoption::parse("zalo_group").unwrap(), Adoption::ZaloGroup);
        assert_eq!(Adoption::parse("fax").unwrap_err().field(), "kind");
        for k in Adoption::ALL {
            assert_eq!(Adoption::parse(k.as_str()).unwrap(), k);
        }
        assert!(check_affiliation("police").is_ok() && check_affiliation("mafia").is_err());
    }
}
