//! The "Việc đang chờ" section of a unit's page: what waits for the
//! officer there (`service::waiting`), each item a link to where it is done,
//! with its words in Vietnamese and English.

use chrono::NaiveDate;

use super::format;
use crate::domain::unit::Level;
use crate::i18n::Lang;
use crate::service::waiting::Waiting;

pub struct WaitingTexts {
    pub title: &'static str,
    pub registrations: &'static str,
    pub goals_overdue: &'static str,
    /// Followed by the month: "Đơn vị chưa nhập đủ số liệu tháng 06/2022".
    pub values_missing: &'static str,
    pub values_hint: &'static str,
    pub more: &'static str,
}

static VI: WaitingTexts = WaitingTexts {
    title: "Việc đang chờ",
    registrations: "Hồ sơ đăng ký xã chuyển đổi số chờ anh/chị xử lý",
    goals_overdue: "Mục tiêu đã quá hạn mà chưa đạt",
    values_missing: "Đơn vị chưa nhập đủ số liệu tháng",
    values_hint: "Đơn vị còn thiếu ít nhất một số liệu nhập ở cấp của mình (như trang Nhập số liệu).",
    more: "và các đơn vị khác",
};

static EN: WaitingTexts = WaitingTexts {
    title: "Waiting for you",
    registrations: "Digital-commune registrations awaiting your step",
    goals_overdue: "Goals past their deadline and not achieved",
    values_missing: "Units whose figures are incomplete for",
    values_hint: "Units lacking at least one of the figures entered at their level (as on the figures page).",
    more: "and other units",
};

/// One item: a count, its words and where the work is done.
pub struct Item {
    pub key: &'static str,
    pub label: String,
    pub count: String,
    pub zero: bool,
    pub href: String,
}

/// The section as the template draws it.
pub struct WaitingView {
    pub t: &'static WaitingTexts,
    pub items: Vec<Item>,
    /// The first units lacking figures: (name, link to their figures page).
    pub missing: Vec<(String, String)>,
    pub more: bool,
}

pub fn view(lang: Lang, w: &Waiting, code: &str, level: Level, day: NaiveDate) -> WaitingView {
    let t = match lang {
        Lang::Vi => &VI,
        Lang::En => &EN,
    };
    // A commune's own registration is on its recognition page; above, the
    // board of the communes' registrations.
    let registrations_page = if level == Level::Commune {
        "recognition"
    } else {
        "registrations"
    };
    let period = w.period.to_string();
    let item = |key, label: String, n: usize, href: String| Item {
        key,
        label,
        count: format::int(lang, n as i64),
        zero: n == 0,
        href,
    };
    let values_href = |c: &str| format!("/units/{c}/values?period={period}&on={day}");
    WaitingView {
        t,
        items: vec![
            item(
                "registrations",
                t.registrations.into(),
                w.registrations,
                format!("/units/{code}/{registrations_page}?on={day}"),
            ),
            item(
                "goals_overdue",
                t.goals_overdue.into(),
                w.goals_overdue,
                format!("/units/{code}/goals?on={day}"),
            ),
            item(
                "values_missing",
                format!("{} {}", t.values_missing, format::month(lang, &period)),
                w.values_missing,
                w.missing_first
                    .first()
                    .map_or_else(|| values_href(code), |m| values_href(&m.code)),
            ),
        ],
        missing: w
            .missing_first
            .iter()
            .map(|m| (m.full_name.clone(), values_href(&m.code)))
            .collect(),
        more: w.values_missing > w.missing_first.len(),
    }
}
