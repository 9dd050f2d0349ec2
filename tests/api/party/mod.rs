//! The party-member e-handbook: the demo's figures, meetings, documents,
//! files and notes, and every way in that must be refused. Shared helpers
//! here; one file per area.

use crate::helpers::TestApp;
use chrono::NaiveDate;
use reqwest::StatusCode;
use serde_json::Value;
use tinhso::domain::party::OrgKind;
use tinhso::store::party as store;

mod documents;
mod figures;
mod forms_page;
mod meetings;

pub(crate) const DAY: &str = "2022-06-30";

pub(crate) fn today() -> NaiveDate {
    tinhso::domain::period::vietnam_date(chrono::Utc::now())
}

/// The Khe Bành cell's id, from the secretary's home.
pub(crate) async fn khe_banh_cell(app: &TestApp, token: &str) -> i64 {
    let (s, home) = app.get_as(token, "/api/v1/party/me").await;
    assert_eq!(s, StatusCode::OK, "{home}");
    home["memberships"][0]["org"]["id"].as_i64().unwrap()
}

/// A cell other than Khe Bành's, and one of its meetings.
pub(crate) async fn other_cell_meeting(app: &TestApp, khe_banh: i64) -> (i64, i64) {
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

pub(crate) fn figure(v: &Value, key: &str) -> f64 {
    v["figures"][key]["value"].as_f64().unwrap_or(-1.0)
}

/// Find a demo document by number.
pub(crate) async fn doc_id(app: &TestApp, token: &str, number: &str) -> i64 {
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

/// A multipart body with one file field.
pub(crate) fn multipart(file_name: &str, content: &[u8]) -> (String, Vec<u8>) {
    multipart_with(&[], file_name, content)
}

/// A multipart body with text fields before the file field.
pub(crate) fn multipart_with(
    fields: &[(&str, &str)],
    file_name: &str,
    content: &[u8],
) -> (String, Vec<u8>) {
    let boundary = "tinhso-test-boundary-7c1f";
    let mut body = Vec::new();
    for (name, value) in fields {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            )
            .as_bytes(),
        );
    }
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

pub(crate) async fn upload(
    app: &TestApp,
    token: &str,
    doc: i64,
    name: &str,
    content: &[u8],
) -> (StatusCode, Value) {
    app.post_multipart(
        token,
        &format!("/api/v1/party/documents/{doc}/files"),
        multipart(name, content),
    )
    .await
}

pub(crate) const PDF: &[u8] =
    b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

pub(crate) fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
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

pub(crate) fn urlencode(s: &str) -> String {
    serde_urlencoded::to_string([("q", s)]).unwrap()[2..].to_owned()
}
