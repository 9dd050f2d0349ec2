//! The three-role workflow, and the explanation following the records at
//! once.

use super::*;
use crate::helpers::TestApp;
use chrono::NaiveDate;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use tinhso::service::Actor;
use tinhso::service::accounts::{self, GrantInput, NewUser};

#[tokio::test]
async fn three_roles_take_the_workflow_in_turn_and_others_are_refused() {
    let app = TestApp::spawn().await;
    let xa = app.token("xa").await;
    let huyen = app.token("huyen").await;
    let tinh = app.token("tinh").await;
    // A district officer elsewhere (Lục Yên, 133).
    let other = accounts::create_user(
        &app.ctx,
        &Actor::system("test"),
        &NewUser {
            username: "huyenkhac".into(),
            display_name: "Cán bộ huyện khác".into(),
            password: "mat-khau-dai-du".into(),
            grants: vec![GrantInput {
                role: "district_officer".into(),
                unit: Some("133".into()),
            }],
        },
        DAY.parse::<NaiveDate>().unwrap(),
    )
    .await
    .unwrap();
    let other = app.token(&other.username).await;

    let (s, r) = app
        .send_as(
            &xa,
            Method::POST,
            "/api/v1/units/04387/registrations",
            &json!({ "level": "cds", "year": 2022, "on": DAY }),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{r}");
    assert_eq!(r["status"], "registered");
    assert_eq!(r["waiting_on"], "commune");
    let id = r["id"].as_i64().unwrap();
    assert_eq!(registrations_total(&app).await, 73.0);
    let set = set_id(&app, "xa_cds").await;
    let (s, v) = app
        .send_as(
            &xa,
            Method::POST,
            &format!("/api/v1/criteria-sets/{set}/units/04387/values"),
            &good_values(),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");

    let step = |action: &str| json!({ "action": action, "on": DAY, "note": "ok" });
    let path = format!("/api/v1/registrations/{id}/steps");
    // Nobody skips a step, not even the province.
    let (s, v) = app
        .send_as(&tinh, Method::POST, &path, &step("recognise"))
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "{v}");
    assert_eq!(v["field"], "action");
    assert!(v["message"].as_str().unwrap().contains("submit"), "{v}");
    let (s, v) = app.send_as(&xa, Method::POST, &path, &step("submit")).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["waiting_on"], "verifier");
    // The commune does not verify itself; another district may not either.
    for who in [&xa, &other] {
        let (s, v) = app.send_as(who, Method::POST, &path, &step("verify")).await;
        assert_eq!(s, StatusCode::FORBIDDEN, "{v}");
    }
    let (s, v) = app
        .send_as(&huyen, Method::POST, &path, &step("verify"))
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["status"], "verified");
    let (s, _) = app
        .send_as(&huyen, Method::POST, &path, &step("recognise"))
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, v) = app
        .send_as(&tinh, Method::POST, &path, &step("recognise"))
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["status"], "recognised");
    assert_eq!(v["waiting_on"], Value::Null);
    let steps: Vec<&str> = v["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["status"].as_str().unwrap())
        .collect();
    assert_eq!(steps, ["registered", "submitted", "verified", "recognised"]);
    // Each step is audited with its author.
    let audit = app.audit().await;
    let authors: Vec<(&str, &str)> = audit
        .iter()
        .filter(|e| e.entity == "registration" && e.entity_id == id.to_string())
        .map(|e| (e.action.as_str(), e.actor.as_str()))
        .collect();
    for pair in [
        ("register", "xa"),
        ("submit", "xa"),
        ("verify", "huyen"),
        ("recognise", "tinh"),
    ] {
        assert!(authors.contains(&pair), "{pair:?} in {authors:?}");
    }
    // Once recognised, it stays so.
    let (s, _) = app
        .send_as(&tinh, Method::POST, &path, &step("return"))
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn a_failing_mandatory_criterion_changes_the_outcome_at_once() {
    let app = TestApp::spawn().await;
    let xa = app.token("xa").await;
    let set = set_id(&app, "xa_cds").await;
    let (met, l) = level_met(&app, "cds").await;
    assert!(!met, "no self-assessment yet: {l}");
    let (s, v) = app
        .send_as(
            &xa,
            Method::POST,
            &format!("/api/v1/criteria-sets/{set}/units/04387/values"),
            &good_values(),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let (met, l) = level_met(&app, "cds").await;
    assert!(met, "{l}");
    // A new village without a team: the commune's team coverage falls
    // below 100%, so mandatory criterion m01 fails, now.
    let (s, v) = app
        .send_as(
            &xa,
            Method::POST,
            &format!("/api/v1/units/04387/villages?on={DAY}"),
            &json!({ "name": "Khe Mới", "type": "thôn" }),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let (met, l) = level_met(&app, "cds").await;
    assert!(!met, "{l}");
    assert_eq!(l["missing_mandatory"], json!(["m01"]));
    let why = l["lines_vi"][0].as_str().unwrap();
    assert!(why.starts_with("Chưa đạt tiêu chí m01"), "{why}");
    assert!(why.contains("cần 100"), "{why}");
    // And the province may no longer recognise it.
    let (_, r) = app
        .send_as(
            &xa,
            Method::POST,
            "/api/v1/units/04387/registrations",
            &json!({ "level": "cds", "year": 2022, "on": DAY }),
        )
        .await;
    let id = r["id"].as_i64().unwrap();
    let path = format!("/api/v1/registrations/{id}/steps");
    let step = |a: &str| json!({ "action": a, "on": DAY });
    app.send_as(&xa, Method::POST, &path, &step("submit")).await;
    let huyen = app.token("huyen").await;
    app.send_as(&huyen, Method::POST, &path, &step("verify"))
        .await;
    let tinh = app.token("tinh").await;
    let (s, v) = app
        .send_as(&tinh, Method::POST, &path, &step("recognise"))
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "{v}");
    assert!(v["message"].as_str().unwrap().contains("m01"), "{v}");
    // A verified value the agency corrects counts over the commune's own.
    let (s, v) = app
        .send_as(
            &huyen,
            Method::POST,
            &format!("/api/v1/criteria-sets/{set}/units/04387/values"),
            &json!({ "stage": "verified", "on": DAY, "values": [{ "criterion": "m04", "value": 0, "note": "trang không truy cập được" }] }),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let (_, l) = level_met(&app, "cds").await;
    assert_eq!(l["missing_mandatory"], json!(["m01", "m04"]));
}
