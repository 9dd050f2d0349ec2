//! Synthetic data of the benchmark, generated from one seed: villages under
//! every 2025 commune, and households written to a CSV file (the import
//! file both tinhso and the `sqlite3`/`psql` baselines read). Every name is
//! synthetic; the rows look like a commune's import file.

use std::io::Write;
use std::path::Path;

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::domain::rng::SeededRng;
use crate::service::households::HouseholdInput;
use crate::service::units::NewVillage;

/// The CSV header, in column order; also the baseline tables' columns.
pub const CSV_COLUMNS: [&str; 7] = [
    "village",
    "code",
    "head_name",
    "phone",
    "size",
    "poverty",
    "registered_on",
];

/// One line of the households file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HouseholdLine {
    pub village: String,
    pub code: String,
    pub head_name: Option<String>,
    pub phone: Option<String>,
    pub size: Option<i64>,
    pub poverty: String,
    pub registered_on: NaiveDate,
}

impl HouseholdLine {
    /// What the import operation takes: (village code, household).
    pub fn into_input(self) -> (String, HouseholdInput) {
        (
            self.village,
            HouseholdInput {
                code: self.code,
                head_name: self.head_name,
                phone: self.phone,
                size: self.size,
                poverty: Some(self.poverty),
                registered_on: Some(self.registered_on),
                synthetic: true,
            },
        )
    }
}

const STEMS: [&str; 16] = [
    "Đồng Tâm",
    "Tân Lập",
    "Làng Mới",
    "Hợp Thành",
    "Đoàn Kết",
    "Phúc Lợi",
    "An Bình",
    "Gốc Đa",
    "Hồng Phong",
    "Quyết Tiến",
    "Bản Lụ",
    "Nà Héo",
    "Khe Dứa",
    "Thác Cạn",
    "Cầu Khai",
    "Trung Tâm",
];
const FAMILY: [&str; 14] = [
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hà", "Lò", "Sùng",
    "Giàng", "Triệu",
];
const MIDDLE: [&str; 7] = ["Văn", "Thị", "Đức", "Minh", "Quang", "Ngọc", "A"];
const GIVEN: [&str; 16] = [
    "An", "Bình", "Chiến", "Dũng", "Hà", "Hải", "Hoa", "Hùng", "Lan", "Mai", "Nam", "Phong",
    "Sáng", "Tâm", "Thảo", "Vân",
];

/// Villages to create: about `per_commune` (±1/3) under each commune, in
/// the communes' order. Names are synthetic ("Đồng Tâm 7").
pub fn villages(
    communes: &[String],
    per_commune: u32,
    rng: &mut SeededRng,
) -> Vec<(String, NewVillage)> {
    let spread = u64::from(per_commune / 3);
    let (lo, hi) = (
        u64::from(per_commune) - spread,
        u64::from(per_commune) + spread,
    );
    let mut out = Vec::with_capacity(communes.len() * per_commune as usize);
    for c in communes {
        for i in 1..=rng.range(lo.max(1), hi.max(1)) {
            out.push((
                c.clone(),
                NewVillage {
                    name: format!("{} {i}", rng.pick(&STEMS)),
                    unit_type: None,
                    valid_from: None,
                    synthetic: true,
                },
            ));
        }
    }
    out
}

/// How many of `total` households each of `n` villages gets: villages
/// differ in size (weights 50..150), the counts add up to `total`.
pub fn allocate(total: u64, n: usize, rng: &mut SeededRng) -> Vec<u64> {
    let weights: Vec<u64> = (0..n).map(|_| rng.range(50, 150)).collect();
    let sum: u64 = weights.iter().sum::<u64>().max(1);
    let mut out = Vec::with_capacity(n);
    let (mut acc, mut given) = (0u128, 0u64);
    for w in weights {
        acc += u128::from(w);
        let upto = (u128::from(total) * acc / u128::from(sum)) as u64;
        out.push(upto - given);
        given = upto;
    }
    out
}

/// One synthetic household of a village, registered between `from` and `to`.
pub fn household(
    village: &str,
    seq: u64,
    from: NaiveDate,
    to: NaiveDate,
    rng: &mut SeededRng,
) -> HouseholdLine {
    let days = (to - from).num_days().max(0) as u64;
    let head_name = (rng.range(0, 9) < 7).then(|| {
        format!(
            "{} {} {}",
            rng.pick(&FAMILY),
            rng.pick(&MIDDLE),
            rng.pick(&GIVEN)
        )
    });
    let phone = (rng.range(0, 9) < 6).then(|| format!("09{:08}", rng.range(0, 99_999_999)));
    HouseholdLine {
        village: village.to_owned(),
        code: format!("H{seq:05}"),
        head_name,
        phone,
        size: Some(rng.range(1, 8) as i64),
        poverty: match rng.range(0, 19) {
            0 | 1 => "poor",
            2 => "near_poor",
            _ => "none",
        }
        .to_owned(),
        registered_on: from + Days::new(rng.range(0, days)),
    }
}

/// Write the households file: `counts[i]` households for `villages[i]`,
/// grouped by village as a commune's export would be. Returns the number
/// of rows written.
pub fn write_households(
    path: &Path,
    villages: &[String],
    counts: &[u64],
    from: NaiveDate,
    to: NaiveDate,
    rng: &mut SeededRng,
) -> std::io::Result<u64> {
    let file = std::io::BufWriter::with_capacity(1 << 20, std::fs::File::create(path)?);
    let n = write_households_to(file, villages, counts, from, to, rng)?;
    Ok(n)
}

