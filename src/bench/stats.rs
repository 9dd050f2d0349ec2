//! Pure helpers of the benchmark: percentiles of latency samples, rates,
//! memory read from `/proc/self/status`, the machine's description, shell
//! quoting of the command line, and the Markdown tables it prints.

use std::time::Duration;

/// Latency samples summarised.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Summary {
    pub count: usize,
    pub p50: Duration,
    pub p95: Duration,
    pub p99: Duration,
    pub max: Duration,
}

/// The `q`-quantile (0..=1) of sorted samples, nearest-rank: the smallest
/// sample with at least `q` of the samples at or below it.
pub fn quantile(sorted: &[Duration], q: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = (q * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

/// Sort the samples and take p50, p95, p99 and the maximum.
pub fn summarise(mut samples: Vec<Duration>) -> Summary {
    samples.sort_unstable();
    Summary {
        count: samples.len(),
        p50: quantile(&samples, 0.50),
        p95: quantile(&samples, 0.95),
        p99: quantile(&samples, 0.99),
        max: samples.last().copied().unwrap_or_default(),
    }
}

/// Milliseconds with a sensible number of decimals.
pub fn ms(d: Duration) -> String {
    let v = d.as_secs_f64() * 1000.0;
    if v >= 100.0 {
        format!("{v:.0} ms")
    } else if v >= 1.0 {
        format!("{v:.1} ms")
    } else {
        format!("{v:.3} ms")
    }
}

/// Seconds, or milliseconds below one second.
pub fn secs(d: Duration) -> String {
    if d < Duration::from_secs(1) {
        ms(d)
    } else {
        format!("{:.2} s", d.as_secs_f64())
    }
}

/// Microseconds, for figures read from memory.
pub fn us(d: Duration) -> String {
    format!("{:.1} µs", d.as_secs_f64() * 1e6)
}

/// Items per second, rounded to thousands when large.
pub fn rate(n: u64, d: Duration) -> String {
    let r = n as f64 / d.as_secs_f64().max(1e-9);
    if r >= 10_000.0 {
        format!("{} rows/s", group(r.round() as u64))
    } else {
        format!("{r:.0} rows/s")
    }
}

/// 27000000 → "27,000,000".
pub fn group(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Mebibytes.
pub fn mib(kib: u64) -> String {
    format!("{:.0} MiB", kib as f64 / 1024.0)
}

/// A `kB` field (`VmHWM`, `VmRSS`...) of a `/proc/<pid>/status` text.
pub fn status_kib(status: &str, field: &str) -> Option<u64> {
    status.lines().find_map(|l| {
        let rest = l.strip_prefix(field)?.strip_prefix(':')?;
        rest.split_whitespace().next()?.parse().ok()
    })
}

/// This process's resident set now and at its peak, in KiB (Linux only;
/// zero elsewhere).
pub fn memory_kib() -> (u64, u64) {
    let s = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    (
        status_kib(&s, "VmRSS").unwrap_or(0),
        status_kib(&s, "VmHWM").unwrap_or(0),
    )
}

/// Start measuring the peak resident set again from now (Linux: writing
/// 5 to `/proc/self/clear_refs` resets `VmHWM`). Best effort.
pub fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

/// One line about the machine: cores, CPU model, memory, kernel.
pub fn machine() -> String {
    let cores = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(0);
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("model name"))
                .map(|l| l.trim_start_matches([' ', '\t', ':']).trim().to_owned())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let mem = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|s| status_kib(&s, "MemTotal"))
        .map(|k| format!("{:.1} GiB RAM", k as f64 / 1024.0 / 1024.0))
        .unwrap_or_else(|| "unknown RAM".into());
    let kernel = std::fs::read_to_string("/proc/sys/kernel/osrelease")
        .map(|s| format!("Linux {}", s.trim()))
        .unwrap_or_default();
    format!("{cores} cores ({cpu}), {mem}, {kernel}")
}

/// The 1, 5 and 15 minute load averages (the machine may be shared).
pub fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|| "unknown".into())
}

