//! Uploads: nobody's body is read before they are known, and every part of
//! a multipart form is limited as it arrives.

use crate::helpers::TestApp;
use crate::party::{PDF, khe_banh_cell, multipart_with, today};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// A document of the Khe Bành cell, which `bithu` runs.
async fn own_document(app: &TestApp, bithu: &str) -> i64 {
    let cell = khe_banh_cell(app, bithu).await;
    let (s, doc) = app
        .send_as(
            bithu,
            Method::POST,
            "/api/v1/party/documents",
            &json!({"issuer_org_id": cell, "number": "09-NQ/CB", "title": "Nghị quyết",
                    "issued_on": today(), "kind": "resolution"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{doc}");
    doc["id"].as_i64().unwrap()
}

/// Send the head of a request announcing `announced` bytes of body and
/// only the first `sent` of them, then read the answer: the server must
/// answer without waiting for the rest.
async fn answer_to_partial_body(
    app: &TestApp,
    head: &str,
    announced: usize,
    sent: &[u8],
) -> String {
    let addr = app.base.trim_start_matches("http://");
    let mut conn = tokio::net::TcpStream::connect(addr).await.unwrap();
    let head = head.replace("{len}", &announced.to_string());
    conn.write_all(head.as_bytes()).await.unwrap();
    conn.write_all(sent).await.unwrap();
    let mut buf = vec![0u8; 4096];
    let n = tokio::time::timeout(std::time::Duration::from_secs(10), conn.read(&mut buf))
        .await
        .expect("the server answers before the whole body is sent")
        .unwrap();
    String::from_utf8_lossy(&buf[..n]).into_owned()
}

#[tokio::test]
async fn an_anonymous_upload_is_refused_before_its_body_is_read() {
    let app = TestApp::spawn().await;
    let boundary = "b0undary";
    let mut first =
        format!("--{boundary}\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\n")
            .into_bytes();
    first.extend(std::iter::repeat_n(b'a', 64 << 10));
    for path in [
        "/api/v1/party/documents/13/files",
        "/api/v1/goals/1/evidence",
        "/api/v1/registrations/1/files",
    ] {
        let head = format!(
            "POST {path} HTTP/1.1\r\nHost: test\r\nContent-Type: multipart/form-data; boundary={boundary}\r\nContent-Length: {{len}}\r\n\r\n"
        );
        // 800 MB announced, 64 KiB sent: the answer comes back at once.
        let answer = answer_to_partial_body(&app, &head, 800 << 20, &first).await;
        assert!(answer.starts_with("HTTP/1.1 401"), "{path}: {answer}");
        assert!(
            answer.contains("\"code\":\"unauthorized\""),
            "{path}: {answer}"
        );
    }
    // A member who does not run the document is refused before the body
    // is read, too.
    let dv = app.token("dangvien").await;
    let bithu = app.token("bithu").await;
    let doc = own_document(&app, &bithu).await;
    let head = format!(
        "POST /api/v1/party/documents/{doc}/files HTTP/1.1\r\nHost: test\r\nAuthorization: Bearer {dv}\r\nContent-Type: multipart/form-data; boundary={boundary}\r\nContent-Length: {{len}}\r\n\r\n"
    );
    let answer = answer_to_partial_body(&app, &head, 800 << 20, &first).await;
    assert!(
        answer.starts_with("HTTP/1.1 403") || answer.starts_with("HTTP/1.1 404"),
        "{answer}"
    );
}

#[tokio::test]
async fn every_multipart_field_and_the_file_are_limited() {
    let app = TestApp::spawn().await;
    let bithu = app.token("bithu").await;
    let doc = own_document(&app, &bithu).await;
    let path = format!("/api/v1/party/documents/{doc}/files");
    let before = app.audit().await.len();
    // A text field over 64 KiB, before the file.
    let big = "x".repeat((64 << 10) + 1);
    let (s, v) = app
        .post_multipart(
            &bithu,
            &path,
            multipart_with(&[("note", &big)], "a.pdf", PDF),
        )
        .await;
    assert_eq!(s, StatusCode::PAYLOAD_TOO_LARGE, "{v}");
    assert_eq!(v["code"], "payload_too_large");
    assert!(v["message"].as_str().unwrap().contains("note"), "{v}");
    // Many small fields.
    let many: Vec<(String, String)> = (0..40).map(|i| (format!("f{i}"), "1".into())).collect();
    let many: Vec<(&str, &str)> = many.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let (s, v) = app
        .post_multipart(&bithu, &path, multipart_with(&many, "a.pdf", PDF))
        .await;
    assert_eq!(s, StatusCode::PAYLOAD_TOO_LARGE, "{v}");
    // The file over the upload size: 413 in JSON, and no temporary file
    // is left behind.
    let mut file = PDF.to_vec();
    file.resize(app.ctx.config().max_upload_bytes + 1, b' ');
    let (s, v) = app
        .post_multipart(&bithu, &path, multipart_with(&[], "lon.pdf", &file))
        .await;
    assert_eq!(s, StatusCode::PAYLOAD_TOO_LARGE, "{v}");
    assert_eq!(v["code"], "payload_too_large");
    let tmp = app.ctx.config().data_dir.join("files").join("tmp");
    let left = std::fs::read_dir(&tmp).map(|d| d.count()).unwrap_or(0);
    assert_eq!(left, 0, "temporary files left in {}", tmp.display());
    assert_eq!(app.audit().await.len(), before, "nothing written");
    // Within the limits it is stored.
    let (s, v) = app
        .post_multipart(
            &bithu,
            &path,
            multipart_with(&[("note", "ok")], "a.pdf", PDF),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
}

#[tokio::test]
async fn a_page_upload_checks_its_csrf_token_before_the_file() {
    let app = TestApp::spawn().await;
    let bithu = app.token("bithu").await;
    let doc = own_document(&app, &bithu).await;
    let (client, csrf) = app.login("bithu").await;
    let url = app.url(&format!("/party/documents/{doc}/files"));
    let send = |(ct, body): (String, Vec<u8>)| {
        client
            .post(&url)
            .header("content-type", ct)
            .body(body)
            .send()
    };
    // No token, a wrong one, the token after the file: 403, nothing kept.
    for fields in [vec![], vec![("_csrf", "0000")]] {
        let r = send(multipart_with(&fields, "a.pdf", PDF)).await.unwrap();
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
    }
    let (ct, mut body) = multipart_with(&[], "a.pdf", PDF);
    let tail = format!(
        "--tinhso-test-boundary-7c1f\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n{csrf}\r\n--tinhso-test-boundary-7c1f--\r\n"
    );
    body.truncate(body.len() - "--tinhso-test-boundary-7c1f--\r\n".len());
    body.extend_from_slice(tail.as_bytes());
    let r = send((ct, body)).await.unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let (_, d) = app
        .get_as(&bithu, &format!("/api/v1/party/documents/{doc}"))
        .await;
    assert_eq!(d["attachments"], Value::Array(vec![]));
    // The form as the page sends it (token first) is kept.
    let r = send(multipart_with(&[("_csrf", &csrf)], "a.pdf", PDF))
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, d) = app
        .get_as(&bithu, &format!("/api/v1/party/documents/{doc}"))
        .await;
    assert_eq!(d["attachments"].as_array().unwrap().len(), 1, "{d}");
}
