//! The criteria values register: a commune's self-assessment of the
//! manual criteria (those the records cannot give) of the commune set
//! that applies to it today, one row per criterion. A row whose value,
//! note and evidence equal the latest self-assessed ones is unchanged;
//! otherwise it is entered through `criteria::enter_values_audited` (the
//! page's rules and audit), all rows and the import's audit entry in one
//! transaction: a new value is created, a different one updated.

use std::collections::HashMap;

use chrono::Datelike;

use super::layout::{Column, Kind, Layout, Value};
use super::read::{self, At, Refusal};
use super::{Counts, Register, Report, Source};
use crate::domain::criteria::{CriterionDef, Scoring, SetKind};
use crate::error::{AppError, AppResult};
use crate::i18n::messages::Msg;
use crate::io::sheet::{ColumnSpec, NumberStyle};
use crate::service::criteria::{self, SetView, Stage, ValueInput, check_value};
use crate::service::units::{find, unit_path};
use crate::service::{Actor, Ctx};
use crate::store::criteria as store;

const CODE: ColumnSpec = ColumnSpec {
    key: "code",
    names: &["Mã tiêu chí", "Mã", "Mã chỉ tiêu"],
    required: true,
};
const NAME: ColumnSpec = ColumnSpec {
    key: "name",
    names: &["Tên tiêu chí", "Tiêu chí", "Nội dung"],
    required: false,
};
const VALUE: ColumnSpec = ColumnSpec {
    key: "value",
    names: &["Giá trị", "Kết quả", "Số liệu", "Giá trị tự đánh giá"],
    required: true,
};
const NOTE: ColumnSpec = ColumnSpec {
    key: "note",
    names: &["Ghi chú", "Thuyết minh"],
    required: false,
};
const EVIDENCE: ColumnSpec = ColumnSpec {
    key: "evidence",
    names: &["Minh chứng", "Đường dẫn minh chứng", "Liên kết minh chứng"],
    required: false,
};

/// The commune `unit` for someone who may enter its self-assessment.
fn commune<'h>(
    h: &'h crate::domain::hierarchy::Hierarchy,
    actor: &Actor,
    unit: &str,
    day: chrono::NaiveDate,
) -> AppResult<crate::domain::hierarchy::Node<'h>> {
    let node = find(h, actor, unit, day)?;
    criteria::explain::recognised_here(&node)?;
    if !actor.scope.can_manage(h, &node) {
        return Err(AppError::Forbidden(
            Msg::new("criteria.own_assessment_forbidden").arg("unit", &node.unit.full_name),
        ));
    }
    Ok(node)
}

pub(super) fn check_access(ctx: &Ctx, actor: &Actor, unit: &str) -> AppResult<()> {
    commune(&ctx.hierarchy(), actor, unit, ctx.today()).map(|_| ())
}

/// The commune, and the newest commune set that applies to it today.
async fn current_set(ctx: &Ctx, actor: &Actor, unit: &str) -> AppResult<(i64, String, SetView)> {
    let day = ctx.today();
    let (id, name) = {
        let h = ctx.hierarchy();
        let n = commune(&h, actor, unit, day)?;
        (n.unit.id, n.unit.full_name.clone())
    };
    let mut years: Vec<i64> = criteria::list_sets(ctx)
        .await?
        .iter()
        .filter(|s| s.kind() == SetKind::Commune && s.row.year <= i64::from(day.year()))
        .map(|s| s.row.year)
        .collect();
    years.sort_unstable_by(|a, b| b.cmp(a));
    years.dedup();
    for year in years {
        if let Some(set) = criteria::set_for(ctx, SetKind::Commune, year, id, day).await? {
            return Ok((id, name, set));
        }
    }
    Err(AppError::NotFound(
        Msg::new("criteria.no_commune_set")
            .arg("year", day.format("%Y"))
            .arg("code", unit),
    ))
}

