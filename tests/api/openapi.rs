//! The OpenAPI document is served, parses, and names every API route.

use crate::helpers::TestApp;
use reqwest::StatusCode;

/// (method, path) of every route in src/http/api/mod.rs, read from the
/// source (a `.route(...)` call may span lines after rustfmt).
fn api_routes() -> Vec<(String, String)> {
    let src = include_str!("../../src/http/api/mod.rs");
    let mut out = Vec::new();
    for call in src.split(".route(").skip(1) {
        // The call's text up to its closing parenthesis.
        let mut depth = 1;
        let end = call
            .char_indices()
            .find(|&(_, c)| {
                depth += match c {
                    '(' => 1,
                    ')' => -1,
                    _ => 0,
                };
                depth == 0
            })
            .map(|(i, _)| i)
            .unwrap_or(call.len());
        let call = &call[..end];
        let path = call.split('"').nth(1).unwrap().to_owned();
        let mut found = false;
        for method in ["get", "post", "put", "delete", "patch"] {
            if call.contains(&format!("{method}(")) || call.contains(&format!("_{method}()")) {
                out.push((method.to_owned(), path.clone()));
                found = true;
            }
        }
        assert!(found, "no method found in .route({call})");
    }
    out
}

#[tokio::test]
async fn every_api_route_is_documented() {
    let app = TestApp::spawn().await;
    let (s, doc) = app.get_json("/api/v1/openapi.json").await;
    assert_eq!(s, StatusCode::OK);
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    let routes = api_routes();
    assert!(routes.len() > 15, "{routes:?}");
    for (method, path) in routes {
        let full = format!("/api/v1{path}");
        let op = &doc["paths"][&full][&method];
        assert!(op.is_object(), "{method} {full} is not in openapi.json");
        assert!(op["summary"].is_string(), "{method} {full} has no summary");
    }
}
