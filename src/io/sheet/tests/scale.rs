//! A 100,000-row households sheet streamed: time and resident memory, for
//! the importer's budget (issue 12: under 300 MB of growth). Ignored by
//! default (it writes a 100,000-row fixture first); run it with
//! `cargo test --lib io::sheet::tests::scale -- --ignored --nocapture`.

use rust_xlsxwriter::Workbook as XBook;
use std::time::Instant;

use super::{open, temp_path};

/// The process's resident memory (`VmRSS`) or its peak (`VmHWM`) in KiB,
/// from /proc (Linux).
fn memory_kib(field: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(field))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

const ROWS: u32 = 100_000;
const FIXTURE_ENV: &str = "TINHSO_SHEET_SCALE_FIXTURE";

/// Writes the fixture when run by the test below, in its own process, so
/// that the writer's memory does not hide the reader's.
#[test]
#[ignore = "run by a_hundred_thousand_rows_stream_in_little_memory"]
fn write_scale_fixture() {
    let Ok(path) = std::env::var(FIXTURE_ENV) else {
        return;
    };
    let mut book = XBook::new();
    let s = book.add_worksheet();
    for (c, h) in [
        "Thôn",
        "Mã hộ",
        "Chủ hộ",
        "Điện thoại",
        "Nhân khẩu",
        "Hộ nghèo",
    ]
    .iter()
    .enumerate()
    {
        s.write_string(0, c as u16, *h).unwrap();
    }
    for r in 1..=ROWS {
        s.write_string(r, 0, format!("Thôn {}", r % 40)).unwrap();
        s.write_string(r, 1, format!("H{r:07}")).unwrap();
        s.write_string(r, 2, format!("Nguyễn Văn Hộ {r}")).unwrap();
        s.write_string(r, 3, format!("09{r:08}")).unwrap();
        s.write_number(r, 4, f64::from(r % 9 + 1)).unwrap();
        s.write_string(r, 5, "Không").unwrap();
    }
    book.save(&path).unwrap();
}

#[test]
#[ignore = "writes and reads a 100,000-row workbook"]
fn a_hundred_thousand_rows_stream_in_little_memory() {
    let path = temp_path("big.xlsx");
    let status = std::process::Command::new(std::env::current_exe().unwrap())
        .args([
            "--ignored",
            "--exact",
            "io::sheet::tests::scale::write_scale_fixture",
        ])
        .env(FIXTURE_ENV, &path)
        .stdout(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(status.success() && path.exists());
    let before = memory_kib("VmRSS:");
    let started = Instant::now();
    let mut book = open(&path, "big.xlsx").unwrap();
    let mut count = 0u32;
    for row in book.rows(None).unwrap() {
        row.unwrap();
        count += 1;
    }
    let grown = memory_kib("VmHWM:").saturating_sub(before);
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    println!(
        "{count} rows from a {} KiB file in {:?}; peak resident memory {} KiB over the start",
        size / 1024,
        started.elapsed(),
        grown
    );
    assert_eq!(count, ROWS + 1);
    assert!(grown < 300 * 1024);
}
