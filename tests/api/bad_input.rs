//! Bad input: each gets a 4xx with a clear message and changes nothing.

use crate::helpers::TestApp;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

async fn writes(app: &TestApp) -> (usize, usize) {
    let units = tinhso::store::units::all_versions(app.ctx.db())
        .await
        .unwrap()
        .len();
    (units, app.audit().await.len())
}

fn assert_error(s: StatusCode, v: &Value, status: StatusCode, code: &str, needle: &str) {
    assert_eq!(s, status, "{v}");
    assert_eq!(v["code"], code, "{v}");
    let msg = v["message"].as_str().unwrap_or("");
    assert!(
        msg.contains(needle),
        "message {msg:?} should mention {needle:?}"
    );
}

#[tokio::test]
async fn malformed_codes_dates_and_unknown_units() {
    let app = TestApp::spawn().await;
    let (s, v) = app.get_json("/api/v1/units/1x5?on=2022-06-30").await;
    assert_error(s, &v, StatusCode::BAD_REQUEST, "invalid_input", "chữ số");
    assert_eq!(v["field"], "code");
    let (s, v) = app
        .get_json("/api/v1/units/15%27%3B%20DROP%20TABLE%20units?on=2022-06-30")
        .await;
    assert_error(s, &v, StatusCode::BAD_REQUEST, "invalid_input", "chữ số");
    // A day may be typed as dd/mm/yyyy, but it must still be a day.
    for bad in [
        "2022-13-01",
        "31/06/2022",
        "06/30/2022",
        "2022-02-30",
        "yesterday",
    ] {
        let (s, v) = app.get_json(&format!("/api/v1/units/15?on={bad}")).await;
        assert_error(
            s,
            &v,
            StatusCode::BAD_REQUEST,
            "invalid_input",
            "YYYY-MM-DD",
        );
        assert_eq!(v["field"], "on");
    }
    let (s, v) = app.get_json("/api/v1/units/99?on=2022-06-30").await;
    assert_error(s, &v, StatusCode::NOT_FOUND, "not_found", "99");
    let (s, v) = app.get_json("/api/v1/units/15?on=1990-01-01").await;
    assert_error(s, &v, StatusCode::NOT_FOUND, "not_found", "01/01/1990");
    let (s, v) = app.get_json("/api/v1/units/search?q=x&limit=many").await;
    assert_error(s, &v, StatusCode::BAD_REQUEST, "invalid_input", "limit");
    let long = "a".repeat(101);
    let (s, v) = app
        .get_json(&format!("/api/v1/units/search?q={long}"))
        .await;
    assert_error(s, &v, StatusCode::BAD_REQUEST, "invalid_input", "100");
}

#[tokio::test]
async fn names_with_sql_or_html_are_refused_and_nothing_is_written() {
    let app = TestApp::spawn().await;
    let token = app.token("xa").await;
    let before = writes(&app).await;
    for name in [
        "<script>alert(1)</script>",
        "x'); DROP TABLE units; --",
        "",
        "   ",
    ] {
        let (s, v) = app
            .send_as(
                &token,
                Method::POST,
                "/api/v1/units/04387/villages?on=2022-06-30",
                &json!({ "name": name }),
            )
            .await;
        assert_error(s, &v, StatusCode::BAD_REQUEST, "invalid_input", "");
        assert_eq!(v["field"], "name", "{v}");
    }
    let (s, v) = app
        .send_as(
            &token,
            Method::POST,
            "/api/v1/units/04387/villages?on=2022-06-30",
            &json!({ "name": "Tốt", "type": "xã" }),
        )
        .await;
    assert_error(s, &v, StatusCode::BAD_REQUEST, "invalid_input", "thôn");
    // A village under a district, and an unknown commune.
    let (s, v) = app
        .send_as(
            &token,
            Method::POST,
            "/api/v1/units/136/villages?on=2022-06-30",
            &json!({ "name": "A" }),
        )
        .await;
    assert!(
        s == StatusCode::FORBIDDEN || s == StatusCode::BAD_REQUEST,
        "{s} {v}"
    );
    let (s, _) = app
        .send_as(
            &token,
            Method::POST,
            "/api/v1/units/99999/villages?on=2022-06-30",
            &json!({ "name": "A" }),
        )
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    assert_eq!(writes(&app).await, before);
}

