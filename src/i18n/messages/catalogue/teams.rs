//! Community tech teams: a member's role and where they come from, in
//! words (`TeamRole::words`, `metric::affiliation_words`).

use super::{Entry, m};

pub(super) static ENTRIES: &[Entry] = &[
    m("team.role_leader", "Tổ trưởng", "Leader"),
    m("team.role_deputy", "Tổ phó", "Deputy"),
    m("team.role_member", "Tổ viên", "Member"),
    m("team.from_police", "Công an", "Police"),
    m("team.from_youth_union", "Đoàn Thanh niên", "Youth Union"),
    m(
        "team.from_womens_union",
        "Hội Liên hiệp Phụ nữ",
        "Women's Union",
    ),
    m("team.from_farmers_union", "Hội Nông dân", "Farmers' Union"),
    m(
        "team.from_veterans",
        "Hội Cựu chiến binh",
        "Veterans' Association",
    ),
    m("team.from_village_head", "Trưởng thôn", "Village head"),
    m("team.from_teacher", "Giáo viên", "Teacher"),
    m("team.from_health_worker", "Nhân viên y tế", "Health worker"),
    m("team.from_party_cell", "Chi bộ đảng", "Party cell"),
    m("team.from_other", "Khác", "Other"),
    // A member on the trace of a figure: "Tổ viên · Đoàn Thanh niên".
    m("team.member_detail", "{role} · {from}", "{role} · {from}"),
];
