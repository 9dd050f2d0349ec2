//! The spreadsheet step (issue 12): a generated households XLSX for
//! several communes of one province (about a large former district), read
//! and imported through `imports::import` as the page, the API and
//! `tinhso import` do: a dry run, then the real import, each timed and
//! measured for memory. The baseline is the CSV bulk path of the same run
//! (`ingest`) at its own rate for the same number of rows.
//!
//! Memory is the growth of the process's resident set caused by one
//! import: `VmHWM` (the peak) read just after it, less `VmRSS` read just
//! before it, with the peak reset first (`/proc/self/clear_refs`) so that
//! the ingest's earlier peak does not hide it. Whether the reset took is
//! printed; without it the growth is not measured.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context as _, ensure};
use chrono::Datelike;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

use super::stats::{self, group, mib, rate, secs};
use super::{Row, data, read_day, start_day, step};
use crate::domain::rng::SeededRng;
use crate::domain::unit::Level;
use crate::service::imports::columns::{HOUSEHOLDS, poverty_word};
use crate::service::imports::{self, Register, Source};
use crate::service::{Actor, Ctx};

/// Households per village in the file: the country's 27,000,000 over its
/// ~100,000 villages, so the file spans as many villages as a district of
/// that many households would.
const PER_VILLAGE: u64 = 270;

/// The growth target: 300 MB (decimal), in KiB.
const GROWTH_LIMIT_KIB: u64 = 300_000_000 / 1024;
const _: () = assert!(GROWTH_LIMIT_KIB * 1024 <= 300_000_000);

/// The village column's header: the row's village by its code.
const VILLAGE_HEADER: &str = "Mã thôn";

/// One import of the file, timed and measured.
pub struct Pass {
    pub took: Duration,
    pub rows: usize,
    pub created: usize,
    pub refused: usize,
    /// `VmRSS` just before, KiB.
    pub rss_before: u64,
    /// `VmHWM` just after, KiB.
    pub peak_after: u64,
    /// Whether the peak was reset to the resident set before the import.
    pub reset: bool,
}

impl Pass {
    /// The peak's growth over the resident set before, KiB; `None` when
    /// the peak could not be reset (an earlier, higher peak hides it).
    pub fn growth(&self) -> Option<u64> {
        self.reset
            .then(|| self.peak_after.saturating_sub(self.rss_before))
    }
}

/// What the step measured.
pub struct XlsxImport {
    pub rows: u64,
    pub province: String,
    pub communes: usize,
    pub villages: usize,
    pub file_bytes: u64,
    pub dry: Pass,
    pub real: Pass,
    /// The run's peak (`VmHWM`) before the step reset it, KiB.
    pub peak_before: u64,
}

/// The province with the most villages today and the villages of its
/// first communes (in code order), enough for `rows` at `PER_VILLAGE`:
/// (province code, its code and name, communes taken, village codes).
fn villages(ctx: &Ctx, rows: u64) -> anyhow::Result<(String, String, usize, Vec<String>)> {
    let day = ctx.today();
    let h = ctx.hierarchy();
    let p = h
        .roots(day)
        .into_iter()
        .max_by_key(|p| p.subtree_counts().get(Level::Village))
        .context("no province today")?;
    let want = rows.div_ceil(PER_VILLAGE).max(1) as usize;
    let (mut communes, mut codes) = (0, Vec::new());
    for c in h.children(&p) {
        let before = codes.len();
        codes.extend(
            h.children(&c)
                .into_iter()
                .filter(|v| v.unit.level == Level::Village)
                .map(|v| v.unit.code.to_string()),
        );
        communes += usize::from(codes.len() > before);
        if codes.len() >= want {
            break;
        }
    }
    ensure!(
        !codes.is_empty(),
        "province {} has no villages",
        p.unit.code
    );
    let name = format!("{} {}", p.unit.code, p.unit.full_name);
    Ok((p.unit.code.to_string(), name, communes, codes))
}

