//! Administrative units: their levels, lists, villages, reorganisations.
//! Keys are `unit.*`: `units.*` names figures (counts of units).

use super::{Entry, m};

pub(super) static ENTRIES: &[Entry] = &[
    // A level in words, inside other messages ("{code} is a {level}").
    m("unit.level_province", "đơn vị cấp tỉnh", "province"),
    m("unit.level_district", "đơn vị cấp huyện", "district"),
    m("unit.level_commune", "đơn vị cấp xã", "commune"),
    m("unit.level_village", "thôn, tổ dân phố", "village"),
    m(
        "unit.not_on_day",
        "{unit} không tồn tại vào ngày {day}.",
        "{unit} did not exist on {day}.",
    ),
    m(
        "unit.villages_in_commune",
        "thôn, tổ dân phố phải thuộc một xã; {code} là {level}.",
        "villages belong to a commune; {code} is a {level}.",
    ),
    m(
        "unit.within_commune_dates",
        "phải nằm trong thời gian tồn tại của xã ({from} đến {to}).",
        "must fall within the commune's own dates ({from} to {to}).",
    ),
    m(
        "unit.within_commune_dates_open",
        "phải từ ngày thành lập xã ({from}) trở đi.",
        "must fall within the commune's own dates ({from} to now).",
    ),
    m(
        "unit.village_name_taken",
        "{unit} đã có thôn tên {name}.",
        "{unit} already has a village named {name}.",
    ),
    m(
        "unit.list_loaded",
        "Danh mục {name} đã được nạp.",
        "The list {name} is already loaded.",
    ),
    m(
        "unit.mapping_loaded",
        "Bảng kế thừa {name} đã được nạp.",
        "The mapping {name} is already loaded.",
    ),
    m(
        "unit.line_no_unit_on",
        "dòng {line}: không có đơn vị {code} vào ngày {day}.",
        "line {line}: no unit {code} on {day}.",
    ),
    m(
        "unit.search_too_long",
        "từ khóa tìm kiếm dài tối đa 100 ký tự.",
        "a search is at most 100 characters.",
    ),
];
