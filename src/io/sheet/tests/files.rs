//! Reading XLSX, CSV and ODS into rows, the header, totals rows and fonts.

use chrono::NaiveDate;
use rust_xlsxwriter::{ExcelDateTime, Format as XFormat, Formula, Workbook as XBook};

use super::super::{
    Cell, Format, Limits, NumberStyle, SheetError, csv_rows, find_header, is_totals_row,
    parse_date, parse_whole,
};
use super::{SPECS, all_rows, open, temp_path, write_file, zip_of};

/// The households list as a commune keeps it: a title, a blank row, a
/// two-row header with "Ứng dụng" merged over two columns, a blank row
/// between households, a formula with its cached result, a date cell, a
/// name in the TCVN3 font, and a totals row.
fn households_xlsx() -> std::path::PathBuf {
    let mut book = XBook::new();
    let s = book.add_worksheet();
    s.set_name("Hộ gia đình").unwrap();
    let plain = XFormat::new();
    let date = XFormat::new().set_num_format("dd/mm/yyyy");
    let vntime = XFormat::new().set_font_name(".VnTime");
    s.merge_range(0, 0, 0, 5, "DANH SÁCH HỘ GIA ĐÌNH", &plain)
        .unwrap();
    s.merge_range(2, 0, 3, 0, "STT", &plain).unwrap();
    s.merge_range(2, 1, 3, 1, "Họ và tên  CHỦ HỘ", &plain)
        .unwrap();
    s.merge_range(2, 2, 3, 2, "So nhan khau (*)", &plain)
        .unwrap();
    s.merge_range(2, 3, 2, 4, "Ứng dụng", &plain).unwrap();
    s.merge_range(2, 5, 3, 5, "Ngày cập nhật", &plain).unwrap();
    s.write_string(3, 3, "VNeID").unwrap();
    s.write_string(3, 4, "Thanh toán điện tử").unwrap();
    s.write_number(4, 0, 1).unwrap();
    s.write_string_with_format(4, 1, "NguyÔn V¨n An", &vntime)
        .unwrap();
    s.write_number(4, 2, 4).unwrap();
    s.write_string(4, 3, "Có").unwrap();
    s.write_string(4, 4, "Không").unwrap();
    let day = ExcelDateTime::from_ymd(2022, 6, 30).unwrap();
    s.write_datetime_with_format(4, 5, &day, &date).unwrap();
    s.write_number(6, 0, 2).unwrap();
    s.write_string(6, 1, "Lò Thị Bình").unwrap();
    s.write_formula(6, 2, Formula::new("=2+3").set_result("5"))
        .unwrap();
    s.write_string(6, 3, "Có").unwrap();
    s.write_string(6, 5, "1/7/2022").unwrap();
    s.write_string(7, 0, "Tổng cộng:").unwrap();
    s.write_formula(7, 2, Formula::new("=SUM(C5:C7)").set_result("9"))
        .unwrap();
    let path = temp_path("households.xlsx");
    book.save(&path).unwrap();
    path
}

