//! Bad registrations and evidence files refused, with nothing written.

use super::*;
use crate::helpers::TestApp;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

#[tokio::test]
async fn bad_registrations_are_refused_and_nothing_is_written() {
    let app = TestApp::spawn().await;
    let xa = app.token("xa").await;
    let xem = app.token("xem").await;
    let before = app.audit().await.len();
    let reg = |body: Value, unit: &'static str| {
        let xa = xa.clone();
        let app = &app;
        async move {
            app.send_as(
                &xa,
                Method::POST,
                &format!("/api/v1/units/{unit}/registrations"),
                &body,
            )
            .await
        }
    };
    let (s, v) = reg(
        json!({ "level": "cds", "year": 2022, "on": DAY }),
        "04387001",
    )
    .await;
    assert_eq!(
        (s, v["field"].as_str()),
        (StatusCode::BAD_REQUEST, Some("unit")),
        "{v}"
    );
    let (s, v) = reg(
        json!({ "level": "xa_vang", "year": 2022, "on": DAY }),
        "04387",
    )
    .await;
    assert_eq!(
        (s, v["field"].as_str()),
        (StatusCode::BAD_REQUEST, Some("level")),
        "{v}"
    );
    assert!(
        v["message"].as_str().unwrap().contains("cds_advanced"),
        "{v}"
    );
    let (s, v) = reg(json!({ "level": "cds", "year": 2019, "on": DAY }), "04387").await;
    assert_eq!(
        (s, v["field"].as_str()),
        (StatusCode::BAD_REQUEST, Some("year")),
        "{v}"
    );
    let (s, v) = reg(
        json!({ "level": "cds", "year": 2022, "on": "2099-01-01" }),
        "04387",
    )
    .await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "{v}");
    // Another commune is outside the officer's scope.
    let (s, _) = reg(json!({ "level": "cds", "year": 2022, "on": DAY }), "04390").await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    // The public and viewers cannot register.
    let (s, _) = app
        .send_as(
            "",
            Method::POST,
            "/api/v1/units/04387/registrations",
            &json!({}),
        )
        .await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    let (s, _) = app
        .send_as(
            &xem,
            Method::POST,
            "/api/v1/units/04387/registrations",
            &json!({ "level": "cds", "year": 2022, "on": DAY }),
        )
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    assert_eq!(app.audit().await.len(), before, "nothing written");
    assert_eq!(registrations_total(&app).await, 72.0);
    // A second registration for the same year.
    let (s, _) = reg(json!({ "level": "cds", "year": 2022, "on": DAY }), "04387").await;
    assert_eq!(s, StatusCode::CREATED);
    let (s, v) = reg(
        json!({ "level": "cds_advanced", "year": 2022, "on": DAY }),
        "04387",
    )
    .await;
    assert_eq!(s, StatusCode::CONFLICT, "{v}");
    assert_eq!(registrations_total(&app).await, 73.0);
}

async fn upload(
    app: &TestApp,
    token: &str,
    id: i64,
    name: &str,
    bytes: &[u8],
    criterion: &str,
) -> (StatusCode, Value) {
    app.post_multipart(
        token,
        &format!("/api/v1/registrations/{id}/files"),
        crate::party::multipart_with(&[("criterion", criterion)], name, bytes),
    )
    .await
}

#[tokio::test]
async fn evidence_files_are_checked_by_content_and_size() {
    let app = TestApp::spawn().await;
    let xa = app.token("xa").await;
    let (_, r) = app
        .send_as(
            &xa,
            Method::POST,
            "/api/v1/units/04387/registrations",
            &json!({ "level": "cds", "year": 2022, "on": DAY }),
        )
        .await;
    let id = r["id"].as_i64().unwrap();
    let send = |name: &'static str, bytes: Vec<u8>, criterion: &'static str| {
        let app = &app;
        let xa = xa.clone();
        async move { upload(app, &xa, id, name, &bytes, criterion).await }
    };
    let before = app.audit().await.len();
    let (s, v) = send(
        "bao-cao.pdf",
        b"<html><script>alert(1)</script></html>".to_vec(),
        "m04",
    )
    .await;
    assert_eq!(s, StatusCode::UNSUPPORTED_MEDIA_TYPE, "{v}");
    let big = [b"%PDF-1.4\n".to_vec(), vec![b'x'; 11 << 20]].concat();
    let (s, _) = send("lon.pdf", big, "m04").await;
    assert_eq!(s, StatusCode::PAYLOAD_TOO_LARGE);
    let (s, v) = send("bao-cao.pdf", b"%PDF-1.4\n%%EOF\n".to_vec(), "zz9").await;
    assert_eq!(
        (s, v["field"].as_str()),
        (StatusCode::BAD_REQUEST, Some("criterion")),
        "{v}"
    );
    assert_eq!(app.audit().await.len(), before, "nothing written");
    let (s, v) = send("../../bao-cao.pdf", b"%PDF-1.4\n%%EOF\n".to_vec(), "m04").await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    assert_eq!(v["file_name"], "bao-cao.pdf");
    let (_, reg) = app
        .get_as(&xa, &format!("/api/v1/registrations/{id}"))
        .await;
    assert_eq!(reg["files"][0]["criterion"], "m04");
    // The district cannot attach the commune's evidence.
    let huyen = app.token("huyen").await;
    let (s, _) = upload(&app, &huyen, id, "x.pdf", b"%PDF-1.4\n", "").await;
    assert_eq!(s, StatusCode::FORBIDDEN);
}
