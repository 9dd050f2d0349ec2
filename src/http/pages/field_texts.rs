//! The field list's page texts (walking a village on a phone), Vietnamese
//! first and English second, chosen by the page's language. Kept apart from
//! `i18n::Texts` so that the field list's words live with the field list.

use super::format;
use crate::i18n::Lang;
use crate::service::field_list::{BACKDATE_DAYS, DayRefused};

pub struct FieldTexts {
    pub lacking: &'static str,
    pub all_households: &'static str,
    pub filter: &'static str,
    pub help_day: &'static str,
    pub help_day_hint: &'static str,
    /// Between "x–y" and "N": "x–y / N hộ", "x–y of N households".
    pub of: &'static str,
    pub households_unit: &'static str,
    pub none_match: &'static str,
    pub previous_page: &'static str,
    pub next_page: &'static str,
    pub page: &'static str,
    pub call: &'static str,
    pub helped: &'static str,
    pub mark_helped: &'static str,
    pub next_household: &'static str,
    pub last_household: &'static str,
    pub back_to_list: &'static str,
}

pub static VI: FieldTexts = FieldTexts {
    lacking: "Chưa được giúp về",
    all_households: "Tất cả các hộ",
    filter: "Lọc",
    help_day: "Ngày giúp",
    help_day_hint: "dd/mm/yyyy; ghi lùi tối đa 31 ngày",
    of: " / ",
    households_unit: "hộ",
    none_match: "Không có hộ nào phù hợp.",
    previous_page: "‹ Trang trước",
    next_page: "Trang sau ›",
    page: "Trang",
    call: "Gọi",
    helped: "Đã giúp",
    mark_helped: "Ghi đã giúp",
    next_household: "Hộ tiếp theo chưa được giúp",
    last_household: "Đây là hộ cuối cùng chưa được giúp trong danh sách.",
    back_to_list: "Về danh sách",
};

pub static EN: FieldTexts = FieldTexts {
    lacking: "Not yet helped with",
    all_households: "All households",
    filter: "Filter",
    help_day: "Date of help",
    help_day_hint: "dd/mm/yyyy; up to 31 days back",
    of: " of ",
    households_unit: "households",
    none_match: "No household matches.",
    previous_page: "‹ Previous page",
    next_page: "Next page ›",
    page: "Page",
    call: "Call",
    helped: "Helped",
    mark_helped: "Mark helped",
    next_household: "Next household not yet helped",
    last_household: "This is the last household in the list not yet helped.",
    back_to_list: "Back to the list",
};

pub fn texts(lang: Lang) -> &'static FieldTexts {
    match lang {
        Lang::Vi => &VI,
        Lang::En => &EN,
    }
}

/// Why a day of help was refused, naming the field, in the page's language.
pub fn day_refused(lang: Lang, e: DayRefused) -> String {
    let field = texts(lang).help_day;
    let n = BACKDATE_DAYS;
    let (day, other, middle) = match (lang, e) {
        (Lang::Vi, DayRefused::Future { day, today }) => {
            (day, today, "là ngày trong tương lai; hôm nay là".to_owned())
        }
        (Lang::Vi, DayRefused::TooOld { day, earliest }) => (
            day,
            earliest,
            format!("đã quá {n} ngày; chỉ ghi lùi được đến"),
        ),
        (Lang::En, DayRefused::Future { day, today }) => {
            (day, today, "is in the future; today is".to_owned())
        }
        (Lang::En, DayRefused::TooOld { day, earliest }) => (
            day,
            earliest,
            format!("is more than {n} days back; the earliest is"),
        ),
    };
    format!(
        "{field}: {} {middle} {}.",
        format::day(lang, day),
        format::day(lang, other)
    )
}

/// A day that could not be read, naming the field.
pub fn day_unreadable(lang: Lang, typed: &str) -> String {
    let field = texts(lang).help_day;
    let shown: String = typed.chars().take(20).collect();
    match lang {
        Lang::Vi => format!("{field}: cần ngày dạng dd/mm/yyyy, nhận được '{shown}'."),
        Lang::En => format!("{field}: needs a date dd/mm/yyyy, got '{shown}'."),
    }
}
