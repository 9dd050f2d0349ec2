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
    m(
        "unit.level_values",
        "phải là province, district, commune hoặc village, nhận được “{value}”.",
        "must be province, district, commune or village, got '{value}'.",
    ),
    m(
        "unit.villages_under_commune",
        "thôn, tổ dân phố được đánh số theo xã, không theo “{code}”.",
        "villages are numbered under a commune, not under '{code}'.",
    ),
    m(
        "unit.max_villages",
        "một xã có tối đa 999 thôn, tổ dân phố, nhận được số {value}.",
        "a commune has at most 999 villages, got number {value}.",
    ),
    m(
        "unit.code_format",
        "mã đơn vị gồm 2 (tỉnh), 3 (huyện), 5 (xã) hoặc 8 (thôn) chữ số, nhận được “{value}”.",
        "a unit code is 2 (province), 3 (district), 5 (commune) or 8 (village) digits, got '{value}'.",
    ),
    m(
        "unit.type_values",
        "{level} phải thuộc một trong các loại {types}, nhận được “{value}”.",
        "a {level} is one of {types}, got '{value}'.",
    ),
    // Loading official lists, line by line.
    m(
        "unit.line",
        "dòng {line}: {message}",
        "line {line}: {message}",
    ),
    m(
        "unit.lists_oldest_first",
        "danh mục được nạp theo thứ tự cũ trước, mới sau: đơn vị {code} đã bắt đầu từ ngày {start}, không trước ngày {from}.",
        "lists load oldest first: unit {code} already starts on {start}, not before {from}.",
    ),
    m(
        "unit.line_parent_missing",
        "dòng {line}: đơn vị cấp trên {parent} của {code} không có trong danh mục.",
        "line {line}: parent {parent} of {code} is not in the list.",
    ),
    m(
        "unit.line_code_repeated",
        "dòng {line}: mã {code} đã có ở dòng {first}.",
        "line {line}: code {code} already on line {first}.",
    ),
    m(
        "unit.line_no_villages",
        "dòng {line}: danh mục chính thức không gồm thôn, tổ dân phố.",
        "line {line}: official lists hold no villages.",
    ),
    m(
        "unit.line_province_parent",
        "dòng {line}: đơn vị cấp tỉnh không có cấp trên, mọi đơn vị khác đều phải có.",
        "line {line}: a province has no parent and every other unit has one.",
    ),
    m(
        "unit.line_parent_level",
        "dòng {line}: đơn vị cấp trên {parent} là {parent_level}, không phải cấp trên của {level}.",
        "line {line}: parent {parent} is a {parent_level}, not above a {level}.",
    ),
    m(
        "unit.csv_columns",
        "dòng 1: cần các cột {want}, nhận được {got}.",
        "line 1: expected columns {want}, got {got}.",
    ),
    m(
        "unit.line_missing",
        "dòng {line}: thiếu giá trị.",
        "line {line}: missing.",
    ),
    m(
        "unit.line_code_length",
        "dòng {line}: mã {code} có độ dài của mã {implied}, nhưng dòng này ghi {level}.",
        "line {line}: code {code} has the length of a {implied}, but the row says {level}.",
    ),
    m(
        "unit.line_names_required",
        "dòng {line}: cần có name và full_name.",
        "line {line}: name and full_name are required.",
    ),
    m(
        "unit.list_empty",
        "danh mục không có dòng nào.",
        "the list has no rows.",
    ),
    m(
        "unit.line_merge_kind",
        "dòng {line}: phải là full hoặc partial, nhận được “{value}”.",
        "line {line}: must be full or partial, got '{value}'.",
    ),
];
