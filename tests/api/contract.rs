//! The API contract, checked on every response the suite receives: each
//! server a test starts is wrapped in a layer that reads the response and
//! validates it against the generated OpenAPI document (`DOCUMENT`), by the
//! operation the request matched and the status it got. A 2xx must be
//! documented for its operation; an error may fall to the `default`
//! response. Objects are checked strictly (no property the schema does not
//! name). A violation is kept and fails the test when its `TestApp` is
//! dropped, with every violation listed.
//!
//! Each (method, path, status) checked is appended to
//! `$CARGO_TARGET_TMPDIR/api-contract-seen.txt`, for the coverage figure in
//! docs/PERFORMANCE.md.

use std::collections::HashMap;
use std::io::Write;
use std::sync::{Arc, LazyLock, Mutex};

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;
use serde_json::{Map, Value};

pub type Violations = Arc<Mutex<Vec<String>>>;

/// The document the server serves, parsed once.
pub static DOC: LazyLock<Value> =
    LazyLock::new(|| serde_json::from_str(&tinhso::http::api::DOCUMENT).expect("document is JSON"));

/// A validator per (path template, method, status, content type).
static VALIDATORS: LazyLock<Mutex<HashMap<String, Arc<jsonschema::Validator>>>> =
    LazyLock::new(Default::default);

pub fn wrap(router: axum::Router, violations: Violations) -> axum::Router {
    router.layer(axum::middleware::from_fn_with_state(violations, check))
}

async fn check(State(violations): State<Violations>, req: Request, next: Next) -> Response {
    let path = req.uri().path().to_owned();
    let method = req.method().as_str().to_ascii_lowercase();
    if !path.starts_with("/api/") || method == "head" || method == "options" {
        return next.run(req).await;
    }
    let resp = next.run(req).await;
    let (parts, body) = resp.into_parts();
    let bytes = match axum::body::to_bytes(body, usize::MAX).await {
        Ok(b) => b,
        Err(e) => {
            violations
                .lock()
                .unwrap()
                .push(format!("{method} {path}: body unreadable: {e}"));
            return Response::from_parts(parts, Body::empty());
        }
    };
    let content_type = parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    if let Err(why) = conforms(&method, &path, parts.status, &content_type, &bytes) {
        let line = format!(
            "{} {path} → {}: {why}",
            method.to_uppercase(),
            parts.status.as_u16()
        );
        eprintln!("API contract: {line}");
        violations.lock().unwrap().push(line);
    }
    Response::from_parts(parts, Body::from(bytes))
}

/// The documented path a concrete path matches: segment by segment, a
/// `{param}` matching any one segment; the most literal match wins
/// (`/units/summary` over `/units/{code}`).
pub fn template_of(path: &str) -> Option<String> {
    let segs: Vec<&str> = path.split('/').collect();
    let mut best: Option<(usize, &String)> = None;
    for t in DOC["paths"].as_object()?.keys() {
        let tsegs: Vec<&str> = t.split('/').collect();
        if tsegs.len() != segs.len() {
            continue;
        }
        let mut literal = 0;
        let fits = tsegs.iter().zip(&segs).all(|(t, s)| {
            if t.starts_with('{') {
                !s.is_empty()
            } else {
                literal += 1;
                t == s
            }
        });
        if fits && best.is_none_or(|(n, _)| literal > n) {
            best = Some((literal, t));
        }
    }
    best.map(|(_, t)| t.clone())
}

fn conforms(
    method: &str,
    path: &str,
    status: StatusCode,
    content_type: &str,
    body: &[u8],
) -> Result<(), String> {
    let op = template_of(path).and_then(|t| {
        let op = DOC["paths"][&t].get(method)?;
        Some((t, op))
    });
    let Some((template, op)) = op else {
        // Not an operation of the document: only an error may come back.
        if !(status.is_client_error() || status.is_server_error()) {
            return Err("no documented operation, yet not an error".into());
        }
        let schema = serde_json::json!({ "$ref": "#/components/schemas/ErrorBody" });
        return validate(&format!("error {method}"), &schema, content_type, body);
    };
    seen(method, &template, status);
    let responses = &op["responses"];
    let documented = match responses.get(status.as_str()) {
        Some(r) => r,
        None if status.is_client_error() || status.is_server_error() => responses
            .get("default")
            .ok_or("the status is not documented and there is no default")?,
        None => return Err(format!("status {status} is not documented for {template}")),
    };
    let Some(content) = documented.get("content").and_then(Value::as_object) else {
        return if body.is_empty() {
            Ok(())
        } else {
            Err("a body where the document says there is none".into())
        };
    };
    let media = content_type.split(';').next().unwrap_or("").trim();
    // An exact media type, else a range the document names ("image/*", "*/*").
    let range = format!("{}/*", media.split('/').next().unwrap_or(""));
    let described = [media, range.as_str(), "*/*"]
        .iter()
        .find_map(|m| content.get(*m));
    let Some(described) = described else {
        return Err(format!(
            "content type {content_type:?}, documented: {:?}",
            content.keys().collect::<Vec<_>>()
        ));
    };
    match described.get("schema") {
        Some(schema) if media == "application/json" => validate(
            &format!("{template} {method} {status}"),
            schema,
            content_type,
            body,
        ),
        _ => Ok(()),
    }
}

fn validate(key: &str, schema: &Value, content_type: &str, body: &[u8]) -> Result<(), String> {
    if !content_type.starts_with("application/json") {
        return Err(format!("expected JSON, got {content_type:?}"));
    }
    let instance: Value =
        serde_json::from_slice(body).map_err(|e| format!("the body is not JSON: {e}"))?;
    let validator = {
        let mut cache = VALIDATORS.lock().unwrap();
        match cache.get(key) {
            Some(v) => v.clone(),
            None => {
                let mut root = strict(schema.clone(), false);
                root["components"] = Value::Object(Map::from_iter([(
                    "schemas".to_owned(),
                    strict(DOC["components"]["schemas"].clone(), false),
                )]));
                let v = Arc::new(
                    jsonschema::validator_for(&root)
                        .map_err(|e| format!("the documented schema does not compile: {e}"))?,
                );
                cache.insert(key.to_owned(), v.clone());
                v
            }
        }
    };
    let errors: Vec<String> = validator
        .iter_errors(&instance)
        .take(5)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors.join("; "))
    }
}

/// The schema with `additionalProperties: false` on every object that names
/// its properties and says nothing else (except the parts of an `allOf`,
/// where each part names only some of them).
fn strict(mut schema: Value, in_all_of: bool) -> Value {
    if let Value::Object(map) = &mut schema {
        if !in_all_of && map.contains_key("properties") && !map.contains_key("additionalProperties")
        {
            map.insert("additionalProperties".into(), Value::Bool(false));
        }
        for (k, v) in map.iter_mut() {
            let part_of_all = k == "allOf";
            *v = match std::mem::take(v) {
                Value::Array(items) => {
                    Value::Array(items.into_iter().map(|i| strict(i, part_of_all)).collect())
                }
                other => strict(other, false),
            };
        }
    }
    schema
}

fn seen(method: &str, template: &str, status: StatusCode) {
    let file = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("api-contract-seen.txt");
    // One write per line: tests run in parallel and append to one file.
    let line = format!("{} {template} {}\n", method.to_uppercase(), status.as_u16());
    if let Ok(mut f) = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(file)
    {
        let _ = f.write_all(line.as_bytes());
    }
}
