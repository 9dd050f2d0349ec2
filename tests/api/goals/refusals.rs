//! Writes outside one's area, and every bad input refused with the field
//! named and nothing written.

use super::*;
use crate::helpers::TestApp;
use crate::party::PDF;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

#[tokio::test]
async fn writes_outside_ones_area_are_forbidden() {
    let app = TestApp::spawn().await;
    let g = goal(&app, "MT-08").await;
    let id = g["id"].as_i64().unwrap();
    let body = json!({"status": "achieved", "on": "2022-06-01"});
    // Signing in (issuing a token) is audited: sign in before counting.
    let mut tokens = Vec::new();
    for user in ["huyen", "xem", "todan", "xa"] {
        tokens.push((user, app.token(user).await));
    }
    let xa = tokens.pop().expect("xa").1;
    let before = app.audit().await.len();
    // A district officer, a viewer, a team member: not officers of the province.
    for (user, t) in tokens {
        let (s, v) = app
            .send_as(
                &t,
                Method::POST,
                &format!("/api/v1/goals/{id}/status"),
                &body,
            )
            .await;
        assert_eq!(s, StatusCode::FORBIDDEN, "{user}: {v}");
        let (s, _) = upload(&app, &t, id, "a.pdf", PDF).await;
        assert_eq!(s, StatusCode::FORBIDDEN, "{user}");
        let (s, _) = app
            .send_as(&t, Method::POST, "/api/v1/units/15/goals", &json!({
                "period": "2022", "code": "X-1", "text_vi": "x", "owner": "x", "deadline": "2022-12-31"}))
            .await;
        assert_eq!(s, StatusCode::FORBIDDEN, "{user}");
    }
    // The public writes nothing either.
    let r = app
        .client()
        .post(app.url(&format!("/api/v1/goals/{id}/status")))
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let (_, b) = app
        .get_json(&format!("/api/v1/units/15/goals?on={DAY}"))
        .await;
    assert_eq!(b["achieved"], 14);
    // Signed in, a commune officer reads the province's board as anyone
    // may, and writes inside the commune only.
    let (s, _) = app
        .get_as(&xa, &format!("/api/v1/units/15/goals?on={DAY}"))
        .await;
    assert_eq!(s, StatusCode::OK);
    let (s, _) = app
        .get_as(&xa, &format!("/api/v1/units/04387/models?on={DAY}"))
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(app.audit().await.len(), before, "nothing was written");
}

