//! The villages register (issue 12) on the demo's commune 04387 Châu Quế
//! Hạ: its template (header in row 1, a drop-down of the village types);
//! a filled file previewed (each bad row refused on its row and column),
//! imported (the new villages in the hierarchy, one import audit entry),
//! imported again (nothing created); its export re-imports unchanged; a
//! team member may not import villages at all.

use calamine::Reader;
use reqwest::StatusCode;
use rust_xlsxwriter::Workbook;
use serde_json::Value;

use crate::helpers::TestApp;
use crate::imports::{download, import_into};
use crate::imports_files::{book, part, rows};

const COMMUNE: &str = "04387";
const HEADER: [&str; 3] = ["Tên thôn", "Loại", "Mã thôn"];

/// A villages sheet as a clerk fills it: the header in row 1.
fn sheet(data: &[[&str; 3]]) -> Vec<u8> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (r, row) in std::iter::once(&HEADER).chain(data).enumerate() {
        for (c, v) in row.iter().enumerate() {
            ws.write_string(r as u32, c as u16, *v).unwrap();
        }
    }
    wb.save_to_buffer().unwrap()
}

async fn import(app: &TestApp, token: &str, dry: bool, name: &str, file: &[u8]) -> Value {
    let (s, v) = import_into(app, token, ("villages", COMMUNE), dry, name, file).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    v
}

/// The commune's villages today as the units API lists them.
async fn villages(app: &TestApp) -> Vec<Value> {
    let (s, v) = app
        .get_json(&format!("/api/v1/units/{COMMUNE}/children"))
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    v["items"].as_array().expect("items").clone()
}

fn find<'a>(list: &'a [Value], name: &str) -> Option<&'a Value> {
    list.iter().find(|u| u["name"] == name)
}

#[tokio::test]
async fn the_villages_template_has_its_header_in_row_1_and_the_types_to_pick() {
    let app = TestApp::spawn().await;
    let xa = app.token("xa").await;
    let path = format!("/api/v1/imports/templates/villages?unit={COMMUNE}");
    let bytes = download(&app, &xa, &path).await;
    let mut wb = book(&bytes);
    let first = wb.sheet_names()[0].clone();
    let data = rows(&mut wb, &first);
    assert_eq!(
        data,
        [["Tên thôn, bản, tổ dân phố", "Loại", "Mã thôn"]],
        "the header and nothing below"
    );
    let xml = part(&bytes, "xl/worksheets/sheet1.xml");
    assert!(xml.contains("<dataValidation "), "{xml}");
    assert!(xml.contains("thôn,bản,tổ dân phố"), "the types: {xml}");
    assert!(xml.contains("sqref=\"B2:B1048576\""), "column B: {xml}");
    // The template reads as a file of no rows.
    let v = import(&app, &xa, true, "mau.xlsx", &bytes).await;
    assert_eq!(v["rows"], 0, "{v}");
}

