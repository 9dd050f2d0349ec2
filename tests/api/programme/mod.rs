//! Criteria sets, commune registration and recognition, the DTI-style
//! index: the demo's figures, the three-role workflow, the explanation
//! following the records at once, and every bad input refused with nothing
//! written.

use crate::helpers::TestApp;
use chrono::NaiveDate;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use tinhso::service::Actor;
use tinhso::service::accounts::{self, GrantInput, NewUser};

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

#[tokio::test]
async fn the_demo_has_the_articles_registrations_and_dti_ranks() {
    let app = TestApp::spawn().await;
    let (s, h) = app
        .get_json(&format!("/api/v1/units/15/headline?on={DAY}"))
        .await;
    assert_eq!(s, StatusCode::OK, "{h}");
    assert_eq!(figure(&h, "registrations.total")["value"], 72.0);
    assert_eq!(figure(&h, "registrations.cds")["value"], 69.0);
    assert_eq!(figure(&h, "registrations.cds_advanced")["value"], 3.0);
    assert_eq!(figure(&h, "registrations.pct")["value"], 41.6);
    assert_eq!(figure(&h, "registrations.pct")["denominator"], 173.0);
    assert_eq!(figure(&h, "dti.rank")["value"], 15.0);
    assert_eq!(figure(&h, "dti.rank")["denominator"], 63.0);
    // Earlier: the 2021 rank, and no 2022 registrations yet.
    let (_, early) = app
        .get_json("/api/v1/units/15/headline?on=2021-12-31")
        .await;
    assert_eq!(figure(&early, "dti.rank")["value"], 27.0);
    assert_eq!(figure(&early, "registrations.total")["value"], 0.0);
    // The board holds the same 72, each at a stage of the workflow.
    let (_, b) = app
        .get_json(&format!(
            "/api/v1/units/15/registrations?year=2022&on={DAY}"
        ))
        .await;
    assert_eq!(b["cards"].as_array().unwrap().len(), 72);
    let by = &b["by_status"];
    for s in [
        "registered",
        "submitted",
        "verified",
        "recognised",
        "returned",
    ] {
        assert!(by[s].as_u64().unwrap() > 0, "{s}: {by}");
    }
    // A district's share: its communes only.
    let (_, d) = app
        .get_json(&format!("/api/v1/units/136/headline?on={DAY}"))
        .await;
    let n = figure(&d, "registrations.total")["value"].as_f64().unwrap();
    assert!(
        n < 72.0
            && figure(&d, "registrations.pct")["denominator"]
                == figure(&d, "units.communes")["value"],
        "{d}"
    );
    // The index: the computed score by pillar beside the official ranks.
    let (_, ix) = app
        .get_json(&format!("/api/v1/units/15/index?year=2022&on={DAY}"))
        .await;
    assert_eq!(ix["computed"]["max_points"], 1000.0);
    let pillars = ix["computed"]["groups"].as_array().unwrap();
    assert_eq!(pillars.len(), 8);
    let max: f64 = pillars
        .iter()
        .map(|p| p["max_points"].as_f64().unwrap())
        .sum();
    assert_eq!(max, 1000.0);
    assert_eq!(ix["results"].as_array().unwrap().len(), 2);
    assert_eq!(ix["targets"][0]["rank"], 30);
    assert_eq!(ix["targets"][0]["met"], true);
    // The tables download as CSV and XLSX.
    let r = app
        .get(&format!(
            "/units/04387/recognition?year=2022&on={DAY}&format=csv"
        ))
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let csv = r.text().await.unwrap();
    assert!(csv.contains("m01,mandatory,\"Xã và 100% thôn"), "{csv}");
    assert!(
        csv.contains("teams.coverage_pct,100,100,10,10,true"),
        "{csv}"
    );
    let r = app
        .get(&format!(
            "/units/15/registrations?year=2022&on={DAY}&format=xlsx"
        ))
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(&r.bytes().await.unwrap()[..2], b"PK");
}

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