#[tokio::test]
async fn bad_input_is_refused_with_the_field_and_nothing_written() {
    let app = TestApp::spawn().await;
    let tinh = app.token("tinh").await;
    let g = goal(&app, "MT-08").await;
    let id = g["id"].as_i64().unwrap();
    let new_goal = |code: &str, extra: Value| {
        let mut v = json!({"period": "2022", "code": code, "text_vi": "Mục tiêu thử",
                           "owner": "Sở TT&TT", "deadline": "2022-12-31"});
        for (k, x) in extra.as_object().unwrap() {
            v[k] = x.clone();
        }
        v
    };
    let before = app.audit().await.len();
    let cases: Vec<(&str, Value, StatusCode, Option<&str>)> = vec![
        (
            "/api/v1/units/99999/goals",
            new_goal("T-1", json!({})),
            StatusCode::NOT_FOUND,
            None,
        ),
        (
            "/api/v1/units/15/goals",
            new_goal("T-1", json!({"link_key": "no_such_figure", "threshold": 1})),
            StatusCode::BAD_REQUEST,
            Some("link_key"),
        ),
        (
            "/api/v1/units/15/goals",
            new_goal("T-1", json!({"threshold": 1})),
            StatusCode::BAD_REQUEST,
            Some("link_key"),
        ),
        (
            "/api/v1/units/15/goals",
            new_goal("T-1", json!({"link_key": "teams.members"})),
            StatusCode::BAD_REQUEST,
            Some("threshold"),
        ),
        (
            "/api/v1/units/15/goals",
            new_goal("T 1", json!({})),
            StatusCode::BAD_REQUEST,
            Some("code"),
        ),
        (
            "/api/v1/units/15/goals",
            new_goal("T-1", json!({"deadline": "2021-12-31"})),
            StatusCode::BAD_REQUEST,
            Some("deadline"),
        ),
        (
            "/api/v1/units/15/goals",
            new_goal("T-1", json!({"period": "2022-13"})),
            StatusCode::BAD_REQUEST,
            Some("period"),
        ),
        (
            "/api/v1/units/15/goals",
            new_goal("MT-01", json!({})),
            StatusCode::CONFLICT,
            None,
        ),
        (
            "/api/v1/units/15/models",
            json!({"name": "X", "field": "cooking"}),
            StatusCode::BAD_REQUEST,
            Some("field"),
        ),
        (
            "/api/v1/units/15/models",
            json!({"name": "X", "field": "health", "indicators": ["nope"]}),
            StatusCode::BAD_REQUEST,
            Some("indicators[0]"),
        ),
        (
            "/api/v1/units/15/models",
            json!({"name": "Trường học số", "field": "education", "planned_on": "2022-03-01"}),
            StatusCode::CONFLICT,
            None,
        ),
    ];
    let status_path = format!("/api/v1/goals/{id}/status");
    let status_cases: Vec<(Value, StatusCode, Option<&str>)> = vec![
        (
            json!({"status": "done", "on": "2022-06-01"}),
            StatusCode::BAD_REQUEST,
            Some("status"),
        ),
        (
            json!({"status": "achieved", "on": "2099-01-01"}),
            StatusCode::BAD_REQUEST,
            Some("on"),
        ),
        (
            json!({"status": "achieved", "on": "2021-12-31"}),
            StatusCode::BAD_REQUEST,
            Some("on"),
        ),
        (
            json!({"status": "achieved", "on": "31/06/2022"}),
            StatusCode::BAD_REQUEST,
            Some("on"),
        ),
        (
            json!({"status": "achieved", "on": "2022-06-01", "evidence_url": "javascript:alert(1)"}),
            StatusCode::BAD_REQUEST,
            Some("evidence_url"),
        ),
        (
            json!({"status": "achieved", "on": "2022-06-01", "evidence_ids": [999999]}),
            StatusCode::BAD_REQUEST,
            Some("evidence_ids[0]"),
        ),
    ];
    for (path, body, want, field) in cases {
        let (s, v) = app.send_as(&tinh, Method::POST, path, &body).await;
        assert_eq!(s, want, "{path} {body}: {v}");
        assert_eq!(v["field"].as_str(), field, "{path} {body}: {v}");
        assert!(!v["message"].as_str().unwrap_or("").is_empty());
    }
    for (body, want, field) in status_cases {
        let (s, v) = app.send_as(&tinh, Method::POST, &status_path, &body).await;
        assert_eq!(s, want, "{body}: {v}");
        assert_eq!(v["field"].as_str(), field, "{body}: {v}");
    }
    // The duplicate says which code.
    let (_, v) = app
        .send_as(
            &tinh,
            Method::POST,
            "/api/v1/units/15/goals",
            &new_goal("MT-01", json!({})),
        )
        .await;
    assert!(v["message"].as_str().unwrap().contains("MT-01"), "{v}");
    // A status before the latest entry, or the same verdict twice.
    let done = goal(&app, "MT-04").await;
    let done_id = done["id"].as_i64().unwrap();
    let (s, v) = app
        .send_as(
            &tinh,
            Method::POST,
            &format!("/api/v1/goals/{done_id}/status"),
            &json!({"status": "not_achieved", "on": "2022-03-01"}),
        )
        .await;
    assert_eq!(
        (s, v["field"].as_str()),
        (StatusCode::BAD_REQUEST, Some("on")),
        "{v}"
    );
    let (s, v) = app
        .send_as(
            &tinh,
            Method::POST,
            &format!("/api/v1/goals/{done_id}/status"),
            &json!({"status": "achieved", "on": "2022-06-01"}),
        )
        .await;
    assert_eq!(
        (s, v["field"].as_str()),
        (StatusCode::BAD_REQUEST, Some("status")),
        "{v}"
    );
    // Evidence of the wrong type, with a contradicting name, or too large.
    let (s, v) = upload(
        &app,
        &tinh,
        id,
        "trang.html",
        b"<html><script>alert(1)</script></html>",
    )
    .await;
    assert_eq!(s, StatusCode::UNSUPPORTED_MEDIA_TYPE, "{v}");
    let (s, v) = upload(&app, &tinh, id, "bao-cao.png", PDF).await;
    assert_eq!(s, StatusCode::UNSUPPORTED_MEDIA_TYPE, "{v}");
    let mut big = PDF.to_vec();
    big.resize(10 * 1024 * 1024 + 10, b' ');
    let (s, v) = upload(&app, &tinh, id, "lon.pdf", &big).await;
    assert_eq!(s, StatusCode::PAYLOAD_TOO_LARGE, "{v}");
    let (s, v) = app
        .send_as(
            &tinh,
            Method::POST,
            "/api/v1/models/999999/status",
            &json!({"status": "deployed", "on": "2022-01-01"}),
        )
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND, "{v}");
    // Nothing was written.
    assert_eq!(app.audit().await.len(), before);
    let g = goal(&app, "MT-08").await;
    assert!(g["history"].as_array().unwrap().is_empty());
    assert!(g["evidence"].as_array().unwrap().is_empty());
    let h = headline(&app, DAY).await;
    assert_eq!(fig(&h, "goals.total")["value"], 38.0);
    assert_eq!(fig(&h, "goals.achieved")["value"], 14.0);
}
