//! The ingest step: the households CSV read in chunks and imported through
//! the real operation, with adoption events for each chunk's households.
//!
//! A reader thread reads, parses and checks the next chunk
//! (`households::check_import`) while the database takes the current one
//! (`households::write_import`), as a bulk loader on two cores would. The
//! reader prepares a chunk only when asked, at the start of a write, and the
//! write's time runs until the next chunk is ready; so the household time
//! counts all the reader's work and none of it hides in the events'
//! import, which is timed apart.

use std::sync::mpsc;
use std::time::{Duration, Instant};

use anyhow::{Context as _, ensure};

use super::data::{self, HouseholdReader};
use super::stats::{group, rate, secs};
use super::{BenchArgs, Plan, read_day};
use crate::domain::rng::SeededRng;
use crate::service::households::{self, CheckedImport, HouseholdInput};
use crate::service::{Actor, Ctx};
use crate::store::ledger::NewEvent;

use super::run::ZALO;

/// What the ingest step measured.
pub struct Ingest {
    pub households: u64,
    pub took: Duration,
    pub events: u64,
    pub events_took: Duration,
    /// Households without the adoption, for the single writes.
    pub samples: Vec<(i64, String)>,
}

/// A chunk as the reader hands it over: the rows as read, and checked.
type Chunk = (Vec<(String, HouseholdInput)>, CheckedImport);
/// Where the reader hands chunks over; `None` after the last.
type Chunks = tokio::sync::mpsc::Receiver<anyhow::Result<Option<Chunk>>>;

/// Start the reader thread; it prepares one chunk per message on the
/// returned sender and ends after the last (an empty chunk is `None`).
fn reader(args: &BenchArgs, plan: &Plan, ctx: &Ctx) -> anyhow::Result<(mpsc::Sender<()>, Chunks)> {
    let mut file = HouseholdReader::open(&plan.csv)?;
    let size = args.chunk.max(1);
    let ctx = ctx.clone();
    let (go, asked) = mpsc::channel::<()>();
    let (send, chunks) = tokio::sync::mpsc::channel(1);
    std::thread::spawn(move || {
        let op = Actor::system("bench");
        let day = read_day();
        while asked.recv().is_ok() {
            let chunk = file.next_chunk(size).and_then(|lines| {
                if lines.is_empty() {
                    return Ok(None);
                }
                let items: Vec<_> = lines
                    .into_iter()
                    .map(data::HouseholdLine::into_input)
                    .collect();
                let checked = households::check_import(&ctx, &op, day, &items)?;
                Ok(Some((items, checked)))
            });
            let last = !matches!(chunk, Ok(Some(_)));
            if send.blocking_send(chunk).is_err() || last {
                break;
            }
        }
    });
    Ok((go, chunks))
}

/// Read the CSV in chunks and import each through the real operation; add
/// adoption events for the chunk's households in a second import.
pub async fn ingest(args: &BenchArgs, plan: &Plan, ctx: &Ctx) -> anyhow::Result<Ingest> {
    let op = Actor::system("bench");
    let day = read_day();
    let mut rng = SeededRng::new(args.seed ^ 0xADD0);
    let stride = (plan.households / (args.writes.max(1) as u64 * 4)).max(1);
    let mut out = Ingest {
        households: 0,
        took: Duration::ZERO,
        events: 0,
        events_took: Duration::ZERO,
        samples: Vec::new(),
    };
    let mut next_report = 1_000_000;
    let (go, mut chunks) = reader(args, plan, ctx)?;
    let mut next = async || -> anyhow::Result<Option<Chunk>> {
        chunks.recv().await.context("the reader thread stopped")?
    };
    let t = Instant::now();
    let _ = go.send(());
    let mut ready = next().await?;
    out.took += t.elapsed();
    while let Some((items, checked)) = ready {
        let t = Instant::now();
        let _ = go.send(());
        let ids = households::write_import(ctx, &op, checked).await?;
        ready = next().await?;
        out.took += t.elapsed();
        let t = Instant::now();
        let mut events = Vec::new();
        {
            let h = ctx.hierarchy();
            let mut village: (&str, i64) = ("", 0);
            for ((code, input), &id) in items.iter().zip(&ids) {
                if code != village.0 {
                    let node = h
                        .find(&code.parse()?, day)
                        .with_context(|| format!("village {code}"))?;
                    village = (code, node.unit.id);
                }
                let registered = input.registered_on.unwrap_or(day);
                match data::adoption(registered, day, args.adoption_pct, &mut rng) {
                    Some(date) => events.push((
                        village.1,
                        NewEvent {
                            household_id: id,
                            kind: ZALO.as_str(),
                            event_date: date,
                            change: 1,
                            member_id: None,
                            note: String::new(),
                            recorded_by: None,
                        },
                    )),
                    None if out.households.is_multiple_of(stride)
                        && out.samples.len() < args.writes =>
                    {
                        out.samples.push((id, code.clone()))
                    }
                    None => {}
                }
                out.households += 1;
            }
        }
        if !events.is_empty() {
            households::import_events(ctx, &op, &events).await?;
        }
        out.events += events.len() as u64;
        out.events_took += t.elapsed();
        if out.households >= next_report {
            eprintln!(
                "  … {} households in {} ({})",
                group(out.households),
                secs(out.took),
                rate(out.households, out.took)
            );
            next_report += 1_000_000;
        }
    }
    ensure!(
        out.households == plan.households,
        "read fewer rows than written"
    );
    Ok(out)
}