/// The criteria a commune enters itself.
fn manual(set: &SetView) -> impl Iterator<Item = &CriterionDef> {
    set.definition
        .criteria
        .iter()
        .filter(|c| c.source.is_none())
}

/// What a value of the criterion is, for the notes sheet.
fn what(c: &CriterionDef) -> String {
    let rule = match &c.scoring {
        Scoring::YesNo => "1 là đạt, 0 là chưa".to_owned(),
        Scoring::Steps { steps } => {
            let at: Vec<String> = steps.iter().map(|s| s.at.to_string()).collect();
            format!("số, các mốc {}", at.join("; "))
        }
        Scoring::Ratio { of } => format!("số, so với {of}"),
    };
    format!(
        "{}: {} ({rule}; tối đa {} điểm).",
        c.code, c.name_vi, c.max_points
    )
}

fn layout_at(name: &str, code: &str, set: &SetView) -> Layout {
    let codes: Vec<String> = manual(set).map(|c| c.code.clone()).collect();
    let columns = vec![
        Column::new(
            CODE,
            Kind::Choice(codes),
            14.0,
            "Bắt buộc. Mã tiêu chí nhập tay, chọn trong danh sách.",
        ),
        Column::new(
            NAME,
            Kind::Text,
            40.0,
            "Tên tiêu chí, để dễ đọc; hệ thống dùng mã.",
        ),
        Column::new(
            VALUE,
            Kind::Decimal,
            12.0,
            "Bắt buộc. Giá trị tự đánh giá: số từ 0 trở lên.",
        ),
        Column::new(NOTE, Kind::Text, 30.0, "Ghi chú, thuyết minh."),
        Column::new(
            EVIDENCE,
            Kind::Text,
            36.0,
            "Đường dẫn minh chứng, bắt đầu bằng https://",
        ),
    ];
    let first = manual(set).next();
    let mut more = vec![format!(
        "Bộ tiêu chí {} ({}), các tiêu chí nhập tay:",
        set.row.code, set.row.name_vi
    )];
    more.extend(manual(set).map(what));
    Layout {
        title: "Mẫu nhập giá trị tiêu chí tự đánh giá".into(),
        sheet: "Tiêu chí",
        unit_word: "Xã",
        unit_name: name.to_owned(),
        unit_code: code.to_owned(),
        columns,
        example: vec![
            Value::text(first.map_or("", |c| c.code.as_str())),
            Value::text(first.map_or("", |c| c.name_vi.as_str())),
            Value::Number(1.0),
            Value::text("Báo cáo của UBND xã"),
            Value::text("https://example.gov.vn/bao-cao.pdf"),
        ],
        more,
        stem: "tieu-chi",
    }
}

pub(super) async fn layout(ctx: &Ctx, actor: &Actor, unit: &str) -> AppResult<Layout> {
    let (_, name, set) = current_set(ctx, actor, unit).await?;
    Ok(layout_at(&name, unit.trim(), &set))
}

/// The latest self-assessed value of each criterion of the set at the
/// commune (and the units it continues).
async fn own_values(
    ctx: &Ctx,
    set: &SetView,
    unit_id: i64,
) -> AppResult<HashMap<String, store::ValueRow>> {
    let ids = ctx.hierarchy().with_past(unit_id);
    let rows = store::values_of(ctx.db(), set.row.id, &ids).await?;
    Ok(rows
        .into_iter()
        .filter(|r| r.stage == Stage::OwnAssessment.as_str())
        .map(|r| (r.criterion.clone(), r))
        .collect())
}

pub(super) async fn export(
    ctx: &Ctx,
    actor: &Actor,
    unit: &str,
) -> AppResult<(Layout, Vec<Vec<Value>>)> {
    let (id, name, set) = current_set(ctx, actor, unit).await?;
    let own = own_values(ctx, &set, id).await?;
    let rows = manual(&set)
        .filter_map(|c| {
            let r = own.get(&c.code)?;
            Some(vec![
                Value::text(c.code.clone()),
                Value::text(c.name_vi.clone()),
                Value::Number(r.value),
                Value::text(r.note.clone()),
                Value::text(r.evidence.clone().unwrap_or_default()),
            ])
        })
        .collect();
    Ok((layout_at(&name, unit.trim(), &set), rows))
}