#[test]
fn an_xlsx_streams_its_rows_with_numbers_dates_and_cached_formulas() {
    let path = households_xlsx();
    let mut book = open(&path, "ho-gia-dinh.xlsx").unwrap();
    assert_eq!(book.format(), Format::Xlsx);
    assert_eq!(book.sheet_names(), vec!["Hộ gia đình".to_string()]);
    let rows = all_rows(&mut book).unwrap();
    let numbers: Vec<u32> = rows.iter().map(|r| r.number).collect();
    assert_eq!(
        numbers,
        [1, 3, 4, 5, 7, 8],
        "blank rows 2 and 6 are left out"
    );

    let first = &rows[3];
    assert_eq!(first.get(0), &Cell::Number(1.0));
    assert_eq!(first.get(2), &Cell::Number(4.0));
    let june = NaiveDate::from_ymd_opt(2022, 6, 30).unwrap();
    assert!(matches!(first.get(5), Cell::Date(_)), "{:?}", first.get(5));
    assert_eq!(parse_date(first.get(5)), Ok(june));
    let second = &rows[4];
    assert_eq!(
        second.get(2),
        &Cell::Number(5.0),
        "a formula gives its result"
    );
    assert_eq!(second.get(4), &Cell::Empty);
    assert_eq!(
        parse_date(second.get(5)),
        Ok(NaiveDate::from_ymd_opt(2022, 7, 1).unwrap())
    );
    assert_eq!(parse_whole(second.get(2), NumberStyle::Vietnamese), Ok(5));

    let header = find_header("Hộ gia đình", &rows, SPECS).unwrap();
    assert_eq!((header.first_row, header.row), (3, 4));
    assert_eq!(header.get("head"), Some(1));
    assert_eq!(header.get("size"), Some(2));
    assert_eq!(header.get("vneid"), Some(3));
    assert_eq!(header.get("payment"), Some(4));
    assert_eq!(header.get("updated"), Some(5));
    assert_eq!(header.unknown, vec![(0, "STT".to_string())]);

    let data: Vec<_> = rows.iter().filter(|r| r.number > header.row).collect();
    assert_eq!(data.len(), 3);
    assert!(!is_totals_row(data[0]) && !is_totals_row(data[1]));
    assert!(is_totals_row(data[2]));
}

#[test]
fn an_xlsx_tells_the_font_of_each_cell() {
    let path = households_xlsx();
    let mut book = open(&path, "ho.xlsx").unwrap();
    assert!(
        book.fonts().contains(&".VnTime".to_string()),
        "{:?}",
        book.fonts()
    );
    let rows = all_rows(&mut book).unwrap();
    let first = rows.iter().find(|r| r.number == 5).unwrap();
    assert_eq!(first.font(1), Some(".VnTime"));
    assert_ne!(first.font(3), Some(".VnTime"));
    assert_eq!(first.font(3), Some("Calibri"));
}

#[test]
fn a_sheet_is_read_by_name_and_hidden_sheets_are_not_the_default() {
    let mut book = XBook::new();
    book.add_worksheet()
        .set_name("Ẩn")
        .unwrap()
        .write_string(0, 0, "x")
        .unwrap();
    book.add_worksheet()
        .set_name("Dữ liệu")
        .unwrap()
        .write_string(0, 0, "y")
        .unwrap();
    book.worksheet_from_index(0).unwrap().set_hidden(true);
    book.worksheet_from_index(1).unwrap().set_active(true);
    let path = temp_path("hidden.xlsx");
    book.save(&path).unwrap();
    let mut book = open(&path, "hidden.xlsx").unwrap();
    assert_eq!(book.default_sheet().unwrap(), "Dữ liệu");
    let rows: Vec<_> = book.rows(None).unwrap().collect();
    assert_eq!(rows[0].as_ref().unwrap().get(0), &Cell::Text("y".into()));
    let rows: Vec<_> = book.rows(Some("Ẩn")).unwrap().collect();
    assert_eq!(rows[0].as_ref().unwrap().get(0), &Cell::Text("x".into()));
    assert!(matches!(
        book.rows(Some("Không có")),
        Err(SheetError::NoSuchSheet { .. })
    ));
}

const CSV: &str = "\u{feff}STT;Họ và tên chủ hộ;Số nhân khẩu;VNeID;Thanh toán điện tử;Ngày cập nhật\n\
1;Nguyễn Văn An;4;Có;Không;30/06/2022\n\
\n\
2;\"Lò Thị Bình\";5;Có;;1-7-2022\n\
;Tổng cộng;9\n";

