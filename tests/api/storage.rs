//! Storage scenarios, run unchanged on SQLite and on PostgreSQL.

use crate::helpers::TestApp;
use chrono::{NaiveDate, Utc};
use tinhso::domain::unit::{Level, UnitVersion};
use tinhso::store::{self, accounts, audit, units};

#[tokio::test]
async fn a_transaction_dropped_without_commit_writes_nothing() {
    let app = TestApp::spawn().await;
    let db = app.ctx.db();
    let mut tx = db.begin().await.unwrap();
    accounts::insert_user(&mut tx, "ghost", "Ghost", "x", Utc::now())
        .await
        .unwrap();
    drop(tx);
    assert!(
        accounts::user_by_username(db, "ghost")
            .await
            .unwrap()
            .is_none()
    );
}

#[tokio::test]
async fn a_duplicate_is_a_unique_violation() {
    let app = TestApp::spawn().await;
    let mut tx = app.ctx.db().begin().await.unwrap();
    let err = accounts::insert_user(&mut tx, "admin", "Again", "x", Utc::now())
        .await
        .unwrap_err();
    assert!(store::is_unique_violation(&err), "{err}");
}

#[tokio::test]
async fn unit_versions_round_trip_dates_and_flags() {
    let app = TestApp::spawn().await;
    let db = app.ctx.db();
    let d = |s: &str| s.parse::<NaiveDate>().unwrap();
    let commune = units::all_versions(db)
        .await
        .unwrap()
        .into_iter()
        .find(|u| u.code.as_str() == "04387")
        .unwrap();
    let v = UnitVersion {
        id: 0,
        code: "04387901".parse().unwrap(),
        name: "Khe Thử".into(),
        full_name: "Thôn Khe Thử".into(),
        level: Level::Village,
        unit_type: "thôn".into(),
        parent_id: Some(commune.id),
        valid_from: d("2023-02-28"),
        valid_to: Some(d("2024-12-31")),
        synthetic: true,
    };
    let mut tx = db.begin().await.unwrap();
    let id = units::insert_version(&mut tx, &v, Utc::now())
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let back = units::all_versions(db)
        .await
        .unwrap()
        .into_iter()
        .find(|u| u.id == id)
        .unwrap();
    assert_eq!(back, UnitVersion { id, ..v });
    // Date comparison happens in SQL the same way on both backends.
    let open: Vec<_> = units::all_versions(db)
        .await
        .unwrap()
        .into_iter()
        .filter(|u| u.valid_to.is_none())
        .collect();
    let mut tx = db.begin().await.unwrap();
    assert_eq!(
        units::open_versions(&mut tx).await.unwrap().len(),
        open.len()
    );
}

