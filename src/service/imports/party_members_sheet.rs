//! The party_members register's sheet: the cells a person may run under a
//! unit (who may import or export there, as `party::add_member` decides),
//! its columns, the words of positions and statuses as a file writes them,
//! its template and its export.

use chrono::NaiveDate;

use super::layout::{Column, Kind, Layout, Value};
use crate::domain::fold::search_key;
use crate::domain::party::{self as rules, MemberStatus, OrgKind, Position};
use crate::domain::unit::{Level, UnitVersion};
use crate::error::{AppError, AppResult};
use crate::i18n::messages::Msg;
use crate::io::sheet::ColumnSpec;
use crate::service::party::viewer;
use crate::service::units::{find_open, unit_path};
use crate::service::{Actor, Ctx};
use crate::store::party::{self as store, MemberRow, OrgRow};

/// The data sheet's name.
pub const DATA_SHEET: &str = "Đảng viên";

pub const COLUMNS: &[ColumnSpec] = &[
    ColumnSpec {
        key: "cell",
        names: &["Chi bộ", "Tên chi bộ"],
        required: false,
    },
    ColumnSpec {
        key: "full_name",
        names: &["Họ và tên", "Họ tên", "Tên đảng viên"],
        required: true,
    },
    ColumnSpec {
        key: "position",
        names: &["Chức vụ", "Chức vụ trong chi bộ"],
        required: false,
    },
    ColumnSpec {
        key: "status",
        names: &["Loại đảng viên", "Đảng viên chính thức/dự bị"],
        required: false,
    },
    ColumnSpec {
        key: "joined_on",
        names: &["Ngày vào Đảng", "Ngày kết nạp"],
        required: true,
    },
    ColumnSpec {
        key: "from_date",
        names: &["Sinh hoạt từ ngày", "Ngày sinh hoạt tại chi bộ"],
        required: false,
    },
];

/// The words of the position column (what the template offers and an
/// export writes).
const POSITIONS: &[(&str, Position)] = &[
    ("Bí thư", Position::Secretary),
    ("Phó bí thư", Position::Deputy),
    ("Đảng viên", Position::Member),
];

/// The words of the status column.
const STATUSES: &[(&str, MemberStatus)] = &[
    ("Chính thức", MemberStatus::Official),
    ("Dự bị", MemberStatus::Probationary),
];

pub fn position_word(p: Position) -> &'static str {
    POSITIONS
        .iter()
        .find(|(_, x)| *x == p)
        .map_or("", |(w, _)| w)
}

pub fn status_word(s: MemberStatus) -> &'static str {
    STATUSES
        .iter()
        .find(|(_, x)| *x == s)
        .map_or("", |(w, _)| w)
}

/// The position a file names: by its word or its key, folded.
pub fn position_of(text: &str) -> Option<Position> {
    let folded = search_key(text);
    POSITIONS
        .iter()
        .find(|(w, p)| search_key(w) == folded || p.as_str() == folded)
        .map(|(_, p)| *p)
}

/// The status a file names: by its word or its key, folded.
pub fn status_of(text: &str) -> Option<MemberStatus> {
    let folded = search_key(text);
    STATUSES
        .iter()
        .find(|(w, s)| search_key(w) == folded || s.as_str() == folded)
        .map(|(_, s)| *s)
}

/// The unit of an import and the cells the person may run under it.
pub(super) struct Cells {
    pub unit: UnitVersion,
    pub path: String,
    pub cells: Vec<OrgRow>,
}

impl Cells {
    /// The cells' names, for a message.
    pub fn names(&self) -> String {
        let names: Vec<&str> = self.cells.iter().map(|c| c.name.as_str()).collect();
        names.join(", ")
    }
}

fn valid_on(o: &OrgRow, day: NaiveDate) -> bool {
    o.valid_from <= day && o.valid_to.is_none_or(|to| to >= day)
}

/// The cells under `unit` today (tied to it, or under a committee tied to
/// it) that the actor may run: admins all of them; otherwise those whose
/// secretary or deputy the person is, or of the organisation just above,
/// as `party::add_member` decides. State grants count for nothing here:
/// a person who may run none of them is refused.
pub(super) async fn cells(ctx: &Ctx, actor: &Actor, unit: &str) -> AppResult<Cells> {
    let day = ctx.today();
    // An admin needs no membership (the command line's operator has no
    // account); anyone else is asked for their memberships today.
    let admin = actor.scope.is_admin();
    let memberships = match admin {
        true => Vec::new(),
        false => viewer(ctx, actor, day).await?.memberships,
    };
    let (top, path, ids) = {
        let h = ctx.hierarchy();
        let node = find_open(&h, unit, day)?;
        (
            node.unit.clone(),
            unit_path(&h, &node),
            h.with_past(node.unit.id),
        )
    };
    let mut orgs = Vec::new();
    for id in ids {
        orgs.extend(store::orgs_of_unit(ctx.db(), id).await?);
    }
    orgs.retain(|o| valid_on(o, day));
    let committees: Vec<i64> = orgs
        .iter()
        .filter(|o| o.kind != OrgKind::Cell)
        .map(|o| o.id)
        .collect();
    orgs.extend(store::children_of(ctx.db(), &committees, day).await?);
    orgs.retain(|o| o.kind == OrgKind::Cell);
    orgs.sort_by(|a, b| (&a.name, a.id).cmp(&(&b.name, b.id)));
    orgs.dedup_by_key(|o| o.id);
    orgs.retain(|o| {
        admin
            || rules::may_run(&memberships, o.id)
            || o.parent_id.is_some_and(|p| rules::may_run(&memberships, p))
    });
    if orgs.is_empty() {
        let msg = Msg::new(match admin {
            true => "import.party_no_cells",
            false => "import.party_forbidden",
        })
        .arg("unit", &top.full_name);
        return Err(match admin {
            true => AppError::invalid("unit", msg),
            false => AppError::Forbidden(msg),
        });
    }
    Ok(Cells {
        unit: top,
        path,
        cells: orgs,
    })
}

