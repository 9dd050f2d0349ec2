//! The smaller items: CSV formulas, caching and HSTS, invisible characters
//! in names, years out of range, reads counted only from the application,
//! the acting office in public registrations, an empty `?on=`.

use crate::helpers::TestApp;
use crate::party::{khe_banh_cell, today};
use reqwest::{Method, StatusCode};
use serde_json::json;
use tinhso::app::App;
use tinhso::config::Config;
use tinhso::service::Ctx;

async fn khe_banh(app: &TestApp) -> String {
    let (_, hits) = app
        .get_json("/api/v1/units/search?q=khe%20banh&on=2022-06-30")
        .await;
    hits["items"][0]["code"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn csv_exports_neutralise_formulas_and_keep_numbers() {
    let app = TestApp::spawn().await;
    let todan = app.token("todan").await;
    let kb = khe_banh(&app).await;
    let names = ["=cmd|' /C calc'!A0", "+1+2", "-3+4", "@SUM(1+1)"];
    let items: Vec<_> = names
        .iter()
        .enumerate()
        .map(|(i, n)| json!({"code": format!("CSV-{i}"), "head_name": n, "size": 3, "registered_on": "2022-06-01"}))
        .collect();
    let (s, v) = app
        .send_as(
            &todan,
            Method::POST,
            &format!("/api/v1/units/{kb}/households?on=2022-06-30"),
            &json!({ "items": items }),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let (client, _) = app.login("xa").await;
    let csv = client
        .get(app.url(&format!(
            "/units/{kb}/households/export?format=csv&on=2022-06-30"
        )))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let mut rdr = csv::Reader::from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    let header = rdr.headers().unwrap().clone();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let (code, head, size) = (col("Mã hộ"), col("Chủ hộ"), col("Số nhân khẩu"));
    let mut seen = 0;
    for rec in rdr.records() {
        let rec = rec.unwrap();
        let Some(i) = rec[code].strip_prefix("CSV-") else {
            continue;
        };
        let name = names[i.parse::<usize>().unwrap()];
        assert_eq!(&rec[head], format!("'{name}"));
        assert_eq!(&rec[size], "3", "numbers stay numbers");
        seen += 1;
    }
    assert_eq!(seen, names.len(), "{csv}");
}

#[tokio::test]
async fn personal_pages_are_not_stored_and_hsts_follows_secure_cookies() {
    let app = TestApp::spawn().await;
    let (client, _) = app.login("xa").await;
    let kb = khe_banh(&app).await;
    for path in [
        format!("/units/{kb}/households?on=2022-06-30"),
        "/party/notes".to_owned(),
        "/users".to_owned(),
    ] {
        let r = client.get(app.url(&path)).send().await.unwrap();
        assert_eq!(r.headers()["cache-control"], "no-store", "{path}");
        assert!(r.headers().get("strict-transport-security").is_none());
    }
    let token = app.token("todan").await;
    let r = app
        .client()
        .get(app.url(&format!("/api/v1/units/{kb}/households?on=2022-06-30")))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()["cache-control"], "no-store");
    // With --secure-cookies every answer carries HSTS.
    let dir = std::env::temp_dir().join(format!("tinhso-hsts-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let mut config = Config::for_data_dir(dir.clone());
    config.secure_cookies = true;
    let ctx = Ctx::open(config).await.unwrap();
    let server = App::build(ctx).await.unwrap();
    let base = format!("http://{}", server.local_addr());
    tokio::spawn(server.run_until(std::future::pending()));
    let r = reqwest::get(format!("{base}/healthz")).await.unwrap();
    let hsts = r.headers()["strict-transport-security"].to_str().unwrap();
    assert!(hsts.starts_with("max-age="), "{hsts}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn invisible_characters_in_names_are_refused_or_dropped() {
    let app = TestApp::spawn().await;
    let todan = app.token("todan").await;
    let xa = app.token("xa").await;
    let kb = khe_banh(&app).await;
    for name in [
        "Nguyễn\u{202E}gnp.exe",
        "Lê\u{200B}Văn",
        "\u{2066}Trần\u{2069}",
        "\u{FEFF}Phạm",
    ] {
        let (s, v) = app
            .send_as(
                &todan,
                Method::POST,
                &format!("/api/v1/units/{kb}/households?on=2022-06-30"),
                &json!({"code": "ZW-1", "head_name": name}),
            )
            .await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "{name:?}: {v}");
        assert_eq!(v["field"], "head_name");
        let (s, v) = app
            .send_as(
                &xa,
                Method::POST,
                "/api/v1/units/04387/villages?on=2022-06-30",
                &json!({"name": format!("Thôn {name}")}),
            )
            .await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "{name:?}: {v}");
    }
    // In free text (a note) they are dropped.
    let dv = app.token("dangvien").await;
    let (s, note) = app
        .send_as(
            &dv,
            Method::POST,
            "/api/v1/party/notes",
            &json!({"body": "Nhắc\u{200B} hộ\u{202E} ông B"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{note}");
    assert_eq!(note["body"], "Nhắc hộ ông B");
}

#[tokio::test]
async fn years_outside_1900_to_2100_and_an_empty_on_are_refused() {
    let app = TestApp::spawn().await;
    for on in ["2101-01-01", "1899-12-31", "0022-06-30", "", "%20"] {
        let (s, v) = app
            .get_json(&format!("/api/v1/units/04387/children?on={on}"))
            .await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "on={on}: {v}");
        assert_eq!(v["field"], "on", "{v}");
    }
    let (s, _) = app
        .get_json("/api/v1/units/04387/children?on=2100-12-31")
        .await;
    assert_eq!(s, StatusCode::OK);
    let (s, v) = app
        .get_json("/api/v1/units/04387/recognition?year=2200&on=2022-06-30")
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "{v}");
    assert_eq!(v["field"], "year");
}

#[tokio::test]
async fn a_link_from_another_site_does_not_count_as_a_read() {
    let app = TestApp::spawn().await;
    let bithu = app.token("bithu").await;
    let cell = khe_banh_cell(&app, &bithu).await;
    let (s, doc) = app
        .send_as(
            &bithu,
            Method::POST,
            "/api/v1/party/documents",
            &json!({"issuer_org_id": cell, "number": "07-TB/CB", "title": "Thông báo",
                    "issued_on": today(), "kind": "notice", "confidentiality": "internal"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{doc}");
    let id = doc["id"].as_i64().unwrap();
    let receipts = format!("/api/v1/party/documents/{id}/receipts?org={cell}");
    let read = || async { app.get_as(&bithu, &receipts).await.1["read"].as_i64() };
    assert_eq!(read().await, Some(0));
    let (client, csrf) = app.login("dangvien").await;
    let page = app.url(&format!("/party/documents/{id}"));
    // Followed from a message on another site: shown, not counted.
    for (name, value) in [
        ("sec-fetch-site", "cross-site"),
        ("sec-fetch-site", "same-site"),
        ("referer", "https://evil.example/x"),
    ] {
        let r = client.get(&page).header(name, value).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::OK);
        assert!(
            r.text().await.unwrap().contains("/read\""),
            "a mark-as-read button"
        );
        assert_eq!(read().await, Some(0), "{name}: {value}");
    }
    // The member says so: counted.
    let r = client
        .post(app.url(&format!("/party/documents/{id}/read")))
        .form(&[("_csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(read().await, Some(1));
    // A link inside the application counts too (a second member would be
    // counted the same way; here the API's explicit POST is checked).
    let dv = app.token("dangvien").await;
    let (s, v) = app
        .send_as(
            &dv,
            Method::POST,
            &format!("/api/v1/party/documents/{id}/read"),
            &json!({}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["read"], true);
    let r = client
        .get(&page)
        .header("sec-fetch-site", "same-origin")
        .send()
        .await
        .unwrap();
    assert!(
        !r.text()
            .await
            .unwrap()
            .contains(&format!("/party/documents/{id}/read\""))
    );
}

#[tokio::test]
async fn public_registrations_name_the_acting_office_not_the_official() {
    let app = TestApp::spawn().await;
    let xa = app.token("xa").await;
    let (s, r) = app
        .send_as(
            &xa,
            Method::POST,
            "/api/v1/units/04387/registrations",
            &json!({ "level": "cds", "year": 2022, "on": "2022-06-30" }),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{r}");
    let id = r["id"].as_i64().unwrap();
    let (s, v) = app.get_json(&format!("/api/v1/registrations/{id}")).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let steps = v["steps"].as_array().unwrap();
    assert!(!steps.is_empty());
    for step in steps {
        assert_eq!(step["actor"], "commune", "{step}");
    }
    assert!(!v.to_string().contains("\"xa\""), "{v}");
}