#[tokio::test]
async fn bad_registrations_are_refused_and_nothing_is_written() {
    let app = TestApp::spawn().await;
    let xa = app.token("xa").await;
    let before = app.audit().await.len();
    let reg = |body: Value, unit: &'static str| {
        let xa = xa.clone();
        let app = &app;
        async move {
            app.send_as(
                &xa,
                Method::POST,
                &format!("/api/v1/units/{unit}/registrations"),
                &body,
            )
            .await
        }
    };
    let (s, v) = reg(
        json!({ "level": "cds", "year": 2022, "on": DAY }),
        "04387001",
    )
    .await;
    assert_eq!(
        (s, v["field"].as_str()),
        (StatusCode::BAD_REQUEST, Some("unit")),
        "{v}"
    );
    let (s, v) = reg(
        json!({ "level": "xa_vang", "year": 2022, "on": DAY }),
        "04387",
    )
    .await;
    assert_eq!(
        (s, v["field"].as_str()),
        (StatusCode::BAD_REQUEST, Some("level")),
        "{v}"
    );
    assert!(
        v["message"].as_str().unwrap().contains("cds_advanced"),
        "{v}"
    );
    let (s, v) = reg(json!({ "level": "cds", "year": 2019, "on": DAY }), "04387").await;
    assert_eq!(
        (s, v["field"].as_str()),
        (StatusCode::BAD_REQUEST, Some("year")),
        "{v}"
    );
    let (s, v) = reg(
        json!({ "level": "cds", "year": 2022, "on": "2099-01-01" }),
        "04387",
    )
    .await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "{v}");
    // Another commune is outside the officer's scope.
    let (s, _) = reg(json!({ "level": "cds", "year": 2022, "on": DAY }), "04390").await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    // The public and viewers cannot register.
    let (s, _) = app
        .send_as(
            "",
            Method::POST,
            "/api/v1/units/04387/registrations",
            &json!({}),
        )
        .await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    let xem = app.token("xem").await;
    let (s, _) = app
        .send_as(
            &xem,
            Method::POST,
            "/api/v1/units/04387/registrations",
            &json!({ "level": "cds", "year": 2022, "on": DAY }),
        )
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    assert_eq!(app.audit().await.len(), before, "nothing written");
    assert_eq!(registrations_total(&app).await, 72.0);
    // A second registration for the same year.
    let (s, _) = reg(json!({ "level": "cds", "year": 2022, "on": DAY }), "04387").await;
    assert_eq!(s, StatusCode::CREATED);
    let (s, v) = reg(
        json!({ "level": "cds_advanced", "year": 2022, "on": DAY }),
        "04387",
    )
    .await;
    assert_eq!(s, StatusCode::CONFLICT, "{v}");
    assert_eq!(registrations_total(&app).await, 73.0);
}

async fn upload(
    app: &TestApp,
    token: &str,
    id: i64,
    name: &str,
    bytes: &[u8],
    criterion: &str,
) -> (StatusCode, Value) {
    app.post_multipart(
        token,
        &format!("/api/v1/registrations/{id}/files"),
        crate::party::multipart_with(&[("criterion", criterion)], name, bytes),
    )
    .await
}

#[tokio::test]
async fn evidence_files_are_checked_by_content_and_size() {
    let app = TestApp::spawn().await;
    let xa = app.token("xa").await;
    let (_, r) = app
        .send_as(
            &xa,
            Method::POST,
            "/api/v1/units/04387/registrations",
            &json!({ "level": "cds", "year": 2022, "on": DAY }),
        )
        .await;
    let id = r["id"].as_i64().unwrap();
    let send = |name: &'static str, bytes: Vec<u8>, criterion: &'static str| {
        let app = &app;
        let xa = xa.clone();
        async move { upload(app, &xa, id, name, &bytes, criterion).await }
    };
    let before = app.audit().await.len();
    let (s, v) = send(
        "bao-cao.pdf",
        b"<html><script>alert(1)</script></html>".to_vec(),
        "m04",
    )
    .await;
    assert_eq!(s, StatusCode::UNSUPPORTED_MEDIA_TYPE, "{v}");
    let big = [b"%PDF-1.4\n".to_vec(), vec![b'x'; 11 << 20]].concat();
    let (s, _) = send("lon.pdf", big, "m04").await;
    assert_eq!(s, StatusCode::PAYLOAD_TOO_LARGE);
    let (s, v) = send("bao-cao.pdf", b"%PDF-1.4\n%%EOF\n".to_vec(), "zz9").await;
    assert_eq!(
        (s, v["field"].as_str()),
        (StatusCode::BAD_REQUEST, Some("criterion")),
        "{v}"
    );
    assert_eq!(app.audit().await.len(), before, "nothing written");
    let (s, v) = send("../../bao-cao.pdf", b"%PDF-1.4\n%%EOF\n".to_vec(), "m04").await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    assert_eq!(v["file_name"], "bao-cao.pdf");
    let (_, reg) = app
        .get_as(&xa, &format!("/api/v1/registrations/{id}"))
        .await;
    assert_eq!(reg["files"][0]["criterion"], "m04");
    // The district cannot attach the commune's evidence.
    let huyen = app.token("huyen").await;
    let (s, _) = upload(&app, &huyen, id, "x.pdf", b"%PDF-1.4\n", "").await;
    assert_eq!(s, StatusCode::FORBIDDEN);
}

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