/// Write `rows` new households over `villages` (contiguous blocks, as a
/// commune's list is grouped by village) with the template's headers and
/// a village column holding each row's village code. Codes `X000001`...
/// never collide with the CSV's `H00001`...
fn write_xlsx(path: &Path, villages: &[String], rows: u64, seed: u64) -> anyhow::Result<()> {
    let mut rng = SeededRng::new(seed ^ 0x0000_0012);
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let text = Format::new().set_num_format("@");
    let day = Format::new().set_num_format("dd/mm/yyyy");
    sheet.write_string_with_format(0, 0, VILLAGE_HEADER, &text)?;
    for (c, spec) in HOUSEHOLDS.iter().enumerate() {
        sheet.write_string(0, c as u16 + 1, spec.names[0])?;
    }
    let n = villages.len() as u64;
    let mut r = 0u32;
    for (i, village) in villages.iter().enumerate() {
        let count = rows / n + u64::from((i as u64) < rows % n);
        for _ in 0..count {
            r += 1;
            let hh = data::household(village, 0, start_day(), read_day(), &mut rng);
            let on = hh.registered_on;
            let date = ExcelDateTime::from_ymd(on.year() as u16, on.month() as u8, on.day() as u8)?;
            sheet.write_string_with_format(r, 0, village, &text)?;
            for (c, spec) in HOUSEHOLDS.iter().enumerate() {
                let col = c as u16 + 1;
                match (spec.key, &hh.head_name, &hh.phone) {
                    ("code", ..) => {
                        sheet.write_string(r, col, format!("X{r:06}"))?;
                    }
                    ("head_name", Some(s), _) => {
                        sheet.write_string(r, col, s)?;
                    }
                    ("phone", _, Some(s)) => {
                        sheet.write_string_with_format(r, col, s, &text)?;
                    }
                    ("size", ..) => {
                        if let Some(s) = hh.size {
                            sheet.write_number(r, col, s as f64)?;
                        }
                    }
                    ("poverty", ..) => {
                        sheet.write_string(r, col, poverty_word(&hh.poverty))?;
                    }
                    ("registered_on", ..) => {
                        sheet.write_date_with_format(r, col, &date, &day)?;
                    }
                    // An empty optional cell is left blank, as in an export.
                    _ => {}
                }
            }
        }
    }
    book.save(path)?;
    Ok(())
}

/// Reset the peak to the resident set now: (`VmRSS` now, whether it took).
fn fresh_peak() -> (u64, bool) {
    stats::reset_peak();
    let (rss, peak) = stats::memory_kib();
    (rss, rss > 0 && peak <= rss + 1024)
}

/// One import of the file, timed, with the peak's growth.
async fn pass(ctx: &Ctx, unit: &str, src: &Source, dry_run: bool) -> anyhow::Result<Pass> {
    let op = Actor::system("bench");
    let (rss_before, reset) = fresh_peak();
    let t = Instant::now();
    let report = imports::import(ctx, &op, Register::Households, unit, src, dry_run).await?;
    let took = t.elapsed();
    let (_, peak_after) = stats::memory_kib();
    if !dry_run {
        // The bench leaves nothing in the file store (for PostgreSQL it is
        // the temporary directory).
        let sha = &report.sha256;
        let kept = ctx.config().data_dir.join("files").join(&sha[..2]);
        let _ = std::fs::remove_file(kept.join(&sha[2..]));
        let _ = std::fs::remove_dir(kept);
    }
    Ok(Pass {
        took,
        rows: report.rows,
        created: report.created,
        refused: report.refused,
        rss_before,
        peak_after,
        reset,
    })
}

/// The step: write the file, import it (dry run, then for real), print
/// its lines. `rows` 0 skips it.
pub async fn xlsx_import(
    ctx: &Ctx,
    backend: &str,
    rows: u64,
    seed: u64,
) -> anyhow::Result<Option<XlsxImport>> {
    if rows == 0 {
        return Ok(None);
    }
    let (unit, province, communes, codes) = villages(ctx, rows)?;
    let path: PathBuf = std::env::temp_dir().join(format!(
        "tinhso-bench-{}-{backend}-households.xlsx",
        std::process::id()
    ));
    let t = Instant::now();
    write_xlsx(&path, &codes, rows, seed).with_context(|| format!("writing {}", path.display()))?;
    let wrote = t.elapsed();
    let file_bytes = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    step(
        backend,
        &format!(
            "write a {}-row households XLSX (untimed in the figures)",
            group(rows)
        ),
        wrote,
        &format!(
            "{province}: {communes} communes, {} villages; {:.1} MiB",
            group(codes.len() as u64),
            file_bytes as f64 / 1048576.0
        ),
    );
    let (_, peak_before) = stats::memory_kib();
    let src = Source {
        name: "ho-gia-dinh-bench.xlsx".into(),
        path: path.clone(),
        encoding: None,
        progress: None,
    };
    let result = async {
        let dry = pass(ctx, &unit, &src, true).await?;
        ensure!(
            dry.rows as u64 == rows && dry.created as u64 == rows && dry.refused == 0,
            "the dry run read {} rows, {} to create, {} refused (want {rows} new)",
            dry.rows,
            dry.created,
            dry.refused
        );
        let real = pass(ctx, &unit, &src, false).await?;
        ensure!(
            real.created as u64 == rows && real.refused == 0,
            "the import created {} of {rows} households, refused {}",
            real.created,
            real.refused
        );
        Ok((dry, real))
    }
    .await;
    let _ = std::fs::remove_file(&path);
    let (dry, real) = result?;
    for (what, p) in [("dry run", &dry), ("checked and written", &real)] {
        step(
            backend,
            &format!("import the XLSX at province {unit}: {what}"),
            p.took,
            &format!("{}; {}", rate(rows, p.took), growth_words(p)),
        );
    }
    Ok(Some(XlsxImport {
        rows,
        province,
        communes,
        villages: codes.len(),
        file_bytes,
        dry,
        real,
        peak_before,
    }))
}

