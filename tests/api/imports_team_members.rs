//! The team_members register (issue 12) on the demo: Khe Bành's team from
//! a filled sheet (a bad role refused by row and column in the dry run,
//! then three members created once, the village's `teams.members` rising
//! by three), its template (header in row 1, the roles as a drop-down),
//! its export re-importing unchanged, and who may import or export.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
use reqwest::StatusCode;
use rust_xlsxwriter::Workbook;
use serde_json::Value;

use crate::helpers::TestApp;
use crate::homes::khe_banh_today;
use crate::imports::{download, import_into};

const HEADER: [&str; 5] = [
    "Họ và tên",
    "Vai trò",
    "Thành phần",
    "Số điện thoại",
    "Ngày tham gia",
];

/// A members sheet as a clerk fills it for a unit with one team (no team
/// column); a phone of digits only is written as a number cell, as Excel
/// keeps one typed without care.
fn sheet(rows: &[[&str; 5]]) -> Vec<u8> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in HEADER.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            let (r, c) = (r as u32 + 1, c as u16);
            match v.parse::<f64>() {
                Ok(n) if c == 3 => ws.write_number(r, c, n).unwrap(),
                _ => ws.write_string(r, c, *v).unwrap(),
            };
        }
    }
    wb.save_to_buffer().unwrap()
}

async fn import(
    app: &TestApp,
    token: &str,
    unit: &str,
    dry_run: bool,
    name: &str,
    file: &[u8],
) -> (StatusCode, Value) {
    import_into(app, token, ("team_members", unit), dry_run, name, file).await
}

async fn members_figure(app: &TestApp, unit: &str) -> f64 {
    let (_, v) = app
        .get_json(&format!("/api/v1/units/{unit}/headline"))
        .await;
    v["figures"]["teams.members"]["value"].as_f64().unwrap()
}