/// The current members of `cells` today, by cell then as the handbook
/// lists them (secretaries first, then by name).
pub(super) async fn members_of(ctx: &Ctx, cells: &[OrgRow]) -> AppResult<Vec<MemberRow>> {
    let mut out = Vec::new();
    for c in cells {
        out.extend(store::members_of(ctx.db(), c.id, ctx.today()).await?);
    }
    Ok(out)
}

fn words(list: &[(&str, impl Copy)]) -> Vec<String> {
    list.iter().map(|(w, _)| (*w).to_owned()).collect()
}

fn note(key: &str) -> String {
    match key {
        "cell" => {
            "Tên chi bộ, đúng như trong sổ tay đảng viên. Bỏ trống được khi chỉ có một chi bộ."
                .into()
        }
        "full_name" => "Bắt buộc. Họ và tên đảng viên; tên đã có trong chi bộ thì dòng này \
                        cập nhật chức vụ, loại đảng viên của người đó."
            .into(),
        "position" => format!(
            "Chọn trong danh sách: {}. Để trống là Đảng viên (hoặc giữ chức vụ đã có).",
            words(POSITIONS).join(", ")
        ),
        "status" => format!(
            "Chọn trong danh sách: {}. Để trống là Chính thức (hoặc giữ loại đã có).",
            words(STATUSES).join(", ")
        ),
        "joined_on" => "Bắt buộc. Ngày vào Đảng, dạng 30/06/2022.".into(),
        "from_date" => "Ngày bắt đầu sinh hoạt tại chi bộ, không trước ngày vào Đảng. \
                        Để trống là ngày nhập."
            .into(),
        _ => String::new(),
    }
}

fn layout_of(c: &Cells) -> Layout {
    let mut columns = Vec::new();
    for spec in COLUMNS {
        let (kind, width) = match spec.key {
            "cell" => (
                Kind::Choice(c.cells.iter().map(|o| o.name.clone()).collect()),
                30.0,
            ),
            "full_name" => (Kind::Text, 28.0),
            "position" => (Kind::Choice(words(POSITIONS)), 14.0),
            "status" => (Kind::Choice(words(STATUSES)), 14.0),
            _ => (Kind::Date, 14.0),
        };
        columns.push(Column::new(*spec, kind, width, note(spec.key)));
    }
    let cell = c.cells.first().map_or("Chi bộ thôn", |o| o.name.as_str());
    let example = vec![
        Value::text(cell),
        Value::text("Nguyễn Văn An"),
        Value::text("Đảng viên"),
        Value::text("Chính thức"),
        Value::Date(NaiveDate::from_ymd_opt(2015, 5, 19).expect("a day")),
        Value::Date(NaiveDate::from_ymd_opt(2022, 6, 30).expect("a day")),
    ];
    Layout {
        title: "Mẫu nhập đảng viên của chi bộ".into(),
        sheet: DATA_SHEET,
        unit_word: match c.unit.level {
            Level::Village => "Thôn",
            Level::Commune => "Xã",
            _ => "Đơn vị",
        },
        unit_name: c.unit.full_name.clone(),
        unit_code: c.unit.code.to_string(),
        columns,
        example,
        more: vec![
            "Mỗi dòng là một đảng viên; cùng một người không ghi hai lần trong một chi bộ.".into(),
            "Ngày vào Đảng và ngày sinh hoạt của đảng viên đã có chỉ sửa trong sổ tay đảng viên."
                .into(),
        ],
        stem: "dang-vien",
    }
}

pub(super) async fn layout(ctx: &Ctx, actor: &Actor, unit: &str) -> AppResult<Layout> {
    Ok(layout_of(&cells(ctx, actor, unit).await?))
}

/// The current members of the cells the person runs as a file that
/// re-imports unchanged; refused whole to anyone else.
pub(super) async fn export(
    ctx: &Ctx,
    actor: &Actor,
    unit: &str,
) -> AppResult<(Layout, Vec<Vec<Value>>)> {
    let c = cells(ctx, actor, unit).await?;
    let members = members_of(ctx, &c.cells).await?;
    let name_of = |id: i64| {
        c.cells
            .iter()
            .find(|o| o.id == id)
            .map_or("", |o| o.name.as_str())
    };
    let rows = members
        .iter()
        .map(|m| {
            vec![
                Value::text(name_of(m.org_id)),
                Value::text(m.full_name.clone()),
                Value::text(position_word(m.position)),
                Value::text(status_word(m.status)),
                Value::Date(m.joined_on),
                Value::Date(m.from_date),
            ]
        })
        .collect();
    Ok((layout_of(&c), rows))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_and_statuses_read_back_from_their_words_and_keys() {
        for (word, p) in POSITIONS {
            assert_eq!(position_of(word), Some(*p));
            assert_eq!(position_of(&word.to_uppercase()), Some(*p));
            assert_eq!(position_of(p.as_str()), Some(*p));
            assert_eq!(position_of(position_word(*p)), Some(*p));
        }
        for (word, s) in STATUSES {
            assert_eq!(status_of(word), Some(*s));
            assert_eq!(status_of(s.as_str()), Some(*s));
            assert_eq!(status_of(status_word(*s)), Some(*s));
        }
        assert_eq!(position_of("pho bi thu"), Some(Position::Deputy));
        assert_eq!(position_of("chủ tịch"), None);
        assert_eq!(status_of("du bi"), Some(MemberStatus::Probationary));
        assert_eq!(status_of("dự khuyết"), None);
    }
}
