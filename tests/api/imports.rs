//! The importer (issue 12), as the issue checks it on the demo: Khe Bành's
//! households from a filled sheet with one bad row (a dry run names row 5
//! and its column, then the import creates 3 and the village's headline
//! rises by 3, then the same file again creates nothing); the same rows in
//! TCVN3 and VNI CSV files read as the UTF-8 ones; a team member cannot
//! import into another village; a macro-enabled file and a zip bomb are
//! refused whole with nothing written.

use reqwest::StatusCode;
use rust_xlsxwriter::Workbook;
use serde_json::Value;

use crate::helpers::TestApp;
use crate::homes::khe_banh_today;
use crate::party::multipart_with;

const HEADER: [&str; 5] = [
    "Mã hộ",
    "Họ và tên chủ hộ",
    "Số điện thoại",
    "Số nhân khẩu",
    "Hộ nghèo",
];

/// A households sheet as a clerk fills the template: the header in row 1.
fn sheet(rows: &[[&str; 5]]) -> Vec<u8> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in HEADER.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            let r = r as u32 + 1;
            match v.parse::<f64>() {
                // Size as a number cell; the phone stays text, as typed.
                Ok(n) if c == 3 => ws.write_number(r, c as u16, n).unwrap(),
                _ => ws.write_string(r, c as u16, *v).unwrap(),
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
    import_into(app, token, "households", unit, dry_run, name, file).await
}

/// `file` imported into `register` at `unit` through the API.
pub(crate) async fn import_into(
    app: &TestApp,
    token: &str,
    register: &str,
    unit: &str,
    dry_run: bool,
    name: &str,
    file: &[u8],
) -> (StatusCode, Value) {
    let dry = if dry_run { "true" } else { "false" };
    let fields = [("register", register), ("unit", unit), ("dry_run", dry)];
    app.post_multipart(
        token,
        "/api/v1/imports",
        multipart_with(&fields, name, file),
    )
    .await
}

async fn households(app: &TestApp, unit: &str) -> f64 {
    let (_, v) = app
        .get_json(&format!("/api/v1/units/{unit}/headline"))
        .await;
    v["figures"]["households.total"]["value"].as_f64().unwrap()
}

#[tokio::test]
async fn a_filled_sheet_is_previewed_then_imported_once() {
    let app = TestApp::spawn().await;
    let kb = khe_banh_today(&app).await;
    let xa = app.token("xa").await;
    let file = sheet(&[
        ["KB901", "Hoàng Văn Thắng", "0912345601", "4", "không"],
        ["KB902", "Đặng Thị Hồng", "0912345602", "5", "nghèo"],
        ["KB903", "Triệu Văn Lự", "0912345603", "3", "cận nghèo"],
        ["KB904", "Lý Văn Sơn", "0912345604", "6", "khá giả"],
    ]);
    let before = households(&app, &kb).await;
    let audits = app.audit().await.len();

    let (s, v) = import(&app, &xa, &kb, true, "ho-khe-banh.xlsx", &file).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["dry_run"], true);
    assert_eq!(v["rows"], 4);
    assert_eq!(v["created"], 3);
    assert_eq!(v["refused"], 1);
    let e = &v["errors"][0];
    assert_eq!(e["row"], 5, "{v}");
    assert_eq!(e["column"], "E", "the poverty column");
    assert_eq!(e["value"], "khá giả");
    assert!(e["message"].as_str().unwrap().contains("cận nghèo"), "{e}");
    assert_eq!(
        households(&app, &kb).await,
        before,
        "a dry run writes nothing"
    );
    assert_eq!(app.audit().await.len(), audits);

    let (s, v) = import(&app, &xa, &kb, false, "ho-khe-banh.xlsx", &file).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(
        (v["created"].as_u64(), v["refused"].as_u64()),
        (Some(3), Some(1))
    );
    assert_eq!(households(&app, &kb).await, before + 3.0);
    let entry = &app.audit().await[0];
    assert_eq!(entry.action, "import");
    assert!(
        entry
            .entity_id
            .contains(&v["sha256"].as_str().unwrap()[..12])
    );

    let (s, v) = import(&app, &xa, &kb, false, "ho-khe-banh.xlsx", &file).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["created"], 0, "the same file twice changes nothing");
    assert_eq!(v["unchanged"], 3);
    assert_eq!(households(&app, &kb).await, before + 3.0);

    // A corrected row updates the household, and nothing else.
    let fixed = sheet(&[["KB902", "Đặng Thị Hồng", "0912345699", "5", "cận nghèo"]]);
    let (_, v) = import(&app, &xa, &kb, false, "sua.xlsx", &fixed).await;
    assert_eq!(
        (v["updated"].as_u64(), v["created"].as_u64()),
        (Some(1), Some(0)),
        "{v}"
    );
    assert_eq!(households(&app, &kb).await, before + 3.0);
}

