//! A registration step refused on the recognition page (the registration
//! moved on meanwhile) comes back with its note as typed.

use crate::helpers::TestApp;
use reqwest::{Method, StatusCode};
use serde_json::json;

#[tokio::test]
async fn a_refused_step_keeps_its_note() {
    let app = TestApp::spawn().await;
    let xa = app.token("xa").await;
    let (s, reg) = app
        .send_as(
            &xa,
            Method::POST,
            "/api/v1/units/04387/registrations",
            &json!({"level": "cds", "year": 2022, "on": "2022-06-30"}),
        )
        .await;
    assert!(s.is_success(), "{reg}");
    let id = reg["id"].as_i64().unwrap();
    let (client, csrf) = app.login("xa").await;
    let before = app.audit().await.len();
    let (status, html) = app
        .post_form(
            &client,
            &format!("/registrations/{id}/steps"),
            &[
                ("_csrf", csrf.as_str()),
                ("action", "submit"),
                ("version", "999"),
                ("on", "2022-06-30"),
                ("note", "Xã đã hoàn thành tự đánh giá"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        html.contains(r#"id="step-submit-error""#),
        "the reason above the form"
    );
    assert!(
        html.contains(r#"value="Xã đã hoàn thành tự đánh giá""#),
        "the note stays"
    );
    assert_eq!(app.audit().await.len(), before, "nothing was written");
}
