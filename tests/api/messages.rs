//! Messages in the reader's language (issue 17): a wrong password, a
//! refused value ("abc" for a count), a 404 and a 403 are Vietnamese on the
//! pages and in the API by default and with `Accept-Language: vi`, and
//! English with `Accept-Language: en`; the error `code` never changes.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::helpers::{TestApp, csrf_of};
use tinhso::demo;

/// A client that sends `Accept-Language: lang` (none for `None`).
fn client(lang: Option<&str>) -> reqwest::Client {
    let mut headers = reqwest::header::HeaderMap::new();
    if let Some(lang) = lang {
        headers.insert("accept-language", lang.parse().unwrap());
    }
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .default_headers(headers)
        .build()
        .unwrap()
}

async fn sign_in(app: &TestApp, c: &reqwest::Client, user: &str, password: &str) -> String {
    let form = c.get(app.url("/login")).send().await.unwrap();
    let csrf = csrf_of(&form.text().await.unwrap());
    let r = c
        .post(app.url("/login"))
        .form(&[
            ("_csrf", csrf.as_str()),
            ("username", user),
            ("password", password),
        ])
        .send()
        .await
        .unwrap();
    r.text().await.unwrap()
}

async fn api(
    app: &TestApp,
    lang: Option<&str>,
    token: &str,
    method: Method,
    path: &str,
    body: Option<Value>,
) -> (StatusCode, Value) {
    let mut req = client(lang)
        .request(method, app.url(path))
        .bearer_auth(token);
    if let Some(body) = body {
        req = req.json(&body);
    }
    let r = req.send().await.unwrap();
    (r.status(), r.json().await.unwrap())
}

/// `Accept-Language` sent (none, Vietnamese, Vietnamese first, English
/// first) and whether the answer is to be Vietnamese.
const LANGS: [(Option<&str>, bool); 4] = [
    (None, true),
    (Some("vi"), true),
    (Some("vi-VN,vi;q=0.9,en;q=0.8"), true),
    (Some("en-US,en;q=0.9"), false),
];

fn pick<'a>(vi: bool, v: &'a str, e: &'a str) -> (&'a str, &'a str) {
    if vi { (v, e) } else { (e, v) }
}

#[tokio::test]
async fn a_wrong_password_is_told_in_the_readers_language() {
    let app = TestApp::spawn().await;
    for (lang, vi) in LANGS {
        let c = client(lang);
        let html = sign_in(&app, &c, "xa", "not-the-password").await;
        let (want, not) = pick(
            vi,
            "Sai tên đăng nhập hoặc mật khẩu.",
            "Wrong username or password.",
        );
        assert!(html.contains(want), "{lang:?}: {html}");
        assert!(!html.contains(not), "{lang:?}");
    }
    // The API signs in with tokens: a bad one is told the same way.
    for (lang, vi) in LANGS {
        let (s, v) = api(&app, lang, "nope", Method::GET, "/api/v1/me", None).await;
        assert_eq!(s, StatusCode::UNAUTHORIZED);
        assert_eq!(v["code"], "unauthorized");
        let (want, _) = pick(vi, "Khóa API không hợp lệ", "The API token is not valid");
        assert!(
            v["message"].as_str().unwrap().contains(want),
            "{lang:?}: {v}"
        );
    }
}

