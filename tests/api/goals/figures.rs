//! The demo's programme figures, and a goal's status moving the count from
//! its day on.

use super::*;
use crate::helpers::TestApp;
use crate::party::PDF;
use reqwest::{Method, StatusCode};
use serde_json::json;

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
