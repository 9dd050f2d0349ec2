//! Files refused whole: not a spreadsheet, macro-enabled, password-
//! protected, zip bombs, too many rows or columns, empty, no header.

use rust_xlsxwriter::Workbook as XBook;
use std::io::Write;

use super::super::{HeaderError, Limits, SheetError, Workbook, detect, find_header};
use super::{SPECS, all_rows, open, temp_path, write_file, zip_of};

fn small_xlsx(rows: u32, cols: u16) -> std::path::PathBuf {
    let mut book = XBook::new();
    let s = book.add_worksheet();
    for r in 0..rows {
        for c in 0..cols {
            s.write_string(r, c, format!("r{r}c{c}")).unwrap();
        }
    }
    let path = temp_path("small.xlsx");
    book.save(&path).unwrap();
    path
}

#[test]
fn a_png_or_pdf_named_xlsx_is_not_a_spreadsheet() {
    let png = write_file("logo.xlsx", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    assert!(matches!(
        open(&png, "logo.xlsx"),
        Err(SheetError::NotASpreadsheet {
            found: "PNG image",
            ..
        })
    ));
    let pdf = write_file("bao-cao.xlsx", b"%PDF-1.7\n%...");
    assert!(matches!(
        open(&pdf, "bao-cao.xlsx"),
        Err(SheetError::NotASpreadsheet { found: "PDF", .. })
    ));
    let text = write_file("a.xlsx", b"not,really\n1,2\n");
    assert!(matches!(
        open(&text, "a.xlsx"),
        Err(SheetError::NotASpreadsheet { found: "text", .. })
    ));
    let zip = write_file("a.xlsx", &zip_of(&[("readme.txt", b"hello")]));
    assert!(matches!(
        open(&zip, "a.xlsx"),
        Err(SheetError::NotASpreadsheet {
            found: "zip archive",
            ..
        })
    ));
    let exe = write_file("a.exe", b"MZ\0\0");
    assert!(matches!(
        open(&exe, "a.exe"),
        Err(SheetError::NotASpreadsheet { .. })
    ));
}

#[test]
fn the_bytes_decide_between_formats_whatever_the_spreadsheet_name() {
    let path = small_xlsx(1, 1);
    let mut file = std::fs::File::open(&path).unwrap();
    let limits = Limits::default();
    assert_eq!(
        detect("a.xls", &mut file, &limits),
        Ok(super::super::Format::Xlsx)
    );
    let ods = super::files::ods_bytes();
    let mut cursor = std::io::Cursor::new(ods);
    assert_eq!(
        detect("a.xlsx", &mut cursor, &limits),
        Ok(super::super::Format::Ods)
    );
    let mut csv = std::io::Cursor::new(b"a;b\n1;2\n".to_vec());
    assert_eq!(
        detect("a.csv", &mut csv, &limits),
        Ok(super::super::Format::Csv)
    );
    let mut utf16 = std::io::Cursor::new(vec![0xFF, 0xFE, b'a', 0, b';', 0]);
    assert_eq!(
        detect("a.csv", &mut utf16, &limits),
        Ok(super::super::Format::Csv)
    );
}

#[test]
fn a_file_named_xlsm_is_refused_by_name() {
    let path = small_xlsx(1, 1);
    assert_eq!(
        open(&path, "BaoCao.XLSM").err(),
        Some(SheetError::MacroEnabled {
            file: "BaoCao.XLSM".into(),
            entry: None
        })
    );
    assert!(matches!(
        open(&path, "a.xlsb"),
        Err(SheetError::MacroEnabled { .. })
    ));
}

#[test]
fn an_xlsx_holding_a_vba_project_is_refused() {
    let path = small_xlsx(2, 2);
    let file = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(&path)
        .unwrap();
    let mut zip = zip::ZipWriter::new_append(file).unwrap();
    zip.start_file(
        "xl/vbaProject.bin",
        zip::write::SimpleFileOptions::default(),
    )
    .unwrap();
    zip.write_all(b"\xD0\xCF\x11\xE0 not really a project")
        .unwrap();
    zip.finish().unwrap();
    assert_eq!(
        open(&path, "sach.xlsx").err(),
        Some(SheetError::MacroEnabled {
            file: "sach.xlsx".into(),
            entry: Some("xl/vbaProject.bin".into())
        })
    );
}

/// A zip that looks like an XLSX whose sheet is `size` zero bytes.
fn bomb(size: usize) -> Vec<u8> {
    let zeros = vec![0u8; size];
    zip_of(&[
        ("[Content_Types].xml", b"<Types/>"),
        ("xl/workbook.xml", b"<workbook/>"),
        ("xl/worksheets/sheet1.xml", &zeros),
    ])
}

#[test]
fn a_zip_bomb_is_refused_before_anything_is_inflated() {
    let bytes = bomb(4 << 20);
    assert!(bytes.len() < 64 * 1024, "zeros compress: {}", bytes.len());
    let path = write_file("bomb.xlsx", &bytes);
    let ratio = Workbook::open(&path, "bomb.xlsx", Limits::default()).err();
    assert!(
        matches!(&ratio, Some(SheetError::CompressionRatio { entry, ratio, limit: 200, .. })
            if entry == "xl/worksheets/sheet1.xml" && *ratio > 200),
        "{ratio:?}"
    );
    let limits = Limits {
        max_unpacked: 1 << 20,
        ratio_from: u64::MAX,
        ..Limits::default()
    };
    let total = Workbook::open(&path, "bomb.xlsx", limits).err();
    assert!(
        matches!(total, Some(SheetError::TooLargeUnpacked { unpacked, limit, .. })
            if unpacked > 4 << 20 && limit == 1 << 20),
        "{total:?}"
    );
}

#[test]
fn an_entry_inflating_past_its_declared_size_is_not_read_past_it() {
    // Declare the 4 MiB of zeros as 100 bytes in both headers: the zip
    // reader stops there, and the sheet is unreadable, not inflated.
    let mut bytes = bomb(4 << 20);
    let real = (4u32 << 20).to_le_bytes();
    let mut patched = 0;
    for i in 0..bytes.len().saturating_sub(4) {
        if bytes[i..i + 4] == real {
            bytes[i..i + 4].copy_from_slice(&100u32.to_le_bytes());
            patched += 1;
        }
    }
    assert_eq!(patched, 2, "local and central headers");
    let path = write_file("liar.xlsx", &bytes);
    let limits = Limits {
        max_ratio: u64::MAX,
        ..Limits::default()
    };
    let result = Workbook::open(&path, "liar.xlsx", limits).and_then(|mut b| {
        b.rows(None)?.collect::<Result<Vec<_>, _>>()?;
        Ok(())
    });
    assert!(
        matches!(result, Err(SheetError::Unreadable { .. })),
        "{result:?}"
    );
}

/// The first sector of an OLE compound file, then a directory entry's name
/// in UTF-16LE: what an encrypted XLSX starts with.
fn cfb_with(stream: &str) -> Vec<u8> {
    let mut bytes = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    bytes.resize(512, 0);
    bytes.extend(stream.encode_utf16().flat_map(u16::to_le_bytes));
    bytes.resize(1536, 0);
    bytes
}

#[test]
fn an_encrypted_ooxml_is_refused_as_password_protected() {
    for stream in ["EncryptionInfo", "EncryptedPackage"] {
        let path = write_file("mat-khau.xlsx", &cfb_with(stream));
        assert_eq!(
            open(&path, "mat-khau.xlsx").err(),
            Some(SheetError::PasswordProtected {
                file: "mat-khau.xlsx".into()
            }),
            "{stream}"
        );
    }
    let doc = write_file("a.xls", &cfb_with("WordDocument"));
    assert!(matches!(
        open(&doc, "a.xls"),
        Err(SheetError::NotASpreadsheet { .. })
    ));
    let broken = write_file("a.xls", &cfb_with("Workbook"));
    assert!(matches!(
        open(&broken, "a.xls"),
        Err(SheetError::Unreadable { .. })
    ));
}

#[test]
fn too_many_rows_or_columns_are_refused() {
    let path = small_xlsx(5, 3);
    let limits = Limits {
        max_rows: 4,
        ..Limits::default()
    };
    let mut book = Workbook::open(&path, "a.xlsx", limits).unwrap();
    let result = all_rows(&mut book);
    assert!(
        matches!(
            &result,
            Err(SheetError::TooManyRows {
                row: 5,
                limit: 4,
                ..
            })
        ),
        "{result:?}"
    );
    let limits = Limits {
        max_columns: 2,
        ..Limits::default()
    };
    let mut book = Workbook::open(&path, "a.xlsx", limits).unwrap();
    let result = all_rows(&mut book);
    assert!(
        matches!(&result, Err(SheetError::TooManyColumns { row: 1, column, limit: 2, .. }) if column == "C"),
        "{result:?}"
    );
    let text = "a,b,c\n1,2,3\n4,5,6\n";
    let csv: Result<Vec<_>, _> = super::super::csv_rows("a.csv", text, limits).collect();
    assert!(matches!(csv, Err(SheetError::TooManyColumns { .. })));
}

#[test]
fn an_empty_sheet_is_refused() {
    let mut book = XBook::new();
    book.add_worksheet()
        .set_name("Trống")
        .unwrap()
        .write_blank(3, 3, &rust_xlsxwriter::Format::new().set_bold())
        .unwrap();
    let path = temp_path("empty.xlsx");
    book.save(&path).unwrap();
    let mut book = open(&path, "empty.xlsx").unwrap();
    assert_eq!(
        all_rows(&mut book).err(),
        Some(SheetError::EmptySheet {
            sheet: "Trống".into()
        })
    );
    let csv: Result<Vec<_>, _> =
        super::super::csv_rows("a.csv", "\u{feff}\n ; \n", Limits::default()).collect();
    assert!(matches!(csv, Err(SheetError::EmptySheet { .. })));
}

#[test]
fn a_sheet_without_its_header_row_is_refused() {
    let path = small_xlsx(12, 3);
    let mut book = open(&path, "a.xlsx").unwrap();
    let rows = all_rows(&mut book).unwrap();
    assert_eq!(
        find_header("Sheet1", &rows, SPECS),
        Err(HeaderError::NotFound {
            sheet: "Sheet1".into(),
            missing: vec!["head", "size"]
        })
    );
}

#[test]
fn a_workbook_whose_only_sheet_is_hidden_is_empty() {
    let content = r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:automatic-styles><style:style style:name="ta1" style:family="table"><style:table-properties table:display="false"/></style:style></office:automatic-styles><office:body><office:spreadsheet><table:table table:name="Ẩn" table:style-name="ta1"><table:table-row><table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"#;
    let path = write_file("hidden.ods", &super::files::ods_of(content));
    let mut book = open(&path, "hidden.ods").unwrap();
    assert!(book.sheet_names().is_empty());
    assert_eq!(
        book.rows(None).err(),
        Some(SheetError::EmptyWorkbook {
            file: "hidden.ods".into()
        })
    );
}
