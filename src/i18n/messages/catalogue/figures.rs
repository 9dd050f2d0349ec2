//! The headline figures by name, and how each is computed, in words
//! (`domain::figures::name` and `explain`). People read these; the keys
//! (`households.total`) stay in the API and where officers edit definitions.

use super::{Entry, m};

pub(super) static ENTRIES: &[Entry] = &[
    // Names.
    m("figure.units_districts", "Số đơn vị cấp huyện", "Districts"),
    m("figure.units_communes", "Số đơn vị cấp xã", "Communes"),
    m("figure.units_villages", "Số thôn, tổ dân phố", "Villages"),
    m(
        "figure.teams_coverage_pct",
        "Tỷ lệ xã, thôn có tổ CNS cộng đồng",
        "Share of communes and villages with a tech team",
    ),
    m(
        "figure.teams_members",
        "Thành viên tổ CNS cộng đồng",
        "Tech team members",
    ),
    m(
        "figure.teams_members_commune_level",
        "Thành viên tổ CNS cấp xã",
        "Commune-level tech team members",
    ),
    m(
        "figure.teams_members_village_level",
        "Thành viên tổ CNS cấp thôn",
        "Village-level tech team members",
    ),
    m("figure.households_total", "Số hộ", "Households"),
    m(
        "figure.orgs_members_in_groups_pct",
        "Tỷ lệ hội viên các chi hội trong nhóm Zalo",
        "Share of association members in Zalo groups",
    ),
    // `{doing}`: the adoption in words, lower case ("thanh toán tiền điện
    // không dùng tiền mặt").
    m(
        "figure.adoption_pct",
        "Tỷ lệ hộ {doing}",
        "Share of households: {doing}",
    ),
    // How each is computed; `{name}` is the figure's name.
    m(
        "figure.explain_units",
        "{name} = số đơn vị cấp đó nằm trong đơn vị này vào ngày đang xem.",
        "{name} = the units of that level inside this unit on the day shown.",
    ),
    m(
        "figure.explain_coverage",
        "{name} = 100 × số xã, thôn có tổ CNS cộng đồng đang hoạt động ÷ tổng số xã, thôn.",
        "{name} = 100 × communes and villages with an active tech team ÷ all communes and villages.",
    ),
    m(
        "figure.explain_members",
        "{name} = số thành viên đang hoạt động của mọi tổ CNS cộng đồng trong đơn vị.",
        "{name} = the active members of every tech team inside the unit.",
    ),
    m(
        "figure.explain_members_commune",
        "{name} = số thành viên đang hoạt động của các tổ CNS cấp xã.",
        "{name} = the active members of commune-level tech teams.",
    ),
    m(
        "figure.explain_members_village",
        "{name} = số thành viên đang hoạt động của các tổ CNS cấp thôn.",
        "{name} = the active members of village-level tech teams.",
    ),
    m(
        "figure.explain_households",
        "{name} = số hộ đã đăng ký ở các thôn, tổ dân phố của đơn vị.",
        "{name} = the households registered in the unit's villages.",
    ),
    m(
        "figure.explain_orgs",
        "{name} = 100 × tổng số hội viên các chi hội trong nhóm Zalo ÷ tổng số hội viên (số mới nhất mỗi thôn đã nhập).",
        "{name} = 100 × association members in Zalo groups ÷ all association members (the latest numbers each village entered).",
    ),
    m(
        "figure.explain_adoption",
        "{name} = 100 × số hộ được ghi nhận “{kind}” ÷ tổng số hộ đã đăng ký.",
        "{name} = 100 × households recorded as “{kind}” ÷ all registered households.",
    ),
    // A name that is already words (an indicator's or a metric's).
    m("figure.named", "{name}", "{name}"),
    // The base codes of indicator formulas, inside a sentence.
    m(
        "figure.base_households",
        "số hộ đã đăng ký",
        "registered households",
    ),
    m(
        "figure.base_team_members",
        "số thành viên tổ CNS cộng đồng",
        "tech team members",
    ),
    m(
        "figure.base_team_members_commune",
        "số thành viên tổ CNS cấp xã",
        "commune-level tech team members",
    ),
    m(
        "figure.base_team_members_village",
        "số thành viên tổ CNS cấp thôn",
        "village-level tech team members",
    ),
    m(
        "figure.base_units_with_team",
        "số xã, thôn có tổ CNS cộng đồng",
        "communes and villages with a tech team",
    ),
    m(
        "figure.base_units_commune_village",
        "tổng số xã, thôn",
        "all communes and villages",
    ),
    m(
        "figure.base_adopt",
        "số hộ được ghi nhận “{kind}”",
        "households recorded as “{kind}”",
    ),
];
