//! Issue 10, item 1: nothing acknowledged is ever lost when the database
//! refuses writes (a full disk), and the server recovers without a restart.
//!
//! A full disk is shown with SQLite's file-size cap (`max_page_count`,
//! `TINHSO_SQLITE_MAX_BYTES`), which fails a write exactly as a full disk
//! does ("database or disk is full") and needs no root; so this test runs on
//! SQLite whichever backend the suite is on. The connection handling behind
//! it is the same code on both backends and is tested on both in
//! `storage::a_connection_whose_commit_failed_is_never_reused`.

use crate::helpers::TestApp;
use reqwest::{Method, StatusCode};
use serde_json::json;
use sqlx::{Connection, SqliteConnection};
use std::path::Path;

async fn own_connection(file: &Path) -> SqliteConnection {
    let mut c = SqliteConnection::connect(&format!("sqlite://{}", file.display()))
        .await
        .expect("open the test's own connection");
    sqlx::query("PRAGMA busy_timeout = 10000")
        .execute(&mut c)
        .await
        .unwrap();
    c
}

const HEADROOM: u64 = 2 << 20;

#[tokio::test]
async fn writes_while_storage_is_full_get_503_and_none_acknowledged_is_lost() {
    let app = TestApp::spawn_sqlite_with(|c, file| {
        let size = std::fs::metadata(file).expect("database file").len();
        c.sqlite_max_bytes = Some(size + HEADROOM);
    })
    .await;
    let file = app.data_dir().join("tinhso.db");
    let todan = app.token("todan").await;
    let (_, hits) = app
        .get_json("/api/v1/units/search?q=khe%20banh&on=2022-06-30")
        .await;
    let kb = hits["items"][0]["code"].as_str().unwrap().to_owned();
    let path = format!("/api/v1/units/{kb}/households?on=2022-06-30");
    let (s, _) = app.get_json("/readyz").await;
    // The integrity check runs in the background at start; wait for it.
    let mut ready = s;
    for _ in 0..100 {
        if ready == StatusCode::OK {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        ready = app.get_json("/readyz").await.0;
    }
    assert_eq!(ready, StatusCode::OK, "ready before the disk fills");

    // Fill what the cap leaves but a few pages, from a connection of the
    // test's own that has no cap.
    let mut own = own_connection(&file).await;
    let pages: i64 = sqlx::query_scalar("PRAGMA page_count")
        .fetch_one(&mut own)
        .await
        .unwrap();
    let limit: i64 = {
        // The cap the server's writer holds, as it reports it.
        let size = app.ctx.config().sqlite_max_bytes.unwrap();
        (size / 4096) as i64
    };
    let fill = (limit - pages - 6).max(1) * 4096;
    sqlx::query("CREATE TABLE test_ballast (b BLOB)")
        .execute(&mut own)
        .await
        .unwrap();
    sqlx::query("INSERT INTO test_ballast VALUES (zeroblob($1))")
        .bind(fill)
        .execute(&mut own)
        .await
        .unwrap();

    let mut acknowledged = Vec::new();
    let mut refused = Vec::new();
    let mut n = 0;
    let mut write = async |acknowledged: &mut Vec<String>, refused: &mut Vec<String>| {
        n += 1;
        let code = format!("FULL-{n:04}");
        let (s, v) = app
            .send_as(&todan, Method::POST, &path, &json!({ "code": code }))
            .await;
        match s {
            StatusCode::CREATED => acknowledged.push(code),
            StatusCode::SERVICE_UNAVAILABLE => {
                assert_eq!(v["code"], "storage_full", "{v}");
                refused.push(code);
            }
            other => panic!("write {code}: unexpected {other}: {v}"),
        }
        s
    };
    // Write until the first refusal, then go on writing while it is full.
    for _ in 0..400 {
        if write(&mut acknowledged, &mut refused).await == StatusCode::SERVICE_UNAVAILABLE {
            break;
        }
    }
    assert!(!refused.is_empty(), "the cap was never reached");
    for _ in 0..15 {
        write(&mut acknowledged, &mut refused).await;
    }
    let during = acknowledged.len();
    assert!(
        refused.len() >= 10,
        "writes kept being acknowledged on a full disk: {refused:?}"
    );

    // Reads go on; readiness says why writes are refused.
    let (s, list) = app.get_as(&todan, &path).await;
    assert_eq!(s, StatusCode::OK, "reads keep working: {list}");
    let (s, v) = app.get_json("/readyz").await;
    assert_eq!(s, StatusCode::SERVICE_UNAVAILABLE, "{v}");
    assert_eq!(v["status"], "storage_full", "{v}");
    let (s, _) = app.get_json("/healthz").await;
    assert_eq!(s, StatusCode::OK, "alive while full");
    // Signing in writes a session: refused, not a cookie for a session
    // that does not exist.
    let (client, r) = app.sign_in("xa", tinhso::demo::PASSWORD).await;
    // A session row is small and may still fit in a page the file has; then
    // the session must be real. Otherwise the sign-in is refused.
    match r.status() {
        StatusCode::SERVICE_UNAVAILABLE => {}
        StatusCode::SEE_OTHER => {
            let me = client.get(app.url("/api/v1/me")).send().await.unwrap();
            assert_eq!(
                me.status(),
                StatusCode::OK,
                "a cookie for a session that was not stored"
            );
        }
        other => panic!("sign-in on a full disk: {other}"),
    }

    // Space comes back: writes succeed without a restart.
    sqlx::query("DROP TABLE test_ballast")
        .execute(&mut own)
        .await
        .unwrap();
    for _ in 0..20 {
        let s = write(&mut acknowledged, &mut refused).await;
        assert_eq!(s, StatusCode::CREATED, "a write after space came back");
    }
    assert_eq!(acknowledged.len(), during + 20);
    let (s, v) = app.get_json("/readyz").await;
    assert_eq!(s, StatusCode::OK, "ready again: {v}");

    // "Restart": every connection of the server closed, the file read
    // afresh. Every acknowledged write is there; no refused one is.
    app.ctx.db().close().await;
    own.close().await.unwrap();
    let mut fresh = own_connection(&file).await;
    let stored: Vec<String> =
        sqlx::query_scalar("SELECT code FROM households WHERE code LIKE 'FULL-%' ORDER BY code")
            .fetch_all(&mut fresh)
            .await
            .unwrap();
    let mut expected = acknowledged.clone();
    expected.sort();
    assert_eq!(
        stored, expected,
        "stored = acknowledged (refused: {refused:?})"
    );
}

/// Run `f` to completion on a runtime of its own (for work inside the sync
/// `configure` step of `spawn_sqlite_with`).
fn on_own_runtime<F: std::future::Future<Output = ()> + Send + 'static>(f: F) {
    std::thread::spawn(move || {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap()
            .block_on(f)
    })
    .join()
    .expect("setup thread");
}