fn write_households_to<W: Write>(
    out: W,
    villages: &[String],
    counts: &[u64],
    from: NaiveDate,
    to: NaiveDate,
    rng: &mut SeededRng,
) -> std::io::Result<u64> {
    let mut w = csv::Writer::from_writer(out);
    let mut n = 0;
    for (village, &count) in villages.iter().zip(counts) {
        for seq in 1..=count {
            w.serialize(household(village, seq, from, to, rng))?;
            n += 1;
        }
    }
    w.flush()?;
    Ok(n)
}

/// Read the households file back, in chunks of `chunk` lines.
pub struct HouseholdReader {
    rows: csv::DeserializeRecordsIntoIter<std::io::BufReader<std::fs::File>, HouseholdLine>,
}

impl HouseholdReader {
    pub fn open(path: &Path) -> std::io::Result<Self> {
        let file = std::io::BufReader::with_capacity(1 << 20, std::fs::File::open(path)?);
        Ok(HouseholdReader {
            rows: csv::Reader::from_reader(file).into_deserialize(),
        })
    }

    /// Up to `chunk` lines; empty at the end of the file.
    pub fn next_chunk(&mut self, chunk: usize) -> anyhow::Result<Vec<HouseholdLine>> {
        let mut out = Vec::with_capacity(chunk);
        for row in self.rows.by_ref() {
            out.push(row?);
            if out.len() == chunk {
                break;
            }
        }
        Ok(out)
    }
}

/// Whether (and when) a household joined the village Zalo group: with
/// probability `pct`%, on a day between its registration and `to`.
pub fn adoption(
    registered_on: NaiveDate,
    to: NaiveDate,
    pct: u64,
    rng: &mut SeededRng,
) -> Option<NaiveDate> {
    let adopted = rng.range(1, 100) <= pct;
    let days = (to - registered_on).num_days().max(0) as u64;
    let offset = rng.range(0, days);
    adopted.then(|| registered_on + Days::new(offset))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn allocation_adds_up_and_varies() {
        let mut rng = SeededRng::new(1);
        let c = allocate(1_000_003, 997, &mut rng);
        assert_eq!(c.len(), 997);
        assert_eq!(c.iter().sum::<u64>(), 1_000_003);
        assert!(c.iter().min() < c.iter().max());
        assert_eq!(allocate(5, 10, &mut rng).iter().sum::<u64>(), 5);
        assert!(allocate(0, 3, &mut rng).iter().all(|&n| n == 0));
    }

    #[test]
    fn villages_are_about_per_commune_and_named_uniquely() {
        let communes: Vec<String> = vec!["00004".into(), "00008".into()];
        let v = villages(&communes, 30, &mut SeededRng::new(2));
        let first: Vec<_> = v.iter().filter(|(c, _)| c == "00004").collect();
        assert!((20..=40).contains(&first.len()));
        let names: std::collections::HashSet<_> = first.iter().map(|(_, v)| &v.name).collect();
        assert_eq!(names.len(), first.len());
        assert!(v.iter().all(|(_, v)| v.synthetic));
    }

    #[test]
    fn households_file_round_trips() {
        let dir = std::env::temp_dir().join(format!("tinhso-bench-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("households.csv");
        let villages = vec!["00004001".to_owned(), "00004002".to_owned()];
        let (from, to) = (day("2025-07-01"), day("2025-12-31"));
        let n =
            write_households(&path, &villages, &[3, 2], from, to, &mut SeededRng::new(3)).unwrap();
        assert_eq!(n, 5);
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(text.lines().next().unwrap(), CSV_COLUMNS.join(","));
        let mut r = HouseholdReader::open(&path).unwrap();
        let a = r.next_chunk(4).unwrap();
        let b = r.next_chunk(4).unwrap();
        assert!(r.next_chunk(4).unwrap().is_empty());
        assert_eq!((a.len(), b.len()), (4, 1));
        // The same seed gives the same lines.
        let mut rng = SeededRng::new(3);
        let again: Vec<HouseholdLine> = (1..=3)
            .map(|s| household("00004001", s, from, to, &mut rng))
            .collect();
        assert_eq!(&a[..3], &again[..]);
        assert_eq!(a[3].village, "00004002");
        assert_eq!(a[3].code, "H00001");
        for line in a.iter().chain(&b) {
            assert!((from..=to).contains(&line.registered_on));
            let (village, input) = line.clone().into_input();
            assert_eq!(village, line.village);
            assert_eq!(input.registered_on, Some(line.registered_on));
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn adoptions_fall_between_registration_and_the_day() {
        let mut rng = SeededRng::new(4);
        let (from, to) = (day("2025-08-01"), day("2025-12-31"));
        let got: Vec<_> = (0..1000)
            .filter_map(|_| adoption(from, to, 60, &mut rng))
            .collect();
        assert!((500..700).contains(&got.len()));
        assert!(got.iter().all(|d| (from..=to).contains(d)));
        assert_eq!(adoption(to, to, 100, &mut rng), Some(to));
    }
}