#[tokio::test]
async fn oversize_bodies_and_wrong_content_types() {
    let app = TestApp::spawn().await;
    let token = app.token("xa").await;
    let before = writes(&app).await;
    let client = app.client();
    let url = app.url("/api/v1/units/04387/villages?on=2022-06-30");
    let huge = format!("{{\"name\": \"{}\"}}", "a".repeat(2 << 20));
    let r = client
        .post(&url)
        .bearer_auth(&token)
        .header("content-type", "application/json")
        .body(huge)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(
        r.json::<Value>().await.unwrap()["code"],
        "payload_too_large"
    );
    let r = client
        .post(&url)
        .bearer_auth(&token)
        .header("content-type", "text/plain")
        .body("name=A")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_eq!(
        r.json::<Value>().await.unwrap()["code"],
        "unsupported_media_type"
    );
    let r = client
        .post(&url)
        .bearer_auth(&token)
        .header("content-type", "application/json")
        .body("{\"name\": ")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    assert!(
        r.json::<Value>().await.unwrap()["message"]
            .as_str()
            .unwrap()
            .contains("JSON")
    );
    let r = client
        .post(&url)
        .bearer_auth(&token)
        .json(&json!({"name": 5}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    assert!(
        r.json::<Value>().await.unwrap()["message"]
            .as_str()
            .unwrap()
            .contains("cột")
    );
    assert_eq!(writes(&app).await, before);
}

#[tokio::test]
async fn forged_and_expired_sessions_and_tokens() {
    let app = TestApp::spawn().await;
    let (s, v) = app.get_as("tsk_forged", "/api/v1/me").await;
    assert_error(s, &v, StatusCode::UNAUTHORIZED, "unauthorized", "token");
    let r = app
        .client()
        .get(app.url("/api/v1/me"))
        .header("authorization", "Basic abc")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    // A forged session cookie: the API says 401, a page says 401 and drops it.
    let r = app
        .client()
        .get(app.url("/api/v1/units/15"))
        .header("cookie", "tinhso_session=forged")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    let r = app
        .client()
        .get(app.url("/units"))
        .header("cookie", "tinhso_session=forged")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    assert!(
        r.headers()
            .get_all("set-cookie")
            .iter()
            .any(|c| c.to_str().unwrap().starts_with("tinhso_session=;"))
    );
    // An expired session.
    let (client, _) = app.login("tinh").await;
    let mut tx = app.ctx.db().begin().await.unwrap();
    let past = chrono::Utc::now() - chrono::Duration::hours(1);
    let n = tinhso::exec_tx!(&mut tx, |c| sqlx::query(
        "UPDATE sessions SET expires_at = $1"
    )
    .bind(past)
    .execute(c)
    .await)
    .unwrap();
    assert!(n >= 1);
    tx.commit().await.unwrap();
    let r = client.get(app.url("/units")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    assert!(r.text().await.unwrap().contains("Cần đăng nhập lại"));
    let r = client.get(app.url("/api/v1/me")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_form_without_its_csrf_token_changes_nothing() {
    let app = TestApp::spawn().await;
    let (client, csrf) = app.login("xa").await;
    let before = writes(&app).await;
    let url = app.url("/units/04387/villages");
    for token in [
        "",
        "0000",
        "forged-token-of-the-right-length-0000000000000000000000000000000",
    ] {
        let r = client
            .post(&url)
            .form(&[
                ("_csrf", token),
                ("name", "Thôn CSRF"),
                ("on", "2022-06-30"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
    }
    let r = client
        .post(&url)
        .form(&[("name", "Thôn CSRF"), ("on", "2022-06-30")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert!(r.text().await.unwrap().contains("csrf_failed"));
    // A cookie-authenticated API write needs the header.
    let r = client
        .post(app.url("/api/v1/units/04387/villages?on=2022-06-30"))
        .json(&json!({"name": "Thôn API"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert_eq!(writes(&app).await, before);
    // With the token it works (the test can fail).
    let r = client
        .post(&url)
        .form(&[
            ("_csrf", csrf.as_str()),
            ("name", "Thôn CSRF"),
            ("on", "2022-06-30"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let r = client
        .post(app.url("/api/v1/units/04387/villages?on=2022-06-30"))
        .header("x-csrf-token", &csrf)
        .json(&json!({"name": "Thôn API"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
    assert_eq!(writes(&app).await.0, before.0 + 2);
}

#[tokio::test]
async fn html_in_stored_text_is_escaped_on_pages() {
    let app = TestApp::spawn().await;
    let (client, _) = app.login("tinh").await;
    let html = client
        .get(app.url("/units/search?q=%3Cb%3Ebold%3C%2Fb%3E&on=2022-06-30"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!html.contains("<b>bold</b>"));
    assert!(
        html.contains("&lt;b&gt;bold&lt;/b&gt;") || html.contains("&#60;b&#62;"),
        "the query is echoed escaped"
    );
}
