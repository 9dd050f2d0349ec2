//! Programme management, parts 1 and 2: DX goals and pilot DX models. The
//! demo's figures on province 15 (14 of 38 goals achieved, 10 models
//! deployed, 6 effective on 2022-06-30), a status change that moves the
//! count from its day on, access, evidence, and every bad input refused
//! with nothing written.

use crate::helpers::TestApp;
use crate::party::{PDF, multipart};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

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

#[tokio::test]
async fn the_demo_reproduces_the_articles_programme_figures() {
    let app = TestApp::spawn().await;
    let v = headline(&app, DAY).await;
    assert_eq!(fig(&v, "goals.total")["value"], 38.0, "{v}");
    assert_eq!(fig(&v, "goals.achieved")["value"], 14.0, "{v}");
    assert_eq!(fig(&v, "goals.achieved")["numerator"], 14.0);
    assert_eq!(fig(&v, "goals.achieved")["denominator"], 38.0);
    assert_eq!(fig(&v, "models.deployed")["value"], 10.0, "{v}");
    assert_eq!(fig(&v, "models.effective")["value"], 6.0, "{v}");
    assert_eq!(fig(&v, "models.effective")["denominator"], 10.0);

    // The public reads the board and the registry, and they agree.
    let (s, b) = app
        .get_json(&format!("/api/v1/units/15/goals?on={DAY}"))
        .await;
    assert_eq!(s, StatusCode::OK, "{b}");
    assert_eq!(
        (b["total"].as_u64(), b["achieved"].as_u64()),
        (Some(38), Some(14))
    );
    assert!(
        b["overdue"].as_u64().unwrap() >= 3,
        "some goals are overdue: {}",
        b["overdue"]
    );
    let linked_met = b["goals"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|g| g["link"]["met"] == true && g["history"].as_array().unwrap().is_empty())
        .count();
    assert_eq!(linked_met, 4, "four goals are achieved from the records");
    let coverage = goal(&app, "MT-01").await;
    assert_eq!(coverage["link"]["key"], "teams.coverage_pct");
    assert_eq!(coverage["state"], "achieved");
    let (s, r) = app
        .get_json(&format!("/api/v1/units/15/models?on={DAY}"))
        .await;
    assert_eq!(s, StatusCode::OK, "{r}");
    assert_eq!(
        (r["deployed"].as_u64(), r["effective"].as_u64()),
        (Some(10), Some(6))
    );
    let names: Vec<&str> = r["models"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["status"] == "effective")
        .map(|m| m["name"].as_str().unwrap())
        .collect();
    for must in [
        "Trường học số",
        "Sổ tay đảng viên điện tử",
        "Tổ công nghệ số cộng đồng",
    ] {
        assert!(names.contains(&must), "{must} is effective: {names:?}");
    }
    // Earlier in the year fewer were achieved; later, more.
    let jan = headline(&app, "2022-01-31").await;
    assert!(fig(&jan, "goals.achieved")["value"].as_f64().unwrap() < 14.0);
    let dec = headline(&app, "2022-12-31").await;
    assert!(fig(&dec, "goals.achieved")["value"].as_f64().unwrap() > 14.0);
    // Văn Yên counts the models deployed inside it.
    let (_, vy) = app
        .get_json(&format!("/api/v1/units/136/headline?on={DAY}"))
        .await;
    assert_eq!(fig(&vy, "goals.total")["value"], 0.0);
    assert!(fig(&vy, "models.deployed")["value"].as_f64().unwrap() >= 3.0);
}

