//! The measurements after the load: the recompute, the figures against the
//! GROUP BY, the single writes, and the API under load.

use std::hint::black_box;
use std::time::{Duration, Instant};

use anyhow::{Context as _, bail, ensure};

use super::{ZALO, largest_province};
use crate::app::App;
use crate::bench::baseline::{self, External};
use crate::bench::ingest::Ingest;
use crate::bench::stats::{self, Summary, group, mib, ms, rate, secs, us};
use crate::bench::{BenchArgs, Row, read_day, step};
use crate::service::households::{self, AdoptionInput};
use crate::service::{Actor, Ctx, figures};
use crate::store::ledger;

/// Households and households with the adoption, from the live figures.
fn live(ctx: &Ctx, code: &str) -> anyhow::Result<(i64, i64)> {
    let hl = figures::headline(ctx, &Actor::public(), code, read_day())?;
    let total = hl.figures.get("households.total").and_then(|f| f.value);
    let key = format!("households.{}_pct", ZALO.as_str());
    let adopted = hl.figures.get(&key).and_then(|f| f.numerator);
    Ok((
        total.unwrap_or_default() as i64,
        adopted.unwrap_or_default() as i64,
    ))
}

/// Call `f` until `budget` has passed (at least `min` times); per-call time.
fn per_call(min: u32, budget: Duration, mut f: impl FnMut()) -> (Duration, u32) {
    let t = Instant::now();
    let mut n = 0;
    while n < min || t.elapsed() < budget {
        f();
        n += 1;
    }
    (t.elapsed() / n, n)
}

