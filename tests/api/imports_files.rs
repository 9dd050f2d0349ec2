//! The importer's files out (issue 12): a village's households template
//! (header in row 1 and nothing below, a drop-down of the poverty words,
//! a notes sheet) and the export of its households (the template's header,
//! one row per household, refused without the personal-data right).

use std::io::{Cursor, Read};

use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
use tinhso::error::AppError;
use tinhso::error::AppResult;
use tinhso::io::sheet::{Cell, Limits, Workbook, csv_rows, find_header};
use tinhso::io::vn_text::{TextEncoding, decode_file};
use tinhso::service::imports::columns::{HOUSEHOLDS, POVERTY, household_note};
use tinhso::service::imports::export::{self, ExportFormat};
use tinhso::service::imports::layout::{FONT, NOTES_SHEET};
use tinhso::service::imports::{Register, layout_of};
use tinhso::service::{Actor, accounts, households};

/// The households data sheet's name.
const DATA_SHEET: &str = "Hộ gia đình";

async fn households_template(
    app_ctx: &tinhso::service::Ctx,
    who: &Actor,
    unit: &str,
) -> AppResult<Vec<u8>> {
    export::template(app_ctx, who, Register::Households, unit)
        .await
        .map(|(_, b)| b)
}

async fn households_export(
    ctx: &tinhso::service::Ctx,
    who: &Actor,
    unit: &str,
    format: ExportFormat,
) -> AppResult<(String, &'static str, Vec<u8>)> {
    export::export(ctx, who, Register::Households, unit, format).await
}

/// The households header row at a village: its own columns, then one per
/// adoption kind.
async fn households_header(app: &TestApp, who: &Actor, unit: &str) -> Vec<String> {
    let layout = layout_of(&app.ctx, who, Register::Households, unit)
        .await
        .unwrap();
    layout.header().into_iter().map(str::to_owned).collect()
}

use crate::helpers::TestApp;
use crate::homes::khe_banh_today;

pub(crate) async fn actor(app: &TestApp, username: &str) -> Actor {
    let id = accounts::user_id_by_name(&app.ctx, username)
        .await
        .expect("user");
    accounts::actor_for_id(&app.ctx, id).await.expect("actor")
}

pub(crate) fn book(bytes: &[u8]) -> Xlsx<Cursor<Vec<u8>>> {
    open_workbook_from_rs(Cursor::new(bytes.to_vec())).expect("an XLSX")
}

fn text(d: &Data) -> String {
    match d {
        Data::String(s) => s.clone(),
        Data::Empty => String::new(),
        other => other.to_string(),
    }
}

/// The text of each row of a sheet, from the first.
pub(crate) fn rows(book: &mut Xlsx<Cursor<Vec<u8>>>, sheet: &str) -> Vec<Vec<String>> {
    let range = book.worksheet_range(sheet).expect("the sheet");
    assert_eq!(range.start(), Some((0, 0)), "{sheet} starts at A1");
    range.rows().map(|r| r.iter().map(text).collect()).collect()
}

/// A part of the XLSX's zip as text.
pub(crate) fn part(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes.to_vec())).expect("a zip");
    let mut s = String::new();
    zip.by_name(name)
        .expect("the part")
        .read_to_string(&mut s)
        .unwrap();
    s
}

/// Another village of Khe Bành's commune today.
fn neighbour(app: &TestApp, kb: &str) -> String {
    let h = app.ctx.hierarchy();
    let day = app.ctx.today();
    let node = h.find(&kb.parse().unwrap(), day).expect("Khe Bành");
    let commune = h.parent(&node).expect("its commune");
    h.children(&commune)
        .into_iter()
        .map(|n| n.unit.code.to_string())
        .find(|c| c != kb)
        .expect("another village")
}

