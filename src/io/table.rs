//! Tables out: CSV (UTF-8 with a byte-order mark, so that Excel reads the
//! Vietnamese right) and XLSX. Numbers that parse as numbers are written as
//! numbers in XLSX. Every CSV cell goes through `csv_cell`, so text that a
//! spreadsheet would run as a formula (`=cmd|...`, `@SUM(...)`) is written
//! as text; XLSX cells are written as strings or numbers, never formulas.

use rust_xlsxwriter::{Format, Workbook, XlsxError};

use std::borrow::Cow;

/// A CSV cell made safe for spreadsheets (OWASP's rule for CSV injection):
/// a text starting with `=`, `+`, `-`, `@`, a tab or a carriage return gets
/// a leading `'`, so Excel and LibreOffice show it as text instead of
/// running it. A cell that is a plain number (`-3`, `+1.5`) stays a number.
pub fn csv_cell(v: &str) -> Cow<'_, str> {
    let risky = v.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && !is_plain_number(v) {
        Cow::Owned(format!("'{v}"))
    } else {
        Cow::Borrowed(v)
    }
}

/// A decimal number and nothing else: optional sign, digits, optional
/// fraction (no exponent, no `inf`/`nan`, which a spreadsheet reads as
/// text or formulas anyway).
fn is_plain_number(v: &str) -> bool {
    let digits = v.strip_prefix(['+', '-']).unwrap_or(v);
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    !int.is_empty()
        && int.bytes().all(|b| b.is_ascii_digit())
        && frac.bytes().all(|b| b.is_ascii_digit())
}

pub fn to_csv(header: &[String], rows: &[Vec<String>]) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(vec![0xEF, 0xBB, 0xBF]);
    let _ = w.write_record(header.iter().map(|c| csv_cell(c).into_owned()));
    for r in rows {
        let _ = w.write_record(r.iter().map(|c| csv_cell(c).into_owned()));
    }
    w.into_inner().unwrap_or_default()
}

pub fn to_xlsx(header: &[String], rows: &[Vec<String>]) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let bold = Format::new().set_bold();
    for (c, h) in header.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, h, &bold)?;
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            let (r, c) = (r as u32 + 1, c as u16);
            match v.parse::<f64>() {
                Ok(n) if c > 0 => sheet.write_number(r, c, n)?,
                _ => sheet.write_string(r, c, v)?,
            };
        }
    }
    book.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_round_trips_vietnamese_and_commas() {
        let header = vec!["code".to_string(), "name".to_string()];
        let rows = vec![vec![
            "04387".to_string(),
            "Xã Châu Quế Hạ, Văn Yên".to_string(),
        ]];
        let bytes = to_csv(&header, &rows);
        assert_eq!(&bytes[..3], &[0xEF, 0xBB, 0xBF]);
        let mut rdr = csv::Reader::from_reader(&bytes[3..]);
        let rec = rdr.records().next().unwrap().unwrap();
        assert_eq!(&rec[1], "Xã Châu Quế Hạ, Văn Yên");
        assert_eq!(&rec[0], "04387");
    }

    #[test]
    fn csv_cells_that_a_spreadsheet_would_run_are_text() {
        for (raw, want) in [
            ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
            ("+1+2", "'+1+2"),
            ("-3+4", "'-3+4"),
            ("@SUM(1+1)", "'@SUM(1+1)"),
            ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
            ("\t=1", "'\t=1"),
            ("\r=1", "'\r=1"),
            ("-", "'-"),
            ("-3", "-3"),
            ("-3.5", "-3.5"),
            ("+2", "+2"),
            ("12", "12"),
            ("Nguyễn Văn A", "Nguyễn Văn A"),
            ("", ""),
        ] {
            assert_eq!(csv_cell(raw), want, "{raw:?}");
        }
        let bytes = to_csv(&["name".into()], &[vec!["=1+1".into()], vec!["-7".into()]]);
        let mut rdr = csv::Reader::from_reader(&bytes[3..]);
        let cells: Vec<String> = rdr.records().map(|r| r.unwrap()[0].to_string()).collect();
        assert_eq!(cells, ["'=1+1", "-7"]);
    }

    #[test]
    fn xlsx_is_a_zip() {
        let bytes = to_xlsx(&["a".into(), "b".into()], &[vec!["x".into(), "1.5".into()]]).unwrap();
        assert_eq!(&bytes[..2], b"PK");
    }
}
