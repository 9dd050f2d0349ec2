//! The importer's row refusals for registers of people (team members).
//! Keys are `import.<register>_*`; each says how to fix the cell.

use super::{Entry, m};

pub(super) static ENTRIES: &[Entry] = &[
    m(
        "import.team_members_role",
        "vai trò phải là “tổ trưởng”, “tổ phó” hoặc “thành viên”, nhận được “{value}”: chọn một trong danh sách.",
        "the role must be “tổ trưởng” (leader), “tổ phó” (deputy) or “thành viên” (member), got “{value}”: pick one from the list.",
    ),
    m(
        "import.team_members_affiliation",
        "thành phần “{value}” không có trong danh sách: chọn một thành phần trong danh sách của mẫu (hoặc “Khác”).",
        "the affiliation “{value}” is not in the list: pick one from the template's list (or “Khác”, other).",
    ),
    m(
        "import.team_members_twice",
        "“{name}” đã có ở dòng {first} của tệp trong cùng tổ: mỗi người chỉ ghi một dòng, hãy xoá một trong hai dòng.",
        "“{name}” is already on row {first} of the file in the same team: one row per person, delete one of the two.",
    ),
    m(
        "import.team_members_team_unknown",
        "{unit} không có tổ này: ghi đúng tên tổ ({teams}) hoặc để trống.",
        "{unit} has no such team: write the team's name ({teams}) or leave it empty.",
    ),
    m(
        "import.team_members_which_team",
        "đơn vị có nhiều tổ: ghi tên tổ của thành viên ({teams}).",
        "the unit has more than one team: write the member's team ({teams}).",
    ),
    m(
        "import.team_members_no_team",
        "{unit} chưa có tổ công nghệ số: ghi tên tổ ở cột này để lập tổ.",
        "{unit} has no digital-technology team yet: write the team's name in this column to form it.",
    ),
    m(
        "import.team_members_one_team",
        "mỗi đơn vị chỉ có một tổ, tệp đã lập tổ “{team}” ở dòng {first}: ghi cùng tên tổ đó.",
        "a unit has one team, and the file forms “{team}” on row {first}: write that team's name.",
    ),
    m(
        "import.team_members_joined",
        "ngày tham gia {value} phải từ {from} đến {to}: sửa ngày (dạng 30/06/2022) hoặc để trống là hôm nay.",
        "the day joined {value} must be from {from} to {to}: correct it (as 30/06/2022) or leave it empty for today.",
    ),
    m(
        "import.team_members_export_personal",
        "Bản xuất thành viên tổ của {unit} có số điện thoại: chỉ thành viên tổ công tác hoặc cán bộ xã ở đó mới tải được.",
        "An export of the team members of {unit} holds phone numbers: only its team members and commune officers may download it.",
    ),
];