#[tokio::test]
async fn a_refused_count_names_the_field_and_the_metric_in_words() {
    let app = TestApp::spawn().await;
    let admin = app.token("admin").await;
    let (_, hits) = app
        .get_json("/api/v1/units/search?q=khe%20banh&on=2022-06-30")
        .await;
    let kb = hits["items"][0]["code"].as_str().unwrap().to_owned();
    let writes = || async {
        let all = app.audit().await;
        all.into_iter().filter(|e| e.entity != "session").count()
    };
    let before = writes().await;
    for (lang, vi) in LANGS {
        // "abc" where a count goes.
        let body = json!({"metric": "org_members_women", "unit": kb, "period": "2022-06",
                          "value": "abc"});
        let (s, v) = api(
            &app,
            lang,
            &admin,
            Method::POST,
            "/api/v1/values",
            Some(body),
        )
        .await;
        assert_eq!(s, StatusCode::BAD_REQUEST);
        assert_eq!(v["code"], "invalid_input");
        let msg = v["message"].as_str().unwrap();
        let (want, not) = pick(vi, "cần một số", "expected a number");
        assert!(
            msg.contains(want) && msg.contains("\"abc\""),
            "{lang:?}: {msg}"
        );
        assert!(!msg.contains(not), "{lang:?}: {msg}");
        // 12.5 for a count: the field and the metric in words.
        let body = json!({"metric": "org_members_women", "unit": kb, "period": "2022-06",
                          "value": 12.5});
        let (s, v) = api(
            &app,
            lang,
            &admin,
            Method::POST,
            "/api/v1/values",
            Some(body),
        )
        .await;
        assert_eq!(s, StatusCode::BAD_REQUEST);
        assert_eq!(v["field"], "value");
        let msg = v["message"].as_str().unwrap();
        let (want, not) = pick(
            vi,
            "giá trị: Hội viên Hội Phụ nữ",
            "value: Women's union members",
        );
        assert!(msg.starts_with(want), "{lang:?}: {msg}");
        let (want, _) = pick(
            vi,
            "số nguyên không âm, nhận được 12.5",
            "whole number ≥ 0, got 12.5",
        );
        assert!(msg.contains(want) && !msg.contains(not), "{lang:?}: {msg}");
    }
    // The page's form: "abc" comes back as a message in the page language.
    for (lang, vi) in [(None, true), (Some("en"), false)] {
        let c = client(lang);
        sign_in(&app, &c, "admin", demo::PASSWORD).await;
        let path = format!("/units/{kb}/values?period=2022-06");
        let form = c.get(app.url(&path)).send().await.unwrap();
        let csrf = csrf_of(&form.text().await.unwrap());
        let r = c
            .post(app.url(&format!("/units/{kb}/values")))
            .form(&[
                ("_csrf", csrf.as_str()),
                ("metric", "org_members_women"),
                ("period", "2022-06"),
                ("value", "abc"),
                ("version", "0"),
            ])
            .send()
            .await
            .unwrap();
        // Shown again as typed, the reason beside the field.
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let html = r.text().await.unwrap();
        assert!(
            html.contains(r#"value="abc""#) && html.contains(r#"aria-invalid="true""#),
            "{lang:?}: what was typed stays"
        );
        let (want, not) = pick(
            vi,
            "“abc” không phải là một số.</p>",
            "“abc” is not a number.</p>",
        );
        assert!(html.contains(want), "{lang:?}: {html}");
        assert!(!html.contains(not), "{lang:?}");
    }
    assert_eq!(writes().await, before, "nothing was written but sign-ins");
}

#[tokio::test]
async fn not_found_and_forbidden_in_both_languages() {
    let app = TestApp::spawn().await;
    let xa = app.token("xa").await;
    for (lang, vi) in LANGS {
        // 404, page and API.
        let c = client(lang);
        let r = c.get(app.url("/no-such-page")).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::NOT_FOUND);
        let html = r.text().await.unwrap();
        let (want, not) = pick(
            vi,
            "Không có trang nào ở /no-such-page.",
            "Nothing at /no-such-page.",
        );
        assert!(
            html.contains(want) && !html.contains(not),
            "{lang:?}: {html}"
        );
        let (s, v) = api(&app, lang, &xa, Method::GET, "/api/v1/no-such", None).await;
        assert_eq!(
            (s, v["code"].as_str()),
            (StatusCode::NOT_FOUND, Some("not_found"))
        );
        let (want, _) = pick(
            vi,
            "Không có trang nào ở /api/v1/no-such.",
            "Nothing at /api/v1/no-such.",
        );
        assert_eq!(v["message"], want, "{lang:?}");
        // 403: another commune, outside the commune officer's area.
        let (s, v) = api(
            &app,
            lang,
            &xa,
            Method::GET,
            "/api/v1/units/04390/households?on=2022-06-30",
            None,
        )
        .await;
        assert_eq!(
            (s, v["code"].as_str()),
            (StatusCode::FORBIDDEN, Some("forbidden"))
        );
        let (want, _) = pick(
            vi,
            "nằm ngoài phạm vi được giao cho bạn.",
            "is outside your area.",
        );
        assert!(
            v["message"].as_str().unwrap().ends_with(want),
            "{lang:?}: {v}"
        );
        sign_in(&app, &c, "xa", demo::PASSWORD).await;
        let r = c
            .get(app.url("/units/04390/households?on=2022-06-30"))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
        let html = r.text().await.unwrap();
        assert!(html.contains(want), "{lang:?}: {html}");
        let (title, _) = pick(vi, "lang=\"vi\"", "lang=\"en\"");
        assert!(html.contains(title), "{lang:?}: the page's language");
    }
}
