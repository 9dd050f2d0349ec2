//! The audit log: every write, with its author; read by subtree.

use crate::helpers::TestApp;
use reqwest::{Method, StatusCode};
use serde_json::json;

#[tokio::test]
async fn the_audit_log_is_filtered_by_subtree_and_scoped() {
    let app = TestApp::spawn().await;
    let xa = app.token("xa").await;
    let (s, _) = app
        .send_as(
            &xa,
            Method::POST,
            "/api/v1/units/04387/villages?on=2022-06-30",
            &json!({"name": "Thôn Nhật Ký"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    let admin = app.token("admin").await;
    // A change in 04387 shows in the subtree of 04387, of 136 and of 15; not of 132.
    for (unit, expect) in [("04387", true), ("136", true), ("15", true), ("132", false)] {
        let (s, v) = app
            .get_as(&admin, &format!("/api/v1/audit?unit={unit}&on=2022-06-30"))
            .await;
        assert_eq!(s, StatusCode::OK, "{v}");
        let found = v["items"].as_array().unwrap().iter().any(|e| {
            e["actor"] == "xa" && e["entity"] == "unit" && e["after"]["name"] == "Thôn Nhật Ký"
        });
        assert_eq!(found, expect, "unit {unit}: {v}");
    }
    // The district officer reads the district's log; the viewer reads none.
    let huyen = app.token("huyen").await;
    let (s, v) = app
        .get_as(&huyen, "/api/v1/audit?unit=136&on=2022-06-30")
        .await;
    assert_eq!(s, StatusCode::OK);
    assert!(
        v["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["actor"] == "xa")
    );
    let xem = app.token("xem").await;
    let (s, _) = app
        .get_as(&xem, "/api/v1/audit?unit=15&on=2022-06-30")
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    // The admin page shows it too.
    let (client, _) = app.login("admin").await;
    let html = client
        .get(app.url("/audit?unit=04387&on=2022-06-30"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("Thôn Nhật Ký"));
}

#[tokio::test]
async fn sign_ins_and_grant_changes_record_before_and_after() {
    let app = TestApp::spawn().await;
    let _ = app.login("todan").await;
    let admin = app.token("admin").await;
    let id = tinhso::service::accounts::user_id_by_name(&app.ctx, "todan")
        .await
        .unwrap();
    let (_, user) = app.get_as(&admin, &format!("/api/v1/users/{id}")).await;
    let version = user["grants_version"].clone();
    let body = json!({"grants": [{"role": "viewer", "unit": "136"}], "version": version});
    let (s, v) = app
        .send_as(
            &admin,
            Method::PUT,
            &format!("/api/v1/users/{id}/grants?on=2022-06-30"),
            &body,
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let entries = app.audit().await;
    assert!(
        entries
            .iter()
            .any(|e| e.action == "login" && e.actor == "todan")
    );
    let change = entries.iter().find(|e| e.entity == "grants").unwrap();
    assert_eq!(change.actor, "admin");
    assert_eq!(change.before.as_ref().unwrap().0[0]["role"], "team_member");
    assert_eq!(change.after.as_ref().unwrap().0[0]["role"], "viewer");
}