#[tokio::test]
async fn the_households_template_has_its_header_in_row_1_and_a_notes_sheet() {
    let app = TestApp::spawn().await;
    let kb = khe_banh_today(&app).await;
    let todan = actor(&app, "todan").await;
    let bytes = households_template(&app.ctx, &todan, &kb).await.unwrap();
    let mut wb = book(&bytes);
    assert_eq!(wb.sheet_names(), [DATA_SHEET, NOTES_SHEET]);

    // Row 1 is the header; nothing below it (the first row filled is row 2).
    let data = rows(&mut wb, DATA_SHEET);
    let header = households_header(&app, &todan, &kb).await;
    assert_eq!(
        data,
        std::slice::from_ref(&header),
        "the header and no example row"
    );
    assert_eq!(header[0], HOUSEHOLDS[0].names[0]);
    assert!(header.iter().any(|h| h.contains("VNeID")), "{header:?}");

    // A drop-down of the poverty words on the poverty column, a frozen header.
    let sheet = part(&bytes, "xl/worksheets/sheet1.xml");
    assert!(sheet.contains("<dataValidation "), "{sheet}");
    let list = POVERTY
        .iter()
        .map(|(w, _, _)| *w)
        .collect::<Vec<_>>()
        .join(",");
    assert!(sheet.contains(&list), "the poverty words: {sheet}");
    assert!(sheet.contains("sqref=\"E2:E1048576\""), "column E: {sheet}");
    assert!(sheet.contains("ySplit=\"1\""), "frozen header: {sheet}");
    let styles = part(&bytes, "xl/styles.xml");
    assert!(styles.contains(FONT) && styles.contains("dd/mm/yyyy"));
    assert!(!styles.to_lowercase().contains(".vntime"));

    // The notes: the village, each column with its note, the words, an example.
    let notes = rows(&mut wb, NOTES_SHEET).concat().join("\n");
    assert!(notes.contains("Khe Bành") && notes.contains(&kb), "{notes}");
    for spec in HOUSEHOLDS {
        assert!(notes.contains(spec.names[0]), "{}", spec.names[0]);
        assert!(notes.contains(household_note(spec.key)), "{}", spec.key);
    }
    assert!(notes.contains(&list.replace(',', ", ")), "{notes}");
    assert!(notes.contains("Nguyễn Văn An"), "the example row: {notes}");

    // The importer's own reader finds the header in row 1.
    let path = app.data_dir().join("template.xlsx");
    std::fs::write(&path, &bytes).unwrap();
    let mut opened = Workbook::open(&path, "template.xlsx", Limits::default()).unwrap();
    let read: Vec<_> = opened
        .rows(None)
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(read.len(), 1, "only the header");
    let specs = layout_of(&app.ctx, &todan, Register::Households, &kb)
        .await
        .unwrap()
        .specs();
    let header = find_header(DATA_SHEET, &read, &specs).unwrap();
    assert_eq!(header.row, 1);
    assert_eq!(header.columns.len(), specs.len());
    assert!(header.unknown.is_empty());
    assert_eq!(read[0].font(0), Some(FONT));
}

#[tokio::test]
async fn a_template_only_for_a_village_one_may_record_in() {
    let app = TestApp::spawn().await;
    let kb = khe_banh_today(&app).await;
    let other = neighbour(&app, &kb);
    let todan = actor(&app, "todan").await;
    let forbidden = households_template(&app.ctx, &todan, &other).await;
    assert!(
        matches!(forbidden, Err(AppError::Forbidden(_))),
        "{forbidden:?}"
    );
    let viewer = actor(&app, "xem").await;
    let forbidden = households_template(&app.ctx, &viewer, &kb).await;
    assert!(
        matches!(forbidden, Err(AppError::Forbidden(_))),
        "{forbidden:?}"
    );
    // A commune's template names each row's village, from a drop-down of
    // its villages.
    let xa = actor(&app, "xa").await;
    let commune = households_template(&app.ctx, &xa, "04387").await.unwrap();
    let mut wb = book(&commune);
    assert_eq!(rows(&mut wb, DATA_SHEET)[0][0], "Thôn");
    let sheet = part(&commune, "xl/worksheets/sheet1.xml");
    assert!(sheet.contains("sqref=\"A2:A1048576\""), "{sheet}");
    assert!(sheet.contains("Khe Bành"), "the villages offered: {sheet}");
    assert!(households_template(&app.ctx, &xa, &other).await.is_ok());
}

