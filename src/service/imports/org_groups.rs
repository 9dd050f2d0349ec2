//! The mass-organisation group figures register: one row per village,
//! period and organisation (Hội Phụ nữ, Hội Nông dân, Hội Cựu chiến binh,
//! Đoàn thanh niên…), with its members and how many of them are in the
//! organisation's group chat, as the organisations' branches report them.
//! The organisations are those the programme counts: each pair of metrics
//! `org_members_<org>` and `org_in_group_<org>`; a row writes those two
//! values through the same checks as the values register (the unit's
//! level, the range, the rule that the group cannot outnumber the members).

use std::collections::HashMap;

use super::layout::{Column, Kind, Layout, Value};
use super::read::{self, At};
use super::value_rows::{
    Rows, Rules, export_units, once_per, plan_values, reach, unit_columns, unit_period,
};
use super::{Report, Source};
use crate::domain::fold::search_key;
use crate::domain::period::Period;
use crate::error::{AppError, AppResult};
use crate::i18n::messages::Msg;
use crate::io::sheet::ColumnSpec;
use crate::service::units::find;
use crate::service::{Actor, Ctx};

const ORG: ColumnSpec = ColumnSpec {
    key: "org",
    names: &[
        "Tổ chức",
        "Chi hội, đoàn thể",
        "Đoàn thể",
        "Chi hội",
        "Tổ chức hội",
    ],
    required: true,
};
const MEMBERS: ColumnSpec = ColumnSpec {
    key: "members",
    names: &[
        "Số hội viên",
        "Hội viên",
        "Số đoàn viên",
        "Tổng số hội viên",
    ],
    required: false,
};
const IN_GROUP: ColumnSpec = ColumnSpec {
    key: "in_group",
    names: &[
        "Số trong nhóm Zalo",
        "Trong nhóm Zalo",
        "Tham gia nhóm Zalo",
        "Số hội viên trong nhóm Zalo",
    ],
    required: false,
};

/// An organisation the programme counts: its key, the word a sheet writes
/// for it, and its two metrics (members, in the group chat).
struct Org {
    key: String,
    word: String,
    names: Vec<String>,
    members: i64,
    in_group: i64,
}

/// The organisations: every `org_members_<org>` with its
/// `org_in_group_<org>`, named after the members metric ("Hội viên Hội
/// Phụ nữ" is written "Hội Phụ nữ").
fn orgs(ctx: &Ctx) -> Vec<Org> {
    let state = ctx.figures();
    state
        .metrics()
        .iter()
        .filter_map(|(id, m)| {
            let key = m.code.strip_prefix("org_members_")?;
            let (in_group, _) = state.metric(&format!("org_in_group_{key}"))?;
            let word = m.name_vi.strip_prefix("Hội viên ").unwrap_or(&m.name_vi);
            Some(Org {
                key: key.to_owned(),
                word: word.to_owned(),
                names: vec![
                    search_key(word),
                    search_key(&m.name_vi),
                    search_key(&m.name_en),
                    key.to_owned(),
                ],
                members: *id,
                in_group: *in_group,
            })
        })
        .collect()
}

/// A row of an export: the period and the organisation (its index).
type OrgRow = (Period, usize);

/// Who may import group figures at `unit`: whoever may enter values there.
pub(super) fn check_access(ctx: &Ctx, actor: &Actor, unit: &str) -> AppResult<()> {
    super::values::check_access(ctx, actor, unit)
}

fn layout_with(top: (&str, &str), orgs: &[Org]) -> Layout {
    let mut columns = unit_columns();
    columns.push(Column::new(
        ORG,
        Kind::Choice(orgs.iter().map(|o| o.word.clone()).collect()),
        24.0,
        "Bắt buộc. Tổ chức, chọn trong danh sách.",
    ));
    columns.push(Column::new(
        MEMBERS,
        Kind::Whole,
        14.0,
        "Số hội viên (đoàn viên) của chi hội ở thôn: số nguyên.",
    ));
    columns.push(Column::new(
        IN_GROUP,
        Kind::Whole,
        14.0,
        "Số hội viên đã vào nhóm Zalo của chi hội: không lớn hơn số hội viên.",
    ));
    let example = vec![
        Value::text("04387001"),
        Value::text("Thôn Khe Bành"),
        Value::text("2022-06"),
        Value::text(orgs.first().map_or("Hội Phụ nữ", |o| o.word.as_str())),
        Value::Number(42.0),
        Value::Number(40.0),
    ];
    Layout {
        title: "Mẫu nhập số liệu chi hội, đoàn thể".into(),
        sheet: "Chi hội",
        unit_word: "Đơn vị",
        unit_name: top.0.to_owned(),
        unit_code: top.1.to_owned(),
        columns,
        example,
        more: vec![
            "Mỗi dòng là một chi hội của một thôn trong một kỳ.".into(),
            "Số khác số đã nhập là sửa số liệu; số giống số đã nhập thì không đổi.".into(),
        ],
        stem: "chi-hoi",
    }
}

