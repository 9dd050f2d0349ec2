//! Pilot models through their steps: deployed, effective, not effective.

use super::*;
use crate::helpers::TestApp;
use reqwest::{Method, StatusCode};
use serde_json::json;

#[tokio::test]
async fn models_move_through_their_steps() {
    let app = TestApp::spawn().await;
    let huyen = app.token("huyen").await;
    let (s, m) = app
        .send_as(
            &huyen,
            Method::POST,
            "/api/v1/units/136/models",
            &json!({"name": "Chợ quế số Văn Yên", "field": "agriculture", "planned_on": "2022-03-01",
                    "indicators": ["households.epay_power_pct"]}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{m}");
    assert_eq!(m["status"], "planned");
    let id = m["id"].as_i64().unwrap();
    let status = |st: &str, on: &str, ev: &str| json!({"status": st, "on": on, "evaluation": ev});
    let path = format!("/api/v1/models/{id}/status");
    // Skipping a step, or deploying before any deployment, is refused.
    let (s, v) = app
        .send_as(
            &huyen,
            Method::POST,
            &path,
            &status("effective", "2022-04-01", "tốt"),
        )
        .await;
    assert_eq!(
        (s, v["field"].as_str()),
        (StatusCode::BAD_REQUEST, Some("status")),
        "{v}"
    );
    // The statuses by name, not by key.
    assert!(
        v["message"]
            .as_str()
            .unwrap()
            .contains("from 'Planned' to 'Deployed' only; 'Effective' is not the next step"),
        "{v}"
    );
    let (s, v) = app
        .send_as(
            &huyen,
            Method::POST,
            &path,
            &status("deployed", "2022-04-01", ""),
        )
        .await;
    assert_eq!(
        (s, v["field"].as_str()),
        (StatusCode::BAD_REQUEST, Some("status")),
        "{v}"
    );
    // A deployment outside the model's unit is refused; inside, accepted.
    let deploy = format!("/api/v1/models/{id}/deployments");
    let (s, v) = app
        .send_as(
            &huyen,
            Method::POST,
            &deploy,
            &json!({"unit": "137", "on": "2022-04-01"}),
        )
        .await;
    assert_eq!(
        (s, v["field"].as_str()),
        (StatusCode::BAD_REQUEST, Some("unit")),
        "{v}"
    );
    let (s, v) = app
        .send_as(
            &huyen,
            Method::POST,
            &deploy,
            &json!({"unit": "04387", "on": "2022-04-01"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let (s, v) = app
        .send_as(
            &huyen,
            Method::POST,
            &path,
            &status("deployed", "2022-04-01", ""),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    // A verdict needs its evaluation.
    let (s, v) = app
        .send_as(
            &huyen,
            Method::POST,
            &path,
            &status("effective", "2022-05-01", " "),
        )
        .await;
    assert_eq!(
        (s, v["field"].as_str()),
        (StatusCode::BAD_REQUEST, Some("evaluation")),
        "{v}"
    );
    let (s, v) = app
        .send_as(
            &huyen,
            Method::POST,
            &path,
            &status("effective", "2022-05-01", "Người dân bán quế qua sàn"),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    // Re-evaluation between the two verdicts is allowed, not back to planned.
    let (s, v) = app
        .send_as(
            &huyen,
            Method::POST,
            &path,
            &status("planned", "2022-05-02", ""),
        )
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "{v}");
    let (s, v) = app
        .send_as(
            &huyen,
            Method::POST,
            &path,
            &status("not_effective", "2022-06-01", "Giá quế giảm, ít giao dịch"),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    // The province now counts 11 deployed models, still 6 effective; on
    // 2022-05-15 the new one was effective.
    let h = headline(&app, DAY).await;
    assert_eq!(fig(&h, "models.deployed")["value"], 11.0);
    assert_eq!(fig(&h, "models.effective")["value"], 6.0);
    let may = headline(&app, "2022-05-15").await;
    let (_, r) = app
        .get_json(&format!("/api/v1/units/136/models?on={DAY}"))
        .await;
    let ours = r["models"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["id"] == id)
        .unwrap()
        .clone();
    assert_eq!(ours["status"], "not_effective");
    assert_eq!(ours["timeline"].as_array().unwrap().len(), 4);
    assert_eq!(ours["deployments"][0]["unit_code"], "04387");
    let (_, r) = app.get_json("/api/v1/units/136/models?on=2022-05-15").await;
    let then = r["models"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["id"] == id)
        .unwrap()
        .clone();
    assert_eq!(then["status"], "effective");
    assert!(fig(&may, "models.effective")["value"].as_f64().unwrap() >= 1.0);
}
