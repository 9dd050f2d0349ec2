//! Issue 10, item 2: one account cannot fill the disk. Rows per request,
//! households per village and bulk requests per minute are limited; each
//! refusal says which limit and writes nothing.

use crate::helpers::TestApp;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

async fn khe_banh(app: &TestApp) -> String {
    let (_, hits) = app
        .get_json("/api/v1/units/search?q=khe%20banh&on=2022-06-30")
        .await;
    hits["items"][0]["code"].as_str().unwrap().to_owned()
}

fn batch(prefix: &str, n: usize) -> Value {
    let items: Vec<Value> = (0..n)
        .map(|i| json!({ "code": format!("{prefix}-{i:04}") }))
        .collect();
    json!({ "items": items })
}

async fn households_in(app: &TestApp, token: &str, village: &str) -> usize {
    let (s, v) = app
        .get_as(
            token,
            &format!("/api/v1/units/{village}/households?on=2022-06-30"),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    v["items"].as_array().unwrap().len()
}

#[tokio::test]
async fn a_request_with_more_rows_than_allowed_is_refused_whole() {
    let app = TestApp::spawn_with(|c| c.max_import_rows = 5).await;
    let todan = app.token("todan").await;
    let kb = khe_banh(&app).await;
    let path = format!("/api/v1/units/{kb}/households?on=2022-06-30");
    let before = households_in(&app, &todan, &kb).await;
    let (s, v) = app
        .send_as(&todan, Method::POST, &path, &batch("ROWS", 6))
        .await;
    assert_eq!(s, StatusCode::PAYLOAD_TOO_LARGE, "{v}");
    assert_eq!(v["code"], "payload_too_large");
    let msg = v["message"].as_str().unwrap();
    assert!(msg.contains("6 rows") && msg.contains("at most 5"), "{msg}");
    assert_eq!(households_in(&app, &todan, &kb).await, before);
    let (s, v) = app
        .send_as(&todan, Method::POST, &path, &batch("ROWS", 5))
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
}

#[tokio::test]
async fn a_village_cannot_grow_past_the_households_a_village_may_hold() {
    // Khe Bành has its demo households; leave room for three more.
    let probe = TestApp::spawn().await;
    let kb = khe_banh(&probe).await;
    let todan = probe.token("todan").await;
    let have = households_in(&probe, &todan, &kb).await as i64;
    drop(probe);
    let app = TestApp::spawn_with(|c| c.max_village_households = have + 3).await;
    let todan = app.token("todan").await;
    let path = format!("/api/v1/units/{kb}/households?on=2022-06-30");
    let (s, v) = app
        .send_as(&todan, Method::POST, &path, &batch("ROOM", 4))
        .await;
    assert_eq!(s, StatusCode::PAYLOAD_TOO_LARGE, "{v}");
    let msg = v["message"].as_str().unwrap();
    assert!(
        msg.contains("Khe Bành") && msg.contains(&format!("{have} households")),
        "{msg}"
    );
    assert_eq!(households_in(&app, &todan, &kb).await as i64, have);
    let (s, v) = app
        .send_as(&todan, Method::POST, &path, &batch("ROOM", 3))
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let (s, v) = app
        .send_as(&todan, Method::POST, &path, &json!({ "code": "ROOM-LAST" }))
        .await;
    assert_eq!(
        s,
        StatusCode::PAYLOAD_TOO_LARGE,
        "one more past the limit: {v}"
    );
    assert_eq!(households_in(&app, &todan, &kb).await as i64, have + 3);
}

#[tokio::test]
async fn bulk_writes_per_minute_are_limited_per_account() {
    let app = TestApp::spawn_with(|c| c.bulk_writes_per_minute = 2).await;
    let todan = app.token("todan").await;
    let kb = khe_banh(&app).await;
    let path = format!("/api/v1/units/{kb}/households?on=2022-06-30");
    for round in 0..2 {
        let (s, v) = app
            .send_as(
                &todan,
                Method::POST,
                &path,
                &batch(&format!("RATE{round}"), 2),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{v}");
    }
    let before = households_in(&app, &todan, &kb).await;
    let (s, v) = app
        .send_as(&todan, Method::POST, &path, &batch("RATE9", 2))
        .await;
    assert_eq!(s, StatusCode::TOO_MANY_REQUESTS, "{v}");
    assert!(
        v["message"]
            .as_str()
            .unwrap()
            .contains("2 bulk writes a minute"),
        "{v}"
    );
    assert_eq!(households_in(&app, &todan, &kb).await, before);
    // One household at a time is not a bulk write.
    let (s, v) = app
        .send_as(&todan, Method::POST, &path, &json!({ "code": "RATE-ONE" }))
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    // Another account has its own count.
    let xa = app.token("xa").await;
    let (s, v) = app
        .send_as(&xa, Method::POST, &path, &batch("RATEXA", 2))
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
}