#[tokio::test]
async fn khe_banhs_households_export_with_the_templates_header() {
    let app = TestApp::spawn().await;
    let kb = khe_banh_today(&app).await;
    let todan = actor(&app, "todan").await;
    let listed = households::list(&app.ctx, &todan, &kb, app.ctx.today())
        .await
        .unwrap();
    assert!(!listed.is_empty(), "the demo has households in Khe Bành");
    let header = households_header(&app, &todan, &kb).await;

    let (name, kind, bytes) = households_export(&app.ctx, &todan, &kb, ExportFormat::Xlsx)
        .await
        .unwrap();
    assert!(name.ends_with(".xlsx") && name.contains(&kb), "{name}");
    assert!(kind.contains("spreadsheetml"));
    let mut wb = book(&bytes);
    let data = rows(&mut wb, DATA_SHEET);
    assert_eq!(data[0], header);
    assert_eq!(data.len() - 1, listed.len(), "one row per household");
    let first = listed
        .iter()
        .find(|h| h.code == data[1][0])
        .expect("listed");
    assert_eq!(
        data[1][1],
        first.head_name.clone().unwrap_or_default(),
        "the real name"
    );
    assert_eq!(
        data[1][4],
        POVERTY.iter().find(|p| p.2 == first.poverty).unwrap().0
    );

    // The importer reads a day as a date and a size as a number.
    let path = app.data_dir().join("export.xlsx");
    std::fs::write(&path, &bytes).unwrap();
    let mut opened = Workbook::open(&path, "export.xlsx", Limits::default()).unwrap();
    let read: Vec<_> = opened
        .rows(None)
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let map = find_header(DATA_SHEET, &read, HOUSEHOLDS).unwrap();
    assert_eq!(map.row, 1);
    let day = map.get("registered_on").unwrap();
    match read[1].get(day) {
        Cell::Date(d) => assert_eq!(d.date(), first.registered_on),
        other => panic!("a date cell: {other:?}"),
    }
    if let Some(size) = first.size {
        assert_eq!(
            read[1].get(map.get("size").unwrap()),
            &Cell::Number(size as f64)
        );
    }
    assert_eq!(read[1].font(0), Some(FONT), "never a legacy font");

    let (name, kind, bytes) = households_export(&app.ctx, &todan, &kb, ExportFormat::Csv)
        .await
        .unwrap();
    assert!(name.ends_with(".csv"), "{name}");
    assert!(kind.starts_with("text/csv"));
    assert_eq!(&bytes[..3], &[0xEF, 0xBB, 0xBF], "UTF-8 with a BOM");
    let mut csv = csv::Reader::from_reader(&bytes[3..]);
    let got: Vec<String> = csv.headers().unwrap().iter().map(str::to_owned).collect();
    assert_eq!(got, header);
    let records: Vec<csv::StringRecord> = csv.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), listed.len());
    let row = records.iter().find(|r| r[0] == first.code).unwrap();
    assert_eq!(row[5], first.registered_on.format("%d/%m/%Y").to_string());
    // The importer decodes it as UTF-8 and finds the header in row 1.
    let decoded = decode_file(&bytes, None).unwrap();
    assert_eq!(decoded.encoding, TextEncoding::Utf8);
    let read: Vec<_> = csv_rows(&name, &decoded.text, Limits::default())
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(read.len(), listed.len() + 1);
    let map = find_header(&name, &read, HOUSEHOLDS).unwrap();
    assert_eq!((map.row, map.columns.len()), (1, HOUSEHOLDS.len()));

    // The commune officer may export too.
    let xa = actor(&app, "xa").await;
    assert!(
        households_export(&app.ctx, &xa, &kb, ExportFormat::Csv)
            .await
            .is_ok()
    );
}

