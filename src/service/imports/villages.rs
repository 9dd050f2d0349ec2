//! The villages register: a commune's villages (thôn, bản, tổ dân phố)
//! from a file. A row is known by its code when it gives one (a village
//! of this commune today), else by its name folded as the villages page
//! folds it; a known village with the same name and type is unchanged, a
//! new one is created through `villages::import_villages_audited` (the
//! same checks and numbering as the page), all in one transaction with
//! the import's audit entry. A row that would rename a village or change
//! its type is refused: that changes the administrative hierarchy and is
//! done on the unit's page, with its succession.

use std::collections::HashMap;

use super::layout::{Column, Kind, Layout, Value};
use super::read::{self, At, Refusal};
use super::{Counts, Register, Report, Source};
use crate::domain::fold::search_key;
use crate::domain::hierarchy::{Hierarchy, Node};
use crate::domain::unit::{Level, clean_name};
use crate::error::{AppError, AppResult};
use crate::i18n::messages::Msg;
use crate::io::sheet::ColumnSpec;
use crate::service::units::unit_path;
use crate::service::villages::{self as service, NewVillage, Taken};
use crate::service::{Actor, Ctx};

const NAME: ColumnSpec = ColumnSpec {
    key: "name",
    names: &[
        "Tên thôn, bản, tổ dân phố",
        "Tên thôn",
        "Tên thôn, bản",
        "Tên thôn/bản",
        "Thôn, bản, tổ dân phố",
        "Thôn, bản",
        "Thôn",
        "Tên",
    ],
    required: true,
};
const TYPE: ColumnSpec = ColumnSpec {
    key: "type",
    names: &["Loại", "Phân loại", "Loại thôn"],
    required: false,
};
const CODE: ColumnSpec = ColumnSpec {
    key: "code",
    names: &["Mã thôn", "Mã", "Mã đơn vị"],
    required: false,
};

/// Who may import villages at `unit`: an officer of that commune, as for
/// adding a village on its page.
pub(super) fn check_access(ctx: &Ctx, actor: &Actor, unit: &str) -> AppResult<()> {
    let h = ctx.hierarchy();
    service::commune_to_manage(&h, actor, unit, ctx.today()).map(|_| ())
}

/// The type word of the domain a file's word stands for (case and
/// diacritics forgiven).
fn type_word(word: &str) -> Option<&'static str> {
    let folded = search_key(word);
    Level::Village
        .types()
        .iter()
        .find(|t| search_key(t) == folded)
        .copied()
}

fn layout_at(commune: &Node<'_>) -> Layout {
    let types = Level::Village.types();
    let default = if commune.unit.unit_type == "xã" {
        "thôn"
    } else {
        "tổ dân phố"
    };
    let columns = vec![
        Column::new(
            NAME,
            Kind::Text,
            30.0,
            "Bắt buộc. Tên thôn, không kèm chữ “Thôn”, “Bản” (như Khe Bành); tối đa 100 ký tự.",
        ),
        Column::new(
            TYPE,
            Kind::Choice(types.iter().map(|t| (*t).to_owned()).collect()),
            16.0,
            format!(
                "Chọn trong danh sách: {}. Để trống là {default}.",
                types.join(", ")
            ),
        ),
        Column::new(
            CODE,
            Kind::Text,
            14.0,
            "Mã thôn hệ thống đã cấp (có trong bản xuất). Để trống khi thêm thôn mới: hệ thống cấp mã.",
        ),
    ];
    Layout {
        title: "Mẫu nhập danh sách thôn, bản, tổ dân phố".into(),
        sheet: "Thôn, bản",
        unit_word: "Xã",
        unit_name: commune.unit.full_name.clone(),
        unit_code: commune.unit.code.to_string(),
        columns,
        example: vec![Value::text("Nà Lừa"), Value::text("bản"), Value::Empty],
        more: vec![
            "Thôn đã có (cùng mã, hoặc cùng tên khi để trống mã) được giữ nguyên; thôn chưa có được thêm mới.".into(),
            "Tệp không đổi tên hay loại của thôn đã có: việc đó làm trên trang của đơn vị.".into(),
        ],
        stem: "thon-ban",
    }
}

pub(super) async fn layout(ctx: &Ctx, actor: &Actor, unit: &str) -> AppResult<Layout> {
    let h = ctx.hierarchy();
    let commune = service::commune_to_manage(&h, actor, unit, ctx.today())?;
    Ok(layout_at(&commune))
}

/// The commune's villages today (name, type, code), which re-import
/// unchanged.
pub(super) async fn export(
    ctx: &Ctx,
    actor: &Actor,
    unit: &str,
) -> AppResult<(Layout, Vec<Vec<Value>>)> {
    let h = ctx.hierarchy();
    let commune = service::commune_to_manage(&h, actor, unit, ctx.today())?;
    let rows = h
        .children(&commune)
        .iter()
        .map(|v| {
            vec![
                Value::text(v.unit.name.clone()),
                Value::text(v.unit.unit_type.clone()),
                Value::text(v.unit.code.to_string()),
            ]
        })
        .collect();
    Ok((layout_at(&commune), rows))
}

/// A village of the commune today: code, name, type.
struct Existing {
    code: String,
    name: String,
    unit_type: String,
}

/// What the commune holds, to compare each row with.
struct Known<'h> {
    commune: Node<'h>,
    by_code: HashMap<String, usize>,
    by_name: HashMap<String, usize>,
    villages: Vec<Existing>,
    /// Names and numbers taken, the file's new villages included.
    taken: Taken,
}

