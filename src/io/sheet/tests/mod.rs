//! Tests of the sheet reader. Fixtures are written at test time (XLSX with
//! rust_xlsxwriter, ODS and zip bombs with the zip crate) into a fresh
//! directory under the system's temp dir.

mod files;
mod refusals;
mod scale;
mod values;

use std::io::Write;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::{ColumnSpec, Limits, Row, SheetError, Workbook};

static NEXT: AtomicUsize = AtomicUsize::new(0);

/// A path for a fixture named `name`, unique to this test run.
fn temp_path(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tinhso-sheet-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    dir.join(format!("{n}-{name}"))
}

fn write_file(name: &str, bytes: &[u8]) -> PathBuf {
    let path = temp_path(name);
    std::fs::write(&path, bytes).expect("write fixture");
    path
}

/// A zip of `entries` (name, bytes), deflated unless the name is
/// `mimetype` (which ODS wants stored, first).
fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, bytes) in entries {
        let method = if *name == "mimetype" {
            zip::CompressionMethod::Stored
        } else {
            zip::CompressionMethod::Deflated
        };
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(method)
            .large_file(bytes.len() > u32::MAX as usize);
        zip.start_file(*name, options).expect("zip entry");
        zip.write_all(bytes).expect("zip write");
    }
    zip.finish().expect("zip finish").into_inner()
}

fn open(path: &std::path::Path, name: &str) -> Result<Workbook, SheetError> {
    Workbook::open(path, name, Limits::default())
}

fn all_rows(book: &mut Workbook) -> Result<Vec<Row>, SheetError> {
    book.rows(None)?.collect()
}

/// The households columns the fixtures use.
const SPECS: &[ColumnSpec] = &[
    ColumnSpec {
        key: "head",
        names: &["Họ và tên chủ hộ", "Chủ hộ", "Tên chủ hộ"],
        required: true,
    },
    ColumnSpec {
        key: "size",
        names: &["Số nhân khẩu", "Nhân khẩu"],
        required: true,
    },
    ColumnSpec {
        key: "vneid",
        names: &["VNeID", "Ứng dụng VNeID"],
        required: false,
    },
    ColumnSpec {
        key: "payment",
        names: &["Thanh toán điện tử", "Ứng dụng thanh toán điện tử"],
        required: false,
    },
    ColumnSpec {
        key: "updated",
        names: &["Ngày cập nhật"],
        required: false,
    },
];