pub(super) async fn layout(ctx: &Ctx, actor: &Actor, unit: &str) -> AppResult<Layout> {
    check_access(ctx, actor, unit)?;
    let orgs = orgs(ctx);
    if orgs.is_empty() {
        return Err(AppError::invalid("register", Msg::new("import.no_orgs")));
    }
    let h = ctx.hierarchy();
    let top = find(&h, actor, unit, ctx.today())?;
    Ok(layout_with(
        (&top.unit.full_name, top.unit.code.as_str()),
        &orgs,
    ))
}

/// Every organisation's figures at the villages under `unit`: one row per
/// village, period and organisation.
pub(super) async fn export(
    ctx: &Ctx,
    actor: &Actor,
    unit: &str,
) -> AppResult<(Layout, Vec<Vec<Value>>)> {
    let layout = layout(ctx, actor, unit).await?;
    let orgs = orgs(ctx);
    let mut out = Vec::new();
    for (id, code, name) in export_units(ctx, actor, unit)? {
        let entered = ctx.figures().values_at(id);
        let mut rows: Vec<(OrgRow, [Option<f64>; 2])> = Vec::new();
        for (metric, period, value) in entered {
            let Some((i, side)) = orgs.iter().enumerate().find_map(|(i, o)| {
                (o.members == metric)
                    .then_some((i, 0))
                    .or((o.in_group == metric).then_some((i, 1)))
            }) else {
                continue;
            };
            let at = match rows.iter().position(|(k, _)| *k == (period, i)) {
                Some(at) => at,
                None => {
                    rows.push(((period, i), [None, None]));
                    rows.len() - 1
                }
            };
            rows[at].1[side] = Some(value);
        }
        rows.sort_by_key(|((p, i), _)| (p.start(), p.end(), *i));
        out.extend(rows.into_iter().map(|((period, i), [members, in_group])| {
            vec![
                Value::text(code.clone()),
                Value::text(name.clone()),
                Value::text(period.to_string()),
                Value::text(orgs[i].word.clone()),
                Value::number(members),
                Value::number(in_group),
            ]
        }));
    }
    Ok((layout, out))
}

pub(super) async fn import(
    ctx: &Ctx,
    actor: &Actor,
    unit: &str,
    src: &Source,
    bytes: &[u8],
    dry_run: bool,
) -> AppResult<Report> {
    let layout = layout(ctx, actor, unit).await?;
    let orgs = orgs(ctx);
    let by_name: HashMap<&str, &Org> = orgs
        .iter()
        .flat_map(|o| o.names.iter().map(move |n| (n.as_str(), o)))
        .collect();
    let words: Vec<&str> = orgs.iter().map(|o| o.word.as_str()).collect();
    let rules = Rules::load(ctx).await?;
    let reach = reach(ctx, actor, unit)?;
    let mut rows = Rows::new(ctx.today());
    let mut seen: HashMap<(i64, Period, String), u32> = HashMap::new();
    let sheet = read::of_source(src, bytes, &layout.specs(), |sheet, row| {
        let at = At::new(sheet, row);
        let planned = (|| {
            let (node, period) =
                unit_period(ctx, actor, (unit, &reach), &at, rows.today).map_err(|e| vec![e])?;
            let word = at.required("org").map_err(|e| vec![e])?;
            let Some(org) = by_name.get(search_key(&word).as_str()) else {
                let msg = Msg::new("import.org_unknown")
                    .arg("value", &word)
                    .arg("choices", words.join(", "));
                return Err(vec![at.refuse("org", "choice", msg)]);
            };
            let key = (node.id, period, org.key.clone());
            once_per(&mut seen, key, &at, &node.code, period).map_err(|e| vec![e])?;
            let mut cells = Vec::new();
            let mut bad = Vec::new();
            for (key, metric) in [("members", org.members), ("in_group", org.in_group)] {
                match at.whole(key) {
                    Ok(Some(n)) => cells.push((key, metric, n as f64)),
                    Ok(None) => {}
                    Err(e) => bad.push(e),
                }
            }
            if !bad.is_empty() {
                return Err(bad);
            }
            let state = ctx.figures();
            plan_values(&state, actor, &at, &node, period, &cells, &rules)
        })();
        rows.add(planned);
        Ok(())
    })?;
    let register = super::Register::OrgGroups;
    rows.finish(
        ctx,
        actor,
        (register, unit),
        src,
        bytes,
        dry_run,
        sheet.encoding,
    )
    .await
}
