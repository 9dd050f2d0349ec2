//! Tables out: CSV (UTF-8 with a byte-order mark, so that Excel reads the
//! Vietnamese right) and XLSX. Numbers that parse as numbers are written as
//! numbers in XLSX.

use rust_xlsxwriter::{Format, Workbook, XlsxError};

pub fn to_csv(header: &[String], rows: &[Vec<String>]) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(vec![0xEF, 0xBB, 0xBF]);
    let _ = w.write_record(header);
    for r in rows {
        let _ = w.write_record(r);
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
    fn xlsx_is_a_zip() {
        let bytes = to_xlsx(&["a".into(), "b".into()], &[vec!["x".into(), "1.5".into()]]).unwrap();
        assert_eq!(&bytes[..2], b"PK");
    }
}
