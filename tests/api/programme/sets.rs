//! Criteria sets validated whole and edited with their version; DTI
//! results validated and kept by the province.

use super::*;
use crate::helpers::TestApp;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

#[tokio::test]
async fn criteria_sets_are_validated_whole_and_edited_with_their_version() {
    let app = TestApp::spawn().await;
    let tinh = app.token("tinh").await;
    let id = set_id(&app, "xa_cds").await;
    let (_, set) = app.get_json(&format!("/api/v1/criteria-sets/{id}")).await;
    let version = set["version"].as_i64().unwrap();
    let def = set["definition"].clone();
    let put = |def: Value, version: i64| {
        let app = &app;
        let tinh = tinh.clone();
        async move {
            app.send_as(
                &tinh,
                Method::PUT,
                &format!("/api/v1/criteria-sets/{id}"),
                &json!({ "version": version, "definition": def }),
            )
            .await
        }
    };
    let before = app.audit().await.len();
    // A rule naming a missing indicator.
    let mut bad = def.clone();
    bad["criteria"][1]["source"] = json!("households.nothing_pct");
    let (s, v) = put(bad, version).await;
    assert_eq!(
        (s, v["field"].as_str()),
        (StatusCode::BAD_REQUEST, Some("criteria[1].source")),
        "{v}"
    );
    // Criteria reading each other in a cycle.
    let mut bad = def.clone();
    bad["criteria"][2]["source"] = json!("criterion:m04");
    bad["criteria"][3]["source"] = json!("criterion:m03");
    let (s, v) = put(bad, version).await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "{v}");
    assert!(v["message"].as_str().unwrap().contains("cycle"), "{v}");
    // Points beyond the criterion's maximum.
    let mut bad = def.clone();
    bad["criteria"][1]["scoring"]["steps"][2]["points"] = json!(15);
    let (s, v) = put(bad, version).await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "{v}");
    assert_eq!(v["field"], "criteria[1].scoring.steps[2].points");
    // A level requiring a criterion that does not exist.
    let mut bad = def.clone();
    bad["levels"][0]["requires"] = json!(["m99"]);
    let (s, v) = put(bad, version).await;
    assert_eq!(
        (s, v["field"].as_str()),
        (StatusCode::BAD_REQUEST, Some("levels[0].requires")),
        "{v}"
    );
    // A level with registrations cannot go.
    let mut bad = def.clone();
    bad["levels"] = json!([bad["levels"][0].clone()]);
    let (s, v) = put(bad, version).await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "{v}");
    assert_eq!(app.audit().await.len(), before, "nothing written");
    // A good edit, then the same edit on the stale version.
    let mut good = def.clone();
    good["levels"][0]["extended_min_pct"] = json!(40);
    let (s, v) = put(good.clone(), version).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["version"], version + 1);
    let (s, v) = put(good, version).await;
    assert_eq!(s, StatusCode::CONFLICT, "{v}");
    // A district officer may not edit the province's set.
    let huyen = app.token("huyen").await;
    let (s, _) = app
        .send_as(
            &huyen,
            Method::PUT,
            &format!("/api/v1/criteria-sets/{id}"),
            &json!({ "version": version + 1, "definition": def }),
        )
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn dti_results_are_validated_and_kept_by_the_province() {
    let app = TestApp::spawn().await;
    let tinh = app.token("tinh").await;
    let post = |body: Value, who: String| {
        let app = &app;
        async move {
            app.send_as(&who, Method::POST, "/api/v1/units/15/index/results", &body)
                .await
        }
    };
    let (s, v) = post(
        json!({ "year": 2023, "rank": 70, "ranked_of": 63, "published_on": "2023-05-01" }),
        tinh.clone(),
    )
    .await;
    assert_eq!(
        (s, v["field"].as_str()),
        (StatusCode::BAD_REQUEST, Some("rank")),
        "{v}"
    );
    let (s, _) = post(
        json!({ "year": 2022, "rank": 14, "ranked_of": 63, "published_on": "2022-05-01" }),
        tinh.clone(),
    )
    .await;
    assert_eq!(s, StatusCode::CONFLICT);
    let huyen = app.token("huyen").await;
    let (s, _) = post(
        json!({ "year": 2023, "rank": 10, "ranked_of": 63, "published_on": "2023-05-01" }),
        huyen,
    )
    .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, v) = post(
        json!({ "year": 2023, "rank": 10, "ranked_of": 63, "published_on": "2023-05-01" }),
        tinh,
    )
    .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let (_, h) = app
        .get_json("/api/v1/units/15/headline?on=2023-06-30")
        .await;
    assert_eq!(figure(&h, "dti.rank")["value"], 10.0);
    let (_, h) = app
        .get_json(&format!("/api/v1/units/15/headline?on={DAY}"))
        .await;
    assert_eq!(figure(&h, "dti.rank")["value"], 15.0);
    let (s, v) = app
        .get_json(&format!("/api/v1/units/136/index?year=2022&on={DAY}"))
        .await;
    assert_eq!(
        (s, v["field"].as_str()),
        (StatusCode::BAD_REQUEST, Some("unit")),
        "{v}"
    );
}