/// Everything after the load; consumes the context (the server closes the
/// database when it stops).
pub(super) async fn measure(
    args: &BenchArgs,
    ctx: Ctx,
    backend: &str,
    ingest: Ingest,
    base: (&str, External),
) -> anyhow::Result<Vec<Row>> {
    let mut rows = Vec::new();
    let day = read_day();
    let (base_name, ext) = base;
    let ratio = ingest.took.as_secs_f64() / ext.elapsed.as_secs_f64();
    rows.push(
        Row::new(
            format!(
                "ingest {} households (import operation, from the CSV)",
                group(ingest.households)
            ),
            format!(
                "{} ({}) = {ratio:.2}× {base_name}",
                secs(ingest.took),
                rate(ingest.households, ingest.took)
            ),
        )
        .baseline(format!(
            "`{base_name}`: {} ({})",
            secs(ext.elapsed),
            rate(ingest.households, ext.elapsed)
        ))
        .target(format!("≤ 2× {base_name}"), ratio <= 2.0),
    );
    rows.push(Row::new(
        format!(
            "ingest {} adoption events (bulk import)",
            group(ingest.events)
        ),
        format!(
            "{} ({})",
            secs(ingest.events_took),
            rate(ingest.events, ingest.events_took)
        ),
    ));

    // Recompute every figure from the ledger.
    let t = Instant::now();
    let fresh = ledger::recount(ctx.db()).await?;
    let recount = t.elapsed();
    let mut stored = ledger::all_counters(ctx.db()).await?;
    stored.sort();
    let consistent = stored == fresh;
    let t = Instant::now();
    let mut tx = ctx.db().begin().await?;
    ledger::replace_counters(&mut tx, &fresh, chrono::Utc::now()).await?;
    tx.commit().await?;
    let rewrite = t.elapsed();
    let t = Instant::now();
    ctx.reload_figures().await?;
    let reload = t.elapsed();
    let total = recount + rewrite + reload;
    step(
        backend,
        "recompute every figure from the ledger",
        total,
        &format!(
            "recount {} + rewrite {} counters {} + reload cache {}; counters kept on write match the recount: {}",
            secs(recount),
            group(fresh.len() as u64),
            secs(rewrite),
            secs(reload),
            if consistent { "yes" } else { "NO" }
        ),
    );
    ensure!(consistent, "the live counters differ from a recount");
    rows.push(Row::new(
        "recompute every unit's figures from scratch (recount + rewrite + reload)",
        format!(
            "{} ({} + {} + {})",
            secs(total),
            secs(recount),
            secs(rewrite),
            secs(reload)
        ),
    ));

    // Fresh figures from memory against the GROUP BY: rolled up from the
    // counters (what a read costs after a write touched the subtree), and
    // served from the memo (every other read).
    let p = largest_province(&ctx)?;
    let (hh, zalo) = live(&ctx, &p.code)?;
    let roots: Vec<String> = ctx
        .hierarchy()
        .roots(day)
        .iter()
        .map(|n| n.unit.code.to_string())
        .collect();
    let (cold, n_cold, cold_all) = {
        let h = ctx.hierarchy();
        let state = ctx.figures();
        let node = h.find(&p.code.parse()?, day).context("the province")?;
        let (one, n) = per_call(20, Duration::from_secs(2), || {
            black_box(figures::figures_of(&state, &h, &node, day));
        });
        let nodes = h.roots(day);
        let (all, _) = per_call(3, Duration::from_secs(2), || {
            for node in &nodes {
                black_box(figures::figures_of(&state, &h, node, day));
            }
        });
        (one, n, all)
    };
    let (one, n_one) = per_call(100, Duration::from_secs(1), || {
        black_box(figures::headline(&ctx, &Actor::public(), &p.code, day).ok());
    });
    let (all, _) = per_call(10, Duration::from_secs(1), || {
        for code in &roots {
            black_box(figures::headline(&ctx, &Actor::public(), code, day).ok());
        }
    });
    let (sql_one, t_one) = baseline::group_by_warm(ctx.db(), day, Some(p.id)).await?;
    ensure!(
        sql_one == vec![(p.id, hh, zalo)],
        "GROUP BY gives {sql_one:?} for {}, the live figures ({hh}, {zalo})",
        p.code
    );
    let (sql_all, t_all) = baseline::group_by_warm(ctx.db(), day, None).await?;
    let mut agree = sql_all.len() == roots.len();
    for (code, node_id) in roots
        .iter()
        .zip(ctx.hierarchy().roots(day).iter().map(|n| n.unit.id))
    {
        let want = live(&ctx, code)?;
        agree &= sql_all.contains(&(node_id, want.0, want.1));
    }
    ensure!(
        agree,
        "GROUP BY over all provinces differs from the live figures"
    );
    let times = |t: Duration, d: Duration| t.as_secs_f64() / d.as_secs_f64();
    let (x_one, x_all) = (times(t_one, one), times(t_all, all));
    let (x_cold, x_cold_all) = (times(t_one, cold), times(t_all, cold_all));
    step(
        backend,
        &format!(
            "headline of {} {} ({} villages, {} households), rolled up from the counters (memo miss)",
            p.code,
            p.name,
            group(u64::from(p.villages)),
            group(hh as u64)
        ),
        cold,
        &format!(
            "per call, {n_cold} calls; all {} provinces: {} per round",
            roots.len(),
            ms(cold_all)
        ),
    );
    step(
        backend,
        &format!("headline of {} through the service (memo hit)", p.code),
        one,
        &format!(
            "per call, {n_one} calls; all {} provinces: {} per round",
            roots.len(),
            ms(all)
        ),
    );
    step(
        backend,
        "baseline: GROUP BY for that province (warm, 2nd run)",
        t_one,
        &format!("{x_cold:.0}× the roll-up, {x_one:.0}× the memo; same numbers: yes"),
    );
    step(
        backend,
        "baseline: GROUP BY for all provinces (warm, 2nd run)",
        t_all,
        &format!("{x_cold_all:.0}× the roll-ups, {x_all:.0}× the memo; same numbers: yes"),
    );
    let province = format!(
        "{} {}, {} villages",
        p.code,
        p.name,
        group(u64::from(p.villages))
    );
    rows.push(
        Row::new(
            format!("fresh figures of the largest province ({province}), rolled up from the counters (after a write)"),
            format!("{} per headline = {x_cold:.0}× faster", us(cold)),
        )
        .baseline(format!("GROUP BY (warm): {}", secs(t_one)))
        .target("≥ 100× faster than GROUP BY", x_cold >= 100.0),
    );
    rows.push(
        Row::new(
            format!(
                "fresh figures of the largest province ({province}), from the memo (no write since)"
            ),
            format!("{} per headline = {x_one:.0}× faster", us(one)),
        )
        .baseline(format!("GROUP BY (warm): {}", secs(t_one)))
        .target("≥ 100× faster than GROUP BY", x_one >= 100.0),
    );
    rows.push(
        Row::new(
            format!(
                "fresh figures of all {} provinces, rolled up from the counters",
                roots.len()
            ),
            format!("{} = {x_cold_all:.0}× faster", ms(cold_all)),
        )
        .baseline(format!("GROUP BY (warm): {}", secs(t_all)))
        .target("≥ 100× faster than GROUP BY", x_cold_all >= 100.0),
    );
    rows.push(
        Row::new(
            format!(
                "fresh figures of all {} provinces, from the memo",
                roots.len()
            ),
            format!("{} = {x_all:.0}× faster", ms(all)),
        )
        .baseline(format!("GROUP BY (warm): {}", secs(t_all)))
        .target("≥ 100× faster than GROUP BY", x_all >= 100.0),
    );

    // One write to the refreshed province figure.
    let (writes, record) = single_writes(&ctx, &ingest.samples).await?;
    step(
        backend,
        &format!(
            "{} single adoptions, each until its province figure shows it",
            writes.count
        ),
        writes.max,
        &format!(
            "write→visible p50 {}, p95 {}, max {}; the write call alone p50 {}",
            ms(writes.p50),
            ms(writes.p95),
            ms(writes.max),
            ms(record.p50)
        ),
    );
    rows.push(
        Row::new(
            format!(
                "one ledger write → refreshed province figure ({} writes)",
                writes.count
            ),
            format!(
                "p50 {}, p95 {}, max {}",
                ms(writes.p50),
                ms(writes.p95),
                ms(writes.max)
            ),
        )
        .target("≤ 50 ms", writes.max <= Duration::from_millis(50)),
    );

    // A households XLSX through the importer (issue 12), beside the CSV
    // ingest; before the API load, which consumes the context.
    let xlsx = crate::bench::import::xlsx_import(&ctx, backend, args.xlsx_rows, args.seed).await?;
    if let Some(x) = &xlsx {
        rows.extend(crate::bench::import::rows(
            x,
            ingest.households,
            ingest.took,
        ));
    }

    // The headline API under concurrent clients.
    let (api, throughput, errors) = api_load(args, ctx, &p.code).await?;
    step(
        backend,
        &format!(
            "GET /api/v1/units/{}/headline, {} clients, {} requests",
            p.code, args.clients, api.count
        ),
        Duration::from_secs_f64(api.count as f64 / throughput.max(1e-9)),
        &format!(
            "p50 {}, p95 {}, p99 {}, max {}; {throughput:.0} req/s; {errors} errors",
            ms(api.p50),
            ms(api.p95),
            ms(api.p99),
            ms(api.max)
        ),
    );
    ensure!(errors == 0, "{errors} API requests failed");
    rows.push(
        Row::new(
            format!(
                "headline API of province {}, {} concurrent clients ({} requests)",
                p.code, args.clients, api.count
            ),
            format!(
                "p50 {}, p95 {}, p99 {}; {throughput:.0} req/s",
                ms(api.p50),
                ms(api.p95),
                ms(api.p99)
            ),
        )
        .target("p95 < 20 ms", api.p95 < Duration::from_millis(20)),
    );
    // The XLSX step reset the peak; the run's is the higher of both.
    let (_, peak) = stats::memory_kib();
    let peak = peak.max(xlsx.as_ref().map_or(0, |x| x.peak_before));
    rows.push(
        Row::new("peak memory of the tinhso process (VmHWM)", mib(peak))
            .target("< 2 GB", peak < 2 * 1024 * 1024),
    );
    Ok(rows)
}