#[tokio::test]
async fn legacy_encoded_csv_files_read_as_the_unicode_one() {
    let app = TestApp::spawn().await;
    let kb = khe_banh_today(&app).await;
    let xa = app.token("xa").await;
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/import");
    let read = |name: &str| std::fs::read(format!("{dir}/households-khe-banh-{name}.csv")).unwrap();
    let (s, v) = import(&app, &xa, &kb, false, "utf8.csv", &read("utf8")).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["created"], 3, "{v}");
    assert_eq!(v["encoding"], "utf-8");
    for enc in ["tcvn3", "vni"] {
        let (s, v) = import(&app, &xa, &kb, true, &format!("{enc}.csv"), &read(enc)).await;
        assert_eq!(s, StatusCode::OK, "{v}");
        assert_eq!(v["encoding"], enc, "detected");
        // Unchanged: the names equal the UTF-8 file's, to the last mark.
        assert_eq!(v["unchanged"], 3, "{enc}: {v}");
    }
}

#[tokio::test]
async fn files_refused_whole_write_nothing() {
    let app = TestApp::spawn().await;
    let kb = khe_banh_today(&app).await;
    let xa = app.token("xa").await;
    let good = sheet(&[["KB901", "Hoàng Văn Thắng", "0912345601", "4", "không"]]);
    let audits = app.audit().await.len();

    let (s, v) = import(&app, &xa, &kb, false, "ho.xlsm", &good).await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "{v}");
    assert!(v["message"].as_str().unwrap().contains("macro"), "{v}");

    // A zip whose sheet unpacks a thousand times larger than it is.
    let bomb = zip_bomb();
    let (s, v) = import(&app, &xa, &kb, false, "bom.xlsx", &bomb).await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "{v}");

    let (s, _) = import(
        &app,
        &xa,
        &kb,
        false,
        "anh.xlsx",
        b"\x89PNG\r\n\x1a\nnot a sheet",
    )
    .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert_eq!(app.audit().await.len(), audits, "nothing written");

    // A team member of Khe Bành may not import into another village.
    let todan = app.token("todan").await;
    let (_, villages) = app.get_json("/api/v1/units/04387/children").await;
    let other = villages["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["code"].as_str().unwrap().to_owned())
        .find(|c| *c != kb)
        .expect("another village");
    let audits = app.audit().await.len();
    let (s, v) = import(&app, &todan, &other, false, "ho.xlsx", &good).await;
    assert_eq!(s, StatusCode::FORBIDDEN, "{v}");
    assert_eq!(app.audit().await.len(), audits);
}

/// An XLSX-looking zip whose sheet is 32 MiB of zeros deflated to a few
/// KB: refused by its compression ratio before anything is inflated (a
/// real bomb is the same shape, only larger).
fn zip_bomb() -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    w.start_file("[Content_Types].xml", opts).unwrap();
    std::io::Write::write_all(&mut w, b"<Types/>").unwrap();
    w.start_file("xl/worksheets/sheet1.xml", opts).unwrap();
    let zeros = vec![0u8; 1 << 20];
    for _ in 0..32 {
        std::io::Write::write_all(&mut w, &zeros).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// A file as the API gives it to `token`.
pub(crate) async fn download(app: &TestApp, token: &str, path: &str) -> Vec<u8> {
    let r = app
        .client()
        .get(app.url(path))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{path}");
    r.bytes().await.unwrap().to_vec()
}

#[tokio::test]
async fn an_export_imports_back_unchanged_and_the_template_reads_as_its_header() {
    let app = TestApp::spawn().await;
    let kb = khe_banh_today(&app).await;
    let xa = app.token("xa").await;
    let (_, list) = app
        .get_as(&xa, &format!("/api/v1/units/{kb}/households"))
        .await;
    let count = list["items"].as_array().map_or(0, Vec::len);
    assert!(count > 10, "{list}");
    for format in ["xlsx", "csv"] {
        let path = format!("/api/v1/exports/households?unit={kb}&format={format}");
        let file = download(&app, &xa, &path).await;
        let (s, v) = import(&app, &xa, &kb, true, &format!("export.{format}"), &file).await;
        assert_eq!(s, StatusCode::OK, "{v}");
        assert_eq!(v["rows"], count, "{format}: {v}");
        assert_eq!(v["unchanged"], count, "{format}: every row unchanged: {v}");
    }
    // The template: its header is what the importer reads, and nothing
    // else (no example row to import by mistake).
    let path = format!("/api/v1/imports/templates/households?unit={kb}");
    let template = download(&app, &xa, &path).await;
    let (s, v) = import(&app, &xa, &kb, true, "mau.xlsx", &template).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["rows"], 0, "{v}");
}