/// The current members of the village's team as its CSV export lists
/// them: team, name, role, affiliation, phone, day joined.
async fn members(app: &TestApp, token: &str, unit: &str) -> Vec<Vec<String>> {
    let path = format!("/api/v1/exports/team_members?unit={unit}&format=csv");
    let bytes = download(app, token, &path).await;
    let text = String::from_utf8(bytes).unwrap();
    let text = text.trim_start_matches('\u{feff}');
    let mut rows = csv::Reader::from_reader(text.as_bytes());
    rows.records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

/// The exported row of `name`.
async fn member(app: &TestApp, token: &str, unit: &str, name: &str) -> Vec<String> {
    let list = members(app, token, unit).await;
    list.into_iter()
        .find(|m| m[1] == name)
        .unwrap_or_else(|| panic!("{name} in the export"))
}

fn rows() -> [[&'static str; 5]; 4] {
    [
        [
            "Hoàng Văn Thắng",
            "tổ phó",
            "Công an",
            "912345601",
            "01/03/2023",
        ],
        [
            "Đặng Thị Hồng",
            "thành viên",
            "Hội Liên hiệp Phụ nữ",
            "0912345602",
            "",
        ],
        ["Triệu Văn Lự", "Tổ viên", "youth_union", "", ""],
        ["Lý Văn Sơn", "trưởng nhóm", "Khác", "0912345604", ""],
    ]
}

#[tokio::test]
async fn a_filled_sheet_is_previewed_then_imported_once() {
    let app = TestApp::spawn().await;
    let kb = khe_banh_today(&app).await;
    let xa = app.token("xa").await;
    let rows = rows();
    let file = sheet(&rows);
    let before = members_figure(&app, &kb).await;
    let audits = app.audit().await.len();

    let (s, v) = import(&app, &xa, &kb, true, "to-khe-banh.xlsx", &file).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(
        (v["rows"].as_u64(), v["created"].as_u64()),
        (Some(4), Some(3)),
        "{v}"
    );
    assert_eq!(v["refused"], 1, "{v}");
    let e = &v["errors"][0];
    assert_eq!(e["row"], 5, "{v}");
    assert_eq!(e["column"], "B", "the role column: {v}");
    assert_eq!(e["value"], "trưởng nhóm");
    assert!(e["message"].as_str().unwrap().contains("tổ phó"), "{e}");
    assert_eq!(
        members_figure(&app, &kb).await,
        before,
        "a dry run writes nothing"
    );
    assert_eq!(app.audit().await.len(), audits);

    let (s, v) = import(&app, &xa, &kb, false, "to-khe-banh.xlsx", &file).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(
        (v["created"].as_u64(), v["refused"].as_u64()),
        (Some(3), Some(1))
    );
    assert_eq!(members_figure(&app, &kb).await, before + 3.0);
    let entry = &app.audit().await[0];
    assert_eq!(
        (entry.action.as_str(), entry.entity.as_str()),
        ("import", "team_member")
    );
    assert!(
        entry
            .entity_id
            .contains(&v["sha256"].as_str().unwrap()[..12])
    );
    let thang = member(&app, &xa, &kb, "Hoàng Văn Thắng").await;
    assert_eq!(
        thang[1..],
        [
            "Hoàng Văn Thắng",
            "tổ phó",
            "Công an",
            "0912345601",
            "01/03/2023"
        ],
        "the deputy, the leading 0 of the phone back"
    );

    let (s, v) = import(&app, &xa, &kb, false, "to-khe-banh.xlsx", &file).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["created"], 0, "the same file twice changes nothing: {v}");
    assert_eq!(
        (v["unchanged"].as_u64(), v["updated"].as_u64()),
        (Some(3), Some(0))
    );
    assert_eq!(members_figure(&app, &kb).await, before + 3.0);

    // A corrected row (a name written in other case and without its
    // diacritics is the same person) updates the member and nothing else.
    let fixed = sheet(&[["hoang van thang", "tổ trưởng", "Công an", "0912345699", ""]]);
    let (_, v) = import(&app, &xa, &kb, false, "sua.xlsx", &fixed).await;
    assert_eq!(
        (v["updated"].as_u64(), v["created"].as_u64()),
        (Some(1), Some(0)),
        "{v}"
    );
    assert_eq!(members_figure(&app, &kb).await, before + 3.0);
    let thang = member(&app, &xa, &kb, "Hoàng Văn Thắng").await;
    assert_eq!(thang[2..5], ["tổ trưởng", "Công an", "0912345699"]);
    let twice = sheet(&[rows[0], rows[0]]);
    let (_, v) = import(&app, &xa, &kb, true, "hai-lan.xlsx", &twice).await;
    assert_eq!(v["refused"], 1, "{v}");
    assert_eq!(
        (
            v["errors"][0]["row"].as_u64(),
            v["errors"][0]["column"].as_str()
        ),
        (Some(3), Some("A"))
    );
    // The API speaks English unless asked otherwise.
    assert!(
        v["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("row 2"),
        "{v}"
    );
}

/// The text of each row of a sheet.
fn sheet_rows(bytes: &[u8], name: &str) -> Vec<Vec<String>> {
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes.to_vec())).unwrap();
    let range = book.worksheet_range(name).expect("the sheet");
    range
        .rows()
        .map(|r| {
            r.iter()
                .map(|d| match d {
                    Data::String(s) => s.clone(),
                    Data::Empty => String::new(),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect()
}

#[tokio::test]
async fn the_template_has_its_header_in_row_1_and_the_roles_as_a_drop_down() {
    let app = TestApp::spawn().await;
    let kb = khe_banh_today(&app).await;
    let xa = app.token("xa").await;
    let path = format!("/api/v1/imports/templates/team_members?unit={kb}");
    let template = download(&app, &xa, &path).await;
    let data = sheet_rows(&template, "Thành viên tổ");
    assert_eq!(data.len(), 1, "the header alone: {data:?}");
    assert_eq!(
        data[0],
        [
            "Tổ",
            "Họ và tên",
            "Vai trò",
            "Thành phần",
            "Số điện thoại",
            "Ngày tham gia"
        ]
    );
    let mut zip = zip::ZipArchive::new(Cursor::new(template.clone())).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(
        &mut zip.by_name("xl/worksheets/sheet1.xml").unwrap(),
        &mut xml,
    )
    .unwrap();
    assert!(
        xml.contains("tổ trưởng,tổ phó,thành viên"),
        "the roles: {xml}"
    );
    assert!(xml.contains("sqref=\"C2:C1048576\""), "on column C: {xml}");
    assert!(xml.contains("Công an"), "the affiliations too: {xml}");
    let (s, v) = import(&app, &xa, &kb, true, "mau.xlsx", &template).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["rows"], 0, "the template imports nothing: {v}");
}

#[tokio::test]
async fn an_export_imports_back_unchanged_and_only_managers_import() {
    let app = TestApp::spawn().await;
    let kb = khe_banh_today(&app).await;
    let xa = app.token("xa").await;
    let (s, v) = import(&app, &xa, &kb, false, "to.xlsx", &sheet(&rows()[..3])).await;
    assert_eq!((s, v["created"].as_u64()), (StatusCode::OK, Some(3)), "{v}");
    let count = members(&app, &xa, &kb).await.len();
    assert!(count > 3, "the demo's members and the new ones: {count}");
    for format in ["xlsx", "csv"] {
        let path = format!("/api/v1/exports/team_members?unit={kb}&format={format}");
        let file = download(&app, &xa, &path).await;
        let (s, v) = import(&app, &xa, &kb, true, &format!("export.{format}"), &file).await;
        assert_eq!(s, StatusCode::OK, "{v}");
        assert_eq!(v["rows"], count, "{format}: {v}");
        assert_eq!(v["unchanged"], count, "{format}: every row unchanged: {v}");
    }

    // A team member of the village records help but does not manage its
    // team: the whole file is refused, even a dry run.
    let todan = app.token("todan").await;
    let file = sheet(&rows()[..1]);
    for dry in [true, false] {
        let (s, v) = import(&app, &todan, &kb, dry, "to.xlsx", &file).await;
        assert_eq!(s, StatusCode::FORBIDDEN, "{v}");
    }
    let (s, _) = app
        .get_as(
            &todan,
            &format!("/api/v1/imports/templates/team_members?unit={kb}"),
        )
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    assert_eq!(members(&app, &xa, &kb).await.len(), count);

    // Phones are personal: a district officer manages the team but may not
    // take its phone list away; neither may a viewer.
    for who in ["huyen", "xem"] {
        let token = app.token(who).await;
        let path = format!("/api/v1/exports/team_members?unit={kb}&format=csv");
        let (s, v) = app.get_as(&token, &path).await;
        assert_eq!(s, StatusCode::FORBIDDEN, "{who}: {v}");
    }
}
