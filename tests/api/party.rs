//! The party-member e-handbook: the demo's figures, meetings, documents,
//! files and notes, and every way in that must be refused.

use crate::helpers::TestApp;
use chrono::NaiveDate;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use tinhso::domain::party::OrgKind;
use tinhso::store::party as store;

const DAY: &str = "2022-06-30";

fn today() -> NaiveDate {
    tinhso::service::party::vn_today()
}

/// The Khe Bành cell's id, from the secretary's home.
async fn khe_banh_cell(app: &TestApp, token: &str) -> i64 {
    let (s, home) = app.get_as(token, "/api/v1/party/me").await;
    assert_eq!(s, StatusCode::OK, "{home}");
    home["memberships"][0]["org"]["id"].as_i64().unwrap()
}

/// A cell other than Khe Bành's, and one of its meetings.
async fn other_cell_meeting(app: &TestApp, khe_banh: i64) -> (i64, i64) {
    let day: NaiveDate = DAY.parse().unwrap();
    let cells = store::orgs_of_kind(app.ctx.db(), OrgKind::Cell, day)
        .await
        .unwrap();
    let other = cells.iter().find(|c| c.id != khe_banh).unwrap();
    let meetings = store::meetings::of_org(app.ctx.db(), other.id, 1)
        .await
        .unwrap();
    (other.id, meetings[0].id)
}

fn figure(v: &Value, key: &str) -> f64 {
    v["figures"][key]["value"].as_f64().unwrap_or(-1.0)
}

#[tokio::test]
async fn khe_banh_has_15_members_all_using_the_handbook() {
    let app = TestApp::spawn().await;
    let (s, v) = app
        .get_json(&format!("/api/v1/units/04387001/party-summary?on={DAY}"))
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["unit"]["name"], "Khe Bành");
    assert_eq!(figure(&v, "party.members"), 15.0);
    assert_eq!(figure(&v, "party.handbook_users"), 15.0);
    assert_eq!(v["figures"]["party.handbook_users"]["denominator"], 15.0);
    assert_eq!(figure(&v, "party.cells"), 1.0);
    // The province: about 50,000 members; not all use the handbook.
    let (_, p) = app
        .get_json(&format!("/api/v1/units/15/party-summary?on={DAY}"))
        .await;
    let members = figure(&p, "party.members");
    assert!((40_000.0..=60_000.0).contains(&members), "{p}");
    let users = figure(&p, "party.handbook_users");
    assert!(users > 0.5 * members && users < members, "{p}");
    assert!(figure(&p, "party.meetings") > 1000.0, "{p}");
    let pct = figure(&p, "party.attendance_pct");
    assert!((80.0..100.0).contains(&pct), "{p}");
    // On the first day: the members, none of whom had used the handbook yet.
    let (_, early) = app
        .get_json("/api/v1/units/04387001/party-summary?on=2022-01-02")
        .await;
    assert_eq!(figure(&early, "party.members"), 15.0, "{early}");
    assert_eq!(figure(&early, "party.handbook_users"), 0.0, "{early}");
}

