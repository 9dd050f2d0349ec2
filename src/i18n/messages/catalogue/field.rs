//! Work in the field: households, adoptions (help recorded), teams. Keys
//! are `fieldwork.*`: `field.*` names fields in words (`fields.rs`).

use super::{Entry, m};

pub(super) static ENTRIES: &[Entry] = &[
    // Teams.
    m(
        "fieldwork.teams_where",
        "tổ công tác hoạt động ở cấp xã hoặc thôn; {code} là {level}.",
        "teams work in a commune or a village; {code} is a {level}.",
    ),
    m(
        "fieldwork.team_exists",
        "Đơn vị này đã có một tổ công tác đang hoạt động.",
        "The unit already has an active team.",
    ),
    m(
        "fieldwork.team_unit_missing",
        "Không tìm thấy đơn vị của tổ công tác.",
        "The team's unit was not found.",
    ),
    m(
        "fieldwork.joined_before_formed",
        "ngày {day} trước ngày thành lập tổ ({formed}).",
        "{day} is before the team was formed ({formed}).",
    ),
    m(
        "fieldwork.member_left",
        "{name} đã rời tổ.",
        "{name} has already left.",
    ),
    m(
        "fieldwork.member_team_gone",
        "tổ của thành viên này không còn.",
        "the member's team is gone.",
    ),
    m(
        "fieldwork.member_other_commune",
        "{name} thuộc tổ công tác của xã khác.",
        "{name} belongs to a team of another commune.",
    ),
    m(
        "fieldwork.member_other_village",
        "{name} thuộc tổ công tác của thôn hoặc xã khác.",
        "{name} belongs to a team of another village or commune.",
    ),
    m(
        "fieldwork.member_not_in_team_on",
        "{name} không ở trong tổ vào ngày {day}.",
        "{name} was not in the team on {day}.",
    ),
    // Help recorded for households.
    m(
        "fieldwork.before_household_registered",
        "ngày {day} trước ngày đăng ký hộ ({registered}).",
        "{day} is before the household was registered ({registered}).",
    ),
    m(
        "fieldwork.household_village_missing",
        "Không tìm thấy thôn của hộ.",
        "The household's village was not found.",
    ),
    m(
        "fieldwork.event_earlier",
        "bản ghi gần nhất cùng loại đề ngày {day}; bản ghi mới không được sớm hơn.",
        "the latest record of this kind is dated {day}; a new one cannot be earlier.",
    ),
    m(
        "fieldwork.adoption_exists",
        "Hộ {code} đã có “{kind}” từ ngày {day}.",
        "Household {code} already has '{kind}' since {day}.",
    ),
    m(
        "fieldwork.nothing_to_take_back",
        "hộ {code} chưa có “{kind}” để rút lại.",
        "household {code} has no '{kind}' to take back.",
    ),
    m(
        "fieldwork.already_taken_back",
        "bản ghi này đã được rút lại.",
        "already taken back.",
    ),
    // Households.
    m(
        "fieldwork.household_code_format",
        "mã hộ gồm 1 đến 32 chữ cái, chữ số, '-', '_' hoặc '.', nhận được “{value}”.",
        "a household code is 1 to 32 letters, digits, '-', '_' or '.', got '{value}'.",
    ),
    m(
        "fieldwork.phone_digits",
        "số điện thoại có tối đa 15 chữ số.",
        "a phone number is up to 15 digits.",
    ),
    m(
        "fieldwork.household_size",
        "một hộ có từ 1 đến 50 người, nhận được {value}.",
        "a household has 1 to 50 people, got {value}.",
    ),
    m(
        "fieldwork.poverty_values",
        "phải là none, near_poor hoặc poor, nhận được “{value}”.",
        "must be none, near_poor or poor, got '{value}'.",
    ),
    m(
        "fieldwork.household_in_village",
        "hộ phải thuộc một thôn, tổ dân phố; {code} là {level}.",
        "a household belongs to a village; {code} is a {level}.",
    ),
    m(
        "fieldwork.not_a_village",
        "{code} là {level}, không phải thôn, tổ dân phố.",
        "{code} is a {level}, not a village.",
    ),
    m(
        "fieldwork.village_full",
        "Danh sách nhập: {name} đã có {have} hộ; thêm {n} hộ nữa sẽ vượt mức tối đa {max} hộ của một thôn (TINHSO_MAX_VILLAGE_HOUSEHOLDS).",
        "items: {name} has {have} households; {n} more would pass the {max} a village may hold (TINHSO_MAX_VILLAGE_HOUSEHOLDS).",
    ),
    m(
        "fieldwork.household_code_used",
        "mã hộ {code} đã được dùng trong thôn này.",
        "household code {code} is already used in this village.",
    ),
    m(
        "fieldwork.household_code_used_any",
        "Mã hộ đã được dùng trong thôn.",
        "A household code is already used in its village.",
    ),
];
