//! Documents, files and notes: confidentiality, search, uploads, receipts.

use super::*;
use crate::helpers::TestApp;
use reqwest::{Method, StatusCode};
use serde_json::json;

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
            .send_as(
                &token,
                Method::PUT,
                &path,
                &json!({"body": "sửa", "version": 1}),
            )
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
        .send_as(
            &dv,
            Method::PUT,
            &path,
            &json!({"body": "Đã nhắc", "version": 1}),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v["body"], "Đã nhắc");
    let (s, _) = app.send_as(&dv, Method::DELETE, &path, &json!({})).await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    let (s, _) = app.get_as(&dv, &path).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
}

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