#[tokio::test]
async fn audit_entries_are_found_by_unit_path_prefix() {
    let app = TestApp::spawn().await;
    let db = app.ctx.db();
    let mut tx = db.begin().await.unwrap();
    for (path, id) in [("/1/2/3/", "a"), ("/1/2/30/", "b"), ("/1/4/", "c")] {
        let e = audit::NewEntry {
            at: Utc::now(),
            user_id: None,
            actor: "test",
            action: "probe",
            entity: "probe",
            entity_id: id.into(),
            unit_path: Some(path.into()),
            before: None,
            after: Some(serde_json::json!({ "id": id, "text": "Thôn Khe Bành" })),
        };
        audit::insert(&mut tx, &e).await.unwrap();
    }
    tx.commit().await.unwrap();
    let ids = |prefixes: &[&str]| {
        let prefixes: Vec<String> = prefixes.iter().map(|s| s.to_string()).collect();
        async move {
            audit::list(db, Some(&prefixes), None, 50)
                .await
                .unwrap()
                .into_iter()
                .filter(|e| e.entity == "probe")
                .map(|e| e.entity_id)
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(ids(&["/1/2/3/"]).await, ["a"]);
    assert_eq!(ids(&["/1/2/"]).await, ["b", "a"]);
    assert_eq!(ids(&["/1/4/", "/1/2/30/"]).await, ["c", "b"]);
    let all = audit::list(db, None, None, 500).await.unwrap();
    let c = all.iter().find(|e| e.entity_id == "c").unwrap();
    assert_eq!(c.after.as_ref().unwrap().0["text"], "Thôn Khe Bành");
    // Paging: entries before an id.
    let older = audit::list(db, None, Some(c.id), 500).await.unwrap();
    assert!(older.iter().all(|e| e.id < c.id));
}

#[test]
fn both_backends_have_the_same_migrations() {
    let names = |dir: &str| {
        let mut v: Vec<String> =
            std::fs::read_dir(format!("{}/migrations/{dir}", env!("CARGO_MANIFEST_DIR")))
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect();
        v.sort();
        v
    };
    assert!(!names("sqlite").is_empty());
    assert_eq!(names("sqlite"), names("postgres"));
}

#[tokio::test]
async fn the_backend_is_the_one_asked_for() {
    let app = TestApp::spawn().await;
    let expected = if std::env::var(crate::helpers::PG_ENV).is_ok_and(|s| !s.is_empty()) {
        "postgres"
    } else {
        "sqlite"
    };
    assert_eq!(app.ctx.db().backend(), expected);
    let (_, v) = app.get_json("/healthz").await;
    assert_eq!(v["database"], expected);
}

/// Make the transaction's COMMIT fail: on SQLite a deferred foreign-key
/// violation (the transaction stays open after the failed COMMIT); on
/// PostgreSQL the server ending the connection under it.
async fn fail_commit(db: &store::Db, tx: &mut store::Tx) {
    match tx {
        store::Tx::Sqlite(c) => {
            sqlx::query("PRAGMA defer_foreign_keys = ON")
                .execute(&mut **c)
                .await
                .unwrap();
            sqlx::query("INSERT INTO households (village_id, code, poverty, registered_on, synthetic, created_at, updated_at) VALUES (-1, 'ORPHAN', 'none', '2022-01-01', 1, '2022-01-01T00:00:00Z', '2022-01-01T00:00:00Z')")
                .execute(&mut **c)
                .await
                .unwrap();
        }
        store::Tx::Postgres(c) => {
            let pid: i32 = sqlx::query_scalar("SELECT pg_backend_pid()")
                .fetch_one(&mut **c)
                .await
                .unwrap();
            let store::Db::Postgres(pool) = db else {
                unreachable!()
            };
            sqlx::query("SELECT pg_terminate_backend($1)")
                .bind(pid)
                .execute(pool)
                .await
                .unwrap();
        }
    }
}

/// Something set on the connection itself, outside any transaction, that a
/// new connection would not have.
async fn mark_connection(tx: &mut store::Tx) -> String {
    match tx {
        store::Tx::Sqlite(c) => {
            sqlx::query("PRAGMA cache_size = -4321")
                .execute(&mut **c)
                .await
                .unwrap();
            "-4321".into()
        }
        store::Tx::Postgres(c) => sqlx::query_scalar::<_, i32>("SELECT pg_backend_pid()")
            .fetch_one(&mut **c)
            .await
            .unwrap()
            .to_string(),
    }
}

async fn connection_mark(tx: &mut store::Tx) -> String {
    match tx {
        store::Tx::Sqlite(c) => sqlx::query_scalar::<_, i64>("PRAGMA cache_size")
            .fetch_one(&mut **c)
            .await
            .unwrap()
            .to_string(),
        store::Tx::Postgres(c) => sqlx::query_scalar::<_, i32>("SELECT pg_backend_pid()")
            .fetch_one(&mut **c)
            .await
            .unwrap()
            .to_string(),
    }
}

/// Issue 10, item 1: sqlx's own transaction handed a connection whose
/// COMMIT had failed back to the pool, still counted as inside a
/// transaction; on SQLite's lone writer every later write became a
/// savepoint of a transaction never committed, acknowledged and lost.
#[tokio::test]
async fn a_connection_whose_commit_failed_is_never_reused() {
    let app = TestApp::spawn().await;
    let db = app.ctx.db();
    let mut tx = db.begin().await.unwrap();
    let mark = mark_connection(&mut tx).await;
    accounts::insert_user(&mut tx, "lost1", "Lost", "x", Utc::now())
        .await
        .unwrap();
    fail_commit(db, &mut tx).await;
    assert!(tx.commit().await.is_err(), "the COMMIT must fail");

    let mut tx = db.begin().await.unwrap();
    assert_ne!(
        connection_mark(&mut tx).await,
        mark,
        "the connection whose COMMIT failed was handed out again"
    );
    accounts::insert_user(&mut tx, "kept1", "Kept", "x", Utc::now())
        .await
        .unwrap();
    tx.commit().await.unwrap();
    // Seen from another connection: committed for real.
    assert!(
        accounts::user_by_username(db, "kept1")
            .await
            .unwrap()
            .is_some()
    );
    assert!(
        accounts::user_by_username(db, "lost1")
            .await
            .unwrap()
            .is_none()
    );
}