#[tokio::test]
async fn a_filled_villages_file_is_previewed_then_imported_once() {
    let app = TestApp::spawn().await;
    let xa = app.token("xa").await;
    let before = villages(&app).await;
    let kb = find(&before, "Khe Bành").expect("Khe Bành in the demo");
    let (kb_code, kb_type) = (kb["code"].as_str().unwrap(), kb["type"].as_str().unwrap());
    let file = sheet(&[
        ["Nà Lừa", "bản", ""],
        ["khe banh", kb_type, ""],
        ["Pác Ngòi", "xóm", ""],
        ["na lua", "Bản", ""],
        ["Khe Bành Mới", kb_type, kb_code],
        ["Bản Lạ", "bản", "99999999"],
        ["Tổ 5", "Tổ dân phố", ""],
    ]);
    let audits = app.audit().await.len();

    let v = import(&app, &xa, true, "thon.xlsx", &file).await;
    assert_eq!(v["dry_run"], true);
    let counts = ["rows", "created", "unchanged", "refused"].map(|k| v[k].as_u64().unwrap());
    assert_eq!(counts, [7, 2, 1, 4], "{v}");
    let errors = v["errors"].as_array().unwrap();
    let at = |row: u64| {
        errors
            .iter()
            .find(|e| e["row"] == row)
            .unwrap_or_else(|| panic!("row {row} refused: {v}"))
    };
    assert_eq!(
        (at(4)["column"].as_str(), at(4)["value"].as_str()),
        (Some("B"), Some("xóm"))
    );
    assert!(
        at(4)["message"].as_str().unwrap().contains("tổ dân phố"),
        "{v}"
    );
    assert_eq!(at(5)["column"], "A");
    assert!(at(5)["message"].as_str().unwrap().contains("row 2"), "{v}");
    assert_eq!(at(6)["column"], "C");
    assert!(
        at(6)["message"].as_str().unwrap().contains("unit's page"),
        "{v}"
    );
    assert_eq!(at(7)["value"], "99999999");
    assert_eq!(
        villages(&app).await.len(),
        before.len(),
        "a dry run writes nothing"
    );
    assert_eq!(app.audit().await.len(), audits);

    let v = import(&app, &xa, false, "thon.xlsx", &file).await;
    assert_eq!(
        (v["created"].as_u64(), v["refused"].as_u64()),
        (Some(2), Some(4)),
        "{v}"
    );
    let after = villages(&app).await;
    assert_eq!(after.len(), before.len() + 2);
    assert_eq!(find(&after, "Nà Lừa").expect("Nà Lừa")["type"], "bản");
    assert_eq!(find(&after, "Tổ 5").expect("Tổ 5")["type"], "tổ dân phố");
    let log = app.audit().await;
    assert_eq!(log.len(), audits + 3, "two villages and one import entry");
    let entry = log
        .iter()
        .find(|e| e.action == "import")
        .expect("the import");
    assert!(
        entry
            .entity_id
            .contains(&v["sha256"].as_str().unwrap()[..12])
    );

    let v = import(&app, &xa, false, "thon.xlsx", &file).await;
    assert_eq!(v["created"], 0, "the same file twice changes nothing: {v}");
    assert_eq!(v["unchanged"], 3, "{v}");
    assert_eq!(villages(&app).await.len(), before.len() + 2);
    assert_eq!(app.audit().await.len(), audits + 3);
}

#[tokio::test]
async fn the_villages_export_imports_back_unchanged() {
    let app = TestApp::spawn().await;
    let xa = app.token("xa").await;
    let count = villages(&app).await.len();
    assert!(count > 1, "the demo commune has villages");
    for format in ["xlsx", "csv"] {
        let path = format!("/api/v1/exports/villages?unit={COMMUNE}&format={format}");
        let file = download(&app, &xa, &path).await;
        let v = import(&app, &xa, true, &format!("thon.{format}"), &file).await;
        assert_eq!(v["rows"], count, "{format}: {v}");
        assert_eq!(v["unchanged"], count, "{format}: every row unchanged: {v}");
    }
}

#[tokio::test]
async fn a_team_member_may_not_import_villages() {
    let app = TestApp::spawn().await;
    let todan = app.token("todan").await;
    let before = villages(&app).await.len();
    let audits = app.audit().await.len();
    let file = sheet(&[["Nà Lừa", "bản", ""]]);
    for dry in [true, false] {
        let (s, v) =
            import_into(&app, &todan, ("villages", COMMUNE), dry, "thon.xlsx", &file).await;
        assert_eq!(s, StatusCode::FORBIDDEN, "{v}");
    }
    let path = format!("/api/v1/imports/templates/villages?unit={COMMUNE}");
    let r = app
        .client()
        .get(app.url(&path))
        .bearer_auth(&todan)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert_eq!(villages(&app).await.len(), before);
    assert_eq!(app.audit().await.len(), audits);
}
