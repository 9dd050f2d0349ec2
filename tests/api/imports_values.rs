//! The values register (issue 12): a wide sheet, one row per unit and
//! period, one column per metric. An export re-imports unchanged; a filled
//! sheet creates, corrects and refuses (a broken validation rule, a unit
//! outside the import's, a row twice) with the column named; the same
//! file twice writes nothing the second time; only who may enter values
//! there may import.

use reqwest::StatusCode;
use serde_json::Value;

use crate::helpers::TestApp;
use crate::homes::khe_banh_today;
use crate::imports::{download, import_into};

const MEMBERS: &str = "Hội viên Hội Phụ nữ";
const IN_GROUP: &str = "trong nhóm Zalo: Hội viên Hội Phụ nữ";

/// The month before `period` (`YYYY-MM`).
fn month_before(period: &str) -> String {
    let (y, m) = period.split_once('-').unwrap();
    let (y, m): (i32, u32) = (y.parse().unwrap(), m.parse().unwrap());
    if m == 1 {
        format!("{}-12", y - 1)
    } else {
        format!("{y}-{:02}", m - 1)
    }
}

/// The CSV export of the commune's values, as rows of cells by header.
async fn exported(app: &TestApp, token: &str) -> Vec<std::collections::HashMap<String, String>> {
    let file = download(app, token, "/api/v1/exports/values?unit=04387&format=csv").await;
    let mut rdr = csv::Reader::from_reader(&file[3..]);
    let header: Vec<String> = rdr.headers().unwrap().iter().map(str::to_owned).collect();
    rdr.records()
        .map(|r| {
            let r = r.unwrap();
            header
                .iter()
                .cloned()
                .zip(r.iter().map(str::to_owned))
                .collect()
        })
        .collect()
}

async fn values(
    app: &TestApp,
    token: &str,
    unit: &str,
    dry: bool,
    csv: &str,
) -> (StatusCode, Value) {
    import_into(
        app,
        token,
        ("values", unit),
        dry,
        "so-lieu.csv",
        csv.as_bytes(),
    )
    .await
}

#[tokio::test]
async fn a_communes_values_export_imports_back_unchanged() {
    let app = TestApp::spawn().await;
    let xa = app.token("xa").await;
    let rows = exported(&app, &xa).await;
    assert!(
        rows.len() >= 5,
        "the demo's villages have values: {}",
        rows.len()
    );
    assert!(
        rows.iter()
            .all(|r| !r["Kỳ"].is_empty() && !r["Mã đơn vị"].is_empty())
    );
    for format in ["csv", "xlsx"] {
        let path = format!("/api/v1/exports/values?unit=04387&format={format}");
        let file = download(&app, &xa, &path).await;
        let name = format!("so-lieu.{format}");
        let (s, v) = import_into(&app, &xa, ("values", "04387"), true, &name, &file).await;
        assert_eq!(s, StatusCode::OK, "{v}");
        assert_eq!(v["rows"], rows.len(), "{format}: {v}");
        assert_eq!(
            v["unchanged"],
            rows.len(),
            "{format}: every row unchanged: {v}"
        );
        assert_eq!(v["refused"], 0, "{v}");
    }
    // The template's header is the export's, with nothing below it.
    let template = download(&app, &xa, "/api/v1/imports/templates/values?unit=04387").await;
    let (s, v) = import_into(&app, &xa, ("values", "04387"), true, "mau.xlsx", &template).await;
    assert_eq!((s, v["rows"].as_u64()), (StatusCode::OK, Some(0)), "{v}");
}

#[tokio::test]
async fn a_wide_sheet_is_checked_then_written_once() {
    let app = TestApp::spawn().await;
    let xa = app.token("xa").await;
    let rows = exported(&app, &xa).await;
    // Khe Bành's values, under the code it had when they were entered.
    let mine = rows
        .iter()
        .find(|r| r["Tên đơn vị"].contains("Khe Bành"))
        .unwrap_or_else(|| panic!("Khe Bành's values: {rows:?}"));
    let kb = mine["Mã đơn vị"].clone();
    let period = mine["Kỳ"].clone();
    let members: u32 = mine[MEMBERS].parse().unwrap();
    let in_group: u32 = mine[IN_GROUP].parse().unwrap();
    let before = month_before(&period);
    let earlier = month_before(&before);
    let csv = format!(
        "Mã đơn vị,Kỳ,{MEMBERS},{IN_GROUP}\n\
         {kb},{before},40,30\n\
         {kb},{period},{},{in_group}\n\
         {kb},{earlier},20,25\n\
         01000001,{before},10,5\n\
         {kb},{before},41,30\n",
        members + 1
    );
    let (s, v) = values(&app, &xa, "04387", true, &csv).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(
        (
            &v["rows"],
            &v["created"],
            &v["updated"],
            &v["unchanged"],
            &v["refused"]
        ),
        (&5.into(), &1.into(), &1.into(), &0.into(), &3.into()),
        "{v}"
    );
    let errors = v["errors"].as_array().unwrap();
    let at = |row: u64| {
        errors
            .iter()
            .find(|e| e["row"] == row)
            .unwrap_or_else(|| panic!("row {row}: {v}"))
    };
    // More members in the group chat than members: the rule, on a metric
    // column of the row.
    assert_eq!(at(4)["code"], "rule", "{v}");
    assert!(
        ["C", "D"].contains(&at(4)["column"].as_str().unwrap()),
        "{v}"
    );
    assert!(
        at(4)["message"]
            .as_str()
            .unwrap()
            .contains("org_in_group_women <= org_members_women"),
        "{v}"
    );
    // A unit outside the commune; the same unit and period twice.
    assert_eq!(
        (&at(5)["column"], &at(5)["code"]),
        (&"A".into(), &"not_found".into()),
        "{v}"
    );
    assert_eq!(
        (&at(6)["column"], &at(6)["code"]),
        (&"A".into(), &"duplicate".into()),
        "{v}"
    );
    assert!(
        at(6)["message"].as_str().unwrap().contains(" 2 "),
        "names row 2: {v}"
    );

    let (s, v) = values(&app, &xa, "04387", false, &csv).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(
        (&v["created"], &v["updated"]),
        (&1.into(), &1.into()),
        "{v}"
    );
    let again = exported(&app, &xa).await;
    let row = |p: &str| {
        again
            .iter()
            .find(|r| r["Mã đơn vị"] == kb && r["Kỳ"] == p)
            .cloned()
    };
    let new = row(&before).expect("the new month's row");
    assert_eq!(
        (new[MEMBERS].as_str(), new[IN_GROUP].as_str()),
        ("40", "30")
    );
    assert_eq!(
        row(&period).unwrap()[MEMBERS],
        (members + 1).to_string(),
        "corrected"
    );
    assert!(row(&earlier).is_none(), "the refused row wrote nothing");

    // The same file again changes nothing.
    let (s, v) = values(&app, &xa, "04387", false, &csv).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(
        (&v["created"], &v["updated"], &v["unchanged"], &v["refused"]),
        (&0.into(), &0.into(), &2.into(), &3.into()),
        "{v}"
    );
}