#[tokio::test]
async fn marking_a_goal_moves_the_count_from_its_day_on() {
    let app = TestApp::spawn().await;
    let tinh = app.token("tinh").await;
    let g = goal(&app, "MT-03").await;
    assert_eq!(g["achieved"], false);
    let id = g["id"].as_i64().unwrap();
    let (s, e) = upload(&app, &tinh, id, "bao-cao.pdf", PDF).await;
    assert_eq!(s, StatusCode::CREATED, "{e}");
    let evidence = e[0]["id"].as_i64().unwrap();
    let (s, v) = app
        .send_as(
            &tinh,
            Method::POST,
            &format!("/api/v1/goals/{id}/status"),
            &json!({"status": "achieved", "on": "2022-06-15", "note": "Báo cáo của Sở Nội vụ",
                    "evidence_url": "https://snv.yenbai.gov.vn/bao-cao", "evidence_ids": [evidence]}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    assert_eq!(v["by_name"], "Cán bộ Sở TT&TT Yên Bái");
    for (on, want) in [("2022-06-14", 14.0), ("2022-06-15", 15.0), (DAY, 15.0)] {
        let h = headline(&app, on).await;
        assert_eq!(fig(&h, "goals.achieved")["value"], want, "on {on}");
    }
    let g = goal(&app, "MT-03").await;
    assert_eq!(g["state"], "achieved");
    assert_eq!(g["history"][0]["status"], "achieved");
    let ev = g["evidence"].as_array().unwrap();
    assert_eq!(ev.len(), 2, "the file and the link: {ev:?}");
    assert!(ev.iter().all(|e| e["status_id"] == g["history"][0]["id"]));
    // The file downloads for a signed-in officer, not for the public.
    let r = app
        .client()
        .get(app.url(&format!("/api/v1/goals/{id}/evidence/{evidence}")))
        .bearer_auth(&tinh)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.headers()["content-type"], "application/pdf");
    assert_eq!(r.bytes().await.unwrap().as_ref(), PDF);
    let r = app
        .get(&format!("/api/v1/goals/{id}/evidence/{evidence}"))
        .await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    let audit = app.audit().await;
    assert!(
        audit.iter().any(|e| e.entity == "dx_goal"
            && e.action == "status"
            && e.entity_id == id.to_string())
    );
    // Withdrawn later: achieved between the two days only.
    let (s, v) = app
        .send_as(
            &tinh,
            Method::POST,
            &format!("/api/v1/goals/{id}/status"),
            &json!({"status": "not_achieved", "on": "2022-06-20", "note": "Kiểm tra lại"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    assert_eq!(
        fig(&headline(&app, "2022-06-17").await, "goals.achieved")["value"],
        15.0
    );
    assert_eq!(
        fig(&headline(&app, DAY).await, "goals.achieved")["value"],
        14.0
    );
}

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
    assert!(
        v["message"].as_str().unwrap().contains("not the next step"),
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

#[tokio::test]
async fn writes_outside_ones_area_are_forbidden() {
    let app = TestApp::spawn().await;
    let g = goal(&app, "MT-08").await;
    let id = g["id"].as_i64().unwrap();
    let body = json!({"status": "achieved", "on": "2022-06-01"});
    let before = app.audit().await.len();
    // A district officer, a viewer, a team member: not officers of the province.
    for user in ["huyen", "xem", "todan"] {
        let t = app.token(user).await;
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
    // Signed in, a commune officer works inside the commune only.
    let xa = app.token("xa").await;
    let (s, _) = app
        .get_as(&xa, &format!("/api/v1/units/15/goals?on={DAY}"))
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
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
            json!({"status": "achieved", "on": "30/06/2022"}),
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

#[tokio::test]
async fn boards_render_and_export() {
    let app = TestApp::spawn().await;
    let html = app
        .get(&format!("/units/15/goals?on={DAY}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("14/38"), "the board shows 14/38");
    assert!(html.contains("Mục tiêu chuyển đổi số"));
    assert!(html.contains("Quá hạn"));
    let html = app
        .get(&format!("/units/15/models?on={DAY}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("Trường học số") && html.contains("Phát huy hiệu quả"));
    let r = app
        .get(&format!("/units/15/goals/export?format=csv&on={DAY}"))
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let csv = r.text().await.unwrap();
    assert_eq!(csv.lines().count(), 39, "a header and 38 goals");
    assert!(csv.contains("MT-01") && csv.contains("teams.coverage_pct"));
    let r = app
        .get(&format!("/units/15/models/export?format=xlsx&on={DAY}"))
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(&r.bytes().await.unwrap()[..2], b"PK");
}

/// Post a page form as a signed-in client; gives the redirect's target and
/// the page it leads to (with its flash message).
async fn post_form(
    app: &TestApp,
    client: &reqwest::Client,
    path: &str,
    form: &[(&str, &str)],
) -> (String, String) {
    let r = client.post(app.url(path)).form(form).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{path}");
    let to = r.headers()["location"].to_str().unwrap().to_owned();
    let html = client
        .get(app.url(&to))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    (to, html)
}

#[tokio::test]
async fn the_boards_forms_write_through_the_service_and_name_refused_fields() {
    let app = TestApp::spawn().await;
    let board = format!("/units/15/goals?on={DAY}");
    // The forms are shown to the province's officers only.
    let public = app.get(&board).await.text().await.unwrap();
    assert!(!public.contains("id=\"goal-new\""));
    let (huyen, _) = app.login("huyen").await;
    let html = huyen.get(app.url(&board)).send().await.unwrap();
    assert!(!html.text().await.unwrap().contains("id=\"goal-new\""));
    let (tinh, csrf) = app.login("tinh").await;
    let html = tinh.get(app.url(&board)).send().await.unwrap();
    assert!(html.text().await.unwrap().contains("id=\"goal-new\""));

    let goal = |code: &'static str, deadline: &'static str, threshold: &'static str| {
        vec![
            ("_csrf", csrf.clone()),
            ("back", board.clone()),
            ("board_day", DAY.to_owned()),
            ("period", "2023".to_owned()),
            ("code", code.to_owned()),
            ("text_vi", "Phủ sóng tổ công nghệ số cộng đồng".to_owned()),
            ("owner", "Sở Thông tin và Truyền thông".to_owned()),
            ("deadline", deadline.to_owned()),
            ("judged", "figure".to_owned()),
            ("link_key", "teams.coverage_pct".to_owned()),
            ("threshold", threshold.to_owned()),
            ("direction", "higher_is_better".to_owned()),
        ]
    };
    let before = app.audit().await.len();
    // Refusals come back to the board naming the field; nothing is written.
    for (form, field) in [
        (goal("MT-T1", "2022-12-31", "95"), "Hạn (deadline)"),
        (
            goal("MT-T1", "2023-12-31", "nhiều"),
            "Ngưỡng cần đạt (threshold)",
        ),
        (goal("MT 1", "2023-12-31", "95"), "Mã mục tiêu (code)"),
        (
            goal("MT-T1", "2023-12-31", ""),
            "Ngưỡng cần đạt (threshold)",
        ),
    ] {
        let (to, html) = post_form(&app, &tinh, "/units/15/goals", &form_ref(&form)).await;
        assert_eq!(to, board);
        assert!(
            html.contains("flash error") && html.contains(field),
            "{field}"
        );
    }
    assert_eq!(app.audit().await.len(), before, "nothing was written");

    // A goal of the 2023 programme: shown on a 2023 board, not on 2022's.
    let form = goal("MT-T1", "2023-12-31", "95,5");
    let (to, html) = post_form(&app, &tinh, "/units/15/goals", &form_ref(&form)).await;
    assert!(
        to.starts_with("/units/15/goals?on=2023-") && to.ends_with("#goal-MT-T1"),
        "{to}"
    );
    assert!(html.contains("flash ok") && html.contains("data-code=\"MT-T1\""));
    assert!(html.contains("teams.coverage_pct") && html.contains("≥ 95.5"));
    let (_, b) = app
        .get_json(&format!("/api/v1/units/15/goals?on={DAY}"))
        .await;
    assert_eq!(
        (b["total"].as_u64(), b["achieved"].as_u64()),
        (Some(38), Some(14))
    );
    // The same code again is a conflict on the code.
    let (_, html) = post_form(&app, &tinh, "/units/15/goals", &form_ref(&form)).await;
    assert!(html.contains("flash error") && html.contains("Mã mục tiêu (code)"));

    // A model: added, deployed and judged through the registry's forms.
    let registry = "/units/15/models?on=2023-06-30".to_owned();
    let (to, html) = post_form(
        &app,
        &tinh,
        "/units/15/models",
        &[
            ("_csrf", csrf.as_str()),
            ("back", registry.as_str()),
            ("board_day", "2023-06-30"),
            ("name", "Chợ nông sản số Trấn Yên"),
            ("field", "agriculture"),
            ("planned_on", "2023-01-10"),
            ("indicators", "teams.coverage_pct"),
        ],
    )
    .await;
    assert!(
        html.contains("flash ok") && html.contains("Chợ nông sản số Trấn Yên"),
        "{to}"
    );
    let id: i64 = to.rsplit("#model-").next().unwrap().parse().unwrap();
    assert!(to.starts_with("/units/15/models?on=2023-06-30#"), "{to}");
    let deploy = format!("/models/{id}/deployments");
    let status = format!("/models/{id}/status");
    let before = app.audit().await.len();
    for (path, form, field) in [
        (
            &deploy,
            vec![("unit", "99999"), ("on", "2023-02-01")],
            "(unit)",
        ),
        (
            &deploy,
            vec![("unit", "136"), ("on", "ngày mai")],
            "Ngày (on)",
        ),
        (
            &status,
            vec![("status", "deployed"), ("on", "2023-02-01")],
            "Trạng thái (status)",
        ),
        (
            &status,
            vec![
                ("status", "effective"),
                ("on", "2023-02-01"),
                ("evaluation", "Tốt"),
            ],
            "Trạng thái (status)",
        ),
    ] {
        let mut form = form;
        form.extend([
            ("_csrf", csrf.as_str()),
            ("back", registry.as_str()),
            ("board_day", "2023-06-30"),
        ]);
        let (to, html) = post_form(&app, &tinh, path, &form).await;
        assert_eq!(to, registry);
        assert!(
            html.contains("flash error") && html.contains(field),
            "{path} {field}"
        );
    }
    assert_eq!(app.audit().await.len(), before, "nothing was written");
    let common = [
        ("_csrf", csrf.as_str()),
        ("back", registry.as_str()),
        ("board_day", "2023-06-30"),
    ];
    for (path, form) in [
        (&deploy, vec![("unit", "138"), ("on", "2023-02-01")]),
        (&status, vec![("status", "deployed"), ("on", "2023-02-01")]),
    ] {
        let mut form = form;
        form.extend(common);
        let (_, html) = post_form(&app, &tinh, path, &form).await;
        assert!(html.contains("flash ok"), "{path}");
    }
    // A verdict needs its evaluation.
    let mut verdict = vec![
        ("status", "effective"),
        ("on", "2023-06-30"),
        ("evaluation", " "),
    ];
    verdict.extend(common);
    let (_, html) = post_form(&app, &tinh, &status, &verdict).await;
    assert!(html.contains("flash error") && html.contains("Đánh giá (evaluation)"));
    verdict[2].1 = "Doanh số qua sàn tăng 30%";
    let (_, html) = post_form(&app, &tinh, &status, &verdict).await;
    assert!(html.contains("flash ok") && html.contains("Doanh số qua sàn tăng 30%"));
    let (_, r) = app.get_json("/api/v1/units/15/models?on=2023-06-30").await;
    let m = r["models"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["id"] == id)
        .unwrap();
    assert_eq!(m["status"], "effective");
    assert_eq!(m["deployments"][0]["unit_code"], "138");
    // The 2022 figures stand.
    let v = headline(&app, DAY).await;
    assert_eq!(fig(&v, "models.deployed")["value"], 10.0, "{v}");
    assert_eq!(fig(&v, "models.effective")["value"], 6.0, "{v}");
}

fn form_ref<'a>(form: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    form.iter().map(|(k, v)| (*k, v.as_str())).collect()
}
