//! Bad input to the indicator engine, the ledger and the teams: each is
//! refused with the field and the reason, and nothing is written.

use crate::helpers::TestApp;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

async fn writes(app: &TestApp) -> (usize, usize) {
    let counters = tinhso::store::ledger::all_counters(app.ctx.db())
        .await
        .unwrap()
        .len();
    (counters, app.audit().await.len())
}

fn refused(s: StatusCode, v: &Value, field: &str, needle: &str) {
    assert_eq!(s, StatusCode::BAD_REQUEST, "{v}");
    assert!(
        v["field"].as_str().unwrap_or("").ends_with(field),
        "field {field}: {v}"
    );
    assert!(
        v["message"].as_str().unwrap().contains(needle),
        "{needle}: {v}"
    );
}

async fn khe_banh(app: &TestApp) -> String {
    let (_, hits) = app
        .get_json("/api/v1/units/search?q=khe%20banh&on=2022-06-30")
        .await;
    hits["items"][0]["code"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn bad_metrics_formulas_periods_and_values() {
    let app = TestApp::spawn().await;
    let admin = app.token("admin").await;
    let kb = khe_banh(&app).await;
    let before = writes(&app).await;
    let post = |path: &'static str, body: Value| {
        let admin = admin.clone();
        let app = &app;
        async move { app.send_as(&admin, Method::POST, path, &body).await }
    };
    let (s, v) = post(
        "/api/v1/values",
        json!({"metric": "nope", "unit": kb, "period": "2022-06", "value": 1}),
    )
    .await;
    refused(s, &v, "metric", "nope");
    let (s, v) = post(
        "/api/v1/values",
        json!({"metric": "org_members_women", "unit": kb, "period": "2022-13", "value": 1}),
    )
    .await;
    refused(s, &v, "period", "2022-13");
    let (s, v) = post(
        "/api/v1/values",
        json!({"metric": "org_members_women", "unit": kb, "period": "2022-06", "value": 3.5}),
    )
    .await;
    refused(s, &v, "value", "whole number");
    let (s, v) = post(
        "/api/v1/values",
        json!({"metric": "org_members_women", "unit": kb, "period": "2022-06", "value": 20000}),
    )
    .await;
    refused(s, &v, "value", "at most");
    let (s, v) = post(
        "/api/v1/values",
        json!({"metric": "org_members_women", "unit": "04387", "period": "2022-06", "value": 5}),
    )
    .await;
    refused(s, &v, "unit", "village");
    // A rule: members in the group chat cannot exceed members.
    let (s, v) = post("/api/v1/values", json!({"metric": "org_in_group_women", "unit": kb, "period": "2022-06", "value": 9999, "version": 1})).await;
    refused(s, &v, "value", "org_in_group_women <= org_members_women");
    let (s, v) = post(
        "/api/v1/indicators",
        json!({"code": "bad_one", "name_vi": "x", "name_en": "x", "formula": "100 * / households"}),
    )
    .await;
    refused(s, &v, "formula", "position 7");
    let (s, v) = post(
        "/api/v1/indicators",
        json!({"code": "loop_a", "name_vi": "x", "name_en": "x", "formula": "loop_a + 1"}),
    )
    .await;
    refused(s, &v, "formula", "refers to itself");
    let (s, v) = post(
        "/api/v1/indicators",
        json!({"code": "ghost", "name_vi": "x", "name_en": "x", "formula": "unknown_thing * 2"}),
    )
    .await;
    refused(s, &v, "formula", "unknown code");
    let (s, v) = post("/api/v1/metrics", json!({"code": "Bad Code", "name_vi": "x", "name_en": "x", "value_type": "count", "hierarchy_aggregation": "sum", "time_aggregation": "last", "entry_level": "village"})).await;
    refused(s, &v, "code", "code");
    assert_eq!(writes(&app).await, before);
    // Division by zero is "no value", not an error.
    let (s, v) = post("/api/v1/indicators", json!({"code": "zero_div", "name_vi": "Chia 0", "name_en": "Zero", "formula": "households / (households - households)"})).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let (_, ind) = app
        .get_json("/api/v1/units/15/indicators?on=2022-06-30")
        .await;
    let z = ind["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["code"] == "zero_div")
        .unwrap();
    assert!(z["value"].is_null());
}

#[tokio::test]
async fn a_stale_edit_is_refused() {
    let app = TestApp::spawn().await;
    let officer = app.token("xa").await;
    let kb = khe_banh(&app).await;
    let body = |value: f64, version: Option<i64>| json!({"metric": "org_members_youth", "unit": kb, "period": "2022-06", "value": value, "version": version});
    // The demo entered 2022-06 already: writing without its version is refused.
    let (s, v) = app
        .send_as(&officer, Method::POST, "/api/v1/values", &body(80.0, None))
        .await;
    assert_eq!(s, StatusCode::CONFLICT, "{v}");
    assert!(v["message"].as_str().unwrap().contains("version 1"));
    let (s, v) = app
        .send_as(
            &officer,
            Method::POST,
            "/api/v1/values",
            &body(70.0, Some(1)),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["version"], 2);
    // Someone still holding version 1 is refused, not silently overwritten.
    let (s, v) = app
        .send_as(
            &officer,
            Method::POST,
            "/api/v1/values",
            &body(90.0, Some(1)),
        )
        .await;
    assert_eq!(s, StatusCode::CONFLICT, "{v}");
    assert!(v["message"].as_str().unwrap().contains("stale"));
}

#[tokio::test]
async fn bad_households_and_adoptions() {
    let app = TestApp::spawn().await;
    let todan = app.token("todan").await;
    let xa = app.token("xa").await;
    let kb = khe_banh(&app).await;
    let before = writes(&app).await;
    let (s, v) = app
        .send_as(
            &xa,
            Method::POST,
            "/api/v1/units/04387/households?on=2022-06-30",
            &json!({"code": "NEW-1"}),
        )
        .await;
    refused(s, &v, "village", "village");
    let (s, v) = app
        .send_as(
            &todan,
            Method::POST,
            &format!("/api/v1/units/{kb}/households?on=2022-06-30"),
            &json!({"code": format!("{kb}-0001")}),
        )
        .await;
    refused(s, &v, "code", "already used");
    let batch = json!({"items": [{"code": "DUP-1"}, {"code": "OK-2"}, {"code": "DUP-1"}]});
    let (s, v) = app
        .send_as(
            &todan,
            Method::POST,
            &format!("/api/v1/units/{kb}/households?on=2022-06-30"),
            &batch,
        )
        .await;
    refused(s, &v, "items[2].code", "already used");
    let (s, v) = app
        .send_as(
            &todan,
            Method::POST,
            &format!("/api/v1/units/{kb}/households?on=2022-06-30"),
            &json!({"code": "BAD CODE!"}),
        )
        .await;
    refused(s, &v, "code", "household code");
    let (_, list) = app
        .get_as(
            &todan,
            &format!("/api/v1/units/{kb}/households?on=2022-06-30"),
        )
        .await;
    let hh = list["items"][0]["id"].as_i64().unwrap();
    let url = format!("/api/v1/households/{hh}/adoptions");
    let (s, v) = app
        .send_as(
            &todan,
            Method::POST,
            &url,
            &json!({"kind": "vneid", "date": "2099-01-01"}),
        )
        .await;
    refused(s, &v, "date", "future");
    let (s, v) = app
        .send_as(&todan, Method::POST, &url, &json!({"kind": "fax_machine"}))
        .await;
    refused(s, &v, "kind", "fax_machine");
    // A team member of another commune cannot be named as the helper.
    let (_, teams) = app.get_as(&xa, "/api/v1/units/136/headline").await;
    let _ = teams;
    let (_, far) = app
        .get_json("/api/v1/units/04390/teams?on=2022-06-30")
        .await;
    let stranger = far["items"][0]["members"][0]["id"].as_i64().unwrap();
    let (s, v) = app
        .send_as(
            &todan,
            Method::POST,
            &url,
            &json!({"kind": "telemedicine", "date": "2022-06-01", "member_id": stranger}),
        )
        .await;
    refused(s, &v, "member_id", "another");
    // ...nor join a guidance session of this commune's team.
    let (_, near) = app
        .get_json(&format!("/api/v1/units/{kb}/teams?on=2022-06-30"))
        .await;
    let team = near["items"][0]["id"].as_i64().unwrap();
    let session = json!({"held_on": "2022-06-10", "topic": "Cài VNeID", "member_ids": [stranger]});
    let (s, v) = app
        .send_as(
            &xa,
            Method::POST,
            &format!("/api/v1/teams/{team}/sessions"),
            &session,
        )
        .await;
    refused(s, &v, "member_ids[0]", "another commune");
    assert_eq!(writes(&app).await, before, "nothing was written");
}

#[tokio::test]
async fn teams_and_sessions_are_recorded_and_counted() {
    let app = TestApp::spawn().await;
    let xa = app.token("xa").await;
    let kb = khe_banh(&app).await;
    let (_, near) = app
        .get_json(&format!("/api/v1/units/{kb}/teams?on=2022-06-30"))
        .await;
    let team = &near["items"][0];
    let team_id = team["id"].as_i64().unwrap();
    let member = team["members"][0]["id"].as_i64().unwrap();
    let (_, before) = app
        .get_json("/api/v1/units/15/headline?on=2022-06-30")
        .await;
    let new = json!({"members": [{"full_name": "Lò Văn Mới", "affiliation": "youth_union", "joined_on": "2022-06-01"}, {"full_name": "Hà Thị Hai", "role": "deputy", "affiliation": "womens_union", "joined_on": "2022-06-02"}]});
    let (s, v) = app
        .send_as(
            &xa,
            Method::POST,
            &format!("/api/v1/teams/{team_id}/members?on=2022-06-30"),
            &new,
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let (_, after) = app
        .get_json("/api/v1/units/15/headline?on=2022-06-30")
        .await;
    assert_eq!(
        value(&after, "teams.members"),
        value(&before, "teams.members") + 2.0
    );
    let bad = json!({"full_name": "X", "affiliation": "mafia"});
    let (s, v) = app
        .send_as(
            &xa,
            Method::POST,
            &format!("/api/v1/teams/{team_id}/members"),
            &bad,
        )
        .await;
    refused(s, &v, "affiliation", "mafia");
    let session = json!({"held_on": "2022-06-10", "topic": "Hướng dẫn cài VNeID", "households": 12, "member_ids": [member]});
    let (s, v) = app
        .send_as(
            &xa,
            Method::POST,
            &format!("/api/v1/teams/{team_id}/sessions"),
            &session,
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let (s, _) = app
        .send_as(
            &xa,
            Method::POST,
            &format!("/api/v1/units/{kb}/teams?on=2022-06-30"),
            &json!({"name": "Tổ thứ hai"}),
        )
        .await;
    assert_eq!(s, StatusCode::CONFLICT, "one active team per unit");
}

fn value(v: &Value, key: &str) -> f64 {
    v["figures"][key]["value"].as_f64().unwrap()
}
