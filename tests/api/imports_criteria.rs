//! The criteria values register (issue 12) on the demo's commune 04387
//! Châu Quế Hạ: the template (header in row 1, a drop-down of the set's
//! manual criteria, the criteria listed on the notes sheet); a filled file
//! previewed (bad rows refused on their row and column), imported once
//! (values created, then unchanged, then one corrected); the export
//! re-imports unchanged; a team member may not import.

use calamine::Reader;
use reqwest::StatusCode;
use rust_xlsxwriter::Workbook;
use serde_json::Value;
use tinhso::service::imports::layout::Kind;
use tinhso::service::imports::{Register, layout_of};

use crate::helpers::TestApp;
use crate::imports::{download, import_into};
use crate::imports_files::{actor, book, part, rows};

const COMMUNE: &str = "04387";
const HEADER: [&str; 5] = [
    "Mã tiêu chí",
    "Tên tiêu chí",
    "Giá trị",
    "Ghi chú",
    "Minh chứng",
];

/// The manual criteria the commune's template offers.
async fn manual_codes(app: &TestApp) -> Vec<String> {
    let xa = actor(app, "xa").await;
    let layout = layout_of(&app.ctx, &xa, Register::CriteriaValues, COMMUNE)
        .await
        .expect("the commune's set");
    match &layout.columns[0].kind {
        Kind::Choice(codes) => codes.clone(),
        other => panic!("the code column offers the codes: {other:?}"),
    }
}

/// A sheet as a commune fills it; the value column holds numbers.
fn sheet(data: &[[&str; 5]]) -> Vec<u8> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (r, row) in std::iter::once(&HEADER).chain(data).enumerate() {
        for (c, v) in row.iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
            match v.parse::<f64>() {
                Ok(n) if c == 2 && r > 0 => ws.write_number(r, c, n).unwrap(),
                _ => ws.write_string(r, c, *v).unwrap(),
            };
        }
    }
    wb.save_to_buffer().unwrap()
}

async fn import(app: &TestApp, token: &str, dry: bool, name: &str, file: &[u8]) -> Value {
    let (s, v) = import_into(app, token, ("criteria_values", COMMUNE), dry, name, file).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    v
}

fn counts(v: &Value) -> [u64; 5] {
    ["rows", "created", "updated", "unchanged", "refused"].map(|k| v[k].as_u64().unwrap())
}

#[tokio::test]
async fn the_criteria_template_offers_the_manual_criteria() {
    let app = TestApp::spawn().await;
    let codes = manual_codes(&app).await;
    assert!(
        codes.len() >= 2,
        "the demo set has manual criteria: {codes:?}"
    );
    let xa = app.token("xa").await;
    let path = format!("/api/v1/imports/templates/criteria_values?unit={COMMUNE}");
    let bytes = download(&app, &xa, &path).await;
    let mut wb = book(&bytes);
    let names = wb.sheet_names();
    assert_eq!(rows(&mut wb, &names[0]), [HEADER.map(str::to_owned)]);
    let xml = part(&bytes, "xl/worksheets/sheet1.xml");
    assert!(xml.contains("sqref=\"A2:A1048576\""), "column A: {xml}");
    assert!(xml.contains(&codes[0]), "the codes offered: {xml}");
    let notes = rows(&mut wb, &names[1]).concat().join("\n");
    for c in &codes {
        assert!(notes.contains(&format!("{c}: ")), "{c} listed: {notes}");
    }
    let v = import(&app, &xa, true, "mau.xlsx", &bytes).await;
    assert_eq!(v["rows"], 0, "{v}");
}

#[tokio::test]
async fn criteria_values_are_previewed_imported_once_then_corrected() {
    let app = TestApp::spawn().await;
    let codes = manual_codes(&app).await;
    assert!(codes.len() >= 3, "{codes:?}");
    let (a, b, c) = (codes[0].as_str(), codes[1].as_str(), codes[2].as_str());
    let xa = app.token("xa").await;
    let link = "https://chauqueha.gov.vn/bao-cao.pdf";
    let file = sheet(&[
        [a, "", "1", "Báo cáo của UBND xã", link],
        [b, "", "2", "", ""],
        ["ZZ99", "", "1", "", ""],
        [a, "", "0", "", ""],
        [c, "", "-1", "", ""],
    ]);
    let audits = app.audit().await.len();
    let v = import(&app, &xa, true, "tieu-chi.xlsx", &file).await;
    assert_eq!(counts(&v), [5, 2, 0, 0, 3], "{v}");
    let errors = v["errors"].as_array().unwrap();
    let at = |row: u64| errors.iter().find(|e| e["row"] == row).expect("refused");
    assert_eq!(
        (at(4)["column"].as_str(), at(4)["value"].as_str()),
        (Some("A"), Some("ZZ99"))
    );
    assert!(at(5)["message"].as_str().unwrap().contains("row 2"), "{v}");
    assert_eq!(at(6)["column"], "C", "{v}");
    assert_eq!(app.audit().await.len(), audits, "a dry run writes nothing");

    let v = import(&app, &xa, false, "tieu-chi.xlsx", &file).await;
    assert_eq!(counts(&v), [5, 2, 0, 0, 3], "{v}");
    let log = app.audit().await;
    assert_eq!(
        log.len(),
        audits + 2,
        "the values and the import: one transaction"
    );
    assert!(log.iter().any(
        |e| e.action == "import" && e.entity_id.contains(&v["sha256"].as_str().unwrap()[..12])
    ));

    let v = import(&app, &xa, false, "tieu-chi.xlsx", &file).await;
    assert_eq!(counts(&v), [5, 0, 0, 2, 3], "the same file twice: {v}");
    assert_eq!(app.audit().await.len(), audits + 2);

    let fixed = sheet(&[
        [a, "", "1", "Báo cáo của UBND xã", link],
        [b, "", "3", "", ""],
    ]);
    let v = import(&app, &xa, false, "sua.xlsx", &fixed).await;
    assert_eq!(counts(&v), [2, 0, 1, 1, 0], "{v}");

    // The export holds what was entered and re-imports unchanged.
    for format in ["xlsx", "csv"] {
        let path = format!("/api/v1/exports/criteria_values?unit={COMMUNE}&format={format}");
        let file = download(&app, &xa, &path).await;
        let v = import(&app, &xa, true, &format!("tc.{format}"), &file).await;
        assert_eq!(counts(&v), [2, 0, 0, 2, 0], "{format}: {v}");
    }
}

#[tokio::test]
async fn a_team_member_may_not_import_criteria_values() {
    let app = TestApp::spawn().await;
    let codes = manual_codes(&app).await;
    let todan = app.token("todan").await;
    let file = sheet(&[[codes[0].as_str(), "", "1", "", ""]]);
    let audits = app.audit().await.len();
    let (s, v) = import_into(
        &app,
        &todan,
        ("criteria_values", COMMUNE),
        false,
        "tc.xlsx",
        &file,
    )
    .await;
    assert_eq!(s, StatusCode::FORBIDDEN, "{v}");
    assert_eq!(app.audit().await.len(), audits);
}
