//! Meetings: notice, attendance, minutes, tasks; another cell's meetings.

use super::*;
use crate::helpers::TestApp;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

#[tokio::test]
async fn a_secretary_runs_a_meeting_and_members_see_it() {
    let app = TestApp::spawn().await;
    let bithu = app.token("bithu").await;
    let dv = app.token("dangvien").await;
    let cell = khe_banh_cell(&app, &bithu).await;
    let body = json!({"org_id": cell, "title": "Sinh hoạt chuyên đề: Zalo của thôn", "kind": "thematic",
                      "held_on": today(), "starts_at": "19:30", "place": "Nhà văn hóa thôn",
                      "agenda": "1. Nhóm Zalo\n2. Sổ tay"});
    // A member may not create one.
    let (s, _) = app
        .send_as(&dv, Method::POST, "/api/v1/party/meetings", &body)
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, m) = app
        .send_as(&bithu, Method::POST, "/api/v1/party/meetings", &body)
        .await;
    assert_eq!(s, StatusCode::CREATED, "{m}");
    assert_eq!(m["state"], "planned");
    let id = m["id"].as_i64().unwrap();
    let (s, v) = app
        .send_as(
            &bithu,
            Method::POST,
            &format!("/api/v1/party/meetings/{id}/notice"),
            &json!({}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["sent"], 15);
    // The member sees the notice, opens the meeting, and the notice is seen.
    let (_, n) = app.get_as(&dv, "/api/v1/party/notices").await;
    let notice = n["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["meeting_id"] == id)
        .cloned()
        .expect("a notice");
    assert!(notice["seen_at"].is_null());
    let (s, detail) = app
        .get_as(&dv, &format!("/api/v1/party/meetings/{id}"))
        .await;
    assert_eq!(s, StatusCode::OK, "{detail}");
    assert_eq!(detail["state"], "notified");
    assert_eq!(detail["runs"], false);
    let (_, n) = app.get_as(&dv, "/api/v1/party/notices").await;
    assert!(
        n["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|x| x["meeting_id"] == id && !x["seen_at"].is_null())
    );
    // Attendance: one member at a time, or a list; members only.
    let members: Vec<i64> = detail["attendees"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["member"]["id"].as_i64().unwrap())
        .collect();
    assert_eq!(members.len(), 15);
    let path = format!("/api/v1/party/meetings/{id}/attendance");
    let (s, _) = app
        .send_as(
            &dv,
            Method::PUT,
            &path,
            &json!({"items": [{"member_id": members[0], "status": "present"}]}),
        )
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let items: Vec<Value> = members
        .iter()
        .enumerate()
        .map(|(i, m)| match i {
            0 => json!({"member_id": m, "status": "absent", "reason": "Ốm"}),
            1 => json!({"member_id": m, "status": "late"}),
            _ => json!({"member_id": m, "status": "present"}),
        })
        .collect();
    let (s, v) = app
        .send_as(&bithu, Method::PUT, &path, &json!({ "items": items }))
        .await;
    assert_eq!(s, StatusCode::NO_CONTENT, "{v}");
    let (s, v) = app
        .send_as(
            &bithu,
            Method::PUT,
            &path,
            &json!({"items": [{"member_id": 1, "status": "present"}]}),
        )
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "a member of another cell: {v}");
    assert_eq!(v["field"], "member_id");
    let (s, v) = app
        .send_as(
            &bithu,
            Method::PUT,
            &path,
            &json!({"items": [{"member_id": members[2], "status": "asleep"}]}),
        )
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert_eq!(v["field"], "status");
    // Minutes, a task for the member, who marks it done.
    let (s, _) = app
        .send_as(
            &bithu,
            Method::PUT,
            &format!("/api/v1/party/meetings/{id}/minutes"),
            &json!({"minutes": "Chi bộ đã họp.", "resolutions": "Thống nhất.", "version": detail["version"]}),
        )
        .await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    let me = detail["attendees"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["member"]["full_name"] == "Đảng viên chi bộ Khe Bành")
        .unwrap()["member"]["id"]
        .clone();
    let (s, task) = app
        .send_as(
            &bithu,
            Method::POST,
            &format!("/api/v1/party/meetings/{id}/tasks"),
            &json!({"title": "Hướng dẫn hộ ông A vào nhóm Zalo", "owner_id": me, "due_on": today()}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{task}");
    let (_, home) = app.get_as(&dv, "/api/v1/party/me").await;
    assert!(
        home["tasks"]
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t["id"] == task["id"])
    );
    let (s, _) = app
        .send_as(
            &dv,
            Method::POST,
            &format!("/api/v1/party/tasks/{}/done", task["id"]),
            &json!({}),
        )
        .await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    let (_, detail) = app
        .get_as(&bithu, &format!("/api/v1/party/meetings/{id}"))
        .await;
    assert_eq!(detail["state"], "held");
    assert_eq!(detail["minutes"], "Chi bộ đã họp.");
    assert_eq!(detail["attendance_pct"], 93.3);
    assert!(!detail["tasks"][0]["done_at"].is_null());
    // Held meetings cannot be cancelled; every write is in the audit log.
    let (s, _) = app
        .send_as(
            &bithu,
            Method::POST,
            &format!("/api/v1/party/meetings/{id}/cancel"),
            &json!({}),
        )
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    let audit = app.audit().await;
    for action in ["create", "notify", "attendance", "minutes", "done"] {
        assert!(
            audit
                .iter()
                .any(|e| e.action == action && e.entity.starts_with("party_")),
            "no {action} in the audit log"
        );
    }
}

#[tokio::test]
async fn another_cells_meeting_is_not_found() {
    let app = TestApp::spawn().await;
    let bithu = app.token("bithu").await;
    let dv = app.token("dangvien").await;
    let cell = khe_banh_cell(&app, &bithu).await;
    let (other, meeting) = other_cell_meeting(&app, cell).await;
    for token in [&dv, &bithu] {
        let (s, v) = app
            .get_as(token, &format!("/api/v1/party/meetings/{meeting}"))
            .await;
        assert_eq!(s, StatusCode::NOT_FOUND, "{v}");
        assert_eq!(v["code"], "not_found");
        let (s, _) = app
            .get_as(token, &format!("/api/v1/party/orgs/{other}/meetings"))
            .await;
        assert_eq!(s, StatusCode::FORBIDDEN);
    }
    // Writes to it fail the same way and change nothing.
    let before = app.audit().await.len();
    for (method, path, body) in [
        (
            Method::POST,
            format!("/api/v1/party/meetings/{meeting}/notice"),
            json!({}),
        ),
        (
            Method::PUT,
            format!("/api/v1/party/meetings/{meeting}/minutes"),
            json!({"minutes": "x", "version": 1}),
        ),
        (
            Method::PUT,
            format!("/api/v1/party/meetings/{meeting}/attendance"),
            json!({"items": [{"member_id": 1, "status": "present"}]}),
        ),
        (
            Method::POST,
            format!("/api/v1/party/meetings/{meeting}/cancel"),
            json!({}),
        ),
    ] {
        let (s, v) = app.send_as(&bithu, method, &path, &body).await;
        assert_eq!(s, StatusCode::NOT_FOUND, "{path}: {v}");
    }
    assert_eq!(app.audit().await.len(), before);
    // Creating a meeting for another cell is refused.
    let (s, _) = app
        .send_as(
            &bithu,
            Method::POST,
            "/api/v1/party/meetings",
            &json!({"org_id": other, "title": "x", "held_on": today()}),
        )
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    // The public and officers without membership see no meetings at all.
    let (s, _) = app
        .get_json(&format!("/api/v1/party/meetings/{meeting}"))
        .await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    let admin = app.token("admin").await;
    let (s, _) = app
        .get_as(&admin, &format!("/api/v1/party/meetings/{meeting}"))
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn pages_refuse_the_same_ways_in() {
    let app = TestApp::spawn().await;
    let bithu = app.token("bithu").await;
    let cell = khe_banh_cell(&app, &bithu).await;
    let (_, meeting) = other_cell_meeting(&app, cell).await;
    let (s, note) = app
        .send_as(
            &bithu,
            Method::POST,
            "/api/v1/party/notes",
            &json!({"body": "của bí thư"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    let (client, csrf) = app.login("dangvien").await;
    let home = client.get(app.url("/party")).send().await.unwrap();
    assert_eq!(home.status(), StatusCode::OK);
    let html = home.text().await.unwrap();
    assert!(html.contains("Sổ tay đảng viên") && html.contains("Văn bản cần đọc"));
    let r = client
        .get(app.url(&format!("/party/meetings/{meeting}")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    assert!(r.text().await.unwrap().contains("Không tìm thấy"));
    // Someone else's note, through the page's form.
    let r = client
        .post(app.url(&format!("/party/notes/{}/delete", note["id"])))
        .form(&[("_csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let (s, _) = app
        .get_as(&bithu, &format!("/api/v1/party/notes/{}", note["id"]))
        .await;
    assert_eq!(s, StatusCode::OK, "the note is still there");
    // A multipart upload without the CSRF field changes nothing.
    let doc = doc_id(&app, &bithu, "03-NQ/CB (mẫu)").await;
    let (bclient, bcsrf) = app.login("bithu").await;
    let (ct, body) = multipart("a.pdf", PDF);
    let r = bclient
        .post(app.url(&format!("/party/documents/{doc}/files")))
        .header("content-type", ct)
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    // With it, the file is attached and the page says so.
    let boundary = "b-7c1f";
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n{bcsrf}\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"Nghị quyết.pdf\"\r\nContent-Type: application/pdf\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(PDF);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    let r = bclient
        .post(app.url(&format!("/party/documents/{doc}/files")))
        .header(
            "content-type",
            format!("multipart/form-data; boundary={boundary}"),
        )
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let page = bclient
        .get(app.url(&format!("/party/documents/{doc}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("Nghị quyết.pdf"), "{page}");
}