#[tokio::test]
async fn figures_are_counted_from_the_records() {
    let app = TestApp::spawn().await;
    let bithu = app.token("bithu").await;
    let cell = khe_banh_cell(&app, &bithu).await;
    // A sixteenth member joins on 2022-06-15; they have not used the handbook.
    let (s, v) = app
        .send_as(
            &bithu,
            Method::POST,
            &format!("/api/v1/party/orgs/{cell}/members"),
            &json!({"full_name": "Lò Văn Mới", "joined_on": "2022-06-15", "from_date": "2022-06-15", "status": "probationary"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let (_, v) = app
        .get_json(&format!("/api/v1/units/04387001/party-summary?on={DAY}"))
        .await;
    assert_eq!(figure(&v, "party.members"), 16.0);
    assert_eq!(figure(&v, "party.handbook_users"), 15.0);
    let (_, v) = app
        .get_json("/api/v1/units/04387001/party-summary?on=2022-06-14")
        .await;
    assert_eq!(figure(&v, "party.members"), 15.0);
    // A member who may not: the ordinary member.
    let dv = app.token("dangvien").await;
    let (s, _) = app
        .send_as(
            &dv,
            Method::POST,
            &format!("/api/v1/party/orgs/{cell}/members"),
            &json!({"full_name": "X", "joined_on": "2022-06-15"}),
        )
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn signing_in_counts_as_handbook_use_this_month() {
    let app = TestApp::spawn().await;
    // Today Yên Bái is part of the merged province 15, which carries its cells.
    let path = format!("/api/v1/units/15/party-summary?on={}", today());
    let (_, before) = app.get_json(&path).await;
    let (client, _) = app.login("dangvien").await;
    let (_, after) = app.get_json(&path).await;
    assert_eq!(
        figure(&after, "party.handbook_users"),
        figure(&before, "party.handbook_users") + 1.0,
        "{before} {after}"
    );
    // Signing in again the same day counts the member once.
    drop(client);
    app.login("dangvien").await;
    let (_, again) = app.get_json(&path).await;
    assert_eq!(
        figure(&again, "party.handbook_users"),
        figure(&after, "party.handbook_users")
    );
}

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
            &json!({"minutes": "Chi bộ đã họp.", "resolutions": "Thống nhất."}),
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
            json!({"minutes": "x"}),
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

/// Find a demo document by number.
async fn doc_id(app: &TestApp, token: &str, number: &str) -> i64 {
    let (_, v) = app.get_as(token, "/api/v1/party/documents").await;
    v["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["number"] == number)
        .unwrap_or_else(|| panic!("no {number} in {v}"))["id"]
        .as_i64()
        .unwrap()
}

#[tokio::test]
async fn documents_by_guessed_id_are_not_found_and_restricted_reads_are_audited() {
    let app = TestApp::spawn().await;
    let bithu = app.token("bithu").await;
    let dv = app.token("dangvien").await;
    // The restricted notice reaches secretaries and deputies only.
    let restricted = doc_id(&app, &bithu, "31-TB/TU (mẫu)").await;
    let (_, list) = app.get_as(&dv, "/api/v1/party/documents").await;
    assert!(
        !list["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["id"] == restricted)
    );
    let (s1, v1) = app
        .get_as(&dv, &format!("/api/v1/party/documents/{restricted}"))
        .await;
    let (s2, v2) = app.get_as(&dv, "/api/v1/party/documents/987654").await;
    assert_eq!((s1, s2), (StatusCode::NOT_FOUND, StatusCode::NOT_FOUND));
    assert_eq!(v1["code"], v2["code"]);
    assert_eq!(
        v1["message"]
            .as_str()
            .unwrap()
            .replace(&restricted.to_string(), "N"),
        v2["message"].as_str().unwrap().replace("987654", "N"),
        "a hidden document and a missing one must look alike"
    );
    let (s, _) = app
        .get_as(
            &dv,
            &format!("/api/v1/party/documents/{restricted}/files/1"),
        )
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    // The secretary reads it; the read is audited.
    let (s, v) = app
        .get_as(&bithu, &format!("/api/v1/party/documents/{restricted}"))
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["confidentiality"], "restricted");
    let audit = app.audit().await;
    let read = audit
        .iter()
        .find(|e| e.action == "read" && e.entity_id == restricted.to_string())
        .expect("an audit entry for the read");
    assert_eq!(read.actor, "bithu");
    assert_eq!(read.entity, "party_document");
    // Internal documents are not audited on read.
    let internal = doc_id(&app, &dv, "05-NQ/TU (mẫu)").await;
    let before = app.audit().await.len();
    let (s, _) = app
        .get_as(&dv, &format!("/api/v1/party/documents/{internal}"))
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(app.audit().await.len(), before);
}

#[tokio::test]
async fn a_cells_documents_stay_in_the_cell() {
    let app = TestApp::spawn().await;
    let bithu = app.token("bithu").await;
    let cell = khe_banh_cell(&app, &bithu).await;
    let cell_doc = doc_id(&app, &bithu, "03-NQ/CB (mẫu)").await;
    // A member of another cell, with an account.
    let admin = app.token("admin").await;
    let (s, _) = app
        .send_as(
            &admin,
            Method::POST,
            "/api/v1/users?on=2022-06-30",
            &json!({"username": "dv2", "display_name": "Đảng viên khác", "password": "mat-khau-1",
                    "grants": [{"role": "party_member", "unit": "15"}]}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    let (other, _) = other_cell_meeting(&app, cell).await;
    let (s, v) = app
        .send_as(
            &admin,
            Method::POST,
            &format!("/api/v1/party/orgs/{other}/members"),
            &json!({"full_name": "Đảng viên khác", "joined_on": "2020-01-01", "from_date": "2022-01-01", "username": "dv2"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let dv2 = app.token("dv2").await;
    let (s, _) = app
        .get_as(&dv2, &format!("/api/v1/party/documents/{cell_doc}"))
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    // The provincial resolution reaches both.
    let resolution = doc_id(&app, &dv2, "05-NQ/TU (mẫu)").await;
    let (s, _) = app
        .get_as(&dv2, &format!("/api/v1/party/documents/{resolution}"))
        .await;
    assert_eq!(s, StatusCode::OK);
    // The admin, not a member, reads only public documents.
    let (s, _) = app
        .get_as(&admin, &format!("/api/v1/party/documents/{resolution}"))
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let public = doc_id(&app, &admin, "01-HD/TU (mẫu)").await;
    let (s, _) = app
        .get_as(&admin, &format!("/api/v1/party/documents/{public}"))
        .await;
    assert_eq!(s, StatusCode::OK);
}

#[tokio::test]
async fn search_folds_diacritics() {
    let app = TestApp::spawn().await;
    let dv = app.token("dangvien").await;
    for q in ["chuyen doi so", "CHUYỂN ĐỔI", "nghi quyet 05"] {
        let (s, v) = app
            .get_as(&dv, &format!("/api/v1/party/documents?q={}", urlencode(q)))
            .await;
        assert_eq!(s, StatusCode::OK);
        assert!(
            v["items"]
                .as_array()
                .unwrap()
                .iter()
                .any(|d| d["number"] == "05-NQ/TU (mẫu)"),
            "{q}: {v}"
        );
    }
    let (_, v) = app
        .get_as(&dv, "/api/v1/party/documents?q=khong%20co%20dau")
        .await;
    assert_eq!(v["items"].as_array().unwrap().len(), 0);
}

fn urlencode(s: &str) -> String {
    serde_urlencoded::to_string([("q", s)]).unwrap()[2..].to_owned()
}

#[tokio::test]
async fn notes_are_seen_by_their_author_only() {
    let app = TestApp::spawn().await;
    let dv = app.token("dangvien").await;
    let (s, note) = app
        .send_as(
            &dv,
            Method::POST,
            "/api/v1/party/notes",
            &json!({"body": "Ghi chú riêng: nhắc hộ ông B"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{note}");
    let id = note["id"].as_i64().unwrap();
    let path = format!("/api/v1/party/notes/{id}");
    let (s, v) = app.get_as(&dv, &path).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v["body"], "Ghi chú riêng: nhắc hộ ông B");
    for user in ["bithu", "admin", "xa"] {
        let token = app.token(user).await;
        let (s, v) = app.get_as(&token, &path).await;
        assert_eq!(s, StatusCode::NOT_FOUND, "{user}: {v}");
        let (s, _) = app
            .send_as(&token, Method::PUT, &path, &json!({"body": "sửa"}))
            .await;
        assert_eq!(s, StatusCode::NOT_FOUND, "{user}");
        let (s, _) = app.send_as(&token, Method::DELETE, &path, &json!({})).await;
        assert_eq!(s, StatusCode::NOT_FOUND, "{user}");
        let (_, list) = app.get_as(&token, "/api/v1/party/notes").await;
        assert!(!list.to_string().contains("nhắc hộ ông B"), "{user}");
    }
    let (s, _) = app.get_json(&path).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    // The audit log says a note changed, never what it says.
    let audit = app.audit().await;
    assert!(
        audit
            .iter()
            .any(|e| e.entity == "party_note" && e.entity_id == id.to_string())
    );
    let text = serde_json::to_string(&audit).unwrap();
    assert!(!text.contains("nhắc hộ ông B"));
    // The author edits and deletes it.
    let (s, v) = app
        .send_as(&dv, Method::PUT, &path, &json!({"body": "Đã nhắc"}))
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v["body"], "Đã nhắc");
    let (s, _) = app.send_as(&dv, Method::DELETE, &path, &json!({})).await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    let (s, _) = app.get_as(&dv, &path).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
}

/// A multipart body with one file field.
fn multipart(file_name: &str, content: &[u8]) -> (String, Vec<u8>) {
    let boundary = "tinhso-test-boundary-7c1f";
    let mut body = Vec::new();
    body.extend_from_slice(
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\nContent-Type: application/pdf\r\n\r\n"
        )
        .as_bytes(),
    );
    body.extend_from_slice(content);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

async fn upload(
    app: &TestApp,
    token: &str,
    doc: i64,
    name: &str,
    content: &[u8],
) -> (StatusCode, Value) {
    let (ct, body) = multipart(name, content);
    let r = app
        .client()
        .post(app.url(&format!("/api/v1/party/documents/{doc}/files")))
        .bearer_auth(token)
        .header("content-type", ct)
        .body(body)
        .send()
        .await
        .unwrap();
    let s = r.status();
    (s, r.json().await.unwrap_or(Value::Null))
}

const PDF: &[u8] =
    b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

#[tokio::test]
async fn uploads_are_typed_by_content_and_named_without_a_path() {
    let app = TestApp::spawn().await;
    let bithu = app.token("bithu").await;
    let dv = app.token("dangvien").await;
    let cell = khe_banh_cell(&app, &bithu).await;
    let (s, doc) = app
        .send_as(
            &bithu,
            Method::POST,
            "/api/v1/party/documents",
            &json!({"issuer_org_id": cell, "number": "05-NQ/CB", "title": "Nghị quyết chi bộ tháng 7",
                    "issued_on": today(), "kind": "resolution"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{doc}");
    let doc = doc["id"].as_i64().unwrap();
    // A forged name keeps only its last part; the content decides the type.
    let (s, v) = upload(&app, &bithu, doc, "../../etc/passwd", PDF).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    assert_eq!(v["file_name"], "passwd.pdf");
    assert_eq!(v["content_type"], "application/pdf");
    let data = &app.ctx.config().data_dir;
    let files: Vec<_> = walk(&data.join("files"));
    assert_eq!(files.len(), 1, "{files:?}");
    let stored = files[0].strip_prefix(data.join("files")).unwrap();
    assert_eq!(stored.components().count(), 2, "{stored:?}");
    assert_eq!(std::fs::read(&files[0]).unwrap(), PDF);
    // Served back as an attachment of its stored type, never sniffed.
    let r = app
        .client()
        .get(app.url(&format!("/api/v1/party/documents/{doc}/files/{}", v["id"])))
        .bearer_auth(&dv)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let h = r.headers();
    assert_eq!(h["content-type"], "application/pdf");
    assert_eq!(h["x-content-type-options"], "nosniff");
    let cd = h["content-disposition"].to_str().unwrap();
    assert!(cd.starts_with("attachment;"), "{cd}");
    assert!(cd.contains("filename*=UTF-8''passwd.pdf"), "{cd}");
    assert_eq!(r.bytes().await.unwrap().as_ref(), PDF);
    // An HTML page posing as a PDF, a PNG named .pdf, an empty file.
    let html = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>";
    let (s, v) = upload(&app, &bithu, doc, "nghi-quyet.pdf", html).await;
    assert_eq!(s, StatusCode::UNSUPPORTED_MEDIA_TYPE, "{v}");
    assert_eq!(v["code"], "unsupported_media_type");
    assert!(v["message"].as_str().unwrap().contains("HTML"), "{v}");
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
    let (s, v) = upload(&app, &bithu, doc, "anh.pdf", png).await;
    assert_eq!(s, StatusCode::UNSUPPORTED_MEDIA_TYPE, "{v}");
    assert!(v["message"].as_str().unwrap().contains(".pdf"), "{v}");
    let (s, _) = upload(&app, &bithu, doc, "rong.pdf", b"").await;
    assert_eq!(s, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    // Too large.
    let mut big = PDF.to_vec();
    big.resize(app.ctx.config().max_upload_bytes + 1, b' ');
    let (s, v) = upload(&app, &bithu, doc, "lon.pdf", &big).await;
    assert_eq!(s, StatusCode::PAYLOAD_TOO_LARGE, "{v}");
    // Only the issuing cell's secretary attaches; others do not see the document.
    let (s, _) = upload(&app, &dv, doc, "x.pdf", PDF).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let admin = app.token("admin").await;
    let (s, _) = upload(&app, &admin, doc, "x.pdf", PDF).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    // Not multipart at all.
    let (s, _) = app
        .send_as(
            &bithu,
            Method::POST,
            &format!("/api/v1/party/documents/{doc}/files"),
            &json!({"file": "x"}),
        )
        .await;
    assert_eq!(s, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_eq!(walk(&data.join("files")).len(), 1);
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                out.extend(walk(&p));
            } else {
                out.push(p);
            }
        }
    }
    out
}

#[tokio::test]
async fn the_secretary_sees_who_has_not_read_a_document() {
    let app = TestApp::spawn().await;
    let bithu = app.token("bithu").await;
    let dv = app.token("dangvien").await;
    let cell = khe_banh_cell(&app, &bithu).await;
    let (s, doc) = app
        .send_as(
            &bithu,
            Method::POST,
            "/api/v1/party/documents",
            &json!({"issuer_org_id": cell, "number": "06-TB/CB", "title": "Thông báo lịch sinh hoạt",
                    "issued_on": today(), "kind": "notice", "confidentiality": "internal"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{doc}");
    let id = doc["id"].as_i64().unwrap();
    let path = format!("/api/v1/party/documents/{id}/receipts?org={cell}");
    let (s, r) = app.get_as(&bithu, &path).await;
    assert_eq!(s, StatusCode::OK, "{r}");
    assert_eq!(
        (r["read"].as_i64(), r["members"].as_i64()),
        (Some(0), Some(15))
    );
    // The member finds it among documents to read, and opens it.
    let (_, home) = app.get_as(&dv, "/api/v1/party/me").await;
    assert!(
        home["to_read"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["id"] == id)
    );
    let (s, _) = app
        .get_as(&dv, &format!("/api/v1/party/documents/{id}"))
        .await;
    assert_eq!(s, StatusCode::OK);
    let (_, home) = app.get_as(&dv, "/api/v1/party/me").await;
    assert!(
        !home["to_read"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["id"] == id)
    );
    let (_, r) = app.get_as(&bithu, &path).await;
    assert_eq!(r["read"], 1);
    let line = r["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["member"]["full_name"] == "Đảng viên chi bộ Khe Bành")
        .unwrap();
    assert!(!line["read_at"].is_null());
    // Unread first.
    assert!(r["items"][0]["read_at"].is_null());
    // Receipts are the secretary's, not the members'.
    let (s, _) = app.get_as(&dv, &path).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn committees_and_officers_see_the_overview_of_their_area() {
    let app = TestApp::spawn().await;
    let bithu = app.token("bithu").await;
    let cell = khe_banh_cell(&app, &bithu).await;
    let (_, org) = app
        .get_as(&bithu, &format!("/api/v1/party/orgs/{cell}"))
        .await;
    assert_eq!(org["members"].as_array().unwrap().len(), 15);
    assert_eq!(org["runs"], true);
    let path: Vec<i64> = org["path"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["id"].as_i64().unwrap())
        .collect();
    assert_eq!(path.len(), 3, "{org}");
    let (district, commune) = (path[1], path[2]);
    let huyen = app.token("huyen").await;
    let (s, v) = app
        .get_as(
            &huyen,
            &format!("/api/v1/party/orgs/{district}/overview?on={DAY}"),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let row = v["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["org"]["id"] == commune)
        .unwrap();
    assert!(row["cells"].as_i64().unwrap() >= 7, "{row}");
    assert_eq!(row["cells_on_time"], row["cells"]);
    let (s, c) = app
        .get_as(
            &huyen,
            &format!("/api/v1/party/orgs/{commune}/overview?on={DAY}"),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{c}");
    let kb = c["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["org"]["id"] == cell)
        .unwrap();
    assert_eq!(
        (kb["members"].as_i64(), kb["handbook_users"].as_i64()),
        (Some(15), Some(15))
    );
    // The commune officer of Châu Quế Hạ sees the commune, not the district.
    let xa = app.token("xa").await;
    let (s, _) = app
        .get_as(
            &xa,
            &format!("/api/v1/party/orgs/{commune}/overview?on={DAY}"),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    let (s, _) = app
        .get_as(
            &xa,
            &format!("/api/v1/party/orgs/{district}/overview?on={DAY}"),
        )
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    // Officers see figures, not the members of a cell.
    let (s, _) = app
        .get_as(&huyen, &format!("/api/v1/party/orgs/{cell}"))
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
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

#[tokio::test]
async fn files_of_restricted_documents_are_audited_and_hidden() {
    let app = TestApp::spawn().await;
    let bithu = app.token("bithu").await;
    let dv = app.token("dangvien").await;
    let cell = khe_banh_cell(&app, &bithu).await;
    let (s, doc) = app
        .send_as(
            &bithu,
            Method::POST,
            "/api/v1/party/documents",
            &json!({"issuer_org_id": cell, "number": "07-TB/CB", "title": "Nhận xét đảng viên",
                    "issued_on": today(), "kind": "notice", "confidentiality": "restricted",
                    "positions": ["secretary", "deputy"]}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{doc}");
    let doc = doc["id"].as_i64().unwrap();
    // Restricted without positions is refused, naming the field.
    let (s, v) = app
        .send_as(
            &bithu,
            Method::POST,
            "/api/v1/party/documents",
            &json!({"issuer_org_id": cell, "number": "08", "title": "x", "issued_on": today(),
                    "kind": "notice", "confidentiality": "restricted"}),
        )
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert_eq!(v["field"], "positions");
    let (s, file) = upload(&app, &bithu, doc, "nhan-xet.pdf", PDF).await;
    assert_eq!(s, StatusCode::CREATED, "{file}");
    let path = format!("/api/v1/party/documents/{doc}/files/{}", file["id"]);
    let (s, _) = app.get_as(&dv, &path).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let r = app
        .client()
        .get(app.url(&path))
        .bearer_auth(&bithu)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let audit = app.audit().await;
    assert!(
        audit.iter().any(|e| e.action == "read"
            && e.entity_id == doc.to_string()
            && e.after
                .as_ref()
                .is_some_and(|a| a.0["attachment_id"] == file["id"])),
        "the download is audited"
    );
    // A file id under another document is not found.
    let other = doc_id(&app, &bithu, "03-NQ/CB (mẫu)").await;
    let (s, _) = app
        .get_as(
            &bithu,
            &format!("/api/v1/party/documents/{other}/files/{}", file["id"]),
        )
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
}
