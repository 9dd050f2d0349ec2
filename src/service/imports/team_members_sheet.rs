//! The team_members register's sheet: its columns, the words of its coded
//! columns (roles, affiliations) as a file writes them, its template and
//! its export. An export carries phone numbers; it is refused whole to
//! whoever may not see personal data, never written masked (a masked file
//! re-imported would blank the phones).

use chrono::NaiveDate;

use super::layout::{Column, Kind, Layout, Value};
use crate::domain::fold::search_key;
use crate::domain::metric::{AFFILIATIONS, TeamRole, affiliation_words};
use crate::domain::unit::{Level, UnitVersion};
use crate::error::{AppError, AppResult};
use crate::i18n::Lang;
use crate::i18n::messages::Msg;
use crate::io::sheet::ColumnSpec;
use crate::service::units::find;
use crate::service::{Actor, Ctx};
use crate::store::teams::{self as store, MemberRow, TeamRow};

/// The data sheet's name.
pub const DATA_SHEET: &str = "Thành viên tổ";

/// The team of a row (by its name; not needed when the unit has one team).
pub const TEAM: ColumnSpec = ColumnSpec {
    key: "team",
    names: &["Tổ", "Tên tổ", "Tổ công nghệ số"],
    required: false,
};

/// A member's own columns, after the team.
pub const MEMBER: &[ColumnSpec] = &[
    ColumnSpec {
        key: "full_name",
        names: &["Họ và tên", "Họ tên", "Tên thành viên"],
        required: true,
    },
    ColumnSpec {
        key: "role",
        names: &["Vai trò", "Chức danh", "Chức vụ trong tổ"],
        required: false,
    },
    ColumnSpec {
        key: "affiliation",
        names: &["Thành phần", "Đơn vị công tác", "Nguồn"],
        required: false,
    },
    super::columns::PHONE,
    ColumnSpec {
        key: "joined_on",
        names: &["Ngày tham gia", "Ngày vào tổ"],
        required: false,
    },
];

/// The words of the role column (the first is what the template offers
/// and an export writes), with the role.
const ROLES: &[(&str, TeamRole)] = &[
    ("tổ trưởng", TeamRole::Leader),
    ("tổ phó", TeamRole::Deputy),
    ("thành viên", TeamRole::Member),
];

/// The word a template and an export write for a role.
pub fn role_word(role: &str) -> &'static str {
    ROLES
        .iter()
        .find(|(_, r)| r.as_str() == role)
        .map_or("thành viên", |(w, _)| w)
}

/// The role a file names: by the template's word, by the role's name in
/// the catalogue ("Tổ viên"), or by its key, folded.
pub fn role_of(text: &str) -> Option<TeamRole> {
    let folded = search_key(text);
    ROLES.iter().map(|(w, r)| (*w, *r)).find_map(|(w, r)| {
        let names = [search_key(w), search_key(&r.words().render(Lang::Vi))];
        (names.contains(&folded) || r.as_str() == folded).then_some(r)
    })
}

/// The word of an affiliation (its Vietnamese name).
pub fn affiliation_word(key: &str) -> String {
    affiliation_words(key).render(Lang::Vi)
}

/// The affiliation a file names, by its Vietnamese name or its key, folded.
pub fn affiliation_of(text: &str) -> Option<&'static str> {
    let folded = search_key(text);
    AFFILIATIONS
        .iter()
        .find(|a| **a == folded || search_key(&affiliation_word(a)) == folded)
        .copied()
}

fn note(key: &str) -> String {
    match key {
        "team" => "Tên tổ công nghệ số của đơn vị. Bỏ trống được khi đơn vị chỉ có một tổ; \
                   đơn vị chưa có tổ thì tổ được lập với tên này."
            .into(),
        "full_name" => {
            "Bắt buộc. Họ và tên thành viên; tên đã có trong tổ thì dòng này cập nhật người đó."
                .into()
        }
        "role" => format!(
            "Chọn trong danh sách: {}. Để trống là thành viên (hoặc giữ vai trò đã có).",
            ROLES.iter().map(|(w, _)| *w).collect::<Vec<_>>().join(", ")
        ),
        "affiliation" => format!(
            "Chọn trong danh sách: {}. Để trống là Khác (hoặc giữ thành phần đã có).",
            affiliation_words_all().join(", ")
        ),
        "phone" => "Số điện thoại: chữ số, dấu cách hoặc +, tối đa 15 ký tự.".into(),
        "joined_on" => {
            "Ngày vào tổ, dạng 30/06/2022, không sau hôm nay. Để trống là ngày nhập.".into()
        }
        _ => String::new(),
    }
}

fn affiliation_words_all() -> Vec<String> {
    AFFILIATIONS.iter().map(|a| affiliation_word(a)).collect()
}