/// Record one adoption per sample household through the service, and time
/// from the call's start to the moment its province's headline shows it.
async fn single_writes(ctx: &Ctx, samples: &[(i64, String)]) -> anyhow::Result<(Summary, Summary)> {
    let op = Actor::system("bench");
    let day = read_day();
    let mut visible = Vec::with_capacity(samples.len());
    let mut calls = Vec::with_capacity(samples.len());
    for (id, village) in samples {
        let province = {
            let h = ctx.hierarchy();
            let node = h.find(&village.parse()?, day).context("sample village")?;
            h.ancestors(&node)
                .first()
                .map(|a| a.unit.code.to_string())
                .context("a village has a province")?
        };
        let (_, before) = live(ctx, &province)?;
        let input = AdoptionInput {
            kind: ZALO.as_str().into(),
            date: Some(day),
            member_id: None,
            note: "bench".into(),
            correction: false,
        };
        let t = Instant::now();
        households::record(ctx, &op, *id, &input).await?;
        calls.push(t.elapsed());
        loop {
            if live(ctx, &province)?.1 > before {
                break;
            }
            if t.elapsed() > Duration::from_secs(5) {
                bail!("household {id}: the province figure did not move within 5 s");
            }
            tokio::task::yield_now().await;
        }
        visible.push(t.elapsed());
    }
    Ok((stats::summarise(visible), stats::summarise(calls)))
}

/// Serve on loopback and load the province's headline.
async fn api_load(args: &BenchArgs, ctx: Ctx, code: &str) -> anyhow::Result<(Summary, f64, usize)> {
    let path = format!("/api/v1/units/{code}/headline?on={}", read_day());
    let app = App::build(ctx).await?;
    let addr = app.local_addr();
    ensure!(addr.ip().is_loopback(), "the bench serves on loopback only");
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(app.run_until(async move {
        let _ = stopped.await;
    }));
    let load = crate::bench::http::load(
        addr,
        &path,
        args.clients.max(1),
        args.requests.max(1),
        Duration::from_secs(120),
    )
    .await;
    let _ = stop.send(());
    server.await??;
    let load = load?;
    let throughput = load.latencies.len() as f64 / load.elapsed.as_secs_f64();
    Ok((stats::summarise(load.latencies), throughput, load.errors))
}
