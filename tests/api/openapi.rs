//! The OpenAPI document is generated from the code, served, names every API
//! route and only those, and describes every body it names. (That each
//! response matches it is checked on every response: `contract.rs`.)

use crate::helpers::TestApp;
use reqwest::StatusCode;
use serde_json::Value;

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
async fn every_api_route_is_documented_and_every_documented_path_routed() {
    let app = TestApp::spawn().await;
    let (s, doc) = app.get_json("/api/v1/openapi.json").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(
        doc,
        *crate::contract::DOC,
        "the served document is the generated one"
    );
    assert!(doc["openapi"].as_str().unwrap().starts_with("3.1"));
    let routes = api_routes();
    assert!(routes.len() > 15, "{routes:?}");
    let mut routed = std::collections::BTreeSet::new();
    for (method, path) in routes {
        let full = format!("/api/v1{path}");
        let op = &doc["paths"][&full][&method];
        assert!(
            op.is_object(),
            "{method} {full} is not in the OpenAPI document"
        );
        assert!(op["summary"].is_string(), "{method} {full} has no summary");
        assert!(op["tags"][0].is_string(), "{method} {full} has no tag");
        routed.insert(format!("{method} {full}"));
    }
    let mut ids = std::collections::BTreeSet::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            assert!(
                routed.contains(&format!("{method} {path}")),
                "{method} {path} is documented but not routed"
            );
            let id = op["operationId"].as_str().unwrap().to_owned();
            assert!(ids.insert(id.clone()), "operationId {id} is used twice");
        }
    }
}

/// Every schema in the document says what it holds: `{}` (anything, what a
/// `serde_json::Value` documents as) would let any body pass the contract.
#[tokio::test]
async fn no_schema_in_the_document_is_anything() {
    fn walk(at: &str, v: &Value, out: &mut Vec<String>) {
        match v {
            Value::Object(m) => {
                for (k, child) in m {
                    let here = format!("{at}/{k}");
                    let is_schema_slot =
                        matches!(k.as_str(), "schema" | "items" | "additionalProperties")
                            || at.ends_with("/properties")
                            || at.ends_with("/schemas");
                    if is_schema_slot && child.as_object().is_some_and(|o| o.is_empty()) {
                        out.push(here.clone());
                    }
                    walk(&here, child, out);
                }
            }
            Value::Array(items) => {
                for (i, child) in items.iter().enumerate() {
                    let here = format!("{at}/{i}");
                    if (at.ends_with("/oneOf") || at.ends_with("/allOf") || at.ends_with("/anyOf"))
                        && child.as_object().is_some_and(|o| o.is_empty())
                    {
                        out.push(here.clone());
                    }
                    walk(&here, child, out);
                }
            }
            _ => {}
        }
    }
    let mut untyped = Vec::new();
    walk("", &crate::contract::DOC, &mut untyped);
    assert!(
        untyped.is_empty(),
        "schemas that allow anything: {untyped:#?}"
    );
}