impl<'h> Known<'h> {
    fn of(h: &'h Hierarchy, commune: Node<'h>) -> Self {
        let villages: Vec<Existing> = h
            .children(&commune)
            .iter()
            .map(|v| Existing {
                code: v.unit.code.to_string(),
                name: v.unit.name.clone(),
                unit_type: v.unit.unit_type.clone(),
            })
            .collect();
        let by_code = villages
            .iter()
            .enumerate()
            .map(|(i, v)| (v.code.clone(), i))
            .collect();
        let by_name = villages
            .iter()
            .enumerate()
            .map(|(i, v)| (search_key(&v.name), i))
            .collect();
        let taken = service::existing_villages(h, &commune);
        Known {
            commune,
            by_code,
            by_name,
            villages,
            taken,
        }
    }
}

/// A service error as a refusal of the row, on the column it names.
fn refused(at: &At<'_>, e: AppError) -> Refusal {
    let told = e.told();
    let key = match told.field.as_deref() {
        Some("type") => "type",
        _ => "name",
    };
    at.refuse(key, told.code, told.msg)
}

/// One data row: a new village, or `None` for one the commune has.
fn planned(
    at: &At<'_>,
    known: &mut Known<'_>,
    seen: &mut HashMap<String, u32>,
) -> Result<Option<NewVillage>, Refusal> {
    let name = at.required("name")?;
    let name = clean_name("name", &name).map_err(|e| refused(at, e.into()))?;
    let unit_type = match at.text("type") {
        None => None,
        Some(w) => Some(type_word(&w).ok_or_else(|| {
            let msg = Msg::new("import.villages_type")
                .arg("types", Level::Village.types().join(", "))
                .arg("value", &w);
            at.refuse("type", "choice", msg)
        })?),
    };
    let folded = search_key(&name);
    if let Some(first) = seen.get(&folded) {
        let msg = Msg::new("import.villages_name_twice")
            .arg("name", &name)
            .arg("first", first);
        return Err(at.refuse("name", "duplicate", msg));
    }
    seen.insert(folded.clone(), at.row.number);
    let same_type = |v: &Existing| unit_type.is_none_or(|t| t == v.unit_type);
    let rename = |v: &Existing, key: &str| {
        let msg = Msg::new("import.villages_rename")
            .arg("code", &v.code)
            .arg("type", &v.unit_type)
            .arg("name", &v.name);
        at.refuse(key, "rename", msg)
    };
    if let Some(code) = at.text("code") {
        let Some(v) = known.by_code.get(&code).map(|i| &known.villages[*i]) else {
            let msg = Msg::new("import.villages_code_unknown")
                .arg("value", &code)
                .arg("unit", &known.commune.unit.full_name);
            return Err(at.refuse("code", "not_found", msg));
        };
        if v.name != name || !same_type(v) {
            return Err(rename(v, "code"));
        }
        return Ok(None);
    }
    if let Some(v) = known.by_name.get(&folded).map(|i| &known.villages[*i]) {
        return if same_type(v) {
            Ok(None)
        } else {
            Err(rename(v, "type"))
        };
    }
    let input = NewVillage {
        name,
        unit_type: unit_type.map(str::to_owned),
        ..NewVillage::default()
    };
    service::village_version(&known.commune, &input, &mut known.taken)
        .map_err(|e| refused(at, e))?;
    Ok(Some(input))
}

pub(super) async fn import(
    ctx: &Ctx,
    actor: &Actor,
    unit: &str,
    src: &Source,
    bytes: &[u8],
    dry_run: bool,
) -> AppResult<Report> {
    let day = ctx.today();
    let mut plan: Vec<Option<NewVillage>> = Vec::new();
    let mut errors = Vec::new();
    let (sheet, code, path) = {
        let h = ctx.hierarchy();
        let commune = service::commune_to_manage(&h, actor, unit, day)?;
        let (code, path) = (commune.unit.code.to_string(), unit_path(&h, &commune));
        let mut known = Known::of(&h, commune);
        let mut seen = HashMap::new();
        let specs = [NAME, TYPE, CODE];
        let sheet = read::of_source(src, bytes, &specs, |sheet, row| {
            match planned(&At::new(sheet, row), &mut known, &mut seen) {
                Ok(p) => plan.push(p),
                Err(e) => errors.push(*e),
            }
            Ok(())
        })?;
        (sheet, code, path)
    };
    let items: Vec<(String, NewVillage)> = plan
        .iter()
        .flatten()
        .map(|v| (code.clone(), v.clone()))
        .collect();
    let counts = Counts {
        rows: plan.len(),
        created: items.len(),
        updated: 0,
    };
    let register = Register::Villages;
    let encoding = sheet.encoding;
    let mut report = Report::of(register, unit, dry_run, encoding, counts, errors, bytes);
    if !report.writes() {
        return Ok(report);
    }
    super::before_write(ctx, actor, &mut report, bytes).await?;
    let change = super::audited(&report, &src.name, "unit", Some(path));
    service::import_villages_audited(ctx, actor, day, &items, Some(change)).await?;
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_words_are_read_as_the_domain_writes_them() {
        assert_eq!(type_word("Thôn"), Some("thôn"));
        assert_eq!(type_word(" to dan pho "), Some("tổ dân phố"));
        assert_eq!(type_word("BẢN"), Some("bản"));
        assert_eq!(type_word("xóm"), None);
        for t in Level::Village.types() {
            assert_eq!(type_word(t), Some(*t));
        }
    }

    #[test]
    fn no_header_names_two_columns() {
        let mut all: Vec<String> = [NAME, TYPE, CODE]
            .iter()
            .flat_map(|s| s.names.iter().map(|n| search_key(n)))
            .collect();
        let n = all.len();
        all.sort();
        all.dedup();
        assert_eq!(all.len(), n, "a synonym shared by two columns");
    }
}
