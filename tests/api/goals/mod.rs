//! Programme management, parts 1 and 2: DX goals and pilot DX models. The
//! demo's figures on province 15 (14 of 38 goals achieved, 10 models
//! deployed, 6 effective on 2022-06-30), a status change that moves the
//! count from its day on, access, evidence, and every bad input refused
//! with nothing written.

use crate::helpers::TestApp;
use crate::party::multipart;
use reqwest::StatusCode;
use serde_json::Value;

mod figures;
mod models;
mod pages;
mod refusals;

const DAY: &str = "2022-06-30";

fn fig<'a>(v: &'a Value, key: &str) -> &'a Value {
    &v["figures"][key]
}

async fn headline(app: &TestApp, on: &str) -> Value {
    let (s, v) = app
        .get_json(&format!("/api/v1/units/15/headline?on={on}"))
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    v
}

/// A goal of province 15's 2022 programme by code.
async fn goal(app: &TestApp, code: &str) -> Value {
    let (s, b) = app
        .get_json(&format!("/api/v1/units/15/goals?on={DAY}"))
        .await;
    assert_eq!(s, StatusCode::OK, "{b}");
    b["goals"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["code"] == code)
        .unwrap_or_else(|| panic!("no goal {code}"))
        .clone()
}

async fn upload(
    app: &TestApp,
    token: &str,
    goal: i64,
    name: &str,
    content: &[u8],
) -> (StatusCode, Value) {
    app.post_multipart(
        token,
        &format!("/api/v1/goals/{goal}/evidence"),
        multipart(name, content),
    )
    .await
}