/// Quote a word for a POSIX shell when it needs it.
pub fn shell_word(w: &str) -> String {
    let plain = !w.is_empty()
        && w.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_./:=@,+%".contains(&b));
    if plain {
        w.to_owned()
    } else {
        format!("'{}'", w.replace('\'', r"'\''"))
    }
}

/// A command line as one would type it.
pub fn shell_line<S: AsRef<str>>(words: &[S]) -> String {
    words
        .iter()
        .map(|w| shell_word(w.as_ref()))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A Markdown table; cells are escaped for `|`.
pub fn markdown_table(header: &[&str], rows: &[Vec<String>]) -> String {
    let esc = |s: &str| s.replace('|', r"\|");
    let mut out = String::new();
    out.push_str(&format!(
        "| {} |\n",
        header
            .iter()
            .map(|h| esc(h))
            .collect::<Vec<_>>()
            .join(" | ")
    ));
    out.push_str(&format!(
        "|{}|\n",
        header.iter().map(|_| "---").collect::<Vec<_>>().join("|")
    ));
    for r in rows {
        out.push_str(&format!(
            "| {} |\n",
            r.iter().map(|c| esc(c)).collect::<Vec<_>>().join(" | ")
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(ms: u64) -> Duration {
        Duration::from_millis(ms)
    }

    #[test]
    fn quantiles_are_nearest_rank() {
        let s: Vec<Duration> = (1..=100).map(d).collect();
        assert_eq!(quantile(&s, 0.50), d(50));
        assert_eq!(quantile(&s, 0.95), d(95));
        assert_eq!(quantile(&s, 0.99), d(99));
        assert_eq!(quantile(&s, 1.0), d(100));
        assert_eq!(quantile(&s, 0.0), d(1));
        assert_eq!(quantile(&[], 0.5), Duration::ZERO);
        let one = summarise(vec![d(7)]);
        assert_eq!((one.p50, one.p99, one.max), (d(7), d(7), d(7)));
        let s = summarise(vec![d(30), d(10), d(20)]);
        assert_eq!((s.count, s.p50, s.p95, s.max), (3, d(20), d(30), d(30)));
    }

    #[test]
    fn numbers_and_units_read_well() {
        assert_eq!(group(27_000_000), "27,000,000");
        assert_eq!(group(999), "999");
        assert_eq!(group(1000), "1,000");
        assert_eq!(rate(1_000_000, Duration::from_secs(4)), "250,000 rows/s");
        assert_eq!(ms(Duration::from_micros(1500)), "1.5 ms");
        assert_eq!(secs(Duration::from_millis(2500)), "2.50 s");
        assert_eq!(mib(2048), "2 MiB");
    }

    #[test]
    fn reads_proc_status_fields() {
        let s = "Name:\ttinhso\nVmHWM:\t  123456 kB\nVmRSS:\t   65432 kB\n";
        assert_eq!(status_kib(s, "VmHWM"), Some(123_456));
        assert_eq!(status_kib(s, "VmRSS"), Some(65_432));
        assert_eq!(status_kib(s, "VmSwap"), None);
        let (rss, peak) = memory_kib();
        assert!(peak >= rss || peak == 0);
    }

    #[test]
    fn quotes_only_what_needs_it() {
        assert_eq!(
            shell_line(&["tinhso", "bench", "--households", "1000"]),
            "tinhso bench --households 1000"
        );
        assert_eq!(shell_word("a b"), "'a b'");
        assert_eq!(shell_word("it's"), r"'it'\''s'");
        assert_eq!(shell_word(""), "''");
        assert_eq!(
            shell_word("postgres://postgres@127.0.0.1:5432/test"),
            "postgres://postgres@127.0.0.1:5432/test"
        );
    }

    #[test]
    fn tables_escape_pipes() {
        let t = markdown_table(&["a", "b"], &[vec!["1".into(), "x|y".into()]]);
        assert_eq!(t, "| a | b |\n|---|---|\n| 1 | x\\|y |\n");
    }
}