/// One data row: the value to enter (and whether one was entered before),
/// or `None` when it equals the one entered.
fn planned(
    at: &At<'_>,
    set: &SetView,
    own: &HashMap<String, store::ValueRow>,
    styles: &mut HashMap<String, NumberStyle>,
    seen: &mut HashMap<String, u32>,
) -> Result<Option<(ValueInput, bool)>, Refusal> {
    let raw = at.required("code")?;
    let Some(c) = manual(set).find(|c| c.code.eq_ignore_ascii_case(&raw)) else {
        let msg = Msg::new("import.criteria_values_unknown")
            .arg("value", &raw)
            .arg("set", &set.row.code);
        return Err(at.refuse("code", "not_found", msg));
    };
    if let Some(first) = seen.insert(c.code.clone(), at.row.number) {
        seen.insert(c.code.clone(), first);
        let msg = Msg::new("import.criteria_values_twice")
            .arg("code", &c.code)
            .arg("first", first);
        return Err(at.refuse("code", "duplicate", msg));
    }
    let value = at
        .number("value", styles)?
        .ok_or_else(|| at.refuse("value", "required", Msg::new("import.required")))?;
    let input = ValueInput {
        criterion: c.code.clone(),
        value,
        note: at.text("note").unwrap_or_default(),
        evidence: at.text("evidence"),
    };
    check_value(set, &input).map_err(|e| {
        let told = e.told();
        let key = match told.field.as_deref() {
            Some("value") => "value",
            Some("evidence") => "evidence",
            _ => "code",
        };
        at.refuse(key, told.code, told.msg)
    })?;
    Ok(match own.get(&c.code) {
        Some(r)
            if r.value == input.value && r.note == input.note && r.evidence == input.evidence =>
        {
            None
        }
        stored => Some((input, stored.is_some())),
    })
}

pub(super) async fn import(
    ctx: &Ctx,
    actor: &Actor,
    unit: &str,
    src: &Source,
    bytes: &[u8],
    dry_run: bool,
) -> AppResult<Report> {
    let (id, _, set) = current_set(ctx, actor, unit).await?;
    let own = own_values(ctx, &set, id).await?;
    let (mut plan, mut errors, mut rows) = (Vec::new(), Vec::new(), 0);
    let mut styles = HashMap::new();
    let mut seen = HashMap::new();
    let specs = [CODE, NAME, VALUE, NOTE, EVIDENCE];
    let sheet = read::of_source(src, bytes, &specs, |sheet, row| {
        match planned(&At::new(sheet, row), &set, &own, &mut styles, &mut seen) {
            Ok(p) => {
                rows += 1;
                plan.extend(p);
            }
            Err(e) => errors.push(*e),
        }
        Ok(())
    })?;
    let updated = plan.iter().filter(|(_, before)| *before).count();
    let counts = Counts {
        rows,
        created: plan.len() - updated,
        updated,
    };
    let register = Register::CriteriaValues;
    let encoding = sheet.encoding;
    let mut report = Report::of(register, unit, dry_run, encoding, counts, errors, bytes);
    if !report.writes() {
        return Ok(report);
    }
    super::before_write(ctx, actor, &mut report, bytes).await?;
    let path = {
        let h = ctx.hierarchy();
        unit_path(&h, &find(&h, actor, unit, ctx.today())?)
    };
    let change = super::audited(&report, &src.name, "criteria_set", Some(path));
    let inputs: Vec<ValueInput> = plan.into_iter().map(|(v, _)| v).collect();
    let (day, stage) = (ctx.today(), Stage::OwnAssessment);
    criteria::enter_values_audited(
        ctx,
        actor,
        set.row.id,
        unit,
        day,
        stage,
        &inputs,
        Some(change),
    )
    .await?;
    Ok(report)
}