/// A file holds as many rows as the sheet reader allows, not the 1,000 of
/// a JSON request; the households a village may hold still bound it.
#[tokio::test]
async fn a_file_is_not_cut_at_the_json_row_limit_but_a_village_is_capped() {
    let app = TestApp::spawn_with(|c| c.max_village_households = 2_000).await;
    let kb = khe_banh_today(&app).await;
    let todan = app.token("todan").await;
    let mut csv = String::from("Mã hộ;Họ và tên chủ hộ;Số nhân khẩu\n");
    for i in 0..1_500 {
        csv.push_str(&format!("N{i:05};Hộ số {i};{}\n", 1 + i % 7));
    }
    let (s, v) = import(&app, &todan, &kb, false, "nhieu.csv", csv.as_bytes()).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["created"], 1_500);
    let (s, v) = import(
        &app,
        &todan,
        &kb,
        false,
        "them.csv",
        csv.replace("N0", "M0").as_bytes(),
    )
    .await;
    assert_eq!(
        s,
        StatusCode::PAYLOAD_TOO_LARGE,
        "past the village's cap: {v}"
    );
}

/// A commune's file names each row's village (by name, diacritics and
/// case forgiven, or by code); a village not in the commune is refused on
/// its row; a commune-wide file needs the village column.
#[tokio::test]
async fn a_communes_file_names_each_rows_village() {
    let app = TestApp::spawn().await;
    let kb = khe_banh_today(&app).await;
    let xa = app.token("xa").await;
    let csv = format!(
        "Thôn,Mã hộ,Họ và tên chủ hộ\nkhe banh,XA001,Hoàng Văn Một\n{kb},XA002,Hoàng Văn Hai\nThôn Không Có,XA003,Hoàng Văn Ba\n"
    );
    let (s, v) = import(&app, &xa, "04387", false, "xa.csv", csv.as_bytes()).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(
        (v["created"].as_u64(), v["refused"].as_u64()),
        (Some(2), Some(1)),
        "{v}"
    );
    assert_eq!(
        (
            v["errors"][0]["row"].as_u64(),
            v["errors"][0]["column"].as_str()
        ),
        (Some(4), Some("A"))
    );
    let (_, list) = app
        .get_as(&xa, &format!("/api/v1/units/{kb}/households"))
        .await;
    let codes: Vec<&str> = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["code"].as_str().unwrap())
        .collect();
    assert!(
        codes.contains(&"XA001") && codes.contains(&"XA002"),
        "both in Khe Bành"
    );

    let no_village = "Mã hộ,Họ và tên chủ hộ\nXA009,Hoàng Văn Chín\n";
    let (s, v) = import(&app, &xa, "04387", true, "xa.csv", no_village.as_bytes()).await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "{v}");
    assert!(v["message"].as_str().unwrap().contains("Thôn"), "{v}");
    // A team member may not import for the whole commune.
    let todan = app.token("todan").await;
    let (s, _) = import(&app, &todan, "04387", true, "xa.csv", csv.as_bytes()).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
}

/// One column per adoption kind, headed by its name, holding the day the
/// household was helped: recorded in the ledger for new households and
/// for registered ones that lacked it; an adoption in force is not
/// recorded twice; a day before registration or after today is refused.
#[tokio::test]
async fn adoption_columns_record_help_once() {
    let app = TestApp::spawn().await;
    let kb = khe_banh_today(&app).await;
    let xa = app.token("xa").await;
    let csv = "Mã hộ;Họ và tên chủ hộ;Vào nhóm Zalo thôn;VNeID\n\
               AD001;Hoàng Văn Một;05/08/2025;\n\
               AD002;Hoàng Văn Hai;05/08/2025;10/08/2025\n\
               AD003;Hoàng Văn Ba;01/01/2999;\n";
    let (s, v) = import(&app, &xa, &kb, false, "giup.csv", csv.as_bytes()).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(
        (v["created"].as_u64(), v["refused"].as_u64()),
        (Some(2), Some(1)),
        "{v}"
    );
    assert_eq!(
        (
            v["errors"][0]["row"].as_u64(),
            v["errors"][0]["column"].as_str()
        ),
        (Some(4), Some("C"))
    );
    let adoptions = |list: &Value, code: &str| -> Vec<String> {
        let h = list["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|h| h["code"] == code)
            .unwrap();
        h["adoptions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a.as_str().unwrap().to_owned())
            .collect()
    };
    let (_, list) = app
        .get_as(&xa, &format!("/api/v1/units/{kb}/households"))
        .await;
    assert_eq!(adoptions(&list, "AD001"), ["zalo_group"]);
    assert_eq!(adoptions(&list, "AD002").len(), 2);
    // Again, with VNeID for the first: only that is new.
    let again = "Mã hộ;Họ và tên chủ hộ;Vào nhóm Zalo thôn;VNeID\n\
                 AD001;Hoàng Văn Một;05/08/2025;12/08/2025\n\
                 AD002;Hoàng Văn Hai;05/08/2025;10/08/2025\n";
    let (_, v) = import(&app, &xa, &kb, false, "giup.csv", again.as_bytes()).await;
    assert_eq!(
        (v["updated"].as_u64(), v["unchanged"].as_u64()),
        (Some(1), Some(1)),
        "{v}"
    );
    let (_, list) = app
        .get_as(&xa, &format!("/api/v1/units/{kb}/households"))
        .await;
    assert_eq!(adoptions(&list, "AD001").len(), 2);
    assert_eq!(adoptions(&list, "AD002").len(), 2, "not recorded twice");
}
