//! The party_members register (issue 12) on the demo: the Khe Bành cell's
//! secretary fills the template (a bad position refused by row and column
//! in the dry run, then two members created once, a changed position
//! updated), the export re-imports unchanged, and party data stays with
//! those who run the cell: a state officer and a plain member get 403.

use reqwest::StatusCode;
use rust_xlsxwriter::Workbook;
use serde_json::Value;

use crate::helpers::TestApp;
use crate::homes::khe_banh_today;
use crate::imports::{download, import_into};

const HEADER: [&str; 6] = [
    "Chi bộ",
    "Họ và tên",
    "Chức vụ",
    "Loại đảng viên",
    "Ngày vào Đảng",
    "Sinh hoạt từ ngày",
];

/// A members sheet as a secretary fills the template.
fn sheet(rows: &[[&str; 6]]) -> Vec<u8> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in HEADER.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            ws.write_string(r as u32 + 1, c as u16, *v).unwrap();
        }
    }
    wb.save_to_buffer().unwrap()
}

async fn import(
    app: &TestApp,
    token: &str,
    unit: &str,
    dry_run: bool,
    file: &[u8],
) -> (StatusCode, Value) {
    let register = ("party_members", unit);
    import_into(app, token, register, dry_run, "dang-vien.xlsx", file).await
}