/// The sheet of `top` (a commune or a village) whose teams are `teams`.
fn layout_of(top: &UnitVersion, teams: &[TeamRow]) -> Layout {
    let names: Vec<String> = teams.iter().map(|t| t.name.clone()).collect();
    let team_kind = match names.is_empty() {
        true => Kind::Text,
        false => Kind::Choice(names),
    };
    let mut columns = vec![Column::new(TEAM, team_kind, 30.0, note("team"))];
    for spec in MEMBER {
        let (kind, width) = match spec.key {
            "full_name" => (Kind::Text, 28.0),
            "role" => (
                Kind::Choice(ROLES.iter().map(|(w, _)| (*w).to_owned()).collect()),
                14.0,
            ),
            "affiliation" => (Kind::Choice(affiliation_words_all()), 22.0),
            "joined_on" => (Kind::Date, 14.0),
            _ => (Kind::Text, 16.0),
        };
        columns.push(Column::new(*spec, kind, width, note(spec.key)));
    }
    let team = teams.first().map_or("Tổ CNS cộng đồng thôn Khe Bành", |t| {
        t.name.as_str()
    });
    let example = vec![
        Value::text(team),
        Value::text("Nguyễn Văn An"),
        Value::text("thành viên"),
        Value::text(affiliation_word("youth_union")),
        Value::text("0912345678"),
        Value::Date(NaiveDate::from_ymd_opt(2022, 6, 30).expect("a day")),
    ];
    Layout {
        title: "Mẫu nhập thành viên tổ công nghệ số cộng đồng".into(),
        sheet: DATA_SHEET,
        unit_word: match top.level {
            Level::Village => "Thôn",
            Level::Commune => "Xã",
            _ => "Đơn vị",
        },
        unit_name: top.full_name.clone(),
        unit_code: top.code.to_string(),
        columns,
        example,
        more: vec![
            "Mỗi dòng là một thành viên; cùng một người không ghi hai lần trong một tổ.".into(),
        ],
        stem: "thanh-vien-to-cns",
    }
}

/// The teams of the unit `unit_id` in force on `day`, with those of its
/// past versions (a village carried over a reorganisation keeps its team).
pub(super) async fn teams_of(ctx: &Ctx, unit_id: i64, day: NaiveDate) -> AppResult<Vec<TeamRow>> {
    let ids = ctx.hierarchy().with_past(unit_id);
    let mut teams = store::teams_of_units(ctx.db(), &ids).await?;
    teams.retain(|t| t.formed_on <= day && t.dissolved_on.is_none_or(|d| d > day));
    Ok(teams)
}

/// The current members of `teams` on `day` (joined, not left).
pub(super) async fn members_of(
    ctx: &Ctx,
    teams: &[TeamRow],
    day: NaiveDate,
) -> AppResult<Vec<MemberRow>> {
    let mut out = Vec::new();
    for t in teams {
        let members = store::members_of(ctx.db(), t.id).await?;
        out.extend(
            members
                .into_iter()
                .filter(|m| m.joined_on <= day && m.left_on.is_none()),
        );
    }
    Ok(out)
}

/// The sheet at `unit` for someone who may manage its teams.
pub(super) async fn layout(ctx: &Ctx, actor: &Actor, unit: &str) -> AppResult<Layout> {
    let day = ctx.today();
    let top = {
        let h = ctx.hierarchy();
        crate::service::teams::managed(&h, actor, unit, day)?
            .unit
            .clone()
    };
    let teams = teams_of(ctx, top.id, day).await?;
    Ok(layout_of(&top, &teams))
}

/// The current members of the unit's teams as a file that re-imports
/// unchanged. Read access as for the unit, and the personal data right
/// (`can_see_personal`), or the whole export is refused.
pub(super) async fn export(
    ctx: &Ctx,
    actor: &Actor,
    unit: &str,
) -> AppResult<(Layout, Vec<Vec<Value>>)> {
    let day = ctx.today();
    let top = {
        let h = ctx.hierarchy();
        let node = find(&h, actor, unit, day)?;
        if !actor.scope.can_see_personal(&h, &node) {
            return Err(AppError::Forbidden(
                Msg::new("import.team_members_export_personal").arg("unit", &node.unit.full_name),
            ));
        }
        node.unit.clone()
    };
    let teams = teams_of(ctx, top.id, day).await?;
    let mut members = members_of(ctx, &teams, day).await?;
    let name_of = |id: i64| {
        teams
            .iter()
            .find(|t| t.id == id)
            .map_or("", |t| t.name.as_str())
    };
    members.sort_by(|a, b| (a.team_id, &a.full_name).cmp(&(b.team_id, &b.full_name)));
    let rows = members
        .iter()
        .map(|m| {
            vec![
                Value::text(name_of(m.team_id)),
                Value::text(m.full_name.clone()),
                Value::text(role_word(&m.role)),
                Value::text(affiliation_word(&m.affiliation)),
                Value::text(m.phone.clone().unwrap_or_default()),
                Value::Date(m.joined_on),
            ]
        })
        .collect();
    Ok((layout_of(&top, &teams), rows))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_and_affiliations_read_back_from_their_words_and_keys() {
        for (word, role) in ROLES {
            assert_eq!(role_of(word), Some(*role));
            assert_eq!(role_of(&word.to_uppercase()), Some(*role));
            assert_eq!(role_of(role.as_str()), Some(*role));
            assert_eq!(role_of(role_word(role.as_str())), Some(*role));
        }
        assert_eq!(role_of("Tổ viên"), Some(TeamRole::Member));
        assert_eq!(role_of("to pho"), Some(TeamRole::Deputy));
        assert_eq!(role_of("trưởng thôn"), None);
        for a in AFFILIATIONS {
            assert_eq!(affiliation_of(&affiliation_word(a)), Some(a));
            assert_eq!(affiliation_of(a), Some(a));
        }
        assert_eq!(affiliation_of("cong an"), Some("police"));
        assert_eq!(affiliation_of("bộ đội"), None);
    }
}