/// Issue 10, item 12: `/healthz` said ok on a damaged database file.
#[tokio::test]
async fn a_damaged_database_file_is_not_healthy_nor_ready() {
    let app = TestApp::spawn_sqlite_with(|_, file| {
        let file = file.to_owned();
        on_own_runtime(async move {
            // A table nothing reads at start, then garbage over its index's
            // root page.
            let mut c = own_connection(&file).await;
            sqlx::query("CREATE TABLE test_junk (k TEXT)")
                .execute(&mut c)
                .await
                .unwrap();
            sqlx::query("CREATE INDEX test_junk_k ON test_junk (k)")
                .execute(&mut c)
                .await
                .unwrap();
            for i in 0..200 {
                sqlx::query("INSERT INTO test_junk VALUES ($1)")
                    .bind(format!("row {i:05} {}", "x".repeat(40)))
                    .execute(&mut c)
                    .await
                    .unwrap();
            }
            let root: i64 =
                sqlx::query_scalar("SELECT rootpage FROM sqlite_master WHERE name = 'test_junk_k'")
                    .fetch_one(&mut c)
                    .await
                    .unwrap();
            sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
                .execute(&mut c)
                .await
                .unwrap();
            c.close().await.unwrap();
            use std::io::{Seek, SeekFrom, Write};
            let mut f = std::fs::OpenOptions::new().write(true).open(&file).unwrap();
            f.seek(SeekFrom::Start((root as u64 - 1) * 4096)).unwrap();
            f.write_all(&[0xA5; 4096]).unwrap();
            f.sync_all().unwrap();
        });
    })
    .await;
    let mut last = (StatusCode::OK, serde_json::Value::Null);
    for _ in 0..100 {
        last = app.get_json("/healthz").await;
        if last.1["integrity"] != "checking" {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let (s, v) = last;
    assert_eq!(
        s,
        StatusCode::SERVICE_UNAVAILABLE,
        "healthz on a damaged file: {v}"
    );
    assert_eq!(v["status"], "damaged", "{v}");
    let (s, v) = app.get_json("/readyz").await;
    assert_eq!(s, StatusCode::SERVICE_UNAVAILABLE, "{v}");
}
