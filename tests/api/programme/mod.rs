//! Criteria sets, commune registration and recognition, the DTI-style
//! index: the demo's figures, the three-role workflow, the explanation
//! following the records at once, and every bad input refused with nothing
//! written.

use crate::helpers::TestApp;
use reqwest::StatusCode;
use serde_json::{Value, json};

mod demo;
mod refusals;
mod sets;
mod step_page;
mod workflow;

const DAY: &str = "2022-06-30";

fn figure(v: &Value, key: &str) -> Value {
    v["figures"][key].clone()
}

async fn registrations_total(app: &TestApp) -> f64 {
    let (_, h) = app
        .get_json(&format!("/api/v1/units/15/headline?on={DAY}"))
        .await;
    h["figures"]["registrations.total"]["value"]
        .as_f64()
        .unwrap()
}

/// Châu Quế Hạ's manual criteria, all met.
fn good_values() -> Value {
    json!({ "on": DAY, "values": [
        { "criterion": "m03", "value": 1, "note": "Báo cáo UBND xã" },
        { "criterion": "m04", "value": 1, "evidence": "https://chauqueha.vanyen.yenbai.gov.vn" },
        { "criterion": "m05", "value": 55 },
        { "criterion": "e06", "value": 1 },
        { "criterion": "e07", "value": 1 },
    ]})
}

async fn set_id(app: &TestApp, code: &str) -> i64 {
    let (_, v) = app.get_json("/api/v1/criteria-sets").await;
    v["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["code"] == code && s["year"] == 2022)
        .unwrap()["id"]
        .as_i64()
        .unwrap()
}

async fn level_met(app: &TestApp, level: &str) -> (bool, Value) {
    let (s, v) = app
        .get_json(&format!(
            "/api/v1/units/04387/recognition?year=2022&on={DAY}"
        ))
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let l = v["levels"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["code"] == level)
        .unwrap()
        .clone();
    (l["met"].as_bool().unwrap(), l)
}
