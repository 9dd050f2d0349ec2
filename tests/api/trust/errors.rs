//! Every error under `/api/v1` is JSON `{code, message}`, whoever makes it.

use crate::helpers::TestApp;
use reqwest::{Method, StatusCode};
use serde_json::Value;

async fn json_error(r: reqwest::Response) -> (StatusCode, Value) {
    let status = r.status();
    let ct = r
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    let text = r.text().await.unwrap();
    assert!(ct.starts_with("application/json"), "{status} {ct}: {text}");
    let v: Value = serde_json::from_str(&text).unwrap();
    assert!(
        v["code"].is_string() && v["message"].is_string(),
        "{status}: {v}"
    );
    (status, v)
}

#[tokio::test]
async fn path_method_size_and_unknown_route_errors_are_json() {
    let app = TestApp::spawn().await;
    let token = app.token("bithu").await;
    let client = app.client();
    // A non-numeric id: 400 naming the path.
    for path in [
        "/api/v1/party/documents/abc",
        "/api/v1/party/meetings/1x",
        "/api/v1/goals/%27/evidence/1",
    ] {
        let r = client
            .get(app.url(path))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap();
        let (s, v) = json_error(r).await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "{path}: {v}");
        assert_eq!(v["code"], "invalid_input");
        assert_eq!(v["field"], "path");
    }
    // A route that is not there.
    let r = client
        .get(app.url("/api/v1/nothing/here"))
        .send()
        .await
        .unwrap();
    let (s, v) = json_error(r).await;
    assert_eq!(
        (s, v["code"].as_str()),
        (StatusCode::NOT_FOUND, Some("not_found"))
    );
    // A method the route does not take: 405, with Allow.
    let r = client
        .request(Method::DELETE, app.url("/api/v1/units"))
        .send()
        .await
        .unwrap();
    assert!(r.headers().get("allow").is_some());
    let (s, v) = json_error(r).await;
    assert_eq!(
        (s, v["code"].as_str()),
        (StatusCode::METHOD_NOT_ALLOWED, Some("method_not_allowed"))
    );
    // A URI too long.
    let long = format!("/api/v1/units/search?q={}", "a".repeat(10_000));
    let r = client.get(app.url(&long)).send().await.unwrap();
    let (s, v) = json_error(r).await;
    assert_eq!(
        (s, v["code"].as_str()),
        (StatusCode::URI_TOO_LONG, Some("uri_too_long"))
    );
    // A body too large for a JSON route.
    let r = client
        .post(app.url("/api/v1/party/notes"))
        .bearer_auth(&token)
        .header("content-type", "application/json")
        .body(vec![b' '; 2 << 20])
        .send()
        .await
        .unwrap();
    let (s, _) = json_error(r).await;
    assert_eq!(s, StatusCode::PAYLOAD_TOO_LARGE);
    // A query that does not parse is still named.
    let r = client
        .get(app.url("/api/v1/units/04387/children?on=2022-13-45"))
        .send()
        .await
        .unwrap();
    let (s, v) = json_error(r).await;
    assert_eq!(
        (s, v["field"].as_str()),
        (StatusCode::BAD_REQUEST, Some("on"))
    );
    // Pages keep their HTML error pages.
    let r = client
        .get(app.url("/party/documents/abc"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
}