/// The name of the secretary's cell.
async fn cell_name(app: &TestApp, token: &str) -> String {
    let (s, home) = app.get_as(token, "/api/v1/party/me").await;
    assert_eq!(s, StatusCode::OK, "{home}");
    home["memberships"][0]["org"]["name"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// The members of the cells as the CSV export lists them.
async fn members(app: &TestApp, token: &str, unit: &str) -> Vec<Vec<String>> {
    let path = format!("/api/v1/exports/party_members?unit={unit}&format=csv");
    let bytes = download(app, token, &path).await;
    let text = String::from_utf8(bytes).unwrap();
    let text = text.trim_start_matches('\u{feff}');
    let mut rows = csv::Reader::from_reader(text.as_bytes());
    rows.records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

#[tokio::test]
async fn a_secretary_previews_then_imports_members_once() {
    let app = TestApp::spawn().await;
    let kb = khe_banh_today(&app).await;
    let bithu = app.token("bithu").await;
    let cell = cell_name(&app, &bithu).await;
    let template = download(
        &app,
        &bithu,
        &format!("/api/v1/imports/templates/party_members?unit={kb}"),
    )
    .await;
    let (s, v) = import(&app, &bithu, &kb, true, &template).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["rows"], 0, "the template imports nothing: {v}");

    let before = members(&app, &bithu, &kb).await.len();
    let audits = app.audit().await.len();
    let (c, upper) = (cell.as_str(), cell.to_uppercase());
    let rows = [
        [c, "Hoàng Văn Thắng", "Đảng viên", "Dự bị", "01/03/2023", ""],
        [
            upper.as_str(),
            "Đặng Thị Hồng",
            "",
            "chính thức",
            "19/05/2010",
            "01/01/2022",
        ],
        [c, "Triệu Văn Lự", "Chủ tịch", "", "19/05/2010", ""],
        ["Chi bộ không có", "Lý Văn Sơn", "", "", "19/05/2010", ""],
    ];
    let file = sheet(&rows);
    let (s, v) = import(&app, &bithu, &kb, true, &file).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(
        (v["rows"].as_u64(), v["created"].as_u64()),
        (Some(4), Some(2)),
        "{v}"
    );
    assert_eq!(v["refused"], 2, "{v}");
    let e = &v["errors"][0];
    assert_eq!(
        (e["row"].as_u64(), e["column"].as_str()),
        (Some(4), Some("C")),
        "{v}"
    );
    assert_eq!(e["value"], "Chủ tịch");
    assert!(e["message"].as_str().unwrap().contains("Phó bí thư"), "{e}");
    let e = &v["errors"][1];
    assert_eq!(
        (e["row"].as_u64(), e["column"].as_str()),
        (Some(5), Some("A")),
        "{v}"
    );
    assert!(
        e["message"].as_str().unwrap().contains(&cell),
        "the cells named: {e}"
    );
    assert_eq!(
        members(&app, &bithu, &kb).await.len(),
        before,
        "a dry run writes nothing"
    );
    assert_eq!(app.audit().await.len(), audits);

    let (s, v) = import(&app, &bithu, &kb, false, &file).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(
        (v["created"].as_u64(), v["refused"].as_u64()),
        (Some(2), Some(2)),
        "{v}"
    );
    assert_eq!(members(&app, &bithu, &kb).await.len(), before + 2);
    let entry = &app.audit().await[0];
    assert_eq!(
        (entry.action.as_str(), entry.entity.as_str()),
        ("import", "party_member")
    );
    assert!(
        entry
            .entity_id
            .contains(&v["sha256"].as_str().unwrap()[..12])
    );
    let list = members(&app, &bithu, &kb).await;
    let thang = list.iter().find(|m| m[1] == "Hoàng Văn Thắng").unwrap();
    assert_eq!(thang[2..5], ["Đảng viên", "Dự bị", "01/03/2023"]);

    let (s, v) = import(&app, &bithu, &kb, false, &file).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["created"], 0, "the same file twice creates nothing: {v}");
    assert_eq!(
        (v["unchanged"].as_u64(), v["updated"].as_u64()),
        (Some(2), Some(0)),
        "{v}"
    );
    assert_eq!(members(&app, &bithu, &kb).await.len(), before + 2);

    // The same person, written without diacritics, made official: updated.
    let fixed = sheet(&[[c, "hoang van thang", "", "Chính thức", "", ""]]);
    let (_, v) = import(&app, &bithu, &kb, true, &fixed).await;
    assert_eq!(
        v["errors"][0]["column"], "E",
        "the day joined is required: {v}"
    );
    let fixed = sheet(&[[c, "hoang van thang", "", "Chính thức", "01/03/2023", ""]]);
    let (_, v) = import(&app, &bithu, &kb, false, &fixed).await;
    assert_eq!(
        (v["updated"].as_u64(), v["created"].as_u64()),
        (Some(1), Some(0)),
        "{v}"
    );
    let list = members(&app, &bithu, &kb).await;
    let thang = list.iter().find(|m| m[1] == "Hoàng Văn Thắng").unwrap();
    assert_eq!(thang[3], "Chính thức");
}

#[tokio::test]
async fn an_export_imports_back_unchanged_and_only_those_who_run_the_cell_may_touch_it() {
    let app = TestApp::spawn().await;
    let kb = khe_banh_today(&app).await;
    let bithu = app.token("bithu").await;
    let count = members(&app, &bithu, &kb).await.len();
    assert!(count >= 15, "the demo's members: {count}");
    for format in ["xlsx", "csv"] {
        let path = format!("/api/v1/exports/party_members?unit={kb}&format={format}");
        let file = download(&app, &bithu, &path).await;
        let name = format!("export.{format}");
        let (s, v) = import_into(&app, &bithu, ("party_members", &kb), true, &name, &file).await;
        assert_eq!(s, StatusCode::OK, "{v}");
        assert_eq!(v["rows"], count, "{format}: {v}");
        assert_eq!(v["unchanged"], count, "{format}: every row unchanged: {v}");
    }

    // A state officer of the commune (a state grant over the village) and
    // a plain member of the cell: refused the template, the dry run, the
    // import and the export.
    let cell = cell_name(&app, &bithu).await;
    let file = sheet(&[[cell.as_str(), "Lò Văn Mới", "", "", "19/05/2010", ""]]);
    for who in ["xa", "dangvien"] {
        let token = app.token(who).await;
        let template = format!("/api/v1/imports/templates/party_members?unit={kb}");
        let export = format!("/api/v1/exports/party_members?unit={kb}&format=csv");
        for path in [template, export] {
            let (s, v) = app.get_as(&token, &path).await;
            assert_eq!(s, StatusCode::FORBIDDEN, "{who} {path}: {v}");
        }
        for dry in [true, false] {
            let (s, v) = import(&app, &token, &kb, dry, &file).await;
            assert_eq!(s, StatusCode::FORBIDDEN, "{who}: {v}");
        }
    }
    assert_eq!(members(&app, &bithu, &kb).await.len(), count);
    // An admin may.
    let admin = app.token("admin").await;
    assert_eq!(members(&app, &admin, &kb).await.len(), count);
}