#[test]
fn the_same_rows_as_csv_with_semicolons() {
    let rows: Vec<_> = csv_rows("ho.csv", CSV, Limits::default())
        .collect::<Result<_, _>>()
        .unwrap();
    let numbers: Vec<u32> = rows.iter().map(|r| r.number).collect();
    assert_eq!(numbers, [1, 2, 4, 5]);
    let header = find_header("ho.csv", &rows, SPECS).unwrap();
    assert_eq!(header.row, 1);
    assert_eq!(header.get("head"), Some(1));
    assert_eq!(header.get("payment"), Some(4));
    assert_eq!(rows[2].get(1), &Cell::Text("Lò Thị Bình".into()));
    assert_eq!(rows[2].get(4), &Cell::Empty);
    assert_eq!(
        parse_date(rows[1].get(5)),
        Ok(NaiveDate::from_ymd_opt(2022, 6, 30).unwrap())
    );
    assert!(is_totals_row(&rows[3]));
}

#[test]
fn a_csv_delimiter_is_told_from_the_header_line() {
    for (text, second) in [
        ("a,b;c,d\n1,2\n", "b;c"),
        ("a;b,c;d\n1;2\n", "b,c"),
        ("a;b,c\n1;2\n", "b,c"),
        ("a\tb\n1\t2\n", "b"),
        ("\"x;y\",b\n1,2\n", "b"),
    ] {
        let rows: Vec<_> = csv_rows("t.csv", text, Limits::default())
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(rows[0].get(1), &Cell::Text(second.into()), "{text:?}");
    }
}

#[test]
fn a_csv_row_number_counts_blank_lines_and_not_lines_inside_quotes() {
    let text = "h1,h2\n\"two\nlines\",x\n\n\nlast,y\n";
    let rows: Vec<_> = csv_rows("t.csv", text, Limits::default())
        .collect::<Result<_, _>>()
        .unwrap();
    let numbers: Vec<u32> = rows.iter().map(|r| r.number).collect();
    assert_eq!(numbers, [1, 2, 5]);
}

const ODS_CONTENT: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="Hộ"><table:table-row><table:table-cell office:value-type="string"><text:p>Chủ hộ</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>Nhân khẩu</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>Ngày cập nhật</text:p></table:table-cell></table:table-row><table:table-row><table:table-cell/></table:table-row><table:table-row><table:table-cell office:value-type="string"><text:p>Nguyễn Văn An</text:p></table:table-cell><table:table-cell office:value-type="float" office:value="4"><text:p>4</text:p></table:table-cell><table:table-cell office:value-type="date" office:date-value="2022-06-30"><text:p>30/06/2022</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"#;

const ODS_MANIFEST: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;

pub(super) fn ods_bytes() -> Vec<u8> {
    ods_of(ODS_CONTENT)
}

pub(super) fn ods_of(content: &str) -> Vec<u8> {
    zip_of(&[
        (
            "mimetype",
            b"application/vnd.oasis.opendocument.spreadsheet",
        ),
        ("META-INF/manifest.xml", ODS_MANIFEST.as_bytes()),
        ("content.xml", content.as_bytes()),
    ])
}

#[test]
fn an_ods_is_loaded_into_the_same_rows() {
    let path = write_file("ho.ods", &ods_bytes());
    let mut book = open(&path, "ho.ods").unwrap();
    assert_eq!(book.format(), Format::Ods);
    let rows = all_rows(&mut book).unwrap();
    let numbers: Vec<u32> = rows.iter().map(|r| r.number).collect();
    assert_eq!(numbers, [1, 3]);
    let header = find_header("Hộ", &rows, SPECS).unwrap();
    assert_eq!((header.get("head"), header.get("size")), (Some(0), Some(1)));
    assert_eq!(rows[1].get(1), &Cell::Number(4.0));
    assert_eq!(
        parse_date(rows[1].get(2)),
        Ok(NaiveDate::from_ymd_opt(2022, 6, 30).unwrap())
    );
    assert!(book.fonts().is_empty(), "calamine reads no ODS styles");
}
