//! Lost updates: two edits made from the same version, the second is
//! refused with 409 and the first is what is stored.

use crate::helpers::TestApp;
use crate::party::{khe_banh_cell, today};
use reqwest::{Method, StatusCode};
use serde_json::json;

#[tokio::test]
async fn a_note_edited_twice_from_the_same_version_keeps_the_first() {
    let app = TestApp::spawn().await;
    let dv = app.token("dangvien").await;
    let (s, note) = app
        .send_as(
            &dv,
            Method::POST,
            "/api/v1/party/notes",
            &json!({"body": "Bản đầu"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{note}");
    assert_eq!(note["version"], 1);
    let path = format!("/api/v1/party/notes/{}", note["id"]);
    let (s, first) = app
        .send_as(
            &dv,
            Method::PUT,
            &path,
            &json!({"body": "Sửa trên điện thoại", "version": 1}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{first}");
    assert_eq!(first["version"], 2);
    let (s, v) = app
        .send_as(
            &dv,
            Method::PUT,
            &path,
            &json!({"body": "Sửa trên máy tính", "version": 1}),
        )
        .await;
    assert_eq!(s, StatusCode::CONFLICT, "{v}");
    assert_eq!(v["code"], "conflict");
    let (_, now) = app.get_as(&dv, &path).await;
    assert_eq!(now["body"], "Sửa trên điện thoại");
    // Without a version the edit is refused.
    let (s, _) = app
        .send_as(&dv, Method::PUT, &path, &json!({"body": "x"}))
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn minutes_written_twice_from_the_same_version_keep_the_first() {
    let app = TestApp::spawn().await;
    let bithu = app.token("bithu").await;
    let cell = khe_banh_cell(&app, &bithu).await;
    let (s, m) = app
        .send_as(
            &bithu,
            Method::POST,
            "/api/v1/party/meetings",
            &json!({"org_id": cell, "kind": "regular", "title": "Sinh hoạt chi bộ", "held_on": today()}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{m}");
    let id = m["id"].as_i64().unwrap();
    let (_, detail) = app
        .get_as(&bithu, &format!("/api/v1/party/meetings/{id}"))
        .await;
    let version = detail["version"].as_i64().expect("a version");
    let path = format!("/api/v1/party/meetings/{id}/minutes");
    let (s, v) = app
        .send_as(
            &bithu,
            Method::PUT,
            &path,
            &json!({"minutes": "Bản của bí thư", "version": version}),
        )
        .await;
    assert_eq!(s, StatusCode::NO_CONTENT, "{v}");
    let (s, v) = app
        .send_as(
            &bithu,
            Method::PUT,
            &path,
            &json!({"minutes": "Bản của phó bí thư", "version": version}),
        )
        .await;
    assert_eq!(s, StatusCode::CONFLICT, "{v}");
    assert_eq!(v["code"], "conflict");
    let (_, detail) = app
        .get_as(&bithu, &format!("/api/v1/party/meetings/{id}"))
        .await;
    assert_eq!(detail["minutes"], "Bản của bí thư");
    assert_eq!(detail["version"], version + 1);
}

#[tokio::test]
async fn grants_replaced_twice_from_the_same_version_keep_the_first() {
    let app = TestApp::spawn().await;
    let admin = app.token("admin").await;
    let id = tinhso::service::accounts::user_id_by_name(&app.ctx, "todan")
        .await
        .unwrap();
    let (_, user) = app.get_as(&admin, &format!("/api/v1/users/{id}")).await;
    let version = user["grants_version"].as_i64().expect("a version");
    let path = format!("/api/v1/users/{id}/grants?on=2022-06-30");
    let first = json!({"grants": [{"role": "viewer", "unit": "136"}], "version": version});
    let (s, v) = app.send_as(&admin, Method::PUT, &path, &first).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["grants_version"], version + 1);
    let second = json!({"grants": [{"role": "viewer", "unit": "04387"}], "version": version});
    let (s, v) = app.send_as(&admin, Method::PUT, &path, &second).await;
    assert_eq!(s, StatusCode::CONFLICT, "{v}");
    assert_eq!(v["code"], "conflict");
    let (_, user) = app.get_as(&admin, &format!("/api/v1/users/{id}")).await;
    assert_eq!(user["grants"].as_array().unwrap().len(), 1, "{user}");
    assert_eq!(user["grants"][0]["unit_code"], "136", "{user}");
}
