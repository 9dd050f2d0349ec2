//! The handbook's forms that hold long text (a meeting's minutes, a new
//! meeting's agenda) come back as typed when refused, never lost.

use super::*;
use reqwest::Method;
use serde_json::json;

#[tokio::test]
async fn refused_minutes_come_back_as_typed() {
    let app = TestApp::spawn().await;
    let bithu = app.token("bithu").await;
    let cell = khe_banh_cell(&app, &bithu).await;
    let body = json!({"org_id": cell, "title": "Sinh hoạt thường kỳ", "kind": "regular",
                      "held_on": today(), "starts_at": "19:30", "place": "Nhà văn hóa thôn",
                      "agenda": "1. Tình hình thôn"});
    let (s, m) = app
        .send_as(&bithu, Method::POST, "/api/v1/party/meetings", &body)
        .await;
    assert_eq!(s, StatusCode::CREATED, "{m}");
    let id = m["id"].as_i64().unwrap();
    let version = m["version"].as_i64().unwrap_or(1).to_string();
    let (client, csrf) = app.login("bithu").await;
    let save = |text: &'static str| {
        let (client, csrf, version) = (client.clone(), csrf.clone(), version.clone());
        let url = app.url(&format!("/party/meetings/{id}/minutes"));
        async move {
            client
                .post(url)
                .form(&[
                    ("_csrf", csrf.as_str()),
                    ("version", version.as_str()),
                    ("minutes", text),
                    ("resolutions", "Thống nhất."),
                ])
                .send()
                .await
                .unwrap()
        }
    };
    let r = save("Bản thứ nhất.").await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    // The same version again: refused, the page shows what was typed and
    // why, and carries the version now stored.
    let r = save("Bản thứ hai, gõ trên điện thoại.").await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.unwrap();
    assert!(
        html.contains(">Bản thứ hai, gõ trên điện thoại.</textarea>"),
        "typed text kept"
    );
    assert!(html.contains(r#"class="field-error""#), "the reason shown");
    assert!(
        !html.contains(&format!(r#"name="version" value="{version}""#)),
        "the stored version"
    );
    let (_, detail) = app
        .get_as(&bithu, &format!("/api/v1/party/meetings/{id}"))
        .await;
    assert_eq!(
        detail["minutes"], "Bản thứ nhất.",
        "nothing written by the refusal"
    );
}

#[tokio::test]
async fn a_refused_new_meeting_comes_back_as_typed() {
    let app = TestApp::spawn().await;
    let bithu = app.token("bithu").await;
    let cell = khe_banh_cell(&app, &bithu).await;
    let (client, csrf) = app.login("bithu").await;
    let before = app.audit().await.len();
    let (status, html) = app
        .post_form(
            &client,
            &format!("/party/orgs/{cell}/meetings"),
            &[
                ("_csrf", csrf.as_str()),
                ("kind", "thematic"),
                ("title", ""),
                ("held_on", "2022-06-30"),
                ("starts_at", "19:30"),
                ("place", "Nhà văn hóa thôn Khe Bành"),
                ("agenda", "1. Nhóm Zalo của thôn\n2. Sổ tay đảng viên"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        html.contains(r#"id="meeting-new-title-error""#),
        "the reason beside the title"
    );
    assert!(html.contains(r#"value="Nhà văn hóa thôn Khe Bành""#));
    assert!(html.contains(">1. Nhóm Zalo của thôn\n2. Sổ tay đảng viên</textarea>"));
    assert!(html.contains(r#"<option value="thematic" selected>"#));
    assert_eq!(app.audit().await.len(), before, "nothing was written");
}

#[tokio::test]
async fn a_refused_new_document_keeps_its_summary_and_positions() {
    let app = TestApp::spawn().await;
    let bithu = app.token("bithu").await;
    let cell = khe_banh_cell(&app, &bithu).await;
    let (client, csrf) = app.login("bithu").await;
    let before = app.audit().await.len();
    let (status, html) = app
        .post_form(
            &client,
            &format!("/party/orgs/{cell}/documents"),
            &[
                ("_csrf", csrf.as_str()),
                ("number", "05-NQ/CB"),
                ("title", "Nghị quyết về chuyển đổi số của thôn"),
                ("kind", "resolution"),
                ("issued_on", "ngày mai"),
                ("confidentiality", "restricted"),
                ("positions", "secretary"),
                ("summary", "Mỗi đảng viên hướng dẫn ba hộ dùng Zalo."),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains(r#"id="document-new-issued_on-error""#));
    assert!(
        html.contains(r#"value="secretary" checked>"#),
        "the position stays ticked"
    );
    assert!(html.contains(">Mỗi đảng viên hướng dẫn ba hộ dùng Zalo.</textarea>"));
    assert!(html.contains(r#"<option value="restricted" selected>"#));
    assert_eq!(app.audit().await.len(), before, "nothing was written");
}

#[tokio::test]
async fn a_note_edited_meanwhile_comes_back_as_typed() {
    let app = TestApp::spawn().await;
    let bithu = app.token("bithu").await;
    let (s, note) = app
        .send_as(
            &bithu,
            Method::POST,
            "/api/v1/party/notes",
            &json!({"body": "Ghi chú đầu tiên"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{note}");
    let id = note["id"].as_i64().unwrap();
    let version = note["version"].to_string();
    let (client, csrf) = app.login("bithu").await;
    let save = |body: &'static str| {
        let (client, csrf, version) = (client.clone(), csrf.clone(), version.clone());
        let url = app.url(&format!("/party/notes/{id}"));
        async move {
            client
                .post(url)
                .form(&[
                    ("_csrf", csrf.as_str()),
                    ("version", version.as_str()),
                    ("body", body),
                ])
                .send()
                .await
                .unwrap()
        }
    };
    assert_eq!(save("Sửa lần một").await.status(), StatusCode::SEE_OTHER);
    let r = save("Sửa lần hai, trên điện thoại").await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.unwrap();
    assert!(
        html.contains(&format!(r#"id="note-{id}-error""#)),
        "the reason above the note"
    );
    assert!(
        html.contains(">Sửa lần hai, trên điện thoại</textarea>"),
        "what was typed stays"
    );
}

#[tokio::test]
async fn a_refused_task_comes_back_as_typed() {
    let app = TestApp::spawn().await;
    let bithu = app.token("bithu").await;
    let cell = khe_banh_cell(&app, &bithu).await;
    let body = json!({"org_id": cell, "title": "Sinh hoạt thường kỳ", "kind": "regular",
                      "held_on": today(), "starts_at": "19:30", "place": "Nhà văn hóa thôn",
                      "agenda": "1. Tình hình thôn"});
    let (_, m) = app
        .send_as(&bithu, Method::POST, "/api/v1/party/meetings", &body)
        .await;
    let id = m["id"].as_i64().unwrap();
    let (client, csrf) = app.login("bithu").await;
    let (status, html) = app
        .post_form(
            &client,
            &format!("/party/meetings/{id}/tasks"),
            &[
                ("_csrf", csrf.as_str()),
                ("title", "Hướng dẫn hộ ông A vào nhóm Zalo"),
                ("owner_id", ""),
                ("due_on", "hôm qua"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        html.contains(r#"id="task-new-due_on-error""#),
        "the reason beside the day"
    );
    assert!(
        html.contains(r#"value="Hướng dẫn hộ ông A vào nhóm Zalo""#),
        "the title stays"
    );
    assert!(html.contains(r#"<details class="panel" id="task-new" open>"#));
}