/// A pass's memory in words.
fn growth_words(p: &Pass) -> String {
    match p.growth() {
        Some(g) => format!(
            "peak {} − RSS before {} = +{}",
            mib(p.peak_after),
            mib(p.rss_before),
            mib(g)
        ),
        None => format!(
            "RSS before {}, peak {} (peak not reset: growth not measured)",
            mib(p.rss_before),
            mib(p.peak_after)
        ),
    }
}

/// The summary rows: the dry run, the real import against the CSV bulk
/// path's time for as many rows (`csv_rows` in `csv_took`, same run), and
/// the memory growth.
pub fn rows(x: &XlsxImport, csv_rows: u64, csv_took: Duration) -> Vec<Row> {
    let per_row = csv_took.as_secs_f64() / csv_rows.max(1) as f64;
    let bulk = Duration::from_secs_f64(per_row * x.rows as f64);
    let ratio = x.real.took.as_secs_f64() / bulk.as_secs_f64().max(1e-9);
    let both = (x.dry.took + x.real.took).as_secs_f64() / bulk.as_secs_f64().max(1e-9);
    let what = format!(
        "{}-row households XLSX, {} communes / {} villages of {} ({:.1} MiB), `imports::import`",
        group(x.rows),
        x.communes,
        group(x.villages as u64),
        x.province,
        x.file_bytes as f64 / 1048576.0
    );
    let baseline = format!(
        "CSV bulk path, same run, same rows: {} ({})",
        secs(bulk),
        rate(csv_rows, csv_took)
    );
    let growth = |p: &Pass| p.growth().map_or("not measured".to_owned(), mib);
    let limit = |p: &Pass| p.growth().is_some_and(|g| g < GROWTH_LIMIT_KIB);
    vec![
        Row::new(
            format!("{what}: dry run"),
            format!(
                "{} ({}); dry run + import = {both:.2}× the CSV bulk path",
                secs(x.dry.took),
                rate(x.rows, x.dry.took)
            ),
        )
        .baseline(baseline.clone()),
        Row::new(
            format!("{what}: checked and written"),
            format!(
                "{} ({}) = {ratio:.2}× the CSV bulk path",
                secs(x.real.took),
                rate(x.rows, x.real.took)
            ),
        )
        .baseline(baseline)
        .target("≤ 2× the CSV bulk path", ratio <= 2.0),
        Row::new(
            "memory growth of one XLSX import (VmHWM after − VmRSS before, peak reset first)",
            format!(
                "dry run +{}, import +{} (RSS before {})",
                growth(&x.dry),
                growth(&x.real),
                mib(x.real.rss_before)
            ),
        )
        .target("< 300 MB (286 MiB)", limit(&x.dry) && limit(&x.real)),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn growth_needs_a_reset_peak() {
        let mut p = Pass {
            took: Duration::ZERO,
            rows: 0,
            created: 0,
            refused: 0,
            rss_before: 1000,
            peak_after: 5000,
            reset: true,
        };
        assert_eq!(p.growth(), Some(4000));
        p.reset = false;
        assert_eq!(p.growth(), None);
    }

    #[test]
    fn the_village_header_is_one_the_importer_knows() {
        let names = crate::service::imports::columns::VILLAGE.names;
        assert!(names.contains(&VILLAGE_HEADER));
    }
}