#[tokio::test]
async fn no_export_without_the_right_to_see_personal_data() {
    let app = TestApp::spawn().await;
    let kb = khe_banh_today(&app).await;
    // The district officer and a viewer may read the list, masked, or not
    // at all (a grant on a unit before the reorganisation); either way no
    // export.
    let mut masked = 0;
    for user in ["huyen", "xem"] {
        let who = actor(&app, user).await;
        if let Ok(listed) = households::list(&app.ctx, &who, &kb, app.ctx.today()).await {
            assert!(listed.iter().all(|h| h.masked), "{user} sees masked data");
            masked += 1;
        }
        for format in [ExportFormat::Xlsx, ExportFormat::Csv] {
            let refused = households_export(&app.ctx, &who, &kb, format).await;
            assert!(
                matches!(refused, Err(AppError::Forbidden(_))),
                "{user}: {refused:?}"
            );
        }
    }
    assert!(
        masked > 0,
        "someone reads the list masked and may not export it"
    );
    // A team member of one village may not export another's.
    let other = neighbour(&app, &kb);
    let todan = actor(&app, "todan").await;
    let refused = households_export(&app.ctx, &todan, &other, ExportFormat::Csv).await;
    assert!(
        matches!(refused, Err(AppError::Forbidden(_))),
        "{refused:?}"
    );
}

/// An OpenDocument spreadsheet (LibreOffice's own format) of two
/// households: `zip` writes the package as LibreOffice does (the
/// `mimetype` entry first and stored), calamine reads it, and the API
/// previews and imports it as it does an XLSX.
fn households_ods(code: &str) -> Vec<u8> {
    use std::io::Write;
    let cell = |v: &str| {
        format!(
            "<table:table-cell office:value-type=\"string\"><text:p>{v}</text:p></table:table-cell>"
        )
    };
    let row = |cells: &[&str]| {
        format!(
            "<table:table-row>{}</table:table-row>",
            cells.iter().map(|c| cell(c)).collect::<String>()
        )
    };
    let content = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
         <office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" \
         xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" \
         xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" office:version=\"1.2\">\
         <office:body><office:spreadsheet><table:table table:name=\"Hộ\">{}{}{}</table:table>\
         </office:spreadsheet></office:body></office:document-content>",
        row(&["Mã hộ", "Chủ hộ", "Hộ nghèo"]),
        row(&[&format!("{code}-1"), "Lò Văn Pọm", "nghèo"]),
        row(&[&format!("{code}-2"), "Sùng Thị Mỷ", "không"]),
    );
    let manifest = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
        <manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"1.2\">\
        <manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"application/vnd.oasis.opendocument.spreadsheet\"/>\
        <manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/></manifest:manifest>";
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("mimetype", stored).unwrap();
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .unwrap();
    let deflated = zip::write::SimpleFileOptions::default();
    zip.start_file("META-INF/manifest.xml", deflated).unwrap();
    zip.write_all(manifest.as_bytes()).unwrap();
    zip.start_file("content.xml", deflated).unwrap();
    zip.write_all(content.as_bytes()).unwrap();
    zip.finish().unwrap().into_inner()
}

#[tokio::test]
async fn an_ods_file_imports_through_the_api() {
    let app = TestApp::spawn().await;
    let kb = khe_banh_today(&app).await;
    let xa = app.token("xa").await;
    let file = households_ods("ODS");
    let at = ("households", kb.as_str());
    let (s, v) = crate::imports::import_into(&app, &xa, at, true, "ho.ods", &file).await;
    assert_eq!(s, reqwest::StatusCode::OK, "{v}");
    assert_eq!((&v["rows"], &v["created"]), (&2.into(), &2.into()), "{v}");
    let (_, v) = crate::imports::import_into(&app, &xa, at, false, "ho.ods", &file).await;
    assert_eq!(v["created"], 2, "{v}");
    let (_, v) = crate::imports::import_into(&app, &xa, at, true, "ho.ods", &file).await;
    assert_eq!(v["unchanged"], 2, "the same file again: {v}");
}
