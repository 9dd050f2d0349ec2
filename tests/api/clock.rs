//! The clock: "today" is the pinned clock's date in Vietnam (UTC+7), not
//! the machine's.

use chrono::{DateTime, Utc};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::helpers::TestApp;

fn at(s: &str) -> DateTime<Utc> {
    s.parse().expect("instant")
}

async fn khe_banh(app: &TestApp) -> String {
    let (_, hits) = app
        .get_json("/api/v1/units/search?q=khe%20banh&on=2022-06-30")
        .await;
    hits["items"][0]["code"].as_str().unwrap().to_owned()
}

async fn register(
    app: &TestApp,
    token: &str,
    kb: &str,
    code: &str,
    on: &str,
) -> (StatusCode, Value) {
    app.send_as(
        token,
        Method::POST,
        &format!("/api/v1/units/{kb}/households?on=2024-03-14"),
        &json!({"code": code, "registered_on": on}),
    )
    .await
}

#[tokio::test]
async fn a_household_may_not_be_registered_after_the_pinned_today() {
    let app = TestApp::spawn().await;
    let todan = app.token("todan").await;
    let kb = khe_banh(&app).await;

    // 23:59:59 in Vietnam on 14 March 2024: the 15th is still tomorrow.
    app.ctx.pin_clock(at("2024-03-14T16:59:59Z"));
    let (s, v) = register(&app, &todan, &kb, &format!("{kb}-9001"), "2024-03-15").await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "{v}");
    assert!(
        v["field"].as_str().unwrap_or("").ends_with("registered_on"),
        "{v}"
    );
    assert!(
        v["message"].as_str().unwrap().contains("is in the future"),
        "{v}"
    );
    let (s, v) = register(&app, &todan, &kb, &format!("{kb}-9001"), "2024-03-14").await;
    assert_eq!(s, StatusCode::CREATED, "{v}");

    // One second later it is the 15th in Vietnam.
    app.ctx.pin_clock(at("2024-03-14T17:00:00Z"));
    let (s, v) = register(&app, &todan, &kb, &format!("{kb}-9002"), "2024-03-15").await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let (s, v) = register(&app, &todan, &kb, &format!("{kb}-9003"), "2024-03-16").await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "{v}");
}