#[tokio::test]
async fn only_who_may_enter_values_there_imports_them() {
    let app = TestApp::spawn().await;
    let kb = khe_banh_today(&app).await;
    let csv = format!("Mã đơn vị,Kỳ,{MEMBERS}\n{kb},2022-01,10\n");
    // A team member of Khe Bành cannot import at the commune, a viewer
    // nowhere: the whole file is refused.
    for user in ["todan", "xem"] {
        let token = app.token(user).await;
        let (s, v) = values(&app, &token, "04387", true, &csv).await;
        assert_eq!(s, StatusCode::FORBIDDEN, "{user}: {v}");
    }
    // At the village, a row of another village is refused with its cell.
    let todan = app.token("todan").await;
    let csv = format!("Mã đơn vị,Kỳ,{MEMBERS}\n04387999,2022-01,10\n");
    let (s, v) = values(&app, &todan, &kb, true, &csv).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["refused"], 1, "{v}");
    assert_eq!(v["errors"][0]["column"], "A", "{v}");
}

#[tokio::test]
async fn organisations_figures_import_one_row_per_organisation() {
    let app = TestApp::spawn().await;
    let xa = app.token("xa").await;
    let path = "/api/v1/exports/org_groups?unit=04387&format=csv";
    let file = download(&app, &xa, path).await;
    let mut rdr = csv::Reader::from_reader(&file[3..]);
    let header: Vec<String> = rdr.headers().unwrap().iter().map(str::to_owned).collect();
    assert_eq!(
        header[3..],
        ["Tổ chức", "Số hội viên", "Số trong nhóm Zalo"]
    );
    let rows: Vec<csv::StringRecord> = rdr.records().map(Result::unwrap).collect();
    // Four organisations for each village with figures.
    assert!(
        rows.len() >= 4 && rows.len().is_multiple_of(4),
        "{}",
        rows.len()
    );
    let (s, v) = values_of(&app, &xa, true, String::from_utf8(file.clone()).unwrap()).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(
        (&v["rows"], &v["unchanged"]),
        (&rows.len().into(), &rows.len().into()),
        "{v}"
    );

    let kb = rows
        .iter()
        .find(|r| r[1].contains("Khe Bành"))
        .expect("Khe Bành");
    let (code, period) = (kb[0].to_owned(), month_before(&kb[2]));
    let csv = format!(
        "Mã thôn,Kỳ,Đoàn thể,Hội viên,Trong nhóm Zalo\n\
         {code},{period},hội phụ nữ,30,20\n\
         {code},{period},Hội Người cao tuổi,12,3\n\
         {code},{period},Hội Nông dân,10,11\n"
    );
    let run = |dry| values_of(&app, &xa, dry, csv.clone());
    let (_, v) = run(true).await;
    assert_eq!(
        (&v["created"], &v["refused"]),
        (&1.into(), &2.into()),
        "{v}"
    );
    let errors = v["errors"].as_array().unwrap();
    assert_eq!(
        (&errors[0]["row"], &errors[0]["column"]),
        (&3.into(), &"C".into()),
        "{v}"
    );
    assert_eq!(
        (&errors[1]["row"], &errors[1]["code"]),
        (&4.into(), &"rule".into()),
        "{v}"
    );
    let (_, v) = run(false).await;
    assert_eq!(v["created"], 1, "{v}");
    let (_, v) = run(false).await;
    assert_eq!(
        (&v["created"], &v["unchanged"]),
        (&0.into(), &1.into()),
        "{v}"
    );
}

async fn values_of(app: &TestApp, token: &str, dry: bool, csv: String) -> (StatusCode, Value) {
    import_into(
        app,
        token,
        ("org_groups", "04387"),
        dry,
        "chi-hoi.csv",
        csv.as_bytes(),
    )
    .await
}
